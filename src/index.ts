/**
 * chart-digitizer: turn a line chart image back into its data.
 *
 * `digitize(input)` for one chart; `createDigitizer({ jobs })` to reuse OCR engines over many,
 * one at a time or in worker threads, with `digitizeMany(inputs)` yielding results as they finish.
 */
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
  MarkerShape,
  Scale,
  SeriesResult,
  Tick,
} from './types.js';
