import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { lowercaseL, settleCapitalI } from '../../src/ocr/settleLetters.js';
import type { Box, Raster } from '../../src/types.js';

/** Lines of text drawn one under another, 26 px, with each line's box. */
async function drawLines(
  family: string,
  texts: string[],
): Promise<{ image: Raster; boxes: Box[] }> {
  const width = 400;
  const height = 50 * texts.length + 10;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${texts
    .map(
      (text, i) =>
        `<text x="20" y="${40 + 50 * i}" font-family="${family}" font-size="26">${text}</text>`,
    )
    .join('')}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const image: Raster = { data, width: info.width, height: info.height, channels: 3 };
  const boxes = texts.map((_, i) => ({
    left: 15,
    right: 380,
    top: 12 + 50 * i,
    bottom: 50 + 50 * i,
  }));
  return { image, boxes };
}

/** A reading of `text` whose characters all carry the line's box (only their count matters). */
const reading = (text: string, box: Box) => ({
  text,
  symbols: [...text].filter((char) => char.trim() !== '').map((char) => ({ text: char, box })),
});

describe('settleCapitalI', () => {
  it.each(['DejaVu Sans', 'Liberation Sans'])(
    'reads an I that rises above the capitals as l, and keeps a capital I (%s)',
    async (family) => {
      const { image, boxes } = await drawLines(family, ['AdamW', 'lr=3e-4', 'Iter 3']);
      const settled = settleCapitalI(
        image,
        [255, 255, 255],
        [reading('AdamW', boxes[0]), reading('Ir=3e-4', boxes[1]), reading('Iter 3', boxes[2])],
      );
      expect(settled).toEqual(['AdamW', 'lr=3e-4', 'Iter 3']);
    },
  );

  it.each(['DejaVu Sans', 'Liberation Sans'])(
    "measures the ascent from an i's dot where no line shows b, d, h or k (%s)",
    async (family) => {
      const { image, boxes } = await drawLines(family, ['Site A', 'lr=0.01', 'Iter 3']);
      const settled = settleCapitalI(
        image,
        [255, 255, 255],
        [reading('Site A', boxes[0]), reading('Ir=0.01', boxes[1]), reading('Iter 3', boxes[2])],
      );
      expect(settled).toEqual(['Site A', 'lr=0.01', 'Iter 3']);
    },
  );

  it('changes nothing where l is as tall as the capitals (Nimbus Sans, like Helvetica)', async () => {
    const { image, boxes } = await drawLines('Nimbus Sans', ['AdamW', 'lr=3e-4']);
    const settled = settleCapitalI(
      image,
      [255, 255, 255],
      [reading('AdamW', boxes[0]), reading('Ir=3e-4', boxes[1])],
    );
    expect(settled).toEqual(['AdamW', 'Ir=3e-4']);
  });

  it('leaves a line alone when no line of its size shows an ascender to compare with', async () => {
    const { image, boxes } = await drawLines('DejaVu Sans', ['lr=3e-4']);
    expect(settleCapitalI(image, [255, 255, 255], [reading('Ir=3e-4', boxes[0])])).toEqual([
      'Ir=3e-4',
    ]);
  });
});

describe('lowercaseL', () => {
  it('reads an I or an unclosed [ before lowercase consonants only as l', () => {
    expect(['Ir=0.001', '[r=0.01', 'Im', 'x Ir'].map(lowercaseL)).toEqual([
      'lr=0.001',
      'lr=0.01',
      'lm',
      'x lr',
    ]);
  });

  it('leaves words with a vowel, capitals, a lone I and closed brackets alone', () => {
    for (const text of ['Iter 3', 'Iris', 'I am', 'ICML', 'ViT', '[rs]']) {
      expect(lowercaseL(text)).toBe(text);
    }
  });
});
