import type { Rgb } from '../color.js';
import { findLegendOutside } from '../legend/framelessLegend.js';
import { boxAround } from '../math.js';
import type { OcrEngine } from '../ocr/engine.js';
import { readLegendNames } from '../ocr/readChartText.js';
import type { Box, Raster } from '../types.js';
import type { OutsideLegend } from './sharedLegend.js';

const DEFAULTS = {
  /** A figure legend overlaps no plot by more than this many px (anti-aliased edges). */
  overlap: 2,
} as const;

/** A legend drawn outside every panel of a figure, its entries read. */
export interface FigureLegend extends OutsideLegend {
  box: Box;
}

/**
 * The legend a figure's panels share, drawn outside all of their `plots` (below, above or right
 * of them, as ggplot2's and Vega-Lite's facets and matplotlib's `fig.legend` draw it): found as
 * a chart's legend outside its plot is, around the plots together, on the page's colour `page`,
 * and its names read. Null where there is none (a panel's legend is its own to read).
 */
export async function readFigureLegend(
  image: Raster,
  plots: Box[],
  page: Rgb,
  engine: OcrEngine,
): Promise<FigureLegend | null> {
  const around = boxAround(plots);
  const layout = findLegendOutside(image, around, page);
  // outside every plot: a row of panel labels and axis multipliers above them (`A 1e-3`) reaches
  // down into the plots, and is no legend
  if (!layout || plots.some((plot) => overlap(plot, layout.box) > DEFAULTS.overlap)) return null;
  const read = await readLegendNames(
    engine,
    image,
    page,
    layout.slots.map((slot) => slot.text),
  );
  // a slot whose text reads as nothing is no entry, as in a chart's legend
  const entries = layout.slots.flatMap((slot, i) =>
    read[i] === '' ? [] : [{ color: slot.color, name: read[i] }],
  );
  if (entries.length === 0) return null;
  return {
    box: layout.box,
    colors: entries.map((entry) => entry.color),
    names: entries.map((entry) => entry.name),
  };
}

/** How far two boxes overlap: the lesser of their overlaps across and down (px, 0 if none). */
function overlap(a: Box, b: Box): number {
  const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return Math.max(0, Math.min(across, down));
}

/** A copy of `image` with `box` painted over in `color` (a legend taken out of the panels). */
export function paintedOver(image: Raster, box: Box, color: Rgb): Raster {
  const data = new Uint8Array(image.data);
  const left = Math.max(0, Math.floor(box.left));
  const right = Math.min(image.width, Math.ceil(box.right));
  const top = Math.max(0, Math.floor(box.top));
  const bottom = Math.min(image.height, Math.ceil(box.bottom));
  for (let row = top; row < bottom; row++) {
    for (let column = left; column < right; column++)
      data.set(color, (row * image.width + column) * 3);
  }
  return { ...image, data };
}
