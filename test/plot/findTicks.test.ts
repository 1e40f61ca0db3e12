import { describe, expect, it } from 'vitest';
import { findTicks, type Line } from '../../src/plot/findTicks.js';
import type { Box, Raster } from '../../src/types.js';

const WIDTH = 800;
const HEIGHT = 200;
/** The plot: its x axis line is row 150. */
const BOX: Box = { left: 40, top: 20, right: 760, bottom: 150 };
const AXIS: Line = { first: 150, last: 150, center: 150.5, start: 40, end: 760 };

/** A white image with the x axis line drawn black, and `strokes` (column, from row, to row). */
function image(strokes: [number, number, number][]): Raster {
  const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(255);
  const ink = (column: number, row: number) =>
    data.fill(0, (row * WIDTH + column) * 3, (row * WIDTH + column) * 3 + 3);
  for (let column = BOX.left; column <= BOX.right; column++) ink(column, AXIS.first);
  for (const [column, from, to] of strokes) {
    for (let row = from; row <= to; row++) ink(column, row);
  }
  return { data, width: WIDTH, height: HEIGHT, channels: 3 };
}

/** The ticks found on the x axis of `raster` (white paper, tick reach 4 px). */
function xTicks(raster: Raster) {
  return findTicks(raster, [255, 255, 255], BOX, 'x', AXIS, 4);
}

describe('findTicks', () => {
  it('finds tick marks below the x axis, one at an axis end beside the others', () => {
    const columns = [40, 100, 160, 220, 280, 340, 355];
    const found = xTicks(image(columns.map((c) => [c, 151, 155])));
    expect(found.ticks.map(Math.floor)).toEqual(columns);
    expect(found.depth).toBe(5);
  });

  it('ends short ticks where labels set close below them touch their ends', () => {
    // ECharts' small labels stand a pixel below 3 px ticks, some of which blur a row further:
    // the labels' top rows are no strokes from the axis, and the text starts below the ticks.
    const columns = [100, 200, 300, 400, 500, 600, 700];
    const strokes: [number, number, number][] = columns.flatMap((c, i) => {
      const tick: [number, number, number] = [c, 151, i % 2 === 0 ? 154 : 153];
      // two digits' round tops and sides, from row 154 down
      const glyphs = [-8, -7, -6, -5, -4, 4, 5, 6, 7, 8].map((dx): [number, number, number] => [
        c + dx,
        Math.abs(dx) === 6 ? 154 : 155,
        162,
      ]);
      return [tick, ...glyphs];
    });
    const found = xTicks(image(strokes));
    expect(found.ticks.map(Math.floor)).toEqual(columns);
    expect(found.depth).toBe(3);
  });

  it('finds the ticks of a log axis at 1 to 9 times each power of ten, its gaps narrowing', () => {
    // four decades of 166 px, where a chart scaled down put them (the narrow gaps a pixel off)
    const decade = [0, 50, 78, 100, 116, 128, 140, 150, 158];
    const columns = [0, 1, 2, 3].flatMap((k) => decade.map((at) => 47 + 166 * k + at));
    const found = xTicks(image(columns.map((c) => [c, 151, 155])));
    expect(found.ticks).toHaveLength(columns.length);
    expect(found.depth).toBe(5);
  });

  it('takes the faint one-pixel ringing beside the axis line for no ticks: they stand inside', () => {
    // a JPEG's ringing: specks of light grey in the row below the axis, and the ticks drawn
    // inward, 5 px above it
    const columns = [100, 200, 300, 400, 500, 600, 700];
    const raster = image(columns.map((c) => [c, 145, 149]));
    for (let column = 70; column < 760; column += 37) {
      for (const c of [column, column + 1])
        raster.data.fill(200, (151 * WIDTH + c) * 3, (151 * WIDTH + c) * 3 + 3);
    }
    const found = xTicks(raster);
    expect(found.ticks.map(Math.floor)).toEqual(columns);
    expect(found.depth).toBe(0);
  });

  it("takes strokes gathered in a short stretch of the axis (a curve's ink) for no ticks", () => {
    // a dense chart's data dipping to the axis from inside, over 40 px of its 720
    const strokes = [300, 306, 312, 318, 324, 330, 336, 340].map((c): [number, number, number] => [
      c,
      146,
      149,
    ]);
    const found = xTicks(image(strokes));
    expect(found.ticks).toEqual([]);
  });

  it("takes no label's glyphs drawn against the axis for ticks (`100` with no tick marks)", () => {
    // each label's strokes: the `1`, and both sides of each `0`, in one cluster per label
    const strokes = [100, 200, 300].flatMap((centre) =>
      [-6, -3, -1, 1, 3, 6].map((dx): [number, number, number] => [centre + dx, 151, 158]),
    );
    const found = xTicks(image(strokes));
    // the labels start right below the axis: no tick reaches into them
    expect(found.depth).toBe(0);
  });

  it("finds a filled panel's y ticks a gap apart from its edge, past the x axis' first tick", () => {
    // a grey panel from column 40, a faint line at column 38; ticks at columns 32..37 (the last
    // one anti-aliased), and the x axis' first tick below the corner at columns 38..39
    const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(255);
    const paint = (column: number, row: number, grey: number) =>
      data.fill(grey, (row * WIDTH + column) * 3, (row * WIDTH + column) * 3 + 3);
    for (let row = BOX.top; row < BOX.bottom; row++) {
      for (let column = BOX.left; column < BOX.right; column++) paint(column, row, 235);
      paint(38, row, 249);
    }
    const rows = [40, 80, 120];
    for (const row of rows) {
      for (let column = 32; column < 37; column++) paint(column, row, 51);
      paint(37, row, 172);
    }
    for (let row = 150; row < 157; row++) for (const column of [38, 39]) paint(column, row, 51);
    const edge: Line = { first: 40, last: 110, center: 75, start: BOX.top, end: BOX.bottom };
    const found = findTicks(
      { data, width: WIDTH, height: HEIGHT, channels: 3 },
      [255, 255, 255],
      BOX,
      'y',
      edge,
      7,
    );
    expect(found.ticks.map(Math.floor)).toEqual(rows);
    expect(found.depth).toBeGreaterThanOrEqual(6);
  });
});
