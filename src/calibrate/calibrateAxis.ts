import { fitLine, percentile } from '../math.js';
import type { AxisName, AxisScale, Word } from '../types.js';
import { axisConfidence } from './axisConfidence.js';
import { makeAxisScale, onLogTick } from './axisScale.js';
import { type Consensus, consensus, type Fit, upright } from './consensus.js';
import { evenSteps, onTheirStep } from './steps.js';
import {
  decimals,
  mantissaExponent,
  type Pair,
  type Repair,
  type TickReadings,
  tickReadings,
} from './tickReadings.js';
import { unroundLabels } from './unroundLabels.js';

const DEFAULTS = {
  /** A label agrees with a fit when it lies within this many pixels of its predicted place... */
  minTolerancePx: 2,
  /** ...or this share of the mean label spacing, whichever is larger. */
  toleranceShare: 0.08,
  /** Below this confidence an axis is reported as doubtful in `warnings`. */
  lowConfidence: 0.5,
  /**
   * How far a linear fit can be trusted whose labels do not step by whole multiples of their
   * smallest step (`13 34 70`: names, or misreads, that a loose fit let through).
   */
  unevenSteps: 0.5,
  /** Two fits put the labels in the same place within this share of the span they label. */
  sameShare: 0.02,
  /**
   * How far a linear fit can be trusted whose neighbouring labels print one value (`7M 7M 6M
   * 6M`: printed rounded to fewer digits than they step by, so each is off by up to half its
   * last digit, and the fit with them).
   */
  repeatedLabels: 0.4,
  /** ...and one whose labels were read ending in a thousands separator (`12,`: `12,000` cut). */
  cutGroups: 0.4,
  /**
   * ...and a log fit whose labels lie within one decade and name no power of ten (`2 3 4 5`:
   * the minor labels Plotly prints between decades, whose decade is told by labels not read).
   */
  oneDecade: 0.4,
  /**
   * A fit that puts back lost decimal points is in doubt where the labels taken as read agree on
   * a line of their own that explains this share of its labels (`2.40 2.30 220 210 ... 150`:
   * two points read into `240 230`, or eight lost).
   */
  asReadShare: 0.75,
  /** Two log lines step alike when their slopes differ by at most this share. */
  prefixSlope: 0.05,
  /**
   * How far a fit can be trusted that puts a point back after the first of two leading zeros
   * (`0060` as 0.060): printed `0.0060`, the reader that lost the point may have lost a zero
   * with it, and the axis is then ten times off.
   */
  doubleZero: 0.4,
} as const;

export interface CalibrateInput {
  axis: AxisName;
  /** Tick label words, with boxes in image pixels (`confidence`: how sure OCR was, 0..100). */
  words: Word[];
  /** Tick mark (or grid line) positions along the axis, in continuous pixel coordinates. */
  marks: number[];
  /**
   * The plot's sides along the axis (left and right for x), where an end label set flush with
   * its side has its tick (`tickReadings`).
   */
  ends?: readonly [number, number];
}

export interface Calibration {
  axis: AxisScale | null;
  /** 0..1: how far the axis can be trusted (0 when it could not be calibrated). */
  confidence: number;
  warnings: string[];
  /** Whether every label the fit uses was read with a leading zero (`05` as 0.5, or `Q1` as `01`). */
  leadingZeros?: boolean;
}

/** The readings a fit chose between, and the lines each scale offered. */
interface Choice {
  fit: Fit;
  /** The consensus of the fit's scale. */
  same: Consensus;
  /** The readings as read or surely repaired (one or more per label). */
  originals: Pair[];
}

/**
 * Fits an axis from its tick labels: each parsed label is placed on its tick mark, then a
 * consensus line (every pair of labels proposes one; the one most labels agree with wins) is
 * refined by least squares on the labels that agree. A misread label cannot bend the fit; it
 * is reported in `warnings`. Log is chosen when the values fit a log line better.
 * What the labels say about one another repairs misreads (`tickReadings`): a decimal point
 * lost on a whole axis (vouched for by labels read with theirs), a leading zero (`05` is 0.5),
 * dots that group thousands (`0 2.000 4.000`), an exponent's lost minus (vouched for by
 * another, or because the axis would otherwise grow downwards). Each repair used is named in
 * `warnings`. `confidence` weighs how many labels agree, how well, the repairs, the OCR's
 * certainty and, on a log axis, the minor tick marks (`axisConfidence`).
 * Returns `axis: null` (confidence 0) when fewer than two labels agree.
 */
export function calibrateAxis({ axis, words, marks, ends }: CalibrateInput): Calibration {
  const readings = tickReadings(axis, words, marks, ends);
  const { spacing } = readings;
  const tolerance = Math.max(
    DEFAULTS.minTolerancePx,
    (Number.isFinite(spacing) ? spacing : 0) * DEFAULTS.toleranceShare,
  );
  const warnings = [...readings.warnings];
  const choice = chooseFit(axis, readings, tolerance);
  if (!choice) {
    warnings.push(`${axis} axis: fewer than two tick labels could be read; cannot calibrate`);
    return { axis: null, confidence: 0, warnings };
  }
  const { same, originals } = choice;
  // A log fit through mantissas of one decade (`2 3 4 5`, Plotly's minor labels) is put in its
  // decade by the powers of ten read at decade lines (`100`, `1000`), with the mantissas of the
  // other decades; unplaced, the decade is a guess.
  const mantissas = choice.fit.scale === 'log' && withinDecade(choice.fit.inliers);
  const placed = mantissas ? inDecade(choice.fit, originals, tolerance) : null;
  // Whole numbers a whole number of thousands off the labels printed with decimals on a log axis
  // (`100 10 1` over `0.01 0.001`) lost an SI prefix (`100µ`: the glyph reader knows no `µ`).
  const prefixed = lostPrefix(axis, placed ?? choice.fit, readings.pairs, tolerance);
  // Labels printed rounded (`4M 4M 5M 5M`) that fit no line as read: the evenly stepped values
  // they round to explain them all.
  const unrounded = choice.fit.scale === 'linear' ? unroundedFit(readings.pairs, choice.fit) : null;
  const fit = unrounded ?? prefixed ?? placed ?? choice.fit;
  // Labels that would all agree with decimal points put back, printed alike (`1.5` `2.0`
  // `2.5`), are a reading as good as the chosen one that explains fewer: the axis may be
  // ten times off either way.
  const { widest } = same;
  // Labels read two ways (`Word.second`) that agree as well read the other way: the readers
  // disagree on the exponent, and nothing tells which is right.
  const other = otherReading(axis, fit, readings.pairs, tolerance);
  const alike =
    widest.inliers.length > fit.inliers.length &&
    new Set(widest.inliers.map((pair) => decimals(pair.text))).size === 1;
  const exponents = exponentsApart(fit, words);
  const asRead = pointsInDoubt(axis, fit, readings.pairs, tolerance);
  const ambiguous = alike || other !== null || exponents !== null || asRead !== null;
  warnings.push(...fitWarnings(axis, fit, originals, words));
  if (exponents) {
    warnings.push(
      `${axis} axis: its tick labels' exponents read as ${exponents.join(', ')}; the reading is uncertain`,
    );
  }
  if (alike || other !== null || asRead !== null) {
    const others = (alike ? widest : (other ?? asRead)!).inliers
      .map((pair) => `'${pair.text}'`)
      .join(', ');
    warnings.push(
      `${axis} axis: the tick labels would also agree as ${others}; the reading is uncertain`,
    );
  }
  const ticks = fit.inliers
    .map((pair) => ({ text: pair.text, value: pair.value, pixel: pair.pixel }))
    .sort((a, b) => a.pixel - b.pixel);
  const grouped = fit.inliers.some((pair) => pair.repair === 'grouping');
  const values = fit.inliers.map((pair) => pair.value);
  const even = fit.scale !== 'linear' || evenSteps(values);
  const quoted = ticks.map((tick) => `'${tick.text}'`).join(', ');
  if (!even) {
    warnings.push(`${axis} tick labels ${quoted} do not step evenly: their values are in doubt`);
  }
  // Engines put ticks on multiples of their step (or of half of it, labelling every other
  // tick): `309 409 509` is `30% 40% 50%` misread alike.
  const stepped = !even || fit.scale !== 'linear' || onTheirStep(values);
  if (!stepped) {
    warnings.push(
      `${axis} tick labels ${quoted} are not multiples of their step: their values are in doubt`,
    );
  }
  const fitted = axisConfidence({
    scale: fit.scale,
    intercept: fit.intercept,
    slope: fit.slope,
    labels: new Set(originals.map((pair) => pair.label)).size + readings.unread,
    inliers: fit.inliers.length,
    error: fit.error / tolerance,
    repairs: fit.inliers.filter(
      (pair) =>
        pair.repair === 'point' ||
        pair.repair === 'exponent-sign' ||
        pair.repair === 'exponent' ||
        pair.repair === 'mantissa-point' ||
        pair.repair === 'e-zero' ||
        pair.repair === 'si-prefix' ||
        pair.repair === 'sign' ||
        pair.repair === 'decade' ||
        pair.repair === 'suffix' ||
        pair.repair === 'minus',
    ).length,
    unvouched: fit.inliers.filter((pair) => !pair.free).length,
    grouping: grouped ? readings.grouping : 'no',
    upright: upright(axis, fit.slope),
    ambiguous,
    ocr: Math.min(...fit.inliers.map((pair) => words[pair.label].confidence / 100)),
    typicalOcr: percentile(
      fit.inliers.map((pair) => words[pair.label].confidence / 100),
      0.5,
    ),
    marks,
    tickPixels: ticks.map((tick) => tick.pixel),
  });
  // Labels printed rounded: a neighbour of a label the fit uses prints its value.
  const repeated = originals.filter((pair) =>
    fit.inliers.some(
      (inlier) =>
        inlier.label !== pair.label &&
        inlier.value === pair.value &&
        Math.abs(inlier.pixel - pair.pixel) > tolerance &&
        Math.abs(inlier.pixel - pair.pixel) < spacing * 1.5,
    ),
  );
  if (unrounded) {
    const values = ticks.map((tick) => tick.value);
    warnings.push(
      `${axis} tick labels ${quoted} are printed rounded: their values were taken as the even steps they round to, ${Math.min(...values)} to ${Math.max(...values)}`,
    );
  } else if (fit.scale === 'linear' && repeated.length > 0) {
    warnings.push(
      `${axis} tick labels repeat ${[...new Set(repeated.map((pair) => `'${pair.text}'`))].join(', ')} at neighbouring ticks: printed rounded, their values are in doubt`,
    );
  }
  // Labels read ending in a comma (`12,` `10,`) lost the digit groups after their thousands
  // separators, put back as one group of zeros (`tickReadings`): the values may be off where
  // more, or other digits, were lost.
  const cut = fit.inliers.filter((pair) => pair.repair === 'cut-group');
  if (cut.length >= 2) {
    warnings.push(
      `${axis} tick labels read as ${cut.map((pair) => `'${cutText(words[pair.label])}'`).join(', ')}: the digits after their thousands separators were lost, taken as ${cut.map((pair) => `'${pair.text}'`).join(', ')}`,
    );
  }
  // A point lost after two leading zeros (`0060`) may have taken a zero with it (`0.0060`),
  // unless labels read with their points show how many decimals the axis prints.
  const pointed = fit.inliers.some((pair) => pair.repair === null && /\.\d/.test(pair.text));
  const doubleZeros = pointed
    ? []
    : fit.inliers.filter(
        (pair) => pair.repair === 'leading-zero' && DOUBLE_ZERO.test(words[pair.label].text.trim()),
      );
  if (doubleZeros.length > 0) {
    warnings.push(
      `${axis} tick labels read as ${doubleZeros.map((pair) => `'${words[pair.label].text.trim()}'`).join(', ')}: the decimal point lost after their leading zero may have taken a zero with it; the values may be ten times off`,
    );
  }
  if (mantissas && !placed) {
    warnings.push(
      `${axis} tick labels ${quoted} lie within one decade and name no power of ten: the axis may be a power of ten off`,
    );
  }
  const confidence =
    (doubleZeros.length > 0 ? DEFAULTS.doubleZero : 1) *
    (cut.length >= 2 ? DEFAULTS.cutGroups : 1) *
    (mantissas && !placed ? DEFAULTS.oneDecade : 1) *
    fitted *
    (even && stepped ? 1 : DEFAULTS.unevenSteps) *
    (unrounded || (fit.scale === 'linear' && repeated.length > 0) ? DEFAULTS.repeatedLabels : 1);
  if (confidence < DEFAULTS.lowConfidence) {
    warnings.push(`${axis} axis: calibration is doubtful (confidence ${confidence.toFixed(2)})`);
  }
  return {
    axis: makeAxisScale(fit.scale, fit.intercept, fit.slope, ticks),
    confidence,
    warnings,
    leadingZeros: fit.inliers.every((pair) => pair.repair === 'leading-zero'),
  };
}

/**
 * The line through the values of labels printed rounded (`unroundLabels`), one reading per label
 * (as read, else a sure repair), where it explains more labels than `fit`. Null where it does not.
 */
function unroundedFit(pairs: Pair[], fit: Fit): Fit | null {
  const labels = new Map<number, Pair>();
  for (const pair of pairs) {
    if ((pair.repair === null || pair.free) && !labels.has(pair.label))
      labels.set(pair.label, pair);
  }
  if (labels.size <= fit.inliers.length) return null;
  const values = unroundLabels([...labels.values()]);
  const line =
    values &&
    fitLine(
      values.map((pair) => pair.pixel),
      values.map((pair) => pair.value),
    );
  if (!values || !line || line.slope === 0) return null;
  const error =
    values.reduce(
      (sum, pair) => sum + Math.abs((pair.value - line.intercept) / line.slope - pair.pixel),
      0,
    ) / values.length;
  const inliers = values.map((pair) => ({ ...pair, free: true }));
  return {
    scale: 'linear',
    ...line,
    inliers,
    error,
    repairs: 0,
    support: inliers.length,
  };
}

/** The reading of a label that lost a digit group (`12,`, `80.09`): its second reader's where
 * that ended in a comma, else its text. */
function cutText(word: Word): string {
  const second = word.second?.trim();
  return !word.text.trim().endsWith(',') && second?.endsWith(',') ? second : word.text.trim();
}

/** A number read with two leading zeros (`0060`, `-005`): no formatter prints one. */
const DOUBLE_ZERO = /^[+\-\u2212]?00\d/;

/**
 * The line that explains the labels best, linear or log. Lost decimal points are repaired on
 * linear axes only: on a log axis a few repairs can always be found that make some geometric
 * series. A minus lost from an exponent is put back on log axes. Labels that are mostly powers
 * of ten hint a log axis, and an axis grows up and rightwards unless its labels clearly say
 * otherwise. Null when no two labels agree.
 */
function chooseFit(axis: AxisName, readings: TickReadings, tolerance: number): Choice | null {
  const { pairs, signRepairs } = readings;
  const originals = pairs.filter(
    (pair) =>
      pair.repair === null ||
      pair.repair === 'leading-zero' ||
      pair.repair === 'decimal-comma' ||
      pair.repair === 'mantissa-point' ||
      pair.repair === 'second-reading' ||
      pair.repair === 'suffix',
  );
  const linear = consensus(pairs, 'linear', tolerance, axis, readings.spacing);
  // A label read as 0 or less, or off a log axis' ticks (`onLogTick`), is a misread on a log
  // axis, not a reason to rule one out; labels such as `125M 350M 2.7B` are none.
  const log = consensus(
    [...originals, ...signRepairs].filter((pair) => onLogTick(pair.value)),
    'log',
    tolerance,
    axis,
  );
  // Labels that are powers of ten (`10^-3`, or `0.01`, `0.1`, `1`) hint a log axis: two of them
  // fit a linear axis just as well, but no linear axis steps by 0.09 or 0.9. Written as powers
  // is no hint (`0.7e-4 0.8e-4`, `1.5×10^3 2×10^3` step linearly).
  const decades = originals.filter((pair) => isPowerOfTen(pair.value)).length;
  const powers = decades > originals.length / 2;
  let fit = linear?.best ?? null;
  if (
    log &&
    (!fit ||
      log.best.inliers.length > fit.inliers.length ||
      (powers && log.best.inliers.length >= fit.inliers.length) ||
      // two labels fit either line exactly: only three or more can fit one better
      (log.best.inliers.length === fit.inliers.length &&
        fit.inliers.length > 2 &&
        log.best.error < fit.error * 0.5))
  ) {
    fit = log.best;
  }
  if (!fit) return null;
  const same = (fit.scale === 'log' ? log : linear)!;
  // A fit that explains as many labels and grows the usual way wins (a log axis upside down
  // is a lost exponent sign); so does one of fewer labels where the upside-down fit's values
  // do not step evenly (`1.0 75 176.4`: other text read as labels, no axis printed so).
  const uneven = fit.scale === 'linear' && !evenSteps(fit.inliers.map((pair) => pair.value));
  if (
    !upright(axis, fit.slope) &&
    same.upright &&
    (uneven || same.upright.inliers.length >= fit.inliers.length)
  ) {
    fit = same.upright;
  }
  return { fit, same, originals };
}

/**
 * The line through the other readings of the labels read two ways (`second-reading`), where it
 * is as good as `fit` and puts the labels elsewhere (by more than 2% of the span `fit`'s labels
 * mark): with the labels read once that agree with it, it explains as many labels as `fit`; or
 * it explains as many of the labels read two ways as `fit` does (two at least). Null where
 * there is none.
 */
function otherReading(axis: AxisName, fit: Fit, pairs: Pair[], tolerance: number): Fit | null {
  const twice = new Set(
    pairs.filter((pair) => pair.repair === 'second-reading').map((pair) => pair.label),
  );
  // Each label read two ways by the reading the fit did not take (the second, where it took none).
  const others = pairs.filter((pair) => {
    if (!twice.has(pair.label) || pair.repair === 'exponent') return false;
    const taken = fit.inliers.find((inlier) => inlier.label === pair.label);
    return taken ? taken.repair !== pair.repair : pair.repair === 'second-reading';
  });
  const line = others.length >= 2 ? consensus(others, fit.scale, tolerance, axis)?.best : null;
  if (!line) return null;
  const value = (pair: Pair) => (fit.scale === 'log' ? Math.log10(pair.value) : pair.value);
  const at = (pixel: number) => line.intercept + line.slope * pixel;
  const agrees = (pair: Pair) =>
    Math.abs((value(pair) - line.intercept) / line.slope - pair.pixel) <= tolerance;
  const readOnce = new Set(
    pairs.filter((pair) => !twice.has(pair.label) && agrees(pair)).map((pair) => pair.label),
  );
  const used = fit.inliers.filter((pair) => twice.has(pair.label)).length;
  const asGood =
    line.inliers.length + readOnce.size >= fit.inliers.length ||
    (used >= 2 && line.inliers.length >= used);
  const pixels = fit.inliers.map((pair) => pair.pixel);
  const fitAt = (pixel: number) => fit.intercept + fit.slope * pixel;
  const span = Math.abs(fitAt(Math.max(...pixels)) - fitAt(Math.min(...pixels)));
  const apart = pixels.some(
    (pixel) => Math.abs(at(pixel) - fitAt(pixel)) > span * DEFAULTS.sameShare,
  );
  return asGood && apart ? line : null;
}

/**
 * The line through the labels taken as read, where `fit` puts back decimal points and that line
 * explains `asReadShare` of as many labels and puts them elsewhere (by more than 2% of the span
 * `fit`'s labels mark): points read into a few labels (`2.40` for `240`) are as likely as points
 * lost from the rest. Null where there is none.
 */
function pointsInDoubt(axis: AxisName, fit: Fit, pairs: Pair[], tolerance: number): Fit | null {
  if (fit.scale !== 'linear' || !fit.inliers.some((pair) => pair.repair === 'point')) return null;
  const line = consensus(
    pairs.filter((pair) => pair.repair === null),
    'linear',
    tolerance,
    axis,
  )?.best;
  if (!line || line.inliers.length < fit.inliers.length * DEFAULTS.asReadShare) return null;
  const pixels = fit.inliers.map((pair) => pair.pixel);
  const at = (f: Fit, pixel: number) => f.intercept + f.slope * pixel;
  const span = Math.abs(at(fit, Math.max(...pixels)) - at(fit, Math.min(...pixels)));
  const apart = pixels.some(
    (pixel) => Math.abs(at(line, pixel) - at(fit, pixel)) > span * DEFAULTS.sameShare,
  );
  return apart ? line : null;
}

/**
 * A log fit through whole numbers (`100 10 1`) moved by a whole number of thousands (an SI
 * prefix: `100µ` read as `100`, its `µ` lost) onto the line that labels read with decimals and
 * left out (`0.01 0.001`, two or more) agree on, at the same slope: its inliers then are those
 * labels and its own, their values moved (`si-prefix`, vouched for). Null where there is no
 * such line.
 */
function lostPrefix(axis: AxisName, fit: Fit, pairs: Pair[], tolerance: number): Fit | null {
  if (fit.scale !== 'log' || !fit.inliers.every((pair) => Number.isInteger(pair.value)))
    return null;
  const used = new Set(fit.inliers.map((pair) => pair.label));
  const decimal = pairs.filter(
    (pair) =>
      !used.has(pair.label) &&
      pair.repair === null &&
      pair.value > 0 &&
      /\d\.\d/.test(pair.text) &&
      onLogTick(pair.value),
  );
  if (decimal.length < 2) return null;
  const line = consensus(decimal, 'log', tolerance, axis)?.best;
  if (!line || line.inliers.length < 2) return null;
  if (Math.abs(line.slope - fit.slope) > Math.abs(fit.slope) * DEFAULTS.prefixSlope) return null;
  const pixels = fit.inliers.map((pair) => pair.pixel);
  const middle = (Math.min(...pixels) + Math.max(...pixels)) / 2;
  const off = line.intercept + line.slope * middle - (fit.intercept + fit.slope * middle);
  const thousands = Math.round(off / 3);
  if (thousands === 0 || Math.abs(off - thousands * 3) > tolerance * Math.abs(fit.slope)) {
    return null;
  }
  const moved = fit.inliers.map((pair) => ({
    ...pair,
    value: Number((pair.value * 10 ** (thousands * 3)).toPrecision(12)),
    repair: 'si-prefix' as const,
    free: true,
  }));
  const joined = consensus([...moved, ...line.inliers], 'log', tolerance, axis)?.best;
  return joined && joined.inliers.length === moved.length + line.inliers.length ? joined : null;
}

/**
 * What a fit leaves in doubt: labels it ignores, the repairs it leans on, too few labels, and
 * an axis growing leftwards or downwards.
 */
function fitWarnings(axis: AxisName, fit: Fit, originals: Pair[], words: Word[]): string[] {
  const warnings: string[] = [];
  for (const pair of originals) {
    const inlier = fit.inliers.find((other) => other.label === pair.label);
    if (!inlier) {
      warnings.push(`${axis} tick '${pair.text}' disagrees with the other labels and was ignored`);
    } else if (inlier.repair === 'point' || inlier.repair === 'exponent-sign') {
      const lost = inlier.repair === 'exponent-sign' ? "its exponent's minus" : 'its decimal point';
      warnings.push(`${axis} tick '${pair.text}' was read as '${inlier.text}': ${lost} was lost`);
    } else if (inlier.repair === 'decade') {
      warnings.push(
        `${axis} tick '${pair.text}' was read as '${inlier.text}': its mantissa 1 was misread`,
      );
    } else if (inlier.repair === 'minus') {
      warnings.push(
        `${axis} tick '${pair.text}' was read as '${inlier.text}': the glyph before its digits, read unsure, was taken for a minus`,
      );
    } else if (inlier.repair === 'sign') {
      warnings.push(
        `${axis} tick '${pair.text}' was read as '${inlier.text}': its minus was a speck or a mark`,
      );
    }
  }
  // Named as repaired (`'0.5'`), or as printed where the repair only drops separators.
  const read = (repair: Repair, as: 'repaired' | 'printed' = 'repaired') =>
    fit.inliers
      .filter((pair) => pair.repair === repair)
      .map((pair) => `'${as === 'repaired' ? pair.text : words[pair.label].text.trim()}'`)
      .join(', ');
  const leadingZeros = read('leading-zero');
  if (leadingZeros) {
    warnings.push(
      `${axis} tick labels read as ${leadingZeros}: a leading zero means a lost decimal point`,
    );
  }
  const mantissas = read('mantissa-point');
  if (mantissas) {
    warnings.push(
      `${axis} tick labels read as ${mantissas}: a mantissa of two digits means a lost decimal point`,
    );
  }
  const commas = read('decimal-comma');
  if (commas) warnings.push(`${axis} tick labels read as ${commas}: a comma is a decimal point`);
  const exponents = read('exponent');
  if (exponents) {
    warnings.push(
      `${axis} tick labels read as ${exponents}: their exponents were misread, and are those of the axis's other labels`,
    );
  }
  const prefixes = read('si-prefix');
  if (prefixes) {
    warnings.push(
      `${axis} tick labels read as ${prefixes} lost an SI prefix: the labels printed with decimals place them`,
    );
  }
  const suffixed = read('suffix', 'printed');
  if (suffixed) {
    warnings.push(
      `${axis} tick labels ${suffixed} all end in one digit, which makes them step unevenly: taken as a percent sign misread`,
    );
  }
  const grouped = read('grouping', 'printed');
  if (grouped) {
    warnings.push(`${axis} tick labels ${grouped} read with dots as thousands separators`);
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
  return warnings;
}

/**
 * The exponents the labels' mantissas were read with (the reading the fit takes, else the
 * first), where they lie more than one apart (`1.8×10^3` over `9×10^-4`): some were misread,
 * and the fit may have taken the misread ones. Null where they agree.
 */
function exponentsApart(fit: Fit, words: Word[]): number[] | null {
  const taken = new Map(fit.inliers.map((pair) => [pair.label, pair]));
  const read = words.flatMap((word, label) => {
    const pair = taken.get(label);
    const asRead = pair && (pair.repair === null || pair.repair === 'second-reading');
    const exponent = mantissaExponent(asRead ? pair.text : word.text);
    return exponent === null ? [] : [exponent];
  });
  return read.length > 0 && Math.max(...read) - Math.min(...read) > 1 ? [...new Set(read)] : null;
}

/** Whether readings lie within one decade (less than ten times apart) and none is a power of ten. */
function withinDecade(pairs: Pair[]): boolean {
  const values = pairs.map((pair) => pair.value);
  return Math.max(...values) < Math.min(...values) * 10 && !values.some(isPowerOfTen);
}

/**
 * A log fit through mantissas of one decade moved by whole decades to where the powers of ten
 * read off it (`originals`) lie on its decade lines, within `tolerance` px, where they all agree
 * on a move and one at least makes it; its inliers then are those powers and every label a whole
 * number of decades off the line (the mantissas of the other decades), their values moved with
 * it. Null where no power of ten places it.
 */
function inDecade(fit: Fit, originals: Pair[], tolerance: number): Fit | null {
  const at = (pixel: number) => fit.intercept + fit.slope * pixel;
  // decades between a reading and the line, where a whole number (within tolerance), else null
  const decadesOff = (pair: Pair) => {
    const off = Math.log10(pair.value) - at(pair.pixel);
    return Math.abs(off - Math.round(off)) <= tolerance * Math.abs(fit.slope)
      ? Math.round(off)
      : null;
  };
  const powers = originals.filter((pair) => isPowerOfTen(pair.value));
  const moves = new Set(powers.map(decadesOff));
  const [move] = moves;
  if (moves.size !== 1 || move === null || move === undefined) return null;
  const seen = new Set<number>();
  const inliers = originals.flatMap((pair) => {
    const off = pair.value > 0 ? decadesOff(pair) : null;
    if (off === null || seen.has(pair.label)) return [];
    seen.add(pair.label);
    const value = isPowerOfTen(pair.value) ? pair.value : pair.value * 10 ** (move - off);
    return [{ ...pair, value: Number(value.toPrecision(12)) }];
  });
  return { ...fit, intercept: fit.intercept + move, inliers };
}

/** True for 10^n, n an integer (up to the rounding of a parsed decimal like 0.001). */
function isPowerOfTen(value: number): boolean {
  if (!(value > 0)) return false;
  const exponent = Math.round(Math.log10(value));
  return Math.abs(value / 10 ** exponent - 1) < 1e-9;
}
