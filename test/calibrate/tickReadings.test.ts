import { describe, expect, it } from 'vitest';
import { snapToMark } from '../../src/calibrate/tickReadings.js';
import type { Word } from '../../src/types.js';

/** A y tick label 15 px tall (a serif `5,000`, its comma below the digits) centred on `centre`. */
const yLabel = (centre: number): Word => ({
  text: '5,000',
  confidence: 100,
  box: { left: 10, right: 50, top: centre - 7.5, bottom: centre + 7.5 },
});

/** A level x tick label 3 px a character wide, centred on `centre`. */
const xLabel = (text: string, centre: number): Word => ({
  text,
  confidence: 100,
  box: {
    left: centre - 1.5 * text.length,
    right: centre + 1.5 * text.length,
    top: 331,
    bottom: 336,
  },
});

describe('snapToMark', () => {
  it('moves a y label onto the tick mark level with it', () => {
    expect(snapToMark('y', yLabel(111.5), 111.5, 64, [60, 110, 174])).toBe(110);
  });

  it("keeps a y label's centre where the nearest mark is a minor tick half its height away", () => {
    // the major tick was not found; the minor tick below it is no label's tick
    expect(snapToMark('y', yLabel(111.5), 111.5, 64, [70, 124, 188])).toBe(111.5);
  });

  it('moves an x label onto the tick mark under its middle', () => {
    expect(snapToMark('x', xLabel('-1.0', 48), 48, 81, [46.5, 128])).toBe(46.5);
  });

  it("keeps an x label's middle where the nearest mark lies under its end (a stray stroke)", () => {
    // ggplot2's `-1.0`, 12 px wide: its tick not found, a stroke 9 px left of its middle
    expect(snapToMark('x', xLabel('-1.0', 48), 48, 81, [39, 128], [32, 387])).toBe(48);
    // a label set flush with the plot's side (Vega-Lite) has its tick there
    expect(snapToMark('x', xLabel('-1.0', 48), 48, 81, [39, 128], [39, 387])).toBe(39);
    // slanted labels' boxes (no sides given) stand off their ticks
    expect(snapToMark('x', xLabel('-1.0', 48), 48, 81, [39, 128])).toBe(39);
  });
});
