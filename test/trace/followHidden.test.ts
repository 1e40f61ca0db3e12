import { describe, expect, it } from 'vitest';
import { followHidden, followHiddenEnds } from '../../src/trace/followHidden.js';
import type { PixelPoint } from '../../src/types.js';

const WIDTH = 100;
const HEIGHT = 100;

/** Trace points at the centres of `columns`, at `y(column)`. */
function trace(columns: number[], y: (column: number) => number): PixelPoint[] {
  return columns.map((column) => ({ px: column + 0.5, py: y(column) }));
}

/** A weight mask with a 3 px tall stroke through the given points. */
function inkOf(points: PixelPoint[]): Float32Array {
  const weight = new Float32Array(WIDTH * HEIGHT);
  for (const { px, py } of points) {
    for (let row = Math.floor(py) - 1; row <= Math.floor(py) + 1; row++) {
      weight[row * WIDTH + Math.floor(px)] = 1;
    }
  }
  return weight;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('followHidden', () => {
  // The line on top: a wave across the plot.
  const top = (column: number) => 50 + 8 * Math.sin(column / 4);
  const over = trace(range(0, 80), top);

  it('follows the series on top where a series is hidden under it over a stretch', () => {
    // Joins the top line at column 20, runs under it to column 50 (one fringe point shows at
    // its edge at column 35), then leaves flat.
    const hidden = [
      ...trace(range(0, 21), (c) => top(20) + 2 * (c - 20)),
      ...trace([35], (c) => top(c) + 1.5),
      ...trace(range(50, 80), () => top(50)),
    ];
    const [result] = followHidden(
      [
        { points: hidden, weight: inkOf(hidden) },
        { points: over, weight: inkOf(over) },
      ],
      WIDTH,
    );
    for (const column of range(21, 50)) {
      const point = result.find((p) => Math.floor(p.px) === column);
      expect(point?.py, `column ${column}`).toBeCloseTo(top(column), 6);
    }
    // Its own line is kept on both sides.
    expect(result.find((p) => Math.floor(p.px) === 10)?.py).toBe(top(20) - 20);
    expect(result.find((p) => Math.floor(p.px) === 70)?.py).toBe(top(50));
  });

  it('follows the series on top where the hidden one shows through in many short pieces', () => {
    // Drawn exactly under the top line from column 20 to 42: its fringe shows at the top
    // line's edge in pieces two columns long. Each short gap alone is bridged on the top
    // line's ink, as at a crossing, but a crossing shows through once, not five times.
    const pieces = [20, 25, 30, 35, 40].flatMap((from) => range(from, from + 2));
    const hidden = [
      ...trace(range(0, 20), (c) => top(20) + 2 * (c - 20)),
      ...trace(pieces, (c) => top(c) + 1.5),
      ...trace(range(43, 80), () => top(43)),
    ];
    const [result] = followHidden(
      [
        { points: hidden, weight: inkOf(hidden) },
        { points: over, weight: inkOf(over) },
      ],
      WIDTH,
    );
    for (const column of range(20, 43)) {
      const point = result.find((p) => Math.floor(p.px) === column);
      expect(point?.py, `column ${column}`).toBeCloseTo(top(column), 6);
    }
  });

  it('leaves a shallow crossing bridged straight', () => {
    // Crossing the top line at column 30 at a slightly steeper slope: hidden for a few
    // columns, and within reach of it for over a dozen.
    const rising = (column: number) => top(30) + (column - 30);
    const crossing = trace(
      range(10, 60).filter((c) => Math.abs(rising(c) - top(c)) > 1.5),
      rising,
    );
    const [result] = followHidden(
      [
        { points: crossing, weight: inkOf(crossing) },
        { points: over, weight: inkOf(over) },
      ],
      WIDTH,
    );
    expect(result).toEqual(crossing);
  });
});

describe('followHiddenEnds', () => {
  const top = (column: number) => 50 + 8 * Math.sin(column / 4);
  const over = trace(range(0, 90), top);

  it('follows the series on top where a line ends under it', () => {
    // Drawn under the top line from column 60 to the end: it shows only up to where they meet.
    const hidden = trace(range(5, 60), (c) => top(60) - (60 - c) / 2);
    const [result, kept] = followHiddenEnds(
      [
        { points: hidden, weight: inkOf(hidden), markers: false },
        { points: over, weight: inkOf(over), markers: false },
      ],
      WIDTH,
    );
    expect(kept).toBe(over);
    expect(result.slice(0, hidden.length)).toEqual(hidden);
    for (const column of range(60, 90)) {
      const point = result.find((p) => Math.floor(p.px) === column);
      expect(point?.py, `column ${column}`).toBeCloseTo(top(column), 6);
    }
  });

  it('does not follow a series whose ink touches the end away from its line', () => {
    // The other series' mask also holds a mark of its colour (a legend's sample or text) where
    // the line ends, far from its own line along y = 20: the line ended there, it is not hidden.
    const far = trace(range(0, 90), () => 20);
    const mark = trace(range(58, 66), () => 70);
    const ending = trace(range(5, 57), () => 70);
    const [result] = followHiddenEnds(
      [
        { points: ending, weight: inkOf(ending), markers: false },
        { points: far, weight: inkOf([...far, ...mark]), markers: false },
      ],
      WIDTH,
    );
    expect(result).toBe(ending);
  });

  it('follows the legs between markers where a line starts under a series of markers', () => {
    const markers = [10, 30, 50, 70, 90].map((px) => ({ px, py: 40 + px / 5 }));
    const hidden = trace(range(50, 95), (c) => 50 - (c - 50) / 3);
    const [result] = followHiddenEnds(
      [
        { points: hidden, weight: inkOf(hidden), markers: false },
        { points: markers, weight: inkOf(markers), markers: true },
      ],
      WIDTH,
    );
    expect(result[0].px).toBe(10.5);
    expect(result[0].py).toBeCloseTo(42.1, 6);
    expect(result.find((p) => p.px === 25.5)?.py).toBeCloseTo(45.1, 6);
  });

  it('goes on, a step at a time, at the markers of a series of markers a series ends under', () => {
    // The first series' last two markers are hidden under the second's (drawn over the same
    // values); the third's markers stand at other places and are no cover.
    const over = [10, 30, 50, 70, 90].map((px) => ({ px, py: 60 - px / 4 }));
    const hidden = [
      { px: 10.2, py: 30 },
      { px: 30.1, py: 40 },
      { px: 50.3, py: over[2].py + 1 },
    ];
    const apart = [20, 40, 60, 80].map((px) => ({ px, py: 50 }));
    const [result, kept, other] = followHiddenEnds(
      [
        { points: hidden, weight: inkOf(hidden), markers: true },
        { points: over, weight: inkOf(over), markers: true },
        { points: apart, weight: inkOf(apart), markers: true },
      ],
      WIDTH,
    );
    expect(result).toEqual([...hidden, over[3], over[4]]);
    expect(kept).toBe(over);
    expect(other).toBe(apart);
  });

  it('leaves a line that ends away from the others, and never extends markers', () => {
    const apart = trace(range(5, 60), () => 20);
    const markers = [10, 30, 50].map((px) => ({ px, py: top(px) }));
    const result = followHiddenEnds(
      [
        { points: apart, weight: inkOf(apart), markers: false },
        { points: markers, weight: inkOf(markers), markers: true },
        { points: over, weight: inkOf(over), markers: false },
      ],
      WIDTH,
    );
    expect(result[0]).toBe(apart);
    expect(result[1]).toBe(markers);
  });
});
