import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findSlants } from '../../src/ocr/readSlantedLabels.js';
import type { Raster } from '../../src/types.js';
import { renderChart } from '../helpers/renderChart.js';

const WHITE: [number, number, number] = [255, 255, 255];

/** The band below the plot of a chart whose x tick labels are turned by `angle` degrees. */
async function labelBand(angle: number) {
  const plot = { left: 80, top: 30, right: 640, bottom: 300 };
  const { png } = await renderChart({
    width: 720,
    height: 420,
    xLabel: null,
    xRange: [0, 10],
    yRange: [0, 1],
    xTicks: [0, 2, 4, 6, 8, 10],
    yTicks: [0, 1],
    tickFormat: (v, axis) => (axis === 'x' ? `2014-0${v / 2 + 1}` : String(v)),
    series: [{ name: null, color: '#1f77b4', x: [0, 10], y: [0.2, 0.8] }],
    xTickAngle: angle,
    plot,
  });
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const image: Raster = { data, width: info.width, height: info.height, channels: 3 };
  // below the tick marks, to the image's foot, wide enough for labels reaching past the ends
  const band = { left: 0, right: 720, top: plot.bottom + 6, bottom: 420 };
  return { image, band };
}

describe('findSlants', () => {
  it.each([30, 45, -30])('finds labels turned %i degrees, within 2 degrees', async (angle) => {
    const { image, band } = await labelBand(angle);
    const slants = findSlants(image, WHITE, band);
    expect(
      slants.some((slant) => Math.abs(slant - angle) <= 2),
      `${slants}`,
    ).toBe(true);
  });

  it('finds no slant in level labels', async () => {
    const { image, band } = await labelBand(0);
    expect(findSlants(image, WHITE, band)).toEqual([]);
  });
});
