import type { AxisName, Word } from '../types.js';
import { parseTickLabel } from './parseTick.js';
import { evenSteps, onTheirStep } from './steps.js';

const DEFAULTS = {
  /** A label is moved onto a tick mark or grid line within this share of the label spacing. */
  snapShare: 0.3,
  /**
   * ...and within this share of its box along the axis from its centre (an x label's width
   * reaches past its tick: slanted labels' boxes stand off their ticks, Vega-Lite sets the end
   * labels flush with the plot's sides; a y label is centred on its tick, and a minor tick a
   * label's half height away is not its tick).
   */
  snapExtentX: 0.6,
  snapExtentY: 0.5,
  /**
   * ...but a level x label read beside the plot (its sides known) is centred on its tick, so a
   * mark further than this share of its box from its middle, plus 2 px of blur, is a stray
   * stroke or another tick, unless it is the plot's side (a label set flush): ggplot2's `-1.0`,
   * 12 px wide, its tick not found, had been moved onto a stroke 9 px off its middle, the axis
   * 2% off at 0.9 confidence. A third leaves room for a box cut a glyph wide off centre.
   */
  snapExtentLevelX: 0.35,
  /**
   * An x label with no mark under it whose box starts (ends) within this many px of the plot's
   * left (right) side is set flush with it, its tick on that side: Vega-Lite aligns the labels
   * at the ends of a continuous x axis so (`labelFlush`), and their middles are not their ticks.
   */
  flushPx: 1.5,
  /**
   * A last digit is a suffix misread (`suffixOf`) where at least this many labels end in it...
   */
  suffixLabels: 3,
  /**
   * ...and this share of the axis's labels read as numbers: a label or two may lose the suffix
   * or read it as another digit (`0%` read `07` beside `109 209 309`).
   */
  suffixShare: 0.75,
  /** A leading zero read less sure than this (0..100) may be an unknown minus glyph. */
  unsureLead: 30,
} as const;

/** How a reading differs from the text OCR gave. */
export type Repair =
  /** a decimal point put back (`18` as `1.8`) */
  | 'point'
  /** a decimal point put back after a leading zero (`05` as `0.5`): no number is printed so */
  | 'leading-zero'
  /** a minus put back in an exponent (`10^3` as `10^-3`) */
  | 'exponent-sign'
  /** dots read as thousands separators (`2.000` as 2000, as some locales print) */
  | 'grouping'
  /** a comma read as a decimal point (`0,5` as 0.5) */
  | 'decimal-comma'
  /** what a second reader read in the label (`Word.second`) */
  | 'second-reading'
  /** a mantissa's exponent taken from the axis's other labels (`8×10^2` as `8×10^6`) */
  | 'exponent'
  /** a decimal point put back after a mantissa's first digit (`10e-01` as `1.0e-01`) */
  | 'mantissa-point'
  /** an `E` before a last zero read as the 0 it may be (`10E0` as `1000`) */
  | 'e-zero'
  /** an SI prefix lost (`100µ` read as `100`), put back by the labels printed with decimals */
  | 'si-prefix'
  /** the digit group after a final thousands separator put back (`12,` as `12,000`) */
  | 'cut-group'
  /** a minus read before a number dropped (`-0.0040` as `0.0040`): a speck or mark taken for one */
  | 'sign'
  /** a decade's mantissa put back (`2e+5` as `1e+5`): log fits only */
  | 'decade'
  /** a last digit the axis's labels all end in taken for the `%` it misreads (`309` as `30%`) */
  | 'suffix'
  /** a leading glyph read unsure as a 0 taken for a minus (`□5`, a font's box for a missing `−`) */
  | 'minus';

/** One reading of a tick label, placed on its tick. */
export interface Pair {
  text: string;
  value: number;
  pixel: number;
  power: boolean;
  /** Index of the word this reading comes from: one word counts once in a fit. */
  label: number;
  /** How the text was changed to give this reading; null for the text as read. */
  repair: Repair | null;
  /** Repairs every label of the axis vouches for cost nothing; the others cost a share. */
  free: boolean;
}

/** How sure the labels of an axis make it that dots group thousands. */
export type Grouping = 'sure' | 'likely' | 'no';

/** Every reading of an axis's tick labels. */
export interface TickReadings {
  /** The text as read, and the repairs that may stand for it. */
  pairs: Pair[];
  /**
   * Repairs for log fits only: powers of ten read with the exponent's minus put back (`10^3` as
   * `10^-3`), and labels in scientific notation read with a mantissa of 1 (`2e+5` as `1e+5`).
   */
  signRepairs: Pair[];
  /** Labels that held text but no number. */
  unread: number;
  /** Mean distance (px) between label centres; Infinity with fewer than two labels. */
  spacing: number;
  grouping: Grouping;
  warnings: string[];
}

/**
 * Two or more digits with no point, and what may follow them (`%`, `k`, `M`, an exponent):
 * OCR may have lost the decimal point (`1.8` read as `18`, `2.5k` as `25k`, `2.5e+06` as
 * `25e+06`).
 */
const DOTLESS = /^([+\-\u2212]?)(\d{2,})([%kKMBG]|[eE][+\-\u2212]?\d+)?$/;
/** A whole number printed with a leading zero (`05`, `-010`): its point was lost after the 0. */
const LEADING_ZERO = /^([+\-\u2212]?)0(\d+)$/;
/**
 * Scientific notation with two digits or more before the `e` and no point (`10e-01`): no
 * formatter prints a mantissa of 10 or more, so the point after the first digit was lost.
 */
const MANTISSA_DOTLESS = /^([+\-\u2212]?\d)(\d+[eE][+\-\u2212]?\d+)$/;
/**
 * ...but where its exponent is a lone 0 with no sign (`10E0`), which formatters print as `e+00`
 * or `e+0` if at all, the `E` may as well be a misread 0 (`1000`): neither reading is sure.
 */
const E_ZERO = /^([+\-\u2212]?\d+)[eE](0)$/;
/** Thousands grouped with dots (`2.000`, `-1.500.000`), as German or Spanish locales print. */
const DOT_GROUPED = /^[+\-\u2212]?[1-9]\d{0,2}(?:\.\d{3})+$/;
/**
 * A comma that can only be a decimal point: one or two digits after it (`0,5`, `12,25`), or
 * three after a lone 0 (`0,250`; `2,000` groups thousands).
 */
const DECIMAL_COMMA = /^([+\-\u2212]?(?:\d+(?=,\d{1,2}(?:[%kKMBG]?)$)|0)),(\d{1,3})([%kKMBG]?)$/;

/**
 * A whole number read ending in a comma (`12,`, `1,500,`): no formatter prints one, so the
 * reader lost the digits after a thousands separator, most often one group of three zeros (the
 * even steps of `12,000 10,000 8,000`; a lost `12,500` puts its label off the line).
 */
const CUT_GROUP = /^([+\-\u2212]?[1-9]\d{0,2}(?:,\d{3})*),$/;

/** A whole number of up to three digits and a dot with one or two digits after it (`80.09`). */
const SHORT_GROUP = /^([+\-\u2212]?[1-9]\d{0,2})\.\d{1,2}$/;

/** Scientific notation with a mantissa of one digit other than 1 (`2e+5`, `-3e-2`). */
const SCIENTIFIC_MANTISSA = /^([+\-\u2212]?)[2-9](?:\.0+)?([eE][+\-\u2212]?\d+)$/;

/** Values on their step within this share of half a step are on it exactly (float rounding). */
const EXACT_STEP = 1e-6;

/**
 * A number read with a digit other than 0 after it (`309`, `0.59`): the number, and that digit.
 * A `%` is read as a 9 or a 7, never as a 0, and most axes print labels ending in 0 (`50 100
 * 150`, `2000 4000`): one misread label among them made them step unevenly, and the rule took
 * the 0s for a percent sign, ten times off.
 */
const LAST_DIGIT = /^([+\-\u2212]?\d(?:[\d.,]*\d)?)([1-9])$/;

/**
 * The labels whose last digit is a suffix misread alike (`309 409 509` for `30% 40% 50%`: a small
 * `%` is a `9` to the glyph recogniser): most of the axis's labels (`suffixLabels`,
 * `suffixShare`) end in one digit after others, and the numbers before it step evenly by whole
 * multiples of half their step where the labels as read do not (no engine prints `309 409
 * 509`). A suffix that keeps the number's value is a percent sign: the reading is `30%`.
 * Returns each such label's index and reading.
 */
function misreadSuffixes(texts: string[]): Map<number, string> {
  const numbers = texts.filter((text) => parseTickLabel(text) !== null).length;
  const byDigit = new Map<string, { label: number; head: string }[]>();
  texts.forEach((text, label) => {
    const match = LAST_DIGIT.exec(text);
    if (!match || parseTickLabel(match[1]) === null) return;
    byDigit.set(match[2], [...(byDigit.get(match[2]) ?? []), { label, head: match[1] }]);
  });
  const most = [...byDigit.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  if (most.length < DEFAULTS.suffixLabels || most.length < numbers * DEFAULTS.suffixShare) {
    return new Map();
  }
  const asRead = most.map(({ label }) => parseTickLabel(texts[label])!.value);
  const heads = most.map(({ head }) => parseTickLabel(head)!.value);
  const stepped = (values: number[], tolerance?: number) =>
    new Set(values).size === values.length && evenSteps(values) && onTheirStep(values, tolerance);
  // as read, on the step exactly (`2.5 7.5 12.5`): `807 407 7` lie within the tolerance
  // `onTheirStep` leaves labels printed rounded
  if (stepped(asRead, EXACT_STEP) || !stepped(heads)) return new Map();
  return new Map(most.map(({ label, head }) => [label, `${head}%`]));
}

/** A number read with a minus before it (`-0.0040`), and the number without it. */
const LEADING_MINUS = /^[-\u2212]\s*(\d.*)$/;

/** A mantissa times a power of ten, as read (`2×10^6`, `8×10^02`). */
const MANTISSA_POWER = /^[+\-\u2212]?\d+(?:\.\d+)? ?[×x·] ?10\^([+\-\u2212]?\d+)$/;
/**
 * The same with its exponent lost or run in (`9.0x10`, `1.3x107`, `4x100`), specks read between
 * (`8.0%10`): its mantissa, and the digits after `10` where there are one or two.
 */
const LOOSE_POWER = /^([+\-\u2212]?\d+(?:\.\d+)?) ?[×x·%]{1,2} ?10\^?([+\-\u2212]?\d{1,2})?$/;

/** The exponent of a mantissa times a power of ten as read, or null. */
export function mantissaExponent(text: string): number | null {
  const match = MANTISSA_POWER.exec(text.trim());
  return match ? Number(match[1].replace('\u2212', '-')) : null;
}

/** Digits after the decimal point of a label as read. */
export function decimals(text: string): number {
  const match = /\.(\d+)/.exec(text);
  return match ? match[1].length : 0;
}

/** A power of ten (`10^3`) with its exponent negated; null when it is negative already. */
function withNegativeExponent(text: string): string | null {
  const match = /^(.*\^)(\d+)$/.exec(text.trim());
  return match ? `${match[1]}-${match[2]}` : null;
}

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
 * How sure the labels of an axis make it that dots are thousands separators: 'no' where a label
 * prints a point after a lone zero (`0.800`: decimals); 'sure' when every
 * dotted label (one or more) is grouped in threes beside a label grouped by commas, or (two or
 * more) is grouped in threes and another label is printed without a dot (a decimal
 * formatter prints `0.000`, never `0`, beside `2.000`), or when two or more dotted labels are
 * grouped in threes ending in `00` beside one without a dot or grouped by commas (the others'
 * commas misread); 'likely' when every dotted label is grouped in threes ending in `00`
 * (decimals a formatter would not print), or two or more are beside dotted labels that are not
 * (printed alike, some were misread), else 'no'.
 */
function dotGrouping(texts: string[]): Grouping {
  const dotted = texts.filter((text) => text.includes('.'));
  // A point after a lone zero (`0.800`, `-0.5`) is a decimal point: no grouping prints it, and
  // one axis prints its labels alike (`2.600` beside `0.800` is 2.6, `1,400` a point misread).
  if (dotted.some((text) => /^[+\-\u2212]?0\.\d/.test(text))) return 'no';
  const grouped = dotted.filter((text) => DOT_GROUPED.test(text));
  const plain = texts.some((text) => /^[+\-\u2212]?\d+$/.test(text));
  // Commas misread on some labels (`90.000` beside `80.09` and `100,000`): those grouped in
  // threes with zeros, beside a label without a point or grouped by commas, still show the
  // format.
  const commas = texts.some(
    (text) => /^[+\-\u2212]?[1-9]\d{0,2}(?:,\d{3})+$/.test(text) || CUT_GROUP.test(text),
  );
  if (grouped.length >= 2 && grouped.length < dotted.length) {
    if (!grouped.every((text) => text.endsWith('00'))) return 'no';
    // One axis prints its decimals alike: dotted labels not grouped in threes beside two or
    // more that are (`80.09` beside `100.000` and `70.000`: small commas read as points, and a
    // zero lost) are misread, and the grouped ones print decimals no formatter would.
    return plain || commas ? 'sure' : 'likely';
  }
  // Beside labels grouped by commas, which print no decimals, a label grouped in threes by a
  // dot is one whose comma was misread, alone as much as with others (`80.000` beside `100,000`).
  if (dotted.length > 0 && grouped.length === dotted.length && commas) return 'sure';
  if (dotted.length < 2 || grouped.length < dotted.length) return 'no';
  if (dotted.some((text) => (text.match(/\./g) ?? []).length > 1)) return 'sure';
  if (plain) return 'sure';
  return dotted.every((text) => text.endsWith('00')) ? 'likely' : 'no';
}

/**
 * Every reading of an axis's tick labels, each placed on the tick mark (or grid line) under
 * its label: the text as read, and what the other labels say it may stand for. A leading zero
 * (`05` is 0.5), a mantissa of two digits (`10e-01` is 1.0e-01), dots that group thousands
 * (`0 2.000 4.000`) and a comma that can only be a decimal point are sure repairs (free: they stand in for the text as read), and so is a
 * second reader's number (`Word.second`); a decimal point lost (`15` as 1.5), an exponent's
 * lost minus and a mantissa given another label's exponent are guesses a fit must earn. Labels that hold no number are counted
 * and named in `warnings`.
 */
export function tickReadings(
  axis: AxisName,
  words: Word[],
  marks: number[],
  ends?: readonly [number, number],
): TickReadings {
  const warnings: string[] = [];
  const pairs: Pair[] = [];
  const signRepairs: Pair[] = [];
  const centre = (word: Word) =>
    axis === 'x' ? (word.box.left + word.box.right) / 2 : (word.box.top + word.box.bottom) / 2;
  const centres = words.map(centre).sort((a, b) => a - b);
  const spacing =
    centres.length > 1
      ? (centres.at(-1)! - centres[0]) / (centres.length - 1)
      : Number.POSITIVE_INFINITY;
  const texts = words.map((word) => word.text.trim());
  // the second reader's texts show the format too (it reads small commas as points: `100.000`)
  const seconds = words.map((word) => word.second?.trim() ?? '');
  const grouping = dotGrouping([...texts, ...seconds.filter((text) => text !== '')]);
  const decimalCommas = texts
    .filter((text) => text.includes(','))
    .every((text) => DECIMAL_COMMA.test(text));
  // An axis printing decimal commas (`0,5`) may print `12,` cut from `12,5`: no group was lost.
  const commaDecimals = texts.some((text) => DECIMAL_COMMA.test(text));
  const suffixes = misreadSuffixes(texts);
  // the second reader misreads a suffix alike, into another digit (`807 407 07`)
  const secondSuffixes = misreadSuffixes(seconds);
  // The exponents the axis's mantissas are printed with, and their neighbours: a small raised
  // exponent is misread more often than the mantissa before it.
  const exponents = new Set(
    words
      .flatMap((word) => [word.text, word.second ?? ''])
      .map(mantissaExponent)
      .flatMap((e) => (e === null ? [] : [e - 1, e, e + 1])),
  );
  // A label's tick: the mark under it, else the side it is set flush with, else its middle. A
  // label set flush with a side that bears a mark has its tick there, not at a minor tick
  // under its middle (Vega-Lite's `10⁵` over the minor tick at 8×10⁴): a label centred on a
  // tick half its width inside the side would overlap a label at the side.
  const placed = (word: Word) => {
    const middle = centre(word);
    const pixel = snapToMark(axis, word, middle, spacing, marks, ends);
    if (axis !== 'x' || !ends) return pixel;
    const [left, right] = ends;
    const flush =
      Math.abs(word.box.left - left) <= DEFAULTS.flushPx
        ? left
        : Math.abs(word.box.right - right) <= DEFAULTS.flushPx
          ? right
          : null;
    if (flush === null) return pixel;
    // the side's own mark, where it bears one: measured, where the side may be estimated
    const mark = marks
      .filter((mark) => Math.abs(mark - flush) <= DEFAULTS.flushPx)
      .sort((a, b) => Math.abs(a - flush) - Math.abs(b - flush))[0];
    if (pixel !== middle || marks.includes(middle)) return mark ?? pixel;
    return flush;
  };
  let unread = 0;
  words.forEach((word, label) => {
    const text = word.text.trim();
    const comma = DECIMAL_COMMA.exec(text);
    const parsed = parseTickLabel(comma ? `${comma[1]}.${comma[2]}${comma[3]}` : text);
    const loose = LOOSE_POWER.exec(text);
    if (loose && exponents.size > 0) {
      // The mantissa at each exponent of the axis, and at the digits run in after `10`.
      const own = loose[2] === undefined ? [] : [Number(loose[2].replace('\u2212', '-'))];
      const pixel = placed(word);
      for (const e of new Set([...exponents, ...own])) {
        const reading = `${loose[1]}×10^${e}`;
        const read = parseTickLabel(reading);
        if (read && read.value !== parsed?.value) {
          pairs.push({
            text: reading,
            value: read.value,
            pixel,
            power: true,
            label,
            repair: 'exponent',
            free: false,
          });
        }
      }
    }
    if (!parsed) {
      // read through its mantissa alone: counted, and named where the fit takes it
      if (loose && exponents.size > 0) {
        unread++;
        return;
      }
      if (text !== '') {
        unread++;
        warnings.push(`${axis} tick '${word.text}' could not be read and was ignored`);
      }
      return;
    }
    const pixel = placed(word);
    const pair = (reading: string, repair: Repair | null, free: boolean): Pair[] => {
      const read = parseTickLabel(reading);
      return read === null
        ? []
        : [{ text: reading, value: read.value, pixel, power: read.power, label, repair, free }];
    };
    const zero = LEADING_ZERO.exec(text);
    const mantissa = MANTISSA_DOTLESS.exec(text);
    const cut = commaDecimals ? null : CUT_GROUP.exec(text);
    const suffixed = suffixes.get(label);
    if (suffixed !== undefined) {
      // The axis vouches for it (free); the text as read stays a reading the fit must earn.
      pairs.push(...pair(suffixed, 'suffix', true));
      pairs.push(...pair(text, null, false));
    } else if (cut) {
      // `12,` is no printed number: the group after its separator was lost. Sure, so free; the
      // number before the comma is no reading of it.
      pairs.push(...pair(`${cut[1]},000`, 'cut-group', true));
    } else if (mantissa) {
      // Sure, so free, unless the `E` may be a 0; the text as read stays a reading the fit must
      // earn.
      const eZero = E_ZERO.exec(text);
      pairs.push(...pair(`${mantissa[1]}.${mantissa[2]}`, 'mantissa-point', !eZero));
      if (eZero) pairs.push(...pair(`${eZero[1]}0${eZero[2]}`, 'e-zero', false));
      pairs.push(...pair(text, null, false));
    } else if (zero) {
      // `05` is no printed number: the point after its zero was lost. Sure, so free.
      pairs.push(...pair(`${zero[1]}0.${zero[2]}`, 'leading-zero', true));
      // A glyph the reader was unsure of before the digits may be a minus it did not know: a
      // font with no minus sign prints a box (`□5` read `05`), and the box reads as a 0. A
      // guess the fit must earn: evenly stepped labels on both sides of zero.
      if (zero[1] === '' && word.confidence < DEFAULTS.unsureLead) {
        pairs.push(...pair(`-${zero[2]}`, 'minus', false));
      }
    } else if (grouping !== 'no' && DOT_GROUPED.test(text)) {
      // The axis says its dots group thousands: that reading is free, the decimal one a repair.
      pairs.push(...pair(text.replaceAll('.', ''), 'grouping', true));
      pairs.push(...pair(text, null, false));
    } else if (grouping === 'sure' && SHORT_GROUP.test(text)) {
      // Beside labels that show dots group thousands, a dot with one or two digits after it
      // is a separator whose group was misread (`80,000` read `80.09`): taken as zeros, as a
      // cut group is.
      pairs.push(...pair(`${SHORT_GROUP.exec(text)![1]},000`, 'cut-group', true));
      pairs.push(...pair(text, null, false));
    } else if (comma) {
      // A comma no thousands separator can be is a decimal point (a locale's, or a point
      // read as a comma): free when every comma of the axis is one.
      pairs.push(...pair(`${comma[1]}.${comma[2]}${comma[3]}`, 'decimal-comma', decimalCommas));
    } else {
      pairs.push(...pair(text, null, true));
      for (const reading of withDecimalPoint(text)) pairs.push(...pair(reading, 'point', false));
      // A speck or a tick mark before a label reads as a minus: without it is a guess.
      const signed = parsed.power ? null : LEADING_MINUS.exec(text);
      if (signed) pairs.push(...pair(signed[1], 'sign', false));
      const negated = parsed.power ? withNegativeExponent(text) : null;
      if (negated !== null) signRepairs.push(...pair(negated, 'exponent-sign', false));
      // A log axis labels its decades `1e+5`, and a small 1 is misread as another digit.
      const decade = SCIENTIFIC_MANTISSA.exec(text);
      if (decade) signRepairs.push(...pair(`${decade[1]}1${decade[2]}`, 'decade', false));
    }
    // The second reader's number is as good a reading: the fit the labels agree with chooses.
    // One that reads a cut label (`12,`) lost a group as the text would have.
    const second = secondSuffixes.get(label) ?? word.second?.trim();
    const secondCut = second === undefined || commaDecimals ? null : CUT_GROUP.exec(second);
    if (secondCut) pairs.push(...pair(`${secondCut[1]},000`, 'cut-group', true));
    else if (second !== undefined && grouping !== 'no' && DOT_GROUPED.test(second)) {
      pairs.push(...pair(second.replaceAll('.', ''), 'grouping', true));
    } else if (second !== undefined) pairs.push(...pair(second, 'second-reading', true));
  });
  return { pairs, signRepairs, unread, spacing, grouping, warnings };
}

/**
 * The tick mark under a label: the nearest within the label's extent along the axis and a
 * share of the label spacing; the label's centre when there is none. Given the plot's sides
 * (`ends`: a level x label read beside it), a mark away from the label's middle is its tick
 * only where it is a side (`snapExtentLevelX`).
 */
export function snapToMark(
  axis: AxisName,
  word: Word,
  centre: number,
  spacing: number,
  marks: number[],
  ends?: readonly [number, number],
): number {
  const width = word.box.right - word.box.left;
  const extent =
    axis === 'x'
      ? width * DEFAULTS.snapExtentX
      : (word.box.bottom - word.box.top) * DEFAULTS.snapExtentY;
  const reach = Math.min(spacing * DEFAULTS.snapShare, extent + 2);
  const level = Math.min(reach, width * DEFAULTS.snapExtentLevelX + 2);
  const atSide = (mark: number) =>
    ends?.some((end) => Math.abs(mark - end) <= DEFAULTS.flushPx) === true;
  let best = reach;
  let pixel = centre;
  for (const mark of marks) {
    const d = Math.abs(mark - centre);
    const within = axis !== 'x' || !ends || d < level || atSide(mark);
    if (d < best && within) {
      best = d;
      pixel = mark;
    }
  }
  return pixel;
}
