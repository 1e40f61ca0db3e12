import type { Rgb } from '../color.js';
import type { Box, Raster } from '../types.js';
import { completeColumn } from './alignedEntries.js';
import type { LegendSlot } from './findLegend.js';
import { sampleBeside } from './legendSamples.js';

const DEFAULTS = {
  /** Samples (texts) of a column of entries start at the same column, give or take this (px). */
  align: 3,
} as const;

/**
 * A legend's samples are on one side of their names, in one column where the entries are
 * (samples before names): a curve touching or crossing an entry may have passed for its sample.
 * An entry that took ink on the other side takes its sample from the side most entries have; one
 * whose name lines up with the others' while its sample starts before theirs (a curve crossing
 * the sample joined it) takes the column's sample columns instead, where they tell a colour.
 * Where no sample is told for such a name, it is one of the `unpaired` lines of text that may
 * complete the column (completeColumn: its sample is read in the column's sample columns).
 */
export function oneSide(
  image: Raster,
  background: Rgb,
  region: Box,
  slots: LegendSlot[],
  unpaired: Box[],
): LegendSlot[] {
  const before = (slot: LegendSlot) => slot.handle.left < slot.text.left;
  const side = slots.filter(before).length * 2 >= slots.length ? -1 : 1;
  const lines = [...unpaired];
  const sided = slots.flatMap((slot) => {
    if (before(slot) === side < 0) return [slot];
    const again = sampleBeside(image, background, slot.text, region, [side]);
    if (!again) lines.push(slot.text);
    return again ? [again] : [];
  });
  const handleLeft = common(sided.map((slot) => slot.handle.left));
  const textLeft = common(sided.map((slot) => slot.text.left));
  if (side > 0 || handleLeft === null || textLeft === null) {
    return completeColumn(image, background, sided, lines);
  }
  const crossed = sided.filter(
    (slot) =>
      Math.abs(slot.text.left - textLeft) <= DEFAULTS.align &&
      slot.handle.left < handleLeft - DEFAULTS.align,
  );
  const completed = completeColumn(
    image,
    background,
    sided.filter((slot) => !crossed.includes(slot)),
    [...lines, ...crossed.map((slot) => slot.text)],
  );
  // One the column's sample columns tell no colour for keeps the sample it was found with.
  return [...completed, ...crossed.filter((slot) => !completed.some((e) => e.text === slot.text))];
}

/**
 * The value most of `values` lie within DEFAULTS.align of (more than half of them, and at
 * least two), or null.
 */
function common(values: number[]): number | null {
  for (const value of values) {
    const near = values.filter((other) => Math.abs(other - value) <= DEFAULTS.align);
    if (near.length >= 2 && near.length * 2 > values.length) return value;
  }
  return null;
}
