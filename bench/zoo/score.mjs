#!/usr/bin/env node
/**
 * Scores the digitizer's predictions on a zoo with the project's scorer and prints one table per
 * engine, look, family and state (and, with --all, per property tag), and how reliable the
 * confidence was (reliability.mjs):
 *
 *   node bench/zoo/score.mjs --truth ZOO_DIR --pred PRED_DIR [--scorer PATH] [--markdown] [--all]
 *                            [--worst N] [--json FILE]
 *
 * The scorer (`--scorer`, default `../shared/bench/score.mjs` beside the repository) is run with
 * `--json`; its per-chart results are grouped by the truth's tags. Columns: charts, failures,
 * mean chart score, share of charts >= 0.95, hit rate, names, text, marker recall, and the share
 * of charts under 0.5. `--worst N` lists the N lowest-scoring charts; `--json FILE` keeps the
 * scorer's output.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reliability, reliabilityTable } from './reliability.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `../shared/bench/score.mjs` beside the repository (or beside the folder of a git worktree). */
function defaultScorer() {
  const candidates = [join(REPO, '..', 'shared'), join(REPO, '..', '..', 'shared')].map((d) =>
    join(d, 'bench', 'score.mjs'),
  );
  return candidates.find((f) => existsSync(f)) ?? candidates[0];
}

/** The summary row of a group of per-chart results (the scorer's `charts` entries). */
export function summarise(charts) {
  const n = charts.length;
  const sum = (f) => charts.reduce((a, c) => a + f(c), 0);
  const ratio = (a, b) => (b ? a / b : null);
  return {
    charts: n,
    fail: charts.filter((c) => c.failure).length,
    score: n ? sum((c) => c.score) / n : null,
    ge95: n ? charts.filter((c) => c.score >= 0.95).length / n : null,
    hit: n ? sum((c) => c.hit_rate) / n : null,
    names: ratio(
      sum((c) => c.names.correct),
      sum((c) => c.names.total),
    ),
    text: ratio(
      sum((c) => c.text.correct),
      sum((c) => c.text.total),
    ),
    markers: ratio(
      sum((c) => c.marker.hits),
      sum((c) => c.marker.total),
    ),
    lt50: n ? charts.filter((c) => c.score < 0.5).length / n : null,
  };
}

const COLUMNS = ['charts', 'fail', 'score', 'ge95', 'hit', 'names', 'text', 'markers', 'lt50'];
const HEADS = ['charts', 'fail', 'score', '>=0.95', 'hit', 'names', 'text', 'markers', '<0.5'];

/** A table (text or Markdown) of `rows` ([label, summary]) under the heading `title`. */
export function table(title, rows, markdown) {
  const cells = rows.map(([label, s]) => [
    label,
    ...COLUMNS.map((c, j) => (s[c] === null ? '-' : j < 2 ? String(s[c]) : s[c].toFixed(3))),
  ]);
  const head = [title, ...HEADS];
  const w = head.map((h, j) => Math.max(h.length, ...cells.map((r) => r[j].length)));
  const line = (r) => r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j])));
  if (markdown) {
    const md = (r) => `| ${line(r).join(' | ')} |`;
    const rule = `| ${w.map((n, j) => (j === 0 ? '-'.repeat(n) : `${'-'.repeat(n - 1)}:`)).join(' | ')} |`;
    return [md(head), rule, ...cells.map(md)].join('\n');
  }
  return [
    line(head).join('  '),
    w.map((n) => '-'.repeat(n)).join('  '),
    ...cells.map((r) => line(r).join('  ')),
  ].join('\n');
}

/** Groups charts by the value of their tags with `prefix` ('' groups by the first tag, the family). */
function groupBy(charts, prefix) {
  const groups = new Map();
  for (const c of charts) {
    const keys = prefix
      ? c.tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length))
      : [c.tags[0]];
    for (const k of keys) groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, cs]) => [k, summarise(cs)]);
}

function main() {
  const { values } = parseArgs({
    options: {
      truth: { type: 'string' },
      pred: { type: 'string' },
      scorer: { type: 'string', default: defaultScorer() },
      markdown: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      worst: { type: 'string', default: '0' },
      json: { type: 'string' },
    },
  });
  if (!values.truth || !values.pred) {
    console.error(
      'usage: node bench/zoo/score.mjs --truth ZOO_DIR --pred PRED_DIR [--scorer PATH] [--markdown] [--all] [--worst N] [--json FILE]',
    );
    return 2;
  }
  const out = execFileSync(
    process.execPath,
    [values.scorer, '--truth', values.truth, '--pred', values.pred, '--json'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  if (values.json) writeFileSync(values.json, out);
  const { charts } = JSON.parse(out);
  const md = values.markdown;
  const sections = [
    table('all', [['ALL', summarise(charts)]], md),
    table('engine', groupBy(charts, 'engine:'), md),
    table('look', groupBy(charts, 'look:'), md),
    table('family', groupBy(charts, ''), md),
    table('state', groupBy(charts, 'state:'), md),
    reliabilityTable(reliability(charts, values.truth, values.pred), md),
  ];
  if (values.all) {
    const props = [...new Set(charts.flatMap((c) => c.tags.slice(1)))].filter(
      (t) => !/^(engine|look|state):/.test(t),
    );
    sections.push(
      table(
        'property',
        props.sort().map((t) => [t, summarise(charts.filter((c) => c.tags.includes(t)))]),
        md,
      ),
    );
  }
  const worst = Number(values.worst);
  if (worst > 0) {
    const rows = [...charts].sort((a, b) => a.score - b.score).slice(0, worst);
    sections.push(
      rows
        .map(
          (c) =>
            `${c.id}  ${c.score.toFixed(3)}  ${c.n_truth}/${c.n_pred}  ${c.tags.join(',')}${c.failure ? `  [${c.failure}]` : ''}`,
        )
        .join('\n'),
    );
  }
  console.log(sections.join('\n\n'));
  return 0;
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main();
}
