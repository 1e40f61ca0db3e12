import { describe, expect, it } from 'vitest';
import { snapToMark } from '../../src/calibrate/tickReadings.js';
import type { Word } from '../../src/types.js';

/** A y tick label 15 px tall (a serif `5,000`, its comma below the digits) centred on `centre`. */
const yLabel = (centre: number): Word => ({
  text: '5,000',
  confidence: 100,
  box: { left: 10, right: 50, top: centre - 7.5, bottom: centre + 7.5 },
});

describe('snapToMark', () => {
  it('moves a y label onto the tick mark level with it', () => {
    expect(snapToMark('y', yLabel(111.5), 111.5, 64, [60, 110, 174])).toBe(110);
  });

  it("keeps a y label's centre where the nearest mark is a minor tick half its height away", () => {
    // the major tick was not found; the minor tick below it is no label's tick
    expect(snapToMark('y', yLabel(111.5), 111.5, 64, [70, 124, 188])).toBe(111.5);
  });
});
