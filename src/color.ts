/** Colour helpers: sRGB <-> CIELAB (D65), distances, masks of the pixels far from a colour. */

import type { Raster } from './types.js';

export type Rgb = [number, number, number];
export type Lab = [number, number, number];

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

const LINEAR = Float64Array.from({ length: 256 }, (_, i) => linear(i));

/** LINEAR in single precision, as libvips holds it. */
const LINEAR_FLOAT = Float32Array.from(LINEAR);

/** Linear light 0..1 in 255 steps, encoded back to sRGB and rounded: libvips's table. */
const ENCODED = Int32Array.from({ length: 256 }, (_, i) => {
  const y = i / 255;
  return Math.round(255 * (y <= 0.0031308 ? 12.92 * y : 1.055 * y ** (1 / 2.4) - 0.055));
});

function f(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116;
}

/** sRGB (0..255) to CIELAB with a D65 white. */
export function rgbToLab([r, g, b]: Rgb): Lab {
  const lr = LINEAR[r | 0];
  const lg = LINEAR[g | 0];
  const lb = LINEAR[b | 0];
  const x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / 0.95047;
  const y = 0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb;
  const z = (0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) / 1.08883;
  const fy = f(y);
  return [116 * fy - 16, 500 * (f(x) - fy), 200 * (fy - f(z))];
}

/** CIELAB (D65) back to sRGB. */
export function labToRgb([l, a, b]: Lab): Rgb {
  const fy = (l + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - b / 200;
  const inv = (t: number) => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
  const x = inv(fx) * 0.95047;
  const y = inv(fy);
  const z = inv(fz) * 1.08883;
  const r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
  const g = -0.969266 * x + 1.8760108 * y + 0.041556 * z;
  const bl = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
  const gamma = (c: number) =>
    Math.round(
      255 * Math.max(0, Math.min(1, c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055)),
    );
  return [gamma(r), gamma(g), gamma(bl)];
}

/**
 * The grey (0..255) of the RGB pixel at byte `offset`: its luminance in linear light, encoded
 * back to sRGB, as libvips (sharp's `greyscale()`) computes it.
 */
export function greyOf(data: Uint8Array, offset: number): number {
  const r = data[offset];
  const g = data[offset + 1];
  const b = data[offset + 2];
  // Most text pixels are greys already: their luminance is their value.
  if (r === g && g === b) return r;
  // Computed as libvips does (single precision, a 256-entry table read between entries), so
  // tiles match sharp's pixel for pixel.
  const luminance = Math.fround(
    0.2126 * LINEAR_FLOAT[r] + 0.7152 * LINEAR_FLOAT[g] + 0.0722 * LINEAR_FLOAT[b],
  );
  const at = Math.fround(luminance * 255);
  const step = Math.min(254, Math.max(0, Math.trunc(at)));
  return Math.round(ENCODED[step] + (ENCODED[step + 1] - ENCODED[step]) * (at - step));
}

/** Euclidean distance in CIELAB (Delta E 1976). */
export function deltaE(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/**
 * CIEDE2000 colour difference (Sharma, Wu and Dalal, 2005, with kL = kC = kH = 1): Delta E 1976
 * corrected for how people judge differences, so a saturated and a pale colour of the same hue
 * are nearer than their Lab distance says, and hue differences count more among saturated colours.
 */
export function deltaE2000(lab1: Lab, lab2: Lab): number {
  const [l1, a1, b1] = lab1;
  const [l2, a2, b2] = lab2;
  const meanChroma7 = ((Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2) ** 7;
  const g = 0.5 * (1 - Math.sqrt(meanChroma7 / (meanChroma7 + 25 ** 7)));
  const c1 = Math.hypot((1 + g) * a1, b1);
  const c2 = Math.hypot((1 + g) * a2, b2);
  const h1 = hueDegrees((1 + g) * a1, b1);
  const h2 = hueDegrees((1 + g) * a2, b2);
  let dh = 0;
  let meanHue = h1 + h2;
  if (c1 * c2 !== 0) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
    if (Math.abs(h1 - h2) > 180) meanHue += meanHue < 360 ? 360 : -360;
    meanHue /= 2;
  }
  const dHue = 2 * Math.sqrt(c1 * c2) * Math.sin(radians(dh / 2));
  const meanL = (l1 + l2) / 2;
  const meanC = (c1 + c2) / 2;
  const t =
    1 -
    0.17 * Math.cos(radians(meanHue - 30)) +
    0.24 * Math.cos(radians(2 * meanHue)) +
    0.32 * Math.cos(radians(3 * meanHue + 6)) -
    0.2 * Math.cos(radians(4 * meanHue - 63));
  const rotation = 30 * Math.exp(-(((meanHue - 275) / 25) ** 2));
  const rc = 2 * Math.sqrt(meanC ** 7 / (meanC ** 7 + 25 ** 7));
  const sl = 1 + (0.015 * (meanL - 50) ** 2) / Math.sqrt(20 + (meanL - 50) ** 2);
  const sc = 1 + 0.045 * meanC;
  const sh = 1 + 0.015 * meanC * t;
  const rt = -Math.sin(radians(2 * rotation)) * rc;
  const dl = (l2 - l1) / sl;
  const dc = (c2 - c1) / sc;
  const dH = dHue / sh;
  return Math.sqrt(dl * dl + dc * dc + dH * dH + rt * dc * dH);
}

/** The hue angle of (a, b) in degrees, 0..360; 0 for a grey. */
function hueDegrees(a: number, b: number): number {
  if (a === 0 && b === 0) return 0;
  const degrees = (Math.atan2(b, a) * 180) / Math.PI;
  return degrees < 0 ? degrees + 360 : degrees;
}

function radians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

/** Chroma of a Lab colour: 0 for greys. */
export function chroma(lab: Lab): number {
  return Math.hypot(lab[1], lab[2]);
}

/** The largest per-channel difference between two RGB colours (0..255). */
export function colorDistance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

/** The largest per-channel difference between a pixel (at `offset`) and a colour (0..255). */
export function channelDistance(data: Uint8Array, offset: number, color: Rgb): number {
  return Math.max(
    Math.abs(data[offset] - color[0]),
    Math.abs(data[offset + 1] - color[1]),
    Math.abs(data[offset + 2] - color[2]),
  );
}

/** How colourful the pixel at `offset` is: its largest channel less its smallest (0..255). */
export function channelSpread(data: Uint8Array, offset: number): number {
  const r = data[offset];
  const g = data[offset + 1];
  const b = data[offset + 2];
  return Math.max(r, g, b) - Math.min(r, g, b);
}

/**
 * 1 where the pixel differs from `color` by more than `threshold` (0..255) in any channel:
 * the ink drawn on a background, or the pixels far from black.
 */
export function inkMask(image: Raster, color: Rgb, threshold: number): Uint8Array {
  const { data, width, height } = image;
  const mask = new Uint8Array(width * height);
  const [red, green, blue] = color;
  // channelDistance() > threshold, one channel at a time: most pixels differ in the first.
  for (let i = 0, o = 0; i < mask.length; i++, o += 3) {
    if (
      Math.abs(data[o] - red) > threshold ||
      Math.abs(data[o + 1] - green) > threshold ||
      Math.abs(data[o + 2] - blue) > threshold
    ) {
      mask[i] = 1;
    }
  }
  return mask;
}

/** `#rrggbb` for an RGB colour. */
export function toHex(color: Rgb): string {
  return `#${color.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** The RGB colour of `#rrggbb`. Throws a TypeError for anything else. */
export function fromHex(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new TypeError(`Expected #rrggbb for color but received ${hex}`);
  return [parseInt(match[1], 16), parseInt(match[2], 16), parseInt(match[3], 16)];
}

/** The most common colour among the pixels at the given byte offsets. */
export function mostCommonColor(data: Uint8Array, offsets: Iterable<number>): Rgb {
  const counts = new Map<number, number>();
  let best = 0xffffff;
  let bestCount = 0;
  // Runs of one colour (most of a page) are counted, then added at once: the first colour to
  // reach the highest count still wins, as counted one pixel at a time.
  let key = -1;
  let run = 0;
  const add = () => {
    if (run === 0) return;
    const count = (counts.get(key) ?? 0) + run;
    counts.set(key, count);
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  };
  for (const o of offsets) {
    const here = (data[o] << 16) | (data[o + 1] << 8) | data[o + 2];
    if (here !== key) {
      add();
      [key, run] = [here, 0];
    }
    run++;
  }
  add();
  return [(best >> 16) & 255, (best >> 8) & 255, best & 255];
}
