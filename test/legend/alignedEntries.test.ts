import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import { completeColumn, completeRow, crossedColors } from '../../src/legend/alignedEntries.js';
import type { LegendSlot } from '../../src/legend/findLegend.js';
import type { Box } from '../../src/types.js';
import { paintBoxes } from '../helpers/paintBoxes.js';

const BLUE: Rgb = [71, 91, 201];
const LIGHT_BLUE: Rgb = [162, 188, 245];
/** The near-white middle of a diverging colormap: under `handleInk` from white. */
const PALE: Rgb = [206, 213, 227];
const SALMON: Rgb = [229, 197, 185];
const GRID: Rgb = [224, 224, 224];
const WHITE: Rgb = [255, 255, 255];

/** An entry's line sample (28 px long, 3 px thick, in a 10 px text row) and its slot. */
const sample = (left: number, top: number, color: Rgb): [Box, readonly number[]] => [
  { left, right: left + 28, top: top + 4, bottom: top + 7 },
  color,
];
const slot = (left: number, top: number, color: Rgb): LegendSlot => ({
  handle: { left, right: left + 28, top, bottom: top + 10 },
  text: { left: left + 40, right: left + 80, top, bottom: top + 10 },
  color,
});
const nameAt = (left: number, top: number): Box => ({
  left: left + 40,
  right: left + 80,
  top,
  bottom: top + 10,
});

describe('completeColumn', () => {
  // A column of four entries, samples from x = 40: the third's sample is pale (#ced5e3).
  const colors = [BLUE, LIGHT_BLUE, PALE, SALMON];
  const column = (painted: Rgb[]) =>
    paintBoxes(
      140,
      90,
      painted.map((color, k) => sample(40, 10 + 20 * k, color)),
    );
  const slots = [slot(40, 10, BLUE), slot(40, 30, LIGHT_BLUE), slot(40, 70, SALMON)];

  it('reads a sample too pale for the ink threshold as a flat row of one colour', () => {
    const found = completeColumn(column(colors), WHITE, slots, [nameAt(40, 50)]);
    expect(found).toHaveLength(4);
    expect(found[3].color).toEqual(PALE);
    expect(found[3].handle).toMatchObject({ left: 40, right: 68, top: 50 });
  });

  it('takes a name with a descender, taller than names with none, where its top is on their rows', () => {
    const tall = { ...nameAt(40, 50), bottom: 64 };
    const found = completeColumn(column(colors), WHITE, slots, [tall]);
    expect(found).toHaveLength(4);
    expect(found[3].color).toEqual(PALE);
    // Off the rows, a line that tall is no name of the column.
    expect(
      completeColumn(column(colors), WHITE, slots, [{ ...tall, top: 45, bottom: 59 }]),
    ).toEqual(slots);
  });

  it('reads a sample within `otherColor` of its neighbours’ colours (a colormap’s steps)', () => {
    // #86a7f9 between #6782e2 and #a4bdf5: every pixel within 60 of one of them.
    const steps: Rgb[] = [
      [103, 130, 226],
      [134, 167, 249],
      [164, 189, 245],
    ];
    const image = paintBoxes(
      140,
      70,
      steps.map((color, k) => sample(40, 10 + 20 * k, color)),
    );
    const found = completeColumn(
      image,
      WHITE,
      [slot(40, 10, steps[0]), slot(40, 50, steps[2])],
      [nameAt(40, 30)],
    );
    expect(found.map((entry) => entry.color)).toEqual(
      steps.slice(0, 1).concat([steps[2], steps[1]]),
    );
  });

  it('cuts a line a crossing curve made taller to the name’s rows in the column', () => {
    const green: Rgb = [60, 160, 60];
    const image = paintBoxes(140, 90, [
      ...[BLUE, LIGHT_BLUE, green, SALMON].map((color, k) => sample(40, 10 + 20 * k, color)),
      // a curve in the first entry's colour crossing the third's sample and name
      [{ left: 30, right: 140, top: 62, bottom: 64 }, BLUE],
    ]);
    // Its ink joined to the name's reaches below the name's rows.
    const crossed = { ...nameAt(40, 50), bottom: 66 };
    const found = completeColumn(image, WHITE, slots, [crossed]);
    expect(found).toHaveLength(4);
    expect(found[3].color).toEqual(green);
    expect(found[3].text).toEqual(nameAt(40, 50));
  });

  it('completes entries lost at the column’s end one after the other', () => {
    const found = completeColumn(column(colors), WHITE, slots.slice(0, 2), [
      nameAt(40, 70),
      nameAt(40, 50),
    ]);
    expect(found.map((entry) => entry.text.top)).toEqual([10, 30, 50, 70]);
  });

  it('takes nothing where no sample is drawn, nor a grid line running through the names', () => {
    const image = paintBoxes(140, 90, [
      ...[BLUE, LIGHT_BLUE, SALMON].map((color, k) => sample(40, [10, 30, 70][k], color)),
      // a grid line across the whole legend at the third name's middle
      [{ left: 0, right: 140, top: 55, bottom: 56 }, GRID],
    ]);
    const lines = [nameAt(40, 50)];
    expect(completeColumn(column([BLUE, LIGHT_BLUE, WHITE, SALMON]), WHITE, slots, lines)).toEqual(
      slots,
    );
    expect(completeColumn(image, WHITE, slots, lines)).toEqual(slots);
  });

  it('completes each column of a legend laid out in a grid, its pale entries at the end', () => {
    // Two columns, 120 px apart, filled column by column: the first ends in two pale samples
    // (its third and fourth rows), the second holds three entries.
    const dark: Rgb = [183, 12, 43];
    const image = paintBoxes(280, 90, [
      ...[BLUE, LIGHT_BLUE, PALE, SALMON].map((color, k) => sample(40, 10 + 20 * k, color)),
      ...[SALMON, GRID, dark].map((color, k) => sample(160, 10 + 20 * k, color)),
    ]);
    const found = completeColumn(
      image,
      WHITE,
      [
        slot(40, 10, BLUE),
        slot(160, 10, SALMON),
        slot(40, 30, LIGHT_BLUE),
        slot(160, 30, GRID),
        slot(160, 50, dark),
      ],
      [nameAt(40, 50), nameAt(40, 70)],
    );
    expect(found.slice(5).map((entry) => [entry.handle.left, entry.text.top, entry.color])).toEqual(
      [
        [40, 50, PALE],
        [40, 70, SALMON],
      ],
    );
  });

  it('takes a name as high as the shortest of a short column’s names (the other has a descender)', () => {
    const image = paintBoxes(
      140,
      90,
      [BLUE, LIGHT_BLUE, PALE].map((color, k) => sample(40, 10 + 20 * k, color)),
    );
    const withDescender = { ...slot(40, 30, LIGHT_BLUE), text: { ...nameAt(40, 30), bottom: 43 } };
    const found = completeColumn(
      image,
      WHITE,
      [slot(40, 10, BLUE), withDescender],
      [{ ...nameAt(40, 50), bottom: 59 }],
    );
    expect(found.map((entry) => entry.color)).toEqual([BLUE, LIGHT_BLUE, PALE]);
  });
});

describe('completeRow', () => {
  // A row of four entries side by side, 100 px apart, samples 12 px before their names: the
  // second and third are the pale middle of a diverging colormap, alike within `flatApart`.
  const PINK: Rgb = [219, 209, 207];
  const colors = [BLUE, PALE, PINK, SALMON];
  const image = paintBoxes(
    440,
    30,
    colors.map((color, k) => sample(10 + 100 * k, 10, color)),
  );
  const slots = [slot(10, 10, BLUE), slot(310, 10, SALMON)];

  it('reads samples too pale for the ink threshold where the row’s entries have theirs', () => {
    const found = completeRow(image, WHITE, slots, [nameAt(110, 10), nameAt(210, 10)]);
    expect(found.map((entry) => entry.color)).toEqual([BLUE, SALMON, PALE, PINK]);
    expect(found[2].handle).toMatchObject({ left: 110, right: 138, top: 10, bottom: 20 });
  });

  it('takes no line off the row’s rows, nor one where no sample is drawn', () => {
    expect(completeRow(image, WHITE, slots, [nameAt(110, 16)])).toEqual(slots);
    const bare = paintBoxes(440, 30, [sample(10, 10, BLUE), sample(310, 10, SALMON)]);
    expect(completeRow(bare, WHITE, slots, [nameAt(110, 10)])).toEqual(slots);
  });

  it('needs the row’s samples alike in place and width', () => {
    const uneven = [
      slot(10, 10, BLUE),
      { ...slot(310, 10, SALMON), handle: { left: 290, right: 318, top: 10, bottom: 20 } },
    ];
    expect(completeRow(image, WHITE, uneven, [nameAt(110, 10)])).toEqual(uneven);
  });
});

describe('crossedColors', () => {
  const ORANGE: Rgb = [230, 159, 0];
  const GREEN: Rgb = [0, 158, 115];
  // Three entries, samples at x 40..68: a green curve runs along the first's row, from the
  // gap before its name on past its sample, so the first was found with the curve's colour.
  const entries = (crossedColor: Rgb): LegendSlot[] => [
    { ...slot(40, 10, crossedColor), handle: { left: 20, right: 78, top: 10, bottom: 20 } },
    slot(40, 30, BLUE),
    slot(40, 50, GREEN),
  ];
  const image = paintBoxes(140, 70, [
    sample(40, 10, ORANGE),
    sample(40, 30, BLUE),
    sample(40, 50, GREEN),
    [{ left: 20, right: 78, top: 13, bottom: 15 }, GREEN],
  ]);

  it('reads again a sample reaching past the shared columns whose colour is another entry’s', () => {
    const found = crossedColors(image, WHITE, entries(GREEN));
    expect(found[0].color).toEqual(ORANGE);
    expect(found[0].handle).toEqual({ left: 40, right: 68, top: 10, bottom: 20 });
    expect(found.slice(1)).toEqual(entries(GREEN).slice(1));
  });

  it('keeps a sample of a colour no other entry has, and one within the shared columns', () => {
    const own: Rgb = [200, 40, 40];
    expect(crossedColors(image, WHITE, entries(own))).toEqual(entries(own));
    // Within the columns, two entries of one colour stay (a legend drawing two alike).
    const alike = [slot(40, 10, GREEN), slot(40, 30, BLUE), slot(40, 50, GREEN)];
    expect(crossedColors(image, WHITE, alike)).toEqual(alike);
    // Nor is one re-read that overlaps another entry (two read from one row).
    const overlapping = [
      entries(GREEN)[0],
      { ...slot(40, 10, BLUE), text: { left: 70, right: 90, top: 10, bottom: 20 } },
      entries(GREEN)[2],
    ];
    expect(crossedColors(image, WHITE, overlapping)).toEqual(overlapping);
    // ...or whose shared columns at its rows hold another entry's sample.
    const sharing = [
      entries(GREEN)[0],
      { ...slot(40, 10, BLUE), text: { left: 80, right: 100, top: 10, bottom: 20 } },
      entries(GREEN)[2],
    ];
    sharing[0] = { ...sharing[0], handle: { left: 100, right: 130, top: 10, bottom: 20 } };
    expect(crossedColors(image, WHITE, sharing)).toEqual(sharing);
  });

  it('keeps a sample whose colour read again is its own anti-aliased edge', () => {
    // An orange sample with a half-orange edge row either side, no curve along it.
    const half: Rgb = [243, 207, 128];
    const edged = paintBoxes(140, 70, [
      [{ left: 40, right: 68, top: 13, bottom: 14 }, half],
      [{ left: 40, right: 68, top: 17, bottom: 18 }, half],
      [{ left: 40, right: 68, top: 14, bottom: 17 }, ORANGE],
      sample(40, 30, BLUE),
    ]);
    const two = [
      { ...slot(40, 10, ORANGE), handle: { left: 36, right: 68, top: 10, bottom: 20 } },
      slot(40, 30, BLUE),
      slot(40, 50, ORANGE),
    ];
    expect(crossedColors(edged, WHITE, two)).toEqual(two);
  });
});
