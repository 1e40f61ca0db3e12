import sharp from 'sharp';
import { channelDistance, type Rgb } from '../color.js';
import { findRuns } from '../math.js';
import type { Box, PlotArea, Raster, Word } from '../types.js';
import type { OcrEngine, RecognizeOptions } from './engine.js';

/** Tesseract reads best with glyphs about this tall (px). */
const TARGET_TEXT_HEIGHT = 40;
/** Crops are never scaled more than this (bigger only blurs). */
const MAX_SCALE = 4;
/** White border added around a crop: tesseract needs a margin to find text lines. */
const PAD = 12;
/** A pixel this far (0..255) from the page colour is ink. */
const INK = 60;
/** Ink runs closer than this share of the text height belong to one band (gaps in "0.45"). */
const BAND_GAP = 0.35;
/** Text bands are at least this many px thick (thinner ink is a rule or a tick). */
const MIN_BAND = 3;
/** Characters a tick label can hold. */
export const TICK_WHITELIST = '0123456789.,-−–+%kKMBGe×x^()';

/** The text around the plot: tick labels as words with boxes, and the single-line texts. */
export interface ChartText {
  xTickWords: Word[];
  yTickWords: Word[];
  title: string | null;
  xLabel: string | null;
  yLabel: string | null;
}

function profileOf(
  image: Raster,
  page: Rgb,
  lines: number[],
  across: [number, number],
  along: 'row' | 'column',
): Uint32Array {
  const profile = new Uint32Array(lines.length);
  const { data, width, height } = image;
  const limit = along === 'row' ? width : height;
  const from = Math.max(0, Math.floor(across[0]));
  const to = Math.min(limit, Math.ceil(across[1]));
  lines.forEach((line, i) => {
    let count = 0;
    for (let j = from; j < to; j++) {
      const o = along === 'row' ? (line * width + j) * 3 : (j * width + line) * 3;
      if (channelDistance(data, o, page) > INK) count++;
    }
    profile[i] = count;
  });
  return profile;
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let i = from; step > 0 ? i <= to : i >= to; i += step) out.push(i);
  return out;
}

function clampBox(box: Box, image: Raster): Box {
  return {
    left: Math.max(0, Math.floor(box.left)),
    top: Math.max(0, Math.floor(box.top)),
    right: Math.min(image.width, Math.ceil(box.right)),
    bottom: Math.min(image.height, Math.ceil(box.bottom)),
  };
}

/**
 * OCR of one region: cropped, greyscale, upscaled, optionally rotated clockwise a quarter
 * turn (for the y label), padded. Word boxes come back in image pixels.
 */
export async function readRegion(
  engine: OcrEngine,
  image: Raster,
  region: Box,
  {
    textHeight,
    rotate = false,
    ...options
  }: RecognizeOptions & { textHeight: number; rotate?: boolean },
): Promise<Word[]> {
  const box = clampBox(region, image);
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  if (width < 2 || height < 2) return [];
  const scale = Math.min(MAX_SCALE, Math.max(1, TARGET_TEXT_HEIGHT / Math.max(1, textHeight)));
  const scaledWidth = Math.round(width * scale);
  const scaledHeight = Math.round(height * scale);
  let pipeline = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  })
    .extract({ left: box.left, top: box.top, width, height })
    .greyscale()
    .resize(scaledWidth, scaledHeight, { kernel: 'cubic' });
  if (rotate) pipeline = sharp(await pipeline.png().toBuffer()).rotate(90);
  const png = await pipeline
    .extend({ top: PAD, bottom: PAD, left: PAD, right: PAD, background: '#ffffff' })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const words = await engine.recognize(png, options);
  return words.map((word) => {
    const unpad = {
      left: word.box.left - PAD,
      top: word.box.top - PAD,
      right: word.box.right - PAD,
      bottom: word.box.bottom - PAD,
    };
    // A clockwise quarter turn maps crop (x, y) to rotated (H - y, x).
    const inCrop = rotate
      ? {
          left: unpad.top,
          right: unpad.bottom,
          top: scaledHeight - unpad.right,
          bottom: scaledHeight - unpad.left,
        }
      : unpad;
    return {
      ...word,
      box: {
        left: box.left + inCrop.left / scale,
        top: box.top + inCrop.top / scale,
        right: box.left + inCrop.right / scale,
        bottom: box.top + inCrop.bottom / scale,
      },
    };
  });
}

/** Words in tesseract's reading order, joined; null when nothing was read with confidence. */
function joinWords(words: Word[]): string | null {
  const text = words
    .filter((word) => word.confidence > 30)
    .map((word) => word.text)
    .join(' ')
    .trim();
  return text === '' ? null : text;
}

/** Gaps narrower than this share of the text height are inside one x tick label. */
const LABEL_GAP = 0.6;
/** A glyph whose bottom is this share of the label height above the label's bottom is raised. */
const RAISED = 0.3;
/** Empty lines (px) between two labels in the stacked image. */
const STACK_GAP = 24;

/** Splits a band of tick labels into one box per label, from the ink profile across it. */
export function splitLabels(
  image: Raster,
  page: Rgb,
  band: Box,
  axis: 'x' | 'y',
  textHeight: number,
): Box[] {
  const box = clampBox(band, image);
  const lines =
    axis === 'x' ? range(box.left, box.right - 1, 1) : range(box.top, box.bottom - 1, 1);
  const across: [number, number] = axis === 'x' ? [box.top, box.bottom] : [box.left, box.right];
  const profile = profileOf(image, page, lines, across, axis === 'x' ? 'column' : 'row');
  const gap = axis === 'x' ? Math.max(2, Math.round(textHeight * LABEL_GAP)) : 1;
  return findRuns(profile, gap).map((part) => {
    const from = lines[part.from];
    const to = lines[part.to] + 1;
    return tighten(
      image,
      page,
      axis === 'x'
        ? { left: from, right: to, top: box.top, bottom: box.bottom }
        : { left: box.left, right: box.right, top: from, bottom: to },
    );
  });
}

/** Shrinks a box to the ink inside it. */
function tighten(image: Raster, page: Rgb, box: Box): Box {
  let left = box.right;
  let right = box.left;
  let top = box.bottom;
  let bottom = box.top;
  for (let row = box.top; row < box.bottom; row++) {
    for (let column = box.left; column < box.right; column++) {
      if (channelDistance(image.data, (row * image.width + column) * 3, page) > INK) {
        left = Math.min(left, column);
        right = Math.max(right, column + 1);
        top = Math.min(top, row);
        bottom = Math.max(bottom, row + 1);
      }
    }
  }
  return right > left ? { left, right, top, bottom } : box;
}

/**
 * Splits a label into its base and a raised exponent (`10` and `-3` of 10^-3), from where
 * the glyphs' bottoms jump up at the end of the label. Returns null when nothing is raised.
 */
function splitExponent(image: Raster, page: Rgb, label: Box): { base: Box; exponent: Box } | null {
  const height = label.bottom - label.top;
  const bottoms: number[] = [];
  for (let column = label.left; column < label.right; column++) {
    let lowest = -1;
    for (let row = label.bottom - 1; row >= label.top && lowest < 0; row--) {
      if (channelDistance(image.data, (row * image.width + column) * 3, page) > INK) lowest = row;
    }
    bottoms.push(lowest);
  }
  const raisedBelow = label.bottom - height * RAISED;
  let split = bottoms.length;
  while (split > 0 && (bottoms[split - 1] < 0 || bottoms[split - 1] < raisedBelow)) split--;
  // An exponent is a glyph group of its own: it starts after an empty column. The raised
  // columns before that belong to the base (the curve of a 0, the overhang of a 7's bar).
  while (split < bottoms.length && bottoms[split] >= 0) split++;
  const raised = bottoms.slice(split).filter((b) => b >= 0);
  if (split === 0 || raised.length < 2) return null;
  const base = tighten(image, page, { ...label, right: label.left + split });
  const exponent = tighten(image, page, { ...label, left: label.left + split });
  return { base, exponent };
}

export interface ReadLabelsOptions {
  /** Characters tesseract may output. @default TICK_WHITELIST */
  whitelist?: string;
  /** Read raised exponents apart (10^-3). @default true */
  exponents?: boolean;
  /** Joins the words of one label. @default '' (tick labels have no spaces) */
  separator?: string;
}

/**
 * OCR of many small labels in one engine call: each label (and each raised exponent) is cut
 * out, scaled to a common glyph height and stacked on its own line. A lone digit, which
 * sparse-text mode drops, is read reliably this way. Returns one string per label, `^`
 * joining base and exponent.
 */
export async function readLabels(
  engine: OcrEngine,
  image: Raster,
  labels: Box[],
  page: Rgb,
  { whitelist = TICK_WHITELIST, exponents = true, separator = '' }: ReadLabelsOptions = {},
): Promise<string[]> {
  if (labels.length === 0) return [];
  const pieces: { label: number; part: 'base' | 'exponent'; box: Box }[] = [];
  labels.forEach((label, index) => {
    const split = exponents ? splitExponent(image, page, label) : null;
    if (split) {
      pieces.push({ label: index, part: 'base', box: split.base });
      pieces.push({ label: index, part: 'exponent', box: split.exponent });
    } else {
      pieces.push({ label: index, part: 'base', box: label });
    }
  });
  const source = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  });
  const lineHeight = TARGET_TEXT_HEIGHT;
  const tiles = await Promise.all(
    pieces.map(async ({ box }) => {
      const width = box.right - box.left;
      const height = box.bottom - box.top;
      const scale = Math.min(MAX_SCALE * 2, lineHeight / Math.max(1, height));
      const tileWidth = Math.max(1, Math.round(width * scale));
      const tileHeight = Math.max(1, Math.round(height * scale));
      const input = await source
        .clone()
        .extract({ left: box.left, top: box.top, width, height })
        .greyscale()
        .resize(tileWidth, tileHeight, { kernel: 'cubic' })
        .png()
        .toBuffer();
      return { input, width: tileWidth, height: tileHeight };
    }),
  );
  let top = PAD;
  const tops: number[] = [];
  const composites = tiles.map((tile) => {
    tops.push(top);
    const placed = { input: tile.input, left: PAD * 2, top };
    top += tile.height + STACK_GAP;
    return placed;
  });
  const canvasWidth = Math.max(...tiles.map((tile) => tile.width)) + PAD * 4;
  const png = await sharp({
    create: { width: canvasWidth, height: top + PAD, channels: 3, background: '#ffffff' },
  })
    .composite(composites)
    .greyscale()
    .png({ compressionLevel: 1 })
    .toBuffer();
  const words = await engine.recognize(png, { psm: 6, whitelist });
  const texts = pieces.map(() => [] as Word[]);
  for (const word of words) {
    const middle = (word.box.top + word.box.bottom) / 2;
    const line = tops.findIndex(
      (t, i) => middle >= t - STACK_GAP / 2 && middle < t + tiles[i].height + STACK_GAP / 2,
    );
    if (line >= 0) texts[line].push(word);
  }
  const out = labels.map(() => ({ base: '', exponent: '' }));
  pieces.forEach((piece, i) => {
    const text = texts[i]
      .sort((a, b) => a.box.left - b.box.left)
      .map((word) => word.text)
      .join(separator);
    out[piece.label][piece.part] = text;
  });
  return out.map(({ base, exponent }) => (exponent ? `${base}^${exponent}` : base));
}

/**
 * Reads the tick labels, title and axis labels around the plot: finds the bands of text on
 * each side from ink profiles, then OCRs each band once. Bands across `legend` are skipped.
 */
export async function readChartText(
  image: Raster,
  plot: PlotArea,
  engine: OcrEngine,
  /** A legend outside the plot: its text is not a title or an axis label. */
  legend: Box | null = null,
): Promise<ChartText> {
  const { page } = plot;
  const { width, height } = image;
  const marginX = width * 0.04;
  const below = range(plot.outsideX + 1, height - 1, 1);
  // Only between the axis ends: the lowest y tick label hangs below the x axis, left of it,
  // and would pass for a thin first band. The x tick labels at the ends are half inside.
  const belowProfile = profileOf(image, page, below, [plot.left, plot.right], 'row');
  // The x tick labels' height sets the gap that separates bands; a first pass finds it.
  const firstBand = findRuns(belowProfile, 1, MIN_BAND)[0];
  const textHeight = firstBand ? firstBand.to - firstBand.from + 1 : Math.max(8, height / 50);
  const gap = Math.max(2, Math.round(textHeight * BAND_GAP));
  const belowBands = findRuns(belowProfile, gap, MIN_BAND).map((band) => ({
    from: below[band.from],
    to: below[band.to] + 1,
  }));
  const xTickBand = belowBands[0];

  const leftward = range(plot.outsideY - 1, 0, -1);
  const leftBands = findRuns(
    profileOf(image, page, leftward, [plot.top - textHeight / 2, plot.bottom + 2], 'column'),
    gap,
    MIN_BAND,
  ).map((band) => ({ from: leftward[band.to], to: leftward[band.from] + 1 }));

  const above = range(Math.floor(plot.top) - 1, 0, -1);
  const aboveProfile = profileOf(image, page, above, [plot.left, plot.right], 'row');
  // Skip the top frame line and its ticks: with a wide gap they would merge with the title.
  const frameRows = Math.max(0, aboveProfile.indexOf(0));
  aboveProfile.fill(0, 0, frameRows);
  const aboveBands = findRuns(aboveProfile, gap, MIN_BAND)
    .map((band) => ({ from: above[band.to], to: above[band.from] + 1 }))
    .filter((band) => !legend || band.to <= legend.top || band.from >= legend.bottom);

  const pad = 2;
  const jobs: Promise<Word[]>[] = [];
  const read = (box: Box, options: RecognizeOptions & { textHeight: number; rotate?: boolean }) =>
    readRegion(engine, image, box, options);
  const xTickBox = xTickBand && {
    left: plot.left - marginX * 2,
    right: plot.right + marginX * 2,
    top: xTickBand.from,
    bottom: xTickBand.to,
  };
  const yTickBand = leftBands[0];
  const yTickBox = yTickBand && {
    left: yTickBand.from,
    right: yTickBand.to,
    top: plot.top - textHeight,
    bottom: Math.min(plot.bottom + textHeight / 2 + 1, plot.outsideX),
  };
  const tickLabels = [
    ...(xTickBox ? splitLabels(image, page, xTickBox, 'x', textHeight) : []).map((box) => ({
      axis: 'x',
      box,
    })),
    ...(yTickBox ? splitLabels(image, page, yTickBox, 'y', textHeight) : []).map((box) => ({
      axis: 'y',
      box,
    })),
  ];
  const tickTexts = readLabels(
    engine,
    image,
    tickLabels.map((label) => label.box),
    page,
  );
  const titleBand = aboveBands[0];
  jobs.push(
    titleBand
      ? read(
          { left: 0, right: width, top: titleBand.from - pad, bottom: titleBand.to + pad },
          { textHeight: titleBand.to - titleBand.from, psm: 7 },
        )
      : Promise.resolve([]),
  );
  const xLabelBand = belowBands[1];
  jobs.push(
    xLabelBand
      ? read(
          {
            left: plot.left - marginX,
            right: plot.right + marginX,
            top: xLabelBand.from - pad,
            bottom: xLabelBand.to + pad,
          },
          { textHeight: xLabelBand.to - xLabelBand.from, psm: 7 },
        )
      : Promise.resolve([]),
  );
  const yLabelBand = leftBands[1];
  jobs.push(
    yLabelBand
      ? read(
          {
            left: yLabelBand.from - pad,
            right: yLabelBand.to + pad,
            top: plot.top,
            bottom: plot.bottom,
          },
          { textHeight: yLabelBand.to - yLabelBand.from, psm: 7, rotate: true },
        )
      : Promise.resolve([]),
  );
  const [title, xLabel, yLabel] = await Promise.all(jobs);
  const texts = await tickTexts;
  const tickWords = (axis: string): Word[] =>
    tickLabels.flatMap((label, i) =>
      label.axis === axis ? [{ text: texts[i], box: label.box, confidence: 100 }] : [],
    );
  return {
    xTickWords: tickWords('x'),
    yTickWords: tickWords('y'),
    title: joinWords(title),
    xLabel: joinWords(xLabel),
    yLabel: joinWords(yLabel),
  };
}
