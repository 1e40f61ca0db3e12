import { percentile } from '../math.js';
import type { Box, MarkerShape, PixelPoint } from '../types.js';
import { classifyMarker } from './classifyMarker.js';
import { type Core, distanceMap, findCores } from './distanceMap.js';
import { DEFAULTS as INK, type Ink } from './ink.js';

export const DEFAULTS = {
  /** Marker cores lie at least this far (px) deeper inside the series' pixels than the line's middle. */
  coreMargin: 1,
  /** Marker bodies reach this much (px) deeper than the core threshold; a thick line's folds barely pass it. */
  markerDepth: 0.8,
  /** Cores smaller than this (px) are noise, not markers. */
  minCore: 4,
  /** At least this share of the cores must be alike in size for the series to have markers. */
  alike: 0.8,
  /** A series has markers when at least this many cores are found. */
  minMarkers: 4,
  /**
   * A small core with as many pixels of other series within this share of a marker's core
   * diameter of its edge as its core lacks is a marker partly hidden under them (where series
   * cross, a marker drawn first keeps a piece of its core), not a noisy line's fold.
   */
  hiddenReach: 0.5,
  /** Pieces of one cut marker lie this many px beyond its core's diameter from one another... */
  pieceSlack: 2,
  /** ...and hold at least this share of a whole marker's core together. */
  piecesShare: 0.25,
  /** Outlined markers are looked for when this many dark pixels (10 per marker) border the series' ink. */
  minOutline: 40,
  /**
   * A marker made whole by mirroring the ink across the plot's edge is the series' own when its
   * core's box is no longer than this factor of its markers' (median) on both sides, plus a
   * pixel: a mirrored piece of line or an error bar is as deep, but long.
   */
  edgeSide: 1.5,
  /** A core at least this share of the typical marker core's size is a whole marker. */
  whole: 0.75,
  /**
   * A blob on an edge up to this factor of the typical marker core's size may be a marker
   * mirrored with the join of its own line (a shallow V): see `edgeMarkers`.
   */
  joined: 2.5,
  /**
   * A marker's kernel: its pixels as deep inside as the markers (median) less this many px. A
   * blob mirrored across the plot's edge whose surplus is its line's join holds one like theirs.
   */
  kernelDepth: 1,
  /** How far a marker reaches from its centre, in its core's depths (inradii), with a margin. */
  reach: {
    circle: 1.2,
    square: 1.4,
    diamond: 1.4,
    'triangle-up': 2,
    'triangle-down': 2,
    cross: 2.3,
    plus: 2.3,
    star: 2.3,
    pentagon: 2.3,
  } satisfies Record<MarkerShape, number>,
} as const;

/** The markers of a series: their shape, how far each reaches from its centre, and their centres. */
export interface Markers {
  shape: MarkerShape;
  /** Half a marker's extent plus a pixel (px): the line is traced outside it. */
  reach: number;
  /** Marker centres (px), in no order. */
  centres: PixelPoint[];
  /**
   * Every marker of the series is among `centres` (they were told apart from other series'
   * markers of its colour): none is looked for under other series. @default false
   */
  complete?: boolean;
}

/** The series' ink mirrored across the plot's edges (edgeInk), where markers on them are whole. */
export interface EdgeInk {
  weight: Float32Array;
  /** Its distance map, read only in bands along the edges. */
  dist: Float32Array;
  /** The region traced, reaching past the edges. */
  region: Box;
  /** The columns (left, right) and rows (top, bottom) the ink is mirrored about. */
  lines: Box;
}

/**
 * The markers of a series: blobs deeper inside its ink (`dist`, its distance map) than the
 * line's half width `halfWidth`, alike in size. Markers drawn with a dark outline
 * (matplotlib's classic style) keep only a small core of the series colour: where dark ink
 * borders the series, they are looked for again with their outline. A marker cut by a line
 * drawn over it leaves smaller pieces of core: they count, as one. Where the markers are
 * found no other way, a piece alone with enough of another series' ink around it to hide the
 * rest of its core counts as a marker partly hidden under that series (`ink.occluded`). Null
 * when the series has no such markers (it may still have thin ones: findThinMarkers).
 * `atEdges` makes the series' ink mirrored across the plot's edges (edgeInk), where markers
 * centred on the edges are whole; it is called only when markers were found inside.
 */
export function findMarkers(
  ink: Ink,
  dist: Float32Array,
  halfWidth: number,
  atEdges: (() => EdgeInk | null) | null = null,
): Markers | null {
  const { weight, width, height, outlines } = ink;
  const threshold = halfWidth + DEFAULTS.coreMargin;
  // Markers found whole (or cut into pieces) come first, in the plain reading, then with the
  // outlines where dark ink borders the series; those found only by counting pieces beside
  // other series as hidden markers after (the outlined reading may find them whole).
  const readings = [{ cores: markerCores(dist, ink, threshold, atEdges), markerInk: weight }];
  if (
    !readings[0].cores.hasMarkers &&
    outlines &&
    outlineTouches(ink, outlines, DEFAULTS.minOutline) >= DEFAULTS.minOutline
  ) {
    const outlined = weight.map((w, i) => (outlines[i] ? 1 : w));
    readings.push({
      cores: markerCores(distanceMap(outlined, width, height), ink, threshold, null),
      markerInk: outlined,
    });
  }
  const chosen =
    readings.find((reading) => reading.cores.hasMarkers) ??
    readings.find((reading) => reading.cores.partlyHidden);
  if (!chosen) return null;
  const { cores, markerInk } = chosen;
  const { found, alike, depth, typical } = cores;
  const shape = classifyMarker(
    alike,
    (column, row) => markerInk[row * width + column] >= INK.solid,
  );
  const reach = depth * DEFAULTS.reach[shape] + 1;
  return {
    shape,
    reach,
    centres: mergeNear(
      found.filter((c) => c.size >= typical / 4),
      reach,
      typical * DEFAULTS.whole,
    ),
  };
}

/**
 * Blobs deeper than `threshold` inside the series' ink (`dist`): marker cores when enough of
 * them are alike in size and deep enough, in the series' `ink`.
 */
function markerCores(
  dist: Float32Array,
  ink: Ink,
  threshold: number,
  atEdges: (() => EdgeInk | null) | null,
) {
  const { width, region } = ink;
  let found = findCores(dist, width, region, threshold);
  const candidates = found.filter((c) => c.size >= DEFAULTS.minCore);
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
  const big = candidates.filter((c) => c.size > typical * 2).length;
  const odd = oddOnes(
    candidates.filter((c) => c.size < typical / 2),
    region,
    typical,
    (core) => nearOccluded(core, typical, ink),
  );
  // The mirrored ink (two image-sized arrays and the bands' distance maps) is made only where
  // markers were found inside: edgeMarkers looks for none without them.
  const edgeInk = atEdges && alike.length > 0 ? atEdges() : null;
  const onEdges = edgeInk ? edgeMarkers(edgeInk, width, threshold, alike, found) : [];
  // The pieces of the markers found whole on the edges give way to them.
  found = [...found.filter((c) => !onEdges.some(({ box }) => within(c, box))), ...onEdges];
  // Markers made whole on the edges join the series' markers found inside (they are told by
  // them) but leave the question whether its blobs are markers to those.
  const deep =
    alike.length + onEdges.length >= DEFAULTS.minMarkers &&
    depth >= threshold + DEFAULTS.markerDepth;
  const all = alike.length + odd.pieces + odd.hidden + odd.apart + big;
  return {
    found,
    alike,
    depth,
    typical,
    hasMarkers: deep && alike.length + odd.pieces >= all * DEFAULTS.alike,
    /** Markers when the pieces beside other series count as partly hidden markers. */
    partlyHidden: deep && alike.length + odd.pieces + odd.hidden >= all * DEFAULTS.alike,
  };
}

/**
 * The markers centred on the plot's edges, whole in the ink mirrored across them (`atEdges`):
 * cores centred on a mirror line (a mirrored blob is symmetric about it) where no marker was
 * found whole (`found`), alike the series' markers found inside (`alike`): at least a quarter of
 * their size (as any core taken for a marker), at most twice, their boxes no longer on a side.
 * A line or an error bar running into the edge, mirrored, makes a blob as deep, long and thin,
 * or as large as two markers where a whole marker touches the edge: it is not one of them. A
 * marker whose own line runs into the edge is mirrored with its line's join, a shallow V: up
 * to `joined` times their size, or longer, it counts when its kernel is like theirs, and is
 * placed there. None when no marker was found inside: the series' markers are not known.
 */
function edgeMarkers(
  { dist, region, lines }: EdgeInk,
  width: number,
  threshold: number,
  alike: Core[],
  found: Core[],
): Core[] {
  if (alike.length === 0) return [];
  const median = (value: (c: Core) => number) => percentile(alike.map(value), 0.5);
  const typical = median((c) => c.size);
  const depth = median((c) => c.depth);
  const sides = [median((c) => c.box.right - c.box.left), median((c) => c.box.bottom - c.box.top)];
  // No longer than the series' markers; it may be shorter, as the ink between the region traced
  // and the edge (the frame's) is the region's outermost column or row again, a narrower chord.
  const like = (side: number, own: number) => side <= own * DEFAULTS.edgeSide + 1;
  // A mirrored blob's centre is on the mirror line's pixel centre, give or take a pixel.
  const onLine = (at: number, line: number) => Math.abs(at - (line + 0.5)) <= 1;
  const onLines = ({ px, py }: PixelPoint) =>
    onLine(px, lines.left) ||
    onLine(px, lines.right) ||
    onLine(py, lines.top) ||
    onLine(py, lines.bottom);
  const likeBox = ({ box }: Core) =>
    like(box.right - box.left, sides[0]) && like(box.bottom - box.top, sides[1]);
  // A marker whose line runs into the edge is mirrored with the line's join, a V as deep as its
  // line, beyond it: the blob holds a marker-sized disc, its kernel (as deep as the markers but
  // for a pixel), on the mirror line and no longer than theirs; the surplus is line.
  let kernels: Core[] | null = null;
  const kernel = (core: Core) => {
    kernels ??= findCores(dist, width, region, Math.max(threshold, depth - DEFAULTS.kernelDepth));
    const inside = kernels.filter((k) => within(k, core.box));
    const deepest = inside.sort((a, b) => b.depth - a.depth)[0];
    return deepest && onLines(deepest) && likeBox(deepest) ? deepest : null;
  };
  const edgeCores: Core[] = [];
  for (const core of findCores(dist, width, region, threshold)) {
    if (!onLines(core) || core.size < typical / 4 || core.size > typical * DEFAULTS.joined)
      continue;
    if (found.some((c) => c.size >= typical / 2 && within(c, core.box))) continue;
    if (core.size <= typical * 2 && likeBox(core)) {
      edgeCores.push(core);
      continue;
    }
    const inner = kernel(core);
    if (inner) edgeCores.push({ ...core, px: inner.px, py: inner.py });
  }
  return edgeCores;
}

/** Whether a core's centre lies in `box`. */
function within({ px, py }: PixelPoint, box: Box): boolean {
  return px >= box.left && px <= box.right && py >= box.top && py <= box.bottom;
}

/**
 * The cores smaller than half the typical marker's (`typical` px), told apart: markers cut by
 * the plot's edge (the first and last of a series drawn on the axis limits) are left out;
 * pieces of one marker cut by a line or an error bar drawn over it, near one another, count
 * as one marker (`pieces`) when together they hold a quarter of a marker's core or more; so
 * large a piece alone beside another series drawn over it is a marker partly `hidden` under
 * that series (`isHidden`); the rest stand `apart` (a noisy line's folds).
 */
function oddOnes(
  small: Core[],
  region: Ink['region'],
  typical: number,
  isHidden: (core: Core) => boolean,
): { pieces: number; hidden: number; apart: number } {
  // A marker's core is about a disc of `typical` px: its pieces lie within its diameter.
  const near = 2 * Math.sqrt(typical / Math.PI) + DEFAULTS.pieceSlack;
  const inside = small.filter(
    (c) =>
      c.px - region.left > near &&
      region.right - c.px > near &&
      c.py - region.top > near &&
      region.bottom - c.py > near,
  );
  // Pieces near one another, grouped (single linkage).
  const group = inside.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : root(group[i]));
  for (let i = 0; i < inside.length; i++) {
    for (let j = i + 1; j < inside.length; j++) {
      const [a, b] = [inside[i], inside[j]];
      if (Math.abs(a.px - b.px) <= near && Math.abs(a.py - b.py) <= near) {
        group[root(j)] = root(i);
      }
    }
  }
  const sizes = new Map<number, { size: number; count: number; hidden: boolean }>();
  inside.forEach((c, i) => {
    const g = sizes.get(root(i)) ?? { size: 0, count: 0, hidden: false };
    sizes.set(root(i), {
      size: g.size + c.size,
      count: g.count + 1,
      hidden: g.hidden || isHidden(c),
    });
  });
  let pieces = 0;
  let hiddenCount = 0;
  let apart = 0;
  for (const group of sizes.values()) {
    const share = group.size >= typical * DEFAULTS.piecesShare;
    if (group.count > 1 && share) pieces++;
    else if (group.hidden && share) hiddenCount++;
    else apart++;
  }
  return { pieces, hidden: hiddenCount, apart };
}

/**
 * Whether another series is drawn (`occluded`) over enough pixels around `core`'s box (within
 * `hiddenReach` of a marker core's diameter; `typical` px cores) to hide the rest of its
 * marker's core. Only pixels inside a drawn area count (their four neighbours drawn, by the
 * series or another): a grid line or a crossing line beside a noisy line's fold covers few,
 * and JPEG's specks round a marker none.
 */
function nearOccluded(
  { box, size }: Core,
  typical: number,
  { weight, occluded, width, height }: Ink,
): boolean {
  if (!occluded) return false;
  const margin = 2 * Math.sqrt(typical / Math.PI) * DEFAULTS.hiddenReach;
  const [left, right] = [
    Math.max(1, Math.floor(box.left - margin)),
    Math.min(width - 2, Math.ceil(box.right + margin)),
  ];
  const [top, bottom] = [
    Math.max(1, Math.floor(box.top - margin)),
    Math.min(height - 2, Math.ceil(box.bottom + margin)),
  ];
  const drawn = (i: number) => occluded[i] === 1 || weight[i] >= INK.solid;
  const missing = typical - size;
  let count = 0;
  for (let row = top; row <= bottom; row++) {
    for (let column = left; column <= right; column++) {
      const i = row * width + column;
      if (!occluded[i]) continue;
      if (!drawn(i - 1) || !drawn(i + 1) || !drawn(i - width) || !drawn(i + width)) continue;
      if (++count >= missing) return true;
    }
  }
  return false;
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

/**
 * How many outline pixels border the series' solid ink (stopping at minOutline): a line
 * crossing dark text or another line touches a few, outlined markers many.
 */
function outlineTouches(
  { weight, width, region }: Ink,
  outlines: Uint8Array,
  minOutline: number,
): number {
  let count = 0;
  for (let row = Math.ceil(region.top) + 1; row < region.bottom - 1; row++) {
    for (let column = Math.ceil(region.left) + 1; column < region.right - 1; column++) {
      const i = row * width + column;
      if (!outlines[i]) continue;
      if (
        weight[i - 1] >= INK.solid ||
        weight[i + 1] >= INK.solid ||
        weight[i - width] >= INK.solid ||
        weight[i + width] >= INK.solid
      ) {
        if (++count >= minOutline) return count;
      }
    }
  }
  return count;
}
