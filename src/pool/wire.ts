import { DigitizeError, type ErrorCode, type Stage } from '../errors.js';
import type { PageRange } from '../pdf/pageRanges.js';
import type { DigitizeResult, StageTimings } from '../types.js';

/** What the pool hands a worker thread when it starts it. */
export interface WorkerData {
  modelDir?: string;
}

/** A chart for a worker: a path (read and decoded in the worker) or the encoded bytes. */
export interface RunMessage {
  type: 'run';
  id: number;
  input: string | Uint8Array;
  source: string | null;
  maxPixels: number;
  /** PDFs only: the pages to read (every page where absent). */
  pages?: readonly PageRange[];
  maxPages?: number;
}

/** Asks a worker to close its OCR engine and exit. */
export interface CloseMessage {
  type: 'close';
}

export type ToWorker = RunMessage | CloseMessage;

export interface DoneMessage {
  type: 'done';
  id: number;
  result: DigitizeResult;
  timings: StageTimings | null;
}

export interface FailedMessage {
  type: 'failed';
  id: number;
  error: WireError;
}

export type FromWorker = DoneMessage | FailedMessage;

/**
 * An error as it crosses a thread: structured cloning keeps an Error's message but loses its
 * class and own fields, so a DigitizeError travels as plain data and is rebuilt on arrival.
 */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
  code?: ErrorCode;
  stage?: Stage;
  input?: string | null;
  cause?: WireError;
}

/** How deep a chain of causes is carried across (the rest is dropped). */
const MAX_CAUSE_DEPTH = 4;

/** Flattens an error (and its causes) into data that survives structured cloning. */
export function errorToWire(error: unknown, depth = 0): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const wire: WireError = { name: error.name, message: error.message, stack: error.stack };
  if (error instanceof DigitizeError) {
    wire.code = error.code;
    wire.stage = error.stage;
    wire.input = error.input;
  }
  if (error.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    wire.cause = errorToWire(error.cause, depth + 1);
  }
  return wire;
}

/** Rebuilds an error sent by `errorToWire`: a DigitizeError when it was one, else an Error. */
export function errorFromWire(wire: WireError): Error {
  const cause = wire.cause === undefined ? undefined : errorFromWire(wire.cause);
  const error =
    wire.code !== undefined && wire.stage !== undefined
      ? new DigitizeError(wire.code, wire.stage, wire.message, { input: wire.input, cause })
      : new Error(wire.message, cause === undefined ? undefined : { cause });
  if (!(error instanceof DigitizeError)) error.name = wire.name;
  // The stack of the thread where it was thrown says where it went wrong.
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}
