import type { Box } from '../types.js';
import type { SeriesMask } from './separateSeries.js';
import { splitCurves } from './splitCurves.js';

const DEFAULTS = {
  /** A curve split off holds ink in at least this share of the plot's columns (not a stray mark). */
  minSpan: 0.2,
  /**
   * The curves hold at least this share of the mask's ink: where they hold less, they were
   * not followed (markers, curves crossing everywhere) and the mask is left whole.
   */
  minHeld: 0.5,
} as const;

/**
 * Series found with no legend to list them (by clustering colours) may each hold several
 * curves of one colour: series told apart only by dash pattern, or grey levels too close to
 * cluster apart. Each mask that holds several curves (curvesApart) is replaced by one mask per
 * curve. Returns the masks, in order, with those replaced.
 */
export function splitUnlisted(masks: SeriesMask[], width: number, region: Box): SeriesMask[] {
  return masks.flatMap((mask) => curvesApart(mask, width, region) ?? [mask]);
}

/**
 * The curves a mask's ink shows apart across enough of the plot (splitCurves, not told how
 * many), one mask each, each spanning at least DEFAULTS.minSpan of the plot's columns and
 * together holding DEFAULTS.minHeld of its ink; null when it shows one.
 */
export function curvesApart(mask: SeriesMask, width: number, region: Box): SeriesMask[] | null {
  if (mask.count === 0) return null;
  const columns = Math.max(1, Math.floor(region.right) - Math.ceil(region.left));
  const curves = splitCurves(mask.weight, width, region, { count: null });
  if (!curves) return null;
  const split = curves.map(({ weight }) => {
    let count = 0;
    let ink = 0;
    const inked = new Set<number>();
    for (let p = 0; p < weight.length; p++) {
      if (weight[p] > 0) {
        count++;
        ink += weight[p];
        inked.add(p % width);
      }
    }
    return { color: mask.color, weight, count, ink, span: inked.size };
  });
  if (split.some(({ span }) => span < columns * DEFAULTS.minSpan)) return null;
  const held = split.reduce((sum, { ink }) => sum + ink, 0);
  if (held < mask.weight.reduce((sum, w) => sum + w, 0) * DEFAULTS.minHeld) return null;
  return split.map(({ color, weight, count }) => ({ color, weight, count }));
}
