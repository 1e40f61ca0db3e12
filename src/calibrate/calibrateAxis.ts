import { fitLine } from '../math.js';
import type { AxisName, AxisScale, Scale, Word } from '../types.js';
import { makeAxisScale } from './axisScale.js';
import { parseTickLabel } from './parseTick.js';

const DEFAULTS = {
  /** A label is moved onto a tick mark or grid line within this share of the label spacing. */
  snapShare: 0.3,
  /** A label agrees with a fit when it lies within this many pixels of its predicted place... */
  minTolerancePx: 2,
  /** ...or this share of the mean label spacing, whichever is larger. */
  toleranceShare: 0.08,
  /** What a repaired reading costs, in labels, when fits are compared. */
  repairCost: 0.5,
  /** Labels read with a decimal point in the same place that make repairs to that format sure. */
  minVouchers: 2,
} as const;

export interface CalibrateInput {
  axis: AxisName;
  /** Tick label words, with boxes in image pixels. */
  words: Word[];
  /** Tick mark (or grid line) positions along the axis, in continuous pixel coordinates. */
  marks: number[];
}

export interface Calibration {
  axis: AxisScale | null;
  warnings: string[];
}

interface Pair {
  text: string;
  value: number;
  pixel: number;
  power: boolean;
  /** Index of the word this reading comes from: one word counts once in a fit. */
  label: number;
  /** true for a reading with a decimal point put back (`18` read as `1.8`). */
  repaired: boolean;
}

/** A power of ten (`10^3`) with its exponent negated; null when it is negative already. */
function withNegativeExponent(text: string): string | null {
  const match = /^(.*\^)(\d+)$/.exec(text.trim());
  return match ? `${match[1]}-${match[2]}` : null;
}

/** Digits after the decimal point of a label as read. */
function decimals(text: string): number {
  const match = /\.(\d+)/.exec(text);
  return match ? match[1].length : 0;
}

/** A whole number of two or more digits: OCR may have lost its decimal point (`1.8` read as `18`). */
const DOTLESS = /^([+\-\u2212]?)(\d{2,})$/;

/** The readings of a dotless whole number with a decimal point put back at each place. */
function withDecimalPoint(text: string): string[] {
  const match = DOTLESS.exec(text.trim());
  if (!match) return [];
  const [, sign, digits] = match;
  return Array.from(
    { length: digits.length - 1 },
    (_, i) => `${sign}${digits.slice(0, i + 1)}.${digits.slice(i + 1)}`,
  );
}

/**
 * Fits an axis from its tick labels: each parsed label is placed on its tick mark, then a
 * consensus line (every pair of labels proposes one; the one most labels agree with wins) is
 * refined by least squares on the labels that agree. A misread label cannot bend the fit; it
 * is reported in `warnings`. Log is chosen when the values fit a log line better.
 * Returns `axis: null` when fewer than two labels agree.
 */
export function calibrateAxis({ axis, words, marks }: CalibrateInput): Calibration {
  const warnings: string[] = [];
  const pairs: Pair[] = [];
  /** Powers of ten read with the exponent's minus put back (`10^3` as `10^-3`). */
  const signRepairs: Pair[] = [];
  const centre = (word: Word) =>
    axis === 'x' ? (word.box.left + word.box.right) / 2 : (word.box.top + word.box.bottom) / 2;
  const centres = words.map(centre).sort((a, b) => a - b);
  const spacing =
    centres.length > 1
      ? (centres.at(-1)! - centres[0]) / (centres.length - 1)
      : Number.POSITIVE_INFINITY;
  words.forEach((word, label) => {
    const parsed = parseTickLabel(word.text);
    if (!parsed) {
      if (word.text.trim() !== '') {
        warnings.push(`${axis} tick '${word.text}' could not be read and was ignored`);
      }
      return;
    }
    let pixel = centre(word);
    // A mark under the label: within the label's extent along the axis, and its share of the spacing.
    const extent =
      axis === 'x'
        ? (word.box.right - word.box.left) * 0.6
        : (word.box.bottom - word.box.top) * 0.8;
    let best = Math.min(spacing * DEFAULTS.snapShare, extent + 2);
    for (const mark of marks) {
      const d = Math.abs(mark - centre(word));
      if (d < best) {
        best = d;
        pixel = mark;
      }
    }
    pairs.push({
      text: word.text,
      value: parsed.value,
      pixel,
      power: parsed.power,
      label,
      repaired: false,
    });
    for (const text of withDecimalPoint(word.text)) {
      const value = parseTickLabel(text)?.value;
      if (value !== undefined)
        pairs.push({ text, value, pixel, power: false, label, repaired: true });
    }
    const negated = parsed.power ? withNegativeExponent(word.text) : null;
    const value = negated === null ? undefined : parseTickLabel(negated)?.value;
    if (negated !== null && value !== undefined) {
      signRepairs.push({ text: negated, value, pixel, power: true, label, repaired: true });
    }
  });
  const originals = pairs.filter((pair) => !pair.repaired);
  const tolerance = Math.max(
    DEFAULTS.minTolerancePx,
    (Number.isFinite(spacing) ? spacing : 0) * DEFAULTS.toleranceShare,
  );
  const linear = consensus(pairs, 'linear', tolerance);
  const positive = originals.every((pair) => pair.value > 0);
  // Lost decimal points are repaired on linear axes only: on a log axis a few repairs can
  // always be found that make some geometric series. A minus lost from an exponent is put
  // back (free where another exponent read with its minus vouches for it).
  const log = positive ? consensus([...originals, ...signRepairs], 'log', tolerance) : null;
  // Labels that are powers of ten (`10^-3`, or `0.01`, `0.1`, `1`) hint a log axis: two of them
  // fit a linear axis just as well, but no linear axis steps by 0.09 or 0.9.
  const decades = originals.filter((pair) => pair.power || isPowerOfTen(pair.value)).length;
  const powers = decades > originals.length / 2;
  let fit = linear;
  if (
    log &&
    (!fit ||
      log.inliers.length > fit.inliers.length ||
      (powers && log.inliers.length >= fit.inliers.length) ||
      (log.inliers.length === fit.inliers.length && log.error < fit.error * 0.5))
  ) {
    fit = log;
  }
  if (!fit) {
    warnings.push(`${axis} axis: fewer than two tick labels could be read; cannot calibrate`);
    return { axis: null, warnings };
  }
  for (const pair of originals) {
    const inlier = fit.inliers.find((other) => other.label === pair.label);
    if (!inlier) {
      warnings.push(`${axis} tick '${pair.text}' disagrees with the other labels and was ignored`);
    } else if (inlier.repaired) {
      const lost = inlier.power ? "its exponent's minus" : 'its decimal point';
      warnings.push(`${axis} tick '${pair.text}' was read as '${inlier.text}': ${lost} was lost`);
    }
  }
  if (fit.inliers.length < 3) {
    warnings.push(
      `${axis} axis: only ${fit.inliers.length} tick labels read; calibration is uncertain`,
    );
  }
  const ticks = fit.inliers
    .map((pair) => ({ text: pair.text, value: pair.value, pixel: pair.pixel }))
    .sort((a, b) => a.pixel - b.pixel);
  return { axis: makeAxisScale(fit.scale, fit.intercept, fit.slope, ticks), warnings };
}

/** True for 10^n, n an integer (up to the rounding of a parsed decimal like 0.001). */
function isPowerOfTen(value: number): boolean {
  if (!(value > 0)) return false;
  const exponent = Math.round(Math.log10(value));
  return Math.abs(value / 10 ** exponent - 1) < 1e-9;
}

interface Fit {
  scale: Scale;
  intercept: number;
  slope: number;
  inliers: Pair[];
  error: number;
  /** How many inliers needed their decimal point put back. */
  repairs: number;
  /** Inliers, less what unvouched repairs cost. */
  support: number;
}

/**
 * The line most labels agree with. A label agrees through its first reading that fits (the
 * text as read, else one with a decimal point put back); on a tie, fewer repairs win, then
 * the smaller mean error.
 */
function consensus(pairs: Pair[], scale: Scale, tolerance: number): Fit | null {
  const v = (pair: Pair) => (scale === 'log' ? Math.log10(pair.value) : pair.value);
  const labels = [...new Set(pairs.map((pair) => pair.label))];
  let best: Fit | null = null;
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++) {
      if (pairs[i].label === pairs[j].label) continue;
      const dp = pairs[j].pixel - pairs[i].pixel;
      const dv = v(pairs[j]) - v(pairs[i]);
      if (Math.abs(dp) < 1 || dv === 0) continue;
      const slope = dv / dp;
      const intercept = v(pairs[i]) - slope * pairs[i].pixel;
      const agrees = (pair: Pair) =>
        Math.abs((v(pair) - intercept) / slope - pair.pixel) <= tolerance;
      let inliers = labels.flatMap((label) => {
        const reading = pairs.find((pair) => pair.label === label && agrees(pair));
        return reading ? [reading] : [];
      });
      // OCR loses decimal points on a whole axis, not on one label: a lone repaired reading
      // ('11' as 1.1 among 2, 3, 4) is a misread.
      if (inliers.filter((pair) => pair.repaired).length === 1) {
        inliers = inliers.filter((pair) => !pair.repaired);
      }
      const refined = fitLine(
        inliers.map((pair) => pair.pixel),
        inliers.map(v),
      );
      if (!refined || refined.slope === 0) continue;
      const error =
        inliers.reduce(
          (sum, pair) => sum + Math.abs((v(pair) - refined.intercept) / refined.slope - pair.pixel),
          0,
        ) / inliers.length;
      const repairs = inliers.filter((pair) => pair.repaired).length;
      // Each repair is a guess: it costs half a label, so a line needs clearly more labels to
      // win with repairs than one that takes the labels as read. Labels read with their
      // point in the same place (the axis's format) vouch for the repairs: then they are free.
      // An exponent read with its minus vouches for minus signs put back.
      const vouched = (pair: Pair) =>
        pair.power
          ? inliers.some((other) => !other.repaired && other.power && other.value < 1)
          : inliers.filter(
              (other) => !other.repaired && decimals(other.text) === decimals(pair.text),
            ).length >= DEFAULTS.minVouchers;
      const cost = inliers.filter((pair) => pair.repaired && !vouched(pair)).length;
      const support = inliers.length - DEFAULTS.repairCost * cost;
      const bestSupport: number = best ? best.support : 0;
      if (
        !best ||
        support > bestSupport ||
        (support === bestSupport && repairs < best.repairs) ||
        (support === bestSupport && repairs === best.repairs && error < best.error)
      ) {
        best = { scale, ...refined, inliers, error, repairs, support };
      }
    }
  }
  return best;
}
