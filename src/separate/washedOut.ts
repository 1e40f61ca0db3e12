import type { Lab } from '../color.js';
import { BLEND_DE, blend } from './assignPixels.js';

const DEFAULTS = {
  /** A legend colour may be its line's colour paled to this much of it (0..1)... */
  paleAlpha: [0.3, 0.95],
  /** ...when this share of its pixels lie beside the line's core... */
  edgeShare: 0.6,
  /** ...within this many px of it (JPEG spreads a thin line's edge over two px)... */
  edgeReach: 2,
  /** ...its pixels with this much of its colour (0..1) or more. */
  paleCore: 0.8,
} as const;

/**
 * Legend colours that are a pale blend of a colour found beyond the legend's (`seriesLabs`
 * from `known` on), whose pixels lie mostly at the edge of that colour's line: entry index ->
 * the index of the colour its line is drawn in.
 */
export function washedOut(
  width: number,
  pixels: number[],
  assignment: { series: number; alpha: number }[],
  seriesLabs: Lab[],
  known: number,
  background: Lab,
): Map<number, number> {
  const paled = new Map<number, number>();
  const reach = Array.from(
    { length: DEFAULTS.edgeReach * 2 + 1 },
    (_, k) => k - DEFAULTS.edgeReach,
  );
  for (let extra = known; extra < seriesLabs.length; extra++) {
    const core = new Set<number>();
    assignment.forEach(({ series, alpha }, i) => {
      if (series === extra && alpha >= DEFAULTS.paleCore) core.add(pixels[i]);
    });
    for (let entry = 0; entry < known; entry++) {
      if (paled.has(entry)) continue;
      const { alpha, residual } = blend(seriesLabs[entry], seriesLabs[extra], background);
      if (alpha < DEFAULTS.paleAlpha[0] || alpha > DEFAULTS.paleAlpha[1] || residual >= BLEND_DE) {
        continue;
      }
      let own = 0;
      let beside = 0;
      assignment.forEach(({ series }, i) => {
        if (series !== entry) return;
        own++;
        const p = pixels[i];
        if (reach.some((dy) => reach.some((dx) => core.has(p + dy * width + dx)))) {
          beside++;
        }
      });
      if (beside >= own * DEFAULTS.edgeShare) {
        paled.set(entry, extra);
        break;
      }
    }
  }
  return paled;
}
