import type { ChartResult, DigitizeResult, FigureResult } from '../types.js';

/** Whether a result is a figure of several charts (rather than one chart). */
export function isFigure(result: DigitizeResult): result is FigureResult {
  return Array.isArray((result as Partial<FigureResult>).charts);
}

/** The charts of a result: the chart itself, or a figure's charts in reading order. */
export function chartsOf(result: DigitizeResult): ChartResult[] {
  return isFigure(result) ? result.charts : [result];
}
