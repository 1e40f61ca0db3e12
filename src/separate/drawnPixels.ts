import { deltaE, type Lab, type Rgb, rgbToLab } from '../color.js';
import type { Box, Raster } from '../types.js';

/** Pixels closer than this (Delta E) to the plot background are background. */
const BACKGROUND_DE = 12;

/**
 * The pixels of `region` (outside the `exclude` boxes) not near the background colour: their
 * indices and their Lab colours (one shared object per colour). Kept apart from the rest of
 * the stage, a small function the engine optimises once: this loop visits every plot pixel.
 */
export function drawnPixels(
  { data, width }: Raster,
  region: Box,
  exclude: Box[],
  background: Rgb,
  backgroundLab: Lab,
): { pixels: number[]; labs: Lab[] } {
  const pixels: number[] = [];
  const labs: Lab[] = [];
  const top = Math.ceil(region.top);
  const left = Math.ceil(region.left);
  const { right, bottom } = region;
  // Most pixels are the background's exact colour: they are passed over without a look-up.
  const backgroundKey = (background[0] << 16) | (background[1] << 8) | background[2];
  // Each colour seen (by key): its Lab, or null when it is near the background.
  const seen = new Map<number, Lab | null>();
  let lastKey = -1;
  let lastLab: Lab | null | undefined;
  for (let row = top; row < bottom; row++) {
    // The excluded boxes across this row.
    const spans = exclude.filter((b) => row >= b.top && row < b.bottom);
    for (let column = left, o = (row * width + left) * 3; column < right; column++, o += 3) {
      const key = (data[o] << 16) | (data[o + 1] << 8) | data[o + 2];
      if (key === backgroundKey) continue;
      if (spans.length > 0 && spans.some((b) => column >= b.left && column < b.right)) continue;
      // Runs of one colour (grid lines, a line's core) are looked up once.
      let lab = key === lastKey ? lastLab : seen.get(key);
      if (lab === undefined) {
        lab = labOf(data, o);
        if (deltaE(lab, backgroundLab) < BACKGROUND_DE) lab = null;
        seen.set(key, lab);
      }
      lastKey = key;
      lastLab = lab;
      if (lab === null) continue;
      pixels.push(row * width + column);
      labs.push(lab);
    }
  }
  return { pixels, labs };
}

/** Charts hold few distinct colours: each is converted to CIELAB once per process. */
const labCache = new Map<number, Lab>();
/** The cache is emptied past this many colours (a photograph), so memory stays bounded. */
const MAX_CACHED = 1 << 16;

/** A pixel's colour (at byte offset `o`) in CIELAB. */
export function labOf(data: Uint8Array, o: number): Lab {
  const key = (data[o] << 16) | (data[o + 1] << 8) | data[o + 2];
  let lab = labCache.get(key);
  if (!lab) {
    if (labCache.size >= MAX_CACHED) labCache.clear();
    lab = rgbToLab([data[o], data[o + 1], data[o + 2]]);
    labCache.set(key, lab);
  }
  return lab;
}
