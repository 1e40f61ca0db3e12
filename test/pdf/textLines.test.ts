import { describe, expect, it } from 'vitest';
import { buildTextLines } from '../../src/pdf/textLines.js';
import type { PdfPath, PdfText } from '../../src/pdf/types.js';
import { pdfPath } from '../helpers/pdfPaths.js';

/** A level text item at (x, y) on its baseline, `size` px, advancing 0.6 em per character. */
function item(text: string, x: number, y: number, size = 10): PdfText {
  const width = 0.6 * size * text.length;
  return {
    text,
    x,
    y,
    angle: 0,
    size,
    width,
    box: { left: x, top: y - 0.8 * size, right: x + width, bottom: y + 0.2 * size },
  };
}

/** A filled bar from (left, top) to (right, bottom), as matplotlib draws a Type 3 minus. */
function bar(index: number, left: number, top: number, right: number, bottom: number): PdfPath {
  const points = [
    { px: left, py: top },
    { px: right, py: top },
    { px: right, py: bottom },
    { px: left, py: bottom },
  ];
  return {
    ...pdfPath(index, points, { fill: [0, 0, 0] }),
    formOrigin: { px: left - 1, py: top + 3 },
  };
}

/** A filled box with a rectangular hole, as a font draws a glyph it does not have (tofu). */
function hollowBox(
  index: number,
  left: number,
  top: number,
  right: number,
  bottom: number,
): PdfPath {
  const rect = (l: number, t: number, r: number, b: number) => ({
    points: [
      { px: l, py: t },
      { px: r, py: t },
      { px: r, py: b },
      { px: l, py: b },
      { px: l, py: t },
    ],
    closed: true,
    curved: false,
  });
  return {
    ...pdfPath(index, rect(left, top, right, bottom).points, { fill: [0, 0, 0] }),
    subpaths: [
      rect(left, top, right, bottom),
      rect(left + 0.5, top + 0.5, right - 0.5, bottom - 0.5),
    ],
  };
}

describe('buildTextLines', () => {
  it('reads a minus drawn as a bar before a number as U+2212', () => {
    const { lines, glyphs } = buildTextLines(
      [item('0.4', 30, 100)],
      [bar(7, 22.8, 96.2, 29.0, 97.0)],
    );
    expect(lines.map((line) => line.text)).toEqual(['−0.4']);
    expect(glyphs).toEqual(new Set([7]));
    expect(lines[0].box.left).toBeCloseTo(22.8, 9);
  });

  it('leaves a bar that is not level with the text, or too far from it, alone', () => {
    const far = buildTextLines([item('0.4', 30, 100)], [bar(1, 10, 96.2, 16, 97)]);
    const low = buildTextLines([item('0.4', 30, 100)], [bar(1, 22.8, 100.5, 29, 101.3)]);
    expect(far.lines[0].text).toBe('0.4');
    expect(low.lines[0].text).toBe('0.4');
    expect(far.glyphs.size + low.glyphs.size).toBe(0);
  });

  it('reads the empty box of a glyph the font lacks before a number as a minus, and says so', () => {
    // DejaVu-like metrics at 10 px: the box 4 px wide, 7 px tall, on the baseline, 1 px before.
    const tofu = hollowBox(9, 25, 93, 29, 100);
    const { lines, glyphs } = buildTextLines([item('500', 30, 100)], [tofu]);
    expect(lines.map((line) => [line.text, line.missingMinus])).toEqual([['−500', true]]);
    expect(glyphs).toEqual(new Set([9]));
    // before a word it is some other letter the font lacks, not a minus
    const word = buildTextLines([item('Loss', 30, 100)], [tofu]);
    expect(word.lines.map((line) => [line.text, line.missingMinus])).toEqual([['Loss', undefined]]);
    expect(word.glyphs.size).toBe(0);
  });

  it('writes a raised smaller item after its base as an exponent (mathtext 10^{−3})', () => {
    const { lines } = buildTextLines([item('10', 20, 100), item('−3', 32.7, 96.2, 7)], []);
    expect(lines.map((line) => line.text)).toEqual(['10^−3']);
  });

  it('joins the words of one line and keeps tick labels of a row apart', () => {
    const words = buildTextLines([item('Training', 100, 50), item('Step', 150.5, 50)], []);
    expect(words.lines.map((line) => line.text)).toEqual(['Training Step']);
    const row = buildTextLines(
      [item('0', 100, 300), item('20', 160, 300), item('40', 220, 300)],
      [],
    );
    expect(row.lines.map((line) => line.text).sort()).toEqual(['0', '20', '40']);
  });

  it('puts a space where pdfjs put one between two runs, however close', () => {
    // R's pdf() draws `Site A` as `Site` and `A` 0.1 em apart, pdfjs a space item between.
    const site = item('Site', 100, 50);
    const a = item('A', site.box.right + 1, 50);
    expect(buildTextLines([site, a], []).lines.map((line) => line.text)).toEqual(['SiteA']);
    const spaced = buildTextLines([site, { ...a, spaceBefore: true }], []);
    expect(spaced.lines.map((line) => line.text)).toEqual(['Site A']);
  });

  it('joins a run that starts a kerning back inside the one before it', () => {
    // R's pdf() draws `Temperature` as `T` and `emperature`, the second 0.25 em back.
    const t = item('T', 100, 50);
    const rest = item('emperature', t.box.right - 2.5, 50);
    expect(buildTextLines([t, rest], []).lines.map((line) => line.text)).toEqual(['Temperature']);
  });
});
