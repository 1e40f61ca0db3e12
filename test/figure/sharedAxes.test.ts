import { describe, expect, it } from 'vitest';
import { donorOrder, sharedAxisFrom } from '../../src/figure/sharedAxes.js';
import type { Box, ChartResult } from '../../src/types.js';

const box = (left: number, top: number, right: number, bottom: number): Box => ({
  left,
  top,
  right,
  bottom,
});

/** A chart read at `plot` whose x axis runs 0..10 and y axis 100..200 over its plot. */
function chartAt(plot: Box): ChartResult {
  const axis = (min: number, max: number) => ({
    label: `${min}..${max}`,
    scale: 'linear' as const,
    min,
    max,
    confidence: 1,
    ticks: [],
  });
  return {
    source: null,
    image: { width: 800, height: 600 },
    title: null,
    plot,
    axes: { x: axis(0, 10), y: axis(100, 200) },
    series: [],
    confidence: 1,
    warnings: [],
  };
}

describe('donorOrder', () => {
  it('reads a 2 x 2 grid from its bottom-left panel, its row and column neighbours next', () => {
    const plots = [box(50, 20, 350, 250), box(400, 20, 700, 250)];
    plots.push(box(50, 300, 350, 530), box(400, 300, 700, 530));
    const order = donorOrder(plots);
    expect(order[0]).toBe(2);
    expect(order.slice(1, 3).sort()).toEqual([0, 3]);
    expect(order[3]).toBe(1);
  });
});

describe('sharedAxisFrom', () => {
  const below = chartAt(box(400, 300, 700, 530));
  const left = chartAt(box(50, 20, 350, 250));
  // the panel above `below` and right of `left`, cut out at (380, 10)
  const shared = sharedAxisFrom([below, left], [380, 10]);
  const plot = box(20, 11, 321, 240);

  it('gives the x axis of the chart in the same column, in the panel’s pixels', () => {
    const x = shared('x', plot);
    expect(x?.scale.pixelToData(20)).toBeCloseTo(0, 9);
    expect(x?.scale.pixelToData(320)).toBeCloseTo(10, 9);
    expect(x?.label).toBe('0..10');
  });

  it('gives the y axis of the chart in the same row, in the panel’s pixels', () => {
    const y = shared('y', plot);
    expect(y?.scale.pixelToData(240)).toBeCloseTo(100, 9);
    expect(y?.scale.pixelToData(10)).toBeCloseTo(200, 9);
  });

  it('gives a mosaic’s panel the limits of a wider panel spanning it, at its own sides', () => {
    // a wide panel under two narrow ones that share its x limits
    const wide = chartAt(box(50, 300, 700, 530));
    const x = sharedAxisFrom([left, wide], [380, 10])('x', plot);
    expect(x?.scale.pixelToData(20)).toBeCloseTo(0, 9);
    expect(x?.scale.pixelToData(321)).toBeCloseTo(10, 9);
  });

  it('gives a panel the axis of the nearest panel as long along it, at its own sides', () => {
    // a facet grid whose plots moved apart with their tick labels: the panel below is as wide
    // but 60 px further right; one as high stands in the column left of the panel
    const shifted = chartAt(box(460, 300, 761, 530));
    const x = sharedAxisFrom([shifted], [380, 10])('x', plot);
    expect(x?.scale.pixelToData(20)).toBeCloseTo(0, 9);
    expect(x?.scale.pixelToData(321)).toBeCloseTo(10, 9);
    const across = chartAt(box(50, 300, 350, 529));
    const y = sharedAxisFrom([across], [380, 10])('y', plot);
    expect(y?.scale.pixelToData(240)).toBeCloseTo(100, 9);
    expect(y?.scale.pixelToData(11)).toBeCloseTo(200, 9);
  });

  it('lines panels up by the layout’s plots where a chart’s own plot stops short', () => {
    // a frameless panel's plot read to its last grid line, 6 px above the layout's bottom; the
    // panel beside it read its own plot down to a legend below
    const short = { ...chartAt(box(50, 20, 350, 244)), layout: box(50, 20, 350, 250) };
    const tall = box(20, 11, 321, 190);
    const y = sharedAxisFrom([short], [380, 10], box(400, 20, 700, 250))('y', tall);
    // the donor's pixels, moved into the panel's: 100 at its row 244, 200 at its row 20
    expect(y?.scale.pixelToData(234)).toBeCloseTo(100, 9);
    expect(y?.scale.pixelToData(10)).toBeCloseTo(200, 9);
  });

  it('takes an axis from a panel that calibrated only that one', () => {
    // the bottom-left panel of a facet grid read its x axis, not its y axis
    const half = { plot: box(400, 300, 700, 530), axes: { x: chartAt(plot).axes.x } };
    const shared = sharedAxisFrom([half], [380, 10]);
    expect(shared('x', plot)?.scale.pixelToData(320)).toBeCloseTo(10, 9);
    expect(shared('y', box(20, 290, 321, 520))).toBeNull();
  });

  it('gives the lending chart’s confidence in the axis with it', () => {
    const doubtful = chartAt(box(400, 300, 700, 530));
    doubtful.axes.x.confidence = 0.3;
    expect(sharedAxisFrom([doubtful], [380, 10])('x', plot)?.confidence).toBe(0.3);
  });

  it('gives null where no chart lines up or spans the panel', () => {
    expect(shared('x', box(0, 11, 150, 240))).toBeNull();
    expect(sharedAxisFrom([], [0, 0])('y', plot)).toBeNull();
  });
});
