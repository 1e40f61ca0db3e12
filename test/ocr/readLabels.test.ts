import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { OcrEngine } from '../../src/ocr/engine.js';
import { onWhite, readLabels } from '../../src/ocr/readLabels.js';
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
