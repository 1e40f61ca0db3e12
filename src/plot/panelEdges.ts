import { channelDistance, type Rgb } from '../color.js';
import { percentile } from '../math.js';
import type { Box, Raster } from '../types.js';

const DEFAULTS = {
  /** A pixel within this (0..255 per channel) of the panel's fill is the panel. */
  sameFill: 14,
  /** The panel starts where this many pixels in a row are its fill. */
  run: 3,
  /** Sides are looked for along the middle of the box: this share of it left out at each end. */
  margin: 0.2,
  /** Lines sampled across each side. */
  samples: 40,
} as const;

/**
 * The edges of a filled panel (ggplot2's grey, Plotly's blue-grey) inside a box found around
 * it: a side more than `slack` px outside where the fill begins (tick marks and labels joined
 * to the panel's runs) moves in to it. Along the middle of each side, the median of where the
 * fill begins.
 */
export function panelEdges(image: Raster, box: Box, fill: Rgb, slack: number): Box {
  const { data, width } = image;
  const isFill = (column: number, row: number) =>
    channelDistance(data, (row * width + column) * 3, fill) <= DEFAULTS.sameFill;
  const filledRun = (column: number, row: number, dc: number, dr: number) => {
    for (let k = 0; k < DEFAULTS.run; k++) if (!isFill(column + dc * k, row + dr * k)) return false;
    return true;
  };
  const left = Math.ceil(box.left);
  const right = Math.floor(box.right) - 1;
  const top = Math.ceil(box.top);
  const bottom = Math.floor(box.bottom) - 1;
  const across = (from: number, to: number) => {
    const lines: number[] = [];
    const span = to - from;
    const step = Math.max(1, Math.floor((span * (1 - 2 * DEFAULTS.margin)) / DEFAULTS.samples));
    for (
      let i = from + Math.round(span * DEFAULTS.margin);
      i <= to - span * DEFAULTS.margin;
      i += step
    )
      lines.push(i);
    return lines;
  };
  /** Where the fill begins, scanning from `start` by `step` along each line, at most halfway. */
  const edge = (lines: number[], start: number, step: 1 | -1, limit: number, vertical: boolean) => {
    const found: number[] = [];
    for (const line of lines) {
      for (let at = start; step > 0 ? at <= limit : at >= limit; at += step) {
        const hit = vertical ? filledRun(line, at, 0, step) : filledRun(at, line, step, 0);
        if (hit) {
          found.push(at);
          break;
        }
      }
    }
    return found.length >= lines.length / 2 ? percentile(found, 0.5) : null;
  };
  const rows = across(top, bottom);
  const columns = across(left, right);
  const middleX = Math.round((left + right) / 2);
  const middleY = Math.round((top + bottom) / 2);
  const inward = (found: number | null, side: number, sign: 1 | -1) =>
    found !== null && (found - side) * sign > slack ? found : side;
  const l = edge(rows, left, 1, middleX, false);
  const r = edge(rows, right, -1, middleX, false);
  const t = edge(columns, top, 1, middleY, true);
  const b = edge(columns, bottom, -1, middleY, true);
  return {
    left: inward(l, box.left, 1),
    right: r === null ? box.right : inward(r + 1, box.right, -1),
    top: inward(t, box.top, 1),
    bottom: b === null ? box.bottom : inward(b + 1, box.bottom, -1),
  };
}
