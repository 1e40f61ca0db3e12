/**
 * Plotly engine of the zoo: plotly.js (npm plotly.js-dist-min, loaded from the local file, never
 * a CDN) in one headless Debian Chromium per batch, driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: JSON messages ended by NUL on fds 3 and 4, no WebSocket and no
 * port). Each chart is `Plotly.newPlot` into one page, exported by `Plotly.toImage` at the
 * device pixel ratio, then purged. The truth comes from the plot's full layout: the axes'
 * ranges (log axes in log10 units, date axes as dates, category axes in index units) and the
 * plot box `_size`, the axes' drawn ticks `_vals`.
 *
 * Quirks handled here:
 * - Autorange pads lines by a few percent (and more for markers): read back, never assumed.
 * - The dist bundle defines `window.moduleName`, not `window.Plotly`.
 * - Plotly has no per-point marker outline for `x`/`+`: the `-thin` symbols are lines and need
 *   a marker line width.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromiumAvailable, openPrinter, openTab, startBrowser } from './chromium.mjs';
import {
  baseTruth,
  canvasSize,
  dataSpan,
  decimalsFor,
  drawnLayout,
  eachSpec,
  fontSizes,
  msToDecimalYear,
  pdfOp,
  pdfResult,
  seriesSizes,
  tickFields,
} from './web.mjs';

/**
 * Looks: plotly.js' own defaults, and Plotly's Python templates `plotly` (blue-grey panel,
 * white grid), `plotly_white` and `simple_white` (no grid, axis lines, ticks outside),
 * written out as layout defaults.
 */
const TEMPLATES = {
  default: { layout: {}, axis: {} },
  plotly: {
    layout: { plot_bgcolor: '#E5ECF6', paper_bgcolor: 'white' },
    axis: { gridcolor: 'white', zerolinecolor: 'white', zerolinewidth: 2, linecolor: 'white' },
  },
  plotly_white: {
    layout: { plot_bgcolor: 'white', paper_bgcolor: 'white' },
    axis: {
      gridcolor: '#EBF0F8',
      zerolinecolor: '#EBF0F8',
      zerolinewidth: 2,
      linecolor: '#EBF0F8',
    },
  },
  simple_white: {
    layout: { plot_bgcolor: 'white', paper_bgcolor: 'white' },
    axis: {
      showgrid: false,
      zeroline: false,
      showline: true,
      linecolor: 'rgb(36,36,36)',
      ticks: 'outside',
    },
  },
};
export const looks = Object.keys(TEMPLATES);

/** True when Chromium can be run and plotly.js is installed, else why not. */
export async function available() {
  try {
    createRequire(import.meta.url).resolve('plotly.js-dist-min');
  } catch {
    return 'plotly.js-dist-min is not installed (bench/zoo/setup.sh)';
  }
  return chromiumAvailable();
}

/** Plotly marker symbols for matplotlib's marker letters. */
const SYMBOLS = {
  o: 'circle',
  '^': 'triangle-up',
  v: 'triangle-down',
  s: 'square',
  D: 'diamond',
  x: 'x-thin',
  '+': 'cross-thin',
  '*': 'star',
};

const DASHES = { dashed: 'dash', dotted: 'dot', dashdot: 'dashdot' };

/** Legend placement in paper coordinates. */
function legendLayout(legend) {
  const inside = (x, y) => ({
    x,
    y,
    xanchor: x < 0.5 ? 'left' : 'right',
    yanchor: y < 0.5 ? 'bottom' : 'top',
  });
  switch (legend.position) {
    case 'outside-right':
      return {};
    case 'top':
      return { orientation: 'h', x: 0.5, xanchor: 'center', y: 1.02, yanchor: 'bottom' };
    case 'bottom':
      // Below the x axis title, in the container's coordinates (the margin grows for it).
      return {
        orientation: 'h',
        x: 0.5,
        xanchor: 'center',
        yref: 'container',
        y: 0.01,
        yanchor: 'bottom',
      };
    case 'inside-upper-left':
      return inside(0.01, 0.99);
    case 'inside-lower-left':
      return inside(0.01, 0.01);
    case 'inside-lower-right':
      return inside(0.99, 0.01);
    default:
      return inside(0.99, 0.99);
  }
}

function axisLayout(spec, axis, template, sizes) {
  const a = spec[axis];
  const label = axis === 'x' ? spec.x_label : spec.y_label;
  const layout = {
    ...template.axis,
    type: { linear: 'linear', log: 'log', time: 'date', category: 'category' }[a.scale],
    title: { text: label ?? '', font: { size: sizes.label } },
    tickfont: { size: sizes.tick },
    automargin: true,
  };
  if (spec.grid === false) layout.showgrid = false;
  else if (template.axis.showgrid === false) layout.showgrid = true;
  if (spec.frame === 'panel') Object.assign(layout, { gridcolor: 'white', showline: false });
  if (spec.frame === 'box')
    Object.assign(layout, { showline: true, mirror: true, linecolor: '#444' });
  if (spec.frame === 'spines')
    Object.assign(layout, { showline: true, mirror: false, linecolor: '#444' });
  if (spec.frame === 'none') layout.showline = false;
  if (spec.ticks === 'out') layout.ticks = 'outside';
  if (spec.ticks === 'in') layout.ticks = 'inside';
  if (spec.ticks === 'in4')
    Object.assign(layout, { ticks: 'inside', showline: true, mirror: 'ticks' });
  if (spec.ticks === 'none') layout.ticks = '';
  if (a.scale === 'category') {
    layout.categoryorder = 'array';
    layout.categoryarray = a.categories;
  }
  if (a.range && a.scale !== 'category') {
    layout.range = a.scale === 'log' ? a.range.map(Math.log10) : a.range;
    layout.autorange = false;
  }
  if (a.scale === 'linear' || a.scale === 'log') {
    switch (a.format) {
      case 'decimals':
        layout.tickformat = `.${decimalsFor(dataSpan(spec, axis))}f`;
        break;
      case 'thousands':
        layout.tickformat = ',';
        break;
      case 'si':
        layout.tickformat = '~s';
        break;
      case 'percent':
        layout.ticksuffix = '%';
        break;
      case 'sci':
        layout.exponentformat = 'e';
        layout.showexponent = 'all';
        if (a.scale === 'log') layout.dtick = 1;
        break;
      case 'pow10':
        // Plotly typesets 10 with a superscript exponent.
        layout.exponentformat = 'power';
        layout.showexponent = 'all';
        if (a.scale === 'log') layout.dtick = 1;
        break;
      default:
        break;
    }
  }
  return layout;
}

/** The Plotly figure of a chart: `{ data, layout }`, plain JSON. */
export function toPlotly(spec) {
  const look = spec.look ?? 'default';
  if (!looks.includes(look)) throw new RangeError(`Expected a plotly look but received ${look}`);
  const template = TEMPLATES[look];
  const sizes = fontSizes(spec);
  const cats = spec.x.scale === 'category' ? spec.x.categories : null;
  const xs = (s) => (cats ? s.x.map((i) => cats[i]) : s.x);
  const data = [];
  spec.series.forEach((s) => {
    if (!s.band) return;
    // The band: its lower edge, then its upper edge filled down to it ('tonexty').
    const edge = {
      type: 'scatter',
      mode: 'lines',
      x: xs(s),
      line: { width: 0 },
      showlegend: false,
      hoverinfo: 'skip',
    };
    data.push({ ...edge, y: s.band.lo });
    data.push({
      ...edge,
      y: s.band.hi,
      fill: 'tonexty',
      fillcolor: withAlpha(s.color, s.band.alpha ?? 0.2),
    });
  });
  spec.series.forEach((s) => {
    const { lineWidth, markerDiameter } = seriesSizes(s);
    const lines = s.linestyle !== 'none';
    const mode = [lines ? 'lines' : null, s.marker ? 'markers' : null].filter(Boolean).join('+');
    data.push({
      type: 'scatter',
      mode: mode || 'lines',
      name: String(s.name),
      x: xs(s),
      y: s.y,
      line: { color: s.color, width: lineWidth, dash: DASHES[s.linestyle] ?? 'solid' },
      marker: {
        color: s.color,
        symbol: SYMBOLS[s.marker] ?? 'circle',
        size: markerDiameter,
        line: {
          color: s.color,
          width: s.marker === 'x' || s.marker === '+' ? Math.max(1.5, lineWidth) : 0,
        },
      },
      ...(s.errors
        ? {
            error_y: {
              type: 'data',
              array: s.errors,
              visible: true,
              color: s.color,
              thickness: Math.max(1, lineWidth * 0.75),
              width: 4,
            },
          }
        : {}),
    });
  });
  const family = spec.font?.family ?? 'DejaVu Sans';
  const layout = {
    ...template.layout,
    font: { family: `${family}, DejaVu Sans, sans-serif`, size: sizes.tick },
    title: spec.title ? { text: spec.title, font: { size: sizes.title }, x: 0.5 } : { text: '' },
    showlegend: Boolean(spec.legend),
    margin: { l: 10, r: 10, t: spec.title ? sizes.title * 2 + 16 : 10, b: 10 },
    xaxis: axisLayout(spec, 'x', template, sizes),
    yaxis: axisLayout(spec, 'y', template, sizes),
  };
  if (spec.frame === 'panel') layout.plot_bgcolor = '#ebebeb';
  if (spec.legend) {
    layout.legend = {
      ...legendLayout(spec.legend),
      font: { size: sizes.legend },
      ...(spec.legend.title ? { title: { text: spec.legend.title } } : {}),
      ...(spec.legend.frame
        ? { bordercolor: '#888', borderwidth: 1, bgcolor: 'rgba(255,255,255,0.85)' }
        : {}),
    };
  }
  return { data, layout };
}

function withAlpha(hex, alpha) {
  const [r, g, b] = [1, 3, 5].map((k) => Number.parseInt(hex.slice(k, k + 2), 16));
  return `rgba(${r},${g},${b},${alpha})`;
}

/**
 * Runs in the page: plots the figure, reads back what the truth needs, exports the PNG and
 * frees the plot. Dates come back as ms since the epoch (Plotly's dates are UTC).
 */
const PAGE_FUNCTION = `async function zooRender(figure, width, height, scale, withSvg) {
  const gd = document.createElement('div');
  document.body.appendChild(gd);
  try {
    await Plotly.newPlot(gd, figure.data, { ...figure.layout, width, height },
      { staticPlot: true });
    const fl = gd._fullLayout;
    const axis = (ax) => ({
      type: ax.type,
      range: ax.range.map((r) => ax.type === 'log' ? Math.pow(10, Number(r)) : ax.r2l(r)),
      offset: ax._offset,
      length: ax._length,
      ticks: (ax._vals || []).map((t) => ({ value: ax.type === 'log' ? Math.pow(10, t.x) : t.x,
        text: String(t.text).replace(/<sup>(.*?)<\\/sup>/g, '^$1').replace(/<[^>]*>/g, '') })),
    });
    // The legend's box (CSS px), and whether Plotly made it scroll (names out of sight).
    const box = gd.querySelector('.legend')?.getBoundingClientRect();
    const origin = gd.getBoundingClientRect();
    const legend = box
      ? { box: [box.left - origin.left, box.top - origin.top, box.right - origin.left,
          box.bottom - origin.top],
          scrolls: fl.legend._height > fl.legend._effHeight + 1 }
      : null;
    const truth = { x: axis(fl.xaxis), y: axis(fl.yaxis), size: fl._size, legend };
    const png = await Plotly.toImage(gd, { format: 'png', width, height, scale });
    const svg = withSvg
      ? decodeURIComponent((await Plotly.toImage(gd, { format: 'svg', width, height }))
          .replace(/^data:image\\/svg\\+xml,/, ''))
      : null;
    return { truth, png: png.slice(png.indexOf(',') + 1), svg };
  } finally {
    Plotly.purge(gd);
    gd.remove();
  }
}`;

/** A tab with plotly.js and `zooRender` loaded; returns its `evaluate(expression)`. */
async function openPlotlyTab(browser) {
  const { evaluate } = await openTab(browser);
  const bundle = createRequire(import.meta.url).resolve('plotly.js-dist-min');
  await evaluate(await readFile(bundle, 'utf8'));
  await evaluate(
    `window.Plotly = window.Plotly || window.moduleName; ${PAGE_FUNCTION}; typeof Plotly.newPlot`,
  );
  return evaluate;
}

/** Axis limits in the truth's units from the page's axis (ms for dates). */
function limits(axis, spec, name) {
  return spec[name].scale === 'time' ? axis.range.map(msToDecimalYear) : axis.range;
}

function tickTruth(axis, spec, name) {
  const toTruth = spec[name].scale === 'time' ? msToDecimalYear : (v) => v;
  const shown = axis.ticks.filter((t) => t.text !== '');
  return { ticks: shown.map((t) => toTruth(t.value)), labels: shown.map((t) => t.text) };
}

async function renderOne(tabs, spec, workDir) {
  const { dpr, cssWidth, cssHeight } = canvasSize(spec);
  const figure = toPlotly(spec);
  const pdfWanted = Boolean(pdfOp(spec));
  const {
    truth,
    png: base64,
    svg,
  } = await tabs.evaluate(
    `zooRender(${JSON.stringify(figure)}, ${cssWidth}, ${cssHeight}, ${dpr}, ${pdfWanted})`,
  );
  const png = join(workDir, `${spec.id}.png`);
  await writeFile(png, Buffer.from(base64, 'base64'));
  const { x, y, legend } = truth;
  if (legend?.scrolls) throw new Error('legend taller than the plot: Plotly scrolls it');
  const xt = tickTruth(x, spec, 'x');
  const yt = tickTruth(y, spec, 'y');
  const extras = {
    ...baseTruth(spec),
    x_range: limits(x, spec, 'x'),
    y_range: limits(y, spec, 'y'),
    // The plot box: the axes' offsets and lengths (y's range runs from the bottom up).
    plot_area_px: [x.offset, y.offset, x.offset + x.length, y.offset + y.length].map(
      (v) => v * dpr,
    ),
    legend_box_px: legend ? legend.box.map((v) => v * dpr) : null,
    ...tickFields(xt, yt),
    width: cssWidth * dpr,
    height: cssHeight * dpr,
    drawn: drawnLayout(spec),
  };
  if (!pdfWanted) return { id: spec.id, png, extras };
  return pdfResult(
    spec,
    { png, extras, dpr },
    await tabs.printer.print(svg, cssWidth, cssHeight),
    workDir,
  );
}

/**
 * Renders a batch of ChartSpecs in one Chromium; one `{ id, png, extras }` or `{ id, error }`
 * each. A browser that does not start fails every chart of the batch with its reason.
 */
export async function render(specs, workDir) {
  let browser;
  const tabs = {};
  try {
    browser = await startBrowser();
    tabs.evaluate = await openPlotlyTab(browser);
    if (specs.some(pdfOp)) tabs.printer = await openPrinter(browser);
  } catch (error) {
    await browser?.close();
    const reason = `plotly: ${error instanceof Error ? error.message : String(error)}`;
    return specs.map((spec) => ({ id: spec.id, error: reason }));
  }
  try {
    return await eachSpec(specs, (spec) => renderOne(tabs, spec, workDir));
  } finally {
    await browser.close();
  }
}
