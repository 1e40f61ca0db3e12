#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { findInputs, type InputFile, inShard, parseShard, type Shard } from './batch/findInputs.js';
import { isUpToDate, outputPathFor, writeFileAtomic } from './batch/outputPaths.js';
import { createProgress, formatDuration, type Progress } from './batch/progress.js';
import { describe } from './describe/describe.js';
import { describeChart } from './describe/describeChart.js';
import { describeFigure, isFigure } from './describe/describeFigure.js';
import { createDigitizer, type DigitizeOptions, type Digitizer } from './digitize.js';
import { DigitizeError } from './errors.js';
import { renderOverlay } from './export/renderOverlay.js';
import { toCsv } from './export/toCsv.js';
import { toJson } from './export/toJson.js';
import { loadRaster } from './load/loadRaster.js';
import type { ChartResult } from './types.js';

const EXIT_OK = 0;
/** At least one input failed; the others were still done. */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
/** 128 + the signal number, as shells report a process killed by it. */
const EXIT_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;
const LOG_NAME = 'digitize-log.jsonl';
/** Inputs in flight per worker thread: one being digitized, one waiting for it. */
const LANES_PER_THREAD = 2;

type SignalName = keyof typeof EXIT_SIGNAL;

/** The options commander hands the action, after the per-option parsers ran. */
interface CliOptions {
  json?: boolean;
  jsonl?: boolean;
  csv?: boolean;
  describe?: boolean;
  out?: string;
  overlay?: string;
  overlays?: boolean;
  force?: boolean;
  shard?: Shard;
  quiet?: boolean;
  debug?: boolean;
  maxPixels?: number;
  timeout?: number;
  jobs: number;
}

/** What is printed on stdout for each result. */
type StdoutFormat = 'json' | 'jsonl' | 'csv' | 'markdown' | null;

/** One input of the run and the files it produces. */
interface Job {
  input: InputFile;
  /** Files to write under --out and --overlay, by kind; empty without them. */
  outputs: { json?: string; csv?: string; markdown?: string; overlay?: string };
  /** Set when another input of the run already writes this input's outputs. */
  conflict?: string;
}

/** One line of digitize-log.jsonl. */
interface LogRecord {
  path: string;
  status: 'ok' | 'failed' | 'skipped';
  code: string | null;
  message: string | null;
  seconds: number;
  series: number | null;
}

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

function buildProgram(action: (inputs: string[], options: CliOptions) => Promise<void>): Command {
  return new Command('digitize')
    .description('Turn line-chart images back into their data: axes, series, points.')
    .argument('<inputs...>', 'image files, or folders to walk recursively')
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
    .option('--timeout <seconds>', 'time limit per image', positiveNumberOption('--timeout'))
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

  const stdoutFormat: StdoutFormat = options.json
    ? 'json'
    : options.jsonl
      ? 'jsonl'
      : options.csv
        ? 'csv'
        : options.describe
          ? 'markdown'
          : options.out === undefined && options.overlay === undefined
            ? 'json'
            : null;
  const stderr = process.stderr;
  const say = (line: string): void => {
    if (!options.quiet) stderr.write(`${line}\n`);
  };
  // Counts, not the records: a run over millions of inputs must not grow with them.
  const counts: Record<LogRecord['status'], number> = { ok: 0, failed: 0, skipped: 0 };
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

  let logPath: string | null = null;
  if (outDir !== undefined) {
    try {
      await mkdir(outDir, { recursive: true });
    } catch (error) {
      stderr.write(`digitize: cannot create the output folder ${outDir}: ${messageOf(error)}\n`);
      return EXIT_FAILED;
    }
    logPath = join(outDir, LOG_NAME);
  }
  let logBroken = false;
  const writeLog = async (record: LogRecord): Promise<void> => {
    counts[record.status] += 1;
    if (logPath === null || logBroken) return;
    try {
      // Appended line by line (O_APPEND), so shards sharing a folder and a crash keep every line.
      await appendFile(logPath, `${JSON.stringify(record)}\n`);
    } catch (error) {
      logBroken = true;
      stderr.write(`digitize: cannot write the run log ${logPath}: ${messageOf(error)}\n`);
    }
  };
  for (const record of early) await writeLog(record);

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

  // Signals: stop taking inputs and finish those in flight; a second one aborts them.
  let stopping: SignalName | null = null;
  let stdoutClosed = false;
  const controller = new AbortController();
  let signalCount = 0;
  const onSignal = (signal: SignalName): void => {
    signalCount += 1;
    stopping ??= signal;
    if (signalCount === 1) {
      report(`digitize: ${signal}: finishing the inputs in flight (${signal} again aborts them)`);
    } else if (signalCount === 2) {
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
  const onStdoutError = (error: NodeJS.ErrnoException): void => {
    // The reader went away (`digitize dir --jsonl | head`): nothing more is wanted.
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  };
  process.stdout.on('error', onStdoutError);

  const stdout = createStdout(stdoutFormat, several, () => stdoutClosed, options.describe === true);
  const perImage: DigitizeOptions = { signal: controller.signal };
  if (options.maxPixels !== undefined) perImage.maxPixels = options.maxPixels;
  if (options.timeout !== undefined) perImage.timeoutMs = Math.round(options.timeout * 1000);
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
    while (next < jobs.length && stopping === null && !stdoutClosed) {
      const job = jobs[next++];
      const record = await runJob(job, {
        options,
        perImage,
        getDigitizer,
        emit: stdout.emit,
        report,
      });
      processed += 1;
      await writeLog(record);
      progress?.advance(record.status === 'failed');
    }
  };
  try {
    const lanes = threads > 1 ? threads * LANES_PER_THREAD : 1;
    await Promise.all(Array.from({ length: lanes }, lane));
    await stdout.end();
  } finally {
    progress?.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    const closing = digitizer as Digitizer | null;
    if (closing !== null) {
      await closing.close().catch((error: unknown) => {
        stderr.write(`digitize: closing the OCR engine failed: ${messageOf(error)}\n`);
      });
    }
  }

  const { ok, failed, skipped } = counts;
  // When every argument failed before any work (missing paths, folders without images), the
  // error lines already say everything: a `0 ok, N failed` line would only repeat them.
  if (several && !(jobs.length === 0 && failed > 0)) {
    const elapsed = formatDuration((Date.now() - startedRun) / 1000);
    say(`digitize: ${ok} ok, ${failed} failed, ${skipped} up to date (${elapsed})`);
  }
  if (stopping !== null) {
    const left = jobs.length - processed;
    if (left > 0) say(`digitize: interrupted; ${left} input${left === 1 ? '' : 's'} not processed`);
    return EXIT_SIGNAL[stopping];
  }
  return failed > 0 ? EXIT_FAILED : EXIT_OK;
}

/** Attaches output paths to each input and marks the later of two inputs with the same outputs. */
function planJobs(found: InputFile[], options: CliOptions): Job[] {
  const owners = new Map<string, string>();
  return found.map((input): Job => {
    const job: Job = { input, outputs: {} };
    if (options.overlay !== undefined) job.outputs.overlay = options.overlay;
    if (options.out === undefined) return job;
    try {
      job.outputs.json = outputPathFor(options.out, input.relative, 'json');
      if (options.csv) job.outputs.csv = outputPathFor(options.out, input.relative, 'csv');
      if (options.describe) {
        job.outputs.markdown = outputPathFor(options.out, input.relative, 'md');
      }
      if (options.overlays) {
        job.outputs.overlay = outputPathFor(options.out, input.relative, 'overlay.png');
      }
    } catch (error) {
      job.conflict = messageOf(error);
      return job;
    }
    const key = resolve(job.outputs.json);
    const owner = owners.get(key);
    // Decided over all inputs before sharding, so every shard agrees on which input wins.
    if (owner !== undefined) job.conflict = `${job.outputs.json} is already the output of ${owner}`;
    else owners.set(key, input.path);
    return job;
  });
}

interface JobContext {
  options: CliOptions;
  perImage: DigitizeOptions;
  getDigitizer: () => Digitizer;
  emit: (result: ChartResult) => Promise<void>;
  report: (line: string) => void;
}

/** Digitizes one input and writes its outputs; never throws, the outcome is the record. */
async function runJob(job: Job, context: JobContext): Promise<LogRecord> {
  const { options, perImage, getDigitizer, emit, report } = context;
  const { path } = job.input;
  const started = performance.now();
  const seconds = (): number => Math.round(performance.now() - started) / 1000;
  try {
    if (job.conflict !== undefined) {
      throw Object.assign(new Error(job.conflict), { code: 'OUTPUT_CONFLICT' });
    }
    const previous = options.force ? null : await readUpToDate(job);
    if (previous !== null) {
      await emit(previous);
      return {
        path,
        status: 'skipped',
        code: null,
        message: 'outputs are up to date',
        seconds: seconds(),
        series: previous.series.length,
      };
    }
    const result = await getDigitizer().digitize(path, perImage);
    const { json, csv, markdown, overlay } = job.outputs;
    if (json !== undefined) await writeFileAtomic(json, `${toJson(result)}\n`);
    if (csv !== undefined) await writeFileAtomic(csv, withNewline(toCsv(result)));
    if (markdown !== undefined) await writeFileAtomic(markdown, describe(result));
    if (overlay !== undefined) {
      const raster = await loadRaster(path, withoutSignal(perImage));
      await writeFileAtomic(overlay, await renderOverlay(raster, result));
    }
    await emit(result);
    return {
      path,
      status: 'ok',
      code: null,
      message: null,
      seconds: seconds(),
      series: result.series.length,
    };
  } catch (error) {
    report(errorLine(path, error, options.debug));
    return failedRecord(path, error, seconds());
  }
}

/**
 * The result already written for this input when every output of the job is newer than the
 * input and the JSON still parses; null when the input must be done.
 */
async function readUpToDate(job: Job): Promise<ChartResult | null> {
  const paths = Object.values(job.outputs);
  const { json } = job.outputs;
  if (json === undefined) return null;
  const fresh = await Promise.all(paths.map((output) => isUpToDate(output, job.input.path)));
  if (!fresh.every(Boolean)) return null;
  try {
    const result = JSON.parse(await readFile(json, 'utf8')) as ChartResult;
    return Array.isArray(result?.series) ? result : null;
  } catch {
    return null;
  }
}

/**
 * Prints results on stdout as they come: one object for a single input, else a JSON array
 * written element by element (closed by `end`, even after an interruption, so it stays valid).
 * With `facts`, the JSON forms print the facts of each chart's description instead.
 */
function createStdout(
  format: StdoutFormat,
  several: boolean,
  closed: () => boolean,
  facts: boolean,
): { emit: (result: ChartResult) => Promise<void>; end: () => Promise<void> } {
  let count = 0;
  const write = (text: string): Promise<void> =>
    closed()
      ? Promise.resolve()
      : new Promise((done) => {
          process.stdout.write(text, () => done());
        });
  const json = (result: ChartResult): string =>
    facts
      ? JSON.stringify(isFigure(result) ? describeFigure(result) : describeChart(result), null, 2)
      : toJson(result);
  return {
    async emit(result) {
      count += 1;
      switch (format) {
        case null:
          return;
        case 'jsonl':
          return write(`${JSON.stringify(JSON.parse(json(result)))}\n`);
        case 'csv':
          return write(`${count > 1 ? '\n' : ''}${withNewline(toCsv(result))}`);
        case 'markdown':
          return write(`${count > 1 ? '\n' : ''}${describe(result)}`);
        case 'json':
          if (!several) return write(`${json(result)}\n`);
          // Re-indented one level: JSON strings hold no raw newline, so every line is JSON text.
          return write(`${count > 1 ? ',\n' : '[\n'}${json(result).replace(/^/gm, '  ')}`);
        default:
          return assertUnreachable(format);
      }
    },
    async end() {
      if (format === 'json' && several) await write(count > 0 ? '\n]\n' : '[]\n');
    },
  };
}

function failedRecord(path: string, error: unknown, seconds: number): LogRecord {
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

/** `file: message` on one line; with --debug, the stack and the chain of causes follow. */
function errorLine(path: string, error: unknown, debug = false): string {
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function withoutSignal({ signal: _signal, ...rest }: DigitizeOptions): DigitizeOptions {
  return rest;
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

function positiveIntegerOption(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
      throw new InvalidArgumentError(
        `Expected positive integer for ${name} but received '${value}'`,
      );
    }
    return number;
  };
}

function positiveNumberOption(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
      throw new InvalidArgumentError(
        `Expected positive number for ${name} but received '${value}'`,
      );
    }
    return number;
  };
}

function assertUnreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
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
