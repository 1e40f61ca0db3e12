import type { Box } from '../types.js';
import { DEFAULTS as INK, type Ink } from './ink.js';

const DEFAULTS = {
  /** A hollow marker's hole is at least this many px across... */
  minSide: 3,
  /** ...and at most this many px, or this share of the image width if more (bars and areas are bigger). */
  maxSide: 16,
  maxSideShare: 0.03,
  /** Its width and height differ by at most this share of the larger. */
  squareness: 0.35,
  /** It fills at least this share of its box (a circle fills 0.79, a diamond 0.5). */
  fill: 0.45,
  /** A series has hollow markers when at least this many such holes are found. */
  minHoles: 4,
} as const;

/**
 * Hollow markers (a ring, a square outline, filled white or with the background) show as holes
 * in the series' ink: compact pockets of background no wider than a marker, closed all round
 * by the series' solid ink. Returns the series' weights with such holes filled (their markers
 * solid, to be found as any), or null when the series has fewer than minHoles of them. The
 * gaps between a noisy line's strokes are slivers, not compact pockets.
 */
export function fillHollowMarkers({ weight, width, region }: Ink): Float32Array | null {
  // Only the box round the series' solid ink can hold a pocket: past it all is open.
  let [left, top, right, bottom] = [width, Number.POSITIVE_INFINITY, -1, -1];
  for (let row = Math.ceil(region.top); row < region.bottom; row++) {
    for (
      let column = Math.ceil(region.left), i = row * width + column;
      column < region.right;
      column++, i++
    ) {
      if (weight[i] < INK.solid) continue;
      if (column < left) left = column;
      if (column > right) right = column;
      if (row < top) top = row;
      bottom = row;
    }
  }
  if (right - left < 2 || bottom - top < 2) return null;
  const maxSide = Math.max(DEFAULTS.maxSide, DEFAULTS.maxSideShare * width);
  const holes = enclosedPockets(weight, width, { left, top, right, bottom }).filter((pocket) => {
    const [w, h] = [pocket.right - pocket.left + 1, pocket.bottom - pocket.top + 1];
    return (
      Math.min(w, h) >= DEFAULTS.minSide &&
      Math.max(w, h) <= maxSide &&
      Math.abs(w - h) <= DEFAULTS.squareness * Math.max(w, h) &&
      pocket.size >= DEFAULTS.fill * w * h
    );
  });
  if (holes.length < DEFAULTS.minHoles) return null;
  const filled = weight.slice();
  for (const { runs } of holes) for (const [from, to] of runs) filled.fill(1, from, to);
  return filled;
}

interface Pocket {
  /** Bounding box (px, inclusive). */
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Its pixels' count. */
  size: number;
  /** Its pixels, as runs along rows: [from, to) indices into the image. */
  runs: [number, number][];
}

/**
 * The pockets of background in `box` (inclusive bounds) closed all round by solid ink: the
 * 4-connected regions of pixels under INK.solid that touch no edge of the box. Found as runs
 * along rows joined to the runs they touch in the row above (union-find), so the cost is a
 * pass over the box plus one step per run, not one per background pixel.
 */
function enclosedPockets(weight: Float32Array, width: number, box: Box): Pocket[] {
  const { left, top, right, bottom } = box;
  // Per run: its row, first and past-last columns, and the run it is joined to.
  const rows: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const parent: number[] = [];
  const root = (k: number) => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k]];
      k = parent[k];
    }
    return k;
  };
  let above = 0;
  for (let row = top; row <= bottom; row++) {
    const first = starts.length;
    const base = row * width;
    for (let column = left; column <= right; ) {
      while (column <= right && weight[base + column] >= INK.solid) column++;
      if (column > right) break;
      const start = column;
      while (column <= right && !(weight[base + column] >= INK.solid)) column++;
      rows.push(row);
      starts.push(start);
      ends.push(column);
      parent.push(parent.length);
    }
    // Join each run to the runs of the row above that share a column with it.
    let k = above;
    for (let j = first; j < starts.length; j++) {
      while (k < first && ends[k] <= starts[j]) k++;
      for (let m = k; m < first && starts[m] < ends[j]; m++) parent[root(m)] = root(j);
    }
    above = first;
  }
  const pockets = new Map<number, Pocket & { open: boolean }>();
  for (let j = 0; j < starts.length; j++) {
    const r = root(j);
    let pocket = pockets.get(r);
    if (!pocket) {
      pocket = {
        left: right,
        top: bottom,
        right: left,
        bottom: top,
        size: 0,
        runs: [],
        open: false,
      };
      pockets.set(r, pocket);
    }
    const [row, start, end] = [rows[j], starts[j], ends[j]];
    pocket.open ||= row === top || row === bottom || start === left || end === right + 1;
    pocket.left = Math.min(pocket.left, start);
    pocket.right = Math.max(pocket.right, end - 1);
    pocket.top = Math.min(pocket.top, row);
    pocket.bottom = Math.max(pocket.bottom, row);
    pocket.size += end - start;
    if (!pocket.open) pocket.runs.push([row * width + start, row * width + end]);
  }
  return [...pockets.values()].filter((pocket) => !pocket.open);
}
