/**
 * chart-digitizer: turn a line chart image back into its data.
 *
 * `digitize(input)` for one chart; `createDigitizer({ jobs })` to reuse OCR engines over many,
 * one at a time or in worker threads, with `digitizeMany(inputs)` yielding results as they finish.
 * `describe(result)` tells a result in words (Markdown); `describeChart(result)` gives the facts.
 */
export { colorName } from './describe/colorName.js';
export { describe } from './describe/describe.js';
export {
  type AxisFacts,
  type ChartFacts,
  type ComparisonFacts,
  describeChart,
  type ExtremeFacts,
  type LegendEntryFacts,
  type LegendFacts,
  type PanelResult,
  type PointFact,
  type SeriesFacts,
  type StretchFacts,
  type Trend,
  type TurnFact,
} from './describe/describeChart.js';
export { describeFigure, type FigureFacts } from './describe/describeFigure.js';
export type { LegendPlace } from './describe/legendPlace.js';
export {
  createDigitizer,
  type DigitizeInput,
  type DigitizeOptions,
  type DigitizeOutcome,
  type Digitizer,
  type DigitizerOptions,
  digitize,
  type StageTimings,
} from './digitize.js';
export { DigitizeError, type ErrorCode, type Stage } from './errors.js';
export { renderOverlay } from './export/renderOverlay.js';
export { toCsv } from './export/toCsv.js';
export { toJson } from './export/toJson.js';
export type {
  AxisResult,
  Box,
  ChartResult,
  DataPoint,
  LineStyle,
  MarkerShape,
  Scale,
  SeriesResult,
  Tick,
} from './types.js';
