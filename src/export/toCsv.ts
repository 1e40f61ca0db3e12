import { expectFinite, invalidArgument } from '../arguments.js';
import { isFigure } from '../figure/figureResult.js';
import type { ChartResult, DigitizeResult, FigureResult } from '../types.js';

/** Characters that force a field into quotes (RFC 4180 section 2, items 6 and 7). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Writes a result in the contract's table form: for one chart, its table; for a figure, the
 * table of each chart, preceded by a line naming it (`# paper.png panel (a)`, the panel's
 * 1-based position where it has no label) and separated by a blank line. A chart's table is
 * a header of the x axis label (or `x`) and one column per series named by its legend text
 * (or `series 1`, `series 2`, ... by position); then one row per distinct x value across all
 * series, ascending, with an empty cell where a series has no point at that x. Where a series
 * has several points at the same x, the first one is written. Numbers are in full precision (the shortest text that reads
 * back as the same double), text fields are quoted per RFC 4180, lines end with `\n` and the
 * last line too. Throws a TypeError or RangeError naming the point when a value is not a
 * finite number.
 */
export function toCsv(result: DigitizeResult): string {
  if (typeof result !== 'object' || result === null) {
    throw invalidArgument('object', 'result', result);
  }
  return isFigure(result) ? figureTables(result) : table(result);
}

function figureTables({ source, charts }: FigureResult): string {
  return charts
    .map((chart) => {
      const { page, panel } = chart;
      const name = [
        '#',
        ...(source === null ? [] : [source]),
        ...(page === undefined ? [] : ['page', String(page)]),
        'panel',
        panel.label ?? String(panel.index + 1),
      ].join(' ');
      return `${name.replace(/[\r\n]+/g, ' ')}\n${table(chart)}`;
    })
    .join('\n');
}

/** One chart's table. */
function table(result: ChartResult): string {
  const header = [
    nameOr(result.axes.x.label, 'x'),
    ...result.series.map((series, index) => nameOr(series.name, `series ${index + 1}`)),
  ];

  const columns = result.series.map((series, seriesIndex) => {
    const yByX = new Map<number, number>();
    series.points.forEach((point, pointIndex) => {
      const path = `series[${seriesIndex}].points[${pointIndex}]`;
      const x = expectFinite(point.x, `${path}.x`);
      const y = expectFinite(point.y, `${path}.y`);
      if (!yByX.has(x)) yByX.set(x, y);
    });
    return yByX;
  });

  // A Map key treats -0 and 0 as one x, as a reader of the table would.
  const xs = [...new Set(columns.flatMap((column) => [...column.keys()]))].sort((a, b) => a - b);

  const lines = [header.map(field).join(',')];
  for (const x of xs) {
    const cells = columns.map((column) => {
      const y = column.get(x);
      return y === undefined ? '' : String(y);
    });
    lines.push([String(x), ...cells].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** A header name, or its fallback where there is none (null, empty or only spaces). */
function nameOr(name: string | null, fallback: string): string {
  return name === null || name.trim() === '' ? fallback : name;
}

function field(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
