import { deltaE2000, fromHex, rgbToLab } from '../color.js';
import type { ChartResult } from '../types.js';

/**
 * Series of one figure within this CIEDE2000 distance are drawn in one colour: the engines draw
 * a series in the same colour in every panel, read back within a few units (anti-aliasing,
 * JPEG); the palettes' colours lie 20 and more apart.
 */
const SAME_SERIES = 8;

/**
 * Names the series a panel drew without a legend of its own from the figure's legend, read by
 * another panel (a legend shared by all panels is read by the panel it lies in): an unnamed
 * series takes the name of the nearest named series of another chart in the same colour, where
 * no series of its own chart has that name. Returns new charts; the figure's order is kept.
 */
export function nameSharedSeries<T extends ChartResult>(charts: readonly T[]): T[] {
  const named = charts.flatMap((chart, k) =>
    chart.series
      .filter((s) => s.name !== null)
      .map((s) => ({ chart: k, name: s.name as string, lab: rgbToLab(fromHex(s.color)) })),
  );
  return charts.map((chart, k) => {
    if (chart.series.every((s) => s.name !== null)) return chart;
    const taken = new Set(chart.series.map((s) => s.name));
    const series = chart.series.map((s) => {
      if (s.name !== null) return s;
      const lab = rgbToLab(fromHex(s.color));
      let best: { name: string; distance: number } | null = null;
      for (const other of named) {
        const distance = deltaE2000(lab, other.lab);
        if (other.chart === k || distance > SAME_SERIES) continue;
        if (!best || distance < best.distance) best = { name: other.name, distance };
      }
      if (!best || taken.has(best.name)) return s;
      taken.add(best.name);
      return { ...s, name: best.name };
    });
    return { ...chart, series };
  });
}
