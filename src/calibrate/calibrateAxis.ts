import { fitLine } from '../math.js';
import type { AxisName, AxisScale, Scale, Tick, Word } from '../types.js';
import { axisConfidence } from './axisConfidence.js';
import { parseTickLabel } from './parseTick.js';

/** A label is moved onto a tick mark or grid line within this share of the label spacing. */
const SNAP_SHARE = 0.3;
/** A label agrees with a fit when it lies within this many pixels of its predicted place... */
const MIN_TOLERANCE_PX = 2;
/** ...or this share of the mean label spacing, whichever is larger. */
const TOLERANCE_SHARE = 0.08;

export interface CalibrateInput {
  axis: AxisName;
  /** Tick label words, with boxes in image pixels (`confidence`: how sure OCR was, 0..100). */
  words: Word[];
  /** Tick mark (or grid line) positions along the axis, in continuous pixel coordinates. */
  marks: number[];
}

export interface Calibration {
  axis: AxisScale | null;
  /** 0..1: how far the axis can be trusted (0 when it could not be calibrated). */
  confidence: number;
  warnings: string[];
}

/** How a reading differs from the text OCR gave. */
type Repair =
  /** a decimal point put back (`18` as `1.8`) */
  | 'point'
  /** a decimal point put back after a leading zero (`05` as `0.5`): no number is printed so */
  | 'leading-zero'
  /** a minus put back in an exponent (`10^3` as `10^-3`) */
  | 'exponent-sign'
  /** dots read as thousands separators (`2.000` as 2000, as some locales print) */
  | 'grouping'
  /** a comma read as a decimal point (`0,5` as 0.5) */
  | 'decimal-comma';

interface Pair {
  text: string;
  value: number;
  pixel: number;
  power: boolean;
  /** Index of the word this reading comes from: one word counts once in a fit. */
  label: number;
  /** How the text was changed to give this reading; null for the text as read. */
  repair: Repair | null;
  /** Repairs every label of the axis vouches for cost nothing; the others cost REPAIR_COST. */
  free: boolean;
}

/** What a repaired reading costs, in labels, when fits are compared. */
const REPAIR_COST = 0.5;

/** Labels read with a decimal point in the same place that make repairs to that format sure. */
const MIN_VOUCHERS = 2;

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

/**
 * Two or more digits with no point, and what may follow them (`%`, `k`, `M`, an exponent):
 * OCR may have lost the decimal point (`1.8` read as `18`, `2.5k` as `25k`, `2.5e+06` as
 * `25e+06`).
 */
const DOTLESS = /^([+\-\u2212]?)(\d{2,})([%kKMBG]|[eE][+\-\u2212]?\d+)?$/;
/** A whole number printed with a leading zero (`05`, `-010`): its point was lost after the 0. */
const LEADING_ZERO = /^([+\-\u2212]?)0(\d+)$/;
/** Thousands grouped with dots (`2.000`, `-1.500.000`), as German or Spanish locales print. */
const DOT_GROUPED = /^[+\-\u2212]?[1-9]\d{0,2}(?:\.\d{3})+$/;
/**
 * A comma that can only be a decimal point: one or two digits after it (`0,5`, `12,25`), or
 * three after a lone 0 (`0,250`; `2,000` groups thousands).
 */
const DECIMAL_COMMA = /^([+\-\u2212]?(?:\d+(?=,\d{1,2}(?:[%kKMBG]?)$)|0)),(\d{1,3})([%kKMBG]?)$/;

/** The readings of a dotless number with a decimal point put back at each place. */
function withDecimalPoint(text: string): string[] {
  const match = DOTLESS.exec(text.trim());
  if (!match) return [];
  const [, sign, digits, rest = ''] = match;
  return Array.from(
    { length: digits.length - 1 },
    (_, i) => `${sign}${digits.slice(0, i + 1)}.${digits.slice(i + 1)}${rest}`,
  );
}

/**
 * How sure the labels of an axis make it that dots are thousands separators: 'sure' when every
 * dotted label is grouped in threes and another label is printed without a dot (a decimal
 * formatter prints `0.000`, never `0`, beside `2.000`), 'likely' when every dotted label is
 * grouped in threes ending in `00` (decimals a formatter would not print), else 'no'.
 */
function dotGrouping(texts: string[]): 'sure' | 'likely' | 'no' {
  const dotted = texts.filter((text) => text.includes('.'));
  if (dotted.length < 2 || !dotted.every((text) => DOT_GROUPED.test(text))) return 'no';
  if (dotted.some((text) => (text.match(/\./g) ?? []).length > 1)) return 'sure';
  const plain = texts.some((text) => /^[+\-\u2212]?\d+$/.test(text));
  if (plain) return 'sure';
  return dotted.every((text) => text.endsWith('00')) ? 'likely' : 'no';
}

/** Builds the scale object of an axis from `value = intercept + slope * pixel` (log10 for log). */
export function makeAxisScale(
  scale: Scale,
  intercept: number,
  slope: number,
  ticks: Tick[],
): AxisScale {
  return {
    scale,
    intercept,
    slope,
    ticks,
    pixelToData(pixel) {
      const v = intercept + slope * pixel;
      return scale === 'log' ? 10 ** v : v;
    },
    dataToPixel(value) {
      const v = scale === 'log' ? Math.log10(value) : value;
      return (v - intercept) / slope;
    },
  };
}

/** The axis with every value multiplied by `factor` (an axis multiplier such as `1e6`). */
export function scaleAxis(axis: AxisScale, factor: number): AxisScale {
  if (factor === 1) return axis;
  const ticks = axis.ticks.map((tick) => ({ ...tick, value: tick.value * factor }));
  return axis.scale === 'log'
    ? makeAxisScale('log', axis.intercept + Math.log10(factor), axis.slope, ticks)
    : makeAxisScale('linear', axis.intercept * factor, axis.slope * factor, ticks);
}

/** Whether values grow the way axes grow unless told otherwise: rightwards (x), upwards (y). */
function upright(axis: AxisName, slope: number): boolean {
  return axis === 'x' ? slope > 0 : slope < 0;
}

/**
 * Fits an axis from its tick labels: each parsed label is placed on its tick mark, then a
 * consensus line (every pair of labels proposes one; the one most labels agree with wins) is
 * refined by least squares on the labels that agree. A misread label cannot bend the fit; it
 * is reported in `warnings`. Log is chosen when the values fit a log line better.
 * What the labels say about one another repairs misreads: a decimal point lost on a whole
 * axis (vouched for by labels read with theirs), a leading zero (`05` is 0.5), dots that
 * group thousands (`0 2.000 4.000`), an exponent's lost minus (vouched for by another, or
 * because the axis would otherwise grow downwards). Each repair used is named in `warnings`.
 * `confidence` weighs how many labels agree, how well, the repairs, the OCR's certainty and,
 * on a log axis, the minor tick marks (`axisConfidence`).
 * Returns `axis: null` (confidence 0) when fewer than two labels agree.
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
  const texts = words.map((word) => word.text.trim());
  const grouping = dotGrouping(texts);
  const decimalCommas = texts
    .filter((text) => text.includes(','))
    .every((text) => DECIMAL_COMMA.test(text));
  let unread = 0;
  words.forEach((word, label) => {
    const text = word.text.trim();
    const comma = DECIMAL_COMMA.exec(text);
    const parsed = parseTickLabel(comma ? `${comma[1]}.${comma[2]}${comma[3]}` : text);
    if (!parsed) {
      if (text !== '') {
        unread++;
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
    let best = Math.min(spacing * SNAP_SHARE, extent + 2);
    for (const mark of marks) {
      const d = Math.abs(mark - centre(word));
      if (d < best) {
        best = d;
        pixel = mark;
      }
    }
    const add = (reading: string, repair: Repair | null, free: boolean) => {
      const value = parseTickLabel(reading)?.value;
      if (value !== undefined) {
        pairs.push({ text: reading, value, pixel, power: parsed.power, label, repair, free });
      }
    };
    const zero = LEADING_ZERO.exec(text);
    if (zero) {
      // `05` is no printed number: the point after its zero was lost. Sure, so free.
      add(`${zero[1]}0.${zero[2]}`, 'leading-zero', true);
      return;
    }
    if (grouping !== 'no' && DOT_GROUPED.test(text)) {
      // The axis says its dots group thousands: that reading is free, the decimal one a repair.
      add(text.replaceAll('.', ''), 'grouping', true);
      pairs.push({
        text,
        value: parsed.value,
        pixel,
        power: false,
        label,
        repair: null,
        free: false,
      });
      return;
    }
    if (comma) {
      // A comma no thousands separator can be is a decimal point (a locale's, or a point
      // read as a comma): free when every comma of the axis is one.
      add(`${comma[1]}.${comma[2]}${comma[3]}`, 'decimal-comma', decimalCommas);
      return;
    }
    add(text, null, true);
    for (const reading of withDecimalPoint(text)) add(reading, 'point', false);
    const negated = parsed.power ? withNegativeExponent(text) : null;
    const value = negated === null ? undefined : parseTickLabel(negated)?.value;
    if (negated !== null && value !== undefined) {
      signRepairs.push({
        text: negated,
        value,
        pixel,
        power: true,
        label,
        repair: 'exponent-sign',
        free: false,
      });
    }
  });
  const originals = pairs.filter(
    (pair) =>
      pair.repair === null || pair.repair === 'leading-zero' || pair.repair === 'decimal-comma',
  );
  const tolerance = Math.max(
    MIN_TOLERANCE_PX,
    (Number.isFinite(spacing) ? spacing : 0) * TOLERANCE_SHARE,
  );
  const linear = consensus(pairs, 'linear', tolerance, axis);
  const positive = originals.every((pair) => pair.value > 0);
  // Lost decimal points are repaired on linear axes only: on a log axis a few repairs can
  // always be found that make some geometric series. A minus lost from an exponent is put
  // back (free where another exponent read with its minus vouches for it).
  const log = positive ? consensus([...originals, ...signRepairs], 'log', tolerance, axis) : null;
  // Labels that are powers of ten (`10^-3`, or `0.01`, `0.1`, `1`) hint a log axis: two of them
  // fit a linear axis just as well, but no linear axis steps by 0.09 or 0.9.
  const decades = originals.filter((pair) => pair.power || isPowerOfTen(pair.value)).length;
  const powers = decades > originals.length / 2;
  let fit = linear?.best ?? null;
  if (
    log?.best &&
    (!fit ||
      log.best.inliers.length > fit.inliers.length ||
      (powers && log.best.inliers.length >= fit.inliers.length) ||
      (log.best.inliers.length === fit.inliers.length && log.best.error < fit.error * 0.5))
  ) {
    fit = log.best;
  }
  if (!fit) {
    warnings.push(`${axis} axis: fewer than two tick labels could be read; cannot calibrate`);
    return { axis: null, confidence: 0, warnings };
  }
  // An axis grows up and rightwards unless its labels clearly say otherwise: a fit that
  // explains as many labels and grows the usual way wins (a log axis upside down is a lost
  // exponent sign).
  const sameScale = fit.scale === 'log' ? log : linear;
  if (
    !upright(axis, fit.slope) &&
    sameScale?.upright &&
    sameScale.upright.inliers.length >= fit.inliers.length
  ) {
    fit = sameScale.upright;
  }
  for (const pair of originals) {
    const inlier = fit.inliers.find((other) => other.label === pair.label);
    if (!inlier) {
      warnings.push(`${axis} tick '${pair.text}' disagrees with the other labels and was ignored`);
    } else if (inlier.repair === 'point' || inlier.repair === 'exponent-sign') {
      const lost = inlier.repair === 'exponent-sign' ? "its exponent's minus" : 'its decimal point';
      warnings.push(`${axis} tick '${pair.text}' was read as '${inlier.text}': ${lost} was lost`);
    }
  }
  const read = (repair: Repair) =>
    fit.inliers.filter((pair) => pair.repair === repair).map((pair) => `'${pair.text}'`);
  const leadingZeros = read('leading-zero');
  if (leadingZeros.length > 0) {
    warnings.push(
      `${axis} tick labels read as ${leadingZeros.join(', ')}: a leading zero means a lost decimal point`,
    );
  }
  const commas = read('decimal-comma');
  if (commas.length > 0) {
    warnings.push(`${axis} tick labels read as ${commas.join(', ')}: a comma is a decimal point`);
  }
  const grouped = fit.inliers.filter((pair) => pair.repair === 'grouping');
  if (grouped.length > 0) {
    warnings.push(
      `${axis} tick labels ${grouped.map((pair) => `'${words[pair.label].text.trim()}'`).join(', ')} read with dots as thousands separators`,
    );
  }
  // Labels that would all agree with decimal points put back, printed alike (`1.5` `2.0`
  // `2.5`), are a reading as good as the chosen one that explains fewer: the axis may be
  // ten times off either way.
  const widest = (fit.scale === 'log' ? log : linear)?.widest;
  const ambiguous =
    widest !== undefined &&
    widest !== null &&
    widest.inliers.length > fit.inliers.length &&
    new Set(widest.inliers.map((pair) => decimals(pair.text))).size === 1;
  if (ambiguous) {
    warnings.push(
      `${axis} axis: the tick labels would also agree as ${widest.inliers
        .map((pair) => `'${pair.text}'`)
        .join(', ')}; the reading is uncertain`,
    );
  }
  if (fit.inliers.length < 3) {
    warnings.push(
      `${axis} axis: only ${fit.inliers.length} tick labels read; calibration is uncertain`,
    );
  }
  if (!upright(axis, fit.slope)) {
    warnings.push(
      `${axis} axis: values grow ${axis === 'x' ? 'leftwards' : 'downwards'}, as its tick labels read`,
    );
  }
  const ticks = fit.inliers
    .map((pair) => ({ text: pair.text, value: pair.value, pixel: pair.pixel }))
    .sort((a, b) => a.pixel - b.pixel);
  const labelled = new Set(originals.map((pair) => pair.label)).size;
  const confidence = axisConfidence({
    scale: fit.scale,
    intercept: fit.intercept,
    slope: fit.slope,
    labels: labelled + unread,
    inliers: fit.inliers.length,
    error: fit.error / tolerance,
    repairs: fit.inliers.filter(
      (pair) => pair.repair === 'point' || pair.repair === 'exponent-sign',
    ).length,
    unvouched: fit.inliers.filter((pair) => !pair.free).length,
    grouping: grouped.length > 0 ? grouping : 'no',
    upright: upright(axis, fit.slope),
    ambiguous,
    ocr: Math.min(...fit.inliers.map((pair) => words[pair.label].confidence / 100)),
    marks,
    tickPixels: ticks.map((tick) => tick.pixel),
  });
  if (confidence < LOW_CONFIDENCE) {
    warnings.push(`${axis} axis: calibration is doubtful (confidence ${confidence.toFixed(2)})`);
  }
  return { axis: makeAxisScale(fit.scale, fit.intercept, fit.slope, ticks), confidence, warnings };
}

/** Below this confidence an axis is reported as doubtful in `warnings`. */
const LOW_CONFIDENCE = 0.5;

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
  /** Mean distance (px) of the inliers from the fitted line. */
  error: number;
  /** How many inliers are repaired readings. */
  repairs: number;
  /** Inliers, less what unvouched repairs cost. */
  support: number;
}

/**
 * The line most labels agree with (`best`), the best of those that grow the usual way
 * (`upright`), and the one that agrees with the most labels whatever its repairs cost
 * (`widest`). A label agrees through its first reading that fits (the text as read, else a
 * repaired one); on a tie, fewer repairs win, then the smaller mean error.
 */
function consensus(
  pairs: Pair[],
  scale: Scale,
  tolerance: number,
  axis: AxisName,
): { best: Fit | null; upright: Fit | null; widest: Fit | null } | null {
  const v = (pair: Pair) => (scale === 'log' ? Math.log10(pair.value) : pair.value);
  const labels = [...new Set(pairs.map((pair) => pair.label))];
  let best: Fit | null = null;
  let bestUpright: Fit | null = null;
  let widest: Fit | null = null;
  const better = (fit: Fit, than: Fit | null) =>
    !than ||
    fit.support > than.support ||
    (fit.support === than.support && fit.repairs < than.repairs) ||
    (fit.support === than.support && fit.repairs === than.repairs && fit.error < than.error);
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
      // ('11' as 1.1 among 2, 3, 4) is a misread.
      if (inliers.filter((pair) => pair.repair === 'point').length === 1) {
        inliers = inliers.filter((pair) => pair.repair !== 'point');
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
      const repairs = inliers.filter((pair) => pair.repair !== null).length;
      // Each repair is a guess: it costs half a label, so a line needs clearly more labels to
      // win with repairs than one that takes the labels as read. Labels read with their
      // point in the same place (the axis's format) vouch for the repairs: then they are free.
      // An exponent read with its minus vouches for minus signs put back.
      const vouched = (pair: Pair) => {
        if (pair.free) return true;
        if (pair.repair === 'exponent-sign') {
          return inliers.some((other) => other.repair === null && other.power && other.value < 1);
        }
        if (pair.repair !== 'point') return false;
        // A label read with a leading zero is sure of the format: it counts for two.
        const vouchers = inliers.reduce(
          (sum, other) =>
            decimals(other.text) !== decimals(pair.text)
              ? sum
              : other.repair === 'leading-zero'
                ? sum + MIN_VOUCHERS
                : other.repair === null && other.free
                  ? sum + 1
                  : sum,
          0,
        );
        return vouchers >= MIN_VOUCHERS;
      };
      const inlierPairs = inliers.map((pair) => ({ ...pair, free: vouched(pair) }));
      const cost = inlierPairs.filter((pair) => !pair.free).length;
      const fit: Fit = {
        scale,
        ...refined,
        inliers: inlierPairs,
        error,
        repairs,
        support: inliers.length - REPAIR_COST * cost,
      };
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
  return best ? { best, upright: bestUpright, widest } : null;
}
