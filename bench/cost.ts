/**
 * Cost curves: how time and memory grow with the work. Charts are drawn here from known data
 * (`test/helpers/renderChart.ts`) and digitized with the built package (`npm run build` first):
 * - image size: one chart drawn at 0.25, 1, 4 and 16 megapixels (fonts and lines scaled with
 *   it, as a high-DPI export is);
 * - points per series: two series of 10, 100, 1,000 and 10,000 points in a 640 x 480 chart.
 * For each: the median wall time of `runs` digitizations by one warmed digitizer (jobs 1), and
 * the peak RSS of a whole `node dist/cli.js FILE --json` process (GNU time when present).
 * Ratios are against the row before: with a quadratic stage, 4x the pixels would cost 16x.
 *
 *   npm run bench:cost -- [--runs N]     (npm run bench runs it last)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChartSpec, renderChart } from '../test/helpers/renderChart.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(root, 'dist', 'cli.js');
const TIME = '/usr/bin/time';
const MEGAPIXELS = [0.25, 1, 4, 16];
const POINTS = [10, 100, 1_000, 10_000];

/** A seeded random walk of `count` points over x in [0, 100]. */
function walk(count: number, seed: number, start: number): { x: number[]; y: number[] } {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const x: number[] = [];
  const y: number[] = [];
  let value = start;
  for (let i = 0; i < count; i++) {
    x.push((100 * i) / Math.max(1, count - 1));
    value = Math.min(0.95, Math.max(0.05, value + (random() - 0.5) * (8 / Math.sqrt(count))));
    y.push(value);
  }
  return { x, y };
}

function spec(width: number, height: number, points: number): ChartSpec {
  const scale = width / 640;
  return {
    width,
    height,
    title: 'Validation score',
    xLabel: 'Training step',
    yLabel: 'Score',
    xRange: [0, 100],
    yRange: [0, 1],
    xTicks: [0, 20, 40, 60, 80, 100],
    yTicks: [0, 0.2, 0.4, 0.6, 0.8, 1],
    fontSize: 13 * scale,
    legend: 'lower right',
    series: [
      { name: 'GRPO', color: '#1f77b4', lineWidth: 2 * scale, ...walk(points, 1, 0.3) },
      { name: 'MEL', color: '#d62728', lineWidth: 2 * scale, ...walk(points, 2, 0.6) },
    ],
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Peak RSS (MiB) of one whole CLI process on `file`; NaN without GNU time. */
function peakRss(file: string): Promise<number> {
  if (!existsSync(TIME)) return Promise.resolve(Number.NaN);
  return new Promise((done, fail) => {
    const child = spawn(TIME, ['-f', '%M', process.execPath, CLI, file, '--json'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', () => {
      const kib = Number(stderr.trim().split('\n').at(-1));
      done(kib / 1024);
    });
  });
}

interface Row {
  label: string;
  file: string;
}

async function measure(rows: Row[], runs: number, title: string): Promise<void> {
  const { createDigitizer } = await import(join(root, 'dist', 'index.js'));
  const digitizer = createDigitizer();
  const lines = [`| ${title} | median | x previous | peak RSS (process) | series found |`];
  lines.push('|---|---:|---:|---:|---:|');
  try {
    let previous = Number.NaN;
    for (const { label, file } of rows) {
      await digitizer.digitize(file).catch(() => null);
      const walls: number[] = [];
      let found = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const result = await digitizer.digitize(file).catch(() => null);
        walls.push(performance.now() - t0);
        found = result?.series?.length ?? 0;
      }
      const wall = median(walls);
      const rss = await peakRss(file);
      const ratio = Number.isFinite(previous) ? `${(wall / previous).toFixed(2)}x` : '-';
      lines.push(
        `| ${label} | ${wall.toFixed(0)} ms | ${ratio} | ${rss.toFixed(0)} MiB | ${found} |`,
      );
      previous = wall;
    }
  } finally {
    await digitizer.close();
  }
  console.log(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--runs');
  const runs = at >= 0 ? Number(process.argv[at + 1]) : 3;
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error('--runs takes a positive integer');
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const scratch = await mkdtemp(join(tmpdir(), 'digitize-cost-'));
  try {
    const draw = async (name: string, chart: ChartSpec): Promise<string> => {
      const file = join(scratch, `${name}.png`);
      await writeFile(file, (await renderChart(chart)).png);
      return file;
    };
    const sizes: Row[] = [];
    for (const megapixels of MEGAPIXELS) {
      const width = Math.round(Math.sqrt((megapixels * 1e6 * 4) / 3));
      const height = Math.round((width * 3) / 4);
      sizes.push({
        label: `${megapixels} MP (${width} x ${height})`,
        file: await draw(`mp${megapixels}`, spec(width, height, 200)),
      });
    }
    await measure(sizes, runs, 'image size (2 series, 200 points)');
    const points: Row[] = [];
    for (const count of POINTS) {
      points.push({
        label: `${count.toLocaleString('en-US')} points per series`,
        file: await draw(`points${count}`, spec(640, 480, count)),
      });
    }
    await measure(points, runs, 'points (640 x 480, 2 series)');
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
