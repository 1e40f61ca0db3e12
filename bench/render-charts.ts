/**
 * Renders line charts of known data in three looks (matplotlib, Chart.js, Vega-Lite) with the
 * test renderer, and writes each as `<look><NN>.png` with a `<look><NN>.truth.json` in the
 * format of the development set, so the scorer can measure accuracy on charts of other looks:
 *
 *   npx tsx bench/render-charts.ts OUT_DIR [COUNT_PER_LOOK]
 *   node dist/cli.js OUT_DIR --out PRED_DIR && node ../shared/bench/score.mjs --truth OUT_DIR --pred PRED_DIR
 *
 * Deterministic: the same arguments give the same charts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { type ChartLook, type MarkerShape, renderChart } from '../test/helpers/renderChart.js';

const LOOKS: ChartLook[] = ['matplotlib', 'chartjs', 'vega'];
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
const NAMES = ['Baseline', 'Ours', 'PPO', 'GRPO', 'Adam', 'SGD', 'Teacher'];
const MARKERS: MarkerShape[] = ['circle', 'square', 'triangle-up', 'diamond'];

let state = 12345;
/** A linear congruential generator: repeatable without a dependency. */
function random(): number {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** Round tick values inside a range, about five of them. */
function ticks([from, to]: [number, number]): number[] {
  const raw = (to - from) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((m) => m >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(from / step) * step; v <= to + 1e-9; v += step) {
    out.push(Number(v.toPrecision(10)));
  }
  return out;
}

const [outDir = 'rendered-charts', countArg = '8'] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
for (const look of LOOKS) {
  for (let k = 0; k < Number(countArg); k++) {
    const id = `${look}${String(k).padStart(2, '0')}`;
    const count = 1 + Math.floor(random() * 3);
    const points = pick([8, 12, 30, 80]);
    const xMax = pick([10, 100, 1000, 50]);
    const base = pick([0, 0.5, 10, -5]);
    const scale = pick([1, 0.1, 100, 2]);
    const marker = points <= 12 ? pick(MARKERS) : null;
    const series = Array.from({ length: count }, (_, s) => {
      const x = Array.from({ length: points }, (_, i) => (i * xMax) / (points - 1));
      let walk = random();
      const y = x.map(() => {
        walk = Math.min(1, Math.max(0, walk + (random() - 0.5) * 0.3));
        return walk * scale + base;
      });
      const name = count > 1 || random() < 0.5 ? NAMES[(k + s) % NAMES.length] : null;
      return { name, color: COLORS[(k + s) % COLORS.length], x, y, marker };
    });
    const ys = series.flatMap((s) => s.y);
    const low = Math.min(...ys);
    const high = Math.max(...ys);
    const pad = (high - low) * 0.05 || 1;
    const xRange: [number, number] = [-xMax * 0.05, xMax * 1.05];
    const yRange: [number, number] = [low - pad, high + pad];
    const legend = series.some((s) => s.name)
      ? pick(['upper left', 'upper right', 'lower right', 'outside right'] as const)
      : null;
    const spec = {
      style: look,
      width: 640 + Math.floor(random() * 4) * 120,
      height: 480 + Math.floor(random() * 3) * 60,
      title: 'Validation Curve',
      xLabel: 'Training Step',
      yLabel: 'Score',
      xRange,
      yRange,
      xTicks: ticks(xRange),
      yTicks: ticks(yRange),
      series,
      legend,
    };
    const chart = await renderChart(spec);
    writeFileSync(`${outDir}/${id}.png`, chart.png);
    const truth = {
      id,
      tags: [look],
      renderer: look,
      title: spec.title,
      x_label: spec.xLabel,
      y_label: spec.yLabel,
      x_scale: 'linear',
      y_scale: 'linear',
      x_range: xRange,
      y_range: yRange,
      legend: legend !== null,
      series: series.map((s) => ({
        name: s.name,
        color: s.color,
        marker: s.marker ? 'o' : null,
        linestyle: 'solid',
        x: s.x,
        y: s.y,
      })),
    };
    writeFileSync(`${outDir}/${id}.truth.json`, JSON.stringify(truth));
  }
}
