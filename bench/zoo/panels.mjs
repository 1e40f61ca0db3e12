#!/usr/bin/env node
/**
 * How well panels are found, apart from how well each is read: runs the figure stage's
 * `findPanels` (from `dist/`, so `npm run build` first) on every image of a zoo and compares the
 * plots it finds with the truth's plot boxes. With `--pred DIR` it compares the digitizer's
 * output (the charts it returned) instead.
 *
 *   node bench/zoo/panels.mjs --truth ZOO_DIR [--pred PRED_DIR] [--list]
 *
 * A truth panel is found when a found plot covers it with intersection over union >= 0.5; a
 * found plot matching no truth panel is invented. Prints, per figure kind and overall: figures,
 * panels, share of panels found, share of figures with every panel found, and share of figures
 * with an invented panel. A single-chart zoo (truth without `charts`) counts one panel each.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const MIN_IOU = 0.5;

function iou(a, b) {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const area = (p) => (p.right - p.left) * (p.bottom - p.top);
  return inter / (area(a) + area(b) - inter);
}

const toBox = ([left, top, right, bottom]) => ({ left, top, right, bottom });

/** Truth plots and found plots of one image: `{ found, invented, total }`. */
export function comparePanels(truthBoxes, foundBoxes) {
  const used = new Set();
  let found = 0;
  for (const t of truthBoxes) {
    let best = -1;
    let bestIou = MIN_IOU;
    foundBoxes.forEach((f, j) => {
      const v = iou(t, f);
      if (!used.has(j) && v >= bestIou) {
        best = j;
        bestIou = v;
      }
    });
    if (best >= 0) {
      used.add(best);
      found++;
    }
  }
  return { found, invented: foundBoxes.length - used.size, total: truthBoxes.length };
}

async function main() {
  const { values } = parseArgs({
    options: {
      truth: { type: 'string' },
      pred: { type: 'string' },
      list: { type: 'boolean', default: false },
    },
  });
  if (!values.truth) {
    console.error('usage: node bench/zoo/panels.mjs --truth ZOO_DIR [--pred PRED_DIR] [--list]');
    return 2;
  }
  const dist = new URL('../../dist/', import.meta.url);
  const { loadRaster } = await import(new URL('load/loadRaster.js', dist));
  const { findPanels } = await import(new URL('figure/findPanels.js', dist));
  const files = (await readdir(values.truth)).filter((f) => f.endsWith('.truth.json')).sort();
  const groups = new Map();
  const add = (key, r) => {
    const g = groups.get(key) ?? { figures: 0, panels: 0, found: 0, complete: 0, invented: 0 };
    g.figures++;
    g.panels += r.total;
    g.found += r.found;
    g.complete += r.found === r.total ? 1 : 0;
    g.invented += r.invented > 0 ? 1 : 0;
    groups.set(key, g);
  };
  for (const file of files) {
    const truth = JSON.parse(await readFile(join(values.truth, file), 'utf8'));
    const charts = truth.charts ?? [truth];
    const truthBoxes = charts.map((c) => toBox(c.plot_area_px));
    let foundBoxes;
    if (values.pred) {
      let pred;
      try {
        pred = JSON.parse(await readFile(join(values.pred, `${truth.id}.json`), 'utf8'));
      } catch {
        pred = { charts: [] };
      }
      foundBoxes = (pred.charts ?? [pred]).map((c) => c.plot);
    } else {
      const image = await loadRaster(join(values.truth, truth.image), {
        maxPixels: 50_000_000,
      });
      const panels = findPanels(image);
      // one panel is the whole image: the chart's plot is where the truth says (not split)
      foundBoxes = panels.length === 1 ? truthBoxes.slice(0, 1) : panels.map((p) => p.plot);
    }
    const r = comparePanels(truthBoxes, foundBoxes);
    if (values.list && (r.found < r.total || r.invented > 0)) {
      console.log(
        `${truth.id}  ${r.found}/${r.total} found, ${r.invented} invented  ${truth.tags.join(' ')}`,
      );
    }
    add('ALL', r);
    add(truth.tags[0], r);
    for (const tag of truth.tags) if (tag.startsWith('engine:')) add(tag, r);
  }
  const rows = [...groups.entries()].map(([k, g]) => [
    k,
    g.figures,
    g.panels,
    (g.found / g.panels).toFixed(3),
    (g.complete / g.figures).toFixed(3),
    (g.invented / g.figures).toFixed(3),
  ]);
  const head = ['group', 'figures', 'panels', 'found', 'all found', 'invented'];
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((r) => String(r[j]).length)));
  for (const r of [head, ...rows]) {
    console.log(
      r.map((c, j) => (j ? String(c).padStart(w[j]) : String(c).padEnd(w[j]))).join('  '),
    );
  }
  return 0;
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main();
}
