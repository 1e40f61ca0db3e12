import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import { DigitizeError } from '../../src/errors.js';
import { loadRaster } from '../../src/load/loadRaster.js';
import { transpose } from '../../src/math.js';
import { findPlotArea, pageInk, pageInkByColumn } from '../../src/plot/findPlotArea.js';
import type { Box, Raster } from '../../src/types.js';
import { type ChartSpec, renderChart } from '../helpers/renderChart.js';

/** How far (px) a found frame side may sit from the rendered frame line. */
const FRAME_TOLERANCE = 1.5;
/** How far (px) a found tick mark may sit from where its tick value was drawn. */
const TICK_TOLERANCE = 1;
/**
 * renderChart gives pixel indices (pixel c is centred on c); findPlotArea answers in
 * continuous coordinates (pixel c spans [c, c + 1)), so a drawn line at index c is at c + 0.5.
 */
const INDEX_TO_CONTINUOUS = 0.5;
/** A chart enlarged this many times by resampling (its ticks and frame thick and blurred). */
const ENLARGE = 4;

const SPEC: ChartSpec = {
  xLabel: 'step',
  yLabel: 'score',
  xRange: [0, 100],
  yRange: [0, 1],
  xTicks: [0, 20, 40, 60, 80, 100],
  yTicks: [0, 0.25, 0.5, 0.75, 1],
  series: [{ name: null, color: '#1f77b4', x: [0, 50, 100], y: [0.2, 0.7, 0.4] }],
};

describe('findPlotArea', () => {
  it('finds the frame of a rendered chart within 1.5 px of its edges', async () => {
    const chart = await renderChart(SPEC);
    const image = await loadRaster(chart.png);
    const area = findPlotArea(image);
    expect(Math.abs(area.left - (chart.plot.left + INDEX_TO_CONTINUOUS))).toBeLessThanOrEqual(
      FRAME_TOLERANCE,
    );
    expect(Math.abs(area.right - (chart.plot.right + INDEX_TO_CONTINUOUS))).toBeLessThanOrEqual(
      FRAME_TOLERANCE,
    );
    expect(Math.abs(area.top - (chart.plot.top + INDEX_TO_CONTINUOUS))).toBeLessThanOrEqual(
      FRAME_TOLERANCE,
    );
    expect(Math.abs(area.bottom - (chart.plot.bottom + INDEX_TO_CONTINUOUS))).toBeLessThanOrEqual(
      FRAME_TOLERANCE,
    );
    expect(area.framed).toBe(true);
    expect(area.background).toEqual([255, 255, 255]);
  });

  it('finds the tick marks near the pixels of their tick values', async () => {
    const chart = await renderChart(SPEC);
    const area = findPlotArea(await loadRaster(chart.png));
    // The end ticks coincide with the frame sides; the inner ones must each be found.
    for (const x of SPEC.xTicks.slice(1, -1)) {
      const px = chart.dataToPixel(x, 0).px + INDEX_TO_CONTINUOUS;
      const nearest = Math.min(...area.ticksX.map((tick) => Math.abs(tick - px)));
      expect(nearest, `x tick ${x} at px ${px}`).toBeLessThanOrEqual(TICK_TOLERANCE);
    }
    for (const y of SPEC.yTicks.slice(1, -1)) {
      const py = chart.dataToPixel(0, y).py + INDEX_TO_CONTINUOUS;
      const nearest = Math.min(...area.ticksY.map((tick) => Math.abs(tick - py)));
      expect(nearest, `y tick ${y} at py ${py}`).toBeLessThanOrEqual(TICK_TOLERANCE);
    }
  });

  it('finds the tick marks of a chart enlarged 4x, as wide as its blurred frame', async () => {
    const chart = await renderChart(SPEC);
    const { width, height } = await sharp(chart.png).metadata();
    const enlarged = await sharp(chart.png)
      .resize(width! * ENLARGE, height! * ENLARGE, { kernel: 'cubic' })
      .png()
      .toBuffer();
    const area = findPlotArea(await loadRaster(enlarged));
    for (const x of SPEC.xTicks.slice(1, -1)) {
      const px = (chart.dataToPixel(x, 0).px + INDEX_TO_CONTINUOUS) * ENLARGE;
      const nearest = Math.min(...area.ticksX.map((tick) => Math.abs(tick - px)));
      expect(nearest, `x tick ${x} at px ${px}`).toBeLessThanOrEqual(TICK_TOLERANCE * ENLARGE);
    }
    for (const y of SPEC.yTicks.slice(1, -1)) {
      const py = (chart.dataToPixel(0, y).py + INDEX_TO_CONTINUOUS) * ENLARGE;
      const nearest = Math.min(...area.ticksY.map((tick) => Math.abs(tick - py)));
      expect(nearest, `y tick ${y} at py ${py}`).toBeLessThanOrEqual(TICK_TOLERANCE * ENLARGE);
    }
  });

  it('ends the plot at the axis lines where grid lines run on past them as tick marks', async () => {
    // Chart.js draws its ticks in line with the grid: the grid lines run on 8 px past the left
    // and bottom axis lines (more than two tick reaches on a small chart), and stop at the top
    // and right.
    const chart = await renderChart({
      ...SPEC,
      style: 'chartjs',
      frame: 'spines',
      width: 300,
      height: 220,
    });
    const area = findPlotArea(await loadRaster(chart.png));
    const drawn = chart.plot;
    expectSidesAt(area, drawn);
    // The tick labels are read beyond the stubs.
    expect(area.outsideY).toBeLessThan(drawn.left - 8);
    expect(area.outsideX).toBeGreaterThan(drawn.bottom + 8);
  });

  it('takes stubs as long as the y axis ticks for x ticks where the plot runs on past its top grid line', async () => {
    // Chart.js' y axis ending between ticks (0 to 1.15, ticks to 1): no grid line at the top,
    // where the vertical grid lines run on 10 px or more past the highest row, as far past it as
    // a frameless panel's grid. Their stubs below the x axis are as long as the rows' stubs left
    // of the y axis: tick marks, and the plot ends at the x axis line, not at the stubs' ends.
    const chart = await renderChart({
      ...SPEC,
      yRange: [0, 1.15],
      style: 'chartjs',
      frame: 'spines',
      width: 300,
      height: 220,
    });
    const area = findPlotArea(await loadRaster(chart.png));
    expectSidesAt(area, chart.plot);
    expect(area.edges?.bottom).toBe('line');
  });

  // What placed each side: the calibration doubts an axis whose end lies on a side no line drew.
  it.each([
    [
      'matplotlib-legend-above-spines.png',
      { left: 'line', top: 'line', right: 'line', bottom: 'line' },
    ],
    // grid lines running on past the axis lines as tick marks: the axis lines place the sides
    [
      'chartjs-ticks-in-line-with-grid.jpg',
      { left: 'line', top: 'line', right: 'line', bottom: 'line' },
    ],
    ['ggplot2-grey-panel.png', { left: 'panel', top: 'panel', right: 'panel', bottom: 'panel' }],
    // no axis line: every side is where the grid lines across it end
    [
      'ggplot2-minimal-grid-past-both-sides.png',
      { left: 'extent', top: 'extent', right: 'extent', bottom: 'extent' },
    ],
    // the x axis line alone, no line across it; the top placed from the tick labels
    [
      'vegalite-x-axis-line-only.png',
      { left: 'extent', top: 'estimate', right: 'extent', bottom: 'lone' },
    ],
  ])('tells what placed each side of %s', async (file, edges) => {
    const image = await loadRaster(join(import.meta.dirname, '..', 'fixtures', 'plot', file));
    expect(findPlotArea(image).edges).toEqual(edges);
  });

  // Zoo charts (bench/zoo) with the plot box their engines reported (continuous coordinates).
  it.each([
    // tick marks and labels touch the grey panel's runs
    ['ggplot2-grey-panel.png', [33.1, 24.8, 398.1, 262.4]],
    // the frame of a legend above the plot runs on past the spines
    ['matplotlib-legend-above-spines.png', [103.4, 91.6, 453, 203.4]],
  ])('finds the plot of %s where its engine drew it', async (file, [left, top, right, bottom]) => {
    const image = await loadRaster(join(import.meta.dirname, '..', 'fixtures', 'plot', file));
    const plot = findPlotArea(image);
    expect([plot.left, plot.top, plot.right, plot.bottom].map((v) => Math.round(v))).toEqual(
      [left, top, right, bottom].map((v) => expect.closeTo(v, 0)),
    );
  });

  // Zoo charts with the plot box and x ticks their engines reported: each tick is found.
  it.each([
    // a flat stretch of a series inside the grey panel is the lowest long row of ink
    [
      'matplotlib-ggplot-series-in-panel.png',
      [82.267, 351.2],
      [-157.5, 3307.5],
      [0, 1000, 2000, 3000],
    ],
    // 300 dpi: the ticks start 4 px below the panel
    ['matplotlib-ggplot-300dpi.png', [199.083, 1791.627], [-12, 252], [0, 50, 100, 150, 200, 250]],
    // 300 dpi: ticks twice as wide as the frame, which the panel clips to half its width
    ['ggplot2-bw-300dpi.png', [111.795, 1229.169], [-243, 5103], [0, 1000, 2000, 3000, 4000, 5000]],
  ])(
    'finds the x tick marks of %s where its engine drew them',
    async (file, [left, right], [from, to], ticks) => {
      const image = await loadRaster(join(import.meta.dirname, '..', 'fixtures', 'plot', file));
      const plot = findPlotArea(image);
      for (const tick of ticks) {
        const px = left + ((tick - from) / (to - from)) * (right - left);
        const nearest = Math.min(...plot.ticksX.map((found) => Math.abs(found - px)));
        expect(nearest, `x tick ${tick} at px ${px}`).toBeLessThanOrEqual(1.5);
      }
      // The tick labels' text starts below the ticks.
      expect(plot.outsideX).toBeGreaterThan(plot.bottom + 3);
    },
  );

  // Zoo charts (bench/zoo) with the plot box their engines reported, found within 1.5 px.
  it.each([
    // the grid runs on 9 px past the axis lines as tick marks (Chart.js, JPEG'd)
    ['chartjs-ticks-in-line-with-grid.jpg', [69.7, 9.6, 250.1, 144.8]],
    // shaded bands and tick labels bridged into a thick run that is no filled panel's band
    ['matplotlib-bands-touching-labels.jpg', [57.8, 6.6, 619, 478.8]],
    // a framed legend right of the plot, level with its top, as wide as the plot: its bottom
    // line, starting 3 px right of the plot's right side, is no line across the plot
    ['matplotlib-legend-beside-right-side.jpg', [57, 26.4, 333.8, 480]],
    // a grey page whose PDF rasterisation left a white line along its right and bottom edges
    ['vegalite-grey-page-white-seam.png', [102.7, 18.7, 1158.7, 798.7]],
    // panels of ggplot2 facet grids, cut out of their figures (bench/zoo figures of seed 3):
    // a white strip on top (the classic look) whose lower frame line is drawn between two pixel
    // rows, dark in one and light in the other; no x axis line under an inner panel
    ['ggplot2-classic-facet-strip.png', [48.4, 96.3, 445, 346.3]],
    // white strips on top and right, each frame line running on along the other's side
    ['ggplot2-classic-facet-corner.png', [6.2, 96.3, 402.8, 346.3]],
    // Vega-Lite's excel look: the band between the last vertical grid line and the right side,
    // crossed by the horizontal grid lines, is no facet strip
    ['vegalite-excel-grid-beside-right-side.jpg', [109, 37, 945, 631]],
    // grey strips on top and right (the bw look), meeting at a white corner
    ['ggplot2-bw-facet-corner.png', [5.2, 23.4, 273.6, 258.7]],
    // a grey strip (the bw look) whose inner frame line's anti-aliased row is crossed by the
    // plot's grid lines (their pixels there are no label in the strip); frame lines at rows 3
    // and 26, columns 46 and 443
    ['ggplot2-bw-strip-over-grid.png', [46.5, 26.5, 443.5, 295.5]],
    // ggplot2's minimal theme: no axis line, the vertical grid lines running on well past the
    // lowest horizontal one and a few px past the highest, as the panel does (no tick stubs)
    ['ggplot2-minimal-grid-past-both-sides.png', [37.4, 5.5, 397.5, 260.8]],
  ])('finds the plot of %s', async (file, engine) => {
    const image = await loadRaster(join(import.meta.dirname, '..', 'fixtures', 'plot', file));
    const plot = findPlotArea(image);
    const found = [plot.left, plot.top, plot.right, plot.bottom];
    for (const [i, v] of engine.entries()) {
      expect(Math.abs(found[i] - v), `side ${i}`).toBeLessThanOrEqual(FRAME_TOLERANCE);
    }
  });

  it('finds the plot drawn with its x axis line alone, up to the highest y tick label', async () => {
    // Vega-Lite (urbaninstitute look, JPEG'd): no y axis line, no grid; its engine drew the
    // plot at [166, 74, 664, 588], and its top tick label is centred on the top.
    const file = join(
      import.meta.dirname,
      '..',
      'fixtures',
      'plot',
      'vegalite-x-axis-line-only.png',
    );
    const plot = findPlotArea(await loadRaster(file));
    const engine = [166, 74, 664, 588];
    const found = [plot.left, plot.top, plot.right, plot.bottom];
    for (const [i, v] of engine.entries()) expect(Math.abs(found[i] - v)).toBeLessThanOrEqual(2);
  });

  it('ends a plot drawn with its x axis line alone at its highest y label, not at a title above', () => {
    // Vega-Lite (urbaninstitute): the title stands a label step above the highest y tick label,
    // in the labels' column; it is taller than a label, and no label.
    const image = whiteRaster(400, 300);
    paint(image, { left: 60, top: 250, right: 380, bottom: 250 });
    for (const y of [250, 190, 130, 70])
      paint(image, { left: 30, top: y - 4, right: 50, bottom: y + 4 });
    paint(image, { left: 10, top: 2, right: 100, bottom: 18 });
    paint(image, { left: 100, top: 100, right: 300, bottom: 101 });
    const area = findPlotArea(image);
    expect(area.top).toBe(70);
    expect(area.bottom).toBeCloseTo(250.5, 0);
  });

  it('finds the plot standing bare when a flat stretch of a series is its only long line', async () => {
    // No axis line, no grid: the series' flat stretch up top is no frame side, and the data
    // fills the plot's top only; the plot spans the y tick labels' rows, the data's columns.
    const chart = await renderChart({
      ...SPEC,
      style: 'chartjs',
      frame: 'none',
      grid: false,
      series: [{ name: null, color: '#1f77b4', x: [5, 30, 40, 95], y: [0.8, 0.8, 0.9, 0.9] }],
    });
    const plot = findPlotArea(await loadRaster(chart.png));
    const drawn = chart.plot;
    const labelHalf = 7;
    expect(Math.abs(plot.top - drawn.top)).toBeLessThanOrEqual(labelHalf);
    expect(Math.abs(plot.bottom - drawn.bottom)).toBeLessThanOrEqual(labelHalf);
    expect(plot.left).toBeGreaterThanOrEqual(drawn.left);
    expect(plot.left).toBeLessThanOrEqual(chart.dataToPixel(5, 0).px + FRAME_TOLERANCE);
    expect(plot.right).toBeLessThanOrEqual(drawn.right + 1);
    expect(plot.right).toBeGreaterThanOrEqual(chart.dataToPixel(95, 0).px);
  });

  it('finds a dotted grid: lines inked over a third of their length, all along it', () => {
    // A framed plot with gnuplot's dotted grid (a pixel in three) at rows 80 and 140 and
    // columns 150 and 250; a noisy series crossing row 110 inks a third of it, in one stretch.
    const image = whiteRaster(400, 260);
    paint(image, { left: 50, top: 20, right: 380, bottom: 200 });
    paint(image, { left: 51, top: 21, right: 379, bottom: 199 }, 255);
    for (const row of [80, 140]) {
      for (let column = 52; column < 378; column += 3)
        paint(image, { left: column, top: row, right: column, bottom: row });
    }
    for (const column of [150, 250]) {
      for (let row = 22; row < 198; row += 3)
        paint(image, { left: column, top: row, right: column, bottom: row });
    }
    paint(image, { left: 60, top: 110, right: 170, bottom: 110 });
    const area = findPlotArea(image);
    expect(area.gridY.map(Math.round)).toEqual([80, 140]);
    expect(area.gridX.map(Math.round)).toEqual([150, 250]);
  });

  it('ends the plot at the top of its spine, above the highest grid line', async () => {
    // matplotlib spines with a grid: the y axis runs on past its last tick, so the left spine
    // and the vertical grid lines reach above the highest horizontal grid line by less than two
    // tick reaches; that line is no side.
    const chart = await renderChart({
      ...SPEC,
      frame: 'spines',
      grid: true,
      yRange: [0, 1.03],
      yTicks: [0, 0.25, 0.5, 0.75, 1],
    });
    const area = findPlotArea(await loadRaster(chart.png));
    expect(Math.abs(area.top - (chart.plot.top + INDEX_TO_CONTINUOUS))).toBeLessThanOrEqual(
      FRAME_TOLERANCE,
    );
  });

  it('ends the plot at the axis lines when each is its only line, with long ticks in line', () => {
    // Vega-Lite with no grid: the x axis line runs on left past the y axis as the y tick at
    // 0, the y axis line down past the x axis as the x tick at 0 (10 px: more than two reaches).
    const image = whiteRaster(400, 260);
    paint(image, { left: 40, top: 200, right: 380, bottom: 200 });
    paint(image, { left: 50, top: 20, right: 50, bottom: 210 });
    for (const x of [150, 250, 350]) paint(image, { left: x, top: 200, right: x, bottom: 210 });
    for (const y of [60, 130]) paint(image, { left: 40, top: y, right: 50, bottom: y });
    const area = findPlotArea(image);
    expect([area.left, area.top, area.right, area.bottom]).toEqual([50.5, 20, 381, 200.5]);
  });

  it("ends a frameless panel where its grid lines do, past its outermost ones on every side (ggplot2's minimal theme)", () => {
    // Light grid lines, no axis line: they run on past the outermost ones by the scale's
    // expansion, 12 px at the top and right, 5 px at the bottom and left (as short as a tick).
    const drawn = (axisLevel: number) => {
      const image = whiteRaster(400, 260);
      for (const y of [40, 90, 140, 190]) {
        paint(image, { left: 45, top: y, right: 382, bottom: y }, y === 190 ? axisLevel : 200);
      }
      for (const x of [50, 130, 210, 290, 370]) {
        paint(image, { left: x, top: 28, right: x, bottom: 195 }, x === 50 ? axisLevel : 200);
      }
      return findPlotArea(image);
    };
    const frameless = drawn(200);
    expect([frameless.left, frameless.top, frameless.right, frameless.bottom]).toEqual([
      45, 28, 383, 196,
    ]);
    // dark axis lines with the grid (and the ticks) running on past them: the plot ends at them
    const spines = drawn(60);
    expect([spines.left, spines.bottom]).toEqual([50.5, 190.5]);
  });

  it('ends the plot where the grid lines do, not where one line bridged to a label does', () => {
    // A thick series' flat stretch along a grid line, bridged to its tick label, reaches 30 px
    // past the y axis alone; the other grid lines end at their tick marks.
    const image = whiteRaster(400, 260);
    for (const y of [20, 80, 140, 200]) paint(image, { left: 45, top: y, right: 380, bottom: y });
    paint(image, { left: 20, top: 76, right: 380, bottom: 83 });
    paint(image, { left: 50, top: 20, right: 50, bottom: 200 });
    paint(image, { left: 380, top: 20, right: 380, bottom: 200 });
    const area = findPlotArea(image);
    expect(area.left).toBeCloseTo(50.5, 0);
    expect(area.right).toBeCloseTo(380.5, 0);
  });

  it('ends the axis lines at their tick marks, not through the tick labels set against them', () => {
    // ECharts: grid columns and the y axis run on 5 px below the x axis as its tick marks, and
    // each tick label's first glyph (a "0", its left stroke in the tick's column) touches the
    // mark's end; the plot ends at the x axis, not at the labels' bottom. JPEG blurs the marks
    // (a pixel either side, though the columns above stay one pixel wide) and rings faintly
    // beside them, from the axis down to the labels.
    const image = whiteRaster(400, 260);
    for (const y of [20, 80, 140, 200]) paint(image, { left: 50, top: y, right: 380, bottom: y });
    for (const x of [50, 160, 270, 380]) {
      paint(image, { left: x, top: 20, right: x, bottom: 205 });
      paint(image, { left: x - 1, top: 201, right: x - 1, bottom: 205 }, 170);
      paint(image, { left: x + 1, top: 201, right: x + 1, bottom: 205 }, 170);
      paint(image, { left: x + 2, top: 201, right: x + 2, bottom: 205 }, 225);
      paint(image, { left: x, top: 206, right: x + 1, bottom: 217 });
      paint(image, { left: x + 6, top: 206, right: x + 7, bottom: 217 });
      paint(image, { left: x, top: 206, right: x + 7, bottom: 207 });
      paint(image, { left: x, top: 216, right: x + 7, bottom: 217 });
    }
    const area = findPlotArea(image);
    expect([area.left, area.top, area.right, area.bottom]).toEqual([50.5, 20.5, 380.5, 200.5]);
    // The labels stand beyond the marks: text is read from below them.
    expect(area.outsideX).toBeLessThanOrEqual(206);
  });

  it('ends the y axis at the x axis where the first x tick label is set right against both', () => {
    // Vega-Lite's excel look: no tick marks below the x axis; the x tick labels touch it, the
    // first one's "0" with its left stroke in the y axis' column, which runs on through it 15
    // px. The y tick label "0" is centred on the x axis beside the y axis: the ink beside the
    // column runs on unbroken from above the axis into the label. The plot ends at the axis,
    // and text is read from right below it.
    const image = whiteRaster(400, 260);
    for (const y of [20, 80, 140, 200]) paint(image, { left: 50, top: y, right: 380, bottom: y });
    for (const x of [50, 160, 270, 380]) paint(image, { left: x, top: 20, right: x, bottom: 202 });
    // the y axis' column, on through the "0" below the axis
    paint(image, { left: 50, top: 200, right: 50, bottom: 215 });
    paint(image, { left: 56, top: 201, right: 57, bottom: 215 });
    paint(image, { left: 50, top: 214, right: 57, bottom: 215 });
    // the y tick label "0" beside the axis' end, centred on the x axis
    paint(image, { left: 38, top: 193, right: 39, bottom: 207 });
    paint(image, { left: 44, top: 193, right: 45, bottom: 207 });
    paint(image, { left: 38, top: 193, right: 45, bottom: 194 });
    paint(image, { left: 38, top: 206, right: 45, bottom: 207 });
    const area = findPlotArea(image);
    expect(Math.abs(area.bottom - 200.5)).toBeLessThanOrEqual(FRAME_TOLERANCE);
  });

  it('keeps the outermost grid line a thick flat series is drawn along, and where it ends', () => {
    // Chart.js with grid rows only (no axis line, no grid column): a series' flat stretch with
    // its blurred edges (5 px thick) lies along the top grid line from the middle on, past its
    // end, its rows joining the line's into one thick run. The plot's right end stays the grid's.
    const image = whiteRaster(400, 260);
    for (const y of [20, 80, 140, 200]) paint(image, { left: 40, top: y, right: 380, bottom: y });
    paint(image, { left: 200, top: 18, right: 383, bottom: 22 }, 60);
    const area = findPlotArea(image);
    expect(Math.abs(area.top - 20.5)).toBeLessThanOrEqual(FRAME_TOLERANCE);
    expect(Math.abs(area.bottom - 200.5)).toBeLessThanOrEqual(FRAME_TOLERANCE);
    expect(Math.abs(area.right - 381)).toBeLessThanOrEqual(FRAME_TOLERANCE);
  });

  it("keeps a filled panel's bottom edge where a line along it crosses its white grid lines", () => {
    // A grey panel parted into cells by white grid columns; its bottom row is a darker line
    // running across them: the panel's rows above are its fill, no series along a grid line.
    const image = whiteRaster(400, 260);
    paint(image, { left: 40, top: 20, right: 380, bottom: 200 }, 235);
    for (const x of [150, 300]) paint(image, { left: x, top: 20, right: x + 2, bottom: 199 }, 255);
    for (const y of [60, 110, 160])
      paint(image, { left: 40, top: y, right: 380, bottom: y + 1 }, 255);
    paint(image, { left: 40, top: 200, right: 380, bottom: 200 }, 180);
    const area = findPlotArea(image);
    expect(area.bottom).toBe(201);
  });

  it('finds a faint grid line drawn between two rows, each too pale for ink alone', () => {
    // A light grid (242 on white: just ink) whose top line falls between two pixel rows, each
    // left paler than the ink threshold (243 and 246).
    const image = whiteRaster(400, 260);
    for (const y of [80, 140, 200]) paint(image, { left: 40, top: y, right: 380, bottom: y }, 242);
    paint(image, { left: 40, top: 19, right: 380, bottom: 19 }, 243);
    paint(image, { left: 40, top: 20, right: 380, bottom: 20 }, 246);
    const area = findPlotArea(image);
    expect(Math.abs(area.top - 20)).toBeLessThanOrEqual(FRAME_TOLERANCE);
    expect(Math.abs(area.bottom - 200.5)).toBeLessThanOrEqual(FRAME_TOLERANCE);
  });

  it('finds the grid columns of a plot much lower than the image, and ends it at its y axis', () => {
    // Chart.js under a tall legend: a plot 60 px high in a 400 px image, its grid columns (and
    // the y axis) shorter than a side must be; the grid rows run on 10 px left as tick marks.
    const image = whiteRaster(400, 400);
    for (const y of [300, 330, 360]) paint(image, { left: 40, top: y, right: 380, bottom: y });
    for (const x of [50, 160, 270, 380]) paint(image, { left: x, top: 300, right: x, bottom: 370 });
    const area = findPlotArea(image);
    expect(area.left).toBeCloseTo(50.5, 0);
    expect(area.right).toBeCloseTo(380.5, 0);
    expect(area.top).toBeCloseTo(300.5, 0);
    expect(area.bottom).toBeCloseTo(360.5, 0);
  });

  it('finds a bare plot from its tick labels where the data stops short of its ends', async () => {
    // No axis line, no grid: Chart.js ends each axis at a tick, so the plot spans from the first
    // x label's middle to the last's, and from the highest y label's middle to the lowest's.
    const chart = await renderChart({
      ...SPEC,
      style: 'chartjs',
      frame: 'none',
      grid: false,
      series: [{ name: null, color: '#1f77b4', x: [20, 50, 80], y: [0.3, 0.7, 0.5] }],
    });
    expectSidesAt(findPlotArea(await loadRaster(chart.png)), chart.plot, 2);
  });

  it('takes a long flat stretch of a series standing above the lowest y label for no x axis', async () => {
    // Chart.js with no axis line or grid: the series' flat stretch is the image's only long row
    const chart = await renderChart({
      ...SPEC,
      style: 'chartjs',
      frame: 'none',
      grid: false,
      series: [{ name: null, color: '#1f77b4', x: [0, 70, 100], y: [0.3, 0.3, 0.9] }],
    });
    const plot = findPlotArea(await loadRaster(chart.png));
    expect(Math.abs(plot.bottom - (chart.plot.bottom + INDEX_TO_CONTINUOUS))).toBeLessThanOrEqual(
      2,
    );
    expect(Math.abs(plot.top - (chart.plot.top + INDEX_TO_CONTINUOUS))).toBeLessThanOrEqual(2);
  });

  it("takes no coloured stroke for a side: a step series' two long treads are no frame", async () => {
    // Vega-Lite with no axis line or grid: the treads of a red step series are the image's only
    // long rows, and its risers join them. Taken as the top and bottom sides they shrank the plot
    // onto the step (z00115); axis lines and frames are grey.
    const chart = await renderChart({
      ...SPEC,
      style: 'vega',
      frame: 'none',
      grid: false,
      series: [
        { name: null, color: '#e45756', x: [0, 45, 45, 100], y: [0.7, 0.7, 0.35, 0.35] },
        { name: null, color: '#4c78a8', x: [0, 100], y: [0.05, 0.95] },
      ],
    });
    const plot = findPlotArea(await loadRaster(chart.png));
    expect(Math.abs(plot.top - chart.plot.top)).toBeLessThanOrEqual(3);
    expect(Math.abs(plot.bottom - chart.plot.bottom)).toBeLessThanOrEqual(3);
  });

  it('keeps axis lines drawn in colour, each meeting the other (ECharts macarons)', () => {
    // Blue axis lines and tick marks, a green series: the axes are coloured strokes, but each
    // meets the other drawn in its colour, as a series' flat stretch does not.
    const image = whiteRaster(300, 200);
    const blue: Rgb = [0, 138, 205];
    paintColour(image, { left: 40, top: 10, right: 40, bottom: 180 }, blue);
    paintColour(image, { left: 40, top: 180, right: 290, bottom: 180 }, blue);
    for (const column of [90, 140, 190, 240, 290]) {
      paintColour(image, { left: column, top: 181, right: column, bottom: 184 }, blue);
    }
    paintColour(image, { left: 60, top: 100, right: 250, bottom: 101 }, [20, 150, 110]);
    const plot = findPlotArea(image);
    expect(Math.abs(plot.left - 40.5)).toBeLessThanOrEqual(1);
    expect(Math.abs(plot.bottom - 180.5)).toBeLessThanOrEqual(1);
  });

  it('keeps a coloured axis line that ends on a grey one (ECharts macarons, grey x axis)', () => {
    // A blue y axis ending on a dark grey x axis that runs on 5 px past it (the tick at 0): the
    // y axis meets no stroke of its colour, but it ends on a stroke across, as an axis does at
    // the plot's corner.
    const image = whiteRaster(300, 200);
    paintColour(image, { left: 40, top: 10, right: 40, bottom: 180 }, [0, 138, 205]);
    paintColour(image, { left: 35, top: 180, right: 290, bottom: 180 }, [84, 85, 90]);
    for (const row of [10, 52, 95, 137]) {
      paintColour(image, { left: 35, top: row, right: 39, bottom: row }, [84, 85, 90]);
    }
    paintColour(image, { left: 60, top: 100, right: 250, bottom: 101 }, [20, 150, 110]);
    const plot = findPlotArea(image);
    expect(Math.abs(plot.left - 40.5)).toBeLessThanOrEqual(1);
    expect(Math.abs(plot.bottom - 180.5)).toBeLessThanOrEqual(1);
  });

  it('takes no legend frame for the plot where no axis line or grid draws one', () => {
    // Vega-Lite with no axis line or grid (z00017): y labels (two glyphs each) with tick marks
    // at 60..360 every 50 px, x labels below, a thick purple step series (treads and risers
    // meeting in one colour, as coloured axis lines do) and a legend's grey frame
    const image = whiteRaster(700, 460);
    for (const middle of [60, 110, 160, 210, 260, 310, 360]) {
      paint(image, { left: 60, top: middle - 6, right: 67, bottom: middle + 6 });
      paint(image, { left: 70, top: middle - 6, right: 78, bottom: middle + 6 });
      paint(image, { left: 83, top: middle, right: 89, bottom: middle });
    }
    for (const centre of [100, 220, 340, 460, 580]) {
      paint(image, { left: centre - 10, top: 380, right: centre + 10, bottom: 392 });
    }
    const purple: Rgb = [90, 31, 156];
    paintColour(image, { left: 100, top: 300, right: 300, bottom: 306 }, purple);
    paintColour(image, { left: 294, top: 120, right: 300, bottom: 306 }, purple);
    paintColour(image, { left: 294, top: 120, right: 580, bottom: 126 }, purple);
    for (const side of [
      { left: 400, top: 150, right: 560, bottom: 150 },
      { left: 400, top: 280, right: 560, bottom: 280 },
      { left: 400, top: 150, right: 400, bottom: 280 },
      { left: 560, top: 150, right: 560, bottom: 280 },
    ]) {
      paint(image, side, 160);
    }
    const plot = findPlotArea(image);
    expect(Math.abs(plot.left - 90)).toBeLessThanOrEqual(2);
    expect(Math.abs(plot.top - 60)).toBeLessThanOrEqual(2);
    expect(Math.abs(plot.bottom - 360)).toBeLessThanOrEqual(2);
    expect(Math.abs(plot.right - 580)).toBeLessThanOrEqual(3);
  });

  it('says the box is an estimate where no axis line, grid or tick mark drew it', async () => {
    const bare = await renderChart({ ...SPEC, style: 'vega', frame: 'none', grid: false });
    const estimated = findPlotArea(await loadRaster(bare.png));
    expect(estimated.estimate).toMatch(/no axis line, grid or tick marks/);
    // placed from the labels all the same: the y labels' middles, the x labels' or data's ends
    expect(Math.abs(estimated.top - bare.plot.top)).toBeLessThanOrEqual(2);
    expect(Math.abs(estimated.bottom - bare.plot.bottom)).toBeLessThanOrEqual(2);
    const framed = findPlotArea(await loadRaster((await renderChart(SPEC)).png));
    expect(framed.estimate).toBeUndefined();
  });

  it("keeps the grid where the only lines across are a series' steep strokes", async () => {
    // Chart.js draws no axis line; with grid rows only, the thick risers of a step series are the
    // image's only long columns. They stop short of the top and bottom grid rows, which stay the
    // plot's top and bottom.
    const chart = await renderChart({
      ...SPEC,
      style: 'chartjs',
      xTicks: [],
      series: [
        {
          name: null,
          color: '#e41a1c',
          x: [0, 30, 30, 60, 60, 100],
          y: [0.3, 0.3, 0.75, 0.75, 0.2, 0.2],
          marker: null,
          lineWidth: 5,
        },
      ],
    });
    const plot = findPlotArea(await loadRaster(chart.png));
    const drawn = chart.plot;
    for (const side of ['top', 'bottom', 'right'] as const) {
      expect(Math.abs(plot[side] - (drawn[side] + INDEX_TO_CONTINUOUS)), side).toBeLessThanOrEqual(
        FRAME_TOLERANCE,
      );
    }
  });

  it('follows the y axis line past markers sitting on it, their white edges breaking it', async () => {
    const chart = await renderChart({ ...SPEC, style: 'vega', grid: false });
    const image = await loadRaster(chart.png);
    const { left, top } = chart.plot;
    // Markers at the x axis' minimum, each a coloured square in a white ring, on the axis line.
    for (const row of [top + 40, top + 100, top + 160]) {
      for (let dy = -6; dy <= 6; dy++) {
        for (let dx = -6; dx <= 6; dx++) {
          const ring = Math.max(Math.abs(dx), Math.abs(dy)) > 4;
          image.data.set(
            ring ? [255, 255, 255] : [27, 158, 119],
            ((row + dy) * image.width + left + dx) * 3,
          );
        }
      }
    }
    const plot = findPlotArea(image);
    expect(Math.abs(plot.top - (top + INDEX_TO_CONTINUOUS))).toBeLessThanOrEqual(FRAME_TOLERANCE);
    expect(Math.abs(plot.left - (left + INDEX_TO_CONTINUOUS))).toBeLessThanOrEqual(FRAME_TOLERANCE);
  });

  it("takes the top of a plot with its x axis line alone from the y labels past a series' flat stretch", async () => {
    // Vega-Lite's minimal looks: no y axis line, no grid; a long flat stretch of the series is
    // the only other long row, and spans no part of the axis' ends.
    const chart = await renderChart({
      ...SPEC,
      style: 'vega',
      grid: false,
      series: [
        {
          name: null,
          color: '#1f77b4',
          x: [0, 15, 65, 100],
          y: [0.2, 0.8, 0.8, 0.1],
          lineWidth: 3,
        },
      ],
    });
    const image = await loadRaster(chart.png);
    const { left, top, bottom } = chart.plot;
    // The y axis line erased: the x axis line is the plot's one side.
    for (let row = top - 1; row < bottom; row++) {
      image.data.set([255, 255, 255], (row * image.width + left) * 3);
    }
    const plot = findPlotArea(image);
    expect(Math.abs(plot.top - (top + INDEX_TO_CONTINUOUS))).toBeLessThanOrEqual(2);
    expect(Math.abs(plot.bottom - (bottom + INDEX_TO_CONTINUOUS))).toBeLessThanOrEqual(
      FRAME_TOLERANCE,
    );
  });

  it('throws NO_CHART_FOUND on a blank white image', () => {
    const width = 200;
    const height = 150;
    const blank: Raster = {
      data: new Uint8Array(width * height * 3).fill(255),
      width,
      height,
      channels: 3,
    };
    expect(() => findPlotArea(blank)).toThrow(DigitizeError);
    expect(() => findPlotArea(blank)).toThrow('no axes frame, spines or panel found');
    try {
      findPlotArea(blank);
    } catch (error) {
      expect((error as DigitizeError).code).toBe('NO_CHART_FOUND');
      expect((error as DigitizeError).stage).toBe('plot');
    }
  });
});

/** A white raster. */
/** Each side of a found plot within `tolerance` px of the rendered frame's. */
function expectSidesAt(found: Box, drawn: Box, tolerance = FRAME_TOLERANCE): void {
  for (const side of ['left', 'top', 'right', 'bottom'] as const) {
    expect(Math.abs(found[side] - (drawn[side] + INDEX_TO_CONTINUOUS)), side).toBeLessThanOrEqual(
      tolerance,
    );
  }
}

function whiteRaster(width: number, height: number): Raster {
  return { data: new Uint8Array(width * height * 3).fill(255), width, height, channels: 3 };
}

/** Paints the pixels of a box (pixel indices, inclusive) dark grey (or the grey `level`). */
function paint(
  image: Raster,
  box: { left: number; top: number; right: number; bottom: number },
  level = 100,
) {
  for (let row = box.top; row <= box.bottom; row++) {
    for (let column = box.left; column <= box.right; column++) {
      image.data.fill(
        level,
        (row * image.width + column) * 3,
        (row * image.width + column + 1) * 3,
      );
    }
  }
}

/** Paints the pixels of a box (pixel indices, inclusive) in `colour`. */
function paintColour(
  image: Raster,
  box: { left: number; top: number; right: number; bottom: number },
  colour: Rgb,
) {
  for (let row = box.top; row <= box.bottom; row++) {
    for (let column = box.left; column <= box.right; column++) {
      image.data.set(colour, (row * image.width + column) * 3);
    }
  }
}

describe('pageInkByColumn', () => {
  it('is the page ink transposed, made once per image', () => {
    // 3 x 2 white, one black pixel at row 0, column 2 and one at row 1, column 0.
    const data = new Uint8Array(3 * 2 * 3).fill(255);
    data.fill(0, 2 * 3, 3 * 3);
    data.fill(0, 3 * 3, 4 * 3);
    const image: Raster = { data, width: 3, height: 2, channels: 3 };
    const byColumn = pageInkByColumn(image);
    expect([...byColumn]).toEqual([...transpose(pageInk(image).ink, 3, 2)]);
    expect([...byColumn]).toEqual([0, 1, 0, 0, 1, 0]);
    expect(pageInkByColumn(image)).toBe(byColumn);
    expect(pageInkByColumn({ ...image })).not.toBe(byColumn);
  });
});
