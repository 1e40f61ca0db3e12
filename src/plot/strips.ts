import { channelDistance, greyOf, mostCommonColor } from '../color.js';
import type { Raster } from '../types.js';
import type { Line } from './findTicks.js';

const DEFAULTS = {
  /** A strip is at least this many px deep (less is a doubled frame line)... */
  minDepth: 6,
  /** ...and at most this share of the plot's depth across it. */
  maxShare: 0.2,
  /** A pixel this far (0..255 per channel) from the strip's fill is its label's ink. */
  ink: 60,
  /** The label's middle lies within this share of the strip's length of the strip's middle... */
  centred: 0.1,
  /** ...and it covers at most this share of the strip's length. */
  maxLabel: 0.6,
  /** Ink over this share of the strip's depth at one place along it is a line across it. */
  acrossShare: 0.9,
  /** A frame line, and a label's darkest ink, are darker than this grey (0..255). */
  dark: 128,
} as const;

/**
 * Facet strips: ggplot2 prints each panel's name in a band on top of its plot (a facet grid's
 * row names: right of it) that shares the plot's dark frame line: filled grey (found as one
 * thick line) or white between two frame lines (its classic look). Of the lines long enough to
 * be sides (`rows` top to bottom, `columns` left to right; thicker than `maxStroke`: a filled
 * band), the top row (rightmost column) is cut down to its inner edge, or dropped for the next
 * line, where its band is a strip: at most a fifth of the plot deep, holding one dark label
 * centred along it and nothing else. The lines across are cut back to the plot's new side
 * (they ran on as the strip's ends). The label is then read above (right of) the plot.
 */
export function withoutStrips(
  image: Raster,
  rows: Line[],
  columns: Line[],
  reach: number,
  maxStroke: number,
): { rows: Line[]; columns: Line[] } {
  // the plot's depth across the lines: from the first to the last, or the lines across them
  // (an axis line may be missing among them)
  const depth = (lines: Line[]) => {
    const across = lines === rows ? columns : rows;
    return Math.max(
      lines.length > 1 ? lines.at(-1)!.center - lines[0].center : 0,
      across.length > 0
        ? Math.max(...across.map((line) => line.end)) -
            Math.min(...across.map((line) => line.start))
        : 0,
    );
  };
  /** The line the plot's side is, where `outer` bounds a strip; null otherwise. */
  const inside = (
    lines: Line[],
    outer: Line | undefined,
    inner: Line | undefined,
    along: 'row' | 'column',
  ): Line | null => {
    if (!outer) return null;
    const toPlot = along === 'row' ? 1 : -1;
    if (outer.last - outer.first >= maxStroke) {
      // its inner frame line: one of its last two lines (the other anti-aliased)
      const edges = toPlot > 0 ? [outer.last, outer.last - 1] : [outer.first, outer.first + 1];
      const side = edges
        .map((edge) => ({ ...outer, first: edge, last: edge, center: edge + 0.5 }))
        .find((line) => isDark(image, line, along));
      if (!side) return null;
      // the band inside its frame: rows (columns) past the inner frame line hold the plot's
      // grid lines where they meet the frame's anti-aliased edge
      const [from, to] = toPlot > 0 ? [outer.first, side.first] : [side.last + 1, outer.last + 1];
      return isStrip(image, outer, from, to, along, depth(lines), reach) ? side : null;
    }
    if (!inner || !isDark(image, outer, along) || !isDark(image, inner, along)) return null;
    const [a, b] = toPlot > 0 ? [outer, inner] : [inner, outer];
    // The strip's two lines end together; where a facet grid's strips on top and right meet,
    // one of them runs on at one end along the other strip's side, as far as that strip is deep
    // (about as deep as this one).
    const runsOn = reach + (b.first - a.last);
    const [startOff, endOff] = [
      Math.abs(outer.start - inner.start),
      Math.abs(outer.end - inner.end),
    ];
    if (Math.max(startOff, endOff) > runsOn || Math.min(startOff, endOff) > reach) return null;
    // the band is where both lines run (not the corner the other strip's line crosses)
    const band = { ...a, start: Math.max(a.start, b.start), end: Math.min(a.end, b.end) };
    return isStrip(image, band, a.last + 1, b.first, along, depth(lines), reach) ? inner : null;
  };
  const top = inside(rows, rows[0], rows[1], 'row');
  const right = inside(columns, columns.at(-1), columns.at(-2), 'column');
  const keptRows = top ? [top, ...rows.slice(top === rows[1] ? 2 : 1)] : rows;
  const keptColumns = right
    ? [...columns.slice(0, right === columns.at(-2) ? -2 : -1), right]
    : columns;
  return {
    rows: right
      ? keptRows.map((row) => ({ ...row, end: Math.min(row.end, right.last) }))
      : keptRows,
    columns: top
      ? keptColumns.map((column) => ({ ...column, start: Math.max(column.start, top.first) }))
      : keptColumns,
  };
}

/**
 * Whether `line` is drawn dark along its extent (a frame's line; a grid line is light): at each
 * step along it, its darkest row (column) across, as a line drawn between two pixel rows is
 * dark in one and anti-aliased light in the other.
 */
function isDark({ data, width }: Raster, line: Line, along: 'row' | 'column'): boolean {
  const greys: number[] = [];
  for (let k = line.start; k <= line.end; k += 4) {
    let darkest = 255;
    for (let across = line.first; across <= line.last; across++) {
      const at = along === 'row' ? across * width + k : k * width + across;
      darkest = Math.min(darkest, greyOf(data, at * 3));
    }
    greys.push(darkest);
  }
  greys.sort((p, q) => p - q);
  return greys[Math.floor(greys.length / 2)] < DEFAULTS.dark;
}

/**
 * Whether lines `from` to `to` (rows, or columns) along the extent of `line` (less `reach` at
 * each end: the strip's own ends) are a strip: deep enough, at most a fifth of the plot's
 * `plotDepth`, and holding one dark label centred along it on its commonest colour (besides
 * lines along its whole length: its frame).
 */
function isStrip(
  image: Raster,
  line: Line,
  from: number,
  to: number,
  along: 'row' | 'column',
  plotDepth: number,
  reach: number,
): boolean {
  const gap = to - from;
  if (gap < DEFAULTS.minDepth || gap > (plotDepth - gap) * DEFAULTS.maxShare) return false;
  const [start, end] = [line.start + reach, line.end - reach];
  const length = end - start;
  if (length < gap) return false;
  const { data, width } = image;
  const at = (across: number, lengthwise: number) =>
    (along === 'row' ? across * width + lengthwise : lengthwise * width + across) * 3;
  function* band() {
    for (let across = from; across < to; across++) {
      for (let k = start; k <= end; k += 2) yield at(across, k);
    }
  }
  const fill = mostCommonColor(data, band());
  const inked = (across: number, k: number) =>
    channelDistance(data, at(across, k), fill) > DEFAULTS.ink;
  // Lines across the band, from side to side: its own ends' frame, and where a facet grid's
  // strips on top and right meet, the other strip's (its line runs on past this one's end).
  // Glyphs of a label stand within the band's depth.
  // Elsewhere a line across is a grid line: the band is part of the plot, no strip.
  const lineAcross = new Uint8Array(end - start + 1);
  for (let k = start; k <= end; k++) {
    let count = 0;
    for (let across = from; across < to; across++) count += inked(across, k) ? 1 : 0;
    lineAcross[k - start] = count >= gap * DEFAULTS.acrossShare ? 1 : 0;
    const nearEnd = Math.min(k - start, end - k) <= gap + reach;
    if (lineAcross[k - start] && !nearEnd) return false;
  }
  let [first, last, darkest] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 255];
  for (let across = from; across < to; across++) {
    let [lineFirst, lineLast, lineDarkest, count] = [Number.POSITIVE_INFINITY, -1, 255, 0];
    for (let k = start; k <= end; k++) {
      if (lineAcross[k - start] || !inked(across, k)) continue;
      lineFirst = Math.min(lineFirst, k);
      lineLast = Math.max(lineLast, k);
      lineDarkest = Math.min(lineDarkest, greyOf(data, at(across, k)));
      count++;
    }
    // the strip's own frame lines run its whole length
    if (count === 0 || count > length * DEFAULTS.maxLabel) continue;
    first = Math.min(first, lineFirst);
    last = Math.max(last, lineLast);
    darkest = Math.min(darkest, lineDarkest);
  }
  return (
    first <= last &&
    darkest < DEFAULTS.dark &&
    last - first <= length * DEFAULTS.maxLabel &&
    Math.abs((first + last) / 2 - (start + end) / 2) <= length * DEFAULTS.centred
  );
}
