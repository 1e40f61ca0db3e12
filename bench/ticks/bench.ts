/**
 * Tick-label bench: reads the stress set (`bench/ticks/charts`, drawn by `render.ts`) with the
 * digitizer's own stages (plot area, then the text around it: `readChartText`, the OCR path of
 * every chart) and prints the share of tick labels read exactly, by font and by cap height,
 * for the PNG and for a JPEG copy of each chart (quality 50 to 90, made here by sharp), the
 * share of axes calibrated right (every tick's value within 2% of the axis range) and how
 * confident the wrong ones were, and the OCR time per chart.
 *
 *   npm run bench:ticks -- [--only SUBSTRING] [--plain | --jpeg] [--errors] [--reader R]
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
    : ['png', 'jpeg'];
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
  const byFont = new Map<string, Record<string, Tally>>();
  const byCap = new Map<number, Record<string, Tally>>();
  const overall: Record<string, Tally> = {};
  const target: Record<string, Tally> = {};
  const axes: Record<string, Tally> = {};
  /** Axes with confidence >= 0.9, and how many of them are right. */
  const sureAxes: Record<string, Tally> = {};
  /** Axes calibrated wrong, and how many of them have confidence < 0.5. */
  const wrongAxes: Record<string, Tally> = {};
  const ocrTimes: Record<string, number[]> = {};
  const errors: string[] = [];
  try {
    for (const mode of modes) {
      overall[mode] = tally();
      target[mode] = tally();
      axes[mode] = tally();
      sureAxes[mode] = tally();
      wrongAxes[mode] = tally();
      ocrTimes[mode] = [];
      for (const [index, chart] of charts.entries()) {
        const png = readFileSync(join(CHARTS, `${chart.id}.png`));
        const bytes =
          mode === 'png'
            ? png
            : await sharp(png)
                .jpeg({ quality: QUALITIES[index % QUALITIES.length] })
                .toBuffer();
        const { warnings: _, ...image } = await loadRaster(bytes);
        let words: { x: Word[]; y: Word[] } = { x: [], y: [] };
        let plot: ReturnType<typeof findPlotArea> | null = null;
        try {
          plot = findPlotArea(image);
          const started = performance.now();
          const text = await readChartText(image, plot, engine);
          ocrTimes[mode].push(performance.now() - started);
          words = { x: text.xTickWords, y: text.yTickWords };
        } catch (error) {
          errors.push(`${chart.id} ${mode}: ${(error as Error).message}`);
        }
        for (const axis of ['x', 'y'] as const) {
          const truth = chart[axis];
          const matched = matchWords(truth, words[axis], axis);
          truth.labels.forEach((label, i) => {
            const read = matched[i]?.text ?? null;
            const right = read !== null && canonical(read) === label.text;
            for (const bucket of [
              overall[mode],
              ...(chart.cap >= TARGET_FROM_CAP ? [target[mode]] : []),
              cell(byFont, chart.font, mode),
              cell(byCap, chart.cap, mode),
            ]) {
              bucket.total++;
              if (right) bucket.right++;
            }
            if (!right && listErrors) {
              errors.push(
                `${chart.id} ${mode} ${axis}: ${label.printed} -> ${read ?? '(nothing)'}`,
              );
            }
          });
          const marks = plot
            ? axis === 'x'
              ? [...plot.ticksX, ...plot.gridX]
              : [...plot.ticksY, ...plot.gridY]
            : [];
          const fit = calibrateAxis({ axis, words: words[axis], marks });
          axes[mode].total++;
          const error = axisError(fit.axis, truth);
          const right = error <= AXIS_TOLERANCE;
          if (right) axes[mode].right++;
          if (fit.confidence >= 0.9) sureAxes[mode].total++;
          if (fit.confidence >= 0.9 && right) sureAxes[mode].right++;
          if (!right && fit.axis) {
            wrongAxes[mode].total++;
            if (fit.confidence < 0.5) wrongAxes[mode].right++;
          }
          if (!right && listErrors) {
            const read = words[axis].map((word) => word.text).join(' ');
            errors.push(
              `${chart.id} ${mode} ${axis}: axis wrong (${truth.set}, off by ${(100 * error).toFixed(1)}%), confidence ${fit.confidence}: ${read}`,
            );
          }
        }
      }
    }
  } finally {
    await engine.close();
  }
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
    table([['font', ...head.slice(1)], ...FONTS.map((font) => row(font.id, byFont.get(font.id)))]),
  );
  console.log('\nExact reads by cap height (px)');
  console.log(
    table([
      ['cap', ...head.slice(1)],
      ...CAP_HEIGHTS.map((cap) => row(String(cap), byCap.get(cap))),
    ]),
  );
  console.log('\nOverall');
  console.log(
    table([
      ['', ...modes],
      ['exact reads, all', ...modes.map((mode) => rate(overall[mode]))],
      [`exact reads, cap >= ${TARGET_FROM_CAP} px`, ...modes.map((mode) => rate(target[mode]))],
      ['axes right', ...modes.map((mode) => rate(axes[mode]))],
      [
        'axes with confidence >= 0.9: right',
        ...modes.map((mode) => `${rate(sureAxes[mode])} of ${sureAxes[mode].total}`),
      ],
      [
        'axes calibrated wrong: confidence < 0.5',
        ...modes.map((mode) => `${rate(wrongAxes[mode])} of ${wrongAxes[mode].total}`),
      ],
      ['OCR ms per chart, median', ...modes.map((mode) => median(ocrTimes[mode]).toFixed(0))],
    ]),
  );
  if (errors.length > 0) console.log(`\n${errors.join('\n')}`);
}

function cell<K>(map: Map<K, Record<string, Tally>>, key: K, mode: string): Tally {
  if (!map.has(key)) map.set(key, {});
  const record = map.get(key)!;
  record[mode] ??= tally();
  return record[mode];
}

await main();
