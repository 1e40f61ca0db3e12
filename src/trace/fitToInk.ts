import type { PixelPoint } from '../types.js';
import type { Ink } from './refineVertices.js';

/** Candidate heights for a point are tried this far apart (px). */
const STEP = 0.25;
/** A column's run this much (px) taller than the line holds a bend or a steep stroke. */
const TALL = 1;
/** Rounds of moving each point in turn to its best height. */
const ROUNDS = 3;

/**
 * The share of a unit pixel inside a band `width` wide whose middle passes `offset` px from
 * the pixel's centre, the band running along (`dx`, `dy`) (a unit vector): the pixel's
 * projection across the band is a trapezoid, the convolution of its two sides' projections.
 */
function bandShare(offset: number, dx: number, dy: number, width: number): number {
  const [p, q] = [Math.max(Math.abs(dx), Math.abs(dy)), Math.min(Math.abs(dx), Math.abs(dy))];
  /** The share of the pixel on the near side of a line `t` px across from its centre. */
  const below = (t: number) => {
    const [flat, end] = [(p - q) / 2, (p + q) / 2];
    if (t <= -end) return 0;
    if (t >= end) return 1;
    if (q < 1e-9) return (t + end) / p;
    if (t < -flat) return (t + end) ** 2 / (2 * p * q);
    if (t <= flat) return 0.5 + t / p;
    return 1 - (end - t) ** 2 / (2 * p * q);
  };
  return below(width / 2 - offset) - below(-width / 2 - offset);
}

/**
 * A dense line (a data point every column or so) zigzags inside the columns: a column's ink
 * spans the strokes on both sides of a vertex, and its centre is not the line's height there.
 * This redraws the traced polyline (one point per column, `spans[i]` the rows its column's ink
 * covers) as a `lineWidth` px stroke and moves each point, within its column's ink, to the
 * height whose drawing matches the ink best (least squares over the pixels near it; pixels
 * in `occluded`, where another series hides this one, do not count). Only points with a
 * traced neighbour column on each side move. Returns a new list.
 */
export function fitToInk(
  line: PixelPoint[],
  spans: { top: number; bottom: number }[],
  lineWidth: number,
  { weight, width, height }: Ink,
  occluded?: Uint8Array,
): PixelPoint[] {
  const xs = line.map((p) => p.px);
  const ys = line.map((p) => p.py);
  const joined = (i: number) => i >= 0 && i + 1 < xs.length && xs[i + 1] - xs[i] === 1;
  const reach = lineWidth / 2 + 0.5;
  const band = (offset: number, dx: number, dy: number) => bandShare(offset, dx, dy, lineWidth);
  /**
   * The drawn stroke's share of the pixel centred at (x, y): along a segment, the share of the
   * pixel inside the band `lineWidth` wide around it (exact for a straight band); beyond its
   * ends, by the distance from the end (round joins). The most over the nearby segments.
   */
  const coverage = (x: number, y: number, from: number, to: number) => {
    let most = 0;
    for (let j = from; j < to; j++) {
      if (!joined(j)) continue;
      const [dx, dy] = [xs[j + 1] - xs[j], ys[j + 1] - ys[j]];
      const length = Math.hypot(dx, dy);
      const along = ((x - xs[j]) * dx + (y - ys[j]) * dy) / length;
      const share =
        along < 0
          ? reach - Math.hypot(x - xs[j], y - ys[j])
          : along > length
            ? reach - Math.hypot(x - xs[j + 1], y - ys[j + 1])
            : band(((y - ys[j]) * dx - (x - xs[j]) * dy) / length, dx / length, dy / length);
      most = Math.max(most, share);
    }
    return Math.max(0, Math.min(1, most));
  };
  /**
   * The misfit of the drawing to the ink around point `i` as a function of its height: the
   * pixels near its two segments, whose coverage by the other segments is fixed.
   */
  const misfitAround = (i: number, top: number, bottom: number) => {
    const columns = [
      Math.max(0, Math.floor(xs[i] - 1 - reach)),
      Math.min(width - 1, Math.floor(xs[i] + 1 + reach)),
    ];
    const rows = [
      Math.max(0, Math.floor(top - reach)),
      Math.min(height - 1, Math.floor(bottom + reach)),
    ];
    const pixels: { x: number; y: number; ink: number; fixed: number }[] = [];
    for (let column = columns[0]; column <= columns[1]; column++) {
      for (let row = rows[0]; row <= rows[1]; row++) {
        const k = row * width + column;
        if (occluded?.[k]) continue;
        const [x, y] = [column + 0.5, row + 0.5];
        const fixed = Math.max(coverage(x, y, i - 3, i - 1), coverage(x, y, i + 1, i + 3));
        pixels.push({ x, y, ink: Math.max(0, weight[k]), fixed });
      }
    }
    return (py: number) => {
      ys[i] = py;
      let sum = 0;
      for (const { x, y, ink, fixed } of pixels) {
        sum += (Math.max(fixed, coverage(x, y, i - 1, i + 1)) - ink) ** 2;
      }
      return sum;
    };
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 1; i < xs.length - 1; i++) {
      if (!joined(i - 1) || !joined(i)) continue;
      const { top, bottom } = spans[i];
      // A run no taller than the line: its centre is the line's height.
      if (bottom - top <= lineWidth + TALL) continue;
      const near = ys.slice(Math.max(0, i - 2), i + 3);
      const traced = ys[i];
      const misfit = misfitAround(i, Math.min(top, ...near), Math.max(bottom, ...near));
      let [best, bestMisfit] = [traced, misfit(traced)];
      // Whole pixels over the run, then finer steps around the best.
      for (let y = top; y <= bottom; y += 1) {
        const m = misfit(y);
        if (m < bestMisfit) [best, bestMisfit] = [y, m];
      }
      const middle = best;
      for (let y = middle - 1 + STEP; y < middle + 1; y += STEP) {
        const m = misfit(y);
        if (m < bestMisfit) [best, bestMisfit] = [y, m];
      }
      ys[i] = best;
    }
  }
  return xs.map((px, i) => ({ px, py: ys[i] }));
}
