import { describe, expect, it } from 'vitest';
import type { LegendLayout, LegendSlot } from '../../src/legend/findLegend.js';
import { tickLabelRow } from '../../src/legend/framelessLegend.js';
import type { PlotArea } from '../../src/types.js';

/** A plot from column 45 to 377, rows 6 to 213, its x ticks at 60, 172 and 285. */
const plot = {
  left: 45,
  top: 6,
  right: 377,
  bottom: 213,
  ticksX: [60, 172, 285],
  ticksY: [9, 65, 120, 176],
} as PlotArea;

/** An entry whose "sample" spans columns left..left + 6 and text the rest up to right. */
const slot = (left: number, right: number, top = 218): LegendSlot => ({
  handle: { left, right: left + 6, top, bottom: top + 6 },
  text: { left: left + 8, right, top, bottom: top + 6 },
  color: [130, 130, 130],
});

const layout = (slots: LegendSlot[]): LegendLayout => ({
  box: {
    left: Math.min(...slots.map((s) => s.handle.left)) - 3,
    right: Math.max(...slots.map((s) => s.text.right)) + 3,
    top: slots[0].handle.top - 3,
    bottom: slots[0].handle.bottom + 3,
  },
  slots,
  frame: [],
});

describe('tickLabelRow', () => {
  it("takes entries below the plot each centred on an x tick for the tick labels (ggplot2's 50,000 parted at its first digit)", () => {
    expect(tickLabelRow(layout([slot(161, 181), slot(273, 296)]), plot)).toBe(true);
  });

  it('keeps a legend row below the plot whose entries keep their own spacing', () => {
    expect(tickLabelRow(layout([slot(100, 150), slot(200, 260)]), plot)).toBe(false);
    // one entry a pixel off a tick, the other 4 px off (two-thirds of its height): chance
    expect(tickLabelRow(layout([slot(161, 181), slot(270, 291)]), plot)).toBe(false);
  });

  it('keeps a legend above the plot, and a legend of one entry', () => {
    expect(tickLabelRow(layout([slot(161, 181, 0), slot(273, 296, 0)]), plot)).toBe(false);
    expect(tickLabelRow(layout([slot(161, 181)]), plot)).toBe(false);
  });
});
