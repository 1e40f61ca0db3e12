import { describe, expect, it } from 'vitest';
import { blobPoints, columnRuns, followRuns, runEdges } from '../../src/trace/columnRuns.js';
import type { Ink } from '../../src/trace/ink.js';

const WIDTH = 10;
const HEIGHT = 40;
const REGION = { left: 0, top: 0, right: WIDTH, bottom: HEIGHT };

/** A mask with `weight` at each (column, row) given. */
function ink(cells: Array<[number, number, number]>, occluded?: Uint8Array): Ink {
  const weight = new Float32Array(WIDTH * HEIGHT);
  for (const [column, row, w] of cells) weight[row * WIDTH + column] = w;
  return { weight, width: WIDTH, height: HEIGHT, region: REGION, occluded };
}

describe('columnRuns', () => {
  it('gives each run of a column its rows, its weight and its centre of colour', () => {
    const runs = columnRuns(
      ink([
        [3, 10, 0.5],
        [3, 11, 1],
        [3, 12, 0.5],
        [3, 30, 1],
      ]),
      3,
    );
    expect(runs).toEqual([
      { from: 10, to: 12, weight: 2, center: 11.5 },
      { from: 30, to: 30, weight: 1, center: 30.5 },
    ]);
    expect(
      runEdges(
        runs[0],
        ink([
          [3, 10, 0.5],
          [3, 12, 0.5],
        ]).weight,
        WIDTH,
        3,
      ),
    ).toEqual({
      top: 10.5,
      bottom: 12.5,
    });
  });

  it('runs on through rows another series covers when the series shows again beyond', () => {
    const occluded = new Uint8Array(WIDTH * HEIGHT);
    for (let row = 12; row < 15; row++) occluded[row * WIDTH + 3] = 1;
    const cells: Array<[number, number, number]> = [
      [3, 10, 1],
      [3, 11, 1],
      [3, 15, 1],
      [3, 16, 1],
    ];
    expect(columnRuns(ink(cells, occluded), 3)).toEqual([
      { from: 10, to: 16, weight: 7, center: 13.5 },
    ]);
    expect(columnRuns(ink(cells), 3)).toHaveLength(2);
  });

  it('leaves out the rows `skip` holds', () => {
    const cells: Array<[number, number, number]> = [
      [3, 10, 1],
      [3, 20, 1],
    ];
    expect(columnRuns(ink(cells), 3, (row) => row === 20)).toEqual([
      { from: 10, to: 10, weight: 1, center: 10.5 },
    ]);
  });
});

describe('followRuns', () => {
  it('follows the run nearest the previous column, from the heaviest first, and counts gaps', () => {
    const runs = (k: number) =>
      k === 2
        ? []
        : [
            { from: 5, to: 6, weight: k === 0 ? 1 : 2, center: 6 + k },
            { from: 20, to: 22, weight: 3, center: 21 - k },
          ];
    const { line, coverage } = followRuns({ left: 0, top: 0, right: 4, bottom: HEIGHT }, runs);
    expect(line).toEqual([
      { px: 0.5, py: 21 },
      { px: 1.5, py: 20 },
      { px: 3.5, py: 18 },
    ]);
    expect(coverage).toBe(0.75);
  });
});

describe('blobPoints', () => {
  // A line 2 px tall: flat at row 50, an error bar 2 columns wide (rows 20 to 80), flat again,
  // a narrow peak up to row 30, a steep stroke down to row 70, flat.
  const rows: Array<[number, number]> = [
    ...Array.from({ length: 10 }, (): [number, number] => [49, 51]),
    [20, 80],
    [20, 80],
    ...Array.from({ length: 10 }, (): [number, number] => [49, 51]),
    [40, 51],
    [30, 42],
    [40, 51],
    ...Array.from({ length: 5 }, (): [number, number] => [49, 51]),
    [49, 58],
    [56, 64],
    [62, 71],
    ...Array.from({ length: 10 }, (): [number, number] => [69, 71]),
  ];
  const line = rows.map(([top, bottom], i) => ({ px: i + 0.5, py: (top + bottom) / 2 }));
  const spans = rows.map(([top, bottom]) => ({ top, bottom }));

  it('flags a run reaching past the plainer runs beside it both ways, not a peak or a steep stroke', () => {
    const blobs = blobPoints(line, spans, 2, 16);
    expect([...blobs.keys()].filter((i) => blobs[i])).toEqual([10, 11]);
  });

  it('flags nothing where no plainer run is near enough to tell', () => {
    expect(blobPoints(line, spans, 2, 0.5).every((flag) => flag === 0)).toBe(true);
  });
});
