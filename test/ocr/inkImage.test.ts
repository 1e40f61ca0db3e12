import { describe, expect, it } from 'vitest';
import { type InkImage, withoutClosingBar } from '../../src/ocr/inkImage.js';

/** A 10 px high crop: a digit-like block in columns 0..5, rows 0..9, and `extra` cells inked. */
function crop(width: number, extra: [number, number][]): InkImage {
  const data = new Float32Array(width * 10);
  for (let row = 0; row < 10; row++) data.fill(1, row * width, row * width + 6);
  for (const [row, column] of extra) data[row * width + column] = 1;
  return { data, width, height: 10 };
}

describe('withoutClosingBar', () => {
  it("takes off a tick mark closing a label at half its height ('2' then '-')", () => {
    const ink = crop(12, [
      [5, 8],
      [5, 9],
      [5, 10],
      [5, 11],
    ]);
    expect(withoutClosingBar(ink).width).toBe(6);
  });

  it('keeps a point on the baseline, a raised stroke and ink joined to the text', () => {
    const point = crop(10, [
      [9, 8],
      [8, 8],
    ]);
    const raised = crop(12, [
      [0, 8],
      [0, 9],
      [0, 10],
    ]);
    const joined = crop(10, [
      [5, 6],
      [5, 7],
      [5, 8],
    ]);
    for (const ink of [point, raised, joined]) expect(withoutClosingBar(ink)).toBe(ink);
  });
});
