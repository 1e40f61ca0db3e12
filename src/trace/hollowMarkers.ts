import { DEFAULTS as INK, type Ink } from './ink.js';

const DEFAULTS = {
  /** A hollow marker's hole is at least this many px across... */
  minSide: 3,
  /** ...and at most this many px, or this share of the image width if more (bars and areas are bigger). */
  maxSide: 16,
  maxSideShare: 0.03,
  /** Its width and height differ by at most this share of the larger. */
  squareness: 0.35,
  /** It fills at least this share of its box (a circle fills 0.79, a diamond 0.5). */
  fill: 0.45,
  /** A series has hollow markers when at least this many such holes are found. */
  minHoles: 4,
} as const;

/**
 * Hollow markers (a ring, a square outline, filled white or with the background) show as holes
 * in the series' ink: compact pockets of background no wider than a marker, closed all round
 * by the series' solid ink. Returns the series' weights with such holes filled (their markers
 * solid, to be found as any), or null when the series has fewer than minHoles of them. The
 * gaps between a noisy line's strokes are slivers, not compact pockets.
 */
export function fillHollowMarkers({ weight, width, region }: Ink): Float32Array | null {
  // Only the box round the series' solid ink can hold a pocket: past it all is open.
  let [left, top, right, bottom] = [width, Number.POSITIVE_INFINITY, -1, -1];
  for (let row = Math.ceil(region.top); row < region.bottom; row++) {
    for (
      let column = Math.ceil(region.left), i = row * width + column;
      column < region.right;
      column++, i++
    ) {
      if (weight[i] < INK.solid) continue;
      if (column < left) left = column;
      if (column > right) right = column;
      if (row < top) top = row;
      bottom = row;
    }
  }
  if (right - left < 2 || bottom - top < 2) return null;
  // Pixels of the box: 1 solid, 2 open background reached from its edge, 3 a pocket's.
  const [boxWidth, boxHeight] = [right - left + 1, bottom - top + 1];
  const state = new Uint8Array(boxWidth * boxHeight);
  for (let y = 0; y < boxHeight; y++) {
    for (let x = 0; x < boxWidth; x++) {
      if (weight[(top + y) * width + left + x] >= INK.solid) state[y * boxWidth + x] = 1;
    }
  }
  const stack = new Int32Array(state.length);
  let size = 0;
  const visit = (k: number, mark: number) => {
    if (state[k] !== 0) return;
    state[k] = mark;
    stack[size++] = k;
  };
  /** Fills from the pixels on the stack through the unvisited background, marking `mark`; calls `each` on each. */
  const spread = (mark: number, each: (x: number, y: number) => void) => {
    while (size > 0) {
      const k = stack[--size];
      const x = k % boxWidth;
      const y = (k - x) / boxWidth;
      each(x, y);
      if (x > 0) visit(k - 1, mark);
      if (x < boxWidth - 1) visit(k + 1, mark);
      if (y > 0) visit(k - boxWidth, mark);
      if (y < boxHeight - 1) visit(k + boxWidth, mark);
    }
  };
  for (let x = 0; x < boxWidth; x++) {
    visit(x, 2);
    visit((boxHeight - 1) * boxWidth + x, 2);
  }
  for (let y = 0; y < boxHeight; y++) {
    visit(y * boxWidth, 2);
    visit(y * boxWidth + boxWidth - 1, 2);
  }
  spread(2, () => {});
  const maxSide = Math.max(DEFAULTS.maxSide, DEFAULTS.maxSideShare * width);
  const holes: number[][] = [];
  for (let start = 0; start < state.length; start++) {
    if (state[start] !== 0) continue;
    const pixels: number[] = [];
    let [x0, y0, x1, y1] = [boxWidth, boxHeight, -1, -1];
    visit(start, 3);
    spread(3, (x, y) => {
      // A pocket far bigger than a marker need not be kept.
      if (pixels.length <= maxSide * maxSide) pixels.push((top + y) * width + left + x);
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    });
    const [w, h] = [x1 - x0 + 1, y1 - y0 + 1];
    const compact =
      Math.min(w, h) >= DEFAULTS.minSide &&
      Math.max(w, h) <= maxSide &&
      Math.abs(w - h) <= DEFAULTS.squareness * Math.max(w, h) &&
      pixels.length >= DEFAULTS.fill * w * h;
    if (compact) holes.push(pixels);
  }
  if (holes.length < DEFAULTS.minHoles) return null;
  const filled = weight.slice();
  for (const pixels of holes) for (const i of pixels) filled[i] = 1;
  return filled;
}
