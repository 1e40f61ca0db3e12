import { toHex } from '../color.js';
import type { SeriesMask } from '../separate/separateSeries.js';

const DEFAULTS = {
  /** A colour with its ink this close (px) to another series' ink... */
  reach: 2,
  /** ...for this share of its pixels is a halo around that line. */
  share: 0.8,
  /** Pixels with at least this much of a series' colour are its ink. */
  ink: 0.5,
} as const;

export interface HaloInput {
  /** One mask per series colour, the legend's listed colours first. */
  masks: SeriesMask[];
  /** Whether each colour was traced (an empty mask is not). */
  traced: boolean[];
  /** The legend's names of the listed colours, in order. */
  names: string[];
  /** Colours that may be halos: those from `first` on (past the listed ones in a legend). */
  first: number;
  /** The masks' row length (px). */
  width: number;
}

/**
 * A colour found only beside a stronger series' line is a halo of blended pixels around it
 * (JPEG ringing, a glow), not a series: such colours, each with a warning naming its host.
 */
export function findHalos({ masks, traced, names, first, width }: HaloInput): {
  halos: Set<number>;
  warnings: string[];
} {
  const halos = new Set<number>();
  const warnings: string[] = [];
  masks.forEach((mask, i) => {
    if (!traced[i] || i < first) return;
    const host = masks.findIndex(
      (other, j) =>
        traced[j] &&
        j !== i &&
        !halos.has(j) &&
        other.count > mask.count &&
        inkBeside(mask.weight, other.weight, width, DEFAULTS.reach) >= DEFAULTS.share,
    );
    if (host < 0) return;
    warnings.push(
      `the colour ${toHex(mask.color)} lies only beside series '${names[host] ?? toHex(masks[host].color)}': taken for a halo around its line and left out`,
    );
    halos.add(i);
  });
  return { halos, warnings };
}

/**
 * The share of a series' ink (pixels with at least DEFAULTS.ink of its colour) that lies
 * within `reach` px of another series' ink: near 1 for a halo of blended colour around the
 * other's line, small for a line of its own that meets the other only where they cross.
 */
export function inkBeside(
  weight: Float32Array,
  other: Float32Array,
  width: number,
  reach: number,
): number {
  const height = weight.length / width;
  let ink = 0;
  let beside = 0;
  for (let i = 0; i < weight.length; i++) {
    if (weight[i] < DEFAULTS.ink) continue;
    ink++;
    const [row, column] = [Math.floor(i / width), i % width];
    search: for (let r = Math.max(0, row - reach); r <= Math.min(height - 1, row + reach); r++) {
      for (let c = Math.max(0, column - reach); c <= Math.min(width - 1, column + reach); c++) {
        if (other[r * width + c] >= DEFAULTS.ink) {
          beside++;
          break search;
        }
      }
    }
  }
  return ink > 0 ? beside / ink : 0;
}
