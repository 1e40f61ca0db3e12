import { channelDistance, type Rgb } from '../color.js';
import type { LegendSlot } from '../legend/findLegend.js';
import { optimalAssignment, percentile } from '../math.js';
import { classifyMarker, type MarkerFeatures, markerFeatures } from '../trace/classifyMarker.js';
import { type Core, distanceMap, findCores } from '../trace/distanceMap.js';
import { DEFAULTS as FIND, type Markers } from '../trace/findMarkers.js';
import { DEFAULTS as INK } from '../trace/ink.js';
import type { Box, Raster } from '../types.js';

const DEFAULTS = {
  /** A sample pixel holds the entry's colour when within this of it (0..255 per channel). */
  sameColor: 90,
  /** Two samples' markers are different shapes when their features differ by this much. */
  distinct: 0.12,
  /** The shift of a marker's core weighs this much against its fills when markers are compared. */
  shiftWeight: 4,
  /** A marker in the plot is at least this share of the shallowest sample marker's depth. */
  minDepth: 0.7,
  /**
   * The plot's markers are as deep as its blobs at this percentile (blobs where lines cross
   * are shallower): samples drawn deeper (a legend's larger markers) are scaled down to it.
   */
  deepShare: 0.9,
  /** A marker this many times farther from its cluster's centre than markers commonly are is none. */
  outlier: 4,
  /** Markers this close in x (px) are at one x: of different series. */
  sameColumn: 2,
  /** Rounds of k-means that fit the samples' clusters to the plot's markers. */
  rounds: 3,
  /** A stroke between two markers is kept this far (px) beyond the line's half width. */
  strokeSlack: 1.5,
  /** A marker's pixels reach this many core depths (inradii) from its centre, plus a pixel. */
  reach: 2.3,
  /**
   * Pairing curves with samples by marker: shapes this far apart (feature distance) cost one
   * unit of dash style distance, as does a sample's marker on a curve that shows none (a
   * legend's marker measures some 0.2 from the plot's of its shape, another shape's 0.4).
   */
  pairScale: 0.5,
} as const;

/** A marker found in the plot, with what its shape looks like. */
interface Found {
  core: Core;
  features: MarkerFeatures;
}

/** One series of a colour shared with others: its mask and the markers that are its own. */
export interface MarkedSeries {
  weight: Float32Array;
  markers: Markers;
}

/**
 * Series of one colour told apart by their markers' shapes (a circle, a triangle, a square,
 * all black): each legend sample's marker is measured (markerFeatures), each marker in the
 * shared mask `weight` goes to the sample it looks most like, and each series' mask is the
 * shared one without the other series' markers. Where the ink shows `unlisted` more curves
 * than the slots (entries the legend lost), as many more series take the markers least like
 * every sample's, each starting from the marker farthest from the shapes already taken.
 * Returns, per slot and then per unlisted series, that mask and its markers (for its tracer
 * to take as they are), or null when the samples have no markers, markers too alike to tell,
 * or an unlisted series has too few markers to be one (its curve is no marker series).
 */
export function splitByMarkers(
  image: Raster,
  weight: Float32Array,
  region: Box,
  slots: LegendSlot[],
  color: Rgb,
  unlisted = 0,
): MarkedSeries[] | null {
  const samples = slots.map((slot) => sampleMarker(image, slot.handle, color));
  if (samples.some((s) => s === null)) return null;
  const vectors = samples.map((sample) => vectorOf(sample!.features, sample!.core.depth));
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      if (distance(vectors[i], vectors[j]) < DEFAULTS.distinct) return null;
    }
  }
  const { width, height } = image;
  const plot = plotMarkers(weight, width, height, region, samples as SampleMarker[]);
  if (!plot) return null;
  const { cores, scale, halfWidth } = plot;
  const solid = solidIn(weight, width, height);
  const found: Found[] = cores.map((core) => ({ core, features: markerFeatures(core, solid) }));
  const vectorsFound = found.map(({ core, features }) => vectorOf(features, core.depth));
  // The samples' markers at the plot's size: compared by size too.
  const seeds = samples.map((sample) => vectorOf(sample!.features, sample!.core.depth * scale));
  for (let k = 0; k < unlisted; k++) seeds.push(farthest(vectorsFound, seeds));
  const owner = assignToSamples(
    vectorsFound,
    found.map(({ core }) => core.px),
    seeds,
  );
  const counts = seeds.map((_, s) => owner.filter((o) => o === s).length);
  if (counts.slice(slots.length).some((n) => n < FIND.minMarkers)) return null;
  return seeds.map((_, s) => {
    const mine = found.filter((_, n) => owner[n] === s).map(({ core }) => core);
    const shape = classifyMarker(mine.length > 0 ? mine : [samples[s]!.core], solid);
    const reach =
      percentile(
        mine.map((core) => core.depth),
        0.5,
      ) *
        FIND.reach[shape] +
      1;
    return {
      weight: ownInk(
        weight,
        width,
        height,
        mine,
        found.filter((_, n) => owner[n] !== s && owner[n] >= 0).map(({ core }) => core),
        reach,
        halfWidth,
      ),
      markers: { shape, reach, centres: mine, complete: true },
    };
  });
}

/**
 * The ink of one series among others of its colour: its markers, and the straight strokes
 * between one marker and the next (a line chart joins its points in order of x), less the
 * other series' markers where they lie on them.
 */
function ownInk(
  weight: Float32Array,
  width: number,
  height: number,
  mine: Core[],
  others: Core[],
  reach: number,
  halfWidth: number,
): Float32Array {
  const keep = new Uint8Array(weight.length);
  const disc = (core: Core, radius: number, value: number) => {
    for (
      let row = Math.max(0, Math.floor(core.py - radius));
      row <= Math.min(height - 1, core.py + radius);
      row++
    ) {
      for (
        let column = Math.max(0, Math.floor(core.px - radius));
        column <= Math.min(width - 1, core.px + radius);
        column++
      ) {
        if (Math.hypot(column + 0.5 - core.px, row + 0.5 - core.py) <= radius)
          keep[row * width + column] = value;
      }
    }
  };
  const sorted = [...mine].sort((a, b) => a.px - b.px);
  const stroke = halfWidth + DEFAULTS.strokeSlack;
  sorted.forEach((a, i) => {
    const b = sorted[i + 1];
    if (!b) return;
    const length = Math.hypot(b.px - a.px, b.py - a.py);
    for (let t = 0; t <= length; t += 0.5) {
      const f = length > 0 ? t / length : 0;
      disc({ ...a, px: a.px + f * (b.px - a.px), py: a.py + f * (b.py - a.py) }, stroke, 1);
    }
  });
  for (const core of mine) disc(core, reach, 1);
  for (const core of others) disc(core, core.depth * DEFAULTS.reach + 1, 0);
  const own = new Float32Array(weight.length);
  for (let i = 0; i < weight.length; i++) if (keep[i]) own[i] = weight[i];
  return own;
}

/**
 * What pairing each legend sample with each curve of a shared colour costs by marker shape
 * (`curves`: the curves' masks, split from `weight`): a sample showing a marker pairs cheaply
 * with the curve whose markers look like it (their features' median), dearly with a curve of
 * other markers or none (DEFAULTS.pairScale: a unit of dash style distance); a sample showing
 * none costs nothing either way (its marker may be hollow or thin, as the curve's then are).
 * Null when no sample shows a marker or the plot holds too few: dashes alone pair them. Curves
 * drawn alike but marked differently (a chart turned greyscale, its greys equal; one colour in
 * one dash pattern) had been paired with their samples by chance.
 */
export function markerCosts(
  image: Raster,
  weight: Float32Array,
  curves: Float32Array[],
  region: Box,
  slots: LegendSlot[],
  color: Rgb,
): ((sample: number, curve: number) => number) | null {
  const samples = slots.map((slot) => sampleMarker(image, slot.handle, color));
  const marked = samples.flatMap((sample) => (sample ? [sample] : []));
  if (marked.length === 0) return null;
  const { width, height } = image;
  const plot = plotMarkers(weight, width, height, region, marked);
  if (!plot) return null;
  const { cores, scale } = plot;
  const solid = solidIn(weight, width, height);
  // Each marker on the curve holding most of its centre.
  const onCurve: number[][][] = curves.map(() => []);
  for (const core of cores) {
    const p = Math.floor(core.py) * width + Math.floor(core.px);
    let best = -1;
    for (let c = 0; c < curves.length; c++) {
      if (curves[c][p] > 0 && (best < 0 || curves[c][p] > curves[best][p])) best = c;
    }
    if (best >= 0) onCurve[best].push(vectorOf(markerFeatures(core, solid), core.depth));
  }
  const looks = onCurve.map((vectors) =>
    vectors.length >= FIND.minMarkers
      ? vectors[0].map((_, d) =>
          percentile(
            vectors.map((v) => v[d]),
            0.5,
          ),
        )
      : null,
  );
  if (looks.every((look) => look === null)) return null;
  const seeds = samples.map((sample) =>
    sample ? vectorOf(sample.features, sample.core.depth * scale) : null,
  );
  return (s, c) => {
    const seed = seeds[s];
    if (!seed) return 0;
    const look = looks[c];
    return look ? Math.min(1, distance(seed, look) / DEFAULTS.pairScale) : 1;
  };
}

/**
 * A marker as a point to compare: its features, the shift weighted up (triangles differ
 * from circles mostly there), and its size (the log of its core's inradius: a triangle's is
 * smaller than a circle's drawn at the same marker size).
 */
function vectorOf(features: MarkerFeatures, depth: number): number[] {
  return [
    DEFAULTS.shiftWeight * features.shift,
    features.fill,
    features.bodyFill,
    Math.log(Math.max(depth, 0.5)),
  ];
}

/**
 * Which sample each marker is (-1 for none): k-means started at the samples (one cluster each), so the
 * clusters follow how the plot's markers look (drawn at their own size and place, not quite
 * as the legend's) while each stays its sample's. Markers at one x (`columns`, within a
 * pixel or two: series sampled at the same x) go to different samples, the nearest pairs
 * jointly (the pairing of least total distance), as long as there are samples for them. A marker much farther from its cluster's
 * centre than markers commonly are from theirs is nobody's (a blob where lines cross).
 */
function assignToSamples(markers: number[][], columns: number[], samples: number[][]): number[] {
  const centres = samples.map((v) => [...v]);
  const groups: number[][] = [];
  markers
    .map((_, n) => n)
    .sort((a, b) => columns[a] - columns[b])
    .forEach((n) => {
      const last = groups.at(-1);
      if (last && columns[n] - columns[last[0]] <= DEFAULTS.sameColumn) last.push(n);
      else groups.push([n]);
    });
  const owner = new Array<number>(markers.length).fill(0);
  for (let round = 0; round < DEFAULTS.rounds; round++) {
    for (const group of groups) {
      const cost = group.map((n) => centres.map((c) => distance(markers[n], c)));
      if (group.length <= centres.length) {
        // Jointly: nearest pair first let one marker take the sample another fits far better.
        optimalAssignment(cost).forEach((s, k) => {
          owner[group[k]] = s;
        });
      } else {
        // More markers at one x than samples: each takes its nearest.
        cost.forEach((row, k) => {
          owner[group[k]] = row.indexOf(Math.min(...row));
        });
      }
    }
    centres.forEach((centre, s) => {
      const mine = markers.filter((_, n) => owner[n] === s);
      if (mine.length === 0) return;
      centre.forEach((_, d) => {
        centre[d] = mine.reduce((sum, m) => sum + m[d], 0) / mine.length;
      });
    });
  }
  // A blob unlike every series' markers (lines crossing) is nobody's.
  const apart = markers.map((m, n) => distance(m, centres[owner[n]]));
  const limit = Math.max(DEFAULTS.distinct, DEFAULTS.outlier * percentile(apart, 0.5));
  apart.forEach((d, n) => {
    if (d > limit) owner[n] = -1;
  });
  return owner;
}

/** The vector farthest from its nearest among `from` (the first of equals). */
function farthest(vectors: number[][], from: number[][]): number[] {
  let best = vectors[0];
  let bestDistance = -1;
  for (const v of vectors) {
    const d = Math.min(...from.map((f) => distance(v, f)));
    if (d > bestDistance) {
      best = v;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: number[], b: number[]): number {
  return Math.hypot(...a.map((v, d) => v - b[d]));
}

/**
 * The plot's markers, as the samples showing one (`samples`) draw them: blobs of `weight`
 * deeper than the line's half width (the samples': in the plot, markers may cover most
 * columns), and about as deep as the shallowest sample's marker (lines crossing at a small
 * angle leave blobs too), the samples scaled to the plot's deepest blobs (`scale`: the legend
 * may draw its markers larger, as ECharts does, whose plot's triangles were all too shallow
 * to be taken). Null when the plot holds too few.
 */
function plotMarkers(
  weight: Float32Array,
  width: number,
  height: number,
  region: Box,
  samples: SampleMarker[],
): { cores: Core[]; scale: number; halfWidth: number } | null {
  const halfWidth = percentile(
    samples.map((sample) => sample.halfWidth),
    0.5,
  );
  const dist = distanceMap(weight, width, height);
  const candidates = findCores(dist, width, region, halfWidth + FIND.coreMargin).filter(
    (c) => c.size >= FIND.minCore,
  );
  if (candidates.length < FIND.minMarkers) return null;
  const depths = samples.map((sample) => sample.core.depth);
  const scale = Math.min(
    1,
    percentile(
      candidates.map((c) => c.depth),
      DEFAULTS.deepShare,
    ) / Math.max(...depths),
  );
  const least = DEFAULTS.minDepth * Math.min(...depths) * scale;
  const cores = candidates.filter((c) => c.depth >= least);
  return cores.length < FIND.minMarkers ? null : { cores, scale, halfWidth };
}

/** A legend sample's marker and its line's half width. */
interface SampleMarker {
  core: Core;
  features: MarkerFeatures;
  halfWidth: number;
}

/**
 * The marker on a legend sample drawn in `color` (the biggest blob of its pixels deeper than
 * half the sample's line, with its features) and the line's half width; null when the
 * sample has no marker.
 */
function sampleMarker(image: Raster, handle: Box, color: Rgb): SampleMarker | null {
  const margin = 2;
  const left = Math.max(0, handle.left - margin);
  const top = Math.max(0, handle.top - margin);
  const width = Math.min(image.width, handle.right + margin) - left;
  const height = Math.min(image.height, handle.bottom + margin) - top;
  if (width <= 0 || height <= 0) return null;
  const weight = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const o = ((top + row) * image.width + left + column) * 3;
      const d = channelDistance(image.data, o, color);
      weight[row * width + column] = d < DEFAULTS.sameColor ? 1 - d / DEFAULTS.sameColor : 0;
    }
  }
  // The line's half width: its run height in the sample's columns, commonly.
  const runs: number[] = [];
  for (let column = 0; column < width; column++) {
    let run = 0;
    for (let row = 0; row < height; row++) run += weight[row * width + column];
    if (run > 0) runs.push(run);
  }
  const halfWidth = percentile(runs, 0.3) / 2;
  const dist = distanceMap(weight, width, height);
  const region = { left: 0, top: 0, right: width, bottom: height };
  const cores = findCores(dist, width, region, halfWidth + FIND.coreMargin);
  const core = cores.sort((a, b) => b.size - a.size)[0];
  if (
    !core ||
    core.size < FIND.minCore ||
    core.depth < halfWidth + FIND.coreMargin + FIND.markerDepth
  )
    return null;
  const features = markerFeatures(core, solidIn(weight, width, height));
  return { core, features, halfWidth };
}

/** Whether a pixel of a weight mask is solid ink (false outside the mask). */
function solidIn(
  weight: Float32Array,
  width: number,
  height: number,
): (column: number, row: number) => boolean {
  return (column, row) =>
    column >= 0 && row >= 0 && column < width && row < height
      ? weight[row * width + column] >= INK.solid
      : false;
}
