import type { Box } from '../types.js';
import { DEFAULTS as INK } from './ink.js';

/**
 * Chamfer distance (px) from each solid series pixel (INK.solid) to the nearest pixel
 * that is not: how deep inside the ink a pixel lies.
 */
export function distanceMap(weight: Float32Array, width: number, height: number): Float32Array {
  const dist = new Float32Array(width * height);
  const big = 1e6;
  const { solid } = INK;
  // The passes need only visit the rows and columns holding series pixels: elsewhere the
  // distance stays 0.
  let [top, bottom, left, right] = [height, -1, width, -1];
  for (let row = 0, i = 0; row < height; row++) {
    for (let column = 0; column < width; column++, i++) {
      if (!(weight[i] >= solid)) continue;
      dist[i] = big;
      top = Math.min(top, row);
      bottom = row;
      left = Math.min(left, column);
      right = Math.max(right, column);
    }
  }
  const diagonal = Math.SQRT2;
  for (let row = top; row <= bottom; row++) {
    for (let column = left; column <= right; column++) {
      const i = row * width + column;
      if (dist[i] === 0) continue;
      let d = dist[i];
      if (column > 0) d = Math.min(d, dist[i - 1] + 1);
      if (row > 0) {
        d = Math.min(d, dist[i - width] + 1);
        if (column > 0) d = Math.min(d, dist[i - width - 1] + diagonal);
        if (column < width - 1) d = Math.min(d, dist[i - width + 1] + diagonal);
      }
      dist[i] = d;
    }
  }
  for (let row = bottom; row >= top; row--) {
    for (let column = right; column >= left; column--) {
      const i = row * width + column;
      if (dist[i] === 0) continue;
      let d = dist[i];
      if (column < width - 1) d = Math.min(d, dist[i + 1] + 1);
      if (row < height - 1) {
        d = Math.min(d, dist[i + width] + 1);
        if (column < width - 1) d = Math.min(d, dist[i + width + 1] + diagonal);
        if (column > 0) d = Math.min(d, dist[i + width - 1] + diagonal);
      }
      dist[i] = d;
    }
  }
  return dist;
}

export interface Core {
  px: number;
  py: number;
  /** The largest distance inside: the marker's inradius, about. */
  depth: number;
  size: number;
  /** Bounding box of the core pixels (continuous coordinates). */
  box: Box;
}

/** Connected blobs of pixels deeper than `threshold` inside the series: marker bodies. */
export function findCores(
  dist: Float32Array,
  width: number,
  region: Box,
  threshold: number,
): Core[] {
  const seen = new Uint8Array(dist.length);
  const cores: Core[] = [];
  const stack: number[] = [];
  const [top, left] = [Math.ceil(region.top), Math.ceil(region.left)];
  // Whole-number bounds: this scan visits every pixel of the region.
  const [bottom, right] = [Math.ceil(region.bottom), Math.ceil(region.right)];
  for (let row = top; row < bottom; row++) {
    for (let column = left, start = row * width + left; column < right; column++, start++) {
      // Most pixels are shallow: that test first.
      if (dist[start] < threshold || seen[start]) continue;
      let sx = 0;
      let sy = 0;
      let n = 0;
      let depth = 0;
      const box = { left: column, top: row, right: column + 1, bottom: row + 1 };
      stack.push(start);
      seen[start] = 1;
      while (stack.length > 0) {
        const i = stack.pop()!;
        const x = i % width;
        const y = (i - x) / width;
        sx += x + 0.5;
        sy += y + 0.5;
        n++;
        depth = Math.max(depth, dist[i]);
        box.left = Math.min(box.left, x);
        box.right = Math.max(box.right, x + 1);
        box.top = Math.min(box.top, y);
        box.bottom = Math.max(box.bottom, y + 1);
        // Left, right, up, down (no array per pixel: blobs of filled areas are large).
        for (let k = 0; k < 4; k++) {
          const j = k === 0 ? i - 1 : k === 1 ? i + 1 : k === 2 ? i - width : i + width;
          if (j >= 0 && j < dist.length && !seen[j] && dist[j] >= threshold) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
      cores.push({ px: sx / n, py: sy / n, depth, size: n, box });
    }
  }
  return cores;
}

/**
 * distanceMap read only inside `box` (whole pixels, clamped to the image), written into `out`:
 * the ink outside the box counts as not there, so only depths well inside it are exact.
 */
export function distanceMapIn(
  weight: Float32Array,
  width: number,
  height: number,
  box: Box,
  out: Float32Array,
): void {
  const [left, right] = [Math.max(0, box.left), Math.min(width, box.right)];
  const [top, bottom] = [Math.max(0, box.top), Math.min(height, box.bottom)];
  const [w, h] = [right - left, bottom - top];
  if (w <= 0 || h <= 0) return;
  const window = new Float32Array(w * h);
  for (let row = 0; row < h; row++) {
    const at = (top + row) * width + left;
    window.set(weight.subarray(at, at + w), row * w);
  }
  const dist = distanceMap(window, w, h);
  for (let row = 0; row < h; row++)
    out.set(dist.subarray(row * w, row * w + w), (top + row) * width + left);
}
