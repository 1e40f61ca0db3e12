import { DigitizeError } from '../errors.js';

/** 128 + the signal number, as shells report a process killed by it. */
export const EXIT_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;

export type SignalName = keyof typeof EXIT_SIGNAL;

export interface SignalWatch {
  /** The first signal received, null before any. */
  stopping: () => SignalName | null;
  /** Stops listening. */
  dispose: () => void;
}

/**
 * Signals: the first stops taking inputs (those in flight are finished), the second aborts
 * them through `controller`, a third exits at once. Each is said through `report`.
 */
export function watchSignals(
  report: (line: string) => void,
  controller: AbortController,
): SignalWatch {
  let stopping: SignalName | null = null;
  let count = 0;
  const onSignal = (signal: SignalName): void => {
    count += 1;
    stopping ??= signal;
    if (count === 1) {
      report(`digitize: ${signal}: finishing the inputs in flight (${signal} again aborts them)`);
    } else if (count === 2) {
      report(`digitize: ${signal}: aborting the inputs in flight`);
      controller.abort(new DigitizeError('ABORTED', 'input', `interrupted by ${signal}`));
    } else {
      process.exit(EXIT_SIGNAL[stopping]);
    }
  };
  const onSigint = (): void => onSignal('SIGINT');
  const onSigterm = (): void => onSignal('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  return {
    stopping: () => stopping,
    dispose() {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
    },
  };
}
