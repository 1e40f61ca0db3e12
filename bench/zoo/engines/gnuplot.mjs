/**
 * gnuplot engine of the zoo (Debian's gnuplot-nox): one gnuplot script per batch, one chart after
 * another with `reset` between them. The truth is gnuplot's own: the axis limits it used
 * (GPVAL_X_MIN ... GPVAL_Y_MAX, dates in seconds since 1970) and the plot box in terminal
 * coordinates (GPVAL_TERM_XMIN ... GPVAL_TERM_YMAX).
 *
 * Terminal coordinates to image pixels (measured on hairlines drawn at known data): png
 * (libgd), pngcairo and pdfcairo all draw terminal coordinate u at u + 0.5 units from the left
 * and v at v + 0.5 units from the bottom, in pixels (png, pngcairo) or points (pdfcairo).
 *
 * Looks: `pngcairo` (anti-aliased, dash types) and `png` (libgd: no anti-aliasing, no dashes).
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { probe } from './process.mjs';

export const looks = ['pngcairo', 'png'];

/** gnuplot point types of the spec's (matplotlib) marker letters. */
const POINT_TYPES = { '+': 1, x: 2, '*': 3, s: 5, o: 7, '^': 9, v: 11, D: 13 };
const DASH_TYPES = { solid: 1, dashed: 2, dotted: 3, dashdot: 4 };
const KEY_PLACE = {
  'inside-upper-right': 'inside top right',
  'inside-upper-left': 'inside top left',
  'inside-lower-right': 'inside bottom right',
  'inside-lower-left': 'inside bottom left',
  'inside-best': 'inside top right',
  'outside-right': 'outside right top vertical',
  top: 'outside center top horizontal',
  bottom: 'outside center bottom horizontal',
};
/** Charts per gnuplot process (a failing chart ends its process: the rest go to a new one). */
const MS_PER_CHART = 30_000;

/** True when gnuplot and pdftoppm can be run, else why not. */
export async function available() {
  const gp = await probe('gnuplot', ['-e', 'set terminal pngcairo']);
  return gp === true ? probe('pdftoppm', ['-v']) : gp;
}

/** A gnuplot single-quoted string ('' is a quote inside). */
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;

/** Seconds since 1970 of an ISO date (midnight UTC), as gnuplot's time axes count. */
const isoSeconds = (iso) => Date.parse(`${iso}T00:00:00Z`) / 1000;

/** Calendar decimal year of seconds since 1970. */
function secondsToDecimalYear(seconds) {
  const ms = seconds * 1000;
  const year = new Date(ms).getUTCFullYear();
  const start = Date.UTC(year, 0, 1);
  return year + (ms - start) / (Date.UTC(year + 1, 0, 1) - start);
}

/** Decimals for the `decimals` format: one more than a tick step of about span / 5 needs. */
function decimalsFor(span) {
  const step = Math.abs(span) / 5 || 1;
  return Math.min(6, Math.max(1, 1 - Math.floor(Math.log10(step))));
}

/** `set format` of one axis (gnuplot's own for `plain`). */
function formatCommand(spec, axis) {
  const a = spec[axis];
  const values = spec.series.flatMap((s) => (axis === 'y' ? s.y : s.x.map(Number)));
  const span = Math.max(...values) - Math.min(...values);
  switch (a.format) {
    case 'decimals':
      return `set format ${axis} "%.${decimalsFor(span)}f"`;
    case 'si':
    case 'thousands': // no thousands separator without a locale: SI prefixes instead
      return `set format ${axis} "%.0s%c"`;
    case 'percent':
      return `set format ${axis} "%g%%"`;
    case 'sci':
      return `set format ${axis} "%.1e"`;
    case 'pow10':
      return a.scale === 'log'
        ? `set format ${axis} "10^{%T}"`
        : `set format ${axis} "%.1t×10^{%T}"`;
    default:
      return null;
  }
}

/** Terminal command of a spec, and the PDF it draws with a `pdf` state. */
function terminal(spec, png, pdf) {
  const font = `${spec.font.family},${spec.font.size}`;
  if (pdf) {
    const w = spec.width / spec.dpi;
    const h = spec.height / spec.dpi;
    return `set terminal pdfcairo enhanced size ${w}in,${h}in font ${quote(font)}\nset output ${quote(pdf)}`;
  }
  // Text as at the figure's dpi: png and pngcairo both set font points at 96 dpi (measured).
  const px = Math.max(6, Math.round((spec.font.size * spec.dpi) / 96));
  const face = `${spec.font.family},${px}`;
  const size = `size ${spec.width},${spec.height}`;
  const term =
    spec.look === 'png'
      ? `set terminal png truecolor enhanced ${size} font ${quote(face)}`
      : `set terminal pngcairo enhanced ${size} font ${quote(face)}`;
  return `${term}\nset output ${quote(png)}`;
}

/** The gnuplot script of one chart, ending in a line of truth printed to `printFile`. */
export function chartScript(spec, workDir, printFile) {
  const png = join(workDir, `${spec.id}.png`);
  const pdfOp = spec.state.find((op) => op.op === 'pdf');
  const pdf = pdfOp ? join(workDir, `${spec.id}.pdf`) : null;
  const lines = ['reset', terminal(spec, png, pdf)];
  const scaleLw = pdf ? 1 : Math.max(1, spec.dpi / 100);
  const time = spec.x.scale === 'time';
  if (time) {
    lines.push('set xdata time', 'set timefmt "%s"', `set format x "${timeFormat(spec)}"`);
    lines.push(`set xtics ${timeStep(spec)}`);
  }
  if (spec.x.scale === 'log') lines.push('set logscale x 10');
  if (spec.y.scale === 'log') lines.push('set logscale y 10');
  if (spec.x.scale === 'category') {
    const tics = spec.x.categories.map((c, i) => `${quote(c)} ${i}`).join(', ');
    lines.push(`set xtics (${tics})`, 'set offsets 0.3, 0.3, 0, 0');
  }
  for (const axis of ['x', 'y']) {
    if (axis === 'x' && (time || spec.x.scale === 'category')) continue;
    const f = formatCommand(spec, axis);
    if (f) lines.push(f);
  }
  if (spec.title) lines.push(`set title ${quote(spec.title)} noenhanced`);
  if (spec.x_label) lines.push(`set xlabel ${quote(spec.x_label)} noenhanced`);
  if (spec.y_label) lines.push(`set ylabel ${quote(spec.y_label)} noenhanced`);

  // frame, ticks, grid
  const border = { box: 15, spines: 3, none: 0, panel: 0 }[spec.frame] ?? 15;
  lines.push(`set border ${border} lw ${scaleLw}`);
  if (spec.frame === 'panel') {
    lines.push(
      'set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb "#ebebeb" fs solid noborder',
    );
  }
  if (spec.ticks === 'out') lines.push('set tics out', 'set xtics nomirror', 'set ytics nomirror');
  else if (spec.ticks === 'in') lines.push('set xtics nomirror', 'set ytics nomirror');
  else if (spec.ticks === 'none') lines.push('set tics scale 0');
  if (spec.frame === 'spines' || spec.frame === 'none')
    lines.push('set xtics nomirror', 'set ytics nomirror');
  if (spec.grid) {
    lines.push(
      spec.frame === 'panel'
        ? 'set grid lt 1 lc rgb "white" lw 1.5'
        : Number(spec.id.slice(1)) % 2
          ? 'set grid lt 0 lw 1'
          : 'set grid lt 1 lc rgb "#d0d0d0" lw 1',
    );
  }

  // key
  const lg = spec.legend;
  if (lg) {
    const parts = [KEY_PLACE[lg.position]];
    parts.push(lg.order === 'text-sample' ? 'noreverse Right' : 'reverse Left');
    parts.push(lg.frame ? 'box' : 'nobox');
    if (lg.title) parts.push(`title ${quote(lg.title)} noenhanced`);
    if (lg.columns > 1 && !['top', 'bottom'].includes(lg.position))
      parts.push(`maxrows ${Math.ceil(spec.series.length / lg.columns)}`);
    lines.push(`set key ${parts.join(' ')}`);
  } else {
    lines.push('unset key');
  }

  // data: one datablock per series, x y [err|lo hi]
  const xOf = (s) => (time ? s.x.map(isoSeconds) : s.x);
  const plots = [];
  spec.series.forEach((s, k) => {
    const xs = xOf(s);
    const rows = xs.map((x, i) => {
      const extra = s.errors ? ` ${s.errors[i]}` : s.band ? ` ${s.band.lo[i]} ${s.band.hi[i]}` : '';
      return `${x} ${s.y[i]}${extra}`;
    });
    lines.push(`$d${k} << EOD`, ...rows, 'EOD');
  });
  spec.series.forEach((s, k) => {
    if (!s.band) return;
    plots.push(
      `$d${k} using 1:3:4 with filledcurves fs transparent solid ${s.band.alpha} noborder lc rgb ${quote(s.color)} notitle`,
    );
  });
  spec.series.forEach((s, k) => {
    const lw = (s.linewidth * scaleLw).toFixed(2);
    const dt = spec.look === 'png' ? '' : ` dt ${DASH_TYPES[s.linestyle] ?? 1}`;
    const pt = s.marker
      ? ` pt ${POINT_TYPES[s.marker]} ps ${((s.markersize / 6) * scaleLw).toFixed(2)}`
      : '';
    const title = lg ? `title ${quote(s.name)} noenhanced` : 'notitle';
    const style = s.errors
      ? s.linestyle === 'none'
        ? 'yerrorbars'
        : 'yerrorlines'
      : s.linestyle === 'none'
        ? 'points'
        : s.marker
          ? 'linespoints'
          : 'lines';
    const using = s.errors ? '1:2:3' : '1:2';
    plots.push(
      `$d${k} using ${using} with ${style} lw ${lw}${dt}${pt} lc rgb ${quote(s.color)} ${title}`,
    );
  });
  lines.push(`plot ${plots.join(', \\\n  ')}`);
  lines.push(
    `set print ${quote(printFile)} append`,
    `print sprintf('{"id":"${spec.id}","x":[%.17g,%.17g],"y":[%.17g,%.17g],"term":[%.17g,%.17g,%.17g,%.17g]}', ` +
      'GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, ' +
      'GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX)',
    'set print',
    'set output',
  );
  return lines.join('\n');
}

/** Date labels by the data's spacing: months and years as people write them. */
function timeFormat(spec) {
  const xs = spec.series[0].x;
  const days = (isoSeconds(xs[xs.length - 1]) - isoSeconds(xs[0])) / 86400;
  const pick = Number(spec.id.slice(1)) % 2;
  if (days > 365 * 6) return '%Y';
  if (days > 120) return pick ? '%b %Y' : '%Y-%m';
  return pick ? '%b %d' : '%m/%d';
}

/** A tick step in seconds giving at most six date labels (gnuplot's own crowds them). */
function timeStep(spec) {
  const xs = spec.series[0].x;
  const span = isoSeconds(xs[xs.length - 1]) - isoSeconds(xs[0]);
  const day = 86400;
  const steps = [1, 2, 7, 14, 30.4375, 91.3125, 182.625, 365.25, 730.5, 1826.25, 3652.5].map(
    (d) => d * day,
  );
  return steps.find((s) => span / s <= 6) ?? steps[steps.length - 1];
}

/** Runs gnuplot on `script`; resolves to its stderr. */
function runGnuplot(script, scriptFile, timeoutMs) {
  return new Promise((resolve, reject) => {
    writeFile(scriptFile, script).then(() => {
      const child = spawn('gnuplot', [scriptFile], { stdio: ['ignore', 'ignore', 'pipe'] });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      let err = '';
      child.stderr.on('data', (chunk) => {
        err = (err + chunk).slice(-4000);
      });
      child.on('error', reject);
      child.on('close', () => {
        clearTimeout(timer);
        resolve(err);
      });
    }, reject);
  });
}

/** The truth extras of one chart from its printed GPVAL line. */
function extrasOf(spec, line, heightPx, pdfDpi) {
  const { x, y, term } = line;
  const toTruthX = spec.x.scale === 'time' ? secondsToDecimalYear : (v) => v;
  const [xmin, xmax, ymin, ymax] = term;
  // pdfcairo: terminal units are points; the raster is pdftoppm's at pdfDpi.
  const unit = pdfDpi ? pdfDpi / 72 : 1;
  const height = pdfDpi ? (spec.height / spec.dpi) * 72 : heightPx;
  return {
    x_range: x.map(toTruthX),
    y_range: y,
    plot_area_px: [
      (xmin + 0.5) * unit,
      (height - ymax - 0.5) * unit,
      (xmax + 0.5) * unit,
      (height - ymin - 0.5) * unit,
    ],
    // libgd draws no dashes: what it drew is solid
    ...(spec.look === 'png'
      ? { series: spec.series.map((s) => (s.linestyle === 'none' ? null : { linestyle: 'solid' })) }
      : {}),
  };
}

/** Renders `specs` into `workDir`: one `{ id, png, pdf?, extras }` or `{ id, error }` each. */
export async function render(specs, workDir) {
  const results = [];
  let todo = specs;
  while (todo.length) {
    const tag = `gnuplot-${todo[0].id}`;
    const printFile = join(workDir, `${tag}.truth.jsonl`);
    await writeFile(printFile, '');
    const script = todo.map((s) => chartScript(s, workDir, printFile)).join('\n');
    const stderr = await runGnuplot(script, join(workDir, `${tag}.gp`), MS_PER_CHART * todo.length);
    const printed = (await readFile(printFile, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const byId = new Map(printed.map((p) => [p.id, p]));
    let k = 0;
    for (; k < todo.length && byId.has(todo[k].id); k++) {
      const spec = todo[k];
      const pdfOp = spec.state.find((op) => op.op === 'pdf');
      const png = join(workDir, `${spec.id}.png`);
      try {
        let pdf;
        if (pdfOp) {
          pdf = join(workDir, `${spec.id}.pdf`);
          await rasterise(pdf, pdfOp.dpi, png);
        }
        results.push({
          id: spec.id,
          png,
          ...(pdf ? { pdf } : {}),
          extras: extrasOf(spec, byId.get(spec.id), spec.height, pdfOp?.dpi),
        });
      } catch (error) {
        results.push({ id: spec.id, error: error.message });
      }
    }
    if (k < todo.length) {
      const why = stderr.trim().split('\n').slice(-3).join(' | ') || 'gnuplot stopped';
      results.push({ id: todo[k].id, error: `gnuplot: ${why}` });
      k++;
    }
    todo = todo.slice(k);
  }
  return results;
}

/** pdftoppm -r DPI -png of a one-page PDF into `png`. */
function rasterise(pdf, dpi, png) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'pdftoppm',
      ['-r', String(dpi), '-png', '-singlefile', pdf, png.slice(0, -4)],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`pdftoppm: ${err.trim()}`)),
    );
  });
}
