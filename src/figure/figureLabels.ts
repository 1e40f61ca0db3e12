import type { Rgb } from '../color.js';
import { boxAround, findRuns } from '../math.js';
import type { OcrEngine } from '../ocr/engine.js';
import { profileOf, range, tighten } from '../ocr/labelBoxes.js';
import { readTextLines } from '../ocr/readChartText.js';
import type { Box, Raster } from '../types.js';

const DEFAULTS = {
  /** Text bands are at least this many px thick (thinner ink is a rule or a tick). */
  minBand: 3,
  /** Rows (columns) of ink this close belong to one band. */
  bandGap: 1,
  /** A label's centre within this share of the plots' span of a gutter or of their middle. */
  centred: 0.05,
  /** A line of text has ink along at least this share of its length. */
  inked: 0.6,
  /** A figure's title is at least this many times as long as it is high (`(a)` is a label). */
  titleLength: 4,
} as const;

/** The title and axis labels printed once for all panels of a figure, and where they are. */
export interface FigureLabels {
  title: string | null;
  x: string | null;
  y: string | null;
  /** The texts' boxes: taken out of the panels' crops, which would read pieces of them. */
  boxes: Box[];
}

/**
 * The title and axis labels a figure prints once for its panels (`suptitle`, a facet grid's
 * labels, `supxlabel`). The x label is the last band of text below all `plots` (under their
 * tick labels) when it is one group of words (ink nearly all along it) centred on a gutter
 * between the plots or on their middle, and the y label likewise, turned, left of them. A band
 * of one label per panel is the panels' own. The title is the topmost band above the plots as
 * one group of words, not a panel label's length, where the panels' titles lie between it and
 * the plots or it reaches over a gutter between them. A figure legend must be painted out first;
 * rows from `below` (where a figure legend under the plots starts: its title may stand apart
 * from its box) on are left out.
 */
export async function readFigureLabels(
  image: Raster,
  plots: Box[],
  page: Rgb,
  engine: OcrEngine,
  below: number = image.height,
): Promise<FigureLabels> {
  const around = boxAround(plots);
  const x = outerLabel(
    image,
    page,
    range(Math.ceil(around.bottom) + 1, Math.min(image.height, below) - 1, 1),
    [around.left, around.right],
    'row',
    gutters(plots, 'left', 'right', [around.left, around.right]),
  );
  const y = outerLabel(
    image,
    page,
    range(Math.floor(around.left) - 1, 0, -1),
    [around.top, around.bottom],
    'column',
    gutters(plots, 'top', 'bottom', [around.top, around.bottom]),
  );
  const title = topTitle(image, page, plots);
  const boxes = [title, x, y].filter((box) => box !== null);
  if (boxes.length === 0) return { title: null, x: null, y: null, boxes };
  const read = await readTextLines(engine, image, page, [title, x, y && { ...y, rotate: true }]);
  return { title: title && read[0], x: x && read[1], y: y && read[2], boxes };
}

/** The box of the title a figure prints above all `plots` (see `readFigureLabels`), or null. */
function topTitle(image: Raster, page: Rgb, plots: Box[]): Box | null {
  const around = boxAround(plots);
  const lines = range(Math.floor(around.top) - 1, 0, -1);
  if (lines.length === 0) return null;
  const profile = profileOf(image, page, lines, [0, image.width], 'row');
  const bands = findRuns(profile, DEFAULTS.bandGap, DEFAULTS.minBand);
  const band = bands.at(-1);
  if (!band) return null;
  const [top, bottom] = [lines[band.to], lines[band.from] + 1];
  const across = profileOf(image, page, range(0, image.width - 1, 1), [top, bottom], 'column');
  const groups = findRuns(across, bottom - top, 1);
  if (groups.length !== 1) return null;
  const [start, end] = [groups[0].from, groups[0].to + 1];
  const inked = across.subarray(start, end).filter((n) => n > 0).length;
  if (inked < (end - start) * DEFAULTS.inked) return null;
  if (end - start < (bottom - top) * DEFAULTS.titleLength) return null;
  const topRow = plots.filter((plot) => plot.top < around.top + (plot.bottom - plot.top) / 2);
  const overGutter = gutters(topRow, 'left', 'right', [around.left, around.right])
    .slice(1)
    .some((gutter) => start < gutter && gutter < end);
  if (bands.length < 2 && !overGutter) return null;
  return tighten(image, page, { left: start, right: end, top, bottom });
}

/**
 * The outermost band of text along `lines` (rows below the plots, or columns left of them),
 * across `span`, when another band lies between it and the plots and its ink is one group
 * centred on one of `middles`; its box, or null.
 */
function outerLabel(
  image: Raster,
  page: Rgb,
  lines: number[],
  span: [number, number],
  along: 'row' | 'column',
  middles: number[],
): Box | null {
  if (lines.length === 0) return null;
  const bands = findRuns(
    profileOf(image, page, lines, span, along),
    DEFAULTS.bandGap,
    DEFAULTS.minBand,
  );
  if (bands.length < 2) return null;
  const band = bands[bands.length - 1];
  const [from, to] = [lines[band.from], lines[band.to]].sort((a, b) => a - b);
  const thickness = to - from + 1;
  const across = along === 'row' ? 'column' : 'row';
  const profile = profileOf(
    image,
    page,
    range(Math.floor(span[0]), Math.ceil(span[1]) - 1, 1),
    [from, to + 1],
    across,
  );
  const groups = findRuns(profile, thickness, 1);
  if (groups.length !== 1) return null;
  // a line of text is ink nearly all along (gaps between letters, words); tick labels stacked
  // along a band are apart by more than their height
  const inked = profile.subarray(groups[0].from, groups[0].to + 1).filter((n) => n > 0).length;
  if (inked < (groups[0].to - groups[0].from + 1) * DEFAULTS.inked) return null;
  const start = Math.floor(span[0]) + groups[0].from;
  const end = Math.floor(span[0]) + groups[0].to + 1;
  const reach = (span[1] - span[0]) * DEFAULTS.centred;
  if (!middles.some((middle) => Math.abs((start + end) / 2 - middle) <= reach)) return null;
  const box =
    along === 'row'
      ? { left: start, right: end, top: from, bottom: to + 1 }
      : { left: from, right: to + 1, top: start, bottom: end };
  return tighten(image, page, box);
}

/**
 * The middles of the gaps between the plots along one direction (between their `lo` and `hi`
 * sides) within `span`, and the middle of `span` itself.
 */
function gutters(plots: Box[], lo: 'left' | 'top', hi: 'right' | 'bottom', span: [number, number]) {
  const middles = [(span[0] + span[1]) / 2];
  const sorted = [...plots].sort((a, b) => a[lo] - b[lo]);
  let reached = sorted[0][hi];
  for (const plot of sorted.slice(1)) {
    if (plot[lo] > reached) middles.push((reached + plot[lo]) / 2);
    reached = Math.max(reached, plot[hi]);
  }
  return middles;
}
