import type { Box } from '../types.js';

/** Where a legend sits: inside the plot (and where in it), or on which side outside it. */
export interface LegendPlace {
  inside: boolean;
  /** For a legend inside: its third of the free height; outside: 'top' or 'bottom', or 'middle' beside the plot. */
  vertical: 'top' | 'middle' | 'bottom';
  horizontal: 'left' | 'centre' | 'right';
  /** In words: "bottom-right corner", "top", "centre", "outside, right". */
  words: string;
}

/**
 * Where a legend box lies relative to the plot box (both in pixels). Inside, each direction is
 * judged from the free space on both sides of the legend: flush with an edge, or nearer it than a
 * third of that space, is at that edge (so a tall legend in the lower right is still there).
 * A legend whose centre lies outside the plot is outside on that side.
 */
export function legendPlace(legend: Box, plot: Box): LegendPlace {
  const cx = (legend.left + legend.right) / 2;
  const cy = (legend.top + legend.bottom) / 2;
  const inside = cx > plot.left && cx < plot.right && cy > plot.top && cy < plot.bottom;
  if (!inside) {
    const side =
      cx >= plot.right ? 'right' : cx <= plot.left ? 'left' : cy <= plot.top ? 'top' : 'bottom';
    return {
      inside,
      vertical: side === 'top' || side === 'bottom' ? side : 'middle',
      horizontal: side === 'left' || side === 'right' ? side : 'centre',
      words: `outside, ${side}`,
    };
  }
  const vertical = third(legend.top - plot.top, plot.bottom - legend.bottom, [
    'top',
    'middle',
    'bottom',
  ] as const);
  const horizontal = third(legend.left - plot.left, plot.right - legend.right, [
    'left',
    'centre',
    'right',
  ] as const);
  let words: string;
  if (vertical === 'middle' && horizontal === 'centre') words = 'centre';
  else if (vertical === 'middle') words = horizontal;
  else if (horizontal === 'centre') words = vertical;
  else words = `${vertical}-${horizontal} corner`;
  return { inside, vertical, horizontal, words };
}

/** Which of three places the free space before and after an item puts it in. */
function third<T>(before: number, after: number, [first, middle, last]: readonly [T, T, T]): T {
  const free = Math.max(0, before) + Math.max(0, after);
  if (free === 0) return middle;
  const share = Math.max(0, before) / free;
  return share < 1 / 3 ? first : share > 2 / 3 ? last : middle;
}
