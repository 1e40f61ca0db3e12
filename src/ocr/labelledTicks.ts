import type { Rgb } from '../color.js';
import { findRuns, percentile } from '../math.js';
import type { Box, Raster } from '../types.js';
import { profileOf, range, tighten } from './labelBoxes.js';

const DEFAULTS = {
  /** A gap between labels on every tick is this close (px) to the middle between two ticks. */
  clearReachPx: 1,
  /**
   * Labels stand on every tick, every second, ... up to every this many ticks (gnuplot's minor
   * ticks: five or ten to a label).
   */
  maxEvery: 10,
  /** A tick this close to a step of the ticks' grid (a share of the step) stands on it. */
  onGrid: 0.2,
  /**
   * A cut between two labels lies in a gap free of ink at least this share of the text height
   * wide (the space between two labels; letters of one label stand closer)...
   */
  labelGap: 0.3,
  /** ...within this share of the labelled ticks' step of the middle between them. */
  cutReach: 0.2,
  /** Each label is centred on its tick within this share of the text height (2.5 px at least). */
  centred: 0.25,
  minCentredPx: 2.5,
  /** A label may be this many px wider than the step between labelled ticks (blur, rounding). */
  widthSlackPx: 2,
} as const;

/**
 * The x tick labels of a band, boxed one per label, where some boxes (`boxes`, from the gaps in
 * the band's ink) hold more than one tick mark (`marks`, px, at even steps): a label wider than
 * the step between ticks (gnuplot's minor ticks under `2010`), or labels whose spaces are as
 * wide as the gaps between them (`Mar 26 Apr 09`). Where every box has a column free of ink at
 * the middle between every two ticks in it, the labels stand on every tick: null (cut there).
 * Else they stand on every second, third, ... tick (`maxEvery` at most), each centred on its
 * own: of those layouts, the first (most labels) in which every box holds a labelled tick, a
 * box holding several is cut between them in a gap wide enough to part two labels (`labelGap`
 * of `textHeight`), and every piece is centred on its tick and no wider than the step between
 * labelled ticks. Null where no layout fits so (labels run into each other: cut between every
 * two ticks is all that can be done).
 */
export function apartAtLabelledTicks(
  image: Raster,
  page: Rgb,
  boxes: Box[],
  marks: number[],
  textHeight: number,
): Box[] | null {
  const sorted = [...marks].sort((a, b) => a - b);
  const steps = sorted.slice(1).map((mark, i) => mark - sorted[i]);
  if (steps.length === 0) return null;
  // Ticks are found at whole pixels: the step is the mean of the single steps (6 and 7 px for
  // 6.5), made even over the whole span.
  const median = percentile(steps, 0.5);
  const single = steps.filter((s) => s > median * 0.5 && s < median * 1.5);
  const mean = single.reduce((sum, s) => sum + s, 0) / single.length;
  if (!(mean > 0)) return null;
  const first = sorted[0];
  const count = Math.round((sorted.at(-1)! - first) / mean);
  if (count < 1) return null;
  const step = (sorted.at(-1)! - first) / count;
  // The grid of ticks, with a tick hidden (a major tick the finder missed) put back on its step.
  const grid = range(0, count, 1).map((i) => {
    const at = first + i * step;
    const near = sorted.find((mark) => Math.abs(mark - at) <= step * DEFAULTS.onGrid);
    return near ?? at;
  });
  const gapWidth = Math.max(2, Math.round(textHeight * DEFAULTS.labelGap));
  const tolerance = Math.max(DEFAULTS.minCentredPx, textHeight * DEFAULTS.centred);
  // Only boxes over the ticks' span are labels; text past the axis' ends is left as it is.
  const inBox = (box: Box, at: number) => at > box.left && at < box.right;
  const labels = boxes.filter((box) => grid.some((at) => inBox(box, at)));
  // Labels on every tick are parted by a gap at the middle between two ticks, however narrow
  // (`1998` run close to `2000`): cut there, between every two ticks, is right.
  if (labels.every((box) => clearBetweenTicks(image, page, box, sorted))) return null;
  for (let every = 2; every <= Math.min(DEFAULTS.maxEvery, grid.length); every++) {
    for (let phase = 0; phase < every; phase++) {
      const labelled = grid.filter((_, i) => i % every === phase);
      const pieces = layout(image, page, labels, labelled, every * step, gapWidth, tolerance);
      if (pieces && [...pieces.values()].flat().length >= 2)
        return boxes.flatMap((box) => (labels.includes(box) ? pieces.get(box)! : [box]));
    }
  }
  return null;
}

/**
 * Whether a box has a column free of ink within `clearReachPx` of the middle between every two
 * ticks (`marks`) inside it.
 */
function clearBetweenTicks(image: Raster, page: Rgb, box: Box, marks: number[]): boolean {
  const inside = marks.filter((mark) => mark > box.left && mark < box.right);
  if (inside.length < 2) return true;
  const reach = DEFAULTS.clearReachPx;
  return inside.slice(1).every((mark, i) => {
    const middle = Math.round((inside[i] + mark) / 2);
    const columns = range(middle - reach, middle + reach, 1);
    const profile = profileOf(image, page, columns, [box.top, box.bottom], 'column');
    return profile.includes(0);
  });
}

/**
 * Each box cut into labels centred on the `labelled` ticks inside it, or null where a box holds
 * none, a cut finds no gap between two labels, or a piece is off its tick.
 */
function layout(
  image: Raster,
  page: Rgb,
  boxes: Box[],
  labelled: number[],
  spacing: number,
  gapWidth: number,
  tolerance: number,
): Map<Box, Box[]> | null {
  const out = new Map<Box, Box[]>();
  for (const box of boxes) {
    const ticks = labelled.filter((at) => at > box.left && at < box.right);
    if (ticks.length === 0) return null;
    const cuts = [box.left];
    if (ticks.length > 1) {
      const columns = range(Math.floor(box.left), Math.ceil(box.right) - 1, 1);
      const profile = profileOf(image, page, columns, [box.top, box.bottom], 'column');
      // the gaps free of ink, as runs of empty columns
      const empty = Uint8Array.from(profile, (ink) => (ink === 0 ? 1 : 0));
      const gaps = findRuns(empty, 0, gapWidth).map((run) => ({
        from: columns[run.from],
        to: columns[run.to] + 1,
      }));
      for (let i = 1; i < ticks.length; i++) {
        const middle = (ticks[i - 1] + ticks[i]) / 2;
        const reach = spacing * DEFAULTS.cutReach;
        const gap = gaps.find((run) => run.to >= middle - reach && run.from <= middle + reach);
        if (!gap) return null;
        cuts.push(Math.round((gap.from + gap.to) / 2));
      }
    }
    cuts.push(box.right);
    const pieces = ticks.map((_, i) =>
      tighten(image, page, { ...box, left: cuts[i], right: cuts[i + 1] }),
    );
    // centred on its tick, and no wider than the step between labelled ticks: a label that
    // reaches past its neighbours' ticks would run into their labels
    const fits = (piece: Box, tick: number) =>
      Math.abs((piece.left + piece.right) / 2 - tick) <= tolerance &&
      piece.right - piece.left <= spacing + DEFAULTS.widthSlackPx;
    if (!pieces.every((piece, i) => fits(piece, ticks[i]))) return null;
    out.set(box, pieces);
  }
  return out;
}
