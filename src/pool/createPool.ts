import { Worker } from 'node:worker_threads';
import { invalidArgument } from '../arguments.js';
import { DigitizeError } from '../errors.js';
import type { PageRange } from '../pdf/pageRanges.js';
import type { DigitizeResult, StageTimings } from '../types.js';
import { errorFromWire, type FromWorker, type ToWorker, type WorkerData } from './wire.js';

export interface PoolOptions {
  /** Worker threads at most; they are started as work arrives, one OCR engine each. */
  size: number;
  /** Folder holding eng.traineddata.gz. @default the package's models/ folder */
  modelDir?: string;
}

/** One chart for the pool. */
export interface PoolTask {
  /** A path, read and decoded in the worker, or the encoded bytes (copied to the worker). */
  input: string | Uint8Array;
  /** The input as reported in the result and in errors (a path, or null). */
  source: string | null;
  maxPixels: number;
  /** PDFs only: the pages to read (every page where absent). */
  pages?: readonly PageRange[];
  /** PDFs only: at most this many pages are read. @default 1000 */
  maxPages?: number;
  /** Counted from when a worker takes the chart, not from when it was queued. */
  timeoutMs: number;
  signal?: AbortSignal;
  onTimings?: (timings: StageTimings) => void;
}

/** A fixed-size pool of digitizing worker threads. */
export interface Pool {
  /** Digitizes one chart in the first free worker; rejects with a DigitizeError. */
  run(task: PoolTask): Promise<DigitizeResult>;
  /** Rejects what is queued or running (ABORTED), closes the OCR engines and ends the threads. */
  close(): Promise<void>;
}

/** A closing worker that has not exited after this long is terminated. */
const CLOSE_GRACE_MS = 5_000;

interface Pending {
  id: number;
  task: PoolTask;
  resolve: (result: DigitizeResult) => void;
  reject: (error: Error) => void;
  slot: Slot | null;
  timer?: NodeJS.Timeout;
  onAbort?: () => void;
  settled: boolean;
}

interface Slot {
  worker: Worker;
  pending: Pending | null;
  /** Resolves when the thread has exited. */
  exited: Promise<void>;
}

/**
 * Starts nothing yet: worker threads are started when charts arrive and there is no idle one,
 * up to `size`. A chart that times out or is aborted has its worker terminated (a stage cannot
 * be interrupted otherwise) and a fresh one takes its place when needed. Idle workers do not
 * keep the process alive. Throws RangeError for a size that is not a positive integer.
 */
export function createPool({ size, modelDir }: PoolOptions): Pool {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw invalidArgument('positive integer', 'size', size, { error: RangeError });
  }
  const slots = new Set<Slot>();
  const queue: Pending[] = [];
  let nextId = 0;
  let closed = false;

  /** Ends a worker whose chart cannot be trusted to finish; its chart is already settled. */
  const retire = (slot: Slot): void => {
    slots.delete(slot);
    slot.pending = null;
    void slot.worker.terminate();
    pump();
  };

  const spawn = (): Slot => {
    const slot = startWorker(modelDir);
    const { worker } = slot;
    const fail = (cause: unknown): void => {
      const pending = slot.pending;
      if (!slots.delete(slot)) return;
      if (pending) {
        // Nothing a chart does stops its thread: that is a failure nobody planned for.
        settle(pending, {
          error: new DigitizeError('INTERNAL', 'input', 'the worker thread stopped', {
            input: pending.task.source,
            cause,
          }),
        });
      }
      pump();
    };
    worker.on('message', (message: FromWorker) => {
      const pending = slot.pending;
      // A late answer for a chart that already timed out or was aborted.
      if (pending === null || pending.id !== message.id) return;
      slot.pending = null;
      if (!closed) worker.unref();
      answer(pending, message);
      pump();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
    slots.add(slot);
    return slot;
  };

  const assign = (slot: Slot, pending: Pending): void => {
    slot.pending = pending;
    pending.slot = slot;
    slot.worker.ref();
    const { task } = pending;
    pending.timer = setTimeout(() => {
      settle(pending, {
        error: new DigitizeError('TIMEOUT', 'input', `took longer than ${task.timeoutMs} ms`, {
          input: task.source,
        }),
      });
      retire(slot);
    }, task.timeoutMs);
    const message: ToWorker = {
      type: 'run',
      id: pending.id,
      input: task.input,
      source: task.source,
      maxPixels: task.maxPixels,
      pages: task.pages,
      maxPages: task.maxPages,
    };
    slot.worker.postMessage(message);
  };

  /** Hands queued charts to idle workers, starting workers while there are fewer than `size`. */
  function pump(): void {
    while (queue.length > 0 && !closed) {
      let idle: Slot | undefined;
      for (const slot of slots) {
        if (slot.pending === null) {
          idle = slot;
          break;
        }
      }
      if (idle === undefined && slots.size < size) idle = spawn();
      if (idle === undefined) return;
      assign(idle, queue.shift()!);
    }
  }

  return {
    run(task) {
      return new Promise<DigitizeResult>((resolve, reject) => {
        if (closed) return reject(aborted(task.source, 'the digitizer is closed'));
        if (task.signal?.aborted) return reject(aborted(task.source));
        const pending: Pending = {
          id: nextId++,
          task,
          resolve,
          reject,
          slot: null,
          settled: false,
        };
        pending.onAbort = () => {
          settle(pending, { error: aborted(task.source) });
          const slot = pending.slot;
          if (slot !== null && slot.pending === pending) retire(slot);
          else queue.splice(queue.indexOf(pending), 1);
        };
        task.signal?.addEventListener('abort', pending.onAbort, { once: true });
        queue.push(pending);
        pump();
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      await closeAll(slots, queue);
    },
  };
}

/** Settles a chart once, with its result or its error, and stops watching its time and signal. */
function settle(pending: Pending, outcome: { result: DigitizeResult } | { error: Error }): void {
  if (pending.settled) return;
  pending.settled = true;
  clearTimeout(pending.timer);
  if (pending.onAbort) pending.task.signal?.removeEventListener('abort', pending.onAbort);
  if ('result' in outcome) pending.resolve(outcome.result);
  else pending.reject(outcome.error);
}

/** Settles a chart with what its worker sent: the result (and its timings), or the error. */
function answer(pending: Pending, message: FromWorker): void {
  if (message.type === 'done') {
    if (message.timings) pending.task.onTimings?.(message.timings);
    settle(pending, { result: message.result });
  } else {
    settle(pending, { error: errorFromWire(message.error) });
  }
}

function aborted(source: string | null, message = 'cancelled'): DigitizeError {
  return new DigitizeError('ABORTED', 'input', message, { input: source });
}

/** A worker thread (its OCR engine started on its first chart), idle. */
function startWorker(modelDir: string | undefined): Slot {
  const { entry, inline } = workerEntry();
  const workerData: WorkerData = { modelDir };
  const worker = new Worker(entry, { workerData, eval: inline, execArgv: workerExecArgv() });
  return {
    worker,
    pending: null,
    exited: new Promise((resolve) => worker.once('exit', () => resolve())),
  };
}

/**
 * Rejects the queued and running charts (ABORTED), asks idle workers to close their engine
 * and exit (terminated if they do not within CLOSE_GRACE_MS) and terminates busy ones;
 * resolves when every thread has exited.
 */
async function closeAll(slots: Set<Slot>, queue: Pending[]): Promise<void> {
  for (const pending of queue.splice(0)) {
    settle(pending, { error: aborted(pending.task.source, 'the digitizer was closed') });
  }
  const exits: Promise<void>[] = [];
  for (const slot of [...slots]) {
    slots.delete(slot);
    // Kept alive until it has exited, so `await close()` returns before the process ends.
    slot.worker.ref();
    exits.push(slot.exited);
    if (slot.pending !== null) {
      settle(slot.pending, {
        error: aborted(slot.pending.task.source, 'the digitizer was closed'),
      });
      void slot.worker.terminate();
      continue;
    }
    const message: ToWorker = { type: 'close' };
    slot.worker.postMessage(message);
    const timer = setTimeout(() => void slot.worker.terminate(), CLOSE_GRACE_MS);
    void slot.exited.then(() => clearTimeout(timer));
  }
  await Promise.all(exits);
}

/**
 * The worker's entry. Built, it is `worker.js` beside this file. Run from the TypeScript sources
 * (tests, `tsx src/cli.ts`), it is `worker.ts`, loaded through tsx: a worker thread does not
 * inherit the parent's loader, so a small inline module registers tsx and imports it.
 */
function workerEntry(): { entry: URL | string; inline: boolean } {
  if (!new URL(import.meta.url).pathname.endsWith('.ts')) {
    return { entry: new URL('./worker.js', import.meta.url), inline: false };
  }
  const entry = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return { entry: `import(${tsx}).then((tsx) => tsx.tsImport(${entry}, ${entry}))`, inline: true };
}

/**
 * The parent's Node flags for a worker (by default it gets them all), less `--input-type`: it
 * is about the main entry only (`node --input-type=module -e ...`) and stops a worker from
 * loading its file.
 */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const flags: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i];
    if (flag === '--input-type') i++;
    else if (!flag.startsWith('--input-type=')) flags.push(flag);
  }
  return flags;
}
