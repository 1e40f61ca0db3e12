import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from './renderChart.js';
import { renderChart } from './renderChart.js';

/** Per-channel difference allowed between a drawn colour and the requested one (antialiasing). */
const COLOR_TOLERANCE = 12;
/** How far (px) the centroid of a drawn marker may sit from dataToPixel's answer. */
const CENTROID_TOLERANCE = 0.25;

const BLUE: [number, number, number] = [0x1f, 0x77, 0xb4];
const ORANGE: [number, number, number] = [0xff, 0x7f, 0x0e];

const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Two series in the lower half of the plot, a legend upper right, the top left empty. */
const SPEC: ChartSpec = {
  title: 'Two series',
  xLabel: 'time (s)',
  yLabel: 'level',
  xRange: [0, 10],
  yRange: [-2, 2],
  xTicks: [0, 2, 4, 6, 8, 10],
  yTicks: [-2, -1, 0, 1, 2],
  series: [
    {
      name: 'rising',
      color: '#1f77b4',
      x: xs,
      y: xs.map((x) => -1.8 + 0.15 * x),
      marker: 'circle',
      markerSize: 10,
    },
    {
      name: 'falling',
      color: '#ff7f0e',
      x: xs,
      y: xs.map((x) => -0.2 - 0.1 * x),
      marker: 'square',
      dash: 'dashed',
    },
  ],
  legend: 'upper right',
};

async function decode(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (column: number, row: number): [number, number, number] => {
    const i = (row * info.width + column) * info.channels;
    return [data[i], data[i + 1], data[i + 2]];
  };
  return { width: info.width, height: info.height, at };
}

function near(actual: [number, number, number], expected: [number, number, number]): boolean {
  return actual.every((v, i) => Math.abs(v - expected[i]) <= COLOR_TOLERANCE);
}

describe('renderChart', () => {
  it('renders a PNG of the requested size with markers in the series colours', async () => {
    const chart = await renderChart({ ...SPEC, width: 500, height: 400 });
    await writeFile('/tmp/render-sample.png', chart.png);
    const image = await decode(chart.png);
    expect([image.width, image.height]).toEqual([500, 400]);

    // Markers are drawn after all lines; x = 9 is inside the frame (x = 10 is on it).
    const blue = chart.dataToPixel(9, -1.8 + 0.15 * 9);
    expect(near(image.at(Math.round(blue.px), Math.round(blue.py)), BLUE)).toBe(true);
    const orange = chart.dataToPixel(5, -0.7);
    expect(near(image.at(Math.round(orange.px), Math.round(orange.py)), ORANGE)).toBe(true);

    // Empty plot area, top left, away from the legend and the data.
    const empty = chart.dataToPixel(1, 1.5);
    expect(image.at(Math.round(empty.px), Math.round(empty.py))).toEqual([255, 255, 255]);
  });

  it('puts the frame on the plot edges and the axis limits on the frame', async () => {
    const chart = await renderChart({ ...SPEC, series: [] });
    const image = await decode(chart.png);
    const { left, top, right, bottom } = chart.plot;
    expect(chart.dataToPixel(0, -2)).toEqual({ px: left, py: bottom });
    expect(chart.dataToPixel(10, 2)).toEqual({ px: right, py: top });
    expect(chart.pixelToData(left, top)).toEqual({ x: 0, y: 2 });

    // A row and column between ticks: the frame is one crisp black pixel wide.
    const row = Math.round(chart.dataToPixel(0, 0.5).py);
    const column = Math.round(chart.dataToPixel(1, 0).px);
    for (const [c, r] of [
      [left, row],
      [right, row],
      [column, top],
      [column, bottom],
    ]) {
      expect(image.at(c, r)).toEqual([0, 0, 0]);
    }
    expect(image.at(left + 1, row)).toEqual([255, 255, 255]);
    expect(image.at(right - 1, row)).toEqual([255, 255, 255]);
    expect(image.at(column, top + 1)).toEqual([255, 255, 255]);
    expect(image.at(column, bottom - 1)).toEqual([255, 255, 255]);
  });

  it('centres a marker on dataToPixel to a fraction of a pixel', async () => {
    const chart = await renderChart({
      ...SPEC,
      legend: null,
      series: [
        {
          name: null,
          color: '#1f77b4',
          x: [3.3],
          y: [0.77],
          marker: 'circle',
          markerSize: 12,
          lineWidth: 0,
        },
      ],
    });
    const image = await decode(chart.png);
    const truth = chart.dataToPixel(3.3, 0.77);
    let sum = 0;
    let sumColumn = 0;
    let sumRow = 0;
    for (let row = Math.floor(truth.py) - 10; row <= truth.py + 10; row++) {
      for (let column = Math.floor(truth.px) - 10; column <= truth.px + 10; column++) {
        // Weight by how far the pixel is from white toward blue (red channel drops 255 -> 31).
        const weight = (255 - image.at(column, row)[0]) / (255 - BLUE[0]);
        sum += weight;
        sumColumn += weight * column;
        sumRow += weight * row;
      }
    }
    expect(Math.abs(sumColumn / sum - truth.px)).toBeLessThan(CENTROID_TOLERANCE);
    expect(Math.abs(sumRow / sum - truth.py)).toBeLessThan(CENTROID_TOLERANCE);
  });

  it('maps a log axis linearly in log10', async () => {
    const chart = await renderChart({
      ...SPEC,
      yScale: 'log',
      yRange: [0.01, 100],
      yTicks: [0.01, 0.1, 1, 10, 100],
    });
    const { top, bottom } = chart.plot;
    expect(chart.dataToPixel(0, 1).py).toBeCloseTo((top + bottom) / 2, 9);
    expect(chart.pixelToData(0, chart.dataToPixel(0, 3).py).y).toBeCloseTo(3, 9);
    expect(chart.svg).toContain('>10\u207b\u00b2<');
  });

  it('formats negative ticks with U+2212 and one number of decimals per axis', async () => {
    const chart = await renderChart({ ...SPEC, yRange: [-1, 1], yTicks: [-1, -0.5, 0, 0.5, 1] });
    for (const label of ['\u22121.0', '\u22120.5', '0.0', '0.5', '1.0']) {
      expect(chart.svg).toContain(`>${label}<`);
    }
  });

  it.each(['chartjs', 'vega'] as const)('renders the %s look', async (style) => {
    const chart = await renderChart({ ...SPEC, style });
    const image = await decode(chart.png);
    expect([image.width, image.height]).toEqual([640, 480]);
    expect(chart.legend).not.toBeNull();
  });

  it('rejects a bad spec before drawing', async () => {
    await expect(renderChart({ ...SPEC, width: 0 })).rejects.toThrow(
      'Expected positive integer for width but received 0 of type number',
    );
    await expect(renderChart({ ...SPEC, xRange: [1, 1] })).rejects.toThrow(
      'Expected two different limits for xRange but received [1, 1]',
    );
    await expect(renderChart({ ...SPEC, yScale: 'log' })).rejects.toThrow(
      'Expected positive limits for yRange on a log scale but received [-2, 2]',
    );
    await expect(
      renderChart({ ...SPEC, series: [{ name: 'a', color: 'red', x: [1, 2], y: [1] }] }),
    ).rejects.toThrow('Expected x and y of the same length for series[0] but received 2 and 1');
  });
});
