import { findRuns } from '../math.js';
import type { Box } from '../types.js';
import { DEFAULTS } from './panelDefaults.js';

/** Plots in reading order: rows (tops within `tol`) top to bottom, each left to right. */
export function readingOrder(plots: Box[], tol: number): Box[] {
  const sorted = [...plots].sort((a, b) => a.top - b.top);
  const rows: Box[][] = [];
  for (const plot of sorted) {
    const row = rows.find((r) => Math.abs(r[0].top - plot.top) <= tol);
    if (row) row.push(plot);
    else rows.push([plot]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.left - b.left));
}

/**
 * A plot's panel: grown towards each neighbour (a plot beside it, overlapping it across) to the
 * middle of the widest gutter without ink between them, or to the image's edge.
 */
export function regionOf(
  ink: Uint8Array,
  width: number,
  height: number,
  plot: Box,
  plots: Box[],
): Box {
  const overlapsAcross = (a: Box, b: Box, axis: 'x' | 'y') =>
    axis === 'x'
      ? Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top)
      : Math.min(a.right, b.right) > Math.max(a.left, b.left);
  const box = { left: 0, top: 0, right: width, bottom: height };
  for (const other of plots) {
    if (other === plot) continue;
    if (overlapsAcross(plot, other, 'x')) {
      if (other.right <= plot.left) {
        box.left = Math.max(box.left, gutter(ink, width, other, plot, 'x'));
      } else if (other.left >= plot.right) {
        box.right = Math.min(box.right, gutter(ink, width, plot, other, 'x'));
      }
    }
    if (overlapsAcross(plot, other, 'y')) {
      if (other.bottom <= plot.top) {
        box.top = Math.max(box.top, gutter(ink, width, other, plot, 'y'));
      } else if (other.top >= plot.bottom) {
        box.bottom = Math.min(box.bottom, gutter(ink, width, plot, other, 'y'));
      }
    }
  }
  return box;
}

/**
 * Where to cut between plot `a` and plot `b` beyond it along `axis` (x: `b` right of `a`; y:
 * `b` below): the middle of the widest run of columns (rows) with no ink across both plots
 * (and, beside plots, their labels' margin above and below), else the one with the least ink.
 */
function gutter(ink: Uint8Array, width: number, a: Box, b: Box, axis: 'x' | 'y'): number {
  const height = ink.length / width;
  const [from, to] =
    axis === 'x'
      ? [Math.ceil(a.right), Math.floor(b.left)]
      : [Math.ceil(a.bottom), Math.floor(b.top)];
  if (to <= from) return (from + to) / 2;
  const margin = (p: Box) => (p.bottom - p.top) * DEFAULTS.labelMargin;
  const [acrossFrom, acrossTo] =
    axis === 'x'
      ? [
          Math.max(0, Math.floor(Math.min(a.top, b.top) - margin(a))),
          Math.min(height, Math.ceil(Math.max(a.bottom, b.bottom) + margin(a))),
        ]
      : [Math.floor(Math.min(a.left, b.left)), Math.ceil(Math.max(a.right, b.right))];
  const counts = new Uint32Array(to - from);
  for (let i = from; i < to; i++) {
    let n = 0;
    for (let j = acrossFrom; j < acrossTo; j++) {
      n += axis === 'x' ? ink[j * width + i] : ink[i * width + j];
    }
    counts[i - from] = n;
  }
  const empty = new Uint8Array(counts.length);
  for (let i = 0; i < counts.length; i++) empty[i] = counts[i] === 0 ? 1 : 0;
  const runs = findRuns(empty, 0);
  if (runs.length > 0) {
    const widest = runs.reduce((w, r) => (r.to - r.from > w.to - w.from ? r : w));
    return from + Math.round((widest.from + widest.to + 1) / 2);
  }
  let least = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] < counts[least]) least = i;
  return from + least;
}
