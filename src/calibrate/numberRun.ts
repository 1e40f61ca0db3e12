/**
 * Numbers run together: tick labels drawn wider than the step between their ticks, so that each
 * overlaps the next and the boxes cut apart from the run each hold the middle of one label with
 * bits of its neighbours, or lose its ends under them (`5000 10000 15000` read `500¢ LOO! p500(`).
 * No piece reads as its number, but the pieces together read like one evenly stepped sequence.
 */

/** The steps an axis labels by: 1, 2, 2.5 and 5 times a power of ten (whole numbers only). */
const MANTISSAS = [1, 2, 2.5, 5];
/** Powers of ten tried for the step: 1 to 10^7 (labels up to eight or nine digits). */
const MAX_POWER = 7;
/** The most digits of a label tried (numbers up to a billion). */
const MAX_DIGITS = 9;
/**
 * A piece's character no digit is written as (a neighbour's edge cut into it, `¢` for a clipped
 * `0`) taken for any digit costs this: half an edit, less than a digit misread.
 */
const WILDCARD_COST = 0.5;
/**
 * Each character of a label a piece does not show (hidden under a neighbour, cut off) costs this:
 * cheap, as overlapping labels lose their ends, but not free, or the longest numbers would
 * explain every piece.
 */
const HIDDEN_COST = 0.25;
/**
 * A fit is kept only where its edits are at most this share of the pieces' characters: a few
 * misread or hidden digits, not another sequence.
 */
const MAX_ERROR_SHARE = 0.3;

/** Letters read for digits in a line of numbers. */
const DIGIT_LIKE: Record<string, string> = { O: '0', o: '0', l: '1', I: '1', '|': '1' };

export interface NumberRun {
  first: number;
  step: number;
  /** The labels' values, left to right, one a piece. */
  values: number[];
  /** Edits from the labels to the pieces read, per character read. */
  error: number;
}

/**
 * The evenly stepped sequence of non-negative whole numbers, one a piece (its first value a
 * multiple of its 1-2-2.5-5 step), whose labels the pieces read most like: each piece (one or
 * more readings of it; the best counts) matched within its label, ends hidden at `HIDDEN_COST`
 * a character. Null where fewer than two pieces, where the pieces hold more other characters
 * than digits, or where no sequence reads within `MAX_ERROR_SHARE`.
 */
export function fitNumberRun(pieces: string[][]): NumberRun | null {
  const read = pieces.map((readings) => readings.map(normalize).filter((text) => text !== ''));
  if (read.length < 2 || read.some((readings) => readings.length === 0)) return null;
  const chars = read.reduce((sum, readings) => sum + readings[0].length, 0);
  const digits = read.reduce((sum, readings) => sum + readings[0].replace(/\?/g, '').length, 0);
  if (digits * 2 < chars) return null;
  let best: NumberRun | null = null;
  for (let power = 0; power <= MAX_POWER; power++) {
    for (const mantissa of MANTISSAS) {
      const step = mantissa * 10 ** power;
      if (!Number.isInteger(step)) continue;
      for (const first of firsts(read, step)) {
        const values = read.map((_, i) => first + i * step);
        const error =
          values.reduce(
            (sum, value, i) =>
              sum + Math.min(...read[i].map((piece) => withinLabel(String(value), piece))),
            0,
          ) / chars;
        if (error <= MAX_ERROR_SHARE && (!best || error < best.error)) {
          best = { first, step, values, error };
        }
      }
    }
  }
  return best;
}

/**
 * The first values worth trying for a step: each run of digits any piece's reading holds, read as
 * the number of its label (that piece's place in the run back at `step` a place), where that falls
 * on a multiple of the step (ticks do) at or above zero.
 */
function firsts(read: string[][], step: number): Set<number> {
  const found = new Set<number>();
  read.forEach((readings, i) => {
    for (const reading of readings) {
      for (const run of reading.match(/\d+/g) ?? []) {
        for (let from = 0; from < run.length; from++) {
          for (let to = from + 1; to <= Math.min(run.length, from + MAX_DIGITS); to++) {
            const first = Number(run.slice(from, to)) - i * step;
            if (first >= 0 && first % step === 0) found.add(first);
          }
        }
      }
    }
  });
  return found;
}

/** A reading with spaces dropped, letters like digits as those digits, other characters `?`. */
function normalize(text: string): string {
  return [...text.replace(/\s+/g, '')]
    .map((char) => (/\d/.test(char) ? char : (DIGIT_LIKE[char] ?? '?')))
    .join('');
}

/**
 * Edits from `label` to `piece`, the piece read within the label: the label's characters it
 * does not show at either end at `HIDDEN_COST` each, `?` for any digit at `WILDCARD_COST`.
 */
function withinLabel(label: string, piece: string): number {
  let previous = Array.from({ length: label.length + 1 }, (_, i) => i * HIDDEN_COST);
  for (let j = 1; j <= piece.length; j++) {
    const row = [previous[0] + 1];
    for (let i = 1; i <= label.length; i++) {
      const swap = piece[j - 1] === label[i - 1] ? 0 : piece[j - 1] === '?' ? WILDCARD_COST : 1;
      row.push(Math.min(previous[i] + 1, row[i - 1] + 1, previous[i - 1] + swap));
    }
    previous = row;
  }
  return Math.min(...previous.map((cost, i) => cost + (label.length - i) * HIDDEN_COST));
}
