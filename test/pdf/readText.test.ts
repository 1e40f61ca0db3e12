import { describe, expect, it } from 'vitest';
import { readTextItems } from '../../src/pdf/readText.js';
import type { Matrix } from '../../src/pdf/walkOperators.js';

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** A pdfjs text item of 10-unit text starting at (x, 700). */
function run(str: string, x: number, hasEOL = false) {
  return { str, width: 6 * str.length, transform: [10, 0, 0, 10, x, 700], fontName: 'f', hasEOL };
}

describe('readTextItems', () => {
  it('marks a run after a space item of its line, not after a line end', () => {
    const texts = readTextItems(
      [run('Site', 100), run(' ', 124), run('A', 125, true), run('', 131, true), run('Step', 140)],
      {},
      IDENTITY,
    );
    expect(texts.map((text) => [text.text, text.spaceBefore ?? false])).toEqual([
      ['Site', false],
      ['A', true],
      ['Step', false],
    ]);
  });
});
