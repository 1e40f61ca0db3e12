/**
 * Charts with a date x axis, rendered from known data in ms since 1970 and digitized end to
 * end: level labels of several formats, and labels slanted as matplotlib's `autofmt_xdate`
 * prints them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDigitizer } from '../src/digitize.js';
import { toCsv } from '../src/export/toCsv.js';
import { toJson } from '../src/export/toJson.js';
import type { ChartResult } from '../src/types.js';
import { oneChart } from './helpers/oneChart.js';
import { type ChartSpec, renderChart } from './helpers/renderChart.js';

/** End-to-end runs include OCR: allow for a slow, shared CI machine. */
const TIMEOUT_MS = 30_000;
const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const digitizer = createDigitizer();
afterAll(() => digitizer.close());

const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
/** The first day of each month from `from` for `count` months, stepping `step`. */
function months(from: string, count: number, step = 1): number[] {
  const start = new Date(utc(from));
  return Array.from({ length: count }, (_, i) =>
    Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i * step, 1),
  );
}

/** A chart of one sine-like series over the dates `[first, last]`, its ticks at `ticks`. */
function dateChart(
  first: number,
  last: number,
  ticks: number[],
  format: (ms: number) => string,
  extra: Partial<ChartSpec> = {},
): ChartSpec {
  const xs = Array.from({ length: 60 }, (_, i) => first + ((last - first) * i) / 59);
  return {
    width: 720,
    height: 420,
    xLabel: 'Date',
    yLabel: 'Sales',
    xRange: [first - 5 * DAY_MS, last + 5 * DAY_MS],
    yRange: [0, 10],
    xTicks: ticks,
    yTicks: [0, 2, 4, 6, 8, 10],
    tickFormat: (v, axis) => (axis === 'x' ? format(v) : String(v)),
    series: [
      {
        name: null,
        color: '#1f77b4',
        x: xs,
        y: xs.map((x) => 5 + 3 * Math.sin(((x - first) / (last - first)) * 2 * Math.PI)),
      },
    ],
    ...extra,
  };
}

async function digitizeSpec(spec: ChartSpec): Promise<ChartResult> {
  const { png } = await renderChart(spec);
  return oneChart(await digitizer.digitize(png));
}

/** The x limits read, within `toleranceDays` of the rendered ones. */
function expectLimits(result: ChartResult, spec: ChartSpec, toleranceDays: number): void {
  expect(result.axes.x.scale).toBe('time');
  expect(Math.abs(result.axes.x.min - spec.xRange[0]) / DAY_MS).toBeLessThan(toleranceDays);
  expect(Math.abs(result.axes.x.max - spec.xRange[1]) / DAY_MS).toBeLessThan(toleranceDays);
}

const iso = (ms: number) => new Date(ms).toISOString();
const month = (ms: number) => MONTHS[new Date(ms).getUTCMonth()];

describe('date x axes', () => {
  it(
    'reads ISO months (ggplot2) as a time axis, written as ISO 8601 in the JSON and the table',
    async () => {
      const ticks = months('2011-01-01', 7, 12);
      const spec = dateChart(ticks[0], ticks.at(-1)!, ticks, (v) => iso(v).slice(0, 7));
      const result = await digitizeSpec(spec);
      // a pixel of this axis is about 4 days; six years are written as dates
      expectLimits(result, spec, 5);
      const json = JSON.parse(toJson(result));
      expect(json.axes.x.min).toMatch(/^2010-12-2\d$/);
      expect(json.series[0].points[0].x).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(toCsv(result).split('\n')[1]).toMatch(/^\d{4}-\d{2}-\d{2},/);
    },
    TIMEOUT_MS,
  );

  it(
    'carries the year of "Jan 2020" along month names, over the turn of the year',
    async () => {
      const ticks = months('2019-09-01', 8);
      const spec = dateChart(ticks[0], ticks.at(-1)!, ticks, (v) =>
        month(v) === 'Jan' ? `Jan ${new Date(v).getUTCFullYear()}` : month(v),
      );
      const result = await digitizeSpec(spec);
      expectLimits(result, spec, 2);
      expect(result.warnings.join(' ')).not.toContain('year');
    },
    TIMEOUT_MS,
  );

  it(
    'takes the year Plotly prints on a second line under the first date (Jun 8 / 1997), and the x label below it',
    async () => {
      const ticks = [utc('1997-06-08'), utc('1997-06-22'), utc('1997-07-06'), utc('1997-07-20')];
      const spec = dateChart(ticks[0], ticks.at(-1)!, ticks, (v) => {
        const date = new Date(v);
        const label = `${month(v)} ${date.getUTCDate()}`;
        return v === ticks[0] ? `${label}\n${date.getUTCFullYear()}` : label;
      });
      const result = await digitizeSpec(spec);
      expectLimits(result, spec, 1);
      expect(result.warnings.join(' ')).not.toContain('year');
      expect(result.axes.x.label).toBe('Date');
      expect(result.axes.x.confidence).toBeGreaterThan(0.9);
    },
    TIMEOUT_MS,
  );

  it(
    'assumes a year where none is printed, and says so',
    async () => {
      const ticks = [utc('2000-03-06'), utc('2000-03-20'), utc('2000-04-03'), utc('2000-04-17')];
      const spec = dateChart(ticks[0], ticks.at(-1)!, ticks, (v) => {
        const date = new Date(v);
        return `${String(date.getUTCMonth() + 1).padStart(2, '0')}/${String(date.getUTCDate()).padStart(2, '0')}`;
      });
      const result = await digitizeSpec(spec);
      expectLimits(result, spec, 1);
      expect(result.warnings).toContain(
        'x axis: dates print no year and the chart names none; the year 2000 was assumed',
      );
      expect(result.axes.x.confidence).toBeLessThan(0.5);
    },
    TIMEOUT_MS,
  );

  it(
    'reads labels slanted 30 degrees (autofmt_xdate) as dates, never as categories',
    async () => {
      const ticks = months('2013-01-01', 6, 2);
      const spec = dateChart(ticks[0], ticks.at(-1)!, ticks, (v) => iso(v).slice(0, 10), {
        xTickAngle: 30,
        // the renderer lays the x label out for level labels: none here
        xLabel: null,
        plot: { left: 80, top: 30, right: 690, bottom: 300 },
      });
      const result = await digitizeSpec(spec);
      expect(result.axes.x.categories).toBeUndefined();
      expectLimits(result, spec, 3);
    },
    TIMEOUT_MS,
  );

  it(
    'reads years slanted 45 degrees (Chart.js) as numbers',
    async () => {
      const ticks = [2014, 2016, 2018, 2020, 2022, 2024].map((year) => utc(`${year}-01-01`));
      const spec = dateChart(ticks[0], ticks.at(-1)!, ticks, (v) => iso(v).slice(0, 4), {
        xTickAngle: 45,
        xLabel: null,
        plot: { left: 80, top: 30, right: 690, bottom: 330 },
      });
      const result = await digitizeSpec(spec);
      expect(result.axes.x.scale).toBe('linear');
      // years as numbers: the rendered limits in decimal years, within a pixel (about 4 days)
      const year = (ms: number) => 1970 + ms / (365.25 * DAY_MS);
      expect(result.axes.x.min).toBeCloseTo(year(spec.xRange[0]), 1);
      expect(result.axes.x.max).toBeCloseTo(year(spec.xRange[1]), 1);
    },
    TIMEOUT_MS,
  );

  it(
    'reads "Jan 2002" labels falling 30 degrees (Plotly) as dates',
    async () => {
      const ticks = months('2002-01-01', 5, 6);
      const spec = dateChart(
        ticks[0],
        ticks.at(-1)!,
        ticks,
        (v) => `${month(v)} ${iso(v).slice(0, 4)}`,
        {
          xTickAngle: -30,
          xLabel: null,
          plot: { left: 80, top: 30, right: 640, bottom: 320 },
        },
      );
      const result = await digitizeSpec(spec);
      expectLimits(result, spec, 5);
    },
    TIMEOUT_MS,
  );

  it(
    'parts "Mar 26 Apr 09" labels printed on every other tick, their spaces as wide as the gaps between them (gnuplot)',
    async () => {
      const weeks = Array.from({ length: 13 }, (_, i) => utc('2015-03-26') + i * 7 * DAY_MS);
      const spec = dateChart(
        weeks[0],
        weeks.at(-1)!,
        weeks,
        (v) => {
          const date = new Date(v);
          const day = String(date.getUTCDate()).padStart(2, '0');
          return weeks.indexOf(v) % 2 === 0 ? `${month(v)} ${day}` : '';
        },
        { fontSize: 20, plot: { left: 80, top: 30, right: 620, bottom: 320 } },
      );
      const result = await digitizeSpec(spec);
      // the year is printed nowhere: only the days and months are checked
      const year = new Date(result.axes.x.min).getUTCFullYear() - 2015;
      const shifted = (ms: number) => {
        const date = new Date(ms);
        return Date.UTC(
          date.getUTCFullYear() - year,
          date.getUTCMonth(),
          date.getUTCDate(),
          date.getUTCHours(),
        );
      };
      expect(result.axes.x.scale).toBe('time');
      expect(Math.abs(shifted(result.axes.x.min) - spec.xRange[0]) / DAY_MS).toBeLessThan(1);
      expect(Math.abs(shifted(result.axes.x.max) - spec.xRange[1]) / DAY_MS).toBeLessThan(1);
      expect(result.axes.x.ticks.map((tick) => tick.text)).toEqual([
        'Mar 26',
        'Apr 09',
        'Apr 23',
        'May 07',
        'May 21',
        'Jun 04',
        'Jun 18',
      ]);
    },
    TIMEOUT_MS,
  );

  it(
    'reads quarters with their year (Q1 2020) as dates, each its first month',
    async () => {
      const ticks = months('2020-01-01', 6, 3);
      const spec = dateChart(ticks[0], ticks.at(-1)!, ticks, (v) => {
        const date = new Date(v);
        return `Q${date.getUTCMonth() / 3 + 1} ${date.getUTCFullYear()}`;
      });
      const result = await digitizeSpec(spec);
      expectLimits(result, spec, 2);
      expect(result.warnings.join(' ')).not.toContain('year');
    },
    TIMEOUT_MS,
  );
});
