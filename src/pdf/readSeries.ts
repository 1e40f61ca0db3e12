import { toHex } from '../color.js';
import type { Box, MarkerShape, PixelPoint, SeriesResult } from '../types.js';
import type { LineStyle, VectorLegendEntry } from './findLegendEntries.js';
import { type DrawnMarker, readMarker, sameRgb, sameShape } from './markers.js';
import { readOutlinedStroke } from './outlinedStroke.js';
import type { VectorAxis } from './readAxis.js';
import type { PdfPath, PdfSubpath } from './types.js';

/** A marker is at most this many points across... */
export const MAX_MARKER = 24;
/** ...and this share of the plot's smaller side. */
const MAX_MARKER_SHARE = 0.15;
/** A marker whose centre is within this share of its size of a line's vertex is drawn at it. */
const ON_VERTEX = 0.5;
/**
 * Values are rounded to a power of ten no coarser than this share of their axis' range (of the
 * value itself on a log axis): pdfjs reads coordinates as 32-bit floats, whose noise reaches a
 * few 1e-8 of a plot (12 read as 11.999999187), and files hold less (R's pdf() writes 2
 * decimals of a point): digits below it are noise.
 */
const FILE_PRECISION = 1e-6;
/** 10 ** 22 is the largest power of ten a double holds exactly. */
const MAX_DECIMALS = 22;

interface Line {
  style: LineStyle;
  points: PixelPoint[];
}

/**
 * The series of one chart: stroked unfilled paths inside its frame (by clip or by extent),
 * grouped by how they are drawn, and markers (small shapes repeated inside the frame) put on
 * the line of their colour that passes through them, or standing alone (a scatter).
 */
export function readSeries(
  paths: readonly PdfPath[],
  scale: number,
  chart: { box: Box; x: VectorAxis; y: VectorAxis },
  usedPaths: ReadonlySet<number>,
  entries: readonly VectorLegendEntry[],
): { series: SeriesResult[]; warnings: string[] } {
  const { box } = chart;
  const warnings: string[] = [];
  const slack = scale;
  const maxMarker = Math.min(
    MAX_MARKER * scale,
    MAX_MARKER_SHARE * Math.min(box.right - box.left, box.bottom - box.top),
  );
  const within = (inner: Box, reach = slack) =>
    inner.left >= box.left - reach &&
    inner.right <= box.right + reach &&
    inner.top >= box.top - reach &&
    inner.bottom <= box.bottom + reach;
  // Clipped to the frame (its points may run beyond), or drawn inside it (under a wider clip:
  // a figure embedded as a form is clipped to the form's box); a stroke's outline may reach
  // half its width beyond.
  const inFrame = (path: PdfPath, width: number) =>
    (path.clip !== null && within(path.clip)) || within(path.box, slack + width / 2);

  const markers: DrawnMarker[] = [];
  const lines: Line[] = [];
  for (const path of paths) {
    if (usedPaths.has(path.index)) continue;
    const size = Math.max(path.box.right - path.box.left, path.box.bottom - path.box.top);
    if (size <= maxMarker) {
      const marker = readMarker(path);
      const centre = marker?.centre;
      if (
        marker &&
        centre &&
        centre.px >= box.left - slack &&
        centre.px <= box.right + slack &&
        centre.py >= box.top - slack &&
        centre.py <= box.bottom + slack
      ) {
        markers.push(marker);
        continue;
      }
    }
    const outlined = readOutlinedStroke(path);
    if (!inFrame(path, outlined?.width ?? 0)) continue;
    if (outlined && path.fill) {
      // A dashed grid or reference line (a level or upright data line is read as one too).
      if (isLevelOrUprightLine(outlined.points, outlined.width / 4)) continue;
      lines.push({
        style: { color: path.fill, dash: outlined.pattern, width: outlined.width },
        points: outlined.points,
      });
      continue;
    }
    if (!path.stroke || path.fill) continue;
    const pieces = path.subpaths.filter(
      (subpath) => !isLevelOrUpright(subpath.points, scale) && !isBoxOutline(subpath, scale),
    );
    if (pieces.length === 0) continue;
    lines.push({
      style: { color: path.stroke, dash: path.dash, width: path.lineWidth },
      points: pieces.flatMap((subpath) => subpath.points),
    });
  }

  const series = joinLines(lines, scale);
  const { withMarkers, scatters } = placeMarkers(markers, series, entries);

  // Legend names: the entry drawn most alike, each entry once.
  type Candidate = {
    style: LineStyle | null;
    markers: DrawnMarker[] | null;
    points: PixelPoint[];
    color: string;
  };
  const found: Candidate[] = [
    ...series.map((line) => ({
      style: line.style,
      markers: withMarkers.get(line) ?? null,
      // Each marker at the vertex of its line it is drawn on (or its point along the line): the
      // data point itself, where the shape's own centre depends on the engine (gnuplot's
      // triangles sit off their point).
      points:
        withMarkers.get(line)?.map((m) => pointOnLine(line.points, m) ?? m.centre) ?? line.points,
      color: toHex(line.style.color),
    })),
    ...scatters.map((group) => ({
      style: null,
      markers: group,
      points: group.map((m) => m.centre),
      color: toHex((group[0].fill ?? group[0].stroke)!),
    })),
  ];
  const names = matchEntries(found, entries);
  const x = valueReader(chart.x, box.left, box.right);
  const y = valueReader(chart.y, box.bottom, box.top);
  const results: SeriesResult[] = found.map((candidate, i) => {
    const marker: MarkerShape | null = candidate.markers?.[0].shape ?? null;
    if (!candidate.style) {
      warnings.push(
        `series '${names[i] ?? candidate.color}' is markers without a line (a scatter plot, not a line chart): its points are the markers`,
      );
    }
    return {
      name: names[i],
      color: candidate.color,
      marker,
      confidence: chart.x.exact && chart.y.exact ? 1 : 0.5,
      points: candidate.points.map(({ px, py }) => ({ x: x(px), y: y(py) })),
    };
  });
  if (entries.length > 0) {
    for (const [i, name] of names.entries()) {
      if (name === null) warnings.push(`a series coloured ${found[i].color} has no legend entry`);
    }
  }
  return { series: results, warnings };
}

/**
 * One series per way of drawing: lines drawn alike join where one ends at the next's start or
 * where they do not overlap in x (a long line split in pieces). The lines are not changed.
 */
function joinLines(lines: readonly Line[], scale: number): Line[] {
  const series: Line[] = [];
  for (const line of lines) {
    const same = series.filter((other) => sameStyle(other.style, line.style));
    const joined = same.find((other) => {
      const end = other.points[other.points.length - 1];
      const start = line.points[0];
      return (
        Math.abs(end.px - start.px) <= 1e-3 * scale && Math.abs(end.py - start.py) <= 1e-3 * scale
      );
    });
    if (joined) {
      joined.points.push(...line.points.slice(1));
      continue;
    }
    const apart = same.find((other) => !overlapsInX(other.points, line.points, scale));
    if (apart) {
      apart.points = xOrdered([apart.points, line.points]);
      continue;
    }
    series.push({ ...line, points: [...line.points] });
  }
  return series;
}

/**
 * Markers of one look are one set; a set goes to the line of its colour through (at least half
 * of) its centres, one set per line. A set with no line is a scatter where it has two markers
 * or more, or a legend entry shows its shape; otherwise it is dropped.
 */
function placeMarkers(
  markers: readonly DrawnMarker[],
  series: readonly Line[],
  entries: readonly VectorLegendEntry[],
): { withMarkers: Map<Line, DrawnMarker[]>; scatters: DrawnMarker[][] } {
  const groups: DrawnMarker[][] = [];
  for (const marker of markers) {
    const group = groups.find(
      ([first]) =>
        sameShape(first, marker) &&
        sameColor(first.fill, marker.fill) &&
        sameColor(first.stroke, marker.stroke),
    );
    if (group) group.push(marker);
    else groups.push([marker]);
  }
  const withMarkers = new Map<Line, DrawnMarker[]>();
  const scatters: DrawnMarker[][] = [];
  for (const group of groups) {
    const host = series.find(
      (line) =>
        group.some(
          (m) => sameRgb(m.fill, line.style.color) || sameRgb(m.stroke, line.style.color),
        ) && group.filter((m) => pointOnLine(line.points, m) !== null).length >= group.length / 2,
    );
    if (host && !withMarkers.has(host)) withMarkers.set(host, group);
    else if (
      group.length >= 2 ||
      entries.some((entry) => entry.marker && sameShape(entry.marker, group[0]))
    )
      scatters.push(group);
  }
  return { withMarkers, scatters };
}

/**
 * The data value of a pixel on an axis spanning `from` to `to` pixels, rounded to
 * FILE_PRECISION of its range (linear) or of itself (log).
 */
function valueReader(axis: VectorAxis, from: number, to: number): (pixel: number) => number {
  const range = Math.abs(axis.pixelToData(to) - axis.pixelToData(from));
  return (pixel) => {
    const value = axis.pixelToData(pixel);
    const unit = axis.scale === 'log' ? Math.abs(value) : range;
    const decimals = -Math.floor(Math.log10(unit * FILE_PRECISION));
    if (!Number.isFinite(decimals) || Math.abs(decimals) > MAX_DECIMALS) return value;
    // Dividing by an exact power of ten gives the double nearest the decimal (no 0.30000000000000004).
    return decimals >= 0
      ? Math.round(value * 10 ** decimals) / 10 ** decimals
      : Math.round(value / 10 ** -decimals) * 10 ** -decimals;
  };
}

function matchEntries(
  found: readonly { style: LineStyle | null; markers: DrawnMarker[] | null; color: string }[],
  entries: readonly VectorLegendEntry[],
): (string | null)[] {
  const pairs: { i: number; j: number; score: number }[] = [];
  found.forEach((candidate, i) => {
    entries.forEach((entry, j) => {
      const score = likeness(candidate, entry);
      if (score > 0) pairs.push({ i, j, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score);
  const names: (string | null)[] = found.map(() => null);
  const usedEntries = new Set<number>();
  for (const { i, j } of pairs) {
    if (names[i] !== null || usedEntries.has(j)) continue;
    names[i] = entries[j].name;
    usedEntries.add(j);
  }
  return names;
}

/** How alike a series and a legend sample are drawn; 0 where their colours differ. */
function likeness(
  candidate: { style: LineStyle | null; markers: DrawnMarker[] | null; color: string },
  entry: VectorLegendEntry,
): number {
  const entryColor = entry.line?.color ?? entry.marker?.fill ?? entry.marker?.stroke ?? entry.patch;
  if (!entryColor || toHex(entryColor) !== candidate.color) return 0;
  let score = 4;
  if (candidate.style && entry.line) {
    if (sameDash(candidate.style.dash, entry.line.dash)) score += 2;
    if (Math.abs(candidate.style.width - entry.line.width) <= 0.01 * Math.max(1, entry.line.width))
      score += 1;
  } else if (!candidate.style && !entry.line) score += 2;
  const marker = candidate.markers?.[0] ?? null;
  if (marker && entry.marker && sameShape(marker, entry.marker)) score += 2;
  else if (!marker && !entry.marker) score += 1;
  return score;
}

function sameDash(a: readonly number[], b: readonly number[]): boolean {
  return (
    a.length === b.length &&
    a.every((length, i) => Math.abs(length - b[i]) <= 0.01 * Math.max(1, length))
  );
}

/** Two colours equal, or both missing (a marker not filled, or not stroked). */
function sameColor(a: PdfPath['stroke'], b: PdfPath['stroke']): boolean {
  return a === null ? b === null : sameRgb(a, b);
}

function sameStyle(a: LineStyle, b: LineStyle): boolean {
  return (
    sameRgb(a.color, b.color) &&
    sameDash(a.dash, b.dash) &&
    Math.abs(a.width - b.width) <= 1e-3 * Math.max(1, a.width)
  );
}

/**
 * The data point a marker marks on a line: the line's vertex nearest its centre, within
 * ON_VERTEX of its size; else, where the line passes that near (a marker along a step of a
 * step plot), the nearest point of the line; else null.
 */
function pointOnLine(points: readonly PixelPoint[], marker: DrawnMarker): PixelPoint | null {
  const reach = ON_VERTEX * marker.size;
  const { px, py } = marker.centre;
  let vertex: PixelPoint | null = null;
  let vertexDistance = reach;
  for (const point of points) {
    const distance = Math.hypot(point.px - px, point.py - py);
    if (distance <= vertexDistance) {
      vertex = point;
      vertexDistance = distance;
    }
  }
  if (vertex) return vertex;
  let along: PixelPoint | null = null;
  let alongDistance = reach;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    const [dx, dy] = [b.px - a.px, b.py - a.py];
    const length2 = dx * dx + dy * dy;
    if (length2 === 0) continue;
    const t = Math.max(0, Math.min(1, ((px - a.px) * dx + (py - a.py) * dy) / length2));
    const foot = { px: a.px + t * dx, py: a.py + t * dy };
    const distance = Math.hypot(foot.px - px, foot.py - py);
    if (distance <= alongDistance) {
      along = foot;
      alongDistance = distance;
    }
  }
  return along;
}

/** Whether two point lists share more than a sliver of x. */
function overlapsInX(a: readonly PixelPoint[], b: readonly PixelPoint[], scale: number): boolean {
  const range = (points: readonly PixelPoint[]) => [
    Math.min(...points.map((p) => p.px)),
    Math.max(...points.map((p) => p.px)),
  ];
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return Math.min(a1, b1) - Math.max(a0, b0) > scale;
}

/** Pieces of a line put one after another from left to right. */
function xOrdered(pieces: PixelPoint[][]): PixelPoint[] {
  const start = (piece: PixelPoint[]) => Math.min(piece[0].px, piece[piece.length - 1].px);
  return [...pieces].sort((a, b) => start(a) - start(b)).flat();
}

/** A two-point piece that is level or upright: a grid, reference or error-bar line, not data. */
function isLevelOrUpright(points: readonly PixelPoint[], scale: number): boolean {
  return points.length === 2 && isLevelOrUprightLine(points, 1e-3 * scale);
}

/** Points on one level or one upright line, within `eps`. */
function isLevelOrUprightLine(points: readonly PixelPoint[], eps: number): boolean {
  const [first] = points;
  return (
    points.every((p) => Math.abs(p.py - first.py) <= eps) ||
    points.every((p) => Math.abs(p.px - first.px) <= eps)
  );
}

/**
 * Whether a stroked piece is the outline of a box: closed (a legend's frame, its corners square
 * or rounded), every point on a side of its bounding box and every side reached; or open
 * (gnuplot strokes its key's frame as three or four sides), every point on a corner of its
 * bounding box, every corner reached. A step plot's corners climb; they are not all on one
 * box's corners, and it does not close.
 */
function isBoxOutline(subpath: PdfSubpath, scale: number): boolean {
  const { points } = subpath;
  if (points.length < 4) return false;
  const eps = 1e-3 * scale;
  const xs = points.map((p) => p.px);
  const ys = points.map((p) => p.py);
  const [left, right, top, bottom] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  if (right - left <= eps || bottom - top <= eps) return false;
  const sides = (p: PixelPoint) =>
    [
      Math.abs(p.px - left) <= eps,
      Math.abs(p.px - right) <= eps,
      Math.abs(p.py - top) <= eps,
      Math.abs(p.py - bottom) <= eps,
    ].map(Number);
  const on = points.map(sides);
  const [first, last] = [points[0], points[points.length - 1]];
  const closed =
    subpath.closed || (Math.abs(first.px - last.px) <= eps && Math.abs(first.py - last.py) <= eps);
  if (closed) {
    return (
      on.every((hits) => hits.some(Boolean)) &&
      [0, 1, 2, 3].every((k) => on.some((hits) => hits[k]))
    );
  }
  const corner = (hits: number[]) => (hits[0] || hits[1]) && (hits[2] || hits[3]);
  const corners = new Set(on.map((hits) => `${hits[0]}${hits[2]}`));
  return points.length <= 5 && on.every(corner) && corners.size === 4;
}
