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
 * middle of the widest gutter without ink between them, or to the image's edge. `ink` flags
 * what is drawn, faint or not, `strong` what is drawn darker than JPEG's speckles around text.
 */
export function regionOf(
  { ink, strong }: { ink: Uint8Array; strong: Uint8Array },
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
        box.left = Math.max(box.left, gutter(ink, strong, width, other, plot, 'x'));
      } else if (other.left >= plot.right) {
        box.right = Math.min(box.right, gutter(ink, strong, width, plot, other, 'x'));
      }
    }
    if (overlapsAcross(plot, other, 'y')) {
      if (other.bottom <= plot.top) {
        box.top = Math.max(box.top, gutter(ink, strong, width, other, plot, 'y'));
      } else if (other.top >= plot.bottom) {
        box.bottom = Math.min(box.bottom, gutter(ink, strong, width, plot, other, 'y'));
      }
    }
  }
  return box;
}

/**
 * Where to cut between plot `a` and plot `b` beyond it along `axis` (x: `b` right of `a`; y:
 * `b` below): the middle of the widest run of columns (rows) with no ink across both plots
 * (and, beside plots, their labels' margin above and below), else the one with the least ink.
 * A column (row) holding no `strong` ink and only a few pixels of faint `ink` is empty: JPEG's
 * speckles beside tick labels had left the widest empty run between a panel's y tick labels
 * and its plot, and the cut had taken the labels from it.
 */
function gutter(
  ink: Uint8Array,
  strong: Uint8Array,
  width: number,
  a: Box,
  b: Box,
  axis: 'x' | 'y',
): number {
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
  const empty = new Uint8Array(counts.length);
  const speckles = (acrossTo - acrossFrom) * DEFAULTS.speckles;
  for (let i = from; i < to; i++) {
    let [n, dark] = [0, 0];
    for (let j = acrossFrom; j < acrossTo; j++) {
      const at = axis === 'x' ? j * width + i : i * width + j;
      n += ink[at];
      dark += strong[at];
    }
    counts[i - from] = n;
    empty[i - from] = dark === 0 && n <= speckles ? 1 : 0;
  }
  const runs = findRuns(empty, 0);
  if (runs.length > 0) {
    const widest = runs.reduce((w, r) => (r.to - r.from > w.to - w.from ? r : w));
    return from + Math.round((widest.from + widest.to + 1) / 2);
  }
  let least = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] < counts[least]) least = i;
  return from + least;
}
