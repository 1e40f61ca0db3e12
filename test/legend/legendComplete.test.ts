import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import { legendComplete } from '../../src/legend/legendComplete.js';
import type { Box } from '../../src/types.js';
import { legendColumn, top } from '../helpers/legendColumn.js';
import { paintBoxes } from '../helpers/paintBoxes.js';

const BLUE: Rgb = [31, 119, 180];
const RED: Rgb = [214, 39, 40];
const GREEN: Rgb = [44, 160, 44];
const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

// A legend column left of the plot (`legendColumn`), its samples from x = 40.
const { sample, name, slot } = legendColumn(40);
const COLORS = [BLUE, RED, GREEN];

describe('legendComplete', () => {
  it('takes a column of evenly spaced entries with nothing past its ends for the whole legend', () => {
    const image = paintBoxes(
      160,
      120,
      COLORS.flatMap((c, k) => [sample(k, c), ...name(k)]),
    );
    expect(
      legendComplete(
        image,
        WHITE,
        COLORS.map((c, k) => slot(k, c)),
      ),
    ).toBe(true);
  });

  it('is unsure of a legend with an entry one step past its last that was not read', () => {
    // A fourth entry drawn in black (its sample as dark as text, lost to the reader).
    const image = paintBoxes(160, 120, [
      ...COLORS.flatMap((c, k) => [sample(k, c), ...name(k)]),
      sample(3, BLACK),
      ...name(3),
    ]);
    expect(
      legendComplete(
        image,
        WHITE,
        COLORS.map((c, k) => slot(k, c)),
      ),
    ).toBe(false);
  });

  it('is unsure where a sample stands one step above the first entry', () => {
    const image = paintBoxes(160, 120, [
      ...COLORS.flatMap((c, k) => [sample(k + 1, c), ...name(k + 1)]),
      sample(0, BLACK),
    ]);
    expect(
      legendComplete(
        image,
        WHITE,
        COLORS.map((c, k) => slot(k + 1, c)),
      ),
    ).toBe(false);
  });

  it('is unsure where a step is left empty or a name stands halfway (every other entry lost)', () => {
    // Entries 0, 2 and 4 read: steps of 40 px, names at 1 and 3 between them.
    const read = [0, 2, 4];
    const image = paintBoxes(160, 140, [
      ...read.flatMap((k, i) => [sample(k, COLORS[i]), ...name(k)]),
      ...name(1),
      ...name(3),
    ]);
    expect(
      legendComplete(
        image,
        WHITE,
        read.map((k, i) => slot(k, COLORS[i])),
      ),
    ).toBe(false);
    // Entries 0, 1 and 3: one step twice as long as the others.
    const uneven = [0, 1, 3];
    const gapped = paintBoxes(
      160,
      140,
      uneven.flatMap((k, i) => [sample(k, COLORS[i]), ...name(k)]),
    );
    expect(
      legendComplete(
        gapped,
        WHITE,
        uneven.map((k, i) => slot(k, COLORS[i])),
      ),
    ).toBe(false);
  });

  it('is unsure of a column with another column of entries beside it not read', () => {
    const image = paintBoxes(220, 120, [
      ...COLORS.flatMap((c, k) => [sample(k, c), ...name(k)]),
      // The next column's samples, 8 px past the names.
      ...[0, 1, 2].map((k): [Box, readonly number[]] => [
        { left: 112, right: 136, top: top(k) + 4, bottom: top(k) + 6 },
        BLACK,
      ]),
    ]);
    expect(
      legendComplete(
        image,
        WHITE,
        COLORS.map((c, k) => slot(k, c)),
      ),
    ).toBe(false);
  });

  it('takes a curve running past one entry, beside its name, for no column of entries lost', () => {
    // A flat curve passing 8 px past the first name only (a chart's data running by the
    // legend): a lost column would stand beside the others too.
    const image = paintBoxes(220, 120, [
      ...COLORS.flatMap((c, k) => [sample(k, c), ...name(k)]),
      [{ left: 112, right: 220, top: top(0) + 4, bottom: top(0) + 6 }, BLACK],
    ]);
    expect(
      legendComplete(
        image,
        WHITE,
        COLORS.map((c, k) => slot(k, c)),
      ),
    ).toBe(true);
    // Beside two of the three, it may be a column lost but its last entry.
    const twice = paintBoxes(220, 120, [
      ...COLORS.flatMap((c, k) => [sample(k, c), ...name(k)]),
      ...[0, 1].map((k): [Box, readonly number[]] => [
        { left: 112, right: 136, top: top(k) + 4, bottom: top(k) + 6 },
        BLACK,
      ]),
    ]);
    expect(
      legendComplete(
        twice,
        WHITE,
        COLORS.map((c, k) => slot(k, c)),
      ),
    ).toBe(false);
  });

  it('takes a title above the first entry, running over its sample and gap, for no entry', () => {
    // The title's glyphs from x = 40 (over the samples) to x = 110, one step above entry 1,
    // set close as a word's letters are.
    const title: [Box, readonly number[]][] = Array.from({ length: 24 }, (_, i) => [
      { left: 40 + i * 3, right: 42 + i * 3, top: top(0), bottom: top(0) + 10 },
      BLACK,
    ]);
    const image = paintBoxes(160, 120, [
      ...title,
      ...COLORS.flatMap((c, k) => [sample(k + 1, c), ...name(k + 1)]),
    ]);
    expect(
      legendComplete(
        image,
        WHITE,
        COLORS.map((c, k) => slot(k + 1, c)),
      ),
    ).toBe(true);
  });

  it('is unsure where a name stands one step above the first entry, a curve across its gap', () => {
    // The lost entry's marker is glyph-like (an x: two strokes a row) and a flat curve runs
    // through the gap before its name: its name still shows.
    const image = paintBoxes(160, 120, [
      ...COLORS.flatMap((c, k) => [sample(k + 1, c), ...name(k + 1)]),
      ...[0, 4, 8].map((dy): [Box, readonly number[]] => [
        { left: 48 + dy / 2, right: 51 + dy / 2, top: top(0) + dy, bottom: top(0) + dy + 2 },
        BLACK,
      ]),
      ...name(0),
      [{ left: 0, right: 72, top: top(0) + 3, bottom: top(0) + 5 }, RED],
    ]);
    expect(
      legendComplete(
        image,
        WHITE,
        COLORS.map((c, k) => slot(k + 1, c)),
      ),
    ).toBe(false);
  });

  it('is unsure where a name holds a coloured sample (two entries read as one)', () => {
    const image = paintBoxes(200, 120, [
      ...COLORS.flatMap((c, k) => [sample(k, c), ...name(k)]),
      [{ left: 110, right: 134, top: top(0) + 4, bottom: top(0) + 6 }, GREEN],
    ]);
    const slots = COLORS.map((c, k) => slot(k, c));
    slots[0] = { ...slots[0], text: { ...slots[0].text, right: 170 } };
    expect(legendComplete(image, WHITE, slots)).toBe(false);
  });

  it('is unsure of a single entry', () => {
    const image = paintBoxes(160, 120, [sample(0, BLUE), ...name(0)]);
    expect(legendComplete(image, WHITE, [slot(0, BLUE)])).toBe(false);
  });

  // A legend row at y = 50: entry k's sample from x = 10 + 80k, its name 8 px past it.
  const rowSample = (k: number, color: Rgb): [Box, readonly number[]] => [
    { left: 10 + k * 80, right: 34 + k * 80, top: 54, bottom: 56 },
    color,
  ];
  const rowName = (k: number, top = 50): [Box, readonly number[]][] =>
    [0, 6, 12, 18, 24, 30].map((dx) => [
      { left: 42 + k * 80 + dx, right: 44 + k * 80 + dx, top, bottom: top + 10 },
      BLACK,
    ]);
  const rowSlots = (count: number) =>
    Array.from({ length: count }, (_, k) => ({
      handle: { left: 10 + k * 80, right: 34 + k * 80, top: 50, bottom: 60 },
      text: { left: 42 + k * 80, right: 74 + k * 80, top: 50, bottom: 60 },
      color: COLORS[k],
    }));

  it('takes a row of entries with no other past its ends, in its gaps or above and below', () => {
    const image = paintBoxes(
      330,
      120,
      [0, 1].flatMap((k) => [rowSample(k, COLORS[k]), ...rowName(k)]),
    );
    expect(legendComplete(image, WHITE, rowSlots(2))).toBe(true);
  });

  it('is unsure of a row with an entry past its end, or a second row, not read', () => {
    const drawn = [0, 1].flatMap((k) => [rowSample(k, COLORS[k]), ...rowName(k)]);
    // A third entry in black, its sample lost to the reader.
    const longer = paintBoxes(330, 120, [...drawn, rowSample(2, BLACK), ...rowName(2)]);
    expect(legendComplete(longer, WHITE, rowSlots(2))).toBe(false);
    // A second row's names below the first's.
    const below = paintBoxes(330, 120, [...drawn, ...rowName(0, 64), ...rowName(1, 64)]);
    expect(legendComplete(below, WHITE, rowSlots(2))).toBe(false);
    // A name lost between two entries read (the row spaced for three).
    const wide = rowSlots(3).filter((_, k) => k !== 1);
    const gapped = paintBoxes(330, 120, [
      ...[0, 2].flatMap((k) => [rowSample(k, COLORS[k]), ...rowName(k)]),
      ...rowName(1),
    ]);
    expect(legendComplete(gapped, WHITE, wide)).toBe(false);
    // Two entries read as one: the first name runs on over the second's coloured sample.
    const two = rowSlots(3).filter((_, k) => k !== 1);
    two[0] = { ...two[0], text: { left: 42, right: 154, top: 50, bottom: 60 } };
    const one = paintBoxes(330, 120, [
      ...[0, 1, 2].flatMap((k) => [rowSample(k, COLORS[k]), ...rowName(k)]),
    ]);
    expect(legendComplete(one, WHITE, two)).toBe(false);
    // ...its sample a pale swatch (a box filled at half alpha, its channels 33 apart).
    const pale = paintBoxes(330, 120, [
      ...[0, 2].flatMap((k) => [rowSample(k, COLORS[k]), ...rowName(k)]),
      [{ left: 90, right: 114, top: 50, bottom: 60 }, [186, 184, 217]],
      ...rowName(1),
    ]);
    expect(legendComplete(pale, WHITE, two)).toBe(false);
  });

  it('is unsure of a row cut by the image’s side, or of entries in one colour', () => {
    const drawn = [0, 1].flatMap((k) => [rowSample(k, COLORS[k]), ...rowName(k)]);
    // the image ends 2 px past the last name (a legend wider than its figure, saved clipped)
    expect(legendComplete(paintBoxes(157, 120, drawn), WHITE, rowSlots(2))).toBe(false);
    // two entries told apart by dash only, one grey: names and samples read together easily
    const grey = [0, 1].flatMap((k) => [rowSample(k, [85, 85, 85]), ...rowName(k)]);
    const slots = rowSlots(2).map((slot) => ({ ...slot, color: [85, 85, 85] as Rgb }));
    expect(legendComplete(paintBoxes(330, 120, grey), WHITE, slots)).toBe(false);
  });
});
