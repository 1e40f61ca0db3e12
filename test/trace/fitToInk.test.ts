import { describe, expect, it } from 'vitest';
import { fitToInk } from '../../src/trace/fitToInk.js';
import type { Ink } from '../../src/trace/ink.js';
import type { PixelPoint } from '../../src/types.js';
import { inkWeightOf } from '../helpers/inkWeight.js';

const WIDTH = 160;
const HEIGHT = 120;
const LINE_WIDTH = 2;
const REGION = { left: 0, top: 0, right: WIDTH, bottom: HEIGHT };

/**
 * The line traced from `weight`: per column of `columns`, the run of ink holding the most, its
 * centre as the point and its rows (end rows counted by their ink) as the span.
 */
function traceRuns(weight: Float32Array, width: number, height: number, columns: number[]) {
  const line: PixelPoint[] = [];
  const spans: { top: number; bottom: number }[] = [];
  for (const column of columns) {
    let best = { from: 0, to: 0, weight: 0, moment: 0 };
    let run = { from: 0, to: 0, weight: 0, moment: 0 };
    for (let row = 0; row <= height; row++) {
      const w = row < height ? weight[row * width + column] : 0;
      if (w > 0.02) {
        if (run.weight === 0) run = { from: row, to: row, weight: 0, moment: 0 };
        run.to = row;
        run.weight += w;
        run.moment += w * (row + 0.5);
      } else {
        if (run.weight > best.weight) best = run;
        run = { from: 0, to: 0, weight: 0, moment: 0 };
      }
    }
    if (best.weight === 0) continue;
    line.push({ px: column + 0.5, py: best.moment / best.weight });
    spans.push({
      top: best.from + 1 - Math.min(1, weight[best.from * width + column]),
      bottom: best.to + Math.min(1, weight[best.to * width + column]),
    });
  }
  return { line, spans };
}

describe('fitToInk', () => {
  // A dense zigzag: a point every column or two, steep and shallow strokes, tall columns.
  const points = Array.from({ length: 70 }, (_, i) => {
    const x = 10 + i * 2 + (i % 3 === 0 ? 0.5 : 0);
    const y = 60 + 35 * Math.sin(i * 1.3) * Math.cos(i * 0.37);
    return `${x.toFixed(2)},${y.toFixed(2)}`;
  });
  const svg = `<polyline points="${points.join(' ')}" fill="none" stroke="#000" stroke-width="${LINE_WIDTH}" stroke-linejoin="round"/>`;
  const columns = Array.from({ length: 136 }, (_, i) => 11 + i);

  it('finds the heights a search over every candidate with every pixel finds, exactly', async () => {
    const weight = await inkWeightOf(WIDTH, HEIGHT)(svg);
    const { line, spans } = traceRuns(weight, WIDTH, HEIGHT, columns);
    const ink: Ink = { weight, width: WIDTH, height: HEIGHT, region: REGION };
    expect(spans.filter((s) => s.bottom - s.top > 8).length).toBeGreaterThan(20);
    expect(fitToInk(line, spans, LINE_WIDTH, ink, new Uint8Array(line.length))).toEqual(
      plainFitToInk(line, spans, LINE_WIDTH, ink),
    );
  });

  it('does so where another series hides part of the line', async () => {
    const weight = await inkWeightOf(WIDTH, HEIGHT)(svg);
    const occluded = new Uint8Array(WIDTH * HEIGHT);
    // A band across the plot, as a second series drawn over this one would leave.
    for (let column = 0; column < WIDTH; column++) {
      const centre = 50 + column / 8;
      for (let row = Math.floor(centre - 2); row <= Math.ceil(centre + 2); row++) {
        occluded[row * WIDTH + column] = 1;
        weight[row * WIDTH + column] = 0;
      }
    }
    const { line, spans } = traceRuns(weight, WIDTH, HEIGHT, columns);
    const ink: Ink = { weight, width: WIDTH, height: HEIGHT, region: REGION };
    const fitted = fitToInk(
      line,
      spans,
      LINE_WIDTH,
      { ...ink, occluded },
      new Uint8Array(line.length),
    );
    expect(fitted).toEqual(plainFitToInk(line, spans, LINE_WIDTH, ink, occluded));
    expect(fitted.some((p, i) => p.py !== line[i].py)).toBe(true);
  });

  it('fits a thick line as well as trying every pixel of its runs does', async () => {
    // The zigzag above drawn three times as large, as a chart rendered at a high resolution.
    const [width, height, scale] = [3 * WIDTH, 3 * HEIGHT, 3];
    const vertices = Array.from({ length: 30 }, (_, i) => ({
      x: scale * (10 + i * 2 + (i % 3 === 0 ? 0.5 : 0)),
      y: scale * (60 + 35 * Math.sin(i * 1.3) * Math.cos(i * 0.37)),
    }));
    const drawn = vertices.map(({ x, y }) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' ');
    const lineWidth = scale * LINE_WIDTH;
    const ink = await polylineInk(width, height, drawn, lineWidth);
    const { line, spans } = traceRuns(ink.weight, width, height, range(32, 204));
    /** The line's height at the middle of the column of `px`. */
    const truth = (px: number) => {
      const j = vertices.findIndex((v) => v.x >= px);
      const [a, b] = [vertices[j - 1], vertices[j]];
      return a.y + ((b.y - a.y) * (px - a.x)) / (b.x - a.x);
    };
    const meanError = (points: PixelPoint[]) =>
      points.reduce((sum, p) => sum + Math.abs(p.py - truth(p.px)), 0) / points.length;
    const fitted = fitToInk(line, spans, lineWidth, ink, new Uint8Array(line.length));
    const plain = plainFitToInk(line, spans, lineWidth, ink);
    expect(spans.filter((s) => s.bottom - s.top > 4 * lineWidth).length).toBeGreaterThan(25);
    expect(meanError(plain)).toBeLessThan(meanError(line));
    expect(meanError(fitted)).toBeLessThan(meanError(plain) + 0.05);
  });

  it('leaves the points of a steep straight stroke at the middles of their runs', async () => {
    // Each column's run is tall (a stroke 6 px wide rising 20 px a column), and its middle is
    // the line's height there: a search along the stroke barely changes the drawing.
    const [width, height, lineWidth] = [60, 400, 6];
    const at = (x: number) => 380 - 20 * (x - 10);
    const ink = await polylineInk(width, height, `10,${at(10)} 28,${at(28)}`, lineWidth);
    const { line, spans } = traceRuns(ink.weight, width, height, range(14, 25));
    expect(spans.every((s) => s.bottom - s.top > 4 * lineWidth)).toBe(true);
    const fitted = fitToInk(line, spans, lineWidth, ink, new Uint8Array(line.length));
    expect(fitted).toEqual(line);
    for (const p of fitted) expect(Math.abs(p.py - at(p.px))).toBeLessThan(0.05);
  });
});

/** The polyline through `points` drawn `lineWidth` px wide on a `width` x `height` page, as a series' ink. */
async function polylineInk(
  width: number,
  height: number,
  points: string,
  lineWidth: number,
): Promise<Ink> {
  const weight = await inkWeightOf(
    width,
    height,
  )(
    `<polyline points="${points}" fill="none" stroke="#000" stroke-width="${lineWidth}" stroke-linejoin="round"/>`,
  );
  return { weight, width, height, region: { left: 0, top: 0, right: width, bottom: height } };
}

/** The whole numbers from `from` up to `to`, not including it. */
function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

// The search as first written, kept as the reference: every whole-pixel candidate over the
// run, each scored over every pixel near the two moving segments.

/** Candidate heights for a point are tried this far apart (px). */
const STEP = 0.25;
/** A column's run this much (px) taller than the line holds a bend or a steep stroke. */
const TALL = 1;
/** Rounds of moving each point in turn to its best height. */
const ROUNDS = 3;

/** A drawn segment of the polyline, with what its pixel coverage needs. */
interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Unit direction, and length. */
  ux: number;
  uy: number;
  length: number;
  /** The larger and smaller of |ux|, |uy|: the pixel's projection across the band. */
  p: number;
  q: number;
}

function segment(x0: number, y0: number, x1: number, y1: number): Segment {
  const length = Math.hypot(x1 - x0, y1 - y0);
  const [ux, uy] = [(x1 - x0) / length, (y1 - y0) / length];
  const [ax, ay] = [Math.abs(ux), Math.abs(uy)];
  return { x0, y0, x1, y1, ux, uy, length, p: Math.max(ax, ay), q: Math.min(ax, ay) };
}

/**
 * The share of the unit pixel centred at (x, y) that a stroke `width` px wide along `s`
 * covers: along the segment, the pixel's share inside the band (its projection across the
 * band is a trapezoid, the convolution of its two sides' projections); beyond the segment's
 * ends, by the distance from the end (round joins), `reach` being half the width and half a
 * pixel. May be below 0 or above 1: the caller clamps.
 */
function share(s: Segment, x: number, y: number, width: number, reach: number): number {
  const along = (x - s.x0) * s.ux + (y - s.y0) * s.uy;
  if (along < 0 || along > s.length) {
    // Beyond an end (this loop is hot: no arrays, no Math.hypot).
    const dx = x - (along < 0 ? s.x0 : s.x1);
    const dy = y - (along < 0 ? s.y0 : s.y1);
    if (Math.abs(dx) >= reach || Math.abs(dy) >= reach) return 0;
    return reach - Math.sqrt(dx * dx + dy * dy);
  }
  const offset = (y - s.y0) * s.ux - (x - s.x0) * s.uy;
  if (Math.abs(offset) >= width / 2 + 1) return 0;
  return below(s, width / 2 - offset) - below(s, -width / 2 - offset);
}

/**
 * The rows (continuous, as [low, high]) within `margin` px of segments that run left to
 * right, over the columns within `margin` of `x`: no pixel outside them is near one.
 */
function nearRows(segments: Segment[], x: number, margin: number): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const s of segments) {
    const from = Math.max(s.x0, x - margin);
    const to = Math.min(s.x1, x + margin);
    if (from > to) continue;
    const slope = (s.y1 - s.y0) / (s.x1 - s.x0);
    const [a, b] = [s.y0 + (from - s.x0) * slope, s.y0 + (to - s.x0) * slope];
    low = Math.min(low, a - margin, b - margin);
    high = Math.max(high, a + margin, b + margin);
  }
  return [low, high];
}

/** The share of a pixel on the near side of a line `t` px across from its centre, along `s`. */
function below({ p, q }: Segment, t: number): number {
  const flat = (p - q) / 2;
  const end = (p + q) / 2;
  if (t <= -end) return 0;
  if (t >= end) return 1;
  if (q < 1e-9) return (t + end) / p;
  if (t < -flat) return (t + end) ** 2 / (2 * p * q);
  if (t <= flat) return 0.5 + t / p;
  return 1 - (end - t) ** 2 / (2 * p * q);
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
function plainFitToInk(
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
  const segmentAt = (j: number) => segment(xs[j], ys[j], xs[j + 1], ys[j + 1]);
  /** The drawn share of the pixel at (x, y) by `segments`. */
  const coverage = (x: number, y: number, segments: Segment[]) => {
    let most = 0;
    for (const s of segments) most = Math.max(most, share(s, x, y, lineWidth, reach));
    return Math.min(1, most);
  };
  /**
   * The misfit of the drawing to the ink around point `i` as a function of its height: the
   * pixels near its two segments, whose coverage by the other segments is fixed. Only the
   * pixels near the two moving segments change with the height.
   */
  const misfitAround = (i: number, top: number, bottom: number) => {
    const [c0, c1] = [
      Math.max(0, Math.floor(xs[i] - 1 - reach)),
      Math.min(width - 1, Math.floor(xs[i] + 1 + reach)),
    ];
    const [r0, r1] = [
      Math.max(0, Math.floor(top - reach)),
      Math.min(height - 1, Math.floor(bottom + reach)),
    ];
    const rows = r1 - r0 + 1;
    const others = [i - 3, i - 2, i + 1, i + 2].filter(joined).map(segmentAt);
    const ink = new Float64Array((c1 - c0 + 1) * rows);
    const fixed = new Float64Array(ink.length);
    const used = new Uint8Array(ink.length);
    let constant = 0;
    for (let column = c0; column <= c1; column++) {
      for (let row = r0; row <= r1; row++) {
        const k = row * width + column;
        if (occluded?.[k]) continue;
        const n = (column - c0) * rows + row - r0;
        used[n] = 1;
        ink[n] = Math.max(0, weight[k]);
        fixed[n] = coverage(column + 0.5, row + 0.5, others);
        constant += (fixed[n] - ink[n]) ** 2;
      }
    }
    return (py: number) => {
      ys[i] = py;
      const [a, b] = [segmentAt(i - 1), segmentAt(i)];
      const [top, bottom] = [
        Math.min(ys[i - 1], py, ys[i + 1]),
        Math.max(ys[i - 1], py, ys[i + 1]),
      ];
      let sum = constant;
      const [left, right] = [
        Math.max(c0, Math.floor(xs[i - 1] - reach)),
        Math.min(c1, Math.floor(xs[i + 1] + reach)),
      ];
      const [from, to] = [
        Math.max(r0, Math.floor(top - reach)),
        Math.min(r1, Math.floor(bottom + reach)),
      ];
      for (let column = left; column <= right; column++) {
        // Only the rows a moving segment passes near in this column can change.
        const [lo, hi] = nearRows([a, b], column + 0.5, lineWidth / 2 + 1);
        const last = Math.min(to, Math.floor(hi - 0.5));
        for (let row = Math.max(from, Math.ceil(lo - 0.5)); row <= last; row++) {
          const n = (column - c0) * rows + row - r0;
          if (!used[n]) continue;
          const x = column + 0.5;
          const y = row + 0.5;
          const moved = Math.max(
            share(a, x, y, lineWidth, reach),
            share(b, x, y, lineWidth, reach),
          );
          const drawn = Math.max(fixed[n], Math.min(1, moved));
          sum += (drawn - ink[n]) ** 2 - (fixed[n] - ink[n]) ** 2;
        }
      }
      return sum;
    };
  };
  // Points to revisit: all at first, then those whose neighbours moved.
  let stale = new Set(xs.map((_, i) => i));
  for (let round = 0; round < ROUNDS && stale.size > 0; round++) {
    const moved = new Set<number>();
    for (let i = 1; i < xs.length - 1; i++) {
      if (!stale.has(i) || !joined(i - 1) || !joined(i)) continue;
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
      if (Math.abs(best - traced) > STEP / 2) for (const j of [i - 1, i, i + 1]) moved.add(j);
    }
    stale = moved;
  }
  return xs.map((px, i) => ({ px, py: ys[i] }));
}
