import { deltaE, type Lab, labToRgb, type Rgb, rgbToLab } from '../color.js';
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
      // A blend as CIELAB draws it, or as renderers and resamplers mix it (RGB, where a red
      // paled toward white bends away from Lab's straight line).
      const pale = [blend, rgbBlend].some((mixed) => {
        const { alpha, residual } = mixed(seriesLabs[entry], seriesLabs[extra], background);
        return (
          alpha >= DEFAULTS.paleAlpha[0] && alpha <= DEFAULTS.paleAlpha[1] && residual < BLEND_DE
        );
      });
      if (!pale) continue;
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

/**
 * `pixel` as a mix of `series` with `background` in RGB: how much of the series colour it
 * holds (least squares), and how far (Delta E) it lies from that mix.
 */
function rgbBlend(pixel: Lab, series: Lab, background: Lab): { alpha: number; residual: number } {
  const [p, s, b] = [pixel, series, background].map(labToRgb);
  let along = 0;
  let norm = 0;
  for (let k = 0; k < 3; k++) {
    along += (p[k] - b[k]) * (s[k] - b[k]);
    norm += (s[k] - b[k]) ** 2;
  }
  const alpha = norm === 0 ? 0 : along / norm;
  const a = Math.max(0, Math.min(1, alpha));
  const mix = b.map((c, k) => c + a * (s[k] - c)) as Rgb;
  return { alpha, residual: deltaE(rgbToLab(mix), pixel) };
}
