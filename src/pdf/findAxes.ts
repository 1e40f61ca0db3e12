import { makeAxisScale } from '../calibrate/axisScale.js';
import { type ParsedTick, parseTickLabel } from '../calibrate/parseTick.js';
import { fitLine } from '../math.js';
import type { AxisName, AxisScale, Box, Scale, Tick } from '../types.js';
import type { TextLine } from './textLines.js';
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

/** An axis fitted exactly from tick labels on their marks: value = intercept + slope * pixel. */
export interface VectorAxis extends AxisScale {
  axis: AxisName;
  /** The label lines used. */
  labels: TextLine[];
  /** The marks (paths) the labels were put on. */
  marks: number[];
  /** True when every label sat on a drawn mark; false when some were placed at their centre. */
  exact: boolean;
  /** Which side of the box the labels are on. */
  side: 'bottom' | 'top' | 'left' | 'right';
  warnings: string[];
}

/** Coordinates equal to within this many pixels per pixel-scale are one (32-bit floats of pdfjs). */
const EPSILON = 1e-3;
/** A plot is at least this big (points) in both directions. */
const MIN_PLOT = 24;
/** A box covering this share of the page both ways is the page's background. */
const PAGE_SHARE = 0.97;
/** A tick is at most this share of the box's extent across its axis... */
const MAX_TICK = 0.2;
/** ...and a grid line at least this share. */
const MIN_GRID = 0.9;
/** Labels sit at most this many ems beyond the box's edge (tick length and padding included). */
const MAX_LABEL_GAP = 2.5;
/** Labels reach at most this many ems into the frame (text boxes from font metrics are generous). */
const LABEL_OVERLAP = 0.15;
/** A label placed on its mark: its centre within this many ems beside its own width. */
const LABEL_REACH = 0.3;
/** Labels of one row: baselines this close (ems). */
const SAME_ROW = 0.3;
/** A fit whose marks are all drawn is exact to this many points of residual... */
const EXACT_RESIDUAL = 0.05;
/** ...and one with labels placed at their centres to this many. */
const CENTRED_RESIDUAL = 1;

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
      if (xEnd && yEnd) {
        add({
          left: Math.min(h.from, v.at),
          top: Math.min(v.from, h.at),
          right: Math.max(h.to, v.at),
          bottom: Math.max(v.to, h.at),
        });
      }
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

interface Label {
  line: TextLine;
  parsed: ParsedTick;
  /** Where the label's own geometry puts its tick: its centre along the axis. */
  centre: number;
  /** Its half-extent along the axis. */
  half: number;
}

/**
 * Reads the axis of one side of a box: the row (or column) of number labels nearest to that
 * edge, each put on the mark (tick mark or grid line) it labels, and the exact fit of their
 * values against the marks' positions, linear or log. Returns null where the side has fewer
 * than two number labels; an axis with `slope` NaN where the labels do not fit any scale
 * (`warnings` says why).
 */
export function readAxis(
  box: Box,
  side: 'bottom' | 'top' | 'left' | 'right',
  lines: readonly TextLine[],
  segments: readonly Segment[],
  scale: number,
): VectorAxis | null {
  const horizontal = side === 'bottom' || side === 'top';
  const labels = sideLabels(box, side, lines);
  if (labels.length < 2) return null;

  const extent = horizontal ? box.bottom - box.top : box.right - box.left;
  const edge = { bottom: box.bottom, top: box.top, left: box.left, right: box.right }[side];
  const reach = Math.max(2 * scale, 0.02 * extent);
  const low = horizontal ? box.left : box.top;
  const high = horizontal ? box.right : box.bottom;
  const eps = 1e-3 * scale;
  // Tick marks (short lines on the edge), and grid lines across the box: a label goes on a
  // tick where one is in reach, a grid line only where none is (the frame's own side, a grid
  // line of sorts, lies next to a label at the axis's end).
  const ticksMarks: Segment[] = [];
  const gridMarks: Segment[] = [];
  const across = horizontal ? [box.top, box.bottom] : [box.left, box.right];
  for (const segment of segments) {
    // A mark is a line of its own: the side of a marker sitting on the axis is none.
    if (!segment.lone || segment.orientation !== (horizontal ? 'v' : 'h')) continue;
    if (segment.at < low - reach || segment.at > high + reach) continue;
    const length = segment.to - segment.from;
    const touches =
      Math.abs(segment.from - edge) <= reach ||
      Math.abs(segment.to - edge) <= reach ||
      (segment.from < edge && segment.to > edge);
    if (length <= MAX_TICK * extent && touches) ticksMarks.push(segment);
    else if (
      length >= MIN_GRID * extent &&
      segment.from >= across[0] - reach &&
      segment.to <= across[1] + reach
    ) {
      gridMarks.push(segment);
    }
  }
  const nearest = (marks: readonly Segment[], label: Label): Segment | null => {
    let best: Segment | null = null;
    for (const mark of marks) {
      const off = Math.abs(mark.at - label.centre);
      if (off > label.half + LABEL_REACH * label.line.size) continue;
      if (!best || off < Math.abs(best.at - label.centre) - eps) best = mark;
    }
    return best;
  };

  const ticks: Tick[] = [];
  const used: number[] = [];
  let exact = true;
  for (const label of labels) {
    const best = nearest(ticksMarks, label) ?? nearest(gridMarks, label);
    if (best) used.push(best.path);
    else exact = false;
    ticks.push({
      text: label.line.text,
      value: label.parsed.value,
      pixel: best ? best.at : label.centre,
    });
  }
  const axis: AxisName = horizontal ? 'x' : 'y';
  const fit = fitTicks(ticks, labels, (exact ? EXACT_RESIDUAL : CENTRED_RESIDUAL) * scale);
  const warnings: string[] = [...fit.warnings];
  if (!exact) warnings.push(`${axis} tick labels placed at their centres (no tick marks found)`);
  return {
    ...makeAxisScale(fit.scale, fit.intercept, fit.slope, fit.ticks),
    axis,
    labels: labels.map((label) => label.line),
    marks: used,
    exact,
    side,
    warnings: warnings.map((warning) => warning.replace('{axis}', axis)),
  };
}

/** The number labels of one side, nearest row or column first, in order along the axis. */
function sideLabels(
  box: Box,
  side: 'bottom' | 'top' | 'left' | 'right',
  lines: readonly TextLine[],
): Label[] {
  const horizontal = side === 'bottom' || side === 'top';
  const candidates: { line: TextLine; parsed: ParsedTick; gap: number }[] = [];
  for (const line of lines) {
    if (line.angle !== 0) continue;
    const gap =
      side === 'bottom'
        ? line.box.top - box.bottom
        : side === 'top'
          ? box.top - line.box.bottom
          : side === 'left'
            ? box.left - line.box.right
            : line.box.left - box.right;
    // Labels lie outside the frame (a label reaching into it is the other axis's).
    if (gap < -LABEL_OVERLAP * line.size || gap > MAX_LABEL_GAP * line.size) continue;
    const centre = horizontal
      ? (line.box.left + line.box.right) / 2
      : (line.box.top + line.box.bottom) / 2;
    const [low, high] = horizontal ? [box.left, box.right] : [box.top, box.bottom];
    const slack = 0.01 * (high - low) + 0.5 * line.size;
    if (centre < low - slack || centre > high + slack) continue;
    const parsed = parseTickLabel(line.text);
    if (parsed) candidates.push({ line, parsed, gap });
  }
  if (candidates.length < 2) return [];
  // The row (x) or column (y) nearest to the edge: labels that line up with the nearest one.
  candidates.sort((a, b) => a.gap - b.gap);
  const nearest = candidates[0].line;
  const row = candidates.filter(({ line }) =>
    horizontal
      ? Math.abs(line.y - nearest.y) <= SAME_ROW * nearest.size
      : side === 'left'
        ? Math.abs(line.box.right - nearest.box.right) <= 1.5 * nearest.size
        : Math.abs(line.box.left - nearest.box.left) <= 1.5 * nearest.size,
  );
  return row
    .map(({ line, parsed }) => {
      // The digits' middle: a y label is centred on its tick at the digits' height, not the box's.
      const centre = horizontal ? (line.box.left + line.box.right) / 2 : line.y - 0.35 * line.size;
      const half = horizontal
        ? (line.box.right - line.box.left) / 2
        : (line.box.bottom - line.box.top) / 2;
      return { line, parsed, centre, half };
    })
    .sort((a, b) => a.centre - b.centre);
}

interface Fit {
  scale: Scale;
  intercept: number;
  slope: number;
  ticks: Tick[];
  warnings: string[];
}

/**
 * Fits value = intercept + slope * pixel through the ticks, linear, or log where every value is
 * positive and the labels are powers or only a log scale fits. A tick off the fit by more than
 * `tolerance` pixels is left out with a warning if the rest fit (one stray label); otherwise
 * the slope is NaN.
 */
function fitTicks(ticks: Tick[], labels: readonly Label[], tolerance: number): Fit {
  const unique = dedupe(ticks);
  const powers = labels.every((label) => label.parsed.power);
  const positive = unique.every((tick) => tick.value > 0);
  const scales: Scale[] =
    positive && powers ? ['log', 'linear'] : positive ? ['linear', 'log'] : ['linear'];
  for (const scale of scales) {
    const fit = exactFit(unique, scale, tolerance);
    if (fit) return { scale, ...fit, ticks: unique, warnings: [] };
  }
  if (unique.length >= 4) {
    for (const scale of scales) {
      for (let skip = 0; skip < unique.length; skip++) {
        const rest = unique.filter((_, i) => i !== skip);
        const fit = exactFit(rest, scale, tolerance);
        if (fit) {
          return {
            scale,
            ...fit,
            ticks: rest,
            warnings: [
              `{axis} tick '${unique[skip].text}' does not fit the others and was ignored`,
            ],
          };
        }
      }
    }
  }
  return {
    scale: 'linear',
    intercept: Number.NaN,
    slope: Number.NaN,
    ticks: unique,
    warnings: ['{axis} tick labels do not fit a linear or log scale'],
  };
}

/** Ticks with one label per position (a label read twice, as by two overlapping boxes, once). */
function dedupe(ticks: readonly Tick[]): Tick[] {
  const out: Tick[] = [];
  for (const tick of ticks) {
    if (!out.some((other) => other.pixel === tick.pixel && other.value === tick.value))
      out.push(tick);
  }
  return out;
}

/** Least squares of (log) value on pixel; null unless every tick is within `tolerance` pixels of it. */
function exactFit(
  ticks: readonly Tick[],
  scale: Scale,
  tolerance: number,
): { intercept: number; slope: number } | null {
  const ys = ticks.map((tick) => (scale === 'log' ? Math.log10(tick.value) : tick.value));
  const xs = ticks.map((tick) => tick.pixel);
  const fit = fitLine(xs, ys);
  if (!fit || fit.slope === 0) return null;
  const { intercept, slope } = fit;
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    // The residual in pixels: how far the tick's value would be drawn from where it is.
    if (Math.abs((ys[i] - intercept) / slope - xs[i]) > tolerance) return null;
  }
  return { intercept, slope };
}
