import { describe, expect, it } from 'vitest';
import { parsePageRanges, selectPages } from '../../src/pdf/pageRanges.js';

describe('parsePageRanges', () => {
  it('reads pages, ranges and open ranges', () => {
    expect(parsePageRanges('3-5,9')).toEqual([
      { from: 3, to: 5 },
      { from: 9, to: 9 },
    ]);
    expect(parsePageRanges(' 10- ')).toEqual([{ from: 10, to: null }]);
  });

  it('refuses what is not a page selection, naming it', () => {
    for (const text of ['', '0', '5-3', 'a', '1,,2', '-3', '1.5']) {
      expect(() => parsePageRanges(text)).toThrow(
        new RangeError(`Expected page ranges like 3-5,9 for pages but received '${text}'`),
      );
    }
  });
});

describe('selectPages', () => {
  it('gives the pages a document has, once each, in order', () => {
    expect(selectPages(parsePageRanges('9,3-5,4,12-'), 10)).toEqual([3, 4, 5, 9]);
    expect(selectPages(parsePageRanges('8-'), 10)).toEqual([8, 9, 10]);
    expect(selectPages(parsePageRanges('20-30'), 10)).toEqual([]);
  });
});
