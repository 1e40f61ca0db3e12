/**
 * What the JavaScript engines of the zoo (Vega-Lite, Chart.js, ECharts, Plotly) share: sizes,
 * dates, tick label formatters, dash patterns, the truth they report.
 *
 * Pixel convention of every `plot_area_px` they report: continuous image coordinates, origin at
 * the top-left corner of the image, pixel column c spanning [c, c + 1) (as SVG, canvas and
 * matplotlib's display coordinates do); `[left, top, right, bottom]`, the edges onto which the
 * axis limits map.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const execFileAsync = promisify(execFile);

/** CSS pixels per point: the engines draw in CSS pixels, the spec gives line widths in points. */
export const PX_PER_PT = 4 / 3;

/** Dots per inch at or above which a chart is drawn at device pixel ratio 2 (a HiDPI screen). */
const HIDPI_DPI = 144;

/**
 * The CSS size and device pixel ratio of a chart: the image is `cssWidth * dpr` by
 * `cssHeight * dpr` pixels, within a pixel of the spec's size.
 */
export function canvasSize(spec) {
  const dpr = spec.dpi >= HIDPI_DPI ? 2 : 1;
  return {
    dpr,
    cssWidth: Math.round(spec.width / dpr),
    cssHeight: Math.round(spec.height / dpr),
  };
}

/** Font sizes in CSS pixels from the spec's font size (points, as matplotlib's rcParams). */
export function fontSizes(spec) {
  const tick = Math.max(8, Math.round((spec.font?.size ?? 10) * 1.2));
  return { tick, label: tick + 1, legend: tick, title: tick + 4 };
}

/** A font family list that ends in a family the machine has, for CSS-like `font-family`. */
export function fontStack(spec) {
  const family = spec.font?.family ?? 'DejaVu Sans';
  return `${/[\s,]/.test(family) ? `"${family}"` : family}, "DejaVu Sans", sans-serif`;
}

/** Milliseconds since the epoch of an ISO 8601 date (a date without a time is midnight UTC). */
export function isoToMs(iso) {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  if (!Number.isFinite(ms)) throw new RangeError(`Expected an ISO 8601 date but received ${iso}`);
  return ms;
}

/**
 * A calendar decimal year (2004.5 is 2 July 2004), the unit of dates in the truth, as
 * `/work/shared/bench/score.mjs` reads an ISO date: year + (time since 1 January) / (length of
 * that year).
 */
export function msToDecimalYear(ms) {
  const year = new Date(ms).getUTCFullYear();
  const start = Date.UTC(year, 0, 1);
  return year + (ms - start) / (Date.UTC(year + 1, 0, 1) - start);
}

/** The x values as the engines take them: numbers, ms for dates, indices for categories. */
export function engineX(spec, series) {
  return spec.x.scale === 'time' ? series.x.map(isoToMs) : series.x.map(Number);
}

/** The x values as the truth gives them: decimal years for dates, indices for categories. */
export function truthX(spec, series) {
  return spec.x.scale === 'time' ? series.x.map((x) => msToDecimalYear(isoToMs(x))) : series.x;
}

/** A number without floating-point noise (0.30000000000000004 -> 0.3). */
function clean(value) {
  return Number(value.toPrecision(12));
}

const SUPERSCRIPT = {
  '-': '\u207b',
  0: '\u2070',
  1: '\u00b9',
  2: '\u00b2',
  3: '\u00b3',
  4: '\u2074',
  5: '\u2075',
  6: '\u2076',
  7: '\u2077',
  8: '\u2078',
  9: '\u2079',
};

/** `10⁻³` for 0.001, `2.5×10⁴` for 25000: the look of 10^k labels in engines without mathtext. */
export function formatPow10(value) {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)) + 1e-9);
  const mantissa = clean(value / 10 ** exponent);
  const power = `10${String(exponent)
    .split('')
    .map((c) => SUPERSCRIPT[c])
    .join('')}`;
  if (mantissa === 1) return power;
  if (mantissa === -1) return `-${power}`;
  return `${mantissa}\u00d7${power}`;
}

/** Decimals for the `decimals` format: one more than the tick step of about span / 5 needs. */
export function decimalsFor(span) {
  const step = Math.abs(span) / 5 || 1;
  return Math.min(6, Math.max(1, 1 - Math.floor(Math.log10(step))));
}

/**
 * A tick label formatter for the spec's `format` (null for `plain`: the engine's own labels),
 * for engines that take a function. `span`: the data span of the axis (for `decimals`).
 * Percent labels append `%` to the plotted value (40 -> "40%"), as the truth's units say.
 */
export function numberFormatter(format, span) {
  switch (format) {
    case 'plain':
    case undefined:
    case null:
      return null;
    case 'decimals': {
      const digits = decimalsFor(span);
      return (v) => v.toFixed(digits);
    }
    case 'thousands':
      return (v) => clean(v).toLocaleString('en-US', { maximumFractionDigits: 6 });
    case 'si':
      return (v) => {
        const a = Math.abs(v);
        for (const [unit, suffix] of [
          [1e9, 'G'],
          [1e6, 'M'],
          [1e3, 'k'],
        ]) {
          if (a >= unit) return `${clean(v / unit)}${suffix}`;
        }
        return `${clean(v)}`;
      };
    case 'percent':
      return (v) => `${clean(v)}%`;
    case 'sci':
      return (v) => (v === 0 ? '0' : clean(v).toExponential());
    case 'pow10':
      return formatPow10;
    default:
      throw new RangeError(`Expected a tick format but received ${format}`);
  }
}

/** Whether `v` is a power of ten (a labelled tick of a `pow10` log axis). */
export function isPowerOf10(v) {
  return Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;
}

/**
 * The tick label function of a numeric axis for engines that take one, or null for the engine's
 * own labels: on a log axis with `pow10`, labels at powers of ten only (the other ticks blank).
 */
export function axisLabelFormatter(spec, axis) {
  const a = spec[axis];
  if (a.scale !== 'linear' && a.scale !== 'log') return null;
  if (a.scale === 'log' && a.format === 'pow10') {
    return (v) => (isPowerOf10(v) ? formatPow10(v) : '');
  }
  const format = numberFormatter(a.format, dataSpan(spec, axis));
  return format && ((v) => format(Number(v)));
}

/** The spec's axis limits in the engines' units (ms for dates), or null for the engine's own. */
export function axisLimits(spec, axis) {
  const a = spec[axis];
  if (!a.range || a.scale === 'category') return null;
  return a.scale === 'time' ? a.range.map(isoToMs) : a.range;
}

/** The truth's tick fields from `{ ticks, labels }` per axis. */
export function tickFields(xt, yt) {
  return {
    x_ticks: xt.ticks,
    x_tick_labels: xt.labels,
    y_ticks: yt.ticks,
    y_tick_labels: yt.labels,
  };
}

/** The data span of an axis over every series (for `decimals`), x as the engines take it. */
export function dataSpan(spec, axis) {
  const values = spec.series.flatMap((s) => (axis === 'x' ? engineX(spec, s) : s.y));
  const finite = values.filter(Number.isFinite);
  return finite.length ? Math.max(...finite) - Math.min(...finite) : 1;
}

/**
 * A dash pattern in CSS pixels for a line of `width` px (null: solid). The patterns follow
 * matplotlib's (dashed 3.7/1.6, dotted 1/1.65, dashdot 6.4/1.6/1/1.6 line widths), with a floor so
 * that the dashes of a thin line stay visible.
 */
export function dashPattern(linestyle, width) {
  const w = Math.max(width, 1.2);
  switch (linestyle) {
    case 'dashed':
      return [3.7 * w, 1.6 * w];
    case 'dotted':
      return [1 * w, 1.65 * w];
    case 'dashdot':
      return [6.4 * w, 1.6 * w, 1 * w, 1.6 * w];
    default:
      return null;
  }
}

/** Line width and marker diameter of a series in CSS pixels. */
export function seriesSizes(series) {
  return {
    lineWidth: (series.linewidth ?? 1.5) * PX_PER_PT,
    markerDiameter: (series.markersize ?? 6) * PX_PER_PT,
  };
}

/** The spec's `pdf` state op (the engine draws a vector PDF, pdftoppm rasterises it), or null. */
export function pdfOp(spec) {
  return (spec.state ?? []).find((op) => op.op === 'pdf') ?? null;
}

/**
 * The result of a chart with a `pdf` state, as the driver expects of every engine: the vector
 * PDF (`pdfBytes`, one page of the chart's CSS size in points) written to `workDir/<id>.pdf`,
 * rasterised by pdftoppm at the op's dpi into the chart's PNG (replacing the crisp one), and the
 * truth's pixel fields scaled from the crisp PNG (CSS px x `dpr`) to that raster.
 */
export async function pdfResult(spec, { png, extras, dpr }, pdfBytes, workDir) {
  const { dpi } = pdfOp(spec);
  const pdf = join(workDir, `${spec.id}.pdf`);
  await writeFile(pdf, pdfBytes);
  await execFileAsync('pdftoppm', [
    '-r',
    String(dpi),
    '-png',
    '-singlefile',
    pdf,
    png.replace(/\.png$/, ''),
  ]);
  const { width, height } = await sharp(png).metadata();
  const k = dpi / 72 / dpr;
  const scale = (box) => (box ? box.map((v) => v * k) : null);
  return {
    id: spec.id,
    png,
    pdf,
    extras: {
      ...extras,
      plot_area_px: scale(extras.plot_area_px),
      legend_box_px: scale(extras.legend_box_px),
      width,
      height,
    },
  };
}

/**
 * The result of a chart drawn as SVG: as it is, or with a `pdf` state, the SVG printed as a
 * vector PDF by `printer` (chromium.mjs) and rasterised (`pdfResult`).
 */
export async function svgChartResult(spec, { png, svg, extras }, printer, workDir) {
  if (!pdfOp(spec)) return { id: spec.id, png, extras };
  const { dpr, cssWidth, cssHeight } = canvasSize(spec);
  return pdfResult(
    spec,
    { png, extras, dpr },
    await printer.print(svg, cssWidth, cssHeight),
    workDir,
  );
}

/** Rasterises an SVG string drawn in CSS pixels into a PNG `dpr` times its size (librsvg). */
export async function svgToPng(svg, file, dpr) {
  // sharp reads an SVG's user units at `density` / 72 pixels each.
  // Flattened onto white: an engine's SVG may leave its background transparent.
  await sharp(Buffer.from(svg), { density: 72 * dpr })
    .flatten({ background: '#ffffff' })
    .png()
    .toFile(file);
}

/**
 * Axis limits from two positions the engine mapped: values `v0`, `v1` drawn at pixels `p0`, `p1`
 * (any unit, e.g. CSS px), extended linearly (in log10 space on a log axis) to the pixels `lo`
 * and `hi` of the plot box edges. Used where the engine pads the data (category offsets, bands).
 */
export function limitsAt(v0, p0, v1, p1, lo, hi, log = false) {
  const f = log ? Math.log10 : (v) => v;
  const a = f(v0);
  const b = f(v1);
  const at = (p) => a + ((p - p0) / (p1 - p0)) * (b - a);
  // Rounding noise off: -4.4e-16 is 0 on an axis from 0 to 12.
  const span = Math.abs(at(hi) - at(lo));
  const tidy = (v) => (Math.abs(v) < span * 1e-9 ? 0 : Number(v.toPrecision(12)));
  const g = log ? (v) => 10 ** tidy(v) : tidy;
  return [g(at(lo)), g(at(hi))];
}

/**
 * The truth fields every JS engine reports besides what it measured: the series as drawn (x in
 * the truth's unit, names only with a legend), text, scales. Every engine here draws each
 * series' data, colour, marker letter and linestyle as the spec gives them.
 */
export function baseTruth(spec) {
  const legend = Boolean(spec.legend);
  return {
    title: spec.title ?? null,
    x_label: spec.x_label ?? null,
    y_label: spec.y_label ?? null,
    x_scale: spec.x.scale,
    y_scale: spec.y.scale,
    legend,
    series: spec.series.map((s) => ({
      name: legend ? String(s.name) : null,
      color: s.color,
      marker: s.marker ?? null,
      linestyle: s.linestyle ?? 'solid',
      x: truthX(spec, s),
      y: s.y,
    })),
    ...(spec.x.scale === 'category' ? { x_categories: spec.x.categories } : {}),
  };
}

/**
 * What an engine drew of the spec's layout fields, after adapting what it cannot draw (e.g. no
 * legend title in ECharts): `{ legend_position, legend_title, ticks, frame }`, for the tags.
 * `inside-best` is drawn in the upper right corner by every JS engine (none has "best").
 */
export function drawnLayout(spec, overrides = {}) {
  const position = spec.legend?.position ?? null;
  return {
    legend_position: position === 'inside-best' ? 'inside-upper-right' : position,
    legend_title: Boolean(spec.legend?.title),
    ticks: spec.ticks,
    frame: spec.frame,
    ...overrides,
  };
}

const X_SCALES = new Set(['linear', 'log', 'time', 'category']);
const Y_SCALES = new Set(['linear', 'log']);

/**
 * Throws a RangeError for what no JS engine here can draw truthfully: a y axis that is not
 * numeric, a value a log axis cannot show (its point would be in the truth but not drawn),
 * a colour that is not `#rrggbb` (bands and legend boxes mix it with alpha).
 */
export function checkSpec(spec) {
  if (!X_SCALES.has(spec.x?.scale)) {
    throw new RangeError(
      `Expected x.scale linear, log, time or category but received ${spec.x?.scale}`,
    );
  }
  if (!Y_SCALES.has(spec.y?.scale)) {
    throw new RangeError(`Expected y.scale linear or log but received ${spec.y?.scale}`);
  }
  if (!Array.isArray(spec.series) || spec.series.length === 0) {
    throw new RangeError('Expected at least one series');
  }
  for (const s of spec.series) {
    if (!/^#[0-9a-fA-F]{6}$/.test(s.color)) {
      throw new RangeError(`Expected a #rrggbb colour but received ${s.color}`);
    }
    if (s.x.length !== s.y.length) {
      throw new RangeError(
        `Expected as many x as y values but received ${s.x.length} and ${s.y.length}`,
      );
    }
    const ys = [...s.y, ...(s.band ? [...s.band.lo, ...s.band.hi] : [])];
    if (s.errors) ys.push(...s.y.map((y, j) => y - s.errors[j]));
    if (spec.y.scale === 'log' && ys.some((y) => !(y > 0))) {
      throw new RangeError(`Expected positive y values on a log axis in series ${s.name}`);
    }
    if (spec.x.scale === 'log' && s.x.some((x) => !(x > 0))) {
      throw new RangeError(`Expected positive x values on a log axis in series ${s.name}`);
    }
  }
}

/** Plot boxes smaller than this (image pixels) are not charts the zoo should score. */
const MIN_PLOT_PX = 20;
/** How far a legend's box (its padding, not its text) may reach past the image's edge. */
const EDGE_SLACK_PX = 2;

/**
 * Throws when the measured truth cannot be right: limits that are not finite or have no span
 * (a collapsed plot), a plot box smaller than MIN_PLOT_PX or outside the image, a legend
 * (`legend_box_px`, image pixels) that runs out of the image.
 */
export function checkTruth(extras) {
  for (const axis of ['x', 'y']) {
    const [lo, hi] = extras[`${axis}_range`];
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo === hi) {
      throw new Error(`engine gave ${axis} limits [${lo}, ${hi}]`);
    }
  }
  const [left, top, right, bottom] = extras.plot_area_px;
  if (
    !(right - left >= MIN_PLOT_PX && bottom - top >= MIN_PLOT_PX) ||
    left < 0 ||
    top < 0 ||
    right > extras.width ||
    bottom > extras.height
  ) {
    throw new Error(`plot box [${extras.plot_area_px}] is too small or outside the image`);
  }
  // A legend cut by the image's edge hides names the truth would hold.
  const legend = extras.legend_box_px;
  if (
    legend &&
    (legend[0] < -EDGE_SLACK_PX ||
      legend[1] < -EDGE_SLACK_PX ||
      legend[2] > extras.width + EDGE_SLACK_PX ||
      legend[3] > extras.height + EDGE_SLACK_PX)
  ) {
    throw new Error(`legend [${legend.map(Math.round)}] runs out of the image`);
  }
}

/**
 * Runs `work` on each spec (checked first, its truth checked after), turning a throw into
 * `{ id, error }` so one bad chart spares the batch.
 */
export async function eachSpec(specs, work) {
  const results = [];
  for (const spec of specs) {
    try {
      checkSpec(spec);
      const result = await work(spec);
      checkTruth(result.extras);
      results.push(result);
    } catch (error) {
      results.push({ id: spec.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
