import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { deltaE, fromHex, type Rgb, rgbToLab } from '../../src/color.js';
import {
  findLegend,
  joinNameRuns,
  type LegendLayout,
  type LegendSlot,
} from '../../src/legend/findLegend.js';
import { findLegendOutside } from '../../src/legend/framelessLegend.js';
import { sampleStyles } from '../../src/legend/sampleStyle.js';
import { loadRaster } from '../../src/load/loadRaster.js';
import { findPlotArea } from '../../src/plot/findPlotArea.js';
import type { Box, Raster } from '../../src/types.js';
import { type ChartSpec, renderChart } from '../helpers/renderChart.js';

/** How far (px) the found legend box may reach past the drawn frame (its rounded corners). */
const BOX_TOLERANCE = 6;
/** A sample's colour is its series' colour within this Delta E (anti-aliasing, rounding). */
const COLOR_TOLERANCE = 8;

const BLUE: Rgb = [31, 119, 180];
const RED: Rgb = [214, 39, 40];
const hex = (rgb: Rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

function spec(overrides: Partial<ChartSpec> = {}): ChartSpec {
  const x = [0, 1, 2, 3, 4, 5];
  return {
    width: 560,
    height: 400,
    xRange: [0, 5],
    yRange: [0, 10],
    xTicks: x,
    yTicks: [0, 5, 10],
    legend: 'upper right',
    series: [
      { name: 'train', color: hex(BLUE), x, y: [1, 3, 4, 6, 7, 8] },
      { name: 'validation', color: hex(RED), x, y: [2, 2.5, 3, 3.5, 5, 4] },
    ],
    ...overrides,
  };
}

async function legendOf(chartSpec: ChartSpec) {
  const chart = await renderChart(chartSpec);
  const image = await loadRaster(chart.png);
  return { chart, legend: findLegend(image, findPlotArea(image)) };
}

const inside = (inner: Box, outer: Box) =>
  inner.left >= outer.left &&
  inner.right <= outer.right &&
  inner.top >= outer.top &&
  inner.bottom <= outer.bottom;

describe('findLegend', () => {
  it('finds a framed legend in the plot: its box, and an entry per series in order', async () => {
    const { chart, legend } = await legendOf(spec());
    expect(legend).not.toBeNull();
    const drawn = chart.legend!;
    const box = legend!.box;
    expect(Math.abs(box.left - drawn.left)).toBeLessThanOrEqual(BOX_TOLERANCE);
    expect(Math.abs(box.right - (drawn.right + 1))).toBeLessThanOrEqual(BOX_TOLERANCE);
    expect(Math.abs(box.top - drawn.top)).toBeLessThanOrEqual(BOX_TOLERANCE);
    expect(Math.abs(box.bottom - (drawn.bottom + 1))).toBeLessThanOrEqual(BOX_TOLERANCE);
    expect(legend!.slots).toHaveLength(2);
    legend!.slots.forEach((slot, i) => {
      expect(deltaE(rgbToLab(slot.color), rgbToLab([BLUE, RED][i]))).toBeLessThan(COLOR_TOLERANCE);
      expect(inside(slot.handle, box)).toBe(true);
      expect(inside(slot.text, box)).toBe(true);
      // The sample is left of its text, on the same row.
      expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
      expect(slot.handle.top).toBeLessThan(slot.text.bottom);
      expect(slot.handle.bottom).toBeGreaterThan(slot.text.top);
    });
    expect(legend!.slots[0].text.bottom).toBeLessThanOrEqual(legend!.slots[1].text.top);
  });

  it('finds a legend of colour boxes above a frameless plot (Chart.js)', async () => {
    const { legend } = await legendOf(spec({ style: 'chartjs' }));
    expect(legend).not.toBeNull();
    expect(legend!.slots).toHaveLength(2);
    legend!.slots.forEach((slot, k) => {
      expect(deltaE(rgbToLab(slot.color), rgbToLab([BLUE, RED][k]))).toBeLessThan(COLOR_TOLERANCE);
    });
  });

  /** Three black series, solid, dashed and dotted, through the plot under a legend without a frame. */
  function blackDashes(overrides: Partial<ChartSpec> = {}): ChartSpec {
    const x = Array.from({ length: 41 }, (_, i) => i * 2.5);
    return spec({
      width: 800,
      height: 500,
      xRange: [0, 100],
      yRange: [0, 2.5],
      xTicks: [0, 20, 40, 60, 80, 100],
      yTicks: [0, 0.5, 1, 1.5, 2, 2.5],
      legendFrame: false,
      series: (['solid', 'dashed', 'dotted'] as const).map((dash, k) => ({
        name: ['train', 'valid', 'test'][k],
        color: '#000000',
        dash,
        x,
        y: x.map((v) =>
          k === 2 ? 1 + 0.5 * Math.sin(v / 12) : 2 * Math.exp(-v / (25 + 25 * k)) + 0.2 * k,
        ),
      })),
      ...overrides,
    });
  }

  /** Each entry's sample: black, drawn solid, then dashed, then dotted (shorter dashes). */
  function expectBlackDashes(image: Raster, legend: LegendLayout | null) {
    expect(legend?.slots).toHaveLength(3);
    for (const slot of legend!.slots) expect(Math.max(...slot.color)).toBeLessThan(60);
    const styles = sampleStyles(image, legend!.slots);
    expect(styles[0].gapShare).toBe(0);
    expect(styles[1].gapShare).toBeGreaterThan(0.15);
    expect(styles[2].gapShare).toBeGreaterThan(0.15);
    expect(styles[2].on).toBeLessThan(styles[1].on);
  }

  it('finds black dashed and dotted samples beside their names, among black dashed curves', async () => {
    const { chart, legend } = await legendOf(blackDashes());
    const image = await loadRaster(chart.png);
    expectBlackDashes(image, legend);
    for (const slot of legend!.slots) expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
  });

  it('finds the entry whose sample a curve of another series crosses, in its own colour', async () => {
    const GREEN: Rgb = [44, 160, 44];
    const x = [0, 1, 2, 3, 4, 5];
    const threeSeries = spec({
      legendFrame: false,
      series: [
        { name: 'train', color: hex(BLUE), x, y: [1, 3, 4, 6, 7, 8] },
        { name: 'validation', color: hex(RED), x, y: [2, 2.5, 3, 3.5, 5, 4] },
        { name: 'test', color: hex(GREEN), x, y: [0.5, 1, 1.5, 2, 2.5, 3] },
      ],
    });
    const chart = await renderChart(threeSeries);
    const plain = await loadRaster(chart.png);
    const found = findLegend(plain, findPlotArea(plain))!;
    expect(found.slots).toHaveLength(3);
    // The red curve comes in from the left, crosses the green sample and ends at its name, as
    // a curve running under a legend does.
    const { handle, text } = found.slots[2];
    const row = (handle.top + handle.bottom) / 2;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${plain.width}" height="${plain.height}"><line x1="${handle.left - 150}" y1="${row - 6}" x2="${text.left - 3}" y2="${row + 3}" stroke="${hex(RED)}" stroke-width="3"/></svg>`;
    const crossed = await loadRaster(
      await sharp(chart.png)
        .composite([{ input: Buffer.from(svg) }])
        .png()
        .toBuffer(),
    );
    const legend = findLegend(crossed, findPlotArea(crossed));
    expect(legend?.slots).toHaveLength(3);
    legend!.slots.forEach((slot, k) => {
      expect(deltaE(rgbToLab(slot.color), rgbToLab([BLUE, RED, GREEN][k]))).toBeLessThan(
        COLOR_TOLERANCE,
      );
    });
    expect(legend!.slots[2].text).toEqual(text);
  });

  it('finds names before their samples (gnuplot key)', async () => {
    const { chart, legend } = await legendOf(blackDashes({ legendTextFirst: true }));
    const image = await loadRaster(chart.png);
    expectBlackDashes(image, legend);
    for (const slot of legend!.slots) expect(slot.text.right).toBeLessThanOrEqual(slot.handle.left);
  });

  it('finds a coloured dashed sample whose gaps are wide beside small text (ggplot2)', async () => {
    const { legend } = await legendOf(
      spec({
        legend: 'outside right',
        legendFrame: false,
        fontSize: 9,
        series: spec().series.map((s) => ({ ...s, dash: 'dashed' as const, lineWidth: 3 })),
      }),
    );
    expect(legend?.slots).toHaveLength(2);
    legend!.slots.forEach((slot, k) => {
      expect(deltaE(rgbToLab(slot.color), rgbToLab([BLUE, RED][k]))).toBeLessThan(COLOR_TOLERANCE);
    });
  });

  it('finds none where the chart has no legend', async () => {
    const { legend } = await legendOf(spec({ legend: null }));
    expect(legend).toBeNull();
  });

  // Zoo charts (bench/zoo) whose legends have no frame, with the colours their engines drew.
  it.each([
    // a dark zero line runs through the plot beside the entries
    ['plotly-zero-line.png', ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728']],
    // hollow squares stand taller than the names' capitals
    ['vegalite-hollow-squares.png', ['#4c78a8', '#f58518', '#e45756']],
    // markers centred in wide keys, far from their names, under a title
    ['ggplot2-marker-keys.png', ['#009e73', '#56b4e9', '#e69f00']],
    // white grid lines on a grey panel close boxes that are no legend
    ['matplotlib-grey-grid.png', ['#1b9e77', '#d95f02', '#7570b3', '#e7298a']],
  ])('finds the entries of a legend without a frame: %s', async (file, colors) => {
    const { legend } = await fixtureLegend(file);
    expect(legend?.slots.map((slot) => slot.color)).toHaveLength(colors.length);
    legend!.slots.forEach((slot, k) => {
      const drawn = fromHex(colors[k]);
      expect(deltaE(rgbToLab(slot.color), rgbToLab(drawn))).toBeLessThan(COLOR_TOLERANCE);
    });
  });

  // Zoo charts (JPEG) whose samples join their names' runs of dark ink, or stand outside the plot
  // while a stray "entry" shows inside it: each entry's sample before its name, in its colour.
  it.each([
    // ECharts: a framed legend above the plot, samples touching their names
    ['echarts-framed-above.jpg', ['#1b9e77', '#d95f02', '#7570b3']],
    // Chart.js in greyscale: a black box close to its name (the first row of a legend of two)
    ['chartjs-grey-boxes.jpg', ['#000000', '#555555', '#8c8c8c']],
    // Vega-Lite: a black hollow square whose blurred edge joins its name
    ['vegalite-black-square.jpg', ['#000000', '#555555']],
  ])('finds samples that join their names: %s', async (file, colors) => {
    const { legend } = await fixtureLegend(file);
    expect(legend?.slots.length).toBeGreaterThanOrEqual(colors.length);
    colors.forEach((color, k) => {
      const slot = legend!.slots[k];
      const drawn = fromHex(color);
      expect(deltaE(rgbToLab(slot.color), rgbToLab(drawn))).toBeLessThan(COLOR_TOLERANCE * 2);
      expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
    });
  });

  it('splits a framed legend of two columns into its entries (matplotlib ncol=2, a zoo chart)', async () => {
    const { legend } = await fixtureLegend('matplotlib-two-columns.png');
    // Row by row: Random, Sensor 2; Europe, Ours (full); Asia, DPO.
    const colors = ['#2a0790', '#d35370', '#7204a4', '#ee844c', '#a7268f', '#f5be33'];
    expect(legend?.slots).toHaveLength(colors.length);
    legend!.slots.forEach((slot, k) => {
      const drawn = fromHex(colors[k]);
      expect(deltaE(rgbToLab(slot.color), rgbToLab(drawn))).toBeLessThan(COLOR_TOLERANCE * 2);
      expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
      // Each name ends before the next column's sample.
      const next = legend!.slots[k + 1];
      if (k % 2 === 0) expect(slot.text.right).toBeLessThan(next.handle.left);
    });
  });

  it('parts a row of two entries run together with the axis title above it (gnuplot, a zoo chart)', async () => {
    const { legend } = await fixtureLegend('gnuplot-key-below-two-columns.png');
    // Beam search, BERT-base in the first row (the x title's descender touches it); DPO below.
    expect(legend?.slots).toHaveLength(3);
    const [first, second, third] = legend!.slots;
    expect(first.text.right).toBeLessThan(second.handle.left);
    expect(second.text.top).toBe(first.text.top);
    expect(third.text.top).toBeGreaterThan(first.text.bottom);
    for (const slot of legend!.slots) {
      expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
      expect(slot.text.bottom - slot.text.top).toBeLessThan(15);
    }
  });

  it('finds a key whose text starts 2 px below the plot frame (gnuplot, a zoo chart)', async () => {
    const { legend } = await fixtureLegend('gnuplot-key-at-plot-top.png');
    // "Train" then its blue line with markers, set against the frame's top (at row 12).
    expect(legend?.slots).toHaveLength(1);
    const [slot] = legend!.slots;
    expect(slot.text.top).toBeLessThan(17);
    expect(slot.text.right).toBeLessThanOrEqual(slot.handle.left);
    expect(deltaE(rgbToLab(slot.color), rgbToLab(fromHex('#6fa8dc')))).toBeLessThan(
      COLOR_TOLERANCE * 3,
    );
  });

  it('takes filled black markers as samples, close to their names (Chart.js point styles, a zoo chart)', async () => {
    const { legend } = await fixtureLegend('chartjs-black-markers.png');
    // No dropout (disc), Oracle (triangle), Linear (square): each marker before its name.
    expect(legend?.slots).toHaveLength(3);
    for (const slot of legend!.slots) {
      expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
      // the marker alone: about as wide as it is high, and black
      expect(slot.handle.right - slot.handle.left).toBeLessThanOrEqual(
        1.5 * (slot.text.bottom - slot.text.top),
      );
      expect(Math.max(...slot.color)).toBeLessThan(60);
      expect(slot.text.right - slot.text.left).toBeGreaterThan(
        2 * (slot.text.bottom - slot.text.top),
      );
    }
  });

  it('parts a filled marker from its name in a row above the plot, not a bold capital (a zoo chart)', async () => {
    const { legend } = await fixtureLegend('chartjs-markers-row-above.jpg');
    // Adam (disc), LSTM (triangle), Model B (square), BERT-base (diamond) in one row.
    expect(legend?.slots).toHaveLength(4);
    const [first] = legend!.slots;
    for (const slot of legend!.slots) {
      expect(slot.text.top).toBe(first.text.top);
      expect(slot.handle.right).toBeLessThan(slot.text.left);
    }
    // BERT-base's `B` is its name's first glyph, not its sample: the name is the widest.
    const widths = legend!.slots.map((slot) => slot.text.right - slot.text.left);
    expect(Math.max(...widths)).toBe(widths[3]);
  });

  it('takes the centred second row of a legend above the plot (Chart.js, a zoo chart)', async () => {
    const { legend } = await fixtureLegend('chartjs-second-row-above.jpg');
    const colors = ['#e41a1c', '#377eb8', '#4daf4a', '#984ea3', '#ff7f00'];
    expect(legend?.slots).toHaveLength(colors.length);
    legend!.slots.forEach((slot, k) => {
      const drawn = fromHex(colors[k]);
      // JPEG's blur on thin samples
      expect(deltaE(rgbToLab(slot.color), rgbToLab(drawn))).toBeLessThan(COLOR_TOLERANCE * 3);
    });
    expect(legend!.slots[4].text.top).toBeGreaterThan(legend!.slots[0].text.bottom);
  });

  it('completes a column with the entry whose sample a band and curve run into (ECharts, a zoo chart)', async () => {
    const { legend } = await fixtureLegend('echarts-curve-into-last-sample.jpg');
    // Treatment, PPO, Model A, Baseline, LSTM: the orange band runs into LSTM's sample, and the
    // first name's `T` starts left of the others.
    const colors = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de'];
    expect(legend?.slots).toHaveLength(colors.length);
    const first = legend!.slots[0].handle;
    legend!.slots.forEach((slot, k) => {
      const drawn = fromHex(colors[k]);
      expect(deltaE(rgbToLab(slot.color), rgbToLab(drawn))).toBeLessThan(COLOR_TOLERANCE * 3);
      // the column's sample, not the band's run into it
      expect(Math.abs(slot.handle.left - first.left)).toBeLessThanOrEqual(3);
    });
  });

  it('keeps names of one glyph (numeric names: "2" beside "16")', async () => {
    const x = [0, 1, 2, 3, 4, 5];
    const { legend } = await legendOf(
      spec({
        legendFrame: false,
        series: [
          { name: '2', color: hex(BLUE), x, y: [1, 3, 4, 6, 7, 8] },
          { name: '16', color: hex(RED), x, y: [2, 2.5, 3, 3.5, 5, 4] },
        ],
      }),
    );
    expect(legend?.slots).toHaveLength(2);
    const [two, sixteen] = legend!.slots;
    expect(deltaE(rgbToLab(two.color), rgbToLab(BLUE))).toBeLessThan(COLOR_TOLERANCE);
    // One glyph, narrower than it is high, and half as wide as the two-digit name.
    expect(two.text.right - two.text.left).toBeLessThan(two.text.bottom - two.text.top);
    expect(two.text.right - two.text.left).toBeLessThan(
      (sixteen.text.right - sixteen.text.left) * 0.75,
    );
    for (const slot of legend!.slots) expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
  });

  it("finds the sample past a faint part of its name's first glyph (a T's bar, JPEG, a zoo chart)", async () => {
    const { legend } = await fixtureLegend('echarts-first-name-T.jpg');
    // Test, Greedy, Random: 'Test' (its T's bar fainter than the text's dark ink) was lost.
    const colors = ['#d62728', '#1f77b4', '#2ca02c'];
    expectColors(legend, colors, COLOR_TOLERANCE * 2);
    legend!.slots.forEach((slot) => {
      expect(slot.handle.right).toBeLessThan(slot.text.left);
    });
  });

  it('takes the whole of a grey name whose thin strokes are lighter than its dark ink (Chart.js, a zoo chart)', async () => {
    const { legend } = await fixtureLegend('chartjs-grey-names.png');
    // Test, lr=0.01, AdamW, Treatment: '=0.01' in #666 is fainter than 'lr'.
    expect(legend?.slots).toHaveLength(4);
    const [test, lr] = legend!.slots;
    const wide = (slot: LegendSlot) => slot.text.right - slot.text.left;
    // 'lr' alone is half as wide as 'Test'.
    expect(wide(lr)).toBeGreaterThan(wide(test) * 1.4);
  });

  it('takes all the words of a serif name, past a wide word space (Chart.js, a zoo chart)', async () => {
    const { legend } = await fixtureLegend('chartjs-serif-names-above.png');
    // AdamW, Beam search, Ours (full), Test in a row above the plot, grey serif text.
    expect(legend?.slots).toHaveLength(4);
    const ours = legend!.slots[2];
    // 'Ours' alone ends at column 434; '(full)' runs on to column 457.
    expect(ours.text.right).toBeGreaterThanOrEqual(456);
    expect(ours.text.right).toBeLessThan(legend!.slots[3].handle.left);
  });

  // Zoo charts with gnuplot's framed key inside the plot: each name before its sample.
  it.each([
    // coloured line samples, names right-aligned ('PPO', 'Beam search')
    ['gnuplot-framed-key-coloured.png', [148, 0, 211], [663, 726]],
    // black and grey lines with a square marker on each, under the key's title ('Asia', 'PPO')
    ['gnuplot-framed-key-linespoints.jpg', [0, 0, 0], [727, 767]],
  ] as const)('finds framed names before their samples: %s', async (file, color, [left, right]) => {
    const { legend } = await fixtureLegend(file);
    expect(legend?.slots).toHaveLength(2);
    for (const slot of legend!.slots) expect(slot.text.right).toBeLessThan(slot.handle.left);
    expect(deltaE(rgbToLab(legend!.slots[0].color), rgbToLab([...color]))).toBeLessThan(
      COLOR_TOLERANCE * 2,
    );
    // The second name's first word is part of its text, not a sample.
    expect(legend!.slots[1].text.left).toBeLessThanOrEqual(left + 1);
    expect(legend!.slots[1].text.right).toBeGreaterThanOrEqual(right - 1);
  });

  // Zoo charts whose samples are dark lines: each entry's sample and name, and the sample's dash.
  it.each([
    // ggplot2: a frame outside the plot, a title before the entries, solid, dotted, dashed
    ['ggplot2-linetypes-framed-below.png', 'after', [false, true, true]],
    // gnuplot: names before their samples, right-aligned, beside black curves
    ['gnuplot-dashed-key.png', 'before', [false, true]],
  ] as const)('pairs dark line samples with their names: %s', async (file, side, dashed) => {
    const { image, legend } = await fixtureLegend(file);
    expect(legend?.slots).toHaveLength(dashed.length);
    const styles = sampleStyles(image, legend!.slots);
    legend!.slots.forEach((slot, k) => {
      if (side === 'after') expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
      else expect(slot.text.right).toBeLessThanOrEqual(slot.handle.left);
      expect(styles[k].gapShare > 0.15, `entry ${k} dashed`).toBe(dashed[k]);
    });
  });

  // Zoo charts whose legend is one row: every entry, its sample beside its own name, not
  // reaching over the next name (or the one before) to that name's sample.
  it.each([
    // gnuplot, above the plot (—— Random —— GRPO): GRPO's sample starts 4 px after "Random"
    ['gnuplot-names-before-samples-row.png', ['#9400d3', '#009e73']],
    // gnuplot, below the plot: Site A's dashed sample, a long dash and a short one 19 px apart
    ['gnuplot-dash-cut-short.png', ['#6fa8dc', '#ea7a7a', '#93c47d']],
  ] as const)('finds each entry of a row with its own sample: %s', async (file, colors) => {
    const { legend } = await fixtureLegend(file);
    expectColors(legend, colors, COLOR_TOLERANCE * 2);
    legend!.slots.forEach((slot, k) => {
      const height = slot.text.bottom - slot.text.top;
      expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
      expect(slot.handle.right - slot.handle.left).toBeLessThan(height * 5);
      const next = legend!.slots[k + 1];
      if (next) expect(slot.text.right).toBeLessThan(next.handle.left);
    });
  });

  it('gives a name crossed by a curve as many rows as the others (gnuplot, a zoo chart)', async () => {
    const { legend } = await fixtureLegend('gnuplot-name-crossed-by-curve.png');
    // Adam, Asia, Control, ResNet-50: a green step line runs across Adam's glyphs at row 163,
    // parting the tops of its `A` and `d` (from row 153) from the rest.
    expect(legend?.slots).toHaveLength(4);
    const heights = legend!.slots.map((slot) => slot.text.bottom - slot.text.top);
    for (const height of heights) expect(Math.abs(height - heights[1])).toBeLessThanOrEqual(2);
    expect(legend!.slots[0].text.top).toBeLessThanOrEqual(155);
    expect(legend!.slots[0].text.bottom).toBeGreaterThanOrEqual(186);
  });

  it('parts entries set so close that no blank row parts their names (gnuplot, a zoo chart)', async () => {
    const { legend } = await fixtureLegend('gnuplot-stacked-key.png');
    // Nine names before their samples, 11 px apart: the `/` of ViT-B/16 touches the `B` of
    // Beam search below it, so the two were one entry with two samples in its box.
    expect(legend?.slots).toHaveLength(9);
    const tops = legend!.slots.map((slot) => slot.handle.top);
    tops.slice(1).forEach((top, i) => {
      expect(top - tops[i]).toBeGreaterThanOrEqual(8);
      expect(top - tops[i]).toBeLessThanOrEqual(14);
    });
    // viridis: ViT-B/16 #289787 and Beam search #3fad77, each its own sample's colour
    expect(deltaE(rgbToLab(legend!.slots[4].color), rgbToLab(fromHex('#289787')))).toBeLessThan(
      COLOR_TOLERANCE,
    );
    expect(deltaE(rgbToLab(legend!.slots[5].color), rgbToLab(fromHex('#3fad77')))).toBeLessThan(
      COLOR_TOLERANCE,
    );
  });

  it('parts the entries of both columns of a key set so close (gnuplot, a zoo chart)', async () => {
    const { legend } = await fixtureLegend('gnuplot-stacked-two-columns.png');
    // Two columns of four right of the plot, 13 px apart: the parentheses of Ours (full) and
    // the `p` of Europe touch the names below, so each column's first three entries were one.
    // The right column's samples (as dark and grey as text) parted it; the left column's name,
    // which had taken the right column's sample, is parted in the same rows.
    expect(legend?.slots).toHaveLength(8);
    // cividis: Ours (full) #0d2b54, Model B #2f4163, Test #50596e, each its own sample's colour
    const left = legend!.slots.filter((slot) => slot.handle.left < 600);
    expect(left).toHaveLength(4);
    ['#0d2b54', '#2f4163', '#50596e'].forEach((color, i) => {
      expect(deltaE(rgbToLab(left[i].color), rgbToLab(fromHex(color)))).toBeLessThan(
        COLOR_TOLERANCE,
      );
    });
  });

  it('parts the entries of a framed key that a curve crosses (gnuplot, a zoo chart)', async () => {
    const { legend } = await fixtureLegend('gnuplot-framed-key-crossed.png');
    // Ours (full) and Transformer before their samples; the orange curve runs up through the
    // key's right side, inking every row between the two entries.
    expectFramedKey(legend, ['#e69f00', '#56b4e9'], 20);
  });

  it('parts all eight entries of a framed key that curves cross (gnuplot)', async () => {
    // pngcairo, `set key top right noreverse Right box`, eight sine curves: rows between
    // entries are inked by crossing curves, so blank rows part only four bands (the key was
    // read as those four entries, the others lost).
    const { legend } = await fixtureLegend('gnuplot-framed-key-eight-crossed.png');
    const colors = ['#e41a1c', '#377eb8', '#4daf4a', '#984ea3'];
    colors.push('#ff7f00', '#a65628', '#f781bf', '#999999');
    expectFramedKey(legend, colors);
  });

  it('finds the entries of a titled key below its rule, names of one digit (gnuplot, a zoo chart)', async () => {
    // Setting / 1 / 2: a rule under the title, an orange curve through the key's top corner
    // and down through both entries; a `1` inks no more of a row than the curve does.
    const { legend } = await fixtureLegend('gnuplot-framed-key-titled.png');
    expectFramedKey(legend, ['#e69f00', '#56b4e9'], 16);
  });

  it('reads a framed key below the plot as a frame, its title apart (gnuplot, a zoo chart)', async () => {
    // Title `n` over a rule, then `1` and its green line, `64` and its orange line, in one row
    // of a box under the x axis title: the frame, rule and title are no frameless entries.
    const { image, legend } = await fixtureLegend('gnuplot-framed-key-below-plot.png');
    const plot = findPlotArea(image);
    expect(legend?.frame).toHaveLength(4);
    expect(legend!.box.top).toBeGreaterThan(plot.bottom);
    const colors = ['#1b9e77', '#d95f02'];
    expectColors(legend, colors);
    legend!.slots.forEach((slot) => {
      expect(slot.text.right).toBeLessThanOrEqual(slot.handle.left);
    });
    expect(legend!.slots[0].handle.right).toBeLessThan(legend!.slots[1].text.left);
  });

  it('reads small names set close as text, not line samples, in a titled key outside (gnuplot, a zoo chart)', async () => {
    // Setting over a rule, then five names before their lines, 7 pt at 72 dpi: a row through
    // `Linear` inks most of its columns, but in runs broken between the glyphs.
    const { image, legend } = await fixtureLegend('gnuplot-framed-key-outside-titled.png');
    expect(legend!.box.left).toBeGreaterThan(findPlotArea(image).right);
    const colors = ['#9400d3', '#009e73', '#56b4e9', '#e69f00', '#f0e442'];
    expectColors(legend, colors);
    legend!.slots.forEach((slot) => {
      expect(slot.text.right).toBeLessThanOrEqual(slot.handle.left);
    });
  });

  it("keeps a dashed sample's further dashes and marker in its sample, not its name (gnuplot, a zoo chart)", async () => {
    // A key framed right of the plot: Oracle (a red line through a disc), AdamW (`- ▲ -` in
    // the same red): the triangle and the dash after it are AdamW's sample.
    const { legend } = await fixtureLegend('gnuplot-framed-key-dashed-markers.png');
    expect(legend?.slots).toHaveLength(2);
    const [oracle, adamw] = legend!.slots;
    // Both names start in one column, past the longest sample's end.
    expect(Math.abs(adamw.text.left - oracle.text.left)).toBeLessThanOrEqual(3);
    expect(adamw.handle.right).toBeGreaterThan(adamw.handle.left + 30);
    expect(adamw.handle.right).toBeLessThan(adamw.text.left);
  });

  it('keeps the feet of names set against the frame of a titled key, its rule at mid-height (gnuplot, a zoo chart)', async () => {
    // Budget / Method over a rule, then LSTM, Model B and DPO before their lines, their feet
    // one row above the frame's bottom side: the rule running into the left side at the key's
    // mid-height is no frame thickness.
    const { legend } = await fixtureLegend('gnuplot-framed-key-below-titled-rule.jpg');
    expect(legend?.frame).toHaveLength(4);
    expect(legend?.slots).toHaveLength(3);
    // A frame of one pixel (and its edge rows), not the rule's length into the key.
    const bottomSide = legend!.frame[1];
    expect(bottomSide.bottom - bottomSide.top).toBeLessThanOrEqual(4);
    for (const slot of legend!.slots) {
      expect(slot.text.right).toBeLessThanOrEqual(slot.handle.left);
      // The text reaches down to the row above the frame, not cut 3 rows short of it.
      expect(legend!.box.bottom - slot.text.bottom).toBeLessThanOrEqual(4);
    }
  });

  it('takes every entry of the rows of a legend laid out in rows (Chart.js, a zoo chart)', async () => {
    // Three centred rows above the plot: 3, 3 and 2 entries, a colormap from dark blue to
    // yellow. Each row after the first joins whole, not only its first entry.
    const { legend } = await fixtureLegend('chartjs-three-rows-above.png');
    const colors = [
      '#450697',
      '#7803a6',
      '#9c1e95',
      '#bf3c80',
      '#d85d68',
      '#ec804f',
      '#f7a63b',
      '#f3d32d',
    ];
    expectColors(legend, colors);
  });

  it('parts the last entry of a framed row at its grey line sample (ECharts, a zoo chart)', async () => {
    // Eight entries in one framed row above the plot, tab10's colours: the last, Llama-7B, has
    // the grey #7f7f7f sample, which is no coloured sample but a line after Model B's name.
    const { legend } = await fixtureLegend('echarts-framed-row-grey-sample.png');
    const colors = [
      '#1f77b4',
      '#ff7f0e',
      '#2ca02c',
      '#d62728',
      '#9467bd',
      '#8c564b',
      '#e377c2',
      '#7f7f7f',
    ];
    expectColors(legend, colors);
    legend!.slots.forEach((slot, k) => {
      expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
      const next = legend!.slots[k + 1];
      if (next) expect(slot.text.right).toBeLessThan(next.handle.left);
    });
  });

  it('reads a framed row below the plot as its entries, not the tops of its glyphs as a row of their own (Vega-Lite, a zoo chart)', async () => {
    // Mean (blue) and ResNet-50 (orange) in a framed legend below the plot: the tops of the
    // names' capitals form a thin band of their own, where a glyph's top (10 px) is no grey
    // line sample, unlike the 24 px samples.
    const { legend } = await fixtureLegend('vegalite-framed-row-below.png');
    const colors = ['#4c78a8', '#f58518'];
    expectColors(legend, colors);
    legend!.slots.forEach((slot) => {
      expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
      expect(slot.text.bottom - slot.text.top).toBeGreaterThan(12);
    });
  });

  it('ends a name in a framed row before the next entry, whose sample is too pale to be ink (ECharts, greyscale, a zoo chart)', async () => {
    // Model B, LSTM, Beam search in one framed row above the plot, their samples dark, light
    // and nearly white grey: LSTM's name ends before the gap where Beam search's sample is.
    const { legend } = await fixtureLegend('echarts-framed-row-pale-sample.png');
    expect(legend?.slots.length).toBeGreaterThanOrEqual(2);
    const [first, second] = legend!.slots;
    const height = second.text.bottom - second.text.top;
    expect(first.text.right).toBeLessThan(second.handle.left);
    // "LSTM" is about four text heights wide, not the eighteen of "LSTM —— Beam search".
    expect(second.text.right - second.text.left).toBeLessThan(6 * height);
  });

  it('finds small grey names scaled down, no pixel as dark as drawn (Chart.js, a zoo chart)', async () => {
    // Model A, LSTM, Adam, Ours (full) in #666, 5 px high in a chart scaled down to 513 px
    // wide: their darkest pixels are 140 to 200, so none read as dark text at 150.
    const { legend } = await fixtureLegend('chartjs-faint-names-scaled.png');
    const colors = ['#36a2eb', '#ff6384', '#4bc0c0', '#ff9f40'];
    expectColors(legend, colors, COLOR_TOLERANCE * 2);
    legend!.slots.forEach((slot) => {
      expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
      // the sample's colour, paler where the scaling blended it with the page
    });
  });

  it('takes a name on past a word space to small digits whose columns are each short (ECharts, a zoo chart)', async () => {
    // Adam, Oracle, batch 256 in grey 7 px high: `batch` is dark text, `256` past a gap of 4 px
    // (over a word space) whose `2` and `5` ink 3 of 7 rows in each of their first columns.
    const { legend } = await fixtureLegend('echarts-small-digits-after-space.png');
    expect(legend!.slots).toHaveLength(3);
    const batch = legend!.slots[2].text;
    expect(batch.left).toBeLessThan(460);
    expect(batch.right).toBeGreaterThanOrEqual(503);
  });

  it("keeps a name's thin first glyph, lighter than text, out of the sample a gap before it (ECharts, a zoo chart)", async () => {
    // Oracle, lr=0.01, LSTM: the `l` of `lr=0.01` is a stem 2 px wide whose darkest pixel is
    // 152 (no dark text), 7 px past the end of its blue sample's line.
    const { legend } = await fixtureLegend('echarts-thin-l-after-marker.png');
    expect(legend!.slots).toHaveLength(3);
    const { handle, text } = legend!.slots[1];
    expect(handle.right).toBeLessThanOrEqual(702);
    expect(text.left).toBeLessThanOrEqual(707);
  });

  it('reads no legend where two curves cross and blend to a grey as faint as the names (Chart.js, a zoo chart)', async () => {
    // No legend: a pink and a teal curve cross over and over, and the JPEG blends them to
    // greys of 150 to 200, as faint as the light text the image is all set in.
    const { legend } = await fixtureLegend('chartjs-no-legend-curves-crossing.jpg');
    expect(legend).toBeNull();
  });

  it('reads no entry where a red and a blue curve cross and the JPEG darkens a few pixels to grey (ECharts, a zoo chart)', async () => {
    // The key is top left (rows 25 to 95); at rows 195 to 210 a red square marker sits on a
    // blue triangle: its few grey pixels passed for a name, the curves beside it for samples.
    const { legend } = await fixtureLegend('echarts-markers-crossing-no-entry.jpg');
    for (const slot of legend?.slots ?? []) expect(slot.text.bottom).toBeLessThan(150);
  });

  it('reads the legend that a row of markers as many as its entries was grouped before (Chart.js, a zoo chart)', async () => {
    // Sensor 1 and AdamW in grey beside boxes, lower right; at rows 107 to 131 black-edged
    // markers of a green and an orange curve passed for two entries in a row, found first. Their
    // "names" are curves (more coloured ink than grey): left out, the legend is read.
    const { legend } = await fixtureLegend('chartjs-legend-after-marker-row.jpg');
    expectColors(legend, ['#1b9e77', '#d95f02'], COLOR_TOLERANCE * 4);
    for (const slot of legend!.slots) expect(slot.text.top).toBeGreaterThan(290);
  });

  it('reads no entry from a title whose second word inks a row across it (matplotlib, a zoo chart)', async () => {
    // The title `Error rate` (rows 7 to 19) above the plot: the tops of `rate`'s lower-case
    // letters ink 24 of its 30 columns in one row, broken between the letters: no line through
    // a marker, so `rate` is no grey sample after the name `Error`.
    const { legend } = await fixtureLegend('matplotlib-title-not-a-key.jpg');
    for (const slot of legend?.slots ?? []) expect(slot.text.top).toBeGreaterThan(27);
  });

  it('takes the samples after the names where curves crossing three of five passed for samples before (gnuplot, a zoo chart)', async () => {
    // Greedy, ResNet-50, LSTM, Quadratic, Test: names ending at one column, samples after them
    // in one column; a green curve runs left of ResNet-50, LSTM and Test.
    const { legend } = await fixtureLegend('gnuplot-key-samples-crossed.png');
    const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];
    expectColors(legend, colors);
    legend!.slots.forEach((slot) => {
      expect(slot.text.right).toBeLessThanOrEqual(slot.handle.left);
      expect(Math.abs(slot.handle.left - legend!.slots[0].handle.left)).toBeLessThanOrEqual(2);
    });
  });

  it('completes a key with the name whose end a curve crosses, its sample after it (gnuplot, a zoo chart)', async () => {
    // LSTM, Site B, batch 256 end at one column; Site B's own green curve runs through its `B`
    // and was taken for a sample in its line of text.
    const { legend } = await fixtureLegend('gnuplot-key-name-end-crossed.png');
    const colors = ['#9400d3', '#009e73', '#56b4e9'];
    expectColors(legend, colors, COLOR_TOLERANCE * 2);
    legend!.slots.forEach((slot) => {
      expect(slot.text.right).toBeLessThanOrEqual(slot.handle.left);
      expect(Math.abs(slot.text.right - legend!.slots[0].text.right)).toBeLessThanOrEqual(2);
      expect(Math.abs(slot.handle.left - legend!.slots[0].handle.left)).toBeLessThanOrEqual(2);
    });
  });
});

/**
 * A framed key of one entry per colour of `colors`, in order, each name above the next and
 * before its sample (gnuplot's key), names at most `maxHeight` px high.
 */
function expectFramedKey(
  legend: ReturnType<typeof findLegend>,
  colors: readonly string[],
  maxHeight = Number.POSITIVE_INFINITY,
) {
  expect(legend?.frame).toHaveLength(4);
  expectColors(legend, colors);
  legend!.slots.forEach((slot, k) => {
    if (k > 0) expect(legend!.slots[k - 1].text.bottom).toBeLessThanOrEqual(slot.text.top);
    expect(slot.text.right).toBeLessThanOrEqual(slot.handle.left);
    expect(slot.text.bottom - slot.text.top).toBeLessThanOrEqual(maxHeight);
  });
}

describe('findLegendOutside', () => {
  it('takes no title before a row of entries for a name (ggplot2 facets, a zoo figure)', async () => {
    // "Group —— 0.1 —— 2 —— 100" below the panels (which end at row 57): each sample before its
    // name; "Group" takes the first sample after it, which "0.1" takes before it.
    const image = await loadRaster(
      join(import.meta.dirname, '..', 'fixtures', 'legend', 'ggplot2-titled-row-below.png'),
    );
    const legend = findLegendOutside(
      image,
      { left: 29, top: 0, right: 580, bottom: 57 },
      [255, 255, 255],
    );
    expect(legend?.slots.length).toBeGreaterThanOrEqual(2);
    for (const slot of legend!.slots) expect(slot.handle.right).toBeLessThanOrEqual(slot.text.left);
    // the first entry is 0.1's, its sample the first (x 274); no name starts at the title (x 247)
    expect(legend!.slots[0].handle.left).toBeLessThan(280);
    expect(legend!.slots.every((slot) => slot.text.left > 280)).toBe(true);
  });
});

/** The legend lists `colors` (hex), one entry each in order, each within `tolerance` (ΔE). */
function expectColors(
  legend: { slots: { color: Rgb }[] } | null | undefined,
  colors: readonly string[],
  tolerance: number = COLOR_TOLERANCE,
) {
  expect(legend?.slots).toHaveLength(colors.length);
  legend!.slots.forEach((slot, k) => {
    expect(deltaE(rgbToLab(slot.color), rgbToLab(fromHex(colors[k])))).toBeLessThan(tolerance);
  });
}

/** A fixture of `test/fixtures/legend` and the legend found in it. */
async function fixtureLegend(file: string) {
  const image = await loadRaster(join(import.meta.dirname, '..', 'fixtures', 'legend', file));
  return { image, legend: findLegend(image, findPlotArea(image)) };
}

describe('joinNameRuns', () => {
  const GREY: Rgb = [131, 132, 141];
  const row = (left: number, right: number): Box => ({ left, right, top: 111, bottom: 116 });
  // `North America` set 6 px high: its `No` read as the red sample's name, `rth Am` a letter
  // space after it as a grey sample, `erica` as that sample's name.
  const red: LegendSlot = { handle: row(185, 201), text: row(204, 214), color: [240, 119, 117] };
  const glyphs: LegendSlot = { handle: row(215, 236), text: row(239, 256), color: GREY };

  it('runs a name on over a grey "sample" a letter space after it', () => {
    expect(joinNameRuns([red, glyphs])).toEqual([{ ...red, text: row(204, 256) }]);
  });

  it('keeps a coloured sample set close after a name', () => {
    const blue: LegendSlot = { ...glyphs, color: [84, 112, 198] };
    expect(joinNameRuns([red, blue])).toEqual([red, blue]);
  });

  it('keeps a grey sample a legend padding after the name, or on other rows', () => {
    const apart: LegendSlot = { ...glyphs, handle: row(218, 236) };
    expect(joinNameRuns([red, apart])).toEqual([red, apart]);
    const below: LegendSlot = {
      handle: { ...glyphs.handle, top: 123, bottom: 128 },
      text: { ...glyphs.text, top: 123, bottom: 128 },
      color: GREY,
    };
    expect(joinNameRuns([red, below])).toEqual([red, below]);
  });

  it('keeps the next entry where the name touches its own sample (no padding to compare)', () => {
    const touching: LegendSlot = { ...red, text: row(203, 214) };
    expect(joinNameRuns([touching, glyphs])).toEqual([touching, glyphs]);
  });
});

describe('joinNameRuns: a name read as a grey sample before it', () => {
  const row = (left: number, right: number): Box => ({ left, right, top: 13, bottom: 18 });
  // `Validation` set 6 px high after `GRPO`: its sample lost, `Va` read as a grey sample a
  // letter space before `lidation`, where the star sample stands 2 px from its name.
  const grpo: LegendSlot = { handle: row(178, 196), text: row(199, 220), color: [212, 102, 83] };
  const va: LegendSlot = { handle: row(249, 255), text: row(257, 284), color: [137, 130, 132] };

  it('drops the entry (it lists a colour drawn nowhere)', () => {
    expect(joinNameRuns([grpo, va])).toEqual([grpo]);
  });

  it('keeps a grey sample as wide as the coloured ones, or one a padding from its name', () => {
    const wide: LegendSlot = { handle: row(238, 255), text: row(257, 284), color: va.color };
    expect(joinNameRuns([grpo, wide])).toEqual([grpo, wide]);
    const apart: LegendSlot = { ...va, text: row(258, 284) };
    expect(joinNameRuns([grpo, apart])).toEqual([grpo, apart]);
  });

  it('keeps grey samples where no sample is coloured (a greyscale legend)', () => {
    const grey: LegendSlot = { ...grpo, color: [85, 85, 85] };
    expect(joinNameRuns([grey, va])).toEqual([grey, va]);
  });
});
