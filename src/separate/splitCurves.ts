import { optimalAssignment, percentile } from '../math.js';
import type { Box } from '../types.js';

/** How one curve is drawn: the lengths (px, along the curve) of its inked stretches and gaps. */
export interface CurveStyle {
  /** Typical length of an inked stretch (a dash, a dot; the whole curve when solid). */
  on: number;
  /** Typical length of a gap (0 when solid). */
  off: number;
  /** Share of the curve's length that shows no ink. */
  gapShare: number;
  /**
   * How unlike its inked stretches are (dashStretchSpread): about 0 where they are one length
   * (dashed, dotted), large where long dashes take turns with dots (dash-dot). Absent where
   * too few stretches show to tell.
   */
  spread?: number;
}

/**
 * The share of a pattern's stretches below which its short ones (a dash-dot's dots) lie, and
 * above which its long ones (its dashes) do: a dash-dot is half dots, half dashes; a dashed
 * curve's few stretches cut short where another curve crosses it stay below the share.
 */
const SPREAD_SHARE = 0.2;

/** A dash-dot pattern shows its mix in two dashes and a dot between: three stretches at least. */
const MIN_SPREAD_STRETCHES = 3;

/**
 * How unlike the inked stretches of a dash pattern are (`on`: their lengths, px): the log of
 * the ratio of its long stretches to its short ones (a pixel added to each: a dot is a pixel
 * or two). A dash-dot pattern alternates dashes and dots; a dashed or dotted one repeats one
 * stretch, and a solid one is one stretch, so both spread about 0: what tells a dash-dot from
 * a dashed curve whose dashes are as long as its mean stretch.
 */
export function dashStretchSpread(on: readonly number[]): number | undefined {
  // Fewer stretches (a short legend sample's) tell nothing of how they alternate.
  if (on.length < MIN_SPREAD_STRETCHES) return undefined;
  return Math.log((percentile(on, 1 - SPREAD_SHARE) + 1) / (percentile(on, SPREAD_SHARE) + 1));
}

/** One curve of a colour drawn several times: its pixels' weights and how it is drawn. */
export interface Curve {
  weight: Float32Array;
  style: CurveStyle;
}

export interface SplitOptions {
  /** How many curves share the colour (from the legend); null to find out from the ink. */
  count: number | null;
  /**
   * Boxes (a legend in the plot) no curve is followed from: a column across one is no start
   * where one of its runs reaches the box's rows (its samples and words, or a curve it hides);
   * its columns' runs above and below it are curves as anywhere. @default []
   */
  exclude?: Box[];
}

interface Run {
  from: number;
  to: number;
  center: number;
  mass: number;
}

interface Track {
  /** Last position (py) and where (column) it was seen, and the slope (py per column). */
  py: number;
  column: number;
  slope: number;
  /** The column where it last had a run of its own (not shared with another curve). */
  own: number;
  /**
   * Where it went into a run it shared: another curve in that run, and which side of it
   * (-1 above, 1 below) it was expected on.
   */
  met: { other: number; side: number } | null;
  /** Columns seen so far, in sweep order, with the run each took (shared where curves meet). */
  seen: { column: number; run: Run; shared: boolean }[];
}

/** Tuning of `splitCurves`. */
const SPLIT = {
  /** Without a legend, several curves are there when at least this share of the inked columns holds several runs... */
  minMultiShare: 0.3,
  /** ...each at least this many line widths from the next. */
  minSeparation: 2,
  /** A run this many times the line's width holds two curves meeting (a crossing). */
  merged: 1.6,
  /** A track takes a run at most this many line widths (plus the slope's drift) from where it is expected. */
  gate: 2.5,
  /** The gate widens by this many px per column since the curve last had a run of its own. */
  drift: 0.5,
  /** The slope follows new columns by this share (the rest is what it was). */
  slopeFollow: 0.5,
  /** A track unseen for this many columns stops being extrapolated: it ended. */
  maxGap: 60,
  /** The most curves one colour is split into. */
  maxCount: 8,
  /**
   * A curve unseen for this many line widths (and at least as many columns), longer than any
   * dash pattern's gap, was lost where it turned sharply (a dotted curve's sparse dots, a
   * dash's end read as a turn): it takes up again the nearest stroke no other curve took.
   */
  lostAfter: 12,
  /** A run this near (px) a legend's box may be its samples' or words' ink. */
  legendMargin: 2,
  /** Following is tried from at most this many starts, each at least the plot's width over this from another... */
  starts: 4,
  /** ...and the start best apart is kept unless its curves take less than this share of another's ink. */
  heldNearly: 0.9,
  /**
   * A thin dotted curve's dots lie at most this many line widths apart (ggplot2's and
   * matplotlib's dotted patterns leave gaps of 1.6 to 3 widths; JPEG and rescaling add one).
   * So far from where a dotted curve was last seen, in any direction, its next dot lies past a
   * steep turn.
   */
  dotGap: 4,
  /**
   * Where two curves meet, each one's dash style is measured this many line widths (at least
   * SPLIT.minStyleWindow px) before and after, two periods of the longest common patterns
   * (ggplot2's dot-dash: 11 widths)...
   */
  styleWindow: 24,
  minStyleWindow: 24,
  /** ...leaving out this many line widths on either side, where their ink runs together. */
  meetingAside: 3,
  /** Curves that met are swapped back when that makes their styles alike by this much more. */
  swapMargin: 0.15,
  /**
   * Steeper than this many rows a column, a curve's dash gap (a few px along it) spans less
   * than a column and leaves none empty: it falls inside the columns, between runs that share
   * no row. Flatter, a gap empties whole columns.
   */
  steepGap: 1,
  /** A run with less ink than this share of the line's is a speck. */
  speck: 0.5,
  /** Without a legend, more curves than commonly seen are tried where this share of the inked columns shows them... */
  minCountShare: 0.1,
  /** ...and kept where each has a run of its own in this share of the columns. */
  minOwn: 0.1,
} as const;

/** Weighted runs of ink in one column, top to bottom. */
function columnRuns(weight: Float32Array, width: number, column: number, region: Box): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  let moment = 0;
  const top = Math.ceil(region.top);
  const bottom = Math.floor(region.bottom);
  for (let row = top; row <= bottom; row++) {
    const w = row < bottom ? weight[row * width + column] : 0;
    if (w > 0) {
      current ??= { from: row, to: row, center: 0, mass: 0 };
      current.to = row;
      current.mass += w;
      moment += w * (row + 0.5);
    } else if (current) {
      current.center = moment / current.mass;
      runs.push(current);
      current = null;
      moment = 0;
    }
  }
  return runs;
}

/**
 * Splits the ink of one colour into the curves drawn in it, when several series share the
 * colour and are told apart only by their dash pattern or their markers. Curves are followed
 * column by column from the column where they are best apart, each expected where its slope
 * carries it: a run goes to the curve expecting it nearest; a run as thick as two lines is
 * where two curves meet, and is given to both; a curve with no run near (a dash's gap, a
 * hidden stretch) is carried on along its slope.
 *
 * Returns one weight mask per curve (top to bottom where they start apart) with its dash
 * style, or null when the ink shows one curve (or `count` curves cannot be told apart).
 */
export function splitCurves(
  weight: Float32Array,
  width: number,
  region: Box,
  { count, exclude = [] }: SplitOptions,
): Curve[] | null {
  const left = Math.ceil(region.left);
  const right = Math.floor(region.right);
  const all: Run[][] = [];
  for (let column = left; column < right; column++) {
    all.push(columnRuns(weight, width, column, region));
  }
  // Specks (a dotted grid's dots, a dark line's pale edge through JPEG) are no pieces of
  // curves: runs joined to none in a column beside, or with less ink than SPLIT.speck of the
  // line's (whose width is that of the joined runs: specks can outnumber them).
  const strokes = all.map((column, c) =>
    column.filter((run) => joined(run, all[c - 1]) || joined(run, all[c + 1])),
  );
  const masses = strokes.flat().map((run) => run.mass);
  if (masses.length === 0) return null;
  const lineWidth = Math.max(1, percentile(masses, 0.5));
  // A thin dotted curve's dots are a column wide, joined to none beside: they are strokes
  // where dots as heavy follow one another (a lone speck has none near).
  const dots = all.map((column, c) =>
    column.filter((run) => run.mass >= lineWidth * SPLIT.speck && !strokes[c].includes(run)),
  );
  const reach = Math.ceil(lineWidth * SPLIT.dotGap) + 1;
  dots.forEach((column, c) => {
    for (const run of column) {
      if (nearDot(run, dots, c, reach)) strokes[c].push(run);
    }
    strokes[c].sort((a, b) => a.from - b.from);
  });
  // How many curves there are, and where to start, are decided without specks; once followed,
  // a curve takes the specks on its way (the ends of its dots and dashes).
  const runs = strokes.map((column) => column.filter((run) => run.mass >= lineWidth * SPLIT.speck));
  const apart = (column: Run[]) =>
    column.every(
      (run, i) => i === 0 || run.center - column[i - 1].center >= lineWidth * SPLIT.minSeparation,
    );
  // Without a legend, the most curves the ink shows in enough columns are tried first, then
  // fewer: dashed and dotted curves leave gaps, so all of them show in few columns at once.
  const counts = count !== null ? [count] : curveCounts(runs, apart);
  // More curves than the commonest count: each must be a curve of its own in enough columns
  // (not a track riding along another's, or following a hollow marker's rim).
  const own = (track: Track) => ownColumns(track) >= runs.length * SPLIT.minOwn;
  let tracks: Track[] | null = null;
  for (const k of counts) {
    tracks = followCurves(k, runs, all, lineWidth, left, region, exclude, count !== null);
    if (tracks && (k === counts.at(-1) || tracks.every(own))) break;
    tracks = null;
  }
  if (!tracks) return null;
  unswap(tracks, lineWidth);
  const curves = tracks.map((track) => ({
    weight: new Float32Array(weight.length),
    style: styleOf(track, lineWidth),
  }));
  tracks.forEach((track, t) => {
    for (const { column, run } of track.seen) {
      for (let row = run.from; row <= run.to; row++) {
        const i = row * width + left + column;
        curves[t].weight[i] = weight[i];
      }
    }
  });
  return curves;
}

/**
 * The tracks of `k` curves: followed from the columns where k runs of the line's width are
 * farthest apart, unless the curves followed from there take clearly less ink than from
 * another column best apart in its part of the plot (where other ink, text, passed for
 * curves); null when no column shows k curves apart.
 */
function followCurves(
  k: number,
  runs: Run[][],
  all: Run[][],
  lineWidth: number,
  left: number,
  region: Box,
  exclude: Box[],
  retake: boolean,
): Track[] | null {
  if (k < 2 || k > SPLIT.maxCount) return null;
  const across = exclude.filter((box) => box.top < region.bottom && box.bottom > region.top);
  const candidates: { c: number; gap: number }[] = [];
  runs.forEach((column, c) => {
    const x = left + c + 0.5;
    // A legend read as wider than it is (its row of entries across the plot) takes no columns
    // whose curves pass above or below it.
    const covered = (box: Box) =>
      x >= box.left &&
      x < box.right &&
      all[c].some(
        (run) =>
          run.to + 1 + SPLIT.legendMargin > box.top && run.from - SPLIT.legendMargin < box.bottom,
      );
    if (across.some(covered)) return;
    if (column.length !== k || column.some((run) => run.mass > lineWidth * SPLIT.merged)) return;
    let gap = Number.POSITIVE_INFINITY;
    for (let i = 1; i < k; i++) gap = Math.min(gap, column[i].center - column[i - 1].center);
    if (gap >= lineWidth * SPLIT.minSeparation) candidates.push({ c, gap });
  });
  candidates.sort((a, b) => b.gap - a.gap || a.c - b.c);
  const spacing = runs.length / SPLIT.starts;
  const starts: number[] = [];
  for (const { c } of candidates) {
    if (starts.length === SPLIT.starts) break;
    if (starts.every((other) => Math.abs(other - c) >= spacing)) starts.push(c);
  }
  if (starts.length === 0) return null;
  // Where a lost curve may be taken up again: strokes (no specks), none in a legend's box.
  // Only when told how many curves there are: a count guessed from the ink (too many where a
  // series' markers show runs apart) is refuted by its tracks ending soon or holding little
  // ink, and a track riding a marker's rim that took up the next marker, and the next, would
  // span the plot as a curve (one grey line with crosses split in three).
  const inLegend = (run: Run, c: number) =>
    across.some(
      (box) =>
        left + c + 0.5 >= box.left - SPLIT.legendMargin &&
        left + c + 0.5 < box.right + SPLIT.legendMargin &&
        run.to + 1 + SPLIT.legendMargin > box.top &&
        run.from - SPLIT.legendMargin < box.bottom,
    );
  const free = retake ? runs.map((column, c) => column.filter((run) => !inLegend(run, c))) : null;
  const tried = starts.map((start) => followFrom(start, runs[start], all, lineWidth, free));
  const held = tried.map(heldInk);
  const most = Math.max(...held);
  return tried[held.findIndex((ink) => ink >= most * SPLIT.heldNearly)];
}

/** The columns where a track had a run of its own (not shared with another curve). */
function ownColumns(track: Track): number {
  return track.seen.filter(({ shared }) => !shared).length;
}

/**
 * Tracks of the curves whose runs are `first` at column `start`, followed both ways across
 * `all`; a lost curve is taken up again on `strokes` (per column, the runs it may take), if
 * given.
 */
function followFrom(
  start: number,
  first: Run[],
  all: Run[][],
  lineWidth: number,
  strokes: Run[][] | null,
): Track[] {
  const tracks: Track[] = first.map((run) => ({
    py: run.center,
    column: start,
    slope: 0,
    own: start,
    met: null,
    seen: [{ column: start, run, shared: false }],
  }));
  for (const direction of [1, -1] as const) {
    for (const track of tracks) {
      track.py = track.seen[0].run.center;
      track.column = start;
      track.own = start;
      track.met = null;
      track.slope = 0;
    }
    for (let c = start + direction; c >= 0 && c < all.length; c += direction) {
      follow(tracks, all[c], c, lineWidth);
      if (strokes) takeUp(tracks, strokes[c], c, lineWidth);
    }
  }
  return tracks;
}

/** The ink the tracks took (a run two took, once). */
function heldInk(tracks: Track[]): number {
  const runs = new Set<Run>();
  for (const track of tracks) for (const { run } of track.seen) runs.add(run);
  let ink = 0;
  for (const run of runs) ink += run.mass;
  return ink;
}

/**
 * Whether another dot (`dots`: runs joined to none beside) lies within `reach` columns of
 * `run` (in column `c`) and `reach` rows of its centre, as a dotted curve's next dot does.
 */
function nearDot(run: Run, dots: Run[][], c: number, reach: number): boolean {
  for (let d = 1; d <= reach; d++) {
    for (const other of [dots[c - d], dots[c + d]]) {
      if (other?.some((dot) => Math.abs(dot.center - run.center) <= reach)) return true;
    }
  }
  return false;
}

/** Whether a run shares a row with one of `column`'s runs (none beyond the region). */
function joined(run: Run, column: Run[] | undefined): boolean {
  return column?.some((other) => other.from <= run.to && other.to >= run.from) ?? false;
}

/**
 * How many curves the ink may show, with no legend to say, most first: from the most runs, well
 * apart, that at least SPLIT.minCountShare of the inked columns hold, down to the commonest
 * number among the columns holding several (tried last). None unless enough columns hold
 * several.
 */
function curveCounts(runs: Run[][], apart: (column: Run[]) => boolean): number[] {
  const inked = runs.filter((column) => column.length > 0);
  const multi = inked.filter((column) => column.length > 1 && apart(column));
  if (multi.length === 0 || multi.length < inked.length * SPLIT.minMultiShare) return [];
  const counts = new Map<number, number>();
  for (const column of multi) counts.set(column.length, (counts.get(column.length) ?? 0) + 1);
  const commonest = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
  const held = (n: number) => multi.filter((column) => column.length >= n).length;
  const most = Math.max(...counts.keys());
  const out: number[] = [];
  for (let n = most; n > commonest; n--) {
    if (held(n) >= inked.length * SPLIT.minCountShare) out.push(n);
  }
  return [...out, commonest];
}

/** How far (px) a run lies from the rows between `low` and `high` (0 when it reaches them). */
function runDistance(run: Run, low: number, high: number): number {
  return Math.max(0, run.from - high, low - run.to - 1);
}

/** Moves every track on to column `c`: each takes the run nearest where it is expected. */
function follow(tracks: Track[], column: Run[], c: number, lineWidth: number): void {
  const expected = tracks.map((track) => track.py + track.slope * (c - track.column));
  const live = tracks.map((track) => Math.abs(c - track.column) <= SPLIT.maxGap);
  // Pairs of (track, run) by distance, nearest first; each track takes one run, and a run
  // goes to one track unless it is thick enough to be two curves meeting.
  const pairs: { t: number; r: number; distance: number }[] = [];
  tracks.forEach((track, t) => {
    if (!live[t]) return;
    // Unsure where it went since it last showed on its own, the wider it looks.
    const gate =
      lineWidth * SPLIT.gate + Math.abs(track.slope) + SPLIT.drift * Math.abs(c - track.own);
    // Past a gap the curve may have turned at a data point on the way (a line chart bends at
    // each), anywhere from going straight on to going flat from where it was last seen: it
    // may take a run anywhere in between, when no curve expecting it nearer takes it.
    const [low, high] = [track.py, expected[t]].sort((a, b) => a - b);
    column.forEach((run, r) => {
      const distance = runDistance(run, expected[t], expected[t]);
      if (runDistance(run, low, high) <= gate) pairs.push({ t, r, distance });
    });
  });
  pairs.sort(
    (a, b) =>
      a.distance - b.distance ||
      Math.abs(expected[a.t] - column[a.r].center) - Math.abs(expected[b.t] - column[b.r].center),
  );
  const taken = new Map<number, number[]>();
  const placed = new Set<number>();
  for (const { t, r } of pairs) {
    if (placed.has(t)) continue;
    const users = taken.get(r) ?? [];
    if (users.length > 0 && column[r].mass < lineWidth * SPLIT.merged * users.length) continue;
    users.push(t);
    taken.set(r, users);
    placed.add(t);
  }
  // A curve expected inside a run another took runs along it there (touching, or hidden
  // under it): the run is both curves'.
  tracks.forEach((_, t) => {
    if (!live[t] || placed.has(t)) return;
    const r = column.findIndex((run) => expected[t] >= run.from && expected[t] <= run.to + 1);
    if (r >= 0 && taken.has(r)) {
      taken.get(r)!.push(t);
      placed.add(t);
    }
  });
  // A dotted or dashed curve that turned steeply at a data point in a gap of its pattern
  // shows again past the gate, which expects it between flat and straight on: its next dot
  // (dash) lies within a gap's length of where it was last seen, whichever way it turned.
  // A run no curve took, that near, and nearer it than where any other curve is expected, is
  // its next piece.
  const gapReach = lineWidth * SPLIT.dotGap + 1;
  tracks.forEach((track, t) => {
    if (!live[t] || placed.has(t)) return;
    let best = -1;
    let bestDistance = gapReach;
    column.forEach((run, r) => {
      // A dot or a dash end: a line's width of ink, not a speck nor a marker.
      if (taken.has(r) || run.mass < lineWidth * SPLIT.speck || run.mass > lineWidth * SPLIT.merged)
        return;
      const distance = Math.hypot(c - track.column, runDistance(run, track.py, track.py));
      if (distance > bestDistance) return;
      const nearer = tracks.some(
        (_, u) => u !== t && live[u] && runDistance(run, expected[u], expected[u]) < distance,
      );
      if (!nearer) [best, bestDistance] = [r, distance];
    });
    if (best >= 0) {
      taken.set(best, [t]);
      placed.add(t);
    }
  });
  for (const [r, users] of taken) {
    const run = column[r];
    const shared = users.length > 1;
    for (const t of users) {
      const track = tracks[t];
      const hidden = track.own !== track.column;
      if (shared && !hidden) {
        const other = users.find((u) => u !== t)!;
        track.met = { other, side: Math.sign(expected[t] - expected[other]) };
      }
      // Where curves meet, the run's centre is neither's: each goes on as it went.
      const py = shared ? expected[t] : run.center;
      // Coming out on the other side of a curve it crossed, it was only supposed to be where
      // it went in the run they shared: a step from there would read a few pixels' miss as a
      // turn as steep as the crossing, and send it off along the other curve. The flatter of
      // the two goes on as it went (the steeper one's slope, carried over the stretch, may
      // miss by much). Out on the side it went in, the two touched and parted: the miss is
      // their turn.
      const met = track.met;
      const crossed =
        !shared &&
        hidden &&
        met !== null &&
        Math.abs(track.slope) <= Math.abs(tracks[met.other].slope) &&
        Math.sign(run.center - expected[met.other]) === -met.side;
      if (!crossed) {
        const step = c - track.column;
        track.slope =
          SPLIT.slopeFollow * ((py - track.py) / step) + (1 - SPLIT.slopeFollow) * track.slope;
      }
      track.py = py;
      track.column = c;
      if (!shared) track.own = c;
      track.seen.push({ column: c, run, shared });
    }
  }
}

/**
 * Curves lost (unseen for longer than a dash pattern's gap: SPLIT.lostAfter line widths) take
 * up the strokes in column `c` no curve took, each the one nearest where it was last seen: a
 * curve that turned sharply where its ink was sparse (a dotted curve's dots) left its track
 * going straight on, and the gate never reached its ink again. Changes `tracks` in place.
 */
function takeUp(tracks: Track[], strokes: Run[], c: number, lineWidth: number): void {
  const lost = Math.max(SPLIT.lostAfter, SPLIT.lostAfter * lineWidth);
  const lostTracks = tracks.filter((track) => track.column !== c && Math.abs(c - track.own) > lost);
  if (lostTracks.length === 0 || strokes.length === 0) return;
  const took = new Set<Run>();
  for (const track of tracks) {
    const last = track.seen.at(-1);
    if (track.column === c && last) took.add(last.run);
  }
  // Ink beside a run another curve took is that curve's (a noisy line's other runs, a
  // marker's rim): none to take up.
  const reach = lineWidth * SPLIT.gate;
  const free = strokes.filter(
    (run) => ![...took].some((other) => runDistance(run, other.from, other.to) <= reach),
  );
  if (free.length === 0) return;
  for (const track of lostTracks) {
    let best = -1;
    free.forEach((run, r) => {
      if (best < 0 || Math.abs(run.center - track.py) < Math.abs(free[best].center - track.py)) {
        best = r;
      }
    });
    if (best < 0) return;
    const [run] = free.splice(best, 1);
    track.py = run.center;
    track.slope = 0;
    track.column = c;
    track.own = c;
    track.met = null;
    track.seen.push({ column: c, run, shared: false });
  }
}

/**
 * Where two curves meet (touch, or cross in a gap of one's dashes), following may have
 * swapped them: each went on along the other's ink. A curve keeps its dash pattern all along,
 * so where the two tracks' stretches on either side of a meeting read as drawn the other way
 * (solid before, dotted after), their parts past it are swapped back. Changes `tracks` in
 * place.
 */
function unswap(tracks: Track[], lineWidth: number): void {
  const reach = lineWidth * SPLIT.gate;
  const window = Math.max(SPLIT.styleWindow * lineWidth, SPLIT.minStyleWindow);
  const aside = Math.ceil(lineWidth * SPLIT.meetingAside);
  for (const track of tracks) track.seen.sort((a, b) => a.column - b.column);
  // Meetings of every pair, left to right: columns where both are seen within a line's reach
  // of each other, or where they change sides between two columns both are seen in.
  const meetings: { column: number; a: number; b: number }[] = [];
  tracks.forEach((_, a) => {
    for (let b = a + 1; b < tracks.length; b++) {
      const at = new Map(tracks[b].seen.map(({ column, run }) => [column, run.center]));
      let last: { column: number; side: number } | null = null;
      let from = -1;
      let to = -1;
      const close = () => {
        if (from >= 0) meetings.push({ column: Math.round((from + to) / 2), a, b });
        from = -1;
      };
      for (const { column, run } of tracks[a].seen) {
        const other = at.get(column);
        if (other === undefined) continue;
        const d = run.center - other;
        const crossed = last !== null && Math.sign(d) !== last.side && d !== 0;
        if (Math.abs(d) <= reach || crossed) {
          if (from < 0 || column - to > aside) {
            close();
            from = crossed && last ? last.column : column;
          }
          to = column;
        } else if (column - to > aside) close();
        if (d !== 0) last = { column, side: Math.sign(d) };
      }
      close();
    }
  });
  meetings.sort((x, y) => x.column - y.column);
  // Which track holds, past the meetings handled so far, the tail each track started with.
  const holder = tracks.map((_, t) => t);
  for (const { column, a: ta, b: tb } of meetings) {
    const [a, b] = [holder[ta], holder[tb]];
    const part = (t: number, lo: number, hi: number) => {
      const seen = tracks[t].seen.filter(({ column: c, shared }) => !shared && c >= lo && c < hi);
      // Too little of it seen there (it ended, or was hidden) to tell how it is drawn.
      if (seen.length < 2 || seen.at(-1)!.column - seen[0].column < (hi - lo) / 2) return null;
      return styleOf({ ...tracks[t], seen }, lineWidth);
    };
    const before = [
      part(a, column - window, column - aside),
      part(b, column - window, column - aside),
    ];
    const after = [
      part(a, column + aside, column + window),
      part(b, column + aside, column + window),
    ];
    if (![...before, ...after].every((style) => style !== null)) continue;
    const [a0, b0, a1, b1] = [...before, ...after] as CurveStyle[];
    const kept = styleDistance(a0, a1, window) + styleDistance(b0, b1, window);
    const swapped = styleDistance(a0, b1, window) + styleDistance(b0, a1, window);
    if (swapped >= kept - SPLIT.swapMargin) continue;
    const tailA = tracks[a].seen.filter(({ column: c }) => c > column);
    const tailB = tracks[b].seen.filter(({ column: c }) => c > column);
    tracks[a].seen = [...tracks[a].seen.filter(({ column: c }) => c <= column), ...tailB];
    tracks[b].seen = [...tracks[b].seen.filter(({ column: c }) => c <= column), ...tailA];
    holder.forEach((h, t) => {
      if (h === a) holder[t] = b;
      else if (h === b) holder[t] = a;
    });
  }
}

/** The dash style of a followed curve: its inked stretches and gaps measured along it. */
function styleOf(track: Track, lineWidth: number): CurveStyle {
  const columns = [...track.seen].sort((a, b) => a.column - b.column);
  const on: number[] = [];
  const off: number[] = [];
  let stretch = 0;
  let total = 0;
  let gapped = 0;
  for (let i = 1; i < columns.length; i++) {
    const step = columns[i].column - columns[i - 1].column;
    const rise = Math.abs(columns[i].run.center - columns[i - 1].run.center);
    const along = Math.hypot(step, rise);
    total += along;
    // A steep curve's dash gap falls inside columns: runs in neighbouring columns that share
    // no row (the track went on from a dash's end to the next dash's start across the gap),
    // where the curve climbs (falls) steeply on both sides, as it goes there (`steepAround`).
    // Flatter, a gap leaves whole columns empty; and runs parted on a flat stretch are a
    // noisy line's or an error bar's, no gap.
    const [a, b] = [columns[i - 1].run, columns[i].run];
    const rows = Math.max(0, b.from - a.to - 1, a.from - b.to - 1);
    const apart = rows > 0 && steepAround(columns, i) ? rows : 0;
    if (step === 1 && apart === 0) {
      stretch += along;
      continue;
    }
    // A gap: what lies between two seen columns, less the line's round ends (between two
    // runs a column apart, the rows between them).
    const gap = step === 1 ? apart : Math.max(0, along - lineWidth / 2);
    gapped += gap;
    off.push(gap);
    on.push(stretch);
    stretch = 0;
  }
  on.push(stretch);
  return {
    on: percentile(on, 0.5),
    off: percentile(off, 0.5),
    gapShare: total > 0 ? gapped / total : 0,
    // The first and last stretches are cut where the curve starts and ends (or leaves the plot).
    spread: dashStretchSpread(on.slice(1, -1)),
  };
}

/**
 * Whether a track (its columns in order) climbs or falls steadily more than SPLIT.steepGap rows
 * a column over the steps before and after column `i`, the way it goes from `i - 1` to `i`.
 */
function steepAround(columns: Track['seen'], i: number): boolean {
  if (i < 2 || i + 1 >= columns.length) return false;
  const slope = (j: number) =>
    (columns[j].run.center - columns[j - 1].run.center) /
    (columns[j].column - columns[j - 1].column);
  const way = Math.sign(slope(i));
  return [slope(i - 1), slope(i + 1)].every(
    (s) => Math.sign(s) === way && Math.abs(s) > SPLIT.steepGap,
  );
}

/**
 * How much a unit of dashStretchSpread weighs against the dashes' length (whose log weighs 0.5):
 * as much, a dash-dot's mix of dashes and dots being as telling as their mean length.
 */
const SPREAD_WEIGHT = 0.5;

/**
 * How unlike two dash patterns' mixes of stretches are (0 where either does not show it). Only
 * where a curve is matched with its legend sample: along a curve, a crossing's cut dashes
 * spread a short stretch of it as much as a dash-dot's dots (unswap compares such stretches).
 */
function spreadDistance(a: CurveStyle, b: CurveStyle): number {
  if (a.spread === undefined || b.spread === undefined) return 0;
  return SPREAD_WEIGHT * Math.abs(a.spread - b.spread);
}

/** How unlike two dash styles are: in the share of gaps, and in the dashes' lengths (log). */
function styleDistance(a: CurveStyle, b: CurveStyle, sampleLength: number): number {
  // A legend sample is short: a stretch longer than it is just "solid".
  const on = (style: CurveStyle) => Math.min(style.on, sampleLength) + 1;
  return Math.abs(a.gapShare - b.gapShare) + 0.5 * Math.abs(Math.log(on(a) / on(b)));
}

/**
 * The most entries matched by trying every order (its ties broken as they always were: the first
 * order found); beyond, and where samples and curves differ in number, by the Hungarian method.
 */
const MAX_EXACT = 7;

/**
 * What pairing each legend sample with each curve costs: their style distance plus
 * `extra(sample, curve)`, another cost of pairing them. Rows are samples, columns curves.
 */
export function styleCosts(
  curves: CurveStyle[],
  samples: CurveStyle[],
  extra: (sample: number, curve: number) => number = () => 0,
): number[][] {
  // The longest stretch in a sample: a solid one's whole length.
  const sampleLength = Math.max(1, ...samples.map((s) => s.on));
  return samples.map((s, i) =>
    curves.map((c, j) => styleDistance(c, s, sampleLength) + spreadDistance(c, s) + extra(i, j)),
  );
}

/**
 * The samples whose curve `order` (a pairing of `cost`'s rows to its columns) chose by less
 * than `margin`: swapping curves with another sample, or taking a curve no sample took, costs
 * less than `margin` more in all.
 */
export function closeMatches(cost: number[][], order: number[], margin: number): Set<number> {
  const close = new Set<number>();
  order.forEach((c, s) => {
    if (c < 0) return;
    cost[s].forEach((d, other) => {
      const t = order.indexOf(other);
      const more = t < 0 ? d - cost[s][c] : d + cost[t][c] - cost[s][c] - cost[t][other];
      if (other !== c && more < margin) {
        close.add(s);
        if (t >= 0) close.add(t);
      }
    });
  });
  return close;
}

/**
 * Which curve each legend sample draws: the pairing with the least total style distance (plus
 * `extra(sample, curve)`, another cost of pairing them). Returns, per sample, the index of its
 * curve.
 */
export function matchStyles(
  curves: CurveStyle[],
  samples: CurveStyle[],
  extra: (sample: number, curve: number) => number = () => 0,
): number[] {
  return matchCosts(styleCosts(curves, samples, extra));
}

/** The pairing of `cost`'s rows (samples) to its columns (curves) of least total cost. */
export function matchCosts(cost: number[][]): number[] {
  const n = cost.length;
  // Jointly, not sample by sample in order: a greedy first sample took the curve a later one
  // fitted far better (a legend of eight, or one listing fewer entries than curves drawn).
  if (n > MAX_EXACT || (cost[0]?.length ?? 0) !== n) return optimalAssignment(cost);
  let best: number[] = [];
  let bestCost = Number.POSITIVE_INFINITY;
  const order: number[] = [];
  const used = new Set<number>();
  const visit = (total: number) => {
    if (total >= bestCost) return;
    if (order.length === n) {
      best = [...order];
      bestCost = total;
      return;
    }
    const s = order.length;
    for (let c = 0; c < n; c++) {
      if (used.has(c)) continue;
      used.add(c);
      order.push(c);
      visit(total + cost[s][c]);
      order.pop();
      used.delete(c);
    }
  };
  visit(0);
  return best;
}
