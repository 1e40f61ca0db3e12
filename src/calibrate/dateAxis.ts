import { percentile } from '../math.js';
import type { AxisScale, Tick } from '../types.js';
import { axisConfidence } from './axisConfidence.js';
import { makeAxisScale } from './axisScale.js';
import { consensus, upright } from './consensus.js';
import { type DateParts, parseDateLabel } from './parseDate.js';
import type { Pair } from './tickReadings.js';

/** Milliseconds in a day: a time axis' values are milliseconds since 1970-01-01T00:00Z. */
export const DAY_MS = 86_400_000;

const DEFAULTS = {
  /**
   * The year of a date axis that prints none (`May July September`) and whose chart names none:
   * a leap year, so that a label `Feb 29` stands. Said in a warning, with a low confidence.
   */
  defaultYear: 2000,
  /** A label agrees with a fit within this many pixels of its place... */
  minTolerancePx: 2,
  /** ...or this share of the mean label spacing, whichever is larger. */
  toleranceShare: 0.08,
  /** How far an axis whose year was taken from the chart's title can be trusted. */
  yearFromText: 0.8,
  /** How far an axis whose year was assumed can be trusted. */
  yearAssumed: 0.3,
  /** An axis of month names read one letter off (`Dct`) is a little less sure. */
  fuzzyMonth: 0.9,
  /** The years a chart may show, searched for those whose calendar fits weekdays printed with
   * days (`Mon 09 | Tue 17`) where no year is printed. */
  years: [1900, 2100],
  /** Month names stand on a grid of equal steps: each within this share of a step of its place. */
  monthGrid: 0.2,
} as const;

/** A tick label read as words, at its tick along the axis (px). */
export interface DateLabel {
  text: string;
  pixel: number;
  /** How sure OCR was, 0..100. */
  confidence: number;
}

/** A date axis fitted from its labels. */
export interface DateCalibration {
  axis: AxisScale;
  /** 0..1: how far the axis can be trusted. */
  confidence: number;
  warnings: string[];
}

/** A label read as a date, its missing parts still to be found. */
interface Dated extends DateParts {
  text: string;
  pixel: number;
  label: number;
}

/**
 * A date axis from its tick labels, or null where they are not dates: at least two must read
 * as dates (`parseDateLabel`), half of those that hold text, and one must print a month (years
 * alone are numbers to the numeric calibration). What a label leaves out is taken from its
 * neighbours: the month of a day printed alone (`Feb 08 15 22`), and the year, carried along
 * the axis from a label that prints one and counted up where the months wrap (`Nov Dec Jan`).
 * Where no label prints a year, a year in `context` (the title, the axis label, the text at the
 * axis' end) is taken, else
 * `defaultYear` (2000), each said in `warnings` and costing confidence. The labels are then
 * placed in days and fitted as a linear axis is: the line most labels agree with, so a misread
 * label cannot bend it. The axis maps pixels to milliseconds since 1970-01-01T00:00Z.
 */
export function fitDateAxis(
  labels: DateLabel[],
  context: (string | null)[],
): DateCalibration | null {
  const texts = labels.filter((label) => label.text.trim() !== '');
  const dated: Dated[] = labels
    .flatMap((label, index) => {
      const parts = parseDateLabel(label.text);
      return parts ? [{ ...parts, text: label.text.trim(), pixel: label.pixel, label: index }] : [];
    })
    .sort((a, b) => a.pixel - b.pixel);
  if (dated.length < 2 || dated.length * 2 < texts.length) return null;
  if (!dated.some((date) => date.month !== undefined)) return null;
  const warnings: string[] = [];
  // A year printed alone (`2017 Jul 2018`) stands for its first day.
  for (const date of dated) {
    if (date.month === undefined && date.day === undefined) date.month = 1;
  }
  fillMonths(dated);
  if (monthList(dated) && !yearIn(context)) return null;
  const year = fillYears(dated, context);
  if (year.from === 'context') {
    warnings.push(`x axis: dates print no year; ${year.year} taken from the chart's text`);
  } else if (year.from === 'weekdays') {
    const [first, second] = year.fitting;
    warnings.push(
      year.fitting.length === 1
        ? `x axis: dates print no year; their weekdays fit ${year.year} alone of ${DEFAULTS.years.join(' to ')}`
        : `x axis: dates print no year; their weekdays fit ${year.fitting.length} years of ${DEFAULTS.years.join(' to ')} (${first}, ${second}, ...); ${year.year} was assumed`,
    );
  } else if (year.from === 'assumed') {
    warnings.push(
      `x axis: dates print no year and the chart names none; the year ${year.year} was assumed`,
    );
  }
  const pairs: Pair[] = dated.flatMap((date) => {
    if (date.year === undefined || date.month === undefined) return [];
    const time = Date.UTC(date.year, date.month - 1, date.day ?? 1);
    return [
      {
        text: date.text,
        value: time / DAY_MS,
        pixel: date.pixel,
        power: false,
        label: date.label,
        repair: null,
        free: true,
      },
    ];
  });
  const centres = pairs.map((pair) => pair.pixel);
  const spacing =
    centres.length > 1 ? (Math.max(...centres) - Math.min(...centres)) / (centres.length - 1) : 0;
  const tolerance = Math.max(DEFAULTS.minTolerancePx, spacing * DEFAULTS.toleranceShare);
  const found = consensus(pairs, 'linear', tolerance, 'x');
  // Dates grow rightwards: a fit the other way is misreads agreeing by chance.
  const fit = found && (upright('x', found.best.slope) ? found.best : found.upright);
  if (!fit || fit.inliers.length < 2) return null;
  for (const pair of pairs) {
    if (!fit.inliers.some((inlier) => inlier.label === pair.label)) {
      warnings.push(`x tick '${pair.text}' disagrees with the other dates and was ignored`);
    }
  }
  const ticks: Tick[] = fit.inliers
    .map((pair) => ({ text: pair.text, value: pair.value * DAY_MS, pixel: pair.pixel }))
    .sort((a, b) => a.pixel - b.pixel);
  let confidence = axisConfidence({
    scale: 'linear',
    intercept: fit.intercept,
    slope: fit.slope,
    labels: texts.length,
    inliers: fit.inliers.length,
    error: fit.error / tolerance,
    repairs: 0,
    unvouched: 0,
    grouping: 'no',
    upright: true,
    ambiguous: false,
    ocr: Math.min(...fit.inliers.map((pair) => labels[pair.label].confidence / 100)),
    marks: [],
    tickPixels: ticks.map((tick) => tick.pixel),
  });
  if (year.from === 'context') confidence *= DEFAULTS.yearFromText;
  if (year.from === 'assumed') confidence *= DEFAULTS.yearAssumed;
  if (year.from === 'weekdays') {
    confidence *= year.fitting.length === 1 ? DEFAULTS.yearFromText : DEFAULTS.yearAssumed;
  }
  if (dated.some((date) => date.fuzzy)) confidence *= DEFAULTS.fuzzyMonth;
  return {
    axis: makeAxisScale('time', fit.intercept * DAY_MS, fit.slope * DAY_MS, ticks),
    confidence: Math.round(confidence * 1000) / 1000,
    warnings,
  };
}

/**
 * Gives a day printed alone (`15`) the month of the label before it, the next month where the
 * day does not follow that label's (`Jan 22 | 05`); the labels before the first month, the
 * month of the label after them. Labels left without a month are dropped.
 */
function fillMonths(dated: Dated[]): void {
  const first = dated.findIndex((date) => date.month !== undefined);
  if (first < 0) return;
  for (let i = first + 1; i < dated.length; i++) {
    const date = dated[i];
    if (date.month !== undefined) continue;
    if (date.day === undefined) continue;
    const before = dated[i - 1];
    date.month = before.month!;
    if (date.day <= (before.day ?? 1)) {
      date.month = (before.month! % 12) + 1;
      if (before.year !== undefined) date.year = before.year + (before.month === 12 ? 1 : 0);
    } else if (before.year !== undefined) {
      date.year = before.year;
    }
  }
  for (let i = first - 1; i >= 0; i--) {
    const date = dated[i];
    const after = dated[i + 1];
    if (date.day === undefined || date.month !== undefined) continue;
    date.month = after.month!;
    if (date.day >= (after.day ?? 1)) {
      date.month = ((after.month! + 10) % 12) + 1;
      if (after.year !== undefined) date.year = after.year - (after.month === 1 ? 1 : 0);
    } else if (after.year !== undefined) {
      date.year = after.year;
    }
  }
}

/** Where a date axis' year came from, and the years its weekdays fit (`weekdays`). */
type YearSource =
  | { from: 'labels' | 'context' | 'assumed'; year: number }
  | { from: 'weekdays'; year: number; fitting: number[] };

/**
 * Gives every label a year, carried from the nearest label that prints one (counted up where
 * the months wrap going right, down going left). Where none prints one: the first year in
 * `context`; else, where labels print weekdays with their days (`Mon 09`), a year whose
 * calendar fits them all (the one nearest the default where several do); else the default.
 * Says where the year came from.
 */
function fillYears(dated: Dated[], context: (string | null)[]): YearSource {
  const printed = dated.findIndex((date) => date.year !== undefined && date.month !== undefined);
  const anchor = printed >= 0 ? printed : dated.findIndex((date) => date.year !== undefined);
  const years = dated.map((date) => date.year);
  if (anchor >= 0) {
    carryYears(dated, years, anchor, dated[anchor].year!);
    return { from: 'labels', year: dated[anchor].year! };
  }
  const first = dated.findIndex((date) => date.month !== undefined);
  const named = yearIn(context);
  const weekdays = dated.some((date) => date.weekday !== undefined && date.day !== undefined);
  const fitting: number[] = [];
  for (let year = DEFAULTS.years[0]; weekdays && year <= DEFAULTS.years[1]; year++) {
    carryYears(dated, years, first, year);
    if (dated.every(onItsWeekday)) fitting.push(year);
  }
  // nearest the default first (the earlier of two as near)
  fitting.sort((a, b) => Math.abs(a - DEFAULTS.defaultYear) - Math.abs(b - DEFAULTS.defaultYear));
  const fits = (year: number | null) => year !== null && (!weekdays || fitting.includes(year));
  const source: YearSource = fits(named)
    ? { from: 'context', year: named! }
    : fitting.length > 0
      ? { from: 'weekdays', year: fitting[0], fitting }
      : named !== null
        ? { from: 'context', year: named }
        : { from: 'assumed', year: DEFAULTS.defaultYear };
  carryYears(dated, years, first, source.year);
  return source;
}

/** Sets every label's year from the one at `anchor`, counted up where the months wrap going
 * right and down going left; the years `printed` are kept. */
function carryYears(
  dated: Dated[],
  printed: (number | undefined)[],
  anchor: number,
  year: number,
): void {
  dated.forEach((date, i) => {
    date.year = printed[i];
  });
  dated[anchor].year = year;
  // The months wrap where the month goes back: a label of the same month read without its day
  // (`Juns`, `Jun 5` misread, among `Jun 3 | Jun 7`) is no year later.
  const key = (date: Dated) => date.month ?? 1;
  for (let i = anchor + 1; i < dated.length; i++) {
    const before = dated[i - 1];
    if (dated[i].year === undefined && before.year !== undefined) {
      dated[i].year = before.year + (key(dated[i]) < key(before) ? 1 : 0);
    }
  }
  for (let i = anchor - 1; i >= 0; i--) {
    const after = dated[i + 1];
    if (dated[i].year === undefined && after.year !== undefined) {
      dated[i].year = after.year - (key(dated[i]) > key(after) ? 1 : 0);
    }
  }
}

/** Whether a label printing a weekday falls on it (one printing none always does). */
function onItsWeekday({ year, month, day, weekday }: Dated): boolean {
  if (weekday === undefined || day === undefined || month === undefined || year === undefined) {
    return true;
  }
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() === weekday;
}

/** The first year (1800 to 2199) the chart's text names, or null. */
function yearIn(context: readonly (string | null)[]): number | null {
  for (const text of context) {
    const match = /\b(1[89]\d\d|2[01]\d\d)\b/.exec(text ?? '');
    if (match) return Number(match[1]);
  }
  return null;
}

/**
 * Whether dated labels are month names alone, one month after another on a grid of equal steps
 * (`Jan Feb Mar`, `Nov Dec Jan`; a label the reader missed leaves its step empty: `Apr May Aug`
 * spaced as five months): with no year anywhere that is a list of months (categories), not a
 * stretch of time. Months printed every other step (`May Jul Sep`) are a time axis.
 */
function monthList(dated: readonly (DateParts & { pixel: number })[]): boolean {
  if (dated.length < 2) return false;
  if (dated.some((date) => date.year !== undefined || date.day !== undefined)) return false;
  // months from one label to the next, through the year's end
  const months = dated.slice(1).map((date, i) => (date.month! - dated[i].month! + 12) % 12);
  if (!months.includes(1) || months.includes(0)) return false;
  const perMonth = months.map((count, i) => (dated[i + 1].pixel - dated[i].pixel) / count);
  const step = percentile(perMonth, 0.5);
  return step > 0 && perMonth.every((px) => Math.abs(px - step) <= step * DEFAULTS.monthGrid);
}

/**
 * Whether tick labels are a list of months (see `monthList`): those that read as dates, more
 * than half of those holding text (a label misread, or the axis label read with them, is
 * let be).
 */
export function isMonthList(labels: readonly { text: string; pixel: number }[]): boolean {
  const read = labels.filter((label) => label.text.trim() !== '');
  const dated = read
    .flatMap((label) => {
      const parts = parseDateLabel(label.text);
      return parts ? [{ ...parts, pixel: label.pixel }] : [];
    })
    .sort((a, b) => a.pixel - b.pixel);
  return dated.length * 2 > read.length && monthList(dated);
}
