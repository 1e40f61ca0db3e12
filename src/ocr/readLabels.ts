import sharp from 'sharp';
import { channelDistance, type Rgb } from '../color.js';
import type { Box, Raster, Word, WordSymbol } from '../types.js';
import type { OcrEngine } from './engine.js';
import { splitExponent } from './labelBoxes.js';
import { type GreyTile, scaleTile } from './scaleTile.js';

const DEFAULTS = {
  /** Tesseract reads words best with glyphs about this tall (px). */
  glyphHeight: 40,
  /** Crops are never scaled more than this (bigger only blurs). */
  maxScale: 4,
  /** White border added around a crop: tesseract needs a margin to find text lines. */
  pad: 12,
  /** The stacked image's background (greyscale). */
  white: 255,
  /** Empty lines (px) between two labels in the stacked image. */
  stackGap: 16,
  /** A tile whose ground is this much darker than white or more is tinted... */
  tinted: 12,
  /** ...and one whose ground is darker than this is dark (light text on it is left alone). */
  lightGround: 128,
  /** A ground: at least this share of a tile's border within `tinted` of its median. */
  evenGround: 0.8,
  /**
   * A name's box is cut to its darker pixels (`fringeInk` from the page), and its glyphs' faint
   * anti-aliased edges lie this many px outside it: cut off, a round glyph's side reads straight
   * (`Ours` read `Durs`, `Test` read `Tes!`).
   */
  fringe: 1,
  /** A pixel this far (0..255) from the page is a glyph's stroke, the fringe beside it its edge. */
  fringeInk: 60,
  /**
   * A name's box narrower than its height (a sliver of a curve or a frame, 2 x 11 px; a word is
   * wider than tall) is read without its fringe: its edges would make glyphs of it (`I`, `F`).
   */
  fringeAspect: 1,
} as const;

/** Characters a tick label can hold. */
export const TICK_WHITELIST = '0123456789.,-−–+%kKMBGe×x^()';

/**
 * Characters a title, an axis label or a legend name can hold: printable ASCII (the space too:
 * tesseract drops spaces a whitelist leaves out) and the few
 * signs of units and maths charts print (`°C`, `μs`, `±`, `×`, `−`, `m²`). Tesseract, left free,
 * reads a small `M` as `™` and a `6` as `€` or `¢`; no chart's text holds those.
 */
export const TEXT_WHITELIST = `${Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')}°μµ±×−–²³`;

/**
 * A box of text to read; `rotate` for text reading bottom to top (a y axis label);
 * `minConfidence` for its own least confidence, in place of the call's (ReadLabelsOptions),
 * where some word of its line reaches the call's: a line of unsure words alone is noise.
 */
export type Label = Box & {
  rotate?: boolean;
  minConfidence?: number;
  /** A legend name's box: read again where it reads as a glyph no name holds. */
  name?: boolean;
  /**
   * Read with its glyphs' faint edges around it (`DEFAULTS.fringe` px), each kept only beside a
   * stroke in the box: the ink of a neighbour outside it (a sample, a frame line) is no fringe.
   */
  fringe?: boolean;
};

export interface ReadLabelsOptions {
  /** Height (px) each label is scaled to. @default 40 */
  glyphHeight?: number;
  /** Words read with less confidence (0..100) are dropped, unless alone on their line. @default 0 */
  minConfidence?: number;
  /** Characters tesseract may output. @default TICK_WHITELIST */
  whitelist?: string;
  /** Read raised exponents apart (10^-3). @default true */
  exponents?: boolean;
  /** Joins the words of one label. @default '' (tick labels have no spaces) */
  separator?: string;
}

/** What OCR read in one label: `^` joins base and exponent. */
export interface LabelReading {
  text: string;
  /** The least confidence (0..100) of its words; 0 when nothing was read. */
  confidence: number;
  /** Its characters, with boxes in the image's pixels (none for a turned label). */
  symbols: WordSymbol[];
}

/** A label, or its base or raised exponent, as cut out to be read. */
interface Piece {
  label: number;
  part: 'base' | 'exponent';
  box: Box;
  rotate: boolean;
  /** Its words read with less confidence are dropped beside others. */
  minConfidence: number;
}

/**
 * OCR of many small labels in one engine call: each label (and each raised exponent) is cut
 * out, scaled to a common glyph height and stacked on its own line. A lone digit, which
 * sparse-text mode drops, is read reliably this way. Returns one reading per label.
 */
export async function readLabels(
  engine: OcrEngine,
  image: Raster,
  labels: Label[],
  page: Rgb,
  {
    whitelist = TICK_WHITELIST,
    exponents = true,
    separator = '',
    minConfidence = 0,
    glyphHeight = DEFAULTS.glyphHeight,
  }: ReadLabelsOptions = {},
): Promise<LabelReading[]> {
  if (labels.length === 0) return [];
  const pieces: Piece[] = [];
  labels.forEach((label, index) => {
    const rotate = label.rotate ?? false;
    const least = label.minConfidence ?? minConfidence;
    const split = exponents && !rotate ? splitExponent(image, page, label) : null;
    if (split) {
      pieces.push({ label: index, part: 'base', box: split.base, rotate, minConfidence: least });
      pieces.push({
        label: index,
        part: 'exponent',
        box: split.exponent,
        rotate,
        minConfidence: least,
      });
    } else {
      pieces.push({ label: index, part: 'base', box: label, rotate, minConfidence: least });
    }
  });
  const tiles = pieces.map((piece) => {
    const { rotate } = piece;
    const tight = piece.box;
    // A rotated label (the y label) is read after a clockwise quarter turn.
    const [across, along] = rotate
      ? [tight.right - tight.left, tight.bottom - tight.top]
      : [tight.bottom - tight.top, tight.right - tight.left];
    const scale = Math.min(DEFAULTS.maxScale * 2, glyphHeight / Math.max(1, across));
    const wide = along >= across * DEFAULTS.fringeAspect;
    // A name is read with its glyphs' edges around it, at the same scale.
    const fringed =
      labels[piece.label].fringe && !rotate && wide ? withFringe(image, page, tight) : null;
    if (fringed) piece.box = fringed.box;
    const source = fringed?.raster ?? image;
    const box = fringed ? { left: 0, top: 0, right: source.width, bottom: source.height } : tight;
    const [width, height] = [box.right - box.left, box.bottom - box.top];
    return onWhite(
      scaleTile(source, box, {
        width: Math.max(1, Math.round((rotate ? height : width) * scale)),
        height: Math.max(1, Math.round((rotate ? width : height) * scale)),
        rotate,
      }),
    );
  });
  let top = DEFAULTS.pad;
  const tops: number[] = [];
  for (const tile of tiles) {
    tops.push(top);
    top += tile.height + DEFAULTS.stackGap;
  }
  const canvasWidth = Math.max(...tiles.map((tile) => tile.width)) + DEFAULTS.pad * 4;
  const canvasHeight = top + DEFAULTS.pad;
  const canvas = new Uint8Array(canvasWidth * canvasHeight).fill(DEFAULTS.white);
  tiles.forEach((tile, i) => {
    for (let row = 0; row < tile.height; row++) {
      const from = row * tile.width;
      canvas.set(
        tile.data.subarray(from, from + tile.width),
        (tops[i] + row) * canvasWidth + DEFAULTS.pad * 2,
      );
    }
  });
  const png = await sharp(canvas, {
    raw: { width: canvasWidth, height: canvasHeight, channels: 1 },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const words = await engine.recognize(png, { psm: 6, whitelist });
  const texts = pieces.map(() => [] as Word[]);
  for (const word of words) {
    const middle = (word.box.top + word.box.bottom) / 2;
    const line = tops.findIndex(
      (t, i) =>
        middle >= t - DEFAULTS.stackGap / 2 && middle < t + tiles[i].height + DEFAULTS.stackGap / 2,
    );
    if (line >= 0) texts[line].push(word);
  }
  return gather(labels.length, pieces, texts, { separator, minConfidence }, (i, box) => {
    // Back from the stacked image to the image's pixels.
    const { box: piece } = pieces[i];
    const sx = tiles[i].width / (piece.right - piece.left);
    const sy = tiles[i].height / (piece.bottom - piece.top);
    return {
      left: piece.left + (box.left - DEFAULTS.pad * 2) / sx,
      right: piece.left + (box.right - DEFAULTS.pad * 2) / sx,
      top: piece.top + (box.top - tops[i]) / sy,
      bottom: piece.top + (box.bottom - tops[i]) / sy,
    };
  });
}

/**
 * The pixels of `box` and of a ring `DEFAULTS.fringe` px wide around it (within the image), as a
 * raster of their own, with `box` so grown: a ring pixel keeps its colour where a stroke of the
 * box (`DEFAULTS.fringeInk` from `page`) touches it, and is the page elsewhere.
 */
export function withFringe(image: Raster, page: Rgb, box: Box): { raster: Raster; box: Box } {
  const reach = DEFAULTS.fringe;
  const grown = {
    left: Math.max(0, box.left - reach),
    top: Math.max(0, box.top - reach),
    right: Math.min(image.width, box.right + reach),
    bottom: Math.min(image.height, box.bottom + reach),
  };
  const width = grown.right - grown.left;
  const height = grown.bottom - grown.top;
  const data = new Uint8Array(width * height * 3);
  const inside = (row: number, column: number) =>
    row >= box.top && row < box.bottom && column >= box.left && column < box.right;
  const stroke = (row: number, column: number) =>
    inside(row, column) &&
    channelDistance(image.data, (row * image.width + column) * 3, page) > DEFAULTS.fringeInk;
  for (let row = grown.top; row < grown.bottom; row++) {
    for (let column = grown.left; column < grown.right; column++) {
      let keep = inside(row, column);
      for (let dr = -reach; dr <= reach && !keep; dr++) {
        for (let dc = -reach; dc <= reach && !keep; dc++) keep = stroke(row + dr, column + dc);
      }
      const from = (row * image.width + column) * 3;
      const to = ((row - grown.top) * width + column - grown.left) * 3;
      data.set(keep ? image.data.subarray(from, from + 3) : page, to);
    }
  }
  return { raster: { data, width, height, channels: 3 }, box: grown };
}

/**
 * A tile of dark text on a tinted ground (a facet strip, a grey panel) with its ground lifted to
 * the stacked image's white: on the white canvas, a grey tile's edges read as a frame around
 * the text, and tesseract can lose the line in it. The ground is the median of the tile's
 * border pixels, where most of them are that even grey; a tile on white, a glyph cut tight, or
 * light text on a dark ground is left as it is.
 */
export function onWhite(tile: GreyTile): GreyTile {
  const { data, width, height } = tile;
  const border: number[] = [];
  for (let column = 0; column < width; column++) {
    border.push(data[column], data[(height - 1) * width + column]);
  }
  for (let row = 1; row < height - 1; row++) {
    border.push(data[row * width], data[row * width + width - 1]);
  }
  border.sort((a, b) => a - b);
  const ground = border[border.length >> 1];
  if (ground >= DEFAULTS.white - DEFAULTS.tinted || ground < DEFAULTS.lightGround) return tile;
  // a ground is even; a glyph cut tight (a raised exponent) has no ground around it
  const even = border.filter((v) => Math.abs(v - ground) <= DEFAULTS.tinted).length;
  if (even < border.length * DEFAULTS.evenGround) return tile;
  const lifted = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    lifted[i] = Math.min(DEFAULTS.white, Math.round((data[i] * DEFAULTS.white) / ground));
  }
  return { data: lifted, width, height };
}

/**
 * Each label's reading from the words read on its pieces' lines (`texts`): a doubtful word
 * (under `minConfidence`, or its piece's own where a word of the line reaches that) beside
 * others is noise (a tick mark read as 'oe'); alone, it is the best reading there is.
 * `toImage` maps a box on piece `i`'s line back to the image.
 */
function gather(
  count: number,
  pieces: Piece[],
  texts: Word[][],
  { separator, minConfidence }: { separator: string; minConfidence: number },
  toImage: (i: number, box: Box) => Box,
): LabelReading[] {
  const out = Array.from({ length: count }, () => ({
    base: '',
    exponent: '',
    confidence: 100,
    symbols: [] as WordSymbol[],
  }));
  pieces.forEach((piece, i) => {
    const sure = texts[i].some((w) => w.confidence >= minConfidence);
    const least = sure ? piece.minConfidence : minConfidence;
    const line = (
      texts[i].length > 1 ? texts[i].filter((w) => w.confidence >= least) : texts[i]
    ).sort((a, b) => a.box.left - b.box.left);
    const reading = out[piece.label];
    reading[piece.part] = line.map((word) => word.text).join(separator);
    reading.confidence = Math.min(reading.confidence, ...line.map((word) => word.confidence));
    if (line.length === 0) reading.confidence = 0;
    if (piece.rotate) return;
    for (const word of line) {
      for (const symbol of word.symbols ?? []) {
        reading.symbols.push({ text: symbol.text, box: toImage(i, symbol.box) });
      }
    }
  });
  return out.map(({ base, exponent, confidence, symbols }) => ({
    text: exponent ? `${base}^${exponent}` : base,
    confidence,
    symbols,
  }));
}
