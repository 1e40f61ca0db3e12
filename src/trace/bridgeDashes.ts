import { percentile } from '../math.js';
import type { LineStyle } from '../types.js';
import { DEFAULTS as INK, type Ink } from './ink.js';
import { type End, findPieces, type Piece, paintStroke, pieceLength } from './inkPieces.js';

const DEFAULTS = {
  /** A dashed or dotted line shows as at least this many separate dashes or dots. */
  minDashes: 8,
  /** Pieces lighter than this (pixel weights summed) are specks (noise), not dashes. */
  minDashInk: 1.5,
  /** At least this share of the series' ink lies in dashes (or dots) when the line is dashed. */
  dashedShare: 0.6,
  /** Dashes within this share of the typical dash's length (dots: of its ink) are alike (and no wider than this share over the typical width is straight)... */
  alike: 0.3,
  /** ...and a line is dashed when at least this share of its dashes are (pieces of a broken solid line vary). */
  regularShare: 0.6,
  /** A dash is at most this share of the region's width long (longer pieces are solid lines). */
  maxDashShare: 0.1,
  /** Gaps up to this many times the typical gap (dots: spacing) are bridged (a crossing series widens one). */
  gapFactor: 2,
  /** A gap with a corner in it is bridged up to this many times the typical gap, round the corner... */
  cornerFactor: 1.5,
  /** ...plus this many px, for the rounding of short gaps (and of dots) to whole pixels. */
  gapSlack: 1.5,
  /** A piece this many times longer than wide has a direction: its bridges leave along it. */
  elongated: 1.5,
  /** A bridge leaves an elongated dash at most this far off its direction (cosine of the angle). */
  minAlign: Math.cos(Math.PI / 4),
  /** Ink this far (px) beyond half a line's width off a dash's axis is still ahead of it. */
  aheadSlack: 1,
  /** Dashes meeting at a corner in a gap turn by at least this much (sine of the angle). */
  minTurnSine: 0.2,
  /** The typical gap between dashes is at most this many dash lengths (loosely dashed: 2). */
  maxGapLengths: 4,
} as const;

/** A piece with no direction of its own: a dot. */
const isRound = (piece: Piece) => piece.elongation < DEFAULTS.elongated;

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
 * Returns the mask to trace (`ink`: a new mask, or `ink.weight` itself when nothing is
 * bridged) and the line's style: 'dashed' or 'dotted' when its dashes or dots were bridged,
 * else 'solid'.
 */
export function bridgeDashes(ink: Ink): { ink: Float32Array; style: LineStyle } {
  const { weight, region } = ink;
  const { pieces: all, label } = findPieces(ink);
  const pieces = all.filter((p) => p.ink >= DEFAULTS.minDashInk);
  const total = pieces.reduce((sum, p) => sum + p.ink, 0);
  const maxLength = (region.right - region.left) * DEFAULTS.maxDashShare;
  const dashes = pieces.filter(
    (p) => pieceLength(p) <= maxLength && p.elongation >= DEFAULTS.elongated,
  );
  const dashInk = dashes.reduce((sum, p) => sum + p.ink, 0);
  if (dashes.length < DEFAULTS.minDashes || dashInk < total * DEFAULTS.dashedShare) {
    const dotted = bridgeDots(ink, pieces, total, isRound);
    return { ink: dotted, style: dotted === weight ? 'solid' : 'dotted' };
  }
  // Dashes are all alike in length; a solid line broken up (by noise, or by a grid drawn
  // over it) breaks into pieces of any length.
  const typicalLength = percentile(dashes.map(pieceLength), 0.5);
  const alike = dashes.filter(
    (p) => Math.abs(pieceLength(p) - typicalLength) < typicalLength * DEFAULTS.alike,
  );
  if (alike.length < dashes.length * DEFAULTS.regularShare) return { ink: weight, style: 'solid' };
  const thickness = percentile(
    dashes.map((p) => p.thickness),
    0.5,
  );
  // A straight dash is as wide as the line. A wider piece is a dash bent round a sharp
  // vertex, a longer one dashes run together (the two sides of a sharp vertex touch there):
  // the ends of their axis are not where their dashes end.
  const straight = (piece: Piece) =>
    piece.elongation >= DEFAULTS.elongated &&
    pieceLength(piece) < typicalLength * (1 + DEFAULTS.alike) &&
    piece.thickness < thickness * (1 + DEFAULTS.alike);
  const ends: End[] = pieces.flatMap((piece, n) =>
    straight(piece) ? piece.ends.map((end, side) => ({ n, side, end })) : [],
  );
  // Bridges start from whole straight dashes: a piece cut short (where another series
  // crosses) has no sure direction. They may end at any piece.
  const whole = new Set(alike.filter(straight));
  const links = ends
    .filter(({ n }) => whole.has(pieces[n]))
    .map((from) => ({ from, link: nearestEnd(pieces, ends, from) }));
  const gaps = links.flatMap(({ link }) => (link ? [link.distance] : []));
  if (gaps.length < DEFAULTS.minDashes) return { ink: weight, style: 'solid' };
  const typicalGap = percentile(gaps, 0.5);
  // Dashes follow each other closely along their axes. Pieces whose nearest piece along
  // their axis lies many of their lengths off are dots, a pixel or two long, whose axes
  // are the pixel grid's, not the line's (a thin dotted line).
  if (typicalGap > typicalLength * DEFAULTS.maxGapLengths) {
    const short = new Set(dashes);
    const dotted = bridgeDots(ink, pieces, total, (p) => isRound(p) || short.has(p));
    return { ink: dotted, style: dotted === weight ? 'solid' : 'dotted' };
  }
  const maxGap = typicalGap * DEFAULTS.gapFactor + DEFAULTS.gapSlack;
  const cornerGap = typicalGap * DEFAULTS.cornerFactor + DEFAULTS.gapSlack;
  // The dash pattern runs on along the line: past a whole dash the next begins one gap on.
  // A gap looks longer only where a series drawn over the line hides part of a dash beside
  // it, which then looks as much shorter.
  const hidden = (n: number) => Math.max(0, typicalLength - pieceLength(pieces[n]));
  const gapAfter = (from: End, to?: End) =>
    Math.min(maxGap, typicalGap + DEFAULTS.gapSlack + hidden(from.n) + (to ? hidden(to.n) : 0));
  const out = Float32Array.from(weight);
  // Pieces whose ends are not where a dash's would be (see `straight`): ink a dash may run
  // on into.
  const index = new Map(pieces.map((piece, n) => [piece, n]));
  const known = new Set(ends.map(({ n }) => n));
  const endless = new Set(pieces.map((_, n) => n).filter((n) => !known.has(n)));
  const ahead = (from: End, within: number) =>
    inkAhead(ink, outward(pieces, from), from.end, within, thickness, (i) => {
      const n = index.get(all[label[i]]);
      return n !== undefined && endless.has(n);
    });
  for (const { from, link } of links) {
    const to = ahead(from, Math.min(gapAfter(from), link?.distance ?? maxGap));
    if (to) {
      paintStroke(out, ink, from.end, to, thickness / 2);
      continue;
    }
    if (link && link.distance <= gapAfter(from, link.to)) {
      paintStroke(out, ink, from.end, link.to.end, thickness / 2);
      continue;
    }
    const turn = corner(pieces, ends, from, cornerGap);
    if (!turn) continue;
    paintStroke(out, ink, from.end, turn.at, thickness / 2);
    paintStroke(out, ink, turn.to.end, turn.at, thickness / 2);
  }
  // A dash cut short at a sharp vertex (its other part is in the gap) still points along
  // the line: it is joined straight on to touching dashes ahead, as whole dashes are.
  for (const from of ends) {
    if (whole.has(pieces[from.n])) continue;
    const to = ahead(from, gapAfter(from));
    if (to) paintStroke(out, ink, from.end, to, thickness / 2);
  }
  return { ink: out, style: 'dashed' };
}

/** The nearest end of another piece onwards out of `from`'s dash, and how far it is. */
function nearestEnd(pieces: Piece[], ends: End[], from: End) {
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
    if (distance > 0 && ((ox * piece.dx + oy * piece.dy) * out) / distance < DEFAULTS.minAlign) {
      continue;
    }
    best = to;
    bestDistance = distance;
  }
  return best && { to: best, distance: bestDistance };
}

/** The direction out of a piece at one of its ends. */
function outward(pieces: Piece[], { n, side }: End) {
  const sign = side === 0 ? -1 : 1;
  return { dx: pieces[n].dx * sign, dy: pieces[n].dy * sign };
}

/**
 * The line turned in a gap: the dashes on either side, extended, meet at the vertex. The
 * dash pattern runs along the line, so the gap is as long round the corner: up to `cornerGap`.
 */
function corner(pieces: Piece[], ends: End[], from: End, cornerGap: number) {
  const u = outward(pieces, from);
  let best: { at: { px: number; py: number }; to: End } | null = null;
  let bestReach = Number.POSITIVE_INFINITY;
  for (const to of ends) {
    if (to.n === from.n) continue;
    const v = outward(pieces, to);
    const det = v.dx * u.dy - u.dx * v.dy;
    if (Math.abs(det) < DEFAULTS.minTurnSine) continue;
    const [ox, oy] = [to.end.px - from.end.px, to.end.py - from.end.py];
    const s = (v.dx * oy - v.dy * ox) / det;
    const t = (u.dx * oy - u.dy * ox) / det;
    if (s < 0 || t < 0 || s + t > cornerGap || s + t >= bestReach) continue;
    best = { at: { px: from.end.px + s * u.dx, py: from.end.py + s * u.dy }, to };
    bestReach = s + t;
  }
  return best;
}

/**
 * A dash's end is joined onwards, straight along it (`u`), to the ink of a piece it may run
 * into (`into(i)` for pixel i): the first solid pixel of one met within `within` px along the
 * dash's axis carried on and within a line's width of it. Where it is, or null.
 */
function inkAhead(
  { weight, width, region }: Ink,
  u: { dx: number; dy: number },
  { px, py }: { px: number; py: number },
  within: number,
  thickness: number,
  into: (i: number) => boolean,
): { px: number; py: number } | null {
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
      if (weight[i] < INK.solid) continue;
      if (!into(i)) continue;
      const [ox, oy] = [column + 0.5 - px, row + 0.5 - py];
      const along = ox * u.dx + oy * u.dy;
      if (
        along <= 0 ||
        along > nearest ||
        Math.abs(oy * u.dx - ox * u.dy) > thickness / 2 + DEFAULTS.aheadSlack
      )
        continue;
      nearest = along;
      found = true;
    }
  }
  return found ? { px: px + nearest * u.dx, py: py + nearest * u.dy } : null;
}

/**
 * A dotted line is a row of dots alike in size, each on the line: each dot is joined to
 * the next in x, within twice the typical spacing (of nearest neighbours: one dot may be
 * hidden), by a stroke as wide as the dots, round the corner where the line turned
 * between them. `isDot` tells the pieces that may be dots. `weight` itself when the series is
 * not dotted.
 */
function bridgeDots(
  ink: Ink,
  pieces: Piece[],
  total: number,
  isDot: (piece: Piece) => boolean,
): Float32Array {
  const { weight } = ink;
  const round = pieces.filter(isDot);
  const typicalInk = percentile(
    round.map((p) => p.ink),
    0.5,
  );
  const dots = round.filter((p) => Math.abs(p.ink - typicalInk) < typicalInk * DEFAULTS.alike);
  const dotInk = dots.reduce((sum, p) => sum + p.ink, 0);
  if (dots.length < DEFAULTS.minDashes || dotInk < total * DEFAULTS.dashedShare) return weight;
  if (dots.length < round.length * DEFAULTS.regularShare) return weight;
  const apart = (a: Piece, b: Piece) => Math.hypot(b.px - a.px, b.py - a.py);
  // The spacing of the dots: how far each lies from its nearest neighbour.
  const nearest = dots.flatMap((dot) => {
    const distances = round.filter((other) => other !== dot).map((other) => apart(dot, other));
    return distances.length > 0 ? [Math.min(...distances)] : [];
  });
  const spacing = percentile(nearest, 0.5);
  const maxGap = spacing * DEFAULTS.gapFactor + DEFAULTS.gapSlack;
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
    .filter((p) => p.ink > typicalInk * (1 - DEFAULTS.alike))
    .sort((a, b) => a.px - b.px);
  // A round dot's axis runs any way: its centre is both its ends.
  const side = (piece: Piece, right: boolean) => {
    if (isRound(piece)) return piece;
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
        Math.abs(det) >= DEFAULTS.minTurnSine &&
        s > 0 &&
        t > 0 &&
        apartRound <= spacing * DEFAULTS.cornerFactor + DEFAULTS.gapSlack
      ) {
        const at = { px: from.px + s * u.dx, py: from.py + s * u.dy };
        paintStroke(out, ink, from, at, halfWidth);
        paintStroke(out, ink, at, to, halfWidth);
        return;
      }
    }
    paintStroke(out, ink, from, to, halfWidth);
  });
  return out;
}
