/**
 * Tick-label bench: reads the stress set (`bench/ticks/charts`, drawn by `render.ts`) with the
 * digitizer's own stages (plot area, then the text around it: `readChartText`, the OCR path of
 * every chart) and prints the share of tick labels read exactly, by font and by cap height,
 * for the PNG, for a JPEG copy of each chart (quality 50 to 90, made here by sharp) and for a
 * shrunk copy of the charts of cap height 9 px and more (to 0.6 of their size, as a figure is
 * downscaled after it was drawn: 5 to 10 px text blurred by the resampling kernel), the
 * share of axes calibrated right (every tick's value within 2% of the axis range) and how
 * confident the wrong ones were, and the OCR time per chart.
 *
 *   npm run bench:ticks -- [--only SUBSTRING] [--plain | --jpeg | --shrunk] [--errors] [--reader R]
 *
 * `--errors` lists every label read wrong (`id axis: printed -> read`) and every axis
 * calibrated wrong. `--reader` reads tick labels with `tesseract` alone (the glyph model left
 * out), the `glyphs` recogniser alone (tesseract never asked about a tick label), or `both`
 * (the default: the digitizer's way).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { calibrateAxis } from '../../src/calibrate/calibrateAxis.js';
import { loadRaster } from '../../src/load/loadRaster.js';
import { createOcrEngine, type OcrEngine } from '../../src/ocr/engine.js';
import { readChartText } from '../../src/ocr/readChartText.js';
import { findPlotArea } from '../../src/plot/findPlotArea.js';
import type { AxisScale, Word } from '../../src/types.js';
import { CAP_HEIGHTS, canonical, FONTS } from './labels.js';
import type { AxisTruth, ChartTruth } from './render.js';

const here = dirname(fileURLToPath(import.meta.url));
const CHARTS = join(here, 'charts');
/** JPEG qualities, one per chart in turn. */
const QUALITIES = [50, 60, 70, 80, 90];
/** Shrunk copies: charts of this cap height (px) or more, shrunk by this factor with each
 * resampling kernel in turn (sharp's names; those of image editors and browsers). */
const SHRINK = { fromCap: 9, factor: 0.6 } as const;
const SHRINK_KERNELS = ['linear', 'cubic', 'mitchell', 'lanczos3'] as const;
/** An axis is right when every tick's value is within this share of the range the labels span
 * (the contract calls an axis off by more than 2% of its range wrong). */
const AXIS_TOLERANCE = 0.02;
/** The smallest cap height the accuracy target covers. */
const TARGET_FROM_CAP = 7;

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : '';
const modes = args.includes('--plain')
  ? ['png']
  : args.includes('--jpeg')
    ? ['jpeg']
    : args.includes('--shrunk')
      ? ['shrunk']
      : ['png', 'jpeg', 'shrunk'];
const listErrors = args.includes('--errors');
const reader = args.includes('--reader') ? args[args.indexOf('--reader') + 1] : 'both';

interface Tally {
  right: number;
  total: number;
}
const tally = () => ({ right: 0, total: 0 });
const rate = ({ right, total }: Tally) => (total ? `${((100 * right) / total).toFixed(1)}%` : '-');

/** For each truth label, the word read nearest its tick, if within half a tick step. */
function matchWords(truth: AxisTruth, words: Word[], axis: 'x' | 'y'): (Word | null)[] {
  const pixels = truth.labels.map((label) => label.pixel);
  const step = Math.abs(pixels[1] - pixels[0]);
  const centre = (word: Word) =>
    axis === 'x' ? (word.box.left + word.box.right) / 2 : (word.box.top + word.box.bottom) / 2;
  return pixels.map((pixel) => {
    let best: Word | null = null;
    for (const word of words) {
      const d = Math.abs(centre(word) - pixel);
      if (d < step / 2 && (!best || d < Math.abs(centre(best) - pixel))) best = word;
    }
    return best;
  });
}

/**
 * How far a fitted axis is from the truth: the largest error of a truth tick's value, as a
 * share of the range the labels span (log10 units on a log axis); Infinity with no axis.
 */
function axisError(fitted: AxisScale | null, truth: AxisTruth): number {
  if (!fitted) return Number.POSITIVE_INFINITY;
  const v = (value: number) => (truth.scale === 'log' ? Math.log10(value) : value);
  const values = truth.labels.map((label) => v(label.value));
  const span = Math.max(...values) - Math.min(...values);
  return Math.max(
    ...truth.labels.map((label) => {
      const value = fitted.pixelToData(label.pixel);
      if (truth.scale === 'log' && !(value > 0)) return Number.POSITIVE_INFINITY;
      return Math.abs(v(value) - v(label.value)) / span;
    }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** What the bench counts, per mode (png, jpeg). */
interface Tallies {
  byFont: Map<string, Record<string, Tally>>;
  byCap: Map<number, Record<string, Tally>>;
  overall: Record<string, Tally>;
  target: Record<string, Tally>;
  axes: Record<string, Tally>;
  /** Axes with confidence >= 0.9, and how many of them are right. */
  sureAxes: Record<string, Tally>;
  /** Axes calibrated wrong, and how many of them have confidence < 0.5. */
  wrongAxes: Record<string, Tally>;
  ocrTimes: Record<string, number[]>;
  errors: string[];
}

async function main(): Promise<void> {
  const charts: ChartTruth[] = JSON.parse(readFileSync(join(CHARTS, 'truth.json'), 'utf8')).filter(
    (chart: ChartTruth) => chart.id.includes(only),
  );
  const started = await createOcrEngine();
  const engine: OcrEngine =
    reader === 'tesseract'
      ? { ...started, glyphs: null }
      : reader === 'glyphs'
        ? {
            ...started,
            // Tesseract still reads the axis titles, never a tick label (the only whitelisted call).
            recognize: (png, options) =>
              options?.whitelist ? Promise.resolve([]) : started.recognize(png, options),
          }
        : started;
  const perMode = () => Object.fromEntries(modes.map((mode) => [mode, tally()]));
  const t: Tallies = {
    byFont: new Map(),
    byCap: new Map(),
    overall: perMode(),
    target: perMode(),
    axes: perMode(),
    sureAxes: perMode(),
    wrongAxes: perMode(),
    ocrTimes: Object.fromEntries(modes.map((mode) => [mode, []])),
    errors: [],
  };
  try {
    for (const mode of modes) {
      for (const [index, drawn] of charts.entries()) {
        if (mode === 'shrunk' && drawn.cap < SHRINK.fromCap) continue;
        const chart = mode === 'shrunk' ? shrunkTruth(drawn) : drawn;
        const { words, plot } = await readChart(engine, drawn, index, mode, t);
        for (const axis of ['x', 'y'] as const) {
          countLabels(t, chart, axis, mode, words[axis]);
          const marks = plot
            ? axis === 'x'
              ? [...plot.ticksX, ...plot.gridX]
              : [...plot.ticksY, ...plot.gridY]
            : [];
          countAxis(t, chart, axis, mode, words[axis], marks);
        }
      }
    }
  } finally {
    await engine.close();
  }
  report(t);
}

/** The tick words of one chart as the digitizer reads them (PNG, or a JPEG copy). */
async function readChart(
  engine: OcrEngine,
  chart: ChartTruth,
  index: number,
  mode: string,
  t: Tallies,
): Promise<{ words: { x: Word[]; y: Word[] }; plot: ReturnType<typeof findPlotArea> | null }> {
  const png = readFileSync(join(CHARTS, `${chart.id}.png`));
  const { width = 0, height = 0 } = mode === 'shrunk' ? await sharp(png).metadata() : {};
  const bytes =
    mode === 'png'
      ? png
      : mode === 'jpeg'
        ? await sharp(png)
            .jpeg({ quality: QUALITIES[index % QUALITIES.length] })
            .toBuffer()
        : await sharp(png)
            .resize({
              width: Math.round(width * SHRINK.factor),
              height: Math.round(height * SHRINK.factor),
              fit: 'fill',
              kernel: SHRINK_KERNELS[index % SHRINK_KERNELS.length],
            })
            .png()
            .toBuffer();
  const { warnings: _, ...image } = await loadRaster(bytes);
  try {
    const plot = findPlotArea(image);
    const started = performance.now();
    const text = await readChartText(image, plot, engine);
    t.ocrTimes[mode].push(performance.now() - started);
    return { words: { x: text.xTickWords, y: text.yTickWords }, plot };
  } catch (error) {
    t.errors.push(`${chart.id} ${mode}: ${(error as Error).message}`);
    return { words: { x: [], y: [] }, plot: null };
  }
}

/** A chart's truth once shrunk (`SHRINK`): its cap height (rounded, as the table's rows) and
 * its ticks' pixels scaled (pixel centres). */
function shrunkTruth(chart: ChartTruth): ChartTruth {
  const f = SHRINK.factor;
  const axis = (truth: AxisTruth): AxisTruth => ({
    ...truth,
    labels: truth.labels.map((label) => ({ ...label, pixel: (label.pixel + 0.5) * f - 0.5 })),
  });
  return { ...chart, cap: Math.round(chart.cap * f), x: axis(chart.x), y: axis(chart.y) };
}

/** Counts the labels of one axis read exactly, by font and by cap height. */
function countLabels(t: Tallies, chart: ChartTruth, axis: 'x' | 'y', mode: string, words: Word[]) {
  const truth = chart[axis];
  const matched = matchWords(truth, words, axis);
  truth.labels.forEach((label, i) => {
    const read = matched[i]?.text ?? null;
    const right = read !== null && canonical(read) === label.text;
    for (const bucket of [
      t.overall[mode],
      ...(chart.cap >= TARGET_FROM_CAP ? [t.target[mode]] : []),
      cell(t.byFont, chart.font, mode),
      cell(t.byCap, chart.cap, mode),
    ]) {
      bucket.total++;
      if (right) bucket.right++;
    }
    if (!right && listErrors) {
      t.errors.push(`${chart.id} ${mode} ${axis}: ${label.printed} -> ${read ?? '(nothing)'}`);
    }
  });
}

/** Calibrates one axis from the words read and counts whether it is right, and how sure. */
function countAxis(
  t: Tallies,
  chart: ChartTruth,
  axis: 'x' | 'y',
  mode: string,
  words: Word[],
  marks: number[],
) {
  const truth = chart[axis];
  const fit = calibrateAxis({ axis, words, marks });
  t.axes[mode].total++;
  const error = axisError(fit.axis, truth);
  const right = error <= AXIS_TOLERANCE;
  if (right) t.axes[mode].right++;
  if (fit.confidence >= 0.9) t.sureAxes[mode].total++;
  if (fit.confidence >= 0.9 && right) t.sureAxes[mode].right++;
  if (!right && fit.axis) {
    t.wrongAxes[mode].total++;
    if (fit.confidence < 0.5) t.wrongAxes[mode].right++;
  }
  if (!right && listErrors) {
    const read = words.map((word) => word.text).join(' ');
    t.errors.push(
      `${chart.id} ${mode} ${axis}: axis wrong (${truth.set}, off by ${(100 * error).toFixed(1)}%), confidence ${fit.confidence}: ${read}`,
    );
  }
}

/** Prints the tables. */
function report(t: Tallies): void {
  const head = ['', ...modes.flatMap((mode) => [mode, `${mode} n`])];
  const row = (name: string, tallies: Record<string, Tally> | undefined) => [
    name,
    ...modes.flatMap((mode) => [
      rate(tallies?.[mode] ?? tally()),
      String(tallies?.[mode]?.total ?? 0),
    ]),
  ];
  console.log('Exact reads by font');
  console.log(
    table([
      ['font', ...head.slice(1)],
      ...FONTS.map((font) => row(font.id, t.byFont.get(font.id))),
    ]),
  );
  console.log('\nExact reads by cap height (px)');
  console.log(
    table([
      ['cap', ...head.slice(1)],
      ...CAP_HEIGHTS.map((cap) => row(String(cap), t.byCap.get(cap))),
    ]),
  );
  console.log('\nOverall');
  console.log(
    table([
      ['', ...modes],
      ['exact reads, all', ...modes.map((mode) => rate(t.overall[mode]))],
      [`exact reads, cap >= ${TARGET_FROM_CAP} px`, ...modes.map((mode) => rate(t.target[mode]))],
      ['axes right', ...modes.map((mode) => rate(t.axes[mode]))],
      [
        'axes with confidence >= 0.9: right',
        ...modes.map((mode) => `${rate(t.sureAxes[mode])} of ${t.sureAxes[mode].total}`),
      ],
      [
        'axes calibrated wrong: confidence < 0.5',
        ...modes.map((mode) => `${rate(t.wrongAxes[mode])} of ${t.wrongAxes[mode].total}`),
      ],
      ['OCR ms per chart, median', ...modes.map((mode) => median(t.ocrTimes[mode]).toFixed(0))],
    ]),
  );
  if (t.errors.length > 0) console.log(`\n${t.errors.join('\n')}`);
}

function cell<K>(map: Map<K, Record<string, Tally>>, key: K, mode: string): Tally {
  if (!map.has(key)) map.set(key, {});
  const record = map.get(key)!;
  record[mode] ??= tally();
  return record[mode];
}

await main();
