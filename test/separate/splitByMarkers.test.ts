import { describe, expect, it } from 'vitest';
import type { LegendSlot } from '../../src/legend/findLegend.js';
import { markerCosts, splitByMarkers } from '../../src/separate/splitByMarkers.js';
import type { Box, Raster } from '../../src/types.js';
import { rgbRasterOf } from '../helpers/inkWeight.js';

const [WIDTH, HEIGHT] = [340, 200];
const REGION: Box = { left: 110, top: 10, right: 335, bottom: 190 };
/** The plot's markers are this many px apart, from x = 125. */
const STEP = 25;
const XS = Array.from({ length: 9 }, (_, k) => 125 + k * STEP);
/** How far (px) a marker's centre may sit from its line (a triangle's core is off its anchor). */
const CENTRE_TOLERANCE = 2;

type Shape = 'circle' | 'square' | 'triangle';

/** SVG of a black marker of `shape`, about 12 px across, centred on (x, y). */
function marker(shape: Shape, x: number, y: number): string {
  switch (shape) {
    case 'circle':
      return `<circle cx="${x}" cy="${y}" r="6"/>`;
    case 'square':
      return `<rect x="${x - 5}" y="${y - 5}" width="10" height="10"/>`;
    case 'triangle':
      return `<polygon points="${x - 7},${y + 5} ${x + 7},${y + 5} ${x},${y - 8}"/>`;
  }
}

/** A level line 2 px thick through markers at XS, at row `y`. */
function series(shape: Shape, y: number): string {
  const line = `<line x1="${XS[0]}" y1="${y}" x2="${XS.at(-1)}" y2="${y}" stroke="#000" stroke-width="2"/>`;
  return line + XS.map((x) => marker(shape, x, y)).join('');
}

/** A legend sample at row `y`: a line 30 px long from x = 10 with its marker in the middle. */
function sample(shape: Shape, y: number): string {
  return `<line x1="10" y1="${y}" x2="40" y2="${y}" stroke="#000" stroke-width="2"/>${marker(shape, 25, y)}`;
}

function slotAt(y: number): LegendSlot {
  return {
    handle: { left: 8, right: 42, top: y - 10, bottom: y + 10 },
    text: { left: 50, right: 90, top: y - 6, bottom: y + 6 },
    color: [0, 0, 0],
  };
}

const rasterOf = rgbRasterOf(WIDTH, HEIGHT);

/** How black each pixel of the plot is (0..1): the shared mask of the one colour. */
function plotInk(image: Raster): Float32Array {
  const weight = new Float32Array(WIDTH * HEIGHT);
  for (let row = REGION.top; row < REGION.bottom; row++) {
    for (let column = REGION.left; column < REGION.right; column++) {
      const p = row * WIDTH + column;
      weight[p] = 1 - image.data[p * 3] / 255;
    }
  }
  return weight;
}

/** The rows of a split series' marker centres. */
const rowsOf = (series: { markers: { centres: { py: number }[] } }) =>
  series.markers.centres.map((centre) => centre.py);

describe('splitByMarkers', () => {
  // Three black series (circles, squares, triangles); the legend was read with two entries.
  const body = [
    sample('circle', 40),
    sample('square', 70),
    series('circle', 50),
    series('square', 100),
    series('triangle', 150),
  ].join('');

  it('gives the markers unlike every sample to the unlisted series asked for', async () => {
    const image = await rasterOf(body);
    const split = splitByMarkers(
      image,
      plotInk(image),
      REGION,
      [slotAt(40), slotAt(70)],
      [0, 0, 0],
      1,
    );
    expect(split).toHaveLength(3);
    // Each series holds its own line's markers, every one of them, on its row.
    [50, 100, 150].forEach((row, s) => {
      const rows = rowsOf(split![s]);
      expect(rows).toHaveLength(XS.length);
      for (const py of rows) expect(Math.abs(py - row)).toBeLessThanOrEqual(CENTRE_TOLERANCE);
    });
    expect(split![2].markers.shape).toBe('triangle-up');
  });

  it('gives no unlisted series where the markers unlike the samples are too few to be one', async () => {
    // Two triangles off the lines: no series of markers.
    const stray = marker('triangle', 200, 150) + marker('triangle', 250, 150);
    const image = await rasterOf(
      [sample('circle', 40), sample('square', 70), series('circle', 50), series('square', 100)]
        .join('')
        .concat(stray),
    );
    expect(
      splitByMarkers(image, plotInk(image), REGION, [slotAt(40), slotAt(70)], [0, 0, 0], 1),
    ).toBeNull();
  });

  it('costs a marked sample little with the curve of its markers, dearly with others', async () => {
    // Circles, squares and a plain line, all black; the plain line's sample has no marker.
    const plain = `<line x1="${XS[0]}" y1="150" x2="${XS.at(-1)}" y2="150" stroke="#000" stroke-width="2"/>`;
    const plainSample = '<line x1="10" y1="100" x2="40" y2="100" stroke="#000" stroke-width="2"/>';
    const image = await rasterOf(
      [
        sample('circle', 40),
        sample('square', 70),
        plainSample,
        series('square', 50),
        series('circle', 100),
        plain,
      ].join(''),
    );
    const shared = plotInk(image);
    // The curves as split: each its band of rows.
    const curves = [50, 100, 150].map((row) =>
      shared.map((w, p) => (Math.abs(Math.floor(p / WIDTH) - row) <= 20 ? w : 0)),
    );
    const cost = markerCosts(
      image,
      shared,
      curves,
      REGION,
      [slotAt(40), slotAt(70), slotAt(100)],
      [0, 0, 0],
    );
    expect(cost).not.toBeNull();
    // The circle sample: its curve is the second, not the squares' nor the plain line.
    expect(cost!(0, 1)).toBeLessThan(0.5);
    expect(cost!(0, 0)).toBeGreaterThan(cost!(0, 1) + 0.2);
    expect(cost!(0, 2)).toBe(1);
    expect(cost!(1, 0)).toBeLessThan(0.5);
    expect(cost!(1, 1)).toBeGreaterThan(cost!(1, 0) + 0.2);
    // The plain sample shows no marker: no curve costs it anything.
    expect([0, 1, 2].map((c) => cost!(2, c))).toEqual([0, 0, 0]);
  });

  it('gives no marker costs where no sample shows a marker', async () => {
    const image = await rasterOf(
      '<line x1="10" y1="40" x2="40" y2="40" stroke="#000" stroke-width="2"/>' +
        series('circle', 100),
    );
    const shared = plotInk(image);
    expect(markerCosts(image, shared, [shared], REGION, [slotAt(40)], [0, 0, 0])).toBeNull();
  });
});
