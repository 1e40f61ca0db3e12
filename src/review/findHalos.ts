import { chroma, type Rgb, rgbToLab, toHex } from '../color.js';
import type { SeriesMask } from '../separate/separateSeries.js';
import type { PixelPoint } from '../types.js';

const DEFAULTS = {
  /** A colour with its ink this close (px) to another series' ink... */
  reach: 2,
  /** ...for this share of its pixels is a halo around that line. */
  share: 0.8,
  /** Pixels with at least this much of a series' colour are its ink. */
  ink: 0.5,
  /** Half a line's width (px), allowed around a traced path beside the halo's reach. */
  halfLine: 2,
  /** A colour is a paler tint of another when each channel moves this share of the way... */
  tint: [0.15, 0.9],
  /** ...all channels alike, to within this share... */
  tintSpread: 0.15,
  /** ...of those this far (0..255) from the background at least (nearer, a share means little). */
  tintSpan: 32,
  /**
   * A colour traced along another series' path, within this many px in its columns...
   * (a second trace of one line: its JPEG'd or anti-aliased edge in a colour of its own)
   */
  samePath: 2,
  /**
   * ...or, along a thick line, within half its ink's vertical run in the column plus this
   * (its edge's trace runs beside it, further from the centre; see pathTolerance)...
   */
  samePathEdge: 2,
  /** ...the run taken at most this many times its median over the line's path. */
  samePathRuns: 2,
  /** ...in this share of the columns both are traced in... */
  samePathShare: 0.8,
  /** ...which are at least this share of the columns it is traced in, is a second trace. */
  samePathOverlap: 0.5,
  /**
   * A colour with DEFAULTS.followedShare of its ink beside another series' and traced along its
   * path in this share of the columns both are traced in is a halo too: a line's blended edge
   * (a greyscale chart's, where a black line's edges are a grey series' colour) is traced
   * along it, but wanders off where the line meets another.
   */
  followedPathShare: 0.5,
  followedShare: 0.6,
  /** Points of a bare line's trace this far apart (px, in x) leave a gap between them. */
  pathGap: 8,
  /**
   * A colour this much nearer the background in lightness (L*) than a line's, no more
   * saturated, is a fill around it (a band, a marker's face), not the line's own colour.
   */
  paler: 15,
  /**
   * Chroma (CIELAB) this small is noise: greys convert to a chroma of 1e-5 or so, black to 0,
   * so a grey is "no more saturated" than black only within it.
   */
  chromaNoise: 1,
} as const;

/** A series' traced path: its points (px) and half its markers' extent (0 for a bare line). */
export interface HaloPath {
  points: PixelPoint[];
  reach: number;
}

export interface HaloInput {
  /** One mask per series colour, the legend's listed colours first. */
  masks: SeriesMask[];
  /** Each colour's traced path; null where it was not traced (an empty mask). */
  paths: (HaloPath | null)[];
  /** The legend's names of the listed colours, in order. */
  names: string[];
  /** Colours that may be halos: those from `first` on (past the listed ones in a legend). */
  first: number;
  /** The masks' row length (px). */
  width: number;
  /** The plot's background colour. */
  background: Rgb;
  /**
   * Colours traced as filled shapes (bars, areas, a band's fill: see traceSeries' `filled`).
   * @default none
   */
  filled?: boolean[];
}

/**
 * A colour found only beside a stronger series' line is a halo of blended pixels around it
 * (JPEG ringing, a glow, its markers' outlines or error bars), not a series: such colours, each
 * with a warning naming its host. Except where the host is a paler tint of the colour and the
 * colour runs its own way, off the path traced for the host: a black line beside a grey one
 * has the grey's blended edges all along it. A colour traced along a stronger series' path
 * (`samePath`) is one too, however far its ink spreads (a JPEG'd line's shade split off), as
 * is a colour the legend does not list traced along one it lists, however much ink each has;
 * and so is one with most of its ink beside the line and traced along it over half the way.
 * A filled shape in a paler tint of the colour (a band's fill around its line) hosts no halo of
 * it: the line is drawn over its band, and the fill, having more pixels, had taken the line
 * for its halo (and was then left out itself as an area: the series was lost).
 * `hosts`: the series some colour was taken for a halo of.
 */
export function findHalos({
  masks,
  paths,
  names,
  first,
  width,
  background,
  filled = [],
}: HaloInput): {
  halos: Set<number>;
  hosts: Set<number>;
  warnings: string[];
} {
  const halos = new Set<number>();
  const hosts = new Set<number>();
  const warnings: string[] = [];
  const height = width > 0 ? (masks[0]?.weight.length ?? 0) / width : 0;
  const along = (path: HaloPath) =>
    nearPath(path.points, path.reach + DEFAULTS.halfLine + DEFAULTS.reach, width, height);
  /** Whether mask i's ink lies beside mask j's line, as a halo's does (see above). */
  const besideHost = (i: number, j: number) => {
    const [mask, other] = [masks[i], masks[j]];
    if (isTint(other.color, mask.color, background)) {
      if (inkBeside(mask.weight, along(paths[j]!), width, 0) < DEFAULTS.share) return false;
    }
    const beside = inkBeside(mask.weight, other.weight, width, DEFAULTS.reach);
    return (
      beside >= DEFAULTS.share ||
      (beside >= DEFAULTS.followedShare &&
        samePath(paths[i]!, paths[j]!, DEFAULTS.followedPathShare))
    );
  };
  /** How near (px) a second trace of series j's line runs along its path: see samePath. */
  const near = tolerances(masks, paths, width);
  masks.forEach((mask, i) => {
    if (!paths[i] || i < first) return;
    // A colour traced along a listed series' path is its second trace, whichever has more ink
    // (a JPEG'd line's shade may outweigh the listed colour); between unlisted colours, and
    // for ink beside a line, the stronger one is the host.
    const host = masks.findIndex(
      (other, j) =>
        paths[j] !== null &&
        j !== i &&
        !halos.has(j) &&
        !(filled[j] && isTint(other.color, mask.color, background)) &&
        (other.count > mask.count
          ? samePath(paths[i]!, paths[j]!, undefined, near(j)) || besideHost(i, j)
          : j < first && samePath(paths[i]!, paths[j]!, undefined, near(j))),
    );
    if (host < 0) return;
    warnings.push(
      `the colour ${toHex(mask.color)} lies only beside series '${names[host] ?? toHex(masks[host].color)}': taken for a halo around its line and left out`,
    );
    halos.add(i);
    hosts.add(host);
  });
  return { halos, hosts, warnings };
}

/**
 * Colours whose paths, carried on where they were hidden under other series (see followHidden),
 * lie along the paths of stronger or listed series in DEFAULTS.samePathShare of their columns,
 * within each host's tolerance (see pathTolerance): a line's blended edge traced in pieces
 * (a greyscale chart's grey between two black lines that run close) which, once followed, runs
 * on one line or the other all along. findHalos leaves out a colour traced along one series;
 * this one along several, in turns. Listed colours (before `first`) and `halos` are kept as
 * they are. Returns the colours left out, each with a warning naming its hosts.
 */
export function findSecondTraces({
  masks,
  paths,
  names,
  first,
  width,
  halos,
}: Omit<HaloInput, 'background'> & { halos: Set<number> }): {
  halos: Set<number>;
  warnings: string[];
} {
  const found = new Set<number>();
  const warnings: string[] = [];
  const columns = paths.map((path) => (path ? pathColumns(path) : null));
  const near = tolerances(masks, paths, width);
  masks.forEach((mask, i) => {
    const mine = columns[i];
    if (!mine || mine.size === 0 || i < first || halos.has(i)) return;
    const hosts = masks.flatMap((other, j) =>
      columns[j] &&
      j !== i &&
      !halos.has(j) &&
      !found.has(j) &&
      (j < first || other.count > mask.count)
        ? [j]
        : [],
    );
    const used = new Set<number>();
    let close = 0;
    for (const [column, py] of mine) {
      const host = hosts.find((j) => {
        const at = columns[j]!.get(column);
        return at !== undefined && Math.abs(py - at) <= (near(j).get(column) ?? DEFAULTS.samePath);
      });
      if (host === undefined) continue;
      close++;
      used.add(host);
    }
    if (close < mine.size * DEFAULTS.samePathShare) return;
    const named = [...used].map((j) => `'${names[j] ?? toHex(masks[j].color)}'`).join(', ');
    warnings.push(
      `the colour ${toHex(mask.color)} runs along series ${named} all its way once followed where hidden: taken for a second trace of their lines and left out`,
    );
    found.add(i);
  });
  return { halos: found, warnings };
}

/**
 * Whether `path` was traced along `other`: within `within` px of it in each column (by
 * default DEFAULTS.samePath) in
 * DEFAULTS.samePathShare of the columns both are traced in, and those most of its own. Two
 * series' lines cross, or meet over a stretch; a line's second trace (its edge in a colour of
 * its own, a JPEG'd shade) follows it all along.
 */
export function samePath(
  path: HaloPath,
  other: HaloPath,
  share: number = DEFAULTS.samePathShare,
  within: Map<number, number> = new Map(),
): boolean {
  const mine = pathColumns(path);
  const theirs = pathColumns(other);
  let traced = 0;
  let both = 0;
  let close = 0;
  for (const [column, py] of mine) {
    traced++;
    const otherPy = theirs.get(column);
    if (otherPy === undefined) continue;
    both++;
    if (Math.abs(py - otherPy) <= (within.get(column) ?? DEFAULTS.samePath)) close++;
  }
  return traced > 0 && both >= traced * DEFAULTS.samePathOverlap && close >= both * share;
}

/** Series j's pathTolerance, worked out the first time it is asked for. */
function tolerances(
  masks: HaloInput['masks'],
  paths: HaloInput['paths'],
  width: number,
): (j: number) => Map<number, number> {
  const height = width > 0 ? (masks[0]?.weight.length ?? 0) / width : 0;
  const known = new Map<number, Map<number, number>>();
  return (j) => {
    if (!known.has(j)) known.set(j, pathTolerance(masks[j].weight, paths[j]!, width, height));
    return known.get(j)!;
  };
}

/**
 * How near (px) a second trace of a line runs along its traced `path`, column by column:
 * DEFAULTS.samePath, or half the vertical run of its ink (pixels with at least DEFAULTS.ink of
 * its colour) through the path there plus DEFAULTS.samePathEdge, the run taken at most
 * DEFAULTS.samePathRuns times its median over the path (a line's ink merged with a band's or
 * another line's where they meet).
 */
export function pathTolerance(
  weight: Float32Array,
  path: HaloPath,
  width: number,
  height: number,
): Map<number, number> {
  const runs = new Map<number, number>();
  for (const [column, py] of pathColumns(path)) {
    const row = Math.round(py);
    if (column < 0 || column >= width || row < 0 || row >= height) continue;
    if (weight[row * width + column] < DEFAULTS.ink) continue;
    let [top, bottom] = [row, row];
    while (top > 0 && weight[(top - 1) * width + column] >= DEFAULTS.ink) top--;
    while (bottom < height - 1 && weight[(bottom + 1) * width + column] >= DEFAULTS.ink) bottom++;
    runs.set(column, bottom - top + 1);
  }
  const sorted = [...runs.values()].sort((a, b) => a - b);
  const most = (sorted[sorted.length >> 1] ?? 0) * DEFAULTS.samePathRuns;
  const within = new Map<number, number>();
  for (const [column, run] of runs) {
    within.set(
      column,
      Math.max(DEFAULTS.samePath, Math.min(run, most) / 2 + DEFAULTS.samePathEdge),
    );
  }
  return within;
}

/**
 * A traced path's row (py) at each whole column it spans, read off its polyline; a bare
 * line's (reach 0) none across gaps of more than DEFAULTS.pathGap px between its points.
 */
function pathColumns({ points, reach }: HaloPath): Map<number, number> {
  const at = new Map<number, number>();
  const sorted = [...points].sort((a, b) => a.px - b.px);
  for (let k = 1; k < sorted.length; k++) {
    const [a, b] = [sorted[k - 1], sorted[k]];
    if (reach === 0 && b.px - a.px > DEFAULTS.pathGap) continue;
    for (let column = Math.ceil(a.px); column <= b.px; column++) {
      const t = b.px > a.px ? (column - a.px) / (b.px - a.px) : 0;
      at.set(column, a.py + t * (b.py - a.py));
    }
  }
  return at;
}

/**
 * The share of a series' ink (pixels with at least DEFAULTS.ink of its colour) that lies
 * within `reach` px of another series' ink: near 1 for a halo of blended colour around the
 * other's line, small for a line of its own that meets the other only where they cross.
 */
export function inkBeside(
  weight: Float32Array,
  other: Float32Array,
  width: number,
  reach: number,
): number {
  const height = weight.length / width;
  let ink = 0;
  let beside = 0;
  for (let i = 0; i < weight.length; i++) {
    if (weight[i] < DEFAULTS.ink) continue;
    ink++;
    const [row, column] = [Math.floor(i / width), i % width];
    search: for (let r = Math.max(0, row - reach); r <= Math.min(height - 1, row + reach); r++) {
      for (let c = Math.max(0, column - reach); c <= Math.min(width - 1, column + reach); c++) {
        if (other[r * width + c] >= DEFAULTS.ink) {
          beside++;
          break search;
        }
      }
    }
  }
  return ink > 0 ? beside / ink : 0;
}

/**
 * Whether `pale` is `color` blended with `background`: every channel the same share of the way.
 * A channel too near the background to give a share moves by no more than its span in a blend:
 * one moving farther (a red's red channel in a purple) is another hue, whatever the others do.
 */
export function isTint(pale: Rgb, color: Rgb, background: Rgb): boolean {
  const shares: number[] = [];
  for (let c = 0; c < 3; c++) {
    const span = background[c] - color[c];
    if (Math.abs(span) < DEFAULTS.tintSpan) {
      if (Math.abs(pale[c] - color[c]) > DEFAULTS.tintSpan) return false;
      continue;
    }
    shares.push((pale[c] - color[c]) / span);
  }
  if (shares.length === 0) return false;
  const [low, high] = [Math.min(...shares), Math.max(...shares)];
  return low >= DEFAULTS.tint[0] && high <= DEFAULTS.tint[1] && high - low <= DEFAULTS.tintSpread;
}

/** The pixels within `radius` px (in x and y) of a polyline, as 1s in a width x height mask. */
export function nearPath(
  points: PixelPoint[],
  radius: number,
  width: number,
  height: number,
): Float32Array {
  const near = new Float32Array(width * height);
  const r = Math.ceil(radius);
  const mark = (px: number, py: number) => {
    const [column, row] = [Math.round(px), Math.round(py)];
    for (let y = Math.max(0, row - r); y <= Math.min(height - 1, row + r); y++) {
      near.fill(
        1,
        y * width + Math.max(0, column - r),
        y * width + Math.min(width - 1, column + r) + 1,
      );
    }
  };
  points.forEach((point, k) => {
    const next = points[k + 1] ?? point;
    const steps = Math.max(1, Math.ceil(Math.hypot(next.px - point.px, next.py - point.py)));
    for (let s = 0; s <= steps; s++) {
      mark(
        point.px + ((next.px - point.px) * s) / steps,
        point.py + ((next.py - point.py) * s) / steps,
      );
    }
  });
  return near;
}

/**
 * Legend entries whose colour was misread, so that their colour is only a second trace of
 * another series' line: the entry's thin sample dulled (JPEG, rescaling) into the colour of the
 * line's blended edges, or read off a neighbouring entry's sample. Such a listed colour i lies
 * along a stronger series' line j: its ink beside j's (DEFAULTS.share of it within
 * DEFAULTS.reach px) or its trace along j's path (samePath). A colour the legend does not list
 * (j from `first` on) is then the entry's line, and takes its name (`renamed`: j -> i), unless
 * it is a paler shade of i (a band's or an error bar's fill around i's line). Two listed colours
 * alike (`alike`) in a legend of other colours too, traced along one path, are one line that
 * two entries were read for: the weaker is left out. `skip` (halos, filled shapes) are neither hosts nor left out. Returns
 * the colours left out and the renamed ones, each with a warning.
 */
export function findMisreadEntries({
  masks,
  paths,
  names,
  first,
  width,
  background,
  skip,
  alike,
}: HaloInput & { skip: Set<number>; alike: (a: Rgb, b: Rgb) => boolean }): {
  left: Set<number>;
  renamed: Map<number, number>;
  warnings: string[];
} {
  const left = new Set<number>();
  const renamed = new Map<number, number>();
  const warnings: string[] = [];
  const near = tolerances(masks, paths, width);
  const shown = (j: number) => paths[j] !== null && !skip.has(j) && !left.has(j);
  // Entries alike in a legend of other colours too: in a legend of one colour they are series
  // told apart by dash or marker (whose split may have failed), not misread.
  const coloured = (i: number) =>
    masks.slice(0, first).some((other) => !alike(other.color, masks[i].color));
  for (let i = 0; i < first; i++) {
    if (!shown(i)) continue;
    const mask = masks[i];
    const host = masks.findIndex((other, j) => {
      if (j === i || !shown(j) || other.count <= mask.count || renamed.has(j)) return false;
      if (j < first) {
        return (
          alike(mask.color, other.color) &&
          coloured(i) &&
          samePath(paths[i]!, paths[j]!, undefined, near(j))
        );
      }
      if (paler(other.color, mask.color, background)) return false;
      return (
        samePath(paths[i]!, paths[j]!, undefined, near(j)) ||
        inkBeside(mask.weight, other.weight, width, DEFAULTS.reach) >= DEFAULTS.share
      );
    });
    if (host < 0) continue;
    left.add(i);
    if (host >= first) {
      renamed.set(host, i);
      warnings.push(
        `legend entry '${names[i]}' was read in the colour ${toHex(mask.color)}, drawn only along the line coloured ${toHex(masks[host].color)}: that line taken for its series`,
      );
    } else {
      warnings.push(
        `legend entries '${names[i]}' and '${names[host]}' were read in one colour and traced along one line: '${names[i]}' left out`,
      );
    }
  }
  return { left, renamed, warnings };
}

/**
 * Whether `pale` is lighter than `color` by DEFAULTS.paler (L*) or more without more chroma:
 * a band's or a marker's fill around a line rather than the line's own colour, whose thin
 * legend sample was dulled.
 */
function paler(pale: Rgb, color: Rgb, background: Rgb): boolean {
  const [a, b, bg] = [rgbToLab(pale), rgbToLab(color), rgbToLab(background)];
  const toward = Math.abs(a[0] - bg[0]) < Math.abs(b[0] - bg[0]);
  return (
    toward &&
    Math.abs(a[0] - b[0]) >= DEFAULTS.paler &&
    chroma(a) <= chroma(b) + DEFAULTS.chromaNoise
  );
}
