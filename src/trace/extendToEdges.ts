import { fitLine } from '../math.js';
import type { Box, PixelPoint } from '../types.js';

const DEFAULTS = {
  /**
   * A bare line's trace ending this close (px) to the plot's left or right edge ran on to the
   * edge: its last columns lie under the frame or axis line, or are too faint beside them to
   * be followed (a series starting at the x axis' limit, as training curves do). In the seed-2
   * zoo the trace of such a line stops 2 to 5 px short of the edge.
   */
  reach: 6,
  /** Closer than this (px), the trace reaches the edge already. */
  touching: 0.5,
  /** The line's direction at its end: a straight fit through its points this far (px) from it. */
  span: 6,
} as const;

/**
 * A bare line whose trace stops just short of the plot's left or right edge (`edges`) is
 * carried on to it, in the direction of its last few pixels (a least-squares fit through the
 * points within `span` px of the end): where the line ran under the frame, a reading of the
 * series' first or last value from the end of the trace alone is off by the line's slope over
 * the hidden columns. `line` runs left to right; returns a new list, or `line` unchanged.
 */
export function extendToEdges(line: PixelPoint[], edges: Box): PixelPoint[] {
  if (line.length < 3) return line;
  const first = line[0];
  const last = line[line.length - 1];
  const short = (gap: number) => gap > DEFAULTS.touching && gap <= DEFAULTS.reach;
  const [left, right] = [short(first.px - edges.left), short(edges.right - last.px)];
  if (!left && !right) return line;
  return [
    ...(left ? [{ px: edges.left, py: heightAt(line, edges.left, first) }] : []),
    ...line,
    ...(right ? [{ px: edges.right, py: heightAt(line, edges.right, last) }] : []),
  ];
}

/** The line's height at `px`, on the straight fit through its points within `span` px of `end`. */
function heightAt(line: PixelPoint[], px: number, end: PixelPoint): number {
  const near = line.filter((point) => Math.abs(point.px - end.px) <= DEFAULTS.span);
  const fit = fitLine(
    near.map((point) => point.px),
    near.map((point) => point.py),
  );
  return end.py + (fit?.slope ?? 0) * (px - end.px);
}
