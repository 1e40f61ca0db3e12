/**
 * The axes of a vector chart's frame, read exactly: each side's number labels put on the tick
 * marks or grid lines they label, and value = a + b × pixel fitted through them, linear or log;
 * an x axis of words as dates or categories.
 */
import { makeAxisScale } from '../calibrate/axisScale.js';
import { fitCategoryAxis } from '../calibrate/categoryAxis.js';
import { fitDateAxis } from '../calibrate/dateAxis.js';
import { type ParsedTick, parseTickLabel } from '../calibrate/parseTick.js';
import { fitLine } from '../math.js';
import type { AxisName, AxisScale, Box, Scale, Tick } from '../types.js';
import type { Segment } from './findFrames.js';
import type { TextLine } from './textLines.js';

/** An axis fitted exactly from tick labels on their marks: value = intercept + slope * pixel. */
export interface VectorAxis extends AxisScale {
  axis: AxisName;
  /** The label lines used. */
  labels: TextLine[];
  /** The marks (paths) the labels were put on. */
  marks: number[];
  /** True when every label sat on a drawn mark; false when some were placed at their centre. */
  exact: boolean;
  /** True when the box's edges are its end ticks (see onFrame). */
  onEdges: boolean;
  /** Which side of the box the labels are on. */
  side: Side;
  warnings: string[];
  /** How far it can be trusted where less than its exact fit says (a date axis' assumed year). */
  confidence?: number;
  /** A category axis' names, category i at value i. */
  categories?: string[];
}

type Side = 'bottom' | 'top' | 'left' | 'right';

/** A tick is at most this share of the box's extent across its axis... */
const MAX_TICK = 0.2;
/** ...and a grid line at least this share. */
const MIN_GRID = 0.9;
/** A word label (a date, a category) is at most this many characters: a sentence is none. */
const MAX_WORD_LABEL = 24;
/** Labels sit at most this many ems beyond the box's edge (tick length and padding included). */
const MAX_LABEL_GAP = 2.5;
/**
 * Labels reach at most this many ems into the frame (text boxes from font metrics are generous:
 * Vega's labels beside ticks drawn inward reach 0.16 em in).
 */
const LABEL_OVERLAP = 0.2;
/** A label placed on its mark: its centre within this many ems beside its own width. */
const LABEL_REACH = 0.3;
/** A label is tilted where its baseline's sine and cosine are both at least this (10 degrees). */
const MIN_TILT = Math.sin((10 * Math.PI) / 180);
/** A tilted label's end stands within this many ems of its tick (the glyphs' height across it). */
const TILTED_END = 0.5;
/** Labels of one row: baselines this close (ems). */
const SAME_ROW = 0.3;
/**
 * A fit whose marks are all drawn is exact to this many points of residual: engines that draw
 * for screens (Vega, ECharts, Chart.js) snap tick marks to whole CSS pixels (0.75 pt), so a
 * mark sits up to half a pixel from its value and the line through them may be off by as much
 * again; data are drawn unsnapped. A misread label is off by a whole step between labels...
 */
const EXACT_RESIDUAL = 0.75;
/** ...and one with labels placed at their centres to this many. */
const CENTRED_RESIDUAL = 1;
/**
 * Labels placed at their centres mark the frame's edges where the end ones are within this many
 * ems of them, both off by the same amount to this many ems (a font's constant; the frame's
 * edges are drawn lines, each up to half a pixel off the values they bound).
 */
const CENTRED_END = 0.5;
const CENTRED_SPREAD = 0.25;
/** Labels an engine centred on their values (unsnapped) fit them to this many points. */
const LABEL_RESIDUAL = 0.05;
/** End ticks off the frame's edges by amounts this close (points) are one translation of the axis. */
const AXIS_TRANSLATION_SPREAD = 0.1;

interface Label {
  line: TextLine;
  /** The label's text: its line's, or the part of it over one tick mark (see splitOnTicks). */
  text: string;
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
  side: Side,
  lines: readonly TextLine[],
  segments: readonly Segment[],
  scale: number,
): VectorAxis | null {
  const horizontal = side === 'bottom' || side === 'top';
  const whole = sideLabels(box, side, lines, parseTickLabel);
  if (whole.length < 2) return null;
  const plain = fitAxis(box, side, whole, segments, scale);
  const split = horizontal
    ? splitOnTicks(whole, edgeMarks(box, side, segments, scale).ticks)
    : whole;
  if (split === whole) return plain;
  // Labels split where they span several ticks count only where all the parts fit, and more
  // labels fit than before (a minor tick under a label would cut it too; two labels always fit).
  const parted = fitAxis(box, side, split, segments, scale);
  const fits = Number.isFinite(parted.slope) && parted.warnings.length === 0;
  return fits && parted.ticks.length > plain.ticks.length ? parted : plain;
}

function fitAxis(
  box: Box,
  side: Side,
  labels: readonly Label[],
  segments: readonly Segment[],
  scale: number,
): VectorAxis {
  const { pixels, anchors, marks, exact } = placeOnMarks(box, side, labels, segments, scale);
  const ticks: Tick[] = labels.map((label, i) => ({
    text: label.text,
    value: label.parsed.value,
    pixel: pixels[i],
  }));
  const axis: AxisName = side === 'bottom' || side === 'top' ? 'x' : 'y';
  const fit = fitTicks(ticks, labels, (exact ? EXACT_RESIDUAL : CENTRED_RESIDUAL) * scale);
  const warnings: string[] = [...fit.warnings];
  if (!exact) warnings.push(`${axis} tick labels placed at their centres (no tick marks found)`);
  if (labels.some((label) => label.line.missingMinus)) {
    warnings.push(
      `${axis} tick labels: a glyph the font lacks, drawn before numbers, read as a minus`,
    );
  }
  const { intercept, slope, onEdges } = exact
    ? onFrame(alongLabels(fit, labels, anchors, scale), box, side, segments, scale)
    : { ...centredOnFrame(fit, box, side, labels), onEdges: false };
  return {
    ...makeAxisScale(fit.scale, intercept, slope, fit.ticks),
    axis,
    labels: [...new Set(labels.map((label) => label.line))],
    marks,
    exact,
    onEdges,
    side,
    warnings: warnings.map((warning) => warning.replace('{axis}', axis)),
  };
}

/**
 * The fit of marks an engine snapped to pixels, made exact by their labels where the labels'
 * anchors along the axis (`anchors`: centres, or the edges of end labels flush with the axis'
 * ends) fit their values exactly, as they do when the engine places them on the unsnapped
 * positions (ECharts, Vega): the labels give the slope, the marks on average the offset (a
 * label's box may sit off its value by a constant: a font's ascent against its descent). The
 * ticks are put where that line puts their values. The fit unchanged otherwise.
 */
function alongLabels(
  fit: Fit,
  labels: readonly Label[],
  anchors: readonly number[],
  scale: number,
): Fit {
  const { intercept, slope } = fit;
  if (!Number.isFinite(slope) || fit.ticks.length < 3) return fit;
  const centred = fit.ticks.map((tick) => {
    const i = labels.findIndex((label) => label.text === tick.text);
    return i >= 0 ? { ...tick, pixel: anchors[i] } : null;
  });
  if (centred.some((tick) => tick === null)) return fit;
  const byLabels = exactFit(centred as Tick[], fit.scale, LABEL_RESIDUAL * scale);
  const exact = exactFit(fit.ticks, fit.scale, LABEL_RESIDUAL * scale, { intercept, slope });
  if (!byLabels || exact) return fit;
  const onLabels = (tick: Tick) => (fitted(tick, fit.scale) - byLabels.intercept) / byLabels.slope;
  const offset =
    fit.ticks.reduce((sum, tick) => sum + tick.pixel - onLabels(tick), 0) / fit.ticks.length;
  return {
    ...fit,
    intercept: byLabels.intercept - byLabels.slope * offset,
    slope: byLabels.slope,
    ticks: fit.ticks.map((tick) => ({ ...tick, pixel: onLabels(tick) + offset })),
  };
}

/**
 * The fit of y labels placed at their centres moved as a whole onto the frame where its end
 * ticks stand at the frame's top and bottom, both off them by about one amount: a label's
 * height centre is off its value by a constant of its font (the middle of the em box Chart.js
 * centres it by, which the PDF's font metrics do not give), and the frame's middle is theirs.
 * Along x, labels are centred by their advance widths, exactly; the fit is left as it is.
 */
function centredOnFrame(
  fit: Fit,
  box: Box,
  side: Side,
  labels: readonly Label[],
): { intercept: number; slope: number } {
  const { intercept, slope, ticks } = fit;
  if (side === 'bottom' || side === 'top' || !Number.isFinite(slope) || ticks.length < 2) {
    return { intercept, slope };
  }
  const size = labels[0].line.size;
  const pixels = ticks.map((tick) => tick.pixel);
  const offsets = [Math.min(...pixels) - box.top, Math.max(...pixels) - box.bottom];
  if (
    offsets.some((offset) => Math.abs(offset) > CENTRED_END * size) ||
    Math.abs(offsets[0] - offsets[1]) > CENTRED_SPREAD * size
  ) {
    return { intercept, slope };
  }
  const shift = -(offsets[0] + offsets[1]) / 2;
  return { intercept: intercept - slope * shift, slope };
}

/**
 * The fit moved onto the frame where the axis is translated as a whole, both its ends off the
 * frame's edges by one amount (Vega draws its axes half a pixel over, to draw their strokes
 * crisp; the frame and the data are not), its ticks maybe snapped to pixels as well. Where the
 * end ticks stand so on the edges (`onEdges`), the edges are their values, more exactly than
 * the line through the ticks. Otherwise, where the outermost marks (labelled or not) or the
 * axis line stand so, the fit is moved by their offset. The fit unchanged elsewhere.
 */
function onFrame(
  fit: Fit,
  box: Box,
  side: Side,
  segments: readonly Segment[],
  scale: number,
): { intercept: number; slope: number; onEdges: boolean } {
  const { intercept, slope } = fit;
  const unchanged = { intercept, slope, onEdges: false };
  if (!Number.isFinite(slope) || fit.ticks.length < 2) return unchanged;
  const horizontal = side === 'bottom' || side === 'top';
  const [low, high] = horizontal ? [box.left, box.right] : [box.top, box.bottom];
  /** The offset of both `ends` from the edges, where it is one. */
  const offset = ([from, to]: readonly number[]) =>
    Math.abs(from - low) <= EXACT_RESIDUAL * scale &&
    Math.abs(to - high) <= EXACT_RESIDUAL * scale &&
    Math.abs(from - low - (to - high)) <= AXIS_TRANSLATION_SPREAD * scale
      ? (from - low + to - high) / 2
      : null;
  const sorted = [...fit.ticks].sort((a, b) => a.pixel - b.pixel);
  const [first, last] = [sorted[0], sorted[sorted.length - 1]];
  if (offset([first.pixel, last.pixel]) !== null) {
    const [from, to] = [fitted(first, fit.scale), fitted(last, fit.scale)];
    const frameSlope = (to - from) / (high - low);
    return { intercept: from - frameSlope * low, slope: frameSlope, onEdges: true };
  }
  const { ticks, grid } = edgeMarks(box, side, segments, scale);
  const at = [...ticks, ...grid].map((mark) => mark.at);
  const line = axisLine(box, side, segments, scale);
  const translation =
    (at.length > 0 ? offset([Math.min(...at), Math.max(...at)]) : null) ??
    (line ? offset([line.from, line.to]) : null);
  return translation === null
    ? unchanged
    : { intercept: intercept + slope * translation, slope, onEdges: false };
}

/** A line along a side's edge from end to end, where one is drawn (an axis line, a spine). */
function axisLine(
  box: Box,
  side: Side,
  segments: readonly Segment[],
  scale: number,
): Segment | null {
  const horizontal = side === 'bottom' || side === 'top';
  const edge = box[side];
  const extent = horizontal ? box.right - box.left : box.bottom - box.top;
  return (
    segments.find(
      (segment) =>
        segment.orientation === (horizontal ? 'h' : 'v') &&
        Math.abs(segment.at - edge) <= EXACT_RESIDUAL * scale &&
        Math.abs(segment.to - segment.from - extent) <= EXACT_RESIDUAL * scale,
    ) ?? null
  );
}

/**
 * The x axis of a box whose labels below (or above) it are words, each on a tick mark of its
 * own: dates (`Jan 2020`, `2011-07`) as a time axis, else names (`7B 13B 70B`, `small large`)
 * as a category axis, category i at the i-th step. `context` (the chart's title and axis
 * label) may name the year dates leave out. Null where the labels are not that: fewer than
 * two, one off its tick mark, or not evenly spaced (body text under a figure is none of them).
 */
export function readWordAxis(
  box: Box,
  lines: readonly TextLine[],
  segments: readonly Segment[],
  scale: number,
  context: readonly (string | null)[],
): VectorAxis | null {
  // Any short text is a label here; its value comes from the fit (a date, a category's index).
  const word = (text: string): ParsedTick | null =>
    text.length <= MAX_WORD_LABEL ? { value: Number.NaN, power: false, percent: false } : null;
  for (const side of ['bottom', 'top'] as const) {
    const labels = sideLabels(box, side, lines, word);
    if (labels.length < 2) continue;
    const onMarks = placeOnMarks(box, side, labels, segments, scale);
    const { pixels, marks } = onMarks.exact
      ? onMarks
      : (placeInBands(box, side, labels, segments, scale) ?? { pixels: [], marks: [] });
    if (marks.length === 0) continue;
    const placed = labels.map((label, i) => ({ text: label.text, pixel: pixels[i] }));
    const dates = fitDateAxis(
      placed.map((label) => ({ ...label, confidence: 100 })),
      [...context],
    );
    const named = dates
      ? null
      : fitCategoryAxis(
          placed.map((label) => ({ ...label, value: parseTickLabel(label.text)?.value ?? null })),
        );
    const fitted = dates ?? named;
    if (!fitted) continue;
    return {
      ...fitted.axis,
      axis: 'x',
      labels: labels.map((label) => label.line),
      marks,
      exact: true,
      onEdges: false,
      side,
      warnings: dates?.warnings ?? [],
      ...(dates && { confidence: dates.confidence }),
      ...(named && { categories: named.categories }),
    };
  }
  return null;
}

/**
 * The marks a side's labels may point at: tick marks (short lines on the edge) and grid lines
 * across the box.
 */
function edgeMarks(
  box: Box,
  side: Side,
  segments: readonly Segment[],
  scale: number,
): { ticks: Segment[]; grid: Segment[] } {
  const horizontal = side === 'bottom' || side === 'top';
  const extent = horizontal ? box.bottom - box.top : box.right - box.left;
  const edge = box[side];
  const reach = Math.max(2 * scale, 0.02 * extent);
  const low = horizontal ? box.left : box.top;
  const high = horizontal ? box.right : box.bottom;
  const ticks: Segment[] = [];
  const grid: Segment[] = [];
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
    if (length <= MAX_TICK * extent && touches) ticks.push(segment);
    else if (
      length >= MIN_GRID * extent &&
      segment.from >= across[0] - reach &&
      segment.to <= across[1] + reach
    ) {
      grid.push(segment);
    }
  }
  return { ticks, grid };
}

/**
 * Where each label of a side points: the tick mark (a short line on the box's edge) it is
 * centred on, else a grid line across the box, else its own centre (`exact` false); the end
 * labels of a row flush with the axis' end marks (`flushMark`) point at those. `anchors` are
 * where each label's own geometry puts its value (its centre, or its flush edge); `marks` the
 * paths used.
 */
function placeOnMarks(
  box: Box,
  side: Side,
  labels: readonly Label[],
  segments: readonly Segment[],
  scale: number,
): { pixels: number[]; anchors: number[]; marks: number[]; exact: boolean } {
  const { ticks: ticksMarks, grid: gridMarks } = edgeMarks(box, side, segments, scale);
  const eps = 1e-3 * scale;
  const nearest = (marks: readonly Segment[], label: Label): Segment | null => {
    let best: Segment | null = null;
    for (const mark of marks) {
      const off = Math.abs(mark.at - label.centre);
      if (off > label.half + LABEL_REACH * label.line.size) continue;
      if (!best || off < Math.abs(best.at - label.centre) - eps) best = mark;
    }
    return best;
  };
  const pixels: number[] = [];
  const anchors: number[] = [];
  const marks: number[] = [];
  let exact = true;
  for (const [i, label] of labels.entries()) {
    const end = i === 0 ? -1 : i === labels.length - 1 ? 1 : 0;
    const flush = end !== 0 ? flushMark(label, end, [...ticksMarks, ...gridMarks], scale) : null;
    const best = flush ?? nearest(ticksMarks, label) ?? nearest(gridMarks, label);
    if (best) marks.push(best.path);
    else exact = false;
    pixels.push(best ? best.at : label.centre);
    anchors.push(flush ? label.centre + end * label.half : label.centre);
  }
  return { pixels, anchors, marks, exact };
}

/**
 * The mark an end label (`end` -1 the first along the axis, 1 the last) is flush with: the
 * outermost mark, on the label's outer edge, as Vega-Lite aligns the end labels of a
 * continuous axis (`labelFlush`) so that none reaches past the axis; the label's centre may
 * then be nearer a mark it does not label (an unlabelled tick between labels). Null otherwise.
 */
function flushMark(
  label: Label,
  end: -1 | 1,
  marks: readonly Segment[],
  scale: number,
): Segment | null {
  if (marks.length === 0) return null;
  const outermost = marks.reduce((a, b) => (end * (b.at - a.at) > 0 ? b : a));
  const edge = label.centre + end * label.half;
  return Math.abs(outermost.at - edge) <= LABEL_RESIDUAL * scale ? outermost : null;
}

/**
 * Where each word label of a side points when the tick marks bound bands instead (a category
 * axis whose ticks fall between its names, as ECharts draws them): the middle of the two marks
 * either side of the label's centre. Null unless every label is centred in a band of its own.
 */
function placeInBands(
  box: Box,
  side: Side,
  labels: readonly Label[],
  segments: readonly Segment[],
  scale: number,
): { pixels: number[]; marks: number[] } | null {
  const ticks = [...edgeMarks(box, side, segments, scale).ticks].sort((a, b) => a.at - b.at);
  const pixels: number[] = [];
  const marks: number[] = [];
  for (const label of labels) {
    const after = ticks.findIndex((tick) => tick.at > label.centre);
    if (after < 1) return null;
    const [low, high] = [ticks[after - 1], ticks[after]];
    const middle = (low.at + high.at) / 2;
    if (Math.abs(middle - label.centre) > LABEL_REACH * label.line.size) return null;
    if (pixels.includes(middle)) return null;
    pixels.push(middle);
    marks.push(low.path, high.path);
  }
  return { pixels, marks: [...new Set(marks)] };
}

/** The number labels of one side, nearest row or column first, in order along the axis. */
function sideLabels(
  box: Box,
  side: Side,
  lines: readonly TextLine[],
  parse: (text: string) => ParsedTick | null,
): Label[] {
  const horizontal = side === 'bottom' || side === 'top';
  const candidates: { line: TextLine; parsed: ParsedTick; gap: number }[] = [];
  for (const line of lines) {
    if (line.angle !== 0 && !(side === 'bottom' && tiltedEnd(line))) continue;
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
      ? (tiltedEnd(line)?.x ?? (line.box.left + line.box.right) / 2)
      : (line.box.top + line.box.bottom) / 2;
    const [low, high] = horizontal ? [box.left, box.right] : [box.top, box.bottom];
    const slack = 0.01 * (high - low) + 0.5 * line.size;
    if (centre < low - slack || centre > high + slack) continue;
    const parsed = parse(line.text);
    if (parsed) candidates.push({ line, parsed, gap });
  }
  if (candidates.length < 2) return [];
  // The row (x) or column (y) nearest to the edge: labels that line up with the nearest one.
  candidates.sort((a, b) => a.gap - b.gap);
  const nearest = candidates[0].line;
  const baseline = (line: TextLine) => tiltedEnd(line)?.y ?? line.y;
  const row = candidates.filter(({ line }) =>
    horizontal
      ? Math.abs(baseline(line) - baseline(nearest)) <= SAME_ROW * nearest.size
      : side === 'left'
        ? Math.abs(line.box.right - nearest.box.right) <= 1.5 * nearest.size
        : Math.abs(line.box.left - nearest.box.left) <= 1.5 * nearest.size,
  );
  return row
    .map(({ line, parsed }) => {
      // The digits' middle: a y label is centred on its tick at the digits' height, not the box's.
      // A tilted label points at its tick with its upper end, about that end's width.
      const tilted = tiltedEnd(line);
      const centre = tilted
        ? tilted.x
        : horizontal
          ? (line.box.left + line.box.right) / 2
          : line.y - 0.35 * line.size;
      const half = tilted
        ? TILTED_END * line.size
        : horizontal
          ? (line.box.right - line.box.left) / 2
          : (line.box.bottom - line.box.top) / 2;
      return { line, text: line.text, parsed, centre, half };
    })
    .sort((a, b) => a.centre - b.centre);
}

/**
 * The upper end of a tilted label (neither level nor upright: dates turned 30 or 45 degrees to
 * fit, as matplotlib's `autofmt_xdate`, Chart.js and Vega turn them), the end a label below the
 * axis points at its tick with: its box's upper right corner where it reads upwards, upper left
 * where it reads downwards. Null for a level or upright label, or one turned past upright.
 */
function tiltedEnd(line: TextLine): { x: number; y: number } | null {
  const radians = (line.angle * Math.PI) / 180;
  const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
  if (cos < MIN_TILT || Math.abs(sin) < MIN_TILT) return null;
  return { x: sin > 0 ? line.box.right : line.box.left, y: line.box.top };
}

/**
 * Labels that ran into each other split at the tick marks they span: a crowded row of labels
 * with no space between them (`1000` `2000` ... drawn touching) is one text item of digits.
 * Returns `labels` itself where none is split.
 * Digits are as wide as each other in nearly every font, so each digit goes to the tick
 * nearest its own centre; each label is centred on its tick, so a digit is never nearer a
 * neighbour's tick unless the two labels differ in width by more than a digit.
 */
function splitOnTicks(labels: readonly Label[], ticks: readonly Segment[]): readonly Label[] {
  const out = labels.flatMap((label) => {
    if (!/^[0-9]{2,}$/.test(label.text)) return [label];
    const left = label.centre - label.half;
    const under = ticks
      .map((tick) => tick.at)
      .filter((at) => at > left && at < label.centre + label.half)
      .sort((a, b) => a - b);
    if (under.length < 2) return [label];
    const width = (2 * label.half) / label.text.length;
    const owner = [...label.text].map((_, i) => {
      const middle = left + (i + 0.5) * width;
      let best = 0;
      for (let k = 1; k < under.length; k++) {
        if (Math.abs(under[k] - middle) < Math.abs(under[best] - middle)) best = k;
      }
      return best;
    });
    const parts = under.map((_, k) => ({ from: owner.indexOf(k), to: owner.lastIndexOf(k) + 1 }));
    if (parts.some((part) => part.from < 0)) return [label];
    return parts.map((part) => {
      const text = label.text.slice(part.from, part.to);
      return {
        line: label.line,
        text,
        parsed: { value: Number(text), power: false, percent: false },
        centre: left + ((part.from + part.to) / 2) * width,
        half: ((part.to - part.from) / 2) * width,
      };
    });
  });
  return out.length === labels.length ? labels : out;
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
 * positive and the labels are powers of ten (`10^6`, `1e6`: `5 × 10^6` is a linear axis's
 * scientific notation as often as a log axis' minor label) or only a log scale fits (two
 * labels fit either). Ticks off the fit by more than `tolerance` pixels are left out with a
 * warning where the rest fit clearly and they are a stray label or rounded ones (largestFit);
 * otherwise the slope is NaN.
 */
function fitTicks(ticks: Tick[], labels: readonly Label[], tolerance: number): Fit {
  const unique = dedupe(ticks);
  const powers = labels.every(
    (label) => label.parsed.power && Number.isInteger(Math.log10(label.parsed.value)),
  );
  const positive = unique.every((tick) => tick.value > 0);
  const scales: Scale[] =
    positive && powers ? ['log', 'linear'] : positive ? ['linear', 'log'] : ['linear'];
  for (const scale of scales) {
    const fit = exactFit(unique, scale, tolerance);
    if (fit) return { scale, ...fit, ticks: unique, warnings: [] };
  }
  const subset = largestFit(unique, scales, tolerance);
  if (subset) {
    const left = unique
      .filter((tick) => !subset.ticks.includes(tick))
      .map((tick) => `'${tick.text}'`);
    return {
      ...subset,
      warnings: [
        left.length === 1
          ? `{axis} tick ${left[0]} does not fit the others and was ignored`
          : `{axis} ticks ${left.join(', ')} do not fit the others and were ignored`,
      ],
    };
  }
  return {
    scale: 'linear',
    intercept: Number.NaN,
    slope: Number.NaN,
    ticks: unique,
    warnings: ['{axis} tick labels do not fit a linear or log scale'],
  };
}

/**
 * The most ticks that one scale fits exactly, at least 3, where no other set of as many fits,
 * and the ticks left out are one stray label or labels a format rounds: each printed coarser
 * than the step between the labels that fit, and within half its last digit of the fit
 * (gnuplot's `%.0fk` prints `200 400 600 800 1k 1k 1k 2k` for 200 to 1,600). Null where no set is that clear.
 */
function largestFit(
  ticks: readonly Tick[],
  scales: readonly Scale[],
  tolerance: number,
): { scale: Scale; intercept: number; slope: number; ticks: Tick[] } | null {
  let best: { scale: Scale; intercept: number; slope: number; ticks: Tick[] } | null = null;
  let tied = false;
  for (const scale of scales) {
    for (let i = 0; i < ticks.length; i++) {
      for (let j = i + 1; j < ticks.length; j++) {
        const pair = exactFit([ticks[i], ticks[j]], scale, tolerance);
        if (!pair) continue;
        const members = ticks.filter((tick) => exactFit([tick], scale, tolerance, pair));
        if (best && members.length < best.ticks.length) continue;
        const fit = exactFit(members, scale, tolerance);
        if (!fit) continue;
        if (best && members.length === best.ticks.length) {
          tied ||= members.some((tick) => !best?.ticks.includes(tick));
          continue;
        }
        [best, tied] = [{ scale, ...fit, ticks: members }, false];
      }
    }
  }
  if (!best || tied || best.ticks.length < 3) return null;
  if (best.ticks.length >= ticks.length - 1) return best;
  const { scale, intercept, slope } = best;
  const fitted = (pixel: number) =>
    scale === 'log' ? 10 ** (intercept + slope * pixel) : intercept + slope * pixel;
  const members = [...best.ticks].sort((a, b) => a.pixel - b.pixel);
  // A rounded label's last digit is worth more than a step between the labels that fit (`1k`
  // beside 200, 400...): one printed to a step's precision is no rounding but a misplaced one.
  const step = Math.min(
    ...members.slice(1).map((tick, k) => Math.abs(tick.value - members[k].value)),
  );
  const rounded = ticks
    .filter((tick) => !members.includes(tick))
    // (A hair over half: 1,500 printed as 2k is exactly half a digit off.)
    .every(
      (tick) =>
        lastDigit(tick) > step &&
        Math.abs(fitted(tick.pixel) - tick.value) <= lastDigit(tick) * (0.5 + 1e-9),
    );
  return rounded ? best : null;
}

/** What the last printed digit of a number label is worth (`1k`: 1000, `2.50`: 0.01); NaN for a power. */
function lastDigit(tick: Tick): number {
  if (/[eE^]/.test(tick.text)) return Number.NaN;
  const digits = Number(tick.text.replace(/[^0-9]/g, ''));
  const decimals = /\.(\d+)/.exec(tick.text)?.[1].length ?? 0;
  return digits > 0 ? Math.abs(tick.value) / digits : 10 ** -decimals;
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

/** A tick's value as the fit takes it: its log on a log scale. */
function fitted(tick: Tick, scale: Scale): number {
  return scale === 'log' ? Math.log10(tick.value) : tick.value;
}

/**
 * Least squares of (log) value on pixel (or the line `given`); null unless every tick is within
 * `tolerance` pixels of it.
 */
function exactFit(
  ticks: readonly Tick[],
  scale: Scale,
  tolerance: number,
  given?: { intercept: number; slope: number },
): { intercept: number; slope: number } | null {
  const ys = ticks.map((tick) => fitted(tick, scale));
  const xs = ticks.map((tick) => tick.pixel);
  const fit = given ?? fitLine(xs, ys);
  if (!fit || fit.slope === 0) return null;
  const { intercept, slope } = fit;
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    // The residual in pixels: how far the tick's value would be drawn from where it is.
    if (Math.abs((ys[i] - intercept) / slope - xs[i]) > tolerance) return null;
  }
  return { intercept, slope };
}
