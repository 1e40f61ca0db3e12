/**
 * chart-digitizer: turn a line chart image back into its data.
 *
 * `digitize(input)` for one image (its chart, or the figure of the charts it holds); `createDigitizer({ jobs })` to reuse OCR engines over many,
 * one at a time or in worker threads, with `digitizeMany(inputs)` yielding results as they finish.
 * `describe(result)` tells a result in words (Markdown); `describeChart(result)` gives the facts.
 */
export { colorName } from './describe/colorName.js';
export { describe } from './describe/describe.js';
export { describeChart } from './describe/describeChart.js';
export { describeFigure, type FigureFacts } from './describe/describeFigure.js';
export type {
  AxisFacts,
  ChartFacts,
  ComparisonFacts,
  ExtremeFacts,
  LegendEntryFacts,
  LegendFacts,
  PanelResult,
  PointFact,
  SeriesFacts,
  StretchFacts,
  Trend,
  TurnFact,
} from './describe/facts.js';
export type { LegendPlace } from './describe/legendPlace.js';
export {
  createDigitizer,
  type DigitizeOptions,
  type DigitizeOutcome,
  type Digitizer,
  type DigitizerOptions,
  digitize,
} from './digitize.js';
export { DigitizeError, type ErrorCode, type Stage } from './errors.js';
export { renderOverlay } from './export/renderOverlay.js';
export { type CsvOptions, type LongCsvOptions, toCsv, toLongCsv } from './export/toCsv.js';
export { roundResult, toJson } from './export/toJson.js';
export {
  type PlotlyAxis,
  type PlotlyFigure,
  type PlotlyTrace,
  toPlotly,
} from './export/toPlotly.js';
export {
  toWpd,
  toWpdProject,
  type WpdAxes,
  type WpdCalibrationPoint,
  type WpdDataset,
  type WpdProject,
} from './export/toWpd.js';
export { chartsOf, isFigure } from './figure/figureResult.js';
export type {
  AxisResult,
  Box,
  ChartResult,
  DataPoint,
  DigitizeInput,
  DigitizeResult,
  FigureResult,
  LineStyle,
  MarkerShape,
  PanelChart,
  PanelInfo,
  Scale,
  SeriesResult,
  StageTimings,
  Tick,
} from './types.js';
