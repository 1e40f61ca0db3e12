import type { Box } from '../types.js';
import { intersection } from './keepPlots.js';
import { DEFAULTS } from './panelDefaults.js';
import { byExtent, isThin, median, type Stroke, ticksAcross } from './strokes.js';

/**
 * The plots of a figure whose panels draw only some of their sides (ggplot2's classic facets:
 * an x axis under each column, a y axis beside each row): an x axis line with tick marks level
 * with a plot's bottom is a plot of that height beside it, a y axis line with tick marks in
 * line with a plot's left side one of that width above or below it; grid lines of one extent
 * level with a plot (theme_minimal: no frame, no axis line) a plot of that extent; then, with
 * several plots, each cell of their rows and columns where something is drawn and no plot is.
 */
export function completeGrid(
  ink: Uint8Array,
  width: number,
  height: number,
  plots: Box[],
  rows: Stroke[],
  columns: Stroke[],
  tol: number,
): Box[] {
  if (plots.length === 0) return plots;
  const minW = Math.max(DEFAULTS.minPlotPx, width * DEFAULTS.minPlotShare);
  const minH = Math.max(DEFAULTS.minPlotPx, height * DEFAULTS.minPlotShare);
  const axes = (strokes: Stroke[], along: 'row' | 'column') =>
    strokes.filter(
      (s) =>
        isThin(s) &&
        ticksAcross(ink, width, height, along, [s.first, s.last], [s.start, s.end + 1], tol) >=
          DEFAULTS.minTicks,
    );
  const xAxes = axes(rows, 'row');
  const yAxes = axes(columns, 'column');
  const result = [...plots];
  // a plot of its own size, apart from the others, with something drawn in it
  const fits = (box: Box) =>
    box.right - box.left >= minW &&
    box.bottom - box.top >= minH &&
    !result.some((p) => intersection(p, box) > 0) &&
    inkShare(ink, width, box, tol) >= DEFAULTS.minCellInk;
  for (let added = true; added; ) {
    added = false;
    for (const s of xAxes) {
      const at = (s.first + s.last + 1) / 2;
      const level = result.find((p) => Math.abs(at - p.bottom) <= tol);
      const box = level && {
        left: s.start,
        top: level.top,
        right: s.end + 1,
        bottom: level.bottom,
      };
      if (box && fits(box)) {
        result.push(box);
        added = true;
      }
    }
    for (const s of yAxes) {
      const at = (s.first + s.last + 1) / 2;
      const line = result.find((p) => Math.abs(at - p.left) <= tol);
      const box = line && { left: line.left, top: s.start, right: line.right, bottom: s.end + 1 };
      if (box && fits(box)) {
        result.push(box);
        added = true;
      }
    }
  }
  addByGridLines(result, rows, columns, tol, fits);
  if (result.length < 2) return result;
  const spans = (lo: (b: Box) => number, hi: (b: Box) => number) => {
    const found: [number, number][] = [];
    for (const p of result) {
      if (!found.some(([a, b]) => Math.abs(a - lo(p)) <= tol && Math.abs(b - hi(p)) <= tol)) {
        found.push([lo(p), hi(p)]);
      }
    }
    return found;
  };
  for (const [top, bottom] of spans(
    (b) => b.top,
    (b) => b.bottom,
  )) {
    for (const [left, right] of spans(
      (b) => b.left,
      (b) => b.right,
    )) {
      const box = { left, top, right, bottom };
      if (fits(box)) result.push(box);
    }
  }
  return result;
}

/** The share of a box's pixels (`tol` in from its sides) that are ink. */
function inkShare(ink: Uint8Array, width: number, box: Box, tol: number): number {
  let n = 0;
  let total = 0;
  for (let row = Math.ceil(box.top + tol); row < box.bottom - tol; row++) {
    for (let column = Math.ceil(box.left + tol); column < box.right - tol; column++) {
      n += ink[row * width + column];
      total++;
    }
  }
  return total > 0 ? n / total : 0;
}

/**
 * Adds to `plots` the plots that only their grid lines draw, beside plots found: at least
 * `minGrid` horizontal lines of one extent, as long as a plot is wide, lying across its rows
 * make a plot of that extent and that plot's height; vertical lines likewise.
 */
function addByGridLines(
  plots: Box[],
  rows: Stroke[],
  columns: Stroke[],
  tol: number,
  fits: (box: Box) => boolean,
): void {
  for (const [strokes, along] of [
    [rows, 'row'],
    [columns, 'column'],
  ] as const) {
    for (const group of byExtent(strokes.filter(isThin), tol)) {
      const start = median(group.map((s) => s.start));
      const end = median(group.map((s) => s.end)) + 1;
      for (const plot of [...plots]) {
        const [lo, hi] = along === 'row' ? [plot.top, plot.bottom] : [plot.left, plot.right];
        const across = group.filter((s) => s.first >= lo - tol && s.last < hi + tol);
        if (across.length < DEFAULTS.minGrid) continue;
        const box =
          along === 'row'
            ? { left: start, top: plot.top, right: end, bottom: plot.bottom }
            : { left: plot.left, top: start, right: plot.right, bottom: end };
        // a facet of one grid is the size of the plot beside it (a legend's frame is not)
        const size = along === 'row' ? plot.right - plot.left : plot.bottom - plot.top;
        if (Math.abs(end - start - size) > DEFAULTS.sameSize * size) continue;
        if (fits(box)) plots.push(box);
      }
    }
  }
}
