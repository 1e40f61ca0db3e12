/**
 * A two-dimensional `DOMMatrix` for pdfjs where the optional `@napi-rs/canvas` (which pdfjs
 * takes its `DOMMatrix` from in Node) is not installed. pdfjs builds one when it loads and, in
 * its parser, for Type 3 glyphs drawn as bitmaps; rendering, which needs the real one, is
 * never asked for without a canvas. Matrices are [a c e; b d f; 0 0 1], as in the DOM.
 */
export class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  constructor(init?: readonly number[]) {
    if (init === undefined) return;
    if (init.length !== 6) throw new TypeError('AffineMatrix takes six numbers [a, b, c, d, e, f]');
    [this.a, this.b, this.c, this.d, this.e, this.f] = init;
  }

  /** This matrix times `other` (`other` applied first). */
  multiplySelf(other: AffineMatrix): this {
    return this.set(product(this, other));
  }

  /** `other` times this matrix (this applied first). */
  preMultiplySelf(other: AffineMatrix): this {
    return this.set(product(other, this));
  }

  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf(new AffineMatrix([1, 0, 0, 1, tx, ty]));
  }

  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf(new AffineMatrix([sx, 0, 0, sy, 0, 0]));
  }

  /** The inverse; every entry NaN for a matrix that has none, as the DOM's. */
  invertSelf(): this {
    const { a, b, c, d, e, f } = this;
    const det = a * d - b * c;
    if (det === 0) return this.set([NaN, NaN, NaN, NaN, NaN, NaN]);
    return this.set([
      d / det,
      -b / det,
      -c / det,
      a / det,
      (c * f - d * e) / det,
      (b * e - a * f) / det,
    ]);
  }

  private set([a, b, c, d, e, f]: readonly number[]): this {
    Object.assign(this, { a, b, c, d, e, f });
    return this;
  }
}

function product(m: AffineMatrix, n: AffineMatrix): number[] {
  return [
    m.a * n.a + m.c * n.b,
    m.b * n.a + m.d * n.b,
    m.a * n.c + m.c * n.d,
    m.b * n.c + m.d * n.d,
    m.a * n.e + m.c * n.f + m.e,
    m.b * n.e + m.d * n.f + m.f,
  ];
}
