import type { Box } from '../types.js';

const DEFAULTS = {
  /** An entry whose colour inks fewer than this share of the plot's columns draws no line. */
  minSpan: 0.05,
} as const;

/**
 * Legend entries whose colour draws no line in the plot (its ink in under DEFAULTS.minSpan of
 * the columns), while colours no entry lists do: the entry's colour was misread (its sample
 * measured on its text, or on a mark too small to show its colour). Each such entry, in the
 * legend's order, takes one of those lines (`seriesLabs` from `known` on, in the order found),
 * those in `taken` (entry -> line) excepted. Returns entry index -> the index of its line.
 */
export function misreadEntries(
  width: number,
  region: Box,
  pixels: number[],
  assignment: { series: number }[],
  count: number,
  known: number,
  taken: Map<number, number>,
): Map<number, number> {
  const columns = Array.from({ length: count }, () => new Set<number>());
  assignment.forEach(({ series }, i) => {
    if (series >= 0) columns[series].add(pixels[i] % width);
  });
  const span = (region.right - region.left) * DEFAULTS.minSpan;
  const used = new Set(taken.values());
  const lines = columns.flatMap((_, s) => (s >= known && !used.has(s) ? [s] : []));
  const entries = columns.flatMap((inked, s) =>
    s < known && !taken.has(s) && inked.size < span ? [s] : [],
  );
  return new Map(entries.slice(0, lines.length).map((entry, n) => [entry, lines[n]]));
}
