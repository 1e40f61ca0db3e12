/**
 * ECharts engine of the zoo: server-side rendering to SVG (`ssr: true`, `renderToSVGString`),
 * rasterised by sharp (librsvg). Text is measured with @napi-rs/canvas, so the layout uses the
 * real fonts. The truth comes from the chart: `convertToPixel` of two data values per axis,
 * extended to the grid rect (`coordinateSystem.getRect()`), and the axes' view labels.
 *
 * Quirks handled here:
 * - A value axis includes zero (`scale: false`) and ends on nice values; a category axis puts
 *   its categories in the middle of bands (`boundaryGap: true`, the default) or, in the `edge`
 *   variant, on the band edges: all read back through `convertToPixel`.
 * - Labels of a time axis follow the process's time zone unless `useUTC` (set here).
 * - The layout is done twice: the first pass measures the legend (ECharts wraps it itself) and
 *   the grid, the second makes room for the legend and puts an inside legend in the grid's
 *   corner. With `outerBoundsContain: 'all'` the grid shrinks until tick labels and axis names
 *   fit inside the rect it is given.
 * - No legend title in ECharts: a legend with a title is drawn without it.
 * - Shaded bands are ECharts' stacked-area idiom: an invisible lower series and the band's
 *   height stacked on it with an area style; error bars are a custom series.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import * as echarts from 'echarts';
import { withPrinter } from './chromium.mjs';
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
  limitsAt,
  msToDecimalYear,
  seriesSizes,
  svgChartResult,
  svgToPng,
  tickFields,
} from './web.mjs';

/** ECharts' theme files that are registered as looks (besides the built-in default). */
const THEME_FILES = ['v5', 'vintage', 'macarons', 'shine', 'roma', 'infographic'];

/**
 * Looks: ECharts' default theme, the v5 default, a few of the themes it ships, and `edge`
 * (default theme, categories on band edges: `boundaryGap: false`).
 */
export const looks = ['default', 'edge', ...THEME_FILES];

// The theme files are UMD scripts for a browser global `echarts` (their CommonJS branch needs
// require() of ECharts' ESM build): run each with `this.echarts` set to this module's ECharts.
const themeDir = join(
  dirname(createRequire(import.meta.url).resolve('echarts/package.json')),
  'theme',
);
for (const name of THEME_FILES) {
  const source = readFileSync(join(themeDir, `${name}.js`), 'utf8');
  new Function('define', 'exports', 'require', source).call({ echarts });
}

// Text is measured with Skia and the machine's fonts (ECharts' SSR default is an estimate).
const measureContext = createCanvas(1, 1).getContext('2d');
echarts.setPlatformAPI({
  measureText(text, font) {
    measureContext.font = font;
    return measureContext.measureText(text);
  },
});

/** Filled polygon symbols for the stroke-like markers (ECharts fills path symbols). */
function polygonPath(points) {
  return `path://M${points.map(([x, y]) => `${x},${y}`).join('L')}Z`;
}
const PLUS = polygonPath([
  [4, 0],
  [6, 0],
  [6, 4],
  [10, 4],
  [10, 6],
  [6, 6],
  [6, 10],
  [4, 10],
  [4, 6],
  [0, 6],
  [0, 4],
  [4, 4],
]);
const CROSS = polygonPath([
  [0, 1.2],
  [1.2, 0],
  [5, 3.8],
  [8.8, 0],
  [10, 1.2],
  [6.2, 5],
  [10, 8.8],
  [8.8, 10],
  [5, 6.2],
  [1.2, 10],
  [0, 8.8],
  [3.8, 5],
]);
const STAR = polygonPath(
  Array.from({ length: 10 }, (_, k) => {
    const r = k % 2 === 0 ? 5 : 2;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    return [+(5 + r * Math.cos(a)).toFixed(3), +(5 + r * Math.sin(a)).toFixed(3)];
  }),
);

/** ECharts symbol and rotation for a matplotlib marker letter. */
function symbolOf(marker, look) {
  switch (marker) {
    case 'o':
      // ECharts' own look: hollow circles.
      return [look === 'default' || look === 'edge' ? 'emptyCircle' : 'circle', 0];
    case '^':
      return ['triangle', 0];
    case 'v':
      return ['triangle', 180];
    case 's':
      return ['rect', 0];
    case 'D':
      return ['diamond', 0];
    case 'x':
      return [CROSS, 0];
    case '+':
      return [PLUS, 0];
    case '*':
      return [STAR, 0];
    default:
      return ['circle', 0];
  }
}

const AXIS_TYPE = { linear: 'value', log: 'log', time: 'time', category: 'category' };

function axisOption(spec, axis, sizes) {
  const a = spec[axis];
  const label = axis === 'x' ? spec.x_label : spec.y_label;
  const option = {
    type: AXIS_TYPE[a.scale],
    name: label ?? '',
    nameLocation: 'middle',
    nameGap: axis === 'x' ? sizes.tick + 14 : 0,
    nameTextStyle: { fontSize: sizes.label },
    axisLabel: { fontSize: sizes.tick, hideOverlap: true },
    splitLine: { show: Boolean(spec.grid) },
    axisTick: { show: spec.ticks !== 'none', inside: spec.ticks === 'in' || spec.ticks === 'in4' },
    axisLine: { show: spec.frame !== 'none', onZero: false },
  };
  if (spec.frame === 'panel') option.splitLine.lineStyle = { color: 'white' };
  if (a.scale === 'log') option.logBase = 10;
  if (a.scale === 'category') {
    option.data = a.categories;
    option.boundaryGap = spec.look !== 'edge';
  }
  const limits = axisLimits(spec, axis);
  if (limits) [option.min, option.max] = limits;
  const format = axisLabelFormatter(spec, axis);
  if (format) option.axisLabel.formatter = format;
  return option;
}

/** The ECharts option of a chart (its legend and grid placed by `layOut`). */
export function toECharts(spec) {
  const look = spec.look ?? 'default';
  if (!looks.includes(look)) throw new RangeError(`Expected an echarts look but received ${look}`);
  const sizes = fontSizes(spec);
  const series = [];
  const pairs = (s, ys) => {
    const xs = engineX(spec, s);
    return ys.map((y, j) => [xs[j], y]);
  };
  spec.series.forEach((s, i) => {
    if (!s.band) return;
    // The band: its lower edge, invisible, and its height stacked on it with an area style.
    // stackStrategy 'all': by default ECharts stacks only values of the same sign.
    const hidden = {
      lineStyle: { opacity: 0 },
      showSymbol: false,
      silent: true,
      z: 1,
      stackStrategy: 'all',
    };
    series.push({
      ...hidden,
      type: 'line',
      name: `\u0000band${i}lo`,
      stack: `band${i}`,
      data: pairs(s, s.band.lo),
    });
    series.push({
      ...hidden,
      type: 'line',
      name: `\u0000band${i}hi`,
      stack: `band${i}`,
      data: pairs(
        s,
        s.band.hi.map((hi, j) => hi - s.band.lo[j]),
      ),
      areaStyle: { color: s.color, opacity: s.band.alpha ?? 0.2 },
    });
  });
  spec.series.forEach((s) => {
    const { lineWidth, markerDiameter } = seriesSizes(s);
    const [symbol, symbolRotate] = symbolOf(s.marker, look);
    series.push({
      type: 'line',
      name: String(s.name),
      data: pairs(s, s.y),
      color: s.color,
      symbol: s.marker ? symbol : 'none',
      symbolRotate,
      symbolSize: markerDiameter,
      showSymbol: Boolean(s.marker),
      // Every marker, however dense (ECharts thins them out on category axes otherwise).
      showAllSymbol: true,
      lineStyle: {
        color: s.color,
        width: s.linestyle === 'none' ? 0 : lineWidth,
        type: dashPattern(s.linestyle, lineWidth) ?? 'solid',
        opacity: s.linestyle === 'none' ? 0 : 1,
      },
      // Straight segments between the points, as the truth: some themes (macarons) smooth.
      smooth: false,
      // An 'emptyCircle' is stroked in this colour and filled white by ECharts itself. Thin
      // path symbols keep their own colour as border (a theme's white ring would erase them).
      itemStyle: {
        color: s.color,
        ...(symbol.startsWith('path://') ? { borderColor: s.color, borderWidth: 0 } : {}),
      },
      emphasis: { disabled: true },
      z: 2,
    });
  });
  spec.series.forEach((s, i) => {
    if (!s.errors) return;
    const xs = engineX(spec, s);
    const width = Math.max(1, seriesSizes(s).lineWidth * 0.75);
    series.push({
      type: 'custom',
      name: `\u0000errors${i}`,
      data: s.y.map((y, j) => [xs[j], y - s.errors[j], y + s.errors[j]]),
      encode: { x: 0, y: [1, 2] },
      z: 3,
      renderItem: (_params, api) => {
        const lo = api.coord([api.value(0), api.value(1)]);
        const hi = api.coord([api.value(0), api.value(2)]);
        const cap = 4;
        const style = { stroke: s.color, lineWidth: width };
        const line = (x1, y1, x2, y2) => ({ type: 'line', shape: { x1, y1, x2, y2 }, style });
        return {
          type: 'group',
          children: [
            line(lo[0], lo[1], hi[0], hi[1]),
            line(lo[0] - cap, lo[1], lo[0] + cap, lo[1]),
            line(hi[0] - cap, hi[1], hi[0] + cap, hi[1]),
          ],
        };
      },
    });
  });
  const family = spec.font?.family ?? 'DejaVu Sans';
  const option = {
    animation: false,
    useUTC: true,
    backgroundColor: look === 'default' || look === 'edge' ? 'white' : undefined,
    textStyle: { fontFamily: `${family}, DejaVu Sans, sans-serif`, fontSize: sizes.tick },
    title: spec.title
      ? { text: spec.title, left: 'center', top: 6, textStyle: { fontSize: sizes.title } }
      : { show: false },
    legend: spec.legend
      ? {
          type: 'plain',
          // Placed by `layOut`; vertical except above or below the plot.
          orient:
            spec.legend.position === 'top' || spec.legend.position === 'bottom'
              ? 'horizontal'
              : 'vertical',
          // ECharts draws a circle on the line sample of a series without markers (a black
          // dot over every dash pattern of a mono chart): hidden, the sample is the line.
          data: spec.series.map((s) => ({
            name: String(s.name),
            ...(s.marker ? {} : { itemStyle: { opacity: 0 } }),
          })),
          textStyle: { fontSize: sizes.legend },
          ...(spec.legend.frame
            ? { borderColor: '#aaa', borderWidth: 1, backgroundColor: 'rgba(255,255,255,0.9)' }
            : {}),
        }
      : { show: false },
    grid: {
      show: spec.frame === 'box' || spec.frame === 'panel' || spec.ticks === 'in4',
      borderColor: '#333',
      borderWidth: spec.frame === 'panel' ? 0 : 1,
      backgroundColor: spec.frame === 'panel' ? '#ebebeb' : 'transparent',
      outerBoundsMode: 'same',
      outerBoundsContain: 'all',
    },
    xAxis: axisOption(spec, 'x', sizes),
    yAxis: axisOption(spec, 'y', sizes),
    series,
  };
  return option;
}

/** The rect of a component's view in chart pixels (CSS), or null. */
function viewRect(chart, mainType) {
  const model = chart.getModel().getComponent(mainType);
  if (!model) return null;
  const view = chart.getViewOfComponentModel(model);
  if (!view?.group) return null;
  const rect = view.group.getBoundingRect();
  if (!rect.width && !rect.height) return null;
  rect.applyTransform(view.group.getLocalTransform());
  return rect;
}

const GAP = 10;

/**
 * Places legend and grid (the second pass): legend outside right, top or bottom with room made
 * for it, or inside the grid's corner.
 */
function layOut(chart, spec, width, height) {
  const title = viewRect(chart, 'title');
  const top0 = (title ? title.y + title.height : 0) + GAP;
  const grid = { left: GAP, right: GAP, top: top0, bottom: GAP };
  const legend = {};
  if (spec.legend) {
    const position = spec.legend.position;
    const box = viewRect(chart, 'legend');
    if (position === 'outside-right') {
      Object.assign(legend, { right: GAP, top: 'middle' });
      grid.right = (box?.width ?? 0) + 2 * GAP;
    } else if (position === 'top') {
      Object.assign(legend, { left: 'center', top: top0 });
      grid.top = top0 + (box?.height ?? 0) + GAP;
    } else if (position === 'bottom') {
      Object.assign(legend, { left: 'center', bottom: GAP });
      grid.bottom = (box?.height ?? 0) + 2 * GAP;
    }
  }
  // The y axis name beside the widest tick label (ECharts' nameGap is a fixed distance).
  const yModel = chart.getModel().getComponent('yAxis');
  measureContext.font = `${fontSizes(spec).tick}px ${chart.getOption().textStyle[0]?.fontFamily ?? 'sans-serif'}`;
  const widest = Math.max(
    0,
    ...yModel.axis.getViewLabels().map((l) => measureContext.measureText(l.formattedLabel).width),
  );
  chart.setOption({ grid, legend, yAxis: { nameGap: widest + 14 } });
  if (spec.legend?.position.startsWith('inside')) {
    // The corner of the grid as it is now laid out.
    const rect = chart.getModel().getComponent('grid').coordinateSystem.getRect();
    const inset = 8;
    const corner =
      spec.legend.position === 'inside-best' ? 'inside-upper-right' : spec.legend.position;
    const place = {};
    if (corner.includes('upper')) place.top = rect.y + inset;
    else place.bottom = height - (rect.y + rect.height) + inset;
    if (corner.endsWith('left')) place.left = rect.x + inset;
    else place.right = width - (rect.x + rect.width) + inset;
    chart.setOption({ legend: { ...place, top: place.top ?? null, bottom: place.bottom ?? null } });
  }
}

/** Axis limits at the grid rect's edges, in the truth's units. */
function limits(chart, spec, axis, rect) {
  const a = spec[axis];
  const finder = axis === 'x' ? { xAxisIndex: 0 } : { yAxisIndex: 0 };
  const [lo, hi] = axis === 'x' ? [rect.x, rect.x + rect.width] : [rect.y + rect.height, rect.y];
  let v0;
  let v1;
  if (a.scale === 'category') {
    v0 = 0;
    v1 = a.categories.length - 1;
    if (v1 < 1) return [-0.5, 0.5];
  } else {
    const values = spec.series.flatMap((s) => (axis === 'x' ? engineX(spec, s) : s.y));
    v0 = Math.min(...values);
    v1 = Math.max(...values);
    if (v0 === v1) v1 = v0 + 1;
  }
  const p0 = chart.convertToPixel(finder, v0);
  const p1 = chart.convertToPixel(finder, v1);
  const r = limitsAt(v0, p0, v1, p1, lo, hi, a.scale === 'log');
  return a.scale === 'time' ? r.map(msToDecimalYear) : r;
}

/**
 * Tick values (truth units) and label texts of an axis as drawn: the view labels, without those
 * `hideOverlap` hid (their text elements are `ignore`d) or left blank, and without rich-text
 * markup (`{primary|2021}` is 2021).
 */
function ticks(chart, spec, axis) {
  const model = chart.getModel().getComponent(`${axis}Axis`);
  const labels = model.axis.getViewLabels();
  const texts = [];
  chart.getViewOfComponentModel(model).group.traverse((el) => {
    if (el.type === 'text') texts.push(el);
  });
  // The label elements come in the order of the view labels; the axis name is the one extra.
  const hidden = (k) => texts.length >= labels.length && texts[k]?.ignore;
  const shown = labels.filter((l, k) => l.formattedLabel !== '' && !hidden(k));
  const toTruth = spec[axis].scale === 'time' ? msToDecimalYear : (v) => v;
  return {
    ticks: shown.map((l) => toTruth(l.tick.value)),
    labels: shown.map((l) => l.formattedLabel.replace(/\{\w+\|([^}]*)\}/g, '$1')),
  };
}

async function renderOne(spec, workDir, printer) {
  const { dpr, cssWidth, cssHeight } = canvasSize(spec);
  const look = spec.look ?? 'default';
  const theme = look === 'default' || look === 'edge' ? null : look;
  const chart = echarts.init(null, theme, {
    renderer: 'svg',
    ssr: true,
    width: cssWidth,
    height: cssHeight,
  });
  try {
    chart.setOption(toECharts(spec));
    layOut(chart, spec, cssWidth, cssHeight);
    const svg = chart.renderToSVGString();
    const png = join(workDir, `${spec.id}.png`);
    await svgToPng(svg, png, dpr);
    const rect = chart.getModel().getComponent('grid').coordinateSystem.getRect();
    const legendBox = spec.legend ? viewRect(chart, 'legend') : null;
    const xt = ticks(chart, spec, 'x');
    const yt = ticks(chart, spec, 'y');
    const extras = {
      ...baseTruth(spec),
      x_range: limits(chart, spec, 'x', rect),
      y_range: limits(chart, spec, 'y', rect),
      plot_area_px: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height].map((v) => v * dpr),
      legend_box_px: legendBox && [
        legendBox.x * dpr,
        legendBox.y * dpr,
        (legendBox.x + legendBox.width) * dpr,
        (legendBox.y + legendBox.height) * dpr,
      ],
      ...tickFields(xt, yt),
      width: cssWidth * dpr,
      height: cssHeight * dpr,
      // No legend title; ticks inside on four sides are ticks inside with the grid's border.
      drawn: drawnLayout(spec, {
        legend_title: false,
        ...(spec.ticks === 'in4' ? { ticks: 'in', frame: 'box' } : {}),
      }),
    };
    return svgChartResult(spec, { png, svg, extras }, printer, workDir);
  } finally {
    chart.dispose();
  }
}

/** Renders a batch of ChartSpecs in this process; one `{ id, png, extras }` or `{ id, error }` each. */
export async function render(specs, workDir) {
  return withPrinter((printer) => eachSpec(specs, (spec) => renderOne(spec, workDir, printer)));
}
