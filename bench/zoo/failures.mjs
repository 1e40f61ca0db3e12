#!/usr/bin/env node
/**
 * Sorts the zoo charts the digitizer got wrong by the stage where it went wrong, from the truth,
 * the prediction and the run log:
 *
 *   node bench/zoo/score.mjs --truth ZOO_DIR --pred PRED_DIR --json SCORES.json
 *   node bench/zoo/failures.mjs --truth ZOO_DIR --pred PRED_DIR --scores SCORES.json [--below 0.95]
 *                               [--examples 3]
 *
 * Stages, tried in this order for each chart scoring under `--below`:
 * - `failed:<code>`: no result (the run log's error code: PLOT_AREA_NOT_FOUND, CALIBRATION_FAILED, ...);
 * - `plot area`: the found plot box is off the truth's by more than 2% of its width or height;
 * - `calibration`: an axis' min or max is off by more than 2% of the truth's range (log10 on a
 *   log axis);
 * - `separation: merged` / `separation: split`: fewer / more series than the truth;
 * - `legend/names`: series right but names wrong (where the truth has names);
 * - `tracing`: all of the above right, points still off.
 * Prints counts per stage (and per engine) with example ids.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ENGINES } from './spec.mjs';

const TOL = 0.02;

/** The stage a chart failed at (see the header), from its truth, prediction and score. */
export function classify(truth, pred, score) {
  if (!pred) return 'failed';
  const box = truth.plot_area_px;
  if (box && pred.plot) {
    const w = box[2] - box[0];
    const h = box[3] - box[1];
    const p = pred.plot;
    const off = [
      Math.abs(p.left - box[0]) / w,
      Math.abs(p.right - box[2]) / w,
      Math.abs(p.top - box[1]) / h,
      Math.abs(p.bottom - box[3]) / h,
    ];
    if (Math.max(...off) > TOL) return 'plot area';
  }
  for (const axis of ['x', 'y']) {
    const a = pred.axes?.[axis];
    const f = truth[`${axis}_scale`] === 'log' ? Math.log10 : (v) => v;
    const [t0, t1] = truth[`${axis}_range`].map(f);
    const span = t1 - t0;
    if (!a || typeof a.min !== 'number' || typeof a.max !== 'number') return 'calibration';
    if (Math.abs(f(a.min) - t0) / span > TOL || Math.abs(f(a.max) - t1) / span > TOL)
      return 'calibration';
  }
  if (score.n_pred < score.n_truth) return 'separation: merged or missed';
  if (score.n_pred > score.n_truth) return 'separation: split or extra';
  if (score.names.total && score.names.correct < score.names.total) return 'legend/names';
  return 'tracing';
}

function main() {
  const { values } = parseArgs({
    options: {
      truth: { type: 'string' },
      pred: { type: 'string' },
      scores: { type: 'string' },
      below: { type: 'string', default: '0.95' },
      examples: { type: 'string', default: '3' },
    },
  });
  if (!values.truth || !values.pred || !values.scores) {
    console.error(
      'usage: node bench/zoo/failures.mjs --truth ZOO_DIR --pred PRED_DIR --scores SCORES.json',
    );
    console.error('       (SCORES.json: node bench/zoo/score.mjs ... --json SCORES.json)');
    return 2;
  }
  const scores = JSON.parse(readFileSync(values.scores, 'utf8')).charts;
  const log = new Map();
  const logFile = join(values.pred, 'digitize-log.jsonl');
  if (existsSync(logFile)) {
    for (const line of readFileSync(logFile, 'utf8').split('\n').filter(Boolean)) {
      const entry = JSON.parse(line);
      log.set(entry.path.replace(/^.*\//, '').replace(/\.[^.]+$/, ''), entry);
    }
  }
  const below = Number(values.below);
  const stages = new Map();
  for (const s of scores) {
    if (s.score >= below) continue;
    const truth = JSON.parse(readFileSync(join(values.truth, `${s.id}.truth.json`), 'utf8'));
    const file = join(values.pred, `${s.id}.json`);
    const pred = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
    let stage = classify(truth, pred, s);
    if (stage === 'failed') stage = `failed: ${log.get(s.id)?.code ?? 'no output'}`;
    const engine = s.tags.find((t) => t.startsWith('engine:')).slice(7);
    if (!stages.has(stage)) stages.set(stage, []);
    stages.get(stage).push({ id: s.id, engine, score: s.score, tags: s.tags });
  }
  const n = Number(values.examples);
  const engines = ENGINES.filter((e) => scores.some((s) => s.tags.includes(`engine:${e}`)));
  console.log(
    `charts under ${below}: ${[...stages.values()].reduce((a, l) => a + l.length, 0)} of ${scores.length}\n`,
  );
  for (const [stage, list] of [...stages.entries()].sort((a, b) => b[1].length - a[1].length)) {
    const mean = list.reduce((a, c) => a + c.score, 0) / list.length;
    const perEngine = engines
      .map((e) => `${e} ${list.filter((c) => c.engine === e).length}`)
      .join(', ');
    console.log(`${stage}: ${list.length} charts (mean score ${mean.toFixed(3)}; ${perEngine})`);
    const families = new Map();
    for (const c of list) families.set(c.tags[0], (families.get(c.tags[0]) ?? 0) + 1);
    console.log(
      `  families: ${[...families.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([f, k]) => `${f} ${k}`)
        .join(', ')}`,
    );
    const worst = [...list].sort((a, b) => a.score - b.score);
    // examples from different engines first
    const picked = [];
    for (const e of engines) {
      const c = worst.find((w) => w.engine === e);
      if (c && picked.length < n) picked.push(c);
    }
    console.log(
      `  e.g. ${picked.map((c) => `${c.id} (${c.tags.slice(0, 4).join(' ')}, ${c.score.toFixed(2)})`).join('; ')}`,
    );
  }
  return 0;
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main();
}
