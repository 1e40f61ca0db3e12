import { deltaE, type Lab, mostCommonColor, rgbToLab } from '../color.js';
import type { Box, Raster } from '../types.js';

const DEFAULTS = {
  /** A grid line's pixels lie this close (Delta E) to its commonest colour (anti-aliasing, JPEG). */
  sameDe: 8,
  /** The rows (columns) this far from a grid line's position may hold it (a line 2-3 px wide). */
  reach: 1,
  /**
   * A row is a grid line's when its colour shows in at least this share of the DEFAULTS.parts
   * equal parts of the region's width (a dotted grid line covers half its length, all along).
   */
  cover: 0.6,
  /** The parts a line is cut into to tell how far along it its colour shows. */
  parts: 20,
  /** Lines a whole number of median gaps apart, give or take this many px, are evenly spaced. */
  spacingPx: 2,
  /** Pixels this close (Delta E) to the background are none of a line's. */
  backgroundDe: 12,
  /**
   * A series' colour is the grid's where it runs along this share of the grid lines, and at
   * least DEFAULTS.minLines of them (a series may run flat along one or two).
   */
  mostLines: 0.5,
  minLines: 3,
} as const;

/**
 * The pixels of the grid lines at `grid` (px positions of vertical lines `x` and horizontal
 * lines `y`) inside `region`: in each row (column) a line may cover, the pixels of the colour
 * that runs across most of it. Series cross grid lines in their own colour, and are kept; a
 * colour near one of `keep` (a series' colour, drawn flat along a line) is grid only where it
 * runs along most of the lines of its direction (DEFAULTS.mostLines, at least
 * DEFAULTS.minLines): a series lies flat along one line, the grid along all. Grey series and
 * grey grids are told apart by this, not by a grey level. Returns one flag per image pixel.
 */
export function gridInk(
  image: Raster,
  region: Box,
  grid: { x: number[]; y: number[] },
  background: Lab,
  keep: Lab[],
): Uint8Array {
  const { data, width, height } = image;
  const flags = new Uint8Array(width * height);
  const top = Math.ceil(region.top);
  const left = Math.ceil(region.left);
  // The rows and columns drawnPixels reads: up to, not including, the region's far edges.
  const bottom = Math.ceil(region.bottom);
  const right = Math.ceil(region.right);
  /**
   * The pixels of one row or column of a line (`at(0..length-1)`, image pixel indices) in the
   * colour that runs across most of it, with that colour; null where none does.
   */
  const line = (at: (k: number) => number, length: number) => {
    const drawn: number[] = [];
    for (let k = 0; k < length; k++) {
      const p = at(k);
      const lab = rgbToLab([data[p * 3], data[p * 3 + 1], data[p * 3 + 2]]);
      if (deltaE(lab, background) >= DEFAULTS.backgroundDe) drawn.push(p);
    }
    if (spread(drawn, at, length) < DEFAULTS.cover) return null;
    const color = rgbToLab(
      mostCommonColor(
        data,
        drawn.map((p) => p * 3),
      ),
    );
    const same = drawn.filter((p) => {
      const lab = rgbToLab([data[p * 3], data[p * 3 + 1], data[p * 3 + 2]]);
      return deltaE(lab, color) < DEFAULTS.sameDe;
    });
    return spread(same, at, length) < DEFAULTS.cover ? null : { color, same };
  };
  /** The share of a line's DEFAULTS.parts that hold any of `pixels` (of `at(0..length-1)`). */
  const spread = (pixels: number[], at: (k: number) => number, length: number) => {
    const held = new Set(pixels);
    const parts = new Set<number>();
    for (let k = 0; k < length; k++) {
      if (held.has(at(k))) parts.add(Math.floor((k * DEFAULTS.parts) / length));
    }
    return parts.size / DEFAULTS.parts;
  };
  /**
   * Flags the grid's pixels among the lines at `positions`, each read by `read` (its rows or
   * columns). A colour near one the series have is grid only where it runs along most of the
   * lines: one series may run flat along a grid line, not along most of them at once (a
   * greyscale chart's grey grid, the grey of a series too).
   */
  const lines = (positions: number[], read: (position: number) => ReturnType<typeof line>[]) => {
    const found = positions.map((position) =>
      read(position).filter((run): run is NonNullable<typeof run> => run !== null),
    );
    const along = (color: Lab) =>
      found.filter((runs) => runs.some((run) => deltaE(run.color, color) < DEFAULTS.sameDe)).length;
    const most = Math.max(DEFAULTS.minLines, positions.length * DEFAULTS.mostLines);
    for (const run of found.flat()) {
      const series = keep.some((lab) => deltaE(lab, run.color) < DEFAULTS.sameDe);
      if (series && along(run.color) < most) continue;
      for (const p of run.same) flags[p] = 1;
    }
  };
  lines(grid.y, (y) =>
    near(y, top, bottom).map((row) => line((k) => row * width + left + k, right - left)),
  );
  lines(grid.x, (x) =>
    near(x, left, right).map((column) => line((k) => (top + k) * width + column, bottom - top)),
  );
  return flags;
}

/**
 * The positions among `lines` (px) that lie on one even spacing (their median gap), the
 * longest such run, when it holds half of them or more. Grid lines are drawn at even steps of a linear axis; a flat stretch of a
 * series found among them is not (where no tick marks tell which lines are the grid's).
 */
export function evenlySpaced(lines: number[]): number[] {
  const sorted = [...lines].sort((a, b) => a - b);
  if (sorted.length < 3) return sorted;
  const gaps = sorted.slice(1).map((at, i) => at - sorted[i]);
  const step = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)];
  if (step <= DEFAULTS.spacingPx * 2) return [];
  // Each line a whole number of steps from the last one kept (a step is not a whole number of
  // px: errors would add up from a distant line).
  const chain = (from: number) => {
    const kept = [sorted[from]];
    for (const at of sorted.slice(from + 1)) {
      const gap = at - kept[kept.length - 1];
      const steps = Math.round(gap / step);
      if (steps >= 1 && Math.abs(gap - steps * step) <= DEFAULTS.spacingPx) kept.push(at);
    }
    return kept;
  };
  const best = sorted
    .map((_, from) => chain(from))
    .reduce((most, lattice) => (lattice.length > most.length ? lattice : most), []);
  // Where most lines lie off any one spacing, flat stretches of series are most of them.
  return best.length * 2 >= sorted.length ? best : [];
}

/** The rows (or columns) within DEFAULTS.reach of position `at`, inside [from, to). */
function near(at: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = Math.floor(at) - DEFAULTS.reach; i <= Math.ceil(at) + DEFAULTS.reach; i++) {
    if (i >= from && i < to) out.push(i);
  }
  return out;
}
