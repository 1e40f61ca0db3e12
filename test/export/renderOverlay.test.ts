import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderOverlay } from '../../src/export/renderOverlay.js';
import type { ChartResult, FigureResult, Raster } from '../../src/types.js';

const WIDTH = 200;
const HEIGHT = 150;
const GREY = 200;

/** A flat grey image: anything the overlay draws shows as a change. */
function greyRaster(width = WIDTH, height = HEIGHT): Raster {
  return { data: new Uint8Array(width * height * 3).fill(GREY), width, height, channels: 3 };
}

/**
 * Plot 40..180 x 20..120 px; x linear 0..10 (14 px per unit), y log 1..100 (50 px per decade),
 * so (x 5, y 10) sits at px 110, py 70.
 */
function chart(): ChartResult {
  return {
    source: null,
    image: { width: WIDTH, height: HEIGHT },
    title: null,
    plot: { left: 40, top: 20, right: 180, bottom: 120 },
    axes: {
      x: {
        label: null,
        scale: 'linear',
        min: 0,
        max: 10,
        confidence: 1,
        ticks: [{ text: '5', value: 5, pixel: 110 }],
      },
      y: {
        label: null,
        scale: 'log',
        min: 1,
        max: 100,
        confidence: 1,
        ticks: [{ text: '10', value: 10, pixel: 70 }],
      },
    },
    series: [
      {
        name: 'GRPO',
        color: '#1f77b4',
        marker: 'circle',
        confidence: 1,
        points: [
          { x: 2, y: 2 },
          { x: 5, y: 10 },
          // Not on a log axis: left out, without failing the drawing.
          { x: 6, y: -1 },
          { x: 8, y: 3 },
        ],
      },
      {
        name: '<b> & "c"',
        color: '#000080',
        marker: null,
        confidence: 1,
        points: [
          { x: 1, y: 50 },
          { x: 2, y: 60 },
        ],
      },
    ],
    confidence: 1,
    warnings: [],
  };
}

async function decode(png: Buffer) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const pixel = (px: number, py: number) => {
    const offset = (py * info.width + px) * info.channels;
    return [data[offset], data[offset + 1], data[offset + 2]];
  };
  return { info, pixel };
}

describe('renderOverlay', () => {
  it('returns an RGB PNG of the input size', async () => {
    const png = await renderOverlay(greyRaster(), chart());
    const metadata = await sharp(png).metadata();
    expect(metadata.format).toBe('png');
    expect([metadata.width, metadata.height, metadata.channels]).toEqual([WIDTH, HEIGHT, 3]);
  });

  it('draws a point at its data position in the series colour', async () => {
    const { pixel } = await decode(await renderOverlay(greyRaster(), chart()));
    // The centre of the marker at (x 5, y 10) is filled with #1f77b4; 2 levels for rounding.
    const [r, g, b] = pixel(110, 70);
    expect(Math.abs(r - 0x1f)).toBeLessThanOrEqual(2);
    expect(Math.abs(g - 0x77)).toBeLessThanOrEqual(2);
    expect(Math.abs(b - 0xb4)).toBeLessThanOrEqual(2);
  });

  it('marks a read tick where it was read', async () => {
    const { pixel } = await decode(await renderOverlay(greyRaster(), chart()));
    // Below the plot, only the x tick mark at px 110 is drawn.
    expect(pixel(110, 123)).not.toEqual([GREY, GREY, GREY]);
    expect(pixel(100, 123)).toEqual([GREY, GREY, GREY]);
  });

  it('leaves pixels far from any drawing unchanged', async () => {
    const { pixel } = await decode(await renderOverlay(greyRaster(), chart()));
    // Bottom left, below and left of the plot: no tick, point or label reaches there.
    for (let row = 130; row < HEIGHT; row++) {
      for (let column = 0; column < 30; column++) {
        expect(pixel(column, row)).toEqual([GREY, GREY, GREY]);
      }
    }
  });

  it('draws a result without series or ticks', async () => {
    const result = chart();
    result.series = [];
    result.axes.x.ticks = [];
    result.axes.y.ticks = [];
    const png = await renderOverlay(greyRaster(), result);
    expect((await sharp(png).metadata()).width).toBe(WIDTH);
  });

  it('refuses a raster whose size differs from the result', async () => {
    await expect(renderOverlay(greyRaster(100, 150), chart())).rejects.toThrow(
      new RangeError('Expected image of 200x150 (result.image) but received 100x150'),
    );
  });

  it('refuses raster data of the wrong length', async () => {
    const image = { ...greyRaster(), data: new Uint8Array(10) };
    await expect(renderOverlay(image, chart())).rejects.toThrow(
      new RangeError('Expected 90000 bytes for image.data (200x150x3) but received 10'),
    );
  });

  it('draws every chart of a figure in its own plot', async () => {
    // One point at (x 5, y 10); the second panel's plot 10 px lower.
    const one = chart();
    one.series = [{ ...one.series[0], points: [{ x: 5, y: 10 }] }];
    const moved = { ...one, plot: { ...one.plot, top: 30, bottom: 130 } };
    const figure: FigureResult = {
      source: null,
      charts: [
        { ...one, panel: { index: 0, label: null, box: one.plot } },
        { ...moved, panel: { index: 1, label: null, box: moved.plot } },
      ],
      warnings: [],
    };
    const { pixel } = await decode(await renderOverlay(greyRaster(), figure));
    for (const [r, g, b] of [pixel(110, 70), pixel(110, 80)]) {
      expect(Math.abs(r - 0x1f)).toBeLessThanOrEqual(2);
      expect(Math.abs(g - 0x77)).toBeLessThanOrEqual(2);
      expect(Math.abs(b - 0xb4)).toBeLessThanOrEqual(2);
    }
  });
});
