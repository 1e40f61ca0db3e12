import { deltaE, type Lab, type Rgb, rgbToLab } from '../color.js';
import type { LegendSlot } from '../legend/findLegend.js';
import { legendComplete } from '../legend/legendComplete.js';
import { sampleStyles } from '../legend/sampleStyle.js';
import { median } from '../math.js';
import type { Box, Raster } from '../types.js';
import type { SeriesMask } from './separateSeries.js';
import { markerCosts, splitByMarkers } from './splitByMarkers.js';
import {
  type CurveStyle,
  closeMatches,
  matchCosts,
  splitCurves,
  styleCosts,
} from './splitCurves.js';
import { curvesApart } from './splitUnlisted.js';

const DEFAULTS = {
  /**
   * Legend colours this close (0..255 per channel) may be one colour drawn in several styles
   * (or greys a few levels apart: a chart turned greyscale): their masks are split together.
   */
  sameColor: 24,
  /**
   * Colours this close (Delta E) are one colour as far as matching curves to samples goes: the
   * median core colour of a JPEG'd line wanders by about 1, while greys 8 levels apart (two
   * hues of a chart turned greyscale) lie 3 apart and must still tell their curves apart.
   */
  colorNoise: 1,
  /** A Delta E this much beyond the noise weighs as one unit of dash style distance. */
  colorScale: 20,
  /** A legend colour whose channels are within this of each other is black or grey. */
  neutral: 40,
  /**
   * ...and within this, a grey as a chart turned greyscale draws it (exact greys, JPEG keeps
   * them within a few levels; a colour JPEG washed out, #91adb9, spreads 40).
   */
  grey: 10,
  /**
   * A pairing of samples to curves that another beats by less than this (style distance: a
   * tenth of the share of gaps) is a guess: dash patterns too alike to tell (a dense dashed
   * curve looks solid, JPEG blurs dots).
   */
  styleMargin: 0.1,
} as const;

/**
 * Legend entries that share one colour (series told apart by their markers or dash pattern
 * only) share one mask (`masks[i]` is entry i's): it is split, by the markers' shapes where
 * the samples show markers, else into its curves, each entry taking the curve drawn as its
 * sample is (and, where their colours differ a little, whose colour is nearest the sample's:
 * greys a few levels apart are distinct series). The group's masks are split together: each
 * holds part of every curve when the colours are one. Masks of entries that could not be told
 * apart stay as they are. Changes `masks` in place. Returns the entries whose curve was a
 * close call (another pairing of their group drawn almost as their samples are).
 */
export function splitSharedColors(
  image: Raster,
  masks: SeriesMask[],
  entries: LegendSlot[],
  region: Box,
  legend: Box | null,
  background: Rgb,
): Set<number> {
  const doubtful = new Set<number>();
  const grouped = new Set<number>();
  const styles = sampleStyles(image, entries);
  // A legend read whole (legendComplete) listing greys apart from one another (more than one
  // colour within DEFAULTS.sameColor) draws each series in its own grey (a chart turned
  // greyscale), not every series in one: a grey's curves beyond its entries are a near grey's
  // line or error bars, no entry it missed. (One that lost entries may have lost a series
  // whose hue turned the same grey.)
  const greys = masks
    .slice(0, entries.length)
    .map((mask) => mask.color)
    .filter((color) => isNeutral(color, DEFAULTS.grey));
  const severalGreys =
    greys.some((a, i) => greys.some((b, j) => j > i && !sharesColor(a, b))) &&
    legendComplete(image, background, entries);
  entries.forEach((_, i) => {
    if (grouped.has(i)) return;
    // By the colours their masks were drawn in: a sample a curve crosses gives the curve's
    // colour, which separation puts right where the line the entry names is another's.
    const group = entries.flatMap((_, j) =>
      j >= i && sharesColor(masks[j].color, masks[i].color) ? [j] : [],
    );
    for (const j of group) grouped.add(j);
    const slots = group.map((j) => entries[j]);
    const shared = group.length > 1 ? union(group.map((j) => masks[j].weight)) : masks[i].weight;
    // The ink may show more curves of the colour than the legend lists (an entry it missed:
    // a sample on a curve): those left over are series of their own, with no name. Only where
    // the colour is known to be shared (listed twice, or black or grey as one-colour charts
    // are): a single coloured entry holding curves apart is a band's edges or error bars.
    const neutral = isNeutral(masks[i].color) && !severalGreys;
    const apart =
      (group.length > 1 && !severalGreys) || neutral
        ? curvesApart({ ...masks[i], weight: shared }, image.width, region)
        : null;
    const count = Math.max(group.length, apart?.length ?? 0);
    if (count < 2) return;
    const marked =
      count === group.length ? splitByMarkers(image, shared, region, slots, masks[i].color) : null;
    const dashed = marked
      ? null
      : byDashes(
          image,
          shared,
          slots,
          group.map((j) => styles[j]),
          count,
          region,
          legend,
          background,
          masks[i].color,
        );
    // More curves than entries (entries the legend lost) that dashes could not part may be
    // marker series: the markers least like the samples' are the unlisted curves'. Only after
    // dashes, as marker finding misses markers a curve or the legend covers, which dashes do
    // not need. One sample alone is not checked against another's shape (a box or a thick
    // dash may pass for a marker), so it takes no unlisted series.
    const unlisted =
      !marked && !dashed && group.length > 1 && count > group.length
        ? splitByMarkers(image, shared, region, slots, masks[i].color, count - group.length)
        : null;
    const split = marked ?? dashed?.parts ?? unlisted;
    if (!split) return;
    for (const n of dashed?.close ?? []) if (n < group.length) doubtful.add(group[n]);
    const mask = (
      { weight, markers }: { weight: Float32Array; markers?: SeriesMask['markers'] },
      color: Rgb,
    ) => {
      let inked = 0;
      for (let p = 0; p < weight.length; p++) if (weight[p] > 0) inked++;
      return { color, weight, count: inked, markers };
    };
    group.forEach((j, n) => {
      masks[j] = mask(split[n], masks[j].color);
    });
    for (const extra of split.slice(group.length)) masks.push(mask(extra, masks[i].color));
  });
  return doubtful;
}

/**
 * Whether a colour is black or grey, its channels within `within` of each other: alike, as
 * one-colour charts draw (the default), or all but equal, as a chart turned greyscale draws
 * (`DEFAULTS.grey`).
 */
export function isNeutral(color: Rgb, within: number = DEFAULTS.neutral): boolean {
  return Math.max(...color) - Math.min(...color) <= within;
}

/**
 * Whether two legend colours may be one colour drawn in several styles, whose series are told
 * apart by dash pattern or marker rather than by colour.
 */
export function sharesColor(a: Rgb, b: Rgb): boolean {
  return a.every((c, k) => Math.abs(c - b[k]) <= DEFAULTS.sameColor);
}

/** Each pixel's greatest weight among `weights`. */
function union(weights: Float32Array[]): Float32Array {
  const out = new Float32Array(weights[0].length);
  for (const weight of weights) {
    for (let p = 0; p < out.length; p++) if (weight[p] > out[p]) out[p] = weight[p];
  }
  return out;
}

/**
 * The shared mask split into `count` curves, each slot taking the curve drawn as its sample
 * is (`samples`: their styles), and coloured as it is; the curves no slot takes follow
 * (`parts`); `close` holds the slots whose curve was a close call.
 */
function byDashes(
  image: Raster,
  weight: Float32Array,
  slots: LegendSlot[],
  samples: CurveStyle[],
  count: number,
  region: Box,
  legend: Box | null,
  background: Rgb,
  color: Rgb,
): { parts: { weight: Float32Array }[]; close: Set<number> } | null {
  const curves = splitCurves(weight, image.width, region, {
    count,
    exclude: legend ? [legend] : [],
  });
  if (!curves) return null;
  const backgroundLab = rgbToLab(background);
  const colors = curves.map((curve) => coreColor(image, curve.weight, backgroundLab));
  const slotLabs = slots.map((slot) => rgbToLab(slot.color));
  // Curves drawn alike are told apart by their markers where the samples show them.
  const marks = markerCosts(
    image,
    weight,
    curves.map((curve) => curve.weight),
    region,
    slots,
    color,
  );
  const cost = styleCosts(
    curves.map((curve) => curve.style),
    samples,
    (s, c) =>
      Math.max(0, deltaE(slotLabs[s], colors[c]) - DEFAULTS.colorNoise) / DEFAULTS.colorScale +
      (marks?.(s, c) ?? 0),
  );
  const order = matchCosts(cost);
  const left = curves.filter((_, c) => !order.includes(c));
  return {
    parts: [...order.map((c) => curves[c]), ...left].map(({ weight }) => ({ weight })),
    close: closeMatches(cost, order, DEFAULTS.styleMargin),
  };
}

/**
 * A curve's colour (Lab) as the eye sees it along the line: in each column the curve's pixel
 * farthest from the background (the line's core there, not its anti-aliased edge), and of
 * those the median of each Lab channel. A mean of the curve's darkest pixels took the darker
 * line's pixels where another crosses or runs along it, and read two greys 8 levels apart
 * (a chart turned greyscale) the other way round.
 */
export function coreColor(image: Raster, weight: Float32Array, background: Lab): Lab {
  const { width } = image;
  const far = new Map<number, { d: number; lab: Lab }>();
  for (let p = 0; p < weight.length; p++) {
    if (weight[p] <= 0) continue;
    const lab = rgbToLab(pixelRgb(image, p));
    const d = deltaE(lab, background);
    const column = p % width;
    const best = far.get(column);
    if (!best || d > best.d) far.set(column, { d, lab });
  }
  if (far.size === 0) return background;
  const cores = [...far.values()].map(({ lab }) => lab);
  return [0, 1, 2].map((k) => median(cores.map((lab) => lab[k]))) as Lab;
}

function pixelRgb({ data }: Raster, p: number): Rgb {
  return [data[p * 3], data[p * 3 + 1], data[p * 3 + 2]];
}
