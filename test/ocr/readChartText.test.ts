import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLegend } from '../../src/legend/findLegend.js';
import { loadRaster } from '../../src/load/loadRaster.js';
import type { RecognizeOptions } from '../../src/ocr/engine.js';
import { createOcrEngine, type OcrEngine } from '../../src/ocr/engine.js';
import {
  type ChartText,
  legendName,
  readChartText,
  readLegendNames,
  withoutTickMarks,
} from '../../src/ocr/readChartText.js';
import { findPlotArea } from '../../src/plot/findPlotArea.js';
import type { DigitizeInput, Raster, Word } from '../../src/types.js';
import { type ChartSpec, renderChart } from '../helpers/renderChart.js';

/** OCR on a slow, shared machine. */
const TIMEOUT_MS = 30_000;
/** How far (px) a tick label's box centre may sit from where its tick was drawn. */
const CENTRE_TOLERANCE = 3;

const fixtures = join(import.meta.dirname, '..', 'fixtures');

let engine: OcrEngine;
beforeAll(async () => {
  engine = await createOcrEngine();
});
afterAll(async () => {
  await engine?.close();
});

/** The text of an image, read as the pipeline reads it (plot area and legend found first). */
async function textOf(input: DigitizeInput): Promise<ChartText> {
  const image = await loadRaster(input);
  const plot = findPlotArea(image);
  const legend = findLegend(image, plot);
  return readChartText(
    image,
    plot,
    engine,
    legend && { box: legend.box, texts: legend.slots.map((slot) => slot.text) },
  );
}

describe('readChartText', { timeout: TIMEOUT_MS }, () => {
  it('reads the title, axis labels, legend names and every tick label, each at its tick', async () => {
    const x = [0, 20, 40, 60, 80, 100];
    const spec: ChartSpec = {
      width: 640,
      height: 480,
      title: 'Reward by step',
      xLabel: 'Training Step',
      yLabel: 'Mean Reward',
      xRange: [0, 100],
      yRange: [0, 1],
      xTicks: x,
      yTicks: [0, 0.25, 0.5, 0.75, 1],
      legend: 'lower right',
      series: [
        { name: 'GRPO', color: '#1f77b4', x, y: [0.1, 0.4, 0.5, 0.7, 0.8, 0.85] },
        { name: 'Baseline', color: '#d62728', x, y: [0.2, 0.25, 0.3, 0.35, 0.4, 0.42] },
      ],
    };
    const chart = await renderChart(spec);
    const text = await textOf(chart.png);
    expect(text.title).toBe('Reward by step');
    expect(text.xLabel).toBe('Training Step');
    expect(text.yLabel).toBe('Mean Reward');
    expect(text.legendNames).toEqual(['GRPO', 'Baseline']);
    expect(text.xTickWords.map((word) => word.text)).toEqual(['0', '20', '40', '60', '80', '100']);
    expect(text.yTickWords.map((word) => word.text).sort()).toEqual(
      ['0.00', '0.25', '0.50', '0.75', '1.00'].sort(),
    );
    text.xTickWords.forEach((word, i) => {
      const drawn = chart.dataToPixel(x[i], 0).px + 0.5;
      expect(Math.abs((word.box.left + word.box.right) / 2 - drawn)).toBeLessThanOrEqual(
        CENTRE_TOLERANCE,
      );
    });
    expect([text.xMultiplier, text.yMultiplier]).toEqual([1, 1]);
  });

  it('reads a title and axis labels printed in a colour (ECharts: blue over grey tick labels)', async () => {
    const x = [0, 20, 40, 60, 80, 100];
    const chart = await renderChart({
      title: 'Monthly sales',
      xLabel: 'Budget',
      yLabel: 'Throughput',
      labelColor: '#008acd',
      xRange: [0, 100],
      yRange: [0, 1],
      xTicks: x,
      yTicks: [0, 0.25, 0.5, 0.75, 1],
      series: [{ name: null, color: '#d62728', x, y: [0.1, 0.4, 0.5, 0.7, 0.8, 0.85] }],
    });
    const text = await textOf(chart.png);
    expect(text).toMatchObject({ title: 'Monthly sales', xLabel: 'Budget', yLabel: 'Throughput' });
    expect(text.xTickWords.map((word) => word.text)).toEqual(['0', '20', '40', '60', '80', '100']);
  });

  it('reads x tick labels printed right against the tick marks whole (their top row not cut off)', async () => {
    const x = [0, 20, 40, 60, 80, 100];
    const chart = await renderChart({
      width: 480,
      height: 360,
      frame: 'spines',
      fontSize: 10,
      tickPad: 0,
      xRange: [0, 100],
      yRange: [0, 8],
      xTicks: x,
      yTicks: [0, 2, 4, 6, 8],
      series: [{ name: null, color: '#1f77b4', x, y: [1, 3, 2, 5, 4, 7] }],
    });
    const text = await textOf(chart.png);
    // cut below their top row, `20` and `80` read as `-0`
    expect(text.xTickWords.map((word) => word.text)).toEqual(['0', '20', '40', '60', '80', '100']);
  });

  it('keeps the lowest y tick label, hanging below the axis, out of the x tick labels printed right against it', async () => {
    const x = [0, 20, 40, 60, 80, 100];
    for (const style of ['matplotlib', 'vega'] as const) {
      const chart = await renderChart({
        width: 480,
        height: 360,
        style,
        frame: 'none',
        fontSize: style === 'vega' ? 11 : 10,
        tickPad: 0,
        xRange: [-5, 100],
        yRange: [0, 0.008],
        xTicks: x,
        yTicks: [0, 0.002, 0.004, 0.006, 0.008],
        series: [
          { name: null, color: '#1f77b4', x, y: [0.001, 0.003, 0.002, 0.005, 0.004, 0.007] },
        ],
      });
      const text = await textOf(chart.png);
      // the lower rows of `0.000` were an x label of their own (`2,6`, `.000`), and the y label
      // cut at the axis misread (`-6,4`)
      expect(text.xTickWords.map((word) => word.text)).toEqual([
        '0',
        '20',
        '40',
        '60',
        '80',
        '100',
      ]);
      expect(text.yTickWords.map((word) => word.text)).toEqual([
        '0.008',
        '0.006',
        '0.004',
        '0.002',
        '0.000',
      ]);
    }
  });

  it('reads the first x tick label whole where the lowest y tick label touches the axis corner (a zoo chart)', async () => {
    const text = await textOf(join(fixtures, 'ocr', 'vegalite-excel-corner-zero.png'));
    // the y label's `0` beside the corner passes for a tick mark and the band begins three rows
    // into the x label's `0`: cut apart from the y label, it read as nothing
    expect(text.xTickWords[0].text).toBe('0');
    expect(text.xTickWords[0].box.left).toBeGreaterThanOrEqual(96);
    expect(text.yTickWords.at(-1)?.text).toBe('0');
  });

  it('reads names as chart text is written: a small M is no ™ (a zoo chart, markers in a row above)', async () => {
    const text = await textOf(join(fixtures, 'legend', 'chartjs-markers-row-above.jpg'));
    expect(text.legendNames).toEqual(['Adam', 'LSTM', 'Model B', 'BERT-base']);
    expect(text.title).toBe('Results on CIFAR-10');
  });

  it('reads an axis multiplier printed at the end of the x axis (1e6)', async () => {
    const text = await textOf(join(fixtures, 'x-multiplier.png'));
    expect(text.xMultiplier).toBe(1e6);
    expect(text.yMultiplier).toBe(1);
    expect(text.xLabel).toBe('Environment Steps');
  });

  it("reads a line of years under the x tick labels as theirs (Plotly's Jun 8 / 1997), the x label below it", async () => {
    const labels = ['Jun 8\n1997', 'Jun 22', 'Jul 6', 'Dec 28\n1997', 'Jan 11\n1998'];
    const spec: ChartSpec = {
      width: 640,
      height: 460,
      xLabel: 'Month',
      xRange: [0, 100],
      yRange: [0, 1],
      xTicks: [10, 30, 50, 70, 90],
      yTicks: [0, 0.5, 1],
      tickFormat: (v, axis) => (axis === 'x' ? labels[(v - 10) / 20] : String(v)),
      series: [{ name: null, color: '#1f77b4', x: [0, 100], y: [0.2, 0.8] }],
    };
    const chart = await renderChart(spec);
    const text = await textOf(chart.png);
    expect(text.xLabel).toBe('Month');
    expect(text.xTickYears.map((word) => word.text)).toEqual(['1997', '1997', '1998']);
    [10, 70, 90].forEach((x, i) => {
      const drawn = chart.dataToPixel(x, 0).px + 0.5;
      const { left, right } = text.xTickYears[i].box;
      expect(Math.abs((left + right) / 2 - drawn)).toBeLessThanOrEqual(CENTRE_TOLERANCE);
    });
  });

  it('reads a year label wider than the step between minor ticks whole (gnuplot: 2010 over ticks every year)', async () => {
    const ticks = Array.from({ length: 61 }, (_, i) => 2010 + i);
    const spec: ChartSpec = {
      width: 640,
      height: 400,
      xRange: [2010, 2070],
      yRange: [0, 1],
      xTicks: ticks,
      yTicks: [0, 0.5, 1],
      tickFormat: (v, axis) => (axis === 'y' ? String(v) : v % 10 === 0 ? String(v) : ''),
      series: [{ name: null, color: '#d62728', x: [2010, 2070], y: [0.2, 0.8] }],
    };
    const chart = await renderChart(spec);
    const text = await textOf(chart.png);
    expect(text.xTickWords.map((word) => word.text)).toEqual([
      '2010',
      '2020',
      '2030',
      '2040',
      '2050',
      '2060',
      '2070',
    ]);
    text.xTickWords.forEach((word, i) => {
      const drawn = chart.dataToPixel(2010 + 10 * i, 0).px + 0.5;
      expect(Math.abs((word.box.left + word.box.right) / 2 - drawn)).toBeLessThanOrEqual(
        CENTRE_TOLERANCE,
      );
    });
  });

  it('reads an x label close under the tick labels, centred under one of them, as the x label', async () => {
    const spec: ChartSpec = {
      width: 640,
      height: 460,
      xLabel: 'Step',
      xRange: [0, 100],
      yRange: [0, 1],
      xTicks: [0, 25, 50, 75, 100],
      yTicks: [0, 0.5, 1],
      series: [{ name: null, color: '#1f77b4', x: [0, 100], y: [0.2, 0.8] }],
    };
    const text = await textOf((await renderChart(spec)).png);
    expect(text.xLabel).toBe('Step');
    expect(text.xTickYears).toEqual([]);
  });

  /** A chart with room above the plot and y labels 0.0 to 2.0 (its plot at `PLAIN.plot`). */
  const PLAIN = {
    width: 640,
    height: 460,
    xRange: [0, 100],
    yRange: [0, 2],
    xTicks: [0, 50, 100],
    yTicks: [0, 0.5, 1, 1.5, 2],
    plot: { left: 70, top: 40, right: 600, bottom: 400 },
    series: [{ name: null, color: '#1f77b4', x: [0, 50, 100], y: [0.2, 1.7, 0.4] }],
  } satisfies ChartSpec;

  it('reads the only text above a plot with no title as its y multiplier when it reads as one', async () => {
    const { plot } = PLAIN;
    const rendered = await renderChart(PLAIN);
    const above = (text: string, size = 13) =>
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="460">` +
          `<text x="${plot.left}" y="${plot.top - 8}" font-family="DejaVu Sans" font-size="${size}">${text}</text></svg>`,
      );
    const read = async (text: string, size?: number) => {
      const png = await sharp(rendered.png)
        .composite([{ input: above(text, size), left: 0, top: 0 }])
        .png()
        .toBuffer();
      const image = await loadRaster(png);
      return readChartText(image, findPlotArea(image), engine);
    };
    expect(await read('1e6')).toMatchObject({ title: null, yLabel: null, yMultiplier: 1e6 });
    // a short title where matplotlib would print the multiplier (larger than the tick labels, as
    // titles are) stays the title
    expect(await read('Loss', 18)).toMatchObject({ title: 'Loss', yLabel: null, yMultiplier: 1 });
  });

  it("reads a level line over the y axis at the tick labels' size as the y label, the line above it as the title", async () => {
    // room above the plot for two lines
    const spec = { ...PLAIN, plot: { ...PLAIN.plot, top: 80 } };
    const { plot } = spec;
    const rendered = await renderChart(spec);
    // Vega-Lite's latimes look: the y title starts over the y tick labels, just above the top one
    const svg = (title: string | null, label: string, titleBaseline: number) =>
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="460">` +
          (title === null
            ? ''
            : `<text x="12" y="${plot.top - titleBaseline}" font-family="DejaVu Sans" font-size="18">${title}</text>`) +
          `<text x="30" y="${plot.top - 12}" font-family="DejaVu Sans" font-size="13">${label}</text></svg>`,
      );
    const read = async (title: string | null, label = 'Mean reward', titleBaseline = 36) => {
      const png = await sharp(rendered.png)
        .composite([{ input: svg(title, label, titleBaseline), left: 0, top: 0 }])
        .png()
        .toBuffer();
      const image = await loadRaster(png);
      return readChartText(image, findPlotArea(image), engine);
    };
    expect(await read(null)).toMatchObject({ title: null, yLabel: 'Mean reward' });
    expect(await read('Training curves')).toMatchObject({
      title: 'Training curves',
      yLabel: 'Mean reward',
    });
    // the title's descenders two blank rows above the y title's capitals: one band of ink,
    // still two lines
    expect(await read('Training curves', 'Mean reward', 30)).toMatchObject({
      title: 'Training curves',
      yLabel: 'Mean reward',
    });
    // parentheses rise above the capitals: the y title is still at the tick labels' size
    expect(await read(null, 'Accuracy (%)')).toMatchObject({ title: null, yLabel: 'Accuracy (%)' });
  });

  it('reads a turned y label set close beside the tick labels without taking in their edge', async () => {
    const { plot } = PLAIN;
    const rendered = await renderChart(PLAIN);
    const middle = (plot.top + plot.bottom) / 2;
    // ggplot2's y title: its descenders' feet a pixel or two from the widest tick label
    const label = (x: number) =>
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="460">` +
          `<text x="${x}" y="${middle}" transform="rotate(-90 ${x} ${middle})" text-anchor="middle" font-family="DejaVu Sans" font-size="13">Temperature</text></svg>`,
      );
    const image = await loadRaster(
      await sharp(rendered.png)
        .composite([{ input: label(37), left: 0, top: 0 }])
        .png()
        .toBuffer(),
    );
    const text = await readChartText(image, findPlotArea(image), engine);
    expect(text.yLabel).toBe('Temperature');
    expect(text.yTickWords.map((word) => word.text)).toEqual(['2.0', '1.5', '1.0', '0.5', '0.0']);
  });

  it("reads a line just over a legend above the plot, flush with its left, as the legend's title, not the chart's", async () => {
    const spec: ChartSpec = {
      ...PLAIN,
      plot: { ...PLAIN.plot, top: 110 },
      style: 'chartjs',
      fontSize: 12,
      legend: 'upper right',
      series: [
        { name: 'Adam', color: '#1b9e77', x: [0, 50, 100], y: [0.2, 1.7, 0.4] },
        { name: 'SGD', color: '#d95f02', x: [0, 50, 100], y: [1.2, 0.7, 1.4] },
      ],
    };
    const rendered = await renderChart(spec);
    const legend = rendered.legend!;
    // Vega-Lite's legend title: the entries' size, bold, over the first sample
    const svg = (title: boolean) =>
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="460">` +
          (title
            ? `<text x="320" y="30" text-anchor="middle" font-family="DejaVu Sans" font-size="20">Latency over time</text>`
            : '') +
          `<text x="${legend.left}" y="${legend.top + 2}" font-family="DejaVu Sans" font-weight="bold" font-size="12">Setting</text></svg>`,
      );
    const read = async (title: boolean) =>
      textOf(
        await sharp(rendered.png)
          .composite([{ input: svg(title), left: 0, top: 0 }])
          .png()
          .toBuffer(),
      );
    expect((await read(true)).title).toBe('Latency over time');
    expect((await read(false)).title).toBeNull();
  });

  it('reads the x tick labels that a legend found around one of them reaches into', async () => {
    const rendered = await renderChart(PLAIN);
    const image = await loadRaster(rendered.png);
    const plot = findPlotArea(image);
    const alone = await readChartText(image, plot, engine);
    const last = alone.xTickWords.at(-1)!.box;
    const around = {
      left: last.left - 4,
      right: last.right + 4,
      top: last.top - 3,
      bottom: last.bottom + 3,
    };
    const text = await readChartText(image, plot, engine, { box: around, texts: [last] });
    expect(text.xTickWords.map((word) => word.text)).toEqual(['0', '50', '100']);
    // a legend whose entries are level with the band and hold its ink is no tick label band
    const wide = { left: 0, right: 640, top: last.top - 3, bottom: last.bottom + 3 };
    const legend = await readChartText(image, plot, engine, { box: wide, texts: [last] });
    expect(legend.xTickWords).toEqual([]);
  });

  it('reads a y multiplier run close under a legend framed above the plot', async () => {
    const { plot } = PLAIN;
    const rendered = await renderChart(PLAIN);
    const frame = { left: 200, right: 500, top: plot.top - 38, bottom: plot.top - 19 };
    const svg = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="460">` +
        `<rect x="${frame.left}" y="${frame.top}" width="${frame.right - frame.left - 1}" height="${frame.bottom - frame.top - 1}" fill="none" stroke="black"/>` +
        `<text x="${frame.left + 40}" y="${frame.bottom - 5}" font-family="DejaVu Sans" font-size="13">Baseline</text>` +
        `<text x="${plot.left}" y="${plot.top - 7}" font-family="DejaVu Sans" font-size="13">1e6</text></svg>`,
    );
    const png = await sharp(rendered.png)
      .composite([{ input: svg, left: 0, top: 0 }])
      .png()
      .toBuffer();
    const image = await loadRaster(png);
    const texts = [
      {
        left: frame.left + 40,
        right: frame.left + 100,
        top: frame.top + 3,
        bottom: frame.bottom - 3,
      },
    ];
    const text = await readChartText(image, findPlotArea(image), engine, { box: frame, texts });
    expect(text).toMatchObject({ title: null, yMultiplier: 1e6 });
  });

  it('reads the y tick labels past tick marks left outside the plot (no axis line)', async () => {
    const { plot } = PLAIN;
    const rendered = await renderChart({ ...PLAIN, frame: 'spines' });
    const image = await loadRaster(rendered.png);
    const found = findPlotArea(image);
    // As the plot stage leaves ticks drawn apart from a plot with no axis line: beyond its edge.
    const text = await readChartText(
      image,
      { ...found, ticksY: [], outsideY: plot.left - 1 },
      engine,
    );
    expect(text.yTickWords.map((word) => word.text).sort()).toEqual(
      ['0.0', '0.5', '1.0', '1.5', '2.0'].sort(),
    );
  });

  it('reads the x tick labels above a legend below the plot whose box reaches over them', async () => {
    const rendered = await renderChart({ ...PLAIN, xLabel: 'Model A  Control  Median' });
    const image = await loadRaster(rendered.png);
    const plot = findPlotArea(image);
    const alone = await readChartText(image, plot, engine);
    const labels = Math.max(...alone.xTickWords.map((word) => word.box.bottom));
    // the legend's entries start below the tick labels, its box (frameless) a little above
    const legend = {
      box: { left: plot.left, right: plot.right, top: labels - 2, bottom: image.height },
      texts: [{ left: plot.left, right: plot.right, top: labels + 3, bottom: image.height - 1 }],
    };
    const text = await readChartText(image, plot, engine, legend);
    expect(text.xTickWords.map((word) => word.text)).toEqual(['0', '50', '100']);
    expect(text.xLabel).toBeNull();
  });

  it('reads no text where there is none beside the plot', async () => {
    const spec: ChartSpec = {
      xRange: [0, 1],
      yRange: [0, 1],
      xTicks: [],
      yTicks: [],
      series: [{ name: null, color: '#1f77b4', x: [0, 1], y: [0.2, 0.8] }],
    };
    const text = await textOf((await renderChart(spec)).png);
    expect(text).toMatchObject({ title: null, xLabel: null, yLabel: null, legendNames: [] });
    expect(text.xTickWords).toEqual([]);
    expect(text.yTickWords).toEqual([]);
  });

  it('reads a facet strip on top of the plot as its title, and the plot as starting below it', async () => {
    const plot = { left: 70, top: 60, right: 600, bottom: 400 };
    const rendered = await renderChart({
      width: 640,
      height: 460,
      xRange: [0, 100],
      yRange: [0, 1],
      xTicks: [0, 50, 100],
      yTicks: [0, 0.5, 1],
      grid: true,
      plot,
      series: [{ name: null, color: '#1f77b4', x: [0, 50, 100], y: [0.2, 0.7, 0.4] }],
    });
    // ggplot2's bw look (a grey strip framed in dark grey) and its classic look (white, black),
    // its strip's side a few px within the plot's (its x axis running on past it)
    for (const [fill, stroke, short] of [
      ['#d9d9d9', '#333333', 0],
      ['#ffffff', '#000000', 0],
      ['#ffffff', '#000000', 3],
    ] as const) {
      const strip = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="460">` +
          `<rect x="${plot.left + 0.5}" y="${plot.top - 24.5}" width="${plot.right - plot.left - short}" height="24" fill="${fill}" stroke="${stroke}"/>` +
          `<text x="${(plot.left + plot.right) / 2}" y="${plot.top - 8}" text-anchor="middle" font-family="DejaVu Sans" font-size="13">Europe</text></svg>`,
      );
      const png = await sharp(rendered.png)
        .composite([{ input: strip, left: 0, top: 0 }])
        .png()
        .toBuffer();
      const image = await loadRaster(png);
      const found = findPlotArea(image);
      expect(Math.abs(found.top - (plot.top + 0.5))).toBeLessThanOrEqual(1.5);
      const text = await readChartText(image, found, engine);
      expect(text.title).toBe('Europe');
    }
  });
});

describe('readLegendNames', () => {
  /** A white page with a black block (a name's ink) in each of `boxes`. */
  function page(boxes: { left: number; top: number; right: number; bottom: number }[]): Raster {
    const width = 120;
    const height = 60;
    const data = new Uint8Array(width * height * 3).fill(255);
    for (const box of boxes) {
      for (let row = box.top; row < box.bottom; row++) {
        data.fill(0, (row * width + box.left) * 3, (row * width + box.right) * 3);
      }
    }
    return { data, width, height, channels: 3 };
  }
  /** A word on the stacked image's line `line` (names 10 px high are stacked 40 px high, 16 apart). */
  const word = (text: string, line: number, left: number): Word => ({
    text,
    confidence: 90,
    box: { left, right: left + 30, top: 12 + line * 56, bottom: 12 + line * 56 + 40 },
    symbols: [],
  });

  /** An engine answering its n-th recognition (from 1) with `reply(n)`; its calls' options. */
  function fakeEngine(reply: (call: number) => Word[]) {
    const calls: RecognizeOptions[] = [];
    const engine: OcrEngine = {
      glyphs: null,
      async recognize(_png, options = {}) {
        calls.push(options);
        return reply(calls.length);
      },
      async close() {},
    };
    return { engine, calls };
  }

  it('reads a name again without the glyphs no name holds where it read one (a thin 1 read as |)', async () => {
    const boxes = [
      { left: 10, top: 10, right: 60, bottom: 20 },
      { left: 10, top: 30, right: 60, bottom: 40 },
    ];
    // The first reading holds a `|`; read without it, the glyph is read as a `1`.
    const { engine, calls } = fakeEngine((call) =>
      call === 1
        ? [word('Sensor', 0, 24), word('|', 0, 70), word('Adam', 1, 24)]
        : [word('Sensor', 0, 24), word('1', 0, 70)],
    );
    const names = await readLegendNames(engine, page(boxes), [255, 255, 255], boxes);
    expect(names).toEqual(['Sensor 1', 'Adam']);
    expect(calls).toHaveLength(2);
    expect(calls[0].whitelist).toContain('|');
    expect(calls[1].whitelist).not.toContain('|');
    expect(calls[1].whitelist).toContain('1');
  });

  it('keeps the first reading where the second lost a glyph (tesseract dropped the one it could not fit)', async () => {
    const boxes = [{ left: 10, top: 10, right: 60, bottom: 20 }];
    const { engine, calls } = fakeEngine((call) =>
      call === 1 ? [word('Sensor', 0, 24), word('|', 0, 70)] : [word('Sensor', 0, 24)],
    );
    const names = await readLegendNames(engine, page(boxes), [255, 255, 255], boxes);
    expect(names).toEqual(['Sensor |']);
    expect(calls).toHaveLength(2);
  });

  it('reads names holding no such glyph once', async () => {
    const boxes = [{ left: 10, top: 10, right: 60, bottom: 20 }];
    const { engine, calls } = fakeEngine(() => [word('lr=0.01', 0, 24)]);
    const names = await readLegendNames(engine, page(boxes), [255, 255, 255], boxes);
    expect(names).toEqual(['lr=0.01']);
    expect(calls).toHaveLength(1);
  });
});

describe('legendName', () => {
  it("drops a sample's pieces read as signs before or after the name", () => {
    expect(
      ['-- Greedy', 'Greedy <<', 'Random ~~', 'Beam search -', 'AdamW- -', 'Quadratic _'].map(
        legendName,
      ),
    ).toEqual(['Greedy', 'Greedy', 'Random', 'Beam search', 'AdamW', 'Quadratic']);
  });

  it('keeps closing brackets, percent and degree signs and signs inside the name', () => {
    for (const name of [
      'Ours (full)',
      'Top-1 %',
      'T [°C]',
      'lr=0.01',
      'A + B',
      'x [m]',
      'Sensor |',
    ]) {
      expect(legendName(name)).toBe(name);
    }
    expect(legendName(null)).toBe('');
  });
});

describe('withoutTickMarks', () => {
  const box = (left: number, right: number, top: number, bottom: number) => ({
    left,
    right,
    top,
    bottom,
  });

  it('drops the tick marks hanging from the axis between category labels', () => {
    // ECharts: 2 px marks in rows 684..688 between `Mon` and `Tue` (rows 686..695)
    const mon = box(124, 145, 686, 695);
    const tue = box(247, 265, 686, 695);
    const boxes = [
      box(74, 75, 684, 688),
      mon,
      box(195, 196, 684, 688),
      tue,
      box(317, 318, 684, 688),
    ];
    expect(withoutTickMarks(boxes)).toEqual([mon, tue]);
  });

  it('keeps a `1` printed as a label: as tall as the others', () => {
    const boxes = [box(40, 42, 686, 695), box(80, 90, 686, 695), box(120, 130, 686, 695)];
    expect(withoutTickMarks(boxes)).toEqual(boxes);
  });

  it('keeps every box where fewer than two are not thin', () => {
    const boxes = [box(40, 41, 684, 688), box(80, 90, 686, 695)];
    expect(withoutTickMarks(boxes)).toEqual(boxes);
  });
});
