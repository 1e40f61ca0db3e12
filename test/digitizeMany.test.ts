import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigitizer, type DigitizeOutcome } from '../src/digitize.js';
import { DigitizeError } from '../src/errors.js';
import { renderChart } from './helpers/renderChart.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
/** Worker threads started from the TypeScript sources (through tsx) take a second or two. */
const TIMEOUT_MS = 60_000;

let scratch: string;
let chart: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'digitize-many-'));
  // A small chart: about 0.1 s each once the OCR engine runs, so 40 of them stay cheap.
  const { png } = await renderChart({
    width: 400,
    height: 300,
    xRange: [0, 10],
    yRange: [0, 1],
    xTicks: [0, 5, 10],
    yTicks: [0, 0.5, 1],
    series: [{ name: null, color: '#1f77b4', x: [0, 5, 10], y: [0.2, 0.8, 0.4] }],
  });
  chart = join(scratch, 'chart.png');
  await writeFile(chart, png);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function collect(iterable: AsyncIterable<DigitizeOutcome>): Promise<DigitizeOutcome[]> {
  const outcomes: DigitizeOutcome[] = [];
  for await (const outcome of iterable) outcomes.push(outcome);
  return outcomes;
}

describe('digitizeMany', () => {
  it('yields 40 results over 40 charts with jobs 2, and close() lets the process exit by itself', {
    timeout: TIMEOUT_MS,
  }, async () => {
    // In a process of its own: it must end with no thread or handle left, without process.exit.
    const script = join(scratch, 'many.mts');
    await writeFile(
      script,
      `import { readFileSync } from 'node:fs';
import { createDigitizer } from ${JSON.stringify(pathToFileURL(join(root, 'src', 'index.ts')).href)};
const path = ${JSON.stringify(chart)};
const bytes = readFileSync(path);
// Paths, Buffers and Uint8Arrays, as an async iterable read lazily.
async function* inputs() {
  for (let i = 0; i < 40; i++) yield i % 3 === 0 ? path : i % 3 === 1 ? bytes : new Uint8Array(bytes);
}
const digitizer = createDigitizer({ jobs: 2 });
const seen = [];
for await (const outcome of digitizer.digitizeMany(inputs())) {
  seen.push({ kind: typeof outcome.input === 'string' ? 'path' : 'bytes', error: outcome.error?.code ?? null,
    series: outcome.result?.series.length ?? null, source: outcome.result?.source ?? null });
}
await digitizer.close();
console.log(JSON.stringify(seen));
`,
    );
    const { stdout } = await run('npx', ['tsx', script], { cwd: root, timeout: TIMEOUT_MS });
    const seen = JSON.parse(stdout) as {
      kind: string;
      error: string | null;
      series: number;
      source: string | null;
    }[];
    expect(seen).toHaveLength(40);
    expect(seen.filter((outcome) => outcome.error !== null)).toEqual([]);
    expect(seen.every((outcome) => outcome.series === 1)).toBe(true);
    expect(seen.filter((outcome) => outcome.kind === 'path')).toHaveLength(14);
    for (const outcome of seen) expect(outcome.source).toBe(outcome.kind === 'path' ? chart : null);
  });

  it('yields an error for each bad input, with the input, and goes on', {
    timeout: TIMEOUT_MS,
  }, async () => {
    for (const jobs of [1, 2]) {
      const digitizer = createDigitizer({ jobs });
      try {
        const missing = join(scratch, 'missing.png');
        const garbage = Buffer.from('not an image');
        const notInput = 42 as unknown as string;
        const outcomes = await collect(digitizer.digitizeMany([missing, garbage, notInput]));
        expect(outcomes).toHaveLength(3);
        const byInput = new Map(outcomes.map((outcome) => [outcome.input, outcome.error]));
        expect(byInput.get(missing)).toMatchObject({ code: 'INPUT_NOT_FOUND', input: missing });
        expect(byInput.get(missing)).toBeInstanceOf(DigitizeError);
        expect(byInput.get(garbage)).toMatchObject({ code: 'UNSUPPORTED_IMAGE', input: null });
        expect(byInput.get(notInput)).toBeInstanceOf(TypeError);
        expect(byInput.get(notInput)?.message).toBe(
          'Expected string, Buffer or Uint8Array for input but received 42 of type number',
        );
      } finally {
        await digitizer.close();
      }
    }
  });

  it('keeps two charts in flight with jobs 1, with the results of one at a time', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const one = createDigitizer();
    try {
      const alone = await one.digitize(chart);
      // How many inputs were taken when the first outcome came: two, so the OCR engine's
      // thread reads one chart while this thread runs the other's stages.
      let taken = 0;
      let takenAtFirst = 0;
      const inputs = function* () {
        for (let i = 0; i < 4; i++) {
          taken += 1;
          yield chart;
        }
      };
      const outcomes: DigitizeOutcome[] = [];
      for await (const outcome of one.digitizeMany(inputs())) {
        if (outcomes.length === 0) takenAtFirst = taken;
        outcomes.push(outcome);
      }
      expect(takenAtFirst).toBe(2);
      expect(outcomes).toHaveLength(4);
      for (const outcome of outcomes) expect(outcome.result).toEqual(alone);
    } finally {
      await one.close();
    }
  });

  it('throws ABORTED when the signal is aborted', { timeout: TIMEOUT_MS }, async () => {
    const digitizer = createDigitizer({ jobs: 2 });
    try {
      const controller = new AbortController();
      const iterable = digitizer.digitizeMany([chart, chart, chart, chart], {
        signal: controller.signal,
      });
      const seen: DigitizeOutcome[] = [];
      const iteration = (async () => {
        for await (const outcome of iterable) {
          seen.push(outcome);
          controller.abort();
        }
      })();
      await expect(iteration).rejects.toMatchObject({ code: 'ABORTED' });
      expect(seen).toHaveLength(1);
    } finally {
      await digitizer.close();
    }
  });

  it('starts again after close() on the next chart', { timeout: TIMEOUT_MS }, async () => {
    const digitizer = createDigitizer({ jobs: 2 });
    const garbage = Buffer.from('not an image');
    await expect(digitizer.digitize(garbage)).rejects.toMatchObject({ code: 'UNSUPPORTED_IMAGE' });
    await digitizer.close();
    await expect(digitizer.digitize(garbage)).rejects.toMatchObject({ code: 'UNSUPPORTED_IMAGE' });
    await digitizer.close();
  });

  it('throws TypeError for inputs that are not iterable, and RangeError for bad jobs', () => {
    const digitizer = createDigitizer();
    expect(() => digitizer.digitizeMany('chart.png' as unknown as string[])).toThrow(
      'Expected an iterable of inputs for inputs but received chart.png of type string',
    );
    expect(() => createDigitizer({ jobs: 1.5 })).toThrow(
      'Expected positive integer for jobs but received 1.5 of type number',
    );
  });
});
