import type { Rgb } from '../color.js';
import { median } from '../math.js';
import type { Box, Raster } from '../types.js';
import { type GlyphModel, type GlyphReading, type LineReading, readLine } from './glyphs.js';
import {
  inkColumns,
  inkOf,
  lineGeometry,
  lumaAt,
  raisedFrom,
  withoutClosingBar,
  withoutClosingMicro,
} from './inkImage.js';

/** A tick label to read, and the group (an axis) whose labels share one font size. */
export interface TickLabelBox {
  group: string;
  box: Box;
}

/** A superscript's cap height as a share of the base's: never below `least`, and `usual` in
 * mathtext, LaTeX, HTML and fonts' superscript digits. */
const SUPERSCRIPT = { least: 0.45, usual: 0.6 } as const;

/** What the glyph recogniser read in one label: `^` joins base and raised exponent. */
export interface TickGlyphReading {
  text: string;
  /** 0..1: the least probability of any glyph read. */
  confidence: number;
}

/**
 * Reads tick labels with the glyph recogniser (`glyphs.ts`). The labels of one group share a
 * font: their cap height is the median of theirs, so one label whose digits all have round
 * tops cannot set its own scale; each keeps its own baseline. A raised exponent closing a
 * label (`10^-3`) is read apart, at its own size; a micro sign closing it (`600μ`), which the
 * recogniser's alphabet lacks, is told by its descender. Returns null for a label holding no ink.
 */
export function readTickGlyphs(
  model: GlyphModel,
  image: Raster,
  labels: TickLabelBox[],
  page: Rgb,
): (TickGlyphReading | null)[] {
  const paper = lumaAt({ data: Uint8Array.from(page), width: 1, height: 1, channels: 3 }, 0);
  const pixels = { ...image, channels: 3 as const };
  const darkest = new Map<string, number>();
  for (const { group, box } of labels) {
    let dark = darkest.get(group) ?? 255;
    for (let row = box.top; row < box.bottom; row++) {
      for (let column = box.left; column < box.right; column++) {
        dark = Math.min(dark, lumaAt(pixels, row * image.width + column));
      }
    }
    darkest.set(group, dark);
  }
  // Each label's raised exponent is found from its own geometry; the base, without it, is
  // measured again (an exponent's columns would lift its cap line).
  const lines = labels.map(({ group, box }) => {
    const { ink, micro } = withoutClosingMicro(
      withoutClosingBar(inkOf(pixels, box, paper, darkest.get(group)!)),
    );
    const own = lineGeometry(ink);
    const split = own && raisedFrom(ink, own);
    const base = split ? inkColumns(ink, 0, split) : ink;
    const exponent = split ? inkColumns(ink, split, ink.width) : null;
    return { base, geometry: split ? lineGeometry(base) : own, exponent, micro };
  });
  const caps = new Map<string, number[]>();
  labels.forEach(({ group }, i) => {
    const geometry = lines[i].geometry;
    if (geometry) caps.set(group, [...(caps.get(group) ?? []), geometry.capHeight]);
  });
  const capOf = new Map([...caps].map(([group, heights]) => [group, median(heights)]));
  const readings = labels.map(({ group }, i) => {
    const { base, geometry: own } = lines[i];
    return own && readLine(model, base, { ...own, capHeight: capOf.get(group) ?? own.capHeight });
  });
  agreeSeparators(readings, labels);
  return labels.map(({ group }, i) => {
    const { geometry: own, exponent, micro } = lines[i];
    const reading = readings[i];
    if (!own || !reading) return null;
    const geometry = { ...own, capHeight: capOf.get(group) ?? own.capHeight };
    const unit = micro ? 'μ' : '';
    if (!exponent) return { text: `${reading.text}${unit}`, confidence: reading.confidence };
    const measured = lineGeometry(exponent);
    // A superscript's faint top rows and its few columns can make it measure short, and a
    // glyph too wide for its cap height is read as two (`5` as `50`): one measured much
    // smaller than the base's digits is read at a superscript's usual size too, and the
    // surer reading kept.
    const asMeasured = measured && readLine(model, exponent, measured);
    const usual =
      measured && measured.capHeight < SUPERSCRIPT.least * geometry.capHeight
        ? readLine(model, exponent, {
            ...measured,
            capHeight: SUPERSCRIPT.usual * geometry.capHeight,
          })
        : null;
    const raised =
      usual && (!asMeasured || usual.confidence > asMeasured.confidence) ? usual : asMeasured;
    if (!raised) return null;
    return {
      text: `${reading.text}^${raised.text}${unit}`,
      confidence: Math.min(reading.confidence, raised.confidence),
    };
  });
}

/**
 * One axis prints one format, so its points and commas found apart (`GlyphReading.lean`) that
 * stand as many digits from the label's end (`2,000` and `8,000`; `0.5` and `1.5`) are the same
 * character: the one most of them lean to (how far, where as many lean either way). A comma
 * measured a hair too shallow in one label is outvoted by the others. Rewrites the readings' glyphs and text in place.
 */
function agreeSeparators(readings: (LineReading | null)[], labels: TickLabelBox[]): void {
  const keyOf = (i: number, glyphs: GlyphReading[], at: number) => {
    let digits = 0;
    while (/\d/.test(glyphs[at + digits + 1]?.char ?? '')) digits++;
    return `${labels[i].group} ${digits}`;
  };
  const leans = new Map<string, number>();
  readings.forEach((reading, i) => {
    reading?.glyphs.forEach((glyph, at) => {
      if (glyph.lean === undefined) return;
      const key = keyOf(i, reading.glyphs, at);
      leans.set(key, (leans.get(key) ?? 0) + Math.sign(glyph.lean) + glyph.lean);
    });
  });
  readings.forEach((reading, i) => {
    if (!reading) return;
    reading.glyphs.forEach((glyph, at) => {
      if (glyph.lean !== undefined)
        glyph.char = leans.get(keyOf(i, reading.glyphs, at))! >= 0 ? ',' : '.';
    });
    reading.text = reading.glyphs.map((glyph) => glyph.char).join('');
  });
}
