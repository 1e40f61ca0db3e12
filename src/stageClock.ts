import { asDigitizeError, DigitizeError, type Stage } from './errors.js';
import type { StageTimings } from './types.js';

/**
 * The stages timed, by the name `StageTimings` gives their time: the load stage decodes, and
 * the review of the traced series counts as tracing.
 */
const TIMED: Partial<Record<Stage, Exclude<keyof StageTimings, 'total'>>> = {
  load: 'decode',
  plot: 'plot',
  legend: 'legend',
  ocr: 'ocr',
  calibrate: 'calibrate',
  separate: 'separate',
  trace: 'trace',
  review: 'trace',
};

/** Runs the stages of one input, one after another, and times them. */
export interface StageClock {
  /**
   * Runs one stage and resolves to what it returns. Its time is added to the stage's; anything
   * it throws that is not a DigitizeError is a bug, rethrown as `INTERNAL` at that stage. Once
   * the signal is aborted it throws `ABORTED` at that stage: when the stage is done, and
   * instead of starting one.
   */
  run<T>(stage: Stage, work: () => T | Promise<T>): Promise<T>;
  /** The milliseconds of each stage so far, and the total since the clock was created. */
  timings(): StageTimings;
}

/** A clock for the input reported as `source`, stopped between stages by `signal`. */
export function createStageClock(source: string | null, signal?: AbortSignal): StageClock {
  const started = performance.now();
  const spent: StageTimings = {
    decode: 0,
    plot: 0,
    legend: 0,
    ocr: 0,
    calibrate: 0,
    separate: 0,
    trace: 0,
    total: 0,
  };
  const stopIfAborted = (stage: Stage): void => {
    if (signal?.aborted) {
      throw new DigitizeError('ABORTED', stage, 'stopped', { input: source, cause: signal.reason });
    }
  };
  return {
    async run(stage, work) {
      stopIfAborted(stage);
      const from = performance.now();
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await work();
      } catch (error) {
        throw asDigitizeError(error, source, stage);
      }
      const timed = TIMED[stage];
      if (timed !== undefined) spent[timed] += performance.now() - from;
      if (signal?.aborted) {
        throw new DigitizeError('ABORTED', stage, 'stopped', {
          input: source,
          cause: signal.reason,
        });
      }
      return result;
    },
    timings: () => ({ ...spent, total: performance.now() - started }),
  };
}
