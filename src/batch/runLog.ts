import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const LOG_NAME = 'digitize-log.jsonl';

/**
 * The run log's name in the output folder: `digitize-log.jsonl`, or for shard K of N
 * `digitize-log.shard-K-of-N.jsonl`, so that shards on several machines sharing the folder
 * (NFS, where appends from two machines may interleave) each write their own; `digitize-log`
 * merges them.
 */
export function logName(shard?: { index: number; count: number }): string {
  return shard === undefined
    ? LOG_NAME
    : `digitize-log.shard-${shard.index}-of-${shard.count}.jsonl`;
}

/** One line of digitize-log.jsonl. */
export interface LogRecord {
  path: string;
  status: 'ok' | 'failed' | 'skipped';
  code: string | null;
  message: string | null;
  seconds: number;
  series: number | null;
}

/** The run log of a batch, and the count of each outcome. */
export interface RunLog {
  /** Counts the record and appends it to the log file (when there is one). */
  write(record: LogRecord): Promise<void>;
  /** Counts, not the records: a run over millions of inputs must not grow with them. */
  counts: Record<LogRecord['status'], number>;
}

/**
 * The run log: `<outDir>/<name>` (the folder created), or counts only without `outDir`. A log
 * line that cannot be written is said once through `warn`, and no more are tried. Rejects when
 * the folder cannot be created.
 */
export async function createRunLog(
  outDir: string | undefined,
  warn: (line: string) => void,
  name = LOG_NAME,
): Promise<RunLog> {
  let path: string | null = null;
  if (outDir !== undefined) {
    await mkdir(outDir, { recursive: true });
    path = join(outDir, name);
  }
  const counts: RunLog['counts'] = { ok: 0, failed: 0, skipped: 0 };
  let broken = false;
  return {
    counts,
    async write(record) {
      counts[record.status] += 1;
      if (path === null || broken) return;
      try {
        // Appended line by line (O_APPEND), so shards sharing a folder and a crash keep every line.
        await appendFile(path, `${JSON.stringify(record)}\n`);
      } catch (error) {
        broken = true;
        warn(`digitize: cannot write the run log ${path}: ${messageOf(error)}`);
      }
    },
  };
}

/** The record of an input that failed, with the code and message of its error. */
export function failedRecord(path: string, error: unknown, seconds: number): LogRecord {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    path,
    status: 'failed',
    code: typeof code === 'string' ? code : null,
    message: messageOf(error),
    seconds,
    series: null,
  };
}

/** An error's message (or the thrown value as text). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `file: message` on one line; with --debug, the stack and the chain of causes follow. */
export function errorLine(path: string, error: unknown, debug = false): string {
  const line = `${path}: ${messageOf(error).replace(/\s*\n\s*/g, ' ')}`;
  if (!debug) return line;
  const details: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 8; depth += 1) {
    const stack = current instanceof Error ? current.stack : String(current);
    details.push(depth === 0 ? `${stack}` : `Caused by: ${stack}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return `${line}\n${details.join('\n')}`;
}
