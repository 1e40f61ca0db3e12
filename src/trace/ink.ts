import type { Box } from '../types.js';

export const DEFAULTS = {
  /** Pixels with at least this much of the series colour are solid (shaded bands are fainter). */
  solid: 0.5,
} as const;

/**
 * What a tracer reads: one series' ink, the region of the plot to trace it in, and what else
 * is drawn there. Arrays are row-major, the image's size.
 */
export interface Ink {
  /** How much of each pixel is the series' colour (0 = none, 1 = all of it). */
  weight: Float32Array;
  width: number;
  height: number;
  /** The plot interior to trace in (px; frame left out). */
  region: Box;
  /** 1 where another series is drawn (and may hide this one). @default none */
  occluded?: Uint8Array;
  /** 1 where dark ink could outline this series' markers. @default none */
  outlines?: Uint8Array;
  /**
   * The plot's edges (px), where the frame's lines are: data at an axis limit is drawn on
   * them, and a marker there is cut by the frame or the plot's clip. @default region
   */
  edges?: Box;
}
