/**
 * The zoo's figures of panels: FigureSpecs (a grid of charts drawn as one image, see README.md)
 * sampled from a seed, as `spec.mjs` samples single charts. Figure `i` depends only on the seed,
 * `i` and the engine (round-robin), so the same seed gives the same figures.
 *
 *   node bench/zoo/figures.mjs --seed 1 --count 3 [--engines matplotlib,ggplot2,vegalite]
 *
 * Each panel's content (series, axes, formats) is a ChartSpec from `sampleChart`, given the
 * figure's look and family; what panels share (axes, the legend's series) is made to agree.
 */
import {
  createRandom,
  hashSeed,
  LEGEND_TITLES,
  LOOK_DEFAULTS,
  sampleChart,
  TITLES,
  WEB_DEFAULTS,
} from './spec.mjs';

/** The engines that draw figures, and how each lays panels out. */
export const FIGURE_ENGINES = ['matplotlib', 'ggplot2', 'vegalite'];
const KINDS = {
  matplotlib: { subplots: 3, mosaic: 1 },
  ggplot2: { facet_wrap: 2, facet_grid: 1 },
  vegalite: { facet: 1, concat: 1 },
};
/** Looks the figures are drawn in (the engines' common ones). */
const FIGURE_LOOKS = {
  matplotlib: { default: 4, 'seaborn-whitegrid': 1, 'seaborn-ticks': 1, ggplot: 1, journal: 2 },
  ggplot2: { grey: 2, bw: 2, minimal: 1, classic: 1 },
  vegalite: { default: 3, ggplot2: 1, quartz: 1 },
};
/**
 * What the panels plot. Dates, categories and series in one colour are left out: the chart
 * pipeline does not read them yet, and the figures measure panels, not those. Shaded bands and
 * error bars are left out too (their data would not follow a panel's rescaled series).
 */
const FAMILIES = { lines: 4, markers: 3, dense: 2, log: 1.5, many: 0.5 };
/** Grids (rows x columns) and how common each is in papers. */
const GRIDS = {
  '1x2': 4,
  '1x3': 3,
  '1x4': 1.5,
  '2x1': 2,
  '3x1': 1,
  '2x2': 4,
  '2x3': 3,
  '3x2': 1.5,
  '2x4': 1,
  '3x3': 1,
  '4x2': 0.5,
  '4x4': 0.3,
  '3x4': 0.4,
  '4x3': 0.3,
};
/** Irregular layouts (matplotlib's subplot_mosaic): one letter per panel, `;` between rows. */
const MOSAICS = ['AAB;CCB', 'AB;CC', 'AA;BC', 'ABC;DDD', 'AB;AC', 'ABB;ACC', 'AAB;AAC', 'AB;CD;EE'];
/** Facet names (the strip text of ggplot2, the header of Vega-Lite). */
const FACETS = [
  ['CIFAR-10', 'CIFAR-100', 'ImageNet', 'SVHN', 'MNIST', 'STL-10', 'Places', 'COCO'],
  ['lr = 0.1', 'lr = 0.01', 'lr = 0.001', 'lr = 1e-4', 'lr = 3e-4', 'lr = 0.03'],
  ['Site A', 'Site B', 'Site C', 'Site D', 'Site E', 'Site F', 'Site G', 'Site H'],
  ['n = 16', 'n = 32', 'n = 64', 'n = 128', 'n = 256', 'n = 512', 'n = 1024', 'n = 2048'],
  ['Europe', 'Asia', 'Africa', 'Oceania', 'Americas', 'Arctic'],
  ['Train', 'Validation', 'Test', 'Held-out', 'OOD', 'Noisy'],
];
const X_LABELS = ['Step', 'Epoch', 'Iteration', 'Time (s)', 'Tokens', 'Samples'];
const Y_LABELS = ['Loss', 'Accuracy', 'Reward', 'Error', 'Score', 'Value', 'Perplexity'];
const DPIS = { 72: 1, 100: 4, 150: 2, 200: 1 };
/** A figure is at most this many pixels: the zoo's figures stay quick to draw and to read. */
const MAX_PIXELS = 6_000_000;
/** A panel is at least this many pixels high (and wider). */
const MIN_PANEL_PX = 180;

/** The cells of a grid or a mosaic: per panel [row, col, rowSpan, colSpan], reading order. */
function cellsOf(rows, cols, mosaic) {
  if (!mosaic) {
    return Array.from({ length: rows * cols }, (_, k) => [Math.floor(k / cols), k % cols, 1, 1]);
  }
  const grid = mosaic.split(';').map((row) => [...row]);
  const letters = [...new Set(grid.flat())];
  return letters.map((letter) => {
    const at = grid.flatMap((row, r) => row.flatMap((c, k) => (c === letter ? [[r, k]] : [])));
    const r0 = Math.min(...at.map(([r]) => r));
    const c0 = Math.min(...at.map(([, c]) => c));
    const r1 = Math.max(...at.map(([r]) => r));
    const c1 = Math.max(...at.map(([, c]) => c));
    return [r0, c0, r1 - r0 + 1, c1 - c0 + 1];
  });
}

/** The label of panel `k` in a style: `(a)`, `a`, `A`. */
export function panelLabel(style, k) {
  const letter = 'abcdefghijklmnopqrstuvwxyz'[k];
  if (style === '(a)') return `(${letter})`;
  return style === 'A' ? letter.toUpperCase() : letter;
}

/** Maps `ys` from [from0, from1] onto [lo, hi], linearly (or in log10), to 6 digits. */
function rescale(ys, [from0, from1], [lo, hi], log) {
  const f = log ? Math.log10 : (v) => v;
  const g = log ? (v) => 10 ** v : (v) => v;
  const span = f(from1) - f(from0) || 1;
  return ys.map((v) =>
    Number(g(f(lo) + ((f(v) - f(from0)) * (f(hi) - f(lo))) / span).toPrecision(6)),
  );
}

/** The FigureSpec of figure `index` for `engine`. */
export function sampleFigure(seed, index, engine) {
  const r = createRandom(hashSeed(seed ^ 0x5eed_f16, index));
  const id = `f${String(index).padStart(5, '0')}`;
  const kind = r.weighted(KINDS[engine]);
  const look = r.weighted(FIGURE_LOOKS[engine]);
  const family = r.weighted(FAMILIES);
  let mosaic = null;
  let rows;
  let cols;
  if (kind === 'mosaic') {
    mosaic = r.pick(MOSAICS);
    rows = mosaic.split(';').length;
    cols = mosaic.split(';')[0].length;
  } else {
    [rows, cols] = r.weighted(GRIDS).split('x').map(Number);
  }
  let cells = cellsOf(rows, cols, mosaic);
  // facet_wrap leaves the last row short now and then (5 panels in 3 columns)
  if (kind === 'facet_wrap' && rows > 1 && r.chance(0.3)) {
    cells = cells.slice(0, cells.length - r.int(1, cols - 1 || 1));
  }
  // shared axes: only the outer panels print tick labels
  const facet = kind.startsWith('facet');
  // facet_grid shares x down a column and y along a row whatever its scales
  const shareBoth = kind === 'facet_grid' || (facet ? r.chance(0.65) : r.chance(0.3));
  const share = {
    x: shareBoth || (kind !== 'concat' && r.chance(0.25)),
    y: shareBoth || (kind !== 'concat' && r.chance(0.2)),
  };
  if (kind === 'concat') share.x = share.y = false;

  // size: panels 2.2 to 4.5 inches wide, smaller with more columns
  let dpi = Number(r.weighted(DPIS));
  const panelInches = r.uniform(2.2, cols >= 3 ? 3.4 : 4.5);
  const aspect = r.uniform(0.6, 0.95);
  let width = Math.round((cols * panelInches + 0.6) * dpi);
  let height = Math.round((rows * panelInches * aspect + 0.5) * dpi);
  // panels of at least MIN_PANEL_PX: smaller ones hold no readable text
  dpi = Math.max(dpi, Math.ceil(MIN_PANEL_PX / (panelInches * aspect)));
  width = Math.round((cols * panelInches + 0.6) * dpi);
  height = Math.round((rows * panelInches * aspect + 0.5) * dpi);
  while (width * height > MAX_PIXELS || width > 3000) {
    dpi = Math.round(dpi * 0.8);
    width = Math.round((cols * panelInches + 0.6) * dpi);
    height = Math.round((rows * panelInches * aspect + 0.5) * dpi);
  }
  const fontSize = r.int(7, Math.min(11, 7 + Math.round(panelInches)));

  // one legend for all panels (facets always), one per panel (matplotlib), or one series each
  const legendMode = r.weighted({ shared: 4, panel: engine === 'matplotlib' ? 2 : 0, none: 1 });
  // facet_grid names its rows and columns, not its panels
  const labelStyle =
    kind === 'facet_grid' ? 'none' : r.weighted({ none: 3, '(a)': 3, a: 1.5, A: 1 });
  // facets and Vega-Lite's charts print a panel's label in its header
  const labelPlace =
    engine !== 'matplotlib' ? 'title' : r.weighted({ title: 2, outside: 2, inside: 1 });
  const titles = r.chance(facet ? 0.85 : 0.4);
  const names = r.pick(FACETS);
  // as many distinct names as panels
  const facetNames = cells.map((_, k) =>
    k < names.length
      ? names[k]
      : `${names[k % names.length]} ${'I'.repeat(1 + Math.floor(k / names.length))}`,
  );
  const strips =
    kind === 'facet_grid'
      ? {
          rows: r.pick(FACETS.filter((f) => f !== names)).slice(0, rows),
          cols: names.slice(0, cols),
        }
      : null;
  const suptitle = r.chance(0.3) ? r.pick(TITLES) : null;
  const xLabel = r.chance(0.85) ? r.pick(X_LABELS) : null;
  const yLabel = r.chance(0.85) ? r.pick(Y_LABELS) : null;
  // grid lines as the look draws them (theme_minimal's are its only structure)
  const grid = r.chance((LOOK_DEFAULTS[`${engine}/${look}`] ?? WEB_DEFAULTS).grid);
  const ticks = r.chance(0.15) ? 'in' : 'out';

  // the panels' content: charts drawn for this figure's family
  const charts = cells.map((_, k) =>
    sampleChart(seed ^ 0xf1, index * 16 + k, engine, { look: 'default', family }),
  );
  const base = charts[0];
  const values = (chart) => chart.series.flatMap((s) => s.y);
  const panels = cells.map((cell, k) => {
    const own = charts[k].series;
    // the shared legend's series (names, colours, styles) in every panel, each its own data
    const looks = legendMode === 'shared' || engine !== 'matplotlib' ? base.series : own;
    const count = legendMode === 'none' ? 1 : Math.min(looks.length, 5);
    const range = values(share.y ? base : charts[k]);
    const yLo = Math.min(...range);
    const yHi = Math.max(...range);
    const log = base.y.scale === 'log';
    const series = Array.from({ length: count }, (_, j) => {
      const data = own[j % own.length];
      // a figure's panels plot the same x (the base chart's), on the same kind of axes
      const xs = base.series[0].x;
      const n = Math.min(xs.length, data.y.length);
      let ys = rescale(
        data.y.slice(0, n),
        [Math.min(...values(charts[k])), Math.max(...values(charts[k]))],
        [yLo, yHi],
        log,
      );
      // a series made again from the same data moves away from it
      if (j >= own.length) {
        const shift = (yHi - yLo) * 0.15 * j;
        ys = ys.map((v) => Number((log ? v * 1.5 ** j : v + shift).toPrecision(6)));
      }
      const look = looks[j % looks.length];
      return {
        ...look,
        name: String(look.name),
        x: xs.slice(0, n),
        y: ys,
        band: null,
        errors: null,
      };
    });
    const [row, col, rowSpan] = cell;
    // the lowest panel of its column(s): no panel starts below it
    const bottom = !cells.some(
      ([r2, c2, , cs2]) => r2 === row + rowSpan && c2 <= col && col < c2 + cs2,
    );
    return {
      cell,
      title:
        kind === 'facet_grid'
          ? null
          : facet
            ? facetNames[k]
            : titles
              ? TITLES[(index + k * 7) % TITLES.length]
              : null,
      label: labelStyle === 'none' ? null : panelLabel(labelStyle, k),
      // axis labels: each panel its own, or, where an axis is shared, only the outer panels'
      x_label: share.x && !bottom ? null : xLabel,
      y_label: share.y && col !== 0 ? null : yLabel,
      x: { ...base.x },
      y: { ...base.y },
      series,
      legend:
        legendMode === 'panel'
          ? {
              position: r.weighted({
                'inside-upper-right': 2,
                'inside-upper-left': 1,
                'inside-lower-right': 1,
                'inside-best': 2,
              }),
              title: null,
              frame: r.chance(0.7),
              columns: 1,
              order: 'sample-text',
            }
          : null,
    };
  });
  const legend =
    legendMode === 'shared'
      ? {
          position: r.weighted({ bottom: 3, right: 2, inside: facet ? 0 : 1.5, top: 1 }),
          title: r.chance(0.2) ? r.pick(LEGEND_TITLES) : null,
          frame: r.chance(0.3),
        }
      : null;
  const state = r.weighted({ crisp: 6, jpeg: 1.5, pdf: engine === 'vegalite' ? 0 : 1.5, scale: 1 });
  return {
    id,
    engine,
    kind,
    look,
    family,
    rows,
    cols,
    mosaic,
    width,
    height,
    dpi,
    font: { family: r.chance(0.15) ? 'DejaVu Serif' : 'DejaVu Sans', size: fontSize },
    share,
    labels: { style: labelStyle === 'none' ? null : labelStyle, place: labelPlace },
    suptitle,
    strips,
    x_label: xLabel,
    y_label: yLabel,
    grid,
    ticks,
    legendMode,
    legend,
    panels,
    state:
      state === 'crisp'
        ? []
        : state === 'jpeg'
          ? [{ op: 'jpeg', quality: r.int(60, 95) }]
          : state === 'pdf'
            ? [{ op: 'pdf', dpi: r.pick([100, 150, 200]) }]
            : [
                {
                  op: 'scale',
                  factor: Number(r.uniform(0.6, 0.9).toPrecision(3)),
                  kernel: 'lanczos3',
                },
              ],
  };
}

/** `count` FigureSpecs from `seed`, engines round-robin. */
export function sampleFigures({ seed, count, engines = FIGURE_ENGINES }) {
  for (const e of engines) {
    if (!FIGURE_ENGINES.includes(e))
      throw new RangeError(`Expected an engine of ${FIGURE_ENGINES.join(', ')} but received ${e}`);
  }
  return Array.from({ length: count }, (_, i) =>
    sampleFigure(seed, i, engines[i % engines.length]),
  );
}

/**
 * The ChartSpec of one panel, as the single-chart truth is built from (`buildTruth`): the
 * figure's look, the panel's axes, series and text, the shared legend's names.
 */
export function panelChartSpec(figure, k) {
  const p = figure.panels[k];
  const legend =
    figure.legendMode === 'none'
      ? null
      : { position: figure.legend?.position ?? p.legend?.position, title: null };
  return {
    id: `${figure.id}-p${k}`,
    engine: figure.engine,
    look: figure.look,
    family: figure.family,
    width: figure.width,
    height: figure.height,
    dpi: figure.dpi,
    font: figure.font,
    title: p.title,
    // a shared axis' label names it in every panel that shares it
    x_label: figure.share.x ? figure.x_label : p.x_label,
    y_label: figure.share.y ? figure.y_label : p.y_label,
    x: p.x,
    y: p.y,
    grid: figure.grid,
    ticks: figure.ticks,
    frame: 'box',
    legend,
    series: p.series,
    palette: 'engine',
    state: figure.state,
  };
}

/** The figure's tags: its layout first, then engine, look, state and properties. */
export function figureTags(figure) {
  const state = figure.state.length ? figure.state.map((s) => s.op).join('+') : 'crisp';
  const share =
    figure.share.x && figure.share.y ? 'xy' : figure.share.x ? 'x' : figure.share.y ? 'y' : 'none';
  return [
    figure.kind,
    `engine:${figure.engine}`,
    `look:${figure.engine}/${figure.look}`,
    `state:${state}`,
    `grid:${figure.rows}x${figure.cols}`,
    `panels:${figure.panels.length}`,
    `share:${share}`,
    `legend:${figure.legendMode === 'shared' ? `shared-${figure.legend.position}` : figure.legendMode}`,
    `labels:${figure.labels.style ? `${figure.labels.style}-${figure.labels.place}` : 'none'}`,
    `family:${figure.family}`,
    ...(figure.suptitle ? ['suptitle'] : []),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      count: { type: 'string', default: '3' },
      engines: { type: 'string', default: FIGURE_ENGINES.join(',') },
    },
  });
  const specs = sampleFigures({
    seed: Number(values.seed),
    count: Number(values.count),
    engines: values.engines.split(','),
  });
  console.log(JSON.stringify(specs, null, 1));
}
