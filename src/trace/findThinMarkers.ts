import { percentile } from '../math.js';
import type { Box, MarkerShape, PixelPoint } from '../types.js';
import type { Ink } from './ink.js';

const DEFAULTS = {
  /** Pixels with at least this much of the series colour count (a thin arm's middle has more). */
  inked: 0.35,
  /** Ink this far (px) beyond the line's half width is not the line's (its anti-aliased edge, a trace off by a fraction). */
  margin: 0.75,
  /** A marker reaches at most this far (px) from the line's edge: ink farther off is another stroke. */
  maxArm: 9,
  /** Traced points this many columns apart are still one line (a column or two lost under a crossing). */
  maxStep: 3,
  /** Pieces of excess ink this close (px, beyond the line's width) are one marker: its arms on both sides of the line. */
  link: 2.5,
  /** A marker's excess ink weighs at least this much (px). */
  minExcess: 3,
  /** A series has thin markers when at least this many are found... */
  minMarkers: 4,
  /** ...and at least this share of the clusters of excess ink reach as far as the typical one. */
  alike: 0.8,
  /** Markers' extents (px) differ by at most this (arms snapped to whole pixels)... */
  extentSlack: 1,
  /** ...or this share of their extent (JPEG blurs their ends, and its specks beside them join them). */
  extentShare: 0.25,
  /** A marker reaches at least this much (px) farther across than its line's width. */
  minOverhang: 3,
  /** Excess ink off the diagonals by less than this share of its distance out lies along `x` arms... */
  crossOff: 0.35,
  /** ...by more than this along `+` arms; a star's points (one up, two level, two down and out) lie between. */
  plusOff: 0.8,
  /** The line between two markers is checked for a bend where it is traced over this many columns. */
  minBetween: 8,
  /** A line bends between two markers when it strays this far (px)... */
  bendPx: 2.5,
  /** ...or this many line widths from their chord. */
  bendWidths: 1.5,
  /** Markers were missed when the line bends between more than this share of pairs. */
  maxBent: 0.2,
} as const;

/** A pixel of ink beside the line. */
interface Excess {
  column: number;
  row: number;
  w: number;
}

/** Thin markers found along a line, their common extent (px) and shape. */
export interface ThinMarkers {
  markers: ThinMarker[];
  extent: number;
  shape: MarkerShape;
}

/** One marker found from the ink beside its line. */
export interface ThinMarker {
  px: number;
  py: number;
  /** The excess ink's weight (px). */
  size: number;
  /** Bounding box of the excess ink (continuous coordinates). */
  box: Box;
}

/** Distance from (x, y) to the segment a-b. */
function toSegment(x: number, y: number, a: PixelPoint, b: PixelPoint): number {
  const dx = b.px - a.px;
  const dy = b.py - a.py;
  const length2 = dx * dx + dy * dy;
  const t =
    length2 > 0 ? Math.max(0, Math.min(1, ((x - a.px) * dx + (y - a.py) * dy) / length2)) : 0;
  const [ex, ey] = [x - a.px - t * dx, y - a.py - t * dy];
  return Math.sqrt(ex * ex + ey * ey);
}

/**
 * Markers drawn with thin strokes (`x`, `+`, a small star) leave no core deeper than their
 * line: they show as ink beside the traced `line` (one point per column, left to right),
 * beyond its half width `lineWidth`, in clusters on both sides of it that all reach as far.
 * Error bars through them (strokes through the line longer than a marker holds) and their caps
 * are left out of that ink.
 * Returns the markers (each centred in its cluster's box, or on the line across it where the
 * line hid its arms' ends), their extent and shape when the series has such markers, else null.
 */
export function findThinMarkers(
  line: PixelPoint[],
  lineWidth: number,
  ink: Ink,
): ThinMarkers | null {
  if (line.length < 2) return null;
  // No marker holds a stroke through its line longer than the line's width and two arms.
  let clusters = clustersOf(
    excessBeside(line, lineWidth, ink, lineWidth + 2 * DEFAULTS.maxArm),
    lineWidth,
  );
  let alike = alikeExtent(clusters, lineWidth);
  if (!alike && clusters.length >= DEFAULTS.minMarkers) {
    // Shorter error bars, reaching past the markers but not that far, still make the markers
    // they cross look taller than they are and unlike. Markers are as wide as they are tall:
    // where they show across the line, their width bounds the strokes through it they hold.
    const across = percentile(
      clusters.map(({ box }) => box.right - box.left),
      0.5,
    );
    if (across >= lineWidth + DEFAULTS.minOverhang) {
      const longest = across + Math.max(DEFAULTS.extentSlack, across * DEFAULTS.extentShare);
      clusters = clustersOf(excessBeside(line, lineWidth, ink, longest), lineWidth);
      alike = alikeExtent(clusters, lineWidth);
    }
  }
  if (!alike) return null;
  const { extent, slack } = alike;
  clusters.sort((a, b) => a.px - b.px);
  const lineAt = (px: number) => {
    const k = line.findIndex((p) => p.px >= px);
    if (k <= 0) return line[Math.max(0, k)].py;
    const [a, b] = [line[k - 1], line[k]];
    return a.py + ((b.py - a.py) * (px - a.px)) / (b.px - a.px);
  };
  const markers = clusters.map(({ pixels, ...c }) => {
    // Where the line hides the arms' ends on one axis (or the line ends at the marker, the
    // arms beyond traced as line), the marker's centre on that axis is found otherwise: its y
    // on the line, its x midway between the ends of its arms at its top and bottom rows.
    const full = (from: number, to: number) => Math.abs(to - from - extent) <= slack;
    const { left, top, right, bottom } = c.box;
    if (full(left, right)) {
      const px = (left + right) / 2;
      return { ...c, px, py: full(top, bottom) ? (top + bottom) / 2 : lineAt(px) };
    }
    let [sum, moment] = [0, 0];
    for (const p of pixels) {
      if (p.row !== top && p.row !== bottom - 1) continue;
      sum += p.w;
      moment += p.w * (p.column + 0.5);
    }
    const py = (top + bottom) / 2;
    return { ...c, px: full(top, bottom) && sum > 0 ? moment / sum : (left + right) / 2, py };
  });
  if (bendsBetween(markers, line, extent / 2 + 1, lineWidth)) return null;
  return { markers, extent, shape: shapeOf(clusters) };
}

/**
 * The clusters' common extent (px) and its slack, when at least `alike` of them reach about as
 * far, across or along the line, whichever way it runs (markers are drawn alike; noise beside a
 * line, a zigzag's folds or a stray stroke, is not), and farther than the line's width; else null.
 */
function alikeExtent(
  clusters: ThinMarker[],
  lineWidth: number,
): { extent: number; slack: number } | null {
  if (clusters.length < DEFAULTS.minMarkers) return null;
  const extentOf = (c: ThinMarker) => Math.max(c.box.right - c.box.left, c.box.bottom - c.box.top);
  const extent = percentile(clusters.map(extentOf), 0.5);
  const slack = Math.max(DEFAULTS.extentSlack, extent * DEFAULTS.extentShare);
  const alike = clusters.filter((c) => Math.abs(extentOf(c) - extent) <= slack);
  return alike.length < clusters.length * DEFAULTS.alike ||
    extent < lineWidth + DEFAULTS.minOverhang
    ? null
    : { extent, slack };
}

/**
 * Excess pixels: near the line but beyond its width, column by column, leaving out strokes
 * through the line longer than `longest` px (error bars) and their caps.
 */
function excessBeside(
  line: PixelPoint[],
  lineWidth: number,
  { weight, width, region }: Ink,
  longest: number,
): Excess[] {
  const { inked, maxStep } = DEFAULTS;
  const inner = lineWidth / 2 + DEFAULTS.margin;
  const outer = lineWidth / 2 + DEFAULTS.maxArm;
  const excess: Excess[] = [];
  const barEnds: { column: number; row: number }[] = [];
  const reachColumns = Math.ceil(outer) + 1;
  let j = 0;
  for (let column = Math.ceil(region.left); column < region.right; column++) {
    const x = column + 0.5;
    while (j < line.length && line[j].px < x - reachColumns) j++;
    const near: number[] = [];
    for (let k = j; k < line.length && line[k].px <= x + reachColumns; k++) near.push(k);
    if (near.length === 0) continue;
    // Nearest segments first: most ink is the line's own, done with at the first. A stable
    // insertion sort (a few points a column, in order already but for the nearest: a sort
    // calling a comparator cost more than the rest of the column).
    for (let a = 1; a < near.length; a++) {
      const k = near[a];
      const d = Math.abs(line[k].px - x);
      let b = a - 1;
      for (; b >= 0 && Math.abs(line[near[b]].px - x) > d; b--) near[b + 1] = near[b];
      near[b + 1] = k;
    }
    let [low, high] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const k of near) {
      for (const p of [line[k], line[k + 1] ?? line[k]]) {
        low = Math.min(low, p.py);
        high = Math.max(high, p.py);
      }
    }
    const [from, to] = [
      Math.max(Math.ceil(region.top), Math.floor(low - outer)),
      Math.min(region.bottom, high + outer),
    ];
    const isInked = (row: number) =>
      row >= Math.ceil(region.top) && row < region.bottom && weight[row * width + column] >= inked;
    // The column's runs of ink, each kept unless it is a stroke through the line (some of its
    // ink on the line) longer than a marker holds: an error bar, which would make every marker
    // it crosses look taller than it is, and none alike.
    let run: Excess[] = [];
    let [start, onLine] = [from, false];
    for (let row = from; row <= to; row++) {
      const w = row < to ? weight[row * width + column] : 0;
      if (!(w >= inked)) {
        let [top, bottom] = [start, row];
        while (onLine && isInked(top - 1)) top--;
        while (onLine && isInked(bottom)) bottom++;
        if (!onLine || bottom - top <= longest) excess.push(...run);
        else barEnds.push({ column, row: top }, { column, row: bottom - 1 });
        [run, start, onLine] = [[], row + 1, false];
        continue;
      }
      const y = row + 0.5;
      let best = Number.POSITIVE_INFINITY;
      for (const k of near) {
        const a = line[k];
        const b = line[k + 1];
        const joined = b !== undefined && b.px - a.px <= maxStep;
        best = Math.min(
          best,
          joined ? toSegment(x, y, a, b) : Math.sqrt((x - a.px) ** 2 + (y - a.py) ** 2),
        );
        if (best <= inner) break;
      }
      if (best <= inner) onLine = true;
      else if (best <= outer) run.push({ column, row, w });
    }
  }
  // A bar's caps: ink running sideways from its ends, in their rows and the rows either side.
  const caps = new Set<number>();
  for (const end of barEnds) {
    for (let row = end.row - 1; row <= end.row + 1; row++) {
      if (row < Math.ceil(region.top) || row >= region.bottom) continue;
      for (const step of [-1, 1]) {
        for (let k = 1; k <= outer; k++) {
          const column = end.column + step * k;
          if (column < Math.ceil(region.left) || column >= region.right) break;
          if (!(weight[row * width + column] >= inked)) break;
          caps.add(row * width + column);
        }
      }
    }
  }
  return excess.filter(({ column, row }) => !caps.has(row * width + column));
}

/**
 * Clusters of excess pixels by single linkage (a marker's arms on both sides of the line
 * join), each with its box, its weight and its box's centre; light ones are left out.
 */
function clustersOf(excess: Excess[], lineWidth: number): (ThinMarker & { pixels: Excess[] })[] {
  const link = lineWidth + 2 * DEFAULTS.margin + DEFAULTS.link;
  const parent = excess.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  // The excess is listed column by column: each pixel's neighbours to its left are just before it.
  for (let i = 0; i < excess.length; i++) {
    const p = excess[i];
    for (let k = i - 1; k >= 0 && p.column - excess[k].column <= link; k--) {
      const q = excess[k];
      if ((p.column - q.column) ** 2 + (p.row - q.row) ** 2 <= link * link) {
        parent[find(i)] = find(k);
      }
    }
  }
  const groups = new Map<number, typeof excess>();
  excess.forEach((p, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(p);
    else groups.set(root, [p]);
  });
  const clusters: (ThinMarker & { pixels: Excess[] })[] = [];
  for (const pixels of groups.values()) {
    let size = 0;
    const box = {
      left: Number.POSITIVE_INFINITY,
      top: Number.POSITIVE_INFINITY,
      right: Number.NEGATIVE_INFINITY,
      bottom: Number.NEGATIVE_INFINITY,
    };
    for (const p of pixels) {
      size += p.w;
      box.left = Math.min(box.left, p.column);
      box.right = Math.max(box.right, p.column + 1);
      box.top = Math.min(box.top, p.row);
      box.bottom = Math.max(box.bottom, p.row + 1);
    }
    if (size < DEFAULTS.minExcess) continue;
    clusters.push({
      px: (box.left + box.right) / 2,
      py: (box.top + box.bottom) / 2,
      size,
      box,
      pixels,
    });
  }
  return clusters;
}

/**
 * Markers sit on every data point, and the line runs straight between them: where it bends
 * between more than a few pairs (markers reaching `reach` px), markers were missed (a filled
 * marker hardly wider than its line shows beside it only where its tip sticks out), and the
 * line is better traced as a bare line.
 */
function bendsBetween(
  markers: PixelPoint[],
  line: PixelPoint[],
  reach: number,
  lineWidth: number,
): boolean {
  let gaps = 0;
  let bent = 0;
  for (let i = 1; i < markers.length; i++) {
    const [a, b] = [markers[i - 1], markers[i]];
    const between = line.filter((p) => p.px > a.px + reach && p.px < b.px - reach);
    if (between.length < DEFAULTS.minBetween) continue;
    gaps++;
    const slope = (b.py - a.py) / (b.px - a.px);
    const worst = Math.max(...between.map((p) => Math.abs(p.py - a.py - slope * (p.px - a.px))));
    if (worst > Math.max(DEFAULTS.bendPx, lineWidth * DEFAULTS.bendWidths)) bent++;
  }
  return bent > gaps * DEFAULTS.maxBent;
}

/**
 * `x` arms run along the diagonals from the centre, `+` arms along the axes: from the median over
 * markers of how far the excess ink lies off the diagonals, as a share of its distance out.
 */
function shapeOf(clusters: { px: number; py: number; pixels: Excess[] }[]): MarkerShape {
  const off = percentile(
    clusters.map(({ px, py, pixels }) => {
      let across = 0;
      let out = 0;
      for (const p of pixels) {
        const [dx, dy] = [Math.abs(p.column + 0.5 - px), Math.abs(p.row + 0.5 - py)];
        across += p.w * Math.abs(dx - dy);
        out += p.w * Math.max(dx, dy);
      }
      return out > 0 ? across / out : 0;
    }),
    0.5,
  );
  if (off < DEFAULTS.crossOff) return 'cross';
  return off > DEFAULTS.plusOff ? 'plus' : 'star';
}
