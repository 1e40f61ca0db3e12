import { describe, expect, it } from 'vitest';
import { parseDateLabel, splitDates } from '../../src/calibrate/parseDate.js';

describe('parseDateLabel', () => {
  it.each([
    ['2011-07', { year: 2011, month: 7 }],
    ['2011-07-15', { year: 2011, month: 7, day: 15 }],
    ['10/30', { month: 10, day: 30 }],
    ['30/10', { month: 10, day: 30 }],
    ['10/30/2011', { month: 10, day: 30, year: 2011 }],
    ['Jun 8', { month: 6, day: 8 }],
    ['8 Jun', { month: 6, day: 8 }],
    ['Oct 2006', { month: 10, year: 2006 }],
    ['2020 Jan', { month: 1, year: 2020 }],
    ['Jan 1, 2020', { month: 1, day: 1, year: 2020 }],
    ["Jan '20", { month: 1, year: 2020 }],
    ['July', { month: 7 }],
    ['Sept.', { month: 9 }],
    ['SEP', { month: 9 }],
    ['2017', { year: 2017 }],
    ['08', { day: 8 }],
    ['Mon 09', { day: 9, weekday: 1 }],
    ['Sat Jun 8', { month: 6, day: 8, weekday: 6 }],
    ['Thursday 02', { day: 2, weekday: 4 }],
    ['Apr01', { month: 4, day: 1 }],
  ])('reads %j', (text, parts) => {
    expect(parseDateLabel(text)).toEqual(parts);
  });

  it.each([
    ['Q1 2020', { year: 2020, month: 1 }],
    ['2020-Q3', { year: 2020, month: 7 }],
    ['2021 Q2', { year: 2021, month: 4 }],
    ["Q4 '21", { year: 2021, month: 10 }],
    ['q2 2019', { year: 2019, month: 4 }],
  ])('reads the quarter %j as its first month', (text, parts) => {
    expect(parseDateLabel(text)).toEqual(parts);
  });

  it('reads no date in a quarter without a year (a category), nor in two years', () => {
    expect(parseDateLabel('Q1')).toBeNull();
    expect(parseDateLabel('Q3')).toBeNull();
    expect(parseDateLabel('2020 Q1 2021')).toBeNull();
    expect(parseDateLabel('Q5 2020')).toBeNull();
  });

  it('reads a month name one letter off where no other month is as close', () => {
    expect(parseDateLabel('Dct')).toEqual({ month: 10, fuzzy: true });
    // 'Mav' is as close to Mar as to May
    expect(parseDateLabel('Mav')).toBeNull();
  });

  it.each([
    ['0.5'],
    ['1e3'],
    ['2,000'],
    ['Month'],
    ['Date'],
    ['Feb 30'],
    ['2011-13'],
    ['13/13'],
    ['Jan Feb'],
    ['7B'],
    ['199101'],
    [''],
  ])('finds no date in %j', (text) => {
    expect(parseDateLabel(text)).toBeNull();
  });

  it('throws a TypeError for text that is not a string', () => {
    expect(() => parseDateLabel(12 as unknown as string)).toThrow(
      'Expected string for text but received 12 of type number',
    );
  });
});

describe('splitDates', () => {
  it('splits the dates of labels boxed together, with the characters each spans', () => {
    expect(splitDates('Oct 2006 Jan 2007 Apr 2007')).toEqual([
      { text: 'Oct 2006', start: 0, end: 8 },
      { text: 'Jan 2007', start: 9, end: 17 },
      { text: 'Apr 2007', start: 18, end: 26 },
    ]);
    expect(splitDates('Mar 26 Apr 09')?.map((date) => date.text)).toEqual(['Mar 26', 'Apr 09']);
  });

  it('splits ISO dates run together, a year whose first digit is lost under the label before', () => {
    expect(splitDates('1990-011990-03')).toEqual([
      { text: '1990-01', start: 0, end: 7 },
      { text: '1990-03', start: 7, end: 14 },
    ]);
    // the 1 of `01` and the 1 of `1990` read as one glyph: the year nearest the one before
    expect(splitDates('1990-01990-03990-11991-01')?.map((date) => date.text)).toEqual([
      '1990-01',
      '1990-03',
      '1990-11',
      '1991-01',
    ]);
    // across a century: `000` after 1999 is 2000
    expect(splitDates('1999-11999-12000-01')?.map((date) => date.text)).toEqual([
      '1999-11',
      '1999-12',
      '2000-01',
    ]);
    expect(splitDates('1999-11999-12000-01-')).toBeNull();
    expect(splitDates('2007-06-012007-06-08')?.map((date) => date.text)).toEqual([
      '2007-06-01',
      '2007-06-08',
    ]);
  });

  it('leaves run-together text that is no dates, or dates of mixed parts, unsplit', () => {
    expect(splitDates('1990-13990-14')).toBeNull();
    expect(splitDates('1990-011990-03-15')).toBeNull();
    expect(splitDates('123-456-789')).toBeNull();
    expect(splitDates('1990-01')).toBeNull();
    // dashes or digits alone (a minus read from a tick mark, a number)
    expect(splitDates('-')).toBeNull();
    expect(splitDates('--')).toBeNull();
    expect(splitDates('1990')).toBeNull();
  });

  it('leaves one date, and text that is not dates only, unsplit', () => {
    expect(splitDates('Jan 1, 2020')).toBeNull();
    expect(splitDates('Sep 02 Month')).toBeNull();
    expect(splitDates('2011-07')).toBeNull();
  });
});
