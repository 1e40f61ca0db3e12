import { scaleAxis } from './calibrate/axisScale.js';
import { calibrateAxis } from './calibrate/calibrateAxis.js';
import { parseTickLabel } from './calibrate/parseTick.js';
import { inkMask, type Rgb } from './color.js';
import { DigitizeError } from './errors.js';
import { findLegend, type LegendLayout } from './legend/findLegend.js';
import type { OcrEngine } from './ocr/engine.js';
import { type ChartText, readChartText } from './ocr/readChartText.js';
import { findPlotArea } from './plot/findPlotArea.js';
import { reviewSeries } from './review/reviewSeries.js';
import { separateSeries } from './separate/separateSeries.js';
import { splitSharedColors } from './separate/splitSharedColors.js';
import type { StageClock } from './stageClock.js';
import { traceSeries } from './trace/traceSeries.js';
import type {
  AxisName,
  AxisResult,
  AxisScale,
  Box,
  ChartResult,
  PlotArea,
  Raster,
  Word,
} from './types.js';

const DEFAULTS = {
  /** Pixels this close (0..255 per channel) to black may be a marker's outline. */
  outlineDark: 90,
  /** Drawn pixels this far (0..255) from the plot background may hide a series under them. */
  occluderInk: 30,
  /** Pixels this close to the frame are frame, not data. */
  frameMargin: 2,
} as const;

export interface PipelineOptions {
  /** The input as reported in the result and in errors (a path, or null). */
  source: string | null;
  /** The OCR engine, started on first use. */
  getEngine: () => Promise<OcrEngine>;
  /** Runs and times each stage, and stops between them once the work is cancelled. */
  clock: StageClock;
  /** Warnings so far (the image's, for its only chart): the chart's are added to them. */
  warnings: string[];
  /** For a panel of a figure: the axes it shares with panels read before it. */
  sharedAxis?: SharedAxis;
}

/**
 * An axis a chart shares with another chart of its figure (sharex, sharey, facets), for an axis
 * it prints no tick labels for: takes its plot in its own pixels, returns the other chart's
 * calibration moved into them and its label (which names the axis in every chart sharing it),
 * or null where no chart shares that axis.
 */
export type SharedAxis = (
  axis: AxisName,
  plot: Box,
) => { scale: AxisScale; label: string | null } | null;

const BLACK: Rgb = [0, 0, 0];

/**
 * The stages of one chart, in order: plot area, legend, text, calibration, series colours,
 * tracing, review (which maps the series to data). Takes the chart's decoded pixels (an image, or one panel of it) and returns its
 * chart object. Rejects with a DigitizeError.
 */
export async function runPipeline(
  image: Raster,
  { source, getEngine, clock, warnings, sharedAxis }: PipelineOptions,
): Promise<ChartResult> {
  const plot = await clock.run('plot', () => findPlotArea(image));
  const legend = await clock.run('legend', () => findLegend(image, plot));
  const text = await clock.run('ocr', async () =>
    readChartText(
      image,
      plot,
      await getEngine(),
      legend && { box: legend.box, texts: legend.slots.map((slot) => slot.text) },
    ),
  );
  const { xAxis, yAxis, sharedLabels } = await clock.run('calibrate', () =>
    calibrate(text, plot, source, warnings, sharedAxis),
  );
  // Pieces of a dashed sample can fall in a name's box: OCR reads them as '-', '=' or '+'.
  const read = text.legendNames.map((name) => name.replace(/^[^\p{L}\p{N}([]+/u, '').trim());
  // A slot whose text reads as nothing is no entry (a mark beside the legend's text column, a
  // sample with no name): its colour is not listed.
  const entries = legend?.slots.filter((_, i) => read[i] !== '') ?? [];
  const names = read.filter((name) => name !== '');
  const region: Box = {
    left: plot.left + DEFAULTS.frameMargin,
    top: plot.top + DEFAULTS.frameMargin,
    right: plot.right - DEFAULTS.frameMargin,
    bottom: plot.bottom - DEFAULTS.frameMargin,
  };
  const { masks, ink, dark } = await clock.run('separate', () =>
    separate(image, plot, region, legend, entries),
  );
  const traces = await clock.run('trace', () =>
    masks.map((mask) => {
      if (mask.count === 0) return null;
      // Whatever else is drawn may be hiding this series.
      const occluded = new Uint8Array(ink.length);
      for (let j = 0; j < ink.length; j++) occluded[j] = ink[j] && mask.weight[j] === 0 ? 1 : 0;
      // Dark ink may outline its markers, unless the series is dark itself.
      const outlines = Math.max(...mask.color) > DEFAULTS.outlineDark ? dark : undefined;
      return traceSeries(
        {
          weight: mask.weight,
          width: image.width,
          height: image.height,
          region,
          occluded,
          outlines,
        },
        mask.markers,
      );
    }),
  );
  const { series, warnings: doubts } = await clock.run('review', () =>
    reviewSeries({
      masks,
      traces,
      names,
      legend: legend !== null,
      axes: { x: xAxis, y: yAxis },
      region,
      width: image.width,
    }),
  );
  warnings.push(...doubts);
  return {
    source,
    image: { width: image.width, height: image.height },
    title: text.title,
    plot: { left: plot.left, top: plot.top, right: plot.right, bottom: plot.bottom },
    axes: {
      x: {
        ...axisResult(xAxis, text.xLabel ?? sharedLabels.x, plot.left, plot.right),
        grid: plot.gridX.length > 0,
      },
      y: {
        ...axisResult(yAxis, text.yLabel ?? sharedLabels.y, plot.bottom, plot.top),
        grid: plot.gridY.length > 0,
      },
    },
    series,
    warnings,
    legend: legend && { box: legend.box },
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

/**
 * Both axes fitted from their tick labels (and scaled by a multiplier printed at their end); an
 * axis without readable tick labels taken from the chart that shares it, where one does.
 * Throws NO_CHART_FOUND when no number was read beside the plot and no axis is shared,
 * CALIBRATION_FAILED when an axis could not be fitted.
 */
function calibrate(
  text: ChartText,
  plot: PlotArea,
  source: string | null,
  warnings: string[],
  sharedAxis?: SharedAxis,
): { xAxis: AxisScale; yAxis: AxisScale; sharedLabels: Record<AxisName, string | null> } {
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
  const sharedLabels: Record<AxisName, string | null> = { x: null, y: null };
  const xAxis = xFit.axis ? scaleAxis(xFit.axis, text.xMultiplier) : shared('x');
  const yAxis = yFit.axis ? scaleAxis(yFit.axis, text.yMultiplier) : shared('y');
  function shared(axis: AxisName): AxisScale | null {
    const found = sharedAxis?.(axis, plot) ?? null;
    if (!found) return null;
    warnings.push(`${axis} axis shared with another panel (no tick labels of its own)`);
    sharedLabels[axis] = found.label;
    return found.scale;
  }
  // a fit's doubts, unless the axis was taken from the chart that shares it
  warnings.push(
    ...(xFit.axis || !xAxis ? xFit.warnings : []),
    ...(yFit.axis || !yAxis ? yFit.warnings : []),
  );
  if (!xAxis && !yAxis && !text.xTickWords.concat(text.yTickWords).some(isNumber)) {
    // Not one number beside the plot: a photograph, a pie chart, a table, a diagram.
    throw new DigitizeError(
      'NO_CHART_FOUND',
      'calibrate',
      'no numbered axis found: not a line chart',
      { input: source },
    );
  }
  if (!xAxis || !yAxis) {
    throw new DigitizeError(
      'CALIBRATION_FAILED',
      'calibrate',
      `could not calibrate the ${!xAxis ? 'x' : 'y'} axis from its tick labels`,
      { input: source },
    );
  }
  for (const [axis, factor, fitted] of [
    ['x', text.xMultiplier, xFit.axis],
    ['y', text.yMultiplier, yFit.axis],
  ] as const) {
    if (factor !== 1 && fitted)
      warnings.push(`${axis} values multiplied by ${factor} (printed at the axis end)`);
  }
  return { xAxis, yAxis, sharedLabels };
}

/**
 * One weight mask per series colour (the legend's listed `entries` first), the ink of
 * whatever is drawn, and the near-black pixels that may outline markers.
 */
function separate(
  image: Raster,
  plot: PlotArea,
  region: Box,
  legend: LegendLayout | null,
  entries: LegendLayout['slots'],
) {
  const masks = separateSeries(image, {
    region,
    background: plot.background,
    exclude: legend ? [legend.box] : [],
    colors: entries.map((slot) => slot.color),
    translucent: legend && {
      box: legend.box,
      // Its frame is never data either (a grey frame is a black line seen through the fill).
      samples: [...legend.slots.map((slot) => grow(slot.handle, 2)), ...legend.frame],
      texts: legend.slots.map((slot) => grow(slot.text, 2)),
    },
  });
  splitSharedColors(image, masks, entries, region, legend?.box ?? null);
  const ink = inkMask(image, plot.background, DEFAULTS.occluderInk);
  // Near-black pixels: the complement of the ink far from black (flipped in place: a map()
  // with a callback per pixel cost more than the mask).
  const dark = inkMask(image, BLACK, DEFAULTS.outlineDark);
  for (let i = 0; i < dark.length; i++) dark[i] = 1 - dark[i];
  return { masks, ink, dark };
}

/** A box grown by `by` px on every side. */
function grow(box: Box, by: number): Box {
  return { left: box.left - by, top: box.top - by, right: box.right + by, bottom: box.bottom + by };
}

/** Whether OCR read a number (a tick label) in a word. */
function isNumber(word: Word): boolean {
  return parseTickLabel(word.text) !== null;
}
