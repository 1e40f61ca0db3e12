import { describe, expect, it } from 'vitest';
import { median, optimalAssignment } from '../src/math.js';

/** The total cost of a pairing (rows left without a column cost nothing). */
const total = (cost: number[][], order: number[]) =>
  order.reduce((sum, c, r) => sum + (c >= 0 ? cost[r][c] : 0), 0);

/** The least total cost over every pairing of rows to distinct columns (rows <= columns). */
function bruteForce(cost: number[][]): number {
  let best = Number.POSITIVE_INFINITY;
  const used = new Set<number>();
  const visit = (row: number, sum: number) => {
    if (row === cost.length) {
      best = Math.min(best, sum);
      return;
    }
    cost[row].forEach((d, c) => {
      if (used.has(c)) return;
      used.add(c);
      visit(row + 1, sum + d);
      used.delete(c);
    });
  };
  visit(0, 0);
  return best;
}

describe('optimalAssignment', () => {
  it('pairs jointly where taking each row its nearest column in turn would not', () => {
    // Greedy: row 0 takes column 0 (1), row 1 is left column 1 (10): 11 in all. Jointly: 2 + 2.
    const cost = [
      [1, 2],
      [2, 10],
    ];
    expect(optimalAssignment(cost)).toEqual([1, 0]);
  });

  it('pairs fewer rows than columns, each with a column of its own', () => {
    const cost = [
      [5, 1, 9],
      [5, 2, 1],
    ];
    expect(optimalAssignment(cost)).toEqual([1, 2]);
  });

  it('leaves a row without a column where there are more rows than columns', () => {
    const cost = [[3], [1], [2]];
    expect(optimalAssignment(cost)).toEqual([-1, 0, -1]);
  });

  it('finds the least total cost of every pairing (random matrices, against trying them all)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 40; trial++) {
      const rows = 1 + Math.floor(random() * 6);
      const columns = rows + Math.floor(random() * 3);
      const cost = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => Math.round(random() * 100)),
      );
      const order = optimalAssignment(cost);
      expect(new Set(order).size).toBe(rows);
      expect(total(cost, order)).toBe(bruteForce(cost));
    }
  });

  it('handles nothing to pair', () => {
    expect(optimalAssignment([])).toEqual([]);
    expect(optimalAssignment([[], []])).toEqual([-1, -1]);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones; 0 of none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});
