import type { PdfPath, Rgb } from '../../src/pdf/types.js';
import type { PixelPoint } from '../../src/types.js';

/**
 * A painted path of one subpath through `points`, as the PDF reader gives it: filled and closed
 * (a marker, a glyph) with `fill`, or an open stroke with `stroke`.
 */
export function pdfPath(
  index: number,
  points: PixelPoint[],
  paint: { fill: Rgb } | { stroke: Rgb },
): PdfPath {
  return pdfPathOf(index, [points], paint);
}

/** A painted path of one subpath per list of `pieces` (a dashed line's dash outlines, filled). */
export function pdfPathOf(
  index: number,
  pieces: PixelPoint[][],
  paint: { fill: Rgb } | { stroke: Rgb },
): PdfPath {
  const all = pieces.flat();
  const xs = all.map((p) => p.px);
  const ys = all.map((p) => p.py);
  const fill = 'fill' in paint ? paint.fill : null;
  return {
    index,
    subpaths: pieces.map((points) => ({ points, closed: fill !== null, curved: false })),
    stroke: 'stroke' in paint ? paint.stroke : null,
    fill,
    lineWidth: 1,
    dash: [],
    clip: null,
    formOrigin: null,
    box: {
      left: Math.min(...xs),
      top: Math.min(...ys),
      right: Math.max(...xs),
      bottom: Math.max(...ys),
    },
  };
}
