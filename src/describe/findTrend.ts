import { percentile } from '../math.js';

/** A stretch over which a series goes one way: from point `from` to point `to` (indices). */
export interface Leg {
  direction: 'rising' | 'falling' | 'flat';
  from: number;
  to: number;
}

/** A point where a series turns: from rising to falling (a peak) or back (a dip). */
export interface Turn {
  kind: 'peak' | 'dip';
  /** Index of the point. */
  index: number;
  /** How far it stands out: the smaller of the moves into and out of it (axis units). */
  height: number;
  /** A narrow turn standing out far more than the series' others (see findTrend). */
  spike: boolean;
}

export interface TrendOptions {
  /** A move smaller than this (axis units) is not a rise or a fall, only noise along the way. */
  turn: number;
  /**
   * A rise or fall that reaches within `turn` / 2 of its end this long before it (a share of
   * the series' x span) levels off there: the rest is flat. @default 0.25
   */
  plateau?: number;
  /** A spike is at most this wide at half its height (a share of the x span). @default 0.1 */
  spikeWidth?: number;
  /** ...and at least this many times the median height of the series' other turns. @default 2 */
  spikeFactor?: number;
}

/**
 * The shape of a series: its rises and falls, and the points where it turns. `xs` and `ys` are
 * the points in order of x, in axis units (log10 on a log axis, so a move is what the eye sees).
 *
 * Moves smaller than `turn` are ignored (a zigzag filter: a series turns only once it has gone
 * back by `turn` from its last extreme), so noise does not count as oscillation. A rise or fall
 * that reaches its end value early and stays near it is split into the move and a flat leg. A
 * series whose whole range is under `turn` is one flat leg. A spike is a turn that is narrow
 * (its width at half its height at most `spikeWidth` of the x span) and at least `spikeFactor`
 * times the median height of the other turns (twice `turn` when it is the only one).
 */
export function findTrend(
  xs: readonly number[],
  ys: readonly number[],
  { turn, plateau = 0.25, spikeWidth = 0.1, spikeFactor = 2 }: TrendOptions,
): { legs: Leg[]; turns: Turn[] } {
  const n = ys.length;
  if (n === 0) return { legs: [], turns: [] };
  const span = xs[n - 1] - xs[0];
  const pivots = zigzag(ys, turn);
  const turns: Turn[] = [];
  for (let k = 1; k < pivots.length - 1; k++) {
    const index = pivots[k];
    const height = Math.min(
      Math.abs(ys[index] - ys[pivots[k - 1]]),
      Math.abs(ys[pivots[k + 1]] - ys[index]),
    );
    const kind = ys[index] > ys[pivots[k - 1]] ? 'peak' : 'dip';
    turns.push({ kind, index, height, spike: false });
  }
  for (const t of turns) {
    const others = turns.filter((other) => other !== t).map((other) => other.height);
    const typical = others.length > 0 ? percentile(others, 0.5) : turn;
    t.spike =
      span > 0 && t.height >= spikeFactor * typical && halfWidth(xs, ys, t) <= spikeWidth * span;
  }
  // What follows the last extreme moves less than a turn: flat when it lasts, else left out.
  const last = pivots[pivots.length - 1];
  const flatTail =
    last !== n - 1 && (pivots.length === 1 || xs[n - 1] - xs[last] >= plateau * span);
  if (flatTail) pivots.push(n - 1);

  const legs: Leg[] = [];
  for (let k = 1; k < pivots.length; k++) {
    const [from, to] = [pivots[k - 1], pivots[k]];
    const change = ys[to] - ys[from];
    if (Math.abs(change) < turn) {
      legs.push({ direction: 'flat', from, to });
      continue;
    }
    const direction = change > 0 ? 'rising' : 'falling';
    // Where the move comes within half a turn of its end, and stays there to its end.
    let settled = to;
    while (settled > from && Math.abs(ys[settled - 1] - ys[to]) <= turn / 2) settled -= 1;
    // Before a flat tail, the move ends where it settles, however soon.
    const beforeTail = flatTail && k === pivots.length - 2;
    if (settled < to && (beforeTail || xs[to] - xs[settled] >= plateau * span)) {
      legs.push({ direction, from, to: settled }, { direction: 'flat', from: settled, to });
    } else {
      legs.push({ direction, from, to });
    }
  }
  // A level stretch before a tail that stays level is one flat leg.
  const merged = legs.filter((leg, k) => k === 0 || leg.direction !== legs[k - 1].direction);
  merged.forEach((leg, k) => {
    leg.to = merged[k + 1]?.from ?? legs[legs.length - 1].to;
  });
  return { legs: merged, turns };
}

/**
 * Indices where the series turns by at least `turn`, with its first and last points: the first
 * move of `turn` sets the direction; each later extreme is kept once the series has come back
 * from it by `turn`.
 */
function zigzag(ys: readonly number[], turn: number): number[] {
  const n = ys.length;
  const pivots = [0];
  let high = 0;
  let low = 0;
  let direction = 0;
  let extreme = 0;
  for (let i = 1; i < n; i++) {
    if (direction === 0) {
      if (ys[i] > ys[high]) high = i;
      if (ys[i] < ys[low]) low = i;
      if (ys[high] - ys[low] >= turn) {
        // A smaller move the other way before it belongs to this first leg.
        direction = high > low ? 1 : -1;
        extreme = i;
      }
    } else if (direction * (ys[i] - ys[extreme]) > 0) {
      extreme = i;
    } else if (direction * (ys[extreme] - ys[i]) >= turn) {
      pivots.push(extreme);
      direction = -direction;
      extreme = i;
    }
  }
  if (direction !== 0) pivots.push(extreme);
  return pivots;
}

/** The width (x) of a turn at half its height, the crossings of that level interpolated. */
function halfWidth(xs: readonly number[], ys: readonly number[], t: Turn): number {
  const sign = t.kind === 'peak' ? 1 : -1;
  const level = ys[t.index] - (sign * t.height) / 2;
  const above = (i: number) => sign * (ys[i] - level) > 0;
  const cross = (inside: number, outside: number) =>
    xs[inside] + ((xs[outside] - xs[inside]) * (ys[inside] - level)) / (ys[inside] - ys[outside]);
  let left = t.index;
  while (left > 0 && above(left - 1)) left -= 1;
  let right = t.index;
  while (right < ys.length - 1 && above(right + 1)) right += 1;
  const from = left > 0 ? cross(left, left - 1) : xs[0];
  const to = right < ys.length - 1 ? cross(right, right + 1) : xs[ys.length - 1];
  return to - from;
}
