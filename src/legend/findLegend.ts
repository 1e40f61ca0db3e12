import { channelDistance, type Rgb } from '../color.js';
import { findRuns, percentile, type Run } from '../math.js';
import type { Box, PlotArea, Raster } from '../types.js';
import { crossedColors } from './alignedEntries.js';
import { findFramelessLegend, mostEntries } from './framelessLegend.js';
import { colored } from './legendSamples.js';
import { dominantColor } from './sampleColor.js';

const DEFAULTS = {
  /** A legend frame side is at least this long (px)... */
  minSide: 12,
  /** ...and at most this share of the plot's width or height (grid lines span all of it). */
  maxShare: 0.8,
  /** Frame pixels differ from the plot background by at least this much (0..255). */
  frameInk: 25,
  /** Rounded corners and anti-aliasing: ends of sides may differ by this many px. */
  corner: 5,
  /** Handle pixels differ from the legend fill by at least this much. */
  handleInk: 60,
} as const;

/** A grey or black line sample: this many times as wide as its row is high at least... */
const LINE = {
  length: 1.5,
  /** ...its ink in at most this share of the row's rows (text spans most of them). */
  rows: 0.45,
  /** ...or a row inked unbroken across this share of its width (a marker on a line: gnuplot's linespoints). */
  across: 0.8,
} as const;

/** Rows of a framed legend's inside that hold an entry (`entryRows`). */
const ENTRY_ROWS = {
  /** Samples of one legend are alike in width: within this share of the first's. */
  sameSample: 0.35,
  /** A curve across the legend inks a row with about this many pixels (a steep 2 px line)... */
  crossing: 4,
  /** ...or this share of the fullest row's (a line of text or a sample)... */
  share: 0.08,
  /** ...and an entry's strong rows are at least this share of the highest entry's. */
  entry: 0.5,
  /** A row inked in one run across this share of the key's inside is a rule, not an entry. */
  rule: 0.9,
  /**
   * A line sample's rows hold a run of ink at least this share of the longest (a legend's
   * samples are drawn alike)...
   */
  sample: 0.7,
  /** ...and at least this long (px): longer than a glyph's bar. */
  sampleMin: 12,
  /** Samples drawn alike end within this many px of each other and are as long. */
  align: 3,
  /** Entries parted out of one band are each at least this share of their median height. */
  even: 0.6,
  /** An entry around its sample keeps this share of the samples' spacing on either side. */
  keep: 0.35,
} as const;

/** Where a legend entry is, before its text is read. */
export interface LegendSlot {
  /** The line or box sample. */
  handle: Box;
  /** Where the entry's text is. */
  text: Box;
  color: Rgb;
}

export interface LegendLayout {
  box: Box;
  slots: LegendSlot[];
  /** The sides of its frame (thin boxes; none for a legend without a frame). */
  frame: Box[];
}

/** A straight run of frame ink along row (or column) `index`, from `start` to `end` (inclusive). */
interface FrameRun {
  index: number;
  start: number;
  end: number;
}

/** Frame ink over the plot, 2 px in from its sides: 1 where a pixel differs from the fill. */
interface FrameInk {
  flags: Uint8Array;
  /** The first row and column it covers, and its size. */
  top: number;
  left: number;
  rows: number;
  columns: number;
}

/** Which pixels 2 px in from the plot's sides are frame ink: looked at once for both passes. */
function frameInk(image: Raster, background: Rgb, plot: Box): FrameInk {
  const { data, width } = image;
  const top = Math.ceil(plot.top) + 2;
  const left = Math.ceil(plot.left) + 2;
  const rows = Math.max(0, Math.ceil(plot.bottom - 2) - top);
  const columns = Math.max(0, Math.ceil(plot.right - 2) - left);
  const flags = new Uint8Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    let o = ((top + row) * width + left) * 3;
    for (let column = 0; column < columns; column++, o += 3) {
      flags[row * columns + column] =
        channelDistance(data, o, background) > DEFAULTS.frameInk ? 1 : 0;
    }
  }
  return { flags, top, left, rows, columns };
}

/**
 * Straight runs of frame ink along each row (or column) inside the plot, 2 px in from its
 * sides, that could be a legend frame side. A one-pixel break is compression noise, not the
 * end of a side.
 */
function runsAlong(
  ink: FrameInk,
  plot: Box,
  along: 'row' | 'column',
  maxShare: number,
): FrameRun[] {
  const runs: FrameRun[] = [];
  const [from, to] = along === 'row' ? [plot.top, plot.bottom] : [plot.left, plot.right];
  const [lo, hi] = along === 'row' ? [plot.left, plot.right] : [plot.top, plot.bottom];
  const maxLength = (hi - lo) * maxShare;
  const first = Math.ceil(lo) + 2;
  // One line's ink, reused: positions first, first + 1, ... below hi - 2.
  const inked = new Uint8Array(Math.max(0, Math.ceil(hi - 2) - first));
  // Flags from one position to the next along the line.
  const step = along === 'row' ? 1 : ink.columns;
  for (let index = Math.ceil(from) + 2; index < to - 2; index++) {
    let f = along === 'row' ? (index - ink.top) * ink.columns : index - ink.left;
    let count = 0;
    for (let j = 0; j < inked.length; j++, f += step) {
      inked[j] = ink.flags[f];
      count += inked[j];
    }
    // With breaks of one pixel at most, a run holds ink in at least every other pixel: a line
    // with less ink than half a side holds none.
    if (count < DEFAULTS.minSide / 2) continue;
    for (const run of findRuns(inked, 1)) {
      const length = run.to - run.from + 1;
      if (length >= DEFAULTS.minSide && length <= maxLength) {
        runs.push({ index, start: run.from + first, end: run.to + first });
      }
    }
  }
  return runs;
}

/**
 * The largest rectangle in `region` (2 px in from its sides) whose four sides are straight runs
 * of ink unlike `background`, each at most `maxShare` of the region's width or height; null
 * when there is none.
 */
function framedBox(image: Raster, background: Rgb, region: Box, maxShare: number): Box | null {
  const ink = frameInk(image, background, region);
  const rows = runsAlong(ink, region, 'row', maxShare);
  const columns = runsAlong(ink, region, 'column', maxShare);
  // Column runs by their column: a side is looked for at a few columns only.
  const columnsAt = new Map<number, FrameRun[]>();
  for (const run of columns) {
    const at = columnsAt.get(run.index);
    if (at) at.push(run);
    else columnsAt.set(run.index, [run]);
  }
  let best: Box | null = null;
  for (const top of rows) {
    for (const bottom of rows) {
      if (bottom.index <= top.index + DEFAULTS.minSide) continue;
      if (Math.abs(bottom.start - top.start) > 2 || Math.abs(bottom.end - top.end) > 2) continue;
      const box = { left: top.start, right: top.end + 1, top: top.index, bottom: bottom.index + 1 };
      const side = (x: number) => {
        for (let at = x - DEFAULTS.corner; at <= x + DEFAULTS.corner; at++) {
          const found = columnsAt
            .get(at)
            ?.some(
              (c) =>
                c.start <= box.top + DEFAULTS.corner && c.end >= box.bottom - 1 - DEFAULTS.corner,
            );
          if (found) return true;
        }
        return false;
      };
      if (!side(box.left) || !side(box.right - 1)) continue;
      const area = (box.right - box.left) * (box.bottom - box.top);
      if (!best || area > (best.right - best.left) * (best.bottom - best.top)) best = box;
    }
  }
  return best;
}

/** A framed legend's box (its frame's rounded corners too), its frame's sides, and its two readings of entries. */
function framedLayout(
  image: Raster,
  background: Rgb,
  found: Box,
  samplesOnly: boolean,
): { box: Box; frame: Box[]; slots: LegendSlot[]; parted: LegendSlot[] } {
  // The frame's own rounded corners reach DEFAULTS.corner px outside the straight runs.
  const box = {
    left: found.left - DEFAULTS.corner,
    right: found.right + DEFAULTS.corner,
    top: found.top - 1,
    bottom: found.bottom + 1,
  };
  const thickness = frameThickness(image, background, found);
  // The sides, with the rounded corners between the straight runs and the box's edge.
  const frame = [
    { ...box, bottom: found.top + thickness + 1 },
    { ...box, top: found.bottom - thickness - 1 },
    { ...box, right: found.left + thickness + 1 },
    { ...box, left: found.right - thickness - 1 },
  ];
  return {
    box,
    frame,
    slots: findSlots(image, box, thickness, false, samplesOnly),
    // Curves crossing a key without fill run some of its entries into one band: the entries
    // parted where only a curve's few pixels are.
    parted: findSlots(image, box, thickness, true, samplesOnly),
  };
}

/**
 * Finds a framed legend inside the plot: a rectangle whose four sides are straight runs of
 * one ink, shorter than the plot. Then splits its inside into entries (a coloured sample on
 * the left, text on the right). Without one, the legend is one framed outside the plot
 * (`framedOutside`) or a frameless one (inside the plot or around it), whichever lists the most
 * entries (the framed one where as many). Returns null when there is no legend.
 */
export function findLegend(image: Raster, plot: PlotArea): LegendLayout | null {
  const layout = legendLayout(image, plot);
  if (!layout) return null;
  const slots = joinNameRuns(layout.slots);
  // A frameless legend inside the plot lies on the plot's background: a sample a curve ran
  // along is read again there (`crossedColors`).
  const inside =
    layout.frame.length === 0 &&
    slots.every(
      ({ handle }) =>
        handle.left >= plot.left &&
        handle.right <= plot.right &&
        handle.top >= plot.top &&
        handle.bottom <= plot.bottom,
    );
  return { ...layout, slots: inside ? crossedColors(image, plot.background, slots) : slots };
}

/** Names run on into what was read as the next entry's sample (`joinNameRuns`). */
const NAME_RUN = {
  /**
   * A "sample" this close after the previous entry's name (a share of the text's height: a
   * letter space, as glyphs are set at small sizes)...
   */
  letterGap: 0.25,
  /**
   * ...where that entry's own sample stands apart from its name by this many px more than
   * that (a legend's padding between sample and name is wider than a letter space, by more
   * than the pixel that anti-aliasing takes from a gap on either side; a sample read touching
   * its name tells no letter space from it).
   */
  padding: 2,
  /**
   * A grey "sample" before its own name is that name's first glyphs where the legend's
   * coloured samples stand this many px farther from their names than it does: set a letter
   * space from the name, where samples stand a padding away (at small sizes 1 px against 2;
   * no pixel is taken for anti-aliasing here, as a grey sample stands as far as the others).
   */
  leadPadding: 1,
} as const;

/**
 * Entries whose grey "sample" is glyphs of a name, read from the entries as found:
 * - one starting a letter space after the previous entry's name, on its rows, is that name's
 *   next glyphs (`North America` set 6 px high read as `No`, a grey sample `rth Am` and a
 *   name `erica`: a grey entry drawn nowhere, traced from text): the name runs on over it
 *   and its text, and the entry goes;
 * - one as tall as its own name and a letter space before it, where the legend's coloured
 *   samples stand farther from their names and are wider (samples are drawn alike), is its
 *   name's first glyphs (`Va` of `Validation`, its sample lost): the entry goes, as it lists
 *   a colour drawn nowhere.
 * A coloured one is a sample (names are grey or black). Returns the entries left, in order.
 */
export function joinNameRuns(slots: LegendSlot[]): LegendSlot[] {
  const samples = slots.filter((slot) => colored(slot.color));
  const drawn =
    samples.length > 0
      ? {
          padding: percentile(samples.map(paddingOf), 0.5),
          width: percentile(
            samples.map(({ handle }) => handle.right - handle.left),
            0.5,
          ),
        }
      : null;
  const joined: LegendSlot[] = [];
  for (const slot of slots) {
    if (drawn && leadsName(slot, drawn)) continue;
    const last = joined.at(-1);
    if (last && runsOn(last, slot)) {
      joined[joined.length - 1] = {
        ...last,
        text: {
          ...last.text,
          right: Math.max(last.text.right, slot.text.right),
          top: Math.min(last.text.top, slot.text.top),
          bottom: Math.max(last.text.bottom, slot.text.bottom),
        },
      };
    } else joined.push(slot);
  }
  return joined;
}

/** The gap (px) between an entry's sample and its name after it (negative: none before it). */
function paddingOf({ handle, text }: LegendSlot): number {
  return text.left - handle.right - 1;
}

/** Whether a grey slot's "sample" is its own name's first glyphs (`joinNameRuns`). */
function leadsName(slot: LegendSlot, samples: { padding: number; width: number }): boolean {
  if (colored(slot.color)) return false;
  const { handle, text } = slot;
  const gap = paddingOf(slot);
  return (
    handle.right - handle.left < samples.width * (1 - ENTRY_ROWS.sameSample) &&
    Math.abs(handle.top - text.top) <= 1 &&
    Math.abs(handle.bottom - text.bottom) <= 1 &&
    gap >= 0 &&
    gap <= (text.bottom - text.top + 1) * NAME_RUN.letterGap &&
    samples.padding >= gap + NAME_RUN.leadPadding
  );
}

/** Whether `next`'s grey "sample" runs on from `entry`'s name (`joinNameRuns`). */
function runsOn(entry: LegendSlot, next: LegendSlot): boolean {
  if (colored(next.color)) return false;
  const { text } = entry;
  const height = text.bottom - text.top + 1;
  const sameRows =
    Math.abs(next.handle.top - text.top) <= 1 && Math.abs(next.handle.bottom - text.bottom) <= 1;
  // The entry's own sample before its name, on its rows.
  const padding = paddingOf(entry);
  const gap = next.handle.left - text.right - 1;
  return (
    sameRows &&
    entry.handle.right < text.left &&
    padding >= Math.max(0, gap) + NAME_RUN.padding &&
    gap >= -1 &&
    gap <= height * NAME_RUN.letterGap
  );
}

function legendLayout(image: Raster, plot: PlotArea): LegendLayout | null {
  const best = framedBox(image, plot.background, plot, DEFAULTS.maxShare);
  // A frame outside the plot is read as a frame first: its sides, a rule under its title and
  // text touching them are no text of a frameless legend.
  const around = () =>
    mostEntries([...framedOutside(image, plot), findFramelessLegend(image, plot)]);
  if (!best) return around();
  const { box, frame, slots, parted } = framedLayout(image, plot.background, best, false);
  // A key of 8 read as 2: the entries parted where only a curve's few pixels are win when
  // they list more.
  if (slots.length > 1) {
    const more = parted.length > slots.length && evenEntries(parted);
    return { box, slots: more ? parted : slots, frame };
  }
  // Grid lines may close a box of one "entry": a legend without a frame that lists more wins;
  // so it does over the entries of a box whose rows all hold ink, parted where only a curve's
  // few pixels do (a key that a curve crosses, or curves and markers closing a box).
  const frameless = around();
  if (parted.length > 1 && parted.length >= (frameless?.slots.length ?? 0)) {
    return { box, slots: parted, frame };
  }
  return slots.length === 1 && (frameless?.slots.length ?? 0) < 2
    ? { box, slots, frame }
    : frameless;
}

/**
 * Framed legends outside the plot, right of it, above it or below it (gnuplot's key with a
 * box, `outside`): the largest rectangle of ink unlike the page in each region, read as a
 * framed legend inside is, keeping the entries whose samples look drawn (a coloured mark or
 * a line, not a word: a boxed title is no legend). Lines drawn across a region outside are no
 * grid, so a side may span it.
 */
function framedOutside(image: Raster, plot: PlotArea): LegendLayout[] {
  const { width, height } = image;
  const regions = [
    { left: Math.ceil(plot.right) + 3, right: width, top: 0, bottom: height },
    { left: 0, right: width, top: 0, bottom: Math.floor(plot.top) - 1 },
    { left: 0, right: width, top: Math.ceil(plot.bottom) + 3, bottom: height },
  ];
  return regions.flatMap((region) => {
    if (region.right - region.left < DEFAULTS.minSide * 2) return [];
    if (region.bottom - region.top < DEFAULTS.minSide * 2) return [];
    const found = framedBox(image, plot.page, region, 1);
    if (!found) return [];
    const { box, frame, slots, parted } = framedLayout(image, plot.page, found, true);
    const more = parted.length > slots.length && evenEntries(parted);
    const read = more || slots.length < 2 ? parted : slots;
    return read.length > 0 ? [{ box, slots: read, frame }] : [];
  });
}

/**
 * Whether a legend's entries are alike in height, as one font's names are: none below
 * `ENTRY_ROWS.even` of the median (rows of one name parted between its capitals and its
 * lower case are not).
 */
function evenEntries(slots: LegendSlot[]): boolean {
  const heights = slots.map((slot) => slot.text.bottom - slot.text.top);
  const median = percentile(heights, 0.5);
  return heights.every((height) => height >= median * ENTRY_ROWS.even);
}

/**
 * How many px thick the legend frame is: ink columns inward from its left side, the fewest of
 * three rows (a quarter, half and three quarters down): a rule across the key under its title
 * may run into the side at one of them, and text may touch it.
 */
function frameThickness(image: Raster, background: Rgb, frame: Box): number {
  const height = frame.bottom - frame.top;
  const thicknessAt = (row: number) => {
    let thickness = 0;
    while (
      thickness < DEFAULTS.corner &&
      channelDistance(image.data, (row * image.width + frame.left + thickness) * 3, background) >
        DEFAULTS.frameInk
    ) {
      thickness++;
    }
    return thickness;
  };
  const rows = [0.25, 0.5, 0.75].map((share) => Math.round(frame.top + height * share));
  return Math.max(1, Math.min(...rows.map(thicknessAt)));
}

/**
 * Entries of a legend: rows of ink inside the frame (`parted`: bands parted where only a
 * crossing curve's few pixels are, `entryRows`); in each, the first ink group is a sample, and
 * so is each coloured one after it (the next column's), each followed by its text. With
 * `samplesOnly`, a first group neither coloured nor a line (a word) is no sample.
 */
function findSlots(
  image: Raster,
  box: Box,
  thickness: number,
  parted: boolean,
  samplesOnly = false,
): LegendSlot[] {
  const { data, width } = image;
  const inner = {
    left: box.left + DEFAULTS.corner + thickness + 1,
    right: box.right - DEFAULTS.corner - thickness - 1,
    top: box.top + thickness + 2,
    bottom: box.bottom - thickness - 2,
  };
  const fill = sampleFill(image, inner);
  const inked = (row: number, column: number) =>
    channelDistance(data, (row * width + column) * 3, fill) > DEFAULTS.handleInk;
  const counts = new Uint32Array(Math.max(0, inner.bottom - inner.top));
  // Each row's longest run of ink: a line sample's row has one as long as the sample.
  const longest = new Uint32Array(counts.length);
  // ...and where that run ends (samples drawn alike end in one column).
  const longestEnd = new Uint32Array(counts.length);
  for (let row = inner.top; row < inner.bottom; row++) {
    let count = 0;
    let run = 0;
    for (let column = inner.left; column < inner.right; column++) {
      if (inked(row, column)) {
        count++;
        run++;
        if (run > longest[row - inner.top]) {
          longest[row - inner.top] = run;
          longestEnd[row - inner.top] = column;
        }
      } else run = 0;
    }
    counts[row - inner.top] = count;
  }
  // A rule across the key (under its title) parts what is above it from what is below, even
  // where a curve crossing the key inks the rows around it (elsewhere blank rows part them).
  const rule = (inner.right - inner.left) * ENTRY_ROWS.rule;
  const rules = Uint8Array.from(longest, (run) => (parted && run >= rule ? 1 : 0));
  rules.forEach((isRule, k) => {
    if (isRule) {
      counts[k] = 0;
      longest[k] = 0;
    }
  });
  const inkedRows = parted
    ? entryRows(counts, { longest, longestEnd }, rules)
    : findRuns(
        Uint8Array.from(counts, (count) => (count > 0 ? 1 : 0)),
        1,
      );
  const bands = inkedRows.map(({ from, to }) => [from + inner.top, to + inner.top]);
  // Each band's parts, told sample or text first; then its entries.
  const rows = bands.flatMap(([top, bottom]) => {
    if (bottom - top < 3) return [];
    const columnInk = new Uint8Array(Math.max(0, inner.right - inner.left));
    for (let column = inner.left; column < inner.right; column++) {
      let any = false;
      for (let row = top; row <= bottom && !any; row++) any = inked(row, column);
      columnInk[column - inner.left] = any ? 1 : 0;
    }
    const height = bottom - top + 1;
    const parts = findRuns(columnInk, Math.max(2, Math.round(height * 0.3))).map(({ from, to }) => [
      from + inner.left,
      to + inner.left,
    ]);
    if (parts.length < 2) return [];
    const boxOf = ([left, right]: number[]) => ({
      left,
      right: right + 1,
      top,
      bottom: bottom + 1,
    });
    const colors = parts.map((part) => dominantColor(image, boxOf(part), fill));
    const sampleLike = parts.map(
      (part, i) => colored(colors[i]) || lineLike(part, top, bottom + 1, inked),
    );
    return [{ boxes: parts.map(boxOf), colors, sampleLike }];
  });
  // gnuplot's key puts each name before its sample: text first, a sample last. Where most rows
  // are so, a row that starts with a piece of a curve crossing the key (a marker before a name)
  // is too, when it ends with a sample.
  const textFirstRow = (row: (typeof rows)[number]) =>
    !row.sampleLike[0] && row.sampleLike.at(-1) === true;
  const key = rows.filter(textFirstRow).length * 2 > rows.length;
  const slots: LegendSlot[] = [];
  for (const row of rows) {
    const { boxes, colors, sampleLike } = row;
    if (textFirstRow(row) || (key && sampleLike.at(-1))) {
      slots.push(...textFirst(boxes, sampleLike, colors));
      continue;
    }
    // The first part is a sample; so is a later coloured one after text, or a grey line (ncol >
    // 1: the next column's; a dashed sample's further dashes and fringes have no text before
    // them; tab10's grey #7f7f7f is darker than light text).
    const samples = [0];
    // A grey line is a sample where drawn as the row's first sample is (within a third of its
    // width: a legend's samples are drawn alike), not the thin tops of glyphs in a band of rows
    // cut from a line of text.
    const firstWidth = boxes[0].right - boxes[0].left;
    const alike = (box: Box) =>
      Math.abs(box.right - box.left - firstWidth) <= firstWidth * ENTRY_ROWS.sameSample;
    for (let i = 2; i < boxes.length; i++) {
      const sample = colored(colors[i]) || (sampleLike[i] && alike(boxes[i]));
      const afterText = !colored(colors[i - 1]) && !sampleLike[i - 1];
      if (sample && afterText && i - 1 > samples.at(-1)!) samples.push(i);
    }
    samples.forEach((at, k) => {
      const end = (samples[k + 1] ?? boxes.length) - 1;
      // A coloured sample goes on over the coloured parts right after it: a dashed line's
      // further dashes and the marker on it (`- ▲ -`), which are no name's first glyphs.
      let last = at;
      if (colored(colors[at])) while (last < end - 1 && colored(colors[last + 1])) last++;
      if (last === end || (samplesOnly && !sampleLike[at])) return;
      // A name runs on over word spaces, not over a gap as wide as its sample and its text's
      // height: the next entry's sample is there, too pale to be ink (a greys palette's last).
      const wide = Math.max(boxes[last].right - boxes[at].left, boxes[at].bottom - boxes[at].top);
      let stop = last + 1;
      while (stop < end && boxes[stop + 1].left - boxes[stop].right <= wide) stop++;
      const text = { ...boxes[last + 1], right: boxes[stop].right };
      slots.push({ handle: { ...boxes[at], right: boxes[last].right }, text, color: colors[at] });
    });
  }
  return slots;
}

/**
 * The bands of rows holding a legend's entries, from the count of ink pixels in each row of its
 * inside: runs of inked rows. A curve drawn across a legend without fill inks the rows between
 * its entries too, with a few pixels each: a band holding two or more runs of rows with more
 * than `ENTRY_ROWS.crossing` pixels (or `ENTRY_ROWS.share` of the fullest row's), each at least
 * `ENTRY_ROWS.entry` as high as the highest (a `T`'s bar above its stem's thin rows is no
 * entry), is cut at the faintest row between each two, and each part trimmed to its strong rows.
 * A band holding two or more line samples (rows whose `longest` run of ink is a sample's) is
 * cut around them instead (`aroundSamples`); bands are cut at `rules` first.
 */
function entryRows(
  counts: Uint32Array,
  { longest, longestEnd }: { longest: Uint32Array; longestEnd: Uint32Array },
  rules: Uint8Array,
): { from: number; to: number }[] {
  const most = Math.max(0, ...counts);
  const least = Math.max(ENTRY_ROWS.crossing, most * ENTRY_ROWS.share);
  const strong = Uint8Array.from(counts, (count) => (count > least ? 1 : 0));
  const any = Uint8Array.from(counts, (count) => (count > 0 ? 1 : 0));
  const sampleRun = Math.max(ENTRY_ROWS.sampleMin, Math.max(0, ...longest) * ENTRY_ROWS.sample);
  const sampleRows = Uint8Array.from(longest, (run) => (run >= sampleRun ? 1 : 0));
  return apart(findRuns(any, 1), rules).flatMap((band) => {
    const lines = findRuns(sampleRows.subarray(band.from, band.to + 1), 1).map((line) => ({
      from: line.from + band.from,
      to: line.to + band.from,
    }));
    if (lines.length > 1 && alike(lines, longest, longestEnd)) {
      return aroundSamples(counts, band, lines, least);
    }
    const runs = findRuns(strong.subarray(band.from, band.to + 1), 1);
    const highest = Math.max(0, ...runs.map((run) => run.to - run.from + 1));
    const entries = runs
      .filter((run) => run.to - run.from + 1 >= highest * ENTRY_ROWS.entry)
      .map((run) => ({ from: run.from + band.from, to: run.to + band.from }));
    if (entries.length < 2) return [band];
    const cuts = entries.slice(1).map((entry, k) => {
      let cut = entries[k].to + 1;
      for (let row = cut; row < entry.from; row++) if (counts[row] < counts[cut]) cut = row;
      return cut;
    });
    return [band.from, ...cuts.map((cut) => cut + 1)].map((from, k) => {
      let top = from;
      let bottom = k < cuts.length ? cuts[k] - 1 : band.to;
      while (top < bottom && counts[top] <= least) top++;
      while (bottom > top && counts[bottom] <= least) bottom--;
      return { from: top, to: bottom };
    });
  });
}

/**
 * Whether runs of sample rows are a legend's samples, drawn alike in one column: the longest
 * run of each ends within `ENTRY_ROWS.align` px of the others' and is as long (pieces of a
 * curve running flat through a box are not).
 */
function alike(lines: Run[], longest: Uint32Array, longestEnd: Uint32Array): boolean {
  const rows = lines.map(({ from, to }) => {
    let at = from;
    for (let row = from; row <= to; row++) if (longest[row] > longest[at]) at = row;
    return at;
  });
  const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
  return (
    spread(rows.map((row) => longestEnd[row])) <= ENTRY_ROWS.align &&
    spread(rows.map((row) => longest[row])) <= ENTRY_ROWS.align
  );
}

/** Runs of rows cut where a rule is (the rule itself in neither part). */
function apart(runs: Run[], rules: Uint8Array): Run[] {
  return runs.flatMap(({ from, to }) => {
    const parts: Run[] = [];
    let start = from;
    for (let row = from; row <= to + 1; row++) {
      if (row <= to && !rules[row]) continue;
      if (row > start) parts.push({ from: start, to: row - 1 });
      start = row + 1;
    }
    return parts;
  });
}

/**
 * A band's entries, one around each of its line samples (`lines`, two or more): names as short
 * as a `1` ink no more of a row than a crossing curve does, but every entry has its sample.
 * Parted at the faintest row between each two samples; each part trimmed of rows holding no
 * more than a crossing curve's `least` pixels, but never nearer its sample than
 * `ENTRY_ROWS.keep` of the samples' spacing (a name is about as high as its sample's row).
 */
function aroundSamples(
  counts: Uint32Array,
  band: { from: number; to: number },
  lines: { from: number; to: number }[],
  least: number,
): { from: number; to: number }[] {
  const centers = lines.map((line) => (line.from + line.to) / 2);
  const pitch = (centers.at(-1)! - centers[0]) / (centers.length - 1);
  const keep = pitch * ENTRY_ROWS.keep;
  const cuts = lines.slice(1).map((line, k) => {
    let cut = lines[k].to + 1;
    for (let row = cut; row < line.from; row++) if (counts[row] < counts[cut]) cut = row;
    return cut;
  });
  return centers.map((center, k) => {
    let top = k === 0 ? band.from : cuts[k - 1] + 1;
    let bottom = k < cuts.length ? cuts[k] - 1 : band.to;
    while (top < center - keep && counts[top] <= least) top++;
    while (bottom > center + keep && counts[bottom] <= least) bottom--;
    return { from: top, to: bottom };
  });
}

/**
 * Whether a part of a legend row is a line sample, not a glyph: at least `LINE.length` times as
 * wide as its row is high, its ink in at most `LINE.rows` of the row's rows or a line across it
 * (an unbroken run of ink).
 */
function lineLike(
  [left, right]: number[],
  top: number,
  bottom: number,
  inked: (row: number, column: number) => boolean,
): boolean {
  const height = bottom - top;
  if (right - left + 1 < height * LINE.length) return false;
  let rows = 0;
  let widest = 0;
  for (let row = top; row < bottom; row++) {
    // The longest unbroken run of the row: a line drawn across is one, a row through glyphs
    // (small text set close, its strokes inking most of the row) is broken between them.
    let any = false;
    let run = 0;
    for (let column = left; column <= right; column++) {
      run = inked(row, column) ? run + 1 : 0;
      any ||= run > 0;
      widest = Math.max(widest, run);
    }
    if (any) rows++;
  }
  return rows <= height * LINE.rows || widest >= (right - left + 1) * LINE.across;
}

/**
 * The entries of a row whose names come before their samples (gnuplot's key): each run of
 * text parts, then the run of sample parts after it (a dashed sample's dashes) as its sample.
 */
function textFirst(boxes: Box[], sampleLike: boolean[], colors: Rgb[]): LegendSlot[] {
  const slots: LegendSlot[] = [];
  let i = 0;
  while (i < boxes.length) {
    const textFrom = i;
    while (i < boxes.length && !sampleLike[i]) i++;
    const sampleFrom = i;
    while (i < boxes.length && sampleLike[i]) i++;
    if (sampleFrom === textFrom || sampleFrom === i) continue;
    slots.push({
      handle: { ...boxes[sampleFrom], right: boxes[i - 1].right },
      text: { ...boxes[textFrom], right: boxes[sampleFrom - 1].right },
      color: colors[sampleFrom],
    });
  }
  return slots;
}

function sampleFill(image: Raster, box: Box): Rgb {
  const o = (Math.round(box.top) * image.width + Math.round(box.left)) * 3;
  return [image.data[o], image.data[o + 1], image.data[o + 2]];
}
