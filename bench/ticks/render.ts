/**
 * Draws the tick-label stress set: small empty charts whose x and y tick labels come from the
 * label sets of `labels.ts`, in every font of `FONTS` at every cap height of `CAP_HEIGHTS`
 * (5 to 16 px). matplotlib draws its fonts (through /usr/bin/python3 and `render_mpl.py`, at
 * 72 dpi: 1 pt = 1 px); the web looks (Chart.js, Vega, Open Sans) are SVG rasterised by
 * librsvg through the test renderer. Writes `bench/ticks/charts/<id>.png` (greyscale) and
 * `bench/ticks/charts/truth.json` (each label's text, value and pixel).
 *
 *   npx tsx bench/ticks/render.ts
 *
 * Deterministic, but the pictures depend on the fonts installed, so they are committed:
 * the bench (`npm run bench:ticks`) reads them and never draws.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { renderChart } from '../../test/helpers/renderChart.js';
import {
  CAP_HEIGHTS,
  CHARTS_PER_CELL,
  canonical,
  FONTS,
  type Font,
  LABEL_SETS,
  type LabelSet,
  SUPERSCRIPT,
} from './labels.js';

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, 'charts');
const PYTHON = '/usr/bin/python3';
const MPL_SCRIPT = join(here, 'render_mpl.py');

/** Width of a character in em, roughly (digits are about 0.55 to 0.64 em in these fonts). */
const CHAR_EM = 0.62;
/** A raised exponent's characters are smaller. */
const RAISED_EM = 0.45;
/** Space between two x labels, in em: wide enough that no two labels merge. */
const X_GAP_EM = 1.5;
/** Height of one y tick step, in em. */
const Y_STEP_EM = 2;
/** matplotlib's tick length and pad (3.5 pt each) at 72 dpi. */
const TICK_PX = 7;

export interface LabelTruth {
  /** The label as printed (markup of labels.ts). */
  printed: string;
  /** What OCR should read. */
  text: string;
  value: number;
  /** Centre of its tick along the axis (pixel indices). */
  pixel: number;
}

export interface AxisTruth {
  set: string;
  scale: 'linear' | 'log';
  labels: LabelTruth[];
}

export interface ChartTruth {
  id: string;
  font: string;
  renderer: string;
  cap: number;
  fontSize: number;
  x: AxisTruth;
  y: AxisTruth;
}

function labelWidth(label: string, fontSize: number): number {
  const raised = /\^\{([^}]*)\}/.exec(label)?.[1] ?? '';
  const base = label.replace(/\^\{[^}]*\}/, '');
  return ([...base].length * CHAR_EM + [...raised].length * RAISED_EM) * fontSize;
}

interface Layout {
  width: number;
  height: number;
  /** left, right, bottom, top margins (px). */
  margins: [number, number, number, number];
}

function layout(x: LabelSet, y: LabelSet, fontSize: number): Layout {
  const widestX = Math.max(...x.labels.map((l) => labelWidth(l, fontSize)));
  const widestY = Math.max(...y.labels.map((l) => labelWidth(l, fontSize)));
  const plotWidth = Math.max(100, x.labels.length * (widestX + X_GAP_EM * fontSize));
  const plotHeight = Math.max(80, y.labels.length * Y_STEP_EM * fontSize);
  const left = Math.ceil(widestY + TICK_PX + fontSize * 2.5 + 6);
  const right = Math.ceil(widestX / 2 + 8);
  const bottom = Math.ceil(TICK_PX + fontSize * 3.2 + 6);
  const top = Math.ceil(fontSize + 6);
  return {
    width: Math.ceil(left + plotWidth + right),
    height: Math.ceil(bottom + plotHeight + top),
    margins: [left, right, bottom, top],
  };
}

/** A label as matplotlib mathtext or plain text. */
function mplText(label: string, font: Font): string {
  if (font.family === 'cm') {
    const tex = label
      .replace(/[a-zA-Z]+/g, (letters) => `\\mathrm{${letters}}`)
      .replaceAll('−', '-')
      .replaceAll('×', '\\times ')
      .replaceAll(',', '{,}')
      .replaceAll(' ', '\\ ')
      .replaceAll('%', '\\%')
      // In math mode a minus after a letter is a binary operator, spaced: braces keep it tight.
      .replace(/}-/g, '}{-}');
    return `$${tex}$`;
  }
  if (!label.includes('^{')) return label;
  return `$\\mathdefault{${label.replaceAll('−', '-').replaceAll('×', '\\times ')}}$`;
}

/** A label for SVG: raised exponents as Unicode superscripts (`10⁻³`). */
function svgText(label: string): string {
  return label.replace(/\^\{([^}]*)\}/g, (_, exponent: string) =>
    [...exponent].map((c) => SUPERSCRIPT[c] ?? c).join(''),
  );
}

let state = 20261201;
/** A linear congruential generator: repeatable without a dependency. */
function random(): number {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
}

function axisTruth(set: LabelSet, pixels: number[]): AxisTruth {
  return {
    set: set.id,
    scale: set.scale,
    labels: set.labels.map((printed, i) => ({
      printed,
      text: canonical(printed),
      value: set.values[i],
      pixel: Math.round(pixels[i] * 100) / 100,
    })),
  };
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const families = [...new Set(FONTS.map((font) => font.resolved))];
  const caps: Record<string, number> = JSON.parse(
    execFileSync(PYTHON, [MPL_SCRIPT, '--caps', ...families], { encoding: 'utf8' }),
  );
  const charts: (ChartTruth & { xSet: LabelSet; ySet: LabelSet; layout: Layout })[] = [];
  FONTS.forEach((font, f) => {
    CAP_HEIGHTS.forEach((cap, s) => {
      for (let k = 0; k < CHARTS_PER_CELL; k++) {
        const slot = (s * CHARTS_PER_CELL + k) * 2;
        const xSet = LABEL_SETS[(slot + f * 5) % LABEL_SETS.length];
        const ySet = LABEL_SETS[(slot + 1 + f * 5) % LABEL_SETS.length];
        // Sizes a renderer would be given: a tenth of a pixel (pt at 72 dpi), jittered a little.
        const fontSize = Math.round((cap / caps[font.resolved]) * 10 + random() * 2 - 1) / 10;
        charts.push({
          id: `${font.id}-c${String(cap).padStart(2, '0')}-${k}`,
          font: font.id,
          renderer: font.renderer,
          cap,
          fontSize,
          xSet,
          ySet,
          layout: layout(xSet, ySet, fontSize),
          x: axisTruth(xSet, []),
          y: axisTruth(ySet, []),
        });
      }
    });
  });

  const mpl = charts.filter((chart) => chart.renderer === 'matplotlib');
  const specs = mpl.map((chart) => {
    const font = FONTS.find((candidate) => candidate.id === chart.font)!;
    return {
      id: chart.id,
      family: font.family,
      fontset:
        font.family === 'cm' ? 'cm' : font.family === 'DejaVu Sans' ? 'dejavusans' : 'custom',
      fontsize: chart.fontSize,
      width: chart.layout.width,
      height: chart.layout.height,
      margins: chart.layout.margins,
      xlabels: chart.xSet.labels.map((label) => mplText(label, font)),
      ylabels: chart.ySet.labels.map((label) => mplText(label, font)),
      xtitle: font.family === 'cm' ? '$\\mathrm{Step}$' : 'Step',
      ytitle: font.family === 'cm' ? '$\\mathrm{Value}$' : 'Value',
    };
  });
  const specFile = join(tmpdir(), `ticks-specs-${process.pid}.json`);
  writeFileSync(specFile, JSON.stringify(specs));
  const positions: { id: string; x: number[]; y: number[] }[] = JSON.parse(
    execFileSync(PYTHON, [MPL_SCRIPT, specFile, OUT], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    }),
  );
  rmSync(specFile);
  for (const { id, x, y } of positions) {
    const chart = charts.find((candidate) => candidate.id === id)!;
    chart.x = axisTruth(chart.xSet, x);
    chart.y = axisTruth(chart.ySet, y);
  }

  for (const chart of charts.filter((candidate) => candidate.renderer !== 'matplotlib')) {
    const font = FONTS.find((candidate) => candidate.id === chart.font)!;
    const { width, height, margins } = chart.layout;
    const [left, right, bottom, top] = margins;
    const nx = chart.xSet.labels.length;
    const ny = chart.ySet.labels.length;
    const rendered = await renderChart({
      style: chart.renderer === 'svg-matplotlib' ? 'matplotlib' : (chart.renderer as 'vega'),
      width,
      height,
      plot: { left, top, right: width - 1 - right, bottom: height - 1 - bottom },
      xRange: [-0.5, nx - 0.5],
      yRange: [-0.5, ny - 0.5],
      xTicks: Array.from({ length: nx }, (_, i) => i),
      yTicks: Array.from({ length: ny }, (_, i) => i),
      tickFormat: (v, axis) => svgText((axis === 'x' ? chart.xSet : chart.ySet).labels[v]),
      xLabel: 'Step',
      yLabel: 'Value',
      series: [],
      fontSize: chart.fontSize,
      fontFamily: font.family,
    });
    writeFileSync(join(OUT, `${chart.id}.png`), rendered.png);
    chart.x = axisTruth(
      chart.xSet,
      chart.xSet.labels.map((_, i) => rendered.dataToPixel(i, 0).px),
    );
    chart.y = axisTruth(
      chart.ySet,
      chart.ySet.labels.map((_, i) => rendered.dataToPixel(0, i).py),
    );
  }

  // Greyscale PNG at the highest compression: the set stays small in the repository.
  for (const name of readdirSync(OUT).filter((file) => file.endsWith('.png'))) {
    const path = join(OUT, name);
    const grey = await sharp(path)
      .greyscale()
      .png({ compressionLevel: 9, palette: false })
      .toBuffer();
    writeFileSync(path, grey);
  }
  const truth: ChartTruth[] = charts.map(({ id, font, renderer, cap, fontSize, x, y }) => ({
    id,
    font,
    renderer,
    cap,
    fontSize,
    x,
    y,
  }));
  writeFileSync(join(OUT, 'truth.json'), `${JSON.stringify(truth, null, 1)}\n`);
  console.log(`${charts.length} charts written to ${OUT}`);
}

await main();
