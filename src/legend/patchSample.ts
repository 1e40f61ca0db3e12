import { channelDistance } from '../color.js';
import type { Raster } from '../types.js';
import type { LegendSlot } from './findLegend.js';

const DEFAULTS = {
  /** A sample pixel holds the entry's colour when within this of it (0..255 per channel), as in sampleStyle. */
  sameColor: 90,
  /**
   * A patch fills its box: a bar's or an area's sample is a solid rectangle (1.0 where drawn,
   * 0.9 and more through anti-aliasing and JPEG); a line's sample with a marker on it fills about
   * half its box, a hollow symbol less.
   */
  fill: 0.8,
  /**
   * ...and stands this share of its name's height at least (matplotlib's patch: 0.7 of the font
   * size); a line's sample, tight round the stroke, is a few px high and fills its box too.
   */
  height: 0.5,
} as const;

/**
 * Whether a legend entry's sample is a patch: a solid box of its colour as tall as its name
 * nearly is, the way bars and filled areas (a band) are listed, where a line is listed as a
 * stroke (with its marker on it, or a hollow symbol). Takes the image and the entry's slot.
 */
export function isPatchSample(image: Raster, { handle, text, color }: LegendSlot): boolean {
  const { data, width, height } = image;
  const left = Math.max(0, Math.round(handle.left));
  const right = Math.min(width, Math.round(handle.right));
  const top = Math.max(0, Math.round(handle.top));
  const bottom = Math.min(height, Math.round(handle.bottom));
  if (right <= left || bottom <= top) return false;
  if (bottom - top < (text.bottom - text.top) * DEFAULTS.height) return false;
  let inked = 0;
  for (let row = top; row < bottom; row++) {
    for (let column = left; column < right; column++) {
      if (channelDistance(data, (row * width + column) * 3, color) < DEFAULTS.sameColor) inked++;
    }
  }
  return inked >= (right - left) * (bottom - top) * DEFAULTS.fill;
}
