import type { AxisResult, AxisScale, Scale, Tick } from '../types.js';

/**
 * The scale of an axis (d3-scale's way: one small object both ways): `value = intercept +
 * slope * pixel`, the value's log10 on a log axis. `pixelToData` and `dataToPixel` are
 * inverses; a value that cannot be placed (<= 0 on a log axis, any value on an axis whose
 * slope is 0) maps to a pixel that is not finite.
 */
export function makeAxisScale(
  scale: Scale,
  intercept: number,
  slope: number,
  ticks: Tick[],
): AxisScale {
  return {
    scale,
    intercept,
    slope,
    ticks,
    pixelToData(pixel) {
      const v = intercept + slope * pixel;
      return scale === 'log' ? 10 ** v : v;
    },
    dataToPixel(value) {
      const v = scale === 'log' ? Math.log10(value) : value;
      return (v - intercept) / slope;
    },
  };
}

/** The axis with every value multiplied by `factor` (an axis multiplier such as `1e6`). */
export function scaleAxis(axis: AxisScale, factor: number): AxisScale {
  if (factor === 1) return axis;
  const ticks = axis.ticks.map((tick) => ({ ...tick, value: tick.value * factor }));
  return axis.scale === 'log'
    ? makeAxisScale('log', axis.intercept + Math.log10(factor), axis.slope, ticks)
    : makeAxisScale('linear', axis.intercept * factor, axis.slope * factor, ticks);
}

/**
 * An axis as a result reports it: its `label`, scale, the values at `minPixel` (the plot's left
 * or bottom) and `maxPixel` (its right or top), how far it can be trusted (0..1) and the ticks
 * it was fitted from.
 */
export function axisResult(
  axis: AxisScale,
  confidence: number,
  label: string | null,
  minPixel: number,
  maxPixel: number,
): AxisResult {
  return {
    label,
    scale: axis.scale,
    min: axis.pixelToData(minPixel),
    max: axis.pixelToData(maxPixel),
    confidence,
    ticks: axis.ticks,
  };
}

/**
 * The scale of an axis as a result reports it: its `min` at pixel `minPixel` (the plot's left
 * or bottom), its `max` at `maxPixel`. An axis whose limits cannot be placed (equal, or not
 * positive on a log axis) gets a slope of 0 or NaN, so no value maps to a finite pixel.
 */
export function scaleFromLimits(axis: AxisResult, minPixel: number, maxPixel: number): AxisScale {
  const v = (value: number) => (axis.scale === 'log' ? Math.log10(value) : value);
  const slope = (v(axis.max) - v(axis.min)) / (maxPixel - minPixel);
  return makeAxisScale(axis.scale, v(axis.min) - slope * minPixel, slope, axis.ticks);
}

/**
 * Whether a log axis labels `value`: an integer 1 to 9 times a power of ten. Engines label the
 * powers, 2 and 5 (or 3) times them, or every multiple; never `125M` or `2.7B`.
 */
export function onLogTick(value: number): boolean {
  if (!(value > 0)) return false;
  const mantissa = value / 10 ** Math.floor(Math.log10(value) + 1e-9);
  return Math.abs(mantissa - Math.round(mantissa)) <= 1e-6 * mantissa;
}
