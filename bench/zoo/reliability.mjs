#!/usr/bin/env node
/**
 * How well the digitizer's confidence keeps its promise (`../shared/CONTRACT.md`): charts
 * binned by their confidence against their mean score, and the charts with an axis read wrong
 * (`min` or `max` off by more than 2% of the truth's range) with how many of them were flagged
 * (the axis' confidence under 0.5 and a warning naming it). `score.mjs` prints it; on its own,
 * from the scorer's JSON (`score.mjs --json`), for all its charts or those of a list:
 *
 *   node bench/zoo/reliability.mjs --truth ZOO_DIR --pred PRED_DIR --scores S.json
 *                                  [--list FILE] [--markdown]
 *
 * `--list` holds one chart a line, as a path or an id (`/work/zoo/s2/z00005.png`, `z00005`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Confidence bins: [from, to). */
export const BINS = [
  [0, 0.5],
  [0.5, 0.7],
  [0.7, 0.9],
  [0.9, 1.01],
];
/** An axis whose ends are off by more than this share of its range is read wrong. */
const OFF = 0.02;
/** An axis flagged as doubtful: its confidence under this, and a warning naming it. */
const FLAGGED = 0.5;

/** A truth or predicted axis end as a number on the truth's scale (decimal years for time). */
function position(value, scale) {
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    const year = new Date(ms).getUTCFullYear();
    const start = Date.UTC(year, 0, 1);
    return year + (ms - start) / (Date.UTC(year + 1, 0, 1) - start);
  }
  if (typeof value !== 'number') return Number.NaN;
  return scale === 'log' ? Math.log10(value) : value;
}

/** For one chart: its confidence, and each axis read wrong with whether it was flagged. */
function review(truth, pred) {
  if (!pred?.axes) return { confidence: 0, off: [] };
  const off = [];
  for (const axis of ['x', 'y']) {
    const scale = truth[`${axis}_scale`];
    const [t0, t1] = truth[`${axis}_range`].map((v) => position(v, scale));
    const a = pred.axes[axis];
    const error =
      Math.max(Math.abs(position(a?.min, scale) - t0), Math.abs(position(a?.max, scale) - t1)) /
      Math.abs(t1 - t0);
    if (!(error <= OFF)) {
      const warned = (pred.warnings ?? []).some((w) => w.startsWith(`${axis} axis`));
      off.push({ axis, flagged: warned && (a?.confidence ?? 0) < FLAGGED });
    }
  }
  return { confidence: pred.confidence ?? 0, off };
}

/**
 * The reliability of `charts` (the scorer's per-chart results) given the truth and prediction
 * folders: per bin the number of charts, their mean score and share >= 0.95; the charts with
 * an axis read wrong and how many of those were flagged. A chart with no prediction has
 * confidence 0.
 */
export function reliability(charts, truthDir, predDir) {
  const rows = charts.map((c) => {
    const file = join(predDir, `${c.id}.json`);
    const pred = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
    const truth = JSON.parse(readFileSync(join(truthDir, `${c.id}.truth.json`), 'utf8'));
    // A figure of panels (not in the single-chart zoo) is left to the figure scorer.
    const figure = truth.charts || pred?.charts;
    return { score: c.score, ...(figure ? { confidence: 0, off: [] } : review(truth, pred)) };
  });
  const bins = BINS.map(([from, to]) => {
    const inBin = rows.filter((r) => r.confidence >= from && r.confidence < to);
    const n = inBin.length;
    return {
      from,
      to: Math.min(1, to),
      charts: n,
      score: n ? inBin.reduce((a, r) => a + r.score, 0) / n : null,
      ge95: n ? inBin.filter((r) => r.score >= 0.95).length / n : null,
    };
  });
  const off = rows.filter((r) => r.off.length > 0);
  return {
    bins,
    axisOff: off.length,
    flagged: off.filter((r) => r.off.every((o) => o.flagged)).length,
    charts: rows.length,
  };
}

/** The reliability as a text (or Markdown) table and a line on the charts with an axis off. */
export function reliabilityTable({ bins, axisOff, flagged, charts }, markdown) {
  const pct = (v) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
  const cells = bins.map((b) => [
    `${b.from.toFixed(1)}-${b.to.toFixed(1)}`,
    String(b.charts),
    b.score === null ? '-' : b.score.toFixed(3),
    pct(b.ge95),
  ]);
  const head = ['confidence', 'charts', 'mean score', '>=0.95'];
  const w = head.map((h, j) => Math.max(h.length, ...cells.map((r) => r[j].length)));
  const line = (r) => r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j])));
  const rows = markdown
    ? [head, w.map((n) => `${'-'.repeat(n - 1)}:`), ...cells].map(
        (r) => `| ${line(r).join(' | ')} |`,
      )
    : [
        line(head).join('  '),
        w.map((n) => '-'.repeat(n)).join('  '),
        ...cells.map((r) => line(r).join('  ')),
      ];
  const note = `axis off by more than 2%: ${axisOff} of ${charts} charts (${pct(axisOff / charts)}), flagged (axis confidence < 0.5 and a warning): ${flagged} (${pct(axisOff ? flagged / axisOff : null)})`;
  return [...rows, '', note].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      truth: { type: 'string' },
      pred: { type: 'string' },
      scores: { type: 'string' },
      list: { type: 'string' },
      markdown: { type: 'boolean', default: false },
    },
  });
  if (!values.truth || !values.pred || !values.scores) {
    console.error(
      'usage: reliability.mjs --truth DIR --pred DIR --scores S.json [--list FILE] [--markdown]',
    );
    process.exit(2);
  }
  let { charts } = JSON.parse(readFileSync(values.scores, 'utf8'));
  if (values.list) {
    const ids = new Set(
      readFileSync(values.list, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => basename(line.trim()).replace(/\.[^.]*$/, '')),
    );
    charts = charts.filter((chart) => ids.has(chart.id));
  }
  console.log(reliabilityTable(reliability(charts, values.truth, values.pred), values.markdown));
}
