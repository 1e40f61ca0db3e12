import { createDigitizer, type DigitizeOptions, type Digitizer } from '../digitize.js';
import type { Outcome } from './outcome.js';
import { type Job, type JobOptions, runJob, withoutSignal } from './runJob.js';
import { type LogRecord, messageOf } from './runLog.js';

/**
 * Inputs in flight per thread. With workers: one being digitized, one waiting for it. With
 * jobs 1, two charts share the main thread: one runs its stages while the OCR engine's own
 * thread reads the other's text, so both threads keep busy.
 */
const LANES_PER_THREAD = 2;

/** The options of a batch: what each job writes, and how the images are digitized. */
export interface BatchOptions extends JobOptions {
  /** Images digitized at once, each in a worker thread. */
  jobs: number;
  maxPixels?: number;
  /** Time limit per input (a PDF's pages together), in seconds. */
  timeout?: number;
  /** PDFs: the pages to read (`3-5,9`). */
  pages?: string;
  /** PDFs: at most this many pages. */
  maxPages?: number;
}

export interface RunContext {
  options: BatchOptions;
  /** Aborts the inputs in flight. */
  signal: AbortSignal;
  /** Whether to stop taking inputs (a signal, or stdout closed). */
  stopped: () => boolean;
  /** Prints or collects an input's outcome, with the overlay file written for it, if any. */
  emit: (outcome: Outcome, overlayFile?: string) => Promise<void>;
  report: (line: string) => void;
  /** Called with each input's record as it finishes. */
  done: (record: LogRecord) => Promise<void>;
}

/**
 * Digitizes the jobs, several at once with worker threads, until they are all done or
 * `stopped()`; closes the digitizer. Resolves to the number of jobs processed.
 */
export async function runJobs(jobs: Job[], context: RunContext): Promise<number> {
  const { options, signal, stopped, emit, report, done } = context;
  const perImage: DigitizeOptions = { signal };
  if (options.maxPixels !== undefined) perImage.maxPixels = options.maxPixels;
  if (options.timeout !== undefined) perImage.timeoutMs = Math.round(options.timeout * 1000);
  if (options.pages !== undefined) perImage.pages = options.pages;
  if (options.maxPages !== undefined) perImage.maxPages = options.maxPages;
  // One input runs on this thread: no worker to start, so a single chart stays quick.
  const threads = Math.max(1, Math.min(options.jobs, jobs.length));
  let digitizer: Digitizer | null = null;
  // Created on first use, so a run where everything is up to date never starts the OCR engine;
  // worker threads are started as inputs reach them.
  const getDigitizer = (): Digitizer => {
    digitizer ??= createDigitizer({ ...withoutSignal(perImage), jobs: threads });
    return digitizer;
  };
  let processed = 0;
  let next = 0;
  // Each lane takes the next input when its last one is done: twice as many lanes as threads.
  const lane = async (): Promise<void> => {
    while (next < jobs.length && !stopped()) {
      const job = jobs[next++];
      const record = await runJob(job, {
        options,
        perImage,
        getDigitizer,
        emit: (outcome) => emit(outcome, job.outputs.overlay),
        report,
      });
      processed += 1;
      await done(record);
    }
  };
  try {
    await Promise.all(Array.from({ length: threads * LANES_PER_THREAD }, lane));
  } finally {
    const closing = digitizer as Digitizer | null;
    if (closing !== null) {
      await closing.close().catch((error: unknown) => {
        report(`digitize: closing the OCR engine failed: ${messageOf(error)}`);
      });
    }
  }
  return processed;
}
