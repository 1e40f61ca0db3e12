import {
  chroma,
  deltaE,
  type Lab,
  labToRgb,
  mostCommonColor,
  type Rgb,
  rgbToLab,
} from '../color.js';
import type { Markers } from '../trace/findMarkers.js';
import type { Box, Raster } from '../types.js';
import { assign, BLEND_DE, blend, reassignEdges } from './assignPixels.js';
import { drawnPixels, labOf } from './drawnPixels.js';
import { greySeries } from './greySeries.js';
import { gridInk } from './gridInk.js';
import { jpegFringes } from './jpegFringes.js';
import { kmeansSeeds } from './kmeansSeeds.js';
import { misreadEntries } from './misreadEntries.js';
import { unpaleGreys } from './paledGreys.js';
import { tintSeries } from './tintSeries.js';
import { isShade, unlistedColors } from './unlistedColors.js';
import { washedOut } from './washedOut.js';

const DEFAULTS = {
  /** Below this chroma a colour is a grey: grid, frame and text, unless a series is grey. */
  greyChroma: 10,
  /** Clustering sees at most this many pixels (a uniform sample). */
  maxSamples: 20_000,
  /** Clusters closer than this (Delta E) are one colour. */
  mergeDe: 18,
  /** A series colour holds at least this share of the coloured pixels. */
  minShare: 0.02,
  /**
   * Clustering looks at pixels this far (Delta E) from the background: a line's core, not its
   * anti-aliased edges...
   */
  strongDe: 30,
  /**
   * ...or, when the farthest drawn pixels (DEFAULTS.farShare of them) lie nearer (a light grey
   * series), this share of their distance.
   */
  strongShare: 0.7,
  /** The share of drawn pixels farthest from the background that tells how far the ink goes. */
  farShare: 0.02,
  /** The most series looked for when no legend tells how many. */
  maxK: 8,
  /** A legend frame lets this much of what is under it show through (matplotlib's default 0.8 alpha). */
  showThrough: 0.2,
  /** A legend box with this many pixels of full series colour (per px of its height) has no fill. */
  unfilled: 2,
} as const;

export interface SeriesMask {
  color: Rgb;
  /** Per pixel of the image: how much of the series colour is in it (0 = none). */
  weight: Float32Array;
  count: number;
  /** Its markers, where they told it apart from other series of its colour. */
  markers?: Markers;
}

/** A legend drawn over the plot: its box, and where its samples and text are. */
export interface LegendCover {
  box: Box;
  samples: Box[];
  texts: Box[];
}

export interface SeparateOptions {
  /** The plot interior to look in (frame excluded). */
  region: Box;
  /** The plot's background colour. */
  background: Rgb;
  /** Boxes whose pixels are never data (legend, text). */
  exclude: Box[];
  /** Colours known from the legend; when empty, colours are found by clustering. */
  colors: Rgb[];
  /** Seed for k-means, so results repeat. @default 1 */
  seed?: number;
  /** A legend box over the plot, its samples and its text: lines under it are read too. */
  translucent?: LegendCover | null;
  /**
   * Positions (px) of the plot's grid lines, vertical (x) and horizontal (y): where greys are
   * series, the grid's pixels are told from theirs by these. @default none
   */
  grid?: { x: number[]; y: number[] };
}

/**
 * Splits the plot's drawn pixels into one weight mask per series colour. Pixels are compared
 * in CIELAB as blends of a series colour and the background (anti-aliasing), so the thin
 * edges of a line count for it. Series colours come from the legend, or from k-means over the
 * coloured pixels (k chosen as the number of distinct colours after merging near clusters and
 * anti-aliasing blends).
 */
export async function separateSeries(
  image: Raster,
  {
    region,
    background,
    exclude,
    colors,
    seed = 1,
    translucent = null,
    grid = { x: [], y: [] },
  }: SeparateOptions,
): Promise<SeriesMask[]> {
  const backgroundLab = rgbToLab(background);
  const greyListed = colors.some((c) => chroma(rgbToLab(c)) < DEFAULTS.greyChroma);
  const { pixels, labs } = drawnPixels(image, region, exclude, background, backgroundLab);
  // Greys are grid, frame and text, unless a series is grey or nothing else is drawn.
  const chromatic = labs.filter((lab) => chroma(lab) >= DEFAULTS.greyChroma).length;
  const keepGrey =
    greyListed || (colors.length === 0 && chromatic < labs.length * DEFAULTS.minShare);
  // Grey series: the grid's greys are told apart by where the grid lines are (a colour the
  // legend lists is never grid; with none, only a series flat along a grid line's whole length
  // would pass for it).
  const gridFlags =
    keepGrey && grid.x.length + grid.y.length > 0
      ? gridInk(image, region, grid, backgroundLab, colors.map(rgbToLab))
      : null;
  // The greys set aside as grid, frame and text (not the grid lines gridFlags found): a series
  // nearly grey among coloured ones is looked for among them.
  const greys = { pixels: [] as number[], labs: [] as Lab[] };
  if (!keepGrey || gridFlags) {
    let kept = 0;
    for (let i = 0; i < labs.length; i++) {
      if (gridFlags ? !gridFlags[pixels[i]] : chroma(labs[i]) >= DEFAULTS.greyChroma) {
        labs[kept] = labs[i];
        pixels[kept] = pixels[i];
        kept++;
      } else if (!gridFlags) {
        greys.pixels.push(pixels[i]);
        greys.labs.push(labs[i]);
      }
    }
    labs.length = kept;
    pixels.length = kept;
  }
  // Greys the legend draws paler than their lines are darkened to the lines' greys.
  const seriesLabs =
    colors.length > 0
      ? unpaleGreys(colors.map(rgbToLab), labs, backgroundLab)
      : await clusterColors(labs, backgroundLab, seed);
  let assignment = assign(labs, seriesLabs, backgroundLab);
  // What the searches for series the first pass missed start from (`seriesLabs` grows as they
  // find them; `assignment` is redone after each).
  const drawn = {
    width: image.width,
    region,
    pixels,
    labs,
    seriesLabs,
    background: backgroundLab,
    cluster: (some: Lab[]) => clusterColors(some, backgroundLab, seed),
  };
  // A legend can miss an entry (hidden text, an unusual layout): colours that no entry
  // explains, and that are common enough to be a line, become series of their own.
  if (colors.length > 0) {
    const lines = await unlistedColors({ ...drawn, assignment });
    if (lines.length > 0) {
      seriesLabs.push(...lines);
      assignment = assign(labs, seriesLabs, backgroundLab);
    }
  }
  // Series in tints of another's colour went to it: found one shade at a time (clustering
  // merges a tint with a paler one).
  for (let round = 0; round < DEFAULTS.maxK; round++) {
    const tint = await tintSeries({ ...drawn, assignment, grid });
    if (!tint) break;
    seriesLabs.push(tint);
    assignment = assign(labs, seriesLabs, backgroundLab);
  }
  const greyLines = await greySeries({
    ...drawn,
    greyPixels: greys.pixels,
    greyLabs: greys.labs,
    grid,
    greyChroma: DEFAULTS.greyChroma,
  });
  // A sample drawn thin (or through JPEG) gives a paler colour than its line's: the line's
  // core is then a colour no entry explains, and the entry's pixels are its edges.
  const paled = washedOut(
    image.width,
    pixels,
    assignment,
    seriesLabs,
    colors.length,
    backgroundLab,
  );
  // An entry whose colour draws no line, where a colour no entry lists does, was misread.
  for (const [entry, line] of misreadEntries(
    image.width,
    region,
    pixels,
    assignment,
    seriesLabs.length,
    colors.length,
    paled,
  )) {
    paled.set(entry, line);
  }
  // Entries whose colour is the one their line is drawn in, found in the plot.
  const redrawn = new Set(paled.keys());
  if (paled.size > 0) {
    for (const [entry, extra] of paled) seriesLabs[entry] = seriesLabs[extra];
    const found = new Set(paled.values());
    const kept = seriesLabs.filter((_, s) => !found.has(s));
    seriesLabs.length = 0;
    seriesLabs.push(...kept);
    assignment = assign(labs, seriesLabs, backgroundLab);
  }
  const masks: SeriesMask[] = seriesLabs.map((lab, i) => ({
    color: colors[i] && !redrawn.has(i) ? colors[i] : labToRgbApprox(lab, labs),
    weight: new Float32Array(image.width * image.height),
    count: 0,
  }));
  const edges = reassignEdges(image.width, pixels, labs, assignment, seriesLabs, backgroundLab);
  // Clustered colours that are one JPEG'd line's core and fringe make one mask.
  const fringes =
    colors.length === 0
      ? jpegFringes(image.width, pixels, edges, seriesLabs, backgroundLab)
      : new Map<number, number>();
  edges.forEach(({ series, alpha }, i) => {
    if (series >= 0) mark(masks[fringes.get(series) ?? series], pixels[i], alpha);
  });
  if (translucent) readUnder(image, translucent, region, seriesLabs, backgroundLab, masks);
  const greyMasks = greyLines.map((line) => {
    const mask = {
      color: labToRgbApprox(line.lab, line.labs),
      weight: new Float32Array(image.width * image.height),
      count: 0,
    };
    line.pixels.forEach((p, n) => {
      mark(mask, p, line.alphas[n]);
    });
    return mask;
  });
  return [...masks.filter((_, s) => !fringes.has(s)), ...greyMasks];
}

/**
 * Lines under a legend box. A legend with no fill shows them as drawn: they are read as
 * anywhere else. Under a translucent fill each pixel is a blend of the fill and a series
 * colour at most DEFAULTS.showThrough strong; its weight is scaled to what it would be uncovered, and
 * a lone pixel is noise (JPEG ringing round the legend's text). An opaque legend shows
 * nothing, and nothing is read. The samples are never data; nor is the text, where its
 * greys could pass for a series (drawn as it is, or a grey series under a fill).
 */
function readUnder(
  image: Raster,
  { box, samples, texts }: LegendCover,
  region: Box,
  seriesLabs: Lab[],
  background: Lab,
  masks: SeriesMask[],
): void {
  const { data, width } = image;
  const top = Math.max(Math.ceil(box.top), Math.ceil(region.top));
  const left = Math.max(Math.ceil(box.left), Math.ceil(region.left));
  const bottom = Math.min(Math.ceil(box.bottom), Math.ceil(region.bottom));
  const right = Math.min(Math.ceil(box.right), Math.ceil(region.right));
  const span = right - left;
  if (span <= 0 || bottom <= top) return;
  const count = span * (bottom - top);
  /** The image pixel of the k-th box pixel (row by row). */
  const pixel = (k: number) => (top + Math.floor(k / span)) * width + left + (k % span);
  // The box's pixels inside the sample and text boxes, flagged in one pass over each box (this
  // runs on every chart with a legend: no closure per pixel and box).
  const inSample = coveredBy(samples, left, top, span, bottom);
  const inText = coveredBy(texts, left, top, span, bottom);
  const labs: (Lab | null)[] = new Array(count);
  for (let k = 0; k < count; k++) labs[k] = inSample[k] ? null : labOf(data, pixel(k) * 3);
  const none = { series: -1, alpha: 0 };
  /** Each pixel's series by `assign` (in one call: it decides each colour once), where `read`. */
  const assignWhere = (
    read: (k: number) => boolean,
    colors: Lab[],
    base: Lab,
    residual?: number,
  ) => {
    const at: number[] = [];
    const atLabs: Lab[] = [];
    for (let k = 0; k < count; k++) {
      const lab = labs[k];
      if (lab && read(k)) {
        at.push(k);
        atLabs.push(lab);
      }
    }
    const out: { series: number; alpha: number }[] = new Array(count).fill(none);
    const assigned = assign(atLabs, colors, base, residual);
    for (let n = 0; n < at.length; n++) out[at[n]] = assigned[n];
    return out;
  };
  const drawn = assignWhere((k) => !inText[k], seriesLabs, background);
  const full = drawn.filter((a) => a.series >= 0 && a.alpha >= 1 - DEFAULTS.showThrough).length;
  if (full >= (bottom - top) * DEFAULTS.unfilled) {
    drawn.forEach((a, k) => {
      if (a.series >= 0) mark(masks[a.series], pixel(k), a.alpha);
    });
    return;
  }
  const fillRgb = mostCommonColor(
    data,
    labs.map((_, k) => pixel(k) * 3),
  );
  const fill = rgbToLab(fillRgb);
  // The renderer blends in RGB.
  const faint = masks.map(({ color }) =>
    rgbToLab(color.map((c, k) => fillRgb[k] + DEFAULTS.showThrough * (c - fillRgb[k])) as Rgb),
  );
  const grey = seriesLabs.some((lab) => chroma(lab) < DEFAULTS.greyChroma);
  const found = assignWhere(
    (k) => !(grey && inText[k]),
    faint,
    fill,
    BLEND_DE * DEFAULTS.showThrough,
  );
  found.forEach(({ series, alpha }, k) => {
    if (series < 0) return;
    const [x, y] = [k % span, Math.floor(k / span)];
    const joined = [-1, 0, 1].some((dy) =>
      [-1, 0, 1].some(
        (dx) =>
          (dx !== 0 || dy !== 0) &&
          x + dx >= 0 &&
          x + dx < span &&
          found[(y + dy) * span + x + dx]?.series === series,
      ),
    );
    if (joined) mark(masks[series], pixel(k), alpha);
  });
}

/**
 * 1 for each pixel of the box `left`, `top`, `span` wide, down to `bottom` (row by row) whose
 * column and row lie in one of `boxes` (left and top in, right and bottom out).
 */
function coveredBy(
  boxes: readonly Box[],
  left: number,
  top: number,
  span: number,
  bottom: number,
): Uint8Array {
  const flags = new Uint8Array(span * (bottom - top));
  for (const b of boxes) {
    for (let row = top; row < bottom; row++) {
      if (!(row >= b.top && row < b.bottom)) continue;
      for (let column = left; column < left + span; column++) {
        if (column >= b.left && column < b.right) flags[(row - top) * span + column - left] = 1;
      }
    }
  }
  return flags;
}

/** Gives `pixel` to the series' mask with `alpha` of its colour. */
function mark(mask: SeriesMask, pixel: number, alpha: number): void {
  mask.weight[pixel] = Math.min(1, alpha);
  mask.count++;
}

/**
 * Series colours without a legend: k-means (seeded) with k = DEFAULTS.maxK over the pixels far
 * from the background (DEFAULTS.strongDe, nearer where all the ink is light), then clusters
 * that are blends of a stronger one with the background, or near it, are merged, and rare
 * ones dropped.
 */
export async function clusterColors(labs: Lab[], background: Lab, seed: number): Promise<Lab[]> {
  const distances = labs.map((lab) => deltaE(lab, background));
  const threshold = Math.min(
    DEFAULTS.strongDe,
    DEFAULTS.strongShare * farthest(distances, DEFAULTS.farShare),
  );
  const strong = labs.filter((_, i) => distances[i] > threshold);
  if (strong.length < 10) return [];
  // Loaded on first use: ml-kmeans brings ml-spectra-processing, whose 250 modules take about
  // 0.4 s of CPU to load, in each process and worker; a chart read through its legend (most)
  // needs no clustering.
  const { kmeans } = await import('ml-kmeans');
  const step = Math.max(1, Math.floor(strong.length / DEFAULTS.maxSamples));
  const sample = strong.filter((_, i) => i % step === 0);
  const k = Math.min(DEFAULTS.maxK, sample.length);
  // The seeding ml-kmeans would do, without its matrix copies (the same centres).
  const seeds = kmeansSeeds(sample, k, seed);
  const result = kmeans(sample, k, {
    seed,
    initialization: seeds ?? 'kmeans++',
    maxIterations: 50,
  });
  const clusters = result.centroids.map((centroid, i) => ({
    lab: centroid as Lab,
    size: result.clusters.filter((c) => c === i).length,
  }));
  // Strongest first: a blend is always weaker (closer to the background) than its colour.
  clusters.sort((a, b) => deltaE(b.lab, background) * b.size - deltaE(a.lab, background) * a.size);
  const kept: { lab: Lab; size: number }[] = [];
  const shadeOf = (a: { lab: Lab; size: number }, b: { lab: Lab; size: number }) =>
    a.size < b.size && isShade(a.lab, b.lab);
  for (const cluster of clusters) {
    const parent = kept.find((k2) => {
      if (deltaE(k2.lab, cluster.lab) < DEFAULTS.mergeDe) return true;
      const { alpha, residual } = blend(cluster.lab, k2.lab, background);
      if (alpha > 0.15 && alpha < 1.05 && residual < BLEND_DE) return true;
      // A smaller, darker shade of a colour is its markers' dark outlines (or JPEG'd edges).
      return shadeOf(cluster, k2) || shadeOf(k2, cluster);
    });
    if (parent) parent.size += cluster.size;
    else kept.push({ ...cluster });
  }
  return kept.filter((c) => c.size >= sample.length * DEFAULTS.minShare).map((c) => c.lab);
}

/** The distance (whole Delta E units) that `share` of `distances` reach or pass. */
function farthest(distances: number[], share: number): number {
  const counts: number[] = [];
  for (const d of distances) {
    const unit = Math.floor(d);
    counts[unit] = (counts[unit] ?? 0) + 1;
  }
  let seen = 0;
  for (let unit = counts.length - 1; unit >= 0; unit--) {
    seen += counts[unit] ?? 0;
    if (seen >= distances.length * share) return unit;
  }
  return 0;
}

/** The RGB of the pixels nearest a Lab colour (exact colours as drawn, not a conversion). */
function labToRgbApprox(lab: Lab, labs: Lab[]): Rgb {
  let best = labs[0];
  let bestD = Number.POSITIVE_INFINITY;
  for (const candidate of labs) {
    const d = deltaE(candidate, lab);
    if (d < bestD) {
      bestD = d;
      best = candidate;
    }
  }
  return labToRgb(best);
}
