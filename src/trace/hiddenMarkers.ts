import { fitLine, percentile } from '../math.js';
import type { PixelPoint } from '../types.js';
import type { Grid } from './markerGrid.js';
import {
  lineThrough,
  DEFAULTS as STROKES,
  straightNear,
  strokesAt,
  strokesBeside,
} from './strokes.js';

const DEFAULTS = {
  /** A line between two markers bending away from straight by more than this (px) hides a vertex. */
  bendPx: 2.5,
  /**
   * Past the markers found, a place with no straight leg beside it is read from the line's own
   * points this far (px) either side of it at least (half a marker spacing where wider)...
   */
  nearPx: 3,
  /** ...when at least this many columns of the line are seen there. */
  nearPoints: 3,
  /**
   * Unevenly spaced markers: a line running on past the outermost one by more than this many
   * of their typical spacings lost its markers there (not found, or hidden), and is followed.
   */
  unevenSteps: 2,
} as const;

/**
 * A marker hidden under another series on an even `grid`: the line still passes its place.
 * Where a grid place between the first and last marker has none, and the strokes on both
 * sides of it are found, a marker is put where they pass (midway between them). Returns the
 * markers with the hidden ones, left to right.
 */
export function withHiddenOnGrid(
  markers: PixelPoint[],
  grid: Grid,
  line: PixelPoint[],
  reach: number,
): PixelPoint[] {
  const hidden: PixelPoint[] = [];
  const last = markers.at(-1)!.px - reach;
  for (let k = Math.round((markers[0].px - grid.start) / grid.step) + 1; ; k++) {
    const px = grid.start + k * grid.step;
    if (px >= last) break;
    if (markers.some((p) => Math.abs(p.px - px) < reach)) continue;
    const before = markers.filter((p) => p.px < px).at(-1)!;
    const after = markers.find((p) => p.px > px)!;
    const ys = strokesAt(strokesBeside(line, reach, px, before.px + reach, after.px - reach), px);
    if (ys.length === 2) hidden.push({ px, py: (ys[0] + ys[1]) / 2 });
  }
  return [...markers, ...hidden].sort((a, b) => a.px - b.px);
}

/**
 * A first or last marker hidden under another series' marker (or cut by the plot's edge):
 * the line still runs on past the outermost marker found. Where markers are on a `grid`, the
 * hidden one is one step further, on the extension of that line; where the line runs on over
 * several steps (the series' first markers all hidden under another's, drawn over the same
 * values), a marker is put at each step it passes, where the straight legs on both sides of
 * the place pass (as on the grid between markers), else where the line's own points pass it
 * (markers too close for a leg's fit, or not found where the line is steep). Unevenly spaced
 * markers past which the line runs on for several of their typical spacings are followed so,
 * at that spacing. Else it is where the line ends.
 */
export function withHiddenEnds(
  markers: PixelPoint[],
  line: PixelPoint[],
  reach: number,
  grid: Grid | null,
): PixelPoint[] {
  if (markers.length < 3) return markers;
  const regular = grid !== null;
  // Unevenly spaced markers: the line is followed past them at their typical spacing.
  const spacing =
    grid?.step ??
    percentile(
      markers.slice(1).map((p, i) => p.px - markers[i].px),
      0.5,
    );
  const out = [...markers];
  for (const side of [-1, 1]) {
    let end = side < 0 ? out[0] : out.at(-1)!;
    let beyond = line.filter((p) => (p.px - end.px) * side > reach);
    let extent = Math.max(0, ...beyond.map((p) => (p.px - end.px) * side));
    if (regular && extent > spacing + reach) {
      const hidden = hiddenAlong(end, beyond, reach, spacing, side, extent);
      if (side < 0) out.unshift(...hidden.reverse());
      else out.push(...hidden);
      continue;
    }
    if (!regular && spacing > reach * 2 && extent > spacing * DEFAULTS.unevenSteps) {
      const hidden = hiddenAlong(end, beyond, reach, spacing, side, extent);
      if (side < 0) out.unshift(...[...hidden].reverse());
      else out.push(...hidden);
      // The line's end, past the last place, is added as below.
      end = hidden.at(-1) ?? end;
      beyond = beyond.filter((p) => (p.px - end.px) * side > reach);
      extent = Math.max(0, ...beyond.map((p) => (p.px - end.px) * side));
    }
    // Evenly spaced: one spacing on. Else where the line ends (at the plot's edge, or the
    // hidden marker's centre give or take its reach).
    if (regular ? extent < spacing * 0.5 : extent < reach * 2) continue;
    const fit = straightNear(side < 0 ? beyond.reverse() : beyond);
    if (!fit) continue;
    const px = end.px + side * (regular ? spacing : extent);
    const point = { px, py: fit.intercept + fit.slope * px };
    if (side < 0) out.unshift(point);
    else out.push(point);
  }
  return out;
}

/**
 * The hidden markers one grid `spacing` after another from `end` towards `side`, as far as the
 * line `beyond` it reaches (`extent` px): each where the straight legs beside its place pass
 * (the mean of the two), nearest `end` first; none past a place where no leg is found.
 */
function hiddenAlong(
  end: PixelPoint,
  beyond: PixelPoint[],
  reach: number,
  spacing: number,
  side: number,
  extent: number,
): PixelPoint[] {
  const hidden: PixelPoint[] = [];
  for (let k = 1; k * spacing <= extent + reach; k++) {
    const px = end.px + side * k * spacing;
    const [from, to] = [px - spacing + reach, px + spacing - reach].sort((a, b) => a - b);
    const ys = strokesAt(strokesBeside(beyond, reach, px, from, to), px);
    const py =
      ys.length > 0 ? ys.reduce((sum, y) => sum + y, 0) / ys.length : lineAt(beyond, px, spacing);
    if (py === null) break;
    hidden.push({ px, py });
  }
  return hidden;
}

/**
 * Where the line passes `px` when no straight leg is found beside the place (markers closer
 * together than a leg's fit needs, markers not found drawn on the line itself): the straight
 * fit through the line's own points within half a `spacing` of it, both sides of it present;
 * null where the line is missing there.
 */
function lineAt(line: PixelPoint[], px: number, spacing: number): number | null {
  const near = line.filter((p) => Math.abs(p.px - px) <= Math.max(spacing / 2, DEFAULTS.nearPx));
  if (!near.some((p) => p.px <= px) || !near.some((p) => p.px >= px)) return null;
  if (near.length < DEFAULTS.nearPoints) return null;
  const fit = fitLine(
    near.map((p) => p.px),
    near.map((p) => p.py),
  );
  return fit && fit.intercept + fit.slope * px;
}

/**
 * A marker drawn over by another series' marker leaves its line bent with no marker found at
 * the bend. Between two found markers the line should be straight; where it bends, the two
 * straight ends are extended to meet at the hidden vertex.
 */
export function withHiddenVertices(
  markers: PixelPoint[],
  line: PixelPoint[],
  reach: number,
  lineWidth: number,
): PixelPoint[] {
  const out: PixelPoint[] = [];
  for (let i = 0; i < markers.length; i++) {
    out.push(markers[i]);
    const a = markers[i];
    const b = markers[i + 1];
    if (!b) break;
    const between = line.filter((p) => p.px > a.px + reach && p.px < b.px - reach);
    if (between.length < 8) continue;
    const slope = (b.py - a.py) / (b.px - a.px);
    const off = (p: PixelPoint) => p.py - (a.py + slope * (p.px - a.px));
    const worst = Math.max(...between.map((p) => Math.abs(off(p))));
    if (worst < Math.max(DEFAULTS.bendPx, lineWidth * 1.5)) continue;
    const part = Math.max(3, Math.floor(between.length * 0.3));
    const first = lineThrough(between.slice(0, part));
    const last = lineThrough(between.slice(-part));
    if (!first || !last || Math.abs(first.slope - last.slope) < 0.05) continue;
    const px = (last.intercept - first.intercept) / (first.slope - last.slope);
    if (px <= a.px + reach || px >= b.px - reach) continue;
    const vertex = { px, py: first.intercept + first.slope * px };
    // The line bends there when it runs along both legs (not when it jumps aside in between).
    const leg = (p: PixelPoint) => {
      const [from, to] = p.px < px ? [a, vertex] : [vertex, b];
      return Math.abs(p.py - from.py - ((to.py - from.py) * (p.px - from.px)) / (to.px - from.px));
    };
    if (percentile(between.map(leg), 0.5) > STROKES.straightPx) continue;
    out.push(vertex);
  }
  return out;
}
