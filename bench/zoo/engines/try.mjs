#!/usr/bin/env node
/**
 * Tries the JavaScript engines on hand-written ChartSpecs and checks their truth against the
 * pixels, without the zoo's driver:
 *
 *   node bench/zoo/engines/try.mjs [--engines vegalite,chartjs,echarts,plotly] [--out DIR]
 *                                  [--only NAME,...] [--looks L1,L2|all] [--overlay]
 *
 * --pdf adds a `pdf` state (150 dpi) to every spec: the engine writes DIR/<id>.pdf and its
 * pdftoppm raster as the PNG, which is checked like any other.
 * --check ZOO_DIR measures a generated zoo's charts (images and truth files) instead.
 * --looks renders every chart in each of these looks (`all`: the engine's `looks`).
 * --random N [--seed S] renders N random specs per engine instead (every field sampled, looks
 * from the engine's list), to find layouts whose truth or drawing goes wrong.
 * For every chart it writes DIR/<id>.png and DIR/<id>.truth.json (the engine's extras), and
 * with --overlay DIR/<id>.overlay.png (truth points drawn as magenta crosses, mapped through
 * `plot_area_px` and the axis limits). It then measures, per series, how far the drawn
 * line is from the truth: in sampled pixel columns, the coverage-weighted centre row of the
 * series' colour minus the truth's row (lines); the coverage-weighted centre of each marker
 * minus the truth point (marker-only series). Medians in image pixels; the truth is right when
 * they stay well under a pixel.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

const { values: args } = parseArgs({
  options: {
    engines: { type: 'string', default: 'vegalite,chartjs,echarts' },
    out: { type: 'string', default: '/tmp/zoojs-try' },
    only: { type: 'string' },
    looks: { type: 'string' },
    random: { type: 'string' },
    seed: { type: 'string', default: '1' },
    overlay: { type: 'boolean', default: false },
    pdf: { type: 'boolean', default: false },
    check: { type: 'string' },
  },
});

/** A small deterministic PRNG (mulberry32), so the try charts repeat. */
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

const TAB10 = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2'];
const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));

function walk(rand, n, start, step) {
  let v = start;
  return range(n, () => {
    v += (rand() - 0.5) * step;
    return Number(v.toFixed(4));
  });
}

function series(name, color, x, y, extra = {}) {
  return {
    name,
    color,
    linestyle: 'solid',
    linewidth: 1.5,
    marker: null,
    markersize: 6,
    x,
    y,
    band: null,
    errors: null,
    ...extra,
  };
}

function base(id, extra) {
  return {
    id,
    look: 'default',
    family: 'lines',
    width: 800,
    height: 500,
    dpi: 100,
    font: { family: 'DejaVu Sans', size: 10 },
    title: 'Validation loss',
    x_label: 'Step',
    y_label: 'Loss',
    x: { scale: 'linear', format: 'plain', range: null },
    y: { scale: 'linear', format: 'plain', range: null },
    grid: true,
    ticks: 'out',
    frame: 'box',
    legend: {
      position: 'outside-right',
      title: 'Method',
      frame: false,
      columns: 1,
      order: 'sample-text',
    },
    state: [],
    ...extra,
  };
}

/** The hand-written specs: one per family or feature that needs its own mapping. */
function trySpecs() {
  const rand = prng(7);
  const xs = range(40, (i) => i * 25);
  const specs = [];
  specs.push(
    base('lines', {
      series: [0, 1, 2].map((k) =>
        series(['GRPO', 'MEL', 'PPO'][k], TAB10[k], xs, walk(rand, 40, 5 + k, 1)),
      ),
    }),
  );
  const mx = range(12, (i) => 1000 + i * 500);
  specs.push(
    base('markers', {
      family: 'markers',
      width: 640,
      height: 480,
      title: null,
      x: { scale: 'linear', format: 'thousands', range: null },
      legend: { position: 'top', title: null, frame: false, columns: 4 },
      series: ['o', '^', 's', 'x', 'D', 'v', '+', '*'].map((m, k) =>
        series(`m${m}`, TAB10[k % 7], mx, walk(rand, 12, 10 * k, 6), {
          marker: m,
          linestyle: 'none',
          markersize: 7,
        }),
      ),
    }),
  );
  specs.push(
    base('log', {
      family: 'log',
      y: { scale: 'log', format: 'pow10', range: null },
      frame: 'spines',
      legend: { position: 'inside-upper-right', title: null, frame: true, columns: 1 },
      series: [0, 1].map((k) =>
        series(
          `${10 ** (k + 1)}`,
          TAB10[k],
          xs,
          xs.map((x, i) => 10 ** (-3 + (x / 1000) * (2 + k) + 0.2 * Math.sin(i))),
          { marker: k ? 'o' : null },
        ),
      ),
    }),
  );
  const days = range(30, (i) => new Date(Date.UTC(2021, 0, 1) + i * 13 * 86400e3));
  specs.push(
    base('dates', {
      family: 'dates',
      x: { scale: 'time', format: 'plain', range: null },
      y: { scale: 'linear', format: 'si', range: null },
      x_label: null,
      legend: { position: 'bottom', title: 'Region', frame: false, columns: 3 },
      series: [0, 1, 2].map((k) =>
        series(
          ['North', 'South', 'East'][k],
          TAB10[k + 3],
          days.map((d) => d.toISOString().slice(0, 10)),
          walk(rand, 30, 2e6 * (k + 1), 6e5),
        ),
      ),
    }),
  );
  const cats = ['7B', '13B', '34B', '70B', '180B'];
  specs.push(
    base('categories', {
      family: 'categories',
      x: { scale: 'category', format: 'plain', range: null, categories: cats },
      y: { scale: 'linear', format: 'decimals', range: null },
      legend: { position: 'inside-lower-right', title: null, frame: true, columns: 1 },
      series: [0, 1].map((k) =>
        series(['base', 'chat'][k], TAB10[k], [0, 1, 2, 3, 4], walk(rand, 5, 0.5, 0.2), {
          marker: ['o', 's'][k],
        }),
      ),
    }),
  );
  const bx = range(200, (i) => i);
  specs.push(
    base('band', {
      family: 'band',
      legend: { position: 'inside-upper-left', title: null, frame: true, columns: 1 },
      series: [0, 1].map((k) => {
        const y = walk(rand, 200, 3 * k, 0.4);
        return series(['A', 'B'][k], TAB10[k], bx, y, {
          linewidth: 1,
          band: { lo: y.map((v) => v - 0.5), hi: y.map((v) => v + 0.5), alpha: 0.2 },
        });
      }),
    }),
  );
  const ex = range(10, (i) => i * 2);
  specs.push(
    base('errorbars', {
      family: 'errorbars',
      y: { scale: 'linear', format: 'percent', range: null },
      legend: { position: 'inside-lower-left', title: null, frame: false, columns: 1 },
      series: [0, 1].map((k) =>
        series(['ours', 'baseline'][k], TAB10[k], ex, walk(rand, 10, 60 + 10 * k, 8), {
          marker: 'o',
          errors: range(10, () => 1 + 3 * rand()),
        }),
      ),
    }),
  );
  specs.push(
    base('mono', {
      family: 'mono',
      width: 500,
      height: 400,
      dpi: 200,
      ticks: 'in4',
      frame: 'box',
      legend: { position: 'inside-upper-left', title: null, frame: false, columns: 1 },
      series: ['solid', 'dashed', 'dotted', 'dashdot'].map((ls, k) =>
        series(`run ${k + 1}`, '#000000', xs, walk(rand, 40, 3 * k, 1), { linestyle: ls }),
      ),
    }),
  );
  const dx = range(1500, (i) => i * 10);
  specs.push(
    base('many', {
      family: 'many',
      width: 1400,
      height: 800,
      font: { family: 'Liberation Serif', size: 12 },
      y: { scale: 'linear', format: 'sci', range: null },
      x: { scale: 'linear', format: 'si', range: null },
      frame: 'panel',
      series: range(10, (k) =>
        series(`s${k}`, `hsl(${k * 36}, 70%, 45%)`, dx, walk(rand, 1500, k * 1e-3, 2e-4), {
          linewidth: 0.8,
        }),
      ).map((s) => ({ ...s, color: hslToHex(s.color) })),
    }),
  );
  specs.push(
    base('range', {
      family: 'lines',
      width: 300,
      height: 260,
      font: { family: 'Lato', size: 8 },
      title: null,
      x_label: null,
      y_label: null,
      x: { scale: 'linear', format: 'plain', range: [-100, 1100] },
      y: { scale: 'linear', format: 'plain', range: [-20, 20] },
      grid: false,
      legend: null,
      series: [series('only', '#777777', xs, walk(rand, 40, -5, 3), { linewidth: 2 })],
    }),
  );
  // Marker-only series on the other x scales: the marker centres check the x mapping too.
  const markerOnly = (name, color, x, y, marker) =>
    series(name, color, x, y, { marker, linestyle: 'none', markersize: 7 });
  const months = range(20, (i) => new Date(Date.UTC(2019, 0, 1) + i * 55 * 86400e3));
  specs.push(
    base('xdates', {
      family: 'dates',
      x: { scale: 'time', format: 'plain', range: null },
      legend: { position: 'top', title: null, frame: false, columns: 2 },
      series: [0, 1].map((k) =>
        markerOnly(
          ['a', 'b'][k],
          TAB10[k],
          months.map((d) => d.toISOString().slice(0, 10)),
          walk(rand, 20, 5 * k, 3),
          ['o', 's'][k],
        ),
      ),
    }),
  );
  specs.push(
    base('xlog', {
      family: 'log',
      x: { scale: 'log', format: 'pow10', range: null },
      legend: { position: 'inside-lower-right', title: null, frame: true, columns: 1 },
      series: [0, 1].map((k) =>
        markerOnly(
          ['a', 'b'][k],
          TAB10[k + 2],
          range(15, (i) => Number((10 ** (i / 4 + k / 8)).toPrecision(6))),
          walk(rand, 15, 5 * k, 3),
          ['o', 'D'][k],
        ),
      ),
    }),
  );
  const labels = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'];
  specs.push(
    base('xcats', {
      family: 'categories',
      x: { scale: 'category', format: 'plain', range: null, categories: labels },
      legend: { position: 'outside-right', title: 'Year', frame: false, columns: 1 },
      series: [0, 1].map((k) =>
        markerOnly(
          ['2023', '2024'][k],
          TAB10[k + 4],
          [0, 1, 2, 3, 4, 5],
          walk(rand, 6, 5 * k, 3),
          ['o', 's'][k],
        ),
      ),
    }),
  );
  return specs;
}

/** A random ChartSpec over every field the JS engines map (not the zoo's sampler). */
function randomSpec(rand, id, looks) {
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const xScale = pick(['linear', 'linear', 'log', 'time', 'category']);
  const yScale = pick(['linear', 'linear', 'linear', 'log']);
  const n = pick([1, 2, 3, 4, 6, 10]);
  const points = xScale === 'category' ? pick([3, 5, 8]) : pick([5, 12, 40, 300, 1500]);
  const mono = rand() < 0.2;
  const markers = points <= 40 && rand() < 0.6;
  const cats = range(points, (i) => `c${i}`);
  const x0 = xScale === 'log' ? 1 : pick([0, -50, 1000]);
  let day = 0;
  const xs = range(points, (i) => {
    if (xScale === 'log') return Number((10 ** ((i / points) * 4)).toPrecision(6));
    if (xScale === 'time') {
      day += pick([1, 7, 30]);
      return new Date(Date.UTC(2015, 0, 1) + day * 86400e3).toISOString().slice(0, 10);
    }
    if (xScale === 'category') return i;
    return x0 + i * 10;
  });
  const scaleY = pick([1e-3, 1, 100, 1e5]);
  const family = pick(['lines', 'band', 'errorbars', 'mono', 'many']);
  const list = range(n, (k) => {
    let y = walk(rand, points, k * 2, 1).map((v) => v * scaleY);
    if (yScale === 'log') y = y.map((v, i) => 10 ** (v / scaleY / 5 + (i / points) * 2 - 2));
    const band = family === 'band' && yScale === 'linear' && k < 3;
    const err = family === 'errorbars' && yScale === 'linear' && points <= 40;
    return series(`${pick(['run', 'model', ''])}${k + 1}`, mono ? '#222222' : TAB10[k % 7], xs, y, {
      linestyle: mono
        ? ['solid', 'dashed', 'dotted', 'dashdot'][k % 4]
        : pick(['solid', 'solid', 'dashed']),
      linewidth: pick([0.8, 1.5, 2.5]),
      marker: markers ? pick(['o', '^', 'v', 's', 'D', 'x', '+', '*']) : null,
      markersize: pick([4, 6, 8]),
      band: band
        ? { lo: y.map((v) => v - 0.4 * scaleY), hi: y.map((v) => v + 0.4 * scaleY), alpha: 0.2 }
        : null,
      errors: err ? y.map(() => 0.3 * scaleY * rand()) : null,
    });
  });
  if (markers && rand() < 0.3) list[0].linestyle = 'none';
  return base(id, {
    look: pick(looks),
    family,
    width: pick([300, 480, 800, 1200, 2000]),
    height: pick([240, 400, 600, 900]),
    dpi: pick([72, 100, 100, 150, 200]),
    font: {
      family: pick(['DejaVu Sans', 'Liberation Serif', 'Lato', 'Roboto', 'Carlito', 'Open Sans']),
      size: pick([8, 10, 12, 14]),
    },
    title: rand() < 0.6 ? 'Accuracy over time' : null,
    x_label: rand() < 0.7 ? 'Step' : null,
    y_label: rand() < 0.7 ? 'Score' : null,
    x: {
      scale: xScale,
      format:
        xScale === 'linear' || xScale === 'log'
          ? pick(['plain', 'thousands', 'si', 'decimals', 'pow10', 'sci'])
          : 'plain',
      range: null,
      ...(xScale === 'category' ? { categories: cats } : {}),
    },
    y: {
      scale: yScale,
      format: pick(['plain', 'decimals', 'thousands', 'si', 'percent', 'sci', 'pow10']),
      range: null,
    },
    grid: rand() < 0.6,
    ticks: pick(['out', 'in', 'in4', 'none']),
    frame: pick(['box', 'spines', 'none', 'panel']),
    legend:
      n > 1 || rand() < 0.3
        ? {
            position: pick([
              'inside-upper-right',
              'inside-upper-left',
              'inside-lower-left',
              'inside-lower-right',
              'inside-best',
              'outside-right',
              'top',
              'bottom',
            ]),
            title: rand() < 0.3 ? 'Method' : null,
            frame: rand() < 0.5,
            columns: pick([1, 1, 2, 3]),
          }
        : null,
    series: list,
  });
}

function hslToHex(hsl) {
  const [h, s, l] = hsl.match(/[\d.]+/g).map(Number);
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n) => {
    const k = (n + h / 30) % 12;
    const c = l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

function decimalYearToMs(v) {
  const year = Math.floor(v);
  const start = Date.UTC(year, 0, 1);
  return start + (v - year) * (Date.UTC(year + 1, 0, 1) - start);
}

/** Maps a truth value to a continuous image coordinate through the plot box and limits. */
function mapper(truth) {
  const [left, top, right, bottom] = truth.plot_area_px;
  // Dates are linear in time, not in decimal years (years differ in length): via ms.
  const t = (scale) =>
    scale === 'log' ? Math.log10 : scale === 'time' ? decimalYearToMs : (v) => v;
  const fx = t(truth.x_scale);
  const fy = t(truth.y_scale);
  const [x0, x1] = truth.x_range.map(fx);
  const [y0, y1] = truth.y_range.map(fy);
  return {
    px: (x) => left + ((fx(x) - x0) / (x1 - x0)) * (right - left),
    py: (y) => bottom - ((fy(y) - y0) / (y1 - y0)) * (bottom - top),
  };
}

const hexRgb = (hex) => [1, 3, 5].map((k) => Number.parseInt(hex.slice(k, k + 2), 16));

/**
 * Coverage of a pixel by a colour over the background: the pixel's projection on the segment
 * background -> colour, zero when the pixel is far off that segment (another colour).
 */
function coverage(pixel, color, bg) {
  const d = color.map((c, k) => c - bg[k]);
  const p = pixel.map((c, k) => c - bg[k]);
  const dd = d.reduce((s, v) => s + v * v, 0);
  if (dd < 900) return 0;
  const t = p.reduce((s, v, k) => s + v * d[k], 0) / dd;
  if (t < 0.25) return 0;
  const off = p.map((v, k) => v - t * d[k]);
  return Math.hypot(...off) > 40 ? 0 : Math.min(1, t);
}

const median = (a) => {
  if (!a.length) return Number.NaN;
  const s = [...a].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)];
};

/** Per-series pixel offsets of the drawing from the truth (see the header). */
async function check(pngPath, truth) {
  const { data, info } = await sharp(pngPath)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (c, r) => {
    const o = (r * info.width + c) * 3;
    return [data[o], data[o + 1], data[o + 2]];
  };
  const [left, top, right, bottom] = truth.plot_area_px;
  // The plot's background: the most common colour inside the plot box.
  const counts = new Map();
  for (let r = Math.ceil(top) + 2; r < bottom - 2; r += 3) {
    for (let c = Math.ceil(left) + 2; c < right - 2; c += 3) {
      const key = at(c, r).join(',');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const bg = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])[0][0]
    .split(',')
    .map(Number);
  const { px, py } = mapper(truth);
  const out = [];
  for (const s of truth.series) {
    // A colour shared with another series (mono charts) cannot be told apart by colour here.
    if (truth.series.filter((t) => t.color === s.color).length > 1) continue;
    const color = hexRgb(s.color);
    const xs = s.x.map(px);
    const ys = s.y.map(py);
    const line = s.linestyle === 'solid';
    const errs = [];
    if (line) {
      for (
        let c = Math.ceil(Math.max(left + 3, xs[0]));
        c < Math.min(right - 3, xs.at(-1));
        c += 2
      ) {
        const x = c + 0.5;
        let k = 0;
        while (k + 2 < xs.length && xs[k + 1] < x) k++;
        const y = ys[k] + ((x - xs[k]) / (xs[k + 1] - xs[k])) * (ys[k + 1] - ys[k]);
        // Only where the line is near flat around this column: a steep stretch spreads over
        // more rows than the window.
        const y0 = ys[k] + ((x - 2 - xs[k]) / (xs[k + 1] - xs[k])) * (ys[k + 1] - ys[k]);
        const lo = Math.min(...ys.slice(Math.max(0, k - 1), k + 3));
        const hi = Math.max(...ys.slice(Math.max(0, k - 1), k + 3));
        if (Math.abs(y - y0) > 2 || (xs[k + 1] - xs[k] < 2 && hi - lo > 2)) continue;
        let sw = 0;
        let sr = 0;
        for (let r = Math.floor(y - 6); r <= y + 6; r++) {
          if (r < top || r >= bottom) continue;
          const w = coverage(at(c, r), color, bg);
          sw += w;
          sr += w * (r + 0.5);
        }
        if (sw > 0.8) errs.push(sr / sw - y);
      }
      out.push({
        series: s.name ?? s.color,
        kind: 'line dy',
        n: errs.length,
        median: median(errs),
      });
    } else if (s.linestyle === 'none' && s.marker) {
      const dxs = [];
      const dys = [];
      const rad = Math.round(0.6 * 6 * (4 / 3) * (info.width / truth.width || 1)) + 3;
      for (let k = 0; k < xs.length; k++) {
        let sw = 0;
        let sx = 0;
        let sy = 0;
        for (let r = Math.floor(ys[k] - rad); r <= ys[k] + rad; r++) {
          for (let c = Math.floor(xs[k] - rad); c <= xs[k] + rad; c++) {
            if (r < 0 || c < 0 || r >= info.height || c >= info.width) continue;
            const w = coverage(at(c, r), color, bg);
            sw += w;
            sx += w * (c + 0.5);
            sy += w * (r + 0.5);
          }
        }
        if (sw > 2) {
          dxs.push(sx / sw - xs[k]);
          dys.push(sy / sw - ys[k]);
        }
      }
      out.push({
        series: s.name ?? s.color,
        kind: `marker ${s.marker} dx,dy`,
        n: dxs.length,
        median: [median(dxs), median(dys)],
      });
    }
  }
  return out;
}

/** The PNG with the truth points drawn over it, for looking at. */
async function overlay(pngPath, truth, outPath) {
  const { px, py } = mapper(truth);
  const meta = await sharp(pngPath).metadata();
  const [left, top, right, bottom] = truth.plot_area_px;
  let marks = `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#00ff00" stroke-width="0.5"/>`;
  for (const s of truth.series) {
    s.x.forEach((x, k) => {
      const cx = px(x);
      const cy = py(s.y[k]);
      marks += `<path d="M${cx - 3},${cy}H${cx + 3}M${cx},${cy - 3}V${cy + 3}" stroke="#ff00ff" stroke-width="0.6"/>`;
    });
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${meta.width}" height="${meta.height}">${marks}</svg>`;
  await sharp(pngPath)
    .composite([{ input: Buffer.from(svg) }])
    .toFile(outPath);
}

/** Prints the per-series offsets of every chart of a zoo directory, and a summary. */
async function checkZoo(dir) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.truth.json')).sort();
  const worst = [];
  for (const file of files) {
    const truth = JSON.parse(await readFile(join(dir, file), 'utf8'));
    if (!truth.plot_area_px) continue;
    const rows = await check(join(dir, truth.image), truth);
    for (const row of rows) {
      const m = Array.isArray(row.median)
        ? Math.max(...row.median.map(Math.abs))
        : Math.abs(row.median);
      if (row.n >= 20) worst.push({ id: truth.id, renderer: truth.renderer, ...row, m });
    }
  }
  worst.sort((a, b) => b.m - a.m);
  console.log(
    `${files.length} charts, ${worst.length} series measured (20+ samples); largest offsets:`,
  );
  for (const w of worst.slice(0, 12)) {
    const signed = [w.median].flat().map((v) => v.toFixed(2));
    console.log(`  ${w.id} ${w.renderer} ${w.series}: ${w.kind} n=${w.n} median ${signed} px`);
  }
}

if (args.check) {
  await checkZoo(args.check);
  process.exit(0);
}
await mkdir(args.out, { recursive: true });
let specs = trySpecs();
if (args.only) specs = specs.filter((s) => args.only.split(',').includes(s.id));
for (const engine of args.engines.split(',')) {
  const { render, looks } = await import(`./${engine}.mjs`);
  if (args.random) {
    const rand = prng(Number(args.seed) * 7919 + engine.length);
    specs = range(Number(args.random), (i) => randomSpec(rand, `r${i}`, looks));
  }
  const lookList = args.looks ? (args.looks === 'all' ? looks : args.looks.split(',')) : [null];
  const mine = lookList.flatMap((look) =>
    specs.map((s) => ({
      ...s,
      id: `${engine}-${s.id}${look ? `-${look}` : ''}`,
      engine,
      look: look ?? s.look,
      state: args.pdf ? [{ op: 'pdf', dpi: 150 }] : s.state,
    })),
  );
  const t0 = performance.now();
  const results = await render(mine, args.out);
  const ms = (performance.now() - t0) / mine.length;
  console.log(`${engine}: ${mine.length} charts, ${ms.toFixed(0)} ms per chart`);
  for (const r of results) {
    if (r.error) {
      console.log(`  ${r.id}: ERROR ${r.error}`);
      continue;
    }
    await writeFile(join(args.out, `${r.id}.truth.json`), JSON.stringify(r.extras, null, 1));
    if (args.overlay) await overlay(r.png, r.extras, join(args.out, `${r.id}.overlay.png`));
    const rows = await check(r.png, r.extras);
    const fmt = (v) => (Array.isArray(v) ? v.map((u) => u.toFixed(2)).join(',') : v.toFixed(2));
    console.log(
      `  ${r.id}: x ${r.extras.x_range.map((v) => +v.toFixed(4))} y ${r.extras.y_range.map((v) => +v.toPrecision(5))} box ${r.extras.plot_area_px.map((v) => +v.toFixed(1))}`,
    );
    for (const row of rows)
      console.log(`    ${row.series}: ${row.kind} n=${row.n} median ${fmt(row.median)}`);
  }
}
