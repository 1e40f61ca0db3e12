import { percentile } from '../math.js';
import type { Box, PixelPoint } from '../types.js';
import { contains, isRectangle } from './findFrames.js';
import { type DrawnMarker, readMarker, sameRgb, sameShape } from './markers.js';
import { readOutlinedStroke } from './outlinedStroke.js';
import type { TextLine } from './textLines.js';
import type { PdfPath, Rgb } from './types.js';

/** How a line is drawn: what tells one series from another. */
export interface LineStyle {
  color: Rgb;
  dash: number[];
  width: number;
}

/** One legend entry: its text and what its sample draws. */
export interface VectorLegendEntry {
  name: string;
  line: LineStyle | null;
  marker: DrawnMarker | null;
  /** The colour of a filled box sample (a band's or a bar's entry). */
  patch: Rgb | null;
  /** The entry's text and sample together. */
  box: Box;
  /** The text line and the sample's paths. */
  text: TextLine;
  paths: number[];
}

/** A sample sits at most this many ems from its text... */
const SAMPLE_GAP = 2.5;
/** ...is at most this many ems long... */
const SAMPLE_LENGTH = 6;
/** ...and its middle within this many ems of the text's middle height. */
const SAMPLE_RISE = 0.6;
/** Samples of one legend column are in line to this many ems, and of one size to this share. */
const ALIGNED = 0.3;
const ALIKE_SIZE = 0.3;
/**
 * A key box behind a sample (ggplot2's: 17.28 pt whatever the text's size, 2.4 ems of 7.2 pt
 * text) is at most this many ems tall...
 */
const KEY_BOX = 3.2;
/** ...and a filled box this tall or more is one (a square marker is smaller). */
const MIN_KEY_BOX = 1.2;
/**
 * A sample after a text is the next text's where it lies under this fraction of the gap nearer
 * that one (matplotlib: 0.8 em before its own text, 2 em after the previous entry's).
 */
const NEARER = 0.6;

/**
 * Legend entries of a page: text lines with a short sample beside them, before the text (most
 * engines) or after it (gnuplot's key), at the text's middle height: a level line (its colour,
 * dash and width), a marker, both, or a filled box. Paths and lines in `used` (axes, ticks,
 * labels) are not looked at. Pure; never throws.
 */
export function findLegendEntries(
  lines: readonly TextLine[],
  paths: readonly PdfPath[],
  usedPaths: ReadonlySet<number>,
  usedLines: ReadonlySet<TextLine>,
): VectorLegendEntry[] {
  // The largest text on a page bounds any sample: a cheap filter before the per-line checks.
  const largest = lines.reduce((max, line) => Math.max(max, line.size), 0);
  // A filled rectangle painted later hides what lies under it: a data point under a legend's
  // background is no sample of it.
  const covers = paths.filter((path) => path.fill && isRectangle(path));
  const hidden = (path: PdfPath) =>
    covers.some((cover) => cover.index > path.index && contains(cover.box, path.box));
  const samples = paths.filter(
    (path) =>
      !usedPaths.has(path.index) &&
      path.box.right - path.box.left <= SAMPLE_LENGTH * largest &&
      path.box.bottom - path.box.top <= KEY_BOX * largest &&
      !hidden(path),
  );
  const entries: VectorLegendEntry[] = [];
  const afterText = new Set<VectorLegendEntry>();
  const taken = new Set<number>();
  const texts = lines.filter(
    (text) => text.angle === 0 && !usedLines.has(text) && /[\p{L}\p{N}]/u.test(text.text),
  );
  // How far a sample lies beside a text, before or after it; null where it is none of its.
  const gapBeside = (text: TextLine, path: PdfPath, after: boolean): number | null => {
    const middle = (text.box.top + text.box.bottom) / 2;
    const pathMiddle = (path.box.top + path.box.bottom) / 2;
    if (Math.abs(pathMiddle - middle) > SAMPLE_RISE * text.size) return null;
    if (path.box.right - path.box.left > SAMPLE_LENGTH * text.size) return null;
    if (path.box.bottom - path.box.top > KEY_BOX * text.size) return null;
    const gap = after ? path.box.left - text.box.right : text.box.left - path.box.right;
    return gap >= -0.1 * text.size && gap <= SAMPLE_GAP * text.size ? gap : null;
  };
  const nearestBeside = (text: TextLine, after: boolean): PdfPath | null => {
    let best: PdfPath | null = null;
    let bestGap = Number.POSITIVE_INFINITY;
    for (const path of samples) {
      const gap = gapBeside(text, path, after);
      if (gap !== null && gap < bestGap) [best, bestGap] = [path, gap];
    }
    return best;
  };
  const titles = rowTitles(texts, nearestBeside, (path) =>
    texts.find((text) => gapBeside(text, path, false) !== null),
  );
  // A sample after a text that is clearly nearer the text after it is that text's (a row whose
  // first sample the page's edge cut off must not shift every name by one). Not the other way
  // round: ggplot2 puts a key nearer the text before it than its own.
  const nearerOther = (text: TextLine, path: PdfPath, gap: number) =>
    texts.some((other) => {
      if (other === text || titles.has(other)) return false;
      const otherGap = gapBeside(other, path, false);
      return otherGap !== null && Math.max(otherGap, 0) < NEARER * gap;
    });
  for (const text of texts) {
    const sampleOn = (after: boolean) => {
      const found = samples.flatMap((path) => {
        const gap = taken.has(path.index) ? null : gapBeside(text, path, after);
        return gap === null || (after && nearerOther(text, path, gap)) ? [] : [{ path, gap }];
      });
      if (found.length === 0) return null;
      // The nearest sample, and what is drawn over it (a marker on a line, a line on a key box).
      // Where the nearest is no sample (an error bar's line under the legend), the next.
      found.sort((a, b) => a.gap - b.gap);
      const nearestFirst = found.map(({ path }) => path);
      for (let i = 0; i < nearestFirst.length; i++) {
        const sample = readSample(text, nearestFirst.slice(i));
        if (sample) return sample;
      }
      return null;
    };
    // The sample before the text (most engines), unless the one after it shows more (gnuplot's
    // key: a marker of a series drawn just before the text is no sample of it).
    const before = sampleOn(false);
    const after = titles.has(text) ? null : sampleOn(true);
    const entry = after && (!before || richness(after) > richness(before)) ? after : before;
    if (!entry) continue;
    for (const index of entry.paths) taken.add(index);
    entries.push(entry);
    if (entry === after) afterText.add(entry);
  }
  // A sample drawn twice alike (ggplot2 draws a key once per layer) may be taken by the text
  // after it and by a text before it, a legend's title: the text after it is its name.
  const sampleBox = (entry: VectorLegendEntry) =>
    JSON.stringify(paths.find((path) => path.index === entry.paths[0])?.box);
  const beforeText = new Set(
    entries.filter((entry) => !afterText.has(entry)).map((entry) => sampleBox(entry)),
  );
  const kept = entries.filter(
    (entry) => !(afterText.has(entry) && beforeText.has(sampleBox(entry))),
  );
  return alignMarkers(kept, samples, taken);
}

/**
 * A legend's marker samples stand in one column, drawn at one size: an entry of a column of
 * three or more whose marker is off the others' or of another size (a data point under the
 * legend, nearer the text than the sample) takes the marker beside its text that is in line
 * with them, where there is one.
 */
function alignMarkers(
  entries: VectorLegendEntry[],
  samples: readonly PdfPath[],
  taken: ReadonlySet<number>,
): VectorLegendEntry[] {
  return entries.map((entry) => {
    const { text, marker } = entry;
    if (!marker || entry.line) return entry;
    const reach = ALIGNED * text.size;
    const column = entries.filter(
      (other) => other.marker && Math.abs(other.text.box.left - text.box.left) <= reach,
    );
    if (column.length < 3) return entry;
    const x = percentile(
      column.map((other) => other.marker?.centre.px ?? 0),
      0.5,
    );
    const size = percentile(
      column.map((other) => other.marker?.size ?? 0),
      0.5,
    );
    const inLine = (drawn: DrawnMarker) =>
      Math.abs(drawn.centre.px - x) <= reach && Math.abs(drawn.size - size) <= ALIKE_SIZE * size;
    if (inLine(marker)) return entry;
    const middle = (text.box.top + text.box.bottom) / 2;
    for (const path of samples) {
      if (taken.has(path.index)) continue;
      const drawn = readMarker(path);
      if (drawn && inLine(drawn) && Math.abs(drawn.centre.py - middle) <= SAMPLE_RISE * text.size) {
        const paths = [...entry.paths.filter((index) => index !== marker.path), path.index];
        return { ...entry, marker: drawn, paths };
      }
    }
    return entry;
  });
}

/**
 * Texts that lead a row of entries as its title (ggplot2's `Method ▲ 10 × 16`): a text with no
 * sample before it, where following the row (its sample after it, the text that sample is
 * before, that text's sample after it...) ends at a text, as a row of samples before their
 * texts does. A row of texts before their samples (gnuplot's key in columns: `A —— B ——`)
 * ends at a sample instead, and its first text keeps the sample after it.
 */
function rowTitles(
  texts: readonly TextLine[],
  nearestBeside: (text: TextLine, after: boolean) => PdfPath | null,
  textAfter: (sample: PdfPath) => TextLine | undefined,
): Set<TextLine> {
  const titles = new Set<TextLine>();
  for (const first of texts) {
    if (nearestBeside(first, false)) continue;
    const seen = new Set([first]);
    for (let text = first; ; ) {
      const sample = nearestBeside(text, true);
      if (!sample) {
        if (text !== first) titles.add(first);
        break;
      }
      const next = textAfter(sample);
      if (!next || seen.has(next)) break;
      seen.add(next);
      text = next;
    }
  }
  return titles;
}

/** How much a sample shows: a line, a marker, a filled box. */
function richness(entry: VectorLegendEntry): number {
  return Number(entry.line !== null) + Number(entry.marker !== null) + Number(entry.patch !== null);
}

function readSample(text: TextLine, found: PdfPath[]): VectorLegendEntry | null {
  const nearest = found[0];
  // Paths overlapping the nearest one make one sample (line, marker on it, box behind).
  const group = [nearest];
  for (let grew = true; grew; ) {
    grew = false;
    for (const path of found) {
      if (
        !group.includes(path) &&
        group.some((member) => overlaps(path.box, member.box, 0.2 * text.size))
      ) {
        group.push(path);
        grew = true;
      }
    }
  }
  let line: LineStyle | null = null;
  let patch: Rgb | null = null;
  const paths: number[] = [];
  const markers: { path: PdfPath; drawn: DrawnMarker }[] = [];
  for (const path of group) {
    if (path.stroke && !path.fill && isLevelLine(path)) {
      if (!line) {
        line = { color: path.stroke, dash: path.dash, width: path.lineWidth };
        paths.push(path.index);
      }
      continue;
    }
    const outlined = readOutlinedStroke(path);
    if (path.fill && outlined && isLevel(outlined.points, outlined.width)) {
      if (!line) {
        line = { color: path.fill, dash: outlined.pattern, width: outlined.width };
        paths.push(path.index);
      }
      continue;
    }
    const keyBox = isBox(path, text) && path.box.bottom - path.box.top >= MIN_KEY_BOX * text.size;
    const drawn = keyBox ? null : readMarker(path);
    if (drawn && drawn.size <= 1.5 * text.size) markers.push({ path, drawn });
    else if (path.fill && isBox(path, text)) {
      patch ??= path.fill;
      paths.push(path.index);
    } else if (path.fill && outlined) paths.push(path.index); // a key's dashed border
  }
  // The sample's marker has its line's colour (a data point of another series may lie under the
  // legend); it may be shown more than once (matplotlib's numpoints).
  // It sits on the sample line: a data point of its own series under the legend does not.
  const level = group.find((path) => line && path.index === paths[0]);
  const onLine = (drawn: DrawnMarker) =>
    !level ||
    (Math.abs(drawn.centre.py - level.box.top) <= 0.2 * text.size &&
      drawn.centre.px >= level.box.left - 0.2 * text.size &&
      drawn.centre.px <= level.box.right + 0.2 * text.size);
  const color = line?.color;
  const own = markers.filter(
    ({ drawn }) =>
      onLine(drawn) && (!color || sameRgb(drawn.fill, color) || sameRgb(drawn.stroke, color)),
  );
  const marker = own[0]?.drawn ?? null;
  for (const { path, drawn } of own) if (marker && sameShape(drawn, marker)) paths.push(path.index);
  if (!line && !marker && !patch) return null;
  const boxes = group.filter((path) => paths.includes(path.index)).map((path) => path.box);
  const box = boxes.reduce(
    (all, b) => ({
      left: Math.min(all.left, b.left),
      top: Math.min(all.top, b.top),
      right: Math.max(all.right, b.right),
      bottom: Math.max(all.bottom, b.bottom),
    }),
    text.box,
  );
  // A key box behind a line or marker is the legend's background, not the entry's colour.
  return { name: text.text, line, marker, patch: line || marker ? null : patch, box, text, paths };
}

/** A stroked path whose points all lie on one level line, at least an em... long. */
function isLevelLine(path: PdfPath): boolean {
  const points = path.subpaths.flatMap((subpath) => subpath.points);
  if (points.length < 2 || path.subpaths.some((subpath) => subpath.curved)) return false;
  const eps = 1e-3 * Math.max(1, path.box.right - path.box.left);
  return (
    points.every((p) => Math.abs(p.py - points[0].py) <= eps) &&
    path.box.right - path.box.left > eps
  );
}

/** Points on one level line: within a quarter of the stroke's width of the first one's height. */
function isLevel(points: readonly PixelPoint[], width: number): boolean {
  return points.every((p) => Math.abs(p.py - points[0].py) <= width / 4);
}

/** A filled axis-parallel box at most about as tall as the text (a colour key). */
function isBox(path: PdfPath, text: TextLine): boolean {
  if (!path.fill || path.subpaths.length !== 1 || path.subpaths[0].curved) return false;
  const width = path.box.right - path.box.left;
  const height = path.box.bottom - path.box.top;
  return (
    path.subpaths[0].points.length <= 5 && width >= 0.4 * text.size && height >= 0.4 * text.size
  );
}

function overlaps(a: Box, b: Box, slack: number): boolean {
  return (
    a.left <= b.right + slack &&
    b.left <= a.right + slack &&
    a.top <= b.bottom + slack &&
    b.top <= a.bottom + slack
  );
}
