import { chroma, deltaE, type Lab } from '../color.js';
import { percentile } from '../math.js';
import type { Box } from '../types.js';
import { assign, BLEND_DE, blend, MIN_ALPHA } from './assignPixels.js';

const DEFAULTS = {
  /** A pixel with this much of its series' colour (0..1) is the core of its line. */
  coreAlpha: 0.8,
  /** Pixels this close (px) to a line's core are its edges (anti-aliasing, JPEG ringing). */
  edgeReach: 2,
  /** Pixels this close (px) to a grid line are the grid's. */
  gridReach: 1,
  /** A new colour holds at least this many pixels per plot column away from other lines. */
  minLineShare: 2,
  /** Colours closer than this (Delta E) to a series colour are that colour. */
  mergeDe: 10,
  /**
   * A line crosses a column in a short run: the longest run of the colour's pixels down a
   * column (median over columns) is at most this share of the plot's height (a band fills its
   * columns; two lines of one tint cross a column in two short runs)...
   */
  maxRunShare: 0.08,
  /** ...or this many pixels. */
  minRunCap: 6,
  /** At most this share of a line's pixels run, through drawn pixels, into another's core... */
  maxAttached: 0.3,
  /** ...across a column, or along a row within this many px. */
  rowReach: 8,
  /** A row or column this much of whose length holds the colour is a grid line's... */
  gridFill: 0.1,
  /** ...when the rows (columns) this many px either side hold less of it together (it is thin)... */
  gridSide: 3,
  /** ...and a line has at most this share of its pixels on such. */
  maxStraight: 0.5,
  /** Down a column, drawn pixels this few apart are one run (a grid line drawn across a band). */
  runGap: 3,
  /**
   * The series a new colour's pixels came from keeps a line of its own: this many core pixels
   * per plot column (a line too faint to have any is not two colours).
   */
  minSourceCore: 0.5,
} as const;

/** The plot's drawn pixels and the series colours found so far, as separateSeries has them:
 * what the searches for series a first pass missed (`tintSeries`, `unlistedColors`) start from. */
export interface DrawnColors {
  width: number;
  region: Box;
  /** Drawn pixels (indices) and their colours. */
  pixels: number[];
  labs: Lab[];
  /** Each drawn pixel's series among `seriesLabs` (-1: none explains it). */
  assignment: { series: number; alpha: number }[];
  /** The series colours found so far (the legend's, where it has entries). */
  seriesLabs: Lab[];
  background: Lab;
  /** Finds the colours among some pixels (clusterColors). */
  cluster: (labs: Lab[]) => Promise<Lab[]>;
}

export interface TintInput extends DrawnColors {
  /** Positions (px) of the grid lines. */
  grid: { x: number[]; y: number[] };
  /** A new colour holds at least this many pixels per plot column away from other lines. @default 2 */
  minLineShare?: number;
  /**
   * Colours below this chroma are greys of their own, not a series colour off its blends
   * (where the pixels looked at hold greys set aside as the grid's). @default 0
   */
  greyChroma?: number;
}

/**
 * A series drawn in a tint of another's colour (a colormap's light end, greys, a legend that
 * missed its entry): each of its pixels is a blend of the darker colour with the background
 * and went to it, though it lies far from any of that colour's lines. Such pixels, away from
 * every core and grid line, are clustered; of the colours among them, each tried alone, the
 * one drawing the most line of its own (enough pixels, a short run per column, not on grid
 * rows and columns, not running into another line as a band or a halo does), taken from a
 * series that keeps its own line, is returned (null when no colour does).
 */
export async function tintSeries({
  width,
  region,
  pixels,
  labs,
  assignment,
  seriesLabs,
  background,
  grid,
  cluster,
  minLineShare = DEFAULTS.minLineShare,
  greyChroma = 0,
}: TintInput): Promise<Lab | null> {
  const columns = Math.max(1, region.right - region.left);
  const height = Math.max(1, region.bottom - region.top);
  const reach = DEFAULTS.edgeReach;
  // Pixels are in image order: the last is the farthest any lies.
  const cores = new Uint8Array((pixels.at(-1) ?? 0) + (reach + 1) * (width + 1));
  const coreCounts = seriesLabs.map(() => 0);
  assignment.forEach(({ series, alpha }, i) => {
    if (series >= 0 && alpha >= DEFAULTS.coreAlpha) {
      cores[pixels[i]] = 1;
      coreCounts[series]++;
    }
  });
  const nearCore = (p: number) => {
    for (let dy = -reach; dy <= reach; dy++) {
      for (let dx = -reach; dx <= reach; dx++) if (cores[p + dy * width + dx] === 1) return true;
    }
    return false;
  };
  const nearGrid = (p: number) =>
    grid.x.some((x) => Math.abs((p % width) - x) <= DEFAULTS.gridReach) ||
    grid.y.some((y) => Math.abs(Math.floor(p / width) - y) <= DEFAULTS.gridReach);
  const pool = assignment.flatMap(({ alpha }, i) =>
    alpha < DEFAULTS.coreAlpha && !nearCore(pixels[i]) && !nearGrid(pixels[i]) ? [i] : [],
  );
  const minCount = columns * minLineShare;
  if (pool.length < minCount) return null;
  // A tint of a series colour (a blend of it with the background), or a colour of its own; not
  // one near a series colour off its blends (its markers' insides, chroma lost to JPEG).
  const candidates = (await cluster(pool.map((i) => labs[i]))).filter((lab) =>
    seriesLabs.every((known) => {
      if (deltaE(known, lab) < DEFAULTS.mergeDe) return false;
      const { alpha, residual } = blend(lab, known, background);
      // A blend holding too little of the colour for a pixel to go to it (MIN_ALPHA) is nearly
      // the background: lying near it says nothing of the colour (a pale tint of another hue).
      return (
        residual < BLEND_DE ||
        residual >= BLEND_DE * 2 ||
        alpha < MIN_ALPHA ||
        chroma(lab) < greyChroma
      );
    }),
  );
  if (candidates.length === 0) return null;
  const attached = attachedToCores(width, region, pixels, cores);
  const poolLabs = pool.map((i) => labs[i]);
  const maxRun = Math.max(DEFAULTS.minRunCap, height * DEFAULTS.maxRunShare);
  // Each colour is tried alone (tints of one hue share pixels), and the one drawing the most
  // line is taken.
  const lines = candidates.map((candidate) => {
    const withTint = assign(poolLabs, [...seriesLabs, candidate], background);
    const mine = pool.flatMap((_, n) => (withTint[n].series === seriesLabs.length ? [n] : []));
    return { candidate, mine };
  });
  lines.sort((a, b) => b.mine.length - a.mine.length);
  const found = lines.find(({ mine }) => {
    if (mine.length < minCount) return false;
    // A line apart from the others (a band or a halo runs into the line it surrounds).
    const at = mine.map((n) => pool[n]);
    if (at.filter((i) => attached(pixels[i])).length > at.length * DEFAULTS.maxAttached) {
      return false;
    }
    const perColumn = new Map<number, number>();
    const perRow = new Map<number, number>();
    for (const i of at) {
      const [column, row] = [pixels[i] % width, Math.floor(pixels[i] / width)];
      perColumn.set(column, (perColumn.get(column) ?? 0) + 1);
      perRow.set(row, (perRow.get(row) ?? 0) + 1);
    }
    if (
      percentile(
        longestRuns(
          at.map((i) => pixels[i]),
          width,
        ),
        0.5,
      ) > maxRun
    )
      return false;
    // Grid lines lie on rows and columns they fill, thin ones (a line drawn thick, or two of
    // one tint, fill the rows beside too).
    const gridLine = (counts: Map<number, number>, at: number, length: number) => {
      const count = counts.get(at)!;
      const beside =
        (counts.get(at - DEFAULTS.gridSide) ?? 0) + (counts.get(at + DEFAULTS.gridSide) ?? 0);
      return count >= length * DEFAULTS.gridFill && beside < count;
    };
    const straight = at.filter((i) => {
      const [column, row] = [pixels[i] % width, Math.floor(pixels[i] / width)];
      return gridLine(perRow, row, columns) || gridLine(perColumn, column, height);
    }).length;
    if (straight > at.length * DEFAULTS.maxStraight) return false;
    // The series these pixels went to before keeps a line of its own.
    const from = seriesLabs.map(() => 0);
    for (const i of at) if (assignment[i].series >= 0) from[assignment[i].series]++;
    const source = from.indexOf(Math.max(...from));
    return from[source] === 0 || coreCounts[source] >= columns * DEFAULTS.minSourceCore;
  });
  return found?.candidate ?? null;
}

/**
 * Whether a drawn pixel runs into a core pixel through drawn pixels: up or down its column
 * (a band round its line, however tall, across gaps of DEFAULTS.runGap px), or along its row within DEFAULTS.rowReach px (a halo
 * beside a steep line).
 */
export function attachedToCores(
  width: number,
  region: Box,
  pixels: number[],
  cores: Uint8Array,
): (p: number) => boolean {
  const drawn = new Uint8Array(cores.length);
  for (const p of pixels) drawn[p] = 1;
  const inColumn = new Uint8Array(cores.length);
  const top = Math.ceil(region.top);
  const bottom = Math.ceil(region.bottom);
  for (let column = Math.ceil(region.left); column < region.right; column++) {
    let [start, last, cored] = [-1, -1, false];
    const close = () => {
      if (cored) for (let r = start; r <= last; r++) inColumn[r * width + column] = 1;
      [start, cored] = [-1, false];
    };
    for (let row = top; row < bottom; row++) {
      const p = row * width + column;
      if (drawn[p] !== 1) continue;
      if (start >= 0 && row - last > DEFAULTS.runGap + 1) close();
      if (start < 0) start = row;
      last = row;
      if (cores[p] === 1) cored = true;
    }
    close();
  }
  const along = (p: number, step: number) => {
    for (let k = 1, q = p + step; k <= DEFAULTS.rowReach && drawn[q] === 1; k++, q += step) {
      if (cores[q] === 1) return true;
    }
    return false;
  };
  return (p) => inColumn[p] === 1 || along(p, 1) || along(p, -1);
}

/** The longest run of consecutive rows that `pixels` (image indices) hold in each column. */
function longestRuns(pixels: number[], width: number): number[] {
  const rows = new Map<number, number[]>();
  for (const p of pixels) {
    const column = p % width;
    const at = rows.get(column);
    if (at) at.push(Math.floor(p / width));
    else rows.set(column, [Math.floor(p / width)]);
  }
  return [...rows.values()].map((inColumn) => {
    inColumn.sort((a, b) => a - b);
    let [longest, run] = [1, 1];
    for (let k = 1; k < inColumn.length; k++) {
      run = inColumn[k] === inColumn[k - 1] + 1 ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    return longest;
  });
}
