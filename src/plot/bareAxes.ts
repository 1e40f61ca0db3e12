import { findRuns } from '../math.js';
import type { Box } from '../types.js';

const DEFAULTS = {
  /** Ink apart by at most this share of the image side (and 2 px) is one block. */
  blockGap: 0.004,
  /** The plot's block spans at least this share of the image width... */
  minWidth: 0.35,
  /** ...and of its height, with the rows of the y tick labels (the data may fill part of it). */
  minHeight: 0.3,
  /** The x tick labels (or marks) spread over at least this share of the plot's width. */
  labelSpread: 0.5,
  /** y tick labels end within this share of the image width left of the x axis line... */
  labelReach: 0.04,
  /** ...and stand at steps equal within this share... */
  evenSteps: 0.15,
  /** ...the highest at most this many times as tall as the lowest two. */
  labelHeights: 1.5,
} as const;

/**
 * The plot of a chart drawn with neither axis lines nor grid (only tick labels beside the
 * data, as Chart.js and Vega-Lite can draw it): the widest block of ink columns with ink left
 * of it (the y tick labels), and in it the tallest block of ink rows, grown to the rows of the
 * y tick labels, with ink below it (the x tick labels); blocks are ink apart by a few px at
 * most. Null when no such blocks stand apart (a photograph, a diagram).
 */
export function bareAxesBox(ink: Uint8Array, width: number, height: number): Box | null {
  const gap = (side: number) => Math.max(2, Math.round(side * DEFAULTS.blockGap));
  const profile = (box: Box, along: 'row' | 'column') => {
    const counts = new Uint8Array(along === 'column' ? width : height);
    for (let row = box.top; row < box.bottom; row++) {
      for (let column = box.left; column < box.right; column++) {
        if (ink[row * width + column]) counts[along === 'column' ? column : row] = 1;
      }
    }
    return counts;
  };
  const widest = (runs: { from: number; to: number }[]) =>
    runs.reduce<{ from: number; to: number } | null>(
      (best, run) => (!best || run.to - run.from > best.to - best.from ? run : best),
      null,
    );
  const whole = { left: 0, right: width, top: 0, bottom: height };
  const columns = widest(findRuns(profile(whole, 'column'), gap(width)));
  if (!columns || columns.to - columns.from < width * DEFAULTS.minWidth) return null;
  const across = { ...whole, left: columns.from, right: columns.to + 1 };
  const rowRuns = findRuns(profile(across, 'row'), gap(height));
  const rows = widest(rowRuns);
  if (!rows) return null;
  // Tick labels stand apart: the y axis' left of the plot (the plot spans their rows, as the
  // data need not), the x axis' below it.
  // x axis' below it: the first band of ink below the data that spans the plot's width.
  const labels = rowRuns.find((run) => {
    if (run.from <= rows.to) return false;
    const spread = profile({ ...across, top: run.from, bottom: run.to + 1 }, 'column');
    return (
      spread.lastIndexOf(1) - spread.indexOf(1) >=
      (columns.to - columns.from) * DEFAULTS.labelSpread
    );
  });
  if (!labels) return null;
  // Above the x tick labels, the y tick labels stand apart from the data (below, the first x
  // label may run into the last y label).
  const plot = widest(findRuns(profile({ ...whole, bottom: labels.from }, 'column'), gap(width)));
  if (!plot || plot.from === 0) return null;
  const leftRows = profile({ ...whole, right: plot.from, bottom: labels.from }, 'row');
  if (!leftRows.includes(1)) return null;
  const top = Math.min(rows.from, leftRows.indexOf(1));
  const bottom = Math.max(rows.to, leftRows.lastIndexOf(1)) + 1;
  // the data may fill a part of the plot only: its height is the y tick labels'
  if (bottom - top < height * DEFAULTS.minHeight) return null;
  return { left: plot.from, right: plot.to + 1, top, bottom };
}

/**
 * The top of a plot drawn with one line only, its x axis (Vega-Lite's and ggplot2's
 * minimal looks): the middle of the highest y tick label (its tick), found as the rows of ink just left of
 * the line's `start` that stand evenly spaced upward from the line (ink between them, a marker
 * on the axis, is passed over; a title off the spacing ends it). Null when fewer than three
 * labels stand so.
 */
export function labelledTop(
  ink: Uint8Array,
  width: number,
  start: number,
  bottom: number,
): number | null {
  const reach = Math.max(8, Math.round(width * DEFAULTS.labelReach));
  const rows = new Uint8Array(bottom);
  for (let row = 0; row < bottom; row++) {
    for (let column = Math.max(0, start - reach); column < start && !rows[row]; column++) {
      rows[row] = ink[row * width + column];
    }
  }
  const runs = findRuns(rows, 2).reverse();
  const centre = (run: { from: number; to: number }) => (run.from + run.to) / 2;
  if (runs.length < 3) return null;
  const step = centre(runs[0]) - centre(runs[1]);
  const slack = step * DEFAULTS.evenSteps;
  // Upward label by label, each a step above the last. Ink between them (a marker on the axis,
  // beside a label) is passed over; a label joined to such ink still holds its place. The
  // highest is a label as tall as the others where it stands: a title or a legend above the
  // labels, a step up, is taller.
  const tall = (run: { from: number; to: number }) => run.to - run.from + 1;
  const maxTall = Math.max(tall(runs[0]), tall(runs[1])) * DEFAULTS.labelHeights;
  let top = centre(runs[1]);
  let labels = 2;
  let highest = { top, labels };
  for (;;) {
    const expected = top - step;
    const near = (run: { from: number; to: number }) => Math.abs(centre(run) - expected);
    const label = runs
      .filter((run) => run.from - slack <= expected && run.to + slack >= expected && run.to < top)
      .sort((a, b) => near(a) - near(b))[0];
    if (!label) break;
    const placed = Math.abs(centre(label) - expected) <= slack;
    top = placed ? centre(label) : expected;
    labels++;
    if (placed && tall(label) <= maxTall) highest = { top, labels };
  }
  return highest.labels >= 3 ? Math.round(highest.top) : null;
}
