import { describe, expect, it } from 'vitest';
import { rgbToLab } from '../../src/color.js';
import { evenlySpaced, gridInk } from '../../src/separate/gridInk.js';

const WIDTH = 100;
const HEIGHT = 60;
const REGION = { left: 0, top: 0, right: WIDTH, bottom: HEIGHT };
const WHITE = rgbToLab([255, 255, 255]);

/** White, a grey grid line along row 20 and column 50, a darker grey series along row 40. */
function image() {
  const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(255);
  const paint = (row: number, column: number, grey: number) =>
    data.fill(grey, (row * WIDTH + column) * 3, (row * WIDTH + column) * 3 + 3);
  for (let column = 0; column < WIDTH; column++) paint(20, column, 200);
  for (let row = 0; row < HEIGHT; row++) paint(row, 50, 200);
  // The series crosses both grid lines; it lies flat along row 40 (a grid line's position too).
  for (let column = 0; column < WIDTH; column++) paint(40, column, 120);
  for (let row = 15; row < 26; row++) paint(row, 30, 120);
  return { data, width: WIDTH, height: HEIGHT, channels: 3 as const };
}

describe('gridInk', () => {
  it("flags a grey grid's pixels and keeps a grey series that crosses it or lies along it", () => {
    const flags = gridInk(image(), REGION, { x: [50], y: [20, 40] }, WHITE, [
      rgbToLab([120, 120, 120]),
    ]);
    expect(flags[20 * WIDTH + 10]).toBe(1);
    expect(flags[5 * WIDTH + 50]).toBe(1);
    // Where the series crosses the grid line, and along the series.
    expect(flags[20 * WIDTH + 30]).toBe(0);
    expect(flags[40 * WIDTH + 10]).toBe(0);
    // Rows next to the grid line hold nothing of it.
    expect(flags[21 * WIDTH + 10]).toBe(0);
  });

  it("flags a grid in a series' grey where it runs along most of the grid lines (a greyscale chart)", () => {
    // Dotted grey lines along rows 10..50 and columns 20..80, every other pixel: the grey of
    // a listed series too; a series flat along one grid line is kept (the test above).
    const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(255);
    for (const row of [10, 20, 30, 40, 50]) {
      for (let column = 0; column < WIDTH; column += 2)
        data.fill(120, (row * WIDTH + column) * 3, (row * WIDTH + column) * 3 + 3);
    }
    for (const column of [20, 50, 80]) {
      for (let row = 0; row < HEIGHT; row += 2)
        data.fill(120, (row * WIDTH + column) * 3, (row * WIDTH + column) * 3 + 3);
    }
    const flags = gridInk(
      { data, width: WIDTH, height: HEIGHT, channels: 3 },
      REGION,
      { x: [20, 50, 80], y: [10, 20, 30, 40, 50] },
      WHITE,
      [rgbToLab([120, 120, 120])],
    );
    for (const row of [10, 20, 30, 40, 50]) expect(flags[row * WIDTH + 10]).toBe(1);
    for (const column of [20, 50, 80]) expect(flags[4 * WIDTH + column]).toBe(1);
    // Two lines of the series' grey are not most of three, nor three lines.
    const two = gridInk(
      { data, width: WIDTH, height: HEIGHT, channels: 3 },
      REGION,
      { x: [20, 50], y: [] },
      WHITE,
      [rgbToLab([120, 120, 120])],
    );
    expect(two[4 * WIDTH + 20]).toBe(0);
  });

  it('flags a grid line on the last row a region ending half a pixel past it holds', () => {
    // drawnPixels reads the rows before 40.5: row 40 is the region's, and so is its grid line.
    const flags = gridInk(image(), { ...REGION, bottom: 40.5 }, { x: [], y: [40] }, WHITE, []);
    expect(flags[40 * WIDTH + 10]).toBe(1);
  });

  it('flags a dotted grid line (its colour along half its length, all along it)', () => {
    const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(255);
    for (let column = 0; column < WIDTH; column += 2)
      data.fill(200, (20 * WIDTH + column) * 3, (20 * WIDTH + column) * 3 + 3);
    const flags = gridInk(
      { data, width: WIDTH, height: HEIGHT, channels: 3 },
      REGION,
      { x: [], y: [20] },
      WHITE,
      [],
    );
    expect(flags[20 * WIDTH + 10]).toBe(1);
    expect(flags[20 * WIDTH + 90]).toBe(1);
  });

  it('does not flag a grey series that is flat along a grid position for a third of the width', () => {
    const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(255);
    data.fill(120, 20 * WIDTH * 3, (20 * WIDTH + 35) * 3);
    const flags = gridInk(
      { data, width: WIDTH, height: HEIGHT, channels: 3 },
      REGION,
      { x: [], y: [20] },
      WHITE,
      [],
    );
    expect(flags[20 * WIDTH + 10]).toBe(0);
  });
});

describe('evenlySpaced', () => {
  it('keeps the lines a whole number of steps apart, dropping a flat series found among them', () => {
    // A step of 63.5 px: a lattice from the first line would drift past the last lines.
    const grid = [171, 234.5, 256, 298, 361.5, 425, 488.5, 552, 615.5];
    expect(evenlySpaced(grid)).toEqual([171, 234.5, 298, 361.5, 425, 488.5, 552, 615.5]);
  });

  it('keeps a line where one between is missing (hidden by a legend)', () => {
    expect(evenlySpaced([100, 150, 250, 300, 320])).toEqual([100, 150, 250, 300]);
  });

  it('finds none where most lines lie off one spacing (flat stretches of step-shaped series)', () => {
    expect(evenlySpaced([22, 87, 99, 137, 175, 214, 229, 252, 256, 275, 290])).toEqual([]);
  });
});
