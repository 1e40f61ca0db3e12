import { describe, expect, it } from 'vitest';
import type { VectorAxis } from '../../src/pdf/readAxis.js';
import { readChartTexts } from '../../src/pdf/readChartText.js';
import type { TextLine } from '../../src/pdf/textLines.js';
import type { Box } from '../../src/types.js';

/** A level line of text, 12 px, whose box bottom is at `bottom`. */
function line(text: string, left: number, bottom: number): TextLine {
  const size = 12;
  const box = { left, top: bottom - size, right: left + 0.6 * size * text.length, bottom };
  return { text, x: left, y: bottom - 0.2 * size, angle: 0, size, box };
}

/** An axis with no labels of its own on `side` (the texts around the frame are what is tested). */
function axis(side: VectorAxis['side']): VectorAxis {
  return { side, labels: [], warnings: [] } as unknown as VectorAxis;
}

const frame: Box = { left: 100, top: 200, right: 500, bottom: 500 };
const chart = { box: frame, x: axis('bottom'), y: axis('left') };

describe('readChartTexts', () => {
  it('takes the title above a legend standing on the frame (ggplot2 legend on top)', () => {
    // Two rows of legend entries over the frame, then the title 4 ems above the frame.
    const legend: Box[] = [
      { left: 150, top: 178, right: 250, bottom: 192 },
      { left: 150, top: 160, right: 250, bottom: 174 },
    ];
    const title = line('Reward during training', 120, 150);
    const [text] = readChartTexts([chart], [title], new Set(), legend);
    expect(text.title).toBe('Reward during training');
    // Without the legend, a line that far from the frame is no title.
    expect(readChartTexts([chart], [title], new Set())[0].title).toBeNull();
  });

  it('still takes a title between the frame and a legend above it (matplotlib)', () => {
    const legend: Box[] = [{ left: 150, top: 150, right: 250, bottom: 164 }];
    const title = line('Test accuracy', 120, 190);
    expect(readChartTexts([chart], [title], new Set(), legend)[0].title).toBe('Test accuracy');
  });

  it('takes an x label whose box overlaps the tick labels by its font ascent (ggplot2)', () => {
    // Tick labels' boxes reach 0.3 em under their digits, the label's 0.2 em over its capitals.
    const ticks = [line('0', 100, 530), line('20', 300, 530)];
    const withTicks = { ...chart, x: { ...axis('bottom'), labels: ticks } };
    const label = line('Training Step', 250, 537);
    expect(readChartTexts([withTicks], [label], new Set())[0].xLabel).toBe('Training Step');
    // A line level with the tick labels is no x label.
    const level = line('Training Step', 250, 530);
    expect(readChartTexts([withTicks], [level], new Set())[0].xLabel).toBeNull();
  });

  it("takes a level line over the y axis at the tick labels' size as the y label, the title above it (Vega-Lite)", () => {
    const ticks = [line('0', 100, 530), line('20', 300, 530)];
    const withTicks = { ...chart, x: { ...axis('bottom'), labels: ticks } };
    // The y label from the plot's left, above the frame; the title aligned with it, larger.
    const yLabel = line('Latency (ms)', 60, 185);
    const big = (text: string, left: number, bottom: number): TextLine => {
      const size = 18;
      const box = { left, top: bottom - size, right: left + 0.6 * size * text.length, bottom };
      return { text, x: left, y: bottom - 0.2 * size, angle: 0, size, box };
    };
    const title = big('Training curves', 60, 160);
    const [text] = readChartTexts([withTicks], [yLabel, title], new Set());
    expect(text.yLabel).toBe('Latency (ms)');
    expect(text.title).toBe('Training curves');
    // A larger line there is a title, not the y label.
    const [alone] = readChartTexts([withTicks], [big('Error rate', 100, 185)], new Set());
    expect(alone.yLabel).toBeNull();
    expect(alone.title).toBe('Error rate');
  });
});
