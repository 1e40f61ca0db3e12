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
} as const;

/** Axis labels printed once for all panels of a figure, and where they are. */
export interface FigureLabels {
  x: string | null;
  y: string | null;
  /** The labels' boxes: taken out of the panels' crops, which would read pieces of them. */
  boxes: Box[];
}

/**
 * The axis labels a figure prints once for its panels (a facet grid's, `supxlabel`): the x
 * label the last band of text below all `plots` (under their tick labels) when it is one group
 * of words (ink nearly all along it) centred on a gutter between the plots or on their middle,
 * and the y label likewise, turned, left of them. A band of one label per panel is the panels'
 * own. Rows from `below` (a figure legend under the plots) on are left out.
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
  const boxes = [x, y].filter((box) => box !== null);
  if (boxes.length === 0) return { x: null, y: null, boxes };
  const read = await readTextLines(engine, image, page, [x, y && { ...y, rotate: true }]);
  return { x: x && read[0], y: y && read[1], boxes };
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
