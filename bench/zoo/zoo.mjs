#!/usr/bin/env node
/**
 * The chart zoo's driver: samples ChartSpecs from a seed, has each engine render its share in
 * batches, applies each chart's state (JPEG, scaling, greyscale) and writes, per chart,
 * `DIR/<id>.png` (or `.jpg`), `DIR/<id>.truth.json`, and `DIR/<id>.pdf` for charts rasterised
 * from a PDF (not with --skip-pdf; every chart with --all-pdf); `DIR/index.json` lists the specs,
 * the charts left out and why.
 *
 *   npm run zoo -- --seed 1 --count 100 --out DIR [--engines matplotlib,gnuplot] [--jobs 2]
 *                  [--skip-pdf | --all-pdf] [--max-pixels N] [--quiet] [--figures]
 *
 * With --figures it draws figures of panels (`figures.mjs`: subplots, facets, concatenations)
 * with the engines that draw them, each truth `{ charts: [...] }`, one chart per panel.
 *
 * An engine that is not installed is skipped with a message; a chart an engine fails on, or
 * whose truth does not hold together, is left out and listed, never written with guessed truth.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FIGURE_ENGINES, figureTags, panelChartSpec, sampleFigures } from './figures.mjs';
import { applyState } from './post.mjs';
import { ENGINES, LOOKS, sampleCharts, tagsOf } from './spec.mjs';

/** Charts per engine process: large enough to pay for its start-up, small enough to share out. */
const CHUNK = 20;
/** With --all-pdf, a chart without a `pdf` state is drawn as a PDF and rasterised at this dpi. */
const ALL_PDF_DPI = 100;

/** A calendar decimal year of an ISO date (midnight UTC), as the scorer reads dates. */
export function decimalYear(iso) {
  const t = Date.parse(`${iso}T00:00:00Z`);
  const year = new Date(t).getUTCFullYear();
  const start = Date.UTC(year, 0, 1);
  return year + (t - start) / (Date.UTC(year + 1, 0, 1) - start);
}

/** The truth of one chart: the spec's data and text, the engine's measurements over them. */
export function buildTruth(spec, extras, image) {
  const legend = Boolean(spec.legend);
  const truthX = (s) => (spec.x.scale === 'time' ? s.x.map(decimalYear) : s.x);
  const { sx, sy } = image;
  const box = extras.plot_area_px;
  const truth = {
    id: spec.id,
    tags: tagsOf(spec, extras.drawn),
    renderer: spec.engine,
    title: spec.title,
    x_label: spec.x_label,
    y_label: spec.y_label,
    x_scale: spec.x.scale,
    y_scale: spec.y.scale,
    x_range: extras.x_range,
    y_range: extras.y_range,
    x_ticks: extras.x_ticks ?? null,
    y_ticks: extras.y_ticks ?? null,
    legend,
    series: spec.series.map((s) => ({
      name: legend ? String(s.name) : null,
      color: s.color,
      marker: s.marker,
      linestyle: s.linestyle,
      x: truthX(s),
      y: s.y,
    })),
    ...(spec.x.scale === 'category' ? { x_categories: spec.x.categories } : {}),
    image: basename(image.file),
    width: image.width,
    height: image.height,
    plot_area_px: box ? [box[0] * sx, box[1] * sy, box[2] * sx, box[3] * sy].map(round3) : null,
    x_tick_labels: extras.x_tick_labels ?? null,
    y_tick_labels: extras.y_tick_labels ?? null,
    meta: {
      engine: spec.engine,
      look: spec.look,
      family: spec.family,
      font: spec.font,
      dpi: spec.dpi,
      drawn_px: [spec.width, spec.height],
      palette: spec.palette,
      legend: spec.legend,
      state: spec.state,
      ...(extras.drawn ? { drawn: extras.drawn } : {}),
    },
  };
  // Engines may correct what they could not draw as asked (a marker they lack, say).
  for (const [i, override] of (extras.series ?? []).entries()) {
    if (override) Object.assign(truth.series[i], override);
  }
  return truth;
}

const round3 = (v) => Math.round(v * 1000) / 1000;

/**
 * Why a truth cannot be trusted, or null: limits that are not finite or not increasing, a plot
 * box outside the image, data outside the limits.
 */
export function truthProblem(truth) {
  for (const axis of ['x', 'y']) {
    const r = truth[`${axis}_range`];
    if (!Array.isArray(r) || r.length !== 2 || !r.every(Number.isFinite) || !(r[1] > r[0])) {
      return `${axis}_range ${JSON.stringify(r)} is not two increasing numbers`;
    }
    if (truth[`${axis}_scale`] === 'log' && !(r[0] > 0))
      return `${axis}_range not positive on a log axis`;
  }
  const box = truth.plot_area_px;
  if (box) {
    const [l, t, r, b] = box;
    if (
      !(
        l >= -1 &&
        t >= -1 &&
        r <= truth.width + 1 &&
        b <= truth.height + 1 &&
        r - l > 20 &&
        b - t > 20
      )
    ) {
      return `plot_area_px ${JSON.stringify(box)} is not inside the ${truth.width}x${truth.height} image`;
    }
  }
  const [x0, x1] = truth.x_range;
  const [y0, y1] = truth.y_range;
  const slackX = (x1 - x0) * 1e-6;
  const slackY = (y1 - y0) * 1e-6;
  for (const s of truth.series) {
    for (let i = 0; i < s.x.length; i++) {
      if (
        !(
          s.x[i] >= x0 - slackX &&
          s.x[i] <= x1 + slackX &&
          s.y[i] >= y0 - slackY &&
          s.y[i] <= y1 + slackY
        )
      ) {
        return `point (${s.x[i]}, ${s.y[i]}) of "${s.name}" is outside the axis limits`;
      }
    }
  }
  return null;
}

/**
 * The truth of a figure: `{ id, tags, charts }`, each chart the truth of one panel exactly as for
 * a single chart (its own limits, plot box, series, text) plus its `panel_label` and
 * `panel_box_px` (the panel with its tick labels, axis labels and title, where the engine
 * tells), all in the figure's pixels.
 */
export function buildFigureTruth(figure, extras, image) {
  const { sx, sy } = image;
  const scaled = (box) => box && [box[0] * sx, box[1] * sy, box[2] * sx, box[3] * sy].map(round3);
  const charts = figure.panels.map((panel, k) => {
    const spec = panelChartSpec(figure, k);
    const measured = extras.panels[k];
    const { meta, tags, ...truth } = buildTruth(spec, measured, image);
    return {
      ...truth,
      panel_label: panel.label,
      panel_box_px: scaled(measured.panel_box_px ?? null),
    };
  });
  return {
    id: figure.id,
    tags: figureTags(figure),
    renderer: figure.engine,
    image: basename(image.file),
    width: image.width,
    height: image.height,
    suptitle: figure.suptitle,
    charts,
    meta: {
      engine: figure.engine,
      kind: figure.kind,
      look: figure.look,
      family: figure.family,
      grid: [figure.rows, figure.cols],
      mosaic: figure.mosaic,
      share: figure.share,
      labels: figure.labels,
      legend: figure.legendMode === 'shared' ? figure.legend : figure.legendMode,
      font: figure.font,
      dpi: figure.dpi,
      drawn_px: [figure.width, figure.height],
      state: figure.state,
    },
  };
}

/** Runs `tasks` (functions returning promises) with at most `jobs` at once. */
async function pool(tasks, jobs) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
}

/** Loads an engine module and checks it can run: `{ module }` or `{ skipped: reason }`. */
async function loadEngine(engine, figures) {
  let module;
  try {
    module = await import(`./engines/${engine}.mjs`);
  } catch (error) {
    return { skipped: `not installed (${error.message.split('\n')[0]})` };
  }
  if (module.available) {
    const ok = await module.available();
    if (ok !== true) return { skipped: `not installed (${ok})` };
  }
  if (figures && !module.renderFigures) return { skipped: 'draws no figures of panels' };
  const mine = Object.keys(LOOKS[engine]).sort().join();
  if (module.looks && [...module.looks].sort().join() !== mine) {
    console.error(
      `zoo: ${engine}: the engine's looks (${module.looks}) differ from spec.mjs' (${mine})`,
    );
  }
  return { module };
}

/** Generates the zoo; resolves to `{ written, failed, skipped }`. */
export async function generate({
  seed,
  count,
  out: outDir,
  engines = ENGINES,
  jobs = 2,
  keepPdf = true,
  allPdf = false,
  maxPixels = Number.POSITIVE_INFINITY,
  figures = false,
  log = console.error,
}) {
  // absolute: engine scripts run in the work folder
  const out = resolve(outDir);
  const sampled = figures
    ? sampleFigures({ seed, count, engines })
    : sampleCharts({ seed, count, engines });
  // --max-pixels leaves out the larger charts (the committed sample stays small and quick);
  // --all-pdf draws every chart as a vector PDF (the PDF reader's measure), the rest unchanged
  const specs = sampled
    .filter((s) => s.width * s.height <= maxPixels)
    .map((s) =>
      !allPdf || s.state.some((op) => op.op === 'pdf')
        ? s
        : { ...s, state: [{ op: 'pdf', dpi: ALL_PDF_DPI }] },
    );
  await mkdir(out, { recursive: true });
  // outside `out`, so that nothing half-made is ever in the zoo
  const work = await mkdtemp(join(tmpdir(), 'zoo-work-'));
  const failed = [];
  const skipped = {};
  let written = 0;
  const perEngine = [];
  for (const engine of engines) {
    const tasks = [];
    perEngine.push(tasks);
    const mine = specs.filter((s) => s.engine === engine);
    if (!mine.length) continue;
    const loaded = await loadEngine(engine, figures);
    if (loaded.skipped) {
      skipped[engine] = loaded.skipped;
      log(`zoo: ${engine}: ${loaded.skipped}; its ${mine.length} charts are skipped`);
      continue;
    }
    for (let k = 0; k < mine.length; k += CHUNK) {
      const chunk = mine.slice(k, k + CHUNK);
      tasks.push(async () => {
        let results;
        try {
          results = await (figures ? loaded.module.renderFigures : loaded.module.render)(
            chunk,
            work,
          );
        } catch (error) {
          results = chunk.map((s) => ({ id: s.id, error: `batch failed: ${error.message}` }));
        }
        const byId = new Map(results.map((r) => [r.id, r]));
        for (const spec of chunk) {
          const r = byId.get(spec.id) ?? { id: spec.id, error: 'the engine reported nothing' };
          if (r.error) {
            failed.push({ id: spec.id, engine, error: r.error });
            continue;
          }
          try {
            const image = await applyState(r.png, spec.state, join(out, spec.id));
            const truth = figures
              ? buildFigureTruth(spec, r.extras, image)
              : buildTruth(spec, r.extras, image);
            const problem = (truth.charts ?? [truth]).map(truthProblem).find(Boolean) ?? null;
            if (problem) {
              await rm(image.file, { force: true });
              failed.push({ id: spec.id, engine, error: `truth rejected: ${problem}` });
              continue;
            }
            if (r.pdf && keepPdf) {
              await copyFile(r.pdf, join(out, `${spec.id}.pdf`));
            }
            await writeFile(join(out, `${spec.id}.truth.json`), `${JSON.stringify(truth)}\n`);
            written++;
          } catch (error) {
            failed.push({ id: spec.id, engine, error: `post: ${error.message}` });
          }
        }
        log(
          `zoo: ${engine} ${chunk[0].id}..${chunk[chunk.length - 1].id} done (${written} written)`,
        );
      });
    }
  }
  // the engines' batches interleaved, so that a zoo read while it grows has every engine
  const tasks = [];
  for (let k = 0; perEngine.some((t) => k < t.length); k++) {
    for (const t of perEngine) if (k < t.length) tasks.push(t[k]);
  }
  await pool(tasks, jobs);
  await rm(work, { recursive: true, force: true });
  failed.sort((a, b) => a.id.localeCompare(b.id));
  const index = { seed, count, engines, figures, max_pixels: maxPixels, skipped, failed, specs };
  await writeFile(join(out, 'index.json'), `${JSON.stringify(index)}\n`);
  return { written, failed, skipped };
}

async function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      count: { type: 'string', default: '100' },
      out: { type: 'string' },
      engines: { type: 'string' },
      figures: { type: 'boolean', default: false },
      jobs: { type: 'string', default: '2' },
      quiet: { type: 'boolean', default: false },
      'skip-pdf': { type: 'boolean', default: false },
      'all-pdf': { type: 'boolean', default: false },
      'max-pixels': { type: 'string', default: 'Infinity' },
    },
  });
  if (!values.out) {
    console.error(
      'usage: node bench/zoo/zoo.mjs --out DIR [--seed S] [--count N] [--engines a,b] [--jobs N] [--figures]',
    );
    return 2;
  }
  const started = Date.now();
  const { written, failed, skipped } = await generate({
    seed: Number(values.seed),
    count: Number(values.count),
    out: values.out,
    engines: (values.engines ?? (values.figures ? FIGURE_ENGINES : ENGINES).join(',')).split(','),
    jobs: Number(values.jobs),
    figures: values.figures,
    keepPdf: !values['skip-pdf'],
    allPdf: values['all-pdf'],
    maxPixels: Number(values['max-pixels']),
    log: values.quiet ? () => {} : console.error,
  });
  for (const f of failed) console.error(`left out: ${f.id} (${f.engine}): ${f.error}`);
  for (const [engine, why] of Object.entries(skipped)) console.error(`skipped: ${engine}: ${why}`);
  console.error(
    `zoo: ${written} charts written to ${values.out}, ${failed.length} left out, ` +
      `${Object.keys(skipped).length} engines skipped (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main();
}
