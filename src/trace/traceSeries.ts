import { fitLine, percentile } from '../math.js';
import type { Box, LineStyle, MarkerShape, PixelPoint } from '../types.js';
import { bridgeDashes } from './bridgeDashes.js';
import { findThinMarkers } from './findThinMarkers.js';
import { fitToInk } from './fitToInk.js';
import { fitVertices } from './fitVertices.js';
import { refineVertices } from './refineVertices.js';

/** Marker cores lie at least this far (px) deeper inside the series' pixels than the line's middle. */
const CORE_MARGIN = 1;
/** Marker bodies reach this much (px) deeper than the core threshold; a thick line's folds barely pass it. */
const MARKER_DEPTH = 0.8;
/** The line's half width is read where it is flattest: diagonal stretches measure deeper. */
const HALF_WIDTH_SHARE = 0.3;
/** A line segment beside a marker gives its vertex only from this many traced columns. */
const MIN_FIT_POINTS = 5;
/** Cores smaller than this (px) are noise, not markers. */
const MIN_CORE = 4;
/** At least this share of the cores must be alike in size for the series to have markers. */
const ALIKE = 0.8;
/** How far a marker reaches from its centre, in its core's depths (inradii), with a margin. */
const REACH: Record<MarkerShape, number> = {
  circle: 1.2,
  square: 1.4,
  diamond: 1.4,
  'triangle-up': 2,
  'triangle-down': 2,
  cross: 2.3,
  plus: 2.3,
  star: 2.3,
  pentagon: 2.3,
};
/** Line samples used on each side of a marker to find its vertex, in marker radii. */
const FIT_SPAN = 3;
/** Pixels with at least this much of the series colour are solid (shaded bands are fainter). */
const SOLID = 0.5;
/** A line between two markers bending away from straight by more than this (px) hides a vertex. */
const BEND_PX = 2.5;
/** Filled shapes are found as blobs of pixels this deep (px) inside the series... */
const FILLED_DEPTH = 3;
/** ...whose area exceeds a square this share of the image width on a side (markers are smaller). */
const FILLED_SIDE = 0.03;
/** A run holding less colour than this (px) is a fringe: its line may be hidden beside it. */
const FRINGE = 0.75;
/** A core at least this share of the typical marker core's size is a whole marker. */
const WHOLE = 0.75;
/** Strokes beside a marker that pass this far apart (px) at it, or meet this far from it, disagree. */
const DISAGREE_PX = 2;
/** A stroke's traced centres stray at most this far (px) from its straight line. */
const STRAIGHT_PX = 1.5;
/** A run continues under another series for at most this many rows. */
const MAX_HIDDEN = 20;
/** A series has markers when at least this many cores are found. */
const MIN_MARKERS = 4;
/** Outlined markers are looked for when this many dark pixels border the series' ink. */
const MIN_OUTLINE = MIN_MARKERS * 10;

export interface TraceOptions {
  /** 1 where another series is drawn (and may hide this one). @default none */
  occluded?: Uint8Array;
  /** 1 where dark ink could outline this series' markers. @default none */
  outlines?: Uint8Array;
}

export interface TraceResult {
  points: PixelPoint[];
  markers: boolean;
  /** The markers' shape, null for a bare line. */
  marker: MarkerShape | null;
  /** Share of the traced x span where the line was seen (1 = no gaps). */
  coverage: number;
  /** For markers: share of the columns between them where a line joins them (0 for a scatter plot). */
  joined: number;
  /** Share of the series' solid pixels deep inside a filled shape (bars, areas): 0 for lines. */
  filled: number;
  /** How a bare line is drawn (dashes or dots bridged, else solid); null with markers. */
  lineStyle: LineStyle | null;
}

interface Run {
  from: number;
  to: number;
  weight: number;
  center: number;
}

/** The rows a run spans, its end rows counted by how much colour they hold. */
function edges(run: Run, weight: Float32Array, width: number, column: number) {
  return {
    top: run.from + 1 - Math.min(1, weight[run.from * width + column]),
    bottom: run.to + Math.min(1, weight[run.to * width + column]),
  };
}

/**
 * Weighted runs of series pixels in one column (continuous coordinates: pixel i is
 * [i, i+1)). Where another series is drawn over this one (`occluded`), a run continues
 * through it when the series shows again just beyond: those rows count as fully this series.
 */
function columnRuns(
  weight: Float32Array,
  width: number,
  column: number,
  region: Box,
  { skip, occluded }: { skip?: (row: number) => boolean; occluded?: Uint8Array } = {},
): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  let moment = 0;
  let hidden: number[] = [];
  const close = () => {
    if (!current) return;
    current.center = moment / current.weight;
    runs.push(current);
    current = null;
    hidden = [];
  };
  const [top, last] = [Math.ceil(region.top), Math.floor(region.bottom)];
  for (let row = top; row <= last; row++) {
    const inside = row < region.bottom && !(skip?.(row) ?? false);
    const i = row * width + column;
    const w = inside ? weight[i] : 0;
    if (w > 0) {
      if (!current) {
        current = { from: row, to: row, weight: 0, center: 0 };
        moment = 0;
      }
      for (const h of hidden) {
        current.weight += 1;
        moment += h + 0.5;
      }
      hidden = [];
      current.to = row;
      current.weight += w;
      moment += w * (row + 0.5);
    } else if (current && inside && occluded?.[i] && hidden.length < MAX_HIDDEN) {
      hidden.push(row);
    } else {
      close();
    }
  }
  close();
  if (occluded) {
    for (const run of runs)
      if (run.weight < FRINGE) widenUnder(run, weight, occluded, width, column, region);
  }
  return runs;
}

/**
 * A series drawn exactly under another shows only as a thin fringe of blended colour at the
 * other's edge: such a run is widened over the drawn rows it touches (up to MAX_HIDDEN on
 * each side), which is where the hidden line runs.
 */
function widenUnder(
  run: Run,
  weight: Float32Array,
  occluded: Uint8Array,
  width: number,
  column: number,
  region: Box,
): void {
  const hiddenAt = (row: number) =>
    row >= region.top &&
    row < region.bottom &&
    occluded[row * width + column] === 1 &&
    weight[row * width + column] === 0;
  let moment = run.center * run.weight;
  let from = run.from;
  while (run.from - from < MAX_HIDDEN && hiddenAt(from - 1)) {
    from--;
    run.weight += 1;
    moment += from + 0.5;
  }
  let to = run.to;
  while (to - run.to < MAX_HIDDEN && hiddenAt(to + 1)) {
    to++;
    run.weight += 1;
    moment += to + 0.5;
  }
  run.from = from;
  run.to = to;
  run.center = moment / run.weight;
}

/** The weight of each run of series pixels along each row of `region`. */
function rowRunWeights(weight: Float32Array, width: number, region: Box): number[] {
  const out: number[] = [];
  for (let row = Math.ceil(region.top); row < region.bottom; row++) {
    let sum = 0;
    for (let column = Math.ceil(region.left); column < region.right; column++) {
      const w = weight[row * width + column];
      if (w > 0) sum += w;
      else if (sum > 0) {
        out.push(sum);
        sum = 0;
      }
    }
    if (sum > 0) out.push(sum);
  }
  return out;
}

/**
 * At a narrow peak or valley the line turns inside one column: the column's run spans both
 * sides, and its centre lies well below the peak (above the valley). There the line's centre
 * is half a line width inside the run's outer edge. `line[i]` was traced from `runs[i]`.
 */
function sharpenExtremes(
  line: PixelPoint[],
  runs: Run[],
  thickness: number,
  edgesOf: (run: Run, column: number) => { top: number; bottom: number },
): void {
  const centers = line.map((point) => point.py);
  for (let i = 1; i < line.length - 1; i++) {
    const column = line[i].px - 0.5;
    const { top, bottom } = edgesOf(runs[i], column);
    if (bottom - top <= thickness + 1) continue;
    if (line[i - 1].px !== line[i].px - 1 || line[i + 1].px !== line[i].px + 1) continue;
    const [before, after] = [centers[i - 1], centers[i + 1]];
    if (before > centers[i] && after > centers[i]) line[i].py = top + thickness / 2;
    else if (before < centers[i] && after < centers[i]) line[i].py = bottom - thickness / 2;
  }
}

/** Points on each side of a traced point that give the line's direction there. */
const DIRECTION_SPAN = 2;

/**
 * The line's width across its direction: the median over traced columns of the colour in the
 * column's run, times the cosine of the line's slope there. Markers only add to a few columns'
 * runs, and JPEG's faint specks beside the line, which split runs, do not shrink it.
 */
function acrossWidth(line: PixelPoint[], runs: Run[]): number {
  const widths = line.map((_, i) => {
    const [a, b] = [
      line[Math.max(0, i - DIRECTION_SPAN)],
      line[Math.min(line.length - 1, i + DIRECTION_SPAN)],
    ];
    const slope = b.px > a.px ? (b.py - a.py) / (b.px - a.px) : 0;
    return runs[i].weight / Math.hypot(1, slope);
  });
  return percentile(widths, 0.5);
}

/** Chamfer distance (px) from each series pixel to the nearest non-series pixel. */
function distanceMap(weight: Float32Array, width: number, height: number): Float32Array {
  const dist = new Float32Array(width * height);
  const big = 1e6;
  // The passes need only visit the rows and columns holding series pixels: elsewhere the
  // distance stays 0.
  let [top, bottom, left, right] = [height, -1, width, -1];
  for (let row = 0, i = 0; row < height; row++) {
    for (let column = 0; column < width; column++, i++) {
      if (!(weight[i] >= SOLID)) continue;
      dist[i] = big;
      top = Math.min(top, row);
      bottom = row;
      left = Math.min(left, column);
      right = Math.max(right, column);
    }
  }
  const diagonal = Math.SQRT2;
  for (let row = top; row <= bottom; row++) {
    for (let column = left; column <= right; column++) {
      const i = row * width + column;
      if (dist[i] === 0) continue;
      let d = dist[i];
      if (column > 0) d = Math.min(d, dist[i - 1] + 1);
      if (row > 0) {
        d = Math.min(d, dist[i - width] + 1);
        if (column > 0) d = Math.min(d, dist[i - width - 1] + diagonal);
        if (column < width - 1) d = Math.min(d, dist[i - width + 1] + diagonal);
      }
      dist[i] = d;
    }
  }
  for (let row = bottom; row >= top; row--) {
    for (let column = right; column >= left; column--) {
      const i = row * width + column;
      if (dist[i] === 0) continue;
      let d = dist[i];
      if (column < width - 1) d = Math.min(d, dist[i + 1] + 1);
      if (row < height - 1) {
        d = Math.min(d, dist[i + width] + 1);
        if (column < width - 1) d = Math.min(d, dist[i + width + 1] + diagonal);
        if (column > 0) d = Math.min(d, dist[i + width - 1] + diagonal);
      }
      dist[i] = d;
    }
  }
  return dist;
}

interface Core {
  px: number;
  py: number;
  /** The largest distance inside: the marker's inradius, about. */
  depth: number;
  size: number;
  /** Bounding box of the core pixels (continuous coordinates). */
  box: Box;
}

/** Connected blobs of pixels deeper than `threshold` inside the series: marker bodies. */
function findCores(dist: Float32Array, width: number, region: Box, threshold: number): Core[] {
  const seen = new Uint8Array(dist.length);
  const cores: Core[] = [];
  const stack: number[] = [];
  const [top, left] = [Math.ceil(region.top), Math.ceil(region.left)];
  // Whole-number bounds: this scan visits every pixel of the region.
  const [bottom, right] = [Math.ceil(region.bottom), Math.ceil(region.right)];
  for (let row = top; row < bottom; row++) {
    for (let column = left, start = row * width + left; column < right; column++, start++) {
      // Most pixels are shallow: that test first.
      if (dist[start] < threshold || seen[start]) continue;
      let sx = 0;
      let sy = 0;
      let n = 0;
      let depth = 0;
      const box = { left: column, top: row, right: column + 1, bottom: row + 1 };
      stack.push(start);
      seen[start] = 1;
      while (stack.length > 0) {
        const i = stack.pop()!;
        const x = i % width;
        const y = (i - x) / width;
        sx += x + 0.5;
        sy += y + 0.5;
        n++;
        depth = Math.max(depth, dist[i]);
        box.left = Math.min(box.left, x);
        box.right = Math.max(box.right, x + 1);
        box.top = Math.min(box.top, y);
        box.bottom = Math.max(box.bottom, y + 1);
        // Left, right, up, down (no array per pixel: blobs of filled areas are large).
        for (let k = 0; k < 4; k++) {
          const j = k === 0 ? i - 1 : k === 1 ? i + 1 : k === 2 ? i - width : i + width;
          if (j >= 0 && j < dist.length && !seen[j] && dist[j] >= threshold) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
      cores.push({ px: sx / n, py: sy / n, depth, size: n, box });
    }
  }
  return cores;
}

/** A marker body filling more of its box than this is a square (a circle fills 0.79). */
const SQUARE_FILL = 0.9;
/** A core filling less of its box than this is a diamond's (a triangle's too, but its mass sits low or high). */
const DIAMOND_FILL = 0.62;
/** Marker runs are followed at most this far (px). */
const MAX_MARKER_RUN = 40;
/** A core whose centre of mass is this share of its height off its box centre is a triangle's. */
const TRIANGLE_SHIFT = 0.06;

/**
 * The marker shape, from the markers' cores (their bodies shrunk by the line's half width,
 * which keeps the shape) and bodies: whether a core's mass sits low (a triangle pointing up)
 * or high (pointing down), how much of its box it fills (diamonds little), and how much of
 * its box the whole body fills (squares all of it). Medians over all markers.
 */
function classifyMarker(
  cores: Core[],
  solid: (column: number, row: number) => boolean,
): MarkerShape {
  const median = (value: (core: Core) => number) => percentile(cores.map(value), 0.5);
  const height = (b: Box) => b.bottom - b.top;
  const fill = (b: Box, count: number) => count / ((b.right - b.left) * height(b));
  const shift = median((c) => (c.py - (c.box.top + c.box.bottom) / 2) / height(c.box));
  if (shift > TRIANGLE_SHIFT) return 'triangle-up';
  if (shift < -TRIANGLE_SHIFT) return 'triangle-down';
  if (median((c) => fill(c.box, c.size)) < DIAMOND_FILL) return 'diamond';
  // The body's size: the shorter of its runs through the centre (a line through it only
  // lengthens one of them). Its square box is filled by a square, 79% by a circle.
  const bodyFill = median((c) => {
    const cx = Math.floor(c.px);
    const cy = Math.floor(c.py);
    const run = (dx: number, dy: number) => {
      let n = 0;
      while (solid(cx + dx * (n + 1), cy + dy * (n + 1)) && n < MAX_MARKER_RUN) n++;
      return n;
    };
    const side = Math.min(run(1, 0) + run(-1, 0), run(0, 1) + run(0, -1)) + 1;
    const half = Math.floor(side / 2);
    let count = 0;
    for (let row = cy - half; row < cy - half + side; row++) {
      for (let column = cx - half; column < cx - half + side; column++) {
        if (solid(column, row)) count++;
      }
    }
    return count / (side * side);
  });
  return bodyFill > SQUARE_FILL ? 'square' : 'circle';
}

/** Cores closer than `reach` in x and y are pieces of one marker: merged, weighted by size. */
function mergeNear(cores: Core[], reach: number, whole: number): Core[] {
  const merged: Core[] = [];
  for (const core of [...cores].sort((a, b) => b.size - a.size)) {
    // Two whole markers side by side (overlapping data points) stay two.
    const host = merged.find(
      (m) =>
        Math.abs(m.px - core.px) <= reach &&
        Math.abs(m.py - core.py) <= reach &&
        (m.size < whole || core.size < whole),
    );
    if (!host) {
      merged.push({ ...core });
      continue;
    }
    const size = host.size + core.size;
    host.px = (host.px * host.size + core.px * core.size) / size;
    host.py = (host.py * host.size + core.py * core.size) / size;
    host.size = size;
    host.depth = Math.max(host.depth, core.depth);
    host.box = {
      left: Math.min(host.box.left, core.box.left),
      top: Math.min(host.box.top, core.box.top),
      right: Math.max(host.box.right, core.box.right),
      bottom: Math.max(host.box.bottom, core.box.bottom),
    };
  }
  return merged;
}

/** Least-squares line through pixel points, `py = intercept + slope * px`. */
function lineThrough(points: PixelPoint[]): { intercept: number; slope: number } | null {
  // Extrapolated towards a marker, a line from a few columns swings too much to trust.
  if (points.length < MIN_FIT_POINTS) return null;
  return fitLine(
    points.map((p) => p.px),
    points.map((p) => p.py),
  );
}

/**
 * How many outline pixels border the series' solid ink (stopping at MIN_OUTLINE): a line
 * crossing dark text or another line touches a few, outlined markers many.
 */
function outlineTouches(
  weight: Float32Array,
  outlines: Uint8Array,
  width: number,
  region: Box,
): number {
  let count = 0;
  for (let row = Math.ceil(region.top) + 1; row < region.bottom - 1; row++) {
    for (let column = Math.ceil(region.left) + 1; column < region.right - 1; column++) {
      const i = row * width + column;
      if (!outlines[i]) continue;
      if (
        weight[i - 1] >= SOLID ||
        weight[i + 1] >= SOLID ||
        weight[i - width] >= SOLID ||
        weight[i + width] >= SOLID
      ) {
        if (++count >= MIN_OUTLINE) return count;
      }
    }
  }
  return count;
}

/**
 * Blobs deeper than `threshold` inside the series' ink (`dist`): marker cores when enough of
 * them are alike in size and deep enough.
 */
function markerCores(dist: Float32Array, width: number, region: Box, threshold: number) {
  const found = findCores(dist, width, region, threshold);
  const candidates = found.filter((c) => c.size >= MIN_CORE);
  const typical = percentile(
    candidates.map((c) => c.size),
    0.5,
  );
  // Markers are all alike; blobs where a noisy line folds on itself are not.
  const alike = candidates.filter((c) => c.size >= typical / 2 && c.size <= typical * 2);
  const depth = percentile(
    alike.map((c) => c.depth),
    0.5,
  );
  const hasMarkers =
    alike.length >= MIN_MARKERS &&
    alike.length >= candidates.length * ALIKE &&
    depth >= threshold + MARKER_DEPTH;
  return { found, alike, depth, hasMarkers, typical };
}

/**
 * The straight stroke through `points` (nearest the marker first): where the fit bends away
 * from them (a hidden vertex, another marker's edge), it is refitted on the nearer part.
 * Where even the nearest points are not straight, the fit through all of them.
 */
function straightNear(points: PixelPoint[]): { intercept: number; slope: number } | null {
  for (let n = points.length; n >= MIN_FIT_POINTS; n = Math.floor(n * 0.7)) {
    const near = points.slice(0, n);
    const fit = lineThrough(near);
    if (!fit) break;
    const across = Math.hypot(1, fit.slope);
    const off = (p: PixelPoint) => Math.abs(p.py - fit.intercept - fit.slope * p.px) / across;
    if (near.every((p) => off(p) <= STRAIGHT_PX)) return fit;
  }
  // Crooked even nearest the marker (crossed there): the whole stretch, on average.
  return lineThrough(points);
}

/**
 * Traces one series from its weight mask. Markers (blobs thicker than the line) give the
 * points: each at the vertex where the line segments on its two sides meet, which is exact
 * whatever the marker's shape. Without markers, the line's centre in every pixel column, left
 * to right, following the run nearest the previous column where a column holds several.
 */
export function traceSeries(
  weight: Float32Array,
  width: number,
  height: number,
  region: Box,
  { occluded, outlines }: TraceOptions = {},
): TraceResult {
  const runsByColumn: Run[][] = [];
  for (let column = Math.ceil(region.left); column < region.right; column++) {
    runsByColumn.push(columnRuns(weight, width, column, region, { occluded }));
  }
  const dist = distanceMap(weight, width, height);
  // Bars and filled areas: blobs of solid ink far bigger than any marker.
  let solid = 0;
  for (let i = 0; i < dist.length; i++) if (dist[i] > 0) solid++;
  const bigBlob = (FILLED_SIDE * width) ** 2;
  const inBlobs = findCores(dist, width, region, FILLED_DEPTH)
    .filter((blob) => blob.size > bigBlob)
    .reduce((sum, blob) => sum + blob.size, 0);
  const filled = solid > 0 ? inBlobs / solid : 0;
  // Half the line width: the depth of the line's middle, the commonest across its columns.
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
  const halfWidth = percentile(depths, HALF_WIDTH_SHARE);
  const threshold = halfWidth + CORE_MARGIN;
  let markerInk = weight;
  let { found, alike, depth, hasMarkers, typical } = markerCores(dist, width, region, threshold);
  // Markers drawn with a dark outline (matplotlib's classic style) keep only a small core of
  // the series colour: with their outline they are as deep as markers.
  if (!hasMarkers && outlines && outlineTouches(weight, outlines, width, region) >= MIN_OUTLINE) {
    const outlined = weight.map((w, i) => (outlines[i] ? 1 : w));
    const cores = markerCores(distanceMap(outlined, width, height), width, region, threshold);
    if (cores.hasMarkers) {
      markerInk = outlined;
      ({ found, alike, depth, hasMarkers, typical } = cores);
    }
  }
  const left = Math.ceil(region.left);
  /** The line left to right, one point per column: from each column's runs, the nearest the previous column's. */
  const traceLine = (runsAt: (k: number) => Run[]) => {
    const line: PixelPoint[] = [];
    const chosenRuns: Run[] = [];
    let previous: number | null = null;
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < runsByColumn.length; k++) {
      const column = left + k;
      const runs = runsAt(k);
      if (runs.length === 0) continue;
      let chosen = runs[0];
      for (const run of runs) {
        const better =
          previous === null
            ? run.weight > chosen.weight
            : Math.abs(run.center - previous) < Math.abs(chosen.center - previous);
        if (better) chosen = run;
      }
      line.push({ px: column + 0.5, py: chosen.center });
      chosenRuns.push(chosen);
      previous = chosen.center;
      first = Math.min(first, column);
      last = Math.max(last, column);
    }
    const coverage = line.length > 0 ? line.length / (last - first + 1) : 0;
    return { line, chosenRuns, coverage };
  };
  let marker = hasMarkers
    ? classifyMarker(alike, (column, row) => markerInk[row * width + column] >= SOLID)
    : null;
  let reach = marker ? depth * REACH[marker] + 1 : 0;
  // A marker cut by a line drawn over it leaves smaller pieces of core: they count, as one.
  let cores = hasMarkers
    ? mergeNear(
        found.filter((c) => c.size >= typical / 4),
        reach,
        typical * WHOLE,
      )
    : [];
  if (!hasMarkers) {
    // A bare line drawn dashed is traced with its gaps bridged.
    const { ink, style } = bridgeDashes(weight, width, height, region);
    const lineRuns =
      ink === weight
        ? runsByColumn
        : runsByColumn.map((_, k) => columnRuns(ink, width, left + k, region, { occluded }));
    const { line, chosenRuns, coverage } = traceLine((k) => lineRuns[k]);
    // The line's width: the run across it where it is flattest (columns) or steepest (rows).
    const thickness = percentile(
      [...lineRuns.flat().map((run) => run.weight), ...rowRunWeights(ink, width, region)],
      HALF_WIDTH_SHARE,
    );
    // Markers drawn with thin strokes have no core: they show as ink beside the line.
    const across = acrossWidth(line, chosenRuns);
    const thin = findThinMarkers(line, across, { weight, width, height }, region);
    if (thin) {
      hasMarkers = true;
      marker = thin.shape;
      reach = thin.extent / 2 + 1;
      cores = thin.markers.map((m) => ({ ...m, depth: thin.extent / 2 }));
    } else {
      sharpenExtremes(line, chosenRuns, thickness, (run, column) => edges(run, ink, width, column));
      const spans = chosenRuns.map((run, i) => edges(run, ink, width, line[i].px - 0.5));
      const fitted = fitToInk(line, spans, thickness, { weight: ink, width, height }, occluded);
      return {
        points: fitVertices(
          refineVertices(fitted, thickness, { weight: ink, width, height }),
          // The stroke's width across it; the run height where flattest bounds it.
          Math.min(thickness, across),
          { weight: ink, width, height },
          occluded,
        ),
        markers: false,
        marker: null,
        joined: 1,
        coverage,
        filled,
        lineStyle: style,
      };
    }
  }
  // The squares the markers cover: the line is traced outside them.
  const markerArea = new Uint8Array(width * height);
  for (const c of cores) {
    const rows = [
      Math.max(0, Math.ceil(c.py - reach - 0.5)),
      Math.min(height - 1, Math.floor(c.py + reach - 0.5)),
    ];
    const columns = [
      Math.max(0, Math.ceil(c.px - reach - 0.5)),
      Math.min(width - 1, Math.floor(c.px + reach - 0.5)),
    ];
    for (let row = rows[0]; row <= rows[1]; row++) {
      markerArea.fill(1, row * width + columns[0], row * width + columns[1] + 1);
    }
  }
  const { line, coverage } = traceLine((k) =>
    columnRuns(weight, width, left + k, region, {
      skip: (row) => markerArea[row * width + left + k] === 1,
      occluded,
    }),
  );

  const sorted = [...cores].sort((a, b) => a.px - b.px);
  const span = reach * FIT_SPAN;
  /** The line's strokes beside a marker at `px`, between its neighbours at `from` and `to`. */
  const strokesBeside = (px: number, from: number, to: number) => ({
    left: straightNear(
      line.filter((p) => p.px >= Math.max(px - reach - span, from) && p.px < px - reach).reverse(),
    ),
    right: straightNear(
      line.filter((p) => p.px > px + reach && p.px <= Math.min(px + reach + span, to)),
    ),
  });
  const at = (fits: ReturnType<typeof strokesBeside>, px: number) =>
    [fits.left, fits.right]
      .filter((fit) => fit !== null)
      .map((fit) => fit.intercept + fit.slope * px);
  const vertices = sorted.map((core, i) => {
    const from = i > 0 ? sorted[i - 1].px + reach : Number.NEGATIVE_INFINITY;
    const to = i < sorted.length - 1 ? sorted[i + 1].px - reach : Number.POSITIVE_INFINITY;
    const fits = strokesBeside(core.px, from, to);
    const { left, right } = fits;
    // The vertex is where the strokes beside the marker meet (a renderer may snap markers
    // to whole pixels, the line it does not), unless that is off the marker (a stroke
    // crossed by another series).
    if (left && right && Math.abs(left.slope - right.slope) > 0.3) {
      const x = (right.intercept - left.intercept) / (left.slope - right.slope);
      if (Math.abs(x - core.px) < DISAGREE_PX) return { core, fits, px: x, met: true };
    }
    return { core, fits, px: core.px, met: false };
  });
  // Where the strokes meet, they show how far the renderer put the markers off their vertices
  // (snapped to whole pixels): the others are moved back by as much.
  const met = vertices.filter((v) => v.met);
  const shift =
    met.length >= MIN_MARKERS
      ? percentile(
          met.map((v) => v.core.px - v.px),
          0.5,
        )
      : 0;
  for (const v of vertices) if (!v.met) v.px -= shift;
  // Evenly spaced markers sit on their grid: one cut by another series is put back on it.
  const grid = markerGrid(
    vertices.map((v) => v.px),
    reach,
  );
  const points = vertices.map(({ core, fits, px: vertex }) => {
    const onGrid = grid ? nearestOnGrid(grid, vertex) : vertex;
    const px = Math.abs(onGrid - vertex) > GRID_SLACK ? onGrid : vertex;
    const ys = at(fits, px).filter((y) => Math.abs(y - core.py) < reach * 1.5);
    // Two strokes that disagree (one crossed by another series): the marker decides.
    const py =
      ys.length === 2 && Math.abs(ys[0] - ys[1]) > DISAGREE_PX
        ? [...ys, core.py].sort((a, b) => a - b)[1]
        : ys.length > 0
          ? ys.reduce((s, y) => s + y, 0) / ys.length
          : core.py;
    return { px, py };
  });
  // A marker hidden under another series on an even grid: the line still passes its place.
  if (grid) {
    const hidden: PixelPoint[] = [];
    const last = points.at(-1)!.px - reach;
    for (let k = Math.round((points[0].px - grid.start) / grid.step) + 1; ; k++) {
      const px = grid.start + k * grid.step;
      if (px >= last) break;
      if (points.some((p) => Math.abs(p.px - px) < reach)) continue;
      const before = points.filter((p) => p.px < px).at(-1)!;
      const after = points.find((p) => p.px > px)!;
      const ys = at(strokesBeside(px, before.px + reach, after.px - reach), px);
      if (ys.length === 2) hidden.push({ px, py: (ys[0] + ys[1]) / 2 });
    }
    points.push(...hidden);
    points.sort((a, b) => a.px - b.px);
  }
  const inner = withHiddenVertices(points, line, reach, halfWidth * 2);
  // Between the markers (clear of them), how many columns show a line.
  const clear = (px: number) => sorted.every((core) => Math.abs(core.px - px) > reach);
  const from = Math.floor(sorted[0].px);
  const to = Math.floor(sorted.at(-1)!.px);
  let open = 0;
  for (let column = from; column <= to; column++) if (clear(column + 0.5)) open++;
  // Markers above one another (two y at one x) are not a line's either.
  const stacked = sorted.filter(
    (core, i) =>
      i > 0 &&
      core.px - sorted[i - 1].px < reach &&
      Math.abs(core.py - sorted[i - 1].py) > reach * 2,
  ).length;
  // Where markers leave too few columns clear to tell, stacked markers tell.
  const joined =
    open > 0 && open >= (to - from + 1) * MIN_OPEN
      ? line.filter((p) => p.px > from && p.px < to + 1 && clear(p.px)).length / open
      : stacked > sorted.length * MAX_STACKED
        ? 0
        : 1;
  return {
    points: withHiddenEnds(inner, line, reach, grid),
    markers: true,
    joined,
    filled,
    // Whole cores only: a marker cut by a later line has lost part of its shape.
    marker,
    coverage,
    lineStyle: null,
  };
}

/** More than this share of markers stacked above their neighbour: a scatter plot. */
const MAX_STACKED = 0.1;
/** Below this share of its span clear of markers, a series is too dense to tell if a line joins them. */
const MIN_OPEN = 0.1;
/** A marker within this share of the step (at least 1 px) of its grid place is on the grid... */
const REGULAR = 0.05;
/** ...and markers are evenly spaced when this share of them are (some may be hidden). */
const MOSTLY_REGULAR = 0.7;

/** A marker more than this (px) off its grid was pushed off it (cut by another series). */
const GRID_SLACK = 1;

/** Evenly spaced x positions: `start + k * step`. */
interface Grid {
  start: number;
  step: number;
}

/**
 * The even grid markers sit on, when most of their spacings are whole multiples of one step
 * (some markers hidden); fitted by least squares over the markers on it. Null otherwise.
 */
function markerGrid(xs: number[], reach: number): Grid | null {
  if (xs.length < MIN_MARKERS) return null;
  const gaps = xs.slice(1).map((x, i) => x - xs[i]);
  // A typical one-step gap, then each gap counted in steps: indices along the grid.
  const typical = percentile(gaps, 0.25);
  if (!(typical > reach)) return null;
  const index = [0];
  for (const gap of gaps) index.push(index.at(-1)! + Math.max(1, Math.round(gap / typical)));
  const rough = fitLine(index, xs);
  if (!rough) return null;
  // Refitted on the markers on the rough grid: one pushed aside must not pull it.
  const on = index.flatMap((k, i) =>
    Math.abs(xs[i] - rough.intercept - k * rough.slope) <= Math.max(1, rough.slope * REGULAR)
      ? [i]
      : [],
  );
  if (on.length < xs.length * MOSTLY_REGULAR) return null;
  const fit = fitLine(
    on.map((i) => index[i]),
    on.map((i) => xs[i]),
  );
  return fit && { start: fit.intercept, step: fit.slope };
}

/** The grid position nearest `x`. */
function nearestOnGrid({ start, step }: Grid, x: number): number {
  return start + Math.round((x - start) / step) * step;
}

/**
 * A first or last marker hidden under another series' marker (or cut by the plot's edge):
 * the line still runs on past the outermost marker found. Where markers are on a `grid`, the
 * hidden one is one step further, on the extension of that line; else it is where the line
 * ends.
 */
function withHiddenEnds(
  markers: PixelPoint[],
  line: PixelPoint[],
  reach: number,
  grid: Grid | null,
): PixelPoint[] {
  if (markers.length < 3) return markers;
  const spacing = grid?.step ?? 0;
  const regular = grid !== null;
  const out = [...markers];
  for (const side of [-1, 1]) {
    const end = side < 0 ? out[0] : out.at(-1)!;
    const beyond = line.filter((p) => (p.px - end.px) * side > reach);
    const extent = Math.max(0, ...beyond.map((p) => (p.px - end.px) * side));
    // Evenly spaced: one spacing on. Else where the line ends (at the plot's edge, or the
    // hidden marker's centre give or take its reach).
    if (regular ? extent < spacing * 0.5 || extent > spacing + reach : extent < reach * 2) {
      continue;
    }
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
 * A marker drawn over by another series' marker leaves its line bent with no marker found at
 * the bend. Between two found markers the line should be straight; where it bends, the two
 * straight ends are extended to meet at the hidden vertex.
 */
function withHiddenVertices(
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
    if (worst < Math.max(BEND_PX, lineWidth * 1.5)) continue;
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
    if (percentile(between.map(leg), 0.5) > STRAIGHT_PX) continue;
    out.push(vertex);
  }
  return out;
}
