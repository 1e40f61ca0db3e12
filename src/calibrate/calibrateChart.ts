import { DigitizeError } from '../errors.js';
import type { ChartText } from '../ocr/readChartText.js';
import type {
  AxisName,
  AxisScale,
  Box,
  EdgeSource,
  PlotArea,
  PlotEdges,
  Tick,
  Word,
} from '../types.js';
import { scaleAxis } from './axisScale.js';
import { type Calibration, calibrateAxis } from './calibrateAxis.js';
import { fitCategoryAxis } from './categoryAxis.js';
import { type DateCalibration, fitDateAxis, isMonthList } from './dateAxis.js';
import { fitNumberRun } from './numberRun.js';
import { parseDateLabel, splitDates } from './parseDate.js';
import { parseTickLabel } from './parseTick.js';
import { snapToMark } from './tickReadings.js';

const DEFAULTS = {
  /** An x axis fitted from numbers with less confidence may be one of categories. */
  doubtfulNumbers: 0.75,
  /** ...and so may one whose fit leaves out this many labels read as numbers. */
  leftOut: 2,
  /** How far an axis of categories can be trusted (a label skipped in print shifts the rest). */
  categoryConfidence: 0.8,
  /** ...and one whose names may be numbers misread (`categoryDoubt`). */
  doubtfulCategories: 0.3,
  /**
   * Category names read this unsure (their mean OCR confidence, 0..100) are in doubt: of the
   * zoo's 85 axes read as categories (seed 2), those read right averaged 46 or more; dates
   * garbled by a blurred reading, 23.
   */
  unsureCategories: 40,
  /**
   * ...and one of month names that make no whole year (`Feb` to `Sep`): as likely a stretch of
   * time whose year is printed nowhere, which no reading can place.
   */
  partialMonths: 0.4,
  /** Numbers not spaced by value are categories when at least this many tell so. */
  minCategoryNumbers: 3,
  /**
   * Categories fewer than this are in doubt (two words may be the x label cut in two, `Tim` and
   * `e (s)`, over tick labels not read): as with numbers, two place an axis but cannot check it.
   */
  minCategories: 3,
  /** Names with a letter, at least this many, make an axis of names despite one word without. */
  minNames: 3,
  /**
   * How far an axis taken from another panel can be trusted (its panel may not line up), times
   * the other panel's own confidence in it: a wrong axis lent stays in doubt.
   */
  sharedConfidence: 0.8,
  /** An axis scaled by a multiplier read unsure (its exponent may be off) is trusted this much less. */
  doubtfulMultiplier: 0.4,
  /**
   * A tick label the fit uses whose tick stands past the plot's side by more than this many
   * pixels, or this share of the plot's extent along the axis, whichever is larger, shows the
   * plot area is wrong (a series' flat stretch taken for an axis line, a side missed): renderers
   * put every labelled tick within the plot, a pixel or two of blur at most.
   */
  outsidePx: 3,
  outsideShare: 0.005,
  /** ...and the axis' ends, which are the plot's sides, are then in doubt. */
  tickOutside: 0.4,
  /**
   * A plot side farther than this many tick steps (the widest between labelled ticks) from the
   * outermost tick label seen along the axis (read or not) shows the plot area is wrong (a
   * legend beside the plot taken into it) or the labels are other text (the axis title read as
   * categories): renderers label ticks across the whole axis, which ends within a step of the
   * last one, and a label or two lost to the reader leaves three steps at most. On the zoo's
   * seed 2, 7 of the 8 axes it fires on were off by more than 2% of their range (the eighth's
   * chart scored 0.04); axes whose labels the fit left out (read, not used) stay under it.
   */
  unlabelledSteps: 3.5,
  /** ...and the axis' ends are then in doubt, as with a tick outside the plot. */
  unlabelledSide: 0.4,
  /**
   * An axis whose end lies on a side no line placed is trusted this much (under one half: the
   * zoo's seed 2 has about one such axis in five off by more than 2% of its range, against one
   * in twenty-five where lines draw both sides): see `EDGE_DOUBTS`.
   */
  undrawnEdge: 0.45,
  /**
   * Grid lines ending at the last labelled tick on the far side, within this many px (a
   * stroke's blur), and running on past the first one on the labelled side, with no axis line
   * there, by at least `minStubPx`...
   */
  farTickPx: 2,
  minStubPx: 2,
  /** ...and by at most this share of the plot and of the first tick step, run on as its tick mark. */
  maxStubShare: 0.05,
  maxStubStep: 0.5,
  /** A side is moved to its first tick only where at least this many labelled ticks place the fit. */
  minStubTicks: 3,
  /**
   * Tick label boxes this close (px) are cut from one run of ink (labels run together): the
   * cut leaves no column between them, a pixel of rounding at most.
   */
  touchingPx: 1,
  /** Labels read whole as a run only where at least this many boxes touch (two are a pair). */
  minRunTogether: 3,
  /**
   * An x axis fitted as one sequence to numbers run together is at most this sure: no label was
   * read whole, its values are inferred from pieces, so it is reported doubtful (below
   * `calibrateAxis`' 0.5) however well the pieces match.
   */
  runTogetherNumbers: 0.45,
} as const;

/**
 * Why a side of the plot placed as `EdgeSource` says may not be where the plot ends, or null
 * where it is sure: a line drawn there, a filled panel's edge, or (top and right) where the grid
 * lines across end (they span the plot). Grid lines running on past the labelled side with no
 * axis line there end where their tick marks do (Chart.js), or where the panel does, its scale
 * expanded (ggplot2's minimal theme): no line tells which.
 */
const EDGE_DOUBTS: Record<EdgeSource, (side: keyof PlotEdges) => string | null> = {
  line: () => null,
  panel: () => null,
  lone: () => 'placed by its outermost grid line alone (the plot may run on past it unseen)',
  extent: (side) =>
    side === 'left' || side === 'bottom'
      ? 'drawn by no axis line (placed where the grid lines end, maybe their tick marks)'
      : null,
  estimate: () => 'drawn by no line (estimated from the tick labels)',
};

/**
 * An axis a chart shares with another chart of its figure (sharex, sharey, facets), for an axis
 * it prints no tick labels for: takes its plot in its own pixels, returns the other chart's
 * calibration moved into them, its label (which names the axis in every chart sharing it) and
 * its confidence, or null where no chart shares that axis.
 */
export type SharedAxis = (
  axis: AxisName,
  plot: Box,
) => { scale: AxisScale; label: string | null; confidence: number } | null;

/**
 * CALIBRATION_FAILED for a chart one of whose axes was calibrated: that axis (`scale`, in the
 * chart's pixels, its `plot` as calibrated) is kept, so that a panel of a figure can still lend
 * it to the panels that share it (an outer panel whose other axis' labels did not read).
 */
export class OneAxisError extends DigitizeError {
  constructor(
    message: string,
    source: string | null,
    readonly axis: AxisName,
    readonly scale: AxisScale,
    readonly plot: Box,
  ) {
    super('CALIBRATION_FAILED', 'calibrate', message, { input: source });
  }
}

/** An x axis read as categories, with the mean OCR confidence (0..100) of its labels. */
interface NamedAxis {
  axis: AxisScale;
  categories: string[];
  ocr: number;
}

/** Both axes of a chart, how far each can be trusted (0..1), and what named them. */
export interface ChartAxes {
  xAxis: AxisScale;
  yAxis: AxisScale;
  xConfidence: number;
  yConfidence: number;
  /** The x axis' categories, where its labels name them. */
  categories: string[] | null;
  /**
   * The plot moved where the calibration places a side otherwise (the first tick, past grid
   * lines running on as its tick marks); absent where the plot stands as found.
   */
  box?: Box;
  /** Labels of axes taken from another panel. */
  sharedLabels: Record<AxisName, string | null>;
}

export interface CalibrateChartOptions {
  text: ChartText;
  plot: PlotArea;
  /** The input, for errors. */
  source: string | null;
  /** The chart's warnings: the calibration's are added to them. */
  warnings: string[];
  /** Reads the x tick labels again as words (letters and all), one word per label. */
  readTickWords: () => Promise<Word[]>;
  /**
   * Reads the x tick labels as slanted text, each word's box centred on its tick: a reading
   * for each slant they may have; none where they are printed level.
   */
  readSlantedTickWords: () => Promise<Word[][]>;
  /**
   * Reads one box across the x tick labels as a single line of words (labels run together,
   * cut apart at guesses: read whole, the dates they hold are split from the text).
   */
  readTickRun?: (box: Box) => Promise<Word | null>;
  /** For a panel of a figure: the axes it shares with panels read before it. */
  sharedAxis?: SharedAxis;
}

/**
 * Both axes fitted from their tick labels (and scaled by a multiplier printed at their end); an
 * x axis whose labels are dates as a time axis, slanted labels read turned level, labels that
 * are names, or numbers not spaced by value, as categories (`readXAgain`); an axis without
 * readable tick labels taken from the chart that shares it, where one does.
 * Throws NO_CHART_FOUND when no number was read beside the plot and no axis is shared,
 * CALIBRATION_FAILED when an axis could not be fitted.
 */
export async function calibrateChart({
  text,
  plot,
  source,
  warnings,
  readTickWords,
  readSlantedTickWords,
  readTickRun,
  sharedAxis,
}: CalibrateChartOptions): Promise<ChartAxes> {
  const xFit = calibrateAxis({
    axis: 'x',
    words: text.xTickWords,
    marks: xMarks(plot),
    ends: [plot.left, plot.right],
  });
  const yFit = calibrateAxis({
    axis: 'y',
    words: text.yTickWords,
    marks: [...plot.ticksY, ...plot.gridY],
  });
  const sharedLabels: Record<AxisName, string | null> = { x: null, y: null };
  const lent: Record<AxisName, number> = { x: 1, y: 1 };
  const shared = (axis: AxisName): AxisScale | null => {
    const found = sharedAxis?.(axis, plot) ?? null;
    if (!found) return null;
    warnings.push(`${axis} axis shared with another panel (no tick labels of its own)`);
    sharedLabels[axis] = found.label;
    lent[axis] = found.confidence;
    return found.scale;
  };
  const yAxis = yFit.axis ? scaleAxis(yFit.axis, text.yMultiplier) : shared('y');
  // Dates and categories along x need values up y (a table or a diagram has words on both).
  const {
    timed,
    named: read,
    numbers: xNumbers,
  } = yAxis
    ? await readXAgain(xFit, { text, plot, readTickWords, readSlantedTickWords, readTickRun })
    : { timed: null, named: null, numbers: xFit };
  // Categories that repeat are misread numbers: they give way to a fit of three numbers or more
  // as the digits read them.
  const named = read && namesStand(read, xNumbers) ? read : null;
  const xAxis =
    timed?.axis ??
    named?.axis ??
    (xNumbers.axis ? scaleAxis(xNumbers.axis, text.xMultiplier) : shared('x'));
  const byNumbers = xNumbers.axis !== null && !named && !timed;
  // a fit's doubts, unless the axis was read as categories or dates or taken from the chart that
  // shares it
  warnings.push(
    ...(byNumbers || !xAxis ? xNumbers.warnings : []),
    ...(timed?.warnings ?? []),
    ...(yFit.axis || !yAxis ? yFit.warnings : []),
  );
  const doubt = named ? categoryDoubt(named) : null;
  if (doubt) warnings.push(`x axis: ${doubt}`);
  const partial = named !== null && !doubt && partialMonths(named.axis.ticks);
  if (partial) {
    warnings.push(
      'x axis: month names without a year, fewer than twelve, read as categories; if they are dates, their year is unknown',
    );
  }
  const numbered = (words: Word[]) => words.filter(isNumber).length >= 2;
  if (!xAxis && !yAxis && !numbered(text.xTickWords) && !numbered(text.yTickWords)) {
    // No axis numbered beside the plot (a stray "1" is no axis): a photograph, a pie chart, a
    // table, a diagram.
    throw new DigitizeError(
      'NO_CHART_FOUND',
      'calibrate',
      'no numbered axis found: not a line chart',
      { input: source },
    );
  }
  if (!xAxis || !yAxis) {
    const message = `could not calibrate the ${!xAxis ? 'x' : 'y'} axis from its tick labels`;
    const calibrated = xAxis ? 'x' : yAxis ? 'y' : null;
    throw calibrated
      ? new OneAxisError(message, source, calibrated, (xAxis ?? yAxis)!, plot)
      : new DigitizeError('CALIBRATION_FAILED', 'calibrate', message, { input: source });
  }
  const multiplierDoubt = { x: 1, y: 1 };
  for (const [axis, factor, doubt, fitted] of [
    ['x', text.xMultiplier, text.xMultiplierDoubt, byNumbers],
    ['y', text.yMultiplier, text.yMultiplierDoubt, yFit.axis],
  ] as const) {
    if (factor !== 1 && fitted)
      warnings.push(`${axis} values multiplied by ${factor} (printed at the axis end)`);
    if (doubt !== undefined && fitted) {
      warnings.push(
        `${axis} axis: its multiplier read as '${doubt}' is unsure: values may be a power of ten off`,
      );
      multiplierDoubt[axis] = DEFAULTS.doubtfulMultiplier;
    }
  }
  // Grid lines run on past the labelled side as tick marks, no axis line there: the plot starts
  // at the first tick.
  const box: Box = { left: plot.left, top: plot.top, right: plot.right, bottom: plot.bottom };
  const edges = plot.edges && { ...plot.edges };
  if (edges?.left === 'extent' && byNumbers) {
    const left = stubbedSide(xAxis, plot.left, plot.right);
    if (left !== null) [box.left, edges.left] = [left, 'line'];
  }
  if (edges?.bottom === 'extent' && yFit.axis) {
    const bottom = stubbedSide(yAxis, plot.bottom, plot.top);
    if (bottom !== null) [box.bottom, edges.bottom] = [bottom, 'line'];
  }
  // Labelled ticks beyond the plot's sides: the box is wrong, and the axis' ends with it.
  const outside = { x: 1, y: 1 };
  for (const [axis, scale, fitted] of [
    ['x', xAxis, xNumbers.axis !== null || named !== null || timed !== null],
    ['y', yAxis, yFit.axis !== null],
  ] as const) {
    const beyond = fitted ? ticksOutside(axis, scale, box) : [];
    if (beyond.length > 0) {
      warnings.push(
        `${axis} axis: tick ${beyond.map((tick) => `'${tick.text}'`).join(', ')} ${beyond.length > 1 ? 'stand' : 'stands'} outside the plot area: the plot area, and the axis' ends, may be wrong`,
      );
      outside[axis] = DEFAULTS.tickOutside;
    }
  }
  // A side far beyond every tick label seen: the box, or what the labels were taken for, is wrong.
  for (const [axis, scale, fitted, words] of [
    ['x', xAxis, xNumbers.axis !== null || named !== null || timed !== null, text.xTickWords],
    ['y', yAxis, yFit.axis !== null, text.yTickWords],
  ] as const) {
    const steps = fitted ? unlabelledReach(axis, scale, words, box) : 0;
    if (steps > DEFAULTS.unlabelledSteps) {
      warnings.push(
        `${axis} axis: the plot runs ${steps.toFixed(1)} tick steps past its last tick label: the plot area, or the axis read from its labels, may be wrong`,
      );
      outside[axis] *= DEFAULTS.unlabelledSide;
    }
  }
  // Ends on a side no line placed: the box, and the axis' ends with it, may be wrong.
  const undrawn = { x: 1, y: 1 };
  for (const [axis, fitted] of [
    ['x', xNumbers.axis !== null || timed !== null],
    ['y', yFit.axis !== null],
  ] as const) {
    const doubts = fitted ? edgeDoubts(axis, edges) : [];
    if (doubts.length > 0) {
      warnings.push(`${axis} axis: its ends are uncertain: the plot's ${doubts.join('; its ')}`);
      undrawn[axis] = DEFAULTS.undrawnEdge;
    }
  }
  const confidence = (fitted: boolean, own: number, axis: AxisName) =>
    fitted ? own : DEFAULTS.sharedConfidence * lent[axis];
  return {
    xAxis,
    yAxis,
    xConfidence:
      (timed
        ? timed.confidence
        : named
          ? doubt
            ? DEFAULTS.doubtfulCategories
            : DEFAULTS.categoryConfidence * (partial ? DEFAULTS.partialMonths : 1)
          : confidence(xNumbers.axis !== null, xNumbers.confidence, 'x') * multiplierDoubt.x) *
      outside.x *
      undrawn.x,
    yConfidence:
      confidence(yFit.axis !== null, yFit.confidence, 'y') *
      multiplierDoubt.y *
      outside.y *
      undrawn.y,
    categories: named?.categories ?? null,
    sharedLabels,
    ...((box.left !== plot.left || box.bottom !== plot.bottom) && { box }),
  };
}

/**
 * Where a plot's labelled side (`side`: left, or bottom, in pixels) was placed where the grid
 * lines end, with no axis line there, and those lines run on past the first labelled tick of
 * `scale` by a tick mark's length while on the far side (`far`) they end at its last labelled
 * tick: the overhang is the first tick's mark, drawn in line with the grid (Chart.js, whose
 * scale ends at a tick), and the plot starts at that tick, its pixel returned. Null otherwise
 * (an expanded panel, ggplot2's minimal theme, runs on past the ticks at both ends).
 */
export function stubbedSide(scale: AxisScale, side: number, far: number): number | null {
  const outward = side < far ? 1 : -1;
  // Pixels from the labelled side inwards.
  const ticks = scale.ticks.map((tick) => (tick.pixel - side) * outward).sort((a, b) => a - b);
  if (ticks.length < DEFAULTS.minStubTicks) return null;
  const extent = Math.abs(far - side);
  const stub = ticks[0];
  return Math.abs(extent - ticks[ticks.length - 1]) <= DEFAULTS.farTickPx &&
    stub >= DEFAULTS.minStubPx &&
    stub <= extent * DEFAULTS.maxStubShare &&
    stub <= (ticks[1] - ticks[0]) * DEFAULTS.maxStubStep
    ? side + stub * outward
    : null;
}

/**
 * What makes the sides of the plot that end `axis` (left and right for x, bottom and top for
 * y) doubtful, one phrase per side (`left side is ...`); none where lines placed both, or where
 * the box was given rather than found (`edges` absent).
 */
export function edgeDoubts(axis: AxisName, edges: PlotEdges | undefined): string[] {
  if (!edges) return [];
  const sides = axis === 'x' ? (['left', 'right'] as const) : (['bottom', 'top'] as const);
  return sides.flatMap((side) => {
    const why = EDGE_DOUBTS[edges[side]](side);
    return why ? [`${side} side is ${why}`] : [];
  });
}

/**
 * The ticks of `scale` whose pixel stands past the plot's sides along `axis` by more than
 * `outsidePx` or `outsideShare` of the plot's extent.
 */
function ticksOutside(axis: AxisName, scale: AxisScale, plot: Box): Tick[] {
  const [low, high] = axis === 'x' ? [plot.left, plot.right] : [plot.top, plot.bottom];
  const slack = Math.max(DEFAULTS.outsidePx, (high - low) * DEFAULTS.outsideShare);
  return scale.ticks.filter((tick) => tick.pixel < low - slack || tick.pixel > high + slack);
}

/**
 * How far (in steps: the widest between the axis' labelled ticks) the plot's farther side runs
 * past the outermost of its labelled ticks and of the tick label words seen along the axis (read
 * or not: a label the fit left out still shows the axis goes on). 0 with fewer than two ticks.
 */
export function unlabelledReach(
  axis: AxisName,
  scale: AxisScale,
  words: Word[],
  plot: Box,
): number {
  const ticks = scale.ticks.map((tick) => tick.pixel).sort((a, b) => a - b);
  if (ticks.length < 2) return 0;
  const step = Math.max(...ticks.slice(1).map((pixel, i) => pixel - ticks[i]));
  if (!(step > 0)) return 0;
  const along = (word: Word) =>
    axis === 'x' ? (word.box.left + word.box.right) / 2 : (word.box.top + word.box.bottom) / 2;
  const [low, high] = axis === 'x' ? [plot.left, plot.right] : [plot.top, plot.bottom];
  const seen = [...ticks, ...words.map(along).filter((pixel) => pixel >= low && pixel <= high)];
  return Math.max(0, Math.min(...seen) - low, high - Math.max(...seen)) / step;
}

/**
 * Why the names of a category axis may be numbers misread, or null: fewer than `minCategories`
 * names (other text, the x label cut in two), names that repeat (`50000 DOO B00 DOO`, crowded
 * labels cut apart), names holding digits grouped by a comma (`40,00U`), half or more of the
 * names stepping evenly once their digit look-alikes are read as digits (`ZU 3U 4U`,
 * `lookalikeSteps`), or names without a letter no number is written with (`Ok 300k 400k`) of
 * which too few read as numbers to tell they are not spaced by value.
 */
function categoryDoubt({ categories, ocr }: NamedAxis): string | null {
  const read = categories.filter((name) => name !== '');
  const quoted = (names: string[]) => names.map((name) => `'${name}'`).join(', ');
  if (read.length < DEFAULTS.minCategories) {
    return `only ${read.length} of its labels read as categories (${quoted(read)}): they may be other text`;
  }
  if (ocr < DEFAULTS.unsureCategories) {
    return `its labels read as categories (${quoted(read)}) were read unsure (OCR ${Math.round(ocr)}%): they may be misread text`;
  }
  const repeated = repeatedNames(categories);
  if (repeated.length > 0) {
    return `its labels read as categories repeat (${quoted(repeated)}): they may be misread numbers`;
  }
  // Digits grouped by a comma (`40,00U`) are a number's, one of its digits misread.
  const grouped = read.filter((name) => GROUPED_DIGITS.test(name));
  if (grouped.length > 0) {
    return `its labels read as categories ${quoted(grouped)} hold digits grouped as a number's: they may be misread numbers`;
  }
  // Digits beside a currency sign (`500¢`, `3000€`): tesseract's reading of a `6` or a `0` in
  // a number; no category is named so.
  const coined = read.filter((name) => COINED_DIGITS.test(name));
  if (coined.length > 0) {
    return `its labels read as categories ${quoted(coined)} hold digits beside a currency sign: they may be misread numbers`;
  }
  // Digits read as letters alike (`ZU 3U 4U SU bu` for `20 30 40 50 60`: JPEG's 0 read as U)
  // make names that step by value along the axis once read back as digits: no axis of names
  // does.
  const stepping = lookalikeSteps(categories);
  if (stepping >= DEFAULTS.minCategoryNumbers && stepping * 2 >= read.length) {
    return `its labels read as categories (${quoted(read)}) step evenly when read as digits: they may be misread numbers`;
  }
  const numbers = read.filter((name) => parseTickLabel(name) !== null).length;
  if (!read.every((name) => NAME_LETTER.test(name)) && numbers < DEFAULTS.minCategoryNumbers) {
    return `its labels read as categories (${quoted(read)}) may be misread numbers`;
  }
  return null;
}

/**
 * Whether category ticks are a list of months (`isMonthList`) that names fewer than the twelve:
 * a year of months (`Jan` to `Dec`) is a category axis as a rule, a few months in a row as
 * often dates whose year is printed nowhere.
 */
function partialMonths(ticks: readonly Tick[]): boolean {
  if (!isMonthList(ticks)) return false;
  const months = new Set(ticks.flatMap((tick) => parseDateLabel(tick.text)?.month ?? []));
  // twelve labels, some misread (`ADr`), are a year all the same
  return months.size < 12 && ticks.length < 12;
}

/** Letters and signs OCR reads for a digit in a blurred or scaled label, and that digit. */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = {
  U: '0',
  O: '0',
  o: '0',
  D: '0',
  S: '5',
  s: '5',
  Z: '2',
  z: '2',
  I: '1',
  l: '1',
  '|': '1',
  b: '6',
  B: '8',
  '/': '7',
};

/** Names read back as digits within this share of their step lie on one line. */
const STEP_SHARE = 0.02;

/**
 * The most category names (their order along the axis standing for their place) that, with
 * their digit look-alikes read as digits (`DIGIT_LOOKALIKES`), are numbers on one line through
 * two of them: numbers spaced by value, as tick labels are. Model sizes named so (`7B 13B 34B
 * 70B`, read `78 138 348 708`) rise but not evenly, and stay names.
 */
export function lookalikeSteps(categories: readonly string[]): number {
  const points = categories.flatMap((name, place) => {
    const digits = [...name.trim()].map((char) => DIGIT_LOOKALIKES[char] ?? char).join('');
    return /^-?\d+(?:\.\d+)?$/.test(digits) ? [{ place, value: Number(digits) }] : [];
  });
  let most = 0;
  points.forEach((first, i) => {
    for (const second of points.slice(i + 1)) {
      const step = (second.value - first.value) / (second.place - first.place);
      if (step === 0) continue;
      const on = points.filter(
        (point) =>
          Math.abs(first.value + step * (point.place - first.place) - point.value) <=
          Math.abs(step) * STEP_SHARE,
      ).length;
      most = Math.max(most, on);
    }
  });
  return most;
}

/** A digit beside a currency sign, which tesseract reads for a digit (`500¢`, `€00`). */
const COINED_DIGITS = /\d[¢€£¥]|[¢€£¥]\d/;

/** Digits on both sides of a comma, as a number groups its thousands (`40,000`). */
const GROUPED_DIGITS = /\d,\d/;

/** The category names read more than once. */
function repeatedNames(categories: string[]): string[] {
  const read = categories.filter((name) => name !== '');
  return [...new Set(read.filter((name, i) => read.indexOf(name) !== i))];
}

function isNumber(word: Word): boolean {
  return parseTickLabel(word.text) !== null;
}

/**
 * The x tick labels read as words, fitted as dates, each placed on its tick mark; a word that
 * holds several dates (labels too close to be boxed apart) is split, each date's box cut from
 * the word's in proportion to its characters.
 */
function fitDates(read: Word[], text: ChartText, plot: PlotArea) {
  const marks = xMarks(plot);
  const words = withYears(read, text.xTickYears).flatMap((word) => {
    const dates = splitDates(word.text);
    if (!dates) return [word];
    const { left, right } = word.box;
    const at = (char: number) => left + ((right - left) * char) / word.text.length;
    return dates.map((date) => ({
      ...word,
      text: date.text,
      box: { ...word.box, left: at(date.start), right: at(date.end) },
    }));
  });
  const centres = words.map(centre).sort((a, b) => a - b);
  const spacing =
    centres.length > 1
      ? (centres.at(-1)! - centres[0]) / (centres.length - 1)
      : Number.POSITIVE_INFINITY;
  return fitDateAxis(
    words.map((word) => ({
      text: word.text,
      pixel: snapToMark('x', word, centre(word), spacing, marks),
      confidence: word.confidence,
    })),
    [text.title, text.xLabel, text.xEndText ?? null],
  );
}

/**
 * The x tick labels with the years printed on a second line under some of them (`Jun 8` over
 * `1997`) joined to them (`Jun 8 1997`): each year to the label whose box holds its middle, where
 * the two read as one date.
 */
function withYears(labels: Word[], years: Word[]): Word[] {
  if (years.length === 0) return labels;
  return labels.map((label) => {
    const year = years.find((word) => {
      const middle = centre(word);
      return middle >= label.box.left && middle <= label.box.right;
    });
    if (!year) return label;
    const joined = `${label.text.trim()} ${year.text.trim()}`;
    return parseDateLabel(joined) ? { ...label, text: joined } : label;
  });
}

/**
 * The x axis read again where its numbers are in doubt, or a label held letters: its labels
 * read as words and fitted as dates (kept where they explain as many labels as the numbers:
 * `2017 Jul 2018`); failing that, slanted labels read turned level, as dates or numbers (never
 * categories: read level they are noise); failing that, categories, unless the labels read as
 * dates or as rising years, and then the words fitted as numbers where surer than the digits.
 * `numbers` is the numbers fit to use where neither is taken.
 */
async function readXAgain(
  xFit: Calibration,
  {
    text,
    plot,
    readTickWords,
    readSlantedTickWords,
    readTickRun,
  }: Pick<
    CalibrateChartOptions,
    'text' | 'plot' | 'readTickWords' | 'readSlantedTickWords' | 'readTickRun'
  >,
): Promise<{
  timed: DateCalibration | null;
  named: NamedAxis | null;
  numbers: Calibration;
}> {
  // Numbers the fit leaves out, two or more: misreads, or numbers not spaced by value (`125M
  // 350M 1.3B`, categories a log line through some of them passes for)
  const numbers = text.xTickWords.filter(isNumber).length;
  const doubtful =
    xFit.confidence < DEFAULTS.doubtfulNumbers ||
    numbers - (xFit.axis?.ticks.length ?? 0) >= DEFAULTS.leftOut;
  const lettered = text.xTickWords.some((word) => word.text.trim() !== '' && !isNumber(word));
  // Every label read with a leading zero (`01 02 03`) may be names the digit reader cannot
  // spell (`Q1 Q2 Q3`) as much as decimals that lost their points.
  const zeros = xFit.leadingZeros === true;
  const words = doubtful || lettered || zeros ? await readTickWords() : [];
  const dated =
    (words.length > 0 ? fitDates(orDigits(words, text.xTickWords), text, plot) : null) ??
    (await runTogetherDates(text, plot, readTickRun));
  if (dated && (doubtful || dated.axis.ticks.length >= (xFit.axis?.ticks.length ?? 0))) {
    return { timed: dated, named: null, numbers: xFit };
  }
  if (!doubtful) {
    const named = zeros && names(words, zeros) ? fitCategories(words, text, zeros) : null;
    return { timed: null, named, numbers: xFit };
  }
  // Each reading of slanted labels fitted as dates, else numbers: the surest fit is kept.
  const slanted = await readSlantedTickWords();
  if (slanted.length > 0) {
    const fits = slanted.map((read) => {
      const timed = fitDates(read, text, plot);
      const numbers = timed ? null : calibrateAxis({ axis: 'x', words: read, marks: xMarks(plot) });
      return { timed, numbers, confidence: timed?.confidence ?? numbers?.confidence ?? 0 };
    });
    const { timed, numbers } = fits.reduce((best, fit) =>
      fit.confidence > best.confidence ? fit : best,
    );
    const better = numbers?.axis && numbers.confidence > xFit.confidence;
    return { timed, named: null, numbers: better ? numbers : xFit };
  }
  const labels = words.map((word) => ({ text: word.text, pixel: centre(word) }));
  const named =
    (mostlyDates(words) && !isMonthList(labels)) || years(text.xTickWords)
      ? null
      : fitCategories(words, text, zeros);
  // Numbers read as words (letters allowed, by another reader) may fit where the digits did not;
  // not a fit of fewer labels, surer only because its reader was (`0 2 4` for `0 10 20 30 40`).
  const again = named ? null : calibrateAxis({ axis: 'x', words, marks: xMarks(plot) });
  const better =
    again?.axis &&
    again.confidence > xFit.confidence &&
    again.axis.ticks.length >= (xFit.axis?.ticks.length ?? 0);
  const fitted = better ? again : xFit;
  // Labels run together, their pieces read as no numbers: fitted together as one stepped
  // sequence. Only where no reading fits numbers at all (the axis falls to categories, or to
  // nothing): a fit of numbers read whole, however doubtful, is kept (a sequence guessed from
  // pieces replaced good fits of years and of six-digit labels that touch, and a fit of three
  // numbers the categories give way to).
  if (named ? namesStand(named, fitted) : !fitted.axis) {
    const run = await runTogetherNumbers(text, plot, words);
    if (run) return { timed: null, named: null, numbers: run };
  }
  return { timed: null, named, numbers: fitted };
}

/**
 * Whether the x axis is read as the categories `named` rather than as the numbers fitted: not
 * where the categories repeat (misread numbers) and the digits fit three numbers or more.
 */
function namesStand(named: { categories: string[] }, numbers: Calibration): boolean {
  return !((numbers.axis?.ticks.length ?? 0) >= 3 && repeatedNames(named.categories).length > 0);
}

/**
 * Where three or more x tick label boxes in a row touch (labels wider than their step, cut
 * apart where no gap parts them, each piece holding one label's middle, its ends hidden or
 * mixed with its neighbours': `5000 10000 15000` read `500¢ LOO! p500(`), the pieces (as the
 * digits and the words read them) fitted together as one evenly stepped sequence of numbers
 * (`fitNumberRun`), one a box, each at its box's middle; the numbers apart from the run as read.
 * The axis fitted to them, or null where no run touches or no sequence reads like it. (The run
 * read whole as one line, as `runTogetherDates` does, loses a digit or more of each label.)
 */
async function runTogetherNumbers(
  text: ChartText,
  plot: PlotArea,
  words: Word[],
): Promise<Calibration | null> {
  const digits = [...text.xTickWords].sort((a, b) => a.box.left - b.box.left);
  // the longest stretch of boxes each touching the next
  let [start, end] = [0, 0];
  for (let i = 0, from = 0; i < digits.length; i++) {
    if (i > 0 && digits[i].box.left - digits[i - 1].box.right > DEFAULTS.touchingPx) from = i;
    if (i + 1 - from > end - start) [start, end] = [from, i + 1];
  }
  if (end - start < DEFAULTS.minRunTogether) return null;
  const run = digits.slice(start, end);
  // each box read by the digits and, where the same box was read as words, by the words
  const readings = run.map((piece) => [
    piece.text,
    ...words
      .filter((word) => word.box.left === piece.box.left && word.box.right === piece.box.right)
      .map((word) => word.text),
  ]);
  const fit = fitNumberRun(readings);
  if (!fit) return null;
  // each label as sure (0..100, as OCR's) as the pieces read like the sequence
  const fitted = run.map((piece, i) => ({
    text: String(fit.values[i]),
    box: piece.box,
    confidence: 100 * (1 - fit.error),
  }));
  const apart = [...digits.slice(0, start), ...digits.slice(end)].filter(isNumber);
  const calibration = calibrateAxis({
    axis: 'x',
    words: [...apart, ...fitted],
    marks: xMarks(plot),
  });
  if (!calibration.axis) return null;
  return {
    ...calibration,
    confidence: Math.min(calibration.confidence, DEFAULTS.runTogetherNumbers),
    warnings: [
      ...calibration.warnings,
      `x axis: tick labels run together, none read whole: read as one sequence, ${fit.values[0]} to ${fit.values.at(-1)} by ${fit.step}; the values are in doubt`,
    ],
  };
}

/**
 * Where the x tick labels run into one another (every box touching the next: crowded labels,
 * wider than the step between their ticks, cut apart where no gap parts them, so that each
 * piece holds parts of two), the run read whole as one line and fitted as the dates it holds
 * (`splitDates`: `1990-01990-03`), where it holds one for most boxes; null otherwise.
 */
async function runTogetherDates(
  text: ChartText,
  plot: PlotArea,
  readTickRun: CalibrateChartOptions['readTickRun'],
): Promise<DateCalibration | null> {
  const boxes = text.xTickWords.map((word) => word.box).sort((a, b) => a.left - b.left);
  const touching = boxes
    .slice(1)
    .every((box, i) => box.left - boxes[i].right <= DEFAULTS.touchingPx);
  if (!readTickRun || boxes.length < DEFAULTS.minRunTogether || !touching) return null;
  const run = await readTickRun({
    left: boxes[0].left,
    right: boxes.at(-1)!.right,
    top: Math.min(...boxes.map((box) => box.top)),
    bottom: Math.max(...boxes.map((box) => box.bottom)),
  });
  const dates = run && splitDates(run.text);
  if (!run || !dates || dates.length * 2 < boxes.length) return null;
  return fitDates([run], text, plot);
}

/**
 * The labels read as words, each that reads as no date given the digits read in its box where
 * those do (a year `1998` the word reader took for `199¢`, a day `8` for `a`).
 */
function orDigits(words: Word[], digits: Word[]): Word[] {
  return words.map((word, i) => {
    const other = digits[i];
    const same = other && other.box.left === word.box.left && other.box.right === word.box.right;
    return same && !parseDateLabel(word.text) && parseDateLabel(other.text)
      ? { ...word, text: other.text }
      : word;
  });
}

/** Where a word's middle is along the x axis. */
function centre(word: Word): number {
  return (word.box.left + word.box.right) / 2;
}

/** Where the x axis has tick marks or grid lines. */
function xMarks(plot: PlotArea): number[] {
  return [...plot.ticksX, ...plot.gridX];
}

/**
 * The x tick labels read as words, fitted as categories at their centres: where neither the
 * digits nor the words step by value (each label's value from one, else the other), or where
 * every word holds a letter no number is written with (names: the glyph recogniser, which
 * reads digits only, read `Q1` as `01`).
 */
function fitCategories(words: Word[], text: ChartText, zeros: boolean) {
  const named = names(words, zeros);
  const digits = text.xTickWords.map((word) => word.text);
  const texts = words.map((word) => word.text);
  const categories = (first: string[], then: string[]) =>
    fitCategoryAxis(
      words.map((word, i) => ({
        text: word.text,
        pixel: centre(word),
        value: named
          ? null
          : (parseTickLabel(first[i])?.value ?? parseTickLabel(then[i])?.value ?? null),
      })),
    );
  const fit = categories(digits, texts) && categories(texts, digits);
  const read = words.filter((word) => word.text.trim() !== '');
  return fit && { ...fit, ocr: read.reduce((sum, word) => sum + word.confidence, 0) / read.length };
}

/**
 * Whether every word that holds text holds a letter no number is written with: `Q1` does, `7B`
 * (a number and its suffix) does not; where the digit reader read every label with a leading
 * zero (`zeros`, a letter read as 0), all but one where three or more do (`01 Q2 Q3 Q4`: the
 * word reader too took the letter for a digit).
 */
function names(words: Word[], zeros: boolean): boolean {
  const read = words.map((word) => word.text.trim()).filter((text) => text !== '');
  const lettered = read.filter((text) => NAME_LETTER.test(text)).length;
  return (
    read.length > 0 &&
    (lettered === read.length ||
      (zeros && lettered >= DEFAULTS.minNames && lettered === read.length - 1))
  );
}

/**
 * A letter no tick label's number is written with (an exponent's `e`, `×` read `x`, the
 * magnitude suffixes) nor read for a digit (`O`, `l`, `I`).
 */
const NAME_LETTER = /[^\W\d_eEkKMBGxOolI]/;

/**
 * Whether the labels are years (`2015 2020`: three quarters of those holding text, two or more,
 * rising left to right but for one misread): a time axis in years, read as numbers, never
 * categories.
 */
function years(words: Word[]): boolean {
  const texts = words.map((word) => word.text.trim()).filter((t) => t !== '');
  const read = words
    .filter((word) => /^[12]\d{3}$/.test(word.text.trim()))
    .sort((a, b) => a.box.left - b.box.left)
    .map((word) => Number(word.text.trim()));
  const falls = read.filter((year, i) => i > 0 && year <= read[i - 1]).length;
  return (
    read.length >= 2 && read.length >= texts.length * 0.75 && falls <= (read.length > 2 ? 1 : 0)
  );
}

/** Whether most labels that hold text read as dates, one or more with a month. */
function mostlyDates(words: Word[]): boolean {
  const texts = words.map((word) => word.text.trim()).filter((t) => t !== '');
  const dates = texts.map(parseDateLabel).filter((parts) => parts !== null);
  return dates.length * 2 > texts.length && dates.some((parts) => parts.month !== undefined);
}
