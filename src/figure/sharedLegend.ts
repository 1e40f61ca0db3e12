import { deltaE2000, fromHex, type Lab, type Rgb, rgbToLab } from '../color.js';
import type { ChartResult } from '../types.js';

/**
 * Series of one figure within this CIEDE2000 distance are drawn in one colour: the engines draw
 * a series in the same colour in every panel, read back within a few units (anti-aliasing,
 * JPEG); the palettes' colours lie 20 and more apart.
 */
const SAME_SERIES = 8;

/**
 * A legend's sample is a thin line, read lighter than its series (anti-aliasing): the colour of
 * a sample and of its series lie up to about 12 apart; the palettes' colours, 20 and more.
 */
const SAME_SAMPLE = 18;

/** A legend drawn outside every panel: its entries' sample colours and names, in order. */
export interface OutsideLegend {
  colors: Rgb[];
  names: string[];
}

/**
 * Names the series a panel drew without a legend of its own from the figure's legend: first
 * the legend outside every panel (`outside`), where there is one, then the legend another
 * panel read (a legend shared by all panels, drawn in one of them). An unnamed series takes the
 * name of the nearest legend sample (or named series of another chart) in its colour, nearest
 * pairs first, where no series of its own chart has that name. Returns new charts; the
 * figure's order is kept.
 */
export function nameSharedSeries<T extends ChartResult>(
  charts: readonly T[],
  outside: OutsideLegend | null = null,
): T[] {
  const named = charts.flatMap((chart, k) =>
    chart.series
      .filter((s) => s.name !== null)
      .map((s) => ({ chart: k, name: s.name as string, lab: rgbToLab(fromHex(s.color)) })),
  );
  const samples = (outside?.names ?? []).map((name, i) => ({
    chart: -1,
    name,
    lab: rgbToLab(outside!.colors[i]),
  }));
  return charts.map((chart, k) => {
    if (chart.series.every((s) => s.name !== null)) return chart;
    const names = chart.series.map((s) => s.name);
    nameNearest(chart, names, samples, SAME_SAMPLE);
    nameNearest(
      chart,
      names,
      named.filter((other) => other.chart !== k),
      SAME_SERIES,
    );
    return { ...chart, series: chart.series.map((s, i) => ({ ...s, name: names[i] })) };
  });
}

/**
 * Gives each unnamed series of `chart` (`names`, filled in place) the name of the nearest of
 * `sources` within `within` of its colour, nearest pairs first, each name once in the chart.
 */
function nameNearest(
  chart: ChartResult,
  names: (string | null)[],
  sources: { name: string; lab: Lab }[],
  within: number,
): void {
  const pairs = chart.series.flatMap((s, i) => {
    if (names[i] !== null) return [];
    const lab = rgbToLab(fromHex(s.color));
    return sources.flatMap((source) => {
      const distance = deltaE2000(lab, source.lab);
      return distance <= within ? [{ series: i, name: source.name, distance }] : [];
    });
  });
  pairs.sort((a, b) => a.distance - b.distance);
  for (const { series, name } of pairs) {
    if (names[series] === null && !names.includes(name)) names[series] = name;
  }
}
