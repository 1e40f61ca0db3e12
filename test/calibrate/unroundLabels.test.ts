import { describe, expect, it } from 'vitest';
import { parseTickLabel } from '../../src/calibrate/parseTick.js';
import type { Pair } from '../../src/calibrate/tickReadings.js';
import { unroundLabels } from '../../src/calibrate/unroundLabels.js';

/** Labels as read, one a tick, placed at `pixels`. */
const pairs = (texts: string[], pixels: number[]): Pair[] =>
  texts.map((text, label) => ({
    text,
    value: parseTickLabel(text)!.value,
    pixel: pixels[label],
    power: false,
    label,
    repair: null,
    free: true,
  }));
const evenly = (count: number, from: number, step: number) =>
  Array.from({ length: count }, (_, i) => from + step * i);

describe('unroundLabels', () => {
  it('gives labels printed rounded the evenly stepped values they round to (half away from zero)', () => {
    const texts = ['8M', '7M', '7M', '6M', '6M', '5M', '5M', '4M', '4M'];
    const values = unroundLabels(pairs(texts, evenly(9, 40, 100)))?.map((pair) => pair.value);
    expect(values).toEqual([7.5e6, 7e6, 6.5e6, 6e6, 5.5e6, 5e6, 4.5e6, 4e6, 3.5e6]);
  });

  it('rounds each label to its own last digit (500k beside 1M) and halves either way', () => {
    // gnuplot's 0 to 3.5M: 1.5M printed 2M, 2.5M printed 2M too (float noise)
    const texts = ['0', '500k', '1M', '2M', '2M', '2M', '3M', '4M'];
    // labels snapped to stray marks 4 px beside their own
    const pixels = [69, 100, 138.5, 174, 204, 243, 278, 311.5];
    const values = unroundLabels(pairs(texts, pixels))?.map((pair) => pair.value);
    expect(values).toEqual([0, 5e5, 1e6, 1.5e6, 2e6, 2.5e6, 3e6, 3.5e6]);
  });

  it('takes the step nearest the one the labels span (1600 to 2800, not 2000 to 2600)', () => {
    const texts = ['3k', '3k', '2k', '2k', '2k', '2k', '2k'];
    const values = unroundLabels(pairs(texts, evenly(7, 40, 50)))?.map((pair) => pair.value);
    expect(values).toEqual([2800, 2600, 2400, 2200, 2000, 1800, 1600]);
  });

  it('leaves labels that repeat no value, or that stand unevenly, as they are', () => {
    expect(unroundLabels(pairs(['3', '2', '1'], evenly(3, 40, 50)))).toBeNull();
    expect(unroundLabels(pairs(['3', '2', '2', '1'], [40, 90, 95, 140]))).toBeNull();
    // no evenly stepped values round to these (minuses lost: 4 2 2 4 for 4 2 -2 -4)
    expect(unroundLabels(pairs(['4', '2', '2', '4'], evenly(4, 40, 50)))).toBeNull();
    expect(unroundLabels(pairs(['6', '4', '2', '2', '4'], evenly(5, 40, 50)))).toBeNull();
  });
});
