import { invalidArgument } from './arguments.js';
import { asDigitizeError, DigitizeError } from './errors.js';
import { digitizeFigure } from './figure/digitizeFigure.js';
import { DEFAULT_MAX_PIXELS } from './load/loadRaster.js';
import { createOcrEngine, type OcrEngine } from './ocr/engine.js';
import { DEFAULT_MAX_PAGES } from './pdf/digitizePdf.js';
import { parsePageRanges } from './pdf/pageRanges.js';
import { createPool, type Pool } from './pool/createPool.js';
import type { DigitizeInput, DigitizeResult, StageTimings } from './types.js';

/** Options for one chart (or, given to `digitizeMany`, for each chart). */
export interface DigitizeOptions {
  /** Images with more pixels than this are refused from their header. @default 100_000_000 */
  maxPixels?: number;
  /**
   * Per-image time limit in milliseconds. With `jobs` > 1 it counts from when a worker takes
   * the chart, and a worker over the limit is stopped and replaced. With `jobs` 1,
   * `digitizeMany` runs two charts on the calling thread, and each one's time runs on while the
   * other's stages do. @default 60_000
   */
  timeoutMs?: number;
  /** Cancels the work: pending charts reject with a DigitizeError `ABORTED`. @default none */
  signal?: AbortSignal;
  /** Called once per chart with the milliseconds each stage took. @default none */
  onTimings?: (timings: StageTimings) => void;
  /**
   * PDFs only: the pages to read, as ranges (`'3-5,9'`, `'10-'` to the end); images ignore it.
   * @default every page, up to `maxPages`
   */
  pages?: string;
  /** PDFs only: at most this many pages are read; a warning names the rest. @default 1000 */
  maxPages?: number;
}

export interface DigitizerOptions extends DigitizeOptions {
  /** Folder holding eng.traineddata.gz. @default the package's models/ folder */
  modelDir?: string;
  /**
   * Charts digitized at once. 1 runs them on this thread (`digitizeMany` keeps two in flight,
   * one running its stages while the OCR engine reads the other). More starts up to that many
   * worker threads as work arrives, each with its own OCR engine (about 150 MB each); each
   * job keeps two threads busy (its own and its engine's), so half the number of cores
   * (`os.availableParallelism()`) is the useful maximum. @default 1
   */
  jobs?: number;
}

/** One outcome of `digitizeMany`: the input as given, with its result or its error. */
export type DigitizeOutcome =
  | { input: DigitizeInput; result: DigitizeResult; error?: undefined }
  | { input: DigitizeInput; error: DigitizeError | TypeError; result?: undefined };

/** A digitizer that keeps its OCR engine(s) between charts. Call `close()` when done. */
export interface Digitizer {
  /**
   * Digitizes one image (a path, or encoded bytes) and resolves to its chart, or, where it
   * holds several charts, to the figure that lists them. Rejects with a DigitizeError; throws
   * TypeError for an input of another type.
   */
  digitize(input: DigitizeInput, options?: DigitizeOptions): Promise<DigitizeResult>;
  /**
   * Digitizes every input of an iterable (or async iterable, read as charts are taken, so it may
   * be endless) and yields each outcome as it finishes, in that order, not the input order.
   * One bad input yields `{ input, error }` and the others go on. Aborting `options.signal`
   * makes the iteration throw a DigitizeError `ABORTED`. Throws TypeError if `inputs` is not
   * iterable.
   */
  digitizeMany(
    inputs: Iterable<DigitizeInput> | AsyncIterable<DigitizeInput>,
    options?: DigitizeOptions,
  ): AsyncIterable<DigitizeOutcome>;
  /**
   * Stops the OCR engine(s) and worker threads; charts still pending reject with `ABORTED`.
   * A later chart starts them again.
   */
  close(): Promise<void>;
}

/** Default per-image time limit (ms): the slowest development chart takes under 2 s. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * Charts in flight per job in `digitizeMany`. With workers: one running and one waiting, so a
 * worker never idles while its last result travels back. With jobs 1, two charts share the
 * calling thread: one runs its stages while the OCR engine's thread reads the other's text.
 */
const IN_FLIGHT_PER_JOB = 2;

/**
 * Creates a digitizer. Nothing starts until the first chart: then the OCR engine (jobs 1) or the
 * first worker thread. Throws RangeError when `jobs` is not a positive integer.
 */
export function createDigitizer(options: DigitizerOptions = {}): Digitizer {
  const { jobs = 1, modelDir } = options;
  if (!Number.isSafeInteger(jobs) || jobs < 1) {
    throw invalidArgument('positive integer', 'jobs', jobs, { error: RangeError });
  }
  let engine: Promise<OcrEngine> | null = null;
  const getEngine = () => {
    engine ??= createOcrEngine({ modelDir });
    return engine;
  };
  let pool: Pool | null = null;

  const digitize = async (
    input: DigitizeInput,
    perCall: DigitizeOptions = {},
  ): Promise<DigitizeResult> => {
    const {
      maxPixels = DEFAULT_MAX_PIXELS,
      timeoutMs = DEFAULT_TIMEOUT_MS,
      signal,
      onTimings,
      pages: pageText,
      maxPages = DEFAULT_MAX_PAGES,
    } = { ...options, ...perCall };
    if (!(typeof input === 'string' || input instanceof Uint8Array)) {
      throw invalidArgument('string, Buffer or Uint8Array', 'input', input);
    }
    const pages = pageText === undefined ? undefined : parsePageRanges(pageText);
    if (!Number.isSafeInteger(maxPages) || maxPages < 1) {
      throw invalidArgument('positive integer', 'maxPages', maxPages, { error: RangeError });
    }
    const source = typeof input === 'string' ? input : null;
    if (jobs > 1) {
      pool ??= createPool({ size: jobs, modelDir });
      return pool.run({ input, source, maxPixels, pages, maxPages, timeoutMs, signal, onTimings });
    }
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    // Stops the pipeline at its next stage once the caller has been answered, so a chart over
    // its limit does not hold the OCR engine from the next one.
    const stop = new AbortController();
    const limits = new Promise<never>((_, reject) => {
      const fail = (error: DigitizeError): void => {
        stop.abort(error);
        reject(error);
      };
      timer = setTimeout(
        () =>
          fail(
            new DigitizeError('TIMEOUT', 'input', `took longer than ${timeoutMs} ms`, {
              input: source,
            }),
          ),
        timeoutMs,
      );
      onAbort = () => fail(new DigitizeError('ABORTED', 'input', 'cancelled', { input: source }));
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    // The pipeline's own ABORTED (thrown at its next stage) comes after the race is decided.
    const pipeline = digitizeFigure(input, {
      source,
      maxPixels,
      pages,
      maxPages,
      getEngine,
      onTimings,
      signal: stop.signal,
    });
    pipeline.catch(() => undefined);
    try {
      return await Promise.race([pipeline, limits]);
    } catch (error) {
      throw asDigitizeError(error, source);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  };

  return {
    digitize,
    digitizeMany(inputs, perCall = {}) {
      const iterator = iteratorOf(inputs);
      return outcomes(iterator, digitize, {
        ...perCall,
        signal: perCall.signal ?? options.signal,
        limit: jobs * IN_FLIGHT_PER_JOB,
      });
    },
    async close() {
      const closing = [pool?.close(), engine?.then((started) => started.close())];
      pool = null;
      engine = null;
      await Promise.all(closing);
    },
  };
}

/** Digitizes one image with a fresh OCR engine (closed before it returns). */
export async function digitize(
  input: DigitizeInput,
  options: DigitizerOptions = {},
): Promise<DigitizeResult> {
  const digitizer = createDigitizer({ ...options, jobs: 1 });
  try {
    return await digitizer.digitize(input, options);
  } finally {
    await digitizer.close();
  }
}

function iteratorOf(
  inputs: Iterable<DigitizeInput> | AsyncIterable<DigitizeInput>,
): Iterator<DigitizeInput> | AsyncIterator<DigitizeInput> {
  const iterable = inputs as Partial<Iterable<DigitizeInput> & AsyncIterable<DigitizeInput>>;
  const asyncIterator = iterable?.[Symbol.asyncIterator];
  if (typeof asyncIterator === 'function') return asyncIterator.call(inputs);
  const syncIterator = iterable?.[Symbol.iterator];
  // A string is iterable too, but one path is not a list of paths.
  if (typeof syncIterator === 'function' && typeof inputs !== 'string') {
    return syncIterator.call(inputs);
  }
  throw invalidArgument('an iterable of inputs', 'inputs', inputs);
}

/** Keeps up to `limit` charts in flight and yields each outcome as it settles. */
async function* outcomes(
  iterator: Iterator<DigitizeInput> | AsyncIterator<DigitizeInput>,
  digitizeOne: (input: DigitizeInput, options: DigitizeOptions) => Promise<DigitizeResult>,
  { limit, ...perChart }: DigitizeOptions & { limit: number },
): AsyncGenerator<DigitizeOutcome> {
  const { signal } = perChart;
  const running = new Map<number, Promise<{ key: number; outcome: DigitizeOutcome }>>();
  let nextKey = 0;
  let exhausted = false;
  const throwIfAborted = (): void => {
    if (signal?.aborted) throw new DigitizeError('ABORTED', 'input', 'cancelled');
  };
  try {
    while (true) {
      throwIfAborted();
      while (!exhausted && running.size < limit) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const key = nextKey++;
        const input = next.value;
        running.set(
          key,
          // Settled promises only: a rejection is an outcome, never an unhandled error.
          Promise.resolve()
            .then(() => digitizeOne(input, perChart))
            .then(
              (result): DigitizeOutcome => ({ input, result }),
              (error: DigitizeError | TypeError): DigitizeOutcome => ({ input, error }),
            )
            .then((outcome) => ({ key, outcome })),
        );
      }
      if (running.size === 0) return;
      const { key, outcome } = await Promise.race(running.values());
      running.delete(key);
      throwIfAborted();
      yield outcome;
    }
  } finally {
    // Stopped early (break, abort): charts in flight finish unseen; the source is told to stop.
    if (!exhausted) await iterator.return?.();
  }
}
