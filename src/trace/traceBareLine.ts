import { percentile } from '../math.js';
import type { LineStyle, PixelPoint } from '../types.js';
import { bridgeDashes } from './bridgeDashes.js';
import {
  blobPoints,
  type ColumnRun,
  columnRuns,
  followRuns,
  rowRunWeights,
  runEdges,
} from './columnRuns.js';
import { fitToInk } from './fitToInk.js';
import { fitVertices } from './fitVertices.js';
import type { Ink } from './ink.js';
import { refineVertices } from './refineVertices.js';

const DEFAULTS = {
  /** The line's thickness is read where it is flattest (columns) or steepest (rows): a low percentile of its runs. */
  thicknessShare: 0.3,
  /** Points on each side of a traced point that give the line's direction there. */
  directionSpan: 2,
  /** A blob (error bar, marker) is told by the plain line this many line heights either side of it. */
  blobReach: 8,
  /** A stretch cut off from the line on both sides is an excursion when at most this many columns long... */
  excursionColumns: 16,
  /** ...and this many line heights (plus excursionSlack px) off the bridge between its neighbours. */
  excursionHeights: 3,
  excursionSlack: 3,
  /**
   * A cap's end of a line (the columns past an error bar at the line's first or last point)
   * is a line height or so thick: runs up to this many line heights (plus 2 px) tall.
   */
  capHeights: 2,
  /**
   * A column whose run holds ink deeper (px from the nearest pixel not of the series) than
   * this share of the line's thickness, plus `deepSlack` px, and than `deepMin` px, is in a
   * blob the line passes through: a marker (not found as one) or an error bar is solid
   * further in than a line of that thickness, whose middle lies half its thickness deep and
   * whose sharpest joins a whole thickness deep (at 0.6 thickness, the development set's
   * thick overlapping and dashed lines lost their joins' fits). A thin dense line's strokes,
   * a vertex every column or so, overlap into patches up to 5 px deep: `deepMin` keeps them
   * out (at 3 px, the development set's dense charts fell 0.02 to 0.05). 95 seed-2 zoo charts
   * losing most trace points: 0.6676 -> 0.6745, 9 better, 2 worse (0.686 at 0.6 thickness +
   * 0.5 px, 3 px least, with the development set at 0.968).
   */
  deepShare: 1,
  deepSlack: 1,
  deepMin: 5.5,
} as const;

/** A bare line followed through the columns of its (bridged) ink, before it is fitted. */
export interface FollowedLine {
  /** The series' ink with the gaps of a dashed line bridged. */
  ink: Ink;
  /** One point per traced column, left to right, at the centre of the run followed. */
  line: PixelPoint[];
  /** The run each point was traced from. */
  runs: ColumnRun[];
  /** Share of the traced x span where the line was seen. */
  coverage: number;
  /** The line's height across a column where flattest (px). */
  thickness: number;
  /** The stroke's width across its direction (px). */
  across: number;
  /** Drawn solid, dashed or dotted. */
  style: LineStyle;
}

/**
 * Follows a bare line through the columns, a dashed one with its gaps bridged: from each
 * column's runs (`runsByColumn`, of the unbridged ink), the one nearest the previous column's.
 */
export function followLine(ink: Ink, runsByColumn: ColumnRun[][]): FollowedLine {
  const { ink: bridged, style } = bridgeDashes(ink);
  const lineInk = bridged === ink.weight ? ink : { ...ink, weight: bridged };
  const left = Math.ceil(ink.region.left);
  const lineRuns =
    lineInk === ink ? runsByColumn : runsByColumn.map((_, k) => columnRuns(lineInk, left + k));
  const followed = followRuns(ink.region, (k) => lineRuns[k]);
  const thickness = percentile(
    [...lineRuns.flat().map((run) => run.weight), ...rowRunWeights(lineInk)],
    DEFAULTS.thicknessShare,
  );
  const { line, runs: chosenRuns } = dropEndCaps(
    dropExcursions(followed.line, followed.chosenRuns, thickness),
    thickness,
    (point) => lineRuns[point.px - 0.5 - left] ?? [],
  );
  const coverage = followed.coverage * (line.length / Math.max(1, followed.line.length));
  return {
    ink: lineInk,
    line,
    runs: chosenRuns,
    coverage,
    thickness,
    across: acrossWidth(line, chosenRuns),
    style,
  };
}

/**
 * Where the line is missing from a few columns (hidden under a marker, another series, an
 * error bar's middle), the run nearest it there may be something else of its colour: an error
 * bar's cap, a marker's edge, a speck. Such a stretch is cut off from the line on both sides
 * (its runs do not touch the runs of the columns beside it, each stretch there longer than it)
 * and lies far off the straight bridge between them: it is dropped, leaving a gap. `runs[i]`
 * is the run `line[i]` was traced from. Returns the points and runs kept.
 */
export function dropExcursions(
  line: PixelPoint[],
  runs: ColumnRun[],
  thickness: number,
): { line: PixelPoint[]; runs: ColumnRun[] } {
  // Stretches of touching runs in consecutive columns, as [first, last] indices.
  const stretches: [number, number][] = [];
  for (let i = 0; i < line.length; i++) {
    const joined =
      i > 0 &&
      line[i].px - line[i - 1].px === 1 &&
      runs[i].from <= runs[i - 1].to + 1 &&
      runs[i].to >= runs[i - 1].from - 1;
    if (joined) stretches.at(-1)![1] = i;
    else stretches.push([i, i]);
  }
  const far = DEFAULTS.excursionHeights * thickness + DEFAULTS.excursionSlack;
  const columns = ([first, last]: [number, number]) => line[last].px - line[first].px + 1;
  const dropped = new Set<number>();
  for (let s = 1; s < stretches.length - 1; s++) {
    const [first, last] = stretches[s];
    // The line on either side is longer than the excursion: markers of a scatter stay.
    const length = columns(stretches[s]);
    if (
      length > DEFAULTS.excursionColumns ||
      columns(stretches[s - 1]) <= length ||
      columns(stretches[s + 1]) <= length
    )
      continue;
    const before = line[stretches[s - 1][1]];
    const after = line[stretches[s + 1][0]];
    const off = (point: PixelPoint) =>
      Math.abs(
        point.py -
          (before.py + ((point.px - before.px) / (after.px - before.px)) * (after.py - before.py)),
      );
    const offs = line.slice(first, last + 1).map(off);
    if (Math.min(...offs) > far) for (let i = first; i <= last; i++) dropped.add(i);
  }
  if (dropped.size === 0) return { line, runs };
  const keep = (_: unknown, i: number) => !dropped.has(i);
  return { line: line.filter(keep), runs: runs.filter(keep) };
}

/**
 * A line whose first or last point is drawn with an error bar ends at the bar's middle, but
 * the bar's cap reaches past it: followed from that end, the trace ran along the cap at the
 * bar's top or bottom, then through the bar (the point there jumping from a cap to the line's
 * end: the series' end read a bar's half-length off). Where, within `excursionColumns` of an
 * end, the trace meets a run taller than an excursion's reach (an error bar), the columns
 * before it all hold runs no thicker than a cap and spanning the same rows (flat), lying at
 * one of the bar's ends, with the other end's cap in the same columns (within a line height),
 * and the line leaves the bar from inside it (more than a line height from both its
 * ends), those columns are the cap: dropped, and so are the bar's columns but its middle one,
 * where the line ends, at the bar's centre (traced across the bar's width, the line's end was
 * fitted to the bar's ends).
 * `runs[i]` is the run `line[i]` was traced from.
 */
export function dropEndCaps(
  { line, runs }: { line: PixelPoint[]; runs: ColumnRun[] },
  thickness: number,
  runsAt: (point: PixelPoint) => ColumnRun[],
): { line: PixelPoint[]; runs: ColumnRun[] } {
  const n = line.length;
  const start = capColumns(line, runs, thickness, runsAt);
  const end = capColumns(line.slice().reverse(), runs.slice().reverse(), thickness, runsAt);
  if (!start && !end) return { line, runs };
  const dropped = new Uint8Array(n);
  if (start) for (let i = 0; i < start[1]; i++) dropped[i] = i === start[0] ? 0 : 1;
  if (end) for (let i = 0; i < end[1]; i++) dropped[n - 1 - i] = i === end[0] ? 0 : 1;
  const keep = (_: unknown, i: number) => !dropped[i];
  return { line: line.filter(keep), runs: runs.filter(keep) };
}

/**
 * Where the start of `line` (traced from `runs`) runs along an error bar's cap into the bar:
 * the bar's middle column (index), where the line ends, and the first column past the bar.
 * Null where it does not.
 */
function capColumns(
  line: PixelPoint[],
  runs: ColumnRun[],
  thickness: number,
  runsAt: (point: PixelPoint) => ColumnRun[],
): [middle: number, past: number] | null {
  const far = DEFAULTS.excursionHeights * thickness + DEFAULTS.excursionSlack;
  const cap = DEFAULTS.capHeights * thickness + 2;
  const height = (run: ColumnRun) => run.to + 1 - run.from;
  const near = (i: number) => Math.abs(line[i].px - line[0].px) <= DEFAULTS.excursionColumns;
  let bar = 1;
  while (bar < line.length && near(bar) && height(runs[bar]) <= far) bar++;
  if (bar >= line.length || !near(bar)) return null;
  const { from, to, center } = runs[bar];
  // The bar may be a few columns wide: the line leaves it past its last column.
  let past = bar;
  while (
    past < line.length &&
    Math.abs(runs[past].from - from) <= 1 &&
    Math.abs(runs[past].to - to) <= 1
  )
    past++;
  if (past >= line.length) return null;
  const leaves = line[past].py;
  if (leaves <= from + thickness || leaves >= to + 1 - thickness) return null;
  // Outermost, the cap at the bar's top or bottom; then maybe the line's own end past the
  // bar's middle (its round cap, a join), at the bar's centre.
  const thin = (i: number) => height(runs[i]) <= cap;
  const along = (end: number) => {
    let i = 0;
    while (i < bar && thin(i) && Math.abs(line[i].py - end) <= thickness + 1) i++;
    return i;
  };
  const [onTop, onBottom] = [along(from), along(to + 1)];
  const capped = Math.max(onTop, onBottom);
  if (capped === 0) return null;
  // A bar has a cap at both ends: each cap column holds the other one too (a noisy line's
  // flat end beside a spike holds nothing at the spike's other end).
  const other = onTop >= onBottom ? to + 1 : from;
  const both = line
    .slice(0, capped)
    .every((point) => runsAt(point).some((run) => Math.abs(run.center - other) <= thickness + 1));
  if (!both) return null;
  // A cap is flat: its runs span the same rows (a triangle's base, growing towards its apex
  // column, is a marker).
  const flat = runs
    .slice(0, capped)
    .every((run) => Math.abs(run.from - runs[0].from) <= 1 && Math.abs(run.to - runs[0].to) <= 1);
  if (!flat) return null;
  for (let i = capped; i < bar; i++)
    if (!thin(i) || Math.abs(line[i].py - center) > thickness + 1) return null;
  // The line's end is the bar's middle column: the bar's other columns go too.
  return [Math.floor((bar + past - 1) / 2), past];
}

/**
 * Traces a bare line: the followed line's extremes sharpened, each point fitted within its
 * column's ink and every corner redrawn against the ink, both but in blobs the line passes
 * through (error bars, markers not found: there a line's drawing cannot match the ink, and
 * its fit zigzags across the blob to cover it), the straight strokes refitted. `dist` is the
 * series' ink's depth (distanceMap): blobs are told by it, and by their runs' heights against
 * their neighbours' (blobPoints). Returns the points, left to right, one per traced column.
 */
export function traceBareLine(
  { ink, line, runs, thickness, across }: FollowedLine,
  dist: Float32Array,
): PixelPoint[] {
  const { weight, width } = ink;
  const spans = runs.map((run, i) => runEdges(run, weight, width, line[i].px - 0.5));
  const blobs = blobPoints(line, spans, thickness, DEFAULTS.blobReach * thickness);
  const deep = Math.max(DEFAULTS.deepShare * thickness + DEFAULTS.deepSlack, DEFAULTS.deepMin);
  // A pixel `d` deep has ink all round it out to `d` px: the columns that near it are the blob's.
  const reach = runs.map((run, i) => {
    const depth = deepestIn(run, line[i].px - 0.5, dist, width);
    return depth > deep ? depth : 0;
  });
  reach.forEach((d, i) => {
    for (let j = i; j >= 0 && line[i].px - line[j].px < d; j--) blobs[j] = 1;
    for (let j = i; j < line.length && line[j].px - line[i].px < d; j++) blobs[j] = 1;
  });
  sharpenExtremes(line, spans, thickness, blobs);
  const fitted = fitToInk(line, spans, thickness, ink, blobs);
  // Refitted corners may lie between column centres: a blob's columns are whole pixels.
  const inBlobs = new Set(
    line.filter((_, i) => blobs[i] === 1).map((point) => Math.floor(point.px)),
  );
  // The stroke's width across it; the run height where flattest bounds it.
  return fitVertices(
    refineVertices(fitted, thickness, ink),
    Math.min(thickness, across),
    ink,
    (point) => inBlobs.has(Math.floor(point.px)),
  );
}

/** The greatest depth (`dist`) of the pixels of `run` in `column`. */
function deepestIn(run: ColumnRun, column: number, dist: Float32Array, width: number): number {
  let deepest = 0;
  for (let row = run.from; row <= run.to; row++)
    deepest = Math.max(deepest, dist[row * width + column]);
  return deepest;
}

/**
 * At a narrow peak or valley the line turns inside one column: the column's run spans both
 * sides, and its centre lies well below the peak (above the valley). There the line's centre
 * is half a line width inside the run's outer edge. `line[i]` was traced from the run whose
 * rows are `spans[i]`. In a blob the line passes through (`blobs`: an error bar, a marker)
 * the centre stays.
 */
function sharpenExtremes(
  line: PixelPoint[],
  spans: { top: number; bottom: number }[],
  thickness: number,
  blobs: Uint8Array,
): void {
  const centers = line.map((point) => point.py);
  for (let i = 1; i < line.length - 1; i++) {
    const { top, bottom } = spans[i];
    if (bottom - top <= thickness + 1) continue;
    if (line[i - 1].px !== line[i].px - 1 || line[i + 1].px !== line[i].px + 1) continue;
    if (blobs[i]) continue;
    const [before, after] = [centers[i - 1], centers[i + 1]];
    if (before > centers[i] && after > centers[i]) line[i].py = top + thickness / 2;
    else if (before < centers[i] && after < centers[i]) line[i].py = bottom - thickness / 2;
  }
}

/**
 * The line's width across its direction: the median over traced columns of the colour in the
 * column's run, times the cosine of the line's slope there. Markers only add to a few columns'
 * runs, and JPEG's faint specks beside the line, which split runs, do not shrink it.
 */
function acrossWidth(line: PixelPoint[], runs: ColumnRun[]): number {
  const widths = line.map((_, i) => {
    const [a, b] = [
      line[Math.max(0, i - DEFAULTS.directionSpan)],
      line[Math.min(line.length - 1, i + DEFAULTS.directionSpan)],
    ];
    const slope = b.px > a.px ? (b.py - a.py) / (b.px - a.px) : 0;
    return runs[i].weight / Math.hypot(1, slope);
  });
  return percentile(widths, 0.5);
}
