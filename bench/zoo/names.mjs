#!/usr/bin/env node
/**
 * Sorts every wrong or missing series name of a scored zoo run by its cause:
 *
 *   node bench/zoo/names.mjs --truth ZOO_DIR --pred PRED_DIR --scores SCORES.json [--examples 4]
 *                            [--list CAUSE] [--json OUT.json]
 *
 * A truth series with a name whose paired prediction does not carry that name (as the scorer
 * compares them: lower-cased, spaces folded, end punctuation dropped) is put under one cause:
 * - `series missing`: the truth series was paired with no predicted series;
 * - `no legend found`: no name at all and the prediction reports no legend;
 * - `entry missed`: a legend was found but this series got no name;
 * - `swap`: the name is another truth series' name (read right, given to the wrong series);
 *   `name fits its colour` where the predicted series is drawn in the named series' colour (the
 *   name went with its ink; the scorer paired the trace with another truth series: a tracing
 *   fault), else split by whether the two series' colours, as drawn (grey where the chart was
 *   greyed), are alike (`alike colours`: only a marker or dash tells them apart) or not;
 * - `swap+misread`: the name is nearer another series' name than this one's;
 * - `misread`: within a small edit distance of the truth name, split by what differs: spaces,
 *   punctuation, digits against letters, `l`/`I`/`1`, truncated (a prefix of the truth),
 *   extended (the truth plus more), other letters;
 * - `merged`: the prediction holds the truth name and other text (two entries read as one, a
 *   legend title);
 * - `other`: none of the above (a wrong text block read as the entry).
 * Prints counts per cause, per cause and whether the truth's curves run through the legend box
 * found, per cause and engine, per cause and state, the commonest character
 * substitutions of the misreads, and examples.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** As the scorer compares names (../shared/bench/score.mjs normText). */
export function normText(s) {
  if (s === null || s === undefined) return null;
  let t = String(s)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2212\u2012\u2013]/g, '-');
  t = t.replace(/\s+/g, ' ').trim();
  t = t.replace(/^[\p{P}\s]+/u, '').replace(/[\p{P}\s]+$/u, '');
  return t;
}

/** Levenshtein distance and the edit operations ([from, to], '' for an insertion/deletion). */
export function edits(a, b) {
  const A = [...a],
    B = [...b];
  const d = Array.from({ length: A.length + 1 }, (_, i) =>
    Array.from({ length: B.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= A.length; i++) {
    for (let j = 1; j <= B.length; j++) {
      d[i][j] = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1),
      );
    }
  }
  const ops = [];
  let i = A.length,
    j = B.length;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i][j] === d[i - 1][j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1)) {
      if (A[i - 1] !== B[j - 1]) ops.push([A[i - 1], B[j - 1]]);
      i--;
      j--;
    } else if (i > 0 && d[i][j] === d[i - 1][j] + 1) {
      ops.push([A[i - 1], '']);
      i--;
    } else {
      ops.push(['', B[j - 1]]);
      j--;
    }
  }
  return { dist: d[A.length][B.length], ops: ops.reverse() };
}

const hex = (c) => {
  const m = /^#?([0-9a-f]{6})$/i.exec(c ?? '');
  if (!m) return null;
  const v = parseInt(m[1], 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
};
const grey = ([r, g, b]) => 0.299 * r + 0.587 * g + 0.114 * b;

/** Whether two truth series look alike in colour as the chart finally shows them. */
function alikeColours(s1, s2, greyed) {
  const a = hex(s1.color),
    b = hex(s2.color);
  if (!a || !b) return null;
  if (greyed) return Math.abs(grey(a) - grey(b)) < 30;
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) < 60;
}

/** Whether colour `c` is nearer series `a`'s colour than series `b`'s. */
function nearerColour(c, a, b, greyed) {
  const [x, y, z] = [hex(c), hex(a.color), hex(b.color)];
  if (!x || !y || !z) return false;
  const dist = (p, q) =>
    greyed ? Math.abs(grey(p) - grey(q)) : Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
  return dist(x, y) < dist(x, z);
}

/**
 * Whether the truth's data run through the legend box found: a curve drawn over the entries'
 * text (the zoo places legends anywhere). Points interpolated along each series in pixels.
 */
export function dataCrossLegend(truth, box) {
  if (!box || !truth.plot_area_px || !truth.x_range || !truth.y_range) return null;
  const [l, t, r, b] = truth.plot_area_px;
  const axis = (range, scale, from, to) => {
    const f = scale === 'log' ? Math.log10 : (v) => v;
    const [a, c] = range.map(f);
    return (v) => from + ((f(v) - a) / (c - a)) * (to - from);
  };
  const px = axis(truth.x_range, truth.x_scale, l, r);
  const py = axis(truth.y_range, truth.y_scale, b, t);
  const inside = (x, y) => x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
  for (const s of truth.series) {
    for (let i = 1; i < s.x.length; i++) {
      const [x0, y0, x1, y1] = [px(s.x[i - 1]), py(s.y[i - 1]), px(s.x[i]), py(s.y[i])];
      if (![x0, y0, x1, y1].every(Number.isFinite)) continue;
      const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 2));
      for (let k = 0; k <= steps; k++) {
        if (inside(x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps)) return true;
      }
    }
  }
  return false;
}

/** The kind of a misread from its edit operations. */
export function misreadKind(truthName, predName, ops) {
  if (truthName.replace(/ /g, '') === predName.replace(/ /g, '')) return 'spaces';
  const strip = (s) => s.replace(/[\p{P}\p{S}\s]/gu, '');
  if (strip(truthName) === strip(predName)) return 'punctuation';
  if (truthName.startsWith(predName)) return 'truncated';
  if (predName.startsWith(truthName) || predName.endsWith(truthName)) return 'extended';
  const lI = (c) => 'li1|!j'.includes(c);
  if (ops.every(([x, y]) => x && y && lI(x) && lI(y))) return 'l/I/1';
  const digit = (c) => /\d/.test(c),
    letter = (c) => /\p{L}/u.test(c);
  if (ops.some(([x, y]) => x && y && ((digit(x) && letter(y)) || (letter(x) && digit(y)))))
    return 'digit/letter';
  return 'letters';
}

/** The cause of one wrong name (see the header), with a sub-kind. */
export function classifyName(truth, pred, pair) {
  const ts = truth.series[pair.truth];
  const want = normText(ts.name);
  if (pair.pred < 0) return ['series missing', ''];
  const got = normText(pair.pred_name);
  if (got === null || got === '') {
    const anyName = (pred?.series ?? []).some((s) => s.name);
    return pred?.legend || anyName ? ['entry missed', ''] : ['no legend found', ''];
  }
  const greyed = (truth.meta?.state ?? []).some((s) => s.op === 'grey');
  const others = truth.series.filter((_, i) => i !== pair.truth && truth.series[i].name != null);
  const same = others.find((s) => normText(s.name) === got);
  if (same) {
    const alike = alikeColours(ts, same, greyed);
    const style =
      ts.marker !== same.marker ? 'marker' : ts.linestyle !== same.linestyle ? 'dash' : 'none';
    // The predicted series drawn in the named series' colour: the name fits its ink, and the
    // scorer paired its trace with another truth series (a tracing or separation fault).
    const ps = pred?.series?.[pair.pred];
    const inked = ps && !alike ? nearerColour(ps.color, same, ts, greyed) : false;
    const how = inked
      ? 'name fits its colour, trace paired elsewhere'
      : `${alike === null ? '?' : alike ? 'alike colours' : 'distinct colours'}, differ by ${style}`;
    return ['swap', how];
  }
  const own = edits(want, got);
  const nearest = Math.min(...others.map((s) => edits(normText(s.name), got).dist), Infinity);
  if (nearest < own.dist && nearest <= Math.max(2, 0.3 * got.length)) return ['swap+misread', ''];
  if (own.dist <= Math.max(2, Math.ceil(0.3 * want.length)))
    return ['misread', misreadKind(want, got, own.ops)];
  if (got.includes(want))
    return [
      'merged',
      others.some((s) => got.includes(normText(s.name))) ? 'two entries' : 'other text',
    ];
  if (want.startsWith(got)) return ['misread', 'truncated'];
  return ['other', ''];
}

function main() {
  const { values: opt } = parseArgs({
    options: {
      truth: { type: 'string' },
      pred: { type: 'string' },
      scores: { type: 'string' },
      examples: { type: 'string', default: '4' },
      list: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const scores = JSON.parse(readFileSync(opt.scores, 'utf8'));
  const rows = [];
  let total = 0,
    correct = 0;
  for (const c of scores.charts) {
    const tp = join(opt.truth, `${c.id}.truth.json`);
    if (!existsSync(tp)) continue;
    const truth = JSON.parse(readFileSync(tp, 'utf8'));
    const pp = join(opt.pred, `${c.id}.json`);
    const pred = existsSync(pp) ? JSON.parse(readFileSync(pp, 'utf8')) : null;
    total += c.names.total;
    correct += c.names.correct;
    const engine = truth.meta?.engine ?? c.renderer;
    const state = (truth.meta?.state ?? []).map((s) => s.op).join('+') || 'plain';
    const place = truth.meta?.legend?.position ?? 'none';
    const pairs = c.pairs.length
      ? c.pairs
      : truth.series.map((_, i) => ({
          truth: i,
          pred: -1,
          pred_name: null,
          name_ok: truth.series[i].name == null ? null : false,
        }));
    for (const p of pairs) {
      if (p.name_ok !== false) continue;
      const [cause, kind] = classifyName(truth, pred, p);
      const want = truth.series[p.truth].name;
      const row = {
        id: c.id,
        engine,
        state,
        place,
        cause,
        kind,
        truth: want,
        pred: p.pred_name,
        score: c.score,
        crossed: dataCrossLegend(truth, pred?.legend?.box),
      };
      if (cause === 'misread')
        row.ops = edits(normText(want), normText(p.pred_name)).ops.map(
          ([a, b]) => `${a || '∅'}>${b || '∅'}`,
        );
      rows.push(row);
    }
  }
  console.log(
    `names ${correct}/${total} = ${(correct / Math.max(total, 1)).toFixed(4)}; wrong or missing ${rows.length}`,
  );
  const count = (key) => {
    const m = new Map();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  console.log('\n## by cause');
  for (const [k, n] of count((r) => r.cause)) console.log(`${String(n).padStart(5)}  ${k}`);
  console.log('\n## by cause and kind');
  for (const [k, n] of count((r) => `${r.cause}${r.kind ? `: ${r.kind}` : ''}`))
    console.log(`${String(n).padStart(5)}  ${k}`);
  const table = (label, key) => {
    const causes = count((r) => r.cause).map(([k]) => k);
    const cols = count(key).map(([k]) => k);
    console.log(`\n## cause by ${label}`);
    console.log(`| cause | ${cols.join(' | ')} |`);
    console.log(`|---|${cols.map(() => '---:').join('|')}|`);
    for (const cause of causes) {
      const line = cols.map(
        (col) => rows.filter((r) => r.cause === cause && key(r) === col).length,
      );
      console.log(`| ${cause} | ${line.join(' | ')} |`);
    }
  };
  table('data over the legend found', (r) =>
    r.crossed === null ? 'no legend box' : r.crossed ? 'crossed' : 'clear',
  );
  table('engine', (r) => r.engine);
  table('state', (r) => r.state);
  table('legend place', (r) => r.place);
  const subs = new Map();
  for (const r of rows.filter((x) => x.ops))
    for (const o of r.ops) subs.set(o, (subs.get(o) ?? 0) + 1);
  console.log('\n## misread edits (truth>read)');
  console.log(
    [...subs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
      .map(([k, n]) => `${k} ${n}`)
      .join(', '),
  );
  const ex = Number(opt.examples);
  console.log('\n## examples');
  for (const [k] of count((r) => `${r.cause}${r.kind ? `: ${r.kind}` : ''}`)) {
    const some = rows.filter((r) => `${r.cause}${r.kind ? `: ${r.kind}` : ''}` === k).slice(0, ex);
    console.log(
      `${k}: ${some.map((r) => `${r.id} ${JSON.stringify(r.truth)}->${JSON.stringify(r.pred)}`).join('; ')}`,
    );
  }
  if (opt.list) {
    const ids = [...new Set(rows.filter((r) => r.cause === opt.list).map((r) => r.id))];
    console.log(`\n## ${opt.list} (${ids.length} charts)\n${ids.join('\n')}`);
  }
  if (opt.json) writeFileSync(opt.json, JSON.stringify(rows, null, 1));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
