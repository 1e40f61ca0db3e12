import { describe, expect, it } from 'vitest';
import { findTrend } from '../../src/describe/findTrend.js';

/** x = 0, 1, 2, ... */
const xsOf = (ys: number[]) => ys.map((_, i) => i);
const directions = (ys: number[], turn: number) =>
  findTrend(xsOf(ys), ys, { turn }).legs.map((leg) => leg.direction);

describe('findTrend', () => {
  it('reads a steady rise as one rising leg, noise smaller than a turn ignored', () => {
    const ys = Array.from({ length: 50 }, (_, i) => i * 0.1 + (i % 2 === 0 ? 0.3 : -0.3));
    const { legs, turns } = findTrend(xsOf(ys), ys, { turn: 1 });
    expect(legs).toEqual([{ direction: 'rising', from: 0, to: 48 }]);
    expect(turns).toEqual([]);
  });

  it('reads a series that never moves by a turn as flat', () => {
    expect(directions([1, 1.2, 0.9, 1.1, 1], 0.5)).toEqual(['flat']);
  });

  it('finds the peak of a rise then a fall', () => {
    const ys = [0, 1, 2, 3, 4, 3, 2, 1];
    const { legs, turns } = findTrend(xsOf(ys), ys, { turn: 0.5 });
    expect(legs.map((leg) => [leg.direction, leg.from, leg.to])).toEqual([
      ['rising', 0, 4],
      ['falling', 4, 7],
    ]);
    expect(turns).toEqual([{ kind: 'peak', index: 4, height: 3, spike: false }]);
  });

  it('alternates peaks and dips in an oscillating series', () => {
    // The sample chart's GRPO series.
    const ys = [0.125, 0.165, 0.13, 0.16, 0.135, 0.17, 0.13, 0.16];
    const { legs, turns } = findTrend(xsOf(ys), ys, { turn: 0.008 });
    expect(legs).toHaveLength(7);
    expect(turns.map((t) => [t.kind, t.index])).toEqual([
      ['peak', 1],
      ['dip', 2],
      ['peak', 3],
      ['dip', 4],
      ['peak', 5],
      ['dip', 6],
    ]);
    expect(turns.some((t) => t.spike)).toBe(false);
  });

  it('calls a narrow turn far higher than the others a spike', () => {
    const ys = Array.from({ length: 100 }, (_, i) =>
      i === 40 ? 9 : i === 41 ? 5 : 1 + (i % 10 < 5 ? 0 : 1),
    );
    const { turns } = findTrend(xsOf(ys), ys, { turn: 0.5 });
    const spikes = turns.filter((t) => t.spike);
    expect(spikes).toHaveLength(1);
    expect(spikes[0]).toMatchObject({ kind: 'peak', index: 40 });
  });

  it('finds a spike down as well, on an otherwise flat series', () => {
    const ys = Array.from({ length: 60 }, (_, i) => (i === 30 ? -4 : 2));
    const { turns } = findTrend(xsOf(ys), ys, { turn: 0.5 });
    expect(turns).toEqual([{ kind: 'dip', index: 30, height: 6, spike: true }]);
  });

  it('does not call a wide hump a spike', () => {
    const ys = Array.from({ length: 100 }, (_, i) => Math.exp(-(((i - 50) / 20) ** 2)) * 5);
    const { turns } = findTrend(xsOf(ys), ys, { turn: 0.5 });
    expect(turns).toHaveLength(1);
    expect(turns[0].spike).toBe(false);
  });

  it('splits a rise that levels off into the rise and a flat stretch', () => {
    // Up to 10 by x = 20, then within 0.1 of it to x = 100.
    const ys = Array.from({ length: 101 }, (_, i) => (i < 20 ? i / 2 : 10 + 0.1 * Math.sin(i)));
    const { legs } = findTrend(xsOf(ys), ys, { turn: 1 });
    expect(legs.map((leg) => leg.direction)).toEqual(['rising', 'flat']);
    expect(legs[0].to).toBeGreaterThanOrEqual(19);
    expect(legs[0].to).toBeLessThanOrEqual(21);
    expect(legs[1].to).toBe(100);
  });

  it('keeps a long level tail after the last move, and leaves a short one out', () => {
    const long = [0, 5, 10, 10, 10, 10, 10, 10, 10.2, 10.1];
    expect(directions(long, 1)).toEqual(['rising', 'flat']);
    const short = [...Array.from({ length: 20 }, (_, i) => i), 18.8];
    expect(directions(short, 2)).toEqual(['rising']);
  });

  it('works in the units given, whatever the spacing of x', () => {
    const xs = [0, 1, 10, 11, 100];
    const ys = [0, 3, 0, 3, 0];
    const { legs, turns } = findTrend(xs, ys, { turn: 1 });
    expect(legs).toHaveLength(4);
    expect(turns.map((t) => xs[t.index])).toEqual([1, 10, 11]);
  });

  it('returns nothing for no points and one flat leg for one point', () => {
    expect(findTrend([], [], { turn: 1 })).toEqual({ legs: [], turns: [] });
    expect(findTrend([3], [4], { turn: 1 }).turns).toEqual([]);
  });
});
