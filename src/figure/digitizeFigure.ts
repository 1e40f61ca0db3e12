import { OneAxisError } from '../calibrate/calibrateChart.js';
import { asDigitizeError, DigitizeError } from '../errors.js';
import { loadRaster, readInputBytes } from '../load/loadRaster.js';
import { sniffFormat } from '../load/sniffFormat.js';
import type { OcrEngine } from '../ocr/engine.js';
import { digitizePdf } from '../pdf/digitizePdf.js';
import type { PageRange } from '../pdf/pageRanges.js';
import { runPipeline } from '../pipeline.js';
import { pageInk } from '../plot/findPlotArea.js';
import { createStageClock, type StageClock } from '../stageClock.js';
import type {
  AxisResult,
  Box,
  ChartResult,
  DigitizeInput,
  DigitizeResult,
  PanelChart,
  PanelInfo,
  Raster,
  StageTimings,
} from '../types.js';
import { readFigureLabels } from './figureLabels.js';
import { paintedOver, readFigureLegend } from './figureLegend.js';
import { findPanels } from './findPanels.js';
import { labelPanels } from './panelLabels.js';
import { type Donor, donorOrder, sharedAxisFrom } from './sharedAxes.js';
import { shareAxisLabels } from './sharedLabels.js';
import { nameSharedSeries } from './sharedLegend.js';

/**
 * Images are read at most this many pixels (a 2,400 x 1,660 chart): tick labels stay well
 * above the size they are read at, and the work of larger images grows with no gain.
 */
const WORK_PIXELS = 4_000_000;

export interface FigureOptions {
  /** The input as reported in the result and in errors (a path, or null). */
  source: string | null;
  maxPixels: number;
  /** The OCR engine, started on first use and shared by every chart of the input. */
  getEngine: () => Promise<OcrEngine>;
  /** Called once, when the input is done, with each stage's time summed over its charts. */
  onTimings?: (timings: StageTimings) => void;
  /** Checked between stages: once aborted (a time limit, a cancel), no further stage runs. */
  signal?: AbortSignal;
  /** PDFs only: the pages to read. @default every page, up to `maxPages` */
  pages?: readonly PageRange[];
  /** PDFs only: at most this many pages are read; a warning names the rest. @default 1000 */
  maxPages?: number;
}

/**
 * Digitizes every chart of one input: decodes the image once, finds the panels it holds and
 * runs the chart pipeline on each. One panel gives its chart object (exactly what the
 * pipeline returns); several give a figure `{ source, charts, warnings }` whose charts carry
 * their `panel`, with every pixel position in the whole image's pixels. Of several panels, one
 * that is no readable chart is left out with a warning; one that prints no tick labels for an
 * axis it shares with its column (row) takes that panel's calibration, and a series drawn
 * without a legend of its own the name a legend outside every panel (read once, for the
 * figure) or another panel's legend gives its colour, and an axis label printed once for
 * several panels names that axis in each (`shareAxisLabels`); a panel label
 * printed before a title (`(a) Train`) goes to the chart's `panel.label`. A PDF (`%PDF-`)
 * always gives the figure `{ source, pages, charts, warnings }`: vector charts read from its
 * drawing, rasters through the same pipeline (`digitizePdf`). Rejects with a DigitizeError:
 * the failing stage's code, or `INTERNAL` at the stage that broke.
 */
export async function digitizeFigure(
  input: DigitizeInput,
  options: FigureOptions,
): Promise<DigitizeResult> {
  const { source, maxPixels, onTimings, signal } = options;
  const clock = createStageClock(source, signal);
  const bytes = await clock.run('load', () => readInputBytes(input, { maxPixels }));
  const format = sniffFormat(bytes);
  // An image's text is read by the OCR engine: started now (its worker thread, the model), it
  // gets ready beside the decode and the first stages instead of after them. (Its failure is
  // met at the text stage, as before. A PDF's vector charts need none: it starts on first use.)
  if (format !== null && format !== 'pdf' && format !== 'svg' && format !== 'empty') {
    options.getEngine().catch(() => undefined);
  }
  const result =
    format === 'pdf'
      ? await digitizePdfCharts(bytes, clock, options)
      : await digitizeImage(
          await clock.run('load', () => loadRaster(bytes, { maxPixels, workPixels: WORK_PIXELS })),
          clock,
          options,
        );
  onTimings?.(clock.timings());
  return result;
}

/**
 * The charts of a PDF: vector charts read from its drawing, rasters (embedded images, figures
 * it could not read) through `digitizeImage` with the one OCR engine.
 */
async function digitizePdfCharts(
  bytes: Uint8Array,
  clock: StageClock,
  options: FigureOptions,
): Promise<DigitizeResult> {
  const { source, maxPixels, signal, pages, maxPages } = options;
  try {
    return await digitizePdf(bytes, {
      source,
      maxPixels,
      pages,
      maxPages,
      signal,
      digitizeRaster: (raster) => digitizeImage({ ...raster, warnings: [] }, clock, options),
    });
  } catch (error) {
    throw asDigitizeError(error, source, 'load');
  }
}

/** The charts of one decoded image (its panels'), with the image's `warnings`. */
async function digitizeImage(
  {
    warnings,
    original,
    ...image
  }: Raster & { warnings: string[]; original?: { width: number; height: number } },
  clock: StageClock,
  options: FigureOptions,
): Promise<DigitizeResult> {
  const result = await digitizePanels(image, warnings, clock, options);
  if (!original || (original.width === image.width && original.height === image.height)) {
    return result;
  }
  // read scaled down: every pixel position is given in the image's own pixels
  const scale: [number, number] = [original.width / image.width, original.height / image.height];
  const back = (chart: ChartResult) => placed(chart, [0, 0], scale, original);
  if (!('charts' in result)) return back(result);
  return {
    ...result,
    charts: result.charts.map((chart) => ({
      ...back(chart),
      ...(chart.panel && { panel: { ...chart.panel, box: scaled(chart.panel.box, scale) } }),
    })),
  };
}

/** The charts of one decoded image (its panels'), with the image's `warnings`. */
async function digitizePanels(
  image: Raster,
  warnings: string[],
  clock: StageClock,
  { source, getEngine }: FigureOptions,
): Promise<DigitizeResult> {
  // The image decodes: start the OCR engine now (a no-op once started), so its start-up (on its
  // own thread) overlaps finding the panels, plot and legend instead of following them. Its
  // failure is the OCR stage's to report, when that stage awaits it.
  getEngine().catch(() => undefined);
  const found = await clock.run('panels', () => findPanels(image));
  const panels = found.map(({ box }, index): PanelInfo => ({ index, label: null, box }));
  const chartOf = async (
    panel: PanelInfo,
    chartWarnings: string[],
    done: readonly Donor[] = [],
    figure: { image: Raster; legendOutside: boolean } = { image, legendOutside: false },
    knownPlot?: Box,
    layout?: Box,
  ): Promise<ChartResult> => {
    const whole = isWhole(panel.box, image);
    const [dx, dy] = offsetOf(panel.box);
    const chart = await runPipeline(whole ? image : crop(figure.image, panel.box), {
      source,
      getEngine,
      clock,
      warnings: chartWarnings,
      sharedAxis: whole ? undefined : sharedAxisFrom(done, [dx, dy], layout),
      legendOutside: figure.legendOutside,
      knownPlot: knownPlot && {
        left: knownPlot.left - dx,
        top: knownPlot.top - dy,
        right: knownPlot.right - dx,
        bottom: knownPlot.bottom - dy,
      },
    });
    return whole ? chart : placed(chart, offsetOf(panel.box), [1, 1], image);
  };
  if (panels.length === 1) return chartOf(panels[0], warnings);
  // A legend outside every panel lists the series of each: read once, and painted over so that
  // no panel takes the part of it its box holds for a legend of its own.
  const { page } = pageInk(image);
  const plots = found.map(({ plot }) => plot);
  const legend = await clock.run('legend', async () =>
    readFigureLegend(image, plots, page, await getEngine()),
  );
  // The title and axis labels printed once for all panels: read whole, and painted over so
  // that no panel reads the piece of one its crop holds.
  const unlegended = legend ? paintedOver(image, legend.box, page) : image;
  const labels = await clock.run('ocr', async () =>
    readFigureLabels(unlegended, plots, page, await getEngine(), legendBelow(legend?.box, plots)),
  );
  const figure = {
    image: labels.boxes.reduce((painted, box) => paintedOver(painted, box, page), unlegended),
    legendOutside: legend !== null,
  };
  // read so that the panels printing shared axes come first; reported in reading order
  const read: (PanelChart | null)[] = panels.map(() => null);
  const problems: (string | null)[] = panels.map(() => null);
  let firstError: unknown = null;
  const unplotted: number[] = [];
  // panels only one of whose axes calibrated lend that axis, after the charts read
  const halves: (Donor | null)[] = panels.map(() => null);
  const donors = (): Donor[] =>
    [read, halves].flatMap((list) =>
      list.flatMap((donor, k) => (donor === null ? [] : [{ ...donor, layout: found[k].plot }])),
    );
  // what each panel failed at, the plot it was read on, and the donors it was offered (`lent`
  // counts the axes lent so far)
  const failedAt: (string | null)[] = panels.map(() => null);
  const readOn: (Box | undefined)[] = panels.map(() => undefined);
  const offered: number[] = panels.map(() => 0);
  let lent = 0;
  const readPanel = async (k: number, knownPlot?: Box) => {
    const panel = panels[k];
    readOn[k] = knownPlot;
    try {
      read[k] = {
        ...(await chartOf(panel, [], donors(), figure, knownPlot, found[k].plot)),
        panel,
      };
      problems[k] = null;
      failedAt[k] = null;
      lent += halves[k] ? 1 : 2;
      halves[k] = null;
    } catch (error) {
      const { code, stage } = error as DigitizeError;
      if (code === 'ABORTED' || code === 'INTERNAL') throw error;
      firstError ??= error;
      problems[k] = `panel ${panel.label ?? panel.index + 1}: ${(error as Error).message}`;
      failedAt[k] = stage;
      if (stage === 'plot' && !knownPlot) unplotted.push(k);
      if (error instanceof OneAxisError && !halves[k]) {
        halves[k] = halfDonor(error, offsetOf(panel.box));
        lent++;
      }
    }
    offered[k] = lent;
  };
  const order = donorOrder(found.map(({ plot }) => plot));
  for (const k of order) await readPanel(k);
  // A panel whose own lines make no plot (an inner panel of a facet grid draws no axis line)
  // is read on the plot the figure's lines placed, its sides lined up with the panels read
  // beside it (in its row: top and bottom; in its column: left and right).
  for (const k of unplotted) {
    const done = read.filter((chart) => chart !== null);
    await readPanel(k, linedUp(found[k].plot, done));
  }
  // A panel that could not calibrate an axis is read again once panels read after it offer
  // more axes (a panel half read lends the axis it calibrated): in a facet grid whose corner
  // panel read only one of its axes, the panels that take that one lend it the other. Again
  // while a pass reads one more.
  for (let more = true; more; ) {
    more = false;
    for (const k of order) {
      if (read[k] !== null || failedAt[k] !== 'calibrate' || offered[k] === lent) continue;
      await readPanel(k, readOn[k]);
      if (read[k] !== null) more = true;
    }
  }
  const charts = labelPanels(
    shareAxisLabels(
      nameSharedSeries(
        read.filter((chart) => chart !== null),
        legend,
      ),
      labels,
    ),
  );
  warnings.push(...problems.filter((problem) => problem !== null));
  if (charts.length * 2 < panels.length) {
    // Most panels do not read: the "panels" may be pieces of one chart (a filled panel's cells
    // between its white grid lines; one cell may read on an axis lent by the cell beside it),
    // so the whole image is tried as one chart, and taken where it reads.
    const whole = {
      index: 0,
      label: null,
      box: { left: 0, top: 0, right: image.width, bottom: image.height },
    };
    try {
      return await chartOf(whole, charts.length === 0 ? warnings : [...warnings]);
    } catch (error) {
      const { code } = error as DigitizeError;
      if (code === 'ABORTED' || code === 'INTERNAL') throw error;
      if (charts.length === 0) {
        throw firstError ?? new DigitizeError('NO_CHART_FOUND', 'panels', 'no chart found');
      }
    }
  }
  return { source, ...(labels.title && { title: labels.title }), charts, warnings };
}

/**
 * Panels of one row (column) overlap across by at least this share of the shorter one: their
 * plots' top and bottom (left and right) are one.
 */
const SAME_ROW = 0.8;

/**
 * `plot` with its top and bottom taken from the nearest chart's plot in its row, its left and
 * right from the nearest one's in its column (where a chart is read there).
 */
function linedUp(plot: Box, charts: readonly ChartResult[]): Box {
  const nearest = (along: 'x' | 'y') => {
    const [from, to] = along === 'x' ? (['top', 'bottom'] as const) : (['left', 'right'] as const);
    const [a, b] = along === 'x' ? (['left', 'right'] as const) : (['top', 'bottom'] as const);
    const centre = (p: Box) => (p[a] + p[b]) / 2;
    let best: Box | null = null;
    for (const { plot: other } of charts) {
      const overlap = Math.min(other[to], plot[to]) - Math.max(other[from], plot[from]);
      if (overlap < Math.min(other[to] - other[from], plot[to] - plot[from]) * SAME_ROW) continue;
      if (!best || Math.abs(centre(other) - centre(plot)) < Math.abs(centre(best) - centre(plot)))
        best = other;
    }
    return best;
  };
  const row = nearest('x');
  const column = nearest('y');
  return {
    left: column?.left ?? plot.left,
    right: column?.right ?? plot.right,
    top: row?.top ?? plot.top,
    bottom: row?.bottom ?? plot.bottom,
  };
}

/**
 * The axis a panel calibrated, as it lends it, from the error of the panel's read (its other
 * axis failed), with the panel's crop at `offset` in the figure: its plot and ticks in the
 * figure's pixels, its limits at the plot's sides.
 */
function halfDonor(error: OneAxisError, [dx, dy]: [number, number]): Donor {
  const { axis, scale, plot } = error;
  const [shift, low, high] =
    axis === 'x' ? [dx, plot.left, plot.right] : [dy, plot.bottom, plot.top];
  const result: AxisResult = {
    label: null,
    scale: scale.scale,
    min: scale.pixelToData(low),
    max: scale.pixelToData(high),
    confidence: 0.5,
    ticks: scale.ticks.map((tick) => ({ ...tick, pixel: tick.pixel + shift })),
  };
  return {
    plot: {
      left: plot.left + dx,
      top: plot.top + dy,
      right: plot.right + dx,
      bottom: plot.bottom + dy,
    },
    axes: { [axis]: result },
  };
}

/** The first row of a figure legend drawn below all `plots`; the image's end otherwise. */
function legendBelow(box: Box | undefined, plots: Box[]): number | undefined {
  return box && box.top >= Math.max(...plots.map((plot) => plot.bottom)) ? box.top : undefined;
}

/** Where a panel's crop starts in the image (whole pixels, as `crop` cuts it). */
function offsetOf(box: Box): [number, number] {
  return [Math.max(0, Math.floor(box.left)), Math.max(0, Math.floor(box.top))];
}

/** Whether `box` is the whole image. */
function isWhole(box: Box, image: Raster): boolean {
  return (
    box.left === 0 && box.top === 0 && box.right === image.width && box.bottom === image.height
  );
}

/** The pixels of `box` (whole pixels, inside the image) as a raster of their own. */
function crop(image: Raster, box: Box): Raster {
  const left = Math.max(0, Math.floor(box.left));
  const top = Math.max(0, Math.floor(box.top));
  const width = Math.min(image.width, Math.ceil(box.right)) - left;
  const height = Math.min(image.height, Math.ceil(box.bottom)) - top;
  const data = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row++) {
    const from = ((top + row) * image.width + left) * 3;
    data.set(image.data.subarray(from, from + width * 3), row * width * 3);
  }
  return { data, width, height, channels: 3 };
}

/**
 * A chart read from a crop at `offset` of an image read at 1/`scale` of its size (across,
 * down), with its pixel positions moved into the whole image's own pixels (`size`).
 */
function placed(
  chart: ChartResult,
  [dx, dy]: [number, number],
  [sx, sy]: [number, number],
  size: { width: number; height: number },
): ChartResult {
  const x = (v: number) => (v + dx) * sx;
  const y = (v: number) => (v + dy) * sy;
  const { plot, axes, legend } = chart;
  return {
    ...chart,
    image: { width: size.width, height: size.height },
    plot: { left: x(plot.left), top: y(plot.top), right: x(plot.right), bottom: y(plot.bottom) },
    axes: {
      x: { ...axes.x, ticks: axes.x.ticks.map((tick) => ({ ...tick, pixel: x(tick.pixel) })) },
      y: { ...axes.y, ticks: axes.y.ticks.map((tick) => ({ ...tick, pixel: y(tick.pixel) })) },
    },
    ...(legend && {
      legend: {
        box: {
          left: x(legend.box.left),
          top: y(legend.box.top),
          right: x(legend.box.right),
          bottom: y(legend.box.bottom),
        },
      },
    }),
  };
}

/** A box scaled by `scale` (across, down). */
function scaled(box: Box, [sx, sy]: [number, number]): Box {
  return { left: box.left * sx, top: box.top * sy, right: box.right * sx, bottom: box.bottom * sy };
}
