import { findRuns, percentile } from '../math.js';
import type { Box } from '../types.js';

const DEFAULTS = {
  /** A glyph is at most this share of the image height tall (and 40 px)... */
  maxGlyphShare: 0.05,
  /** ...and at least this many px. */
  minGlyph: 4,
  /** Edges within this many px are aligned. */
  align: 2,
  /** Glyphs apart by at most this share of their height are one word... */
  wordGap: 0.6,
  /** ...or in a y label, with no other label beside it (a faint point between digits). */
  labelGap: 1,
  /** Labels of an axis stand at steps equal within this share of their median (and 3 px). */
  evenSteps: 0.06,
  /** The y labels' last glyphs are as tall within this share of their median height. */
  sameHeight: 0.3,
  /** Tick labels stand at least this many glyph heights apart (a rotated title's letters less). */
  minStep: 1.8,
  /** An axis has at least this many tick labels. */
  minLabels: 3,
  /**
   * Where no column stands evenly, its labels may stand at a step with some missing (a label
   * whose tick mark joins a curve starting at the axis is part of the curve's ink, no glyph):
   * at least this share of the steps' labels are found.
   */
  foundShare: 0.5,
  /** Ink apart by at most this share of the image width (and 2 px) is one block. */
  blockGap: 0.004,
  /** A flat stroke (a tick mark, a minus sign) is at most this share of a label's height tall. */
  flat: 0.3,
  /** A tick mark beside a label is at most this many label heights long. */
  maxTick: 2,
  /** The plot spans at least this share of the image width and height. */
  minShare: 0.25,
} as const;

/** The bounding box of a connected piece of ink (inclusive pixel indices). */
interface Glyph {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The plot of a chart drawn with neither axis lines nor grid, found from its tick labels: the y
 * axis' labels are right-aligned glyphs (or labels with their tick marks) standing evenly spaced
 * in a column, the x axis' words stand evenly spaced along one row below them. The plot spans from
 * the y labels' right edge to the x labels' or the data's right end, and from the middle of the
 * highest y label to the middle of the lowest (Chart.js and Vega-Lite end an axis at a tick) or
 * the data beyond them; `ticked` when tick marks beside the y labels placed its left side. Null
 * when no such labels stand so.
 */
export function labelledBox(
  ink: Uint8Array,
  width: number,
  height: number,
): (Box & { ticked: boolean }) | null {
  const maxGlyph = Math.max(40, height * DEFAULTS.maxGlyphShare);
  // glyphs and the specks of text beside them (points, commas)
  const specks = findGlyphs(ink, width, height).filter(
    (g) => g.bottom - g.top + 1 <= maxGlyph && g.right - g.left < width * 0.15,
  );
  const glyphs = specks.filter((g) => g.bottom - g.top + 1 >= DEFAULTS.minGlyph);
  const column = rightAligned(glyphs);
  if (!column) return null;
  const yLabels = column.labels;
  const middle = (g: Glyph) => (g.top + g.bottom) / 2;
  const size = Math.max(...yLabels.map((g) => g.bottom - g.top + 1));
  // each label's word: its glyph and those following it closely on its rows (the glyphs of
  // labels of one length all align)
  const byLeft = [...specks].sort((a, b) => a.left - b.left);
  // (a flat stroke last is its tick mark, not a minus sign)
  const wordEnd = (g: Glyph) => {
    let [right, reach] = [g.right, g.right];
    for (const next of byLeft) {
      const beside = next.bottom >= g.top && next.top <= g.bottom && next.left > reach;
      if (!beside || next.left - reach > size * DEFAULTS.labelGap) continue;
      reach = next.right;
      const flat = next.bottom - next.top + 1 <= Math.max(2, size * DEFAULTS.flat);
      if (!flat || next.right - next.left + 1 < (next.bottom - next.top + 1) * 2) right = reach;
    }
    return right;
  };
  // right-aligned: the ends most labels share (a tick mark joined to a label is no glyph of it)
  const labelsEnd = percentile(yLabels.map(wordEnd), 0.5) + 1;
  // y tick marks beside the labels end where the plot starts
  const ticked = tickEnd(ink, width, yLabels.map(middle), labelsEnd, size);
  const left = ticked ?? labelsEnd;
  const lowest = middle(yLabels.at(-1)!);
  // x labels (or tick marks): words on one row below the lowest y label, right of the y labels
  const below = (g: Glyph) => g.top > lowest && g.right > labelsEnd;
  const xLabels = alignedWords(glyphs.filter(below), specks.filter(below));
  if (!xLabels) return null;
  const centre = (g: Glyph) => (g.left + g.right + 1) / 2;
  // the data: the block of ink columns right of the y labels above the x labels, and in it the
  // block of rows holding the y labels' middles (a title above stands apart)
  const profile = new Uint8Array(width);
  for (let row = 0; row < xLabels[0].top; row++) {
    for (let column = left; column < width; column++) {
      if (ink[row * width + column]) profile[column] = 1;
    }
  }
  const gap = Math.max(2, Math.round(width * DEFAULTS.blockGap));
  const columns = findRuns(profile, gap).find((run) => run.to >= centre(xLabels[0]));
  const rightmost = Math.max(centre(xLabels.at(-1)!), columns ? columns.to + 1 : 0);
  const rowProfile = new Uint8Array(height);
  for (let row = 0; row < xLabels[0].top; row++) {
    for (let column = left; column < rightmost; column++) {
      if (ink[row * width + column]) {
        rowProfile[row] = 1;
        break;
      }
    }
  }
  const rows = findRuns(rowProfile, gap).filter(
    (run) => run.to >= middle(yLabels[0]) && run.from <= lowest,
  );
  // data standing half a step or more above the highest label: labels above were not found;
  // data standing less far beyond the outermost labels is in the plot (an axis that does not
  // end at a tick, error bars), unless that is tick marks and labels joined to it below
  const highest = middle(yLabels[0]);
  const step = (lowest - highest) / column.steps;
  const top = Math.min(highest, ...rows.map((run) => run.from));
  if (highest - top >= step / 2) return null;
  const bottom = Math.max(lowest, ...rows.map((run) => Math.min(run.to + 1, xLabels[0].top)));
  const box = {
    // without tick marks, the plot starts at the first x label or the data, whichever is first
    left: ticked ?? Math.max(left, Math.min(centre(xLabels[0]), columns ? columns.from : width)),
    top,
    right: rightmost,
    bottom: bottom - lowest < step / 2 ? bottom : lowest,
  };
  const plausible =
    box.right - box.left >= width * DEFAULTS.minShare &&
    box.bottom - box.top >= height * DEFAULTS.minShare;
  return plausible ? { ...box, ticked: ticked !== null } : null;
}

/** Connected pieces of ink (8-neighbours) as bounding boxes. */
function findGlyphs(ink: Uint8Array, width: number, height: number): Glyph[] {
  const seen = new Uint8Array(ink.length);
  const glyphs: Glyph[] = [];
  const stack: number[] = [];
  for (let start = 0; start < ink.length; start++) {
    if (seen[start] || !ink[start]) continue;
    const glyph = { left: width, top: height, right: 0, bottom: 0 };
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      glyph.left = Math.min(glyph.left, x);
      glyph.right = Math.max(glyph.right, x);
      glyph.top = Math.min(glyph.top, y);
      glyph.bottom = Math.max(glyph.bottom, y);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const j = ny * width + nx;
          if (!seen[j] && ink[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
    }
    glyphs.push(glyph);
  }
  return glyphs;
}

/**
 * The longest run of consecutive middles (sorted) standing at one step, within
 * DEFAULTS.evenSteps of it (and 3 px), of at least DEFAULTS.minStep glyph heights (`size`).
 */
function evenRun(middles: number[], size: number): number[] {
  let best: number[] = [];
  for (let i = 0; i + 1 < middles.length; i++) {
    const step = middles[i + 1] - middles[i];
    if (step < size * DEFAULTS.minStep) continue;
    const tolerance = Math.max(3, step * DEFAULTS.evenSteps);
    let end = i + 2;
    while (end < middles.length && Math.abs(middles[end] - middles[end - 1] - step) <= tolerance)
      end++;
    if (end - i > best.length) best = middles.slice(i, end);
  }
  return best;
}

/**
 * The longest run of middles (sorted) standing at one step, as `evenRun` finds it, but with
 * labels missing between them: each next middle stands a whole number of steps on, within
 * DEFAULTS.evenSteps of one step (and 3 px), and at least DEFAULTS.foundShare of the steps'
 * labels are found. Returns the middles found and the steps they span.
 */
function steppedRun(middles: number[], size: number): { middles: number[]; steps: number } {
  let best = { middles: [] as number[], steps: 0 };
  for (let i = 0; i + 1 < middles.length; i++) {
    const step = middles[i + 1] - middles[i];
    if (step < size * DEFAULTS.minStep) continue;
    const tolerance = Math.max(3, step * DEFAULTS.evenSteps);
    const run = [middles[i], middles[i + 1]];
    for (let end = i + 2; end < middles.length; end++) {
      const steps = Math.round((middles[end] - run.at(-1)!) / step);
      if (steps < 1 || Math.abs(middles[end] - run.at(-1)! - steps * step) > tolerance) break;
      run.push(middles[end]);
    }
    for (let start = i - 1; start >= 0; start--) {
      const steps = Math.round((run[0] - middles[start]) / step);
      if (steps < 1 || Math.abs(run[0] - middles[start] - steps * step) > tolerance) break;
      run.unshift(middles[start]);
    }
    const steps = Math.round((run.at(-1)! - run[0]) / step);
    if (run.length >= (steps + 1) * DEFAULTS.foundShare && run.length > best.middles.length)
      best = { middles: run, steps };
  }
  return best;
}

/**
 * The y tick labels: the most glyphs whose right edges align, each in rows of its own, standing
 * evenly spaced (top to bottom), apart from glyphs of other text in line with them above or
 * below (a title's last letter); the leftmost such column on a tie. Where no column stands so,
 * the most that stand at one step with some labels missing (`steppedRun`). Returns the labels
 * and the steps from the highest to the lowest; null when fewer than three.
 */
function rightAligned(glyphs: Glyph[]): { labels: Glyph[]; steps: number } | null {
  const byRight = [...glyphs].sort((a, b) => a.right - b.right);
  const middle = (g: Glyph) => (g.top + g.bottom) / 2;
  const columns = byRight.map((_, i) => {
    const column = byRight.filter((g) => Math.abs(g.right - byRight[i].right) <= DEFAULTS.align);
    // one glyph per row band: the tallest of those overlapping
    const typical = percentile(
      column.map((g) => g.bottom - g.top + 1),
      0.5,
    );
    const rows = column
      .filter((g) => Math.abs(g.bottom - g.top + 1 - typical) <= typical * DEFAULTS.sameHeight)
      .sort((a, b) => a.top - b.top)
      .filter((g, k, all) => k === 0 || g.top > all[k - 1].bottom);
    return { rows, size: Math.max(...rows.map((g) => g.bottom - g.top + 1)) };
  });
  const best = (
    runOf: (middles: number[], size: number) => { middles: number[]; steps: number },
  ) => {
    let found: { labels: Glyph[]; steps: number } | null = null;
    for (const { rows, size } of columns) {
      if (rows.length < DEFAULTS.minLabels || rows.length <= (found?.labels.length ?? 0)) continue;
      const run = runOf(rows.map(middle), size);
      if (
        run.middles.length >= DEFAULTS.minLabels &&
        run.middles.length > (found?.labels.length ?? 0)
      ) {
        const labels = rows.filter((g) => run.middles.includes(middle(g)));
        found = { labels, steps: run.steps };
      }
    }
    return found;
  };
  return (
    best((middles, size) => {
      const run = evenRun(middles, size);
      return { middles: run, steps: run.length - 1 };
    }) ?? best(steppedRun)
  );
}

/**
 * The x tick labels: glyphs whose tops align (within one glyph row), joined into words, at least
 * three words, and half of them, evenly spaced one after another left to right; the highest
 * such row. Null when there is none.
 */
function alignedWords(glyphs: Glyph[], specks: Glyph[]): Glyph[] | null {
  const byTop = [...glyphs].sort((a, b) => a.top - b.top);
  let tried = -1;
  for (const first of byTop) {
    if (first.top <= tried) continue;
    tried = first.top + DEFAULTS.align;
    const anchors = byTop.filter((g) => Math.abs(g.top - first.top) <= DEFAULTS.align);
    const size = Math.max(...anchors.map((g) => g.bottom - g.top + 1));
    const bottom = Math.max(...anchors.map((g) => g.bottom));
    // with the glyphs standing in that row (commas, points, minus signs), joined into words
    const row = specks
      .filter((g) => g.top >= first.top - DEFAULTS.align && g.bottom <= bottom + size / 2)
      .sort((a, b) => a.left - b.left);
    const words: Glyph[] = [];
    for (const g of row) {
      const last = words.at(-1);
      if (last && g.left - last.right <= size * DEFAULTS.wordGap) {
        last.right = Math.max(last.right, g.right);
        last.bottom = Math.max(last.bottom, g.bottom);
      } else words.push({ ...g });
    }
    if (words.length < DEFAULTS.minLabels) continue;
    // evenly spaced, but for a few at the ends: the first and last labels set flush with the
    // plot's sides (Vega-Lite), the first tick mark run into the other axis' last
    const middles = words.map((w) => (w.left + w.right + 1) / 2);
    if (evenRun(middles, 0).length >= Math.max(DEFAULTS.minLabels, words.length / 2)) return words;
  }
  return null;
}

/**
 * Where the tick marks beside the y labels end: along the middle of each label, past a gap of
 * at most a label's height, a run of ink at most DEFAULTS.maxTick label heights long; the end most
 * of them share (within DEFAULTS.align px), or null when fewer than half the labels have one.
 */
function tickEnd(
  ink: Uint8Array,
  width: number,
  middles: number[],
  from: number,
  size: number,
): number | null {
  const ends: number[] = [];
  // along the label's middle row or one beside it (a 1 px tick beside a label of even height)
  const tickAlong = (row: number) => {
    let column = from;
    while (column < from + size && column < width && !ink[row * width + column]) column++;
    const start = column;
    while (column < width && ink[row * width + column]) column++;
    return column > start && column - start <= size * DEFAULTS.maxTick ? column : null;
  };
  for (const middle of middles) {
    const row = Math.round(middle);
    const end = tickAlong(row) ?? tickAlong(row - 1) ?? tickAlong(row + 1);
    if (end !== null) ends.push(end);
  }
  let best: number | null = null;
  let most = 0;
  for (const end of ends) {
    const count = ends.filter((other) => Math.abs(other - end) <= DEFAULTS.align).length;
    if (count > most) [best, most] = [end, count];
  }
  return most >= middles.length / 2 ? best : null;
}
