import { DOMMatrix } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { AffineMatrix } from '../../src/pdf/affineMatrix.js';

const entries = (m: { a: number; b: number; c: number; d: number; e: number; f: number }) =>
  [m.a, m.b, m.c, m.d, m.e, m.f].map((value) => Number(value.toFixed(9)));

describe('AffineMatrix', () => {
  it('computes what the DOM matrix of the canvas computes', () => {
    const init = [2, 0.5, -1, 3, 10, -4];
    const other = [0.5, 1, 2, -1, 3, 7];
    const cases: [
      (m: AffineMatrix) => AffineMatrix,
      (m: InstanceType<typeof DOMMatrix>) => InstanceType<typeof DOMMatrix>,
    ][] = [
      [
        (m) => m.scaleSelf(1 / 40, -1 / 30).translateSelf(0, -30),
        (m) => m.scaleSelf(1 / 40, -1 / 30).translateSelf(0, -30),
      ],
      [(m) => m.multiplySelf(new AffineMatrix(other)), (m) => m.multiplySelf(new DOMMatrix(other))],
      [
        (m) => m.preMultiplySelf(new AffineMatrix(other)),
        (m) => m.preMultiplySelf(new DOMMatrix(other)),
      ],
      [(m) => m.invertSelf(), (m) => m.invertSelf()],
    ];
    for (const [ours, dom] of cases) {
      expect(entries(ours(new AffineMatrix(init)))).toEqual(entries(dom(new DOMMatrix(init))));
    }
    expect(entries(new AffineMatrix())).toEqual([1, 0, 0, 1, 0, 0]);
    expect(entries(new AffineMatrix([1, 2, 2, 4, 0, 0]).invertSelf()).every(Number.isNaN)).toBe(
      true,
    );
  });
});
