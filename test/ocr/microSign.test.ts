/**
 * d3's SI micro sign (`900μ`), which the tick-label glyph recogniser cannot read, read by
 * tesseract as a `u` reaching below the digits.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDigitizer } from '../../src/digitize.js';
import { oneChart } from '../helpers/oneChart.js';

/** End-to-end runs include OCR: allow for a slow, shared CI machine. */
const TIMEOUT_MS = 30_000;
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'ocr');
const fixture = join(fixtures, 'plotly-micro-y.png');

const digitizer = createDigitizer();
afterAll(() => digitizer.close());

describe('tick labels with a micro sign', { timeout: TIMEOUT_MS }, () => {
  it('are read in millionths (a zoo chart: Plotly, y 300μ to 900μ)', async () => {
    // The glyph recogniser read `900μ` as `9000`, its μ as a 0: the axis was 10^7 times off.
    const chart = oneChart(await digitizer.digitize(fixture));
    const { y } = chart.axes;
    expect(y.ticks.length).toBeGreaterThanOrEqual(3);
    expect(y.ticks.every((tick) => tick.text.endsWith('μ'))).toBe(true);
    // within 2% of the axis range (truth: 0.000242 to 0.000911)
    const range = 0.000911 - 0.000242;
    expect(Math.abs(Number(y.min) - 0.000242)).toBeLessThan(range * 0.02);
    expect(Math.abs(Number(y.max) - 0.000911)).toBeLessThan(range * 0.02);
  });

  it('are not seen where a small blurred 0 was read as a u (a zoo chart: Vega-Lite, x -1 to 1)', async () => {
    // Tesseract, allowed a `u` for the micro sign, read the 7 px labels `-1.0` and `0.0` as
    // `-1.u` and `u.u`: the axis was taken for categories.
    const chart = oneChart(await digitizer.digitize(join(fixtures, 'vegalite-small-x.png')));
    const { x } = chart.axes;
    expect(x.scale).toBe('linear');
    expect(x.ticks.some((tick) => tick.text.includes('u'))).toBe(false);
    expect(Math.abs(Number(x.min) + 1)).toBeLessThan(0.04);
    expect(Math.abs(Number(x.max) - 1)).toBeLessThan(0.04);
  });
});
