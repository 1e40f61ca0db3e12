import { channelDistance, mostCommonColor, type Rgb } from '../color.js';
import { findRuns } from '../math.js';
import type { Box, Raster } from '../types.js';
import { DEFAULTS } from './panelDefaults.js';
import {
  byExtent,
  corner,
  isThin,
  median,
  outside,
  type Stroke,
  sideLine,
  ticksAcross,
} from './strokes.js';

/** A plot candidate: a box from lines of one extent and what speaks for it being a chart. */
export interface Candidate extends Box {
  framed: boolean;
  /** Tick marks on a side, or grid lines inside. */
  evidence: boolean;
  /** Filled with a colour other than the page's (a grey panel). */
  filled: boolean;
}

/**
 * Boxes made by a group of horizontal lines of one extent and a group of vertical lines of one
 * extent that lie within each other's: the lines of one plot (frame sides, spines, grid lines,
 * the bands of a filled panel). A box is framed when lines lie on a horizontal and a vertical
 * edge; it has evidence of being a chart when tick marks stand on a side or grid lines cross it.
 */
export function plotCandidates(
  image: Raster,
  page: Rgb,
  ink: Uint8Array,
  rows: Stroke[],
  columns: Stroke[],
  tol: number,
  gap: number,
): Candidate[] {
  const { width, height } = image;
  const minW = Math.max(DEFAULTS.minPlotPx, width * DEFAULTS.minPlotShare);
  const minH = Math.max(DEFAULTS.minPlotPx, height * DEFAULTS.minPlotShare);
  const candidates: Candidate[] = [];
  const rowGroups = byExtent(rows, tol);
  const columnGroups = byExtent(columns, tol);
  for (const across of rowGroups) {
    const left = median(across.map((s) => s.start));
    const right = median(across.map((s) => s.end)) + 1;
    if (right - left < minW) continue;
    for (const down of columnGroups) {
      const top = median(down.map((s) => s.start));
      const bottom = median(down.map((s) => s.end)) + 1;
      if (bottom - top < minH) continue;
      const aspect = (right - left) / (bottom - top);
      if (aspect > DEFAULTS.maxAspect || aspect < 1 / DEFAULTS.maxAspect) continue;
      // A line of the box lies within `tol` of it, and where beyond its edge, touches the lines
      // across (a neighbour's side of one extent across a gutter narrower than `tol` does not:
      // ggplot2's facets drawn 4 px apart).
      const within = (lines: Stroke[], from: number, to: number) =>
        lines.filter(
          (s) =>
            s.first >= from - tol &&
            s.last < to + tol &&
            s.last + 1 >= from - DEFAULTS.jitter &&
            s.first <= to + DEFAULTS.jitter,
        );
      const rowsIn = within(across, top, bottom);
      const columnsIn = within(down, left, right);
      if (rowsIn.length === 0 || columnsIn.length === 0) continue;
      const near = (v: number, edge: number) => Math.abs(v - edge) <= tol;
      const edgeRows = rowsIn.filter((s) => near(s.first, top) || near(s.last + 1, bottom));
      const edgeColumns = columnsIn.filter((s) => near(s.first, left) || near(s.last + 1, right));
      const framed = edgeRows.some((h) => edgeColumns.some((v) => corner(h, v, tol)));
      const grid = rowsIn.length - edgeRows.length + columnsIn.length - edgeColumns.length;
      if (!framed && !(rowsIn.length >= 2 && columnsIn.length >= 2)) continue;
      const box = { left, top, right, bottom };
      // what is drawn in a plot stops at its sides: lines running on out of it (a curve, a band,
      // grid lines) make it a piece of a larger plot
      // a cell between the white grid lines of a filled panel: its fill goes on past a side
      const fill = fillOf(image, box, tol);
      const filled = Math.max(...fill.map((v, i) => Math.abs(v - page[i]))) > DEFAULTS.ink;
      if (filled && fillGoesOn(image, fill, box, edgeRows, edgeColumns, tol, gap)) continue;
      if (crossings(ink, width, height, box, edgeRows, edgeColumns, tol) > DEFAULTS.maxCrossings) {
        continue;
      }
      const evidence =
        grid >= DEFAULTS.minGrid || hasTicks(ink, width, height, box, edgeRows, edgeColumns, tol);
      candidates.push({ ...box, framed, evidence, filled });
    }
  }
  return candidates;
}

/** The colour most of the box's inside (`tol` px in from its sides) has. */
function fillOf(image: Raster, box: Box, tol: number): Rgb {
  const { data, width } = image;
  function* inside() {
    for (let row = Math.ceil(box.top) + tol; row < box.bottom - tol; row += 3) {
      for (let column = Math.ceil(box.left) + tol; column < box.right - tol; column += 3) {
        yield (row * width + column) * 3;
      }
    }
  }
  return mostCommonColor(data, inside());
}

/**
 * Whether the box's fill (a colour other than the page's) goes on beyond one of its sides
 * within `gap` px (a white grid line bands were not bridged across; the gutters between panels
 * of a tight grid, ggplot2's facets, are wider): the box is a cell between grid lines of a
 * larger filled panel.
 */
function fillGoesOn(
  image: Raster,
  fill: Rgb,
  box: Box,
  edgeRows: Stroke[],
  edgeColumns: Stroke[],
  tol: number,
  gap: number,
): boolean {
  const { data, width, height } = image;
  // a side drawn as a line is passed; a band of the fill itself is not (it may end short of the
  // panel's edge, and the fill past it is the panel's own); nor is a line inside the box (a
  // thin run of the fill's own edge columns, split off from its band): looked past the box's edge
  const lineRows = edgeRows.filter(isThin);
  const lineColumns = edgeColumns.filter(isThin);
  const past = (lines: Stroke[], edge: number, outward: 1 | -1) => {
    const start = outside(sideLine(lines, edge, outward, tol), edge, outward);
    const edgeOut = outside(null, edge, outward);
    return outward > 0 ? Math.max(start, edgeOut) : Math.min(start, edgeOut);
  };
  const sides: ['row' | 'column', number, 1 | -1][] = [
    ['row', past(lineRows, box.bottom, 1), 1],
    ['row', past(lineRows, box.top, -1), -1],
    ['column', past(lineColumns, box.right, 1), 1],
    ['column', past(lineColumns, box.left, -1), -1],
  ];
  for (const [along, start, outward] of sides) {
    const [from, to] = along === 'row' ? [box.left, box.right] : [box.top, box.bottom];
    const limit = along === 'row' ? height : width;
    // from a pixel off the side: the side's own pixels are blended with the fill
    for (let d = 1; d <= gap; d++) {
      const q = start + outward * d;
      if (q < 0 || q >= limit) break;
      let same = 0;
      let total = 0;
      for (let p = Math.ceil(from + tol); p < to - tol; p++) {
        const o = (along === 'row' ? q * width + p : p * width + q) * 3;
        if (channelDistance(data, o, fill) <= DEFAULTS.sameFill) same++;
        total++;
      }
      if (total > 0 && same >= total * DEFAULTS.fillGoesOn) return true;
    }
  }
  return false;
}

/** Whether at least `minTicks` tick marks stand on the plot's bottom or left side. */
function hasTicks(
  ink: Uint8Array,
  width: number,
  height: number,
  box: Box,
  edgeRows: Stroke[],
  edgeColumns: Stroke[],
  tol: number,
): boolean {
  const line = (s: Stroke | null, edge: number): [number, number] =>
    s ? [s.first, s.last] : [edge, edge];
  const bottom = line(sideLine(edgeRows, box.bottom, 1, tol), Math.floor(box.bottom) - 1);
  const left = line(sideLine(edgeColumns, box.left, -1, tol), Math.ceil(box.left));
  return (
    ticksAcross(ink, width, height, 'row', bottom, [box.left, box.right], tol) >=
      DEFAULTS.minTicks ||
    ticksAcross(ink, width, height, 'column', left, [box.top, box.bottom], tol) >= DEFAULTS.minTicks
  );
}

/**
 * How many strokes run on out of the plot across one of its sides, the most over its sides: ink
 * connected from just beyond the side (its line, where drawn) out to beyond the longest tick.
 */
function crossings(
  ink: Uint8Array,
  width: number,
  height: number,
  box: Box,
  edgeRows: Stroke[],
  edgeColumns: Stroke[],
  tol: number,
): number {
  // beyond a tick with its label against it (small figures), where text ends
  const reach = Math.max(tol * 2 + 2, Math.round((width + height) * DEFAULTS.crossReach));
  const beyond = (lines: Stroke[], edge: number, outward: 1 | -1) =>
    outside(sideLine(lines, edge, outward, tol), edge, outward);
  const sides: [along: 'row' | 'column', start: number, outward: 1 | -1][] = [
    ['row', beyond(edgeRows, box.bottom, 1), 1],
    ['row', beyond(edgeRows, box.top, -1), -1],
    ['column', beyond(edgeColumns, box.right, 1), 1],
    ['column', beyond(edgeColumns, box.left, -1), -1],
  ];
  let most = 0;
  for (const [along, start, outward] of sides) {
    const [from, to] = along === 'row' ? [box.left, box.right] : [box.top, box.bottom];
    const lo = Math.ceil(from + tol);
    const hi = Math.floor(to - tol);
    if (hi <= lo) continue;
    const limit = along === 'row' ? height : width;
    const inked = (p: number, d: number): boolean => {
      const across = start + outward * d;
      if (across < 0 || across >= limit) return false;
      return along === 'row' ? ink[across * width + p] === 1 : ink[p * width + across] === 1;
    };
    let reached = new Uint8Array(hi - lo);
    let next = new Uint8Array(hi - lo);
    let any = false;
    for (let p = lo; p < hi; p++) {
      reached[p - lo] = inked(p, 0) ? 1 : 0;
      if (reached[p - lo]) any = true;
    }
    // Once no ink is reached, none is further out: the rest of the walk is skipped.
    for (let d = 1; d <= reach && any; d++) {
      any = false;
      for (let i = 0; i < next.length; i++) {
        const near =
          reached[i] || (i > 0 && reached[i - 1]) || (i + 1 < next.length && reached[i + 1]);
        next[i] = near && inked(lo + i, d) ? 1 : 0;
        if (next[i]) any = true;
      }
      [reached, next] = [next, reached];
    }
    most = Math.max(most, findRuns(reached, 1).length);
  }
  return most;
}
