import { describe, expect, it } from 'vitest';
import type { LegendLayout, LegendSlot } from '../../src/legend/findLegend.js';
import { strokeName, tickLabelRow } from '../../src/legend/framelessLegend.js';
import type { PlotArea, Raster } from '../../src/types.js';

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

/** A white raster of 80 x 24 px with `paint` (column, row) drawn black. */
function raster(paint: (set: (column: number, row: number) => void) => void): Raster {
  const width = 80;
  const height = 24;
  const data = new Uint8Array(width * height * 3).fill(255);
  paint((column, row) => data.fill(0, (row * width + column) * 3, (row * width + column) * 3 + 3));
  return { data, width, height, channels: 3 };
}

/** An entry whose "name" spans columns 10..70 and rows 4..20 (16 px high). */
const entry: LegendSlot = {
  handle: { left: 0, right: 8, top: 4, bottom: 20 },
  text: { left: 10, right: 70, top: 4, bottom: 20 },
  color: [0, 0, 0],
};

describe('strokeName', () => {
  it("takes a dashed black curve's dashes in a row of text for a stroke, not a name", () => {
    // dashes 3 px thick, falling a row every 4 columns
    const dashes = raster((set) => {
      for (let c = 10; c < 70; c++) {
        if (c % 12 >= 8) continue;
        const top = 6 + Math.floor((c - 10) / 4);
        for (let r = top; r < top + 3; r++) set(c, r);
      }
    });
    expect(strokeName(dashes, entry, 150)).toBe(true);
  });

  it('keeps glyphs: upright strokes and bowls cross a column more than once', () => {
    // "lo" repeated: an upright stroke 12 px tall, then a ring 8 px across
    const glyphs = raster((set) => {
      for (let left = 10; left + 12 < 70; left += 14) {
        for (let r = 6; r < 18; r++) set(left, r);
        for (let c = left + 3; c < left + 11; c++) {
          set(c, 10);
          set(c, 17);
        }
        for (let r = 10; r < 18; r++) {
          set(left + 3, r);
          set(left + 10, r);
        }
      }
    });
    expect(strokeName(glyphs, entry, 150)).toBe(false);
  });
});
