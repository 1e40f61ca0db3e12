import { findRuns, transpose } from '../math.js';
import { DEFAULTS } from './panelDefaults.js';

/** A straight run of ink in successive rows (or columns): a line, or a band of a filled panel. */
export interface Stroke {
  /** First and last row (column) of the stroke. */
  first: number;
  last: number;
  /** Its extent along the rows (columns), inclusive. */
  start: number;
  end: number;
}

/**
 * The long straight lines of an image along rows (columns): thin strokes unbroken, and the bands
 * of filled panels bridged across their white grid lines (narrower than the gutters between
 * panels, and continued by a tick mark outside the panel). `byColumn`, the ink transposed, saves
 * transposing it again (pageInkByColumn).
 */
export function findLines(
  ink: Uint8Array,
  width: number,
  height: number,
  along: 'row' | 'column',
  minRun: number,
  gap: number,
  tol: number,
  byColumn?: Uint8Array,
): Stroke[] {
  // Each row (column) of the image in turn, as a row of `lines`: columns transposed once.
  const lines = along === 'row' ? ink : (byColumn ?? transpose(ink, width, height));
  const [count, length] = along === 'row' ? [height, width] : [width, height];
  let bands = findStrokes(lines, count, length, minRun, gap).filter((s) => !isThin(s));
  const bridge = gridGap(ink, width, height, along, bands, gap, tol);
  if (bridge > gap) {
    bands = findStrokes(lines, count, length, minRun, bridge).filter((s) => !isThin(s));
  }
  return [...findStrokes(lines, count, length, minRun, 0).filter(isThin), ...bands];
}

/**
 * The widest gap to bridge inside a filled panel along rows (columns): the widest gap between
 * two bands of fill beside each other (found bridging `gap` px) that a tick mark continues
 * outside the panel, below it (left of it): a white grid line, not a gutter between panels.
 * `gap` where none is seen.
 */
function gridGap(
  ink: Uint8Array,
  width: number,
  height: number,
  along: 'row' | 'column',
  bands: Stroke[],
  gap: number,
  tol: number,
): number {
  const maxGap = Math.ceil((along === 'row' ? width : height) * DEFAULTS.maxGridGap);
  const at = (p: number, q: number) =>
    along === 'row' ? ink[q * width + p] === 1 : ink[p * width + q] === 1;
  const limit = along === 'row' ? height : width;
  /**
   * Whether, within `tol` beyond `band` from `rim` on, a row (column) mostly page is followed
   * by one inked over half the band's extent: a white line across the panel, its fill on the
   * far side (at the panel's edge, its blurred rim runs on at once, then page and labels).
   */
  const fillGoesOn = (band: Stroke, rim: number, outward: 1 | -1) => {
    let parted = false;
    for (let k = 0; k <= tol; k++) {
      const q = rim + outward * k;
      if (q < 0 || q >= limit) return false;
      let inked = 0;
      for (let p = band.start; p <= band.end; p++) inked += at(p, q) ? 1 : 0;
      const filled = inked > (band.end - band.start + 1) * DEFAULTS.halfFilled;
      if (filled && parted) return true;
      if (!filled) parted = true;
    }
    return false;
  };
  let widest = gap;
  for (const a of bands) {
    for (const b of bands) {
      const g = b.start - a.end - 1;
      const shared = Math.min(a.last, b.last) - Math.max(a.first, b.first);
      if (g <= widest || g > maxGap || shared < (a.last - a.first) / 2) continue;
      // a tick beyond the bands' outer side (below for rows, left for columns), in the gap
      const outer = along === 'row' ? Math.max(a.last, b.last) + 1 : Math.min(a.first, b.first) - 1;
      const outward = along === 'row' ? 1 : -1;
      // ...where the panel ends: beyond a band inside it (parted from the next by a white line
      // across) its fill goes on within a tick's length, and what stands in the gap there is
      // a neighbour's tick labels, not a tick
      const rim = (band: Stroke) => (along === 'row' ? band.last + 1 : band.first - 1);
      if (fillGoesOn(a, rim(a), outward) || fillGoesOn(b, rim(b), outward)) continue;
      // a grid line's tick stands in the middle of its gap (a line at a panel's edge beside the
      // gutter leaves its tick at one end)
      const middle = (a.end + 1 + b.start - 1) / 2;
      let tick = false;
      for (let p = Math.ceil(middle - g / 4); p <= Math.floor(middle + g / 4) && !tick; p++) {
        let length = 0;
        while (
          length <= tol &&
          outer + outward * length >= 0 &&
          outer + outward * length < limit &&
          at(p, outer + outward * length)
        ) {
          length++;
        }
        // a tick across the gap is narrow along it (a tick of a neighbour's axis lies along it)
        const narrow =
          !at(p - DEFAULTS.tickWidth, outer + outward) &&
          !at(p + DEFAULTS.tickWidth, outer + outward);
        tick = length >= 2 && length <= tol && narrow;
      }
      if (tick) widest = g;
    }
  }
  return widest;
}

/** Whether a stroke is a line, not a band of fill. */
export function isThin(stroke: Stroke): boolean {
  return stroke.last - stroke.first < DEFAULTS.maxStroke;
}

/**
 * Straight runs of ink at least `minRun` long, several per line (the `count` rows of `lines`,
 * each `length` long), bridging gaps of up to `maxGap` px, joined over successive lines while
 * their ends stay put.
 */
function findStrokes(
  lines: Uint8Array,
  count: number,
  length: number,
  minRun: number,
  maxGap: number,
): Stroke[] {
  const done: Stroke[] = [];
  let open: Stroke[] = [];
  for (let i = 0; i < count; i++) {
    const next: Stroke[] = [];
    const profile = lines.subarray(i * length, (i + 1) * length);
    for (const run of findRuns(profile, maxGap, minRun)) {
      const k = open.findIndex(
        (s) =>
          Math.abs(s.start - run.from) <= DEFAULTS.jitter &&
          Math.abs(s.end - run.to) <= DEFAULTS.jitter,
      );
      if (k >= 0) {
        const [stroke] = open.splice(k, 1);
        stroke.last = i;
        stroke.start = Math.min(stroke.start, run.from);
        stroke.end = Math.max(stroke.end, run.to);
        next.push(stroke);
      } else {
        next.push({ first: i, last: i, start: run.from, end: run.to });
      }
    }
    done.push(...open);
    open = next;
  }
  return [...done, ...open];
}

/** Strokes grouped by their extent: the lines of one plot's width (or height). */
export function byExtent(strokes: Stroke[], tol: number): Stroke[][] {
  const groups: Stroke[][] = [];
  for (const stroke of [...strokes].sort((a, b) => a.start - b.start)) {
    const group = groups.find(
      (g) => Math.abs(g[0].start - stroke.start) <= tol && Math.abs(g[0].end - stroke.end) <= tol,
    );
    if (group) group.push(stroke);
    else groups.push([stroke]);
  }
  return groups;
}

/** The middle value (the upper of the two middle ones). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Whether a horizontal and a vertical stroke meet at a corner (one ends on the other; ticks
 * may run either on by up to `tol`).
 */
export function corner(h: Stroke, v: Stroke, tol: number): boolean {
  const within = (p: number, first: number, last: number, before: number, after: number) =>
    p >= first - before && p <= last + after;
  const across =
    within(h.start, v.first, v.last, tol, DEFAULTS.jitter) ||
    within(h.end, v.first, v.last, DEFAULTS.jitter, tol);
  const along =
    within(v.start, h.first, h.last, tol, DEFAULTS.jitter) ||
    within(v.end, h.first, h.last, DEFAULTS.jitter, tol);
  return across && along;
}

/** The line drawn on a side of a box (nearest its edge, within `tol`), or null. */
export function sideLine(
  lines: Stroke[],
  edge: number,
  outward: 1 | -1,
  tol: number,
): Stroke | null {
  const off = (s: Stroke) => Math.abs((outward > 0 ? s.last + 1 : s.first) - edge);
  return lines.reduce<Stroke | null>(
    (best, s) => (off(s) <= tol && (!best || off(s) < off(best)) ? s : best),
    null,
  );
}

/**
 * Tick marks across a line of rows (columns) `first`..`last` along `from`..`to`: short strokes
 * that start just beyond it, on either side, and end within `tol` * 3 px (a Vega-Lite figure
 * drawn large has them 2.2 `tol` long; a grid line or a curve runs on). The count on the side
 * with more.
 */
export function ticksAcross(
  ink: Uint8Array,
  width: number,
  height: number,
  along: 'row' | 'column',
  [first, last]: [number, number],
  [from, to]: [number, number],
  tol: number,
): number {
  const maxLength = tol * 3;
  const limit = along === 'row' ? height : width;
  const at = (p: number, q: number) =>
    along === 'row' ? ink[q * width + p] === 1 : ink[p * width + q] === 1;
  let best = 0;
  for (const [start, direction] of [
    [last + 1, 1],
    [first - 1, -1],
  ]) {
    let ticks = 0;
    let inTick = false;
    for (let p = Math.ceil(from + tol); p < to - tol; p++) {
      const inked = (d: number) => {
        const q = start + direction * d;
        return q >= 0 && q < limit && at(p, q);
      };
      // a tick may stand a pixel or two off its line (Vega's axis offset)
      let d = 0;
      while (d < DEFAULTS.tickOffset && !inked(d)) d++;
      let length = 0;
      while (length <= maxLength && inked(d + length)) length++;
      const tick = length >= 2 && length <= maxLength;
      if (tick && !inTick) ticks++;
      inTick = tick;
    }
    best = Math.max(best, ticks);
  }
  return best;
}

/** The first row (column) beyond a side: past its line, or past the box's edge where none. */
export function outside(line: Stroke | null, edge: number, outward: 1 | -1): number {
  if (!line) return outward > 0 ? Math.ceil(edge) : Math.floor(edge) - 1;
  return outward > 0 ? line.last + 1 : line.first - 1;
}
