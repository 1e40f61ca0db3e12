import { channelDistance, type Rgb } from '../color.js';
import { boxesOverlap, percentile } from '../math.js';
import type { Box, Raster } from '../types.js';
import type { LegendSlot } from './findLegend.js';
import { colored, rowInk, SAMPLES } from './legendSamples.js';
import { purestColor } from './sampleColor.js';

const DEFAULTS = {
  /** Text lines of one legend start at the same column, give or take this (px). */
  align: 3,
  /** ...or, completing a column, this share of its text's height where that is more. */
  alignShare: 0.2,
  /** Samples of one legend are alike in width: within this share of each other. */
  sameSample: 0.35,
  /** A legend's next row of entries: text at most this many times as high as its rows'... */
  rowHeight: 1.5,
  /** ...and at most this many text heights above or below them. */
  rowSpacing: 1.5,
  /** A line of text completes a column of entries when as high as theirs, within this share. */
  sameHeight: 0.25,
  /**
   * ...or, where its top lies on the column's rows (a whole number of steps from an entry's,
   * within the alignment), down to this many times their height: a name with a descender
   * (`Europe`) among names with none is taller by about a third.
   */
  descender: 1.5,
  /** ...and no farther from its nearest entry than this many steps between entries. */
  maxSteps: 1.5,
  /** A sample under a crossing curve still shows a row inked across this share of it. */
  inkedAcross: 0.5,
  /** Its pixels this close (0..255) to another entry's colour are the crossing curve's... */
  otherColor: 60,
  /** ...the rest, this far from the background, are its own: at least a text height of them. */
  handleInk: SAMPLES.handleInk,
  /** Its colour is the mean of this share of its own pixels, those farthest from the background. */
  coreShare: 0.3,
  /**
   * A sample `colorApart` cannot tell (paler than `handleInk`: the near-white middle of a
   * diverging colormap, #ced5e3 on white; or within `otherColor` of its neighbours' colours) is
   * a row of pixels at least this far (0..255) from the background...
   */
  flatInk: 16,
  /** ...running across this share of the sample's columns without a break... */
  flatAcross: 0.8,
  /** ...all within this (0..255) of one colour (a line drawn flat, not text nor a crossing curve)... */
  flatEven: 12,
  /** ...that is farther than this (0..255) from every other entry's colour... */
  flatApart: 20,
  /** ...and ends within this share of the sample's width (2 px at least) of its ends. */
  flatEnds: 0.25,
  /** Two entries' samples this close (0..255, each channel) are of one colour. */
  sameColor: 24,
  /** The columns all samples share are at least this many px wide. */
  minColumns: 3,
  /**
   * A colour re-read within this (0..255, each channel) of a blend of the entry's first colour
   * with the background is that colour's anti-aliased edge: the sample is drawn in it.
   */
  blendOff: 12,
  /**
   * ...and one within this (0..255, a channel) of its first colour is a shade of it (JPEG, or
   * its darker core): the sample is that colour, as a crossing curve of another series is not.
   */
  shadeOf: 90,
} as const;

/** Whether two entries line up in a column (text or sample starting, or text ending, at one column) with text as high. */
export function linedUp(a: LegendSlot, b: LegendSlot): boolean {
  const height = (slot: LegendSlot) => slot.text.bottom - slot.text.top;
  return (
    Math.abs(height(a) - height(b)) <= DEFAULTS.align &&
    [
      (slot: LegendSlot) => slot.text.left,
      (slot: LegendSlot) => slot.text.right,
      (slot: LegendSlot) => slot.handle.left,
    ].some((key) => Math.abs(key(a) - key(b)) <= DEFAULTS.align)
  );
}

/**
 * The entries of one legend among candidate entries: those that line up (texts starting, or
 * ending, at one column; samples starting at one column; or entries in one row), the largest
 * such set, grown by the entries that line up with its members the other way (the other
 * columns or rows of a legend laid out in a grid) and whose samples are as wide.
 */
export function alignedGroup(candidates: LegendSlot[]): LegendSlot[] {
  const keys: ((slot: LegendSlot) => number)[] = [
    (slot) => slot.text.left,
    (slot) => slot.text.right,
    (slot) => slot.handle.left,
    (slot) => slot.text.top,
  ];
  let best: LegendSlot[] = [];
  let bestKey = 0;
  for (const slot of candidates) {
    keys.forEach((key, k) => {
      const group = candidates.filter(
        (other) => Math.abs(key(other) - key(slot)) <= DEFAULTS.align,
      );
      if (group.length > best.length) {
        best = group;
        bestKey = k;
      }
    });
  }
  if (best.length === 0) return best;
  // A column's entries share rows with the other columns; a row's, columns with other rows.
  const across = bestKey === 3 ? keys[0] : keys[3];
  const wide = (slot: LegendSlot) => slot.handle.right - slot.handle.left;
  const sampleWidth = percentile(best.map(wide), 0.5);
  const group = new Set(best);
  for (let grown = true; grown; ) {
    grown = false;
    for (const slot of candidates) {
      if (
        group.has(slot) ||
        Math.abs(wide(slot) - sampleWidth) > sampleWidth * DEFAULTS.sameSample
      ) {
        continue;
      }
      // In a legend laid out in rows, a row that joined (`nextRow`) brings the rest of its
      // entries: those in its rows (the row is grown as the first was).
      if (
        [...group].some(
          (member) =>
            Math.abs(across(member) - across(slot)) <= DEFAULTS.align ||
            (bestKey === 3 && Math.abs(keys[3](member) - keys[3](slot)) <= DEFAULTS.align),
        ) ||
        (bestKey === 3 && nextRow(group, slot))
      ) {
        group.add(slot);
        grown = true;
      }
    }
  }
  return [...group];
}

/**
 * Whether a coloured entry starts the next row of a legend laid out in rows (`group`: Chart.js
 * and ECharts centre each row, so its entries line up with no column of the row above): its
 * text about as high as theirs and no more than a row's spacing above or below them.
 */
function nextRow(group: Set<LegendSlot>, slot: LegendSlot): boolean {
  if (!colored(slot.color)) return false;
  const members = [...group];
  const height = percentile(
    members.map((member) => member.text.bottom - member.text.top),
    0.5,
  );
  if (slot.text.bottom - slot.text.top > height * DEFAULTS.rowHeight) return false;
  const top = Math.min(...members.map((member) => member.text.top));
  const bottom = Math.max(...members.map((member) => member.text.bottom));
  const apart = Math.max(top - slot.text.bottom, slot.text.top - bottom);
  return apart >= 0 && apart <= height * DEFAULTS.rowSpacing;
}

/**
 * A column of entries (samples before their texts, or after them as gnuplot draws its key,
 * each sample in the same columns) whose entry a curve crossed, so that no sample was told
 * beside its text: a line of text (one of `lines`, that found no sample) that starts where the
 * column's texts do (ends, before samples), is as high as they
 * are (or, its top on their rows, taller by a descender) and lies among them (within DEFAULTS.maxSteps steps of an entry) takes the column's sample
 * columns at its rows, when ink runs across them there. Returns the entries, grown by those.
 */
export function completeColumn(
  image: Raster,
  background: Rgb,
  slots: LegendSlot[],
  lines: Box[],
): LegendSlot[] {
  if (slots.length < 2 || lines.length === 0) return slots;
  const whole = completeOneColumn(image, background, slots, lines);
  if (whole !== null) return whole;
  // A legend laid out in a grid (ggplot2's and Vega-Lite's in columns, Plotly's in rows): each
  // column of two entries or more, told by where their samples start, is completed alone; a
  // line its names do not line up with is left to the next.
  const found = [...slots];
  const columns = new Set<number>();
  for (const slot of slots) {
    const key = slots.find(
      (other) => Math.abs(other.handle.left - slot.handle.left) <= DEFAULTS.align,
    )!.handle.left;
    columns.add(key);
  }
  if (columns.size < 2) return slots;
  const pending = [...lines];
  for (const key of columns) {
    const members = slots.filter((slot) => Math.abs(slot.handle.left - key) <= DEFAULTS.align);
    if (members.length < 2 || pending.length === 0) continue;
    const grown = completeOneColumn(image, background, members, pending);
    if (!grown) continue;
    for (const slot of grown.slice(members.length)) {
      found.push(slot);
      const line = pending.findIndex((box) => boxesOverlap(box, slot.text));
      if (line >= 0) pending.splice(line, 1);
    }
  }
  return found;
}

/**
 * `completeColumn` for entries that make one column: null when they do not (so that no line is
 * looked at).
 */
function completeOneColumn(
  image: Raster,
  background: Rgb,
  slots: LegendSlot[],
  lines: Box[],
): LegendSlot[] | null {
  const median = (key: (slot: LegendSlot) => number) => percentile(slots.map(key), 0.5);
  // Names after their samples start in one column; names before them (gnuplot's key) end in one.
  const after = slots.every((slot) => slot.handle.left >= slot.text.right);
  const edge = (box: Box) => (after ? box.right : box.left);
  const textEdge = median((slot) => edge(slot.text));
  const handle = {
    left: median((slot) => slot.handle.left),
    right: median((slot) => slot.handle.right),
  };
  const height = median((slot) => slot.text.bottom - slot.text.top);
  const lowest = Math.min(...slots.map((slot) => slot.text.bottom - slot.text.top));
  // Names start where their first glyphs' ink does: a `T`'s bar reaches a little farther left.
  const align = Math.max(DEFAULTS.align, height * DEFAULTS.alignShare);
  const column = slots.every(
    (slot) =>
      (after || slot.handle.right <= slot.text.left) &&
      Math.abs(edge(slot.text) - textEdge) <= align &&
      Math.abs(slot.handle.left - handle.left) <= align,
  );
  if (!column) return null;
  if (handle.right <= handle.left) return slots;
  const tops = slots.map((slot) => slot.text.top).sort((a, b) => a - b);
  const step = percentile(
    tops.slice(1).map((top, i) => top - tops[i]),
    0.5,
  );
  const found = [...slots];
  // An entry completed may bring the next line within reach (two crossed entries in a row at
  // the column's end): the lines are looked at again until none is added.
  const pending = [...lines];
  for (let added = true; added; ) {
    added = false;
    const rows = found.map((slot) => slot.text.top);
    for (const drawn of [...pending]) {
      const line = crossedLine(drawn, { tops, step, height, align });
      const near = rows.some((top) => Math.abs(top - line.top) <= step * DEFAULTS.maxSteps);
      // A name with a descender among names with none is taller: its top is on their rows.
      const onRow = tops.some((top) => {
        const steps = Math.round((line.top - top) / step);
        return Math.abs(line.top - top - steps * step) <= align;
      });
      const high = line.bottom - line.top;
      // As high as the column's names: the median's, or (a column of two, where a descender
      // raised the median: `Model A` over `Europe`) the lower one's.
      const asHigh =
        Math.abs(high - height) <= height * DEFAULTS.sameHeight ||
        (slots.length === 2 && Math.abs(high - lowest) <= lowest * DEFAULTS.sameHeight) ||
        (onRow && high >= height && high <= height * DEFAULTS.descender);
      const apart = found.every(
        (slot) => slot.text.bottom <= line.top || slot.text.top >= line.bottom,
      );
      if (!near || !apart || Math.abs(edge(line) - textEdge) > align || !asHigh) continue;
      const box = { ...handle, top: line.top, bottom: line.bottom };
      const color = sampleIn(
        image,
        background,
        box,
        found.map((slot) => slot.color),
      );
      if (!color) continue;
      found.push({ handle: box, text: line, color });
      pending.splice(pending.indexOf(drawn), 1);
      added = true;
    }
  }
  return found;
}

/**
 * A line of text as a curve crossing its entry leaves it (the curve's ink joined to the name's):
 * taller than DEFAULTS.descender names, it is cut to a name's height at the column's row (a whole
 * number of steps from an entry's top) lying within its rows. Otherwise the line as found.
 */
function crossedLine(
  line: Box,
  column: {
    tops: number[];
    step: number;
    height: number;
    align: number;
  },
): Box {
  const { tops, step, height, align } = column;
  let { top, bottom } = line;
  if (bottom - top > height * DEFAULTS.descender && step > 0) {
    // The row of the column whose names' top lies within the line's rows.
    const rows = tops.flatMap((first) => {
      const at = first + Math.round((top - first) / step) * step;
      return [at, at + step].filter((row) => row >= top - align && row + height <= bottom + align);
    });
    if (rows.length > 0) {
      top = Math.max(top, Math.round(rows[0]));
      bottom = Math.min(bottom, top + height);
    }
  }
  return { left: line.left, right: line.right, top, bottom };
}

/**
 * A row of entries set side by side (Plotly's and Vega-Lite's horizontal legends), each sample
 * the same width and the same distance before its name (or after it: gnuplot's key), whose
 * entry drew its sample too pale to be told beside its text (the near-white middle of a
 * diverging colormap): a line of text (one of `lines`, that found no sample) on the row's
 * rows (its top within the alignment of theirs, as high as they are) takes the box at that
 * distance, when a sample is read there (`sampleIn`) and the box holds no other entry's sample
 * or name. `completeColumn` does the same for a column of entries. Returns the entries, grown
 * by those.
 */
export function completeRow(
  image: Raster,
  background: Rgb,
  slots: LegendSlot[],
  lines: Box[],
): LegendSlot[] {
  const found = [...slots];
  for (const line of lines) {
    const high = line.bottom - line.top;
    const align = Math.max(DEFAULTS.align, high * DEFAULTS.alignShare);
    const row = slots.filter(
      (slot) =>
        Math.abs(slot.text.top - line.top) <= align &&
        Math.abs(slot.text.bottom - slot.text.top - high) <= high * DEFAULTS.sameHeight,
    );
    if (row.length < 2) continue;
    const before = row.every((slot) => slot.handle.right <= slot.text.left);
    const after = row.every((slot) => slot.handle.left >= slot.text.right);
    if (!before && !after) continue;
    // Where each sample lies from its name's near edge, and how wide it is: alike in the row.
    const offset = (slot: LegendSlot) =>
      before ? slot.text.left - slot.handle.left : slot.handle.left - slot.text.right;
    const wide = (slot: LegendSlot) => slot.handle.right - slot.handle.left;
    const at = percentile(row.map(offset), 0.5);
    const columns = percentile(row.map(wide), 0.5);
    if (
      columns <= 0 ||
      !row.every(
        (slot) =>
          Math.abs(offset(slot) - at) <= align &&
          Math.abs(wide(slot) - columns) <= columns * DEFAULTS.sameSample,
      )
    )
      continue;
    const left = before ? line.left - at : line.right + at;
    const box = { left, right: left + columns, top: line.top, bottom: line.bottom };
    if (box.left < 0 || box.right > image.width) continue;
    const crosses = (other: Box) => boxesOverlap(other, box);
    if (found.some((slot) => crosses(slot.handle) || crosses(slot.text) || crosses(line))) continue;
    if (lines.some((other) => other !== line && crosses(other))) continue;
    // Told apart from the samples found beside their names (a curve crossing this box is one of
    // theirs), not from another pale one completed here: the middle of a diverging colormap
    // holds two, alike within `flatApart` once blurred.
    const color = sampleIn(
      image,
      background,
      box,
      slots.map((slot) => slot.color),
    );
    if (color) found.push({ handle: box, text: line, color });
  }
  return found;
}

/**
 * The colour of the sample of a name that found none beside it, read in `box` (where its
 * legend's other entries have theirs): a sample a curve crosses (`colorApart`, when a row is
 * inked across DEFAULTS.inkedAcross of it), else one drawn flat but too pale for `handleInk` or
 * too like its neighbours' colours for `colorApart` (`flatSample`); null when neither is told.
 */
function sampleIn(image: Raster, background: Rgb, box: Box, others: Rgb[]): Rgb | null {
  const across = rowInk(image, background, box);
  const crossed = across.some((count) => count >= (box.right - box.left) * DEFAULTS.inkedAcross);
  return (
    (crossed ? colorApart(image, background, box, others) : null) ??
    flatSample(image, background, box, others)
  );
}

/**
 * The colour of a sample that a curve crosses, from its pixels unlike the background and
 * unlike every colour of `others` (the other entries': the crossing curve is mostly one of
 * them); null when too few are left (the sample is the crossing curve's colour).
 */
function colorApart(image: Raster, background: Rgb, box: Box, others: Rgb[]): Rgb | null {
  const { data, width } = image;
  const own: { o: number; d: number }[] = [];
  for (let row = box.top; row < box.bottom; row++) {
    for (let column = box.left; column < box.right; column++) {
      const o = (row * width + column) * 3;
      const d = channelDistance(data, o, background);
      if (
        d > DEFAULTS.handleInk &&
        others.every((other) => channelDistance(data, o, other) > DEFAULTS.otherColor)
      )
        own.push({ o, d });
    }
  }
  if (own.length < box.bottom - box.top) return null;
  const pure = purestColor(
    data,
    own.map(({ o }) => o),
  );
  if (pure) return pure;
  own.sort((a, b) => b.d - a.d);
  const core = own.slice(0, Math.max(1, Math.round(own.length * DEFAULTS.coreShare)));
  return [0, 1, 2].map((k) =>
    Math.round(core.reduce((sum, { o }) => sum + data[o + k], 0) / core.length),
  ) as Rgb;
}

/**
 * The colour of a sample drawn flat across `box` that `colorApart` cannot tell (too pale for
 * `handleInk`, or within `otherColor` of a neighbour's colour): a row running across
 * DEFAULTS.flatAcross of the box in one colour (each pixel within DEFAULTS.flatEven of the
 * row's middle one) and ending near its ends (DEFAULTS.flatEnds; a grid line goes on), DEFAULTS.flatInk from the background at least, the core of its line (no
 * row next to it farther from the background at the middle: an anti-aliased edge of the next
 * entry's sample is not), and apart from every colour of `others` by DEFAULTS.flatApart. Of
 * such rows, the one farthest from the background; null when there is none.
 */
function flatSample(image: Raster, background: Rgb, box: Box, others: Rgb[]): Rgb | null {
  const { data, width, height } = image;
  const columns = box.right - box.left;
  const middle = Math.round((box.left + box.right) / 2);
  const reach = Math.max(2, Math.round(columns * DEFAULTS.flatEnds));
  const away = (row: number) =>
    row < 0 || row >= height ? 0 : channelDistance(data, (row * width + middle) * 3, background);
  let best: { color: Rgb; d: number } | null = null;
  for (let row = box.top; row < box.bottom; row++) {
    const o = (row * width + middle) * 3;
    const color: Rgb = [data[o], data[o + 1], data[o + 2]];
    const d = away(row);
    if (d < DEFAULTS.flatInk || (best && d <= best.d) || away(row - 1) > d || away(row + 1) > d)
      continue;
    const rgb = Uint8Array.from(color);
    if (!others.every((other) => channelDistance(rgb, 0, other) > DEFAULTS.flatApart)) continue;
    // The run of its colour through the middle: a sample's ends lie near the box's; a grid
    // line's run on through the names.
    const same = (column: number) =>
      column >= 0 &&
      column < width &&
      channelDistance(data, (row * width + column) * 3, color) <= DEFAULTS.flatEven;
    let [from, to] = [middle, middle];
    while (same(from - 1) && from > box.left - reach) from--;
    while (same(to + 1) && to < box.right + reach) to++;
    if (
      to - from + 1 >= columns * DEFAULTS.flatAcross &&
      from > box.left - reach &&
      to < box.right + reach
    )
      best = { color, d };
  }
  return best?.color ?? null;
}

/**
 * The entries, each whose sample a curve crossed along its row re-read: an entry whose coloured
 * sample has the colour of another entry's (the crossing curve is that series', drawn along the
 * sample's row, longer there than the sample's own ink) and reaches past the columns the
 * legend's samples share (most start, and end, in one column; else the columns all of them
 * hold) by more than DEFAULTS.align, the curve running on into the gap before its name or past
 * the sample. Its colour is read again in those columns, apart from the other entries' colours
 * (`sampleIn`), and taken with those columns where it is another entry's no more.
 */
export function crossedColors(image: Raster, background: Rgb, slots: LegendSlot[]): LegendSlot[] {
  if (slots.length < 2) return slots;
  const lefts = slots.map((slot) => slot.handle.left);
  const rights = slots.map((slot) => slot.handle.right);
  const left = commonValue(lefts) ?? Math.max(...lefts);
  const right = commonValue(rights) ?? Math.min(...rights);
  if (right - left < DEFAULTS.minColumns) return slots;
  const same = (a: Rgb, b: Rgb) => channelDistance(Uint8Array.from(a), 0, b) <= DEFAULTS.sameColor;
  // One at a time, in order: an entry re-read no longer shares its colour with the next.
  const read = [...slots];
  read.forEach((slot, i) => {
    const others = read.filter((_, j) => j !== i).map((other) => other.color);
    const beyond =
      slot.handle.left < left - DEFAULTS.align || slot.handle.right > right + DEFAULTS.align;
    const handle = { left, right, top: slot.handle.top, bottom: slot.handle.bottom };
    // Entries overlapping one another (two read from one row), before or once re-read, are
    // no column's to re-read: the shared columns at its rows hold another entry.
    const overlapping = read.some(
      (other, j) =>
        j !== i &&
        [slot.handle, handle].some(
          (box) => boxesOverlap(other.handle, box) || boxesOverlap(other.text, box),
        ),
    );
    if (
      !beyond ||
      overlapping ||
      !colored(slot.color) ||
      !others.some((other) => same(other, slot.color))
    ) {
      return;
    }
    const color = sampleIn(image, background, handle, others);
    if (
      color &&
      colored(color) &&
      !others.some((other) => same(other, color)) &&
      !edgeOf(color, slot.color, background) &&
      channelDistance(Uint8Array.from(color), 0, slot.color) > DEFAULTS.shadeOf
    ) {
      read[i] = { ...slot, handle, color };
    }
  });
  return read;
}

/**
 * Whether `color` is a blend of `ink` with the background (the anti-aliased edge of a line
 * drawn in `ink`): within DEFAULTS.blendOff of background + alpha * (ink - background) for the
 * alpha that fits best (0..1).
 */
function edgeOf(color: Rgb, ink: Rgb, background: Rgb): boolean {
  const d = ink.map((v, k) => v - background[k]);
  const p = color.map((v, k) => v - background[k]);
  const norm = d.reduce((sum, v) => sum + v * v, 0);
  if (norm === 0) return false;
  const alpha = Math.max(0, Math.min(1, d.reduce((sum, v, k) => sum + v * p[k], 0) / norm));
  return p.every((v, k) => Math.abs(v - alpha * d[k]) <= DEFAULTS.blendOff);
}

/**
 * The value most of `values` lie within DEFAULTS.align of (more than half of them, and at
 * least two), or null.
 */
function commonValue(values: number[]): number | null {
  for (const value of values) {
    const near = values.filter((other) => Math.abs(other - value) <= DEFAULTS.align);
    if (near.length >= 2 && near.length * 2 > values.length) return value;
  }
  return null;
}
