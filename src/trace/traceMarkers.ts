import { percentile } from '../math.js';
import type { MarkerShape, PixelPoint } from '../types.js';
import { columnRuns, followRuns } from './columnRuns.js';
import { DEFAULTS as FOUND, type Markers } from './findMarkers.js';
import { withHiddenEnds, withHiddenOnGrid, withHiddenVertices } from './hiddenMarkers.js';
import type { Ink } from './ink.js';
import { markerGrid, onGrid } from './markerGrid.js';
import { strokesAt, strokesBeside } from './strokes.js';

const DEFAULTS = {
  /** Strokes beside a marker that pass this far apart (px) at it, or meet this far from it, disagree. */
  disagreePx: 2,
  /** Strokes beside a marker meet at its vertex only when their slopes differ by more than this. */
  minTurn: 0.3,
  /** A stroke's height at a marker counts when within this many reaches of the marker's centre. */
  nearMarker: 1.5,
  /** More than this share of markers stacked above their neighbour: a scatter plot. */
  maxStacked: 0.1,
  /** Below this share of its span clear of markers, a series is too dense to tell if a line joins them. */
  minOpen: 0.1,
} as const;

/** A series traced from its markers: one point per marker. */
export interface MarkerTrace {
  points: PixelPoint[];
  marker: MarkerShape;
  /** Share of the traced x span of the line between the markers where it was seen. */
  coverage: number;
  /** Share of the columns between the markers where a line joins them (0 for a scatter plot). */
  joined: number;
}

/**
 * Traces a series with markers: the line is traced outside the markers, and each marker's
 * point is the vertex where the strokes on its two sides meet, which is exact whatever the
 * marker's shape (a renderer may snap markers to whole pixels, the line it does not).
 * Evenly spaced markers are put back on their grid, markers hidden under other series are
 * recovered from the line (on the grid, at a bend, past the ends; not when the markers are
 * `complete`), and `joined` tells a line chart from a scatter plot. `lineWidth` is the line's thickness (px).
 */
export function traceMarkers(ink: Ink, markers: Markers, lineWidth: number): MarkerTrace {
  const { reach, centres } = markers;
  const area = markerArea(centres, reach, ink.width, ink.height);
  const left = Math.ceil(ink.region.left);
  const { line, coverage } = followRuns(ink.region, (k) =>
    columnRuns(ink, left + k, (row) => area[row * ink.width + left + k] === 1),
  );
  const sorted = [...centres].sort((a, b) => a.px - b.px);
  const vertices = markerVertices(sorted, line, reach);
  // Evenly spaced markers sit on their grid: one cut by another series is put back on it.
  const grid = markerGrid(
    vertices.map((v) => v.px),
    reach,
  );
  let points = vertices.map(({ core, strokes, px: vertex }) => {
    const px = onGrid(grid, vertex);
    const ys = strokesAt(strokes, px).filter(
      (y) => Math.abs(y - core.py) < reach * DEFAULTS.nearMarker,
    );
    // Two strokes that disagree (one crossed by another series): the marker decides.
    const py =
      ys.length === 2 && Math.abs(ys[0] - ys[1]) > DEFAULTS.disagreePx
        ? [...ys, core.py].sort((a, b) => a - b)[1]
        : ys.length > 0
          ? ys.reduce((s, y) => s + y, 0) / ys.length
          : core.py;
    return { px, py };
  });
  if (!markers.complete) {
    if (grid) points = withHiddenOnGrid(points, grid, line, reach);
    points = withHiddenEnds(withHiddenVertices(points, line, reach, lineWidth), line, reach, grid);
  }
  return {
    points,
    // Whole cores only: a marker cut by a later line has lost part of its shape.
    marker: markers.shape,
    coverage,
    joined: joinedShare(sorted, line, reach),
  };
}

/** The squares the markers cover (1 inside): the line is traced outside them. */
function markerArea(centres: PixelPoint[], reach: number, width: number, height: number) {
  const area = new Uint8Array(width * height);
  for (const c of centres) {
    const rows = [
      Math.max(0, Math.ceil(c.py - reach - 0.5)),
      Math.min(height - 1, Math.floor(c.py + reach - 0.5)),
    ];
    const columns = [
      Math.max(0, Math.ceil(c.px - reach - 0.5)),
      Math.min(width - 1, Math.floor(c.px + reach - 0.5)),
    ];
    for (let row = rows[0]; row <= rows[1]; row++) {
      area.fill(1, row * width + columns[0], row * width + columns[1] + 1);
    }
  }
  return area;
}

/**
 * Each marker (left to right) with the strokes beside it and its vertex's x: where the
 * strokes meet, unless that is off the marker (a stroke crossed by another series). Where
 * strokes meet, they show how far the renderer put the markers off their vertices (snapped
 * to whole pixels): the others are moved back by as much.
 */
function markerVertices(sorted: PixelPoint[], line: PixelPoint[], reach: number) {
  const vertices = sorted.map((core, i) => {
    const from = i > 0 ? sorted[i - 1].px + reach : Number.NEGATIVE_INFINITY;
    const to = i < sorted.length - 1 ? sorted[i + 1].px - reach : Number.POSITIVE_INFINITY;
    const strokes = strokesBeside(line, reach, core.px, from, to);
    const { left, right } = strokes;
    if (left && right && Math.abs(left.slope - right.slope) > DEFAULTS.minTurn) {
      const x = (right.intercept - left.intercept) / (left.slope - right.slope);
      if (Math.abs(x - core.px) < DEFAULTS.disagreePx) return { core, strokes, px: x, met: true };
    }
    return { core, strokes, px: core.px, met: false };
  });
  const met = vertices.filter((v) => v.met);
  const shift =
    met.length >= FOUND.minMarkers
      ? percentile(
          met.map((v) => v.core.px - v.px),
          0.5,
        )
      : 0;
  for (const v of vertices) if (!v.met) v.px -= shift;
  return vertices;
}

/**
 * Between the markers (clear of them), the share of columns where a line shows: near 1 for
 * a line chart, near 0 for a scatter plot. Where markers leave too few columns clear to tell,
 * markers stacked above one another (two y at one x, which no line has) tell.
 */
function joinedShare(sorted: PixelPoint[], line: PixelPoint[], reach: number): number {
  const clear = (px: number) => sorted.every((core) => Math.abs(core.px - px) > reach);
  const from = Math.floor(sorted[0].px);
  const to = Math.floor(sorted.at(-1)!.px);
  let open = 0;
  for (let column = from; column <= to; column++) if (clear(column + 0.5)) open++;
  const stacked = sorted.filter(
    (core, i) =>
      i > 0 &&
      core.px - sorted[i - 1].px < reach &&
      Math.abs(core.py - sorted[i - 1].py) > reach * 2,
  ).length;
  return open > 0 && open >= (to - from + 1) * DEFAULTS.minOpen
    ? line.filter((p) => p.px > from && p.px < to + 1 && clear(p.px)).length / open
    : stacked > sorted.length * DEFAULTS.maxStacked
      ? 0
      : 1;
}
