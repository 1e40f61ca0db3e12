import { DigitizeError } from '../errors.js';
import type { DigitizeResult } from '../types.js';
import { messageOf } from './runLog.js';

/**
 * What one input of a batch gave, as it is printed, collected for the review page and
 * logged: its result, or its error. `source` is the input as given on the command line (`-`
 * for stdin); `input` is what to decode again for an overlay (the path, or stdin's bytes).
 */
export type Outcome =
  | { source: string; input: string | Uint8Array; result: DigitizeResult; error?: undefined }
  | { source: string; input?: string | Uint8Array; error: unknown; result?: undefined };

/** How a failed input is printed in `--json` and `--jsonl`: its source and its error. */
export interface FailureEntry {
  source: string;
  error: { code: string; message: string; stage: string | null };
}

/**
 * The entry of a failed input: the error's `code` (`INTERNAL` where it has none), message and
 * `stage` (a DigitizeError's; `export` for an output that could not be written; null for
 * anything else).
 */
export function failureEntry(source: string, error: unknown): FailureEntry {
  const code = (error as { code?: unknown } | null)?.code;
  const stage =
    error instanceof DigitizeError ? error.stage : typeof code === 'string' ? 'export' : null;
  return {
    source,
    error: {
      code: typeof code === 'string' ? code : 'INTERNAL',
      message: messageOf(error),
      stage,
    },
  };
}
