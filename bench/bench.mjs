#!/usr/bin/env node
/**
 * Speed benchmark of the built digitizer (run `npm run build` first; `npm run bench` runs this).
 *
 *   node bench/bench.mjs [DIR] [--runs N] [--jobs 1,2] [--cli]
 *
 * DIR: a folder of chart images; default ../shared/charts when it exists, else samples/ (and
 * the whole-process table skips the batch rows, saying so). --cli prints the whole-process
 * table only. Prints, as tables:
 * - stages: median, p90 and max milliseconds per stage over DIR (one digitizer, jobs 1, charts
 *   one after another, from `onTimings`), and `output` (the JSON text of the result);
 * - throughput in steady state: for each jobs value, a digitizer whose workers (and OCR engines)
 *   are already started and warmed by one unmeasured pass digitizes every chart of DIR with
 *   `digitizeMany`, N times (default 3);
 *   the median charts/s, and the resident memory after each pass (flat means no leak);
 * - figure: a 2 x 3 figure tiled from samples/aime24.png against that chart alone, one warmed
 *   digitizer, median of N runs each: the time per figure and per panel, and the panels read;
 * - whole process: `node dist/cli.js DIR --jsonl --quiet --jobs N` for each jobs value, and the
 *   cold `node dist/cli.js samples/aime24.png --json`, and a 20-page paper of 6 figures
 *   (`bench/papers/fixtures`, issue 14's target: under 5 s, 500 MB); the medians over N runs
 *   of the wall time, the CPU time of the child (user + system, every thread) and its peak
 *   RSS (GNU
 *   `/usr/bin/time` when present, else the child's own `process.resourceUsage()`), with the
 *   load average before each row (another process on the machine blurs wall times, not CPU);
 * - cost curves (`bench/cost.ts`, run by tsx): time and memory against image size and points
 *   per series.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.tif', '.tiff']);
const COLD_INPUT = join(root, 'samples', 'aime24.png');
/** A 20-page paper of text with 6 figures (7 vector charts), drawn by bench/papers/make.mjs. */
const PAPER = join(root, 'bench', 'papers', 'fixtures', 'paper-20p-6f.pdf');
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
  const path = join(root, 'dist', 'index.js');
  if (!existsSync(path)) throw new Error('dist/index.js is missing: run `npm run build` first');
  return import(path);
}

/** The stages as `onTimings` names them, with the names used in the report. */
const STAGES = [
  ['decode', 'decode'],
  ['plot', 'plot area'],
  ['ocr', 'OCR'],
  ['calibrate', 'calibration'],
  ['legend', 'legend'],
  ['separate', 'clustering (separate)'],
  ['trace', 'tracing'],
  ['output', 'output (JSON)'],
  ['total', 'total'],
];

/** Digitizes every chart in turn with one digitizer (jobs 1); returns the stage timings. */
async function stageRun(library, charts) {
  const digitizer = library.createDigitizer();
  const stages = new Map(STAGES.map(([key]) => [key, []]));
  const failures = new Map();
  let first = 0;
  try {
    for (const [i, chart] of charts.entries()) {
      const t0 = performance.now();
      let timings = null;
      try {
        const result = await digitizer.digitize(chart, {
          onTimings: (measured) => {
            timings = measured;
          },
        });
        const t1 = performance.now();
        library.toJson(result);
        const output = performance.now() - t1;
        // The first chart starts the OCR engine: it is reported apart.
        if (i > 0 && timings) {
          for (const [key] of STAGES) {
            stages
              .get(key)
              .push(key === 'output' ? output : timings[key] + (key === 'total' ? output : 0));
          }
        }
      } catch (error) {
        const code = error?.code ?? 'ERROR';
        failures.set(code, (failures.get(code) ?? 0) + 1);
      }
      if (i === 0) first = performance.now() - t0;
    }
  } finally {
    await digitizer.close();
  }
  return { stages, failures, first };
}

/** Figure rows and columns tiled from one chart, and the white gutter between them (px). */
const FIGURE_GRID = [2, 3];
const FIGURE_GUTTER = 20;

/**
 * Time of a figure of panels against one of its panels alone: `samples/aime24.png` tiled
 * FIGURE_GRID, each digitized `runs` times by one digitizer warmed on the chart first.
 */
async function figureRun(library, runs) {
  const { default: sharp } = await import('sharp');
  const chart = await readFile(COLD_INPUT);
  const { width, height } = await sharp(chart).metadata();
  const [rows, cols] = FIGURE_GRID;
  const figure = await sharp({
    create: {
      width: cols * width + (cols - 1) * FIGURE_GUTTER,
      height: rows * height + (rows - 1) * FIGURE_GUTTER,
      channels: 3,
      background: '#ffffff',
    },
  })
    .composite(
      Array.from({ length: rows * cols }, (_, k) => ({
        input: chart,
        left: (k % cols) * (width + FIGURE_GUTTER),
        top: Math.floor(k / cols) * (height + FIGURE_GUTTER),
      })),
    )
    .png()
    .toBuffer();
  const digitizer = library.createDigitizer();
  try {
    await digitizer.digitize(chart);
    const time = async (input) => {
      const walls = [];
      let result = null;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        result = await digitizer.digitize(input);
        walls.push(performance.now() - t0);
      }
      return { wall: median(walls), result };
    };
    const one = await time(chart);
    const many = await time(figure);
    return { one: one.wall, many: many.wall, panels: many.result.charts?.length ?? 1 };
  } finally {
    await digitizer.close();
  }
}

/**
 * Charts/s in steady state with `jobs`: the workers are started and warmed on one pass over
 * the charts, then every chart is digitized `runs` times over; the RSS is read after each pass.
 */
async function throughputRun(library, charts, jobs, runs) {
  const digitizer = library.createDigitizer({ jobs });
  const rates = [];
  const rss = [];
  const cpu = [];
  try {
    const drain = async (inputs) => {
      let failed = 0;
      for await (const outcome of digitizer.digitizeMany(inputs)) if (outcome.error) failed += 1;
      return failed;
    };
    // One whole pass first: every worker has started its OCR engine and compiled its hot code.
    await drain(charts);
    for (let run = 0; run < runs; run++) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      await drain(charts);
      rates.push((charts.length / (performance.now() - t0)) * 1000);
      // Every thread of the process: a share of the machine that other processes cannot blur.
      const { user, system } = process.cpuUsage(cpu0);
      cpu.push((user + system) / 1000 / charts.length);
      rss.push(process.memoryUsage().rss / 2 ** 20);
    }
  } finally {
    await digitizer.close();
  }
  return { rates, rss, cpu };
}

/**
 * Runs the CLI with `args` (its output discarded); returns the wall time (ms), the CPU time of
 * the child, user + system over all its threads (ms), and its peak RSS (MiB).
 */
async function timed(args, scratch, label) {
  const useTime = existsSync(TIME);
  const usageFile = join(scratch, `usage-${label}.txt`);
  // Without GNU time, the child writes its own usage when it exits (all threads: getrusage).
  const preload = `data:text/javascript,${encodeURIComponent(
    `import { writeFileSync } from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(usageFile)}, [u.userCPUTime / 1e6, u.systemCPUTime / 1e6, u.maxRSS].join(' ')); });`,
  )}`;
  const command = useTime ? TIME : process.execPath;
  const argv = useTime
    ? ['-o', usageFile, '-f', '%U %S %M', process.execPath, ...args]
    : ['--import', preload, ...args];
  const t0 = performance.now();
  const { code, stderr } = await new Promise((resolvePromise, reject) => {
    const child = spawn(command, argv, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (exitCode) => resolvePromise({ code: exitCode, stderr: err }));
  });
  const wall = performance.now() - t0;
  if (code !== 0 && code !== 1) throw new Error(`digitize exited with ${code}:\n${stderr}`);
  // GNU time writes "Command exited with non-zero status 1" first when the CLI exits with 1.
  const usage = existsSync(usageFile) ? (await readFile(usageFile, 'utf8')).trim().split('\n') : [];
  const [user, system, rssKiB] = (usage.at(-1) ?? '').split(' ').map(Number);
  return { wall, cpu: (user + system) * 1000, rssMiB: rssKiB / 1024 };
}

/** The whole CLI process, `runs` times per row: the issue's table of wall, CPU and peak RSS. */
async function processRun({ dir, charts, batch, jobsList, runs }) {
  const scratch = await mkdtemp(join(tmpdir(), 'digitize-bench-'));
  const commands = [];
  if (batch) {
    for (const jobs of jobsList) {
      commands.push({
        label: `digitize ${relative(root, dir) || '.'} --jsonl --quiet --jobs ${jobs}`,
        args: [CLI, dir, '--jsonl', '--quiet', '--jobs', String(jobs)],
        jobs,
        charts: charts.length,
      });
    }
  }
  commands.push({
    label: 'digitize samples/aime24.png --json (cold)',
    args: [CLI, COLD_INPUT, '--json'],
    jobs: null,
    charts: 1,
  });
  commands.push({
    label: `digitize ${relative(root, PAPER)} --jsonl --quiet`,
    args: [CLI, PAPER, '--jsonl', '--quiet'],
    jobs: null,
    charts: JSON.parse(await readFile(PAPER.replace(/\.pdf$/, '.truth.json'), 'utf8')).charts
      .length,
  });
  const rows = [
    [
      'whole process, median of N',
      'wall',
      'CPU',
      'peak RSS',
      'charts/s',
      'CPU/chart',
      'walls (ms)',
      'load',
    ],
  ];
  const medians = new Map();
  try {
    for (const [k, command] of commands.entries()) {
      const [load] = loadavg();
      const measured = [];
      for (let i = 0; i < runs; i++) measured.push(await timed(command.args, scratch, `${k}-${i}`));
      const wall = median(measured.map((m) => m.wall));
      const cpu = median(measured.map((m) => m.cpu));
      const rss = median(measured.map((m) => m.rssMiB));
      medians.set(command.jobs, { wall, cpu });
      rows.push([
        command.label,
        seconds(wall),
        seconds(cpu),
        `${rss.toFixed(0)} MiB`,
        ((command.charts / wall) * 1000).toFixed(2),
        ms(cpu / command.charts),
        measured.map((m) => m.wall.toFixed(0)).join(', '),
        load.toFixed(2),
      ]);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  console.log(table(rows));
  const base = medians.get(1);
  for (const jobs of jobsList) {
    const other = medians.get(jobs);
    if (jobs === 1 || !base || !other) continue;
    console.log(
      `jobs ${jobs} / jobs 1: ${(base.wall / other.wall).toFixed(2)}x as fast (wall), ` +
        `${(other.cpu / base.cpu).toFixed(2)}x the CPU`,
    );
  }
}

const seconds = (value) => (Number.isFinite(value) ? `${(value / 1000).toFixed(2)} s` : '-');

function parseArgs(argv) {
  const options = { dir: null, runs: 3, jobs: [1, 2], cli: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') options.runs = Number(argv[++i]);
    else if (argv[i] === '--cli') options.cli = true;
    else if (argv[i] === '--jobs') options.jobs = argv[++i].split(',').map(Number);
    else options.dir = argv[i];
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const shared = resolve(root, '..', 'shared', 'charts');
  // The whole-process batch rows are the development set's (or DIR's): samples/ is no batch.
  const batch = options.dir !== null || existsSync(shared);
  const dir = resolve(options.dir ?? (batch ? shared : join(root, 'samples')));
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  if (!Number.isSafeInteger(options.runs) || options.runs < 1) {
    throw new Error(`--runs takes a positive integer, received ${options.runs}`);
  }
  const charts = await chartsIn(dir);
  if (charts.length === 0) throw new Error(`no chart images in ${dir}`);

  const [load] = loadavg();
  console.log(
    `charts: ${relative(process.cwd(), dir) || '.'} (${charts.length} images); node ${process.version}; ` +
      `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}; load average ${load.toFixed(2)} at start; ` +
      `${options.runs} runs\n`,
  );
  if (!batch) {
    console.log(
      `${relative(process.cwd(), shared)} not found: the whole-process batch rows are skipped ` +
        '(pass a folder of charts as DIR to measure them)\n',
    );
  }
  if (options.cli) {
    await processRun({ dir, charts, batch, jobsList: options.jobs, runs: options.runs });
    return;
  }
  const library = await loadLibrary();
  const staged = await stageRun(library, charts);
  const rows = [['stage (jobs 1, ms per chart)', 'median', 'p90', 'max']];
  for (const [key, name] of STAGES) {
    const times = staged.stages.get(key);
    if (times.length === 0) continue;
    rows.push([name, ms(median(times)), ms(percentile(times, 0.9)), ms(Math.max(...times))]);
  }
  console.log(table(rows));
  const failed = [...staged.failures].map(([code, n]) => `${code} x${n}`).join(', ') || 'none';
  console.log(
    `\nfirst chart (OCR engine start included): ${ms(staged.first)}; failures: ${failed}\n`,
  );

  const throughput = [
    [
      'steady state (digitizeMany)',
      'charts/s (median)',
      'runs',
      'CPU per chart',
      'RSS after each run',
    ],
  ];
  const rates = new Map();
  for (const jobs of options.jobs) {
    const { rates: measured, rss, cpu } = await throughputRun(library, charts, jobs, options.runs);
    rates.set(jobs, median(measured));
    throughput.push([
      `jobs ${jobs}`,
      median(measured).toFixed(2),
      measured.map((rate) => rate.toFixed(2)).join(', '),
      ms(median(cpu)),
      rss.map((mib) => `${mib.toFixed(0)} MiB`).join(', '),
    ]);
  }
  console.log(table(throughput));
  if (rates.has(1) && rates.size > 1) {
    const best = Math.max(...rates.keys());
    console.log(
      `\nspeed-up jobs ${best} / jobs 1: ${(rates.get(best) / rates.get(1)).toFixed(2)}x\n`,
    );
  }

  const figure = await figureRun(library, options.runs);
  const panels = FIGURE_GRID[0] * FIGURE_GRID[1];
  console.log(
    `${table([
      [`figure: samples/aime24.png tiled ${FIGURE_GRID.join(' x ')}`, 'median', 'per panel'],
      ['the chart alone', ms(figure.one), ms(figure.one)],
      [
        `the figure (${figure.panels} of ${panels} panels read)`,
        ms(figure.many),
        ms(figure.many / panels),
      ],
    ])}\n\nfigure / chart: ${(figure.many / figure.one).toFixed(2)}x for ${panels} panels\n`,
  );

  await processRun({ dir, charts, batch, jobsList: options.jobs, runs: options.runs });
  await costRun(options.runs);
}

/** The cost curves of `bench/cost.ts` (image size, points per series), run by tsx. */
function costRun(runs) {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  console.log('');
  return new Promise((done, fail) => {
    const child = spawn(tsx, [join(root, 'bench', 'cost.ts'), '--runs', String(runs)], {
      stdio: 'inherit',
    });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`bench/cost.ts: exit ${code}`)),
    );
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
