/**
 * Which plot frames of a page are charts: each frame's axes read from its labels, boxes reading
 * the same labels made one, and panels of a grid that print no labels given the axis of the
 * panel they share it with. Frames with labels that still give no chart are kept apart, with
 * why, for the image pipeline.
 */
import type { Box } from '../types.js';
import { isTick, type Segment, sameBox } from './findFrames.js';
import { readAxis, readWordAxis, type VectorAxis } from './readAxis.js';
import { type TextLine, union } from './textLines.js';
import type { PdfPath } from './types.js';

/** A frame with the axes its labels give, null on a side with fewer than two number labels. */
export interface Framed {
  box: Box;
  x: VectorAxis | null;
  y: VectorAxis | null;
}

/** A frame both of whose axes fit. */
export interface FramedChart {
  box: Box;
  x: VectorAxis;
  y: VectorAxis;
}

/** A box with number labels that could not be read as a line chart. */
export interface UnreadFrame {
  box: Box;
  /** The box and its labels, grown by a little: what the image pipeline needs to see. */
  region: Box;
  reason: string;
}

/**
 * Reads the axes of each candidate frame and returns the frames whose labels were read
 * (`framed`, one per set of labels), the charts among them and among the frames that share an
 * axis with one, and the frames with labels that are no chart (`unread`). Pure; never throws.
 */
export function readFrames(
  candidates: readonly Box[],
  paths: readonly PdfPath[],
  lines: readonly TextLine[],
  segments: readonly Segment[],
  scale: number,
): { framed: Framed[]; charts: FramedChart[]; unread: UnreadFrame[] } {
  const framed: Framed[] = [];
  const rightLabels = new Map<Framed, VectorAxis>();
  for (const box of candidates) {
    const below = readAxis(box, 'bottom', lines, segments, scale);
    const numbers = below ?? readAxis(box, 'top', lines, segments, scale);
    const left = readAxis(box, 'left', lines, segments, scale);
    const right = readAxis(box, 'right', lines, segments, scale);
    const y = left ?? right;
    // Words along x (dates, categories) where y reads as numbers and x does not, or x's numbers
    // are above the box and words below it (a legend's row of numeric names over categories).
    const words = fits(y) && !fits(below) ? readWordAxis(box, lines, segments, scale, []) : null;
    const x = words && (!fits(numbers) || words.side === 'bottom') ? words : numbers;
    if (!x && !y) continue;
    const f = { box, x, y };
    framed.push(f);
    if (
      left &&
      right &&
      fits(left) &&
      fits(right) &&
      right.exact &&
      !sameMapping(left, right, box)
    ) {
      rightLabels.set(f, right);
    }
  }
  // A second y axis (matplotlib's twinx): number labels on the box's right, on tick marks of its
  // right edge, scaling otherwise than the left ones, and not another box's left labels (a
  // neighbouring panel's). Which series it scales is not drawn anywhere.
  for (const [f, right] of rightLabels) {
    const neighbours = framed.some(
      (other) =>
        other !== f &&
        other.y?.side === 'left' &&
        other.y.labels.some((line) => right.labels.includes(line)),
    );
    if (!neighbours && f.y) {
      f.y = {
        ...f.y,
        warnings: [
          ...f.y.warnings,
          'the plot has a second y axis on its right: every series is read against the left one',
        ],
      };
    }
  }
  // Boxes that read the same labels are one frame (the axes' patch, its clip, its spines): the
  // one that reads both axes, then the one whose edges are the end ticks of more axes, then the
  // one series are clipped to, then the one that reads the most labels, then the smaller.
  const clipped = (box: Box) => paths.some((path) => path.clip && sameBox(path.clip, box, scale));
  const onEdges = (f: Framed) => Number(f.x?.onEdges ?? false) + Number(f.y?.onEdges ?? false);
  const rank = (f: Framed) =>
    (fits(f.x) && fits(f.y) ? 16 : 0) +
    (f.x && f.y ? 8 : 0) +
    2 * onEdges(f) +
    (clipped(f.box) ? 1 : 0);
  const ticks = (f: Framed) => (f.x?.ticks.length ?? 0) + (f.y?.ticks.length ?? 0);
  framed.sort((a, b) => rank(b) - rank(a) || ticks(b) - ticks(a) || area(a.box) - area(b.box));
  const kept: Framed[] = [];
  for (const candidate of framed) {
    const labels = [...(candidate.x?.labels ?? []), ...(candidate.y?.labels ?? [])];
    const clash = kept.some((other) =>
      [...(other.x?.labels ?? []), ...(other.y?.labels ?? [])].some((line) =>
        labels.includes(line),
      ),
    );
    if (!clash) kept.push(candidate);
  }

  const charts: FramedChart[] = [];
  for (const { box, x, y } of kept) if (fits(x) && fits(y)) charts.push({ box, x, y });
  // Panels of a grid sharing an axis: the inner ones print no labels on it, but draw its tick
  // marks where the panel that prints them does, in the same column (x) or row (y).
  const rest = [
    ...kept.filter(({ x, y }) => !(fits(x) && fits(y))),
    ...candidates
      .filter((box) => !framed.some((f) => f.box === box))
      .map((box) => ({ box, x: null, y: null })),
  ];
  const placed = new Set<Framed>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of rest) {
      if (placed.has(f) || charts.some((chart) => mostlyInside(f.box, chart.box))) continue;
      const x = fits(f.x) ? f.x : sharedAxis('x', f.box, charts, segments, scale);
      const y = fits(f.y) ? f.y : sharedAxis('y', f.box, charts, segments, scale);
      if (x && y) {
        charts.push({ box: f.box, x, y });
        placed.add(f);
        grew = true;
      }
    }
  }
  const unread: UnreadFrame[] = [];
  for (const f of rest) {
    const { box, x, y } = f;
    if (placed.has(f) || (!x && !y) || charts.some((chart) => mostlyInside(box, chart.box)))
      continue;
    const reason =
      !x || !y
        ? `no number labels on its ${!x ? 'x' : 'y'} axis`
        : `its ${fits(x) ? 'y' : 'x'} tick labels fit no linear or log scale`;
    unread.push({
      box,
      region: regionAround(box, [...(x?.labels ?? []), ...(y?.labels ?? [])]),
      reason,
    });
  }
  return { framed: kept, charts, unread };
}

/**
 * The axis a box shares with a chart in its column (x: same left and right) or row (y: same
 * top and bottom) whose tick marks it draws too (at least two, on its own edge); null where
 * none.
 */
function sharedAxis(
  name: 'x' | 'y',
  box: Box,
  charts: readonly FramedChart[],
  segments: readonly Segment[],
  scale: number,
): VectorAxis | null {
  const eps = 0.5 * scale;
  for (const chart of charts) {
    const aligned =
      name === 'x'
        ? Math.abs(chart.box.left - box.left) <= eps && Math.abs(chart.box.right - box.right) <= eps
        : Math.abs(chart.box.top - box.top) <= eps &&
          Math.abs(chart.box.bottom - box.bottom) <= eps;
    if (!aligned) continue;
    const axis = chart[name];
    const drawn = axis.ticks.filter((tick) =>
      segments.some(
        (segment) =>
          segment.lone &&
          segment.orientation === (name === 'x' ? 'v' : 'h') &&
          Math.abs(segment.at - tick.pixel) <= 1e-3 * scale + 1e-6 &&
          isTick(segment, box, scale),
      ),
    );
    if (drawn.length >= 2) return { ...axis, labels: [], marks: [], warnings: [] };
  }
  return null;
}

/** Whether two axes give the same values over a box's height (a mirrored axis, not a second one). */
function sameMapping(a: VectorAxis, b: VectorAxis, box: Box): boolean {
  if (a.scale !== b.scale) return false;
  const value = (axis: VectorAxis, pixel: number) =>
    axis.scale === 'log' ? Math.log10(axis.pixelToData(pixel)) : axis.pixelToData(pixel);
  const range = Math.abs(value(a, box.top) - value(a, box.bottom));
  return [box.top, box.bottom].every(
    (pixel) => Math.abs(value(a, pixel) - value(b, pixel)) <= 1e-4 * range,
  );
}

/** Whether most of `inner` lies inside `outer` (a legend's box inside its plot). */
function mostlyInside(inner: Box, outer: Box): boolean {
  const width = Math.min(inner.right, outer.right) - Math.max(inner.left, outer.left);
  const height = Math.min(inner.bottom, outer.bottom) - Math.max(inner.top, outer.top);
  return width > 0 && height > 0 && width * height >= 0.5 * area(inner);
}

function fits(axis: VectorAxis | null): axis is VectorAxis {
  return axis !== null && Number.isFinite(axis.slope);
}

function area(box: Box): number {
  return (box.right - box.left) * (box.bottom - box.top);
}

/** A frame and the labels around it, grown by a little: what the image pipeline needs to see. */
function regionAround(box: Box, labels: readonly TextLine[]): Box {
  const grown = labels.reduce((all, line) => union(all, line.box), box);
  const margin = 0.08 * Math.max(grown.right - grown.left, grown.bottom - grown.top);
  return {
    left: grown.left - margin,
    top: grown.top - margin,
    right: grown.right + margin,
    bottom: grown.bottom + margin,
  };
}
