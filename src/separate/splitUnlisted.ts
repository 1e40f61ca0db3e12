import { deltaE, type Lab } from '../color.js';
import { fillHollowMarkers } from '../trace/hollowMarkers.js';
import type { Box, Raster } from '../types.js';
import { labOf } from './drawnPixels.js';
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
  /**
   * Curves this many hollow markers' holes (the tallest) apart, in DEFAULTS.outlineShare of
   * the columns they share, are one series' outlined markers...
   */
  markersApart: 2,
  /** ...(not just in most: two series' curves part somewhere). */
  outlineShare: 0.9,
  /**
   * Beside a legend, curves of a colour it does not list are series of their own when their
   * cores' colours are this far apart (Delta E) pairwise: a colormap's neighbours lie 8 or more
   * apart, one colour's curves (error bars, markers, JPEG'd) within a few.
   */
  colorsApart: 5,
  /** A curve's core: pixels with this much of its colour at least. */
  coreWeight: 0.9,
} as const;

/**
 * Series found with no legend to list them (by clustering colours) may each hold several
 * curves of one colour: series told apart only by dash pattern, or grey levels too close to
 * cluster apart. So may the colours no entry lists beside a legend, found by clustering too:
 * a colormap's neighbours whose entries the legend lost cluster as one colour. Each mask past
 * the first `listed` (the legend's entries', split by `splitSharedColors`) that holds several
 * curves (curvesApart) is replaced by one mask per curve. Returns the masks, in order, with
 * those replaced.
 */
export function splitUnlisted(
  masks: SeriesMask[],
  image: Raster,
  region: Box,
  listed = 0,
): SeriesMask[] {
  return masks.flatMap((mask, i) => {
    if (i < listed) return [mask];
    const curves = curvesApart(mask, image.width, region);
    if (!curves) return [mask];
    // Beside a legend, a colour it does not list holding curves of one colour is one series'
    // error bars, markers or dashes taken apart: only curves drawn in colours apart are
    // series of their own.
    if (listed === 0) return curves;
    const colors = curves.map(({ weight }) => coreColor(image, weight));
    const apart = colors.every((a, j) =>
      colors.every((b, k) => k <= j || (a && b && deltaE(a, b) >= DEFAULTS.colorsApart)),
    );
    return apart ? curves : [mask];
  });
}

/** The mean colour (Lab) of a curve's core pixels (full weight), null where it has none. */
function coreColor({ data }: Raster, weight: Float32Array): Lab | null {
  const sum = [0, 0, 0];
  let n = 0;
  for (let p = 0; p < weight.length; p++) {
    if (weight[p] < DEFAULTS.coreWeight) continue;
    const lab = labOf(data, p * 3);
    for (let k = 0; k < 3; k++) sum[k] += lab[k];
    n++;
  }
  return n > 0 ? (sum.map((v) => v / n) as Lab) : null;
}

/**
 * The curves a mask's ink shows apart across enough of the plot (splitCurves, told `count` or
 * not how many), one mask each, each spanning at least DEFAULTS.minSpan of the plot's columns
 * (where some do not, the ink is followed again as as many curves as do) and together holding
 * DEFAULTS.minHeld of its ink; null when it shows one.
 */
export function curvesApart(
  mask: SeriesMask,
  width: number,
  region: Box,
  count: number | null = null,
): SeriesMask[] | null {
  if (mask.count === 0) return null;
  const columns = Math.max(1, Math.floor(region.right) - Math.ceil(region.left));
  const followed = splitCurves(mask.weight, width, region, { count });
  if (!followed) return null;
  // Hollow markers' outlines show as curves apart (their tops and bottoms) along one line:
  // curves that stay within a marker of one another are one series.
  const height = mask.weight.length / width;
  const filled = fillHollowMarkers({ weight: mask.weight, width, height, region });
  const curves = filled ? joinMarkerOutlines(followed, filled, mask.weight, width) : followed;
  if (curves.length < 2) return null;
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
  const long = split.filter(({ span }) => span >= columns * DEFAULTS.minSpan).length;
  if (long < split.length) {
    // Some curves followed are short pieces (a curve cut in two where it was lost, a word):
    // the curves are the long ones, followed again as that many.
    return count === null && long >= 2 ? curvesApart(mask, width, region, long) : null;
  }
  const held = split.reduce((sum, { ink }) => sum + ink, 0);
  if (held < mask.weight.reduce((sum, w) => sum + w, 0) * DEFAULTS.minHeld) return null;
  return split.map(({ color, weight, count }) => ({ color, weight, count }));
}

/**
 * The curves joined where they lie within DEFAULTS.markersApart hollow markers (their tallest
 * hole: `filled` less `weight`) of one another in nearly all the columns they share, as the
 * tops and bottoms of one series' outlined markers do.
 */
function joinMarkerOutlines(
  curves: { weight: Float32Array }[],
  filled: Float32Array,
  weight: Float32Array,
  width: number,
): { weight: Float32Array }[] {
  const height = weight.length / width;
  let tallest = 0;
  for (let column = 0; column < width; column++) {
    let run = 0;
    for (let row = 0; row < height; row++) {
      const p = row * width + column;
      run = filled[p] > 0 && weight[p] === 0 ? run + 1 : 0;
      if (run > tallest) tallest = run;
    }
  }
  const reach = tallest * DEFAULTS.markersApart;
  const centres = curves.map(({ weight: w }) => {
    const sum = new Float64Array(width);
    const n = new Float64Array(width);
    for (let p = 0; p < w.length; p++) {
      if (w[p] > 0) {
        sum[p % width] += Math.floor(p / width);
        n[p % width]++;
      }
    }
    return Array.from(sum, (s, column) => (n[column] > 0 ? s / n[column] : null));
  });
  const near = (a: (number | null)[], b: (number | null)[]) => {
    const gaps = a.flatMap((y, column) => {
      const other = b[column];
      return y !== null && other !== null ? [Math.abs(y - other)] : [];
    });
    gaps.sort((x, y) => x - y);
    return gaps.length > 0 && gaps[Math.floor(gaps.length * DEFAULTS.outlineShare)] <= reach;
  };
  // Each curve's group: the first curve it lies near, through any chain of near curves.
  const group = curves.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : root(group[i]));
  centres.forEach((a, i) => {
    centres.forEach((b, j) => {
      if (j > i && near(a, b)) group[root(j)] = root(i);
    });
  });
  const joined = new Map<number, Float32Array>();
  curves.forEach(({ weight: w }, i) => {
    const into = joined.get(root(i));
    if (!into) joined.set(root(i), w.slice());
    else for (let p = 0; p < w.length; p++) if (w[p] > into[p]) into[p] = w[p];
  });
  return [...joined.values()].map((w) => ({ weight: w }));
}
