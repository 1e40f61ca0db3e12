import { invalidArgument } from '../arguments.js';
import { greyOf } from '../color.js';
import type { Box, Raster } from '../types.js';

/** A single-channel (grey) 8-bit image, row-major. */
export interface GreyTile {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface ScaleTileOptions {
  /** Width (px) of the tile made. */
  width: number;
  /** Height (px) of the tile made. */
  height: number;
  /** Turn the box a quarter clockwise first (text reading bottom to top). @default false */
  rotate?: boolean;
}

/**
 * Tiles are made as libvips makes them for sharp's `greyscale().resize(..., { kernel: 'cubic' })`,
 * pixel for pixel, so OCR reads the pixels it was tuned on: sample positions rounded to this
 * fraction of a pixel...
 */
const SUBPIXEL_STEPS = 64;
/** ...and weights in fixed point with this many fraction bits, each pass rounded. */
const WEIGHT_BITS = 12;
const WEIGHT_ONE = 1 << WEIGHT_BITS;
const WEIGHT_HALF = WEIGHT_ONE >> 1;

/** Catmull-Rom weights of the four pixels around each subpixel position, in fixed point. */
const WEIGHTS = Array.from({ length: SUBPIXEL_STEPS + 1 }, (_, step) => {
  const t = Math.fround(step / SUBPIXEL_STEPS);
  return Int32Array.from([t + 1, t, t - 1, t - 2], (x) => Math.trunc(cubic(x) * WEIGHT_ONE));
});

/**
 * Cuts `box` out of an RGB raster as grey, turned when asked, and scales it with a Catmull-Rom
 * cubic to `width` x `height`. Like sharp's default `cover` fit, both axes take the larger of
 * the two scale factors and the overhang (a pixel from rounding) is cut evenly from both ends.
 * A pure function, and cheap: one call costs far less than starting a sharp pipeline per label.
 * Throws RangeError for a size that is not a positive integer or an empty box.
 */
export function scaleTile(
  image: Raster,
  box: Box,
  { width, height, rotate = false }: ScaleTileOptions,
): GreyTile {
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw invalidArgument('positive integer', name, value, { error: RangeError });
    }
  }
  if (!(box.right > box.left && box.bottom > box.top)) {
    throw invalidArgument('a box with pixels in it', null, box, {
      error: RangeError,
      received: `${box.right - box.left}x${box.bottom - box.top}`,
    });
  }
  const source = greyCrop(image, box, rotate);
  const shrink = Math.min(source.width / width, source.height / height);
  // The scaled size before the overhang is cut, and the cut on the leading side.
  const left = Math.floor((Math.round(source.width / shrink) - width + 1) / 2);
  const top = Math.floor((Math.round(source.height / shrink) - height + 1) / 2);
  const rows = resampleRows(source, width, shrink, left);
  return resampleColumns(rows, width, source.height, height, shrink, top);
}

/** The grey pixels of a box, turned a quarter clockwise when `rotate`. */
function greyCrop({ data, width }: Raster, box: Box, rotate: boolean): GreyTile {
  const boxWidth = box.right - box.left;
  const boxHeight = box.bottom - box.top;
  const out = new Uint8Array(boxWidth * boxHeight);
  for (let row = 0; row < boxHeight; row++) {
    for (let column = 0; column < boxWidth; column++) {
      const grey = greyOf(data, ((box.top + row) * width + box.left + column) * 3);
      // Turned clockwise, (row, column) lands in row `column`, column `boxHeight - 1 - row`.
      out[rotate ? column * boxHeight + (boxHeight - 1 - row) : row * boxWidth + column] = grey;
    }
  }
  return rotate
    ? { data: out, width: boxHeight, height: boxWidth }
    : { data: out, width: boxWidth, height: boxHeight };
}

/** Catmull-Rom (cubic convolution, a = -0.5) weight at distance `x`. */
function cubic(x: number): number {
  const t = Math.abs(x);
  if (t < 1) return (1.5 * t - 2.5) * t * t + 1;
  if (t < 2) return ((-0.5 * t + 2.5) * t - 4) * t + 2;
  return 0;
}

/**
 * For each output position: the first of the four source pixels it reads (clamped to the
 * image: edge pixels repeat) and their weights. Output position `i` samples the source at
 * `(i + offset) * shrink - 0.5`, libvips's mapping.
 */
function taps(
  count: number,
  size: number,
  shrink: number,
  offset: number,
): { pixels: Int32Array; weights: Int32Array } {
  const pixels = new Int32Array(count * 4);
  const weights = new Int32Array(count * 4);
  for (let i = 0; i < count; i++) {
    const at = (i + offset) * shrink - 0.5;
    const base = Math.floor(at);
    const tap = WEIGHTS[Math.round((at - base) * SUBPIXEL_STEPS)];
    for (let k = 0; k < 4; k++) {
      pixels[i * 4 + k] = Math.min(size - 1, Math.max(0, base - 1 + k));
      weights[i * 4 + k] = tap[k];
    }
  }
  return { pixels, weights };
}

/** Fixed point back to an integer, rounding to nearest. */
function unfix(value: number): number {
  return (value + WEIGHT_HALF) >> WEIGHT_BITS;
}

/** Scales each row to `width`. Values are not clamped yet (cubic overshoots at edges). */
function resampleRows(source: GreyTile, width: number, shrink: number, offset: number): Int32Array {
  const { pixels, weights } = taps(width, source.width, shrink, offset);
  const out = new Int32Array(width * source.height);
  for (let row = 0; row < source.height; row++) {
    const line = row * source.width;
    for (let column = 0; column < width; column++) {
      const k = column * 4;
      out[row * width + column] = unfix(
        weights[k] * source.data[line + pixels[k]] +
          weights[k + 1] * source.data[line + pixels[k + 1]] +
          weights[k + 2] * source.data[line + pixels[k + 2]] +
          weights[k + 3] * source.data[line + pixels[k + 3]],
      );
    }
  }
  return out;
}

/** Scales each column of `rows` (`width` wide, `sourceHeight` high) to `height`, as 8-bit grey. */
function resampleColumns(
  rows: Int32Array,
  width: number,
  sourceHeight: number,
  height: number,
  shrink: number,
  offset: number,
): GreyTile {
  const { pixels, weights } = taps(height, sourceHeight, shrink, offset);
  const out = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) {
    const k = row * 4;
    const [a, b, c, d] = [0, 1, 2, 3].map((j) => pixels[k + j] * width);
    for (let column = 0; column < width; column++) {
      const value = unfix(
        weights[k] * rows[a + column] +
          weights[k + 1] * rows[b + column] +
          weights[k + 2] * rows[c + column] +
          weights[k + 3] * rows[d + column],
      );
      out[row * width + column] = Math.max(0, Math.min(255, value));
    }
  }
  return { data: out, width, height };
}
