import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type FoundPanel, findPanels } from '../../src/figure/findPanels.js';
import { loadRaster } from '../../src/load/loadRaster.js';
import type { Box, Raster } from '../../src/types.js';
import { type ChartSpec, type RenderedChart, renderChart } from '../helpers/renderChart.js';

/**
 * A found plot overlaps its truth at least this much (intersection over union): its lines may
 * run on by the tick marks at the corners, or take in a ggplot2 facet's strips (the chart
 * pipeline finds the plot again, exactly, inside the panel's box).
 */
const MIN_IOU = 0.8;
/** A panel's box holds its whole plot: sides within this many px (anti-aliased edges). */
const BOX_TOL_PX = 1;
/** A chart of a zoo figure's truth (the part read here). */
interface Chart {
  plot_area_px: [number, number, number, number];
}
const FIGURES = join(import.meta.dirname, '../fixtures/figures');

async function rasterOf(png: Buffer): Promise<Raster> {
  return loadRaster(png, { maxPixels: 1e8 });
}

function spec(overrides: Partial<ChartSpec> = {}): ChartSpec {
  const x = [0, 1, 2, 3, 4, 5];
  return {
    width: 320,
    height: 240,
    xRange: [0, 5],
    yRange: [0, 10],
    xTicks: x,
    yTicks: [0, 2, 4, 6, 8, 10],
    xLabel: 'Step',
    yLabel: 'Loss',
    series: [{ name: 'A', color: '#1f77b4', x, y: [2, 6, 4, 8, 5, 7] }],
    ...overrides,
  };
}

/** Charts pasted on a white page: each [chart, left, top]. */
async function compose(
  width: number,
  height: number,
  parts: [RenderedChart, number, number][],
): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(parts.map(([chart, left, top]) => ({ input: chart.png, left, top })))
    .png()
    .toBuffer();
}

/** A rendered chart's plot (frame lines inclusive) as a box in the figure, moved by its place. */
function plotAt(chart: RenderedChart, left: number, top: number): Box {
  const { plot } = chart;
  return {
    left: plot.left + left,
    top: plot.top + top,
    right: plot.right + 1 + left,
    bottom: plot.bottom + 1 + top,
  };
}

/** Panels found as the truth's plots say: as many, in order, each box holding its plot only. */
function expectPanels(panels: FoundPanel[], truth: Box[]): void {
  expect(panels).toHaveLength(truth.length);
  panels.forEach(({ box, plot }, k) => {
    expect(iou(plot, truth[k])).toBeGreaterThanOrEqual(MIN_IOU);
    expect(box.left).toBeLessThanOrEqual(truth[k].left + BOX_TOL_PX);
    expect(box.top).toBeLessThanOrEqual(truth[k].top + BOX_TOL_PX);
    expect(box.right).toBeGreaterThanOrEqual(truth[k].right - BOX_TOL_PX);
    expect(box.bottom).toBeGreaterThanOrEqual(truth[k].bottom - BOX_TOL_PX);
    for (const [j, other] of truth.entries()) {
      if (j !== k) expect(iou(box, other)).toBe(0);
    }
  });
}

function iou(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  if (w <= 0 || h <= 0) return 0;
  const area = (p: Box) => (p.right - p.left) * (p.bottom - p.top);
  return (w * h) / (area(a) + area(b) - w * h);
}

describe('findPanels', () => {
  it('finds one panel, the whole image, in a blank image', () => {
    const image: Raster = { data: new Uint8Array(30 * 20 * 3), width: 30, height: 20, channels: 3 };
    const whole = { left: 0, top: 0, right: 30, bottom: 20 };
    expect(findPanels(image)).toEqual([{ box: whole, plot: whole }]);
  });

  it('finds one panel in a single chart, its legend box and all', async () => {
    const chart = await renderChart(spec({ legend: 'upper left', title: 'Loss' }));
    const image = await rasterOf(chart.png);
    const whole = { left: 0, top: 0, right: image.width, bottom: image.height };
    expect(findPanels(image)).toEqual([{ box: whole, plot: whole }]);
  });

  // Zoo charts with no frame, spines or grid (Chart.js' and ggplot2's minimal looks): the flat
  // stretches of their coloured curves and their error bars are long straight lines too, which
  // paired into boxes of 2 to 5 "panels". A panel's lines are grey.
  it.each(['chartjs-minimal-dense.png', 'ggplot2-minimal-dense.jpg'])(
    'finds one panel in a frameless chart whose curves run straight (%s)',
    async (name) => {
      const image = await loadRaster(join(import.meta.dirname, '../fixtures/panels', name));
      const whole = { left: 0, top: 0, right: image.width, bottom: image.height };
      expect(findPanels(image)).toEqual([{ box: whole, plot: whole }]);
    },
  );

  // Single zoo charts (seed 2) whose grid cells or a framed legend passed for panels: a grey
  // panel's cells parted by a white grid line its curve runs through (z00030), cells of a
  // minimal look's light grid far apart with grid lines between them (z00166, z00275), a legend
  // framed against the plot's side with no gutter between (z01253). Panels have a gutter.
  it.each(['seed2-z00030.png', 'seed2-z00166.jpg', 'seed2-z00275.jpg', 'seed2-z01253.jpg'])(
    'finds one panel in a single chart whose grid cells or legend look like panels (%s)',
    async (name) => {
      const image = await loadRaster(join(import.meta.dirname, '../fixtures/panels', name));
      const whole = { left: 0, top: 0, right: image.width, bottom: image.height };
      expect(findPanels(image)).toEqual([{ box: whole, plot: whole }]);
    },
  );

  it('finds a 2 x 2 grid in reading order, each box holding its plot and cut between them', async () => {
    const charts = await Promise.all(
      ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'].map((color, k) =>
        renderChart(
          spec({
            title: `Panel ${k + 1}`,
            series: [{ name: null, color, x: [0, 2, 5], y: [1 + k, 9 - k, 5] }],
          }),
        ),
      ),
    );
    const places: [number, number][] = [
      [0, 0],
      [330, 0],
      [0, 250],
      [330, 250],
    ];
    const png = await compose(
      650,
      490,
      charts.map((chart, k) => [chart, ...places[k]]),
    );
    expectPanels(
      findPanels(await rasterOf(png)),
      charts.map((chart, k) => plotAt(chart, ...places[k])),
    );
  });

  it('finds panels that share their y axis (inner panels print no tick labels)', async () => {
    const left = await renderChart(spec({ width: 300 }));
    const inner = await renderChart(
      spec({ width: 260, yLabel: null, tickFormat: (v, axis) => (axis === 'y' ? '' : String(v)) }),
    );
    const png = await compose(300 + 260 * 2, 240, [
      [left, 0, 0],
      [inner, 300, 0],
      [inner, 560, 0],
    ]);
    expectPanels(findPanels(await rasterOf(png)), [
      plotAt(left, 0, 0),
      plotAt(inner, 300, 0),
      plotAt(inner, 560, 0),
    ]);
  });

  it('finds panels of unequal size (a wide one above two)', async () => {
    const wide = await renderChart(spec({ width: 640 }));
    const small = await renderChart(spec());
    const png = await compose(640, 480, [
      [wide, 0, 0],
      [small, 0, 240],
      [small, 320, 240],
    ]);
    expectPanels(findPanels(await rasterOf(png)), [
      plotAt(wide, 0, 0),
      plotAt(small, 0, 240),
      plotAt(small, 320, 240),
    ]);
  });

  // Figures drawn by the zoo (bench/zoo, --figures): matplotlib subplots and mosaics, ggplot2
  // facets (strips, shared axes), Vega-Lite facets; their truth is the engines' own plot boxes.
  // seed4-f00043: grey facets whose tick labels in the gutters had passed for the ticks of white
  // grid lines (three panels bridged into one); seed4-f00115: bw facets 4 px apart, where the
  // frame of the panel above had been taken for the top side of those below.
  const fixtures = readdirSync(FIGURES).filter((f) => f.endsWith('.truth.json'));
  it.each(fixtures)('finds every panel of the zoo figure %s', async (file) => {
    const truth = JSON.parse(readFileSync(join(FIGURES, file), 'utf8'));
    const image = await loadRaster(join(FIGURES, truth.image), { maxPixels: 1e8 });
    const plots = truth.charts.map(({ plot_area_px: [left, top, right, bottom] }: Chart) => ({
      left,
      top,
      right,
      bottom,
    }));
    expectPanels(findPanels(image), plots);
  });

  it('cuts between panels of a JPEG figure beside a panel’s y tick labels, not through them', async () => {
    // matplotlib 3 x 2, JPEG (bench/zoo figures, seed 3): speckles beside the labels had left
    // the widest empty gutter between the right panel's labels and its plot
    const image = await loadRaster(join(FIGURES, 'seed3-f00048.jpg'), { maxPixels: 1e8 });
    const panels = findPanels(image);
    expect(panels).toHaveLength(6);
    // the right column's y tick labels (`1400000.0`) start 300 px in; the left column's plots
    // end at 278
    for (const k of [1, 3, 5]) {
      expect(panels[k].box.left).toBeGreaterThan(278);
      expect(panels[k].box.left).toBeLessThan(300);
    }
  });

  it('finds a filled facet whose edge columns run as a thin line inside its band', async () => {
    // ggplot2 grey facets, scaled down (bench/zoo figures, seed 4, f00100's top row): the left
    // panel's fill edge split off as a thin line 3 px inside the box, and the check whether its
    // fill goes on past the side started inside the fill
    const image = await loadRaster(join(FIGURES, 'seed4-f00100-top.png'), { maxPixels: 1e8 });
    const panels = findPanels(image);
    expect(panels).toHaveLength(2);
    expect(panels[0].plot.left).toBeLessThan(40);
    expect(panels[0].plot.right).toBeLessThan(413);
    expect(panels[1].plot.left).toBeGreaterThan(413);
  });
});
