import { describe, expect, it } from 'vitest';
import { type Rgb, rgbToLab } from '../../src/color.js';
import { assign, reassignEdges } from '../../src/separate/assignPixels.js';

const WHITE = rgbToLab([255, 255, 255]);
const WIDTH = 5;

/**
 * A pixel of colour `pixel` at (2, 1) with a core pixel of `dark` below it at (2, 2) and the
 * background above it: the series each ends with after reassignEdges, given series `series`.
 */
function edgeOf(pixel: Rgb, dark: Rgb, series: Rgb[]): number[] {
  const pixels = [1 * WIDTH + 2, 2 * WIDTH + 2];
  const labs = [rgbToLab(pixel), rgbToLab(dark)];
  const seriesLabs = series.map((color) => rgbToLab(color));
  const assignment = assign(labs, seriesLabs, WHITE);
  return reassignEdges(WIDTH, pixels, labs, assignment, seriesLabs, WHITE).map((a) => a.series);
}

describe('reassignEdges', () => {
  it("gives a black line the faint edge that is a lighter grey series' colour", () => {
    // #8c8c8c is 0.4 of black: black's anti-aliased edge, beside its core.
    expect(
      edgeOf(
        [0x8c, 0x8c, 0x8c],
        [0, 0, 0],
        [
          [0, 0, 0],
          [0x8c, 0x8c, 0x8c],
        ],
      ),
    ).toEqual([0, 0]);
  });

  it('leaves a grey a few levels lighter than the line beside it its own pixels', () => {
    // A colour chart turned grey: #8b8b8b is 0.83 of #777777, no faint edge of it; the lighter
    // line's pale edge pixel beside the darker line's core stays the lighter line's.
    const series: Rgb[] = [
      [0x77, 0x77, 0x77],
      [0x8b, 0x8b, 0x8b],
    ];
    expect(edgeOf([0xa8, 0xa8, 0xa8], [0x77, 0x77, 0x77], series)).toEqual([1, 0]);
  });
});
