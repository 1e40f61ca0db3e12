#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { invalidArgument } from './arguments.js';
import { findInputs, inShard, parseShard, type Shard } from './batch/findInputs.js';
import { createProgress, formatDuration, type Progress } from './batch/progress.js';
import { type Job, type JobOptions, planJobs, runJob, withoutSignal } from './batch/runJob.js';
import {
  createRunLog,
  errorLine,
  failedRecord,
  LOG_NAME,
  type LogRecord,
  messageOf,
  type RunLog,
} from './batch/runLog.js';
import { createStdout, type StdoutFormat } from './batch/stdout.js';
import { createDigitizer, type DigitizeOptions, type Digitizer } from './digitize.js';
import { DigitizeError } from './errors.js';
import { parsePageRanges } from './pdf/pageRanges.js';
import type { DigitizeResult } from './types.js';

const EXIT_OK = 0;
/** At least one input failed; the others were still done. */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
/** 128 + the signal number, as shells report a process killed by it. */
const EXIT_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;
/** Inputs in flight per worker thread: one being digitized, one waiting for it. */
const LANES_PER_THREAD = 2;

type SignalName = keyof typeof EXIT_SIGNAL;

/** The options commander hands the action, after the per-option parsers ran. */
interface CliOptions extends JobOptions {
  json?: boolean;
  jsonl?: boolean;
  shard?: Shard;
  quiet?: boolean;
  maxPixels?: number;
  timeout?: number;
  pages?: string;
  maxPages?: number;
  jobs: number;
}

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

function buildProgram(action: (inputs: string[], options: CliOptions) => Promise<void>): Command {
  return new Command('digitize')
    .description('Turn line-chart images back into their data: axes, series, points.')
    .argument('<inputs...>', 'image or PDF files, or folders to walk recursively')
    .addOption(
      new Option(
        '--json',
        'print the result JSON on stdout: an array when given several inputs, a folder or --shard (the default)',
      ).conflicts(['jsonl', 'csv']),
    )
    .addOption(
      new Option('--jsonl', 'print one compact JSON result per line on stdout').conflicts('csv'),
    )
    .addOption(
      new Option(
        '--csv',
        'print the table form on stdout (tables separated by a blank line); with --out, also write .csv files',
      ).conflicts('describe'),
    )
    .option(
      '--describe',
      'print the chart in words (Markdown) on stdout; with --json or --jsonl, the facts it rests on instead; with --out, also write .md files',
    )
    .option(
      '--out <dir>',
      `write <dir>/<relative path>.json mirroring the input tree, and a run log <dir>/${LOG_NAME}`,
    )
    .option('--overlay <file>', 'write the overlay PNG of a single input to <file>')
    .option('--overlays', 'with --out, write <dir>/<relative path>.overlay.png for each input')
    .option('--force', 'redo inputs whose outputs are newer than the input')
    .option(
      '--shard <K/N>',
      'process only shard K of N (by a hash of the relative path)',
      shardOption,
    )
    .option(
      '--max-pixels <n>',
      'refuse images with more pixels than this',
      positiveIntegerOption('--max-pixels'),
    )
    .option(
      '--timeout <seconds>',
      'time limit per input (a PDF: all its pages)',
      positiveNumberOption('--timeout'),
    )
    .option(
      '--pages <ranges>',
      'PDFs: the pages to read, such as 3-5,9 or 10- (default: all)',
      pagesOption,
    )
    .option(
      '--max-pages <n>',
      'PDFs: read at most this many pages, with a warning naming the rest (default: 1000)',
      positiveIntegerOption('--max-pages'),
    )
    .option(
      '--jobs <n>',
      'images digitized at once, each in a worker thread with its own OCR engine (default: the number of cores)',
      positiveIntegerOption('--jobs'),
      availableParallelism(),
    )
    .option('--quiet', 'no progress and no summary on stderr (errors are still printed)')
    .option('--debug', 'print stack traces with errors')
    .version(version, '--version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .addHelpText(
      'after',
      `
Exit status: 0 when every input was done, ${EXIT_FAILED} when any failed, ${EXIT_USAGE} on a usage error,
${EXIT_SIGNAL.SIGINT} / ${EXIT_SIGNAL.SIGTERM} when interrupted by SIGINT / SIGTERM (the inputs in flight are finished first).`,
    )
    .showHelpAfterError('(run digitize --help for usage)')
    .exitOverride()
    .action(action);
}

/** Runs the command line and resolves to the process exit code. */
async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(async (inputs, options) => {
    exitCode = await run(program, inputs, options);
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    // Help and --version exit 0; every other commander error is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw error;
  }
  return exitCode;
}

async function run(program: Command, args: string[], options: CliOptions): Promise<number> {
  const usage = (message: string): never =>
    program.error(`error: ${message}`, { exitCode: EXIT_USAGE, code: 'digitize.usage' });
  if (options.overlays && !options.out) usage('--overlays needs --out <dir>');
  if (options.overlay !== undefined && args.length > 1) {
    usage('--overlay <file> takes a single input; use --out <dir> --overlays for several');
  }

  const stderr = process.stderr;
  const say = (line: string): void => {
    if (!options.quiet) stderr.write(`${line}\n`);
  };
  const startedRun = Date.now();

  // A missing argument or a folder without images is one failed input: the others are still done.
  const early: LogRecord[] = [];
  const several = args.length > 1 || options.shard !== undefined || (await anyFolder(args));
  const outDir = options.out;
  const found = await findInputs(args, {
    exclude: outDir === undefined ? [] : [outDir],
    onError: (input, error) => {
      early.push(failedRecord(input, error, 0));
      stderr.write(`${errorLine(input, error, options.debug)}\n`);
    },
  });
  const jobs = planJobs(found, options).filter(
    (job) => options.shard === undefined || inShard(job.input.relative, options.shard),
  );
  if (options.overlay !== undefined && jobs.length > 1) {
    usage(`--overlay <file> takes a single input but the arguments hold ${jobs.length} images`);
  }

  let log: RunLog;
  try {
    log = await createRunLog(outDir, (line) => stderr.write(`${line}\n`));
  } catch (error) {
    stderr.write(`digitize: cannot create the output folder ${outDir}: ${messageOf(error)}\n`);
    return EXIT_FAILED;
  }
  for (const record of early) await log.write(record);

  const progress: Progress | null =
    !options.quiet && jobs.length > 1
      ? createProgress(stderr, jobs.length, {
          tty: stderr.isTTY === true,
          columns: stderr.columns || undefined,
        })
      : null;
  const report = (line: string): void => {
    if (progress) progress.log(line);
    else stderr.write(`${line}\n`);
  };

  let stdoutClosed = false;
  const controller = new AbortController();
  const signals = watchSignals(report, controller);
  const onStdoutError = (error: NodeJS.ErrnoException): void => {
    // The reader went away (`digitize dir --jsonl | head`): nothing more is wanted.
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  };
  process.stdout.on('error', onStdoutError);

  const stdout = createStdout(
    stdoutFormat(options),
    several,
    () => stdoutClosed,
    options.describe === true,
  );
  let processed = 0;
  try {
    processed = await runJobs(jobs, {
      options,
      signal: controller.signal,
      stopped: () => signals.stopping() !== null || stdoutClosed,
      emit: stdout.emit,
      report,
      done: async (record) => {
        await log.write(record);
        progress?.advance(record.status === 'failed');
      },
    });
    await stdout.end();
  } finally {
    progress?.stop();
    signals.dispose();
  }

  const { ok, failed, skipped } = log.counts;
  // When every argument failed before any work (missing paths, folders without images), the
  // error lines already say everything: a `0 ok, N failed` line would only repeat them.
  if (several && !(jobs.length === 0 && failed > 0)) {
    const elapsed = formatDuration((Date.now() - startedRun) / 1000);
    say(`digitize: ${ok} ok, ${failed} failed, ${skipped} up to date (${elapsed})`);
  }
  const stopping = signals.stopping();
  if (stopping !== null) {
    const left = jobs.length - processed;
    if (left > 0) say(`digitize: interrupted; ${left} input${left === 1 ? '' : 's'} not processed`);
    return EXIT_SIGNAL[stopping];
  }
  return failed > 0 ? EXIT_FAILED : EXIT_OK;
}

interface RunContext {
  options: CliOptions;
  /** Aborts the inputs in flight. */
  signal: AbortSignal;
  /** Whether to stop taking inputs (a signal, or stdout closed). */
  stopped: () => boolean;
  emit: (result: DigitizeResult) => Promise<void>;
  report: (line: string) => void;
  /** Called with each input's record as it finishes. */
  done: (record: LogRecord) => Promise<void>;
}

/**
 * Digitizes the jobs, several at once with worker threads, until they are all done or
 * `stopped()`; closes the digitizer. Resolves to the number of jobs processed.
 */
async function runJobs(jobs: Job[], context: RunContext): Promise<number> {
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
  // Each lane takes the next input when its last one is done. With threads, twice as many lanes
  // as workers, so a worker has its next chart waiting while its last result is being written.
  const lane = async (): Promise<void> => {
    while (next < jobs.length && !stopped()) {
      const job = jobs[next++];
      const record = await runJob(job, { options, perImage, getDigitizer, emit, report });
      processed += 1;
      await done(record);
    }
  };
  try {
    const lanes = threads > 1 ? threads * LANES_PER_THREAD : 1;
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    const closing = digitizer as Digitizer | null;
    if (closing !== null) {
      await closing.close().catch((error: unknown) => {
        process.stderr.write(`digitize: closing the OCR engine failed: ${messageOf(error)}\n`);
      });
    }
  }
  return processed;
}

/** What is printed on stdout: the format asked for, JSON when no file is written either. */
function stdoutFormat(options: CliOptions): StdoutFormat {
  if (options.json) return 'json';
  if (options.jsonl) return 'jsonl';
  if (options.csv) return 'csv';
  if (options.describe) return 'markdown';
  return options.out === undefined && options.overlay === undefined ? 'json' : null;
}

/**
 * Signals: the first stops taking inputs (those in flight are finished), the second aborts
 * them, a third exits at once. `stopping()` is the first signal received, null before any.
 */
function watchSignals(
  report: (line: string) => void,
  controller: AbortController,
): { stopping: () => SignalName | null; dispose: () => void } {
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

async function anyFolder(paths: string[]): Promise<boolean> {
  const kinds = await Promise.all(
    paths.map((path) =>
      stat(path).then(
        (info) => info.isDirectory(),
        () => false,
      ),
    ),
  );
  return kinds.some(Boolean);
}

function shardOption(value: string): Shard {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError(messageOf(error));
  }
}

/** A page selection, checked here (a usage error) and passed on as written. */
function pagesOption(value: string): string {
  try {
    parsePageRanges(value);
  } catch (error) {
    throw new InvalidArgumentError(messageOf(error));
  }
  return value;
}

function positiveIntegerOption(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
      throw invalidArgument('positive integer', name, value, {
        error: InvalidArgumentError,
        received: `'${value}'`,
      });
    }
    return number;
  };
}

function positiveNumberOption(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
      throw invalidArgument('positive number', name, value, {
        error: InvalidArgumentError,
        received: `'${value}'`,
      });
    }
    return number;
  };
}

/** Exits once stdout has taken everything written to it (a pipe may still be draining). */
function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.exit(code));
}

main(process.argv).then(exit, (error: unknown) => {
  process.stderr.write(
    `digitize: ${process.argv.includes('--debug') && error instanceof Error ? error.stack : messageOf(error)}\n`,
  );
  exit(EXIT_FAILED);
});
