import { percentile } from '../math.js';
import type { Box, LineStyle } from '../types.js';

/** A dashed or dotted line shows as at least this many separate dashes or dots. */
const MIN_DASHES = 8;
/** Pieces lighter than this (pixel weights summed) are specks (noise), not dashes. */
const MIN_DASH_INK = 1.5;
/** At least this share of the series' ink lies in dashes (or dots) when the line is dashed. */
const DASHED_SHARE = 0.6;
/** Dashes within this share of the typical dash's length (dots: of its ink) are alike (and no wider than this share over the typical width is straight)... */
const ALIKE = 0.3;
/** ...and a line is dashed when at least this share of its dashes are (pieces of a broken solid line vary). */
const REGULAR_SHARE = 0.6;
/** A dash is at most this share of the region's width long (longer pieces are solid lines). */
const MAX_DASH_SHARE = 0.1;
/** Gaps up to this many times the typical gap (dots: spacing) are bridged (a crossing series widens one). */
const GAP_FACTOR = 2;
/** A gap with a corner in it is bridged up to this many times the typical gap, round the corner. */
const CORNER_FACTOR = 1.5;
/** ...plus this many px, for the rounding of short gaps (and of dots) to whole pixels. */
const GAP_SLACK = 1.5;
/** A piece this many times longer than wide has a direction: its bridges leave along it. */
const ELONGATED = 1.5;
/** A bridge leaves an elongated dash at most this far off its direction (cosine of the angle). */
const MIN_ALIGN = Math.cos(Math.PI / 4);

/** Pixels with at least this much of the series colour are solid: a dash's ends are read from them. */
const SOLID = 0.5;
/** Ink this far (px) beyond half a line's width off a dash's axis is still ahead of it. */
const AHEAD_SLACK = 1;
/** Dashes meeting at a corner in a gap turn by at least this much (sine of the angle). */
const MIN_TURN_SINE = 0.2;

/** One end of piece `n`: side 0 is its low end along its axis, 1 its high end. */
interface End {
  n: number;
  side: number;
  end: { px: number; py: number };
}

interface Piece {
  ink: number;
  /** Its centre (of ink). */
  px: number;
  py: number;
  /** Its two ends along its main axis (nearly one point for a dot). */
  ends: [{ px: number; py: number }, { px: number; py: number }];
  /** Unit direction of its main axis (pointing right), and how much longer than wide it is. */
  dx: number;
  dy: number;
  elongation: number;
  /** Its width across the main axis (px). */
  thickness: number;
}

/**
 * A dashed line is a row of separate dashes, and between them the column trace sees
 * nothing, or, where the line is steep, a column split into pieces whose centres are off
 * the line. Each end of a whole dash is joined to the nearest end of another dash onwards
 * along it, within the line's typical gap (longer only by as much as a dash beside it is
 * cut short), by a stroke as wide as the dashes, or straight on to a piece whose ends are
 * unsure (near a sharp vertex) when that comes first, as is a dash cut short; where none lies ahead (the line
 * turned in the gap), the two dashes are extended to meet. So the line
 * is traced as if drawn solid. A dotted line's dots are joined likewise (`bridgeDots`). A
 * series neither dashed nor dotted (few pieces, most ink in long ones, pieces of any length
 * or size) is returned unchanged.
 *
 * `weight` is how much of each pixel (row-major) is the series' colour. Returns the mask to
 * trace (`ink`: a new mask, or `weight` itself when nothing is bridged) and the line's style:
 * 'dashed' or 'dotted' when its dashes or dots were bridged, else 'solid'.
 */
export function bridgeDashes(
  weight: Float32Array,
  width: number,
  height: number,
  region: Box,
): { ink: Float32Array; style: LineStyle } {
  const { pieces: all, label } = findPieces(weight, width, region);
  const pieces = all.filter((p) => p.ink >= MIN_DASH_INK);
  const total = pieces.reduce((sum, p) => sum + p.ink, 0);
  const maxLength = (region.right - region.left) * MAX_DASH_SHARE;
  const dashes = pieces.filter((p) => length(p) <= maxLength && p.elongation >= ELONGATED);
  const dashInk = dashes.reduce((sum, p) => sum + p.ink, 0);
  if (dashes.length < MIN_DASHES || dashInk < total * DASHED_SHARE) {
    const ink = bridgeDots(weight, width, height, region, pieces, total);
    return { ink, style: ink === weight ? 'solid' : 'dotted' };
  }
  // Dashes are all alike in length; a solid line broken up (by noise, or by a grid drawn
  // over it) breaks into pieces of any length.
  const typicalLength = percentile(dashes.map(length), 0.5);
  const alike = dashes.filter((p) => Math.abs(length(p) - typicalLength) < typicalLength * ALIKE);
  if (alike.length < dashes.length * REGULAR_SHARE) return { ink: weight, style: 'solid' };
  const thickness = percentile(
    dashes.map((p) => p.thickness),
    0.5,
  );
  // A straight dash is as wide as the line. A wider piece is a dash bent round a sharp
  // vertex, a longer one dashes run together (the two sides of a sharp vertex touch there):
  // the ends of their axis are not where their dashes end.
  const straight = (piece: Piece) =>
    piece.elongation >= ELONGATED &&
    length(piece) < typicalLength * (1 + ALIKE) &&
    piece.thickness < thickness * (1 + ALIKE);
  const ends: End[] = pieces.flatMap((piece, n) =>
    straight(piece) ? piece.ends.map((end, side) => ({ n, side, end })) : [],
  );
  const nearest = (from: End) => {
    let best: End | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    const piece = pieces[from.n];
    for (const to of ends) {
      if (to.n === from.n) continue;
      const [ox, oy] = [to.end.px - from.end.px, to.end.py - from.end.py];
      const distance = Math.hypot(ox, oy);
      if (distance >= bestDistance) continue;
      // Out of a dash only onwards along it: not across to a neighbouring line.
      const out = from.side === 0 ? -1 : 1;
      if (distance > 0 && ((ox * piece.dx + oy * piece.dy) * out) / distance < MIN_ALIGN) continue;
      best = to;
      bestDistance = distance;
    }
    return best && { to: best, distance: bestDistance };
  };
  // Bridges start from whole straight dashes: a piece cut short (where another series
  // crosses) has no sure direction. They may end at any piece.
  const whole = new Set(alike.filter(straight));
  const links = ends
    .filter(({ n }) => whole.has(pieces[n]))
    .map((from) => ({ from, link: nearest(from) }));
  const gaps = links.flatMap(({ link }) => (link ? [link.distance] : []));
  if (gaps.length < MIN_DASHES) return { ink: weight, style: 'solid' };
  const typicalGap = percentile(gaps, 0.5);
  const maxGap = typicalGap * GAP_FACTOR + GAP_SLACK;
  const cornerGap = typicalGap * CORNER_FACTOR + GAP_SLACK;
  // The dash pattern runs on along the line: past a whole dash the next begins one gap on.
  // A gap looks longer only where a series drawn over the line hides part of a dash beside
  // it, which then looks as much shorter.
  const hidden = (n: number) => Math.max(0, typicalLength - length(pieces[n]));
  const gapAfter = (from: End, to?: End) =>
    Math.min(maxGap, typicalGap + GAP_SLACK + hidden(from.n) + (to ? hidden(to.n) : 0));
  const out = Float32Array.from(weight);
  const outward = ({ n, side }: End) => {
    const sign = side === 0 ? -1 : 1;
    return { dx: pieces[n].dx * sign, dy: pieces[n].dy * sign };
  };
  // The line turned in a gap: the dashes on either side, extended, meet at the vertex.
  const corner = (from: End) => {
    const u = outward(from);
    let best: { at: { px: number; py: number }; to: End } | null = null;
    let bestReach = Number.POSITIVE_INFINITY;
    for (const to of ends) {
      if (to.n === from.n) continue;
      const v = outward(to);
      const det = v.dx * u.dy - u.dx * v.dy;
      if (Math.abs(det) < MIN_TURN_SINE) continue;
      const [ox, oy] = [to.end.px - from.end.px, to.end.py - from.end.py];
      const s = (v.dx * oy - v.dy * ox) / det;
      const t = (u.dx * oy - u.dy * ox) / det;
      // The dash pattern runs along the line: the gap is as long round the corner.
      if (s < 0 || t < 0 || s + t > cornerGap || s + t >= bestReach) continue;
      best = { at: { px: from.end.px + s * u.dx, py: from.end.py + s * u.dy }, to };
      bestReach = s + t;
    }
    return best;
  };
  const index = new Map(pieces.map((piece, n) => [piece, n]));
  const known = new Set(ends.map(({ n }) => n));
  const endless = new Set(pieces.map((_, n) => n).filter((n) => !known.has(n)));
  // A dash's end is joined onwards, straight along it, to the ink of a piece whose ends are
  // not where a dash's would be (see `straight`): the first met within a line's width of
  // the dash's axis carried on.
  const inkAhead = (from: End, within: number) => {
    const u = outward(from);
    const { px, py } = from.end;
    let nearest = within;
    let found = false;
    const [left, right] = [
      Math.max(Math.ceil(region.left), Math.floor(px - within)),
      Math.min(Math.floor(region.right) - 1, Math.ceil(px + within)),
    ];
    const [top, bottom] = [
      Math.max(Math.ceil(region.top), Math.floor(py - within)),
      Math.min(Math.floor(region.bottom) - 1, Math.ceil(py + within)),
    ];
    for (let row = top; row <= bottom; row++) {
      for (let column = left; column <= right; column++) {
        const i = row * width + column;
        if (weight[i] < SOLID) continue;
        const n = index.get(all[label[i]]);
        if (n === undefined || !endless.has(n)) continue;
        const [ox, oy] = [column + 0.5 - px, row + 0.5 - py];
        const along = ox * u.dx + oy * u.dy;
        if (
          along <= 0 ||
          along > nearest ||
          Math.abs(oy * u.dx - ox * u.dy) > thickness / 2 + AHEAD_SLACK
        )
          continue;
        nearest = along;
        found = true;
      }
    }
    return found ? { px: px + nearest * u.dx, py: py + nearest * u.dy } : null;
  };
  for (const { from, link } of links) {
    const ahead = inkAhead(from, Math.min(gapAfter(from), link?.distance ?? maxGap));
    if (ahead) {
      paintStroke(out, width, height, region, from.end, ahead, thickness / 2);
      continue;
    }
    if (link && link.distance <= gapAfter(from, link.to)) {
      paintStroke(out, width, height, region, from.end, link.to.end, thickness / 2);
      continue;
    }
    const turn = corner(from);
    if (!turn) continue;
    paintStroke(out, width, height, region, from.end, turn.at, thickness / 2);
    paintStroke(out, width, height, region, turn.to.end, turn.at, thickness / 2);
  }
  // A dash cut short at a sharp vertex (its other part is in the gap) still points along
  // the line: it is joined straight on to touching dashes ahead, as whole dashes are.
  for (const from of ends) {
    if (whole.has(pieces[from.n])) continue;
    const ahead = inkAhead(from, gapAfter(from));
    if (ahead) paintStroke(out, width, height, region, from.end, ahead, thickness / 2);
  }
  return { ink: out, style: 'dashed' };
}

/**
 * A dotted line is a row of dots alike in size, each on the line: each dot is joined to
 * the next in x, within twice the typical spacing (of nearest neighbours: one dot may be
 * hidden), by a stroke as wide as the dots, round the corner where the line turned
 * between them. `weight` itself when the series is not dotted.
 */
function bridgeDots(
  weight: Float32Array,
  width: number,
  height: number,
  region: Box,
  pieces: Piece[],
  total: number,
): Float32Array {
  const round = pieces.filter((p) => p.elongation < ELONGATED);
  const typicalInk = percentile(
    round.map((p) => p.ink),
    0.5,
  );
  const dots = round.filter((p) => Math.abs(p.ink - typicalInk) < typicalInk * ALIKE);
  const dotInk = dots.reduce((sum, p) => sum + p.ink, 0);
  if (dots.length < MIN_DASHES || dotInk < total * DASHED_SHARE) return weight;
  if (dots.length < round.length * REGULAR_SHARE) return weight;
  const apart = (a: Piece, b: Piece) => Math.hypot(b.px - a.px, b.py - a.py);
  // The spacing of the dots: how far each lies from its nearest neighbour.
  const nearest = dots.flatMap((dot) => {
    const distances = round.filter((other) => other !== dot).map((other) => apart(dot, other));
    return distances.length > 0 ? [Math.min(...distances)] : [];
  });
  const spacing = percentile(nearest, 0.5);
  const maxGap = spacing * GAP_FACTOR + GAP_SLACK;
  // A dot is as long as the line is wide: a square, its side the root of its ink.
  const halfWidth = Math.sqrt(typicalInk) / 2;
  const out = Float32Array.from(weight);
  // Along a line chart's line x only grows: in order of x the dots are in order along it.
  // Nearest neighbours are not: across a sharp peak the dots on its two sides lie nearer
  // each other than the dot at its tip (where dots run together, into a piece of any
  // shape). Each piece as heavy as a dot at least is joined from its right end to the next
  // one's left end in x within reach, passing over specks (pieces of a dot cut by another
  // series, or noise) on the line or off it.
  const ordered = pieces
    .filter((p) => p.ink > typicalInk * (1 - ALIKE))
    .sort((a, b) => a.px - b.px);
  // A round dot's axis runs any way: its centre is both its ends.
  const side = (piece: Piece, right: boolean) => {
    if (piece.elongation < ELONGATED) return piece;
    return piece.ends[0].px > piece.ends[1].px === right ? piece.ends[0] : piece.ends[1];
  };
  const next = ordered.map((piece, i) => {
    const from = side(piece, true);
    for (let j = i + 1; j < ordered.length && ordered[j].px - piece.px <= maxGap; j++) {
      const to = side(ordered[j], false);
      if (Math.hypot(to.px - from.px, to.py - from.py) <= maxGap) return j;
    }
    return -1;
  });
  const previous = ordered.map(() => -1);
  next.forEach((j, i) => {
    if (j >= 0) previous[j] = i;
  });
  const unit = (a: Piece, b: Piece) => {
    const d = Math.hypot(b.px - a.px, b.py - a.py) || 1;
    return { dx: (b.px - a.px) / d, dy: (b.py - a.py) / d };
  };
  next.forEach((j, i) => {
    if (j < 0) return;
    const [from, to] = [side(ordered[i], true), side(ordered[j], false)];
    // The dots run on along the line through its vertices: a vertex between two dots lies
    // where the lines through the dots before and after them meet, round which the two
    // are one spacing apart (give or take).
    const [before, after] = [previous[i], next[j]];
    if (before >= 0 && after >= 0) {
      const u = unit(ordered[before], ordered[i]);
      const v = unit(ordered[j], ordered[after]);
      const det = u.dx * v.dy - u.dy * v.dx;
      const [ox, oy] = [to.px - from.px, to.py - from.py];
      const s = (ox * v.dy - oy * v.dx) / det;
      const t = (u.dx * oy - u.dy * ox) / det;
      const apartRound = s + t;
      if (
        Math.abs(det) >= MIN_TURN_SINE &&
        s > 0 &&
        t > 0 &&
        apartRound <= spacing * CORNER_FACTOR + GAP_SLACK
      ) {
        const at = { px: from.px + s * u.dx, py: from.py + s * u.dy };
        paintStroke(out, width, height, region, from, at, halfWidth);
        paintStroke(out, width, height, region, at, to, halfWidth);
        return;
      }
    }
    paintStroke(out, width, height, region, from, to, halfWidth);
  });
  return out;
}

function length(piece: Piece): number {
  const [a, b] = piece.ends;
  return Math.hypot(b.px - a.px, b.py - a.py);
}

/**
 * Connected pieces (8-neighbours) of the series' pixels in `region`, with their shape, and
 * the index of the piece holding each pixel (-1 for none).
 */
function findPieces(
  weight: Float32Array,
  width: number,
  region: Box,
): { pieces: Piece[]; label: Int32Array } {
  const seen = new Uint8Array(weight.length);
  const label = new Int32Array(weight.length).fill(-1);
  const pieces: Piece[] = [];
  const stack: number[] = [];
  const [left, right] = [Math.ceil(region.left), Math.floor(region.right)];
  const [top, bottom] = [Math.ceil(region.top), Math.floor(region.bottom)];
  const inside = (column: number, row: number) =>
    column >= left && column < right && row >= top && row < bottom;
  for (let row = top; row < bottom; row++) {
    for (let column = left; column < right; column++) {
      const start = row * width + column;
      if (seen[start] || weight[start] <= 0) continue;
      const members: number[] = [];
      stack.push(start);
      seen[start] = 1;
      while (stack.length > 0) {
        const i = stack.pop()!;
        members.push(i);
        label[i] = pieces.length;
        const x = i % width;
        const y = (i - x) / width;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const j = i + dy * width + dx;
            if (!inside(x + dx, y + dy) || seen[j] || weight[j] <= 0) continue;
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
      pieces.push(shapeOf(members, weight, width));
    }
  }
  return { pieces, label };
}

/** A piece's ink, main axis (from its weighted second moments), ends and width. */
function shapeOf(members: number[], weight: Float32Array, width: number): Piece {
  let ink = 0;
  let sx = 0;
  let sy = 0;
  for (const i of members) {
    const x = (i % width) + 0.5;
    const y = Math.floor(i / width) + 0.5;
    ink += weight[i];
    sx += weight[i] * x;
    sy += weight[i] * y;
  }
  const [cx, cy] = [sx / ink, sy / ink];
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (const i of members) {
    const [ox, oy] = [(i % width) + 0.5 - cx, Math.floor(i / width) + 0.5 - cy];
    xx += weight[i] * ox * ox;
    yy += weight[i] * oy * oy;
    xy += weight[i] * ox * oy;
  }
  // Within ±90°: the axis points right (or straight down).
  const angle = 0.5 * Math.atan2(2 * xy, xx - yy);
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  // The ends: the farthest reach of the solid part along the axis, on the axis.
  let [low, high] = [0, 0];
  for (const i of members) {
    if (weight[i] < SOLID) continue;
    const along = ((i % width) + 0.5 - cx) * dx + (Math.floor(i / width) + 0.5 - cy) * dy;
    low = Math.min(low, along);
    high = Math.max(high, along);
  }
  const span = high - low + 1;
  const thickness = ink / span;
  // The spread along the axis against across it (a square or a dot: 1, whichever way it turns).
  const mean = (xx + yy) / 2;
  const spread = Math.hypot((xx - yy) / 2, xy);
  const elongation = Math.sqrt((mean + spread) / Math.max(mean - spread, 1e-9));
  return {
    ink,
    px: cx,
    py: cy,
    ends: [
      { px: cx + low * dx, py: cy + low * dy },
      { px: cx + high * dx, py: cy + high * dy },
    ],
    dx,
    dy,
    elongation,
    thickness,
  };
}

/** Paints the segment from `a` to `b`, `halfWidth` px either side, antialiased. */
function paintStroke(
  weight: Float32Array,
  width: number,
  height: number,
  region: Box,
  a: { px: number; py: number },
  b: { px: number; py: number },
  halfWidth: number,
): void {
  const [ox, oy] = [b.px - a.px, b.py - a.py];
  const length2 = ox * ox + oy * oy;
  const columns = [Math.min(a.px, b.px) - halfWidth, Math.max(a.px, b.px) + halfWidth];
  const rows = [Math.min(a.py, b.py) - halfWidth, Math.max(a.py, b.py) + halfWidth];
  const [left, right] = [
    Math.max(Math.ceil(region.left), Math.floor(columns[0])),
    Math.min(width, Math.floor(region.right), Math.ceil(columns[1])),
  ];
  const [top, bottom] = [
    Math.max(Math.ceil(region.top), Math.floor(rows[0])),
    Math.min(height, Math.floor(region.bottom), Math.ceil(rows[1])),
  ];
  for (let row = top; row < bottom; row++) {
    for (let column = left; column < right; column++) {
      const [px, py] = [column + 0.5 - a.px, row + 0.5 - a.py];
      const t = length2 > 0 ? Math.max(0, Math.min(1, (px * ox + py * oy) / length2)) : 0;
      const distance = Math.hypot(px - t * ox, py - t * oy);
      const i = row * width + column;
      weight[i] = Math.max(weight[i], Math.min(1, halfWidth + 0.5 - distance));
    }
  }
}
