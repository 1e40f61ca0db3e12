import type { Rgb } from '../color.js';
import type { Box, Raster } from '../types.js';
import type { GlyphModel } from './glyphs.js';
import { readTickGlyphs } from './readTickGlyphs.js';

const DEFAULTS = {
  /**
   * A name the glyph recogniser reads as a number this surely (its least sure glyph) is that
   * number: on names of words it reads a number at under 0.6 (`Test` as `1e81`), on numeric
   * names at 0.98 or more.
   */
  minConfidence: 0.9,
  /**
   * ...or this surely where it reads the digits tesseract read, and more (a decimal point
   * tesseract lost in JPEG noise: `0.1` read as `01`).
   */
  agreeing: 0.5,
  /**
   * A name tesseract read as another number is overruled this surely only: the two readers
   * then disagree on digits, and each is wrong at times (`128` read `178` at 0.95).
   */
  overrule: 0.98,
} as const;

/** The digits of a text, in order. */
const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * Letters tesseract reads digits as (`0` as `O` or `D`, `1` as `l` or `I`, `4` as `qd` or `A`,
 * `8` as `a` or `B`, ...): a name of these alone may be a misread number.
 */
const DIGIT_LIKE = new Set('OoQDdIl|iZzSsbGTBgqAa');

/**
 * Whether tesseract read a word, not a misread number: a run of three letters or more, one of
 * them like no digit (`DPO`, `Ours`, `Adam`). The glyph recogniser knows digits only, and reads
 * such a word as a number surely at times (`DPO` as `090` at 0.99, `Ours` as `8`).
 */
const isWord = (text: string) =>
  (text.match(/\p{L}{3,}/gu) ?? []).some((run) =>
    [...run].some((letter) => !DIGIT_LIKE.has(letter)),
  );

/** A plain number as a legend prints it (`4`, `0.1`, `-2`): digits, a sign, one point. */
const PLAIN_NUMBER = /^[-−]?\d+(\.\d+)?$/;

/**
 * Legend names that are numbers (`4`, `64`, `0.1`: a batch size, a learning rate) read by the
 * tick-label glyph recogniser, which tesseract misreads when short (`4` as `qd`, `8` as `a`,
 * `0.1` as `01`). Takes the names as tesseract read them and their text boxes; returns them
 * with each box the glyph recogniser reads surely as a plain number taking that number (a
 * name of words reads as no sure number, and a name tesseract read as a word stays that word; a name read as nothing stays nothing). Each box is read at its own size (a legend may mix
 * words and numbers). Without a glyph model, returns the names unchanged.
 */
export function numericNames(
  model: GlyphModel | null,
  image: Raster,
  page: Rgb,
  boxes: Box[],
  names: string[],
): string[] {
  if (!model || boxes.length === 0) return names;
  // What tesseract read as nothing is no entry (a mark beside the legend's names), and a word
  // stays that word: their boxes are not read (each box is a group of its own, read alone).
  const asked = names.flatMap((name, i) => (name === '' || isWord(name) ? [] : [i]));
  const read = readTickGlyphs(
    model,
    image,
    asked.map((i) => ({ group: String(i), box: boxes[i] })),
    page,
  );
  const readings = new Map(asked.map((i, k) => [i, read[k]]));
  return names.map((name, i) => {
    const reading = readings.get(i);
    if (!reading || !PLAIN_NUMBER.test(reading.text)) return name;
    const agrees =
      digitsOf(name) !== '' &&
      digitsOf(name) === digitsOf(reading.text) &&
      reading.text.length > name.length;
    const least = PLAIN_NUMBER.test(name) ? DEFAULTS.overrule : DEFAULTS.minConfidence;
    const sure = reading.confidence >= least || (agrees && reading.confidence >= DEFAULTS.agreeing);
    return sure ? reading.text.replace('−', '-') : name;
  });
}
