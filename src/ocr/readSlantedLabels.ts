import sharp from 'sharp';
import { channelDistance, greyOf, type Rgb } from '../color.js';
import type { Box, Raster, Word } from '../types.js';
import type { OcrEngine } from './engine.js';
import type { GlyphModel } from './glyphs.js';
import { readTickGlyphs } from './readTickGlyphs.js';

/** A glyph reading of digits closing in a raised exponent (`10^2`, `10^-3`): its base. */
const POWER = /^(\d+)\^[-\u2212]?\d+$/;

const DEFAULTS = {
  /** Pixels further than this (0..255, any channel) from the page colour are ink. */
  ink: 80,
  /**
   * Slants tried, degrees counter-clockwise (positive: text rising to the right; negative:
   * falling), 1 degree apart: a long label 5 degrees off is blurred by a text height.
   */
  angles: [
    ...Array.from({ length: 76 }, (_, i) => -90 + i),
    ...Array.from({ length: 76 }, (_, i) => 15 + i),
  ],
  /**
   * The steepest slant read: level text's stems make the sharpest profile at 90 degrees, which
   * labels turned upright would make too: a band whose best slant is steeper is not read.
   */
  maxSlant: 75,
  /**
   * Where the sharpest profile is the letters' stems, the labels' lines are within this many
   * degrees of a quarter turn from them (the stems' peak is broad, a few degrees off).
   */
  refine: 6,
  /**
   * The best slant's profile must be this many times sharper than the median slant's: ink that
   * is no lines of text (specks, a curve below the plot) makes no angle stand out.
   */
  standOut: 2,
  /** Slanted labels make a band at least this many times as tall as level text. */
  minBandHeight: 1.6,
  /** Tesseract reads words best with glyphs about this tall (px). */
  glyphHeight: 36,
  /** Crops are scaled at most this much (bigger only blurs). */
  maxScale: 4,
  /** Words of one label: a gap of at most this many text heights, on one line. */
  wordGap: 1.2,
  /**
   * A label read again by the glyph recogniser (for a raised exponent) is cut this share of
   * its box's height wider on each side than tesseract's box (anti-aliased edges it left out).
   */
  powerMargin: 0.15,
} as const;

/** The band of the x tick labels below the plot (px), and how tall level text is. */
export interface SlantedBand {
  band: Box;
  /** The height (px) of level text of the chart (a y tick label's), to scale the crop by. */
  textHeight: number;
}

/**
 * The x tick labels of a band where they are printed slanted (matplotlib's `autofmt_xdate`
 * at 30°, Chart.js' labels turned to fit, Plotly's falling at 30°): the band's slant found
 * from its ink (the angle at which the ink, projected across the text, falls into the sharpest
 * lines: the labels' lines or their letters' stems), the band turned level and read in one
 * call, the words of one line joined into a label; a reading for each slant the band may
 * have (`findSlants`), for the caller to fit. Each label's box is centred on its end nearer
 * the axis (where a slanted label is anchored to its tick), one text height wide. None where
 * the band's text is level (the band no taller than level text by half, or no slant from 15
 * to 75 degrees either way stands out) or nothing is read.
 */
export async function readSlantedLabels(
  engine: OcrEngine,
  image: Raster,
  page: Rgb,
  { band, textHeight }: SlantedBand,
): Promise<Word[][]> {
  if (band.bottom - band.top < DEFAULTS.minBandHeight * textHeight) return [];
  // The sharpest profile runs along the labels' lines or along their letters' stems, a quarter
  // turn away (text falling at 30 degrees has its stems rising at 60): both are read.
  const readings = await Promise.all(
    findSlants(image, page, band).map((slant) =>
      readTurned(engine, image, band, slant, textHeight),
    ),
  );
  return readings.filter((words) => words.length > 0);
}

/** The band turned level by `slant` and read, each label's box centred on its anchor. */
async function readTurned(
  engine: OcrEngine,
  image: Raster,
  band: Box,
  slant: number,
  textHeight: number,
): Promise<Word[]> {
  const scale = Math.min(DEFAULTS.maxScale, Math.max(1, DEFAULTS.glyphHeight / textHeight));
  const turned = turn(image, band, slant, scale);
  const png = await sharp(turned.data, {
    raw: { width: turned.width, height: turned.height, channels: 1 },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const words = await engine.recognize(png, { psm: 11 });
  const lines = joinLines(words, DEFAULTS.glyphHeight);
  const powers = engine.glyphs ? raisedPowers(engine.glyphs, turned, lines) : [];
  return lines.map((line, i) => {
    // Both ends of the label, back in the image: the one nearer the axis is its anchor.
    const middle = (line.box.top + line.box.bottom) / 2;
    const ends = [line.box.left, line.box.right].map((u) => turned.toImage(u, middle));
    const anchor = ends[0].y < ends[1].y ? ends[0] : ends[1];
    const half = textHeight / 2;
    return {
      text: powers[i] ?? line.text,
      confidence: line.confidence,
      box: {
        left: anchor.x - half,
        right: anchor.x + half,
        top: band.top,
        bottom: band.bottom,
      },
    };
  });
}

/**
 * The labels (`lines`, read in the turned band) that close in a raised exponent (`10²`, which
 * tesseract reads `102`, `10°` or `10¢`: it does not see the digit's height), as the glyph
 * recogniser reads them, base and exponent apart (`10^2`); null for the others. A line is
 * taken as a power only where the glyph recogniser finds its last glyphs raised, reads the
 * whole as digits and an exponent, and its base is how tesseract's reading starts.
 */
function raisedPowers(model: GlyphModel, turned: Turned, lines: Word[]): (string | null)[] {
  const data = new Uint8Array(turned.width * turned.height * 3);
  for (let i = 0; i < turned.width * turned.height; i++) {
    data.fill(turned.data[i], i * 3, i * 3 + 3);
  }
  const image: Raster = { data, width: turned.width, height: turned.height, channels: 3 };
  // Tesseract's box may clip a glyph's faint edge: a little room around it.
  const boxes = lines.map(({ box }) => {
    const margin = Math.round((box.bottom - box.top) * DEFAULTS.powerMargin);
    return {
      group: 'slanted',
      box: {
        left: Math.max(0, Math.floor(box.left) - margin),
        top: Math.max(0, Math.floor(box.top) - margin),
        right: Math.min(turned.width, Math.ceil(box.right) + margin),
        bottom: Math.min(turned.height, Math.ceil(box.bottom) + margin),
      },
    };
  });
  // The turned band is a grey on white; the page inside the band is the image's own.
  const page = pageGrey(turned);
  return readTickGlyphs(model, image, boxes, [page, page, page]).map((reading, i) => {
    const power = reading && POWER.exec(reading.text);
    if (!power) return null;
    const read = lines[i].text.replace(/\s+/g, '');
    return read.startsWith(power[1]) ? reading!.text : null;
  });
}

/** The turned band's commonest grey: its page. */
function pageGrey({ data }: Turned): number {
  const counts = new Uint32Array(256);
  for (const grey of data) counts[grey]++;
  return counts.indexOf(Math.max(...counts));
}

/**
 * The slants (degrees) the text in `band` may have: of the angles tried, the one at which the
 * ink, projected across it, makes the sharpest profile (the largest sum of squared steps
 * between neighbouring rows: lines of text with gaps between them, or the letters' stems),
 * and the sharpest within `refine` degrees of a quarter turn from it (the lines where the
 * first was the stems, or the other way round), where that is a slant too. Empty where no
 * angle stands out, or the best is steeper than `maxSlant` (level text, whose stems stand out
 * at 90).
 */
export function findSlants(image: Raster, page: Rgb, band: Box): number[] {
  const points: [number, number][] = [];
  for (
    let row = Math.max(0, Math.floor(band.top));
    row < Math.min(image.height, band.bottom);
    row++
  ) {
    for (
      let column = Math.max(0, Math.floor(band.left));
      column < Math.min(image.width, band.right);
      column++
    ) {
      if (channelDistance(image.data, (row * image.width + column) * 3, page) > DEFAULTS.ink) {
        points.push([column, row]);
      }
    }
  }
  if (points.length === 0) return [];
  const scores = new Map(DEFAULTS.angles.map((angle) => [angle, sharpness(points, angle)]));
  const sharpest = (angles: readonly number[]) =>
    angles.reduce((best, angle) => (scores.get(angle)! > scores.get(best)! ? angle : best));
  const best = sharpest(DEFAULTS.angles);
  const sorted = [...scores.values()].sort((a, b) => a - b);
  const standsOut = scores.get(best)! >= DEFAULTS.standOut * sorted[sorted.length >> 1];
  if (!standsOut || Math.abs(best) > DEFAULTS.maxSlant) return [];
  const turned = best > 0 ? best - 90 : best + 90;
  const near = DEFAULTS.angles.filter(
    (angle) => Math.abs(angle - turned) <= DEFAULTS.refine && Math.abs(angle) <= DEFAULTS.maxSlant,
  );
  return near.length > 0 ? [best, sharpest(near)] : [best];
}

/** Postl's measure of the ink's profile across `angle`: the sum of its squared steps. */
function sharpness(points: [number, number][], angle: number): number {
  const radians = (angle * Math.PI) / 180;
  const [sin, cos] = [Math.sin(radians), Math.cos(radians)];
  const across = points.map(([x, y]) => x * sin + y * cos);
  // (no spread: a large band has more ink pixels than a call takes arguments)
  let [low, high] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const at of across) [low, high] = [Math.min(low, at), Math.max(high, at)];
  low = Math.floor(low);
  const rows = new Float64Array(Math.ceil(high) - low + 3);
  // Each pixel shared between its two nearest rows: rounding would alias with the pixel grid
  // (spikes at 0 and 45 degrees whatever the text).
  for (const at of across) {
    const row = Math.floor(at) - low + 1;
    const share = at - Math.floor(at);
    rows[row] += 1 - share;
    rows[row + 1] += share;
  }
  let score = 0;
  for (let i = 1; i < rows.length; i++) score += (rows[i] - rows[i - 1]) ** 2;
  return score;
}

/** A greyscale crop turned level, and the way back from its pixels to the image's. */
interface Turned {
  data: Uint8Array;
  width: number;
  height: number;
  toImage(u: number, v: number): { x: number; y: number };
}

/**
 * `band` turned clockwise by `angle` degrees (text rising at that angle comes out level) and
 * scaled by `scale`, on white; bilinear samples of the image's grey, the page outside the band.
 */
function turn(image: Raster, band: Box, angle: number, scale: number): Turned {
  const radians = (angle * Math.PI) / 180;
  const [sin, cos] = [Math.sin(radians), Math.cos(radians)];
  const w = band.right - band.left;
  const h = band.bottom - band.top;
  const turnedWidth = w * Math.abs(cos) + h * Math.abs(sin);
  const turnedHeight = w * Math.abs(sin) + h * Math.abs(cos);
  const width = Math.ceil(turnedWidth * scale);
  const height = Math.ceil(turnedHeight * scale);
  const [cx, cy] = [(band.left + band.right) / 2, (band.top + band.bottom) / 2];
  const toImage = (u: number, v: number) => {
    // Undo the clockwise turn (its transpose) about the centres.
    const [dx, dy] = [u / scale - turnedWidth / 2, v / scale - turnedHeight / 2];
    return { x: cx + dx * cos + dy * sin, y: cy - dx * sin + dy * cos };
  };
  const data = new Uint8Array(width * height).fill(255);
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const { x, y } = toImage(u + 0.5, v + 0.5);
      if (x < band.left || x >= band.right - 1 || y < band.top || y >= band.bottom - 1) continue;
      data[v * width + u] = bilinearGrey(image, x - 0.5, y - 0.5);
    }
  }
  return { data, width, height, toImage };
}

function bilinearGrey(image: Raster, x: number, y: number): number {
  const x0 = Math.max(0, Math.min(image.width - 2, Math.floor(x)));
  const y0 = Math.max(0, Math.min(image.height - 2, Math.floor(y)));
  const fx = Math.min(1, Math.max(0, x - x0));
  const fy = Math.min(1, Math.max(0, y - y0));
  const at = (column: number, row: number) => greyOf(image.data, (row * image.width + column) * 3);
  const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
  const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
  return Math.round(top * (1 - fy) + bottom * fy);
}

/** Words on one line with a gap of at most `wordGap` text heights joined, left to right. */
function joinLines(words: Word[], textHeight: number): Word[] {
  const sorted = words
    .filter((word) => word.text.trim() !== '')
    .sort((a, b) => a.box.left - b.box.left);
  const lines: Word[] = [];
  for (const word of sorted) {
    const middle = (word.box.top + word.box.bottom) / 2;
    const line = lines.find(
      (other) =>
        Math.abs((other.box.top + other.box.bottom) / 2 - middle) < textHeight / 2 &&
        word.box.left - other.box.right < DEFAULTS.wordGap * textHeight,
    );
    if (!line) {
      lines.push({ ...word, box: { ...word.box } });
      continue;
    }
    line.text = `${line.text} ${word.text}`;
    line.confidence = Math.min(line.confidence, word.confidence);
    line.box.right = Math.max(line.box.right, word.box.right);
    line.box.top = Math.min(line.box.top, word.box.top);
    line.box.bottom = Math.max(line.box.bottom, word.box.bottom);
  }
  return lines;
}
