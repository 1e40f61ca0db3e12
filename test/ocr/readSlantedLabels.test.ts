import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createOcrEngine, type OcrEngine } from '../../src/ocr/engine.js';
import { findSlants, readSlantedLabels } from '../../src/ocr/readSlantedLabels.js';
import type { Raster } from '../../src/types.js';
import { renderChart } from '../helpers/renderChart.js';

const WHITE: [number, number, number] = [255, 255, 255];

/** The band below the plot of a chart whose x tick labels are turned by `angle` degrees. */
async function labelBand(
  angle: number,
  format: (v: number) => string = (v) => `2014-0${v / 2 + 1}`,
) {
  const plot = { left: 80, top: 30, right: 640, bottom: 300 };
  const { png } = await renderChart({
    width: 720,
    height: 420,
    xLabel: null,
    xRange: [0, 10],
    yRange: [0, 1],
    xTicks: [0, 2, 4, 6, 8, 10],
    yTicks: [0, 1],
    tickFormat: (v, axis) => (axis === 'x' ? format(v) : String(v)),
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

describe('readSlantedLabels', () => {
  let engine: OcrEngine | undefined;
  afterAll(async () => {
    await engine?.close();
  });

  it('reads slanted powers of ten with their raised exponents', { timeout: 60_000 }, async () => {
    engine = await createOcrEngine();
    const superscripts = '⁰¹²³⁴⁵⁶';
    // `10²`: tesseract alone reads the small raised digit as `102`, `10°` or `10¢`
    const { image, band } = await labelBand(45, (v) => `10${superscripts[v / 2 + 1]}`);
    const readings = await readSlantedLabels(engine, image, WHITE, { band, textHeight: 12 });
    const texts = readings.map((words) => words.map((word) => word.text));
    expect(
      texts.some((line) => line.join(' ') === '10^1 10^2 10^3 10^4 10^5 10^6'),
      JSON.stringify(texts),
    ).toBe(true);
  });
});
