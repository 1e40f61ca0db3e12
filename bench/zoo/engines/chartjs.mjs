/**
 * Chart.js engine of the zoo: Chart.js on @napi-rs/canvas (Skia; it finds the machine's fonts
 * itself), animation off, at device pixel ratio 1 or 2. The truth comes from the chart: its
 * scales' pixel mapping (`getPixelForValue`) read at the chart area's edges, and the ticks.
 *
 * Quirks handled here:
 * - Chart.js draws dataset 0 last (on top); `order` reverses that so that a later series is
 *   drawn over an earlier one, as the truth's order says, while the legend keeps spec order.
 * - A linear axis ends on its nice ticks (`bounds: 'ticks'`, no `grace`); a time axis ends on
 *   the data (`bounds: 'data'`); a category axis of a line chart has no offset (the first and
 *   last categories on the plot edges). All read back, never assumed.
 * - The canvas is transparent: a plugin paints the background (and a grey panel).
 * - No error bar element in Chart.js: a small plugin draws them, as users' plugins do.
 * - A legend inside the plot is Chart.js' 'chartArea' legend, moved into its corner.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCanvas, PDFDocument } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import 'chartjs-adapter-date-fns';
import {
  axisLabelFormatter,
  axisLimits,
  baseTruth,
  canvasSize,
  dashPattern,
  drawnLayout,
  eachSpec,
  engineX,
  fontSizes,
  fontStack,
  limitsAt,
  msToDecimalYear,
  pdfOp,
  pdfResult,
  seriesSizes,
  tickFields,
} from './web.mjs';

Chart.register(...registerables);

/**
 * Looks: Chart.js' defaults; legends with point styles instead of boxes; a minimal one
 * (no vertical grid, no axis border, legend boxes as circles), as dashboards draw them.
 */
export const looks = ['default', 'pointstyle', 'minimal'];

/** Chart.js point styles (and rotation) for matplotlib's marker letters. */
const POINT_STYLES = {
  o: ['circle', 0],
  '^': ['triangle', 0],
  v: ['triangle', 180],
  s: ['rect', 0],
  D: ['rectRot', 0],
  x: ['crossRot', 0],
  '+': ['cross', 0],
  '*': ['star', 0],
};

/** Where the legend goes: Chart.js position and alignment (see `insideLegendPlugin`). */
function legendPlace(position) {
  switch (position) {
    case 'outside-right':
      return { position: 'right', align: 'center', inside: null };
    case 'top':
    case 'bottom':
      return { position, align: 'center', inside: null };
    case 'inside-upper-left':
    case 'inside-lower-left':
    case 'inside-lower-right':
      return { position: 'chartArea', align: 'start', inside: position };
    default:
      // No "best" placement: the upper right corner.
      return { position: 'chartArea', align: 'start', inside: 'inside-upper-right' };
  }
}

/**
 * Puts a 'chartArea' legend into the plot's corner. Chart.js lays such a legend out as a column
 * whose box spans [0, chart area height] vertically (not the chart area: it lands over the
 * title) at the chart area's left edge; after the layout, this moves the box to the corner.
 */
const insideLegendPlugin = {
  id: 'zooInsideLegend',
  afterLayout(chart, _args, options) {
    const legend = chart.legend;
    if (!options.corner || !legend) return;
    const area = chart.chartArea;
    const inset = 6;
    const height = legend.legendHitBoxes.length
      ? Math.max(...legend.legendHitBoxes.map((b) => b.top + b.height)) -
        Math.min(...legend.legendHitBoxes.map((b) => b.top)) +
        legend._computeTitleHeight() +
        2 * legend.options.labels.padding
      : legend.height;
    const top = options.corner.includes('upper') ? area.top + inset : area.bottom - inset - height;
    const left = options.corner.endsWith('left')
      ? area.left + inset
      : area.right - inset - legend.width;
    // Chart.js places the items (hit boxes) from this box afterwards (afterUpdate).
    Object.assign(legend, { top, bottom: top + height, height, left, right: left + legend.width });
  },
};

/** Paints the canvas background (white) and, for the `panel` frame, the plot in grey. */
const backgroundPlugin = {
  id: 'zooBackground',
  beforeDraw(chart, _args, options) {
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, chart.width, chart.height);
    if (options.panel) {
      ctx.fillStyle = options.panel;
      ctx.fillRect(chartArea.left, chartArea.top, chartArea.width, chartArea.height);
    }
    ctx.restore();
  },
};

/** Draws symmetric error bars with caps over the datasets that have `zooErrors`. */
const errorBarPlugin = {
  id: 'zooErrorBars',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((dataset, i) => {
      if (!dataset.zooErrors) return;
      const meta = chart.getDatasetMeta(i);
      const y = chart.scales[meta.yAxisID];
      ctx.save();
      ctx.strokeStyle = dataset.borderColor;
      ctx.lineWidth = Math.max(1, dataset.borderWidth * 0.75);
      ctx.setLineDash([]);
      meta.data.forEach((point, j) => {
        const v = dataset.data[j].y;
        const e = dataset.zooErrors[j];
        const top = y.getPixelForValue(v + e);
        const bottom = y.getPixelForValue(v - e);
        const cap = 4;
        ctx.beginPath();
        ctx.moveTo(point.x, top);
        ctx.lineTo(point.x, bottom);
        ctx.moveTo(point.x - cap, top);
        ctx.lineTo(point.x + cap, top);
        ctx.moveTo(point.x - cap, bottom);
        ctx.lineTo(point.x + cap, bottom);
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};

/** A colour with alpha, for band fills. */
function withAlpha(hex, alpha) {
  const [r, g, b] = [1, 3, 5].map((k) => Number.parseInt(hex.slice(k, k + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** The options of one axis. */
function axisOptions(spec, axis, look, sizes) {
  const a = spec[axis];
  const type = { linear: 'linear', log: 'logarithmic', time: 'time', category: 'category' }[
    a.scale
  ];
  const label = axis === 'x' ? spec.x_label : spec.y_label;
  const options = {
    type,
    title: { display: Boolean(label), text: label ?? '', font: { size: sizes.label } },
    grid: {
      display: Boolean(spec.grid) && !(look === 'minimal' && axis === 'x'),
      drawTicks: spec.ticks !== 'none',
    },
    border: { display: spec.frame !== 'none' && look !== 'minimal' },
    ticks: { font: { size: sizes.tick } },
  };
  if (spec.frame === 'panel') options.grid.color = 'white';
  if (a.scale === 'time') options.time = { tooltipFormat: 'yyyy-MM-dd' };
  if (a.scale === 'category') options.labels = a.categories;
  const limits = axisLimits(spec, axis);
  if (limits) [options.min, options.max] = limits;
  const format = axisLabelFormatter(spec, axis);
  if (format && a.scale === 'log' && a.format !== 'pow10') {
    // Chart.js' own log labels: 1, 2 and 5 times a power of ten, the others blank.
    options.ticks.callback = (v) => {
      const m = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
      return [1, 2, 5].some((k) => Math.abs(m - k) < 1e-6) ? format(v) : '';
    };
  } else if (format) {
    options.ticks.callback = format;
  }
  return options;
}

/** The Chart.js configuration of a chart, and which legend position it draws. */
export function toChartJs(spec) {
  const look = spec.look ?? 'default';
  if (!looks.includes(look)) throw new RangeError(`Expected a chartjs look but received ${look}`);
  const { dpr } = canvasSize(spec);
  const sizes = fontSizes(spec);
  const n = spec.series.length;
  const cats = spec.x.scale === 'category' ? spec.x.categories : null;
  const points = (s, ys) => {
    const xs = engineX(spec, s);
    return ys.map((y, j) => ({ x: cats ? cats[xs[j]] : xs[j], y }));
  };
  const datasets = [];
  spec.series.forEach((s, i) => {
    const { lineWidth, markerDiameter } = seriesSizes(s);
    const [pointStyle, rotation] = POINT_STYLES[s.marker] ?? POINT_STYLES.o;
    datasets.push({
      label: String(s.name),
      data: points(s, s.y),
      borderColor: s.color,
      // Chart.js' own palette: the legend box filled with the colour at half alpha, so a
      // dashed border shows; the markers are filled with the full colour.
      backgroundColor: withAlpha(s.color, 0.5),
      pointBackgroundColor: s.color,
      borderWidth: lineWidth,
      borderDash: dashPattern(s.linestyle, lineWidth) ?? [],
      showLine: s.linestyle !== 'none',
      pointStyle,
      pointRotation: rotation,
      pointRadius: s.marker ? markerDiameter / 2 : 0,
      pointBorderWidth: s.marker === 'x' || s.marker === '+' ? Math.max(1.5, lineWidth) : 1,
      tension: 0,
      fill: false,
      // Drawn from the highest order down: series i over series i - 1, bands under all.
      order: n - i,
      zooErrors: s.errors ?? undefined,
    });
  });
  spec.series.forEach((s) => {
    if (!s.band) return;
    // A band is two invisible datasets, the upper one filled down to the lower ('-1').
    const common = { pointRadius: 0, borderWidth: 0, tension: 0, order: n + 1, zooBand: true };
    datasets.push({ ...common, label: '', data: points(s, s.band.lo), fill: false });
    datasets.push({
      ...common,
      label: '',
      data: points(s, s.band.hi),
      fill: '-1',
      backgroundColor: withAlpha(s.color, s.band.alpha ?? 0.2),
    });
  });
  const place = spec.legend ? legendPlace(spec.legend.position) : null;
  const usePointStyle = look !== 'default';
  const config = {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: dpr,
      parsing: true,
      layout: { padding: 8 },
      scales: {
        x: axisOptions(spec, 'x', look, sizes),
        y: axisOptions(spec, 'y', look, sizes),
      },
      plugins: {
        zooBackground: { panel: spec.frame === 'panel' ? '#ebebeb' : null },
        zooInsideLegend: { corner: place?.inside ?? null },
        title: {
          display: Boolean(spec.title),
          text: spec.title ?? '',
          font: { size: sizes.title, weight: 'bold' },
        },
        legend: place
          ? {
              display: true,
              position: place.position,
              align: place.align,
              title: {
                display: Boolean(spec.legend.title),
                text: spec.legend.title ?? '',
                font: { size: sizes.legend, weight: 'bold' },
              },
              labels: {
                font: { size: sizes.legend },
                usePointStyle,
                // Point-style samples are drawn sqrt(2) times the box height: a bit smaller than
                // the text; line samples long enough to show their dash when all are lines.
                ...(usePointStyle
                  ? {
                      boxHeight: Math.round(sizes.legend * 0.75),
                      ...(spec.series.some((s) => s.marker) ? {} : { pointStyleWidth: 30 }),
                    }
                  : {}),
                // With point styles, Chart.js styles every sample as the dataset's first point
                // (1 px, solid); a series without markers gets a line sample in its own width
                // and dash instead, as users write it.
                generateLabels: (chart) =>
                  Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
                    const dataset = chart.data.datasets[item.datasetIndex];
                    const s = spec.series[item.datasetIndex];
                    if (!s || s.marker) return item;
                    return {
                      ...item,
                      pointStyle: 'line',
                      lineWidth: dataset.borderWidth,
                      lineDash: dataset.borderDash,
                      strokeStyle: dataset.borderColor,
                    };
                  }),
                filter: (item, data) => !data.datasets[item.datasetIndex].zooBand,
                // In spec order: by default the legend follows the datasets' `order`.
                sort: (a, b) => a.datasetIndex - b.datasetIndex,
              },
            }
          : { display: false },
        tooltip: { enabled: false },
      },
    },
    plugins: [backgroundPlugin, insideLegendPlugin, errorBarPlugin],
  };
  return { config };
}

/**
 * The legend's extent in image pixels: its items' boxes (text included) and its title above
 * them. The legend's own box is clamped to the room it was given, the items may overflow it.
 */
function legendBox(chart, dpr) {
  const legend = chart.legend;
  if (!legend?.options.display || !legend.legendHitBoxes.length) return null;
  const boxes = legend.legendHitBoxes;
  return [
    Math.min(...boxes.map((b) => b.left)),
    Math.min(...boxes.map((b) => b.top)) - legend._computeTitleHeight(),
    Math.max(...boxes.map((b) => b.left + b.width)),
    Math.max(...boxes.map((b) => b.top + b.height)),
  ].map((v) => v * dpr);
}

/** Axis limits of a scale at the chart area's edges, in the truth's units. */
function limits(chart, spec, axis) {
  const scale = chart.scales[axis];
  const area = chart.chartArea;
  const a = spec[axis];
  const [lo, hi] = axis === 'x' ? [area.left, area.right] : [area.bottom, area.top];
  if (a.scale === 'category') {
    const last = a.categories.length - 1;
    if (last < 1) return [-0.5, 0.5];
    return limitsAt(0, scale.getPixelForValue(0), last, scale.getPixelForValue(last), lo, hi);
  }
  // Two values inside the scale, mapped by the scale itself, extended to the edges.
  const log = a.scale === 'log';
  const [v0, v1] = log
    ? [scale.min * (scale.max / scale.min) ** 0.25, scale.min * (scale.max / scale.min) ** 0.75]
    : [scale.min + (scale.max - scale.min) * 0.25, scale.min + (scale.max - scale.min) * 0.75];
  const r = limitsAt(v0, scale.getPixelForValue(v0), v1, scale.getPixelForValue(v1), lo, hi, log);
  return a.scale === 'time' ? r.map(msToDecimalYear) : r;
}

/** Tick values (truth units) and label texts of a scale, the unlabelled ones left out. */
function ticks(chart, spec, axis) {
  const scale = chart.scales[axis];
  const shown = scale.ticks.filter((t) => t.label !== '' && t.label != null);
  const toTruth = spec[axis].scale === 'time' ? msToDecimalYear : (v) => v;
  return {
    ticks: shown.map((t) => toTruth(t.value)),
    labels: shown.map((t) => (Array.isArray(t.label) ? t.label.join(' ') : String(t.label))),
  };
}

/**
 * The chart drawn again into a one-page vector PDF (Skia's PDF backend) of `width` x `height`
 * points, one CSS pixel per point: Chart.js lays out in CSS pixels whatever the pixel ratio, so
 * the plot box is the PNG's divided by its pixel ratio. Chart.js gets a stand-in canvas whose
 * context is the PDF page.
 */
function renderPdf(spec, width, height) {
  const doc = new PDFDocument();
  const ctx = doc.beginPage(width, height);
  const canvas = { width, height, getContext: () => ctx };
  Object.defineProperty(ctx, 'canvas', { value: canvas, configurable: true });
  const { config } = toChartJs(spec);
  config.options.devicePixelRatio = 1;
  const chart = new Chart(canvas, config);
  // The page is closed before the chart is destroyed: destroy() clears its canvas.
  doc.endPage();
  const bytes = doc.close();
  chart.destroy();
  return bytes;
}

/**
 * Whether an inside legend overflows the plot: Chart.js wraps a tall legend into columns and
 * cuts the text at the chart area's right edge.
 */
function insideLegendOverflows(chart, spec) {
  if (!spec.legend?.position.startsWith('inside')) return false;
  const boxes = chart.legend.legendHitBoxes;
  const area = chart.chartArea;
  return boxes.some(
    (b) => b.left + b.width > area.right || b.top + b.height > area.bottom || b.left < area.left,
  );
}

/** The chart on a canvas; an inside legend that does not fit moves above the plot. */
function drawChart(spec) {
  const { cssWidth, cssHeight } = canvasSize(spec);
  // Chart.js takes the font family from its global defaults (charts render one at a time).
  Chart.defaults.font.family = fontStack(spec);
  Chart.defaults.font.size = fontSizes(spec).tick;
  const canvas = createCanvas(cssWidth, cssHeight);
  const chart = new Chart(canvas, toChartJs(spec).config);
  if (!insideLegendOverflows(chart, spec)) return { canvas, chart, spec };
  chart.destroy();
  const moved = { ...spec, legend: { ...spec.legend, position: 'top' } };
  const again = createCanvas(cssWidth, cssHeight);
  return { canvas: again, chart: new Chart(again, toChartJs(moved).config), spec: moved };
}

async function renderOne(original, workDir) {
  const { dpr, cssWidth, cssHeight } = canvasSize(original);
  const { canvas, chart, spec } = drawChart(original);
  try {
    if (canvas.width !== cssWidth * dpr) {
      throw new Error(`canvas is ${canvas.width} px wide, expected ${cssWidth * dpr}`);
    }
    const png = join(workDir, `${spec.id}.png`);
    await writeFile(png, await canvas.encode('png'));
    const area = chart.chartArea;
    const xt = ticks(chart, spec, 'x');
    const yt = ticks(chart, spec, 'y');
    const extras = {
      ...baseTruth(spec),
      x_range: limits(chart, spec, 'x'),
      y_range: limits(chart, spec, 'y'),
      plot_area_px: [area.left, area.top, area.right, area.bottom].map((v) => v * dpr),
      legend_box_px: legendBox(chart, dpr),
      ...tickFields(xt, yt),
      width: canvas.width,
      height: canvas.height,
      // No ticks inside in Chart.js, and its axes have borders on the left and bottom only.
      drawn: drawnLayout(spec, {
        ticks: spec.ticks === 'none' ? 'none' : 'out',
        frame: spec.frame === 'box' ? 'spines' : spec.frame,
      }),
    };
    if (!pdfOp(spec)) return { id: spec.id, png, extras };
    return pdfResult(spec, { png, extras, dpr }, renderPdf(spec, cssWidth, cssHeight), workDir);
  } finally {
    chart.destroy();
  }
}

/** Renders a batch of ChartSpecs in this process; one `{ id, png, extras }` or `{ id, error }` each. */
export async function render(specs, workDir) {
  // Dates are UTC: the date adapter (date-fns) works in the process's time zone.
  process.env.TZ = 'UTC';
  return eachSpec(specs, (spec) => renderOne(spec, workDir));
}
