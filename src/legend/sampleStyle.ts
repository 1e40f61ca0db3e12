import { channelDistance } from '../color.js';
import { percentile } from '../math.js';
import { type CurveStyle, dashStretchSpread } from '../separate/splitCurves.js';
import type { Raster } from '../types.js';
import type { LegendSlot } from './findLegend.js';

/** A sample pixel holds the entry's colour when within this of it (0..255 per channel). */
const SAME_COLOR = 90;
/**
 * A legend's samples are one length: its longest, up to this many times the median (a sample
 * that a curve touching it lengthened is not the legend's length).
 */
const MAX_LENGTH = 2;
/** A hollow square sample (`outlineDashes`)... */
const OUTLINE = {
  /** ...is this many px a side at least (smaller, its pattern is lost in its corners)... */
  minSide: 4,
  /** ...drawn with a stroke this many px thick at most (a pixel's line blurred into two)... */
  stroke: 2,
  /** ...with this many of its box's corners inked at least (a circle's are blank). */
  corners: 2,
} as const;
/** A sample ending this many px short of its legend's length is anti-aliased, not gapped. */
const END_BLUR = 1;

/**
 * The styles of a legend's samples (`slots`: all its entries), each measured along the length
 * every sample of a legend is drawn at, from its left edge: a sample may end in a gap of its
 * pattern (Vega-Lite draws one dash of a dashed line and its gap), or have been cut at its
 * first gap with its other dashes taken for its text's start (Plotly's dotted sample beside
 * its name); that length, the longest sample's, holds its whole pattern and no text.
 */
export function sampleStyles(image: Raster, slots: readonly LegendSlot[]): CurveStyle[] {
  const lengths = slots.map(({ handle }) => handle.right - handle.left);
  const length = Math.min(Math.max(...lengths), MAX_LENGTH * percentile(lengths, 0.5));
  return slots.map(
    (slot) =>
      outlineDashes(image, slot) ??
      dashesAlong(image, slot, Math.min(image.width, slot.handle.left + length)),
  );
}

/**
 * A hollow square no wider than its name's line is high (Vega-Lite's symbol drawn in a greyscale
 * chart's dash pattern) shows the pattern along its outline, not along a row: the outline's
 * dashes and gaps, walked round the box of its ink (top left to right, down the right side,
 * bottom right to left, up the left side). Null where the sample is no such square: wider, filled
 * (ink in its middle), or round (fewer than two of its box's corners inked: a circle's are blank).
 */
function outlineDashes(image: Raster, { handle, text, color }: LegendSlot): CurveStyle | null {
  const { data, width } = image;
  if (handle.right - handle.left > text.bottom - text.top) return null;
  const inked = (row: number, column: number) =>
    channelDistance(data, (row * width + column) * 3, color) < SAME_COLOR;
  let top = handle.bottom;
  let bottom = handle.top - 1;
  for (let row = handle.top; row < handle.bottom; row++) {
    for (let column = handle.left; column < handle.right; column++) {
      if (!inked(row, column)) continue;
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
    }
  }
  const [left, right] = [handle.left, handle.right - 1];
  if (bottom - top < OUTLINE.minSide || right - left < OUTLINE.minSide) return null;
  // The middle, a stroke in from each side, holds no ink.
  for (let row = top + OUTLINE.stroke; row <= bottom - OUTLINE.stroke; row++) {
    for (let column = left + OUTLINE.stroke; column <= right - OUTLINE.stroke; column++) {
      if (inked(row, column)) return null;
    }
  }
  // A side is inked within a stroke of it (a pixel's blur, a line thicker than one).
  const near = (row: number, column: number, rowStep: number, columnStep: number) =>
    Array.from({ length: OUTLINE.stroke }, (_, k) =>
      inked(row + k * rowStep, column + k * columnStep),
    ).some(Boolean);
  const corners = [
    near(top, left, 1, 0) && near(top, left, 0, 1),
    near(top, right, 1, 0) && near(top, right, 0, -1),
    near(bottom, right, -1, 0) && near(bottom, right, 0, -1),
    near(bottom, left, -1, 0) && near(bottom, left, 0, 1),
  ].filter(Boolean).length;
  if (corners < OUTLINE.corners) return null;
  const outline: boolean[] = [];
  for (let column = left; column < right; column++) outline.push(near(top, column, 1, 0));
  for (let row = top; row < bottom; row++) outline.push(near(row, right, 0, -1));
  for (let column = right; column > left; column--) outline.push(near(bottom, column, -1, 0));
  for (let row = bottom; row > top; row--) outline.push(near(row, left, 0, 1));
  // Runs round the closed outline, from the start of a stretch of ink.
  const start = outline.findIndex((ink, k) => ink && !outline.at(k - 1));
  if (start < 0) return { on: outline.length, off: 0, gapShare: 0 };
  const on: number[] = [];
  const off: number[] = [];
  let run = 0;
  for (let k = 0; k < outline.length; k++) {
    const ink = outline[(start + k) % outline.length];
    const next = outline[(start + k + 1) % outline.length];
    run++;
    if (ink !== next) {
      (ink ? on : off).push(run);
      run = 0;
    }
  }
  if (run > 0) (outline[(start + outline.length - 1) % outline.length] ? on : off).push(run);
  const gapLength = off.reduce((sum, n) => sum + n, 0);
  return {
    on: percentile(on, 0.5),
    off: percentile(off, 0.5),
    gapShare: gapLength / outline.length,
  };
}

/**
 * How a legend entry's sample line is drawn: its dashes and gaps along the row through its
 * middle (the row with the most of the entry's colour), from the sample's left edge to column
 * `right` (exclusive), a gap running on to `right` (its pattern's last) included. A solid
 * sample is one stretch with no gap.
 */
function dashesAlong(image: Raster, { handle, color }: LegendSlot, right: number): CurveStyle {
  const { data, width } = image;
  const inked = (row: number, column: number) =>
    channelDistance(data, (row * width + column) * 3, color) < SAME_COLOR;
  let middle = handle.top;
  let most = -1;
  for (let row = handle.top; row < handle.bottom; row++) {
    let count = 0;
    for (let column = handle.left; column < right; column++) if (inked(row, column)) count++;
    if (count > most) {
      most = count;
      middle = row;
    }
  }
  // The row through the middle and its neighbours: a line thinner than a pixel, or a dash
  // anti-aliased across two rows, still shows in one of them.
  const on: number[] = [];
  const off: number[] = [];
  let stretch = 0;
  let gap = 0;
  let seen = false;
  for (let column = handle.left; column < right; column++) {
    const ink = [middle - 1, middle, middle + 1].some(
      (row) => row >= handle.top && row < handle.bottom && inked(row, column),
    );
    if (ink) {
      if (seen && gap > 0) off.push(gap);
      if (gap > 0) {
        if (stretch > 0) on.push(stretch);
        stretch = 0;
      }
      gap = 0;
      stretch++;
      seen = true;
    } else if (seen) {
      gap++;
    }
  }
  // A last stretch running on to `right` was cut there: no length of the pattern's.
  const whole = gap > 0 && stretch > 0 ? [...on, stretch] : [...on];
  if (stretch > 0) on.push(stretch);
  if (seen && gap > END_BLUR) off.push(gap);
  const inkedLength = on.reduce((s, n) => s + n, 0);
  const gapLength = off.reduce((s, n) => s + n, 0);
  return {
    on: percentile(on, 0.5),
    off: percentile(off, 0.5),
    gapShare: inkedLength + gapLength > 0 ? gapLength / (inkedLength + gapLength) : 0,
    spread: dashStretchSpread(whole),
  };
}
