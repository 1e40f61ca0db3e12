import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { createDigitizer, digitize } from '../../src/digitize.js';
import type { FigureResult } from '../../src/types.js';

const root = join(import.meta.dirname, '..', '..');
const ENGINES = join(root, 'test', 'fixtures', 'pdf', 'engines');
/** Charts with OCR (the raster figure), and worker threads started through tsx. */
const TIMEOUT_MS = 60_000;

/**
 * A paper of three pages: text only, then the one-chart page of `mpl-t3-markers.pdf`, then
 * that of `gg-pdf-markers.pdf` (copied from the fixtures as they are).
 */
async function paper(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText('Introduction. No figure here.', { x: 72, y: 720, font });
  for (const id of ['mpl-t3-markers', 'gg-pdf-markers']) {
    const source = await PDFDocument.load(await readFile(join(ENGINES, `${id}.pdf`)));
    const [page] = await doc.copyPages(source, [0]);
    doc.addPage(page);
  }
  return doc.save();
}

/** A page holding `samples/aime24.png` as an embedded image, 5 x 3.75 inches. */
async function rasterPaper(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const png = await doc.embedPng(await readFile(join(root, 'samples', 'aime24.png')));
  doc.addPage([612, 792]).drawImage(png, { x: 72, y: 300, width: 360, height: 270 });
  return doc.save();
}

const figure = (result: unknown): FigureResult => {
  expect(result).toMatchObject({ charts: expect.any(Array), pages: expect.any(Number) });
  return result as FigureResult;
};

const digitizer = createDigitizer({ jobs: 2 });
afterAll(async () => {
  await digitizer.close();
});

describe('digitize() on PDFs', { timeout: TIMEOUT_MS }, () => {
  it('reads every panel of a PDF path as a figure with pages, each chart with page, panel and from', async () => {
    const path = join(ENGINES, 'mpl-t3-panels.pdf');
    const result = figure(await digitize(path));
    expect(result.source).toBe(path);
    expect(result.pages).toBe(1);
    expect(result.warnings).toEqual([]);
    expect(result.charts.map((chart) => [chart.page, chart.panel.index, chart.from])).toEqual([
      [1, 0, 'vector'],
      [1, 1, 'vector'],
      [1, 2, 'vector'],
      [1, 3, 'vector'],
    ]);
    expect(result.charts.map((chart) => chart.title)).toEqual([
      'Accuracy over training',
      'Throughput',
      'Reward',
      'Benchmark: AIME24',
    ]);
    // Values as the file holds them, without the float noise of 32-bit coordinates.
    expect(result.charts[0].series[0].points.slice(0, 3)).toEqual([
      { x: 10, y: 0.723761 },
      { x: 12, y: 0.814031 },
      { x: 14, y: 0.874978 },
    ]);
  });

  it('gives a PDF of one chart as a figure too, from a Buffer (source null)', async () => {
    const bytes = await readFile(join(ENGINES, 'gnuplot-log.pdf'));
    const result = figure(await digitize(bytes));
    expect(result.source).toBeNull();
    expect(result.charts).toHaveLength(1);
    expect(result.charts[0]).toMatchObject({ source: null, page: 1, from: 'vector' });
    expect(result.charts[0].axes.y.scale).toBe('log');
  });

  it('reads the pages asked for, in worker threads too', async () => {
    const bytes = await paper();
    const all = figure(await digitize(bytes));
    expect(all.pages).toBe(3);
    expect(all.charts.map((chart) => chart.page)).toEqual([2, 3]);
    const third = figure(await digitizer.digitize(bytes, { pages: '3' }));
    expect(third.pages).toBe(1);
    expect(third.charts.map((chart) => chart.page)).toEqual([3]);
    expect(third.charts[0].series).toEqual(all.charts[1].series);
    const first = figure(await digitizer.digitize(bytes, { pages: '1-2', maxPages: 1 }));
    expect(first.charts).toEqual([]);
    expect(first.warnings).toEqual([
      'only 1 of 2 pages were read (pages 2 to 2 left out: maxPages)',
      'no line chart found in 1 page',
    ]);
  });

  it('refuses bad page ranges and maxPages before any work, naming them', async () => {
    const path = join(ENGINES, 'gnuplot-log.pdf');
    await expect(digitize(path, { pages: '5-3' })).rejects.toThrow(
      new RangeError("Expected page ranges like 3-5,9 for pages but received '5-3'"),
    );
    await expect(digitizer.digitize(path, { maxPages: 0 })).rejects.toThrow(
      new RangeError('Expected positive integer for maxPages but received 0 of type number'),
    );
  });

  it('reads an embedded image with the image pipeline, its positions in the page pixels', async () => {
    const result = figure(await digitize(await rasterPaper()));
    expect(result.charts).toHaveLength(1);
    const [chart] = result.charts;
    expect(chart).toMatchObject({ page: 1, from: 'raster' });
    expect(chart.series.map((series) => series.name).sort()).toEqual(['GRPO', 'MEL']);
    // The image fills 360 x 270 pt from (72, 222) pt of the page's top-left corner: at 2 px
    // per point, every read position lies inside (144, 444) to (864, 984).
    expect(chart.panel.box).toEqual({ left: 144, top: 444, right: 864, bottom: 984 });
    const { plot } = chart;
    expect(plot.left).toBeGreaterThan(144);
    expect(plot.right).toBeLessThan(864);
    expect(plot.top).toBeGreaterThan(444);
    expect(plot.bottom).toBeLessThan(984);
  });
});
