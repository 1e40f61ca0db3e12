import { describe, expect, it } from 'vitest';
import { extendUnderLegend } from '../../src/trace/underLegend.js';
import type { PixelPoint } from '../../src/types.js';

const REGION = { left: 0, top: 0, right: 200, bottom: 100 };
/** A legend box over the plot's upper right. */
const LEGEND = { left: 140, top: 10, right: 190, bottom: 40 };

/** A bare line's points at the centres of columns `from` to `to`, at `y(column)`. */
function line(from: number, to: number, y: (column: number) => number): PixelPoint[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ px: from + i + 0.5, py: y(from + i) }));
}

describe('extendUnderLegend', () => {
  it('carries a line that runs into the legend on at its last value, as far as the others reach', () => {
    // Hidden from column 139 on; the other series, below the legend, ends at column 180.
    const hidden = line(10, 138, (c) => 60 - c / 4);
    const other = line(10, 180, () => 80);
    const { points, hidden: ends } = extendUnderLegend(
      [
        { points: hidden, markers: false },
        { points: other, markers: false },
      ],
      LEGEND,
      REGION,
    );
    expect(ends).toEqual([{ index: 0, side: 'right' }]);
    const last = hidden.at(-1)!;
    const added = points[0].slice(hidden.length);
    expect(added.length).toBe(180 - 138);
    expect(added.every((p) => p.py === last.py)).toBe(true);
    expect(added.at(-1)!.px).toBeCloseTo(180.5, 6);
    expect(points[1]).toBe(other);
  });

  it('carries a line to the legend box`s far side when no other series goes further', () => {
    const hidden = line(10, 137, () => 25);
    const { points } = extendUnderLegend([{ points: hidden, markers: false }], LEGEND, REGION);
    expect(points[0].at(-1)!.px).toBeGreaterThan(LEGEND.right - 1);
    expect(points[0].at(-1)!.px).toBeLessThanOrEqual(LEGEND.right + 0.5);
  });

  it('carries a line that starts under the legend back to where the others start', () => {
    const legend = { left: 5, top: 10, right: 60, bottom: 40 };
    const hidden = line(62, 190, () => 30);
    const other = line(12, 190, () => 80);
    const { points, hidden: ends } = extendUnderLegend(
      [
        { points: hidden, markers: false },
        { points: other, markers: false },
      ],
      legend,
      REGION,
    );
    expect(ends).toEqual([{ index: 0, side: 'left' }]);
    expect(points[0][0].px).toBeCloseTo(12.5, 6);
    expect(points[0][0].py).toBe(30);
  });

  it('adds hidden markers at the series` own spacing', () => {
    const markers = [20, 40, 60, 80, 100, 120].map((px) => ({ px, py: 30 }));
    const other = line(10, 180, () => 80);
    const { points } = extendUnderLegend(
      [
        { points: markers, markers: true },
        { points: other, markers: false },
      ],
      LEGEND,
      REGION,
    );
    expect(points[0].map((p) => p.px)).toEqual([20, 40, 60, 80, 100, 120, 140, 160, 180]);
  });

  it('carries on markers whose first one shows half hidden just inside the legend`s edge', () => {
    // The legend hides the markers left of column 60; the one at 56 shows its right half only,
    // its centre read at 59, a marker's reach (4 px) or less inside the box.
    const legend = { left: 5, top: 10, right: 63, bottom: 40 };
    const markers = [59, 76, 96, 116, 136, 156, 176].map((px) => ({ px, py: 30 }));
    const other = line(12, 190, () => 80);
    const { points, hidden } = extendUnderLegend(
      [
        { points: markers, markers: true, reach: 4 },
        { points: other, markers: false },
      ],
      legend,
      REGION,
    );
    expect(hidden).toEqual([{ index: 0, side: 'left' }]);
    expect(points[0][0].px).toBeLessThan(20);
    // Seen deeper inside than its reach, a marker was drawn over the legend: not carried on.
    const deep = extendUnderLegend(
      [
        { points: markers.map((p) => ({ ...p, px: p.px - 10 })), markers: true, reach: 4 },
        { points: other, markers: false },
      ],
      legend,
      REGION,
    );
    expect(deep.hidden).toEqual([]);
  });

  it('leaves ends that are not at the legend, seen inside it, or past a legend outside the plot', () => {
    const other = line(10, 195, () => 80);
    const cases: { points: PixelPoint[]; legend: typeof LEGEND }[] = [
      // Ends well before the legend.
      { points: line(10, 100, () => 25), legend: LEGEND },
      // Ends inside the box: a translucent legend let it show.
      { points: line(10, 160, () => 25), legend: LEGEND },
      // Ends at the plot's right edge, beside a legend outside the plot.
      { points: line(10, 199, () => 25), legend: { left: 205, top: 10, right: 260, bottom: 40 } },
      // Passes below the legend, clear of it.
      { points: line(10, 150, () => 70), legend: LEGEND },
    ];
    for (const { points, legend } of cases) {
      const result = extendUnderLegend(
        [
          { points, markers: false },
          { points: other, markers: false },
        ],
        legend,
        REGION,
      );
      expect(result.hidden).toEqual([]);
      expect(result.points[0]).toBe(points);
    }
  });
});
