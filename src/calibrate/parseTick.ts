/** A tick label's value, and how it was written. */
import { invalidArgument } from '../arguments.js';
export interface ParsedTick {
  value: number;
  /** true when written as a power (10^3, 1e3, 10⁻³): hints a log axis */
  power: boolean;
  /** true when written with % */
  percent: boolean;
}

/**
 * Magnitude suffixes, as powers of ten. Lowercase `m` is left out on purpose: it means milli
 * to matplotlib's EngFormatter and million to many spreadsheets, so it is never certain.
 * Powers rather than factors because `Number('1.1e3')` is exactly 1100 where `1.1 * 1000` is not.
 */
const SUFFIX_EXPONENTS: Readonly<Record<string, number>> = {
  k: 3,
  K: 3,
  M: 6,
  /** billion, as spreadsheets write it */
  B: 9,
  /** giga, as matplotlib's EngFormatter writes it */
  G: 9,
  /** micro, as d3-format's SI notation (Plotly, Vega) writes it: Greek mu and the micro sign */
  μ: -6,
  µ: -6,
};

/** Characters OCR leaves around a label (a tick mark read as `|`, specks read as quotes). */
const STRAY_LEADING = /^[\s'‘’“”"|]+/;
/** The same, plus a comma (a speck below the baseline); a final `.` is left to the grammar. */
const STRAY_TRAILING = /[\s'‘’“”"|,]+$/;

/** Minus sign U+2212 and en dash U+2013: what OCR and matplotlib give for `-`. */
const MINUS_LIKE = /[\u2212\u2013]/g;
/** No-break, figure, thin and narrow no-break spaces: thousands separators in typeset labels. */
const SPACE_LIKE = /[\u00a0\u2007\u2009\u202f]/g;

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '⁰': '0',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
  '⁺': '+',
  '⁻': '-',
};
/** A superscript exponent can only close the label (`10⁻³`); anywhere else it stays and fails. */
const SUPERSCRIPT_TAIL = /[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/;

/** `\mathdefault{…}` with at most one level of braces inside, as in `\mathdefault{10^{-3}}`. */
const MATHDEFAULT = /\\mathdefault\{((?:[^{}]|\{[^{}]*\})*)\}/g;
const BRACED_EXPONENT = /\^\{([^{}]*)\}/g;

const DECIMAL = String.raw`\d+(?:\.\d*)?|\.\d+`;
/** Groups of exactly three digits after a first group that does not start with 0 (`0,500` is a European decimal). */
const GROUPED_COMMA = String.raw`[1-9]\d{0,2}(?:,\d{3})+(?:\.\d*)?`;
const GROUPED_SPACE = String.raw`[1-9]\d{0,2}(?: \d{3})+(?:\.\d*)?`;
/** Two or more groups after periods (`22.000.000`: German thousands, or commas misread): one
 * period alone (`2.000`) stays a decimal point. */
const GROUPED_PERIOD = String.raw`[1-9]\d{0,2}(?:\.\d{3}){2,}`;
const SUFFIXES = Object.keys(SUFFIX_EXPONENTS).join('');

/** `-1,000`, `12.5 %`, `2.5k` */
const PLAIN = new RegExp(
  `^([+-]?)(${DECIMAL}|${GROUPED_COMMA}|${GROUPED_SPACE}|${GROUPED_PERIOD}) ?(%|[${SUFFIXES}])?$`,
);
/** `1e-3`, `2.5E+06` */
const SCIENTIFIC = new RegExp(String.raw`^([+-]?)(${DECIMAL})[eE]([+-]?\d+)$`);
/** An unsigned exponent whose first digit is a 0 before another digit (`e04`). */
const LOST_MINUS = /^0\d/;
/** `10^-3`, `2×10^3`, `2·10^3` (after braces and superscripts are rewritten to `^`) */
const POWER_OF_TEN = new RegExp(String.raw`^([+-]?)(?:(${DECIMAL}) ?[×x·⋅] ?)?10\^([+-]?\d+)$`);

/** matplotlib's offset text: `1e6`, `1e+06` (it always writes a mantissa of 1) */
const MULTIPLIER_SCIENTIFIC = /^1[eE]([+-]?\d+)$/;
/** matplotlib's offset text with mathtext: `×10^3`, read with a `1` before it where the y axis
 * line runs up beside it */
const MULTIPLIER_POWER = /^(?:1 ?)?[×x] ?10\^([+-]?\d+)$/;

/**
 * Parses the text OCR read from one tick label. Returns null for anything that is not certainly
 * a number (a misread is rejected, never guessed). Throws a TypeError when `text` is not a string.
 */
export function parseTickLabel(text: string): ParsedTick | null {
  const label = normalize(expectString(text));

  const plain = PLAIN.exec(label);
  if (plain) {
    const [, sign, digits, suffix] = plain;
    const exponent = suffix === undefined || suffix === '%' ? 0 : SUFFIX_EXPONENTS[suffix];
    const grouped = (digits.match(/\./g)?.length ?? 0) > 1 ? /[., ]/g : /[, ]/g;
    const value = scaled(sign, digits.replace(grouped, ''), String(exponent));
    return value === null ? null : { value, power: false, percent: suffix === '%' };
  }

  const power = SCIENTIFIC.exec(label) ?? POWER_OF_TEN.exec(label);
  if (power) {
    const [, sign, mantissa = '1', written] = power;
    const exponent = SCIENTIFIC.test(label) ? minusRestored(written) : written;
    const value = scaled(sign, mantissa, exponent);
    return value === null ? null : { value, power: true, percent: false };
  }

  return null;
}

/**
 * Parses the multiplier matplotlib prints at the end of an axis (`1e6`, `1e−3`, `×10^3`, `×10³`).
 * Returns the factor, or null for anything else: a leading sign means matplotlib's additive
 * offset (`+1e3`), not a factor, so it is rejected. Throws a TypeError when `text` is not a string.
 */
export function parseAxisMultiplier(text: string): number | null {
  const label = normalize(expectString(text));
  const scientific = MULTIPLIER_SCIENTIFIC.exec(label);
  if (scientific) return scaled('', '1', minusRestored(scientific[1]));
  const match = MULTIPLIER_POWER.exec(label);
  return match ? scaled('', '1', match[1]) : null;
}

/**
 * An `e` exponent as written, its sign restored where OCR read it as a 0. No formatter writes an
 * unsigned exponent with a leading zero (printf, R, Excel and d3 write `e+04`, others `e4`):
 * that zero stands where the sign was, a minus U+2212 that the label's font lacks, drawn as an
 * empty box (`4.5e□4` read `4.5e04`). A plus is ASCII and in every font, so the lost sign is a
 * minus.
 */
function minusRestored(exponent: string): string {
  return LOST_MINUS.test(exponent) ? `-${exponent.slice(1)}` : exponent;
}

function expectString(text: unknown): string {
  if (typeof text !== 'string') {
    throw invalidArgument('string', 'text', text);
  }
  return text;
}

/** Strips what OCR adds around a label and rewrites the spellings of one label to one form. */
function normalize(text: string): string {
  let label = text.replace(STRAY_LEADING, '').replace(STRAY_TRAILING, '');
  // matplotlib mathtext source, `$\mathdefault{2\times10^{-3}}$`; a lone `$` (currency) stays and fails.
  if (label.length >= 2 && label.startsWith('$') && label.endsWith('$')) {
    label = label
      .slice(1, -1)
      .replaceAll(String.raw`\times`, '×')
      .replaceAll(String.raw`\cdot`, '·')
      .replace(MATHDEFAULT, '$1');
  }
  return label
    .replace(BRACED_EXPONENT, '^$1')
    .replace(SUPERSCRIPT_TAIL, (tail) => `^${[...tail].map((char) => SUPERSCRIPTS[char]).join('')}`)
    .replace(MINUS_LIKE, '-')
    .replace(SPACE_LIKE, ' ');
}

/**
 * `sign mantissa × 10^exponent`, computed by `Number` from its decimal spelling so that it is
 * correctly rounded. Null when it overflows, or underflows to 0 from a mantissa that is not 0.
 */
function scaled(sign: string, mantissa: string, exponent: string): number | null {
  const value = Number(`${sign}${mantissa}e${exponent}`);
  if (!Number.isFinite(value)) return null;
  if (value === 0) return /[1-9]/.test(mantissa) ? null : 0; // 0, never -0
  return value;
}
