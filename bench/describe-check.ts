/**
 * Checks the facts of the descriptions (`describeChart`) of digitized charts against their
 * truth files, and prints how many hold:
 *
 *   npx tsx bench/describe-check.ts --truth DIR --pred DIR [--verbose]
 *
 * For every `<id>.truth.json` (format in ../shared/charts/README.md) with a `<id>.json` result:
 * - values at the x ticks: within the y axis' rounding step of the truth, read on the line
 *   drawn through the truth points (log units on a log axis);
 * - "higher" and "level" claims, one per stretch: at each x compared (markers), or at 100
 *   places inside each stretch of lines (its ends less the x axis' step), the truth puts the
 *   same series above (level: within two steps);
 * - crossings: the truth's difference changes sign (or is 0) between the x before and the x
 *   after, widened by the x axis' step;
 * - each series' maximum and minimum: within a step of the truth's;
 * - colour names: the name of the colour read is the name of the colour drawn;
 * - line styles (bare lines): as drawn; legend places: as matplotlib's `legend_loc` puts them.
 * Series are paired by name, or by nearest colour where there is no legend.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { colorName } from '../src/describe/colorName.js';
import { describeChart } from '../src/describe/describeChart.js';
import type { ChartFacts } from '../src/describe/facts.js';
import { fromAxis, stepAt, toAxis } from '../src/describe/resolution.js';
import type { ChartResult } from '../src/types.js';

interface TruthSeries {
  name: string | null;
  color: string;
  linestyle: string;
  x: number[];
  y: number[];
}

interface Truth {
  id: string;
  x_scale: 'linear' | 'log';
  y_scale: 'linear' | 'log';
  series: TruthSeries[];
  meta: { legend_loc: string | null };
}

const LEGEND_WORDS: Record<string, string> = {
  'lower right': 'bottom-right corner',
  'lower left': 'bottom-left corner',
  'upper right': 'top-right corner',
  'upper left': 'top-left corner',
  'center right': 'right',
  'center left': 'left',
  'upper center': 'top',
  'lower center': 'bottom',
};

const args = process.argv.slice(2);
const truthDir = args[args.indexOf('--truth') + 1];
const predDir = args[args.indexOf('--pred') + 1];
const verbose = args.includes('--verbose');

const tally = new Map<string, { ok: number; all: number }>();
const check = (kind: string, ok: boolean, detail: () => string) => {
  const t = tally.get(kind) ?? { ok: 0, all: 0 };
  t.all += 1;
  if (ok) t.ok += 1;
  tally.set(kind, t);
  if (!ok && verbose) console.log(`  ${kind}: ${detail()}`);
};

for (const file of readdirSync(truthDir)
  .filter((f) => f.endsWith('.truth.json'))
  .sort()) {
  const truth = JSON.parse(readFileSync(join(truthDir, file), 'utf8')) as Truth;
  let result: ChartResult;
  try {
    result = JSON.parse(readFileSync(join(predDir, `${truth.id}.json`), 'utf8')) as ChartResult;
  } catch {
    continue;
  }
  if (verbose) console.log(truth.id);
  const facts = describeChart(result);
  const pairs = pairSeries(facts, truth);
  const yStep = (y: number) => stepAt({ scale: facts.axes.y.scale, ...facts.axes.y.resolution }, y);
  const truthAt = (s: TruthSeries, x: number) =>
    interpolate(
      s.x.map((v) => toAxis(truth.x_scale, v)),
      s.y.map((v) => toAxis(truth.y_scale, v)),
      toAxis(truth.x_scale, x),
    );
  const truthY = (s: TruthSeries, x: number) => {
    const u = truthAt(s, x);
    return u === null ? null : fromAxis(truth.y_scale, u);
  };

  const place = facts.legend?.place?.words;
  const loc = truth.meta.legend_loc;
  if (loc && LEGEND_WORDS[loc]) {
    check('legend place', place === LEGEND_WORDS[loc], () => `${place} for ${loc}`);
  }
  for (const [label, t] of pairs) {
    const s = facts.series.find((item) => item.label === label)!;
    check(
      'colour name',
      s.colorName === colorName(t.color),
      () => `${label}: ${s.colorName} (${s.color}) for ${colorName(t.color)} (${t.color})`,
    );
    if (s.marker === null) {
      check(
        'line style',
        s.lineStyle === t.linestyle,
        () => `${label}: ${s.lineStyle} for ${t.linestyle}`,
      );
    }
    for (const tick of s.atTicks) {
      const y = truthY(t, tick.x);
      if (y === null || tick.y === null) continue;
      check(
        'value at a tick',
        Math.abs(tick.y - y) <= yStep(y) * (1 + 1e-9),
        () => `${label} at ${tick.x}: ${tick.y} for ${y}`,
      );
    }
    const [max, min] = [Math.max(...t.y), Math.min(...t.y)];
    check(
      'maximum',
      Math.abs(s.maximum.y - max) <= yStep(max),
      () => `${label}: ${s.maximum.y} for ${max}`,
    );
    check(
      'minimum',
      Math.abs(s.minimum.y - min) <= yStep(min),
      () => `${label}: ${s.minimum.y} for ${min}`,
    );
  }
  for (const c of facts.comparisons) {
    const [a, b] = [pairs.get(c.a), pairs.get(c.b)];
    if (!a || !b) continue;
    const diffAt = (x: number) => {
      const [ya, yb] = [truthAt(a, x), truthAt(b, x)];
      return ya === null || yb === null ? null : ya - yb;
    };
    const xStep = (x: number) =>
      stepAt({ scale: facts.axes.x.scale, ...facts.axes.x.resolution }, x);
    const samples = (from: number, to: number) =>
      to < from ? [] : Array.from({ length: 100 }, (_, k) => from + ((to - from) * k) / 99);
    for (const stretch of c.stretches) {
      // A stretch's ends are as precise as the x axis is stated: its inside is what it claims.
      const xs =
        stretch.xs ?? samples(stretch.from + xStep(stretch.from), stretch.to - xStep(stretch.to));
      const holds = xs.flatMap((x) => {
        const d = diffAt(x);
        if (d === null) return [];
        const y = fromAxis(truth.y_scale, truthAt(a, x)!);
        const tolerance = toAxis(truth.y_scale, y + 2 * yStep(y)) - toAxis(truth.y_scale, y);
        return [
          stretch.higher === null
            ? Math.abs(d) <= tolerance
            : (stretch.higher === c.a ? d : -d) > 0,
        ];
      });
      if (holds.length === 0) continue;
      check(
        stretch.higher === null ? 'level claim' : 'higher claim',
        holds.every(Boolean),
        () =>
          `${stretch.higher ?? 'level'} (${c.a} vs ${c.b}) from ${stretch.from} to ${stretch.to}: fails at ${holds.filter((h) => !h).length} of ${holds.length} places`,
      );
    }
    for (const k of c.crossings) {
      const d = samples(k.after - xStep(k.after), k.before + xStep(k.before)).flatMap((x) => {
        const value = diffAt(x);
        return value === null ? [] : [value];
      });
      check(
        'crossing',
        d.length > 0 && Math.max(...d) >= 0 && Math.min(...d) <= 0,
        () =>
          `${c.a} x ${c.b} at ${k.x} (between ${k.after} and ${k.before}): truth from ${Math.min(...d)} to ${Math.max(...d)}`,
      );
    }
  }
}

for (const [kind, { ok, all }] of tally) {
  console.log(
    `${kind.padEnd(16)} ${String(ok).padStart(5)} / ${String(all).padEnd(5)} ${(ok / all).toFixed(3)}`,
  );
}

/** Each described series' truth: by name, or by nearest colour without names. */
function pairSeries(facts: ChartFacts, truth: Truth): Map<string, TruthSeries> {
  const pairs = new Map<string, TruthSeries>();
  const free = [...truth.series];
  for (const s of facts.series) {
    let k = free.findIndex(
      (t) => t.name !== null && t.name.toLowerCase() === s.name?.toLowerCase(),
    );
    if (k < 0 && s.name === null) {
      const distance = (t: TruthSeries) => {
        const [p, q] = [hex(t.color), hex(s.color)];
        return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
      };
      k = free.reduce(
        (best, t, i) => (best < 0 || distance(t) < distance(free[best]) ? i : best),
        -1,
      );
    }
    if (k >= 0) pairs.set(s.label, free.splice(k, 1)[0]);
  }
  return pairs;
}

function hex(color: string): number[] {
  return [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
}

/** Linear interpolation in ascending xs; null outside them. */
function interpolate(xs: number[], ys: number[], x: number): number | null {
  if (x < xs[0] - 1e-9 || x > xs[xs.length - 1] + 1e-9) return null;
  for (let i = 1; i < xs.length; i++) {
    if (x <= xs[i] + 1e-9) {
      const t = xs[i] === xs[i - 1] ? 0 : (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
      return ys[i - 1] + t * (ys[i] - ys[i - 1]);
    }
  }
  return ys[ys.length - 1];
}
