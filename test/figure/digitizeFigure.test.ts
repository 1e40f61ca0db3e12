import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DigitizeError } from '../../src/errors.js';
import { digitizeFigure } from '../../src/figure/digitizeFigure.js';
import { isFigure } from '../../src/figure/figureResult.js';
import { findPanels } from '../../src/figure/findPanels.js';
import { createOcrEngine, type OcrEngine } from '../../src/ocr/engine.js';
import { findPlotArea } from '../../src/plot/findPlotArea.js';
import type { Box, ChartResult, DigitizeResult } from '../../src/types.js';
import { type ChartSpec, renderChart } from '../helpers/renderChart.js';

// The real stages, each replaceable for one call: a panel finder that splits the image, a
// stage that breaks.
vi.mock('../../src/figure/findPanels.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/figure/findPanels.js')>();
  return { ...actual, findPanels: vi.fn(actual.findPanels) };
});
vi.mock('../../src/plot/findPlotArea.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/plot/findPlotArea.js')>();
  return { ...actual, findPlotArea: vi.fn(actual.findPlotArea) };
});

/** Charts with OCR on a slow, shared machine. */
const TIMEOUT_MS = 30_000;
const [WIDTH, HEIGHT] = [320, 240];
const FIGURES = join(import.meta.dirname, '..', 'fixtures', 'figures');

let engine: Promise<OcrEngine> | null = null;
const getEngine = () => {
  engine ??= createOcrEngine();
  return engine;
};
afterAll(async () => {
  await (await engine)?.close();
});

const run = (input: Buffer) => digitizeFigure(input, { source: null, maxPixels: 1e7, getEngine });

function spec(name: string, color: string): ChartSpec {
  const x = [0, 1, 2, 3, 4];
  return {
    width: WIDTH,
    height: HEIGHT,
    xRange: [0, 4],
    yRange: [0, 10],
    xTicks: x,
    yTicks: [0, 5, 10],
    legend: 'upper left',
    series: [{ name, color, x, y: [2, 6, 4, 8, 5] }],
  };
}

/** A white image of `width` x `height` with each PNG pasted at its place. */
async function compose(width: number, height: number, parts: [Buffer, number, number][]) {
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(parts.map(([input, left, top]) => ({ input, left, top })))
    .png()
    .toBuffer();
}

function chart(result: DigitizeResult): ChartResult {
  expect(isFigure(result)).toBe(false);
  return result as ChartResult;
}

describe('digitizeFigure', () => {
  it('reports a bug in a stage as INTERNAL at that stage, with the cause', async () => {
    const bug = new TypeError('x is undefined');
    vi.mocked(findPlotArea).mockImplementationOnce(() => {
      throw bug;
    });
    const png = (await renderChart(spec('A', '#1f77b4'))).png;
    await expect(run(png)).rejects.toMatchObject({
      code: 'INTERNAL',
      stage: 'plot',
      message: 'unexpected failure in stage plot: x is undefined',
      cause: bug,
    });
  });

  it('reports a bug in finding panels as INTERNAL at the panels stage', async () => {
    vi.mocked(findPanels).mockImplementationOnce(() => {
      throw new RangeError('bad box');
    });
    const png = (await renderChart(spec('A', '#1f77b4'))).png;
    await expect(run(png)).rejects.toMatchObject({ code: 'INTERNAL', stage: 'panels' });
  });

  it('starts the OCR engine for an image before its first stage (a failure to start is met at the text stage), not for markup', async () => {
    const failed = new DigitizeError('OCR_FAILED', 'ocr', 'could not start the OCR engine');
    let started: Promise<OcrEngine> | null = null;
    const broken = vi.fn(() => {
      started ??= Promise.reject(failed);
      return started;
    });
    vi.mocked(findPlotArea).mockClear();
    const png = (await renderChart(spec('A', '#1f77b4'))).png;
    await expect(
      digitizeFigure(png, { source: null, maxPixels: 1e7, getEngine: broken }),
    ).rejects.toMatchObject({ code: 'OCR_FAILED', stage: 'ocr' });
    expect(broken.mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(findPlotArea).mock.invocationCallOrder[0],
    );
    const unused = vi.fn(getEngine);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    await expect(
      digitizeFigure(svg, { source: null, maxPixels: 1e7, getEngine: unused }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_IMAGE' });
    expect(unused).not.toHaveBeenCalled();
  });

  it('gives one panel inside a larger image as a chart, placed in the image', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const png = (await renderChart(spec('A', '#1f77b4'))).png;
    const alone = chart(await run(png));
    const box: Box = { left: 40, top: 30, right: 40 + WIDTH, bottom: 30 + HEIGHT };
    vi.mocked(findPanels).mockImplementationOnce(() => [{ box, plot: box }]);
    const placed = chart(await run(await compose(WIDTH + 80, HEIGHT + 60, [[png, 40, 30]])));
    expect(placed).not.toHaveProperty('panel');
    expect(placed.image).toEqual({ width: WIDTH + 80, height: HEIGHT + 60 });
    expect(placed.plot).toEqual({
      left: alone.plot.left + 40,
      top: alone.plot.top + 30,
      right: alone.plot.right + 40,
      bottom: alone.plot.bottom + 30,
    });
    expect(placed.axes.x.ticks.map((tick) => tick.pixel)).toEqual(
      alone.axes.x.ticks.map((tick) => tick.pixel + 40),
    );
    expect(placed.axes.y.ticks.map((tick) => tick.pixel)).toEqual(
      alone.axes.y.ticks.map((tick) => tick.pixel + 30),
    );
    expect(placed.series).toEqual(alone.series);
  });

  it('gives several panels as a figure of charts; a panel with no chart is left out, with a warning', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const [a, b] = await Promise.all([
      renderChart(spec('Alpha', '#1f77b4')),
      renderChart(spec('Beta', '#d62728')),
    ]);
    const image = await compose(WIDTH * 3, HEIGHT, [
      [a.png, 0, 0],
      [b.png, WIDTH, 0],
    ]);
    const panels = [0, 1, 2].map((index) => ({
      index,
      label: null,
      box: { left: index * WIDTH, top: 0, right: (index + 1) * WIDTH, bottom: HEIGHT },
    }));
    vi.mocked(findPanels).mockImplementationOnce(() =>
      panels.map(({ box }) => ({ box, plot: box })),
    );
    const result = await digitizeFigure(image, { source: 'fig.png', maxPixels: 1e7, getEngine });
    expect(isFigure(result)).toBe(true);
    if (!isFigure(result)) return;
    expect(result.source).toBe('fig.png');
    expect(result.charts.map((c) => c.panel)).toEqual(panels.slice(0, 2));
    expect(result.charts.map((c) => c.series.map((s) => s.name))).toEqual([['Alpha'], ['Beta']]);
    expect(result.charts.map((c) => c.source)).toEqual(['fig.png', 'fig.png']);
    // The second chart's plot is in the image's pixels, right of the first panel.
    expect(result.charts[1].plot.left).toBeGreaterThan(WIDTH);
    expect(result.charts[1].image).toEqual({ width: WIDTH * 3, height: HEIGHT });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^panel 3: /);
  });

  it('finds and reads the panels of a figure by itself: two charts side by side, one above another', {
    timeout: TIMEOUT_MS * 2,
  }, async () => {
    const [a, b] = await Promise.all([
      renderChart(spec('Alpha', '#1f77b4')),
      renderChart(spec('Beta', '#d62728')),
    ]);
    const beside = await compose(WIDTH * 2, HEIGHT, [
      [a.png, 0, 0],
      [b.png, WIDTH, 0],
    ]);
    const above = await compose(WIDTH, HEIGHT * 2, [
      [a.png, 0, 0],
      [b.png, 0, HEIGHT],
    ]);
    for (const [png, dx, dy] of [
      [beside, WIDTH, 0],
      [above, 0, HEIGHT],
    ] as const) {
      const result = await run(png);
      expect(isFigure(result)).toBe(true);
      if (!isFigure(result)) return;
      expect(result.charts.map((c) => c.panel?.index)).toEqual([0, 1]);
      expect(result.charts.map((c) => c.series.map((s) => s.name))).toEqual([['Alpha'], ['Beta']]);
      // each chart reads its own panel's axes, in the figure's pixels
      for (const [k, rendered] of [a, b].entries()) {
        const { plot, axes } = result.charts[k];
        expect(Math.abs(plot.left - (rendered.plot.left + k * dx))).toBeLessThanOrEqual(1);
        expect(Math.abs(plot.top - (rendered.plot.top + k * dy))).toBeLessThanOrEqual(1);
        expect(axes.y.ticks.map((tick) => tick.value).sort((p, q) => p - q)).toEqual([0, 5, 10]);
      }
    }
  });

  it('gives a panel without tick labels of its own the axis it shares with its row', {
    timeout: TIMEOUT_MS * 2,
  }, async () => {
    const outer = await renderChart(spec('Alpha', '#1f77b4'));
    const inner = await renderChart({
      ...spec('Beta', '#d62728'),
      tickFormat: (v, axis) => (axis === 'y' ? '' : String(v)),
    });
    const result = await run(
      await compose(WIDTH * 2, HEIGHT, [
        [outer.png, 0, 0],
        [inner.png, WIDTH, 0],
      ]),
    );
    expect(isFigure(result)).toBe(true);
    if (!isFigure(result)) return;
    const [a, b] = result.charts;
    expect(b.axes.y.min).toBeCloseTo(a.axes.y.min, 6);
    expect(b.axes.y.max).toBeCloseTo(a.axes.y.max, 6);
    expect(b.warnings).toContain('y axis shared with another panel (no tick labels of its own)');
    // the inner panel's data read on the shared axis: within 0.2 of 10 (2% of the y range)
    const points = b.series[0].points;
    for (const [x, y] of [
      [0, 2],
      [2, 4],
      [4, 5],
    ]) {
      const near = points.reduce((p, q) => (Math.abs(q.x - x) < Math.abs(p.x - x) ? q : p));
      expect(Math.abs(near.y - y)).toBeLessThanOrEqual(0.2);
    }
  });
  it('names every panel’s series from a legend drawn outside all panels', {
    timeout: TIMEOUT_MS * 2,
  }, async () => {
    const drawn = (legend: ChartSpec['legend'], width: number): ChartSpec => ({
      ...spec('Alpha', '#1f77b4'),
      width,
      legend,
      series: [
        { name: 'Alpha', color: '#1f77b4', x: [0, 1, 2, 3, 4], y: [2, 6, 4, 8, 5] },
        { name: 'Beta', color: '#d62728', x: [0, 1, 2, 3, 4], y: [8, 3, 7, 2, 6] },
      ],
    });
    const [a, b] = await Promise.all([
      renderChart(drawn(null, WIDTH)),
      renderChart(drawn('outside right', WIDTH + 120)),
    ]);
    const result = await run(
      await compose(WIDTH * 2 + 120, HEIGHT, [
        [a.png, 0, 0],
        [b.png, WIDTH, 0],
      ]),
    );
    expect(isFigure(result)).toBe(true);
    if (!isFigure(result)) return;
    const names = result.charts.map((c) => c.series.map((s) => s.name).sort());
    expect(names).toEqual([
      ['Alpha', 'Beta'],
      ['Alpha', 'Beta'],
    ]);
    // the legend is the figure's, read once: not the panel's beside which it lies
    expect(result.charts.map((c) => c.legend ?? null)).toEqual([null, null]);
  });

  it('reads a title printed above all panels once, for the figure, and not in the top panels’ titles', {
    timeout: TIMEOUT_MS * 2,
  }, async () => {
    const [a, b] = await Promise.all([
      renderChart({ ...spec('Alpha', '#1f77b4'), title: 'Train' }),
      renderChart({ ...spec('Beta', '#d62728'), title: 'Test' }),
    ]);
    // left-aligned at the figure's edge (Vega-Lite's anchor), reaching into the left panel
    const title = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="30">` +
        '<text x="4" y="22" font-family="DejaVu Sans" font-size="16" font-weight="bold">' +
        'Scaling behaviour</text></svg>',
    );
    const result = await run(
      await compose(WIDTH * 2, HEIGHT + 30, [
        [title, 0, 0],
        [a.png, 0, 30],
        [b.png, WIDTH, 30],
      ]),
    );
    expect(isFigure(result)).toBe(true);
    if (!isFigure(result)) return;
    expect(result.title).toBe('Scaling behaviour');
    expect(result.charts.map((c) => c.title)).toEqual(['Train', 'Test']);
  });

  it('takes no row of panel labels and axis multipliers above the plots for a figure legend', {
    timeout: TIMEOUT_MS * 2,
  }, async () => {
    // matplotlib: `A` and `1e-3` above the left panel, `B` above the right; each panel's own
    // legend names its series
    const result = await run(readFileSync(join(FIGURES, 'labels-above-panels.png')));
    expect(isFigure(result)).toBe(true);
    if (!isFigure(result)) return;
    expect(result.charts.map((c) => c.series.map((s) => s.name))).toEqual([
      ['lr=0.001'],
      ['Upper bound', 'LSTM', 'lr=0.01'],
    ]);
  });

  it('reads an axis label printed once across several panels whole, as each panel’s', {
    timeout: TIMEOUT_MS * 2,
  }, async () => {
    const [a, b] = await Promise.all([
      renderChart(spec('Alpha', '#1f77b4')),
      renderChart(spec('Beta', '#d62728')),
    ]);
    // centred on the figure, so that each panel's crop holds half of it
    const text = (width: number, height: number, label: string, turned: boolean) =>
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
          `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" dominant-baseline="middle" ` +
          `font-family="DejaVu Sans" font-size="15"${turned ? ` transform="rotate(-90 ${width / 2} ${height / 2})"` : ''}>` +
          `${label}</text></svg>`,
      );
    const beside = await compose(WIDTH * 2, HEIGHT + 30, [
      [a.png, 0, 0],
      [b.png, WIDTH, 0],
      [text(WIDTH * 2, 30, 'Training step', false), 0, HEIGHT],
    ]);
    const above = await compose(WIDTH + 30, HEIGHT * 2, [
      [text(30, HEIGHT * 2, 'Validation score', true), 0, 0],
      [a.png, 30, 0],
      [b.png, 30, HEIGHT],
    ]);
    for (const [png, axis, label] of [
      [beside, 'x', 'Training step'],
      [above, 'y', 'Validation score'],
    ] as const) {
      const result = await run(png);
      expect(isFigure(result)).toBe(true);
      if (!isFigure(result)) return;
      expect(result.charts.map((c) => c.axes[axis].label)).toEqual([label, label]);
    }
  });

  it('reads an inner panel of a facet grid that draws no axis line on the plot its row and column place', {
    timeout: TIMEOUT_MS * 6,
  }, async () => {
    // ggplot2 facet_grid, classic look (bench/zoo figures, seed 3): the middle column's panels
    // draw no y axis line (shared), the top one no x axis line either; their own lines make no
    // plot. Truth: the engine's plot boxes and limits.
    const truth = JSON.parse(readFileSync(join(FIGURES, 'seed3-f00046.truth.json'), 'utf8'));
    const result = await run(readFileSync(join(FIGURES, 'seed3-f00046.png')));
    expect(isFigure(result)).toBe(true);
    if (!isFigure(result)) return;
    expect(result.charts).toHaveLength(6);
    for (const k of [1, 4]) {
      const chart = result.charts.find((c) => c.panel?.index === k)!;
      const [left, top, right, bottom] = truth.charts[k].plot_area_px;
      const found = [chart.plot.left, chart.plot.top, chart.plot.right, chart.plot.bottom];
      for (const [i, v] of [left, top, right, bottom].entries()) {
        expect(Math.abs(found[i] - v), `panel ${k} side ${i}`).toBeLessThanOrEqual(3);
      }
      const [ymin, ymax] = truth.charts[k].y_range;
      // within 2% of the y range
      expect(Math.abs(chart.axes.y.min - ymin)).toBeLessThanOrEqual((ymax - ymin) * 0.02);
      expect(Math.abs(chart.axes.y.max - ymax)).toBeLessThanOrEqual((ymax - ymin) * 0.02);
    }
  });

  it('reads a facet whose panels each read one axis: each lends the other the axis it read', {
    timeout: TIMEOUT_MS * 3,
  }, async () => {
    // Vega-Lite facet, 1 x 2, JPEG (bench/zoo figures, seed 4, f00107): the left panel reads
    // its y labels, not its x labels; the right one prints no y labels. Before, neither read
    // and the figure came back as one chart.
    const result = await run(readFileSync(join(FIGURES, 'seed4-f00107.jpg')));
    expect(isFigure(result)).toBe(true);
    if (!isFigure(result)) return;
    expect(result.charts).toHaveLength(2);
    // truth: x 0.08..51.92 in both
    for (const c of result.charts) {
      expect(c.axes.x.min).toBeCloseTo(0.08, 0);
      expect(c.axes.x.max).toBeCloseTo(51.92, 0);
    }
  });

  it('reads an image as one chart where most of its panels do not read (cells of one chart)', {
    timeout: TIMEOUT_MS * 3,
  }, async () => {
    // a small ggplot2 grey chart (bench/zoo, seed 2, z01066) whose white grid lines cut its
    // fill into six "panels"; findPanels now joins them (its curves run through the white grid
    // lines: no gutter), where before only this fallback kept it one chart
    const result = await run(readFileSync(join(FIGURES, 'seed2-z01066.png')));
    expect(isFigure(result)).toBe(false);
    expect(chart(result).series.length).toBeGreaterThanOrEqual(2);
  });
});
