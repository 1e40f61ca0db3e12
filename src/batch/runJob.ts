import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe } from '../describe/describe.js';
import type { DigitizeOptions, Digitizer } from '../digitize.js';
import { renderInputOverlay } from '../export/renderInputOverlay.js';
import { toCsv } from '../export/toCsv.js';
import { toJson } from '../export/toJson.js';
import { chartsOf } from '../figure/figureResult.js';
import type { DigitizeResult } from '../types.js';
import type { InputFile } from './findInputs.js';
import { isUpToDate, outputPathFor, writeFileAtomic } from './outputPaths.js';
import { errorLine, failedRecord, type LogRecord, messageOf } from './runLog.js';
import { withNewline } from './stdout.js';

/** The command line's options that decide what an input's job writes and redoes. */
export interface JobOptions {
  /** Write `<out>/<relative path>.json` (and the log there). */
  out?: string;
  /** With `out`, also write `.csv` files. */
  csv?: boolean;
  /** With `out`, also write the description as `.md` files. */
  describe?: boolean;
  /** The overlay PNG of a single input. */
  overlay?: string;
  /** With `out`, an overlay PNG beside each JSON. */
  overlays?: boolean;
  /** Redo inputs whose outputs are up to date. */
  force?: boolean;
  /** Print stack traces with errors. */
  debug?: boolean;
}

/** One input of the run and the files it produces. */
export interface Job {
  input: InputFile;
  /** Files to write under --out and --overlay, by kind; empty without them. */
  outputs: { json?: string; csv?: string; markdown?: string; overlay?: string };
  /** Set when another input of the run already writes this input's outputs. */
  conflict?: string;
}

/** Attaches output paths to each input and marks the later of two inputs with the same outputs. */
export function planJobs(found: InputFile[], options: JobOptions): Job[] {
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

export interface JobContext {
  options: JobOptions;
  perImage: DigitizeOptions;
  getDigitizer: () => Digitizer;
  emit: (result: DigitizeResult) => Promise<void>;
  report: (line: string) => void;
}

/** Digitizes one input and writes its outputs; never throws, the outcome is the record. */
export async function runJob(job: Job, context: JobContext): Promise<LogRecord> {
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
        series: seriesCount(previous),
      };
    }
    const result = await getDigitizer().digitize(path, perImage);
    const { json, csv, markdown, overlay } = job.outputs;
    if (json !== undefined) await writeFileAtomic(json, `${toJson(result)}\n`);
    if (csv !== undefined) await writeFileAtomic(csv, withNewline(toCsv(result)));
    if (markdown !== undefined) await writeFileAtomic(markdown, describe(result));
    if (overlay !== undefined) {
      await writeFileAtomic(overlay, await renderInputOverlay(path, result, perImage));
    }
    await emit(result);
    return {
      path,
      status: 'ok',
      code: null,
      message: null,
      seconds: seconds(),
      series: seriesCount(result),
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
async function readUpToDate(job: Job): Promise<DigitizeResult | null> {
  const paths = Object.values(job.outputs);
  const { json } = job.outputs;
  if (json === undefined) return null;
  const fresh = await Promise.all(paths.map((output) => isUpToDate(output, job.input.path)));
  if (!fresh.every(Boolean)) return null;
  try {
    const result = JSON.parse(await readFile(json, 'utf8')) as DigitizeResult | null;
    return result !== null && chartsOf(result).every((chart) => Array.isArray(chart?.series))
      ? result
      : null;
  } catch {
    return null;
  }
}

/** The series of every chart of a result. */
function seriesCount(result: DigitizeResult): number {
  return chartsOf(result).reduce((sum, chart) => sum + chart.series.length, 0);
}

/** Options for the digitizer, less the signal (a digitizer's defaults hold no signal). */
export function withoutSignal({ signal: _signal, ...rest }: DigitizeOptions): DigitizeOptions {
  return rest;
}
