import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { digitizePdf, type RasterContext } from '../../src/pdf/digitizePdf.js';
import type { ChartResult, Raster } from '../../src/types.js';

/** A 300 x 200 RGB picture with every pixel different, encoded as PNG. */
async function picture(): Promise<{ png: Buffer; pixels: Buffer }> {
  const pixels = Buffer.alloc(300 * 200 * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7 + (i >> 9)) & 255;
  const png = await sharp(pixels, { raw: { width: 300, height: 200, channels: 3 } })
    .png()
    .toBuffer();
  return { png, pixels };
}

/**
 * A page of text with the picture placed 360 x 240 pt at (100, 300) from the bottom-left; with
 * `labels`, axis labels typeset beside it as text (a LaTeX figure's).
 */
async function paper(png: Buffer, labels = false): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText('Only text on this page.', { x: 72, y: 720, size: 10, font });
  const page = doc.addPage([612, 792]);
  page.drawText('A figure below.', { x: 72, y: 720, size: 10, font });
  page.drawImage(await doc.embedPng(png), { x: 100, y: 300, width: 360, height: 240 });
  if (labels) {
    page.drawText('Training step', { x: 250, y: 286, size: 10, font });
    page.drawText('Reward', { x: 94, y: 390, size: 10, font, rotate: degrees(90) });
  }
  return doc.save();
}

const chart: ChartResult = {
  source: null,
  image: { width: 300, height: 200 },
  title: 'From pixels',
  plot: { left: 30, top: 20, right: 280, bottom: 170 },
  axes: {
    x: {
      label: null,
      scale: 'linear',
      min: 0,
      max: 10,
      confidence: 1,
      ticks: [{ text: '0', value: 0, pixel: 30 }],
    },
    y: {
      label: null,
      scale: 'linear',
      min: 0,
      max: 1,
      confidence: 1,
      ticks: [{ text: '0', value: 0, pixel: 170 }],
    },
  },
  series: [
    { name: null, color: '#000000', marker: null, confidence: 1, points: [{ x: 1, y: 0.5 }] },
  ],
  confidence: 1,
  warnings: [],
};

/** Digitizes a PDF at scale 2, recording every raster handed to the image pipeline. */
async function readRasters(bytes: Uint8Array, source: string | null) {
  const seen: { raster: Raster; context: RasterContext }[] = [];
  const result = await digitizePdf(bytes, {
    source,
    maxPixels: 20_000_000,
    scale: 2,
    digitizeRaster: async (raster, context) => {
      seen.push({ raster, context });
      return chart;
    },
  });
  return { result, seen };
}

describe('digitizePdf on raster figures', () => {
  it('hands an embedded image to the image pipeline at its native size, pixel for pixel', async () => {
    const { png, pixels } = await picture();
    const { result, seen } = await readRasters(await paper(png), 'paper.pdf');
    expect(seen).toHaveLength(1);
    const [{ raster, context }] = seen;
    expect([raster.width, raster.height]).toEqual([300, 200]);
    expect(Buffer.from(raster.data).equals(pixels)).toBe(true);
    expect(context).toEqual({
      page: 2,
      kind: 'embedded',
      box: { left: 200, top: 504, right: 920, bottom: 984 },
    });
    // The chart comes back on its page, its plot box moved into the page's pixels.
    expect(result.pages).toBe(2);
    expect(result.charts).toHaveLength(1);
    const [found] = result.charts;
    expect(found).toMatchObject({
      page: 2,
      from: 'raster',
      source: 'paper.pdf',
      title: 'From pixels',
    });
    expect(found.panel).toEqual({ index: 0, label: null, box: context.box });
    expect(found.image).toEqual({ width: 1224, height: 1584 });
    expect(found.plot).toEqual({
      left: 200 + 30 * 2.4,
      top: 504 + 20 * 2.4,
      right: 200 + 280 * 2.4,
      bottom: 504 + 170 * 2.4,
    });
    expect(found.series[0].points).toEqual([{ x: 1, y: 0.5 }]);
  });

  it("takes the axis labels the pixels lack from the PDF's text beside the image", async () => {
    const { png } = await picture();
    const { result } = await readRasters(await paper(png, true), null);
    const [found] = result.charts;
    expect(found.axes.x.label).toBe('Training step');
    expect(found.axes.y.label).toBe('Reward');
    // What the pixels read stays; body text far above the figure is no title.
    expect(found.title).toBe('From pixels');
    const { result: bare } = await readRasters(await paper(png), null);
    expect([bare.charts[0].axes.x.label, bare.charts[0].axes.y.label]).toEqual([null, null]);
  });

  it('leaves out an image the image pipeline finds no chart in, and skips rasters without one', async () => {
    const { png } = await picture();
    const bytes = await paper(png);
    const { DigitizeError } = await import('../../src/errors.js');
    const none = await digitizePdf(bytes, {
      source: null,
      maxPixels: 20_000_000,
      digitizeRaster: async () => {
        throw new DigitizeError('NO_CHART_FOUND', 'calibrate', 'no numbered axis found');
      },
    });
    expect(none.charts).toEqual([]);
    expect(none.warnings).toEqual(['no line chart found in 2 pages']);
    const without = await digitizePdf(bytes, { source: null, maxPixels: 20_000_000 });
    expect(without.charts).toEqual([]);
  });
});

/** Pages of one picture each, titled by their number (1-based). */
async function figurePages(png: Buffer, count: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let n = 1; n <= count; n++) {
    const image = await doc.embedPng(png);
    doc.addPage([612, 792]).drawImage(image, { x: 100, y: 300, width: 360, height: 240 });
  }
  return doc.save();
}

describe('digitizePdf on rasters of several pages', () => {
  it('reads the next page while a raster waits, two pages in flight, results in page order', async () => {
    const { png } = await picture();
    const events: string[] = [];
    let inFlight = 0;
    let most = 0;
    const result = await digitizePdf(await figurePages(png, 3), {
      source: null,
      maxPixels: 20_000_000,
      digitizeRaster: async (_raster, { page }) => {
        events.push(`start ${page}`);
        inFlight++;
        most = Math.max(most, inFlight);
        // The first page's chart takes longest: it finishes last.
        await new Promise((resolve) => setTimeout(resolve, page === 1 ? 300 : 20));
        inFlight--;
        events.push(`end ${page}`);
        return { ...chart, title: `page ${page}` };
      },
    });
    // Page 2's raster starts before page 1's is done; page 3's waits for a place.
    expect(events.indexOf('start 2')).toBeLessThan(events.indexOf('end 1'));
    expect(most).toBe(2);
    expect(events.indexOf('end 1')).toBe(events.length - 1);
    expect(result.charts.map((found) => [found.page, found.title])).toEqual([
      [1, 'page 1'],
      [2, 'page 2'],
      [3, 'page 3'],
    ]);
  });

  it("reads an image drawn on several pages (one of the document's common objects)", async () => {
    const { png, pixels } = await picture();
    const doc = await PDFDocument.create();
    const image = await doc.embedPng(png);
    for (let n = 0; n < 2; n++) {
      doc.addPage([612, 792]).drawImage(image, { x: 100, y: 300, width: 360, height: 240 });
    }
    const { result, seen } = await readRasters(await doc.save(), null);
    expect(seen.map(({ context }) => context.page)).toEqual([1, 2]);
    for (const { raster } of seen) expect(Buffer.from(raster.data).equals(pixels)).toBe(true);
    expect(result.charts.map((found) => found.page)).toEqual([1, 2]);
  }, 10_000);

  it('gives a page whose raster runs past the time limit a warning, in page order', async () => {
    const { png } = await picture();
    const result = await digitizePdf(await figurePages(png, 2), {
      source: null,
      maxPixels: 20_000_000,
      pageTimeoutMs: 200,
      digitizeRaster: async (_raster, { page }) => {
        await new Promise((resolve) => setTimeout(resolve, page === 1 ? 1_000 : 0));
        return { ...chart, title: `page ${page}` };
      },
    });
    expect(result.charts.map((found) => found.page)).toEqual([2]);
    expect(result.warnings).toEqual(['page 1 took longer than 0.2 s and was skipped']);
  });
});

/**
 * A vector chart whose y labels fit no scale (5, 1, 9 evenly spaced): a frame, tick marks and
 * Helvetica labels drawn with pdf-lib; with `legend`, an entry right of the frame.
 */
async function unreadableChart(legend = false): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([500, 300]);
  if (legend) {
    page.drawLine({ start: { x: 380, y: 200 }, end: { x: 400, y: 200 }, thickness: 1.5 });
    page.drawText('Baseline', { x: 405, y: 196.5, size: 10, font });
  }
  page.drawRectangle({ x: 60, y: 50, width: 300, height: 200, borderWidth: 1 });
  page.drawLine({ start: { x: 60, y: 60 }, end: { x: 360, y: 200 }, thickness: 1 });
  ['1', '2', '3', '4'].forEach((text, i) => {
    const x = 60 + i * 100;
    page.drawLine({ start: { x, y: 50 }, end: { x, y: 45 }, thickness: 1 });
    page.drawText(text, { x: x - 3, y: 34, size: 10, font });
  });
  ['5', '1', '9'].forEach((text, i) => {
    const y = 50 + i * 100;
    page.drawLine({ start: { x: 60, y }, end: { x: 55, y }, thickness: 1 });
    page.drawText(text, { x: 45, y: y - 3.5, size: 10, font });
  });
  return doc.save();
}

describe('digitizePdf on vector figures it cannot read from the drawing', () => {
  it('renders the figure and hands it to the image pipeline', async () => {
    const { result, seen } = await readRasters(await unreadableChart(), null);
    expect(seen).toHaveLength(1);
    const [{ raster, context }] = seen;
    expect(context.kind).toBe('rendered');
    // The frame (120..720 x 100..500 px at scale 2) and its labels, and a margin, rendered.
    expect(context.box.left).toBeLessThan(90);
    expect(context.box.right).toBeGreaterThan(720);
    expect(
      Math.abs(raster.width - (context.box.right - Math.max(0, context.box.left))),
    ).toBeLessThanOrEqual(2);
    // Ink was drawn: the frame's black pixels are there.
    expect(raster.data.some((value) => value < 64)).toBe(true);
    expect(result.charts.map((found) => found.from)).toEqual(['raster']);
  });

  it('renders a legend right of the frame with it', async () => {
    const { seen } = await readRasters(await unreadableChart(true), null);
    // 'Baseline' ends past 440 pt, 880 px at scale 2.
    expect(seen[0].context.box.right).toBeGreaterThan(880);
    const { seen: bare } = await readRasters(await unreadableChart(), null);
    expect(bare[0].context.box.right).toBeLessThan(800);
  });

  it('skips it with a warning where there is no image pipeline', async () => {
    const result = await digitizePdf(await unreadableChart(), {
      source: null,
      maxPixels: 20_000_000,
    });
    expect(result.charts).toEqual([]);
    expect(result.warnings[0]).toMatch(
      /^page 1: a figure at \(\d+, \d+\) pt was not read \(its y tick labels fit no linear or log scale\) and no image pipeline was given$/,
    );
  });
});
