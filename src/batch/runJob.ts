import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DigitizeOptions, Digitizer } from '../digitize.js';
import { withTimeValues } from '../export/isoTime.js';
import { chartsOf } from '../figure/figureResult.js';
import type { DigitizeResult } from '../types.js';
import type { InputFile } from './findInputs.js';
import type { Outcome } from './outcome.js';
import { isUpToDate, outputPathFor } from './outputPaths.js';
import { errorLine, failedRecord, type LogRecord, messageOf } from './runLog.js';
import { type OutputFiles, type TableOptions, writeOutputs } from './writeOutputs.js';

/** The command line's options that decide what an input's job writes and redoes. */
export interface JobOptions extends TableOptions {
  /** Write `<out>/<relative path>.json` (and the log there). */
  out?: string;
  /** With `out`, also write `.csv` files. */
  csv?: boolean;
  /** With `out`, also write the long tables as `.long.csv` files. */
  csvLong?: boolean;
  /** With `out`, also write Plotly figures as `.plotly.json` files. */
  plotly?: boolean;
  /** With `out`, also write WebPlotDigitizer projects as `.wpd.tar` files. */
  wpd?: boolean;
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
  /** The image itself, for an input read from stdin (`-`). */
  bytes?: Uint8Array;
  /** Files to write under --out and --overlay, by kind; empty without them. */
  outputs: OutputFiles;
  /** Set when another input of the run already writes this input's outputs. */
  conflict?: string;
}

/** Attaches output paths to each input and marks the later of two inputs with the same outputs. */
export function planJobs(found: InputFile[], options: JobOptions): Job[] {
  const owners = new Map<string, string>();
  return found.map((input): Job => {
    const job: Job = { input, outputs: {} };
    if (options.overlay !== undefined) job.outputs.overlay = options.overlay;
    const { out } = options;
    if (out === undefined) return job;
    let json: string;
    try {
      const outputPath = (ext: string): string => outputPathFor(out, input.relative, ext);
      json = outputPath('json');
      job.outputs.json = json;
      if (options.csv) job.outputs.csv = outputPath('csv');
      if (options.csvLong) job.outputs.longCsv = outputPath('long.csv');
      if (options.plotly) job.outputs.plotly = outputPath('plotly.json');
      if (options.wpd) job.outputs.wpd = outputPath('wpd.tar');
      if (options.describe) job.outputs.markdown = outputPath('md');
      if (options.overlays) job.outputs.overlay = outputPath('overlay.png');
    } catch (error) {
      job.conflict = messageOf(error);
      return job;
    }
    const key = resolve(json);
    const owner = owners.get(key);
    // Decided over all inputs before sharding, so every shard agrees on which input wins.
    if (owner !== undefined) job.conflict = `${json} is already the output of ${owner}`;
    else owners.set(key, input.path);
    return job;
  });
}

export interface JobContext {
  options: JobOptions;
  perImage: DigitizeOptions;
  getDigitizer: () => Digitizer;
  /** Called with each input's result or error, before its record is returned. */
  emit: (outcome: Outcome) => Promise<void>;
  report: (line: string) => void;
}

/** Digitizes one input and writes its outputs; never throws, the outcome is the record. */
export async function runJob(job: Job, context: JobContext): Promise<LogRecord> {
  const { options, perImage, getDigitizer, emit, report } = context;
  const { path } = job.input;
  const input = job.bytes ?? path;
  const started = performance.now();
  const seconds = (): number => Math.round(performance.now() - started) / 1000;
  try {
    if (job.conflict !== undefined) {
      throw Object.assign(new Error(job.conflict), { code: 'OUTPUT_CONFLICT' });
    }
    const previous = options.force ? null : await readUpToDate(job);
    if (previous !== null) {
      await emit({ source: path, input, result: previous });
      return {
        path,
        status: 'skipped',
        code: null,
        message: 'outputs are up to date',
        seconds: seconds(),
        series: seriesCount(previous),
      };
    }
    const result = await getDigitizer().digitize(input, perImage);
    // Bytes (stdin) give no source: the result names the input as given, and so do its charts
    // (a PDF's, a figure's), which carry their source.
    if (job.bytes !== undefined) {
      result.source = path;
      for (const chart of chartsOf(result)) chart.source = path;
    }
    const { delimiter, bom } = options;
    await writeOutputs(job.outputs, result, input, {
      ...withoutSignal(perImage),
      delimiter,
      bom,
    });
    await emit({ source: path, input, result });
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
    await emit({ source: path, input, error });
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
  // Stdin has no date to compare with: it is always done.
  if (json === undefined || job.bytes !== undefined) return null;
  const fresh = await Promise.all(paths.map((output) => isUpToDate(output, job.input.path)));
  if (!fresh.every(Boolean)) return null;
  try {
    const result = JSON.parse(await readFile(json, 'utf8')) as DigitizeResult | null;
    return result !== null && chartsOf(result).every((chart) => Array.isArray(chart?.series))
      ? withTimeValues(result)
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
