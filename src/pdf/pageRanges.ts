import { invalidArgument } from '../arguments.js';

/** 1-based pages `from` to `to` (inclusive); `to` null runs to the last page. */
export interface PageRange {
  from: number;
  to: number | null;
}

/** A page range as written: `3`, `3-5`, `9-` (to the end). */
const RANGE = /^(\d+)(?:\s*-\s*(\d*))?$/;

/**
 * Parses a page selection such as `3-5,9` or `10-` (to the end). Throws a TypeError for a
 * non-string and a RangeError naming the text when a part is not a page or a range, or a
 * range runs backwards or from page 0.
 */
export function parsePageRanges(text: string): PageRange[] {
  if (typeof text !== 'string') throw invalidArgument('string', 'pages', text);
  return text.split(',').map((part) => {
    const match = RANGE.exec(part.trim());
    const from = Number(match?.[1]);
    const to = match?.[2] === undefined ? from : match[2] === '' ? null : Number(match[2]);
    if (!match || from < 1 || (to !== null && to < from)) {
      throw invalidArgument('page ranges like 3-5,9', 'pages', text, {
        error: RangeError,
        received: `'${text}'`,
      });
    }
    return { from, to };
  });
}

/** The pages that ranges name in a document of `pageCount` pages, ascending, each once. */
export function selectPages(ranges: readonly PageRange[], pageCount: number): number[] {
  const pages = new Set<number>();
  for (const { from, to } of ranges) {
    for (let page = from; page <= Math.min(to ?? pageCount, pageCount); page++) pages.add(page);
  }
  return [...pages].sort((a, b) => a - b);
}
