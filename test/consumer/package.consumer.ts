import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../helpers/buildCli.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
/** The packed tarball must stay small enough to install quickly: the model is most of it. */
const MAX_PACKED_BYTES = 5 * 1024 * 1024;

let consumer: string;
let packed: { size: number; files: Array<{ path: string }> };

beforeAll(async () => {
  await buildCli();
  consumer = await mkdtemp(join(tmpdir(), 'digitize-consumer-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', consumer], {
    cwd: root,
  });
  [packed] = JSON.parse(stdout);
  const tarball = (await readdir(consumer)).find((name) => name.endsWith('.tgz'))!;
  await copyFile(join(root, 'samples', 'aime24.png'), join(consumer, 'chart.png'));
  const dependencies = { 'chart-digitizer': `file:${tarball}` };
  await writeFile(
    join(consumer, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      dependencies,
      allowScripts: { sharp: true, 'tesseract.js': false },
    }),
  );
  await writeFile(join(consumer, 'package-lock.json'), await consumerLock(tarball, dependencies));
  // Offline: the tarball, and every dependency from the npm cache that `npm ci` filled.
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: consumer,
  });
});

afterAll(async () => {
  if (consumer) await rm(consumer, { recursive: true, force: true });
});

/**
 * The consumer's lockfile: the tarball, and the package's own dependency tree as our lockfile
 * pins it (dev dependencies left out), so `npm ci --offline` takes every package from the cache
 * by its integrity and asks no registry (`npm install --offline` would ask for their metadata).
 */
async function consumerLock(
  tarball: string,
  dependencies: Record<string, string>,
): Promise<string> {
  const own = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8'));
  const bytes = await readFile(join(consumer, tarball));
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies },
    'node_modules/chart-digitizer': {
      version: own.version,
      resolved: `file:${tarball}`,
      integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
      license: own.license,
      dependencies: own.dependencies,
      bin: own.bin,
      engines: own.engines,
    },
  };
  for (const [path, entry] of Object.entries(
    lock.packages as Record<string, Record<string, unknown>>,
  )) {
    if (path === '' || entry.dev === true || entry.link === true) continue;
    const { devOptional: _devOptional, ...kept } = entry;
    packages[path] = kept;
  }
  return JSON.stringify(
    { name: 'consumer', lockfileVersion: 3, requires: true, packages },
    null,
    2,
  );
}

/** Runs a script of the consumer with node and returns what it printed. */
async function node(file: string, source: string): Promise<string> {
  await writeFile(join(consumer, file), source);
  const { stdout } = await run(process.execPath, [file], { cwd: consumer });
  return stdout.trim();
}

describe('the packed package, installed as a consumer installs it', () => {
  it('is under 5 MB, with its licences, the model and no source maps', () => {
    expect(packed.size).toBeLessThan(MAX_PACKED_BYTES);
    const paths = packed.files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'models/LICENSE',
        'models/eng.traineddata.gz',
        'dist/cli.js',
      ]),
    );
    expect(paths.filter((path) => path.endsWith('.map'))).toEqual([]);
    expect(paths.filter((path) => path.startsWith('src/') || path.startsWith('test/'))).toEqual([]);
  });

  it('digitizes from ESM', async () => {
    const out = await node(
      'esm.mjs',
      `import { digitize, toCsv } from 'chart-digitizer';
const result = await digitize('chart.png');
console.log(result.series.map((s) => s.name).join(','));
console.log(toCsv(result).split('\\n')[0]);`,
    );
    expect(out).toBe('GRPO,MEL\nTraining Step,GRPO,MEL');
  });

  it('digitizes from CommonJS', async () => {
    const out = await node(
      'cjs.cjs',
      `const { digitize, DigitizeError } = require('chart-digitizer');
const { version } = require('chart-digitizer/package.json');
digitize('chart.png').then((result) => {
  console.log(result.series.length, typeof DigitizeError, typeof version);
});`,
    );
    expect(out).toBe('2 function string');
  });

  it('runs its command line', async () => {
    const { stdout } = await run(
      join(consumer, 'node_modules', '.bin', 'digitize'),
      ['chart.png', '--csv-long'],
      { cwd: consumer },
    );
    expect(stdout.split('\n')[0]).toBe('series,x,y');
  });

  it('type-checks a TypeScript consumer, ESM and CommonJS', async () => {
    await writeFile(
      join(consumer, 'consumer.mts'),
      `import { chartsOf, createDigitizer, type DigitizeResult, toPlotly, toWpd } from 'chart-digitizer';
const digitizer = createDigitizer({ jobs: 1 });
const result: DigitizeResult = await digitizer.digitize('chart.png');
const names: Array<string | null> = chartsOf(result).flatMap((chart) => chart.series.map((s) => s.name));
const traces: number = toPlotly(result).data.length + toWpd(result).datasetColl.length;
await digitizer.close();
export { names, traces };
`,
    );
    await writeFile(
      join(consumer, 'consumer.cts'),
      `import { describe, type ChartResult } from 'chart-digitizer';
export function words(chart: ChartResult): string {
  return describe(chart);
}
`,
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [
      ...['--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022'],
      ...['--typeRoots', join(root, 'node_modules', '@types'), '--types', 'node'],
      'consumer.mts',
      'consumer.cts',
    ];
    const checked = await run(process.execPath, [tsc, ...args], { cwd: consumer }).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(checked).toBe('');
  });
});
