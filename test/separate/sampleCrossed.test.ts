/**
 * A legend sample crossed by another series' curve reads as that curve's colour: two entries
 * then seem to share a colour, though separation found each its own line.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDigitizer } from '../../src/digitize.js';
import { oneChart } from '../helpers/oneChart.js';

/** End-to-end runs include OCR: allow for a slow, shared CI machine. */
const TIMEOUT_MS = 30_000;
const fixture = join(import.meta.dirname, '..', 'fixtures', 'legend', 'echarts-sample-crossed.png');

const digitizer = createDigitizer();
afterAll(() => digitizer.close());

describe('a legend sample crossed by another series', { timeout: TIMEOUT_MS }, () => {
  it('leaves the two series apart (a zoo chart: ECharts, the orange curve through the blue sample)', async () => {
    // Both samples read orange; the two masks, orange and blue, were split again as one colour
    // by marker shape, and the orange series came back as four "markers" (score 0.17).
    const chart = oneChart(await digitizer.digitize(fixture));
    expect(chart.series.map((series) => series.name).sort()).toEqual(['Control', 'Transformer']);
    const orange = chart.series.find((series) => series.name === 'Transformer')!;
    expect(orange.color).toBe('#e69f00');
    // truth: 21 points from x 0 to 40 (its first stretch runs under the legend)
    expect(orange.points.length).toBeGreaterThanOrEqual(12);
    const xs = orange.points.map((point) => Number(point.x));
    expect(Math.min(...xs)).toBeLessThan(10);
    expect(Math.max(...xs)).toBeGreaterThan(38);
  });
});
