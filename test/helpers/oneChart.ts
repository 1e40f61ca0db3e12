import { isFigure } from '../../src/figure/figureResult.js';
import type { ChartResult, DigitizeResult } from '../../src/types.js';

/** The result of an image that holds one chart: that chart (a figure fails the test). */
export function oneChart(result: DigitizeResult): ChartResult {
  if (isFigure(result)) throw new Error(`expected one chart, got ${result.charts.length}`);
  return result;
}
