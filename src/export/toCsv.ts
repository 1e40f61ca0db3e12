import { invalidArgument } from '../arguments.js';
import { chartsOf, isFigure } from '../figure/figureResult.js';
import type { ChartResult, DigitizeResult, PanelChart } from '../types.js';
import { isoTime } from './isoTime.js';
import { panelName, seriesName } from './names.js';
import { roundResult } from './toJson.js';

/** The field separators a table may use: none of them can appear in a number. */
const DELIMITERS = [',', ';', '\t', '|'];

export interface CsvOptions {
  /** The field separator: `,`, `;`, a tab or `|`. @default ',' */
  delimiter?: string;
  /**
   * Precede a single chart's table with a line naming its source (`# chart.png`), as a figure's
   * tables always are: tables of several inputs printed one after another can then be told
   * apart. @default false
   */
  named?: boolean;
}

export interface LongCsvOptions {
  /** The field separator: `,`, `;`, a tab or `|`. @default ',' */
  delimiter?: string;
  /** Start with the header line; false for the rows of a later input of the same table. @default true */
  header?: boolean;
  /**
   * Add `source` and `panel` columns in front, for one table of several inputs. Without it, a
   * figure still gets its `panel` column. @default false
   */
  source?: boolean;
}

/**
 * Writes a result in the contract's table form: for one chart, its table; for a figure, the
 * table of each chart, preceded by a line naming it (`# paper.png panel (a)`, the panel's
 * 1-based position where it has no label) and separated by a blank line. A chart's table is
 * a header of the x axis label (or `x`) and one column per series named by its legend text
 * (or `series 1`, `series 2`, ... by position); then one row per distinct x value across all
 * series, ascending, with an empty cell where a series has no point at that x. Where a series
 * has several points at the same x, the first one is written. An x on a category axis is
 * written as its category's name, on a date axis as its ISO 8601 date (as the JSON writes it).
 * Numbers are written as the JSON
 * writes them (`roundResult`: 6 significant digits, more where an axis needs them), so a table
 * made from a fresh result and one made from its JSON read back are the same. Text fields are
 * quoted per RFC 4180, lines end with `\n` and the last line too. Throws a TypeError or
 * RangeError naming the point when a value is not a finite number, a RangeError for another
 * delimiter.
 */
export function toCsv(result: DigitizeResult, options: CsvOptions = {}): string {
  const { delimiter = ',', named = false } = options;
  const field = fieldWriter(delimiter);
  const rounded = roundResult(result);
  if (!isFigure(rounded)) {
    const name = named ? `${nameLine(rounded.source, null)}\n` : '';
    return `${name}${table(rounded, field, delimiter)}`;
  }
  return rounded.charts
    .map((chart) => `${nameLine(rounded.source, chart)}\n${table(chart, field, delimiter)}`)
    .join('\n');
}

/**
 * Writes a result as a long table, one row per point: `series,x,y` (the series named as in
 * `toCsv`), with a `panel` column in front for a figure (`panel (a)`, `page 3 panel 2`) and
 * `source,panel` in front with `source` (the panel empty for a plain chart). Rows follow the
 * series in order and each series' points in order; a date x is written in ISO 8601. Numbers,
 * quoting and errors as in `toCsv`.
 */
export function toLongCsv(result: DigitizeResult, options: LongCsvOptions = {}): string {
  const { delimiter = ',', header = true, source = false } = options;
  const field = fieldWriter(delimiter);
  const rounded = roundResult(result);
  const figure = isFigure(rounded);
  const columns = [...(source ? ['source', 'panel'] : figure ? ['panel'] : []), 'series', 'x', 'y'];
  const lines = header ? [columns.join(delimiter)] : [];
  for (const chart of chartsOf(rounded)) {
    const front = [
      ...(source ? [field(rounded.source ?? '')] : []),
      ...(source || figure ? [field(figure ? panelName(chart as PanelChart) : '')] : []),
    ];
    chart.series.forEach((series, index) => {
      const name = field(seriesName(series, index));
      for (const point of series.points) {
        const x = chart.axes.x.scale === 'time' ? xText(chart, point.x) : String(point.x);
        lines.push([...front, name, x, String(point.y)].join(delimiter));
      }
    });
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** The line naming a chart before its table: `# <source> [page N] panel <label>`. */
function nameLine(source: string | null, chart: PanelChart | null): string {
  const name = [
    '#',
    ...(source === null ? [] : [source]),
    ...(chart === null ? [] : [panelName(chart)]),
  ].join(' ');
  return name.replace(/[\r\n]+/g, ' ');
}

/** One chart's table, its values already rounded. */
function table(result: ChartResult, field: (text: string) => string, delimiter: string): string {
  const header = [nameOr(result.axes.x.label, 'x'), ...result.series.map(seriesName)];

  const columns = result.series.map((series) => {
    const yByX = new Map<number, number>();
    for (const point of series.points) if (!yByX.has(point.x)) yByX.set(point.x, point.y);
    return yByX;
  });

  // A Map key treats -0 and 0 as one x, as a reader of the table would.
  const xs = [...new Set(columns.flatMap((column) => [...column.keys()]))].sort((a, b) => a - b);

  const lines = [header.map(field).join(delimiter)];
  for (const x of xs) {
    const cells = columns.map((column) => {
      const y = column.get(x);
      return y === undefined ? '' : String(y);
    });
    lines.push([field(xText(result, x)), ...cells].join(delimiter));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * An x as the table writes it: on a category axis, the name of the category a whole index
 * stands for; on a date axis, the date in ISO 8601; else the number.
 */
function xText(result: ChartResult, x: number): string {
  const { x: axis } = result.axes;
  if (axis.scale === 'time') return isoTime(x, axis.max - axis.min);
  const name = Number.isInteger(x) ? axis.categories?.[x] : undefined;
  return name ? name : String(x);
}

/** A header name, or its fallback where there is none (null, empty or only spaces). */
function nameOr(name: string | null, fallback: string): string {
  return name === null || name.trim() === '' ? fallback : name;
}

/** Quotes a text field where it holds the delimiter, a quote or a line break (RFC 4180). */
function fieldWriter(delimiter: string): (text: string) => string {
  if (!DELIMITERS.includes(delimiter)) {
    throw invalidArgument("one of ',', ';', '\\t' or '|'", 'delimiter', delimiter, {
      error: RangeError,
      quoted: true,
    });
  }
  return (text) =>
    text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
