#!/usr/bin/env node
// Vector charts and multi-page "papers" of known data, as PDFs with truth the scorer reads.
//
//   node bench/papers/make.mjs --charts 40 --seed 1 --out DIR      # one chart per PDF, all engines
//   node bench/papers/make.mjs --papers 20 --seed 1 --out DIR      # papers: text, figures, panels, rasters
//   node bench/papers/make.mjs --paper 20,6 --out DIR              # one paper: 20 pages, 6 figures
//   node bench/papers/make.mjs --fixtures --out test/fixtures/pdf/engines   # the tests' fixtures
//
// Engines: matplotlib (Type 3 and Type 42 fonts), ggplot2 (pdf() and cairo_pdf()), gnuplot
// (pdfcairo). Each chart is drawn once by its engine from seeded random data; `<id>.truth.json`
// holds what was drawn (the limits the engine used) in the format of ../shared/charts/README.md,
// and for a paper `{"charts": [...]}` with each chart's `page`. Papers are put together with
// pdf-lib: figure PDFs are embedded as forms (as LaTeX includes them), scaled, among lines of
// text; raster figures are PNGs drawn by matplotlib.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { renderGnuplot } from './gnuplot.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** mulberry32: a small seeded PRNG, so a seed gives the same files. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PALETTES = [
  ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'],
  ['#e41a1c', '#377eb8', '#4daf4a', '#984ea3', '#ff7f00', '#a65628'],
  ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02'],
];
const NAMES = [
  'GRPO',
  'PPO',
  'Baseline',
  'Ours',
  'MEL',
  'SFT',
  'DPO',
  'Adam',
  'SGD',
  'train',
  'val',
  'model A',
  'model B',
  'ResNet-50',
  'ViT',
];
const TITLES = [
  null,
  'Validation loss',
  'Benchmark: AIME24',
  'Accuracy over training',
  'Throughput',
  'Reward',
];
const X_LABELS = [null, 'Step', 'Epoch', 'Iteration', 'Training tokens (B)', 'Time (s)'];
const Y_LABELS = [null, 'Loss', 'Accuracy', 'Score', 'Reward', 'Error rate'];
const MARKERS = {
  matplotlib: ['o', '^', 's', 'D', 'v', 'x', '+', '*'],
  ggplot2: ['o', '^', 's', 'D'],
  gnuplot: ['o', '^', 's', 'D', '+', 'x'],
};
const FAMILIES = ['lines', 'markers', 'dense', 'dashed', 'log', 'neg', 'nolegend', 'band'];
const ENGINES = [
  'matplotlib-t3',
  'matplotlib-t42',
  'ggplot2-pdf',
  'ggplot2-cairo',
  'gnuplot-pdfcairo',
];

function pick(rng, list) {
  return list[Math.floor(rng() * list.length)];
}

function shuffled(rng, list) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Rounds to 6 significant digits: what a table in a paper would hold. */
const round = (v) => Number(v.toPrecision(6));

/** A random chart of one family, for one engine. */
function randomChart(rng, family, engine) {
  const base = engine.split('-')[0];
  const count =
    family === 'nolegend'
      ? 1
      : 1 + Math.floor(rng() * (family === 'markers' ? 4 : 3)) + (family === 'lines' ? 1 : 0);
  const points =
    family === 'dense'
      ? 150 + Math.floor(rng() * 250)
      : family === 'markers'
        ? 5 + Math.floor(rng() * 11)
        : 8 + Math.floor(rng() * 30);
  const step = pick(rng, [1, 2, 5, 10, 100]);
  const start = pick(rng, [0, 0, 1, 10]);
  const palette = pick(rng, PALETTES);
  const names = shuffled(rng, NAMES);
  const markers = shuffled(rng, MARKERS[base]);
  const styles = ['solid', 'dashed', 'dotted', 'dashdot'];
  const series = [];
  for (let s = 0; s < count; s++) {
    const x = Array.from({ length: points }, (_, i) => start + i * step);
    let level = family === 'log' ? -3 + rng() * 2 : family === 'neg' ? -0.5 + rng() : rng();
    const drift = (rng() - 0.5) * (family === 'log' ? 0.3 : 0.1);
    let y = x.map(() => {
      level += drift + (rng() - 0.5) * (family === 'dense' ? 0.08 : family === 'log' ? 0.4 : 0.15);
      return round(family === 'log' ? 10 ** level : level);
    });
    if (family === 'big') {
      // Millions: matplotlib prints `1e6` at the axis end and tick labels 1.0, 1.5, ...
      y = y.map((v) => round(v * 1e6));
    }
    if (family === 'neg') {
      // Centred on zero, so the axis has negative labels (the Unicode minus of every engine).
      const middle = (Math.min(...y) + Math.max(...y)) / 2;
      y = y.map((v) => round(2 * (v - middle)));
    }
    const item = {
      name: names[s],
      color: palette[s % palette.length],
      marker: family === 'markers' ? markers[s % markers.length] : null,
      linestyle: family === 'dashed' ? styles[s % styles.length] : 'solid',
      linewidth: family === 'dense' ? 1 : 1.5,
      x,
      y,
    };
    if (family === 'band' && base === 'matplotlib') {
      const width = 0.05 + rng() * 0.1;
      item.band = { lo: y.map((v) => round(v - width)), hi: y.map((v) => round(v + width)) };
    }
    series.push(item);
  }
  return {
    family,
    title: pick(rng, TITLES),
    x_label: pick(rng, X_LABELS),
    y_label: pick(rng, Y_LABELS),
    x_scale: 'linear',
    y_scale: family === 'log' ? 'log' : 'linear',
    y_format: family === 'log' && rng() < 0.7 ? 'pow10' : 'plain',
    grid: rng() < 0.5,
    legend:
      family === 'nolegend'
        ? null
        : pick(rng, ['upper left', 'upper right', 'lower left', 'lower right', 'best']),
    series,
  };
}

/** Draws figure specs with their engine; returns one list of chart truths per spec. */
function draw(engine, specs, work) {
  if (specs.length === 0) return [];
  const base = engine.split('-')[0];
  if (base === 'matplotlib') {
    const file = join(work, `mpl-${Math.floor(Math.random() * 1e9)}.json`);
    writeFileSync(file, JSON.stringify(specs));
    return JSON.parse(
      execFileSync('/usr/bin/python3', [join(here, 'mpl_figures.py'), file], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      }),
    );
  }
  if (base === 'ggplot2') {
    const file = join(work, `gg-${Math.floor(Math.random() * 1e9)}.json`);
    const out = `${file}.out.json`;
    writeFileSync(file, JSON.stringify(specs));
    execFileSync('Rscript', [join(here, 'ggplot2.R'), file, out], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return JSON.parse(readFileSync(out, 'utf8'));
  }
  return renderGnuplot(specs, work);
}

/** A figure spec for an engine: one chart (or panels, matplotlib) to `file`. */
function figureSpec(engine, file, panels, rng, size = [6, 4]) {
  const [base, variant] = engine.split('-');
  const spec = { file, panels, figsize: size, size };
  if (base === 'matplotlib') {
    spec.fonttype = variant === 't42' ? 42 : 3;
    spec.style = pick(rng, [
      'default',
      'default',
      'seaborn-v0_8-whitegrid',
      'ggplot',
      'bmh',
      'classic',
    ]);
    spec.cols = panels.length > 1 ? 2 : 1;
    spec.rows = Math.ceil(panels.length / spec.cols);
  } else if (base === 'ggplot2') {
    spec.device = variant === 'cairo' ? 'cairo_pdf' : 'pdf';
    spec.theme = pick(rng, ['grey', 'bw', 'minimal', 'classic']);
  }
  return spec;
}

function truthOf(chart, tags, extra = {}) {
  return { ...chart, tags, renderer: tags[1], ...extra };
}

/**
 * Charts to draw: `count` of them, engines in turn, families at random; or the given list of
 * `[id, engine, family, panels]` (the test fixtures). A figure of several panels gets the truth
 * `{"charts": [...]}`.
 */
async function makeCharts({ count, seed, out, work, list }) {
  const rng = prng(seed);
  const wanted =
    list ??
    Array.from({ length: count }, (_, i) => [
      `v${String(i + 1).padStart(4, '0')}`,
      ENGINES[i % ENGINES.length],
      FAMILIES[Math.floor(rng() * FAMILIES.length)],
      1,
    ]);
  const jobs = {};
  for (const [id, engine, family, panels, extra = {}] of wanted) {
    const charts = Array.from({ length: panels }, () => randomChart(rng, family, engine));
    const size = panels > 1 ? [8, 6] : [6, 4];
    jobs[engine] ??= [];
    jobs[engine].push({
      id,
      family,
      spec: { ...figureSpec(engine, join(out, `${id}.pdf`), charts, rng, size), ...extra },
    });
  }
  for (const [engine, jobList] of Object.entries(jobs)) {
    const truths = draw(
      engine,
      jobList.map((job) => job.spec),
      work,
    );
    jobList.forEach((job, n) => {
      const tags = [job.family, `engine:${engine}`];
      const truth =
        truths[n].length > 1
          ? { id: job.id, tags, charts: truths[n].map((chart) => ({ ...chart, page: 1 })) }
          : truthOf(truths[n][0], tags, { id: job.id });
      writeFileSync(join(out, `${job.id}.truth.json`), `${JSON.stringify(truth, null, 1)}\n`);
    });
  }
}

/** The committed test fixtures (test/fixtures/pdf/engines): one look of each engine that matters. */
const FIXTURES = [
  ['mpl-t3-markers', 'matplotlib-t3', 'markers', 1],
  ['mpl-t3-neg', 'matplotlib-t3', 'neg', 1],
  ['mpl-t42-log', 'matplotlib-t42', 'log', 1],
  ['mpl-t3-panels', 'matplotlib-t3', 'dashed', 4],
  ['gg-pdf-markers', 'ggplot2-pdf', 'markers', 1],
  ['gg-cairo-dashed', 'ggplot2-cairo', 'dashed', 1],
  ['gnuplot-markers', 'gnuplot-pdfcairo', 'markers', 1],
  ['gnuplot-log', 'gnuplot-pdfcairo', 'log', 1],
  ['mpl-t42-shared', 'matplotlib-t42', 'lines', 4, { share: true }],
  ['mpl-t3-offset', 'matplotlib-t3', 'big', 1],
];

const WORDS =
  'the of model training results we show that our method improves over baseline on all benchmarks and data while loss reward policy gradient learning rate table figure section appendix evaluation'.split(
    ' ',
  );

function sentence(rng, words) {
  return Array.from({ length: words }, () => pick(rng, WORDS)).join(' ');
}

/** One paper: `pages` pages, `figures` of them holding a figure (vector, panels or raster). */
async function makePaper({ id, pages, figures, rng, out, work }) {
  const figurePages = new Set(
    shuffled(
      rng,
      Array.from({ length: pages }, (_, i) => i),
    ).slice(0, figures),
  );
  const plan = [];
  for (let p = 0; p < pages; p++) {
    if (!figurePages.has(p)) {
      plan.push({ kind: 'text' });
      continue;
    }
    const kind = pick(rng, ['vector', 'vector', 'panels', 'raster']);
    const engine =
      kind === 'vector' ? pick(rng, ENGINES) : pick(rng, ['matplotlib-t3', 'matplotlib-t42']);
    const panels = Array.from({ length: kind === 'panels' ? 2 + Math.floor(rng() * 3) : 1 }, () =>
      randomChart(
        rng,
        pick(
          rng,
          FAMILIES.filter((f) => f !== 'band' || engine.startsWith('matplotlib')),
        ),
        engine,
      ),
    );
    const file = join(work, `${id}-p${p + 1}.${kind === 'raster' ? 'png' : 'pdf'}`);
    const size = kind === 'panels' ? [7, panels.length > 2 ? 5.5 : 3] : [6, 4];
    const spec = figureSpec(engine, file, panels, rng, size);
    if (kind === 'raster') spec.dpi = 150;
    plan.push({ kind, engine, spec, page: p + 1 });
  }
  const byEngine = {};
  for (const item of plan.filter((i) => i.kind !== 'text')) {
    byEngine[item.engine] ??= [];
    byEngine[item.engine].push(item);
  }
  for (const [engine, items] of Object.entries(byEngine)) {
    draw(
      engine,
      items.map((i) => i.spec),
      work,
    ).forEach((truths, n) => {
      items[n].truths = truths;
    });
  }

  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const charts = [];
  for (const item of plan) {
    const page = doc.addPage([612, 792]);
    let y = 740;
    const line = () => {
      page.drawText(sentence(rng, 12), { x: 72, y, size: 10, font });
      y -= 13;
    };
    for (let i = 0; i < (item.kind === 'text' ? 52 : 8); i++) line();
    if (item.kind === 'text') continue;
    const width = 468;
    let height;
    if (item.kind === 'raster') {
      const png = await doc.embedPng(readFileSync(item.spec.file));
      height = (png.height / png.width) * width;
      page.drawImage(png, { x: 72, y: y - height, width, height });
    } else {
      const [embedded] = await doc.embedPdf(readFileSync(item.spec.file));
      height = (embedded.height / embedded.width) * width;
      page.drawPage(embedded, { x: 72, y: y - height, width, height });
    }
    y -= height + 16;
    page.drawText(`Figure ${item.page}: ${sentence(rng, 8)}`, { x: 72, y, size: 9, font });
    y -= 20;
    while (y > 60) line();
    for (const truth of item.truths) {
      charts.push({ ...truth, page: item.page, tags: [item.kind, `engine:${item.engine}`] });
    }
  }
  writeFileSync(join(out, `${id}.pdf`), await doc.save());
  const tags = [`pages:${pages}`, `figures:${figures}`];
  writeFileSync(
    join(out, `${id}.truth.json`),
    `${JSON.stringify({ id, tags, charts }, null, 1)}\n`,
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      charts: { type: 'string' },
      fixtures: { type: 'boolean', default: false },
      papers: { type: 'string' },
      paper: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  if (!values.out || !(values.charts || values.papers || values.paper || values.fixtures)) {
    console.error(
      'usage: make.mjs (--charts N | --papers N | --paper PAGES,FIGURES | --fixtures) [--seed S] --out DIR',
    );
    process.exit(2);
  }
  const out = values.out;
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'papers-'));
  const seed = Number(values.seed);
  try {
    if (values.charts) await makeCharts({ count: Number(values.charts), seed, out, work });
    if (values.fixtures) await makeCharts({ seed, out, work, list: FIXTURES });
    if (values.papers) {
      const rng = prng(seed + 1000);
      for (let n = 0; n < Number(values.papers); n++) {
        const pages = 4 + Math.floor(rng() * 17);
        const figures = 1 + Math.floor(rng() * Math.min(6, pages));
        await makePaper({
          id: `paper${String(n + 1).padStart(3, '0')}`,
          pages,
          figures,
          rng,
          out,
          work,
        });
      }
    }
    if (values.paper) {
      const [pages, figures] = values.paper.split(',').map(Number);
      await makePaper({
        id: `paper-${pages}p-${figures}f`,
        pages,
        figures,
        rng: prng(seed),
        out,
        work,
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
