import { describe, expect, it } from 'vitest';
import { joinMarkerPieces, readMarker, sameShape } from '../../src/pdf/markers.js';
import type { PdfPath } from '../../src/pdf/types.js';
import type { PixelPoint } from '../../src/types.js';
import { pdfPath, pdfPathOf } from '../helpers/pdfPaths.js';

/** A filled closed outline through `points`, as a plotting engine draws a marker. */
function outline(index: number, points: PixelPoint[]): PdfPath {
  return pdfPath(index, points, { fill: [31, 119, 180] });
}

/** A triangle pointing up of side `size` about (x, y). */
function triangle(index: number, x: number, y: number, size: number): PdfPath {
  return outline(index, [
    { px: x - size / 2, py: y + size / 3 },
    { px: x + size / 2, py: y + size / 3 },
    { px: x, py: y - (2 * size) / 3 },
  ]);
}

describe('sameShape', () => {
  it('takes markers whose points round a step apart (32-bit coordinates) for one shape', () => {
    const a = readMarker(triangle(1, 100, 100, 8));
    expect(a).toBeTruthy();
    if (!a) return;
    // The same triangle, one coordinate a hair over a step's middle: it rounds one step on.
    const [kind, count, first, ...rest] = a.key.split(' ');
    const [x, y] = first.split(':').map(Number);
    const b = { ...a, path: 2, key: [kind, count, `${x + 1}:${y}`, ...rest].join(' ') };
    expect(sameShape(a, b)).toBe(true);
    const far = { ...a, path: 3, key: [kind, count, `${x + 2}:${y}`, ...rest].join(' ') };
    expect(sameShape(a, far)).toBe(false);
  });

  it('tells a triangle from a square and from one pointing down', () => {
    const up = readMarker(triangle(1, 100, 100, 8));
    const square = readMarker(
      outline(2, [
        { px: 96, py: 96 },
        { px: 104, py: 96 },
        { px: 104, py: 104 },
        { px: 96, py: 104 },
      ]),
    );
    const down = readMarker(
      outline(3, [
        { px: 96, py: 97.3 },
        { px: 104, py: 97.3 },
        { px: 100, py: 106.7 },
      ]),
    );
    expect(up && square && down).toBeTruthy();
    if (!up || !square || !down) return;
    expect(sameShape(up, square)).toBe(false);
    expect(sameShape(up, down)).toBe(false);
  });
});

describe('joinMarkerPieces', () => {
  it('makes a shape filled then stroked as two paths one marker with both paints', () => {
    const points = [
      { px: 100, py: 96 },
      { px: 104, py: 100 },
      { px: 100, py: 104 },
      { px: 96, py: 100 },
    ];
    const filled = pdfPath(1, points, { fill: [27, 158, 119] });
    const stroked = pdfPath(2, points, { stroke: [27, 158, 119] });
    const joined = joinMarkerPieces([filled, stroked], 24);
    expect(joined).toHaveLength(1);
    expect(joined[0].fill).toEqual([27, 158, 119]);
    expect(joined[0].stroke).toEqual([27, 158, 119]);
    // another shape stroked after it, or a line as long as the plot, stays apart
    const moved = pdfPath(
      2,
      points.map((p) => ({ px: p.px + 1, py: p.py })),
      { stroke: [27, 158, 119] },
    );
    expect(joinMarkerPieces([filled, moved], 24)).toHaveLength(2);
    expect(joinMarkerPieces([filled, stroked], 4)).toHaveLength(2);
  });
});

describe('readMarker on thin boxes', () => {
  it('reads no marker from a box many times longer than wide (an error bar printed as its outline)', () => {
    const box = (width: number, height: number) =>
      outline(1, [
        { px: 100, py: 100 },
        { px: 100 + width, py: 100 },
        { px: 100 + width, py: 100 + height },
        { px: 100, py: 100 + height },
      ]);
    expect(readMarker(box(2, 10))).toBeNull();
    expect(readMarker(box(10, 2))).toBeNull();
    expect(readMarker(box(8, 8))?.shape).toBe('square');
  });
});

describe('readMarker on strokes', () => {
  const strokes = (pieces: PixelPoint[][]) => pdfPathOf(1, pieces, { stroke: [54, 162, 235] });
  const segment = (x0: number, y0: number, x1: number, y1: number) => [
    { px: x0, py: y0 },
    { px: x1, py: y1 },
  ];

  it('reads strokes crossing at their middle as a plus, a cross or a star', () => {
    const plus = [segment(96, 100, 104, 100), segment(100, 96, 100, 104)];
    const cross = [segment(96, 96, 104, 104), segment(96, 104, 104, 96)];
    expect(readMarker(strokes(plus))?.shape).toBe('plus');
    expect(readMarker(strokes(cross))?.shape).toBe('cross');
    expect(readMarker(strokes([...plus, ...cross.slice(0, 1)]))?.shape).toBe('star');
  });

  it('reads no marker from an error bar: a stroke with a cap at each end', () => {
    const bar = [segment(100, 92, 100, 108), segment(97, 92, 103, 92), segment(97, 108, 103, 108)];
    expect(readMarker(strokes(bar))).toBeNull();
  });
});
