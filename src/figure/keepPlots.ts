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
 * kept), a candidate inside another (a legend box, an inset) and one holding others (a frame
 * around the figure) are left out; a candidate without ticks or grid stays only when it is
 * framed and matches a plot with them in size, side by side or one above the other.
 */
export function keepPlots(candidates: Candidate[], tol: number): Box[] {
  const inside = (inner: Box, outer: Box) =>
    inner.left >= outer.left - tol &&
    inner.right <= outer.right + tol &&
    inner.top >= outer.top - tol &&
    inner.bottom <= outer.bottom + tol;
  const byArea = [...candidates].sort((a, b) => area(b) - area(a));
  // boxes apart from each other, the largest first
  const kept: Candidate[] = [];
  for (const k of byArea) {
    if (!kept.some((p) => intersection(p, k) > DEFAULTS.overlap * area(k))) kept.push(k);
  }
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
