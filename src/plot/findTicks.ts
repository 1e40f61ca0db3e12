import { channelDistance, channelSpread, type Rgb } from '../color.js';
import type { Box, Raster } from '../types.js';

const DEFAULTS = {
  /** A pixel differing from the page by more than this (0..255 per channel) is drawn on. */
  ink: 12,
  /** Lines thicker than this many pixels are the edge of a filled panel, not a stroke. */
  maxStroke: 5,
  /** Ink this close (px) to the plot's sides along an axis may be the frame itself. */
  frameSide: 3,
  /** Ink weaker than this share of the strongest tick's is ringing (JPEG), not a tick. */
  ringingShare: 0.35,
  /** Tick strokes are followed while at least this share of them goes on. */
  ticksTogether: 0.5,
  /** Tick strokes are followed outward at most this many tick reaches. */
  maxTickReaches: 4,
  /**
   * Tick marks start within this many px of a filled panel's edge, or this share of the tick
   * reach where more (a gap of a point or two at 300 dpi)...
   */
  tickStart: 3,
  tickStartShare: 0.25,
  /** ...and of a drawn axis line (where label glyphs can start at 3 px). */
  strokeTickStart: 2,
  /** Major tick marks reach at least this share of the longest tick's length. */
  tickFill: 0.6,
  /**
   * Tick marks (minor ones too, as on log axes) are at least this many px long, from the axis
   * outward (or inward).
   */
  minTickLength: 2,
  /**
   * Tick marks are runs of ink at most this wide (px) along the axis, or twice as wide as the
   * axis line where that is more: renderers draw both with one line width (a chart enlarged by
   * resampling has both thick and blurred), and a frame drawn on the panel's edge may be
   * clipped to half of it (ggplot2's panel border).
   */
  tickWidth: 4,
  /**
   * Tick marks are black or grey, or the axis line's colour: other ink this colourful (max
   * minus min channel, as a share of its distance from the page) is a series' marker on the
   * axis...
   */
  tickSaturation: 0.35,
  /** ...and ink this close (0..255 per channel) to the axis line's colour is its tick. */
  tickSameColor: 60,
  /** Tick marks are straight strokes: at least this share of the inked positions are ticks. */
  strokeShare: 0.5,
  /** A stroke whose centre is this close (px) to a pixel centre was snapped to it. */
  snapTolerance: 0.05,
  /**
   * Strokes closer than this share of the widest gap between them are the strokes of one
   * label's glyphs (`100` drawn against the axis), not ticks, when most gaps are so narrow (a
   * log axis' ticks at 1 to 9 times each power of ten leave 3 of every 9 gaps so narrow).
   */
  glyphGap: 0.2,
  /**
   * An axis' ticks stand from near one end to near the other (nice steps leave at most a step
   * short of each end: two ticks on a span of three steps are a third of it apart); strokes
   * gathered in a stretch shorter than this share of the side are a curve's ink or specks
   * (a dense chart's data along the axis, JPEG ringing under part of it), not its ticks.
   */
  tickSpan: 1 / 3,
} as const;

/** A straight stroke along rows or columns: an axis line, a frame side, a grid line. */
export interface Line {
  /** First and last row (or column) of the stroke. */
  first: number;
  last: number;
  /** Subpixel centre, in continuous coordinates (pixel i spans [i, i+1)). */
  center: number;
  /** Extent of the longest run along the line. */
  start: number;
  end: number;
}

/**
 * Tick marks: short strokes across the axis line, just outside it (or just inside when there
 * are none outside). Minor ticks (shorter, as on log axes) count as strokes but are not
 * returned. Returns the major ticks' subpixel centres along the axis (continuous coordinates)
 * and how far (px) outside the axis line the longest ticks reach.
 */
export function findTicks(
  image: Raster,
  page: Rgb,
  box: Box,
  axis: 'x' | 'y',
  line: Line | undefined,
  reach: number,
): { ticks: number[]; depth: number } {
  const { data, width, height } = image;
  const [alongFrom, alongTo] =
    axis === 'x'
      ? [Math.max(0, Math.floor(box.left) - 3), Math.min(width, Math.ceil(box.right) + 3)]
      : [Math.max(0, Math.floor(box.top) - 3), Math.min(height, Math.ceil(box.bottom) + 3)];
  const axisAt = Math.round(axis === 'x' ? box.bottom : box.left);
  const [sideFrom, sideTo] = axis === 'x' ? [box.left, box.right] : [box.top, box.bottom];
  const first = line ? line.first : axisAt;
  const last = line ? line.last : axisAt;
  // Outward is +row for x (below), -column for y (left); inward the opposite.
  const outward = axis === 'x' ? 1 : -1;
  const outerEdge = axis === 'x' ? last : first;
  const innerEdge = axis === 'x' ? first : last;
  // Ticks are drawn in the axis line's colour (grey or black, or a theme's colour: ECharts'
  // macarons draws both blue), never in a series' colour.
  const axisColor: Rgb | null = line
    ? lineColor(image, axis, Math.round((line.first + line.last) / 2), sideFrom, sideTo)
    : null;
  const inked = (along: number, across: number): boolean => {
    if (across < 0 || (axis === 'x' ? across >= height : across >= width)) return false;
    const row = axis === 'x' ? across : along;
    const column = axis === 'x' ? along : across;
    const offset = (row * width + column) * 3;
    const distance = channelDistance(data, offset, page);
    if (distance <= threshold) return false;
    return (
      channelSpread(data, offset) <= DEFAULTS.tickSaturation * distance ||
      (axisColor !== null && channelDistance(data, offset, axisColor) <= DEFAULTS.tickSameColor)
    );
  };
  let threshold: number = DEFAULTS.ink;
  const darkness = (along: number, across: number): number => {
    const row = axis === 'x' ? across : along;
    const column = axis === 'x' ? along : across;
    return channelDistance(data, (row * width + column) * 3, page);
  };
  // The tick marks' centres along the axis, where strokes run across `rows` from the axis (a
  // tick is a run of ink from the axis outward with nothing beyond it); null where the ink
  // there is no row of ticks, or (`only`) where anything else is inked in those rows, or
  // (`spread`) where they gather in a stretch of the side (`tickSpan`).
  const tickStrokes = (rows: number[], only = false, spread = true): number[] | null => {
    const weight = new Float64Array(alongTo);
    let touched = 0;
    let strokes = 0;
    for (let along = alongFrom; along < alongTo; along++) {
      let run = 0;
      // A one-row gap (a stub drawn apart from its grid line) does not end a tick.
      const on = (k: number) =>
        inked(along, rows[k]) || (k + 1 < rows.length && inked(along, rows[k + 1]));
      while (run < rows.length && on(run)) run++;
      let beyond = false;
      for (let k = run; k < rows.length && !beyond; k++) beyond = inked(along, rows[k]);
      if (run > 0 || beyond) touched++;
      if (beyond || run < Math.min(DEFAULTS.minTickLength, rows.length)) continue;
      strokes++;
      if (run >= rows.length * DEFAULTS.tickFill) {
        for (const across of rows) weight[along] += darkness(along, across);
      }
    }
    const ticks = centroids(
      weight,
      Math.max(DEFAULTS.tickWidth, line ? (line.last - line.first + 1) * 2 : 0),
    );
    // Glyphs of a label close to the axis are mostly curves, not strokes from the axis, and
    // what strokes they have stand in clusters, one per label.
    return ticks.length >= 2 &&
      (!spread || ticks.at(-1)! - ticks[0] >= (sideTo - sideFrom) * DEFAULTS.tickSpan) &&
      strokes >= touched * (only ? 1 : DEFAULTS.strokeShare) &&
      !clustered(ticks)
      ? ticks
      : null;
  };
  let shallow: { ticks: number[]; depth: number } | null = null;
  for (const [edge, direction] of [
    [outerEdge, outward],
    [innerEdge, -outward],
  ]) {
    // Ticks start next to the axis; they are followed outward, in the columns
    // inked where they start, to their end (grid lines run on past the axis as long stubs;
    // labels further out start in other columns).
    const rows: number[] = [];
    let start: number[] = [];
    // Ticks touch a drawn axis line; a filled panel's edge may leave a row or two.
    const startWithin =
      line && line.last - line.first >= DEFAULTS.maxStroke
        ? Math.max(DEFAULTS.tickStart, Math.round(reach * DEFAULTS.tickStartShare))
        : DEFAULTS.strokeTickStart;
    // The ticks start at the first line as dark as the darkest near the axis: fainter ink
    // before it, and ink well below the ticks' own, is compression ringing, not a tick.
    // The sides' ends are left out: the other axis' first tick may stand there.
    const fromEnd = Math.max(alongFrom, Math.ceil(sideFrom + DEFAULTS.frameSide));
    const toEnd = Math.min(alongTo, sideTo - DEFAULTS.frameSide);
    const strongest = Array.from({ length: startWithin }, (_, k) => {
      let most = 0;
      for (let along = fromEnd; along < toEnd; along++) {
        most = Math.max(most, darkness(along, edge + direction * (k + 1)));
      }
      return most;
    });
    const darkest = Math.max(...strongest);
    const firstDepth =
      strongest.findIndex((most) => most > DEFAULTS.ink && most >= darkest / 2) + 1;
    if (firstDepth > 0) {
      const across = edge + direction * firstDepth;
      threshold = Math.max(DEFAULTS.ink, darkest * DEFAULTS.ringingShare);
      for (let along = alongFrom; along < alongTo; along++) {
        if (inked(along, across)) start.push(along);
      }
      if (start.length > 0) rows.push(across);
    }
    const startCount = start.length;
    for (let depth = rows.length > 0 ? Math.abs(rows[0] - edge) + 1 : reach; ; depth++) {
      if (depth > reach * DEFAULTS.maxTickReaches) break;
      const across = edge + direction * depth;
      start = start.filter((along) => inked(along, across));
      // The frame's own sides run on, and are not ticks. Beyond a usual tick's length, ticks
      // run on together (grid stubs); what runs on alone (a data line) is not a tick.
      const ticksLeft = start.filter(
        (along) => along >= sideFrom + DEFAULTS.frameSide && along < sideTo - DEFAULTS.frameSide,
      ).length;
      if (
        ticksLeft === 0 ||
        (ticksLeft < startCount * DEFAULTS.ticksTogether && rows.length >= reach)
      ) {
        break;
      }
      rows.push(across);
    }
    if (rows.length === 0) continue;
    // Strokes one pixel deep beside the axis line are as likely its blur or JPEG ringing (a
    // spotty column of faint pixels along it) as ticks: taken only where the other side of
    // the line holds no ticks `minTickLength` deep or more (matplotlib's ticks drawn inside).
    if (rows.length < DEFAULTS.minTickLength) {
      const strokes: number[] | null = shallow ? null : tickStrokes(rows, false, false);
      if (strokes)
        shallow = {
          ticks: strokes,
          depth: direction === outward ? Math.abs(rows.at(-1)! - edge) : 0,
        };
      continue;
    }
    const ticks = tickStrokes(rows);
    if (ticks) return { ticks, depth: direction === outward ? Math.abs(rows.at(-1)! - edge) : 0 };
    // Labels set close below short ticks may touch their ends: their glyphs' tops in the last
    // row are no strokes from the axis, and the ticks end a row before, where nothing but
    // strokes from the axis is inked.
    const short = rows.slice(0, -1);
    if (direction === outward && short.length >= DEFAULTS.minTickLength) {
      const ticks = tickStrokes(short, true);
      if (ticks) return { ticks, depth: Math.abs(short.at(-1)! - edge) };
    }
  }
  return shallow ?? { ticks: [], depth: 0 };
}

/**
 * The colour of an axis line (at row or column `at`, between `from` and `to` along it): the
 * median of five samples along it, per channel, so a series crossing it does not count.
 */
function lineColor(image: Raster, axis: 'x' | 'y', at: number, from: number, to: number): Rgb {
  const samples = [1, 2, 3, 4, 5].map((k) => {
    const along = Math.round(from + ((to - from) * k) / 6);
    const [row, column] = axis === 'x' ? [at, along] : [along, at];
    const o = (row * image.width + column) * 3;
    return [image.data[o], image.data[o + 1], image.data[o + 2]];
  });
  const median = (channel: number) => samples.map((rgb) => rgb[channel]).sort((a, b) => a - b)[2];
  return [median(0), median(1), median(2)];
}

/**
 * Whether marks (px, in order) stand in clusters: most of their gaps are narrower than a
 * share of the widest (the strokes of `0 50 100` drawn against the axis: `1`, both sides of
 * each `0`), where ticks stand at steps equal but for one missing or one at an axis end.
 */
function clustered(marks: number[]): boolean {
  const gaps = marks.slice(1).map((mark, i) => mark - marks[i]);
  const widest = Math.max(...gaps);
  const narrow = gaps.filter((gap) => gap < widest * DEFAULTS.glyphGap).length;
  return narrow * 2 > gaps.length;
}

/** Weighted centres of runs of non-zero weight no wider than `maxWidth`. */
export function centroids(weight: Float64Array, maxWidth: number): number[] {
  const centres: number[] = [];
  let start = -1;
  for (let i = 0; i <= weight.length; i++) {
    const on = i < weight.length && weight[i] > 0;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      if (i - start <= maxWidth) {
        let sum = 0;
        let moment = 0;
        for (let j = start; j < i; j++) {
          sum += weight[j];
          moment += weight[j] * (j + 0.5);
        }
        // A stroke centred exactly on a pixel centre (crisp, or with even anti-aliased edges)
        // was snapped there. Agg (matplotlib) snaps odd-width strokes with floor(v + 0.5) + 0.5:
        // half a pixel past the true place on average. Other strokes keep their true centre.
        const centre = moment / sum;
        const snapped = Math.abs(centre - Math.floor(centre) - 0.5) < DEFAULTS.snapTolerance;
        centres.push(centre - (snapped ? 0.5 : 0));
      }
      start = -1;
    }
  }
  return centres;
}
