import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { toWpd, toWpdProject, type WpdProject } from '../../src/export/toWpd.js';
import type { ChartResult, FigureResult } from '../../src/types.js';

/** A chart as the pipeline returns it: y is log, x linear, ticks where the fit puts them. */
function chart(): ChartResult {
  return {
    source: 'chart.png',
    image: { width: 400, height: 300 },
    title: 'Loss',
    plot: { left: 50, top: 20, right: 370, bottom: 260 },
    axes: {
      // x: 0 at px 70, 100 at px 350 (2.8 px per unit): min at 50 is -50/7, max at 370 is 750/7.
      x: {
        label: 'step',
        scale: 'linear',
        min: -50 / 7,
        max: 750 / 7,
        confidence: 1,
        ticks: [0, 50, 100].map((value) => ({
          text: String(value),
          value,
          pixel: 70 + 2.8 * value,
        })),
      },
      // y: 10^-2 at py 250, 10^1 at py 40 (70 px per decade).
      y: {
        label: 'loss',
        scale: 'log',
        min: 10 ** (-2 - 10 / 70),
        max: 10 ** (1 + 20 / 70),
        confidence: 1,
        ticks: [-2, -1, 0, 1].map((e) => ({
          text: `1e${e}`,
          value: 10 ** e,
          pixel: 250 - 70 * (e + 2),
        })),
      },
    },
    series: [
      {
        name: 'train',
        color: '#1f77b4',
        marker: 'circle',
        confidence: 0.9,
        points: [
          { x: 0, y: 5 },
          { x: 50, y: 0.5 },
          { x: 100, y: 0.05 },
        ],
      },
      { name: 'train', color: 'red', marker: null, confidence: 1, points: [{ x: 25, y: 1 }] },
    ],
    confidence: 1,
    warnings: [],
  };
}

/**
 * What WebPlotDigitizer's loader does with a project's XY axes: X1, X2 give x from their `dx`,
 * Y1, Y2 give y from their `dy`, the 2x2 pixel matrix of their differences is inverted (so a
 * rotated image works too), and log axes are calibrated in log10 units. Returns pixelToData.
 */
function wpdPixelToData(
  axes: WpdProject['axesColl'][number],
): (px: number, py: number) => number[] {
  expect(axes.type).toBe('XYAxes');
  expect(axes.calibrationPoints).toHaveLength(4);
  const [p1, p2, p3, p4] = axes.calibrationPoints;
  for (const point of axes.calibrationPoints) {
    expect(typeof point.dx).toBe('string');
    expect(typeof point.dy).toBe('string');
  }
  const v = (text: string, log: boolean) => (log ? Math.log10(Number(text)) : Number(text));
  const [xmin, xmax] = [v(p1.dx, axes.isLogX), v(p2.dx, axes.isLogX)];
  const [ymin, ymax] = [v(p3.dy, axes.isLogY), v(p4.dy, axes.isLogY)];
  // data = A * pixel + c, with A = dat * inv(pix).
  const pix = [p1.px - p2.px, p3.px - p4.px, p1.py - p2.py, p3.py - p4.py];
  const det = pix[0] * pix[3] - pix[1] * pix[2];
  const inv = [pix[3] / det, -pix[1] / det, -pix[2] / det, pix[0] / det];
  const dat = [xmin - xmax, 0, 0, ymin - ymax];
  const a = [
    dat[0] * inv[0] + dat[1] * inv[2],
    dat[0] * inv[1] + dat[1] * inv[3],
    dat[2] * inv[0] + dat[3] * inv[2],
    dat[2] * inv[1] + dat[3] * inv[3],
  ];
  const c = [xmin - a[0] * p1.px - a[1] * p1.py, ymin - a[2] * p3.px - a[3] * p3.py];
  return (px, py) => {
    const x = a[0] * px + a[1] * py + c[0];
    const y = a[2] * px + a[3] * py + c[1];
    return [axes.isLogX ? 10 ** x : x, axes.isLogY ? 10 ** y : y];
  };
}

/** The files of a tar archive (ustar, as WebPlotDigitizer's tarball reader reads it). */
function readTar(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const name = header.toString('latin1', 0, 100).replace(/\0.*$/s, '');
    const size = Number.parseInt(header.toString('latin1', 124, 136), 8);
    const stored = Number.parseInt(header.toString('latin1', 148, 156), 8);
    header.fill(32, 148, 156);
    expect(
      header.reduce((sum, byte) => sum + byte, 0),
      `checksum of ${name}`,
    ).toBe(stored);
    files.set(name, archive.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

describe('toWpd', () => {
  it('calibrates XY axes on the first and last tick read, so WebPlotDigitizer maps every point back', () => {
    const result = chart();
    const project = toWpd(result);
    expect(project.version).toEqual([4, 2]);
    expect(project.measurementColl).toEqual([]);
    expect(project.axesColl).toHaveLength(1);
    const [axes] = project.axesColl;
    expect(axes).toMatchObject({ name: 'XY', isLogX: false, isLogY: true });
    expect(axes.calibrationPoints.map((p) => [p.dx, p.dy])).toEqual([
      ['0', '0.01'],
      ['100', '0.01'],
      ['0', '0.01'],
      ['100', '10'],
    ]);
    // X1, X2 on the x axis line at the ticks' pixels; Y1, Y2 on the y axis line (to 0.001 px:
    // the limits are written to 6 digits).
    expect(axes.calibrationPoints.map((p) => [p.px, p.py])).toEqual([
      [expect.closeTo(70, 3), 260],
      [expect.closeTo(350, 3), 260],
      [50, expect.closeTo(250, 3)],
      [50, expect.closeTo(40, 3)],
    ]);
    const pixelToData = wpdPixelToData(axes);
    expect(project.datasetColl.map((d) => [d.name, d.axesName, d.colorRGB])).toEqual([
      ['train', 'XY', [31, 119, 180, 255]],
      ['train (2)', 'XY', [128, 128, 128, 255]],
    ]);
    project.datasetColl.forEach((dataset, index) => {
      expect(dataset.metadataKeys).toEqual([]);
      expect(dataset.data).toHaveLength(result.series[index].points.length);
      dataset.data.forEach((point, i) => {
        const truth = result.series[index].points[i];
        expect(point.value).toEqual([truth.x, truth.y]);
        const [x, y] = pixelToData(point.x, point.y);
        // To 0.0005 px (pixels are written to 0.001 px): a few millionths of either axis.
        expect(x).toBeCloseTo(truth.x, 5);
        expect(Math.log10(y)).toBeCloseTo(Math.log10(truth.y), 5);
      });
    });
    // The first point: x 0 is at px 70, y 5 at log10(5) decades above 0.01.
    expect(project.datasetColl[0].data[0].x).toBeCloseTo(70, 3);
    expect(project.datasetColl[0].data[0].y).toBeCloseTo(250 - 70 * (Math.log10(5) + 2), 3);
  });

  it('gives each chart of a figure its own axes, and its datasets the panel name', () => {
    const box = { left: 0, top: 0, right: 400, bottom: 300 };
    const figure: FigureResult = {
      source: 'fig.png',
      charts: [
        { ...chart(), panel: { index: 0, label: '(a)', box } },
        { ...chart(), page: 2, panel: { index: 1, label: null, box } },
      ],
      warnings: [],
    };
    const project = toWpd(figure);
    expect(project.axesColl.map((axes) => [axes.name, axes.page])).toEqual([
      ['XY panel (a)', undefined],
      ['XY page 2 panel 2', 2],
    ]);
    expect(project.datasetColl.map((d) => [d.name, d.axesName])).toEqual([
      ['panel (a) train', 'XY panel (a)'],
      ['panel (a) train (2)', 'XY panel (a)'],
      ['page 2 panel 2 train', 'XY page 2 panel 2'],
      ['page 2 panel 2 train (2)', 'XY page 2 panel 2'],
    ]);
  });

  it('calibrates at the plot edges an axis with fewer than two ticks', () => {
    const result = chart();
    result.axes.x.ticks = [];
    const [axes] = toWpd(result).axesColl;
    expect(axes.calibrationPoints[0]).toMatchObject({ px: 50, dx: String(-7.14286) });
    expect(axes.calibrationPoints[1]).toMatchObject({ px: 370, dx: String(107.143) });
  });
});

describe('toWpdProject', () => {
  it('writes the archive WebPlotDigitizer loads: info.json, wpd.json and the image, in one folder', async () => {
    const png = await sharp({
      create: { width: 400, height: 300, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const files = readTar(toWpdProject(chart(), png, 'my chart: v2'));
    expect([...files.keys()]).toEqual([
      'my chart_ v2/',
      'my chart_ v2/info.json',
      'my chart_ v2/wpd.json',
      'my chart_ v2/image.png',
    ]);
    expect(JSON.parse(files.get('my chart_ v2/info.json')!.toString())).toEqual({
      version: [4, 0],
      json: 'wpd.json',
      image: 'image.png',
    });
    expect(JSON.parse(files.get('my chart_ v2/wpd.json')!.toString())).toEqual(
      JSON.parse(JSON.stringify(toWpd(chart()))),
    );
    expect(await sharp(files.get('my chart_ v2/image.png')).metadata()).toMatchObject({
      width: 400,
      height: 300,
      format: 'png',
    });
  });
});
