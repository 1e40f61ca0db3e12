/**
 * Vega-Lite engine of the zoo: each ChartSpec becomes a Vega-Lite spec, compiled to Vega, run in
 * a headless `vega.View` (renderer 'none'), exported as SVG and rasterised by sharp (librsvg,
 * fonts through fontconfig). The truth comes from the view: its scales' domains and ranges, and
 * the plot box from the SVG's translate and the view's origin and size.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import {
  excel,
  fivethirtyeight,
  ggplot2,
  googlecharts,
  latimes,
  quartz,
  urbaninstitute,
  vox,
} from 'vega-themes';
import { withPrinter } from './chromium.mjs';
import {
  axisLimits,
  baseTruth,
  canvasSize,
  dashPattern,
  dataSpan,
  decimalsFor,
  drawnLayout,
  eachSpec,
  engineX,
  fontSizes,
  fontStack,
  formatPow10,
  isPowerOf10,
  limitsAt,
  msToDecimalYear,
  seriesSizes,
  svgChartResult,
  svgToPng,
  tickFields,
} from './web.mjs';

/** Looks: Vega-Lite's own config, or a theme from vega-themes (the light ones). */
const THEMES = {
  default: {},
  excel,
  ggplot2,
  quartz,
  vox,
  fivethirtyeight,
  urbaninstitute,
  googlecharts,
  latimes,
};
export const looks = Object.keys(THEMES);

// Labels in 10^k form: Vega has no superscripts, so an expression function gives `10⁻³`.
vega.expressionFunction('zooPow10', (v) => formatPow10(v));
vega.expressionFunction('zooPow10Log', (v) => (isPowerOf10(v) ? formatPow10(v) : ''));

/** Vega symbol shapes for matplotlib's marker letters; `x` and `+` are strokes, as there. */
const X_PATH = 'M-1,-1L1,1M-1,1L1,-1';
const PLUS_PATH = 'M-1,0L1,0M0,-1L0,1';
const STAR_PATH = (() => {
  const points = [];
  for (let k = 0; k < 10; k++) {
    const r = k % 2 === 0 ? 1 : 0.4;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    points.push(`${(r * Math.cos(a)).toFixed(4)},${(r * Math.sin(a)).toFixed(4)}`);
  }
  return `M${points.join('L')}Z`;
})();
const SHAPES = {
  o: { shape: 'circle', filled: true },
  '^': { shape: 'triangle-up', filled: true },
  v: { shape: 'triangle-down', filled: true },
  s: { shape: 'square', filled: true },
  D: { shape: 'diamond', filled: true },
  x: { shape: X_PATH, filled: false },
  '+': { shape: PLUS_PATH, filled: false },
  '*': { shape: STAR_PATH, filled: true },
};

/** Vega-Lite legend orients for the spec's legend positions. */
const LEGEND_ORIENT = {
  'outside-right': 'right',
  top: 'top',
  bottom: 'bottom',
  'inside-upper-right': 'top-right',
  'inside-upper-left': 'top-left',
  'inside-lower-right': 'bottom-right',
  'inside-lower-left': 'bottom-left',
  // Vega-Lite has no "best" placement: the upper right corner, as its users pick by default.
  'inside-best': 'top-right',
};

/**
 * Percent labels: the data go to Vega as fractions and the axis formats them with `~%`, as a
 * Vega-Lite user writes it; the truth stays in the labels' units (40% is 40).
 */
function yFactor(spec) {
  return spec.y.format === 'percent' ? 0.01 : 1;
}

/** Axis label format for a quantitative axis (d3-format strings, as Vega-Lite users write them). */
function axisFormat(axisSpec, span) {
  switch (axisSpec.format) {
    case 'decimals':
      return { format: `.${decimalsFor(span)}f` };
    case 'thousands':
      // ',~f', not ',': for a format without a type, Vega's tick formatting sets a precision
      // that turns 1000 into "1e+3".
      return { format: ',~f' };
    case 'si':
      return { format: '~s' };
    case 'percent':
      return { format: '~%' };
    case 'sci':
      return { format: '~e' };
    case 'pow10':
      // On a log axis, labels only at powers of ten (the other ticks stay, unlabelled).
      return {
        labelExpr: axisSpec.scale === 'log' ? 'zooPow10Log(datum.value)' : 'zooPow10(datum.value)',
      };
    default:
      return {};
  }
}

/** The encoding of one position channel: field, type, scale and axis. */
function positionChannel(spec, axis, look, sizes) {
  const a = spec[axis];
  const title = (axis === 'x' ? spec.x_label : spec.y_label) ?? null;
  const scale = {};
  let type = 'quantitative';
  if (a.scale === 'log') scale.type = 'log';
  if (a.scale === 'time') {
    type = 'temporal';
    // UTC, so dates do not move with the machine's time zone.
    scale.type = 'utc';
  }
  if (a.scale === 'category') {
    type = 'ordinal';
    scale.domain = a.categories;
  }
  const limits = axisLimits(spec, axis);
  if (limits) {
    // Percent data go to Vega as fractions (yFactor), their limits too.
    const f = axis === 'y' ? yFactor(spec) : 1;
    scale.domain = a.scale === 'time' ? limits : limits.map((v) => v * f);
    scale.nice = false;
    scale.zero = false;
  }
  const axisDef = {
    title,
    grid: Boolean(spec.grid),
    labelFontSize: sizes.tick,
    titleFontSize: sizes.label,
    ...(a.scale === 'category' ? { labelAngle: 0 } : {}),
    ...(a.scale === 'linear' || a.scale === 'log' ? axisFormat(a, dataSpan(spec, axis)) : {}),
  };
  if (spec.ticks === 'none') axisDef.ticks = false;
  if (spec.ticks === 'in' || spec.ticks === 'in4') {
    // Vega draws ticks inside with a negative size; the labels keep their distance from the axis.
    axisDef.tickSize = -5;
    axisDef.labelPadding = 4;
  }
  if (spec.frame === 'none') axisDef.domain = false;
  if (spec.frame === 'panel') axisDef.gridColor = 'white';
  if (look === 'default' && spec.frame !== 'box') axisDef.domainColor = '#333';
  return { field: axis, type, scale, axis: axisDef };
}

/** The Vega-Lite spec of a chart. Returns the spec and the data rows' series keys. */
export function toVegaLite(spec) {
  const look = spec.look ?? 'default';
  if (!looks.includes(look)) throw new RangeError(`Expected a vegalite look but received ${look}`);
  const { cssWidth, cssHeight } = canvasSize(spec);
  const sizes = fontSizes(spec);
  const f = yFactor(spec);
  const xCats = spec.x.scale === 'category' ? spec.x.categories : null;
  const keys = spec.series.map((_, i) => `s${i}`);
  const rows = spec.series.map((s, i) => {
    const xs = engineX(spec, s);
    return s.y.map((y, j) => ({
      k: keys[i],
      x: xCats ? xCats[xs[j]] : xs[j],
      y: y * f,
      ...(s.band ? { lo: s.band.lo[j] * f, hi: s.band.hi[j] * f } : {}),
      ...(s.errors ? { elo: (y - s.errors[j]) * f, ehi: (y + s.errors[j]) * f } : {}),
    }));
  });
  const x = positionChannel(spec, 'x', look, sizes);
  const y = positionChannel(spec, 'y', look, sizes);
  const lineSeries = spec.series.flatMap((s, i) => (s.linestyle !== 'none' ? [i] : []));
  const markerSeries = spec.series.flatMap((s, i) => (s.marker ? [i] : []));

  const legend = spec.legend
    ? {
        title: spec.legend.title ?? null,
        orient: LEGEND_ORIENT[spec.legend.position] ?? 'right',
        labelExpr: keys
          .map(
            (k, i) => `datum.value === '${k}' ? ${JSON.stringify(String(spec.series[i].name))} : `,
          )
          .join('')
          .concat("''"),
        labelFontSize: sizes.legend,
        // Symbols stay opaque when they come from the invisible point layer (marker-only charts).
        symbolOpacity: 1,
        titleFontSize: sizes.legend,
        // `fitColumns`: the columns a row too wide for the chart was given (see runView).
        ...(spec.legend.fitColumns || spec.legend.columns > 1
          ? { columns: spec.legend.fitColumns ?? spec.legend.columns }
          : {}),
        ...(spec.legend.frame
          ? { strokeColor: '#999', fillColor: 'white', padding: 6, cornerRadius: 2 }
          : {}),
      }
    : null;
  const keyScale = (range) => ({ domain: keys, range });
  const colors = spec.series.map((s) => s.color);
  // Every channel that tells series apart shares the key field, so Vega-Lite merges their
  // legends into one (symbols in each series' colour, dash and shape).
  const color = { field: 'k', type: 'nominal', scale: keyScale(colors), legend };
  const dashes = spec.series.map(
    (s) => dashPattern(s.linestyle, seriesSizes(s).lineWidth) ?? [1, 0],
  );
  const anyDash = dashes.some((d) => d.length > 2 || d[1] !== 0);

  const layers = [];
  spec.series.forEach((s, i) => {
    if (s.band) {
      layers.push({
        data: { values: rows[i] },
        mark: { type: 'area', opacity: s.band.alpha ?? 0.2, color: s.color, clip: true },
        encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' } },
      });
    }
  });
  // One line layer per line width: Vega-Lite drops a strokeWidth encoded by a nominal field
  // (and a theme's mark config then wins), so the width is a mark property. The layers share the
  // colour and dash scales, and so one legend.
  const widths = [...new Set(lineSeries.map((i) => seriesSizes(spec.series[i]).lineWidth))];
  for (const width of widths) {
    const members = lineSeries.filter((i) => seriesSizes(spec.series[i]).lineWidth === width);
    layers.push({
      data: { values: members.flatMap((i) => rows[i]) },
      mark: { type: 'line', clip: true, strokeWidth: width },
      encoding: {
        x,
        y,
        color,
        ...(anyDash
          ? { strokeDash: { field: 'k', type: 'nominal', scale: keyScale(dashes), legend } }
          : {}),
      },
    });
  }
  for (const i of markerSeries) {
    const s = spec.series[i];
    const { shape, filled } = SHAPES[s.marker] ?? SHAPES.o;
    const d = seriesSizes(s).markerDiameter;
    layers.push({
      data: { values: rows[i] },
      mark: {
        type: 'point',
        shape,
        filled,
        // Vega's symbol size is the area of its bounding square.
        size: d * d,
        color: s.color,
        strokeWidth: filled ? 0 : Math.max(1, seriesSizes(s).lineWidth * 0.8),
        opacity: 1,
        clip: true,
      },
      encoding: { x, y },
    });
  }
  spec.series.forEach((s, i) => {
    if (s.errors) {
      layers.push({
        data: { values: rows[i] },
        mark: { type: 'errorbar', ticks: true, color: s.color, clip: true },
        encoding: { x, y: { ...y, field: 'elo' }, y2: { field: 'ehi' } },
      });
    }
  });
  // A legend needs an encoding with the key field: without line series it comes from an
  // invisible point layer whose symbols take each series' marker.
  if (!lineSeries.length && legend) {
    layers.push({
      data: { values: markerSeries.flatMap((i) => rows[i]) },
      mark: { type: 'point', opacity: 0, filled: true },
      encoding: {
        x,
        y,
        color,
        shape: {
          field: 'k',
          type: 'nominal',
          scale: keyScale(spec.series.map((s) => (SHAPES[s.marker] ?? SHAPES.o).shape)),
          legend,
        },
      },
    });
  }

  const themeConfig = structuredClone(THEMES[look]);
  const font = fontStack(spec);
  const config = {
    ...themeConfig,
    font,
    view: {
      ...themeConfig.view,
      ...(spec.frame === 'box' ? {} : { stroke: null }),
      ...(spec.frame === 'panel' ? { fill: '#ebebeb' } : {}),
    },
    title: { ...themeConfig.title, font, fontSize: sizes.title },
    axis: { ...themeConfig.axis, labelFont: font, titleFont: font },
    legend: { ...themeConfig.legend, labelFont: font, titleFont: font },
  };
  const vlSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: cssWidth,
    height: cssHeight,
    // The whole picture, legend and titles included, is the spec's size.
    autosize: { type: 'fit', contains: 'padding' },
    padding: 8,
    config,
    ...(spec.title ? { title: spec.title } : {}),
    layer: layers,
  };
  return { vlSpec, keys };
}

/** Adds axes on the top and right that repeat the ticks inside, without labels (ticks `in4`). */
function addMirrorAxes(vgSpec) {
  const mirror = (scale, orient) => ({
    scale,
    orient,
    labels: false,
    ticks: true,
    tickSize: -5,
    domain: true,
    domainColor: '#333',
    tickColor: '#333',
    grid: false,
    zindex: 1,
  });
  vgSpec.axes = [...(vgSpec.axes ?? []), mirror('x', 'top'), mirror('y', 'right')];
}

/** Every item of the scenegraph's marks with `role` (axis labels, legend symbols, ...). */
function itemsWithRole(node, role, out = []) {
  if (node.marktype && node.role === role) out.push(...node.items);
  for (const item of node.items ?? []) {
    if (item.items) for (const mark of item.items) itemsWithRole(mark, role, out);
  }
  return out;
}

/** Tick values and label texts of the axis on scale `scaleName`, read from the scenegraph. */
function axisTicks(view, scaleName, toTruth) {
  const labels = itemsWithRole(view.scenegraph().root, 'axis-label').filter(
    (item) => item.mark.group?.datum?.scale === scaleName || item.datum?.scale === scaleName,
  );
  const shown = labels.filter((item) => item.opacity !== 0 && item.text !== '');
  return {
    ticks: shown.map((item) => toTruth(item.datum.value)),
    labels: shown.map((item) => String(item.text)),
  };
}

/** The plot's top-left corner in CSS px: the SVG's padding plus the view's origin. */
function plotOrigin(view, vgSpec) {
  const [ox, oy] = view.origin();
  const padding = vgSpec.padding ?? 0;
  return [
    (typeof padding === 'number' ? padding : padding.left) + ox,
    (typeof padding === 'number' ? padding : padding.top) + oy,
  ];
}

/** The legend's extent in CSS px, or null: its bounds are in the plot's coordinates. */
function legendBox(view, vgSpec) {
  const [left, top] = plotOrigin(view, vgSpec);
  const legends = (view.scenegraph().root.items[0]?.items ?? []).filter((m) => m.role === 'legend');
  const boxes = legends.flatMap((m) => m.items.map((item) => item.bounds));
  if (!boxes.length) return null;
  return [
    Math.min(...boxes.map((b) => b.x1)) + left,
    Math.min(...boxes.map((b) => b.y1)) + top,
    Math.max(...boxes.map((b) => b.x2)) + left,
    Math.max(...boxes.map((b) => b.y2)) + top,
  ];
}

/**
 * The chart's view, run. Vega-Lite lays a legend above or below the plot out in one row (or in
 * the spec's columns) and does not wrap it: a row wider than the chart is laid out again with
 * as many columns as fit. Resolves to `{ view, vgSpec, spec }` (the spec as drawn).
 */
async function runView(spec) {
  const { cssWidth } = canvasSize(spec);
  let drawn = spec;
  for (;;) {
    const vgSpec = vl.compile(toVegaLite(drawn).vlSpec).spec;
    if (drawn.ticks === 'in4') addMirrorAxes(vgSpec);
    const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
    await view.runAsync();
    const box = legendBox(view, vgSpec);
    const row = ['top', 'bottom'].includes(drawn.legend?.position);
    const legend = drawn.legend;
    const columns =
      legend?.fitColumns ?? (legend?.columns > 1 ? legend.columns : drawn.series.length);
    // The legend starts at the plot's left edge: its room ends at the padding on the right.
    const room = box ? cssWidth - vgSpec.padding - box[0] : 0;
    if (!box || !row || columns <= 1 || box[2] - box[0] <= room)
      return { view, vgSpec, spec: drawn };
    view.finalize();
    const fit = Math.floor((columns * room) / (box[2] - box[0]));
    drawn = {
      ...drawn,
      legend: { ...legend, fitColumns: Math.max(1, Math.min(columns - 1, fit)) },
    };
  }
}

/** The truth of a rendered view: axis limits, plot box, ticks. */
function measure(view, spec, dpr, vgSpec) {
  const [left, top] = plotOrigin(view, vgSpec);
  const width = view.width();
  const height = view.height();
  const f = yFactor(spec);
  const limits = (axis) => {
    const scale = view.scale(axis);
    const [r0, r1] = scale.range();
    const edges = axis === 'x' ? [0, width] : [height, 0];
    if (spec[axis].scale === 'category') {
      // A point scale: categories sit at `step` intervals with half a step of padding at each
      // end (Vega-Lite's default padding for lines on an ordinal axis).
      const cats = scale.domain();
      const p0 = scale(cats[0]);
      const p1 = scale(cats[cats.length - 1]);
      if (cats.length < 2) return [-0.5, 0.5];
      return limitsAt(0, p0, cats.length - 1, p1, edges[0], edges[1]);
    }
    // Continuous scales map domain onto range exactly; the range is the plot box (checked).
    if (Math.abs(r0 - edges[0]) > 1e-6 || Math.abs(r1 - edges[1]) > 1e-6) {
      throw new Error(`vega ${axis} range [${r0}, ${r1}] is not the plot box`);
    }
    const [d0, d1] = scale.domain();
    if (spec[axis].scale === 'time') return [msToDecimalYear(+d0), msToDecimalYear(+d1)];
    return axis === 'y' ? [d0 / f, d1 / f] : [d0, d1];
  };
  const xTruth =
    spec.x.scale === 'time'
      ? (v) => msToDecimalYear(+v)
      : spec.x.scale === 'category'
        ? (v) => spec.x.categories.indexOf(v)
        : (v) => v;
  const xt = axisTicks(view, 'x', xTruth);
  const yt = axisTicks(view, 'y', (v) => v / f);
  const legend = legendBox(view, vgSpec);
  return {
    x_range: limits('x'),
    y_range: limits('y'),
    plot_area_px: [left, top, left + width, top + height].map((v) => v * dpr),
    legend_box_px: legend ? legend.map((v) => v * dpr) : null,
    ...tickFields(xt, yt),
    width: canvasSize(spec).cssWidth * dpr,
    height: canvasSize(spec).cssHeight * dpr,
  };
}

/** Renders one chart; returns its PNG path and truth extras. */
async function renderOne(original, workDir, printer) {
  const { dpr } = canvasSize(original);
  const { view, vgSpec, spec } = await runView(original);
  const svg = await view.toSVG();
  const png = join(workDir, `${spec.id}.png`);
  await svgToPng(svg, png, dpr);
  const extras = {
    ...baseTruth(spec),
    ...measure(view, spec, dpr, vgSpec),
    drawn: drawnLayout(spec),
  };
  view.finalize();
  if (process.env.ZOO_KEEP_SVG) await writeFile(join(workDir, `${spec.id}.svg`), svg);
  return svgChartResult(spec, { png, svg, extras }, printer, workDir);
}

/** Renders a batch of ChartSpecs in this process; one `{ id, png, extras }` or `{ id, error }` each. */
export async function render(specs, workDir) {
  return withPrinter((printer) => eachSpec(specs, (spec) => renderOne(spec, workDir, printer)));
}

// ------------------------------------------------------------------ figures of panels

/** Padding of an explicit domain: a share of the data span on each side, as engines pad. */
const DOMAIN_PAD = 0.04;

/** The data extent of `values`, padded (in log10 on a log scale). */
function paddedDomain(values, log) {
  const f = log ? Math.log10 : (v) => v;
  const g = log ? (v) => 10 ** v : (v) => v;
  const lo = Math.min(...values.map(f));
  const hi = Math.max(...values.map(f));
  const pad = (hi - lo || 1) * DOMAIN_PAD;
  return [g(lo - pad), g(hi + pad)];
}

/**
 * The Vega-Lite spec of a figure (`figures.mjs`): a facet (one header per panel, axes only on
 * the outer panels where scales are shared) or a concatenation of charts (each its own axes),
 * one legend for all. Every panel's domain is explicit (or, for an independent facet, its data's
 * extent) so the truth is known. Returns the spec and each panel's limits.
 */
function toVegaLiteFigure(fs) {
  const dpr = canvasSize(fs).dpr;
  const sizes = fontSizes(fs);
  const font = fontStack(fs);
  const facet = fs.kind === 'facet';
  const keys = fs.panels[0].series.map((_, i) => `s${i}`);
  const first = fs.panels[0];
  const headers = fs.panels.map((p) =>
    p.label && p.title ? `${p.label} ${p.title}` : (p.label ?? p.title ?? ''),
  );
  const rows = fs.panels.flatMap((p, k) =>
    p.series.flatMap((s, i) =>
      s.y.map((y, j) => ({ panel: headers[k] || `p${k}`, k: keys[i], x: s.x[j], y })),
    ),
  );
  const log = { x: first.x.scale === 'log', y: first.y.scale === 'log' };
  const all = (axis, panels) => panels.flatMap((p) => p.series.flatMap((s) => s[axis]));
  const limits = fs.panels.map((p) => {
    const of = (axis) =>
      facet && !fs.share[axis]
        ? [Math.min(...all(axis, [p])), Math.max(...all(axis, [p]))]
        : paddedDomain(all(axis, fs.share[axis] ? fs.panels : [p]), log[axis]);
    return { x: of('x'), y: of('y') };
  });
  const channel = (axis, domain, title) => ({
    field: axis,
    type: 'quantitative',
    scale: {
      ...(log[axis] ? { type: 'log' } : {}),
      ...(domain ? { domain } : {}),
      nice: false,
      zero: false,
    },
    axis: { title, grid: fs.grid, labelFontSize: sizes.tick, titleFontSize: sizes.label },
  });
  const series = first.series;
  const legend =
    fs.legendMode === 'shared'
      ? {
          title: fs.legend.title ?? null,
          orient: { bottom: 'bottom', top: 'top', right: 'right' }[fs.legend.position] ?? 'right',
          labelExpr: keys
            .map((k, i) => `datum.value === '${k}' ? ${JSON.stringify(String(series[i].name))} : `)
            .join('')
            .concat("''"),
          labelFontSize: sizes.legend,
        }
      : null;
  const color = {
    field: 'k',
    type: 'nominal',
    scale: { domain: keys, range: series.map((s) => s.color) },
    legend,
  };
  const dashes = series.map((s) => dashPattern(s.linestyle, seriesSizes(s).lineWidth) ?? [1, 0]);
  const layers = (x, y) => [
    {
      mark: { type: 'line', clip: true, strokeWidth: seriesSizes(series[0]).lineWidth },
      encoding: {
        x,
        y,
        color,
        strokeDash: {
          field: 'k',
          type: 'nominal',
          scale: { domain: keys, range: dashes },
          legend: null,
        },
      },
    },
    ...(series.some((s) => s.marker)
      ? [
          {
            mark: {
              type: 'point',
              filled: true,
              clip: true,
              opacity: 1,
              size: seriesSizes(series[0]).markerDiameter ** 2,
            },
            encoding: {
              x,
              y,
              color: { ...color, legend: null },
              shape: {
                field: 'k',
                type: 'nominal',
                scale: {
                  domain: keys,
                  range: series.map((s) => (SHAPES[s.marker] ?? SHAPES.o).shape),
                },
                legend: null,
              },
            },
          },
        ]
      : []),
  ];
  const { cssWidth, cssHeight } = canvasSize(fs);
  const cell = {
    width: Math.max(80, Math.round((cssWidth - 90) / fs.cols - 40)),
    height: Math.max(60, Math.round((cssHeight - 70) / fs.rows - 50)),
  };
  const theme = structuredClone(THEMES[fs.look]);
  const config = {
    ...theme,
    font,
    title: { ...theme.title, font, fontSize: sizes.title },
    axis: { ...theme.axis, labelFont: font, titleFont: font },
    legend: { ...theme.legend, labelFont: font, titleFont: font },
    header: { ...theme.header, labelFont: font, labelFontSize: sizes.label },
  };
  const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', padding: 8, config };
  const title = fs.suptitle ? { title: fs.suptitle } : {};
  if (facet) {
    const shared = (axis) => (fs.share[axis] ? limits[0][axis] : null);
    return {
      limits,
      headers,
      vlSpec: {
        ...base,
        ...title,
        data: { values: rows },
        facet: {
          field: 'panel',
          type: 'nominal',
          sort: headers.map((h, k) => h || `p${k}`),
          title: null,
        },
        columns: fs.cols,
        spec: {
          ...cell,
          layer: layers(
            channel('x', shared('x'), fs.x_label),
            channel('y', shared('y'), fs.y_label),
          ),
        },
        resolve: {
          scale: {
            x: fs.share.x ? 'shared' : 'independent',
            y: fs.share.y ? 'shared' : 'independent',
          },
        },
      },
    };
  }
  return {
    limits,
    headers,
    vlSpec: {
      ...base,
      ...title,
      columns: fs.cols,
      concat: fs.panels.map((p, k) => ({
        ...cell,
        ...(headers[k] ? { title: headers[k] } : {}),
        data: { values: rows.filter((r) => r.panel === (headers[k] || `p${k}`)) },
        layer: layers(channel('x', limits[k].x, p.x_label), channel('y', limits[k].y, p.y_label)),
      })),
    },
    dpr,
  };
}

/** The plot boxes (CSS px, in the view) of a figure's cells, in the order of the panels. */
function cellBoxes(view, vgSpec, count) {
  const [left, top] = plotOrigin(view, vgSpec);
  const boxes = [];
  const walk = (item, ox, oy) => {
    for (const mark of item.items ?? []) {
      if (mark.marktype !== 'group') continue;
      for (const g of mark.items) {
        const x = ox + (g.x ?? 0);
        const y = oy + (g.y ?? 0);
        if (mark.name === 'cell' || /^concat_\d+_group$/.test(mark.name ?? '')) {
          boxes.push([left + x, top + y, left + x + g.width, top + y + g.height]);
        }
        walk(g, x, y);
      }
    }
  };
  walk({ items: [view.scenegraph().root] }, 0, 0);
  if (boxes.length !== count)
    throw new Error(`vega drew ${boxes.length} cells for ${count} panels`);
  return boxes;
}

/** Renders one figure; its PNG and each panel's truth. */
async function renderFigure(fs, workDir) {
  const { dpr } = canvasSize(fs);
  const { vlSpec, limits } = toVegaLiteFigure(fs);
  const vgSpec = vl.compile(vlSpec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  await view.runAsync();
  const boxes = cellBoxes(view, vgSpec, fs.panels.length);
  const svg = await view.toSVG();
  view.finalize();
  const png = join(workDir, `${fs.id}.png`);
  await svgToPng(svg, png, dpr);
  if (process.env.ZOO_KEEP_SVG) await writeFile(join(workDir, `${fs.id}.svg`), svg);
  return {
    id: fs.id,
    png,
    extras: {
      panels: fs.panels.map((_, k) => ({
        x_range: limits[k].x,
        y_range: limits[k].y,
        plot_area_px: boxes[k].map((v) => v * dpr),
        panel_box_px: null,
      })),
    },
  };
}

/** Renders figures (`figures.mjs`) in this process; one `{ id, png, extras }` or `{ id, error }` each. */
export async function renderFigures(specs, workDir) {
  const results = [];
  for (const fs of specs) {
    try {
      results.push(await renderFigure(fs, workDir));
    } catch (error) {
      results.push({ id: fs.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
