/** The pipeline stage where something went wrong. */
export type Stage =
  | 'input'
  | 'load'
  /** Finding the charts an image holds. */
  | 'panels'
  | 'plot'
  | 'ocr'
  | 'calibrate'
  | 'legend'
  | 'separate'
  | 'trace'
  /** Deciding what the traced series are (halos, filled areas, scatter) and mapping them. */
  | 'review'
  | 'export';

/** What went wrong; the README's Errors table says when each is used. */
export type ErrorCode =
  /** The path does not exist, or a folder given holds no image. */
  | 'INPUT_NOT_FOUND'
  /** The path exists but is not a readable regular file (a folder, a pipe, no permission). */
  | 'INPUT_UNREADABLE'
  /** Not a PNG, JPEG, GIF, WebP, TIFF or HEIF image (SVG included), or its data is corrupt. */
  | 'UNSUPPORTED_IMAGE'
  /** The header declares more pixels than `maxPixels`, or the file is too big for them. */
  | 'IMAGE_TOO_LARGE'
  /** Nothing like axes, no numbered axis (a photo, a pie chart, a table), or too small. */
  | 'NO_CHART_FOUND'
  /** A chart, but its plot holds filled bars or areas, not lines. */
  | 'NOT_A_LINE_CHART'
  | 'PLOT_AREA_NOT_FOUND'
  | 'OCR_FAILED'
  | 'CALIBRATION_FAILED'
  | 'NO_SERIES_FOUND'
  /** A PDF that needs a password to be read. */
  | 'PDF_ENCRYPTED'
  /** Bytes that start like a PDF but cannot be read as one (truncated past repair, no cross-reference). */
  | 'PDF_INVALID'
  | 'TIMEOUT'
  | 'ABORTED'
  /** Anything unexpected (a bug): the stage it happened in is the error's `stage`. */
  | 'INTERNAL';

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

/**
 * Anything thrown while digitizing, as a DigitizeError: one already is (its `input` filled in
 * when missing); anything else is a failure nobody planned for (a bug), `INTERNAL` at the
 * `stage` that was running, with the error as `cause`.
 */
export function asDigitizeError(
  error: unknown,
  source: string | null,
  stage: Stage = 'input',
): DigitizeError {
  if (error instanceof DigitizeError) {
    error.input ??= source;
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DigitizeError('INTERNAL', stage, `unexpected failure in stage ${stage}: ${message}`, {
    input: source,
    cause: error,
  });
}
