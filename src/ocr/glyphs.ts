import { cutCandidates, FEATURES, glyphFeatures } from './glyphFeatures.js';
import { INK_ON, type InkImage, type LineGeometry } from './inkImage.js';
import { pointsOf } from './pointsOf.js';

/**
 * A small recogniser for the closed alphabet of tick labels (digits, `.` `,` `-` `+` `%`, the
 * magnitude suffixes, `e`, `×`, parentheses): a label is cut into glyphs where its ink thins
 * between them, each candidate glyph is scaled to the label's cap height and classified by a
 * small neural network trained on rendered fonts (`models/tick-glyphs.json`, made by
 * `train/glyphs.ts`), and the cuts whose glyphs the network is surest of win (dynamic
 * programming over the candidate cuts). Glyphs are compared at the label's own scale, so a
 * decimal point is told from a comma and from nothing by where it sits and how big it is.
 */

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

/** Each layer's weights by input (`outputs` weights for input 0, then input 1...), made once. */
const byInput = new WeakMap<Layer, Float32Array>();

function weightsByInput(layer: Layer): Float32Array {
  let weights = byInput.get(layer);
  if (!weights) {
    const { inputs, outputs } = layer;
    weights = new Float32Array(inputs * outputs);
    for (let o = 0; o < outputs; o++) {
      for (let i = 0; i < inputs; i++) weights[i * outputs + o] = layer.weights[o * inputs + i];
    }
    byInput.set(layer, weights);
  }
  return weights;
}

/**
 * The class probabilities of one feature vector. Each output's sum runs over the inputs in
 * their order, as a row-by-row product would, but input by input so that the inputs at zero
 * (most of a glyph's grid, and the units ReLU silenced) are skipped: adding their products
 * (zeros) would leave every sum as it is. The inputs not at zero are taken two at a time,
 * each sum adding the first's product then the second's (the same additions in the same
 * order, the sums read and written half as often: this is the recogniser's hot loop).
 */
export function classify(model: GlyphModel, input: Float32Array): Float32Array {
  let values = input;
  const last = model.layers.length - 1;
  for (let index = 0; index <= last; index++) {
    const layer = model.layers[index];
    const { bias, inputs, outputs } = layer;
    const weights = weightsByInput(layer);
    const sums = new Float64Array(outputs);
    for (let o = 0; o < outputs; o++) sums[o] = bias[o];
    let held = -1;
    for (let i = 0; i < inputs; i++) {
      const value = values[i];
      if (value === 0) continue;
      if (held < 0) {
        held = i;
        continue;
      }
      const first = values[held];
      for (let o = 0, w = held * outputs, v = i * outputs; o < outputs; o++, w++, v++) {
        sums[o] = sums[o] + weights[w] * first + weights[v] * value;
      }
      held = -1;
    }
    if (held >= 0) {
      const first = values[held];
      for (let o = 0, w = held * outputs; o < outputs; o++, w++) sums[o] += weights[w] * first;
    }
    const out = new Float32Array(outputs);
    for (let o = 0; o < outputs; o++) out[o] = index < last && sums[o] < 0 ? 0 : sums[o];
    values = out;
  }
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
  /** A point or comma found apart (`pointsOf`): how far it leans to a comma (> 0) or a point. */
  lean?: number;
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

/** The lean (`GlyphReading.lean`) of a point with a comma's tail left over beside it. */
const TAIL_LEAN = 0.1;

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
  for (const { char, from, to, lean } of points) {
    // Ink left over beside a point, once its core and rim are taken, is a comma's tail (a
    // point's rim holds all of it), whatever the tail alone was read as.
    const tail = glyphs.findIndex(
      (glyph) => (glyph.char === '.' || glyph.char === ',') && glyph.from <= to && glyph.to >= from,
    );
    if (tail >= 0) {
      const { from: start, to: end } = glyphs[tail];
      glyphs[tail] = {
        char: ',',
        probability: 1,
        from: Math.min(from, start),
        to: Math.max(to, end),
        lean: Math.max(lean, TAIL_LEAN),
      };
      continue;
    }
    const at = glyphs.findIndex((glyph) => glyph.from + glyph.to > from + to);
    const index = at < 0 ? glyphs.length : at;
    // Between two digits only (`0.5`, `2,000`): elsewhere it is a speck.
    if (/\d/.test(glyphs[index - 1]?.char ?? '') && /\d/.test(glyphs[index]?.char ?? '')) {
      glyphs.splice(index, 0, { char, probability: 1, from, to, lean });
    }
  }
  if (glyphs.length === 0) return null;
  return {
    text: glyphs.map((glyph) => glyph.char).join(''),
    confidence: Math.min(...glyphs.map((glyph) => glyph.probability)),
    glyphs,
  };
}
