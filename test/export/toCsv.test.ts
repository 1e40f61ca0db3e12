import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv, toLongCsv } from '../../src/export/toCsv.js';
import { toJson } from '../../src/export/toJson.js';
import type { ChartResult, SeriesResult } from '../../src/types.js';

function chart(series: SeriesResult[], xLabel: string | null = 'Training Step'): ChartResult {
  return {
    source: null,
    image: { width: 200, height: 100 },
    title: null,
    plot: { left: 20, top: 10, right: 180, bottom: 90 },
    axes: {
      x: { label: xLabel, scale: 'linear', min: 0, max: 40, confidence: 1, ticks: [] },
      y: { label: 'Score', scale: 'linear', min: 0, max: 1, confidence: 1, ticks: [] },
    },
    series,
    confidence: 1,
    warnings: [],
  };
}

function series(name: string | null, points: Array<[number, number]>): SeriesResult {
  return {
    name,
    color: '#1f77b4',
    marker: 'circle',
    confidence: 1,
    points: points.map(([x, y]) => ({ x, y })),
  };
}

describe('toCsv', () => {
  it('writes one row per distinct x, ascending, with empty cells where a series has no point', () => {
    const csv = toCsv(
      chart([
        series('GRPO, clipped', [
          [20, 0.165],
          [0, 0.125],
          [40, 0.13],
        ]),
        series(null, [
          [0, 0.075],
          [10, 0.1],
          [40, 0.2],
          [30, 1 / 3],
        ]),
      ]),
    );
    expect(csv).toBe(
      [
        'Training Step,"GRPO, clipped",series 2',
        '0,0.125,0.075',
        '10,,0.1',
        '20,0.165,',
        '30,,0.333333',
        '40,0.13,0.2',
        '',
      ].join('\n'),
    );
  });

  it('falls back to x and series N by position, and quotes quotes and newlines', () => {
    const csv = toCsv(
      chart(
        [series('say "hi"', [[1, 2]]), series('two\nlines', [[1, 3]]), series(null, [[1, 4]])],
        null,
      ),
    );
    expect(csv).toBe('x,"say ""hi""","two\nlines",series 3\n1,2,3,4\n');
  });

  it('writes numbers as the JSON does, without separators, the same from the JSON read back', () => {
    const result = chart([
      series('a', [
        [1234567.891, 0.1 + 0.2],
        [-0.5, 1e-7],
        [1 / 3, 2 / 3],
      ]),
    ]);
    const csv = toCsv(result);
    expect(csv).toBe('Training Step,a\n-0.5,1e-7\n0.333333,0.666667\n1234567.891,0.3\n');
    expect(toCsv(JSON.parse(toJson(result)))).toBe(csv);
  });

  it('writes the same digits fresh and from its JSON, whatever the values (property)', () => {
    const value = fc.double({ min: -1e9, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(
        value,
        value,
        fc.array(fc.tuple(value, value), { maxLength: 5 }),
        (a, b, points) => {
          const result = chart([series('a', points)]);
          result.axes.y = { ...result.axes.y, min: Math.min(a, b), max: Math.max(a, b) };
          const json = toJson(result);
          expect(toJson(JSON.parse(json))).toBe(json);
          expect(toCsv(JSON.parse(json))).toBe(toCsv(result));
        },
      ),
    );
  });

  it('names a single chart with its source on request, and takes another delimiter', () => {
    const result = { ...chart([series('a;b', [[1, 2]])]), source: 'runs/chart.png' };
    expect(toCsv(result, { named: true, delimiter: ';' })).toBe(
      '# runs/chart.png\nTraining Step;"a;b"\n1;2\n',
    );
    expect(toCsv(result, { delimiter: '\t' })).toBe('Training Step\ta;b\n1\t2\n');
    expect(() => toCsv(result, { delimiter: '.' })).toThrow(
      new RangeError(
        "Expected one of ',', ';', '\\t' or '|' for delimiter but received '.' of type string",
      ),
    );
  });

  it('keeps the first point where a series has several at the same x', () => {
    expect(
      toCsv(
        chart([
          series('a', [
            [1, 5],
            [1, 6],
          ]),
        ]),
      ),
    ).toBe('Training Step,a\n1,5\n');
  });

  it('writes only the header when there are no points', () => {
    expect(toCsv(chart([]))).toBe('Training Step\n');
    expect(toCsv(chart([series('a', [])]))).toBe('Training Step,a\n');
  });

  it('refuses a value that is not a finite number', () => {
    expect(() => toCsv(chart([series('a', [[0, Number.NaN]])]))).toThrow(
      new RangeError('Expected finite number for series[0].points[0].y but received NaN'),
    );
  });

  it('writes a figure as one table per chart, each after a line naming its panel', () => {
    const a = chart([series('A', [[0, 1]])]);
    const b = chart([series('B', [[2, 3]])]);
    const box = { left: 0, top: 0, right: 10, bottom: 10 };
    const csv = toCsv({
      source: 'paper.png',
      charts: [
        { ...a, panel: { index: 0, label: '(a)', box } },
        { ...b, page: 3, panel: { index: 1, label: null, box } },
      ],
      warnings: [],
    });
    expect(csv).toBe(
      [
        '# paper.png panel (a)',
        'Training Step,A',
        '0,1',
        '',
        '# paper.png page 3 panel 2',
        'Training Step,B',
        '2,3',
        '',
      ].join('\n'),
    );
  });
});

describe('toLongCsv', () => {
  const box = { left: 0, top: 0, right: 10, bottom: 10 };

  it('writes one row per point: series, x, y', () => {
    const result = chart([
      series('A, B', [
        [0, 1],
        [1, 1 / 3],
      ]),
      series(null, [[0, 2]]),
    ]);
    expect(toLongCsv(result)).toBe('series,x,y\n"A, B",0,1\n"A, B",1,0.333333\nseries 2,0,2\n');
  });

  it('adds source and panel columns for a table of several inputs, and a panel column for a figure', () => {
    const a = { ...chart([series('A', [[0, 1]])]), source: 'a.png' };
    const figure = {
      source: 'fig.png',
      charts: [
        { ...chart([series('B', [[2, 3]])]), page: 2, panel: { index: 0, label: '(a)', box } },
      ],
      warnings: [],
    };
    expect(toLongCsv(a, { source: true })).toBe('source,panel,series,x,y\na.png,,A,0,1\n');
    expect(toLongCsv(figure, { source: true, header: false, delimiter: ';' })).toBe(
      'fig.png;page 2 panel (a);B;2;3\n',
    );
    expect(toLongCsv(figure)).toBe('panel,series,x,y\npage 2 panel (a),B,2,3\n');
  });
});
