import { describe, expect, it } from 'vitest';
import { onWhite } from '../../src/ocr/readLabels.js';

/** A 6 x 4 tile of `ground` with a 2 x 2 stroke of `ink` in its middle. */
function tile(ground: number, ink: number) {
  const data = new Uint8Array(24).fill(ground);
  for (const i of [8, 9, 14, 15]) data[i] = ink;
  return { data, width: 6, height: 4 };
}

describe('onWhite', () => {
  it('lifts a tinted ground (a facet strip) to white and keeps the text dark', () => {
    const lifted = onWhite(tile(217, 30));
    expect(lifted.data[0]).toBe(255);
    expect(lifted.data[8]).toBe(Math.round((30 * 255) / 217));
  });

  it('leaves a glyph cut tight (its ink on the border) as it is', () => {
    const tight = tile(217, 30);
    for (const i of [0, 1, 2, 6, 18]) tight.data[i] = 60;
    expect(onWhite(tight).data).toEqual(tight.data);
  });

  it('leaves text on white, and light text on a dark ground, as they are', () => {
    for (const [ground, ink] of [
      [250, 0],
      [40, 230],
    ]) {
      const original = tile(ground, ink);
      expect(onWhite(original).data).toEqual(original.data);
    }
  });
});
