import { chroma, deltaE, type Lab, rgbToLab, toHex } from '../color.js';
import type { PixelPoint } from '../types.js';
import type { HaloInput } from './findHalos.js';

const DEFAULTS = {
  /** Pixels with at least this much of a colour are its ink. */
  ink: 0.5,
  /**
   * Down a column from a line's traced point, pixels with at least this much of its colour are
   * its stroke (its core and blended edges), passed over before the fill beside it is looked for.
   */
  stroke: 0.25,
  /**
   * The fill must start within this many px past the stroke's edge: a band is drawn up to the
   * line it surrounds (a pixel or two of blend between them, JPEG's ringing).
   */
  touch: 3,
  /**
   * A colour whose ink touches a line from above and from below in this share of the columns
   * the line is traced in is a fill round it (a band), not a line: a line of its own touches
   * another from both sides only where they cross.
   */
  share: 0.5,
  /** A fill is lighter than its line by this much L* or more, with no more chroma... */
  paler: 15,
  /** ...within this (CIELAB gives greys a chroma of 1e-5, JPEG a few units of noise). */
  chromaNoise: 1,
  /**
   * Colours within this Delta E of one another are one fill: a band traced as two curves (its
   * upper and lower edges, split apart as two series) touches the line only together.
   */
  sameFill: 6,
} as const;

/**
 * Colours the legend does not list (from `first` on) that are the fill of a band round another
 * series' line: paler than it and no more saturated, their ink (with that of colours alike,
 * the band's other edge traced apart) lying against the line above and below it along most of
 * its way. Such a colour was traced as a curve (the band's edge, or wandering across it) and
 * counted as an invented series: it is left out, with a warning naming the line. `skip`
 * (halos already found) are neither fills nor lines.
 */
export function findBandFills({
  masks,
  paths,
  names,
  first,
  width,
  background,
  skip,
}: HaloInput & { skip: Set<number> }): { fills: Set<number>; warnings: string[] } {
  const fills = new Set<number>();
  const warnings: string[] = [];
  if (width <= 0 || masks.length < 2) return { fills, warnings };
  const height = (masks[0]?.weight.length ?? 0) / width;
  const shown = (j: number) => paths[j] !== null && !skip.has(j);
  const labs = masks.map((mask) => rgbToLab(mask.color));
  const backgroundLab = rgbToLab(background);
  for (let i = first; i < masks.length; i++) {
    if (!shown(i) || fills.has(i)) continue;
    const alike = masks.flatMap((_, k) =>
      k >= first && shown(k) && deltaE(labs[i], labs[k]) <= DEFAULTS.sameFill ? [k] : [],
    );
    const host = masks.findIndex(
      (_, j) =>
        j !== i &&
        shown(j) &&
        !fills.has(j) &&
        !alike.includes(j) &&
        paler(labs[i], labs[j], backgroundLab) &&
        surrounds(
          alike.map((k) => masks[k].weight),
          masks[j].weight,
          paths[j]!.points,
          width,
          height,
        ),
    );
    if (host < 0) continue;
    for (const k of alike) {
      fills.add(k);
      warnings.push(
        `the colour ${toHex(masks[k].color)} fills a band round series '${names[host] ?? toHex(masks[host].color)}': taken for the band's fill, not a line, and left out`,
      );
    }
  }
  return { fills, warnings };
}

/** Whether L*a*b* `pale` is DEFAULTS.paler lighter than `line`, toward the background, and no more saturated. */
function paler(pale: Lab, line: Lab, background: Lab): boolean {
  return (
    Math.abs(pale[0] - background[0]) < Math.abs(line[0] - background[0]) &&
    Math.abs(pale[0] - line[0]) >= DEFAULTS.paler &&
    chroma(pale) <= chroma(line) + DEFAULTS.chromaNoise
  );
}

/**
 * Whether the ink of `fill` (several masks, taken together) lies against the line of weights
 * `line` traced along `points`, above and below it, in DEFAULTS.share of the columns it is
 * traced in.
 */
export function surrounds(
  fill: Float32Array[],
  line: Float32Array,
  points: PixelPoint[],
  width: number,
  height: number,
): boolean {
  const inFill = (o: number) => fill.some((weight) => weight[o] >= DEFAULTS.ink);
  const seen = new Set<number>();
  let columns = 0;
  let both = 0;
  for (const { px, py } of points) {
    const column = Math.round(px);
    const row = Math.round(py);
    if (column < 0 || column >= width || row < 0 || row >= height || seen.has(column)) continue;
    seen.add(column);
    columns++;
    /** Whether the fill starts within DEFAULTS.touch px past the stroke, going `step` rows. */
    const touches = (step: number) => {
      let r = row;
      while (r >= 0 && r < height && line[r * width + column] >= DEFAULTS.stroke) r += step;
      for (let k = 0; k <= DEFAULTS.touch; k++, r += step) {
        if (r < 0 || r >= height) return false;
        if (inFill(r * width + column)) return true;
      }
      return false;
    };
    if (touches(-1) && touches(1)) both++;
  }
  return columns > 0 && both >= columns * DEFAULTS.share;
}
