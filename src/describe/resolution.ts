import type { Scale } from '../types.js';

/** What one pixel of an axis is worth, and how many pixels a stated value's step spans. */
export interface Resolution {
  scale: Scale;
  /** One pixel of the plot along the axis: in data units (linear), in log10 units (log). */
  pixel: number;
  /** Values are stated to a step of at least this many pixels (see stepAt). */
  stepPixels: number;
}

/**
 * The resolution of an axis from its limits (data units) and its length in pixels, its values
 * to be stated to steps of at least `stepPixels` pixels. Throws a RangeError when the length is
 * not a positive number or the limits are not finite (and positive on a log axis).
 */
export function resolutionOf(
  axis: { scale: Scale; min: number; max: number },
  pixels: number,
  stepPixels: number,
): Resolution {
  if (!(pixels > 0) || !Number.isFinite(pixels)) {
    throw new RangeError(`Expected positive number for the axis length but received ${pixels}`);
  }
  const [from, to] = [toAxis(axis.scale, axis.min), toAxis(axis.scale, axis.max)];
  if (!Number.isFinite(from) || !Number.isFinite(to) || from === to) {
    throw new RangeError(
      `Expected distinct finite limits for a ${axis.scale} axis but received ${axis.min} and ${axis.max}`,
    );
  }
  return { scale: axis.scale, pixel: Math.abs(to - from) / pixels, stepPixels };
}

/** A value in the axis' own units: itself on a linear axis, its log10 on a log axis. */
export function toAxis(scale: Scale, value: number): number {
  return scale === 'log' ? Math.log10(value) : value;
}

/** The inverse of toAxis. */
export function fromAxis(scale: Scale, units: number): number {
  return scale === 'log' ? 10 ** units : units;
}

/** log10 of a step that is a power of ten times (1 + 1e-9) is still that power. */
const POWER_SLACK = 1e-9;

/**
 * The step a value is stated to: the smallest power of ten not finer than the resolution's
 * `stepPixels` pixels there, so no digit is printed that the reading cannot vouch for (0.0003
 * per pixel and 2 pixels give 0.001). On a log axis a pixel is a share of the value, so the
 * step grows with it.
 */
export function stepAt(resolution: Resolution, value: number): number {
  const pixel =
    resolution.scale === 'log' ? Math.abs(value) * Math.LN10 * resolution.pixel : resolution.pixel;
  return 10 ** Math.ceil(Math.log10(resolution.stepPixels * pixel) - POWER_SLACK);
}

/** A value rounded to its step (stepAt), without the binary noise of the division, nor -0. */
export function roundAt(resolution: Resolution, value: number): number {
  const step = stepAt(resolution, value);
  const rounded = Number((Math.round(value / step) * step).toFixed(decimalsOf(step)));
  return rounded === 0 ? 0 : rounded;
}

/** Digits after the decimal point that a step needs: 3 for 0.001, 0 for 1 or 100. */
export function decimalsOf(step: number): number {
  return Math.max(0, -Math.round(Math.log10(step)));
}
