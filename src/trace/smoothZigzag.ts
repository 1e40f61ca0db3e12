import type { PixelPoint } from '../types.js';

const DEFAULTS = {
  /**
   * A trace that turns back at this share of its points (or more) has data points closer than
   * its columns. Noise with a data point every column turns back at about half of them (and
   * the trace follows it: the development set's dev013 is 0.50), three a column at 0.58 to
   * 0.65 (seed-2 zoo's z00614, z00061 and the test's line). Smoothing the zoo's traces from 0.5
   * on gained a little more there but made more charts worse.
   */
  turnShare: 0.55,
  /** Fewer points than this say nothing about how often a line turns. */
  minPoints: 8,
  /** Points this far apart (px) or less are in neighbouring columns. */
  neighbour: 1.5,
} as const;

/**
 * A line whose data points lie closer than a pixel column (a noisy curve of thousands of
 * points) zigzags within every column: one height per column cannot follow it, and the trace
 * jumps between the extremes of the strokes the column holds, so its height at a point
 * between columns is up to the whole zigzag off. Such a trace turns back at nearly every
 * point. There, the best reading of the line's height at a column is the weighted mean of its
 * own and its neighbours' heights (weights 1, 2, 1): the middle of the strokes around it.
 * A line whose turns are columns apart (peaks, a zigzag with a vertex every few columns)
 * turns back at fewer of its points and is returned as it is.
 *
 * `line` is a bare line's trace, left to right, about one point per column; whether it zigzags
 * is judged on it. `centres`, if given, is the same line as followed, before its points were
 * moved to where its strokes turn (the centre of each column's run): a zigzag's turns lie
 * several to a column, and a point moved to one of them is off the others, while the run's
 * centre is the middle of them all. Where the line zigzags those centres are smoothed instead
 * (the seed-2 zoo's dense charts, a list of 35: 0.786 -> 0.797, 10 better, 2 worse). Returns a
 * new list of points, their heights smoothed where both neighbours are next to them.
 */
export function smoothZigzag(line: PixelPoint[], centres?: PixelPoint[]): PixelPoint[] {
  if (!zigzags(line)) return line;
  const source = centres && centres.length >= DEFAULTS.minPoints ? centres : line;
  return source.map((point, i) =>
    i > 0 && i < source.length - 1 && inner(source, i)
      ? { px: point.px, py: (source[i - 1].py + 2 * point.py + source[i + 1].py) / 4 }
      : point,
  );
}

/** Whether `line[i]`'s neighbours on both sides are in the columns next to it. */
function inner(line: PixelPoint[], i: number): boolean {
  return (
    line[i].px - line[i - 1].px <= DEFAULTS.neighbour &&
    line[i + 1].px - line[i].px <= DEFAULTS.neighbour
  );
}

/** Whether a trace turns back at `turnShare` of its points or more (see smoothZigzag). */
function zigzags(line: PixelPoint[]): boolean {
  if (line.length < DEFAULTS.minPoints) return false;
  let points = 0;
  let turns = 0;
  for (let i = 1; i < line.length - 1; i++) {
    if (!inner(line, i)) continue;
    points++;
    if ((line[i].py - line[i - 1].py) * (line[i + 1].py - line[i].py) < 0) turns++;
  }
  return points >= DEFAULTS.minPoints && turns >= DEFAULTS.turnShare * points;
}
