import { percentile } from '../math.js';
import type { LineStyle, MarkerShape, PixelPoint } from '../types.js';
import { allColumnRuns, type ColumnRun } from './columnRuns.js';
import { distanceMap, distanceMapIn, findCores } from './distanceMap.js';
import { extendToEdges } from './extendToEdges.js';
import { type EdgeInk, findMarkers, type Markers } from './findMarkers.js';
import { findThinMarkers, type ThinMarkers } from './findThinMarkers.js';
import { fillHollowMarkers } from './hollowMarkers.js';
import type { Ink } from './ink.js';
import { smoothZigzag } from './smoothZigzag.js';
import { type FollowedLine, followLine, traceBareLine } from './traceBareLine.js';
import { traceMarkers } from './traceMarkers.js';

const DEFAULTS = {
  /** The line's half width is read where it is flattest: diagonal stretches measure deeper. */
  halfWidthShare: 0.3,
  /** Filled shapes are found as blobs of pixels this deep (px) inside the series... */
  filledDepth: 3,
  /** ...whose area exceeds a square this share of the image width on a side (markers are smaller). */
  filledSide: 0.03,
  /** Blobs joined by a line over at least this share of the columns between them... */
  foldJoined: 0.9,
  /** ...whose line strays this far (px, median) from the straight legs between them are folds... */
  foldStray: 2,
  /** ...unless the series is mostly filled shapes (bars, areas: not a line to trace). */
  foldFilled: 0.5,
  /** Filled blobs covering less than this share of their bounding boxes are ribbons, not bars. */
  ribbonFill: 0.15,
  /**
   * Thin markers' line runs straight between them: a line straying from the legs between them
   * by this many line widths (median, away from the markers), and by `thinStrayMin` px, is a
   * noisy line whose spikes were taken for markers (in the zoo: 0.05 to 0.22 where markers
   * are drawn, 0.43 to 0.6 on dense noisy lines).
   */
  thinStray: 0.35,
  thinStrayMin: 0.75,
} as const;

export interface TraceResult {
  points: PixelPoint[];
  markers: boolean;
  /** The markers' shape, null for a bare line. */
  marker: MarkerShape | null;
  /** Half a marker's extent plus a pixel (px); 0 for a bare line. */
  reach: number;
  /** Share of the traced x span where the line was seen (1 = no gaps). */
  coverage: number;
  /** For markers: share of the columns between them where a line joins them (0 for a scatter plot). */
  joined: number;
  /** Share of the series' solid pixels deep inside a filled shape (bars, areas): 0 for lines. */
  filled: number;
  /**
   * Whether those shapes are ribbons winding along the plot (a dense noisy line drawn solid, or a
   * band), not bars or areas, which fill much of their bounding boxes.
   */
  ribbon: boolean;
  /** How a bare line is drawn; null for markers (the line between them is not classified). */
  lineStyle: LineStyle | null;
}

/**
 * Traces one series from its ink, choosing the tracer by what the ink holds. Markers (blobs
 * thicker than the line, or thin strokes beside it) give the points: each at the vertex where
 * the line segments on its two sides meet (traceMarkers). Without markers, the line's centre in
 * every pixel column, left to right, following the run nearest the previous column where a
 * column holds several, fitted to the ink (traceBareLine), smoothed where the line zigzags
 * within its columns (smoothZigzag). `filled` tells bars and areas apart.
 * `known` markers (found when the series was told apart from others of its colour by them)
 * are taken as they are.
 */
export function traceSeries(ink: Ink, known: Markers | null = null): TraceResult {
  const runsByColumn = allColumnRuns(ink);
  const dist = distanceMap(ink.weight, ink.width, ink.height);
  const { filled, ribbon } = filledShare(ink, dist);
  const halfWidth = lineHalfWidth(ink, runsByColumn, dist);
  // A marker at an axis limit is centred on the plot's edge, its outer half cut off there: only
  // half as deep inside the ink, it was no marker, and the series lost its first or last point.
  // Mirrored as far as half the largest marker's side (`filledSide`), it is whole.
  const atEdges = () => edgeInk(ink, (DEFAULTS.filledSide / 2) * ink.width);
  let markers: Markers | null =
    known ?? findMarkers(ink, dist, halfWidth, atEdges) ?? hollowMarkers(ink, halfWidth);
  // Blobs found in the ink itself may be a noisy line's folds.
  const blobs = markers !== null && !known;
  if (!markers) {
    const followed = followLine(ink, runsByColumn);
    // Markers drawn with thin strokes have no core: they show as ink beside the line.
    const thin = findThinMarkers(followed.line, followed.across, ink);
    const traced = traceBareLine(followed, dist);
    // A noisy line's spikes may pass for thin markers: the line strays between them.
    if (!thin || noisyLine(traced, followed.across, thin)) {
      return bareLine(followed, traced, filled, ribbon);
    }
    markers = { shape: thin.shape, reach: thin.extent / 2 + 1, centres: thin.markers };
  }
  const { points, marker, coverage, joined } = traceMarkers(ink, markers, halfWidth * 2);
  if (blobs && joined >= DEFAULTS.foldJoined && filled < DEFAULTS.foldFilled) {
    // Markers are the line's vertices: it runs straight between them. Blobs where a noisy
    // line folds on itself are not, and the line strays far from the legs between them.
    const followed = followLine(ink, runsByColumn);
    const traced = traceBareLine(followed, dist);
    if (strayMedian(traced, points) > DEFAULTS.foldStray)
      return bareLine(followed, traced, filled, ribbon);
  }
  return {
    points,
    markers: true,
    marker,
    reach: markers.reach,
    coverage,
    joined,
    filled,
    ribbon,
    lineStyle: null,
  };
}

/**
 * A bare line's trace from its `traced` points (traceBareLine), smoothed where it zigzags
 * within its columns (smoothZigzag: there the line as followed, its runs' centres, is
 * smoothed) and carried on to the plot's edge where it stops just short of it
 * (extendToEdges). How far the line strays from markers is judged on the
 * points as traced: smoothing a noisy line's spikes would make it pass for a marked one.
 */
function bareLine(
  followed: FollowedLine,
  traced: PixelPoint[],
  filled: number,
  ribbon: boolean,
): TraceResult {
  return {
    points: extendToEdges(
      smoothZigzag(
        traced,
        followed.line.map((point, i) => ({ px: point.px, py: followed.runs[i].center })),
      ),
      followed.ink.edges ?? followed.ink.region,
    ),
    markers: false,
    marker: null,
    reach: 0,
    joined: 1,
    coverage: followed.coverage,
    filled,
    ribbon,
    lineStyle: followed.style,
  };
}

/**
 * Whether a traced line (`width` px across) with thin markers found beside it is a noisy line,
 * its spikes taken for markers: it strays from the straight legs between them (a dense line's
 * noise), where a marked line runs straight from marker to marker.
 */
function noisyLine(line: PixelPoint[], width: number, { markers, extent }: ThinMarkers): boolean {
  const stray = strayMedian(line, markers, extent / 2);
  return stray > Math.max(DEFAULTS.thinStrayMin, DEFAULTS.thinStray * width);
}

/**
 * The median distance (px, in its column) of the traced line from the polyline through the
 * markers, leaving out the columns within `reach` px of a marker (its arms, where a bare
 * line's trace wanders).
 */
function strayMedian(line: PixelPoint[], markers: PixelPoint[], reach = 0): number {
  if (markers.length < 2) return 0;
  const legs = [...markers].sort((a, b) => a.px - b.px);
  const strays: number[] = [];
  let k = 1;
  for (const { px, py } of line) {
    if (px < legs[0].px || px > legs.at(-1)!.px) continue;
    while (legs[k].px < px) k++;
    const [a, b] = [legs[k - 1], legs[k]];
    if (px - a.px < reach || b.px - px < reach) continue;
    const y = b.px > a.px ? a.py + ((px - a.px) / (b.px - a.px)) * (b.py - a.py) : b.py;
    strays.push(Math.abs(py - y));
  }
  return strays.length > 0 ? percentile(strays, 0.5) : 0;
}

/**
 * Bars and filled areas: the share of the series' solid ink in blobs far bigger than any marker,
 * and whether those blobs are ribbons (see TraceResult).
 */
function filledShare(
  { width, region }: Ink,
  dist: Float32Array,
): { filled: number; ribbon: boolean } {
  let solid = 0;
  for (let i = 0; i < dist.length; i++) if (dist[i] > 0) solid++;
  const bigBlob = (DEFAULTS.filledSide * width) ** 2;
  const blobs = findCores(dist, width, region, DEFAULTS.filledDepth).filter(
    (blob) => blob.size > bigBlob,
  );
  const inBlobs = blobs.reduce((sum, blob) => sum + blob.size, 0);
  const boxes = blobs.reduce(
    (sum, { box }) => sum + (box.right - box.left) * (box.bottom - box.top),
    0,
  );
  return {
    filled: solid > 0 ? inBlobs / solid : 0,
    ribbon: boxes > 0 && inBlobs < boxes * DEFAULTS.ribbonFill,
  };
}

/** Half the line width: the depth of the line's middle, the commonest across its columns. */
function lineHalfWidth({ width, region }: Ink, runsByColumn: ColumnRun[][], dist: Float32Array) {
  const depths: number[] = [];
  runsByColumn.forEach((runs, k) => {
    const column = Math.ceil(region.left) + k;
    for (const run of runs) {
      let deepest = 0;
      for (let row = run.from; row <= run.to; row++)
        deepest = Math.max(deepest, dist[row * width + column]);
      depths.push(deepest);
    }
  });
  return percentile(depths, DEFAULTS.halfWidthShare);
}

/**
 * The series' ink mirrored across the plot's edges (`ink.edges`), out to `margin` px beyond
 * them, its region reaching to the edges: a marker drawn on an edge (a data point at an axis
 * limit), cut there by the frame or the plot's clip, is whole again, centred on the edge. The
 * columns (rows) between the region and the edge, the frame's, take the region's outermost one.
 * Its distance map is read only in bands along the edges, as deep inside as out: nothing else
 * changed (one map of the whole plot costs as much as the rest of the tracing).
 */
export function edgeInk(ink: Ink, margin: number): EdgeInk | null {
  const { weight, width, height, region } = ink;
  const edges = ink.edges ?? region;
  const out = weight.slice();
  const [left, right] = [Math.ceil(region.left), Math.ceil(region.right) - 1];
  const [top, bottom] = [Math.ceil(region.top), Math.ceil(region.bottom) - 1];
  if (right < left || bottom < top) return null;
  const reach = Math.ceil(margin);
  // Along x: each row of the region, left and right.
  const sides = [
    { inner: left, edge: Math.min(left, Math.round(edges.left)), out: -1 },
    { inner: right, edge: Math.max(right, Math.round(edges.right)), out: 1 },
  ];
  for (let row = top; row <= bottom; row++) {
    const at = row * width;
    for (const { inner, edge, out: dir } of sides) {
      for (let column = inner + dir; column !== edge + dir; column += dir) {
        if (column >= 0 && column < width) out[at + column] = weight[at + inner];
      }
      for (let k = 1; k <= reach; k++) {
        const column = edge + dir * k;
        const mirror = edge - dir * k;
        if (column < 0 || column >= width) break;
        out[at + column] = out[at + mirror];
      }
    }
  }
  // Along y: each column of the region, top and bottom.
  const ends = [
    { inner: top, edge: Math.min(top, Math.round(edges.top)), out: -1 },
    { inner: bottom, edge: Math.max(bottom, Math.round(edges.bottom)), out: 1 },
  ];
  for (let column = left; column <= right; column++) {
    for (const { inner, edge, out: dir } of ends) {
      for (let row = inner + dir; row !== edge + dir; row += dir) {
        if (row >= 0 && row < height) out[row * width + column] = weight[inner * width + column];
      }
      for (let k = 1; k <= reach; k++) {
        const row = edge + dir * k;
        const mirror = edge - dir * k;
        if (row < 0 || row >= height) break;
        out[row * width + column] = out[mirror * width + column];
      }
    }
  }
  const lines = {
    left: sides[0].edge,
    right: sides[1].edge,
    top: ends[0].edge,
    bottom: ends[1].edge,
  };
  const grown = {
    left: Math.min(region.left, lines.left - reach),
    right: Math.max(region.right, lines.right + reach + 1),
    top: Math.min(region.top, lines.top - reach),
    bottom: Math.max(region.bottom, lines.bottom + reach + 1),
  };
  // Bands from `reach` outside each mirror line to twice that inside: a marker centred on the
  // line lies within `reach` of it, and the ink beyond the band is as far again from it.
  const dist = new Float32Array(width * height);
  const [rows, columns] = [
    { top: grown.top - 1, bottom: grown.bottom + 1 },
    { left: grown.left - 1, right: grown.right + 1 },
  ];
  const bands = [
    { ...rows, left: lines.left - reach - 1, right: lines.left + 2 * reach + 1 },
    { ...rows, left: lines.right - 2 * reach, right: lines.right + reach + 2 },
    { ...columns, top: lines.top - reach - 1, bottom: lines.top + 2 * reach + 1 },
    { ...columns, top: lines.bottom - 2 * reach, bottom: lines.bottom + reach + 2 },
  ];
  for (const band of bands) distanceMapIn(out, width, height, band, dist);
  return { weight: out, dist, region: grown, lines };
}

/** Hollow markers: found as solid ones once their holes are filled. */
function hollowMarkers(ink: Ink, halfWidth: number): Markers | null {
  const filled = fillHollowMarkers(ink);
  if (!filled) return null;
  const solid = { ...ink, weight: filled };
  return findMarkers(solid, distanceMap(filled, ink.width, ink.height), halfWidth);
}
