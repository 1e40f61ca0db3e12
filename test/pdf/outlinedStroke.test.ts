import { describe, expect, it } from 'vitest';
import { readOutlinedStroke } from '../../src/pdf/outlinedStroke.js';
import type { PdfPath } from '../../src/pdf/types.js';
import type { PixelPoint } from '../../src/types.js';
import { pdfPathOf } from '../helpers/pdfPaths.js';

/** A filled path of one piece per outline, as a browser's PDF printer writes dashes. */
function filled(outlines: PixelPoint[][]): PdfPath {
  return pdfPathOf(1, outlines, { fill: [0, 0, 0] });
}

/** The outline of a dash of `width` from a to b (butt caps). */
function dash(a: PixelPoint, b: PixelPoint, width: number): PixelPoint[] {
  const length = Math.hypot(b.px - a.px, b.py - a.py);
  const [nx, ny] = [
    (-(b.py - a.py) / length) * (width / 2),
    ((b.px - a.px) / length) * (width / 2),
  ];
  return [
    { px: a.px + nx, py: a.py + ny },
    { px: b.px + nx, py: b.py + ny },
    { px: b.px - nx, py: b.py - ny },
    { px: a.px - nx, py: a.py - ny },
  ];
}

/** Dashes `on` long every `period` along the line y = 300 - 0.5 x from x = 100. */
function dashedSlope(count: number, on: number, period: number, width: number): PixelPoint[][] {
  const along = (t: number) => ({
    px: 100 + t / Math.hypot(1, 0.5),
    py: 300 - (0.5 * t) / Math.hypot(1, 0.5),
  });
  return Array.from({ length: count }, (_, i) =>
    dash(along(i * period), along(i * period + on), width),
  );
}

describe('readOutlinedStroke', () => {
  it('reads the centre line, width and dash length of a dashed line drawn as dash outlines', () => {
    const line = readOutlinedStroke(filled(dashedSlope(6, 12, 20, 4)));
    expect(line).not.toBeNull();
    if (!line) return;
    expect(line.width).toBeCloseTo(4, 6);
    expect(line.pattern).toHaveLength(1);
    expect(line.pattern[0]).toBeCloseTo(12, 6);
    // every point on the line itself, left to right, reaching both ends
    for (const p of line.points) expect(p.py).toBeCloseTo(300 - 0.5 * p.px + 50, 6);
    const xs = line.points.map((p) => p.px);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[0]).toBeCloseTo(100, 6);
  });

  it('reads a dotted line at its dots and tells its pattern from a dashed one', () => {
    const dots = Array.from({ length: 8 }, (_, i) =>
      dash({ px: 100 + 10 * i, py: 200 }, { px: 104 + 10 * i, py: 200 }, 4),
    );
    const line = readOutlinedStroke(filled(dots));
    expect(line?.points.map((p) => p.px)).toEqual(dots.map((_, i) => 102 + 10 * i));
    expect(line?.pattern[0]).toBeCloseTo(4, 6);
  });

  it('reads no line from bars in a row, one shape, or a stroked path', () => {
    const bars = [0, 1, 2, 3].map((i) =>
      dash({ px: 100 + 20 * i, py: 300 }, { px: 100 + 20 * i, py: 200 - 10 * i }, 8),
    );
    expect(readOutlinedStroke(filled(bars))).toBeNull();
    expect(readOutlinedStroke(filled(dashedSlope(1, 12, 20, 4)))).toBeNull();
    const stroked = pdfPathOf(1, dashedSlope(6, 12, 20, 4), { stroke: [0, 0, 0] });
    expect(readOutlinedStroke(stroked)).toBeNull();
  });

  it('reads a solid line printed as tiles across it, and no line from a histogram', () => {
    // Slices a unit long and 3 wide along y = 300 - 0.5 x, side by side.
    const along = (t: number) => ({
      px: 100 + t / Math.hypot(1, 0.5),
      py: 300 - (0.5 * t) / Math.hypot(1, 0.5),
    });
    const tiles = Array.from({ length: 40 }, (_, i) => dash(along(i), along(i + 1), 3));
    const line = readOutlinedStroke(filled(tiles));
    expect(line?.width).toBeCloseTo(3, 6);
    expect(line?.pattern).toEqual([]);
    for (const p of line?.points ?? []) expect(p.py).toBeCloseTo(300 - 0.5 * p.px + 50, 6);
    expect(line?.points).toHaveLength(40);
    // Bars side by side stand across their row too, but not all of one height.
    const bars = [60, 66, 61, 55, 60, 54].map((height, i) =>
      dash({ px: 100 + 10 * i, py: 300 }, { px: 100 + 10 * i, py: 300 - height }, 10),
    );
    expect(readOutlinedStroke(filled(bars))).toBeNull();
  });
});
