import { deltaE, type Lab } from '../color.js';
import { BLEND_DE, blend } from './assignPixels.js';
import { isFaded } from './unlistedColors.js';

const DEFAULTS = {
  /**
   * Two colours are one line's when this share of each one's pixels touch the other's (JPEG
   * gives a line a core and a fringe of another colour all along it; lines of two series touch
   * only where they cross).
   */
  touching: 0.4,
  /**
   * A faded tint of a colour (its hue with less chroma: isFaded) whose own pixels touch that
   * colour's at DEFAULTS.touching is its line's fringe when this share of the colour's pixels
   * touch it: JPEG fades a line's edges only in places (its steep stretches, its thin ones), and
   * a thick line's core outnumbers its fringe, so fewer of the core's pixels touch the fringe
   * than the fringe's touch the core.
   */
  fadedTouching: 0.2,
} as const;

/**
 * Colours found by clustering (no legend) that are one line's: each one's pixels lie along the
 * other's all over the plot (a JPEG'd line's core and its fringe, clustered apart; a fringe in
 * a faded tint of the core's colour need lie along only some of the core), the weaker
 * no tint of the stronger (a lighter grey series lies along a darker one's anti-aliased
 * edge). Returns colour index -> the index of the colour it joins (the one farther from the
 * background).
 */
export function jpegFringes(
  width: number,
  pixels: number[],
  assignment: { series: number }[],
  seriesLabs: Lab[],
  background: Lab,
): Map<number, number> {
  const owner = new Map<number, number>();
  assignment.forEach(({ series }, i) => {
    if (series >= 0) owner.set(pixels[i], series);
  });
  const count = seriesLabs.length;
  const own = new Array<number>(count).fill(0);
  /** touch[a * count + b]: pixels of colour a with a pixel of colour b among their 8 around. */
  const touch = new Array<number>(count * count).fill(0);
  for (const [p, a] of owner) {
    own[a]++;
    const around = new Set<number>();
    for (const dy of [-width, 0, width]) {
      for (const dx of [-1, 0, 1]) {
        const b = owner.get(p + dy + dx);
        if (b !== undefined && b !== a) around.add(b);
      }
    }
    for (const b of around) touch[a * count + b]++;
  }
  const strength = seriesLabs.map((lab) => deltaE(lab, background));
  const joins = new Map<number, number>();
  // Weakest first, each joining the strongest colour it fringes (not one already joined).
  const order = seriesLabs.map((_, s) => s).sort((a, b) => strength[a] - strength[b]);
  for (const a of order) {
    const into = order
      .filter(
        (b) =>
          b !== a &&
          !joins.has(b) &&
          strength[b] >= strength[a] &&
          blend(seriesLabs[a], seriesLabs[b], background).residual >= BLEND_DE &&
          touch[a * count + b] >= own[a] * DEFAULTS.touching &&
          touch[b * count + a] >=
            own[b] *
              (isFaded(seriesLabs[a], seriesLabs[b]) ? DEFAULTS.fadedTouching : DEFAULTS.touching),
      )
      .at(-1);
    if (into !== undefined) joins.set(a, into);
  }
  // A colour joined to one that joined another in turn ends in that one.
  for (const [a, b] of joins) {
    let end = b;
    while (joins.has(end)) end = joins.get(end) as number;
    joins.set(a, end);
  }
  return joins;
}
