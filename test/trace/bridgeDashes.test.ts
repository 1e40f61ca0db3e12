import { describe, expect, it } from 'vitest';
import { bridgeDashes } from '../../src/trace/bridgeDashes.js';
import { inkWeightOf } from '../helpers/inkWeight.js';

const WIDTH = 200;
const HEIGHT = 120;
const REGION = { left: 2, top: 2, right: WIDTH - 2, bottom: HEIGHT - 2 };

const inkWeight = inkWeightOf(WIDTH, HEIGHT);

/** The columns in [from, to) that hold no ink at all. */
function emptyColumns(weight: Float32Array, from: number, to: number): number[] {
  const empty: number[] = [];
  for (let column = from; column < to; column++) {
    let ink = 0;
    for (let row = 0; row < HEIGHT; row++) ink += weight[row * WIDTH + column];
    if (ink === 0) empty.push(column);
  }
  return empty;
}

describe('bridgeDashes', () => {
  it('joins the dashes of a dashed line along it', async () => {
    const line =
      '<polyline points="10,90 100,70 190,85" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="9 4"/>';
    const weight = await inkWeight(line);
    expect(emptyColumns(weight, 12, 188).length).toBeGreaterThan(10);
    const bridged = bridgeDashes(weight, WIDTH, HEIGHT, REGION);
    expect(emptyColumns(bridged, 12, 188)).toEqual([]);
    // Only gaps are filled: no ink far off the line.
    for (let column = 12; column < 188; column++) {
      const px = column + 0.5;
      const py = px < 100 ? 90 - ((px - 10) * 20) / 90 : 70 + ((px - 100) * 15) / 90;
      for (let row = 0; row < HEIGHT; row++) {
        if (bridged[row * WIDTH + column] > 0 && weight[row * WIDTH + column] === 0) {
          expect(Math.abs(row + 0.5 - py), `at (${column}, ${row})`).toBeLessThan(4);
        }
      }
    }
  });

  it('leaves a solid line broken into pieces of any length as it is', async () => {
    // A solid line under white stripes (a grid drawn over it): pieces 5 to 18 px long.
    const lengths = [6, 14, 8, 17, 5, 12, 18, 7, 15, 6, 16, 9, 18, 6];
    const stripes = lengths
      .map((_, i) => 10 + lengths.slice(0, i + 1).reduce((sum, n) => sum + n + 2, 0) - 2)
      .map((x) => `<rect x="${x}" y="0" width="2" height="${HEIGHT}" fill="#fff"/>`)
      .join('');
    const weight = await inkWeight(
      `<polyline points="10,90 190,70" fill="none" stroke="#000" stroke-width="3"/>${stripes}`,
    );
    expect(bridgeDashes(weight, WIDTH, HEIGHT, REGION)).toBe(weight);
  });

  it('joins the dots of a dotted line', async () => {
    const weight = await inkWeight(
      '<polyline points="10,90 100,70 190,85" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="3 5"/>',
    );
    expect(emptyColumns(weight, 12, 180).length).toBeGreaterThan(10);
    expect(emptyColumns(bridgeDashes(weight, WIDTH, HEIGHT, REGION), 12, 180)).toEqual([]);
  });
});
