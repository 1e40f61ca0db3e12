import { deltaE, type Lab, type Rgb, rgbToLab } from '../color.js';
import type { LegendSlot } from '../legend/findLegend.js';
import { sampleStyles } from '../legend/sampleStyle.js';
import { median, optimalAssignment } from '../math.js';
import type { TraceResult } from '../trace/traceSeries.js';
import type { PixelPoint, Raster } from '../types.js';

const DEFAULTS = {
  /**
   * A traced point's colour is the pixel farthest from the background within this many rows of
   * it (px): a line's core, not its anti-aliased edge, for lines up to 5 px wide.
   */
  window: 2,
  /** A trace with fewer points than this tells no colour. */
  minPoints: 8,
  /**
   * An entry moves to another series only where that series' line is nearer its sample's
   * colour than its own series' by at least this (Delta E): greys 8 levels apart lie 3 apart,
   * the median colour of a JPEG'd line wanders by about 1.
   */
  minStep: 2,
  /**
   * ...and lies within this of the sample (Delta E): a line drawn as its sample is; past it the
   * colours tell nothing (a marker's black edge read for every series).
   */
  match: 10,
  /**
   * A sample showing gaps over this share of its length is drawn broken (dashed, dotted), not
   * solid: a tenth, as `splitSharedColors` tells dash patterns apart.
   */
  brokenGaps: 0.1,
} as const;

/** How a line is drawn, as far as pairing goes: unbroken or broken (dashed, dotted); null: unknown. */
export type Broken = boolean | null;

/**
 * The colour a traced series is drawn in, as the eye sees it along the line: at each traced
 * point the pixel farthest from the background near it (the line's core), and of those the
 * median of each Lab channel (points where another series crosses or hides it are outvoted).
 * Null for a trace too short to tell.
 */
export function traceColor(
  image: Raster,
  background: Lab,
  points: readonly PixelPoint[],
): Lab | null {
  const { data, width, height } = image;
  const cores: Lab[] = [];
  for (const { px, py } of points) {
    const column = Math.round(px);
    const middle = Math.floor(py);
    if (column < 0 || column >= width) continue;
    let best: Lab | null = null;
    let far = -1;
    for (let row = middle - DEFAULTS.window; row <= middle + DEFAULTS.window; row++) {
      if (row < 0 || row >= height) continue;
      const o = (row * width + column) * 3;
      const lab = rgbToLab([data[o], data[o + 1], data[o + 2]]);
      const d = deltaE(lab, background);
      if (d > far) {
        far = d;
        best = lab;
      }
    }
    if (best) cores.push(best);
  }
  if (cores.length < DEFAULTS.minPoints) return null;
  return [0, 1, 2].map((k) => median(cores.map((lab) => lab[k]))) as Lab;
}

/**
 * Which traced series each legend entry names, judged as the eye judges it: each sample's
 * colour (`samples`, Lab) against the colour each listed series' line is drawn in along its
 * trace (`lines`, Lab, null where unknown; series i is entry i's as separation paired them),
 * and whether each is drawn broken (`sampleBroken`, `lineBroken`: a solid sample never names
 * a dashed line; a line of one colour drawn in several dash patterns reads a little darker or
 * paler with each, which says nothing). All entries are paired at once (the pairing of least
 * total Delta E); a cycle of that pairing that moves entries is taken only where every entry
 * in it moves to a line drawn as its sample is, nearer its colour by DEFAULTS.minStep and
 * within DEFAULTS.match of it: separation gave a grey's line the pixels of a neighbouring grey
 * (their blends with the background are the same colours), or a tint the line of the next
 * tint in a colormap. Returns, per entry, the index of its series (the identity where nothing
 * moves).
 */
export function pairByColor(
  samples: readonly Lab[],
  lines: readonly (Lab | null)[],
  sampleBroken: readonly Broken[] = [],
  lineBroken: readonly Broken[] = [],
): number[] {
  const n = Math.min(samples.length, lines.length);
  const identity = Array.from({ length: n }, (_, i) => i);
  const known = identity.filter((i) => lines[i] !== null);
  if (known.length < 2) return identity;
  const unlike = (e: number, s: number) => {
    const a = sampleBroken[e] ?? null;
    const b = lineBroken[s] ?? null;
    return a !== null && b !== null && a !== b;
  };
  // A pairing of unlike styles costs as much as a colour too far to match.
  const cost = known.map((e) =>
    known.map((s) => deltaE(samples[e], lines[s] as Lab) + (unlike(e, s) ? DEFAULTS.match + 1 : 0)),
  );
  const best = optimalAssignment(cost);
  const order = [...identity];
  const seen = new Set<number>();
  for (let start = 0; start < known.length; start++) {
    if (seen.has(start) || best[start] === start) continue;
    const cycle: number[] = [];
    for (let k = start; !seen.has(k); k = best[k]) {
      seen.add(k);
      cycle.push(k);
    }
    const clear = cycle.every(
      (k) =>
        cost[k][best[k]] + DEFAULTS.minStep <= cost[k][k] && cost[k][best[k]] <= DEFAULTS.match,
    );
    if (clear) for (const k of cycle) order[known[k]] = known[best[k]];
  }
  return order;
}

/** Whether a legend sample is drawn broken, from its dash style (`sampleStyles`). */
export function sampleIsBroken(style: { gapShare: number }): boolean {
  return style.gapShare > DEFAULTS.brokenGaps;
}

/**
 * The listed series (`masks` and `traces`, series i as separation paired it with entry i) put
 * in the order of the entries that name them, as `pairByColor` judges; unlisted ones after.
 */
export function inEntryOrder<Mask>(
  image: Raster,
  background: Rgb,
  entries: readonly LegendSlot[],
  masks: readonly Mask[],
  traces: readonly (TraceResult | null)[],
): { masks: Mask[]; traces: (TraceResult | null)[] } {
  const listed = Math.min(entries.length, masks.length);
  const backgroundLab = rgbToLab(background);
  const order = pairByColor(
    entries.slice(0, listed).map((slot) => rgbToLab(slot.color)),
    traces
      .slice(0, listed)
      .map((trace) => (trace ? traceColor(image, backgroundLab, trace.points) : null)),
    sampleStyles(image, entries).slice(0, listed).map(sampleIsBroken),
    traces.slice(0, listed).map((trace) => (trace?.lineStyle ? trace.lineStyle !== 'solid' : null)),
  );
  return {
    masks: [...order.map((s) => masks[s]), ...masks.slice(order.length)],
    traces: [...order.map((s) => traces[s]), ...traces.slice(order.length)],
  };
}
