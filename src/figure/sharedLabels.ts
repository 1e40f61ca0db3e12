import type { Box, ChartResult } from '../types.js';

/**
 * Axis labels printed once for several panels (a facet grid's, a shared axis' under its
 * bottom row): the label names that axis in every panel. A panel that read no x label takes
 * the x label of the nearest panel below it in its column (their plots overlap across) that
 * has one, else the label printed for the whole `figure`, else the one x label every panel
 * that read one read; y labels likewise, from the nearest panel left of it in its row.
 * Returns new charts, in order.
 */
export function shareAxisLabels<T extends ChartResult>(
  charts: readonly T[],
  figure: { x: string | null; y: string | null } = { x: null, y: null },
): T[] {
  const x = labelsFor(charts, 'x', figure.x);
  const y = labelsFor(charts, 'y', figure.y);
  return charts.map((chart, k) =>
    x[k] === chart.axes.x.label && y[k] === chart.axes.y.label
      ? chart
      : {
          ...chart,
          axes: { x: { ...chart.axes.x, label: x[k] }, y: { ...chart.axes.y, label: y[k] } },
        },
  );
}

/** Each chart's `axis` label, a missing one taken from its column (x) or row (y). */
function labelsFor(
  charts: readonly ChartResult[],
  axis: 'x' | 'y',
  printed: string | null,
): (string | null)[] {
  const own = charts.map((chart) => chart.axes[axis].label);
  const distinct = new Set(own.filter((label) => label !== null).map(normal));
  const only = printed ?? (distinct.size === 1 ? own.find((label) => label !== null)! : null);
  return charts.map((chart, k) => {
    if (own[k] !== null) return own[k];
    const donors = charts
      .map((other, j) => ({ label: own[j], gap: gapTo(chart.plot, other.plot, axis) }))
      .filter((d): d is { label: string; gap: number } => d.label !== null && d.gap !== null)
      .sort((a, b) => a.gap - b.gap);
    return donors[0]?.label ?? only;
  });
}

/**
 * How far `other` lies past `plot` on the side where `axis`' label is printed (below for x,
 * left for y), where the two plots share a column (x) or a row (y); null otherwise.
 */
function gapTo(plot: Box, other: Box, axis: 'x' | 'y'): number | null {
  if (axis === 'x') {
    if (!overlapsHalf(plot.left, plot.right, other.left, other.right)) return null;
    return other.top >= plot.bottom ? other.top - plot.bottom : null;
  }
  if (!overlapsHalf(plot.top, plot.bottom, other.top, other.bottom)) return null;
  return other.right <= plot.left ? plot.left - other.right : null;
}

/** Whether two spans overlap by at least half of the shorter. */
function overlapsHalf(a0: number, a1: number, b0: number, b1: number): boolean {
  const overlap = Math.min(a1, b1) - Math.max(a0, b0);
  return overlap >= Math.min(a1 - a0, b1 - b0) / 2;
}

function normal(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}
