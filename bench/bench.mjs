#!/usr/bin/env node
/**
 * Speed benchmark of the built digitizer (run `npm run build` first; `npm run bench` runs this).
 *
 *   node bench/bench.mjs [DIR]
 *
 * DIR: a folder of chart images; default ../shared/charts when it exists, else samples/.
 * Prints, as tables:
 * - per chart (one digitizer, charts one after another): median time per stage when the result
 *   carries `timings` ({ stage: ms }), else the total per chart; charts/s;
 * - cold start: wall time of `node dist/cli.js samples/aime24.png --json` (3 runs, median) and
 *   its peak RSS (`/usr/bin/time -v` when present, else the child's own maxRSS).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.tif', '.tiff']);
/** Cold runs of the CLI: the median of three smooths out one slow start. */
const COLD_RUNS = 3;
const COLD_INPUT = join(root, 'samples', 'aime24.png');
const CLI = join(root, 'dist', 'cli.js');
const TIME = '/usr/bin/time';

function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function percentile(values, share) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  const line = (row) =>
    `| ${row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : '-');

async function chartsIn(dir) {
  const names = await readdir(dir);
  return names
    .filter(
      (name) => IMAGE_EXTENSIONS.has(extname(name).toLowerCase()) && !name.includes('.overlay.'),
    )
    .sort()
    .map((name) => join(dir, name));
}

async function loadLibrary() {
  for (const entry of ['index.js', 'digitize.js']) {
    const path = join(root, 'dist', entry);
    if (existsSync(path)) {
      const module = await import(path);
      if (typeof module.createDigitizer === 'function') return module;
    }
  }
  throw new Error('dist/ has no createDigitizer: run `npm run build` first');
}

/** Digitizes every chart in turn with one digitizer; returns per-chart times and stage timings. */
async function warmRun(charts) {
  const { createDigitizer } = await loadLibrary();
  const digitizer = createDigitizer();
  const started = performance.now();
  // The first call starts the OCR engine: time it apart from the steady state.
  let first = 0;
  const totals = [];
  const stages = new Map();
  const failures = new Map();
  try {
    for (const [i, chart] of charts.entries()) {
      const t0 = performance.now();
      try {
        const result = await digitizer.digitize(chart);
        for (const [stage, time] of Object.entries(result.timings ?? {})) {
          if (!stages.has(stage)) stages.set(stage, []);
          stages.get(stage).push(time);
        }
      } catch (error) {
        const code = error?.code ?? 'ERROR';
        failures.set(code, (failures.get(code) ?? 0) + 1);
      }
      const elapsed = performance.now() - t0;
      if (i === 0) first = elapsed;
      else totals.push(elapsed);
    }
  } finally {
    await digitizer.close();
  }
  return { first, totals, stages, failures, wall: performance.now() - started };
}

/** Runs the CLI once in a fresh process; returns wall time (ms) and peak RSS (MiB) if known. */
async function coldRun(scratch, i) {
  const useTime = existsSync(TIME);
  const rssFile = join(scratch, `rss-${i}.txt`);
  // Without GNU time, the child writes its own peak RSS when it exits.
  const preload = `data:text/javascript,${encodeURIComponent(
    `import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`,
  )}`;
  const command = useTime ? TIME : process.execPath;
  const args = useTime
    ? ['-v', process.execPath, CLI, COLD_INPUT, '--json']
    : ['--import', preload, CLI, COLD_INPUT, '--json'];
  const t0 = performance.now();
  const { code, stderr } = await new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (exitCode) => resolvePromise({ code: exitCode, stderr: err }));
  });
  const wall = performance.now() - t0;
  if (code !== 0) throw new Error(`digitize exited with ${code}:\n${stderr}`);
  let rssKiB = Number.NaN;
  if (useTime) {
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    if (match) rssKiB = Number(match[1]);
  } else if (existsSync(rssFile)) {
    rssKiB = Number(await readFile(rssFile, 'utf8'));
  }
  return { wall, rssMiB: rssKiB / 1024 };
}

async function main() {
  const shared = resolve(root, '..', 'shared', 'charts');
  const dir = resolve(process.argv[2] ?? (existsSync(shared) ? shared : join(root, 'samples')));
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const charts = await chartsIn(dir);
  if (charts.length === 0) throw new Error(`no chart images in ${dir}`);

  console.log(
    `charts: ${relative(process.cwd(), dir) || '.'} (${charts.length} images), node ${process.version}\n`,
  );
  const warm = await warmRun(charts);
  const rows = [['stage', 'median', 'p90', 'max']];
  for (const [stage, times] of warm.stages) {
    rows.push([stage, ms(median(times)), ms(percentile(times, 0.9)), ms(Math.max(...times))]);
  }
  if (warm.totals.length > 0) {
    rows.push([
      'total per chart',
      ms(median(warm.totals)),
      ms(percentile(warm.totals, 0.9)),
      ms(Math.max(...warm.totals)),
    ]);
  }
  console.log(table(rows));
  const steady = warm.totals.reduce((sum, t) => sum + t, 0);
  const perSecond = warm.totals.length > 0 ? (warm.totals.length / steady) * 1000 : Number.NaN;
  const failed = [...warm.failures].map(([code, n]) => `${code} x${n}`).join(', ') || 'none';
  console.log(
    `\nfirst chart (OCR engine start included): ${ms(warm.first)}\n` +
      `charts/s (jobs 1, after the first): ${perSecond.toFixed(2)}\n` +
      `all ${charts.length} charts: ${(warm.wall / 1000).toFixed(1)} s; failures: ${failed}\n`,
  );

  const scratch = await mkdtemp(join(tmpdir(), 'digitize-bench-'));
  try {
    const runs = [];
    for (let i = 0; i < COLD_RUNS; i++) runs.push(await coldRun(scratch, i));
    console.log(
      table([
        ['cold CLI: node dist/cli.js samples/aime24.png --json', 'median', 'runs'],
        [
          'wall time',
          ms(median(runs.map((r) => r.wall))),
          runs.map((r) => r.wall.toFixed(0)).join(', '),
        ],
        [
          `peak RSS (${existsSync(TIME) ? '/usr/bin/time -v' : 'child maxRSS'})`,
          `${median(runs.map((r) => r.rssMiB)).toFixed(0)} MiB`,
          runs.map((r) => r.rssMiB.toFixed(0)).join(', '),
        ],
      ]),
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
