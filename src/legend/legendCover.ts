import { channelDistance, colorDistance, mostCommonColor, type Rgb } from '../color.js';
import type { Box, Raster } from '../types.js';

const DEFAULTS = {
  /** A pixel within this of the legend's fill (largest channel difference) is fill (JPEG noise). */
  fillTolerance: 12,
  /**
   * A row (column) beside the box with at least this share of fill pixels is still the legend's
   * background: its title, its padding (text leaves most of a row's pixels unpainted).
   */
  fillShare: 0.5,
} as const;

/**
 * How far a legend drawn over the plot covers it: its `box` (the entries found) grown, side by
 * side, while the row or column beside it is mostly the legend's fill (the commonest colour in
 * the box), inside `plot`. The legend's background reaches past its entries, round its padding
 * and its title, and a line running under it disappears where the background starts, not where
 * the entries do. A fill no different from the plot's `background` tells nothing, and a legend
 * outside the plot covers none of it: the box.
 */
export function legendCover(image: Raster, box: Box, background: Rgb, plot: Box): Box {
  // A legend outside the plot covers none of it (its page is no fill).
  const [middleX, middleY] = [(box.left + box.right) / 2, (box.top + box.bottom) / 2];
  if (middleX < plot.left || middleX > plot.right || middleY < plot.top || middleY > plot.bottom)
    return box;
  const fill = commonest(image, box);
  if (fill === null || colorDistance(fill, background) <= DEFAULTS.fillTolerance) return box;
  const { data, width } = image;
  const isFill = (row: number, column: number) =>
    channelDistance(data, (row * width + column) * 3, fill) <= DEFAULTS.fillTolerance;
  // Whole-pixel bounds, bottom and right exclusive.
  let [top, bottom] = [Math.floor(box.top), Math.ceil(box.bottom)];
  let [left, right] = [Math.floor(box.left), Math.ceil(box.right)];
  const [minRow, maxRow] = [Math.ceil(plot.top), Math.floor(plot.bottom)];
  const [minColumn, maxColumn] = [Math.ceil(plot.left), Math.floor(plot.right)];
  const rowFill = (row: number) => {
    let count = 0;
    for (let column = left; column < right; column++) if (isFill(row, column)) count++;
    return count >= (right - left) * DEFAULTS.fillShare;
  };
  const columnFill = (column: number) => {
    let count = 0;
    for (let row = top; row < bottom; row++) if (isFill(row, column)) count++;
    return count >= (bottom - top) * DEFAULTS.fillShare;
  };
  for (let grown = true; grown; ) {
    grown = false;
    while (top - 1 >= minRow && rowFill(top - 1)) [top, grown] = [top - 1, true];
    while (bottom < maxRow && rowFill(bottom)) [bottom, grown] = [bottom + 1, true];
    while (left - 1 >= minColumn && columnFill(left - 1)) [left, grown] = [left - 1, true];
    while (right < maxColumn && columnFill(right)) [right, grown] = [right + 1, true];
  }
  return {
    top: Math.min(box.top, top),
    bottom: Math.max(box.bottom, bottom),
    left: Math.min(box.left, left),
    right: Math.max(box.right, right),
  };
}

/** The commonest colour of the pixels in `box`; null for an empty box. */
function commonest({ data, width, height }: Raster, box: Box): Rgb | null {
  const [top, bottom] = [Math.max(0, Math.ceil(box.top)), Math.min(height, Math.ceil(box.bottom))];
  const [left, right] = [Math.max(0, Math.ceil(box.left)), Math.min(width, Math.ceil(box.right))];
  if (bottom <= top || right <= left) return null;
  function* offsets() {
    for (let row = top; row < bottom; row++) {
      for (let column = left; column < right; column++) yield (row * width + column) * 3;
    }
  }
  return mostCommonColor(data, offsets());
}
