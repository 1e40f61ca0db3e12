import { channelDistance, type Rgb } from '../color.js';
import { percentile } from '../math.js';
import type { CurveStyle } from '../separate/splitCurves.js';
import type { Raster } from '../types.js';
import type { LegendSlot } from './findLegend.js';

/** A sample pixel holds the entry's colour when within this of it (0..255 per channel). */
const SAME_COLOR = 90;
/** The gap between a sample and its text is at least this share of the text's height... */
const TEXT_GAP = 0.6;
/** ...and this many px. */
const MIN_TEXT_GAP = 4;

/**
 * How a legend entry's sample line is drawn: its dashes and gaps along the row through its
 * middle (the row with the most of the entry's colour), from the sample's left edge to the
 * entry's text. A solid sample is one stretch with no gap.
 */
export function sampleStyle(image: Raster, slot: LegendSlot, color: Rgb = slot.color): CurveStyle {
  const { data, width } = image;
  const { handle, text } = slot;
  // A dashed sample may have been cut at its first gap, and its other dashes taken for the
  // text's start: the row is followed on to a gap as long as the text is high. A sample after
  // its text (gnuplot's key) ends where it was found, with its gaps in it.
  const before = text.right <= handle.left;
  const right = before ? handle.right : Math.min(width, Math.max(handle.right, text.right));
  const maxGap = Math.max(MIN_TEXT_GAP, (handle.bottom - handle.top) * TEXT_GAP);
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
      if (gap > maxGap && !before) break;
    }
  }
  if (stretch > 0) on.push(stretch);
  const inkedLength = on.reduce((s, n) => s + n, 0);
  const gapLength = off.reduce((s, n) => s + n, 0);
  return {
    on: percentile(on, 0.5),
    off: percentile(off, 0.5),
    gapShare: inkedLength + gapLength > 0 ? gapLength / (inkedLength + gapLength) : 0,
  };
}
