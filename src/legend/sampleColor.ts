import { channelDistance, type Rgb, rgbToLab } from '../color.js';
import type { Box, Raster } from '../types.js';

const DEFAULTS = {
  /** The share of a sample's inked pixels, farthest from the fill, that give its colour. */
  coreShare: 0.15,
  /** Sample pixels differ from the fill by at least this much (0..255). */
  handleInk: 60,
  /** Channels within this of each other are a grey (text, black marker edges), not a colour. */
  textGrey: 40,
  /** A sample's colour is the hue most of its coloured pixels have, within this many degrees. */
  hueSpan: 30,
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
    // The purest of one hue: blends with the white fill or a black edge both lose saturation;
    // another series drawn across the sample (a line, a marker) has a hue of its own.
    pixels = ofCommonHue(data, coloured).sort((a, b) => spread(b.o) - spread(a.o));
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

/** The pixels whose hue (Lab) is within `hueSpan` of the hue most of them are near. */
function ofCommonHue<T extends { o: number }>(data: Uint8Array, pixels: T[]): T[] {
  const hues = pixels.map(({ o }) => {
    const [, a, b] = rgbToLab([data[o], data[o + 1], data[o + 2]]);
    return (Math.atan2(b, a) * 180) / Math.PI;
  });
  const apart = (h: number, k: number) => {
    const d = Math.abs(h - k) % 360;
    return Math.min(d, 360 - d);
  };
  let best = 0;
  let most = -1;
  for (let centre = -180; centre < 180; centre += 10) {
    const near = hues.filter((h) => apart(h, centre) <= DEFAULTS.hueSpan).length;
    if (near > most) {
      most = near;
      best = centre;
    }
  }
  return pixels.filter((_, i) => apart(hues[i], best) <= DEFAULTS.hueSpan);
}
