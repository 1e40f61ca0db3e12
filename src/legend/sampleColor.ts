import { channelDistance, type Rgb, rgbToLab } from '../color.js';
import type { Box, Raster } from '../types.js';

const DEFAULTS = {
  /** The share of a sample's inked pixels, farthest from the fill, that give its colour. */
  coreShare: 0.15,
  /** Sample pixels differ from the fill by at least this much (0..255). */
  handleInk: 60,
  /** Channels within this of each other are a grey (text, black marker edges), not a colour. */
  textGrey: 40,
  /** A sample's colour is the hue most of its coloured pixels have, within this many degrees... */
  hueSpan: 30,
  /**
   * ...of those in rows' runs of ink at least this share of the longest: a sample is drawn
   * across (a line, a box), a series' line crossing it wanders.
   */
  longRun: 0.5,
} as const;

/**
 * The colour of a legend sample: the mean of its pixels farthest from the fill (the line's core,
 * not its anti-aliased edge).
 */
export function dominantColor(image: Raster, box: Box, fill: Rgb): Rgb {
  const { data, width } = image;
  let pixels: { d: number; o: number; run: number }[] = [];
  for (let row = box.top; row < box.bottom; row++) {
    let from = pixels.length;
    for (let column = box.left; column <= box.right; column++) {
      const o = (row * width + column) * 3;
      const d = column < box.right ? channelDistance(data, o, fill) : 0;
      if (d > DEFAULTS.handleInk) {
        pixels.push({ d, o, run: 0 });
        continue;
      }
      // A run ended: its pixels learn its length.
      for (let i = from; i < pixels.length; i++) pixels[i].run = pixels.length - from;
      from = pixels.length;
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
    const longest = Math.max(...coloured.map(({ run }) => run));
    const along = coloured.filter(({ run }) => run >= longest * DEFAULTS.longRun);
    const centre = commonHue(along.map(({ o }) => hueOf(data, o)));
    pixels = coloured
      .filter(({ o }) => hueApart(hueOf(data, o), centre) <= DEFAULTS.hueSpan)
      .sort((a, b) => spread(b.o) - spread(a.o));
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

/**
 * The colour of the purest pixels (`offsets` into `data`) of the hue most of the coloured ones
 * have (a sample's, where a curve crossing it and its blends with that curve and the fill have
 * been set apart); null when too few are coloured (a grey or black sample).
 */
export function purestColor(data: Uint8Array, offsets: number[]): Rgb | null {
  const spread = (o: number) =>
    Math.max(data[o], data[o + 1], data[o + 2]) - Math.min(data[o], data[o + 1], data[o + 2]);
  const coloured = offsets.filter((o) => spread(o) > DEFAULTS.textGrey);
  if (coloured.length === 0 || coloured.length < offsets.length * DEFAULTS.coreShare) return null;
  const centre = commonHue(coloured.map((o) => hueOf(data, o)));
  const pure = coloured
    .filter((o) => hueApart(hueOf(data, o), centre) <= DEFAULTS.hueSpan)
    .sort((a, b) => spread(b) - spread(a));
  const core = pure.slice(0, Math.max(1, Math.round(pure.length * DEFAULTS.coreShare)));
  return [0, 1, 2].map((k) =>
    Math.round(core.reduce((sum, o) => sum + data[o + k], 0) / core.length),
  ) as Rgb;
}

/** A pixel's hue (degrees, Lab). */
function hueOf(data: Uint8Array, o: number): number {
  const [, a, b] = rgbToLab([data[o], data[o + 1], data[o + 2]]);
  return (Math.atan2(b, a) * 180) / Math.PI;
}

/** How far apart two hues are (degrees). */
function hueApart(h: number, k: number): number {
  const d = Math.abs(h - k) % 360;
  return Math.min(d, 360 - d);
}

/** The hue (a multiple of 10 degrees) most of `hues` lie within DEFAULTS.hueSpan of. */
function commonHue(hues: number[]): number {
  let best = 0;
  let most = -1;
  for (let centre = -180; centre < 180; centre += 10) {
    const near = hues.filter((h) => hueApart(h, centre) <= DEFAULTS.hueSpan).length;
    if (near > most) {
      most = near;
      best = centre;
    }
  }
  return best;
}
