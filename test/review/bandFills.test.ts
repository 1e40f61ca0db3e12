import { describe, expect, it } from 'vitest';
import { findBandFills, surrounds } from '../../src/review/bandFills.js';

const WIDTH = 60;
const HEIGHT = 60;
const WHITE: [number, number, number] = [255, 255, 255];

/** A mask with 1 where `inside(column, row)`, over columns 5..54. */
function draw(inside: (column: number, row: number) => boolean): Float32Array {
  const weight = new Float32Array(WIDTH * HEIGHT);
  for (let row = 0; row < HEIGHT; row++) {
    for (let column = 5; column < 55; column++) {
      if (inside(column, row)) weight[row * WIDTH + column] = 1;
    }
  }
  return weight;
}

const mask = (color: [number, number, number], weight: Float32Array) => ({
  color,
  weight,
  count: weight.filter((w) => w > 0).length,
});

/** A bare line's path as traced, a point in every column 5..54. */
const traced = (py: (px: number) => number) => ({
  points: Array.from({ length: 50 }, (_, k) => ({ px: 5 + k, py: py(5 + k) })),
  reach: 0,
});

/** A wavy line through the middle of the plot, 3 px thick. */
const centre = (column: number) => 30 + Math.round(4 * Math.sin(column / 6));
const green: [number, number, number] = [81, 161, 74];
const paleGreen: [number, number, number] = [154, 201, 157];
const line = mask(
  green,
  draw((column, row) => Math.abs(row - centre(column)) <= 1),
);
/** The band round it: 8 px either side, not under the line. */
const band = mask(
  paleGreen,
  draw((column, row) => Math.abs(row - centre(column)) > 1 && Math.abs(row - centre(column)) <= 8),
);

describe('surrounds', () => {
  it('is true for a band drawn up to its line on both sides', () => {
    expect(surrounds([band.weight], line.weight, traced(centre).points, WIDTH, HEIGHT)).toBe(true);
  });

  it('is false for a line lying against it on one side only, and for one crossing it', () => {
    const above = draw((column, row) => row >= centre(column) - 4 && row < centre(column) - 1);
    expect(surrounds([above], line.weight, traced(centre).points, WIDTH, HEIGHT)).toBe(false);
    const crossing = draw((column, row) => Math.abs(row - (10 + column * 0.8)) <= 1);
    expect(surrounds([crossing], line.weight, traced(centre).points, WIDTH, HEIGHT)).toBe(false);
  });

  it('takes a band split into its upper and lower halves together', () => {
    const upper = draw((column, row) => row >= centre(column) - 8 && row < centre(column) - 1);
    const lower = draw((column, row) => row > centre(column) + 1 && row <= centre(column) + 8);
    expect(surrounds([upper], line.weight, traced(centre).points, WIDTH, HEIGHT)).toBe(false);
    expect(surrounds([upper, lower], line.weight, traced(centre).points, WIDTH, HEIGHT)).toBe(true);
  });
});

describe('findBandFills', () => {
  const bandPath = traced((column) => centre(column) - 6);

  it('leaves out an unlisted paler colour filling a band round a line', () => {
    const { fills, warnings } = findBandFills({
      masks: [line, band],
      paths: [traced(centre), bandPath],
      names: ['Ours'],
      first: 1,
      width: WIDTH,
      background: WHITE,
      skip: new Set(),
    });
    expect([...fills]).toEqual([1]);
    expect(warnings[0]).toMatch(/fills a band round series 'Ours'/);
  });

  it('keeps a colour the legend lists, and one no paler than the line', () => {
    const listed = findBandFills({
      masks: [line, band],
      paths: [traced(centre), bandPath],
      names: ['Ours', 'Band'],
      first: 2,
      width: WIDTH,
      background: WHITE,
      skip: new Set(),
    });
    expect(listed.fills.size).toBe(0);
    const dark = mask([20, 60, 20], band.weight);
    const darker = findBandFills({
      masks: [line, dark],
      paths: [traced(centre), bandPath],
      names: ['Ours'],
      first: 1,
      width: WIDTH,
      background: WHITE,
      skip: new Set(),
    });
    expect(darker.fills.size).toBe(0);
  });

  it('keeps a pale line of its own that runs beside the other', () => {
    const pale = mask(
      paleGreen,
      draw((column, row) => Math.abs(row - (centre(column) - 5)) <= 1),
    );
    const { fills } = findBandFills({
      masks: [line, pale],
      paths: [traced(centre), traced((column) => centre(column) - 5)],
      names: [],
      first: 0,
      width: WIDTH,
      background: WHITE,
      skip: new Set(),
    });
    expect(fills.size).toBe(0);
  });

  it('leaves out both halves of a band traced as two curves', () => {
    const upper = mask(
      paleGreen,
      draw((column, row) => row >= centre(column) - 8 && row < centre(column) - 1),
    );
    const lower = mask(
      [156, 202, 158],
      draw((column, row) => row > centre(column) + 1 && row <= centre(column) + 8),
    );
    const { fills } = findBandFills({
      masks: [line, upper, lower],
      paths: [traced(centre), bandPath, traced((column) => centre(column) + 6)],
      names: [],
      first: 0,
      width: WIDTH,
      background: WHITE,
      skip: new Set(),
    });
    expect([...fills].sort()).toEqual([1, 2]);
  });
});
