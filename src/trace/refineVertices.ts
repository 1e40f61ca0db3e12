import { fitLine } from '../math.js';
import type { PixelPoint } from '../types.js';

/** Trace points deviating less than this share of the line width from a chord are on it. */
const SIMPLIFY_SHARE = 0.5;
/** A bend is sharp enough to distort the column centres when the direction turns this much (rad). */
const MIN_TURN = 0.25;
/** Segment fits with a larger RMS residual (px) are curves, not straight strokes. */
const MAX_RMS = 0.6;
/** A straight stroke is fitted from at least this many columns. */
const MIN_POINTS = 5;

/**
 * A line drawn as straight strokes between data points (a polyline) turns inside a few pixel
 * columns at each vertex, where the column centres fall inside the bend: a peak is traced
 * too low, a valley too high. This finds the straight strokes (Douglas-Peucker over the
 * trace), fits each away from its ends, and puts the vertex where neighbouring strokes meet;
 * the trace near the vertex is replaced by the two fitted strokes. Curves (poorly fitted by
 * straight strokes) and gentle bends are left as traced.
 *
 * `lineWidth` is the stroke's vertical thickness in px. Returns a new list, left to right.
 */
export function refineVertices(line: PixelPoint[], lineWidth: number): PixelPoint[] {
  if (line.length < MIN_POINTS * 2) return line;
  const margin = Math.max(3, lineWidth * 2);
  const corners = simplify(line, Math.max(1, lineWidth * SIMPLIFY_SHARE));
  const strokes = corners.slice(1).map((end, i) => {
    const start = corners[i];
    const inside = line.filter(
      (p) => p.px > line[start].px + margin && p.px < line[end].px - margin,
    );
    if (inside.length < MIN_POINTS) return null;
    const fit = fitLine(
      inside.map((p) => p.px),
      inside.map((p) => p.py),
    );
    if (!fit) return null;
    const rms = Math.sqrt(
      inside.reduce((s, p) => s + (p.py - fit.intercept - fit.slope * p.px) ** 2, 0) /
        inside.length,
    );
    return rms <= MAX_RMS ? fit : null;
  });
  let out = line;
  for (let k = 1; k < corners.length - 1; k++) {
    const before = strokes[k - 1];
    const after = strokes[k];
    if (!before || !after) continue;
    const turn = Math.abs(Math.atan(before.slope) - Math.atan(after.slope));
    if (turn < MIN_TURN) continue;
    const px = (after.intercept - before.intercept) / (before.slope - after.slope);
    const corner = line[corners[k]].px;
    if (!(Math.abs(px - corner) < margin)) continue;
    const onStroke = (p: PixelPoint) => {
      const fit = p.px < px ? before : after;
      return { px: p.px, py: fit.intercept + fit.slope * p.px };
    };
    const near = (p: PixelPoint) => Math.abs(p.px - px) < margin;
    const vertex = { px, py: before.intercept + before.slope * px };
    out = [...out.filter((p) => !near(p)), ...out.filter(near).map(onStroke), vertex];
    out.sort((a, b) => a.px - b.px);
  }
  return out;
}

/** Indices of the points Douglas-Peucker keeps at tolerance `tolerance` (px). */
function simplify(points: PixelPoint[], tolerance: number): number[] {
  const keep = new Set([0, points.length - 1]);
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const pa = points[a];
    const pb = points[b];
    const length = Math.hypot(pb.px - pa.px, pb.py - pa.py) || 1;
    let worst = -1;
    let worstDistance = tolerance;
    for (let i = a + 1; i < b; i++) {
      const p = points[i];
      const distance =
        Math.abs((pb.px - pa.px) * (pa.py - p.py) - (pa.px - p.px) * (pb.py - pa.py)) / length;
      if (distance > worstDistance) {
        worst = i;
        worstDistance = distance;
      }
    }
    if (worst >= 0) {
      keep.add(worst);
      stack.push([a, worst], [worst, b]);
    }
  }
  return [...keep].sort((x, y) => x - y);
}
