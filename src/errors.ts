/** The pipeline stage where something went wrong. */
export type Stage =
  | 'input'
  | 'load'
  | 'plot'
  | 'ocr'
  | 'calibrate'
  | 'legend'
  | 'separate'
  | 'trace'
  | 'export';

export type ErrorCode =
  | 'INPUT_NOT_FOUND'
  | 'INPUT_UNREADABLE'
  | 'UNSUPPORTED_IMAGE'
  | 'IMAGE_TOO_LARGE'
  | 'NO_CHART_FOUND'
  | 'PLOT_AREA_NOT_FOUND'
  | 'OCR_FAILED'
  | 'CALIBRATION_FAILED'
  | 'NO_SERIES_FOUND'
  | 'TIMEOUT'
  | 'ABORTED';

/** The one error class of the project: a code, the stage, the input it concerns and the cause. */
export class DigitizeError extends Error {
  override name = 'DigitizeError';
  readonly code: ErrorCode;
  readonly stage: Stage;
  /** The input as given (a path), or null for a buffer. */
  input: string | null;

  constructor(
    code: ErrorCode,
    stage: Stage,
    message: string,
    { input = null, cause }: { input?: string | null; cause?: unknown } = {},
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.stage = stage;
    this.input = input;
  }
}
