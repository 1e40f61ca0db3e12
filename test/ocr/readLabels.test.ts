import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { OcrEngine } from '../../src/ocr/engine.js';
import { onWhite, readLabels, withFringe } from '../../src/ocr/readLabels.js';
import type { Raster, Word } from '../../src/types.js';

/** A 6 x 4 tile of `ground` with a 2 x 2 stroke of `ink` in its middle. */
function tile(ground: number, ink: number) {
  const data = new Uint8Array(24).fill(ground);
  for (const i of [8, 9, 14, 15]) data[i] = ink;
  return { data, width: 6, height: 4 };
}

describe('onWhite', () => {
  it('lifts a tinted ground (a facet strip) to white and keeps the text dark', () => {
    const lifted = onWhite(tile(217, 30));
    expect(lifted.data[0]).toBe(255);
    expect(lifted.data[8]).toBe(Math.round((30 * 255) / 217));
  });

  it('leaves a glyph cut tight (its ink on the border) as it is', () => {
    const tight = tile(217, 30);
    for (const i of [0, 1, 2, 6, 18]) tight.data[i] = 60;
    expect(onWhite(tight).data).toEqual(tight.data);
  });

  it('leaves text on white, and light text on a dark ground, as they are', () => {
    for (const [ground, ink] of [
      [250, 0],
      [40, 230],
    ]) {
      const original = tile(ground, ink);
      expect(onWhite(original).data).toEqual(original.data);
    }
  });
});

describe('readLabels', () => {
  /** An engine that reads `Model` at `first` and `A` at `second` on the one line it is given. */
  const reading = (first: number, second: number): OcrEngine => ({
    glyphs: null,
    recognize: async (png) => {
      const { height = 0 } = await sharp(png).metadata();
      const word = (text: string, confidence: number, left: number): Word => ({
        text,
        confidence,
        box: { left, right: left + 10, top: height / 2 - 5, bottom: height / 2 + 5 },
      });
      return [word('Model', first, 10), word('A', second, 30)];
    },
    close: async () => {},
  });
  const engine = reading(14, 96);
  const image: Raster = {
    data: new Uint8Array(40 * 20 * 3).fill(255),
    width: 40,
    height: 20,
    channels: 3,
  };
  const box = { left: 2, right: 38, top: 4, bottom: 16 };
  const options = { separator: ' ', minConfidence: 30 };

  it('drops a word read unsure beside others, unless its label asks for less (a legend name)', async () => {
    const [dropped] = await readLabels(engine, image, [box], [255, 255, 255], options);
    expect(dropped.text).toBe('A');
    const [kept] = await readLabels(
      engine,
      image,
      [{ ...box, minConfidence: 0 }],
      [255, 255, 255],
      options,
    );
    expect(kept.text).toBe('Model A');
  });

  it('keeps no word of a line read all unsure, even where its label asks for less (curves read as words)', async () => {
    const [junk] = await readLabels(
      reading(14, 20),
      image,
      [{ ...box, minConfidence: 0 }],
      [255, 255, 255],
      options,
    );
    expect(junk.text).toBe('');
  });
});

describe('withFringe', () => {
  const white = [255, 255, 255] as const;
  /** A 10 x 8 white image with the given pixels (column, row, grey) set. */
  const imageOf = (pixels: [number, number, number][]): Raster => {
    const data = new Uint8Array(10 * 8 * 3).fill(255);
    for (const [column, row, grey] of pixels)
      data.fill(grey, (row * 10 + column) * 3, (row * 10 + column) * 3 + 3);
    return { data, width: 10, height: 8, channels: 3 };
  };
  const greyAt = (raster: Raster, column: number, row: number) =>
    raster.data[(row * raster.width + column) * 3];

  it("keeps a glyph's faint edge beside its stroke and paints out a neighbour's ink", () => {
    // a stroke on the box's left edge (column 3) with its faint edge left of it; a sample's
    // dark end two rows down, outside the box and beside no stroke
    const image = imageOf([
      [3, 3, 20],
      [2, 3, 200],
      [2, 5, 0],
    ]);
    const box = { left: 3, top: 2, right: 7, bottom: 5 };
    const { raster, box: grown } = withFringe(image, [...white], box);
    expect(grown).toEqual({ left: 2, top: 1, right: 8, bottom: 6 });
    expect([raster.width, raster.height]).toEqual([6, 5]);
    expect(greyAt(raster, 1, 2)).toBe(20); // the stroke, in the box
    expect(greyAt(raster, 0, 2)).toBe(200); // its faint edge, kept
    expect(greyAt(raster, 0, 4)).toBe(255); // the sample's end, painted out
  });

  it("is read around a name's box, not around a sliver narrower than tall", async () => {
    const widths: number[] = [];
    const engine: OcrEngine = {
      glyphs: null,
      recognize: async (png) => {
        widths.push((await sharp(png).metadata()).width ?? 0);
        return [];
      },
      close: async () => {},
    };
    const image = imageOf([[4, 3, 0]]);
    // the stacked image is 48 px wider than its tile; a sliver 2 x 8 px is scaled 5 times to
    // the 40 px glyph height, a word 8 x 4 px 8 times (the most), with 1 px each side
    await readLabels(
      engine,
      image,
      [{ left: 4, top: 0, right: 6, bottom: 8, fringe: true }],
      [...white],
    );
    await readLabels(
      engine,
      image,
      [{ left: 1, top: 2, right: 9, bottom: 6, fringe: true }],
      [...white],
    );
    expect(widths).toEqual([48 + 2 * 5, 48 + (8 + 2) * 8]);
  });

  it('grows no further than the image', () => {
    const image = imageOf([[0, 0, 0]]);
    const { raster, box } = withFringe(image, [...white], { left: 0, top: 0, right: 3, bottom: 2 });
    expect(box).toEqual({ left: 0, top: 0, right: 4, bottom: 3 });
    expect(greyAt(raster, 0, 0)).toBe(0);
  });
});
