import { invalidArgument } from '../arguments.js';
import { DigitizeError } from '../errors.js';
import { chartsOf, isFigure } from '../figure/figureResult.js';
import type { Box, ChartResult, DigitizeResult, PanelChart, Raster } from '../types.js';
import { contains } from './findFrames.js';
import { openPdf, type PdfDocument } from './openPdf.js';
import { type PageRange, selectPages } from './pageRanges.js';
import { readChartTexts, type TextFrame } from './readChartText.js';
import { readingOrder, readVectorCharts } from './readVectorCharts.js';
import type { TextLine } from './textLines.js';
import type { PageContent } from './types.js';

/**
 * One chart of a PDF (CONTRACT.md, inputs holding several charts): its `panel` box is in the
 * page's pixels at the stated scale; `from` is `vector` (read from the drawing) or `raster` (an
 * image, embedded or a region rendered, read by the image pipeline).
 */
export type PdfChart = PanelChart & Required<Pick<PanelChart, 'page' | 'from'>>;

/** Everything read from one PDF. */
export interface PdfResult {
  source: string | null;
  /** The number of pages read. */
  pages: number;
  charts: PdfChart[];
  warnings: string[];
}

/** Where a raster handed to the image pipeline came from. */
export interface RasterContext {
  page: number;
  /** Its place on the page, in the page's pixels. */
  box: Box;
  /** `embedded`: an image of the PDF at its native size; `rendered`: a vector region rendered. */
  kind: 'embedded' | 'rendered';
}

/**
 * Digitizes one raster with the image pipeline: its chart, or a figure of the panels it holds
 * (positions in the raster's pixels). Rejects with a DigitizeError where it holds no chart.
 */
export type DigitizeRaster = (raster: Raster, context: RasterContext) => Promise<DigitizeResult>;

export interface DigitizePdfOptions {
  /** The input as reported (a path, or null for bytes). */
  source: string | null;
  /** Pages to read. @default every page, up to `maxPages` */
  pages?: readonly PageRange[];
  /** At most this many pages are read; a warning names the rest. @default 1000 */
  maxPages?: number;
  /** Images with more pixels than this are not decoded. */
  maxPixels: number;
  /** Pixels per PDF point of the page space results are given in (72 dpi x scale). @default 2 */
  scale?: number;
  /** Time limit for one page (checked as its work yields). @default 30_000 */
  pageTimeoutMs?: number;
  /** Stops between pages once aborted. */
  signal?: AbortSignal;
  /**
   * Reads rasters (embedded images, vector figures that could not be read from the drawing,
   * rendered) with the image pipeline. Without it they are skipped with a warning.
   */
  digitizeRaster?: DigitizeRaster;
}

/**
 * A page drawing fewer paths than this and no image holds no chart (two axis lines and a
 * series, as Chart.js draws a chart without grid): its text is not read.
 */
const MIN_CHART_PATHS = 3;
/** An embedded image smaller than this (pixels, both ways) is an icon or a logo, not a chart. */
const MIN_RASTER_SIDE = 100;
/** ...and so is one placed smaller than this on the page (points). */
const MIN_PLACED_SIDE = 72;
/**
 * Pages whose rasters are read at once (the image pipeline): two, so that one runs its stages
 * while the other waits for the OCR thread (as a batch keeps two charts in flight).
 */
const RASTER_PAGES_IN_FLIGHT = 2;
/** Image-pipeline refusals that say "no chart here", not "a chart I could not read". */
const NOT_A_CHART = new Set(['NO_CHART_FOUND', 'PLOT_AREA_NOT_FOUND', 'UNSUPPORTED_IMAGE']);

export const DEFAULT_MAX_PAGES = 1000;
export const DEFAULT_PDF_SCALE = 2;
const DEFAULT_PAGE_TIMEOUT_MS = 30_000;

/**
 * Reads every line chart of a PDF: vector figures exactly from their drawing, embedded images
 * and vector figures that could not be read from the drawing through `digitizeRaster`.
 * Text-only pages cost only their operator list. A page that fails (broken content, over its
 * time limit) is skipped with a warning and the others go on.
 * Throws DigitizeError PDF_ENCRYPTED or PDF_INVALID for a document that cannot be opened, and
 * ABORTED once `signal` is aborted.
 */
export async function digitizePdf(
  bytes: Uint8Array,
  options: DigitizePdfOptions,
): Promise<PdfResult> {
  const {
    source,
    pages: ranges,
    maxPages = DEFAULT_MAX_PAGES,
    maxPixels,
    scale = DEFAULT_PDF_SCALE,
    pageTimeoutMs = DEFAULT_PAGE_TIMEOUT_MS,
    signal,
    digitizeRaster,
  } = options;
  if (!Number.isSafeInteger(maxPages) || maxPages < 1) {
    throw invalidArgument('positive integer', 'maxPages', maxPages, { error: RangeError });
  }
  if (!(typeof scale === 'number' && scale > 0 && scale <= 10)) {
    throw invalidArgument('number between 0 and 10', 'scale', scale, { error: RangeError });
  }
  const open = () => openPdf(bytes, { source, maxPixels });
  let doc: PdfDocument = await open();
  const warnings: string[] = [];
  const charts: PdfChart[] = [];
  try {
    let selected = ranges
      ? selectPages(ranges, doc.pageCount)
      : selectPages([{ from: 1, to: null }], doc.pageCount);
    if (ranges && selected.length === 0) {
      warnings.push(`no page selected: the document has ${plural(doc.pageCount, 'page')}`);
    }
    if (selected.length > maxPages) {
      warnings.push(
        `only ${maxPages} of ${selected.length} pages were read (pages ${selected[maxPages]} to ${selected[selected.length - 1]} left out: maxPages)`,
      );
      selected = selected.slice(0, maxPages);
    }
    // Each page's rasters go through the image pipeline while the next pages are read: a
    // chart waiting for the OCR thread leaves the main thread to the next page or raster.
    // Results are gathered in page order, as if read one after another.
    const pending: Promise<PageCharts>[] = [];
    let running: Promise<PageCharts>[] = [];
    for (const page of selected) {
      if (signal?.aborted) {
        throw new DigitizeError('ABORTED', 'load', 'stopped', {
          input: source,
          cause: signal.reason,
        });
      }
      const started = performance.now();
      const read = readPage(doc, page, scale, source, digitizeRaster);
      const outcome = await withinTime(read, pageTimeoutMs);
      if (outcome === 'timeout') {
        // The page's work cannot be stopped on its own: drop the document and open it again.
        read.catch(() => {});
        await doc.close().catch(() => {});
        doc = await open();
        pending.push(Promise.resolve({ charts: [], warnings: [tooLong(page, pageTimeoutMs)] }));
        continue;
      }
      if ('error' in outcome) {
        if (outcome.error instanceof DigitizeError && outcome.error.code === 'ABORTED') {
          throw outcome.error;
        }
        pending.push(Promise.resolve({ charts: [], warnings: [unreadable(page, outcome.error)] }));
        continue;
      }
      // What is left of the page's time once its document work is done (not counting the
      // wait for a place among the pages in flight).
      const left = pageTimeoutMs - (performance.now() - started);
      while (running.length >= RASTER_PAGES_IN_FLIGHT) await Promise.race(running);
      const finished = withinTime(outcome.finish(), left).then((done): PageCharts => {
        if (done === 'timeout') return { charts: [], warnings: [tooLong(page, pageTimeoutMs)] };
        if ('error' in done) return { charts: [], warnings: [unreadable(page, done.error)] };
        return {
          charts: done.charts,
          warnings: done.warnings.map((warning) => `page ${page}: ${warning}`),
        };
      });
      const tracked = finished.finally(() => {
        running = running.filter((other) => other !== tracked);
      });
      running.push(tracked);
      pending.push(tracked);
    }
    for (const outcome of await Promise.all(pending)) {
      charts.push(...outcome.charts);
      warnings.push(...outcome.warnings);
    }
    if (charts.length === 0 && selected.length > 0) {
      warnings.push(`no line chart found in ${plural(selected.length, 'page')}`);
    }
    return { source, pages: selected.length, charts, warnings };
  } finally {
    await doc.close().catch(() => {});
  }
}

/**
 * What a page holds, in two steps: reading it (its drawing and text, its vector charts, its
 * rasters' pixels: all the work on the document), then `finish()`, which reads the rasters
 * with the image pipeline (no work on the document, so the next page can be read meanwhile)
 * and resolves to the page's charts in reading order.
 */
async function readPage(
  doc: PdfDocument,
  page: number,
  scale: number,
  source: string | null,
  digitizeRaster: DigitizeRaster | undefined,
): Promise<{ finish: () => Promise<PageCharts> }> {
  const warnings: string[] = [];
  const content = await doc.readPage(page, {
    scale,
    needsText: (paths, images) => paths >= MIN_CHART_PATHS || images > 0,
  });
  if (content.deepForms > 0) {
    warnings.push(`${content.deepForms} forms nested too deep were not read`);
  }
  if (content.paths.length < MIN_CHART_PATHS && content.images.length === 0) {
    return { finish: async () => ({ charts: [], warnings }) };
  }
  const boxes: { chart: Omit<PdfChart, 'panel'>; box: Box; label: string | null }[] = [];
  const vector = readVectorCharts(content);
  for (const chart of vector.charts) {
    if (chart.result.series.length === 0) {
      warnings.push(
        `a chart with no line series (bars, a table of points?) at ${where(chart.box, scale)} was skipped`,
      );
      continue;
    }
    boxes.push({
      chart: { source, ...chart.result, page, from: 'vector' },
      box: chart.box,
      label: chart.label,
    });
  }

  const rasters: {
    raster: () => Promise<Raster | null>;
    box: Box;
    kind: 'embedded' | 'rendered';
    why: string;
  }[] = [];
  for (const { region, reason } of vector.unread) {
    rasters.push({
      raster: () => doc.renderRegion(page, scale, region),
      box: region,
      kind: 'rendered',
      why: reason,
    });
  }
  for (const image of content.images) {
    const placed = Math.min(image.box.right - image.box.left, image.box.bottom - image.box.top);
    if (Math.min(image.width, image.height) < MIN_RASTER_SIDE || placed < MIN_PLACED_SIDE * scale)
      continue;
    if (boxes.some(({ box }) => contains(box, image.box))) continue;
    rasters.push({
      raster: async () => (image.id ? doc.imagePixels(image.id) : null),
      box: image.box,
      kind: 'embedded',
      why: 'an embedded image',
    });
  }
  // The pixels are taken now, while the page is the document's current one.
  const taken: {
    pixels: Raster | null;
    box: Box;
    kind: 'embedded' | 'rendered';
    why: string;
    error?: unknown;
  }[] = [];
  for (const { raster, box, kind, why } of rasters) {
    if (!digitizeRaster) {
      if (kind === 'rendered')
        warnings.push(
          `a figure at ${where(box, scale)} was not read (${why}) and no image pipeline was given`,
        );
      continue;
    }
    try {
      taken.push({ pixels: await raster(), box, kind, why });
    } catch (error) {
      taken.push({ pixels: null, box, kind, why, error });
    }
  }
  const finish = async (): Promise<PageCharts> => {
    // Charts read from pixels alone, one to a raster: the PDF's text around them may hold what
    // the pixels do not (LaTeX axis labels beside an image, a title outside a rendered frame).
    const single: { chart: Omit<PdfChart, 'panel'>; raster: Box }[] = [];
    for (const { pixels, box, kind, why, error } of taken) {
      if (error !== undefined) {
        const detail = error instanceof Error ? error.message : String(error);
        warnings.push(`a figure at ${where(box, scale)} was not read: ${detail}`);
        continue;
      }
      if (!pixels) {
        if (kind === 'rendered') {
          warnings.push(
            `a figure at ${where(box, scale)} could not be read from its drawing (${why}) and could not be rendered`,
          );
        }
        continue;
      }
      try {
        const result = await digitizeRaster!(pixels, { page, box, kind });
        if (isFigure(result)) warnings.push(...result.warnings);
        for (const chart of chartsOf(result)) {
          const { panel, ...read } = chart as Partial<PanelChart> & ChartResult;
          const placed: Omit<PdfChart, 'panel'> = {
            ...toPageSpace(read, pixels, box, content),
            source,
            page,
            from: 'raster',
          };
          if (!isFigure(result)) single.push({ chart: placed, raster: box });
          boxes.push({
            chart: placed,
            box: panel ? toPageBox(panel.box, pixels, box) : box,
            label: panel?.label ?? null,
          });
        }
      } catch (error) {
        const code = error instanceof DigitizeError ? error.code : null;
        if (code && NOT_A_CHART.has(code) && kind === 'embedded') continue;
        const detail = error instanceof Error ? error.message : String(error);
        warnings.push(`a figure at ${where(box, scale)} was not read: ${detail}`);
      }
    }
    fillTextAround(single, vector.freeLines);
    const ordered = readingOrder(boxes);
    return {
      charts: ordered.map(({ chart, box, label }, index) => ({
        ...chart,
        panel: { index, label, box },
      })),
      warnings,
    };
  };
  return { finish };
}

/** One page's charts (in reading order) and warnings. */
interface PageCharts {
  charts: PdfChart[];
  warnings: string[];
}

/**
 * `work`'s value, `{ error }` where it rejects, or `timeout` when it takes longer than `ms`
 * (the work goes on: it cannot be stopped from here).
 */
async function withinTime<T>(
  work: Promise<T>,
  ms: number,
): Promise<T | { error: unknown } | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, ms));
  });
  try {
    return await Promise.race([work.catch((error: unknown) => ({ error })), limit]);
  } finally {
    clearTimeout(timer);
  }
}

function tooLong(page: number, pageTimeoutMs: number): string {
  return `page ${page} took longer than ${pageTimeoutMs / 1000} s and was skipped`;
}

function unreadable(page: number, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `page ${page} could not be read and was skipped: ${detail}`;
}

/**
 * The title and axis labels that charts read from pixels lack, taken from the PDF's text beside
 * their rasters (each line where it is nearest, as for charts read from the drawing).
 */
function fillTextAround(
  charts: readonly { chart: Omit<PdfChart, 'panel'>; raster: Box }[],
  lines: readonly TextLine[],
): void {
  const frames: TextFrame[] = charts.map(({ chart, raster }) => ({
    box: chart.plot,
    x: { side: 'bottom', labels: [{ box: raster }] },
    y: { side: 'left', labels: [{ box: raster }] },
  }));
  readChartTexts(frames, lines, new Set()).forEach((text, i) => {
    const { chart } = charts[i];
    chart.title ??= text.title;
    chart.axes.x.label ??= text.xLabel;
    chart.axes.y.label ??= text.yLabel;
  });
}

/** A raster's result moved into the page's pixels: its plot and legend boxes and tick positions. */
function toPageSpace(
  result: ChartResult,
  raster: Raster,
  box: Box,
  page: PageContent,
): ChartResult {
  const { px, py } = rasterToPage(raster, box);
  return {
    ...result,
    image: { width: page.width, height: page.height },
    plot: toPageBox(result.plot, raster, box),
    ...(result.legend && { legend: { box: toPageBox(result.legend.box, raster, box) } }),
    axes: {
      x: {
        ...result.axes.x,
        ticks: result.axes.x.ticks.map((tick) => ({ ...tick, pixel: px(tick.pixel) })),
      },
      y: {
        ...result.axes.y,
        ticks: result.axes.y.ticks.map((tick) => ({ ...tick, pixel: py(tick.pixel) })),
      },
    },
  };
}

/** The mapping from the pixels of a raster placed at `box` to the page's pixels. */
function rasterToPage(raster: Raster, box: Box) {
  const sx = (box.right - box.left) / raster.width;
  const sy = (box.bottom - box.top) / raster.height;
  return { px: (x: number) => box.left + x * sx, py: (y: number) => box.top + y * sy };
}

/** A box in the pixels of a raster placed at `box`, in the page's pixels. */
function toPageBox(inner: Box, raster: Raster, box: Box): Box {
  const { px, py } = rasterToPage(raster, box);
  return {
    left: px(inner.left),
    top: py(inner.top),
    right: px(inner.right),
    bottom: py(inner.bottom),
  };
}

/** A box as a reader finds it on the page: its top-left corner in points. */
function where(box: Box, scale: number): string {
  return `(${Math.round(box.left / scale)}, ${Math.round(box.top / scale)}) pt`;
}

/** `1 page`, `3 pages`. */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
