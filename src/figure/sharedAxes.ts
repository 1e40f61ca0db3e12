import { scaleFromLimits } from '../calibrate/axisScale.js';
import type { SharedAxis } from '../pipeline.js';
import type { AxisResult, Box } from '../types.js';

/**
 * A panel read before, as it lends its axes: a chart, or a panel only one of whose axes
 * calibrated (the other is missing). Its plot in the figure's pixels.
 */
export interface Donor {
  plot: Box;
  axes: { x?: AxisResult; y?: AxisResult };
  /**
   * Its plot as the figure's layout found it (`findPanels`), where known: panels line up by
   * these, found alike for every panel. The chart's own plot may stop at its last grid line
   * where a panel drawn with no frame reaches past it, and its neighbour's does not.
   */
  layout?: Box;
}

/**
 * Plots of one column (row) of a figure agree on their sides within this many px: matplotlib's
 * sharex, ggplot2's facets and Vega-Lite's facets draw them from one layout, to the pixel; two
 * px more for anti-aliasing and JPEG.
 */
const SAME_EDGE_PX = 3;

/**
 * The order to read a figure's panels in so that a panel's neighbours that print shared tick
 * labels come first: from the bottom-left corner (the panel that prints both axes' labels in a
 * figure with shared axes) outwards, column by column and row by row. Takes the panels' plots
 * and returns their indices.
 */
export function donorOrder(plots: Box[]): number[] {
  const rank = (values: number[], value: number) =>
    new Set(values.filter((v) => v < value - SAME_EDGE_PX)).size;
  const lefts = plots.map((p) => p.left);
  const bottoms = plots.map((p) => -p.bottom);
  const key = plots.map((p) => rank(lefts, p.left) + rank(bottoms, -p.bottom));
  return plots.map((_, k) => k).sort((a, b) => key[a] - key[b] || a - b);
}

/**
 * A plot spanning another along an axis (a mosaic's wide panel under two narrow ones) overlaps
 * at least this share of the narrower one's extent along it.
 */
const SPANS = 0.9;

/**
 * The shared axes `charts` (read already, in the figure's pixels) offer a panel whose pixels
 * start at `offset` in the figure: its x axis from a chart whose plot has the same left and
 * right sides (one column, sharex), its y axis from one with the same top and bottom (one row,
 * sharey), or one whose plot as the layout found it lines up with the panel's (`layout`, in
 * the figure's pixels), as that chart calibrated it, moved into the panel's pixels, with its
 * label. Failing that, from the nearest chart whose plot spans the panel's along that axis, or
 * is spanned by
 * it (a mosaic's panels share their limits, not their sides): its limits at the panel's sides;
 * failing that, from the nearest chart whose plot is as long along that axis (a grid's panels of
 * one size, moved apart by their tick labels, or across the grid: a facet grid whose only panel
 * printing that axis did not read it): its limits at the panel's sides. Null where no chart
 * lines up. `charts` may hold panels with one axis only (`Donor`): they lend that one.
 */
export function sharedAxisFrom(
  donors: readonly Donor[],
  [dx, dy]: [number, number],
  layout?: Box,
): SharedAxis {
  const near = (a: number, b: number) => Math.abs(a - b) <= SAME_EDGE_PX;
  return (axis, plot) => {
    const [lo, hi, shift] =
      axis === 'x'
        ? [(p: Box) => p.left, (p: Box) => p.right, dx]
        : [(p: Box) => p.bottom, (p: Box) => p.top, dy];
    const own = {
      left: plot.left + dx,
      top: plot.top + dy,
      right: plot.right + dx,
      bottom: plot.bottom + dy,
    };
    const charts = donors.filter((c) => c.axes[axis] !== undefined);
    const lined = (c: Donor, mine: Box) => near(lo(c.plot), lo(mine)) && near(hi(c.plot), hi(mine));
    const aligned =
      charts.find((c) => lined(c, own)) ??
      (layout && charts.find((c) => c.layout && lined({ ...c, plot: c.layout }, layout)));
    const donor = aligned ?? spanning(charts, own, axis) ?? sameLength(charts, own, axis);
    if (!donor) return null;
    const from = donor.axes[axis] as AxisResult;
    // the donor's plot sides, in the panel's pixels: its own where it lines up, else the
    // panel's (its limits fall at them)
    const [start, end] = aligned
      ? [lo(donor.plot) - shift, hi(donor.plot) - shift]
      : [lo(plot), hi(plot)];
    const along = (pixel: number) =>
      start + ((pixel - lo(donor.plot)) * (end - start)) / (hi(donor.plot) - lo(donor.plot));
    const ticks = from.ticks.map((tick) => ({ ...tick, pixel: along(tick.pixel) }));
    return {
      scale: scaleFromLimits({ ...from, ticks }, start, end),
      label: from.label,
      confidence: from.confidence,
    };
  };
}

/**
 * The chart nearest `own` (across `axis`) whose plot spans it along `axis`, or that it spans:
 * they overlap along it by `SPANS` of the narrower's extent. Null where none does.
 */
function spanning(charts: readonly Donor[], own: Box, axis: 'x' | 'y'): Donor | null {
  const [from, to] = axis === 'x' ? (['left', 'right'] as const) : (['top', 'bottom'] as const);
  const [across, acrossEnd] =
    axis === 'x' ? (['top', 'bottom'] as const) : (['left', 'right'] as const);
  const centre = (p: Box) => (p[across] + p[acrossEnd]) / 2;
  let best: Donor | null = null;
  for (const chart of charts) {
    const p = chart.plot;
    const overlap = Math.min(p[to], own[to]) - Math.max(p[from], own[from]);
    const narrower = Math.min(p[to] - p[from], own[to] - own[from]);
    if (overlap < narrower * SPANS) continue;
    const distance = Math.abs(centre(p) - centre(own));
    if (!best || distance < Math.abs(centre(best.plot) - centre(own))) best = chart;
  }
  return best;
}

/**
 * The chart nearest `own` (centre to centre) whose plot is as long as it along `axis`, within
 * `SAME_EDGE_PX`. Null where none is.
 */
function sameLength(charts: readonly Donor[], own: Box, axis: 'x' | 'y'): Donor | null {
  const [from, to] = axis === 'x' ? (['left', 'right'] as const) : (['top', 'bottom'] as const);
  const length = (p: Box) => p[to] - p[from];
  const centre = (p: Box): [number, number] => [(p.left + p.right) / 2, (p.top + p.bottom) / 2];
  const distance = (p: Box) =>
    Math.hypot(centre(p)[0] - centre(own)[0], centre(p)[1] - centre(own)[1]);
  let best: Donor | null = null;
  for (const chart of charts) {
    if (Math.abs(length(chart.plot) - length(own)) > SAME_EDGE_PX) continue;
    if (!best || distance(chart.plot) < distance(best.plot)) best = chart;
  }
  return best;
}
