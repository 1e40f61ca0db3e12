import { fitLine } from '../math.js';
import type { AxisScale, Tick } from '../types.js';
import { makeAxisScale, onLogTick } from './axisScale.js';

const DEFAULTS = {
  /** Labels sit on a grid of equal steps: each within this share of a step of its place. */
  onGrid: 0.2,
  /** Numbers on an axis of numbers sit within this share of their span of an even step. */
  byValue: 0.01,
  /** At least this many labels make a category axis... */
  minLabels: 2,
  /** ...and this share of those read (the rest, off the grid, are other text). */
  onGridShare: 0.75,
  /** A step left empty between labels counts against a grid as this share of a label on it. */
  emptyStep: 0.5,
  /** Times the grid's line is fitted again to the labels found on it. */
  refits: 3,
} as const;

/** A tick label read as text, at its centre along the axis (px for x, py for y). */
export interface CategoryLabel {
  text: string;
  pixel: number;
  /** Its value where it reads as a number. */
  value?: number | null;
}

/**
 * A category axis (`Jan Feb Mar`, `7B 13B 70B`: names, or numbers not spaced by value) from
 * its labels: they stand on a grid of equal steps, category i at step i, so the axis maps a
 * pixel to a category's index (0, 1, 2, ...), fractional between two. A label the reader
 * missed leaves its step empty (an empty name). Null when the labels are too few or not
 * evenly spaced, or when their values step evenly too (a linear or log axis of numbers).
 */
export function fitCategoryAxis(
  labels: CategoryLabel[],
): { axis: AxisScale; categories: string[] } | null {
  const read = labels
    .map((label) => ({ ...label, text: label.text.trim() }))
    .filter((label) => label.text !== '')
    .sort((a, b) => a.pixel - b.pixel);
  if (read.length < DEFAULTS.minLabels) return null;
  const grid = onGrid(read);
  if (!grid) return null;
  const { on, index, fit } = grid;
  if (steppedByValue(on, index)) return null;
  const categories = Array.from({ length: index.at(-1)! + 1 }, () => '');
  const ticks: Tick[] = on.map((label, i) => {
    categories[index[i]] = label.text;
    return { text: label.text, value: index[i], pixel: label.pixel };
  });
  return { axis: makeAxisScale('category', fit.intercept, fit.slope, ticks), categories };
}

/**
 * The labels that stand on a grid of equal steps, with their steps (0 for the first) and the
 * line from pixel to step; null where fewer than `minLabels`, or fewer than `onGridShare` of
 * them, do. The step is one of the gaps between neighbours (a missed label makes a gap of two),
 * the one that puts the most labels on the grid less half the steps it leaves empty between
 * them (halving the step puts a word midway on it), the widest of as many; the line is refitted to
 * those on it (labels centred a pixel off, twelve of them, drift by more than a fifth of a step
 * from one end to the other). A label off the grid is no category: the axis label read with the
 * tick labels (`Month` between `Jan` and `Feb`).
 */
function onGrid(
  read: CategoryLabel[],
): { on: CategoryLabel[]; index: number[]; fit: { intercept: number; slope: number } } | null {
  const gaps = new Set(read.slice(1).map((label, i) => label.pixel - read[i].pixel));
  let best: {
    on: number[];
    steps: number[];
    fit: { intercept: number; slope: number };
    score: number;
  } | null = null;
  for (const gap of gaps) {
    if (!(gap > 0)) continue;
    for (const anchor of read) {
      let fit = { intercept: -anchor.pixel / gap, slope: 1 / gap };
      let on: number[] = [];
      let steps: number[] = [];
      for (let round = 0; round < DEFAULTS.refits; round++) {
        const at = read.map((label) => fit.intercept + fit.slope * label.pixel);
        on = read.flatMap((_, i) =>
          Math.abs(at[i] - Math.round(at[i])) <= DEFAULTS.onGrid ? [i] : [],
        );
        steps = on.map((i) => Math.round(at[i]));
        const refit = fitLine(
          on.map((i) => read[i].pixel),
          steps,
        );
        if (!refit || !(refit.slope > 0)) break;
        fit = refit;
      }
      const score = on.length - (steps.at(-1)! - steps[0] + 1 - on.length) * DEFAULTS.emptyStep;
      const better =
        !best || score > best.score || (score === best.score && fit.slope < best.fit.slope);
      if (on.length >= 2 && new Set(steps).size === steps.length && better) {
        best = { on, steps, fit, score };
      }
    }
  }
  if (!best || best.on.length < Math.max(DEFAULTS.minLabels, read.length * DEFAULTS.onGridShare)) {
    return null;
  }
  const first = Math.min(...best.steps);
  return {
    on: best.on.map((i) => read[i]),
    index: best.steps.map((step) => step - first),
    fit: { intercept: best.fit.intercept - first, slope: best.fit.slope },
  };
}

/**
 * Whether the labels that read as numbers step evenly by value or by its log: three or more
 * of them, and more than half, on one line through two of them (a misread label or two, `-1`
 * read as `5`, do not make an axis of numbers a category axis). Two labels that both read as
 * numbers are an axis of numbers too: nothing says they name categories.
 */
function steppedByValue(labels: CategoryLabel[], index: number[]): boolean {
  const pairs = labels.flatMap((label, i) =>
    typeof label.value === 'number' && Number.isFinite(label.value)
      ? [{ index: index[i], value: label.value }]
      : [],
  );
  if (pairs.length < 3) return pairs.length === labels.length;
  const needed = Math.max(3, Math.floor(pairs.length / 2) + 1);
  const indexSpan = pairs.at(-1)!.index - pairs[0].index;
  const even = (points: { index: number; value: number }[]) => {
    for (const [a, first] of points.entries()) {
      for (const second of points.slice(a + 1)) {
        const slope = (second.value - first.value) / (second.index - first.index);
        if (!Number.isFinite(slope) || slope === 0) continue;
        // within a share of the span the line itself covers (a misread 1B spans nothing)
        const tolerance = Math.abs(slope) * indexSpan * DEFAULTS.byValue;
        const on = points.filter(
          (p) => Math.abs(first.value + slope * (p.index - first.index) - p.value) <= tolerance,
        ).length;
        if (on >= needed) return true;
      }
    }
    return false;
  };
  // by value, or by its log where the values are ones a log axis labels (`onLogTick`)
  const logged = pairs
    .filter((pair) => onLogTick(pair.value))
    .map((pair) => ({ index: pair.index, value: Math.log10(pair.value) }));
  return even(pairs) || even(logged);
}
