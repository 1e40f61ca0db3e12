import type { Box } from '../types.js';
import { DEFAULTS } from './panelDefaults.js';
import type { Candidate } from './plotCandidates.js';

export function area(box: Box): number {
  return (box.right - box.left) * (box.bottom - box.top);
}

export function intersection(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The plots of a figure among the candidates: overlapping candidates are one plot (the larger
 * kept, unless smaller ones fill it side by side), a candidate inside another (a legend box, an
 * inset) and one holding others (a frame around the figure) are left out; a candidate without
 * ticks or grid stays only when it is framed and matches a plot with them in size, side by side
 * or one above the other. `ink` is the image's ink mask (`width` px wide).
 */
export function keepPlots(
  candidates: Candidate[],
  tol: number,
  ink: Uint8Array,
  width: number,
): Box[] {
  const inside = (inner: Box, outer: Box) =>
    inner.left >= outer.left - tol &&
    inner.right <= outer.right + tol &&
    inner.top >= outer.top - tol &&
    inner.bottom <= outer.bottom + tol;
  /** Of `boxes`, the largest first, those overlapping none kept before them. */
  const apart = <T extends Box>(boxes: T[]): T[] => {
    const out: T[] = [];
    for (const k of [...boxes].sort((a, b) => area(b) - area(a))) {
      if (!out.some((p) => intersection(p, k) > DEFAULTS.overlap * area(k))) out.push(k);
    }
    return out;
  };
  // A box on the page's colour that framed ones fill side by side (or one above the other),
  // each as high (wide) as it, with empty gutters between them, is their union (facet strips
  // run on across a narrow gutter between panels), not a plot.
  const near = (p: number, q: number) => Math.abs(p - q) <= tol;
  const union = (c: Candidate) =>
    !c.filled &&
    (['row', 'column'] as const).some((along) => {
      const [start, end] =
        along === 'row' ? (['left', 'right'] as const) : (['top', 'bottom'] as const);
      const [from, to] =
        along === 'row' ? (['top', 'bottom'] as const) : (['left', 'right'] as const);
      const parts = apart(
        candidates.filter(
          (k) =>
            k !== c &&
            k.framed &&
            inside(k, c) &&
            near(k[from], c[from]) &&
            near(k[to], c[to]) &&
            k[end] - k[start] < c[end] - c[start] - tol,
        ),
      ).sort((a, b) => a[start] - b[start]);
      const covered = parts.reduce((sum, k) => sum + area(k), 0);
      return (
        parts.length >= 2 &&
        covered >= DEFAULTS.unionCover * area(c) &&
        parts.slice(1).every((k, i) => {
          const gutter =
            along === 'row'
              ? { left: parts[i].right, right: k.left, top: c.top, bottom: c.bottom }
              : { left: c.left, right: c.right, top: parts[i].bottom, bottom: k.top };
          return emptyBox(ink, width, gutter);
        })
      );
    });
  const kept = apart(candidates.filter((c) => !union(c)));
  let plots = kept.filter(
    (c) =>
      // a frame around several panels
      kept.filter((k) => k !== c && inside(k, c)).length < 2 &&
      // anything drawn inside a plot
      !kept.some((k) => k !== c && inside(c, k)),
  );
  const alike = (a: Box, b: Box) => {
    const same = (p: number, q: number) => Math.abs(p - q) <= Math.max(tol, DEFAULTS.sameSize * q);
    return (
      (same(a.right - a.left, b.right - b.left) && Math.abs(a.left - b.left) <= tol) ||
      (same(a.bottom - a.top, b.bottom - b.top) && Math.abs(a.top - b.top) <= tol)
    );
  };
  const sure = plots.filter((c) => c.evidence);
  plots = plots.filter((c) => c.evidence || (c.framed && sure.some((s) => alike(s, c))));
  const largest = Math.max(0, ...plots.map(area));
  plots = plots.filter((c) => area(c) >= largest * DEFAULTS.minAreaShare);
  return plots.map(({ left, top, right, bottom }) => ({ left, top, right, bottom }));
}

/** Whether a box of the image (`ink`, `width` px wide) holds next to no ink, and is a pixel wide. */
function emptyBox(ink: Uint8Array, width: number, box: Box): boolean {
  const [left, right] = [Math.round(box.left), Math.round(box.right)];
  const [top, bottom] = [Math.round(box.top), Math.round(box.bottom)];
  if (right <= left || bottom <= top) return false;
  let inked = 0;
  for (let row = top; row < bottom; row++) {
    for (let column = left; column < right; column++) inked += ink[row * width + column] ? 1 : 0;
  }
  return inked <= DEFAULTS.emptyGutter * (right - left) * (bottom - top);
}
