import { axisResult } from './calibrate/axisScale.js';
import { calibrateChart, type SharedAxis } from './calibrate/calibrateChart.js';
import { readTickWords } from './calibrate/readTickWords.js';
import { inkMask, type Rgb } from './color.js';
import { findLegend, type LegendLayout } from './legend/findLegend.js';
import { legendComplete } from './legend/legendComplete.js';
import { legendCover } from './legend/legendCover.js';
import { pairingDoubts } from './legend/pairingDoubts.js';
import { isPatchSample } from './legend/patchSample.js';
import type { OcrEngine } from './ocr/engine.js';
import { readChartText } from './ocr/readChartText.js';
import { readSlantedLabels } from './ocr/readSlantedLabels.js';
import { findPlotArea } from './plot/findPlotArea.js';
import { chartConfidence } from './review/confidence.js';
import { inEntryOrder } from './review/pairByColor.js';
import { reviewSeries } from './review/reviewSeries.js';
import { evenlySpaced } from './separate/gridInk.js';
import { type SeriesMask, separateSeries } from './separate/separateSeries.js';
import { sharesColor, splitSharedColors } from './separate/splitSharedColors.js';
import { splitUnlisted } from './separate/splitUnlisted.js';
import { insideTickMarks } from './separate/tickMarks.js';
import type { StageClock } from './stageClock.js';
import { traceSeries } from './trace/traceSeries.js';
import type { Box, ChartResult, PlotArea, Raster, Word } from './types.js';

const DEFAULTS = {
  /** Pixels this close (0..255 per channel) to black may be a marker's outline. */
  outlineDark: 90,
  /** Drawn pixels this far (0..255) from the plot background may hide a series under them. */
  occluderInk: 30,
  /** Pixels this close to the frame are frame, not data. */
  frameMargin: 2,
  /** A grid line this close (px) to a tick mark is drawn at the tick. */
  gridAtTick: 1.5,
  /** The text height (px) assumed where no y tick label was read: 10 pt at 96 dpi. */
  textHeight: 13,
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
  /**
   * For a panel of a figure whose legend lies outside every panel: the panel has none of its
   * own (what would be found is text around its plot, or pieces of curves), and its series are
   * named from the figure's legend afterwards.
   */
  legendOutside?: boolean;
  /**
   * For a panel of a figure: its plot as the figure's lines place it, taken where the panel's
   * own lines make none (an inner panel of a facet grid draws no axis line).
   */
  knownPlot?: Box;
}

export type { SharedAxis };

const BLACK: Rgb = [0, 0, 0];

/**
 * The stages of one chart, in order: plot area, legend, text, calibration, series colours,
 * tracing, review (which maps the series to data). Takes the chart's decoded pixels (an image, or one panel of it) and returns its
 * chart object. Rejects with a DigitizeError.
 */
export async function runPipeline(
  image: Raster,
  { source, getEngine, clock, warnings, sharedAxis, legendOutside, knownPlot }: PipelineOptions,
): Promise<ChartResult> {
  const found = await clock.run('plot', () => findPlotArea(image, knownPlot));
  if (found.estimate) warnings.push(`plot area: ${found.estimate}`);
  const legend = legendOutside ? null : await clock.run('legend', () => findLegend(image, found));
  const text = await clock.run('ocr', async () =>
    readChartText(
      image,
      found,
      await getEngine(),
      legend && {
        box: legend.box,
        texts: legend.slots.map((slot) => slot.text),
        colors: legend.slots.map((slot) => slot.color),
      },
    ),
  );
  const { xAxis, yAxis, xConfidence, yConfidence, categories, sharedLabels, box } = await clock.run(
    'calibrate',
    () =>
      calibrateChart({
        text,
        plot: found,
        source,
        warnings,
        readTickWords: async () =>
          readTickWords(await getEngine(), image, text.xTickWords, found.page),
        readTickRun: async (box) => {
          const [run] = await readTickWords(
            await getEngine(),
            image,
            [{ text: '', box, confidence: 0 }],
            found.page,
          );
          return run ?? null;
        },
        readSlantedTickWords: async () =>
          text.xTickBand
            ? readSlantedLabels(await getEngine(), image, found.page, {
                band: slantedBand(text.xTickBand, found, image.width),
                textHeight: textHeightOf(text.yTickWords),
              })
            : [],
        sharedAxis,
      }),
  );
  // The plot as the calibration places it (a side moved to its first tick past tick marks).
  const plot: PlotArea = box ? { ...found, ...box } : found;
  // A slot whose text reads as nothing is no entry (a mark beside the legend's text column, a
  // sample with no name): its colour is not listed.
  const entries = legend?.slots.filter((_, i) => text.legendNames[i] !== '') ?? [];
  const names = text.legendNames.filter((name) => name !== '');
  const region: Box = {
    left: plot.left + DEFAULTS.frameMargin,
    top: plot.top + DEFAULTS.frameMargin,
    right: plot.right - DEFAULTS.frameMargin,
    bottom: plot.bottom - DEFAULTS.frameMargin,
  };
  const separated = await clock.run('separate', () =>
    separate(image, plot, region, legend, entries),
  );
  const { ink, dark, doubtful } = separated;
  const { masks } = separated;
  const onlyListed = listedOnly(masks, image, plot, legend, entries);
  const traces = await clock.run('trace', () => {
    // The drawn pixels, listed once (most of a plot is its background).
    const drawn = indicesOf(ink);
    return masks.map((mask) => {
      if (mask.count === 0) return null;
      // Whatever else is drawn may be hiding this series.
      const occluded = new Uint8Array(ink.length);
      for (const j of drawn) if (mask.weight[j] === 0) occluded[j] = 1;
      // Dark ink may outline its markers, unless the series is dark itself.
      const outlines = Math.max(...mask.color) > DEFAULTS.outlineDark ? dark : undefined;
      return traceSeries(
        {
          weight: mask.weight,
          width: image.width,
          height: image.height,
          region,
          edges: plot,
          occluded,
          outlines,
        },
        mask.markers,
      );
    });
  });
  const {
    series,
    warnings: doubts,
    missing,
  } = await clock.run('review', () => {
    // Each entry names the series whose line is drawn in its sample's colour: separation may
    // have given a line's pixels to a neighbouring grey or tint.
    const paired = inEntryOrder(image, plot.background, entries, masks, traces);
    return reviewSeries({
      masks: paired.masks,
      traces: paired.traces,
      names,
      legend: legend !== null,
      patches: new Set(entries.flatMap((slot, i) => (isPatchSample(image, slot) ? [i] : []))),
      doubtful,
      legendBox: legend ? legendCover(image, legend.box, plot.background, region) : null,
      listedOnly: onlyListed,
      axes: { x: xAxis, y: yAxis },
      region,
      width: image.width,
      background: plot.background,
    });
  });
  warnings.push(...doubts);
  return {
    source,
    image: { width: image.width, height: image.height },
    title: text.title,
    plot: { left: plot.left, top: plot.top, right: plot.right, bottom: plot.bottom },
    axes: {
      x: {
        ...axisResult(xAxis, xConfidence, text.xLabel ?? sharedLabels.x, plot.left, plot.right),
        ...(categories && { categories }),
        grid: plot.gridX.length > 0,
      },
      y: {
        ...axisResult(yAxis, yConfidence, text.yLabel ?? sharedLabels.y, plot.bottom, plot.top),
        grid: plot.gridY.length > 0,
      },
    },
    series,
    confidence: chartConfidence({
      axes: [xConfidence, yConfidence],
      series,
      missing,
      plotEstimated: plot.estimate !== undefined,
    }),
    warnings,
    legend: legend && { box: legend.box },
  };
}

/**
 * One weight mask per series colour (the legend's listed `entries` first), the ink of
 * whatever is drawn, the near-black pixels that may outline markers, and the entries whose
 * pairing with their series is doubtful.
 */
async function separate(
  image: Raster,
  plot: PlotArea,
  region: Box,
  legend: LegendLayout | null,
  entries: LegendLayout['slots'],
) {
  const found = await separateSeries(image, {
    region,
    background: plot.background,
    // Tick marks drawn inside are never data (where greys are series, they would pass for one).
    exclude: [...(legend ? [legend.box] : []), ...insideTickMarks(image, plot, plot.background)],
    colors: entries.map((slot) => slot.color),
    grid: { x: atTicks(plot.gridX, plot.ticksX), y: atTicks(plot.gridY, plot.ticksY) },
    translucent: legend && {
      box: legend.box,
      // Its frame is never data either (a grey frame is a black line seen through the fill).
      samples: [...legend.slots.map((slot) => grow(slot.handle, 2)), ...legend.frame],
      texts: legend.slots.map((slot) => grow(slot.text, 2)),
    },
  });
  const styleDoubts = splitSharedColors(
    image,
    found,
    entries,
    region,
    legend?.box ?? null,
    plot.background,
  );
  const masks = splitUnlisted(found, image, region, entries.length);
  // Entries paired with their series by a close call: on dash or marker, or on a colour
  // another series has almost as well.
  const colorDoubts = pairingDoubts(
    entries.map((slot) => slot.color),
    masks.map((mask) => mask.color),
    masks.map((mask) => mask.count > 0),
    (i, j) => sharesColor(entries[i].color, masks[j].color),
  );
  const doubtful = new Set([...styleDoubts, ...colorDoubts]);
  const ink = inkMask(image, plot.background, DEFAULTS.occluderInk);
  // Near-black pixels: the complement of the ink far from black (flipped in place: a map()
  // with a callback per pixel cost more than the mask).
  const dark = inkMask(image, BLACK, DEFAULTS.outlineDark);
  for (let i = 0; i < dark.length; i++) dark[i] = 1 - dark[i];
  return { masks, ink, dark, doubtful };
}

/**
 * Whether a legend read whole lists every series: with every entry named and drawn, and no
 * entry lost (`legendComplete`), a colour or curve it does not list is no series but part of
 * one (error bars, a band's edge, a JPEG halo, markers or dashes split off as curves of their
 * own, a washed-out line's true core); unless they outnumber the listed ones. Such colours are
 * still traced and reviewed with the others (a line's core split off as a colour of its own is
 * what its listed series is followed along where hidden, and what a second trace is told from),
 * and left out of the series only then (`reviewSeries`' `listedOnly`): left out before tracing,
 * a washed-out line's listed colour had kept only its pale edges, traced in gaps.
 */
function listedOnly(
  masks: SeriesMask[],
  image: Raster,
  plot: PlotArea,
  legend: LegendLayout | null,
  entries: LegendLayout['slots'],
): boolean {
  if (!legend || masks.length <= entries.length || entries.length < legend.slots.length) {
    return false;
  }
  if (masks.slice(0, entries.length).some((mask) => mask.count === 0)) return false;
  // A legend listing fewer series than the pieces it would leave out has more likely lost
  // entries (a crowded legend of ten, some names missed) than the chart drawn that many pieces.
  const left = masks.length - entries.length;
  if (left > entries.length) return false;
  return legendComplete(image, plot.background, legend.slots);
}

/**
 * The grid lines drawn at tick marks: a long flat stretch of a series is found among grid
 * lines too, but seldom at a tick.
 */
function atTicks(grid: number[], ticks: number[]): number[] {
  const at = grid.filter((line) =>
    ticks.some((tick) => Math.abs(tick - line) <= DEFAULTS.gridAtTick),
  );
  // Where tick marks were not found at two of them (ticks drawn inside, or none), the evenly
  // spaced lines.
  return at.length >= 2 ? at : evenlySpaced(grid);
}

/**
 * The band of the x tick labels widened for slanted labels: a label anchored at the first or
 * last tick reaches up to the band's height beyond it, to the left (rising) or right (falling).
 */
function slantedBand(band: Box, plot: PlotArea, width: number): Box {
  const reach = band.bottom - band.top;
  return {
    left: Math.max(0, plot.left - reach * 1.5),
    right: Math.min(width, plot.right + reach * 1.5),
    top: band.top,
    bottom: band.bottom,
  };
}

/** The height (px) of level text in a chart: its y tick labels' median, else a small font's. */
function textHeightOf(words: Word[]): number {
  const heights = words.map((word) => word.box.bottom - word.box.top).sort((a, b) => a - b);
  return heights.length > 0 ? heights[Math.floor(heights.length / 2)] : DEFAULTS.textHeight;
}

/** The indices of a mask's set pixels. */
function indicesOf(mask: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  const indices = new Int32Array(count);
  for (let i = 0, k = 0; k < count; i++) if (mask[i]) indices[k++] = i;
  return indices;
}

/** A box grown by `by` px on every side. */
function grow(box: Box, by: number): Box {
  return { left: box.left - by, top: box.top - by, right: box.right + by, bottom: box.bottom + by };
}

/** Whether OCR read a number (a tick label) in a word. */
