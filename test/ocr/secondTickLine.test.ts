/**
 * A line under the x tick labels tried as their second line (a year under a date) and found
 * to hold none leaves the tick labels read as they were.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDigitizer } from '../../src/digitize.js';
import { oneChart } from '../helpers/oneChart.js';

/** End-to-end runs include OCR: allow for a slow, shared CI machine. */
const TIMEOUT_MS = 30_000;
const fixture = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'ocr',
  'ggplot2-log-powers-x-label-centred.png',
);

const digitizer = createDigitizer();
afterAll(() => digitizer.close());

describe('a candidate second line of x tick labels', { timeout: TIMEOUT_MS }, () => {
  it('is read apart from the tick labels (a zoo chart: ggplot2, log y axis 10^-4 to 10^-1)', async () => {
    // Its x label stands centred under the middle x tick label, so it is tried as a second
    // line of theirs; read in one batch with them, it had changed tesseract's reading of the
    // y labels' negative powers (10^1 to 10^4: the axis 10^9 times off).
    const chart = oneChart(await digitizer.digitize(fixture));
    expect(chart.axes.x.label).toBe('Distance (km)');
    expect(chart.axes.y.scale).toBe('log');
    expect(chart.axes.y.ticks.map((tick) => tick.text).sort()).toEqual(
      ['10^-1', '10^-2', '10^-3', '10^-4'].sort(),
    );
    expect(Number(chart.axes.y.max)).toBeLessThan(1);
  });
});
