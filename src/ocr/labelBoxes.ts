import { channelDistance, channelSpread, type Rgb } from '../color.js';
import { findRuns } from '../math.js';
import type { Box, Raster } from '../types.js';

const DEFAULTS = {
  /**
   * A pixel this far (0..255) from the page colour is ink. Text scaled down keeps little of its
   * contrast: a stroke narrower than a pixel is blended with the page, and grey labels (#444 to
   * #666) 5 or 6 px high keep most of their pixels 45 to 100 from it, so at 60 a band of them
   * showed a row or two of ink, and a label's faint glyphs were cut off its box. Light grid
   * lines (#ddd and lighter, 34) stay below it.
   */
  ink: 45,
  /**
   * Ink this colourful (max minus min channel, as a share of its distance from the page) is a
   * series' line or marker spilling past the axis, not text: text is black or grey, and JPEG
   * tints its edges far less. A share, so a marker's anti-aliased edge is as colourful.
   */
  textSaturation: 0.35,
  /**
   * A band with less than this share of its ink black or grey is a series' marks (`colouredBand`):
   * text keeps nearly all of it so, JPEG's tints included.
   */
  textShare: 0.5,
  /** A band whose ink next to the axis is mirrored inside the plot at least this share is spill. */
  spilled: 0.6,
  /** Ink joined to the plot runs on this many px past its side. */
  joinDepth: 2,
  /** Upright text split off a band is at most this many text heights wide (two lines). */
  uprightWidth: 2.5,
  /**
   * A tick label wider than the others (`100%` over `90%`) may reach this share of the text
   * height past the parting, over the upright text's columns (above or below its letters).
   */
  overreach: 0.5,
  /** A column of ink rows this many text heights long is upright text (a turned y label)... */
  uprightRun: 2.5,
  /**
   * ...whose letters' ink is parted by gaps of at most this many rows, or this share of the
   * text height where more (a serif label in a large font spaces its letters wider).
   */
  letterGap: 2,
  letterGapShare: 0.3,
  /** Gaps narrower than this share of the text height are inside one x tick label. */
  labelGap: 0.6,
  /** A glyph whose bottom is this share of the label height above the label's bottom is raised. */
  raised: 0.3,
  /** A band of this many strokes across the y axis or more, none thicker than... */
  tickMarks: 3,
  /**
   * ...this many px (a 1 px tick blurred by JPEG or rescaling) but for a few (`thinMarks`: two
   * minor ticks blurred into one), is tick marks, not text.
   */
  tickMarkThickness: 3,
  thinMarks: 0.8,
  /** A line of a band inked along this share of the axis is the axis' rule. */
  ruleShare: 0.8,
  /** Or two strokes or more, each inked over at least this share of its box, is tick marks. */
  solidStroke: 0.75,
  /**
   * A solid stroke beside the y axis is a tick mark when at most this share of the band's depth
   * thick (ggplot2's ticks drawn large: 9 px thick, 22 long).
   */
  thickTick: 0.5,
  /**
   * A band beside one y tick label alone joins it where at most this many text heights apart
   * (a space in `5 × 10⁻⁴`, wide in a large font)...
   */
  spacedGap: 1,
  /** ...and at most this many text heights wide (`2.5 ×`: a mantissa, a space and the sign)... */
  spacedStart: 3,
  /**
   * ...beside a label of one line, at most this many text heights tall, among two or more
   * (labels stacked tight and boxed as one are no single label, and an upright y label beside
   * them no part of one).
   */
  spacedLine: 1.5,
} as const;

/**
 * How many text pixels (far from the page colour, and not colourful) each of `lines` holds,
 * between `across`; with `coloured`, ink of any colour (a title or an axis label printed in a
 * colour, looked for where no series' marks reach: past the tick labels).
 */
export function profileOf(
  image: Raster,
  page: Rgb,
  lines: number[],
  across: [number, number],
  along: 'row' | 'column',
  coloured = false,
): Uint32Array {
  const profile = new Uint32Array(lines.length);
  const { data, width, height } = image;
  const limit = along === 'row' ? width : height;
  const from = Math.max(0, Math.floor(across[0]));
  const to = Math.min(limit, Math.ceil(across[1]));
  lines.forEach((line, i) => {
    let count = 0;
    for (let j = from; j < to; j++) {
      const o = offsetOf(width, along, line, j);
      if (coloured ? channelDistance(data, o, page) > DEFAULTS.ink : isText(data, o, page)) count++;
    }
    profile[i] = count;
  });
  return profile;
}

/**
 * A level line of text fills most of its band's rows in most columns it inks (digits and
 * capitals their cap height, lowercase its x-height, where the band adds a descender); a
 * slanted one fills a band several times its height, and each column crosses only a piece of
 * it (1.15 times its height at 30°, 1.4 at 45°). Where the columns' ink extent (at
 * `SLANTED_QUANTILE`) is under this share of the band, the text is slanted.
 */
const SLANTED_FILL = 0.5;
/**
 * The columns' ink extent taken at this quantile: a column through the slanted gap between
 * two glyphs, or a glyph's edge, crosses less than the line (30° dates 22 px tall: 17 px at the
 * median, 24 at this quantile), and few columns cross two labels.
 */
const SLANTED_QUANTILE = 0.8;

/**
 * The height of one line of the text in a band (rows `rows`, columns `columns`): the band's
 * height where its text is level, else (slanted text, `SLANTED_FILL`) the ink's extent down the
 * columns that hold ink (`SLANTED_QUANTILE`), which a slanted line's height sets. The band's
 * height where it holds no ink.
 */
export function lineHeight(
  image: Raster,
  page: Rgb,
  rows: [number, number],
  columns: [number, number],
): number {
  const { data, width, height } = image;
  const top = Math.max(0, Math.floor(rows[0]));
  const bottom = Math.min(height, Math.ceil(rows[1]));
  const extents: number[] = [];
  for (
    let column = Math.max(0, Math.floor(columns[0]));
    column < Math.min(width, columns[1]);
    column++
  ) {
    let first = -1;
    let last = -1;
    for (let row = top; row < bottom; row++) {
      if (!isText(data, (row * width + column) * 3, page)) continue;
      if (first < 0) first = row;
      last = row;
    }
    if (first >= 0) extents.push(last - first + 1);
  }
  const band = bottom - top;
  if (extents.length === 0) return band;
  extents.sort((a, b) => a - b);
  const tall = extents[Math.floor(extents.length * SLANTED_QUANTILE)];
  return tall < band * SLANTED_FILL ? tall : band;
}

/** The offset in an image `width` wide of the pixel at `j` along row (or column) `line`. */
function offsetOf(width: number, along: 'row' | 'column', line: number, j: number): number {
  return along === 'row' ? (line * width + j) * 3 : (j * width + line) * 3;
}

/** Whether the pixel at `o` is text: far from the page colour, and black or grey. */
function isText(data: Uint8Array, o: number, page: Rgb): boolean {
  const distance = channelDistance(data, o, page);
  return distance > DEFAULTS.ink && channelSpread(data, o) <= DEFAULTS.textSaturation * distance;
}

/**
 * Whether the ink of a band of text found from a plot's side outwards spills from the plot: the
 * band (`depth` lines deep) starts at the first line scanned (`outer`, next to the axis and its
 * ticks), and most of its ink has its like mirrored across the plot's side (`side`), inside the
 * plot, where a marker centred on the axis has its other half, with no ink just past where the
 * mirrored band ends (a grid line level with a tick label goes on across the plot; a marker
 * ends). Tick labels stand apart from the axis, and a band of them is deeper than the ink
 * mirrored.
 */
export function spillsFromPlot(
  image: Raster,
  page: Rgb,
  outer: number,
  depth: number,
  side: number,
  across: [number, number],
  along: 'row' | 'column',
): boolean {
  const { data, width, height } = image;
  const inward = Math.sign(side - outer);
  // `side` is continuous (the axis line's centre: pixel i spans [i, i+1)), `line` a pixel
  // index: pixel i's centre i + 0.5 mirrors to 2 * side - i - 0.5, the pixel 2 * side - i - 1.
  const mirror = (line: number) => Math.round(2 * side - line - 1);
  const beyond = mirror(outer - inward * (depth - 1)) + inward * 2;
  const limit = along === 'row' ? height : width;
  if (mirror(outer) < 0 || mirror(outer) >= limit || beyond < 0 || beyond >= limit) return false;
  const at = (line: number, j: number) => offsetOf(width, along, line, j);
  const to = Math.min(along === 'row' ? width : height, Math.ceil(across[1]));
  let inked = 0;
  let mirrored = 0;
  for (let k = 0; k < depth; k++) {
    const line = outer - inward * k;
    for (let j = Math.max(0, Math.floor(across[0])); j < to; j++) {
      const o = at(line, j);
      if (!isText(data, o, page)) continue;
      inked++;
      const m = at(mirror(line), j);
      const close = Math.max(...[0, 1, 2].map((c) => Math.abs(data[o + c] - data[m + c])));
      if (isText(data, m, page) && close <= DEFAULTS.ink && !isText(data, at(beyond, j), page)) {
        mirrored++;
      }
    }
  }
  return inked > 0 && mirrored >= inked * DEFAULTS.spilled;
}

/**
 * Whether most of the ink of a band (`lines`, each between `across`) is colourful: a series'
 * marks past the axis (error bars' caps, markers), whose grey JPEG fringes alone pass for text.
 * Tick labels are black or grey, their ink nearly all text (`isText`).
 */
export function colouredBand(
  image: Raster,
  page: Rgb,
  lines: [number, number],
  across: [number, number],
  along: 'row' | 'column',
): boolean {
  const { data, width, height } = image;
  const limit = along === 'row' ? width : height;
  let ink = 0;
  let text = 0;
  for (let line = Math.max(0, lines[0]); line < lines[1]; line++) {
    for (let j = Math.max(0, Math.floor(across[0])); j < Math.min(limit, across[1]); j++) {
      const o = offsetOf(width, along, line, j);
      if (channelDistance(data, o, page) <= DEFAULTS.ink) continue;
      ink++;
      if (isText(data, o, page)) text++;
    }
  }
  return ink > 0 && text < ink * DEFAULTS.textShare;
}

/**
 * Whether the ink of a band of text found from a plot's side outwards is joined to the plot: at
 * most of the rows (or columns) the band holds text, ink runs on unbroken from its first line
 * (`outer`, next to the axis) across the plot's side (`side`) and into the plot (error bars'
 * caps at the plot's edge, a marker cut by the axis). Tick labels stand apart from the axis.
 */
export function joinedToPlot(
  image: Raster,
  page: Rgb,
  outer: number,
  depth: number,
  side: number,
  across: [number, number],
  along: 'row' | 'column',
): boolean {
  const { data, width, height } = image;
  const inward = Math.sign(side - outer);
  const limit = along === 'row' ? height : width;
  const at = (line: number, j: number) => offsetOf(width, along, line, j);
  const inked = (line: number, j: number) =>
    line >= 0 && line < limit && channelDistance(data, at(line, j), page) > DEFAULTS.ink;
  const inside = Math.round(side) + inward * DEFAULTS.joinDepth;
  const to = Math.min(along === 'row' ? width : height, Math.ceil(across[1]));
  let texts = 0;
  let joined = 0;
  for (let j = Math.max(0, Math.floor(across[0])); j < to; j++) {
    let text = false;
    for (let k = 0; k < depth && !text; k++) text = isText(data, at(outer - inward * k, j), page);
    if (!text) continue;
    texts++;
    let line = outer;
    while (line !== inside && inked(line, j)) line += inward;
    if (line === inside) joined++;
  }
  return texts > 0 && joined >= texts * DEFAULTS.spilled;
}

/**
 * Whether a band of ink beside an axis (`band`: its columns beside the y axis, its rows below
 * the x axis; over `extent`, the rows or columns along the axis) holds only the axis' rule and
 * its tick marks: with empty lines and lines that run along nearly all of it taken off its
 * edges, at least three strokes across it, nearly all a stroke's thickness (below the x axis
 * only under a rule: light digits' strokes are as thin), or two or more
 * solid strokes narrower than the band is deep, or nothing (a lone rule). Minor ticks of a log
 * axis drawn apart from a plot with no axis line (Vega-Lite), an axis drawn apart from its plot
 * with its ticks (Vega-Lite's facets, seaborn's `despine(offset=...)`) and ticks whose marks the
 * plot stage did not find (a grey panel's, drawn apart from it) make such a band; digits never
 * do.
 */
export function onlyTickMarks(
  image: Raster,
  page: Rgb,
  band: [number, number],
  extent: [number, number],
  axis: 'x' | 'y' = 'y',
): boolean {
  const [alongRule, alongMarks] =
    axis === 'y' ? (['column', 'row'] as const) : (['row', 'column'] as const);
  const bandLines = range(Math.max(0, Math.floor(band[0])), Math.ceil(band[1]) - 1, 1);
  const cover = profileOf(image, page, bandLines, extent, alongRule);
  const rule = (extent[1] - extent[0]) * DEFAULTS.ruleShare;
  const edge = (k: number) => cover[k] === 0 || cover[k] >= rule;
  let first = 0;
  let last = bandLines.length - 1;
  while (first <= last && edge(first)) first++;
  while (last >= first && edge(last)) last--;
  const ruled = cover.some((c) => c >= rule);
  if (first > last) return ruled;
  const limit = axis === 'y' ? image.height : image.width;
  const marks = range(
    Math.max(0, Math.floor(extent[0])),
    Math.min(limit, Math.ceil(extent[1])) - 1,
    1,
  );
  const across: [number, number] = [bandLines[first], bandLines[last] + 1];
  const profile = profileOf(image, page, marks, across, alongMarks);
  const runs = findRuns(profile, 0);
  const thin = runs.filter((run) => run.to - run.from + 1 <= DEFAULTS.tickMarkThickness);
  // Below the x axis the strokes of light, thin digits are as thin: there, only under a rule.
  const thinMarks =
    runs.length >= DEFAULTS.tickMarks && thin.length >= runs.length * DEFAULTS.thinMarks;
  if (thinMarks && (axis === 'y' || ruled)) return true;
  // thick ticks (at 300 dpi, or a chart drawn large: ggplot2's 9 px ticks beside its grey
  // panel) and a few: solid strokes narrower than the band is deep; no digit is one. Beside
  // the y axis, three or more, each at most `thickTick` of the band's depth thick (a tick is
  // long for its thickness; a tight stack of bold labels could pass for short thick bars).
  const depth = across[1] - across[0];
  const thickest = axis === 'y' ? depth * DEFAULTS.thickTick : depth;
  const solid = (run: { from: number; to: number }) => {
    const wide = run.to - run.from + 1;
    let inked = 0;
    for (let i = run.from; i <= run.to; i++) inked += profile[i];
    return wide < thickest && inked >= wide * depth * DEFAULTS.solidStroke;
  };
  return runs.length >= (axis === 'y' ? DEFAULTS.tickMarks : 2) && runs.every(solid);
}

/** The whole numbers from `from` to `to` (inclusive), `step` apart. */
export function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let i = from; step > 0 ? i <= to : i >= to; i += step) out.push(i);
  return out;
}

/** `box` in whole pixels, inside the image. */
export function clampBox(box: Box, image: Raster): Box {
  return {
    left: Math.max(0, Math.floor(box.left)),
    top: Math.max(0, Math.floor(box.top)),
    right: Math.min(image.width, Math.ceil(box.right)),
    bottom: Math.min(image.height, Math.ceil(box.bottom)),
  };
}

/** Splits a band of tick labels into one box per label, from the ink profile across it. */
export function splitLabels(
  image: Raster,
  page: Rgb,
  band: Box,
  axis: 'x' | 'y',
  textHeight: number,
): Box[] {
  const box = clampBox(band, image);
  const lines =
    axis === 'x' ? range(box.left, box.right - 1, 1) : range(box.top, box.bottom - 1, 1);
  const across: [number, number] = axis === 'x' ? [box.top, box.bottom] : [box.left, box.right];
  const profile = profileOf(image, page, lines, across, axis === 'x' ? 'column' : 'row');
  const gap = axis === 'x' ? Math.max(2, Math.round(textHeight * DEFAULTS.labelGap)) : 1;
  return findRuns(profile, gap).map((part) => {
    const from = lines[part.from];
    const to = lines[part.to] + 1;
    return tighten(
      image,
      page,
      axis === 'x'
        ? { left: from, right: to, top: box.top, bottom: box.bottom }
        : { left: box.left, right: box.right, top: from, bottom: to },
    );
  });
}

/**
 * The bands of text left of the plot (columns `from`..`to`, nearest the plot first) with the
 * y tick labels made whole: thousands grouped by a space (`2 000`) or a spaced product
 * (`9 × 10⁶`) leave a gap in the labels as wide as the one before the y label, so the columns
 * of the next band, from its plot side, whose ink lies only beside two or more of the tick
 * labels (in `rows`) are the start of those labels, as is a whole band close beside one label
 * alone, short as a mantissa and its sign (`spacedGap`, `spacedStart`); the rest of that band
 * (the y label, where it runs close) stays a band of its own.
 */
export function joinSpacedGroups(
  image: Raster,
  page: Rgb,
  bands: { from: number; to: number }[],
  rows: [number, number],
  textHeight: number,
): { from: number; to: number }[] {
  const out = [...bands];
  const { data, width } = image;
  while (out.length > 1) {
    const band = { left: out[0].from, right: out[0].to, top: rows[0], bottom: rows[1] };
    const labels = splitLabels(image, page, band, 'y', textHeight);
    const labelAt = (row: number) =>
      labels.findIndex((box) => row >= box.top - 1 && row < box.bottom + 1);
    const beside = new Set<number>();
    let start = out[1].to;
    for (let column = out[1].to - 1; column >= out[1].from; column--) {
      const touched: number[] = [];
      for (let row = Math.ceil(rows[0]); row <= Math.floor(rows[1]); row++) {
        if (isText(data, (row * width + column) * 3, page)) touched.push(labelAt(row));
      }
      if (touched.includes(-1)) break;
      for (const label of touched) beside.add(label);
      start = column;
    }
    const whole = start === out[1].from;
    // Ink beside one label alone is its start (`5 ×` of `5 × 10⁻⁴`, the only product among the
    // labels `10⁻³ 5 × 10⁻⁴`) where the whole band lies beside it, close (a gap a space wide)
    // and short (a mantissa and its sign), and the label is one line among others: a y label
    // turned upright runs down past the rows of one tick label.
    const alone = labels[[...beside][0]];
    const lone =
      beside.size === 1 &&
      labels.length >= 2 &&
      alone.bottom - alone.top <= textHeight * DEFAULTS.spacedLine &&
      whole &&
      out[0].from - out[1].to <= textHeight * DEFAULTS.spacedGap &&
      out[1].to - out[1].from <= textHeight * DEFAULTS.spacedStart;
    if (beside.size < 2 && !lone) break;
    out.splice(
      0,
      2,
      { from: start, to: out[0].to },
      ...(whole ? [] : [{ from: out[1].from, to: start }]),
    );
    if (!whole) break;
  }
  return out;
}

/**
 * A band of text left of the plot parted where a y label turned upright runs close to the tick
 * labels (small figures): a column of upright text holds ink along a run of rows far longer
 * than a tick label is tall. Returns the tick labels' part (nearest the plot) first, then the
 * rest; the band alone when it holds no such column, or nothing else.
 */
export function apartFromUpright(
  image: Raster,
  page: Rgb,
  band: { from: number; to: number },
  rows: [number, number],
  textHeight: number,
): { from: number; to: number }[] {
  const { data, width } = image;
  const longest = DEFAULTS.uprightRun * textHeight;
  const letterGap = Math.max(DEFAULTS.letterGap, Math.round(textHeight * DEFAULTS.letterGapShare));
  const inked = (row: number, column: number) =>
    channelDistance(data, (row * width + column) * 3, page) > DEFAULTS.ink;
  const top = Math.ceil(rows[0]);
  const bottom = Math.floor(rows[1]);
  const overreach = Math.round(textHeight * DEFAULTS.overreach);
  const blankColumn = (column: number) => {
    for (let row = top; row <= bottom; row++) if (inked(row, column)) return false;
    return true;
  };
  for (let column = band.to - 1; column >= band.from; column--) {
    const run = longRun(column);
    if (!run) continue;
    // The upright text: the run and any ink within a text height of it, in its columns; the
    // parting is the first column past it that is blank or holds ink beyond its rows (a tick
    // label's: the upright letters' tips stay within them)...
    const span = { ...run };
    let cut = column + 1;
    let firstTip = Number.POSITIVE_INFINITY;
    for (;;) {
      for (
        let k = nearInk(band.from, cut, span.from, -1);
        k > 0;
        k = nearInk(band.from, cut, span.from, -1)
      ) {
        span.from -= k;
      }
      for (
        let k = nearInk(band.from, cut, span.to, 1);
        k > 0;
        k = nearInk(band.from, cut, span.to, 1)
      ) {
        span.to += k;
      }
      const reach = { from: span.from - letterGap, to: span.to + letterGap };
      if (cut >= band.to || blankColumn(cut)) break;
      if (!inkWithin(cut, cut + 1, reach)) {
        // The tip of one tick label wider than the others, above or below the upright text,
        // over its last letters' columns (`100%` over `90%`): the parting is past them.
        const tip = cut - firstTip < overreach && inkIn(cut, reach) && oneSide(cut, cut + 1, reach);
        if (!tip) break;
        firstTip = Math.min(firstTip, cut);
      }
      cut++;
    }
    // ...where all the ink before it lies along the upright text, but for the tip of a wider
    // tick label: tick labels that reach as far out (`0.0008` beside `Value`) leave the band
    // whole.
    // A turned line of text is a line high: a wider piece is tick labels stacked tight, whose
    // digits run on down a column from label to label (`1.3×10⁷` over `1.2×10⁷`).
    if (cut >= band.to || cut - band.from > DEFAULTS.uprightWidth * textHeight) return [band];
    const tipFrom = Math.max(band.from, Math.min(cut, firstTip) - overreach);
    if (!inkWithin(band.from, tipFrom, span) || !oneSide(tipFrom, cut, span)) return [band];
    return [
      { from: cut, to: band.to },
      { from: band.from, to: cut },
    ];
  }
  return [band];

  /** How far (rows) from `row`, going `step`, the next ink in columns `from`..`to` (exclusive)
   * within a text height is; 0 for none. */
  function nearInk(from: number, to: number, row: number, step: 1 | -1): number {
    for (let k = 1; k <= textHeight; k++) {
      const at = row + step * k;
      if (at < top || at > bottom) return 0;
      for (let column = from; column < to; column++) if (inked(at, column)) return k;
    }
    return 0;
  }

  /** The rows of a run of ink in `column` far longer than a tick label is tall, or null. */
  function longRun(column: number): { from: number; to: number } | null {
    let from = -1;
    let last = -1;
    for (let row = top; row <= bottom + 1; row++) {
      const on = row <= bottom && inked(row, column);
      if (on && (from < 0 || row - last - 1 > letterGap)) {
        if (from >= 0 && last - from + 1 > longest) return { from, to: last };
        from = row;
      }
      if (on) last = row;
    }
    return from >= 0 && last - from + 1 > longest ? { from, to: last } : null;
  }

  /**
   * Whether the ink in columns `from`..`to` (exclusive) outside the rows of `span` lies on one
   * side of them only (above, or below): one tick label's, where tick labels stand on both.
   */
  function oneSide(from: number, to: number, span: { from: number; to: number }): boolean {
    const inkAcross = (rows: { from: number; to: number }) => {
      for (let column = from; column < to; column++) if (inkIn(column, rows)) return true;
      return false;
    };
    return (
      !inkAcross({ from: top, to: span.from - 1 }) || !inkAcross({ from: span.to + 1, to: bottom })
    );
  }

  /** Whether `column` holds ink within the rows of `span`. */
  function inkIn(column: number, span: { from: number; to: number }): boolean {
    for (let row = Math.max(top, span.from); row <= Math.min(bottom, span.to); row++) {
      if (inked(row, column)) return true;
    }
    return false;
  }

  /** Whether the ink in columns `from`..`to` (exclusive) lies within the rows of `span`. */
  function inkWithin(from: number, to: number, span: { from: number; to: number }): boolean {
    for (let row = top; row <= bottom; row++) {
      if (row >= span.from && row <= span.to) continue;
      for (let column = from; column < to; column++) if (inked(row, column)) return false;
    }
    return true;
  }
}

/**
 * A y label turned upright among the tick labels' columns (Plotly sets it beside the widest
 * label at the axis' middle, and a wider one above or below it reaches past its side): no
 * column parts the two, but each tick label ends at the band's plot side. The tick labels are
 * found from the ink in the band's last `textHeight` columns, each grown leftwards over gaps
 * narrower than `labelGap` text heights; the rest of the band's text (`band`, its columns;
 * `rows`), where it runs down at least `uprightRun` text heights and is at most `uprightWidth`
 * text heights wide, is the upright label. Returns its box, or null.
 */
export function uprightAmongTicks(
  image: Raster,
  page: Rgb,
  band: { from: number; to: number },
  rows: [number, number],
  textHeight: number,
): Box | null {
  const { data, width } = image;
  const top = Math.max(0, Math.ceil(rows[0]));
  const bottom = Math.min(image.height - 1, Math.floor(rows[1]));
  if (bottom <= top || band.to - band.from < 2) return null;
  const text = (row: number, column: number) => isText(data, (row * width + column) * 3, page);
  const lines = range(top, bottom, 1);
  const edge: [number, number] = [Math.max(band.from, band.to - Math.ceil(textHeight)), band.to];
  const labels = findRuns(profileOf(image, page, lines, edge, 'row'), 1);
  // where each row's tick label begins (its text is the tick label's right of it)
  const labelFrom = new Int32Array(lines.length).fill(band.to);
  const gap = Math.max(2, Math.round(textHeight * DEFAULTS.labelGap));
  for (const label of labels) {
    let left = edge[0];
    for (let column = edge[0] - 1, blank = 0; column >= band.from && blank <= gap; column--) {
      let ink = false;
      for (let k = label.from; k <= label.to && !ink; k++) ink = text(lines[k], column);
      if (ink) {
        left = column;
        blank = 0;
      } else blank++;
    }
    labelFrom.fill(left, label.from, label.to + 1);
  }
  // the rest: its rows' longest run, over gaps of up to a text height (a space between words)
  const rest = new Uint32Array(lines.length);
  lines.forEach((row, k) => {
    for (let column = band.from; column < labelFrom[k]; column++) {
      if (text(row, column)) rest[k]++;
    }
  });
  const runs = findRuns(rest, Math.round(textHeight));
  if (runs.length === 0) return null;
  const run = runs.reduce((a, b) => (b.to - b.from > a.to - a.from ? b : a));
  if (run.to - run.from + 1 < DEFAULTS.uprightRun * textHeight) return null;
  let left = band.to;
  let right = band.from;
  for (let k = run.from; k <= run.to; k++) {
    for (let column = band.from; column < labelFrom[k]; column++) {
      if (!text(lines[k], column)) continue;
      left = Math.min(left, column);
      right = Math.max(right, column + 1);
    }
  }
  if (right - left > DEFAULTS.uprightWidth * textHeight) return null;
  return { left, right, top: lines[run.from], bottom: lines[run.to] + 1 };
}

/** The darkest value (the largest channel, 0..255) of the pixels in `box`. */
export function darkestIn({ data, width }: Raster, box: Box): number {
  let darkest = 255;
  for (let row = box.top; row < box.bottom; row++) {
    for (let o = (row * width + box.left) * 3; o < (row * width + box.right) * 3; o += 3) {
      darkest = Math.min(darkest, Math.max(data[o], data[o + 1], data[o + 2]));
    }
  }
  return darkest;
}

/** Shrinks a box to the ink inside it. */
export function tighten(image: Raster, page: Rgb, box: Box, ink: number = DEFAULTS.ink): Box {
  let left = box.right;
  let right = box.left;
  let top = box.bottom;
  let bottom = box.top;
  for (let row = box.top; row < box.bottom; row++) {
    for (let column = box.left; column < box.right; column++) {
      if (channelDistance(image.data, (row * image.width + column) * 3, page) > ink) {
        left = Math.min(left, column);
        right = Math.max(right, column + 1);
        top = Math.min(top, row);
        bottom = Math.max(bottom, row + 1);
      }
    }
  }
  return right > left ? { left, right, top, bottom } : box;
}

/**
 * Splits a label into its base and a raised exponent (`10` and `-3` of 10^-3), from where
 * the glyphs' bottoms jump up at the end of the label. Returns null when nothing is raised.
 */
export function splitExponent(
  image: Raster,
  page: Rgb,
  label: Box,
): { base: Box; exponent: Box } | null {
  const height = label.bottom - label.top;
  const bottoms: number[] = [];
  for (let column = label.left; column < label.right; column++) {
    let lowest = -1;
    for (let row = label.bottom - 1; row >= label.top && lowest < 0; row--) {
      if (channelDistance(image.data, (row * image.width + column) * 3, page) > DEFAULTS.ink)
        lowest = row;
    }
    bottoms.push(lowest);
  }
  const raisedBelow = label.bottom - height * DEFAULTS.raised;
  let split = bottoms.length;
  while (split > 0 && (bottoms[split - 1] < 0 || bottoms[split - 1] < raisedBelow)) split--;
  // An exponent is a glyph group of its own: it starts after an empty column. The raised
  // columns before that belong to the base (the curve of a 0, the overhang of a 7's bar).
  while (split < bottoms.length && bottoms[split] >= 0) split++;
  const raised = bottoms.slice(split).filter((b) => b >= 0);
  if (split === 0 || raised.length < 2) return null;
  const base = tighten(image, page, { ...label, right: label.left + split });
  const exponent = tighten(image, page, { ...label, left: label.left + split });
  return { base, exponent };
}
