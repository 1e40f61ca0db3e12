import type { LegendSlot } from '../legend/findLegend.js';
import { sampleStyle } from '../legend/sampleStyle.js';
import type { Box, Raster } from '../types.js';
import type { SeriesMask } from './separateSeries.js';
import { splitByMarkers } from './splitByMarkers.js';
import { matchStyles, splitCurves } from './splitCurves.js';

const DEFAULTS = {
  /** Legend colours this close (0..255 per channel) are one colour drawn in several styles. */
  sameColor: 24,
} as const;

/**
 * Legend entries that share one colour (series told apart by their markers or dash pattern
 * only) share one mask (`masks[i]` is entry i's): it is split, by the markers' shapes where
 * the samples show markers, else into its curves, each entry taking the curve drawn as its
 * sample is. Masks of entries that could not be told apart stay as they
 * are. Changes `masks` in place.
 */
export function splitSharedColors(
  image: Raster,
  masks: SeriesMask[],
  entries: LegendSlot[],
  region: Box,
  legend: Box | null,
): void {
  const grouped = new Set<number>();
  entries.forEach((entry, i) => {
    if (grouped.has(i)) return;
    const group = entries.flatMap((other, j) =>
      j >= i && other.color.every((c, k) => Math.abs(c - entry.color[k]) <= DEFAULTS.sameColor)
        ? [j]
        : [],
    );
    for (const j of group) grouped.add(j);
    if (group.length < 2) return;
    const slots = group.map((j) => entries[j]);
    const split =
      splitByMarkers(image, masks[i].weight, region, slots, masks[i].color) ??
      byDashes(image, masks[i], slots, region, legend);
    if (!split) return;
    group.forEach((j, n) => {
      const { weight, markers } = split[n];
      let count = 0;
      for (let p = 0; p < weight.length; p++) if (weight[p] > 0) count++;
      masks[j] = { color: masks[j].color, weight, count, markers };
    });
  });
}

/** The shared mask split into curves, each slot taking the curve drawn as its sample is. */
function byDashes(
  image: Raster,
  mask: SeriesMask,
  slots: LegendSlot[],
  region: Box,
  legend: Box | null,
): { weight: Float32Array; markers?: undefined }[] | null {
  const curves = splitCurves(mask.weight, image.width, region, {
    count: slots.length,
    exclude: legend ? [legend] : [],
  });
  if (!curves) return null;
  const order = matchStyles(
    curves.map((curve) => curve.style),
    slots.map((slot) => sampleStyle(image, slot)),
  );
  return slots.map((_, n) => ({ weight: curves[order[n]].weight }));
}
