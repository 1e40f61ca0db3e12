import { nearestOnSegment } from '../math.js';
import type { MarkerShape, PixelPoint } from '../types.js';
import type { PdfPath } from './types.js';

/** A marker as drawn: where its centre is and what it looks like. */
export interface DrawnMarker {
  path: number;
  centre: PixelPoint;
  /** Shape, size-free: the outline's points about the centre over its size, rounded. */
  key: string;
  /** Largest extent in pixels. */
  size: number;
  shape: MarkerShape | null;
  fill: PdfPath['fill'];
  stroke: PdfPath['stroke'];
}

/** A marker drawn in strokes has at most this many (an asterisk: a plus and a cross). */
const MAX_ARMS = 4;
/** Shapes are told apart to this share of their size. */
const KEY_STEP = 0.05;
/** A marker's box is at least this wide for its height, or this tall for its width. */
const MIN_ASPECT = 1 / 3;

/**
 * Reads a small path as a marker: its centre and shape. The centre is the origin of the form
 * it was drawn in where that lies inside it (matplotlib draws each marker as a form placed at
 * the data point), else the mean of a closed outline's corners (R and cairo place a triangle's
 * centroid on the point), else the middle of its box. Returns null for a path that is not
 * closed and not a cross of strokes.
 */
export function readMarker(path: PdfPath): DrawnMarker | null {
  const { box } = path;
  const size = Math.max(box.right - box.left, box.bottom - box.top);
  if (!(size > 0)) return null;
  const closed = path.subpaths.every((subpath) => subpath.closed || path.fill !== null);
  // A cross or a plus: two or more single strokes (one alone is a tick or a cap).
  const strokes =
    path.subpaths.length >= 2 &&
    path.subpaths.every((subpath) => !subpath.closed && subpath.points.length === 2);
  if (!closed && !(strokes && path.stroke)) return null;
  const middle = { px: (box.left + box.right) / 2, py: (box.top + box.bottom) / 2 };
  // A marker's strokes cross at its middle; an error bar's caps lie at its ends.
  if (
    strokes &&
    !path.subpaths.every((subpath) => {
      const foot = nearestOnSegment(middle, subpath.points[0], subpath.points[1]);
      return Math.hypot(foot.px - middle.px, foot.py - middle.py) <= 0.1 * size;
    })
  ) {
    return null;
  }

  const corners = distinctCorners(path);
  // A filled outline of two corners is a line (an error bar's cap drawn as a marker), no shape;
  // so is a box many times longer than wide (a cap or whisker printed as its outline).
  const curved = path.subpaths.some((subpath) => subpath.curved);
  if (!strokes && !curved && corners.length < 3) return null;
  const [short, long] = [box.right - box.left, box.bottom - box.top].sort((a, b) => a - b);
  if (!strokes && !curved && short < MIN_ASPECT * long) return null;
  const origin = path.formOrigin;
  const inside =
    origin &&
    origin.px >= box.left - 1e-6 &&
    origin.px <= box.right + 1e-6 &&
    origin.py >= box.top - 1e-6 &&
    origin.py <= box.bottom + 1e-6;
  let centre: PixelPoint;
  if (inside) centre = origin;
  else if (
    closed &&
    path.subpaths.length === 1 &&
    !path.subpaths[0].curved &&
    corners.length >= 3
  ) {
    centre = {
      px: corners.reduce((sum, p) => sum + p.px, 0) / corners.length,
      py: corners.reduce((sum, p) => sum + p.py, 0) / corners.length,
    };
  } else centre = middle;

  const key = [
    curved ? 'c' : 'p',
    path.subpaths.length,
    ...path.subpaths.flatMap((subpath) =>
      subpath.points.map(
        (p) =>
          `${Math.round((p.px - centre.px) / size / KEY_STEP)}:${Math.round((p.py - centre.py) / size / KEY_STEP)}`,
      ),
    ),
  ].join(' ');
  return {
    path: path.index,
    centre,
    key,
    size,
    shape: nameShape(path, corners, centre, curved, strokes),
    fill: path.fill,
    stroke: path.stroke,
  };
}

/**
 * Paths that draw one marker in pieces made one: small paths drawn one after another alike,
 * centred on the same point (gnuplot strokes a plus as two paths), and a small shape filled
 * then stroked as two paths (a canvas's fill() and stroke(), as Chart.js draws its points).
 * Other paths pass unchanged.
 */
export function joinMarkerPieces(paths: readonly PdfPath[], maxSize: number): PdfPath[] {
  const out: PdfPath[] = [];
  const centre = (path: PdfPath) => ({
    px: (path.box.left + path.box.right) / 2,
    py: (path.box.top + path.box.bottom) / 2,
  });
  // Only short single strokes join: a marker's arms, not a legend's sample line through it.
  const arm = (path: PdfPath) =>
    Math.max(path.box.right - path.box.left, path.box.bottom - path.box.top) <= maxSize / 2 &&
    path.subpaths.every((subpath) => subpath.points.length === 2 && !subpath.closed);
  const small = (path: PdfPath) =>
    Math.max(path.box.right - path.box.left, path.box.bottom - path.box.top) <= maxSize;
  for (const path of paths) {
    const previous = out[out.length - 1];
    if (
      previous?.fill &&
      !previous.stroke &&
      path.stroke &&
      !path.fill &&
      small(path) &&
      sameGeometry(previous, path)
    ) {
      out[out.length - 1] = { ...previous, stroke: path.stroke, lineWidth: path.lineWidth };
      continue;
    }
    if (
      previous &&
      arm(previous) &&
      arm(path) &&
      previous.subpaths.length + path.subpaths.length <= MAX_ARMS &&
      path.stroke &&
      !path.fill &&
      !previous.fill &&
      sameRgb(previous.stroke, path.stroke) &&
      previous.lineWidth === path.lineWidth &&
      Math.abs(centre(previous).px - centre(path).px) <= 1e-3 * maxSize &&
      Math.abs(centre(previous).py - centre(path).py) <= 1e-3 * maxSize
    ) {
      out[out.length - 1] = {
        ...previous,
        subpaths: [...previous.subpaths, ...path.subpaths],
        box: {
          left: Math.min(previous.box.left, path.box.left),
          top: Math.min(previous.box.top, path.box.top),
          right: Math.max(previous.box.right, path.box.right),
          bottom: Math.max(previous.box.bottom, path.box.bottom),
        },
      };
      continue;
    }
    out.push(path);
  }
  return out;
}

/** Two paths through the same points. */
function sameGeometry(a: PdfPath, b: PdfPath): boolean {
  return (
    a.subpaths.length === b.subpaths.length &&
    a.subpaths.every((subpath, i) => {
      const other = b.subpaths[i].points;
      return (
        subpath.points.length === other.length &&
        subpath.points.every((p, k) => p.px === other[k].px && p.py === other[k].py)
      );
    })
  );
}

/**
 * Whether two markers have one shape: their keys alike to a step of KEY_STEP per coordinate
 * (a point rounding to 11 in one marker and to 12 in the next, its 32-bit coordinates a hair
 * either side of a step's middle, is the same point).
 */
export function sameShape(a: DrawnMarker, b: DrawnMarker): boolean {
  if (a.key === b.key) return true;
  const [as, bs] = [a.key.split(' '), b.key.split(' ')];
  if (as.length !== bs.length || as[0] !== bs[0] || as[1] !== bs[1]) return false;
  return as.slice(2).every((token, i) => {
    const [ax, ay] = token.split(':').map(Number);
    const [bx, by] = bs[i + 2].split(':').map(Number);
    return Math.abs(ax - bx) <= 1 && Math.abs(ay - by) <= 1;
  });
}

/** Two colours equal, neither missing. */
export function sameRgb(a: PdfPath['stroke'], b: PdfPath['stroke']): boolean {
  return a !== null && b !== null && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

/** The corners of a path's outline, the closing repeat of the first left out. */
function distinctCorners(path: PdfPath): PixelPoint[] {
  const corners: PixelPoint[] = [];
  const eps = 1e-3 * Math.max(1, path.box.right - path.box.left);
  for (const subpath of path.subpaths) {
    for (const point of subpath.points) {
      if (
        !corners.some((p) => Math.abs(p.px - point.px) <= eps && Math.abs(p.py - point.py) <= eps)
      ) {
        corners.push(point);
      }
    }
  }
  return corners;
}

function nameShape(
  path: PdfPath,
  corners: readonly PixelPoint[],
  centre: PixelPoint,
  curved: boolean,
  strokes: boolean,
): MarkerShape | null {
  if (curved) return 'circle';
  const width = path.box.right - path.box.left;
  const eps = 0.05 * width;
  if (strokes) {
    const diagonal = path.subpaths.every((subpath) => {
      const [a, b] = subpath.points;
      return Math.abs(a.px - b.px) > eps && Math.abs(a.py - b.py) > eps;
    });
    if (path.subpaths.length === 2) return diagonal ? 'cross' : 'plus';
    return path.subpaths.length >= 3 ? 'star' : null;
  }
  switch (corners.length) {
    case 3: {
      // The apex is the corner alone on its side of the centre.
      const above = corners.filter((p) => p.py < centre.py - eps).length;
      return above === 1 ? 'triangle-up' : 'triangle-down';
    }
    case 4: {
      // A square's sides are level or upright; a diamond's are not.
      const axisAligned = corners.every((p, i) => {
        const q = corners[(i + 1) % corners.length];
        return Math.abs(q.px - p.px) <= eps || Math.abs(q.py - p.py) <= eps;
      });
      return axisAligned ? 'square' : 'diamond';
    }
    case 5:
      return 'pentagon';
    case 10:
      return 'star';
    case 12:
      return 'plus';
    default:
      return null;
  }
}
