import { describe, expect, it } from 'vitest';
import { isoTime, timeOfIso, withTimeValues } from '../../src/export/isoTime.js';
import { toCsv, toLongCsv } from '../../src/export/toCsv.js';
import { toJson } from '../../src/export/toJson.js';
import { toPlotly } from '../../src/export/toPlotly.js';
import type { ChartResult } from '../../src/types.js';

const ms = (iso: string) => Date.parse(iso);

/** A chart whose x axis holds dates from `from` to `to`, with one series at those dates. */
function dated(from: string, to: string, xs: string[]): ChartResult {
  return {
    source: null,
    image: { width: 200, height: 100 },
    title: null,
    plot: { left: 20, top: 10, right: 180, bottom: 90 },
    axes: {
      x: {
        label: 'Date',
        scale: 'time',
        min: ms(from),
        max: ms(to),
        confidence: 0.9,
        ticks: [{ text: 'Jan 2020', value: ms('2020-01-01'), pixel: 40 }],
      },
      y: { label: 'Sales', scale: 'linear', min: 0, max: 1, confidence: 1, ticks: [] },
    },
    series: [
      {
        name: 'North',
        color: '#1f77b4',
        marker: null,
        confidence: 1,
        points: xs.map((x, i) => ({ x: ms(x), y: i / 10 })),
      },
    ],
    confidence: 0.9,
    warnings: [],
  };
}

describe('isoTime', () => {
  it('writes a date where the axis spans years, the time where it spans days', () => {
    const years = ms('2023-01-01') - ms('2020-01-01');
    expect(isoTime(ms('2021-03-01T13:00:00Z'), years)).toBe('2021-03-02');
    expect(isoTime(ms('2021-03-01T10:00:00Z'), years)).toBe('2021-03-01');
    const months = ms('2020-04-01') - ms('2020-01-01');
    expect(isoTime(ms('2020-02-03T13:20:00Z'), months)).toBe('2020-02-03T13:00:00Z');
    expect(isoTime(ms('2020-02-03T13:20:00Z'), 86_400_000)).toBe('2020-02-03T13:20:00Z');
    expect(isoTime(ms('2020-02-03T13:20:00.250Z'), 60_000)).toBe('2020-02-03T13:20:00.250Z');
  });

  it('reads back what it writes, dates as UTC midnight', () => {
    expect(timeOfIso('2021-03-02')).toBe(ms('2021-03-02T00:00:00Z'));
    expect(timeOfIso('2020-02-03T13:00:00Z')).toBe(ms('2020-02-03T13:00:00Z'));
    expect(timeOfIso('12')).toBeNaN();
  });
});

describe('a date x axis in the outputs', () => {
  const chart = dated('2019-12-20', '2020-12-20', ['2020-01-01', '2020-03-15', '2020-07-01']);

  it('is written to JSON as ISO 8601: limits, tick values and the points', () => {
    const json = JSON.parse(toJson(chart));
    expect(json.axes.x).toMatchObject({
      scale: 'time',
      min: '2019-12-20T00:00:00Z',
      max: '2020-12-20T00:00:00Z',
      ticks: [{ text: 'Jan 2020', value: '2020-01-01T00:00:00Z', pixel: 40 }],
    });
    expect(json.series[0].points.map((p: { x: string }) => p.x)).toEqual([
      '2020-01-01T00:00:00Z',
      '2020-03-15T00:00:00Z',
      '2020-07-01T00:00:00Z',
    ]);
    expect(json.axes.y.min).toBe(0);
  });

  it('is read back from JSON as the result it was written from', () => {
    const back = withTimeValues(JSON.parse(toJson(chart)) as ChartResult);
    expect(back.axes.x.min).toBe(chart.axes.x.min);
    expect(back.series[0].points).toEqual(chart.series[0].points);
    expect(toJson(back)).toBe(toJson(chart));
  });

  it('is written to the tables as ISO 8601', () => {
    const years = dated('2019-01-01', '2023-01-01', ['2020-01-01', '2021-06-15']);
    expect(toCsv(years)).toBe('Date,North\n2020-01-01,0\n2021-06-15,0.1\n');
    expect(toLongCsv(years)).toBe('series,x,y\nNorth,2020-01-01,0\nNorth,2021-06-15,0.1\n');
  });

  it('is a Plotly date axis, which takes the ms since 1970 as they are', () => {
    const { layout, data } = toPlotly(chart);
    expect(layout.xaxis).toMatchObject({
      type: 'date',
      range: [ms('2019-12-20'), ms('2020-12-20')],
    });
    expect(data[0].x[0]).toBe(ms('2020-01-01'));
  });
});
