import { describe, expect, it } from 'vitest';
import type { LegendSlot } from '../../src/legend/findLegend.js';
import { sampleStyles } from '../../src/legend/sampleStyle.js';
import type { Box } from '../../src/types.js';
import { paintBoxes } from '../helpers/paintBoxes.js';

const RED = [214, 39, 40] as const;

/** A 2 px stroke of the sample's colour across columns [left, right) of an entry's middle. */
const stroke = (top: number, left: number, right: number): [Box, readonly number[]] => [
  { left, right, top: top + 4, bottom: top + 6 },
  RED,
];

describe('sampleStyles', () => {
  // Three entries in a column, samples 20 px long from x = 10, names from x = 36: solid; one
  // dash of 15 px and its 5 px gap (as Vega-Lite draws a dashed sample); dots 3 px on, 3 off,
  // found cut at the first dot with the others taken for the name's start.
  const image = paintBoxes(120, 60, [
    stroke(0, 10, 30),
    stroke(20, 10, 25),
    ...[10, 16, 22, 28].map((left) => stroke(40, left, left + 3)),
    ...[0, 20, 40].map((top): [Box, readonly number[]] => [
      { left: 36, right: 60, top: top + 1, bottom: top + 9 },
      [0, 0, 0],
    ]),
  ]);
  const slot = (top: number, right: number, textLeft: number): LegendSlot => ({
    handle: { left: 10, right, top, bottom: top + 10 },
    text: { left: textLeft, right: 60, top, bottom: top + 10 },
    color: [...RED],
  });
  const styles = sampleStyles(image, [slot(0, 30, 36), slot(20, 25, 36), slot(40, 13, 16)]);

  it('measures every sample along the legend’s sample length, a last gap included', () => {
    expect(styles[0].gapShare).toBe(0);
    expect(styles[1].gapShare).toBeCloseTo(0.25, 2);
    expect(styles[1].on).toBe(15);
  });

  it('reads a sample cut at its first gap past its cut, not into its name', () => {
    expect(styles[2].on).toBe(3);
    expect(styles[2].gapShare).toBeGreaterThan(0.4);
    expect(styles[2].gapShare).toBeLessThan(0.6);
  });
});

describe('sampleStyles of a dash-dot sample', () => {
  // Dashes of 10 px and dots of 2 px by turns, 3 px apart, across a 40 px sample: its last dash
  // is cut by the sample's end.
  const lefts = [10, 23, 28, 41, 46];
  const ends = [20, 25, 38, 43, 50];
  const image = paintBoxes(
    80,
    20,
    lefts.map((left, k) => stroke(0, left, ends[k])),
  );
  const slot: LegendSlot = {
    handle: { left: 10, right: 50, top: 0, bottom: 10 },
    text: { left: 56, right: 70, top: 0, bottom: 10 },
    color: [...RED],
  };

  it('reads the mix of its dashes and dots, its cut last dash left out', () => {
    const [style] = sampleStyles(image, [slot]);
    expect(style.spread).toBeGreaterThan(1);
  });
});
