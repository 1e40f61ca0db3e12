import { chroma, type Lab } from '../color.js';
import { findRuns } from '../math.js';
import type { Box } from '../types.js';
import { assign } from './assignPixels.js';
import { tintSeries } from './tintSeries.js';

const DEFAULTS = {
  /** Grey pixels this close (px) to a grid line's position are the grid's. */
  gridReach: 1,
  /**
   * A row (column) whose grey pixels cover this share of the plot's width (height) is a grid
   * line, the frame or an axis, found or not among the grid positions (a dashed one covers
   * about half its length).
   */
  straightFill: 0.3,
  /**
   * A grey series holds at least this many pixels per plot column away from other lines: one
   * thin line's (the pixels of a grey's anti-aliased edges are too faint to count).
   */
  minLineShare: 1,
  /**
   * A grey series spans at least this share of the plot's columns (text left in does not)...
   */
  minSpan: 0.5,
  /** ...in runs of at least this many columns (tick marks drawn inside, across the plot, do not). */
  minRun: 3,
  /** A pixel with this much of its series' colour (0..1) is the core of its line... */
  coreAlpha: 0.8,
  /** ...and pixels this close (px) to it are its edges. */
  edgeReach: 2,
  /** The most grey series looked for. */
  maxSeries: 4,
} as const;

export interface GreyInput {
  width: number;
  region: Box;
  /** The coloured pixels (indices, in image order) and their colours, as separateSeries kept them. */
  pixels: number[];
  labs: Lab[];
  /** The grey pixels set aside as grid, frame and text (indices, in image order), and their colours. */
  greyPixels: number[];
  greyLabs: Lab[];
  seriesLabs: Lab[];
  background: Lab;
  /** Positions (px) of the grid lines. */
  grid: { x: number[]; y: number[] };
  /** Finds the colours among some pixels (clusterColors). */
  cluster: (labs: Lab[]) => Promise<Lab[]>;
  /** Below this chroma a colour is a grey (as separateSeries sets greys aside). */
  greyChroma: number;
}

/** A grey series: its colour, and its pixels (image indices) with how much of it each holds. */
export interface GreyLine {
  lab: Lab;
  pixels: number[];
  alphas: number[];
  /** The pixels' colours. */
  labs: Lab[];
}

/**
 * Series drawn in a grey or a colour nearly grey (the pale middle of a diverging colormap,
 * cividis' greys, tab10's grey) among coloured ones: their pixels were set aside with the
 * grid, the frame and the text, and no series took them. Grey pixels off the grid's lines
 * (its positions, and rows or columns they cover as a straight line does) are offered to
 * `tintSeries` with the coloured ones, one colour at a time: a grey drawing a line of its own
 * there, away from every other line, is a series. Returns the grey series found, each with the
 * pixels it explains away from the other series' lines: the other series' masks are left as
 * they are.
 */
export async function greySeries({
  width,
  region,
  pixels,
  labs,
  greyPixels,
  greyLabs,
  seriesLabs,
  background,
  grid,
  cluster,
  greyChroma,
}: GreyInput): Promise<GreyLine[]> {
  if (greyPixels.length === 0 || seriesLabs.length === 0) return [];
  const offGrid = offStraightLines(width, region, greyPixels, grid);
  if (offGrid.length === 0) return [];
  const merged = mergeInOrder(
    pixels,
    labs,
    offGrid.map((i) => greyPixels[i]),
    offGrid.map((i) => greyLabs[i]),
  );
  const known = [...seriesLabs];
  const found: Lab[] = [];
  for (let round = 0; round < DEFAULTS.maxSeries; round++) {
    const grey = await tintSeries({
      width,
      region,
      pixels: merged.pixels,
      labs: merged.labs,
      assignment: assign(merged.labs, known, background),
      seriesLabs: known,
      background,
      grid,
      cluster,
      minLineShare: DEFAULTS.minLineShare,
      greyChroma,
    });
    // A colour with chroma is a tint tintSeries turned down, found here only for the greys
    // drawn round it (a faint line's edges).
    if (
      !grey ||
      chroma(grey) >= greyChroma ||
      !spansPlot(width, region, merged.pixels, merged.labs, known, grey, background)
    ) {
      break;
    }
    known.push(grey);
    found.push(grey);
  }
  if (found.length === 0) return [];
  // Each grey's pixels: those it explains away from the other series' lines (whose faintest
  // edges, which no series took, a pale grey explains too).
  const assignment = assign(merged.labs, known, background);
  const cores = new Set<number>();
  assignment.forEach(({ series, alpha }, n) => {
    if (series >= 0 && series < seriesLabs.length && alpha >= DEFAULTS.coreAlpha) {
      cores.add(merged.pixels[n]);
    }
  });
  const reach = DEFAULTS.edgeReach;
  const nearCore = (p: number) => {
    for (let dy = -reach; dy <= reach; dy++) {
      for (let dx = -reach; dx <= reach; dx++) if (cores.has(p + dy * width + dx)) return true;
    }
    return false;
  };
  // A grey that a later one took its line from keeps what is left (tick marks, text).
  const lines = found.map((lab, g) => {
    const pixels: number[] = [];
    const alphas: number[] = [];
    const labs: Lab[] = [];
    assignment.forEach(({ series, alpha }, n) => {
      if (series !== seriesLabs.length + g || nearCore(merged.pixels[n])) return;
      pixels.push(merged.pixels[n]);
      alphas.push(alpha);
      labs.push(merged.labs[n]);
    });
    return { lab, pixels, alphas, labs };
  });
  return lines.filter((line) => spans(width, region, line.pixels));
}

/**
 * Whether the pixels a new colour takes from `known` span DEFAULTS.minSpan of the plot's
 * columns, in runs of DEFAULTS.minRun columns or more.
 */
function spansPlot(
  width: number,
  region: Box,
  pixels: number[],
  labs: Lab[],
  known: Lab[],
  grey: Lab,
  background: Lab,
): boolean {
  const taken = assign(labs, [...known, grey], background).flatMap(({ series }, n) =>
    series === known.length ? [pixels[n]] : [],
  );
  return spans(width, region, taken);
}

/** Whether `pixels` span DEFAULTS.minSpan of the plot's columns, in runs of DEFAULTS.minRun or more. */
function spans(width: number, region: Box, pixels: number[]): boolean {
  const inked = new Uint8Array(width);
  for (const p of pixels) inked[p % width] = 1;
  const spanned = findRuns(inked, 0, DEFAULTS.minRun).reduce(
    (sum, { from, to }) => sum + to - from + 1,
    0,
  );
  return spanned >= (region.right - region.left) * DEFAULTS.minSpan;
}

/**
 * The indices (into `pixels`) of the pixels neither near a grid position nor on a row or
 * column that `pixels` cover as a straight line does (DEFAULTS.straightFill of it).
 */
function offStraightLines(
  width: number,
  region: Box,
  pixels: number[],
  grid: { x: number[]; y: number[] },
): number[] {
  const perRow = new Map<number, number>();
  const perColumn = new Map<number, number>();
  for (const p of pixels) {
    const [column, row] = [p % width, Math.floor(p / width)];
    perRow.set(row, (perRow.get(row) ?? 0) + 1);
    perColumn.set(column, (perColumn.get(column) ?? 0) + 1);
  }
  const across = (region.right - region.left) * DEFAULTS.straightFill;
  const down = (region.bottom - region.top) * DEFAULTS.straightFill;
  const near = (at: number, lines: number[]) =>
    lines.some((line) => Math.abs(at - line) <= DEFAULTS.gridReach);
  return pixels.flatMap((p, i) => {
    const [column, row] = [p % width, Math.floor(p / width)];
    if (perRow.get(row)! >= across || perColumn.get(column)! >= down) return [];
    return near(column, grid.x) || near(row, grid.y) ? [] : [i];
  });
}

/** Two lists of pixels (each in image order) and their colours as one, in image order. */
function mergeInOrder(
  pixels: number[],
  labs: Lab[],
  morePixels: number[],
  moreLabs: Lab[],
): { pixels: number[]; labs: Lab[] } {
  const out = { pixels: [] as number[], labs: [] as Lab[] };
  let [a, b] = [0, 0];
  while (a < pixels.length || b < morePixels.length) {
    const fromMore = a >= pixels.length || (b < morePixels.length && morePixels[b] < pixels[a]);
    if (fromMore) {
      out.pixels.push(morePixels[b]);
      out.labs.push(moreLabs[b++]);
    } else {
      out.pixels.push(pixels[a]);
      out.labs.push(labs[a++]);
    }
  }
  return out;
}
