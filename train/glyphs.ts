/**
 * Trains the tick-label glyph recogniser (`src/ocr/glyphs.ts`) and writes
 * `models/tick-glyphs.json`:
 *
 *   npx tsx train/glyphs.ts [--hold-out FONT,FONT] [--out FILE] [--epochs N]
 *
 * 1. Random tick labels (numbers with signs, decimals, grouping, `%`, `k`/`M`, `1e-3`, `×10`,
 *    exponents) are drawn in many fonts and sizes (cap height 4.5 to 24 px), by matplotlib's
 *    Agg (`render_sheet.py`, /usr/bin/python3) and by librsvg (SVG through sharp), in black and
 *    in greys, half of the sheets also as JPEG (quality 50 to 95).
 * 2. Each label is drawn again cut after each character: where the ink grows from one prefix to
 *    the next is where that character's glyph lies.
 * 3. The label is cut as the recogniser cuts it (`cutCandidates`); the pieces that match a
 *    glyph are examples of its character, the others (two glyphs, part of one) of JUNK.
 * 4. A perceptron (features -> 128 -> 64 -> classes, ReLU) is trained with Adam on them.
 *
 * Deterministic (seeded, no threads) for a given set of fonts, matplotlib and librsvg.
 * `--hold-out` leaves fonts out (names as in FONTS below), to measure the recogniser on fonts
 * it never saw.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import {
  cutCandidates,
  EXTRA_FEATURES,
  FEATURES,
  GRID_COLUMNS,
  GRID_ROWS,
  glyphFeatures,
  trimColumns,
} from '../src/ocr/glyphFeatures.js';
import { encodeGlyphModel } from '../src/ocr/glyphModel.js';
import { classify, type GlyphModel, JUNK, type Layer, MAX_GLYPH_WIDTH } from '../src/ocr/glyphs.js';
import { INK_ON, inkOf, lineGeometry, type Pixels } from '../src/ocr/inkImage.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const PYTHON = '/usr/bin/python3';

/** The classes, JUNK last. `×` stands for `x` too, `-` for `−` and `–`. */
export const CLASSES = [...'0123456789.,-+%kKMBGeE×', JUNK];
const CLASS_OF: Record<string, string> = { '−': '-', '–': '-', x: '×' };

interface TrainFont {
  name: string;
  family: string;
  renderer: 'matplotlib' | 'svg';
  /** The font whose cap height ratio sets the sizes (what fontconfig resolves the family to). */
  resolved?: string;
  /** The font has no U+2212: a hyphen is drawn instead. */
  noMinus?: boolean;
}

const MPL = (name: string, family: string, extra: Partial<TrainFont> = {}): TrainFont => ({
  name: `mpl-${name}`,
  family,
  renderer: 'matplotlib',
  ...extra,
});
const SVG = (name: string, family: string, extra: Partial<TrainFont> = {}): TrainFont => ({
  name: `svg-${name}`,
  family,
  renderer: 'svg',
  ...extra,
});

export const FONTS: TrainFont[] = [
  MPL('dejavu', 'DejaVu Sans'),
  MPL('dejavu-serif', 'DejaVu Serif'),
  MPL('dejavu-mono', 'DejaVu Sans Mono'),
  MPL('liberation-sans', 'Liberation Sans'),
  MPL('liberation-serif', 'Liberation Serif'),
  MPL('liberation-narrow', 'Liberation Sans Narrow'),
  MPL('nimbus-sans', 'Nimbus Sans'),
  MPL('nimbus-roman', 'Nimbus Roman'),
  MPL('nimbus-narrow', 'Nimbus Sans Narrow'),
  MPL('cm', 'cm'),
  MPL('carlito', 'Carlito'),
  MPL('caladea', 'Caladea'),
  MPL('freesans', 'FreeSans'),
  MPL('freeserif', 'FreeSerif'),
  MPL('urw-gothic', 'URW Gothic'),
  MPL('p052', 'P052'),
  MPL('c059', 'C059'),
  MPL('roboto', 'Roboto'),
  MPL('roboto-condensed', 'Roboto Condensed'),
  MPL('open-sans', 'Open Sans'),
  MPL('lato', 'Lato'),
  MPL('noto-sans', 'Noto Sans', { noMinus: true }),
  SVG('dejavu', 'DejaVu Sans'),
  SVG('dejavu-serif', 'DejaVu Serif'),
  SVG('liberation-sans', 'Liberation Sans'),
  SVG('liberation-serif', 'Liberation Serif'),
  SVG('nimbus-sans', 'Nimbus Sans'),
  SVG('nimbus-roman', 'Nimbus Roman'),
  SVG('noto-sans', 'Noto Sans'),
  SVG('roboto', 'Roboto'),
  SVG('open-sans', 'Open Sans'),
  SVG('lato', 'Lato'),
  SVG('carlito', 'Carlito'),
  SVG('freesans', 'FreeSans'),
  SVG('urw-gothic', 'URW Gothic'),
];

/** Labels drawn per font. */
const LABELS_PER_FONT = 420;
/** Cap heights (px) drawn: most small, where reading is hard. */
const CAP_RANGES: [number, number, number][] = [
  // [share, from, to]
  [0.45, 4.5, 8],
  [0.35, 8, 13],
  [0.2, 13, 24],
];
const GREYS = ['#000000', '#000000', '#000000', '#262626', '#444444', '#666666'];
/** A piece matches a glyph when its ends are within this many px of the glyph's, in all. */
const MATCH_PX = 1.5;
/** A piece is junk when it misses every glyph by more than this many px (or cap heights). */
const JUNK_PX = 2;
const JUNK_CAPS = 0.3;
/** The most junk examples kept per label that are parts of glyphs. */
const JUNK_PER_LABEL = 2;

let state = 1;
function seed(value: number): void {
  state = value;
}
/** A linear congruential generator: repeatable without a dependency. */
function random(): number {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const digits = (n: number, first = '123456789') =>
  pick([...first]) + Array.from({ length: n - 1 }, () => pick([...'0123456789'])).join('');

/** One random tick label, in the shapes renderers print. */
function randomLabel(): string {
  const r = random();
  const sign = () => pick(['', '', '', '', '−', '-', '+'].slice(0, r < 0.9 ? 6 : 7));
  if (r < 0.1) {
    // A raised exponent, read apart from its base: `^` draws it raised (Unicode superscripts
    // in SVG, mathtext in matplotlib), else as plain text.
    const raised = random() < 0.6 ? '^' : '';
    return (
      raised + pick(['', '', '−', '-', '+']) + digits(1 + Math.floor(random() * 2), '0123456789')
    );
  }
  if (r < 0.14)
    return pick([
      '10',
      '1×10',
      '2×10',
      '5×10',
      `${digits(1)}.${digits(1, '0123456789')}×10`,
      '1x10',
    ]);
  if (r < 0.24) {
    const mantissa =
      random() < 0.5
        ? digits(1, '0123456789')
        : `${digits(1)}.${digits(1 + Math.floor(random() * 2), '0123456789')}`;
    const exponent =
      pick(['-', '+', '−', '']) + (random() < 0.6 ? '0' : '') + digits(1, '0123456789');
    return `${sign()}${mantissa}${pick(['e', 'e', 'E'])}${exponent}`;
  }
  const whole = random() < 0.25 ? '0' : digits(1 + Math.floor(random() * (random() < 0.3 ? 7 : 4)));
  let text = whole;
  if (whole.length >= 4 && random() < 0.5) {
    const separator = pick([',', ',', ',', ' ', '.', '\u2009']);
    text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }
  if (random() < 0.5 && !text.includes('.')) {
    text += `.${digits(1 + Math.floor(random() * 3), '0123456789')}`;
  }
  const suffix = random();
  if (suffix < 0.12) text += '%';
  else if (suffix < 0.24) text += pick(['k', 'k', 'K', 'M', 'M', 'B', 'G']);
  return sign() + text;
}

function capHeightOf(): number {
  let u = random();
  for (const [share, from, to] of CAP_RANGES) {
    if (u < share) return from + random() * (to - from);
    u -= share;
  }
  return 10;
}

/** matplotlib mathtext for a label in Computer Modern (as the stress set draws it). */
function cmText(label: string): string {
  if (label.trim() === '') return '';
  const tex = label
    .replace(/[a-zA-Z]+/g, (letters) => (letters === 'x' ? '\\times ' : `\\mathrm{${letters}}`))
    .replaceAll('−', '-')
    .replaceAll('×', '\\times ')
    .replaceAll(',', '{,}')
    .replaceAll('\u2009', '\\,')
    .replaceAll(' ', '\\ ')
    .replaceAll('%', '\\%')
    .replace(/}-/g, '}{-}')
    .replace(/}\+/g, '}{+}');
  return `$${tex}$`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface Placed {
  label: string;
  cap: number;
  size: number;
  color: string;
  x: number;
  y: number;
  /** Rows between a label's prefixes (px). */
  pitch: number;
  /** Width reserved for it (px). */
  width: number;
  /** Subpixel shift of the label and its prefixes (SVG only: Agg snaps text to pixels). */
  dx: number;
}

interface Sheet {
  font: TrainFont;
  file: string;
  width: number;
  height: number;
  placed: Placed[];
}

const SHEET_WIDTH = 1800;
const SHEET_HEIGHT = 1800;

/** Lays out labels and their prefixes in columns over as many sheets as they need. */
function layOut(
  font: TrainFont,
  labels: { label: string; cap: number; size: number; color: string }[],
): Sheet[] {
  const sheets: Sheet[] = [];
  let sheet: Sheet | null = null;
  let x = 10;
  let y = 0;
  let columnWidth = 0;
  for (const item of labels) {
    const pitch = Math.ceil(item.size * 2.2);
    const width = Math.ceil([...item.label].length * item.size * 0.7 + item.size);
    const height = pitch * ([...item.label].length + 1);
    if (!sheet || y + height > SHEET_HEIGHT - 10) {
      x += columnWidth + 10;
      y = 0;
      columnWidth = 0;
      if (!sheet || x + width > SHEET_WIDTH - 10) {
        sheet = {
          font,
          file: `${font.name}-${sheets.length}.png`,
          width: SHEET_WIDTH,
          height: SHEET_HEIGHT,
          placed: [],
        };
        sheets.push(sheet);
        x = 10;
      }
    }
    sheet.placed.push({
      ...item,
      x,
      y: y + Math.ceil(item.size * 1.5),
      pitch,
      width,
      dx: font.renderer === 'svg' ? random() : 0,
    });
    y += height;
    columnWidth = Math.max(columnWidth, width);
  }
  return sheets;
}

/** The text items of a sheet: each label, then each of its prefixes below it. */
function itemsOf(
  sheet: Sheet,
): { text: string; x: number; y: number; size: number; color: string }[] {
  return sheet.placed.flatMap((placed) => {
    const raised = placed.label.startsWith('^');
    const chars = [...placed.label.replace(/^\^/, '')];
    const drawn = (text: string) => {
      const plain = sheet.font.noMinus ? text.replaceAll('−', '-') : text;
      if (!raised) return sheet.font.family === 'cm' ? cmText(plain) : plain;
      if (sheet.font.renderer === 'svg') return [...text].map((c) => SUPERSCRIPT[c] ?? c).join('');
      const tex = plain.replaceAll('−', '-');
      return sheet.font.family === 'cm' ? `$^{${tex}}$` : `$\\mathdefault{^{${tex}}}$`;
    };
    return [chars.join(''), ...chars.map((_, k) => chars.slice(0, k + 1).join(''))]
      .slice(0, chars.length)
      .map((text, row) => ({
        text: drawn(text),
        x: placed.x + placed.dx,
        y: placed.y + row * placed.pitch,
        size: placed.size,
        color: placed.color,
      }))
      .filter((item) => item.text.trim() !== '' && item.text !== '$$');
  });
}

/** Unicode superscripts, as SVG charts print exponents (`10⁻³`). */
const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '−': '⁻',
  '-': '⁻',
  '+': '⁺',
};

async function greyOfFile(path: string, jpegQuality: number | null): Promise<Pixels> {
  let pipeline = sharp(path).flatten({ background: '#ffffff' });
  if (jpegQuality !== null) {
    const jpeg = await pipeline.jpeg({ quality: jpegQuality }).toBuffer();
    pipeline = sharp(jpeg);
  }
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const out = new Uint8Array(info.width * info.height);
  for (let i = 0, o = 0; i < out.length; i++, o += info.channels) {
    out[i] = Math.round(0.2126 * data[o] + 0.7152 * data[o + 1] + 0.0722 * data[o + 2]);
  }
  return { data: out, width: info.width, height: info.height, channels: 1 };
}

/** The ink (0..1, white page) of a region of a grey image, row-major. */
function regionInk(
  grey: Pixels,
  left: number,
  right: number,
  top: number,
  bottom: number,
  dark: number,
): Float32Array {
  const width = right - left;
  const out = new Float32Array(width * (bottom - top));
  const range = Math.max(1, 255 - dark);
  for (let row = Math.max(0, top); row < Math.min(grey.height, bottom); row++) {
    for (let column = left; column < right; column++) {
      out[(row - top) * width + column - left] = Math.max(
        0,
        (255 - grey.data[row * grey.width + column]) / range,
      );
    }
  }
  return out;
}

/** A grey this far below white is ink (as readChartText's label boxes are cut). */
const BOX_INK = 60;

interface Samples {
  pixels: Uint8Array[];
  extras: Float32Array[];
  classes: number[];
  /** Glyphs no pair of candidate cuts isolates. */
  uncut: number;
  /** Labels left out because their prefixes were drawn elsewhere. */
  misaligned: number;
  glyphs: number;
}

function addLabel(
  samples: Samples,
  sheet: Sheet,
  clean: Pixels,
  image: Pixels,
  placed: Placed,
): void {
  const chars = [...placed.label.replace(/^\^/, '')];
  const top = placed.y - Math.ceil(placed.size * 1.6);
  const bottom = placed.y + Math.ceil(placed.size * 0.6);
  const left = Math.max(0, placed.x - 3);
  const right = Math.min(image.width, placed.x + placed.width + 4);
  // The label's box, cut to its ink as readChartText cuts it.
  let [l, r, t, b] = [right, left, bottom, top];
  for (let row = Math.max(0, top); row < Math.min(image.height, bottom); row++) {
    for (let column = left; column < right; column++) {
      if (255 - image.data[row * image.width + column] > BOX_INK) {
        l = Math.min(l, column);
        r = Math.max(r, column + 1);
        t = Math.min(t, row);
        b = Math.max(b, row + 1);
      }
    }
  }
  if (r <= l) return;
  const box = { left: l, right: r, top: t, bottom: b };
  let dark = 255;
  for (let row = t; row < b; row++) {
    for (let column = l; column < r; column++)
      dark = Math.min(dark, image.data[row * image.width + column]);
  }
  const ink = inkOf(image, box, 255, dark);
  const geometry = lineGeometry(ink);
  if (!geometry) return;
  // Each glyph's columns: where its prefix's ink grows (from the clean drawing) as much as
  // the recogniser counts as ink.
  const rows = bottom - top;
  const prefixInk = chars.map((_, k) => {
    const shift = k === chars.length - 1 ? 0 : (k + 1) * placed.pitch;
    return regionInk(clean, l, r, top + shift, bottom + shift, dark);
  });
  const glyphs: { char: string; from: number; to: number }[] = [];
  let previous: Float32Array = new Float32Array((r - l) * rows);
  chars.forEach((char, k) => {
    const ink = prefixInk[k];
    let from = -1;
    let to = -1;
    for (let column = 0; column < r - l; column++) {
      for (let row = 0; row < rows; row++) {
        const o = row * (r - l) + column;
        if (ink[o] - previous[o] >= INK_ON) {
          if (from < 0) from = column;
          to = column + 1;
          break;
        }
      }
    }
    previous = ink;
    if (char.trim() === '' || char === '\u2009') return;
    if (from >= 0) glyphs.push({ char, from, to });
  });
  if (glyphs.length !== chars.filter((c) => c.trim() !== '' && c !== '\u2009').length) return;
  // A prefix drawn elsewhere than its label (a renderer aligning on ink) leaves no sure glyphs.
  const aligned = glyphs.every(
    (glyph, k) =>
      glyph.to - glyph.from <= MAX_GLYPH_WIDTH * geometry.capHeight + 1 &&
      (k === 0 || (glyph.from >= glyphs[k - 1].from && glyph.to >= glyphs[k - 1].to)),
  );
  if (!aligned) {
    samples.misaligned++;
    return;
  }
  const cuts = cutCandidates(ink, geometry.capHeight);
  const pieces: { from: number; to: number }[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    for (let j = i + 1; j < cuts.length; j++) {
      const trimmed = trimColumns(ink, cuts[i], cuts[j]);
      if (!trimmed) continue;
      if (trimmed[1] - trimmed[0] > MAX_GLYPH_WIDTH * geometry.capHeight + 1) break;
      if (!pieces.some((p) => p.from === trimmed[0] && p.to === trimmed[1])) {
        pieces.push({ from: trimmed[0], to: trimmed[1] });
      }
    }
  }
  const miss = (piece: { from: number; to: number }, glyph: { from: number; to: number }) =>
    Math.abs(piece.from - glyph.from) + Math.abs(piece.to - glyph.to);
  const add = (piece: { from: number; to: number }, cls: string) => {
    const features = glyphFeatures(ink, geometry, piece.from, piece.to);
    const grid = GRID_ROWS * GRID_COLUMNS;
    samples.pixels.push(
      Uint8Array.from(features.subarray(0, grid), (v) => Math.round(Math.min(1, v) * 255)),
    );
    samples.extras.push(features.slice(grid));
    samples.classes.push(CLASSES.indexOf(cls));
  };
  let matched = 0;
  for (const glyph of glyphs) {
    samples.glyphs++;
    let best: { from: number; to: number } | null = null;
    for (const piece of pieces) if (!best || miss(piece, glyph) < miss(best, glyph)) best = piece;
    if (!best || miss(best, glyph) > MATCH_PX) {
      if (process.env.DEBUG_UNCUT) {
        console.log(
          JSON.stringify({
            font: sheet.font.name,
            label: placed.label,
            cap: placed.cap.toFixed(1),
            geometry,
            glyph,
            glyphs: glyphs.map((g) => [g.char, g.from, g.to]),
            cuts,
            best,
          }),
        );
      }
      samples.uncut++;
      continue;
    }
    add(best, CLASS_OF[glyph.char] ?? glyph.char);
    matched++;
  }
  // Junk only from labels whose every glyph was found: elsewhere a glyph could pass for junk.
  if (matched < glyphs.length) return;
  const margin = Math.max(JUNK_PX, JUNK_CAPS * geometry.capHeight);
  const junk = pieces.filter((piece) => glyphs.every((glyph) => miss(piece, glyph) > margin));
  // Pieces holding a glyph and more of its neighbour than a margin are the junk most like a
  // glyph (`1e` read as `e`): as many are kept as the label has glyphs; of the rest (parts
  // of glyphs), a few.
  const holds = (piece: { from: number; to: number }, glyph: { from: number; to: number }) =>
    piece.from <= glyph.from + 1 && piece.to >= glyph.to - 1;
  const merged = junk.filter((piece) => glyphs.some((glyph) => holds(piece, glyph)));
  const parts = junk.filter((piece) => !merged.includes(piece));
  for (let k = 0; k < glyphs.length && merged.length > 0; k++) {
    add(merged.splice(Math.floor(random() * merged.length), 1)[0], JUNK);
  }
  for (let k = 0; k < JUNK_PER_LABEL && parts.length > 0; k++) {
    add(parts.splice(Math.floor(random() * parts.length), 1)[0], JUNK);
  }
}

/** The most and least a class's examples weigh in the loss. */
const MAX_WEIGHT = 4;
const MIN_WEIGHT = 0.5;

/** Adam over a perceptron with ReLU hidden layers and class-weighted softmax cross-entropy. */
function train(samples: Samples, sizes: number[], epochs: number): Layer[] {
  seed(7);
  const layers: Layer[] = sizes.slice(1).map((outputs, i) => {
    const inputs = sizes[i];
    const scale = Math.sqrt(2 / inputs);
    // Box-Muller over the seeded generator: He initialisation.
    const weights = Float32Array.from({ length: inputs * outputs }, () => {
      const u = Math.max(1e-9, random());
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random()) * scale;
    });
    return { inputs, outputs, weights, bias: new Float32Array(outputs) };
  });
  const moments = layers.map((layer) => ({
    mw: new Float32Array(layer.weights.length),
    vw: new Float32Array(layer.weights.length),
    mb: new Float32Array(layer.bias.length),
    vb: new Float32Array(layer.bias.length),
    gw: new Float32Array(layer.weights.length),
    gb: new Float32Array(layer.bias.length),
  }));
  const n = samples.classes.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const validation = new Set(order.filter((i) => i % 20 === 0));
  const trainSet = order.filter((i) => !validation.has(i));
  const input = new Float32Array(FEATURES);
  const load = (i: number) => {
    const pixels = samples.pixels[i];
    for (let k = 0; k < pixels.length; k++) input[k] = pixels[k] / 255;
    input.set(samples.extras[i], pixels.length);
    return input;
  };
  // Rare classes (a comma, `K`) weigh more, common ones (junk) less: sqrt of the imbalance.
  const counts = CLASSES.map((_, c) => samples.classes.filter((k) => k === c).length);
  const typical = [...counts].sort((a, b) => a - b)[counts.length >> 1];
  const weights = counts.map((count) =>
    Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, Math.sqrt(typical / Math.max(1, count)))),
  );
  const batch = 64;
  let step = 0;
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const rate = 0.001 * (epoch >= epochs - 2 ? 0.3 : 1);
    for (let i = trainSet.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [trainSet[i], trainSet[j]] = [trainSet[j], trainSet[i]];
    }
    let loss = 0;
    for (let start = 0; start < trainSet.length; start += batch) {
      for (const m of moments) {
        m.gw.fill(0);
        m.gb.fill(0);
      }
      const end = Math.min(trainSet.length, start + batch);
      for (let s = start; s < end; s++) {
        const index = trainSet[s];
        const activations: Float32Array[] = [Float32Array.from(load(index))];
        layers.forEach((layer, li) => {
          const x = activations[li];
          const out = new Float32Array(layer.outputs);
          for (let o = 0; o < layer.outputs; o++) {
            let sum = layer.bias[o];
            const row = o * layer.inputs;
            for (let k = 0; k < layer.inputs; k++) sum += layer.weights[row + k] * x[k];
            out[o] = li < layers.length - 1 && sum < 0 ? 0 : sum;
          }
          activations.push(out);
        });
        const logits = activations[layers.length];
        let max = Number.NEGATIVE_INFINITY;
        for (const v of logits) max = Math.max(max, v);
        let total = 0;
        const p = logits.map((v) => Math.exp(v - max));
        for (const v of p) total += v;
        const target = samples.classes[index];
        const weight = weights[target];
        let delta: Float32Array = Float32Array.from(
          p,
          (v, k) => (v / total - (k === target ? 1 : 0)) * weight,
        );
        loss -= Math.log(Math.max(1e-12, p[target] / total));
        for (let li = layers.length - 1; li >= 0; li--) {
          const layer = layers[li];
          const x = activations[li];
          const { gw, gb } = moments[li];
          const previous = new Float32Array(layer.inputs);
          for (let o = 0; o < layer.outputs; o++) {
            const d = delta[o];
            if (d === 0) continue;
            gb[o] += d;
            const row = o * layer.inputs;
            for (let k = 0; k < layer.inputs; k++) {
              gw[row + k] += d * x[k];
              previous[k] += d * layer.weights[row + k];
            }
          }
          if (li > 0) for (let k = 0; k < previous.length; k++) if (x[k] <= 0) previous[k] = 0;
          delta = previous;
        }
      }
      step++;
      const scale = 1 / (end - start);
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      layers.forEach((layer, li) => {
        const m = moments[li];
        const update = (
          values: Float32Array,
          g: Float32Array,
          mm: Float32Array,
          vv: Float32Array,
        ) => {
          for (let k = 0; k < values.length; k++) {
            const grad = g[k] * scale;
            mm[k] = beta1 * mm[k] + (1 - beta1) * grad;
            vv[k] = beta2 * vv[k] + (1 - beta2) * grad * grad;
            values[k] -= (rate * (mm[k] / c1)) / (Math.sqrt(vv[k] / c2) + epsilon);
          }
        };
        update(layer.weights, m.gw, m.mw, m.vw);
        update(layer.bias, m.gb, m.mb, m.vb);
      });
    }
    const model: GlyphModel = { classes: CLASSES, layers };
    let right = 0;
    for (const i of validation) {
      const p = classify(model, load(i));
      let top = 0;
      for (let k = 1; k < p.length; k++) if (p[k] > p[top]) top = k;
      if (top === samples.classes[i]) right++;
    }
    console.log(
      `epoch ${epoch + 1}: loss ${(loss / trainSet.length).toFixed(4)}, validation ${((100 * right) / validation.size).toFixed(2)}%`,
    );
  }
  return layers;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) =>
    args.includes(name) ? args[args.indexOf(name) + 1] : fallback;
  const holdOut = new Set(option('--hold-out', '').split(',').filter(Boolean));
  const out = option('--out', join(root, 'models', 'tick-glyphs.json'));
  const epochs = Number(option('--epochs', '14'));
  const perFont = Number(option('--labels', String(LABELS_PER_FONT)));
  const hidden = option('--hidden', '64,32').split(',').map(Number);
  const fonts = FONTS.filter((font) => !holdOut.has(font.family) && !holdOut.has(font.name));
  const samples = await drawSamples(fonts, perFont, option('--work', ''));
  const counts = CLASSES.map((c, i) => `${c}:${samples.classes.filter((k) => k === i).length}`);
  console.log(
    `${samples.classes.length} examples; ${samples.uncut} of ${samples.glyphs} glyphs not isolated by any cut; ${samples.misaligned} labels misaligned`,
  );
  console.log(counts.join(' '));
  const layers = train(samples, [FEATURES, ...hidden, CLASSES.length], epochs);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, encodeGlyphModel({ classes: CLASSES, layers }));
  console.log(`wrote ${out}`);
}

/** Draws the labels of every font and cuts them into examples. */
async function drawSamples(fonts: TrainFont[], perFont: number, keep: string): Promise<Samples> {
  // `--work DIR` keeps the drawn sheets there and draws them only when they are missing.
  const work = keep || mkdtempSync(join(tmpdir(), 'glyphs-'));
  mkdirSync(work, { recursive: true });
  try {
    const families = [...new Set(fonts.map((font) => font.resolved ?? font.family))];
    const caps: Record<string, number> = JSON.parse(
      execFileSync(PYTHON, [join(root, 'bench', 'ticks', 'render_mpl.py'), '--caps', ...families], {
        encoding: 'utf8',
      }),
    );
    const sheets: Sheet[] = [];
    fonts.forEach((font, f) => {
      seed(1000 + f);
      const labels = Array.from({ length: perFont }, () => {
        const cap = capHeightOf();
        const label = randomLabel();
        // An exponent is drawn smaller, as mathtext draws it (0.7), yet read at its own size.
        return {
          label,
          cap,
          size: Math.round((cap / caps[font.resolved ?? font.family]) * 10) / 10,
          color: pick(GREYS),
        };
      });
      sheets.push(...layOut(font, labels));
    });
    const mpl = sheets.filter((sheet) => sheet.font.renderer === 'matplotlib');
    const specFile = join(work, 'sheets.json');
    writeFileSync(
      specFile,
      JSON.stringify(
        mpl.map((sheet) => ({
          file: sheet.file,
          width: sheet.width,
          height: sheet.height,
          family: sheet.font.family,
          fontset: sheet.font.family === 'cm' ? 'cm' : 'custom',
          items: itemsOf(sheet),
        })),
      ),
    );
    // The sheets in `work` are reused only if they were drawn from the same items.
    const spec = JSON.stringify(sheets.map((sheet) => [sheet.file, sheet.font, itemsOf(sheet)]));
    const specPath = join(work, 'drawn.json');
    const drawn =
      existsSync(specPath) &&
      readFileSync(specPath, 'utf8') === spec &&
      sheets.every((sheet) => existsSync(join(work, sheet.file)));
    if (!drawn) {
      console.log(`drawing ${sheets.length} sheets...`);
      execFileSync(PYTHON, [join(here, 'render_sheet.py'), specFile, work], {
        stdio: ['ignore', 'ignore', 'ignore'],
      });
    }
    writeFileSync(specPath, spec);
    for (const sheet of sheets.filter((candidate) => candidate.font.renderer === 'svg' && !drawn)) {
      const texts = itemsOf(sheet).map(
        (item) =>
          `<text x="${item.x.toFixed(2)}" y="${item.y}" font-size="${item.size}" fill="${item.color}">${escapeXml(item.text)}</text>`,
      );
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${sheet.width}" height="${sheet.height}"><rect width="100%" height="100%" fill="#fff"/><g font-family="${escapeXml(sheet.font.family)}">${texts.join('')}</g></svg>`;
      await sharp(Buffer.from(svg)).png().toFile(join(work, sheet.file));
    }
    const samples: Samples = {
      pixels: [],
      extras: [],
      classes: [],
      uncut: 0,
      glyphs: 0,
      misaligned: 0,
    };
    seed(99);
    for (const [index, sheet] of sheets.entries()) {
      const path = join(work, sheet.file);
      const clean = await greyOfFile(path, null);
      const versions = [clean];
      if (index % 2 === 0) versions.push(await greyOfFile(path, 50 + Math.floor(random() * 46)));
      for (const image of versions) {
        for (const placed of sheet.placed) addLabel(samples, sheet, clean, image, placed);
      }
    }
    return samples;
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

if (EXTRA_FEATURES !== 5) throw new Error('features changed: check glyphFeatures');
await main();
