import { channelDistance, type Rgb } from '../color.js';
import type { Box, Raster } from '../types.js';

/** A pixel this far (0..255) from the page colour is ink. */
export const INK = 60;
/** A glyph whose bottom is this share of the label height above the label's bottom is raised. */
const RAISED = 0.3;

/** Shrinks a box to the ink inside it (the box itself when it holds none). */
export function tighten(image: Raster, page: Rgb, box: Box): Box {
  let left = box.right;
  let right = box.left;
  let top = box.bottom;
  let bottom = box.top;
  for (let row = box.top; row < box.bottom; row++) {
    for (let column = box.left; column < box.right; column++) {
      if (channelDistance(image.data, (row * image.width + column) * 3, page) > INK) {
        left = Math.min(left, column);
        right = Math.max(right, column + 1);
        top = Math.min(top, row);
        bottom = Math.max(bottom, row + 1);
      }
    }
  }
  return right > left ? { left, right, top, bottom } : box;
}

/**
 * Splits a label into its base and a raised exponent (`10` and `-3` of 10^-3), from where
 * the glyphs' bottoms jump up at the end of the label. Returns null when nothing is raised.
 */
export function splitExponent(
  image: Raster,
  page: Rgb,
  label: Box,
): { base: Box; exponent: Box } | null {
  const height = label.bottom - label.top;
  const bottoms: number[] = [];
  for (let column = label.left; column < label.right; column++) {
    let lowest = -1;
    for (let row = label.bottom - 1; row >= label.top && lowest < 0; row--) {
      if (channelDistance(image.data, (row * image.width + column) * 3, page) > INK) lowest = row;
    }
    bottoms.push(lowest);
  }
  const raisedBelow = label.bottom - height * RAISED;
  let split = bottoms.length;
  while (split > 0 && (bottoms[split - 1] < 0 || bottoms[split - 1] < raisedBelow)) split--;
  // An exponent is a glyph group of its own: it starts after an empty column. The raised
  // columns before that belong to the base (the curve of a 0, the overhang of a 7's bar).
  while (split < bottoms.length && bottoms[split] >= 0) split++;
  const raised = bottoms.slice(split).filter((b) => b >= 0);
  if (split === 0 || raised.length < 2) return null;
  const base = tighten(image, page, { ...label, right: label.left + split });
  const exponent = tighten(image, page, { ...label, left: label.left + split });
  return { base, exponent };
}
