/** Date tick labels (`2011-07`, `10/30`, `Jun 8`, `Oct 2006`, `Jul`) read into their parts. */
import { invalidArgument } from '../arguments.js';

/** What a date label prints: any of year, month (1..12) and day (1..31), at least one. */
export interface DateParts {
  year?: number;
  month?: number;
  day?: number;
  /** true when a month name was read one letter off (`Dct` for Oct). */
  fuzzy?: boolean;
  /** The weekday printed with the day (`Mon 09`), 0 for Sunday to 6 for Saturday. */
  weekday?: number;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** Years a date label can print: four digits, 1000 to 2999 (0999 or 3001 is an OCR misread). */
const YEAR = /^[12]\d{3}$/;
/** A day or numeric month: one or two digits. */
const SMALL = /^\d{1,2}$/;
/** A two-digit year after an apostrophe (`Jan '20`). */
const SHORT_YEAR = /^'(\d{2})$/;

/** Weekday names a date label may print before its day (`Mon 09`): they tell the year apart. */
const WEEKDAY = /^(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(day|sday|nesday|rsday|urday)?$/i;
/** The weekdays in the order of `Date.getUTCDay` (Sunday first), by their first three letters. */
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

type Token = { kind: 'word'; text: string } | { kind: 'number'; text: string } | { kind: 'sep' };

/**
 * The parts a date tick label prints, or null for anything that is not certainly a date. Reads
 * ISO dates and months (`2011-07-15`, `2011-07`), US numeric dates (`10/30`, `10/30/2011`; a
 * first number over 12 makes it day/month), month names, abbreviated or in full, alone or with
 * a day and/or a year in any order (`Jun 8`, `8 Jun`, `Oct 2006`, `Jan 1, 2020`, `2020 Jan`,
 * `Jan '20`), a year alone (`2017`), a day alone (`08`, as matplotlib's concise formatter
 * prints the days between month names) and a quarter with its year (`Q1 2020`, `2020-Q3`:
 * its first month; a quarter without a year is a category's name, no date). A month name one letter off (`Dct`) is read as that
 * month where no other month is as close; a weekday name (`Mon 09`) is kept apart as `weekday`.
 * Throws a TypeError when `text` is not a string.
 */
export function parseDateLabel(text: string): DateParts | null {
  if (typeof text !== 'string') throw invalidArgument('string', 'text', text);
  const quarter = quarterOf(text);
  if (quarter !== undefined) return quarter;
  const all = tokenize(text);
  const named = all?.filter((token) => token.kind === 'word' && WEEKDAY.test(token.text)) ?? [];
  const tokens = all?.filter((token) => !named.includes(token));
  if (!tokens || tokens.length === 0 || named.length > 1) return null;
  const shape = tokens.map((token) => (token.kind === 'sep' ? '-' : token.kind[0])).join('');
  const numbers = tokens.flatMap((token) => (token.kind === 'number' ? [token.text] : []));
  const words = tokens.flatMap((token) => (token.kind === 'word' ? [token.text] : []));
  const weekday = named[0]?.kind === 'word' ? named[0].text.slice(0, 3).toLowerCase() : null;
  const withWeekday = (parts: DateParts | null): DateParts | null =>
    parts && weekday !== null ? { ...parts, weekday: WEEKDAYS.indexOf(weekday) } : parts;
  if (words.length === 0) {
    return withWeekday(numericDate(shape.replace(/^-+|-+$/g, ''), numbers, text));
  }
  if (words.length !== 1) return null;
  const month = monthOf(words[0]);
  if (month === null) return null;
  const parts: DateParts = { month: month.month, ...(month.fuzzy && { fuzzy: true }) };
  // Around a month name: at most one day and one year.
  for (const number of numbers) {
    const short = SHORT_YEAR.exec(number);
    if (YEAR.test(number) || short) {
      if (parts.year !== undefined) return null;
      parts.year = short ? 2000 + Number(short[1]) : Number(number);
    } else if (SMALL.test(number) && Number(number) >= 1 && Number(number) <= 31) {
      if (parts.day !== undefined) return null;
      parts.day = Number(number);
    } else {
      return null;
    }
  }
  return validDay(parts) ? withWeekday(parts) : null;
}

/**
 * A quarter with its year (`Q1 2020`, `2020-Q3`, `Q4 '21`) as its first month; null for a
 * quarter without a year (`Q1 Q2 Q3` name categories); undefined for text that is no quarter.
 */
function quarterOf(text: string): DateParts | null | undefined {
  const match = QUARTER.exec(text.trim());
  if (!match) return undefined;
  const [, before, quarter, after] = match;
  const year = before ?? after;
  if (year === undefined || (before !== undefined && after !== undefined)) return null;
  const full = year.startsWith("'") ? 2000 + Number(year.slice(1)) : Number(year);
  return { year: full, month: 3 * Number(quarter) - 2 };
}

/** A quarter (`Q1` to `Q4`) with a year before or after it, four digits or `'21`. */
const QUARTER = /^(?:([12]\d{3}|'\d{2})[\s\-/]*)?Q([1-4])(?:[\s\-/,]*([12]\d{3}|'\d{2}))?$/i;

/** The parts of a label of numbers only (`2011-07-15`, `2011-07`, `10/30`, `2017`, `08`). */
function numericDate(shape: string, numbers: string[], text: string): DateParts | null {
  const values = numbers.map(Number);
  const slash = text.includes('/');
  let parts: DateParts | null = null;
  if (shape === 'n' && YEAR.test(numbers[0])) parts = { year: values[0] };
  else if (shape === 'n' && SMALL.test(numbers[0])) parts = { day: values[0] };
  else if (shape === 'n-n' && YEAR.test(numbers[0]) && SMALL.test(numbers[1])) {
    parts = { year: values[0], month: values[1] };
  } else if (shape === 'n-n-n' && YEAR.test(numbers[0]) && numbers.slice(1).every(isSmall)) {
    parts = { year: values[0], month: values[1], day: values[2] };
  } else if (
    slash &&
    (shape === 'n-n' || shape === 'n-n-n') &&
    numbers.slice(0, 2).every(isSmall)
  ) {
    // US order, month first, unless the first number cannot be a month.
    const [month, day] = values[0] > 12 ? [values[1], values[0]] : [values[0], values[1]];
    parts = { month, day };
    if (shape === 'n-n-n') {
      if (!YEAR.test(numbers[2])) return null;
      parts.year = values[2];
    }
  }
  return parts !== null && validDay(parts) ? parts : null;
}

function isSmall(number: string): boolean {
  return SMALL.test(number);
}

/** Whether the month is 1..12 and the day 1..31 (and within its month where both are known). */
function validDay({ year, month, day }: DateParts): boolean {
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day === undefined) return true;
  if (day < 1 || day > 31) return false;
  if (month === undefined) return true;
  // A year not printed may be a leap year: February 29 stands.
  const length = new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
  return day <= length;
}

/**
 * Words, numbers and separators; null where a character no date is printed with occurs. A
 * number keeps an apostrophe before it (`'20`); a word is letters only (a trailing `.` of
 * `Sept.` is a separator).
 */
function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  const pattern = /('?\d+)|(\p{L}+)|([\s\-/.,–]+)/uy;
  const source = text.trim();
  let match: RegExpExecArray | null;
  pattern.lastIndex = 0;
  while (pattern.lastIndex < source.length) {
    match = pattern.exec(source);
    if (match === null) return null;
    if (match[1] !== undefined) tokens.push({ kind: 'number', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'word', text: match[2] });
    else if (tokens.length > 0) tokens.push({ kind: 'sep' });
  }
  while (tokens.at(-1)?.kind === 'sep') tokens.pop();
  return tokens;
}

/**
 * The month a word names: its full name, or an abbreviation of three letters or more (`Sep`,
 * `Sept`); one letter off (substituted) where no other month is as close.
 */
function monthOf(word: string): { month: number; fuzzy: boolean } | null {
  const lower = word.toLowerCase();
  if (lower.length < 3) return null;
  const exact = MONTHS.findIndex(
    (name) => name === lower || (lower.length <= name.length && name.startsWith(lower)),
  );
  if (exact >= 0) return { month: exact + 1, fuzzy: false };
  // One letter substituted, in a full name or in its first letters (Dct, Juy, Novenber).
  const near = MONTHS.flatMap((name, index) => {
    if (lower.length > name.length) return [];
    const prefix = name.slice(0, lower.length);
    const misses = [...lower].filter((char, i) => char !== prefix[i]).length;
    return misses === 1 && (lower.length === 3 || lower.length === name.length) ? [index] : [];
  });
  return near.length === 1 ? { month: near[0] + 1, fuzzy: true } : null;
}

/**
 * Where one label's text holds several dates (labels too close for their boxes to be told
 * apart: `Oct 2006 Jan 2007 Apr 2007`; ISO dates run together, `1990-011990-03`), the dates
 * it holds, each with the range of characters it spans (`start` inclusive, `end` exclusive);
 * null where the text is one date or not dates only. Throws a TypeError when `text` is not a
 * string.
 */
export function splitDates(text: string): { text: string; start: number; end: number }[] | null {
  if (typeof text !== 'string') throw invalidArgument('string', 'text', text);
  const run = runTogether(text);
  if (run) return run;
  const pieces = [...text.matchAll(/\S+/g)].map((match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
  if (pieces.length < 2 || parseDateLabel(text) !== null) return null;
  const dates: { text: string; start: number; end: number }[] = [];
  // Greedily the longest run of pieces (a month name with its day and year: three at most)
  // that reads as a date with a month or a year.
  for (let i = 0; i < pieces.length; ) {
    const length = [3, 2, 1].find((n) => {
      if (i + n > pieces.length) return false;
      const parts = parseDateLabel(text.slice(pieces[i].start, pieces[i + n - 1].end));
      return parts !== null && (parts.month !== undefined || parts.year !== undefined);
    });
    if (length === undefined) return null;
    const { start } = pieces[i];
    const { end } = pieces[i + length - 1];
    dates.push({ text: text.slice(start, end), start, end });
    i += length;
  }
  return dates.length > 1 ? dates : null;
}

/** Digits and dashes only: ISO dates printed so close that they run into one another. */
const RUN_TOGETHER = /^[\d-]+$/;

/**
 * ISO dates (`1990-01`, `2007-06-01`) run together without a space, as matplotlib prints
 * crowded date labels that overlap (`1990-011990-03`), each with the range of characters it
 * spans; null where the text is not two or more such dates. Where two labels overlap, the last
 * digit of one and the first of the next year stand on one another and are read as one glyph
 * (`1990-01990-03`): a year of three digits takes the leading digit that puts it nearest the
 * year before it (`990` after 1990 is 1990), and spans the shared glyph.
 */
function runTogether(text: string): { text: string; start: number; end: number }[] | null {
  if (!RUN_TOGETHER.test(text)) return null;
  const tokens = [...text.matchAll(/\d+/g)].map((m) => ({ digits: m[0], at: m.index }));
  if (tokens.length < 3 || !YEAR.test(tokens[0].digits)) return null;
  // dashes one apart, each between two runs of digits
  if (text.replaceAll(/\d+/g, '') !== '-'.repeat(tokens.length - 1)) return null;
  const dates: { text: string; start: number; end: number }[] = [];
  let year = { value: Number(tokens[0].digits), start: tokens[0].at };
  let parts: string[] = [];
  const close = (end: number): boolean => {
    const date = `${year.value}-${parts.join('-')}`;
    if (parts.length === 0 || parseDateLabel(date) === null) return false;
    dates.push({ text: date, start: year.start, end });
    return true;
  };
  for (const [i, { digits, at }] of tokens.slice(1).entries()) {
    const last = i === tokens.length - 2;
    if (digits.length === 2) {
      parts.push(digits);
      if (last && !close(at + 2)) return null;
      continue;
    }
    // A month or day and the next date's year, its first digit maybe lost under the last.
    const next = digits.slice(2);
    if (last || (next.length !== 3 && next.length !== 4)) return null;
    parts.push(digits.slice(0, 2));
    if (!close(at + 2)) return null;
    const value = next.length === 4 ? Number(next) : nearestWithEnding(Number(next), year.value);
    if (!YEAR.test(String(value))) return null;
    year = { value, start: next.length === 4 ? at + 2 : at + 1 };
    parts = [];
  }
  // every date printed with the same parts (`1990-01`, or `1990-01-15`)
  const shape = (date: string) => date.split('-').length;
  if (dates.length < 2 || dates.some((date) => shape(date.text) !== shape(dates[0].text))) {
    return null;
  }
  return dates;
}

/** The year ending in these three digits (`990`) nearest `near` (1990 for 1985). */
function nearestWithEnding(ending: number, near: number): number {
  const candidates = [1000, 2000].map((thousand) => thousand + ending);
  return candidates.reduce((best, year) =>
    Math.abs(year - near) < Math.abs(best - near) ? year : best,
  );
}
