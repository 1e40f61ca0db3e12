import type { Box } from '../types.js';

/**
 * A small recogniser for the closed alphabet of tick labels (digits, `.` `,` `-` `+` `%`, the
 * magnitude suffixes, `e`, `×`, parentheses): a label is cut into glyphs where its ink thins
 * between them, each candidate glyph is scaled to the label's cap height and classified by a
 * small neural network trained on rendered fonts (`models/tick-glyphs.json`, made by
 * `train/glyphs.ts`), and the cuts whose glyphs the network is surest of win (dynamic
 * programming over the candidate cuts). Glyphs are compared at the label's own scale, so a
 * decimal point is told from a comma and from nothing by where it sits and how big it is.
 */

/** A crop's ink: 0 on the page, 1 at the text's darkest; row-major. */
export interface InkImage {
  data: Float32Array;
  width: number;
  height: number;
}

/** Where a line of text sits in its crop (rows, continuous: row r spans r..r+1). */
export interface LineGeometry {
  /** Height (px) of the digits above the baseline. */
  capHeight: number;
  /** The row edge the digits stand on. */
  baseline: number;
}

/** A grey level this much darker than the page is ink (same as the label boxes are cut with). */
export const INK_ON = 0.2;
/** A column is part of a glyph's body where it holds ink this strong. */
const SOLID = 0.5;
/** Columns at least this share of the tallest column's height are digit-tall. */
const TALL = 0.7;

/** Pixels as the recogniser reads them: RGB (a Raster) or grey, 8 bits, row-major. */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** The grey (Rec. 709 luma of the sRGB values, 0..255) of the pixel at `index`. */
export function lumaAt({ data, channels }: Pixels, index: number): number {
  if (channels === 1) return data[index];
  const o = index * 3;
  return 0.2126 * data[o] + 0.7152 * data[o + 1] + 0.0722 * data[o + 2];
}

/**
 * The ink of `box` (integer, inside the image): how much darker than `paper` each pixel is, as
 * a share of how much darker `dark` is (the text's darkest grey), clamped to 0..1.
 */
export function inkOf(pixels: Pixels, box: Box, paper: number, dark: number): InkImage {
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  const data = new Float32Array(width * height);
  const range = Math.max(1, paper - dark);
  for (let row = 0; row < height; row++) {
    const from = (box.top + row) * pixels.width + box.left;
    for (let column = 0; column < width; column++) {
      const ink = (paper - lumaAt(pixels, from + column)) / range;
      data[row * width + column] = Math.min(1, Math.max(0, ink));
    }
  }
  return { data, width, height };
}

/** Top and bottom rows (inclusive) of solid ink in each column; -1 where a column has none. */
function columnExtents(
  ink: InkImage,
  from = 0,
  to = ink.width,
): { tops: number[]; bottoms: number[] } {
  const tops: number[] = [];
  const bottoms: number[] = [];
  for (let column = from; column < to; column++) {
    let top = -1;
    let bottom = -1;
    for (let row = 0; row < ink.height; row++) {
      if (ink.data[row * ink.width + column] >= SOLID) {
        if (top < 0) top = row;
        bottom = row;
      }
    }
    tops.push(top);
    bottoms.push(bottom);
  }
  return { tops, bottoms };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The cap height and baseline of a line of digits, from its digit-tall columns (a comma's
 * tail, a minus or a point are shorter and do not count), to a fraction of a pixel: an edge
 * row's ink says how much of it the glyph covers. Null when the crop holds no ink.
 */
export function lineGeometry(ink: InkImage): LineGeometry | null {
  const { tops, bottoms } = columnExtents(ink);
  const heights = tops.map((top, i) => (top < 0 ? 0 : bottoms[i] - top + 1));
  const tallest = Math.max(0, ...heights);
  if (tallest === 0) return null;
  const tall = heights.flatMap((h, i) => (h >= tallest * TALL ? [i] : []));
  const at = (row: number, column: number) =>
    row >= 0 && row < ink.height ? ink.data[row * ink.width + column] : 0;
  // A solid edge row covers the glyph's edge past its middle; the next row out, the rest.
  const baseline = median(
    tall.map((c) => bottoms[c] + Math.min(1, at(bottoms[c], c)) + at(bottoms[c] + 1, c)),
  );
  const top = median(tall.map((c) => tops[c] + 1 - at(tops[c], c) - at(tops[c] - 1, c)));
  return { capHeight: Math.max(1, baseline - top), baseline };
}

/** Glyphs whose ink ends this many cap heights above the baseline are raised... */
const RAISED = 0.35;
/** ...and those ending this high too, where a gap parts them from the base (superscripts in
 * some fonts end a third of the cap height up; the bar of a 4 is as high, but joined). */
const RAISED_APART = 0.2;

/**
 * The first column of a raised exponent closing a line (the `-3` of `10^-3`, drawn smaller
 * and higher), from where the columns' ink stops reaching down near the baseline; null when
 * the line does not end in raised glyphs (two columns at least).
 */
export function raisedFrom(ink: InkImage, { capHeight, baseline }: LineGeometry): number | null {
  // Any ink counts here: the faint edge of a round 0 before the exponent reaches low.
  const bottoms: number[] = [];
  for (let column = 0; column < ink.width; column++) {
    let bottom = -1;
    for (let row = ink.height - 1; row >= 0 && bottom < 0; row--) {
      if (ink.data[row * ink.width + column] >= INK_ON) bottom = row;
    }
    bottoms.push(bottom);
  }
  const suffix = (share: number) => {
    const limit = baseline - share * capHeight;
    let split = ink.width;
    while (split > 0 && bottoms[split - 1] + 1 <= limit) split--;
    return split;
  };
  const raisedColumns = (split: number) => bottoms.slice(split).filter((b) => b >= 0).length;
  const apart = suffix(RAISED_APART);
  if (apart > 0 && bottoms[apart] < 0 && raisedColumns(apart) >= 2) return apart;
  let split = suffix(RAISED);
  // The faint edge of a round 0 just before the exponent (touching the base, no stronger
  // than anti-aliasing) stays with the base.
  const faint = (column: number) => {
    for (let row = 0; row < ink.height; row++) {
      if (ink.data[row * ink.width + column] >= SOLID) return false;
    }
    return true;
  };
  while (split < ink.width && bottoms[split] >= 0 && bottoms[split - 1] >= 0 && faint(split)) {
    split++;
  }
  return split > 0 && raisedColumns(split) >= 2 ? split : null;
}

/** The columns `[from, to)` of an ink image, as one. */
export function inkColumns(ink: InkImage, from: number, to: number): InkImage {
  const width = to - from;
  const data = new Float32Array(width * ink.height);
  for (let row = 0; row < ink.height; row++) {
    data.set(ink.data.subarray(row * ink.width + from, row * ink.width + to), row * width);
  }
  return { data, width, height: ink.height };
}

/** Pieces wider than this many cap heights between cuts are cut at every column too. */
const WIDE_PIECE = 0.9;
/** Where the top or bottom of the ink jumps by this many cap heights, a glyph may end. */
const SHAPE_JUMP = 0.3;

/**
 * Column boundaries (0..width) where a glyph may end and the next begin: the edges of empty
 * stretches, both sides of every column where the ink thins (a local minimum of the column's
 * ink), where the ink's top or bottom jumps (a point or a comma beside a digit), and every
 * column of a piece too wide to be one glyph (glyphs that touch).
 */
export function cutCandidates(ink: InkImage, capHeight: number): number[] {
  const { width, height, data } = ink;
  const sums = new Float32Array(width);
  const on = new Uint8Array(width);
  const tops = new Int32Array(width).fill(-1);
  const bottoms = new Int32Array(width).fill(-1);
  for (let column = 0; column < width; column++) {
    let sum = 0;
    let max = 0;
    for (let row = 0; row < height; row++) {
      const v = data[row * width + column];
      sum += v;
      if (v > max) max = v;
      if (v >= INK_ON) {
        if (tops[column] < 0) tops[column] = row;
        bottoms[column] = row;
      }
    }
    sums[column] = sum;
    on[column] = max >= INK_ON ? 1 : 0;
  }
  const cuts = new Set<number>([0, width]);
  const jump = SHAPE_JUMP * capHeight;
  for (let column = 1; column < width; column++) {
    if (on[column] !== on[column - 1]) cuts.add(column);
    else if (
      on[column] &&
      (Math.abs(tops[column] - tops[column - 1]) >= jump ||
        Math.abs(bottoms[column] - bottoms[column - 1]) >= jump)
    ) {
      cuts.add(column);
    }
  }
  for (let column = 1; column < width - 1; column++) {
    if (!on[column]) continue;
    if (sums[column] <= sums[column - 1] && sums[column] <= sums[column + 1]) {
      cuts.add(column);
      cuts.add(column + 1);
    }
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const wide = Math.max(3, capHeight * WIDE_PIECE);
  for (let i = 1; i < sorted.length; i++) {
    const [from, to] = [sorted[i - 1], sorted[i]];
    if (to - from > wide && on[from]) {
      for (let column = from + 1; column < to; column++) cuts.add(column);
    }
  }
  return [...cuts].sort((a, b) => a - b);
}

/** Rows and columns of the grid a glyph is sampled on. */
export const GRID_ROWS = 20;
export const GRID_COLUMNS = 18;
/** A grid cell's side, as a share of the cap height. */
const CELL = 1 / 12.5;
/** The grid's top, in cap heights above the baseline (room for a raised `^` or a tall `%`). */
const GRID_TOP = 1.25;
/** Numbers describing a glyph's place and size besides its picture. */
export const EXTRA_FEATURES = 5;
export const FEATURES = GRID_ROWS * GRID_COLUMNS + EXTRA_FEATURES;

/** The columns `[from, to)` narrowed to those holding ink; null when none does. */
export function trimColumns(ink: InkImage, from: number, to: number): [number, number] | null {
  const holds = (column: number) => {
    for (let row = 0; row < ink.height; row++) {
      if (ink.data[row * ink.width + column] >= INK_ON) return true;
    }
    return false;
  };
  while (from < to && !holds(from)) from++;
  while (to > from && !holds(to - 1)) to--;
  return to > from ? [from, to] : null;
}

/**
 * A candidate glyph, the columns `[from, to)` of the line (already trimmed to ink), as the
 * network sees it: its ink averaged over a grid of cells a twelfth of the cap height wide,
 * centred on the glyph and standing on the baseline (ink of other columns left out), then
 * its width, the top and bottom of its solid ink and its centre of mass, in cap heights from
 * the baseline, and its ink per square cap height.
 */
export function glyphFeatures(
  ink: InkImage,
  { capHeight, baseline }: LineGeometry,
  from: number,
  to: number,
  out = new Float32Array(FEATURES),
): Float32Array {
  const cell = capHeight * CELL;
  const left = (from + to) / 2 - (GRID_COLUMNS / 2) * cell;
  const top = baseline - GRID_TOP * capHeight;
  const { data, width, height } = ink;
  for (let gridRow = 0; gridRow < GRID_ROWS; gridRow++) {
    const y0 = top + gridRow * cell;
    const y1 = y0 + cell;
    const r0 = Math.max(0, Math.floor(y0));
    const r1 = Math.min(height, Math.ceil(y1));
    for (let gridColumn = 0; gridColumn < GRID_COLUMNS; gridColumn++) {
      const x0 = left + gridColumn * cell;
      const x1 = x0 + cell;
      const c0 = Math.max(from, Math.floor(x0));
      const c1 = Math.min(to, Math.ceil(x1));
      let sum = 0;
      for (let row = r0; row < r1; row++) {
        const dy = Math.min(y1, row + 1) - Math.max(y0, row);
        if (dy <= 0) continue;
        const line = row * width;
        for (let column = c0; column < c1; column++) {
          const dx = Math.min(x1, column + 1) - Math.max(x0, column);
          if (dx > 0) sum += data[line + column] * dx * dy;
        }
      }
      out[gridRow * GRID_COLUMNS + gridColumn] = sum / (cell * cell);
    }
  }
  let mass = 0;
  let moment = 0;
  let solidTop = height;
  let solidBottom = -1;
  for (let row = 0; row < height; row++) {
    for (let column = from; column < to; column++) {
      const v = data[row * width + column];
      mass += v;
      moment += v * (row + 0.5);
      if (v >= SOLID) {
        solidTop = Math.min(solidTop, row);
        solidBottom = Math.max(solidBottom, row + 1);
      }
    }
  }
  if (solidBottom < 0) {
    solidTop = baseline;
    solidBottom = baseline;
  }
  const base = GRID_ROWS * GRID_COLUMNS;
  out[base] = (to - from) / capHeight;
  out[base + 1] = (baseline - solidTop) / capHeight;
  out[base + 2] = (baseline - solidBottom) / capHeight;
  out[base + 3] = mass > 0 ? (baseline - moment / mass) / capHeight : 0;
  out[base + 4] = mass / (capHeight * capHeight);
  return out;
}

/** One dense layer: `outputs` rows of `inputs` weights. */
export interface Layer {
  inputs: number;
  outputs: number;
  weights: Float32Array;
  bias: Float32Array;
}

/** The glyph classifier: a small multi-layer perceptron (ReLU, softmax over `classes`). */
export interface GlyphModel {
  /** One character per class; `JUNK` for a piece that is not one glyph. */
  classes: string[];
  layers: Layer[];
}

/** The class of a piece that is not one whole glyph (two glyphs, part of one, a speck). */
export const JUNK = '?';

/** The class probabilities of one feature vector. */
export function classify(model: GlyphModel, input: Float32Array): Float32Array {
  let values = input;
  const last = model.layers.length - 1;
  model.layers.forEach((layer, index) => {
    const out = new Float32Array(layer.outputs);
    const { weights, bias, inputs } = layer;
    for (let o = 0; o < layer.outputs; o++) {
      let sum = bias[o];
      for (let i = 0, w = o * inputs; i < inputs; i++, w++) sum += weights[w] * values[i];
      out[o] = index < last && sum < 0 ? 0 : sum;
    }
    values = out;
  });
  return softmax(values);
}

/** Probabilities from scores (in place). */
export function softmax(values: Float32Array): Float32Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.exp(values[i] - max);
    sum += values[i];
  }
  for (let i = 0; i < values.length; i++) values[i] /= sum;
  return values;
}

/** The widest a glyph may be, in cap heights. */
export const MAX_GLYPH_WIDTH = 1.5;

/** One glyph of a reading: its character, the network's probability for it, its columns. */
export interface GlyphReading {
  char: string;
  probability: number;
  from: number;
  to: number;
}

/** A line's reading: its text, and the least probability of any of its glyphs. */
export interface LineReading {
  text: string;
  confidence: number;
  glyphs: GlyphReading[];
}

/**
 * The grammar of a tick label, as states of a finite automaton: an optional sign, digits
 * with separators between them (`1,000`, `0.5`, `2 000` has none drawn), then a suffix
 * (`%`, `k`, `M`...), an exponent (`e-3`) or `×` and digits (`2×10`, its raised exponent read
 * apart). A separator is never first, last or doubled, a sign never follows a digit.
 */
const GRAMMAR: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  start: { sign: 'signed', digit: 'digits' },
  signed: { digit: 'digits' },
  digits: { digit: 'digits', separator: 'separated', suffix: 'suffixed', e: 'e', times: 'times' },
  separated: { digit: 'digits' },
  suffixed: {},
  e: { sign: 'exponentSign', digit: 'exponent' },
  exponentSign: { digit: 'exponent' },
  exponent: { digit: 'exponent' },
  times: { digit: 'timesDigits' },
  timesDigits: { digit: 'timesDigits' },
};
const FINAL = new Set(['digits', 'suffixed', 'exponent', 'timesDigits']);
const STATES = Object.keys(GRAMMAR);

/** A class's part in the grammar. */
function kindOf(char: string): string {
  if (/\d/.test(char)) return 'digit';
  if (char === '-' || char === '+') return 'sign';
  if (char === '.' || char === ',') return 'separator';
  if (char === 'e' || char === 'E') return 'e';
  if (char === '×') return 'times';
  return 'suffix';
}

/** Paths less probable than e^-PRUNE are not extended (unless nothing better reaches the end). */
const PRUNE = 9;

/**
 * Reads one line of a tick label: the cuts and characters that are together the most probable
 * (the product of each glyph's probability for its character, JUNK excluded), over every way
 * of joining candidate pieces into glyphs and every reading the tick-label grammar allows
 * (so `2,000` whose 2 and comma touch is not read `,000`). Returns null when the line holds
 * no ink or no reading fits the grammar.
 */
function decodeLine(
  model: GlyphModel,
  ink: InkImage,
  geometry: LineGeometry,
): GlyphReading[] | null {
  const cuts = cutCandidates(ink, geometry.capHeight);
  const inked = new Uint8Array(ink.width);
  for (let column = 0; column < ink.width; column++) {
    for (let row = 0; row < ink.height && !inked[column]; row++) {
      if (ink.data[row * ink.width + column] >= INK_ON) inked[column] = 1;
    }
  }
  const m = STATES.length;
  const classes = model.classes.length;
  // move[s * classes + c]: the state reading class c leads to from state s; -1 where the
  // grammar forbids it (and for JUNK).
  const move = new Int8Array(m * classes).fill(-1);
  STATES.forEach((state, s) => {
    model.classes.forEach((char, c) => {
      const next = char === JUNK ? undefined : GRAMMAR[state][kindOf(char)];
      if (next !== undefined) move[s * classes + c] = STATES.indexOf(next);
    });
  });
  const final = STATES.map((state) => FINAL.has(state));
  const features = new Float32Array(FEATURES);
  const seen = new Map<number, Float32Array>();
  /** The log probabilities of the classes of the piece `[from, to)`. */
  const logs = (from: number, to: number): Float32Array => {
    const key = from * 65536 + to;
    let scores = seen.get(key);
    if (!scores) {
      scores = classify(model, glyphFeatures(ink, geometry, from, to, features));
      for (let c = 0; c < scores.length; c++) scores[c] = Math.log(Math.max(scores[c], 1e-12));
      seen.set(key, scores);
    }
    return scores;
  };
  const widest = MAX_GLYPH_WIDTH * geometry.capHeight + 1;
  const n = cuts.length;
  const search = (prune: number) => {
    // best[i * m + s]: the most probable reading up to cut i ending in state s; the way back
    // in (backState, backClass, backFrom, backTo): backClass -1 for a stretch with no ink.
    const best = new Float64Array(n * m).fill(Number.NEGATIVE_INFINITY);
    const backState = new Int32Array(n * m).fill(-1);
    const backClass = new Int16Array(n * m);
    const backFrom = new Int32Array(n * m);
    const backTo = new Int32Array(n * m);
    const atCut = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    best[0] = 0;
    atCut[0] = 0;
    for (let i = 0; i < n - 1; i++) {
      if (atCut[i] < -prune) continue;
      // A path much less probable than another that ended within a cap height before this
      // cut is cut short: it went through part of a glyph.
      let near = atCut[i];
      for (let k = i - 1; k >= 0 && cuts[k] > cuts[i] - geometry.capHeight; k--) {
        near = Math.max(near, atCut[k]);
      }
      if (atCut[i] < near - prune / 2) continue;
      for (let j = i + 1; j < n; j++) {
        let from = cuts[i];
        let to = cuts[j];
        while (from < to && !inked[from]) from++;
        while (to > from && !inked[to - 1]) to--;
        if (to - from > widest) break;
        const scores = to > from ? logs(from, to) : null;
        for (let s = 0; s < m; s++) {
          const score = best[i * m + s];
          if (score === Number.NEGATIVE_INFINITY) continue;
          for (let c = scores ? 0 : -1; c < (scores ? classes : 0); c++) {
            const next = c < 0 ? s : move[s * classes + c];
            if (next < 0) continue;
            const total = c < 0 ? score : score + scores![c];
            const k = j * m + next;
            if (total > best[k]) {
              best[k] = total;
              backState[k] = i * m + s;
              backClass[k] = c;
              backFrom[k] = from;
              backTo[k] = to;
              if (total > atCut[j]) atCut[j] = total;
            }
          }
        }
      }
    }
    let end = -1;
    for (let s = 0; s < m; s++) {
      const k = (n - 1) * m + s;
      if (final[s] && backState[k] >= 0 && (end < 0 || best[k] > best[end])) end = k;
    }
    if (end < 0) return null;
    const glyphs: GlyphReading[] = [];
    for (let k = end; k > 0; k = backState[k]) {
      const c = backClass[k];
      if (c >= 0) {
        const probability = Math.exp(logs(backFrom[k], backTo[k])[c]);
        glyphs.unshift({ char: model.classes[c], probability, from: backFrom[k], to: backTo[k] });
      }
    }
    return glyphs;
  };
  return search(PRUNE) ?? search(Number.POSITIVE_INFINITY);
}

/** A point or comma is a piece of ink at most this many cap heights tall and wide... */
const POINT_SIZE = 0.32;
/** ...standing on the baseline (its bottom at most this many cap heights above it)... */
const POINT_ON_BASELINE = 0.1;
/** ...whose core (ink this strong, 4-connected) stands apart from the digits'... */
const POINT_CORE = 0.35;
/** ...with a digit-tall glyph within this many cap heights on either side. */
const POINT_NEIGHBOUR = 0.6;
/** A point or comma reaching this many cap heights below the baseline is a comma. */
const COMMA_DEPTH = 0.085;

/** A point or comma found in a line: its pixels (indices) and columns. */
export interface Point {
  pixels: number[];
  from: number;
  to: number;
  char: '.' | ',';
}

/**
 * The points and commas of a line: small cores of ink (4-connected, so the anti-aliased
 * corner of a digit beside them does not join them) standing on the baseline between two
 * digit-tall glyphs, with nothing above most of their columns. At small sizes they share
 * columns with the digits beside them, so no cut between columns sets them apart. A comma
 * is told from a point by how far it reaches below the baseline.
 */
export function pointsOf(ink: InkImage, { capHeight, baseline }: LineGeometry): Point[] {
  const { data, width, height } = ink;
  const piece = new Int32Array(width * height).fill(-1);
  const size = POINT_SIZE * capHeight + 1;
  const { tops, bottoms } = columnExtents(ink);
  const tall = tops.map((top, column) => top >= 0 && bottoms[column] - top + 1 >= 0.5 * capHeight);
  const points: Point[] = [];
  for (let start = 0; start < data.length; start++) {
    if (data[start] < POINT_CORE || piece[start] >= 0) continue;
    const pixels = [start];
    piece[start] = start;
    let [top, bottom, left, right] = [height, -1, width, -1];
    for (let k = 0; k < pixels.length; k++) {
      const i = pixels[k];
      const row = Math.floor(i / width);
      const column = i % width;
      [top, bottom] = [Math.min(top, row), Math.max(bottom, row)];
      [left, right] = [Math.min(left, column), Math.max(right, column)];
      const next = [i - width, i + width, column > 0 ? i - 1 : -1, column < width - 1 ? i + 1 : -1];
      for (const j of next) {
        if (j >= 0 && j < data.length && data[j] >= POINT_CORE && piece[j] < 0) {
          piece[j] = start;
          pixels.push(j);
        }
      }
    }
    if (bottom - top + 1 > size || right - left + 1 > size) continue;
    if (bottom + 1 < baseline - POINT_ON_BASELINE * capHeight) continue;
    let clear = 0;
    for (let column = left; column <= right; column++) {
      let above = false;
      for (let row = 0; row < top && !above; row++) above = data[row * width + column] >= INK_ON;
      if (!above) clear++;
    }
    if (clear * 2 < right - left + 1) continue;
    const reach = POINT_NEIGHBOUR * capHeight;
    const beside = (from: number, to: number) => {
      for (let column = Math.max(0, Math.floor(from)); column < Math.min(width, to); column++) {
        if (tall[column]) return true;
      }
      return false;
    };
    if (!beside(left - reach, left) || !beside(right + 1, right + 1 + reach)) continue;
    // The point's faint rim goes with it.
    const rim = new Set(pixels);
    for (const i of pixels) {
      const column = i % width;
      const around = [
        i - width,
        i + width,
        column > 0 ? i - 1 : -1,
        column < width - 1 ? i + 1 : -1,
      ];
      for (const j of around) {
        if (j >= 0 && j < data.length && data[j] < POINT_CORE && data[j] > 0) rim.add(j);
      }
    }
    const all = [...rim];
    const lowest = Math.max(...all.map((i) => Math.floor(i / width)));
    const depth =
      lowest + Math.max(...all.filter((i) => Math.floor(i / width) === lowest).map((i) => data[i]));
    const char = depth - baseline >= COMMA_DEPTH * capHeight ? ',' : '.';
    points.push({ pixels: all, from: left, to: right + 1, char });
  }
  return points.sort((a, b) => a.from - b.from);
}

/**
 * Reads one line of a tick label (`decodeLine`), its points and commas found apart first
 * (`pointsOf`) and put back between the glyphs where they stand (between two digits only).
 * Returns null when the line holds no ink or no reading fits the grammar.
 */
export function readLine(
  model: GlyphModel,
  ink: InkImage,
  geometry: LineGeometry,
): LineReading | null {
  const points = pointsOf(ink, geometry);
  const rest = { ...ink, data: Float32Array.from(ink.data) };
  for (const point of points) for (const i of point.pixels) rest.data[i] = 0;
  const glyphs = [...(decodeLine(model, rest, geometry) ?? [])];
  for (const { char, from, to } of points) {
    const at = glyphs.findIndex((glyph) => glyph.from + glyph.to > from + to);
    const index = at < 0 ? glyphs.length : at;
    // Between two digits only (`0.5`, `2,000`): elsewhere it is a speck.
    if (/\d/.test(glyphs[index - 1]?.char ?? '') && /\d/.test(glyphs[index]?.char ?? '')) {
      glyphs.splice(index, 0, { char, probability: 1, from, to });
    }
  }
  if (glyphs.length === 0) return null;
  return {
    text: glyphs.map((glyph) => glyph.char).join(''),
    confidence: Math.min(...glyphs.map((glyph) => glyph.probability)),
    glyphs,
  };
}
