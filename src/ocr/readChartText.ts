import sharp from 'sharp';
import { parseAxisMultiplier, parseTickLabel } from '../calibrate/parseTick.js';
import { channelDistance, type Rgb } from '../color.js';
import { findRuns } from '../math.js';
import type { Box, PlotArea, Raster, Word, WordSymbol } from '../types.js';
import type { OcrEngine } from './engine.js';
import { readTickGlyphs } from './readTickGlyphs.js';
import { scaleTile } from './scaleTile.js';
import { settleCapitalI } from './settleLetters.js';
import { INK, splitExponent, tighten } from './splitExponent.js';

/** Tesseract reads words best with glyphs about this tall (px)... */
const TARGET_TEXT_HEIGHT = 40;
/** ...and digits (with a whitelist) as well at this height, in less time. */
const TICK_TEXT_HEIGHT = 32;
/** Crops are never scaled more than this (bigger only blurs). */
const MAX_SCALE = 4;
/** White border added around a crop: tesseract needs a margin to find text lines. */
const PAD = 12;
/** Ink runs closer than this share of the text height belong to one band (gaps in "0.45"). */
const BAND_GAP = 0.35;
/** Text bands are at least this many px thick (thinner ink is a rule or a tick). */
const MIN_BAND = 3;
/** Text at least this dark (0..255) is black: its box already holds its faint edges... */
const BLACK_TEXT = 60;
/** ...else a legend entry's text box is grown by this share of its height before it is read. */
const LEGEND_TEXT_MARGIN = 0.25;
/** Title and label words read with less confidence (0..100) are noise, not text. */
const MIN_TEXT_CONFIDENCE = 30;
/** Characters a tick label can hold. */
export const TICK_WHITELIST = '0123456789.,-−–+%kKMBGe×x^()';

/** The text around the plot: tick labels as words with boxes, and the single-line texts. */
export interface ChartText {
  xTickWords: Word[];
  yTickWords: Word[];
  title: string | null;
  xLabel: string | null;
  yLabel: string | null;
  /** The text of each legend entry, in the order given. */
  legendNames: string[];
  /** The factor an axis multiplier printed at the axis end (`1e6`) applies; 1 when none. */
  xMultiplier: number;
  yMultiplier: number;
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

/** An axis multiplier's outer edge is within this many text heights of the axis end... */
const AXIS_END_REACH = 3;
/** ...and at most this many text heights wide (`×10^3`). */
const AXIS_END_WIDTH = 5;

/**
 * A short piece of text standing apart at one end of a band, within reach of an axis end
 * (`end`, a pixel column): where matplotlib prints an axis multiplier. Null when there is none
 * or when it is the band's only text (then it is a title or a label).
 */
function axisEnd(
  image: Raster,
  page: Rgb,
  band: Box,
  textHeight: number,
  end: number,
  which: 'first' | 'last',
): Box | null {
  const parts = splitLabels(image, page, band, 'x', textHeight * 2);
  if (parts.length < 2) return null;
  const part = which === 'last' ? parts.at(-1)! : parts[0];
  // matplotlib aligns the x multiplier's right edge with the axis end, the y one's left edge.
  const edge = which === 'last' ? part.right : part.left;
  const near = Math.abs(edge - end) < AXIS_END_REACH * textHeight;
  const short = part.right - part.left < AXIS_END_WIDTH * textHeight;
  return near && short ? part : null;
}

/** The factor of an axis multiplier's text, or 1. */
function multiplierOf(text: string | undefined): number {
  return (text && parseAxisMultiplier(text)) || 1;
}

/** Gaps narrower than this share of the text height are inside one x tick label. */
const LABEL_GAP = 0.6;
/** The stacked image's background (greyscale). */
const WHITE = 255;
/** Empty lines (px) between two labels in the stacked image. */
const STACK_GAP = 16;

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

/** The darkest value (the largest channel, 0..255) of the pixels in `box`. */
function darkestIn({ data, width }: Raster, box: Box): number {
  let darkest = 255;
  for (let row = box.top; row < box.bottom; row++) {
    for (let o = (row * width + box.left) * 3; o < (row * width + box.right) * 3; o += 3) {
      darkest = Math.min(darkest, Math.max(data[o], data[o + 1], data[o + 2]));
    }
  }
  return darkest;
}

/** A box of text to read; `rotate` for text reading bottom to top (a y axis label). */
export type Label = Box & { rotate?: boolean };

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
    glyphHeight = TARGET_TEXT_HEIGHT,
  }: ReadLabelsOptions = {},
): Promise<LabelReading[]> {
  if (labels.length === 0) return [];
  const pieces: { label: number; part: 'base' | 'exponent'; box: Box; rotate: boolean }[] = [];
  labels.forEach((label, index) => {
    const rotate = label.rotate ?? false;
    const split = exponents && !rotate ? splitExponent(image, page, label) : null;
    if (split) {
      pieces.push({ label: index, part: 'base', box: split.base, rotate });
      pieces.push({ label: index, part: 'exponent', box: split.exponent, rotate });
    } else {
      pieces.push({ label: index, part: 'base', box: label, rotate });
    }
  });
  const tiles = pieces.map(({ box, rotate }) => {
    const width = box.right - box.left;
    const height = box.bottom - box.top;
    // A rotated label (the y label) is read after a clockwise quarter turn.
    const [across, along] = rotate ? [width, height] : [height, width];
    const scale = Math.min(MAX_SCALE * 2, glyphHeight / Math.max(1, across));
    return scaleTile(image, box, {
      width: Math.max(1, Math.round(along * scale)),
      height: Math.max(1, Math.round(across * scale)),
      rotate,
    });
  });
  let top = PAD;
  const tops: number[] = [];
  for (const tile of tiles) {
    tops.push(top);
    top += tile.height + STACK_GAP;
  }
  const canvasWidth = Math.max(...tiles.map((tile) => tile.width)) + PAD * 4;
  const canvasHeight = top + PAD;
  const canvas = new Uint8Array(canvasWidth * canvasHeight).fill(WHITE);
  tiles.forEach((tile, i) => {
    for (let row = 0; row < tile.height; row++) {
      const from = row * tile.width;
      canvas.set(
        tile.data.subarray(from, from + tile.width),
        (tops[i] + row) * canvasWidth + PAD * 2,
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
      (t, i) => middle >= t - STACK_GAP / 2 && middle < t + tiles[i].height + STACK_GAP / 2,
    );
    if (line >= 0) texts[line].push(word);
  }
  const out = labels.map(() => ({
    base: '',
    exponent: '',
    confidence: 100,
    symbols: [] as WordSymbol[],
  }));
  pieces.forEach((piece, i) => {
    // A doubtful word beside others is noise (a tick mark read as 'oe'); alone, it is the
    // best reading there is.
    const line = (
      texts[i].length > 1 ? texts[i].filter((w) => w.confidence >= minConfidence) : texts[i]
    ).sort((a, b) => a.box.left - b.box.left);
    const reading = out[piece.label];
    reading[piece.part] = line.map((word) => word.text).join(separator);
    reading.confidence = Math.min(reading.confidence, ...line.map((word) => word.confidence));
    if (line.length === 0) reading.confidence = 0;
    if (!piece.rotate) {
      // Back from the stacked image to the image's pixels.
      const { box } = piece;
      const sx = tiles[i].width / (box.right - box.left);
      const sy = tiles[i].height / (box.bottom - box.top);
      const toImage = ({ left, top, right, bottom }: Box): Box => ({
        left: box.left + (left - PAD * 2) / sx,
        right: box.left + (right - PAD * 2) / sx,
        top: box.top + (top - tops[i]) / sy,
        bottom: box.top + (bottom - tops[i]) / sy,
      });
      for (const word of line) {
        for (const symbol of word.symbols ?? []) {
          reading.symbols.push({ text: symbol.text, box: toImage(symbol.box) });
        }
      }
    }
  });
  return out.map(({ base, exponent, confidence, symbols }) => ({
    text: exponent ? `${base}^${exponent}` : base,
    confidence,
    symbols,
  }));
}

/**
 * Reads tick labels: the glyph recogniser (`readTickGlyphs`), and tesseract, in one call, for
 * the labels it reads nothing in or nothing that is a number (and for all of them when the
 * engine has no glyph model). A doubtful glyph reading is kept with its doubt: tesseract,
 * asked again, was wrong more often than it on the stress set. Returns each label's text and
 * confidence (0..100).
 */
async function readTicks(
  engine: OcrEngine,
  image: Raster,
  labels: { axis: string; box: Box }[],
  page: Rgb,
): Promise<{ text: string; confidence: number }[]> {
  const glyphs = engine.glyphs
    ? readTickGlyphs(
        engine.glyphs,
        image,
        labels.map(({ axis, box }) => ({ group: axis, box })),
        page,
      )
    : labels.map(() => null);
  const out = glyphs.map((reading) => ({
    text: reading?.text ?? '',
    confidence: (reading?.confidence ?? 0) * 100,
  }));
  const unread = labels.flatMap((_, i) =>
    parseTickLabel(out[i].text) || parseAxisMultiplier(out[i].text) ? [] : [i],
  );
  const read = await readLabels(
    engine,
    image,
    unread.map((i) => labels[i].box),
    page,
    { glyphHeight: TICK_TEXT_HEIGHT },
  );
  unread.forEach((i, k) => {
    if (read[k].text !== '') out[i] = read[k];
  });
  return out;
}

/**
 * Reads the tick labels, title and axis labels around the plot: finds the bands of text on
 * each side from ink profiles, then OCRs each band once. Bands across `legend` are skipped.
 */
export async function readChartText(
  image: Raster,
  plot: PlotArea,
  engine: OcrEngine,
  /** The legend: its box (text there is not a title or an axis label) and its entries' text. */
  legend: { box: Box; texts: Box[] } | null = null,
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
  // The x tick labels are the first band: an empty row ends them, however close the x label
  // below (4 pt under labels with commas' tails, at 72 dpi, is less than the band gap).
  if (firstBand) belowProfile.fill(0, firstBand.from, firstBand.to + 1);
  const belowBands = [
    ...(firstBand ? [firstBand] : []),
    ...findRuns(belowProfile, gap, MIN_BAND),
  ].map((band) => ({ from: below[band.from], to: below[band.to] + 1 }));
  const xTickBand = belowBands[0];

  const leftward = range(plot.outsideY - 1, 0, -1);
  const yLabelRows: [number, number] = [plot.top - textHeight / 2, plot.bottom + 2];
  const leftBands = findRuns(
    profileOf(image, page, leftward, yLabelRows, 'column'),
    gap,
    MIN_BAND,
  ).map((band) => ({ from: leftward[band.to], to: leftward[band.from] + 1 }));
  // Thousands grouped by a space (`2 000`) leave a gap in the y tick labels as wide as the
  // one before the y label: a band whose ink lies only beside two or more tick labels is the
  // start of those labels, not the y label.
  while (leftBands.length > 1) {
    const labels = splitLabels(
      image,
      page,
      {
        left: leftBands[0].from,
        right: leftBands[0].to,
        top: yLabelRows[0],
        bottom: yLabelRows[1],
      },
      'y',
      textHeight,
    );
    const rows = range(Math.ceil(yLabelRows[0]), Math.floor(yLabelRows[1]), 1);
    const ink = profileOf(image, page, rows, [leftBands[1].from, leftBands[1].to], 'row');
    const beside = new Set<number>();
    const inside = rows.every((row, i) => {
      if (ink[i] === 0) return true;
      const label = labels.findIndex((box) => row >= box.top - 1 && row < box.bottom + 1);
      beside.add(label);
      return label >= 0;
    });
    if (!inside || beside.size < 2) break;
    leftBands.splice(0, 2, { from: leftBands[1].from, to: leftBands[0].to });
  }

  const above = range(Math.floor(plot.top) - 1, 0, -1);
  const aboveProfile = profileOf(image, page, above, [plot.left, plot.right], 'row');
  // Skip the top frame line and its ticks: with a wide gap they would merge with the title.
  const frameRows = Math.max(0, aboveProfile.indexOf(0));
  aboveProfile.fill(0, 0, frameRows);
  const aboveBands = findRuns(aboveProfile, gap, MIN_BAND)
    .map((band) => ({ from: above[band.to], to: above[band.from] + 1 }))
    .filter((band) => !legend || band.to <= legend.box.top || band.from >= legend.box.bottom);

  const pad = 2;
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
  const tickLabels: { axis: string; box: Box }[] = [
    ...(xTickBox ? splitLabels(image, page, xTickBox, 'x', textHeight) : []).map((box) => ({
      axis: 'x',
      box,
    })),
    ...(yTickBox ? splitLabels(image, page, yTickBox, 'y', textHeight) : []).map((box) => ({
      axis: 'y',
      box,
    })),
  ];
  // An axis multiplier (matplotlib's offset text, `1e6`) stands apart at the end of its axis:
  // for x, right of the x label; for y, above the plot's top-left corner. It is read with the
  // tick labels.
  const xLabelBox = belowBands[1] && {
    left: plot.left - marginX,
    right: plot.right + marginX,
    top: belowBands[1].from - pad,
    bottom: belowBands[1].to + pad,
  };
  const xOffset = xLabelBox
    ? axisEnd(image, page, xLabelBox, textHeight, plot.right, 'last')
    : null;
  const titleBox = aboveBands[0] && {
    left: 0,
    right: width,
    top: aboveBands[0].from - pad,
    bottom: aboveBands[0].to + pad,
  };
  const yOffset = titleBox ? axisEnd(image, page, titleBox, textHeight, plot.left, 'first') : null;
  if (xLabelBox && xOffset) xLabelBox.right = xOffset.left - 1;
  if (titleBox && yOffset) titleBox.left = yOffset.right + 1;
  if (xOffset) tickLabels.push({ axis: 'xOffset', box: xOffset });
  if (yOffset) tickLabels.push({ axis: 'yOffset', box: yOffset });

  // The single-line texts, read together in one call: title, axis labels, legend entries.
  const lines: (Label | null)[] = [
    titleBox && titleBox.right - titleBox.left > 1 ? titleBox : null,
    xLabelBox && xLabelBox.right - xLabelBox.left > 1 ? xLabelBox : null,
    leftBands[1]
      ? {
          left: leftBands[1].from - pad,
          right: leftBands[1].to + pad,
          top: plot.top,
          bottom: plot.bottom,
          rotate: true,
        }
      : null,
    // A legend entry's box holds its dark rows: the faint edges of grey text (Chart.js) lie
    // just outside it.
    ...(legend?.texts ?? []).map((box) => {
      if (darkestIn(image, box) <= BLACK_TEXT) return box;
      const margin = Math.max(1, Math.round((box.bottom - box.top) * LEGEND_TEXT_MARGIN));
      return {
        left: box.left - 1,
        right: box.right + margin,
        top: box.top - margin,
        bottom: box.bottom + margin,
      };
    }),
  ];
  const present = lines.flatMap((line) =>
    line ? [{ ...tighten(image, page, clampBox(line, image)), rotate: line.rotate }] : [],
  );
  const [texts, read] = await Promise.all([
    readTicks(engine, image, tickLabels, page),
    readLabels(engine, image, present, page, {
      whitelist: '',
      exponents: false,
      separator: ' ',
      minConfidence: MIN_TEXT_CONFIDENCE,
    }),
  ]);
  let next = 0;
  const settled = settleCapitalI(image, page, read);
  const lineTexts = lines.map((line) => (line ? settled[next++].trim() || null : null));
  const tickWords = (axis: string): Word[] =>
    tickLabels.flatMap((label, i) =>
      label.axis === axis ? [{ ...texts[i], box: label.box }] : [],
    );
  const multiplier = (axis: string) => multiplierOf(tickWords(axis)[0]?.text);
  return {
    xTickWords: tickWords('x'),
    yTickWords: tickWords('y'),
    xMultiplier: multiplier('xOffset'),
    yMultiplier: multiplier('yOffset'),
    title: lineTexts[0],
    xLabel: lineTexts[1],
    yLabel: lineTexts[2],
    legendNames: lineTexts.slice(3).map((text) => text ?? ''),
  };
}
