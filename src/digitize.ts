import { calibrateAxis } from './calibrate/calibrateAxis.js';
import { toHex } from './color.js';
import { DigitizeError } from './errors.js';
import { findLegend } from './legend/findLegend.js';
import { DEFAULT_MAX_PIXELS, loadRaster } from './load/loadRaster.js';
import { createOcrEngine, type OcrEngine } from './ocr/engine.js';
import { readChartText, readLabels } from './ocr/readChartText.js';
import { findPlotArea, inkMask } from './plot/findPlotArea.js';
import { separateSeries } from './separate/separateSeries.js';
import { traceSeries } from './trace/traceSeries.js';
import type {
  AxisResult,
  AxisScale,
  Box,
  ChartResult,
  PlotArea,
  Raster,
  SeriesResult,
} from './types.js';

/** What `digitize` accepts: a file path, or the encoded image bytes. */
export type DigitizeInput = string | Buffer | Uint8Array;

/** Options for one chart. */
export interface DigitizeOptions {
  /** Images with more pixels than this are refused from their header. @default 40_000_000 */
  maxPixels?: number;
  /** Per-image time limit in milliseconds. @default 60_000 */
  timeoutMs?: number;
  /** Cancels the work. */
  signal?: AbortSignal;
}

export interface DigitizerOptions extends DigitizeOptions {
  /** Folder holding eng.traineddata.gz. @default the package's models/ folder */
  modelDir?: string;
}

/** A digitizer that keeps its OCR engine between charts. Call `close()` when done. */
export interface Digitizer {
  digitize(input: DigitizeInput, options?: DigitizeOptions): Promise<ChartResult>;
  close(): Promise<void>;
}

/** A series whose points cover less of its span than this is reported as gappy. */
const GAPPY_COVERAGE = 0.7;
/** Drawn pixels this far (0..255) from the plot background may hide a series under them. */
const OCCLUDER_INK = 30;
/** Pixels this close to the frame are frame, not data. */
const FRAME_MARGIN = 2;

/** Creates a digitizer whose OCR engine is started once (on first use) and reused for every chart. */
export function createDigitizer(options: DigitizerOptions = {}): Digitizer {
  let engine: Promise<OcrEngine> | null = null;
  const getEngine = () => {
    engine ??= createOcrEngine({ modelDir: options.modelDir });
    return engine;
  };
  return {
    async digitize(input, perCall = {}) {
      const {
        maxPixels = DEFAULT_MAX_PIXELS,
        timeoutMs = 60_000,
        signal,
      } = { ...options, ...perCall };
      const source = typeof input === 'string' ? input : null;
      if (!(typeof input === 'string' || input instanceof Uint8Array)) {
        throw new TypeError(
          `Expected string, Buffer or Uint8Array for input but received ${String(input)} of type ${typeof input}`,
        );
      }
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      const limits = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new DigitizeError('TIMEOUT', 'input', `took longer than ${timeoutMs} ms`, {
                input: source,
              }),
            ),
          timeoutMs,
        );
        onAbort = () =>
          reject(new DigitizeError('ABORTED', 'input', 'cancelled', { input: source }));
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      });
      try {
        return await Promise.race([run(input, source, maxPixels, getEngine), limits]);
      } catch (error) {
        if (error instanceof DigitizeError) {
          error.input ??= source;
          throw error;
        }
        throw new DigitizeError('NO_CHART_FOUND', 'trace', 'unexpected failure', {
          input: source,
          cause: error,
        });
      } finally {
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      }
    },
    async close() {
      if (engine) await (await engine).close();
      engine = null;
    },
  };
}

/** The pipeline, in order: load, plot area, text, calibration, legend, series, tracing, mapping. */
async function run(
  input: DigitizeInput,
  source: string | null,
  maxPixels: number,
  getEngine: () => Promise<OcrEngine>,
): Promise<ChartResult> {
  const { warnings, ...image } = await loadRaster(input, { maxPixels });
  const plot = findPlotArea(image);
  const engine = await getEngine();
  const text = await readChartText(image, plot, engine);
  const xFit = calibrateAxis({
    axis: 'x',
    words: text.xTickWords,
    marks: [...plot.ticksX, ...plot.gridX],
  });
  const yFit = calibrateAxis({
    axis: 'y',
    words: text.yTickWords,
    marks: [...plot.ticksY, ...plot.gridY],
  });
  warnings.push(...xFit.warnings, ...yFit.warnings);
  if (!xFit.axis || !yFit.axis) {
    throw new DigitizeError(
      'CALIBRATION_FAILED',
      'calibrate',
      `could not calibrate the ${!xFit.axis ? 'x' : 'y'} axis from its tick labels`,
      { input: source },
    );
  }
  const xAxis = xFit.axis;
  const yAxis = yFit.axis;

  const legend = findLegend(image, plot);
  const names = legend
    ? await readLegendNames(
        engine,
        image,
        plot,
        legend.slots.map((slot) => slot.text),
      )
    : [];
  const region: Box = {
    left: plot.left + FRAME_MARGIN,
    top: plot.top + FRAME_MARGIN,
    right: plot.right - FRAME_MARGIN,
    bottom: plot.bottom - FRAME_MARGIN,
  };
  const masks = separateSeries(image, {
    region,
    background: plot.background,
    exclude: legend ? [legend.box] : [],
    colors: legend?.slots.map((slot) => slot.color) ?? [],
  });
  const ink = inkMask(image, plot.background, OCCLUDER_INK);
  const series: SeriesResult[] = [];
  masks.forEach((mask, i) => {
    const name = legend ? (names[i] ?? null) : null;
    if (legend && i >= names.length && mask.count > 0) {
      warnings.push(`a series coloured ${toHex(mask.color)} has no legend entry`);
    }
    if (mask.count === 0) {
      warnings.push(`legend entry '${name}' has no matching colour in the plot`);
      return;
    }
    // Whatever else is drawn may be hiding this series.
    const occluded = ink.map((on, j) => (on && mask.weight[j] === 0 ? 1 : 0));
    const trace = traceSeries(mask.weight, image.width, image.height, region, { occluded });
    if (trace.points.length === 0) return;
    if (trace.coverage < GAPPY_COVERAGE && !trace.markers) {
      warnings.push(
        `series '${name ?? i + 1}' has large gaps (${Math.round(trace.coverage * 100)}% traced)`,
      );
    }
    series.push({
      name,
      color: toHex(mask.color),
      marker: null,
      confidence: Math.round(Math.min(1, trace.coverage) * 1000) / 1000,
      points: trace.points.map(({ px, py }) => ({
        x: xAxis.pixelToData(px),
        y: yAxis.pixelToData(py),
      })),
    });
  });
  if (series.length === 0) warnings.push('no series found in the plot');
  return {
    source,
    image: { width: image.width, height: image.height },
    title: text.title,
    plot: { left: plot.left, top: plot.top, right: plot.right, bottom: plot.bottom },
    axes: {
      x: axisResult(xAxis, text.xLabel, plot.left, plot.right),
      y: axisResult(yAxis, text.yLabel, plot.bottom, plot.top),
    },
    series,
    warnings,
  };
}

function axisResult(
  axis: AxisScale,
  label: string | null,
  minPixel: number,
  maxPixel: number,
): AxisResult {
  return {
    label,
    scale: axis.scale,
    min: axis.pixelToData(minPixel),
    max: axis.pixelToData(maxPixel),
    ticks: axis.ticks,
  };
}

/** Legend texts, all read in one OCR call. */
async function readLegendNames(engine: OcrEngine, image: Raster, plot: PlotArea, boxes: Box[]) {
  const texts = await readLabels(engine, image, boxes, plot.page, {
    whitelist: '',
    exponents: false,
    separator: ' ',
  });
  // Pieces of a dashed sample can fall in the text box: OCR reads them as '-', '=' or '+'.
  return texts.map((text) => text.replace(/^[^\p{L}\p{N}([]+/u, '').trim());
}

/** Digitizes one chart with a fresh OCR engine (closed before it returns). */
export async function digitize(
  input: DigitizeInput,
  options: DigitizerOptions = {},
): Promise<ChartResult> {
  const digitizer = createDigitizer(options);
  try {
    return await digitizer.digitize(input, options);
  } finally {
    await digitizer.close();
  }
}
