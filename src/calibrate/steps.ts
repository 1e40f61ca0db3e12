/** How engines step a linear axis' tick values, as the labels' readings are checked against it. */

/**
 * Whether values step by whole multiples of their smallest step (a label or two may be missing),
 * as every engine prints a linear axis' ticks; two values always do.
 */
export function evenSteps(values: number[]): boolean {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length < 3) return true;
  const gaps = sorted.slice(1).map((value, i) => value - sorted[i]);
  const step = Math.min(...gaps);
  return gaps.every((gap) => Math.abs(gap / step - Math.round(gap / step)) <= 0.02);
}

/** Whether three or more values are whole multiples of half their smallest step (`0 0.25 0.5`,
 * `1 3 5`: every other tick labelled; not `309 409 509`), within `tolerance` of half a step. */
export function onTheirStep(values: number[], tolerance = 0.04): boolean {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length < 3) return true;
  const half = Math.min(...sorted.slice(1).map((value, i) => value - sorted[i])) / 2;
  return sorted.every((value) => Math.abs(value / half - Math.round(value / half)) <= tolerance);
}
