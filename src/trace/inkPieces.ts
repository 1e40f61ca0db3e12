import { DEFAULTS as INK, type Ink } from './ink.js';

/** One end of piece `n`: side 0 is its low end along its axis, 1 its high end. */
export interface End {
  n: number;
  side: number;
  end: { px: number; py: number };
}

export interface Piece {
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

/** The length of a piece along its axis, end to end (px). */
export function pieceLength(piece: Piece): number {
  const [a, b] = piece.ends;
  return Math.hypot(b.px - a.px, b.py - a.py);
}

/**
 * Connected pieces (8-neighbours) of the series' pixels in `region`, with their shape, and
 * the index of the piece holding each pixel (-1 for none).
 */
export function findPieces({ weight, width, region }: Ink): { pieces: Piece[]; label: Int32Array } {
  // A pixel is labelled when it is first reached (its piece's index is already known): the
  // labels tell which pixels were seen, without an image-sized array of flags besides.
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
      if (label[start] >= 0 || weight[start] <= 0) continue;
      const members: number[] = [];
      const n = pieces.length;
      stack.push(start);
      label[start] = n;
      while (stack.length > 0) {
        const i = stack.pop()!;
        members.push(i);
        const x = i % width;
        const y = (i - x) / width;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const j = i + dy * width + dx;
            if (!inside(x + dx, y + dy) || label[j] >= 0 || weight[j] <= 0) continue;
            label[j] = n;
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
    if (weight[i] < INK.solid) continue;
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

/**
 * Paints the segment from `a` to `b`, `halfWidth` px either side, antialiased, into `weight`
 * (a mask the size of `ink`), inside its region.
 */
export function paintStroke(
  weight: Float32Array,
  { width, height, region }: Ink,
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
