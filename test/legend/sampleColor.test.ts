import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import { dominantColor, purestColor } from '../../src/legend/sampleColor.js';
import type { Box } from '../../src/types.js';
import { paintBoxes } from '../helpers/paintBoxes.js';

const WHITE: Rgb = [255, 255, 255];
const WHOLE = { left: 0, right: 70, top: 0, bottom: 24 };

/** The largest difference of two colours' channels. */
function apart(a: Rgb, b: Rgb): number {
  return Math.max(...a.map((c, k) => Math.abs(c - b[k])));
}

describe('dominantColor', () => {
  // Chart.js' box: a pale fill inside a 1 px border of the series' colour.
  const box = { left: 2, right: 62, top: 2, bottom: 22 };
  const border: Rgb = [255, 99, 132];
  const fill: Rgb = [255, 177, 193];
  const paint: [Box, Rgb][] = [
    [box, border],
    [{ left: 3, right: 61, top: 3, bottom: 21 }, fill],
  ];

  it('is the purest colour of a sample: its border, not its pale fill', () => {
    const image = paintBoxes(70, 24, paint);
    expect(apart(dominantColor(image, WHOLE, WHITE), border)).toBeLessThan(12);
  });

  it('is the sample’s own hue where another series’ line and marker cross it', () => {
    // A teal line and marker, less saturated than the border, more than the fill, drawn across the box.
    const teal: Rgb = [75, 192, 192];
    const image = paintBoxes(70, 24, [
      ...paint,
      [{ left: 0, right: 70, top: 11, bottom: 13 }, teal],
      [{ left: 40, right: 48, top: 8, bottom: 16 }, teal],
    ]);
    expect(apart(dominantColor(image, WHOLE, WHITE), border)).toBeLessThan(12);
  });

  it('is the colour drawn across a line sample, though a line wandering over it has more pixels', () => {
    const orange: Rgb = [217, 95, 2];
    const purple: Rgb = [117, 112, 179];
    const wandering: [Box, Rgb][] = Array.from({ length: 24 }, (_, row) => [
      { left: row, right: row + 6, top: row, bottom: row + 1 },
      purple,
    ]);
    const image = paintBoxes(70, 24, [
      [{ left: 35, right: 65, top: 11, bottom: 14 }, orange],
      ...wandering,
    ]);
    expect(apart(dominantColor(image, WHOLE, WHITE), orange)).toBeLessThan(12);
  });
});

describe('purestColor', () => {
  it('is the purest of the commonest hue: no blend with the fill or a crossing colour', () => {
    const purple: Rgb = [117, 112, 179];
    // A sample's own pixels: its core, its pale blends with a cream fill, and a few blends
    // with an orange curve crossing it.
    const image = paintBoxes(30, 1, [
      [{ left: 0, right: 10, top: 0, bottom: 1 }, purple],
      [{ left: 10, right: 24, top: 0, bottom: 1 }, [170, 160, 200]],
      [{ left: 24, right: 30, top: 0, bottom: 1 }, [170, 100, 110]],
    ]);
    const all = Array.from({ length: 30 }, (_, k) => k * 3);
    expect(purestColor(image.data, all)).toEqual(purple);
  });

  it('is null for grey pixels', () => {
    const image = paintBoxes(10, 1, [[{ left: 0, right: 10, top: 0, bottom: 1 }, [90, 90, 90]]]);
    expect(purestColor(image.data, [0, 3, 6, 9])).toBeNull();
  });
});
