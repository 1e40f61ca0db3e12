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
  return slots.map((slot) =>
    dashesAlong(image, slot, Math.min(image.width, slot.handle.left + length)),
  );
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
