import { channelDistance, type Rgb } from '../color.js';
import type { Box, Raster } from '../types.js';

const DEFAULTS = {
  /** The share of a sample's inked pixels, farthest from the fill, that give its colour. */
  coreShare: 0.15,
  /** Sample pixels differ from the fill by at least this much (0..255). */
  handleInk: 60,
  /** Channels within this of each other are a grey (text, black marker edges), not a colour. */
  textGrey: 40,
} as const;

/**
 * The colour of a legend sample: the mean of its pixels farthest from the fill (the line's core,
 * not its anti-aliased edge).
 */
export function dominantColor(image: Raster, box: Box, fill: Rgb): Rgb {
  const { data, width } = image;
  let pixels: { d: number; o: number }[] = [];
  for (let row = box.top; row < box.bottom; row++) {
    for (let column = box.left; column < box.right; column++) {
      const o = (row * width + column) * 3;
      const d = channelDistance(data, o, fill);
      if (d > DEFAULTS.handleInk) pixels.push({ d, o });
    }
  }
  if (pixels.length === 0) return fill;
  // Black marker edges (matplotlib 'classic') are not the series colour: where the sample
  // has coloured pixels, only those count.
  const spread = (o: number) =>
    Math.max(data[o], data[o + 1], data[o + 2]) - Math.min(data[o], data[o + 1], data[o + 2]);
  const coloured = pixels.filter(({ o }) => spread(o) > DEFAULTS.textGrey);
  if (coloured.length >= pixels.length * DEFAULTS.coreShare) {
    // The purest: blends with the white fill or a black edge both lose saturation.
    pixels = coloured.sort((a, b) => spread(b.o) - spread(a.o));
  } else {
    pixels.sort((a, b) => b.d - a.d);
  }
  const core = pixels.slice(0, Math.max(1, Math.round(pixels.length * DEFAULTS.coreShare)));
  const sum = [0, 0, 0];
  for (const { o } of core) {
    sum[0] += data[o];
    sum[1] += data[o + 1];
    sum[2] += data[o + 2];
  }
  return sum.map((s) => Math.round(s / core.length)) as Rgb;
}
