import { describe, expect, it } from 'vitest';
import { findHalos, inkBeside } from '../../src/review/findHalos.js';

const WIDTH = 40;
const HEIGHT = 40;

/** A mask with 1 in rows `from`..`to` (inclusive) over columns 5..34. */
function rows(from: number, to: number): Float32Array {
  const weight = new Float32Array(WIDTH * HEIGHT);
  for (let row = from; row <= to; row++) weight.fill(1, row * WIDTH + 5, row * WIDTH + 35);
  return weight;
}

/** A mask with 1 in columns `from`..`to` over rows 5..34. */
function columns(from: number, to: number): Float32Array {
  const weight = new Float32Array(WIDTH * HEIGHT);
  for (let row = 5; row < 35; row++) weight.fill(1, row * WIDTH + from, row * WIDTH + to + 1);
  return weight;
}

describe('inkBeside', () => {
  it('is 1 for a fringe along a line, small for a line that only crosses it', () => {
    const line = rows(18, 21);
    expect(inkBeside(rows(22, 22), line, WIDTH, 2)).toBe(1);
    expect(inkBeside(columns(19, 20), line, WIDTH, 2)).toBeLessThan(0.3);
    expect(inkBeside(new Float32Array(WIDTH * HEIGHT), line, WIDTH, 2)).toBe(0);
  });
});

describe('findHalos', () => {
  const mask = (color: [number, number, number], weight: Float32Array) => ({
    color,
    weight,
    count: weight.filter((w) => w > 0).length,
  });
  const line = mask([31, 119, 180], rows(18, 21));
  const fringe = mask([120, 180, 220], rows(22, 22));
  const crossing = mask([255, 127, 14], columns(19, 20));

  it('takes a weaker colour found only beside a line for its halo, with a warning', () => {
    const { halos, warnings } = findHalos({
      masks: [line, fringe, crossing],
      traced: [true, true, true],
      names: ['GRPO'],
      first: 0,
      width: WIDTH,
    });
    expect([...halos]).toEqual([1]);
    expect(warnings).toEqual([
      "the colour #78b4dc lies only beside series 'GRPO': taken for a halo around its line and left out",
    ]);
  });

  it('never takes a listed colour (before `first`) or an untraced one for a halo', () => {
    const masks = [line, fringe];
    expect(
      findHalos({ masks, traced: [true, true], names: [], first: 2, width: WIDTH }).halos.size,
    ).toBe(0);
    expect(
      findHalos({ masks, traced: [false, true], names: [], first: 0, width: WIDTH }).halos.size,
    ).toBe(0);
  });
});
