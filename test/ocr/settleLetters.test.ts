import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { dropDoubledGlyphs, lowercaseL, settleCapitalI } from '../../src/ocr/settleLetters.js';
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

/** The boxes of the glyphs of a drawn line: its runs of inked columns, in its rows. */
function glyphBoxes(image: Raster, box: Box): Box[] {
  const boxes: Box[] = [];
  for (let column = box.left; column < box.right; column++) {
    let ink = false;
    for (let row = box.top; row < box.bottom && !ink; row++) {
      ink = image.data[(row * image.width + column) * 3] < 160;
    }
    const last = boxes.at(-1);
    if (ink && last && last.right === column) last.right = column + 1;
    else if (ink) boxes.push({ left: column, right: column + 1, top: box.top, bottom: box.bottom });
  }
  return boxes;
}

describe('dropDoubledGlyphs', () => {
  it("drops a glyph read twice in two cases ('AdamWw' from one W)", async () => {
    const { image, boxes } = await drawLines('DejaVu Sans', ['AdamW']);
    const glyphs = glyphBoxes(image, boxes[0]);
    expect(glyphs).toHaveLength(5);
    const w = glyphs[4];
    // OCR's boxes: the W's left half, then the whole glyph as a lowercase w
    const symbols = [...glyphs.slice(0, 4), { ...w, right: (w.left + w.right) / 2 }, w].map(
      (box, i) => ({ text: 'AdamWw'[i], box }),
    );
    const [mended] = dropDoubledGlyphs(image, [255, 255, 255], [{ text: 'AdamWw', symbols }]);
    expect(mended.text).toBe('AdamW');
    expect(mended.symbols).toHaveLength(5);
  });

  it('keeps two glyphs read with overlapping boxes, and a letter doubled in one case', async () => {
    const { image, boxes } = await drawLines('DejaVu Sans', ['Ww', 'Abba']);
    const ww = glyphBoxes(image, boxes[0]);
    expect(ww).toHaveLength(2);
    const wide = { ...ww[0], right: ww[1].right };
    const twoGlyphs = {
      text: 'Ww',
      symbols: [wide, ww[1]].map((box, i) => ({ text: 'Ww'[i], box })),
    };
    const abba = glyphBoxes(image, boxes[1]);
    const bb = { ...abba[1], right: abba[2].right };
    const sameCase = {
      text: 'Abba',
      symbols: [abba[0], bb, bb, abba[3]].map((box, i) => ({ text: 'Abba'[i], box })),
    };
    expect(
      dropDoubledGlyphs(image, [255, 255, 255], [twoGlyphs, sameCase]).map((line) => line.text),
    ).toEqual(['Ww', 'Abba']);
  });
});
