#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError, Option } from 'commander';
import { findInputs, inShard, type Shard } from './batch/findInputs.js';
import type { Outcome } from './batch/outcome.js';
import { createProgress, formatDuration, type Progress } from './batch/progress.js';
import { type Job, planJobs } from './batch/runJob.js';
import { type BatchOptions, runJobs } from './batch/runJobs.js';
import {
  createRunLog,
  errorLine,
  failedRecord,
  LOG_NAME,
  type LogRecord,
  logName,
  messageOf,
  type RunLog,
} from './batch/runLog.js';
import { EXIT_SIGNAL, watchSignals } from './batch/signals.js';
import { readStream, STDIN } from './batch/stdin.js';
import { createStdout, type StdoutFormat } from './batch/stdout.js';
import {
  delimiterOption,
  pagesOption,
  positiveIntegerOption,
  positiveNumberOption,
  shardOption,
} from './cliOptions.js';
import { DEFAULT_TIMEOUT_MS } from './digitize.js';
import { DEFAULT_MAX_PIXELS, maxBytesFor } from './load/loadRaster.js';
import { createReviewCollector, type ReviewCollector } from './report/collectReview.js';

/** Each job keeps two threads busy (its own and its OCR engine's): one job per two cores. */
const DEFAULT_JOBS = Math.max(1, Math.floor(availableParallelism() / 2));

const EXIT_OK = 0;
/** At least one input failed; the others were still done. */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/** The options commander hands the action, after the per-option parsers ran. */
interface CliOptions extends BatchOptions {
  json?: boolean;
  jsonl?: boolean;
  shard?: Shard;
  quiet?: boolean;
  /** The review page to write after the batch. */
  report?: string;
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
        'print the table form on stdout (several: each after a # <source> line, blank lines between); with --out, also write .csv files',
      ).conflicts('describe'),
    )
    .addOption(
      new Option(
        '--csv-long',
        'print the long table (series,x,y; source and panel columns for several inputs); with --out, also write .long.csv files',
      ).conflicts(['json', 'jsonl']),
    )
    .addOption(
      new Option(
        '--plotly',
        'print each result as a Plotly figure (JSON); with --out, also write .plotly.json files',
      ).conflicts(['json', 'jsonl']),
    )
    .addOption(
      new Option(
        '--wpd',
        'print each result as a WebPlotDigitizer project (JSON); with --out, also write .wpd.tar projects holding the image',
      ).conflicts(['json', 'jsonl']),
    )
    .option(
      '--delimiter <char>',
      "the CSV field separator: ',', ';', '|' or tab (default: ',')",
      delimiterOption,
    )
    .option('--bom', 'start CSV output with a UTF-8 byte order mark (for Excel)')
    .option(
      '--describe',
      'print the chart in words (Markdown) on stdout; with --json or --jsonl, the facts it rests on instead; with --out, also write .md files',
    )
    .option(
      '--out <dir>',
      `write <dir>/<relative path>.json mirroring the input tree, and a run log <dir>/${LOG_NAME} (with --shard K/N: digitize-log.shard-K-of-N.jsonl)`,
    )
    .option('--overlay <file>', 'write the overlay PNG of a single input to <file>')
    .option('--overlays', 'with --out, write <dir>/<relative path>.overlay.png for each input')
    .option(
      '--report <file>',
      'write a review page (HTML, self-contained) of every input with its overlay, least confident first',
    )
    .option('--force', 'redo inputs whose outputs are newer than the input')
    .option(
      '--shard <K/N>',
      'process only shard K of N (by a hash of the relative path)',
      shardOption,
    )
    .addOption(
      new Option(
        '--max-pixels <n>',
        `refuse images with more pixels than this (default: ${DEFAULT_MAX_PIXELS})`,
      ).argParser(positiveIntegerOption('--max-pixels')),
    )
    .addOption(
      new Option(
        '--timeout <seconds>',
        `time limit per input, PDF pages together (default: ${DEFAULT_TIMEOUT_MS / 1000})`,
      ).argParser(positiveNumberOption('--timeout')),
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
    .addOption(
      new Option(
        '--jobs <n>',
        'images digitized at once, each in a worker thread with its own OCR engine',
      )
        .argParser(positiveIntegerOption('--jobs'))
        .default(DEFAULT_JOBS, `one per two cores, ${DEFAULT_JOBS}`),
    )
    .option('--quiet', 'no progress and no summary on stderr (errors are still printed)')
    .option('--debug', 'print stack traces with errors')
    .version(version, '--version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .addHelpText(
      'after',
      `
Inputs: image files, folders (walked recursively), or - for an image on standard input.

Examples:
  digitize chart.png                          print the chart's JSON
  digitize chart.png --csv > chart.csv        its table (--csv-long: one row per point)
  digitize - --json < chart.png               an image piped in
  digitize figures/ --out results/ --report results/review.html
                                              a folder: JSON files, a run log and a review page
  digitize figures/ --out results/ --wpd      also WebPlotDigitizer projects, to correct by hand
  digitize figures/ --jsonl --quiet > all.jsonl
                                              one line per chart, failures as lines of their own
  digitize figures/ --out results/ --shard 2/8
                                              the second of 8 machines sharing results/

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
  const printed = checkUsage(args, options, usage);
  const stderr = process.stderr;
  const say = (line: string): void => {
    if (!options.quiet) stderr.write(`${line}\n`);
  };
  const startedRun = Date.now();

  // A missing argument or a folder without images is one failed input: the others are still done.
  const early: Array<{ record: LogRecord; outcome: Outcome }> = [];
  const several = args.length > 1 || options.shard !== undefined || (await anyFolder(args));
  const fail = (input: string, error: unknown): void => {
    early.push({ record: failedRecord(input, error, 0), outcome: { source: input, error } });
    stderr.write(`${errorLine(input, error, options.debug)}\n`);
  };
  const jobs = await collectJobs(args, options, fail);
  if (options.overlay !== undefined && jobs.length > 1) {
    usage(`--overlay <file> takes a single input but the arguments hold ${jobs.length} images`);
  }

  let log: RunLog;
  try {
    const warn = (line: string): boolean => stderr.write(`${line}\n`);
    log = await createRunLog(options.out, warn, logName(options.shard));
  } catch (error) {
    stderr.write(`digitize: cannot create the output folder ${options.out}: ${messageOf(error)}\n`);
    return EXIT_FAILED;
  }
  for (const { record } of early) await log.write(record);

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

  const stdout = createStdout(printed[0] ?? defaultFormat(options), {
    several,
    closed: () => stdoutClosed,
    facts: options.describe === true,
    delimiter: options.delimiter,
    bom: options.bom,
  });
  const review: ReviewCollector | null =
    options.report === undefined
      ? null
      : createReviewCollector(options.report, { maxPixels: options.maxPixels });
  const emit = async (outcome: Outcome, overlayFile?: string): Promise<void> => {
    await stdout.emit(outcome);
    await review?.add(outcome, overlayFile);
  };
  for (const { outcome } of early) await emit(outcome);
  let processed = 0;
  try {
    processed = await runJobs(jobs, {
      options,
      signal: controller.signal,
      stopped: () => signals.stopping() !== null || stdoutClosed,
      emit,
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
  if (review !== null && !(await writeReview(review, options, say))) return EXIT_FAILED;

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

/**
 * Checks the combinations of arguments and options that cannot work (through `usage`, which
 * throws); returns the formats asked for on stdout.
 */
function checkUsage(
  args: string[],
  options: CliOptions,
  usage: (message: string) => never,
): Exclude<StdoutFormat, null>[] {
  if (options.overlays && !options.out) usage('--overlays needs --out <dir>');
  if (options.overlay !== undefined && args.length > 1) {
    usage('--overlay <file> takes a single input; use --out <dir> --overlays for several');
  }
  const printed = printedFormats(options);
  if (options.out === undefined && printed.length > 1) {
    usage(`${printed.join(' and ')} print different things on stdout: give one, or --out <dir>`);
  }
  const stdinCount = args.filter((arg) => arg === STDIN).length;
  if (stdinCount > 1) usage(`${STDIN} (standard input) can be given once`);
  if (stdinCount > 0 && process.stdin.isTTY) {
    usage(`${STDIN} reads an image from standard input, but standard input is a terminal`);
  }
  return printed;
}

/**
 * The jobs of the run: the files found under the arguments and the image on standard input,
 * with their outputs, less those of other shards. What cannot be read is reported by `fail`.
 */
async function collectJobs(
  args: string[],
  options: CliOptions,
  fail: (input: string, error: unknown) => void,
): Promise<Job[]> {
  const exclude = options.out === undefined ? [] : [options.out];
  const found = await findInputs(
    args.filter((arg) => arg !== STDIN),
    { exclude, onError: fail },
  );
  const stdin = args.includes(STDIN) ? await readStdin(options, fail) : null;
  // Standard input is named `stdin` under --out, planned with the files so names cannot clash.
  const planned = planJobs(stdin === null ? found : [...found, STDIN_INPUT], options);
  if (stdin !== null) planned[planned.length - 1].bytes = stdin;
  const { shard } = options;
  return planned.filter((job) => shard === undefined || inShard(job.input.relative, shard));
}

/** Writes the review page; false (and said on stderr) when it cannot be written. */
async function writeReview(
  review: ReviewCollector,
  options: CliOptions,
  say: (line: string) => void,
): Promise<boolean> {
  try {
    await review.write();
    say(`digitize: review page written to ${options.report}`);
    return true;
  } catch (error) {
    process.stderr.write(
      `digitize: cannot write the review page ${options.report}: ${messageOf(error)}\n`,
    );
    return false;
  }
}

/**
 * The formats asked for on stdout, the one printed first: JSON or JSON lines (of the result, or
 * with --describe of its facts), a table, a Plotly figure, a WebPlotDigitizer project, words.
 */
function printedFormats(options: CliOptions): Exclude<StdoutFormat, null>[] {
  const asked: Array<[boolean | undefined, Exclude<StdoutFormat, null>]> = [
    [options.json, 'json'],
    [options.jsonl, 'jsonl'],
    [options.csv, 'csv'],
    [options.csvLong, 'csv-long'],
    [options.plotly, 'plotly'],
    [options.wpd, 'wpd'],
    [options.describe && !options.json && !options.jsonl, 'markdown'],
  ];
  return asked.filter(([flag]) => flag === true).map(([, format]) => format);
}

/** Without a format asked for: JSON, unless files are written (then nothing). */
function defaultFormat(options: CliOptions): StdoutFormat {
  const files = options.out !== undefined || options.overlay !== undefined;
  return files || options.report !== undefined ? null : 'json';
}

/** The input standing for standard input: `-`, its outputs named `stdin.*` under --out. */
const STDIN_INPUT = { path: STDIN, relative: 'stdin' };

/** The bytes on standard input; null when they cannot be read (reported through `fail`). */
async function readStdin(
  options: CliOptions,
  fail: (input: string, error: unknown) => void,
): Promise<Buffer | null> {
  try {
    return await readStream(process.stdin, maxBytesFor(options.maxPixels ?? DEFAULT_MAX_PIXELS));
  } catch (error) {
    fail(STDIN, error);
    return null;
  }
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

/** Exits once stdout has taken everything written to it (a pipe may still be draining). */
function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.exit(code));
}

/**
 * V8 recompiles hot WebAssembly with its optimising compiler once a function has run through
 * its tiering budget. Tesseract's LSTM functions are so large that this compile, on the OCR
 * thread's first recognitions, costs more than the faster code then saves: an about 170x
 * larger budget keeps them on the baseline compiler through a chart (first recognition about 3x
 * faster) and still tiers up what a long batch runs most. Set before any engine compiles its
 * module; V8's flags are the process's, so the batch's worker threads share it.
 */
setFlagsFromString('--wasm-tiering-budget=300000000');
/**
 * A process reads a folder or a paper once: most of its JavaScript runs a few times, cold, in
 * V8's interpreter before it is hot enough to optimise. Sparkplug compiles each function's
 * bytecode to baseline machine code on its first call (no optimisation, no change to what it
 * computes; a fast, small compile), which saves the interpreter's dispatch on all that cold
 * code. Set before the pipeline's functions are first called (they compile lazily then).
 */
setFlagsFromString('--always-sparkplug');
/**
 * V8 hands a function to its optimising compiler (TurboFan, on background threads) once it
 * has run through an interrupt budget of bytecode (67,584 in Node 20). The pipeline has many
 * functions that each run a little per chart: optimising all of them cost more CPU than the
 * faster code saved (on 12 development charts, per thread: the compiler's threads 8.5 s of 15 s
 * of CPU, the main thread 4.3 s). A 16x budget optimises only what runs long (the pixel loops
 * still tier up within a chart): 17.1 -> 10.9 s of CPU on those charts; 4x gave 13.7 s, 64x
 * 12.8 s (more time in baseline code), Maglev 13.9 s. Only when code is compiled changes, not
 * what it computes (the outputs are byte-identical). Set before the pipeline first runs.
 */
setFlagsFromString('--interrupt-budget=1081344');

main(process.argv).then(exit, (error: unknown) => {
  process.stderr.write(
    `digitize: ${process.argv.includes('--debug') && error instanceof Error ? error.stack : messageOf(error)}\n`,
  );
  exit(EXIT_FAILED);
});
