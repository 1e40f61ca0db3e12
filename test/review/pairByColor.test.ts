import { describe, expect, it } from 'vitest';
import { type Lab, type Rgb, rgbToLab } from '../../src/color.js';
import { pairByColor, sampleIsBroken, traceColor } from '../../src/review/pairByColor.js';
import type { PixelPoint, Raster } from '../../src/types.js';

const WHITE: Rgb = [255, 255, 255];
const grey = (level: number): Lab => rgbToLab([level, level, level]);

/** A white raster with level lines drawn `thickness` px thick, each anti-aliased on both sides. */
function drawLines(lines: { row: number; color: Rgb }[], width = 80, height = 40): Raster {
  const data = new Uint8Array(width * height * 3).fill(255);
  const paint = (row: number, color: Rgb, alpha: number) => {
    for (let column = 0; column < width; column++) {
      const o = (row * width + column) * 3;
      for (let k = 0; k < 3; k++) data[o + k] = Math.round(alpha * color[k] + (1 - alpha) * 255);
    }
  };
  for (const { row, color } of lines) {
    paint(row - 1, color, 0.3);
    paint(row, color, 1);
    paint(row + 1, color, 1);
    paint(row + 2, color, 0.3);
  }
  return { data, width, height, channels: 3 };
}

const along = (row: number, from = 5, to = 75): PixelPoint[] =>
  Array.from({ length: to - from }, (_, k) => ({ px: from + k, py: row + 0.5 }));

describe('traceColor', () => {
  it("reads a line's core colour, not its anti-aliased edge, even traced half a pixel off", () => {
    const image = drawLines([{ row: 20, color: [120, 120, 120] }]);
    const lab = traceColor(image, rgbToLab(WHITE), along(20))!;
    expect(lab[0]).toBeCloseTo(grey(120)[0], 1);
    const off = traceColor(image, rgbToLab(WHITE), along(21))!;
    expect(off[0]).toBeCloseTo(grey(120)[0], 1);
  });

  it('outvotes the points where another line crosses', () => {
    const image = drawLines([{ row: 20, color: [200, 40, 40] }]);
    // A blue line crossing: a few columns of the trace see it.
    for (let row = 0; row < 40; row++) {
      for (const column of [30, 31, 32]) {
        const o = (row * 80 + column) * 3;
        image.data.set([30, 60, 200], o);
      }
    }
    const lab = traceColor(image, rgbToLab(WHITE), along(20))!;
    const red = rgbToLab([200, 40, 40]);
    expect(Math.hypot(lab[0] - red[0], lab[1] - red[1], lab[2] - red[2])).toBeLessThan(1);
  });

  it('tells nothing from a trace of a few points', () => {
    const image = drawLines([{ row: 20, color: [0, 0, 0] }]);
    expect(traceColor(image, rgbToLab(WHITE), along(20, 5, 9))).toBeNull();
  });
});

describe('pairByColor', () => {
  it('keeps the pairing separation made where every line is drawn as its sample', () => {
    const samples = [grey(80), grey(130), grey(180)];
    expect(pairByColor(samples, [grey(81), grey(129), grey(180)])).toEqual([0, 1, 2]);
  });

  it("moves names where two greys' lines were traced each as the other's", () => {
    // Entry 1's series was traced along the line drawn as entry 2's sample, and the other way.
    const samples = [grey(80), grey(130), grey(160)];
    expect(pairByColor(samples, [grey(80), grey(160), grey(130)])).toEqual([0, 2, 1]);
  });

  it('pairs all entries at once: a cycle of three', () => {
    const samples = [rgbToLab([68, 1, 84]), rgbToLab([33, 145, 140]), rgbToLab([253, 231, 37])];
    const lines = [samples[2], samples[0], samples[1]];
    expect(pairByColor(samples, lines)).toEqual([1, 2, 0]);
  });

  it('moves nothing on a difference within noise, nor to a line unlike the sample', () => {
    const samples = [grey(120), grey(123)];
    // Each line a little nearer the other's sample: within the noise of a median colour.
    expect(pairByColor(samples, [grey(122), grey(121)])).toEqual([0, 1]);
    // Both lines read black (markers' black edges): no line is drawn as either sample.
    const reds = [rgbToLab([220, 60, 60]), rgbToLab([240, 120, 120])];
    expect(pairByColor(reds, [grey(0), grey(10)])).toEqual([0, 1]);
  });

  it('never names a dashed line by a solid sample, whatever their shades', () => {
    // A solid and a dashed sample of near shades, each line's shade nearer the other sample's
    // (a dashed line reads darker or paler than its sample): the styles say the pairing is right.
    const samples = [grey(80), grey(100)];
    const lines = [grey(98), grey(78)];
    expect(pairByColor(samples, lines)).toEqual([1, 0]);
    expect(pairByColor(samples, lines, [false, true], [false, true])).toEqual([0, 1]);
    // Greys both solid: their shades decide.
    expect(pairByColor(samples, lines, [false, false], [false, false])).toEqual([1, 0]);
  });

  it('reads a sample with gaps over a tenth of its length as broken', () => {
    expect(sampleIsBroken({ gapShare: 0 })).toBe(false);
    expect(sampleIsBroken({ gapShare: 0.3 })).toBe(true);
  });

  it('leaves an entry whose series was not traced where it is', () => {
    const samples = [grey(80), grey(130), grey(160)];
    expect(pairByColor(samples, [null, grey(160), grey(130)])).toEqual([0, 2, 1]);
    expect(pairByColor(samples, [null, null, grey(130)])).toEqual([0, 1, 2]);
  });
});
