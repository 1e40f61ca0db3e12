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

/** The least share of a series' colour (0..1) a pixel holds to be that series'. */
export const MIN_ALPHA = DEFAULTS.minAlpha;

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
  if (seriesLabs.length < 2 || pixels.length === 0) return assignment;
  // The series of each core pixel, and of each drawn pixel (whatever its alpha), by pixel: +1,
  // 0 for none (typed arrays over the pixels' span and a row either side: a large plot holds
  // hundreds of thousands of drawn pixels).
  let [low, high] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const p of pixels) {
    if (p < low) low = p;
    if (p > high) high = p;
  }
  const first = low - width - 1;
  const span = high - first + width + 2;
  const core = new Int16Array(Math.max(0, span));
  const drawnAs = new Int16Array(Math.max(0, span));
  assignment.forEach(({ series, alpha }, i) => {
    if (series < 0) return;
    drawnAs[pixels[i] - first] = series + 1;
    if (alpha >= DEFAULTS.coreAlpha) core[pixels[i] - first] = series + 1;
  });
  const around = new Array<number>(seriesLabs.length);
  return assignment.map((a, i) => {
    if (a.series < 0) return a;
    const p = pixels[i];
    const beside = besideCore(
      p - first,
      a.series,
      labs[i],
      width,
      core,
      drawnAs,
      seriesLabs,
      background,
    );
    if (beside) return beside;
    around.fill(0);
    for (const dy of [-width, 0, width]) {
      for (const dx of [-1, 0, 1]) {
        const s = dy === 0 && dx === 0 ? 0 : core[p - first + dy + dx];
        if (s > 0) around[s - 1]++;
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

/**
 * A thin dark line's anti-aliased edge, one pixel wide beside its core: a pixel that is a faint
 * blend of a series (under DEFAULTS.coreAlpha; fainter than DEFAULTS.minAlpha too: black's
 * faintest edges are a mid grey, a lighter series' colour), with one of that
 * series' core pixels beside it (up, down, left or right) and, on the other side, nothing of
 * its own series (background, or another colour): the edge faces away from the core, where a
 * lighter line's pixel beside a darker core (the two crossing or touching) has more of its own
 * line beyond it. Counting cores all round (`reassignEdges`) misses these on a line a pixel or
 * two wide, whose edge pixels see one or two of its core pixels and as many of the edge's own.
 * Only where its own series' colour is a faint shade of the darker one (`fainterShade`).
 * `p` indexes `core` and `drawnAs` (each pixel's series + 1, 0 for none). Returns the darker
 * series and the pixel's alpha of it, or null.
 */
function besideCore(
  p: number,
  own: number,
  lab: Lab,
  width: number,
  core: Int16Array,
  drawnAs: Int16Array,
  seriesLabs: Lab[],
  background: Lab,
): { series: number; alpha: number } | null {
  for (const d of [-width, width, -1, 1]) {
    const s = core[p + d] - 1;
    if (s < 0 || s === own || drawnAs[p - d] === own + 1) continue;
    // Darker than its own series' colour: the pixel is a blend of s, not of s and another.
    if (deltaE(seriesLabs[s], background) <= deltaE(seriesLabs[own], background)) continue;
    if (!fainterShade(seriesLabs[own], seriesLabs[s], background)) continue;
    const { alpha, residual } = blend(lab, seriesLabs[s], background);
    if (alpha > 0 && alpha < DEFAULTS.coreAlpha && residual < DEFAULTS.blendDe) {
      return { series: s, alpha };
    }
  }
  return null;
}

/**
 * Whether series colour `light` is a faint shade of series colour `dark`: read as a blend of it
 * with the background, it holds less than DEFAULTS.coreAlpha of it, as a black line's
 * anti-aliased edge does (#8c8c8c is 0.4 of black). Only then can a whole pixel of `light` be
 * `dark`'s edge (`besideCore`): greys a few levels apart (a colour chart turned grey: #8b8b8b
 * is 0.83 of #777777) are each as dark as the other's core, and `light`'s own line where it
 * touched `dark`'s went to it.
 */
function fainterShade(light: Lab, dark: Lab, background: Lab): boolean {
  return blend(light, dark, background).alpha < DEFAULTS.coreAlpha;
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
