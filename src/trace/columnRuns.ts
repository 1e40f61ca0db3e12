import type { Box, PixelPoint } from '../types.js';
import type { Ink } from './ink.js';

const DEFAULTS = {
  /** A run continues under another series for at most this many rows. */
  maxHidden: 20,
  /** A run holding less colour than this (px) is a fringe: its line may be hidden beside it. */
  fringe: 0.75,
} as const;

/** A weighted run of series pixels down one column (continuous coordinates). */
export interface ColumnRun {
  /** First and last row. */
  from: number;
  to: number;
  /** How much series colour it holds (px). */
  weight: number;
  /** Its centre of colour (py). */
  center: number;
}

/** The rows a run spans, its end rows counted by how much colour they hold. */
export function runEdges(run: ColumnRun, weight: Float32Array, width: number, column: number) {
  return {
    top: run.from + 1 - Math.min(1, weight[run.from * width + column]),
    bottom: run.to + Math.min(1, weight[run.to * width + column]),
  };
}

/**
 * Which points of a traced line (`line`, one per column, `spans[i]` the rows of its run) are
 * in a blob the line passes through (an error bar, a marker): a run more than twice as tall
 * as the line (`thickness`) reaching more than twice that past the nearest runs less than a
 * quarter as tall on both sides (within `reach` px), above and below. There the line does not
 * turn: a peak or a steep stroke reaches past them on one side only, and a dense noisy line's
 * columns are not that much taller than their neighbours'.
 */
export function blobPoints(
  line: PixelPoint[],
  spans: { top: number; bottom: number }[],
  thickness: number,
  reach: number,
): Uint8Array {
  const blob = new Uint8Array(line.length);
  // The nearest run less than a quarter as tall, null if none is near.
  const lower = (i: number, step: number, height: number) => {
    for (let j = i + step; j >= 0 && j < line.length; j += step) {
      if (Math.abs(line[j].px - line[i].px) > reach) return null;
      if (spans[j].bottom - spans[j].top < height / 4) return spans[j];
    }
    return null;
  };
  for (let i = 0; i < line.length; i++) {
    const here = spans[i];
    const height = here.bottom - here.top;
    if (height <= 2 * thickness) continue;
    const [a, b] = [lower(i, -1, height), lower(i, 1, height)];
    if (!a || !b) continue;
    blob[i] =
      here.top < Math.min(a.top, b.top) - 2 * thickness &&
      here.bottom > Math.max(a.bottom, b.bottom) + 2 * thickness
        ? 1
        : 0;
  }
  return blob;
}

/**
 * Weighted runs of series pixels in one column of the region (continuous coordinates: pixel
 * i is [i, i+1)); rows where `skip` holds are left out. Where another series is drawn over
 * this one (`ink.occluded`), a run continues through it when the series shows again just
 * beyond: those rows count as fully this series.
 */
export function columnRuns(
  { weight, width, region, occluded }: Ink,
  column: number,
  skip?: (row: number) => boolean,
): ColumnRun[] {
  const runs: ColumnRun[] = [];
  let current: ColumnRun | null = null;
  let moment = 0;
  let hidden: number[] = [];
  const close = () => {
    if (!current) return;
    current.center = moment / current.weight;
    runs.push(current);
    current = null;
    hidden = [];
  };
  const [top, last] = [Math.ceil(region.top), Math.floor(region.bottom)];
  for (let row = top; row <= last; row++) {
    const inside = row < region.bottom && !(skip?.(row) ?? false);
    const i = row * width + column;
    const w = inside ? weight[i] : 0;
    if (w > 0) {
      if (!current) {
        current = { from: row, to: row, weight: 0, center: 0 };
        moment = 0;
      }
      for (const h of hidden) {
        current.weight += 1;
        moment += h + 0.5;
      }
      hidden = [];
      current.to = row;
      current.weight += w;
      moment += w * (row + 0.5);
    } else if (current && inside && occluded?.[i] && hidden.length < DEFAULTS.maxHidden) {
      hidden.push(row);
    } else {
      close();
    }
  }
  close();
  if (occluded) {
    for (const run of runs) {
      if (run.weight < DEFAULTS.fringe) widenUnder(run, weight, occluded, width, column, region);
    }
  }
  return runs;
}

/** The runs of every column of the region, left to right. */
export function allColumnRuns(ink: Ink): ColumnRun[][] {
  const runs: ColumnRun[][] = [];
  for (let column = Math.ceil(ink.region.left); column < ink.region.right; column++) {
    runs.push(columnRuns(ink, column));
  }
  return runs;
}

/**
 * A series drawn exactly under another shows only as a thin fringe of blended colour at the
 * other's edge: such a run is widened over the drawn rows it touches (up to maxHidden on
 * each side), which is where the hidden line runs.
 */
function widenUnder(
  run: ColumnRun,
  weight: Float32Array,
  occluded: Uint8Array,
  width: number,
  column: number,
  region: Box,
): void {
  const hiddenAt = (row: number) =>
    row >= region.top &&
    row < region.bottom &&
    occluded[row * width + column] === 1 &&
    weight[row * width + column] === 0;
  let moment = run.center * run.weight;
  let from = run.from;
  while (run.from - from < DEFAULTS.maxHidden && hiddenAt(from - 1)) {
    from--;
    run.weight += 1;
    moment += from + 0.5;
  }
  let to = run.to;
  while (to - run.to < DEFAULTS.maxHidden && hiddenAt(to + 1)) {
    to++;
    run.weight += 1;
    moment += to + 0.5;
  }
  run.from = from;
  run.to = to;
  run.center = moment / run.weight;
}

/** The weight of each run of series pixels along each row of the region. */
export function rowRunWeights({ weight, width, region }: Ink): number[] {
  const out: number[] = [];
  for (let row = Math.ceil(region.top); row < region.bottom; row++) {
    let sum = 0;
    for (let column = Math.ceil(region.left); column < region.right; column++) {
      const w = weight[row * width + column];
      if (w > 0) sum += w;
      else if (sum > 0) {
        out.push(sum);
        sum = 0;
      }
    }
    if (sum > 0) out.push(sum);
  }
  return out;
}

/**
 * The line left to right, one point per column of the region: from each column's runs
 * (`runsAt(k)` for the k-th column), the one nearest the previous column's choice, the
 * heaviest in the first column. Returns the points, the run each came from, and the share of
 * the traced x span that has a point (1 = no gaps).
 */
export function followRuns(region: Box, runsAt: (k: number) => ColumnRun[]) {
  const left = Math.ceil(region.left);
  const count = Math.ceil(region.right) - left;
  const line: PixelPoint[] = [];
  const chosenRuns: ColumnRun[] = [];
  let previous: number | null = null;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < count; k++) {
    const column = left + k;
    const runs = runsAt(k);
    if (runs.length === 0) continue;
    let chosen = runs[0];
    for (const run of runs) {
      const better =
        previous === null
          ? run.weight > chosen.weight
          : Math.abs(run.center - previous) < Math.abs(chosen.center - previous);
      if (better) chosen = run;
    }
    line.push({ px: column + 0.5, py: chosen.center });
    chosenRuns.push(chosen);
    previous = chosen.center;
    first = Math.min(first, column);
    last = Math.max(last, column);
  }
  const coverage = line.length > 0 ? line.length / (last - first + 1) : 0;
  return { line, chosenRuns, coverage };
}
