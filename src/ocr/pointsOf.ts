import { columnExtents, INK_ON, type InkImage, type LineGeometry } from './inkImage.js';

const DEFAULTS = {
  /** A point or comma is a piece of ink at most this many cap heights tall and wide... */
  pointSize: 0.32,
  /** ...standing on the baseline (its bottom at most this many cap heights above it)... */
  pointOnBaseline: 0.1,
  /** ...whose core (ink this strong, 4-connected) stands apart from the digits'... */
  pointCore: 0.35,
  /** ...with a digit-tall glyph within this many cap heights on either side. */
  pointNeighbour: 0.6,
  /** A point or comma reaching this many cap heights below the baseline is a comma. */
  commaDepth: 0.085,
} as const;

/** A point or comma found in a line: its pixels (indices) and columns. */
export interface Point {
  pixels: number[];
  from: number;
  to: number;
  char: '.' | ',';
  /** How far its depth below the baseline leans to a comma (> 0) or a point (< 0), in cap
   * heights from the depth that tells them apart. */
  lean: number;
}

/**
 * The points and commas of a line: small cores of ink (4-connected, so the anti-aliased
 * corner of a digit beside them does not join them) standing on the baseline between two
 * digit-tall glyphs, with nothing above most of their columns. At small sizes they share
 * columns with the digits beside them, so no cut between columns sets them apart. A comma
 * is told from a point by how far it reaches below the baseline.
 */
export function pointsOf(ink: InkImage, { capHeight, baseline }: LineGeometry): Point[] {
  const { data, width, height } = ink;
  const piece = new Int32Array(width * height).fill(-1);
  const size = DEFAULTS.pointSize * capHeight + 1;
  const { tops, bottoms } = columnExtents(ink);
  const tall = tops.map((top, column) => top >= 0 && bottoms[column] - top + 1 >= 0.5 * capHeight);
  const points: Point[] = [];
  for (let start = 0; start < data.length; start++) {
    if (data[start] < DEFAULTS.pointCore || piece[start] >= 0) continue;
    const pixels = [start];
    piece[start] = start;
    let [top, bottom, left, right] = [height, -1, width, -1];
    for (let k = 0; k < pixels.length; k++) {
      const i = pixels[k];
      const row = Math.floor(i / width);
      const column = i % width;
      [top, bottom] = [Math.min(top, row), Math.max(bottom, row)];
      [left, right] = [Math.min(left, column), Math.max(right, column)];
      const next = [i - width, i + width, column > 0 ? i - 1 : -1, column < width - 1 ? i + 1 : -1];
      for (const j of next) {
        if (j >= 0 && j < data.length && data[j] >= DEFAULTS.pointCore && piece[j] < 0) {
          piece[j] = start;
          pixels.push(j);
        }
      }
    }
    if (bottom - top + 1 > size || right - left + 1 > size) continue;
    if (bottom + 1 < baseline - DEFAULTS.pointOnBaseline * capHeight) continue;
    let clear = 0;
    for (let column = left; column <= right; column++) {
      let above = false;
      for (let row = 0; row < top && !above; row++) above = data[row * width + column] >= INK_ON;
      if (!above) clear++;
    }
    if (clear * 2 < right - left + 1) continue;
    const reach = DEFAULTS.pointNeighbour * capHeight;
    const beside = (from: number, to: number) => {
      for (let column = Math.max(0, Math.floor(from)); column < Math.min(width, to); column++) {
        if (tall[column]) return true;
      }
      return false;
    };
    if (!beside(left - reach, left) || !beside(right + 1, right + 1 + reach)) continue;
    // The point's faint rim goes with it.
    const rim = new Set(pixels);
    for (const i of pixels) {
      const column = i % width;
      const around = [
        i - width,
        i + width,
        column > 0 ? i - 1 : -1,
        column < width - 1 ? i + 1 : -1,
      ];
      for (const j of around) {
        if (j >= 0 && j < data.length && data[j] < DEFAULTS.pointCore && data[j] > 0) rim.add(j);
      }
    }
    const all = [...rim];
    const lowest = Math.max(...all.map((i) => Math.floor(i / width)));
    const depth =
      lowest + Math.max(...all.filter((i) => Math.floor(i / width) === lowest).map((i) => data[i]));
    const lean = (depth - baseline) / capHeight - DEFAULTS.commaDepth;
    points.push({ pixels: all, from: left, to: right + 1, char: lean >= 0 ? ',' : '.', lean });
  }
  return points.sort((a, b) => a.from - b.from);
}
