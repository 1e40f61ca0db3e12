import sharp from 'sharp';
import { channelDistance, greyOf, type Rgb } from '../color.js';
import type { Box, Raster, Word } from '../types.js';
import type { OcrEngine } from './engine.js';

const DEFAULTS = {
  /** Pixels further than this (0..255, any channel) from the page colour are ink. */
  ink: 80,
  /** Slants tried (degrees, counter-clockwise: text rising to the right; negative: falling). */
  angles: [-60, -50, -45, -40, -30, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90],
  /**
   * The best slant's profile must be this many times sharper than the median slant's: text at
   * no slant tried (level text) makes no angle stand out.
   */
  standOut: 2.5,
  /** Tesseract reads words best with glyphs about this tall (px). */
  glyphHeight: 36,
  /** Crops are scaled at most this much (bigger only blurs). */
  maxScale: 4,
  /** Words of one label: a gap of at most this many text heights, on one line. */
  wordGap: 1.2,
} as const;

/** A band of tick labels below the plot and the plot's left and right edges (px). */
export interface SlantedBand {
  band: Box;
  /** The height (px) of level text of the chart (a y tick label's), to scale the crop by. */
  textHeight: number;
}

/**
 * The x tick labels of a band where they are printed slanted (matplotlib's `autofmt_xdate`
 * at 30°, Chart.js' labels turned to fit): the band's slant found from its ink (the angle at
 * which the ink, projected across the text, falls into the sharpest lines), the band turned
 * level and read in one call, the words of one line joined into a label. Each label's box is
 * centred on its end nearer the axis (where a slanted label is anchored to its tick), one
 * text height wide. Empty where the band's text is level or nothing is read.
 */
export async function readSlantedLabels(
  engine: OcrEngine,
  image: Raster,
  page: Rgb,
  { band, textHeight }: SlantedBand,
): Promise<Word[]> {
  const angle = slantOf(image, page, band);
  if (angle === null) return [];
  const scale = Math.min(DEFAULTS.maxScale, Math.max(1, DEFAULTS.glyphHeight / textHeight));
  const turned = turn(image, band, angle, scale);
  const png = await sharp(turned.data, {
    raw: { width: turned.width, height: turned.height, channels: 1 },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const words = await engine.recognize(png, { psm: 11 });
  return joinLines(words, DEFAULTS.glyphHeight).map((line) => {
    // Both ends of the label, back in the image: the one nearer the axis is its anchor.
    const middle = (line.box.top + line.box.bottom) / 2;
    const ends = [line.box.left, line.box.right].map((u) => turned.toImage(u, middle));
    const anchor = ends[0].y < ends[1].y ? ends[0] : ends[1];
    const half = textHeight / 2;
    return {
      text: line.text,
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
 * The slant (degrees) of the text in `band`: of the angles tried, the one at which the ink,
 * projected across the text's lines, makes the sharpest profile (the largest sum of squared
 * steps between neighbouring rows: lines of text with gaps between them). Null where no angle
 * stands out (level text).
 */
function slantOf(image: Raster, page: Rgb, band: Box): number | null {
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
  if (points.length === 0) return null;
  let best = 0;
  let bestScore = -1;
  const scores: number[] = [];
  for (const angle of DEFAULTS.angles) {
    const radians = (angle * Math.PI) / 180;
    const [sin, cos] = [Math.sin(radians), Math.cos(radians)];
    const across = points.map(([x, y]) => x * sin + y * cos);
    const low = Math.floor(Math.min(...across));
    const rows = new Float64Array(Math.ceil(Math.max(...across)) - low + 3);
    // Each pixel shared between its two nearest rows: rounding would alias with the pixel grid
    // (spikes at 0 and 45 degrees whatever the text).
    for (const at of across) {
      const row = Math.floor(at) - low + 1;
      const share = at - Math.floor(at);
      rows[row] += 1 - share;
      rows[row + 1] += share;
    }
    // Postl's measure: text lines at the right slant make sharp steps in the profile.
    let score = 0;
    for (let i = 1; i < rows.length; i++) score += (rows[i] - rows[i - 1]) ** 2;
    scores.push(score);
    if (score > bestScore) {
      bestScore = score;
      best = angle;
    }
  }
  scores.sort((a, b) => a - b);
  return bestScore >= DEFAULTS.standOut * scores[scores.length >> 1] ? best : null;
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
