/**
 * The plot frames of a page's drawing: the straight axis-parallel segments its paths are made
 * of, and the boxes that look like plots (rectangles drawn or clipped to, spines, grids).
 */
import type { Box } from '../types.js';
import type { PdfPath } from './types.js';

/** A straight axis-parallel piece of a stroked path (or a thin filled rectangle). */
export interface Segment {
  path: number;
  orientation: 'h' | 'v';
  /** The constant coordinate: y of a horizontal segment, x of a vertical one. */
  at: number;
  from: number;
  to: number;
  /** The whole of its subpath (a tick mark, a grid line), not a side of a shape. */
  lone: boolean;
}

/** Coordinates equal to within this many pixels per pixel-scale are one (32-bit floats of pdfjs). */
const EPSILON = 1e-3;
/** A plot is at least this big (points) in both directions. */
const MIN_PLOT = 24;
/** A box covering this share of the page both ways is the page's background. */
const PAGE_SHARE = 0.97;

/**
 * Straight axis-parallel segments of the page: every line piece of a stroked path that is
 * horizontal or vertical, and every thin filled rectangle (some engines fill tick marks).
 */
export function findSegments(paths: readonly PdfPath[], scale: number): Segment[] {
  const eps = EPSILON * scale;
  const segments: Segment[] = [];
  for (const path of paths) {
    if (path.stroke) {
      for (const subpath of path.subpaths) {
        if (subpath.curved) continue;
        const points = subpath.closed ? [...subpath.points, subpath.points[0]] : subpath.points;
        const lone = points.length === 2;
        for (let i = 1; i < points.length; i++) {
          const a = points[i - 1];
          const b = points[i];
          if (Math.abs(a.py - b.py) <= eps && Math.abs(a.px - b.px) > eps) {
            segments.push({
              path: path.index,
              orientation: 'h',
              at: (a.py + b.py) / 2,
              from: Math.min(a.px, b.px),
              to: Math.max(a.px, b.px),
              lone,
            });
          } else if (Math.abs(a.px - b.px) <= eps && Math.abs(a.py - b.py) > eps) {
            segments.push({
              path: path.index,
              orientation: 'v',
              at: (a.px + b.px) / 2,
              from: Math.min(a.py, b.py),
              to: Math.max(a.py, b.py),
              lone,
            });
          }
        }
      }
    } else if (path.fill && isRectangle(path)) {
      const { left, top, right, bottom } = path.box;
      const width = right - left;
      const height = bottom - top;
      const thin = scale; // a filled line is at most a point thick
      if (height <= thin && width > 2 * height) {
        segments.push({
          path: path.index,
          orientation: 'h',
          at: (top + bottom) / 2,
          from: left,
          to: right,
          lone: true,
        });
      } else if (width <= thin && height > 2 * width) {
        segments.push({
          path: path.index,
          orientation: 'v',
          at: (left + right) / 2,
          from: top,
          to: bottom,
          lone: true,
        });
      }
    }
  }
  return segments;
}

/** Whether `inner` lies wholly within `outer`. */
export function contains(outer: Box, inner: Box): boolean {
  return (
    inner.left >= outer.left &&
    inner.right <= outer.right &&
    inner.top >= outer.top &&
    inner.bottom <= outer.bottom
  );
}

/** Whether a path is one axis-parallel rectangle (4 corners, closed or ending where it began). */
export function isRectangle(path: PdfPath): boolean {
  if (path.subpaths.length !== 1) return false;
  const [subpath] = path.subpaths;
  if (subpath.curved) return false;
  let points = subpath.points;
  const first = points[0];
  const last = points[points.length - 1];
  const eps = 1e-3 * Math.max(1, path.box.right - path.box.left, path.box.bottom - path.box.top);
  if (
    points.length === 5 &&
    Math.abs(first.px - last.px) <= eps &&
    Math.abs(first.py - last.py) <= eps
  ) {
    points = points.slice(0, 4);
  } else if (points.length !== 4 || !(subpath.closed || path.fill)) {
    return false;
  }
  for (let i = 0; i < 4; i++) {
    const a = points[i];
    const b = points[(i + 1) % 4];
    if (Math.abs(a.px - b.px) > eps && Math.abs(a.py - b.py) > eps) return false;
  }
  return true;
}

/**
 * Boxes that may be plot frames: rectangles drawn (filled, stroked) or clipped to, and the
 * boxes that two long perpendicular lines meeting at their ends span (spines), at least
 * MIN_PLOT points each way and not the page itself. Near-equal boxes are given once.
 */
export function findFrameCandidates(
  paths: readonly PdfPath[],
  segments: readonly Segment[],
  page: { width: number; height: number; scale: number },
): Box[] {
  const min = MIN_PLOT * page.scale;
  const boxes: Box[] = [];
  const add = (box: Box) => {
    const width = box.right - box.left;
    const height = box.bottom - box.top;
    if (width < min || height < min) return;
    if (width >= PAGE_SHARE * page.width && height >= PAGE_SHARE * page.height) return;
    if (!boxes.some((other) => sameBox(other, box, page.scale))) boxes.push(box);
  };
  const clips = new Map<string, Box>();
  for (const path of paths) {
    if (isRectangle(path)) add(path.box);
    if (path.clip) clips.set(boxKey(path.clip), path.clip);
  }
  for (const clip of clips.values()) add(clip);

  const eps = 2 * page.scale;
  const long = segments.filter((segment) => segment.to - segment.from >= min);
  const horizontals = long.filter((segment) => segment.orientation === 'h');
  const verticals = long.filter((segment) => segment.orientation === 'v');
  for (const v of verticals) {
    for (const h of horizontals) {
      const xEnd = Math.abs(h.from - v.at) <= eps || Math.abs(h.to - v.at) <= eps;
      const yEnd = Math.abs(v.from - h.at) <= eps || Math.abs(v.to - h.at) <= eps;
      // The box the lines span end to end: engines that draw for screens snap a line across
      // (to whole pixels, so it draws crisp), never along it.
      if (xEnd && yEnd) add({ left: h.from, top: v.from, right: h.to, bottom: v.to });
    }
  }
  // A frameless plot (ggplot2's theme_minimal): the box its grid lines span, level ones all
  // alike end to end, upright ones too, each set lying within the other's extent.
  const gridSets = (list: Segment[]) => {
    const sets = new Map<string, Segment[]>();
    for (const segment of list) {
      const key = `${Math.round(segment.from / eps)},${Math.round(segment.to / eps)}`;
      sets.set(key, [...(sets.get(key) ?? []), segment]);
    }
    return [...sets.values()].filter((set) => set.length >= 2);
  };
  for (const levels of gridSets(horizontals)) {
    for (const uprights of gridSets(verticals)) {
      const [left, right] = [levels[0].from, levels[0].to];
      const [top, bottom] = [uprights[0].from, uprights[0].to];
      const within =
        uprights.every((v) => v.at >= left - eps && v.at <= right + eps) &&
        levels.every((h) => h.at >= top - eps && h.at <= bottom + eps);
      if (within) add({ left, top, right, bottom });
    }
  }
  return boxes;
}

/** Two boxes within half a point of each other on every side. */
export function sameBox(a: Box, b: Box, scale: number): boolean {
  const eps = 0.5 * scale;
  return (
    Math.abs(a.left - b.left) <= eps &&
    Math.abs(a.top - b.top) <= eps &&
    Math.abs(a.right - b.right) <= eps &&
    Math.abs(a.bottom - b.bottom) <= eps
  );
}

function boxKey(box: Box): string {
  return [box.left, box.top, box.right, box.bottom].map((v) => v.toFixed(2)).join(',');
}

/**
 * The paths that draw only frame lines, tick marks and grid lines of the boxes, or a box itself
 * (its patch, its frame): no series (a series stepping along an edge draws other pieces too).
 * Their indices, in page order.
 */
export function framePaths(
  boxes: readonly Box[],
  segments: readonly Segment[],
  paths: readonly PdfPath[],
  scale: number,
): number[] {
  const indices: number[] = [];
  const frameLike = new Map<number, number>();
  for (const segment of segments) {
    const like = boxes.some(
      (box) =>
        onFrame(segment, box, scale) ||
        (segment.lone && (isGridLine(segment, box, scale) || isTick(segment, box, scale))),
    );
    if (like) frameLike.set(segment.path, (frameLike.get(segment.path) ?? 0) + 1);
  }
  for (const path of paths) {
    const pieces = path.subpaths.reduce(
      (sum, subpath) => sum + subpath.points.length - 1 + (subpath.closed ? 1 : 0),
      0,
    );
    if (frameLike.get(path.index) === pieces || boxes.some((box) => isFrameBox(path, box, scale))) {
      indices.push(path.index);
    }
  }
  return indices;
}

/** A segment lying along one of a box's edges for most of it (a marker's stroke on the edge is not one). */
function onFrame(segment: Segment, box: Box, scale: number): boolean {
  const eps = scale;
  const [low, high] = segment.orientation === 'h' ? [box.left, box.right] : [box.top, box.bottom];
  const edges = segment.orientation === 'h' ? [box.top, box.bottom] : [box.left, box.right];
  return (
    edges.some((edge) => Math.abs(segment.at - edge) <= eps) &&
    segment.from >= low - eps &&
    segment.to <= high + eps &&
    segment.to - segment.from >= 0.5 * (high - low)
  );
}

/** A short segment across one of a box's edges, starting or ending on it: a tick mark (minor ones too). */
export function isTick(segment: Segment, box: Box, scale: number): boolean {
  const eps = scale;
  const vertical = segment.orientation === 'v';
  const [low, high] = vertical ? [box.left, box.right] : [box.top, box.bottom];
  const edges = vertical ? [box.top, box.bottom] : [box.left, box.right];
  const extent = vertical ? box.bottom - box.top : box.right - box.left;
  return (
    segment.at >= low - eps &&
    segment.at <= high + eps &&
    segment.to - segment.from <= 0.2 * extent &&
    edges.some((edge) => Math.abs(segment.from - edge) <= eps || Math.abs(segment.to - edge) <= eps)
  );
}

/** A level or upright segment across (nearly) the whole box: a grid or reference line. */
function isGridLine(segment: Segment, box: Box, scale: number): boolean {
  const eps = scale;
  const [low, high] = segment.orientation === 'h' ? [box.left, box.right] : [box.top, box.bottom];
  const [across0, across1] =
    segment.orientation === 'h' ? [box.top, box.bottom] : [box.left, box.right];
  return (
    segment.at >= across0 - eps &&
    segment.at <= across1 + eps &&
    segment.from <= low + 0.1 * (high - low) &&
    segment.to >= high - 0.1 * (high - low)
  );
}

/** A path that draws the box itself (its patch, its frame). */
function isFrameBox(path: PdfPath, box: Box, scale: number): boolean {
  return sameBox(path.box, box, scale);
}
