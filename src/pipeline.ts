import { chartConfidence } from './calibrate/axisConfidence.js';
import { calibrateAxis, scaleAxis } from './calibrate/calibrateAxis.js';
import { parseTickLabel } from './calibrate/parseTick.js';
import { type Rgb, toHex } from './color.js';
import { DigitizeError } from './errors.js';
import { findLegend } from './legend/findLegend.js';
import { loadRaster } from './load/loadRaster.js';
import type { OcrEngine } from './ocr/engine.js';
import { readChartText } from './ocr/readChartText.js';
import { findPlotArea, inkMask } from './plot/findPlotArea.js';
import { separateSeries } from './separate/separateSeries.js';
import { followHidden, inkBeside } from './trace/followHidden.js';
import { seriesConfidence } from './trace/seriesConfidence.js';
import { traceSeries } from './trace/traceSeries.js';
import type { AxisResult, AxisScale, Box, ChartResult, SeriesResult, Word } from './types.js';

/** What `digitize` accepts: a file path, or the encoded image bytes. */
export type DigitizeInput = string | Buffer | Uint8Array;

/** Milliseconds spent in each stage of one chart. */
export interface StageTimings {
  decode: number;
  plot: number;
  legend: number;
  /** Text around the plot and the legend's names. */
  ocr: number;
  calibrate: number;
  separate: number;
  trace: number;
  total: number;
}

export interface PipelineOptions {
  /** The input as reported in the result and in errors (a path, or null). */
  source: string | null;
  maxPixels: number;
  /** The OCR engine, started on first use. */
  getEngine: () => Promise<OcrEngine>;
  onTimings?: (timings: StageTimings) => void;
  /** Checked between stages: once aborted (a time limit, a cancel), no further stage runs. */
  signal?: AbortSignal;
}

/** A series whose points cover less of its span than this is reported as gappy. */
const GAPPY_COVERAGE = 0.7;
/** Pixels this close (0..255 per channel) to black may be a marker's outline. */
const OUTLINE_DARK = 90;
const BLACK: Rgb = [0, 0, 0];
/** Drawn pixels this far (0..255) from the plot background may hide a series under them. */
const OCCLUDER_INK = 30;
/** A series with more than this share of its ink in big filled blobs is bars or areas. */
const FILLED = 0.5;
/** Markers joined by a line over less than this share of the columns between them have none. */
const SCATTER_JOINED = 0.3;
/** A colour with its ink this close (px) to another series' ink... */
const HALO_REACH = 2;
/** ...for this share of its pixels is a halo around that line. */
const HALO_SHARE = 0.8;
/** Pixels this close to the frame are frame, not data. */
const FRAME_MARGIN = 2;

/** The pipeline, in order: load, plot area, legend, text, calibration, series, tracing, mapping. */
export async function runPipeline(
  input: DigitizeInput,
  { source, maxPixels, getEngine, onTimings, signal }: PipelineOptions,
): Promise<ChartResult> {
  const started = performance.now();
  let last = started;
  const timings: Partial<StageTimings> = {};
  const lap = (stage: Exclude<keyof StageTimings, 'total'>) => {
    const now = performance.now();
    timings[stage] = now - last;
    last = now;
    if (signal?.aborted) {
      throw new DigitizeError('ABORTED', stage === 'decode' ? 'load' : stage, 'stopped', {
        input: source,
        cause: signal.reason,
      });
    }
  };
  const { warnings, ...image } = await loadRaster(input, { maxPixels });
  lap('decode');
  const plot = findPlotArea(image);
  lap('plot');
  const legend = findLegend(image, plot);
  lap('legend');
  const engine = await getEngine();
  const text = await readChartText(
    image,
    plot,
    engine,
    legend && { box: legend.box, texts: legend.slots.map((slot) => slot.text) },
  );
  lap('ocr');
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
  if (!xFit.axis && !yFit.axis && !text.xTickWords.concat(text.yTickWords).some(isNumber)) {
    // Not one number beside the plot: a photograph, a pie chart, a table, a diagram.
    throw new DigitizeError(
      'NO_CHART_FOUND',
      'calibrate',
      'no numbered axis found: not a line chart',
      { input: source },
    );
  }
  if (!xFit.axis || !yFit.axis) {
    throw new DigitizeError(
      'CALIBRATION_FAILED',
      'calibrate',
      `could not calibrate the ${!xFit.axis ? 'x' : 'y'} axis from its tick labels`,
      { input: source },
    );
  }
  const xAxis = scaleAxis(xFit.axis, text.xMultiplier);
  const yAxis = scaleAxis(yFit.axis, text.yMultiplier);
  for (const [axis, factor] of [
    ['x', text.xMultiplier],
    ['y', text.yMultiplier],
  ] as const) {
    if (factor !== 1)
      warnings.push(`${axis} values multiplied by ${factor} (printed at the axis end)`);
  }
  lap('calibrate');

  // Pieces of a dashed sample can fall in a name's box: OCR reads them as '-', '=' or '+'.
  const read = text.legendNames.map((name) => name.replace(/^[^\p{L}\p{N}([]+/u, '').trim());
  // A slot whose text reads as nothing is no entry (a mark beside the legend's text column, a
  // sample with no name): its colour is not listed.
  const entries = legend?.slots.filter((_, i) => read[i] !== '') ?? [];
  const names = read.filter((name) => name !== '');
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
    colors: entries.map((slot) => slot.color),
    translucent: legend && {
      box: legend.box,
      samples: legend.slots.map((slot) => grow(slot.handle, 2)),
      texts: legend.slots.map((slot) => grow(slot.text, 2)),
    },
  });
  const ink = inkMask(image, plot.background, OCCLUDER_INK);
  // Near-black pixels: the complement of the ink far from black (flipped in place: a map()
  // with a callback per pixel cost more than the mask).
  const dark = inkMask(image, BLACK, OUTLINE_DARK);
  for (let i = 0; i < dark.length; i++) dark[i] = 1 - dark[i];
  lap('separate');
  const series: SeriesResult[] = [];
  const filledSeries: string[] = [];
  const traces = masks.map((mask) => {
    if (mask.count === 0) return null;
    // Whatever else is drawn may be hiding this series.
    const occluded = new Uint8Array(ink.length);
    for (let j = 0; j < ink.length; j++) occluded[j] = ink[j] && mask.weight[j] === 0 ? 1 : 0;
    // Dark ink may outline its markers, unless the series is dark itself.
    const outlines = Math.max(...mask.color) > OUTLINE_DARK ? dark : undefined;
    return traceSeries(mask.weight, image.width, image.height, region, { occluded, outlines });
  });
  // A colour with no legend entry found only beside a stronger series' line is a halo of
  // blended pixels around it (JPEG ringing, a glow), not a series.
  const halos = new Set<number>();
  traces.forEach((trace, i) => {
    if (!trace || (legend && i < names.length)) return;
    const host = traces.findIndex(
      (other, j) =>
        other &&
        j !== i &&
        !halos.has(j) &&
        masks[j].count > masks[i].count &&
        inkBeside(masks[i].weight, masks[j].weight, image.width, HALO_REACH) >= HALO_SHARE,
    );
    if (host < 0) return;
    warnings.push(
      `the colour ${toHex(masks[i].color)} lies only beside series '${names[host] ?? toHex(masks[host].color)}': taken for a halo around its line and left out`,
    );
    halos.add(i);
  });
  // Bare lines hidden under one another over a stretch follow the one on top there.
  const bare = traces.flatMap((trace, i) =>
    trace && !trace.markers && !halos.has(i)
      ? [{ i, points: trace.points, weight: masks[i].weight }]
      : [],
  );
  followHidden(bare, image.width).forEach((points, n) => {
    traces[bare[n].i]!.points = points;
  });
  masks.forEach((mask, i) => {
    const name = legend ? (names[i] ?? null) : null;
    if (halos.has(i)) return;
    if (legend && i >= names.length && mask.count > 0) {
      warnings.push(`a series coloured ${toHex(mask.color)} has no legend entry`);
    }
    const trace = traces[i];
    if (trace === null) {
      warnings.push(`legend entry '${name}' has no matching colour in the plot`);
      return;
    }
    if (trace.points.length === 0) return;
    const label = name ?? toHex(mask.color);
    if (trace.filled > FILLED) {
      filledSeries.push(label);
      return;
    }
    if (trace.markers && trace.joined < SCATTER_JOINED) {
      warnings.push(
        `series '${label}' is markers without a line (a scatter plot, not a line chart): its points are the markers`,
      );
    }
    if (trace.coverage < GAPPY_COVERAGE && !trace.markers) {
      warnings.push(
        `series '${name ?? i + 1}' has large gaps (${Math.round(trace.coverage * 100)}% traced)`,
      );
    }
    series.push({
      name,
      color: toHex(mask.color),
      marker: trace.marker,
      confidence: seriesConfidence({
        points: trace.points,
        markers: trace.markers,
        plotWidth: region.right - region.left,
        ticks: Math.min(xAxis.ticks.length, yAxis.ticks.length),
        unlisted: legend !== null && i >= names.length,
      }),
      points: trace.points.map(({ px, py }) => ({
        x: xAxis.pixelToData(px),
        y: yAxis.pixelToData(py),
      })),
    });
  });
  if (filledSeries.length > 0) {
    const what = `filled bars or areas (${filledSeries.join(', ')})`;
    if (series.length === 0) {
      throw new DigitizeError('NOT_A_LINE_CHART', 'trace', `${what}: not a line chart`, {
        input: source,
      });
    }
    warnings.push(`${what} left out: they are not lines`);
  }
  if (series.length === 0) warnings.push('no series found in the plot');
  lap('trace');
  onTimings?.({ ...(timings as StageTimings), total: performance.now() - started });
  return {
    source,
    image: { width: image.width, height: image.height },
    title: text.title,
    plot: { left: plot.left, top: plot.top, right: plot.right, bottom: plot.bottom },
    axes: {
      x: axisResult(xAxis, xFit.confidence, text.xLabel, plot.left, plot.right),
      y: axisResult(yAxis, yFit.confidence, text.yLabel, plot.bottom, plot.top),
    },
    series,
    confidence: chartConfidence([xFit.confidence, yFit.confidence], series),
    warnings,
  };
}

function axisResult(
  axis: AxisScale,
  confidence: number,
  label: string | null,
  minPixel: number,
  maxPixel: number,
): AxisResult {
  return {
    label,
    scale: axis.scale,
    min: axis.pixelToData(minPixel),
    max: axis.pixelToData(maxPixel),
    confidence,
    ticks: axis.ticks,
  };
}

/** A box grown by `by` px on every side. */
function grow(box: Box, by: number): Box {
  return { left: box.left - by, top: box.top - by, right: box.right + by, bottom: box.bottom + by };
}

/** Whether OCR read a number (a tick label) in a word. */
function isNumber(word: Word): boolean {
  return parseTickLabel(word.text) !== null;
}
