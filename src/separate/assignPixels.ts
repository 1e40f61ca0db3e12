import { deltaE, type Lab } from '../color.js';

const DEFAULTS = {
  /** A pixel belongs to a series when it lies this close (Delta E) to the blend of series and background... */
  blendDe: 14,
  /** ...with at least this much of the series colour in it (0..1). */
  minAlpha: 0.35,
  /**
   * Series whose blends explain a pixel within this (Delta E) of the best are tied: greys (and
   * tints of one hue) are all blends of one another with the background, and the pixel goes to
   * the one whose full colour it is nearest.
   */
  tieDe: 4,
  /** A pixel with less than this much of its series' colour is a line's anti-aliased edge. */
  coreAlpha: 0.8,
  /** An edge goes to a darker line with at least this many core pixels around it (of 8). */
  minCoresAround: 3,
} as const;

/** How close (Delta E) a pixel lies to a blend of series and background to be that series. */
export const BLEND_DE = DEFAULTS.blendDe;

/**
 * Each pixel's series (-1 for none) and how much of that colour it holds: the series whose
 * blend with the background explains it best; among series that explain it about as well
 * (greys, tints of one hue), the one whose full colour it is nearest. Pixels of one colour
 * share one Lab object (labOf's cache), so each colour is decided once.
 */
export function assign(
  labs: Lab[],
  seriesLabs: Lab[],
  background: Lab,
  maxResidual: number = DEFAULTS.blendDe,
): { series: number; alpha: number }[] {
  const decided = new Map<Lab, { series: number; alpha: number }>();
  return labs.map((lab) => {
    const known = decided.get(lab);
    if (known) return known;
    const result = bestSeries(lab, seriesLabs, background, maxResidual);
    decided.set(lab, result);
    return result;
  });
}

/** The series (of `seriesLabs`, or -1) that explains one colour, as `assign` decides it. */
export function bestSeries(
  lab: Lab,
  seriesLabs: Lab[],
  background: Lab,
  maxResidual: number = DEFAULTS.blendDe,
): { series: number; alpha: number } {
  const fits = seriesLabs.map((s) => blend(lab, s, background));
  let bestResidual = maxResidual;
  for (const { alpha, residual } of fits) {
    if (alpha >= DEFAULTS.minAlpha && residual < bestResidual) bestResidual = residual;
  }
  let series = -1;
  let nearest = Number.POSITIVE_INFINITY;
  fits.forEach(({ alpha, residual }, s) => {
    if (alpha < DEFAULTS.minAlpha || residual >= maxResidual) return;
    if (residual > bestResidual + DEFAULTS.tieDe) return;
    // How far along the blend the pixel lies from the series' full colour (Delta E).
    const along = Math.abs(1 - alpha) * deltaE(seriesLabs[s], background);
    if (along < nearest) {
      nearest = along;
      series = s;
    }
  });
  return { series, alpha: series >= 0 ? fits[series].alpha : 0 };
}

/**
 * Where series colours are blends of one another (greys), the faint edge of a dark line is
 * about the colour of a lighter series, and went to it: a pixel that is a faint blend of a
 * series (less than DEFAULTS.coreAlpha of it), with more of that series' core pixels
 * (DEFAULTS.coreAlpha of its colour or more) around it than of its own, and at least
 * DEFAULTS.minCoresAround, is that series' edge. Distinct hues never explain one another's pixels, and are left as they are. Returns
 * the assignment with those pixels moved.
 */
export function reassignEdges(
  width: number,
  pixels: number[],
  labs: Lab[],
  assignment: { series: number; alpha: number }[],
  seriesLabs: Lab[],
  background: Lab,
): { series: number; alpha: number }[] {
  if (seriesLabs.length < 2) return assignment;
  // The series of each core pixel.
  const core = new Map<number, number>();
  assignment.forEach(({ series, alpha }, i) => {
    if (series >= 0 && alpha >= DEFAULTS.coreAlpha) core.set(pixels[i], series);
  });
  const around = new Array<number>(seriesLabs.length);
  return assignment.map((a, i) => {
    if (a.series < 0) return a;
    const p = pixels[i];
    around.fill(0);
    for (const dy of [-width, 0, width]) {
      for (const dx of [-1, 0, 1]) {
        const s = dy === 0 && dx === 0 ? undefined : core.get(p + dy + dx);
        if (s !== undefined) around[s]++;
      }
    }
    let best = a;
    let bestResidual: number = DEFAULTS.blendDe;
    around.forEach((count, s) => {
      if (s === a.series || count <= around[a.series] || count < DEFAULTS.minCoresAround) return;
      const { alpha, residual } = blend(labs[i], seriesLabs[s], background);
      if (alpha >= DEFAULTS.minAlpha && alpha < DEFAULTS.coreAlpha && residual < bestResidual) {
        best = { series: s, alpha };
        bestResidual = residual;
      }
    });
    return best;
  });
}

/** How a colour decomposes as background + alpha * (series - background), and how far off it is. */
export function blend(
  pixel: Lab,
  series: Lab,
  background: Lab,
): { alpha: number; residual: number } {
  const d = [series[0] - background[0], series[1] - background[1], series[2] - background[2]];
  const p = [pixel[0] - background[0], pixel[1] - background[1], pixel[2] - background[2]];
  const norm = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  const alpha = norm === 0 ? 0 : Math.min(1.2, (p[0] * d[0] + p[1] * d[1] + p[2] * d[2]) / norm);
  const a = Math.max(0, Math.min(1, alpha));
  const residual = Math.hypot(p[0] - a * d[0], p[1] - a * d[1], p[2] - a * d[2]);
  return { alpha, residual };
}
