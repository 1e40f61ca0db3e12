import { fitLine } from '../math.js';
import type { AxisName, Scale } from '../types.js';
import { decimals, mantissaExponent, type Pair } from './tickReadings.js';

const DEFAULTS = {
  /** What a repaired reading costs, in labels, when fits are compared. */
  repairCost: 0.5,
  /** Labels read with a decimal point in the same place that make repairs to that format sure. */
  minVouchers: 2,
  /**
   * The steps engines put between neighbouring ticks of a linear axis, as multiples of a power
   * of ten (10 is the next power's 1).
   */
  niceSteps: [1, 2, 2.5, 5, 10],
  /**
   * A fit's step from one label to the next is one of them within this share: the labels'
   * spacing is measured from their boxes' middles, a pixel or two off over the width of a few.
   */
  niceShare: 0.05,
  /** Its labels are multiples of half that step within this share of it (`onTheirStep`). */
  multipleShare: 0.04,
} as const;

/** A line through the readings of an axis's labels. */
export interface Fit {
  scale: Scale;
  intercept: number;
  slope: number;
  /** One reading per label the line agrees with; `free` where the fit vouches for it. */
  inliers: Pair[];
  /** Mean distance (px) of the inliers from the fitted line. */
  error: number;
  /** How many inliers are repaired readings. */
  repairs: number;
  /** Inliers, less what unvouched repairs cost. */
  support: number;
  /**
   * Whether the line steps from one label to the next by a step engines print (`niceStep`);
   * false where the labels' spacing is not known.
   */
  nice?: boolean;
}

/** The lines a consensus found: see `consensus`. */
export interface Consensus {
  best: Fit;
  upright: Fit | null;
  widest: Fit;
}

/** Whether values grow the way axes grow unless told otherwise: rightwards (x), upwards (y). */
export function upright(axis: AxisName, slope: number): boolean {
  return axis === 'x' ? slope > 0 : slope < 0;
}

/**
 * The line most labels agree with (`best`), the best of those that grow the usual way
 * (`upright`), and the one that agrees with the most labels whatever its repairs cost
 * (`widest`): every two readings of different labels propose a line, refined by least squares
 * on the readings within `tolerance` px of it. A label agrees through its free reading that
 * fits, else its first; on a tie, fewer repairs win, then a linear line stepping from one label
 * to the next (`spacing` px apart, where given) by a step engines print, with its labels on
 * that step (`niceStep`: two misread labels make a line as exactly as two read right, `9.433432`
 * over `0.4323` beside `0.00600` over `0.00500`), then the smaller mean error. Null when no two
 * readings make a line.
 */
export function consensus(
  pairs: Pair[],
  scale: Scale,
  tolerance: number,
  axis: AxisName,
  spacing?: number,
): Consensus | null {
  const v = (pair: Pair) => (scale === 'log' ? Math.log10(pair.value) : pair.value);
  const labels = [...new Set(pairs.map((pair) => pair.label))];
  let best: Fit | null = null;
  let bestUpright: Fit | null = null;
  let widest: Fit | null = null;
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
        // The free reading of a label first (as read, or the repair its axis vouches for).
        const readings = pairs.filter((pair) => pair.label === label && agrees(pair));
        const reading = readings.find((pair) => pair.free) ?? readings[0];
        return reading ? [reading] : [];
      });
      // OCR loses decimal points on a whole axis, not on one label: a lone repaired reading
      // ('11' as 1.1 among 2, 3, 4) is a misread, unless labels read with their points print
      // it so ('20' as 2.0 among 2.5 and 1.5: a point lost on one small label).
      const repaired = inliers.filter((pair) => pair.repair === 'point');
      if (repaired.length === 1 && !vouched(repaired[0], inliers)) {
        inliers = inliers.filter((pair) => pair.repair !== 'point');
      }
      const fit = fitThrough(inliers, scale, v, spacing);
      if (!fit) continue;
      if (better(fit, best)) best = fit;
      if (upright(axis, fit.slope) && better(fit, bestUpright)) bestUpright = fit;
      if (
        !widest ||
        fit.inliers.length > widest.inliers.length ||
        (fit.inliers.length === widest.inliers.length && better(fit, widest))
      ) {
        widest = fit;
      }
    }
  }
  return best && widest ? { best, upright: bestUpright, widest } : null;
}

/**
 * Whether `fit` beats `than`: more support, then fewer repairs, then a step engines print, then
 * a smaller error.
 */
function better(fit: Fit, than: Fit | null): boolean {
  if (!than || fit.support !== than.support) return !than || fit.support > than.support;
  if (fit.repairs !== than.repairs) return fit.repairs < than.repairs;
  if (Boolean(fit.nice) !== Boolean(than.nice)) return Boolean(fit.nice);
  return fit.error < than.error;
}

/**
 * Whether a linear line steps by 1, 2, 2.5 or 5 times a power of ten from one label to the next
 * (`spacing` px apart), and its labels' values are multiples of half that step: engines print a
 * linear axis so (`0.006 0.005`, not `9.433432 0.4323`).
 */
export function niceStep(slope: number, spacing: number, values: number[]): boolean {
  const step = Math.abs(slope) * spacing;
  if (!(step > 0) || !Number.isFinite(step)) return false;
  const power = 10 ** Math.floor(Math.log10(step));
  const nice = DEFAULTS.niceSteps.find(
    (multiple) => Math.abs(step / (multiple * power) - 1) <= DEFAULTS.niceShare,
  );
  if (nice === undefined) return false;
  const half = (nice * power) / 2;
  return values.every(
    (value) => Math.abs(value / half - Math.round(value / half)) <= DEFAULTS.multipleShare,
  );
}

/**
 * The least-squares line through `inliers` (`v`: a reading's value, or its log10), with what
 * its repairs cost; null when the line is flat or cannot be fitted.
 */
function fitThrough(
  inliers: Pair[],
  scale: Scale,
  v: (pair: Pair) => number,
  spacing?: number,
): Fit | null {
  const refined = fitLine(
    inliers.map((pair) => pair.pixel),
    inliers.map(v),
  );
  if (!refined || refined.slope === 0) return null;
  const error =
    inliers.reduce(
      (sum, pair) => sum + Math.abs((v(pair) - refined.intercept) / refined.slope - pair.pixel),
      0,
    ) / inliers.length;
  const repairs = inliers.filter((pair) => pair.repair !== null).length;
  // Each repair is a guess: it costs a share of a label, so a line needs clearly more labels
  // to win with repairs than one that takes the labels as read, unless others vouch for it.
  const vouchedInliers = inliers.map((pair) => ({ ...pair, free: vouched(pair, inliers) }));
  const cost = vouchedInliers.filter((pair) => !pair.free).length;
  return {
    scale,
    ...refined,
    inliers: vouchedInliers,
    error,
    repairs,
    support: inliers.length - DEFAULTS.repairCost * cost,
    nice:
      scale === 'linear' &&
      spacing !== undefined &&
      niceStep(
        refined.slope,
        spacing,
        inliers.map((pair) => pair.value),
      ),
  };
}

/**
 * Whether the other inliers vouch for a reading: labels read with their point in the same
 * place (the axis's format) vouch for a point put back, a label with a leading zero counting
 * for two; an exponent read with its minus vouches for minus signs put back; a mantissa read
 * with an exponent as printed vouches for that exponent given to the others.
 */
function vouched(pair: Pair, inliers: Pair[]): boolean {
  if (pair.free) return true;
  if (pair.repair === 'exponent') {
    // a label read with that exponent as printed
    const exponent = mantissaExponent(pair.text);
    return inliers.some(
      (other) =>
        (other.repair === null || other.repair === 'second-reading') &&
        mantissaExponent(other.text) === exponent,
    );
  }
  if (pair.repair === 'decade') {
    // two labels or more read as powers of ten (`100 10 1`) show the axis labels its decades
    return (
      inliers.filter((other) => other.repair === null && isDecade(other.value)).length >=
      DEFAULTS.minVouchers
    );
  }
  if (pair.repair === 'exponent-sign') {
    return inliers.some((other) => other.repair === null && other.power && other.value < 1);
  }
  if (pair.repair !== 'point') return false;
  const vouchers = inliers.reduce(
    (sum, other) =>
      decimals(other.text) !== decimals(pair.text)
        ? sum
        : other.repair === 'leading-zero'
          ? sum + DEFAULTS.minVouchers
          : other.repair === null && other.free
            ? sum + 1
            : sum,
    0,
  );
  return vouchers >= DEFAULTS.minVouchers;
}

/** Whether a value is a power of ten (`0.1`, `1`, `1e5`). */
function isDecade(value: number): boolean {
  const exponent = Math.log10(Math.abs(value));
  return Math.abs(exponent - Math.round(exponent)) < 1e-9;
}
