import { percentile } from '../math.js';
import type { Pair } from './tickReadings.js';

const DEFAULTS = {
  /** Labelled ticks lie a whole number of tick steps apart within this share of a step. */
  stepShare: 0.15,
  /** Steps engines put their ticks at: these times a power of ten. */
  niceSteps: [1, 2, 2.5, 5],
  /** Values closer than this share of their last digit count as one (float noise). */
  epsilon: 1e-6,
} as const;

/** The powers of ten of the magnitude suffixes a rounded label may end in. */
const SUFFIX_POWERS: Readonly<Record<string, number>> = { k: 3, K: 3, M: 6, B: 9, G: 9 };

/** How a formatter rounds a value halfway between two printable ones. */
type HalfRule = 'away' | 'even' | 'either';

/**
 * The values of tick labels printed rounded to fewer digits than they step by (`4M 4M 5M 5M`
 * for 3.5M, 4M, 4.5M, 5M): the evenly stepped values, on multiples of a step of 1, 2, 2.5 or 5
 * times a power of ten, that every label rounds to as printed (each to its own last digit:
 * `500k 1M 2M`). `pairs` are one reading per label, placed on their ticks; they must lie a whole
 * number of tick steps apart and repeat a value at two neighbouring ticks. Steps are tried from
 * the one the labels span outwards; a value halfway between two printed ones rounds away from
 * zero (JavaScript's `toFixed`, gnuplot), else to even (Python), else either way (float noise
 * in the tick values decides). Returns the pairs with their values so set, sorted by pixel, or
 * null where the labels repeat no value, where no such values explain them all, or where more
 * than one offset does at the first step that fits.
 */
export function unroundLabels(pairs: readonly Pair[]): Pair[] | null {
  const sorted = [...pairs].sort((a, b) => a.pixel - b.pixel);
  if (sorted.length < 3 || sorted.some((pair) => pair.power)) return null;
  if (!sorted.some((pair, i) => i > 0 && pair.value === sorted[i - 1].value)) return null;
  const units = sorted.map((pair) => lastDigit(pair.text));
  const steps = tickSteps(sorted.map((pair) => pair.pixel));
  if (units.some((unit) => unit === null) || steps === null) return null;
  const worth = units as number[];
  const labels = sorted.map((pair) => pair.value);
  const last = steps.at(-1)!;
  const spanned = labels.at(-1)! - labels[0];
  if (spanned === 0) return null;
  const sign = Math.sign(spanned);
  // The step the labels span, give or take half a last digit at either end.
  const naive = Math.abs(spanned) / last;
  const slop = (worth[0] + worth.at(-1)!) / 2;
  const candidates = niceStepsBetween(
    (Math.abs(spanned) - slop) / last,
    (Math.abs(spanned) + slop) / last,
  ).sort((a, b) => Math.abs(Math.log(a / naive)) - Math.abs(Math.log(b / naive)) || b - a);
  for (const step of candidates) {
    const signed = sign * step;
    // The first value lies within half a last digit of each label, less its steps.
    let from = Number.NEGATIVE_INFINITY;
    let to = Number.POSITIVE_INFINITY;
    labels.forEach((label, i) => {
      from = Math.max(from, label - worth[i] / 2 - steps[i] * signed);
      to = Math.min(to, label + worth[i] / 2 - steps[i] * signed);
    });
    const slack = Math.min(...worth) * DEFAULTS.epsilon;
    const firsts: number[] = [];
    for (let n = Math.ceil((from - slack) / step); n * step <= to + slack; n++)
      firsts.push(n * step);
    for (const rule of ['away', 'even', 'either'] as const) {
      const fitting = firsts.filter((first) =>
        steps.every((k, i) => printsAs(first + k * signed, labels[i], worth[i], rule)),
      );
      if (fitting.length > 1) return null;
      if (fitting.length === 1) {
        return sorted.map((pair, i) => ({
          ...pair,
          value: tidy(fitting[0] + steps[i] * signed, step),
        }));
      }
    }
  }
  return null;
}

/**
 * What the last printed digit of a label is worth (`2.5M`: 100000, `3k`: 1000, `0.18`: 0.01),
 * or null where the label prints no number.
 */
function lastDigit(text: string): number | null {
  const plain = text.trim().replace(/(\d),(?=\d{3})/g, '$1');
  const match = /(\d+)(?:\.(\d+))?(?:[eE]([+\-\u2212]?\d+))?\s*([kKMBG%]?)/.exec(plain);
  if (!match) return null;
  const [, , fraction = '', exponent = '0', suffix] = match;
  const power = Number(exponent.replace('\u2212', '-')) + (SUFFIX_POWERS[suffix] ?? 0);
  return Number(`1e${power - fraction.length}`);
}

/**
 * How many tick steps each pixel lies from the first: the middle gap between neighbours is one
 * step where every gap is a whole number of them (labels a tick or two apart), within a share of
 * a step (a label snapped to a stray mark beside its own). Null where they are not.
 */
function tickSteps(pixels: readonly number[]): number[] | null {
  const gaps = pixels.slice(1).map((pixel, i) => pixel - pixels[i]);
  const span = pixels.at(-1)! - pixels[0];
  const total = Math.round(span / percentile(gaps, 0.5));
  if (!(total >= 1)) return null;
  // one step, over the whole axis, places every label within a share of it
  const step = span / total;
  const steps = pixels.map((pixel) => Math.round((pixel - pixels[0]) / step));
  const off = pixels.some(
    (pixel, i) =>
      (i > 0 && steps[i] <= steps[i - 1]) ||
      Math.abs(pixel - pixels[0] - steps[i] * step) > step * DEFAULTS.stepShare,
  );
  return off ? null : steps;
}

/** Steps of 1, 2, 2.5 or 5 times a power of ten from `low` to `high`. */
function niceStepsBetween(low: number, high: number): number[] {
  if (!(high > 0)) return [];
  const from = Math.max(low, high / 1000);
  const steps: number[] = [];
  for (let e = Math.floor(Math.log10(from)) - 1; 10 ** e <= high; e++) {
    for (const nice of DEFAULTS.niceSteps) {
      const step = Number(`${nice}e${e}`);
      if (step >= from && step <= high) steps.push(step);
    }
  }
  return steps;
}

/**
 * Whether `value` prints as `label` to multiples of `unit`: the nearest multiple, a value halfway
 * between two rounded by `rule` (`either`: to both, where float noise decides).
 */
function printsAs(value: number, label: number, unit: number, rule: HalfRule): boolean {
  const units = Number((Math.abs(value) / unit).toPrecision(12));
  const target = Number((Math.abs(label) / unit).toPrecision(12));
  if (label !== 0 && Math.sign(value) !== Math.sign(label)) return false;
  const whole = Math.floor(units);
  if (units - whole !== 0.5) return Math.round(units) === target;
  if (rule === 'either') return target === whole || target === whole + 1;
  return target === (rule === 'away' || whole % 2 === 1 ? whole + 1 : whole);
}

/** `value` rid of float noise, to a millionth of `unit`. */
function tidy(value: number, unit: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(unit)) + 6);
  return Number(value.toFixed(Math.min(digits, 20))) || 0;
}
