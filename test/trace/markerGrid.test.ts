import { describe, expect, it } from 'vitest';
import { markerGrid, nearestOnGrid, onGrid } from '../../src/trace/markerGrid.js';

describe('markerGrid', () => {
  it('fits the even grid markers sit on, one hidden and one pushed aside', () => {
    // Every 40 px from 20.5; the marker at 140.5 hidden, the one at 220.5 pushed to 223.
    const grid = markerGrid([20.5, 60.5, 100.5, 180.5, 223, 260.5, 300.5], 6);
    expect(grid).not.toBeNull();
    expect(grid!.start).toBeCloseTo(20.5, 6);
    expect(grid!.step).toBeCloseTo(40, 6);
    expect(nearestOnGrid(grid!, 143)).toBeCloseTo(140.5, 6);
    // More than a pixel off the grid: put back; within a pixel: left where found.
    expect(onGrid(grid, 223)).toBeCloseTo(220.5, 6);
    expect(onGrid(grid, 61)).toBe(61);
    expect(onGrid(null, 61)).toBe(61);
  });

  it('finds none for unevenly spaced markers, too few, or spacings within a marker', () => {
    expect(markerGrid([10, 25, 70, 80, 140, 150, 230], 4)).toBeNull();
    expect(markerGrid([10, 50, 90], 4)).toBeNull();
    expect(markerGrid([10, 14, 18, 22, 26], 6)).toBeNull();
  });
});
