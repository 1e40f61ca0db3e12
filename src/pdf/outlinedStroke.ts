import { nearestOnSegment, percentile } from '../math.js';
import type { PixelPoint } from '../types.js';
import type { PdfPath, PdfSubpath } from './types.js';

/** Pieces of one width: at least this share of them within THIN_SLACK of the median width. */
const THIN_SHARE = 0.6;
const THIN_SLACK = 0.25;
/** A stroke's tiles are all of its width across, within this share of it. */
const EVEN_SLACK = 0.05;
/** A piece longer than this many widths has a direction the line must run along... */
const ELONGATED = 2;
/** ...at least this share of them: a bar chart's bars stand across the row they make. */
const ALONG_SHARE = 0.7;
/** The cosine between a piece and the way to the next piece that counts as along. */
const ALONG_COS = 0.7;
/** A vertex paired across the stroke: the other side is this many widths away. */
const ACROSS = [0.5, 1.5] as const;

/** The line a dashed stroke draws, read back from the outlines of its dashes. */
export interface OutlinedStroke {
  /** The centre line, left to right. */
  points: PixelPoint[];
  /** The stroke's width in pixels. */
  width: number;
  /**
   * Its pattern as drawn: the median length of its dashes, then of its dots, where it has them
   * (a dash array is not written with the outlines; this tells a line's own legend sample from
   * another's of the same colour).
   */
  pattern: number[];
}

/**
 * A filled path that is a dashed stroke drawn as the outlines of its dashes (what a browser's
 * PDF printer writes for a dashed SVG or canvas line): two pieces or more, each an outline, of one
 * width across, each long piece lying along the way to the next. Returns the stroke's centre
 * line (each outline vertex paired with the outline's other side, a width away), or null for
 * any other fill (a band, bars, a marker, a glyph).
 */
export function readOutlinedStroke(path: PdfPath): OutlinedStroke | null {
  if (!path.fill || path.stroke || path.subpaths.length < 2) return null;
  const pieces = path.subpaths.map(removeClosingPoint);
  // A fill closes every piece, whether the file closes it or not.
  if (pieces.some((points) => points.length < 4)) return null;
  const shapes = pieces.map(principalExtents);
  const width = percentile(
    shapes.map((shape) => shape.minor),
    0.5,
  );
  if (!(width > 0)) return null;
  const thin = shapes.filter((shape) => Math.abs(shape.minor - width) <= THIN_SLACK * width);
  if (thin.length < THIN_SHARE * shapes.length) return null;

  let long = 0;
  let along = 0;
  let across = 0;
  for (let i = 0; i + 1 < shapes.length; i++) {
    const shape = shapes[i];
    if (shape.major < ELONGATED * shape.minor) continue;
    long++;
    const next = shapes[i + 1].centre;
    const [dx, dy] = [next.px - shape.centre.px, next.py - shape.centre.py];
    const distance = Math.hypot(dx, dy);
    if (!(distance > 0)) continue;
    const cos = Math.abs(dx * shape.axis.px + dy * shape.axis.py) / distance;
    if (cos >= ALONG_COS) along++;
    else if (cos <= 1 - ALONG_COS) across++;
  }
  if (long > 0 && across >= ALONG_SHARE * long) return readTiles(shapes);
  if (long > 0 && along < ALONG_SHARE * long) return null;

  // A dot (not much longer than wide) is drawn at its centre.
  const points = pieces
    .flatMap((piece, i) =>
      shapes[i].major < ELONGATED * shapes[i].minor ? [shapes[i].centre] : centreLine(piece, width),
    )
    .sort((a, b) => a.px - b.px || a.py - b.py);
  if (points.length < 2) return null;
  const lengths = (dots: boolean) =>
    shapes
      .filter((shape) => shape.major < ELONGATED * shape.minor === dots)
      .map((shape) => shape.major);
  const pattern = [lengths(false), lengths(true)]
    .filter((kind) => kind.length > 0)
    .map((kind) => percentile(kind, 0.5));
  return { points: dedupe(points, width / 4), width, pattern };
}

/**
 * A stroke printed as tiles: thin slices across the line, side by side along it (a solid line's
 * outline cut a unit at a time), all of one length across (the stroke's width; bars of a
 * histogram stand side by side too, but not all of one height), most touching the next. The
 * line runs through the tiles' centres; it is solid where they touch, dashed where runs of
 * them are apart.
 */
function readTiles(shapes: readonly PieceShape[]): OutlinedStroke | null {
  const width = percentile(
    shapes.map((shape) => shape.major),
    0.5,
  );
  const even = shapes.filter((shape) => Math.abs(shape.major - width) <= EVEN_SLACK * width);
  if (even.length < THIN_SHARE * shapes.length) return null;
  const touching = shapes.map((a, i) => {
    const b = shapes[i + 1];
    return (
      b !== undefined &&
      Math.hypot(b.centre.px - a.centre.px, b.centre.py - a.centre.py) <=
        (a.minor + b.minor) / 2 + EVEN_SLACK * width
    );
  });
  if (touching.filter(Boolean).length < ALONG_SHARE * (shapes.length - 1)) return null;
  const runs: number[] = [];
  let start = 0;
  shapes.forEach((shape, i) => {
    if (touching[i]) return;
    const first = shapes[start].centre;
    runs.push(Math.hypot(shape.centre.px - first.px, shape.centre.py - first.py) + shape.minor);
    start = i + 1;
  });
  const points = shapes.map((shape) => shape.centre).sort((a, b) => a.px - b.px || a.py - b.py);
  return { points, width, pattern: runs.length > 1 ? [percentile(runs, 0.5)] : [] };
}

/** The points of a piece without a repeated first point at its end. */
function removeClosingPoint(subpath: PdfSubpath): PixelPoint[] {
  const { points } = subpath;
  const [first, last] = [points[0], points[points.length - 1]];
  return points.length > 1 && first.px === last.px && first.py === last.py
    ? points.slice(0, -1)
    : points;
}

/** Each vertex of an outline paired with the nearest point of the outline's other side. */
function centreLine(outline: readonly PixelPoint[], width: number): PixelPoint[] {
  const n = outline.length;
  const centres: PixelPoint[] = [];
  for (let i = 0; i < n; i++) {
    const v = outline[i];
    let best: PixelPoint | null = null;
    let bestDistance = ACROSS[1] * width;
    for (let j = 0; j < n; j++) {
      // The edges from the vertex and into it are its own side.
      if (j === i || (j + 1) % n === i) continue;
      const foot = nearestOnSegment(v, outline[j], outline[(j + 1) % n]);
      const distance = Math.hypot(foot.px - v.px, foot.py - v.py);
      if (distance >= ACROSS[0] * width && distance <= bestDistance) {
        best = foot;
        bestDistance = distance;
      }
    }
    if (best) centres.push({ px: (v.px + best.px) / 2, py: (v.py + best.py) / 2 });
  }
  return centres;
}

/** A piece's centre, main direction (unit) and its extents along and across it. */
interface PieceShape {
  centre: PixelPoint;
  axis: PixelPoint;
  major: number;
  minor: number;
}

function principalExtents(points: readonly PixelPoint[]): PieceShape {
  const n = points.length;
  const cx = points.reduce((sum, p) => sum + p.px, 0) / n;
  const cy = points.reduce((sum, p) => sum + p.py, 0) / n;
  let [sxx, syy, sxy] = [0, 0, 0];
  for (const p of points) {
    sxx += (p.px - cx) ** 2;
    syy += (p.py - cy) ** 2;
    sxy += (p.px - cx) * (p.py - cy);
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const axis = { px: Math.cos(angle), py: Math.sin(angle) };
  const along = points.map((p) => (p.px - cx) * axis.px + (p.py - cy) * axis.py);
  const across = points.map((p) => -(p.px - cx) * axis.py + (p.py - cy) * axis.px);
  const extent = (values: number[]) => Math.max(...values) - Math.min(...values);
  return { centre: { px: cx, py: cy }, axis, major: extent(along), minor: extent(across) };
}

/** Points closer than `reach` to the previous one kept (x-sorted input) merged into it. */
function dedupe(points: readonly PixelPoint[], reach: number): PixelPoint[] {
  const kept: PixelPoint[] = [];
  for (const point of points) {
    const last = kept[kept.length - 1];
    if (last && Math.hypot(point.px - last.px, point.py - last.py) < reach) continue;
    kept.push(point);
  }
  return kept;
}
