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
 * `b` below): in the widest run of columns (rows) with no ink across both plots, the middle of
 * its widest stretch also empty in their labels' margin above and below (beside plots), else
 * its middle; with no such run, where the least ink is. A column (row) holding no `strong` ink
 * and only a few pixels of faint `ink` is empty: JPEG's speckles beside tick labels had left
 * the widest empty run between a panel's y tick labels and its plot, and the cut had taken the
 * labels from it. The margin keeps a tick label that overhangs a plot's end on its side of the
 * cut, but it does not choose the run: a title running past its plot over the gutter had left
 * the widest run empty in the margin too between the next panel's y tick labels and its plot.
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
  const margin = axis === 'x' ? (a.bottom - a.top) * DEFAULTS.labelMargin : 0;
  const [acrossFrom, acrossTo] =
    axis === 'x'
      ? [Math.floor(Math.min(a.top, b.top)), Math.ceil(Math.max(a.bottom, b.bottom))]
      : [Math.floor(Math.min(a.left, b.left)), Math.ceil(Math.max(a.right, b.right))];
  const [marginFrom, marginTo] = [
    Math.max(0, Math.floor(acrossFrom - margin)),
    Math.min(axis === 'x' ? height : width, Math.ceil(acrossTo + margin)),
  ];
  const counts = new Uint32Array(to - from);
  // empty across the plots; and in their margins as well
  const empty = new Uint8Array(counts.length);
  const clear = new Uint8Array(counts.length);
  const speckles = (acrossTo - acrossFrom) * DEFAULTS.speckles;
  const marginSpeckles = (marginTo - marginFrom) * DEFAULTS.speckles;
  for (let i = from; i < to; i++) {
    let [n, dark, all, allDark] = [0, 0, 0, 0];
    for (let j = marginFrom; j < marginTo; j++) {
      const at = axis === 'x' ? j * width + i : i * width + j;
      all += ink[at];
      allDark += strong[at];
      if (j < acrossFrom || j >= acrossTo) continue;
      n += ink[at];
      dark += strong[at];
    }
    counts[i - from] = all;
    empty[i - from] = dark === 0 && n <= speckles ? 1 : 0;
    clear[i - from] = allDark === 0 && all <= marginSpeckles ? 1 : 0;
  }
  const widest = (runs: { from: number; to: number }[]) =>
    runs.reduce((w, r) => (r.to - r.from > w.to - w.from ? r : w));
  const runs = findRuns(empty, 0);
  if (runs.length > 0) {
    const run = widest(runs);
    const inside = findRuns(clear.subarray(run.from, run.to + 1), 0);
    const at = inside.length > 0 ? widest(inside) : { from: 0, to: run.to - run.from };
    return from + run.from + Math.round((at.from + at.to + 1) / 2);
  }
  let least = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] < counts[least]) least = i;
  return from + least;
}
