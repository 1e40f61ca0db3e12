import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DigitizeError } from '../../src/errors.js';
import { createPool, type PoolTask, workerExecArgv } from '../../src/pool/createPool.js';
import { oneChart } from '../helpers/oneChart.js';

const root = join(import.meta.dirname, '..', '..');
/** Starting a worker thread from the TypeScript sources (through tsx) takes a second or two. */
const TIMEOUT_MS = 30_000;

const task = (input: string | Uint8Array, more: Partial<PoolTask> = {}): PoolTask => ({
  input,
  source: typeof input === 'string' ? input : null,
  maxPixels: 40_000_000,
  timeoutMs: TIMEOUT_MS,
  ...more,
});

const pool = createPool({ size: 2 });

afterAll(async () => {
  await pool.close();
});

describe('createPool', { timeout: TIMEOUT_MS }, () => {
  it('refuses a size that is not a positive integer', () => {
    expect(() => createPool({ size: 0 })).toThrow(
      'Expected positive integer for size but received 0 of type number',
    );
  });

  it('digitizes a chart in a worker: result, source and stage timings', async () => {
    const path = join(root, 'samples', 'aime24.png');
    const timings: number[] = [];
    const result = oneChart(
      await pool.run(task(path, { onTimings: (t) => timings.push(t.total) })),
    );
    expect(result.source).toBe(path);
    expect(result.series.map((s) => s.name).sort()).toEqual(['GRPO', 'MEL']);
    expect(timings).toHaveLength(1);
  });

  it('sends errors back as DigitizeError with code, stage, input and message', async () => {
    const missing = join(root, 'no-such-chart.png');
    const [notFound, notImage] = await Promise.all([
      pool.run(task(missing)).catch((error: unknown) => error),
      pool.run(task(Buffer.from('not an image'))).catch((error: unknown) => error),
    ]);
    expect(notFound).toBeInstanceOf(DigitizeError);
    expect(notFound).toMatchObject({
      code: 'INPUT_NOT_FOUND',
      stage: 'input',
      input: missing,
      message: 'no such file',
    });
    expect(notImage).toBeInstanceOf(DigitizeError);
    expect(notImage).toMatchObject({ code: 'UNSUPPORTED_IMAGE', stage: 'load', input: null });
  });

  it('stops a chart over its time limit and goes on with a fresh worker', async () => {
    const bytes = await readFile(join(root, 'samples', 'aime24.png'));
    await expect(pool.run(task(bytes, { timeoutMs: 1 }))).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'took longer than 1 ms',
    });
    await expect(pool.run(task('missing.png'))).rejects.toMatchObject({
      code: 'INPUT_NOT_FOUND',
    });
  });

  it('rejects with ABORTED when the signal is aborted, before or during the work', async () => {
    await expect(pool.run(task('a.png', { signal: AbortSignal.abort() }))).rejects.toMatchObject({
      code: 'ABORTED',
      input: 'a.png',
    });
    const controller = new AbortController();
    const running = pool.run(
      task(join(root, 'samples', 'aime24.png'), { signal: controller.signal }),
    );
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'ABORTED', message: 'cancelled' });
  });

  it('rejects what is pending on close, and everything after', async () => {
    const own = createPool({ size: 1 });
    const path = join(root, 'samples', 'aime24.png');
    const settled = Promise.allSettled([own.run(task(path)), own.run(task(path))]);
    await own.close();
    for (const outcome of await settled) {
      expect(outcome).toMatchObject({
        status: 'rejected',
        reason: { code: 'ABORTED', message: 'the digitizer was closed' },
      });
    }
    await expect(own.run(task(path))).rejects.toMatchObject({
      code: 'ABORTED',
      message: 'the digitizer is closed',
    });
  });
});

describe('workerExecArgv', () => {
  it('passes the Node flags on, less --input-type (main entry only; a worker file fails on it)', () => {
    expect(workerExecArgv(['--input-type=module', '-e', 'code', '--enable-source-maps'])).toEqual([
      '-e',
      'code',
      '--enable-source-maps',
    ]);
    expect(workerExecArgv(['--input-type', 'module', '--import', 'tsx'])).toEqual([
      '--import',
      'tsx',
    ]);
  });
});
