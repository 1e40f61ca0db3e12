import type { Rgb } from '../color.js';
import { boxesOverlap } from '../math.js';
import type { Box, Raster } from '../types.js';
import { completeColumn, completeRow } from './alignedEntries.js';
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
 * complete the column (completeColumn: its sample is read in the column's sample columns), or
 * the row of entries it stands in (completeRow: a sample too pale to be told beside its name).
 */
export function oneSide(
  image: Raster,
  background: Rgb,
  region: Box,
  slots: LegendSlot[],
  unpaired: Box[],
): LegendSlot[] {
  const before = (slot: LegendSlot) => slot.handle.left < slot.text.left;
  const side = samplesSide(
    slots.filter(before),
    slots.filter((slot) => !before(slot)),
  );
  const lines = [...unpaired];
  const sided = slots.flatMap((slot) => {
    if (before(slot) === side < 0) return [slot];
    const again = sampleBeside(image, background, slot.text, region, [side]);
    if (!again) lines.push(slot.text);
    return again ? [again] : [];
  });
  const handleLeft = common(sided.map((slot) => slot.handle.left));
  const textEdge = common(sided.map((slot) => (side < 0 ? slot.text.left : slot.text.right)));
  if (handleLeft === null || textEdge === null) {
    return inRows(image, background, completeColumn(image, background, sided, lines), lines);
  }
  // Samples before: a name lined up with the others' whose sample starts before theirs. Samples
  // after (gnuplot's key, names ending in one column): an entry whose "sample" starts before
  // the column's and ends where the names do is the end of its name with a curve across it;
  // its line of text runs on to there.
  const crossed = sided.filter((slot) =>
    side < 0
      ? Math.abs(slot.text.left - textEdge) <= DEFAULTS.align &&
        slot.handle.left < handleLeft - DEFAULTS.align
      : slot.handle.left < handleLeft - DEFAULTS.align &&
        Math.abs(slot.handle.right - textEdge) <= DEFAULTS.align,
  );
  const crossedLine = (slot: LegendSlot): Box =>
    side < 0 ? slot.text : { ...slot.text, right: Math.max(slot.text.right, slot.handle.right) };
  const completed = completeColumn(
    image,
    background,
    sided.filter((slot) => !crossed.includes(slot)),
    [...lines, ...crossed.map(crossedLine)],
  );
  // One the column's sample columns tell no colour for keeps the sample it was found with.
  return inRows(
    image,
    background,
    [
      ...completed,
      ...crossed.filter(
        (slot) =>
          !completed.some((e) => e.text.top === slot.text.top && overlapsBox(e.text, slot.text)),
      ),
    ],
    lines,
  );
}

/**
 * The entries grown by the `lines` that found no sample and that no entry took, where they
 * complete a row of entries (completeRow: a sample too pale to be told beside its name).
 */
function inRows(image: Raster, background: Rgb, slots: LegendSlot[], lines: Box[]): LegendSlot[] {
  const left = lines.filter((line) => !slots.some((slot) => boxesOverlap(slot.text, line)));
  return left.length > 0 ? completeRow(image, background, slots, left) : slots;
}

/** Whether two boxes share columns. */
function overlapsBox(a: Box, b: Box): boolean {
  return a.left < b.right && a.right > b.left;
}

/**
 * The side of their names a legend's samples are on (-1 before, 1 after), from its entries
 * with samples before (`before`) and after (`after`) theirs: the side whose samples line up in
 * one column where only one side's do (curves crossing a gnuplot key beside its names passed
 * for samples before three of five: those start anywhere), else the side most have, before
 * where as many.
 */
function samplesSide(before: LegendSlot[], after: LegendSlot[]): -1 | 1 {
  const column = (slots: LegendSlot[]) => common(slots.map((slot) => slot.handle.left)) !== null;
  if (column(before) !== column(after)) return column(before) ? -1 : 1;
  return before.length >= after.length ? -1 : 1;
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
