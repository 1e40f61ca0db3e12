import { describe, expect, it } from 'vitest';
import { shareAxisLabels } from '../../src/figure/sharedLabels.js';
import type { Box, ChartResult } from '../../src/types.js';

/** A chart with only what shareAxisLabels reads: its plot and its axis labels. */
function chart(plot: Box, x: string | null, y: string | null): ChartResult {
  const axis = (label: string | null) => ({
    label,
    scale: 'linear' as const,
    min: 0,
    max: 1,
    confidence: 1,
    ticks: [],
  });
  return {
    source: null,
    image: { width: 800, height: 600 },
    title: null,
    plot,
    axes: { x: axis(x), y: axis(y) },
    series: [],
    confidence: 1,
    warnings: [],
  };
}

const labels = (charts: ChartResult[]) => charts.map((c) => [c.axes.x.label, c.axes.y.label]);

// A 2 x 2 grid of plots.
const TL = { left: 50, top: 20, right: 350, bottom: 250 };
const TR = { left: 450, top: 20, right: 750, bottom: 250 };
const BL = { left: 50, top: 320, right: 350, bottom: 550 };
const BR = { left: 450, top: 320, right: 750, bottom: 550 };

describe('shareAxisLabels', () => {
  it('gives a panel the x label of the panel below it and the y label of the one left of it', () => {
    const out = shareAxisLabels([
      chart(TL, null, 'Loss'),
      chart(TR, null, 'Accuracy'),
      chart(BL, 'Step', null),
      chart(BR, 'Epoch', null),
    ]);
    expect(labels(out)).toEqual([
      ['Step', 'Loss'],
      ['Epoch', 'Accuracy'],
      // no panel left of the bottom row, and two y labels read: none to give
      ['Step', null],
      ['Epoch', null],
    ]);
  });

  it('gives the figure’s label, else the one label all panels read, where no neighbour has one', () => {
    const read = [chart(TL, null, null), chart(TR, 'Step', null), chart(BL, null, null)];
    expect(labels(shareAxisLabels(read))).toEqual([
      ['Step', null],
      ['Step', null],
      ['Step', null],
    ]);
    expect(labels(shareAxisLabels(read, { x: 'Tokens', y: 'Score' }))).toEqual([
      ['Tokens', 'Score'],
      ['Step', 'Score'],
      ['Tokens', 'Score'],
    ]);
  });

  it('keeps what each panel read, and leaves labels apart where panels read different ones', () => {
    const read = [chart(TL, 'Step', 'Loss'), chart(TR, 'Epoch', null), chart(BL, null, 'Loss')];
    expect(labels(shareAxisLabels(read))).toEqual([
      ['Step', 'Loss'],
      ['Epoch', 'Loss'],
      [null, 'Loss'],
    ]);
  });
});
