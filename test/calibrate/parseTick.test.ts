import { describe, expect, it } from 'vitest';
import { parseAxisMultiplier, parseTickLabel } from '../../src/calibrate/parseTick.js';

/**
 * Decimal places for toBeCloseTo: values within 5e-13 (data units). Tight enough that 1e-6 and
 * 1e-3 cannot be confused; large values parse exactly, so the absolute bound does not hurt them.
 */
const DIGITS = 12;

// [label, value, power, percent]
const accepted: [string, number, boolean, boolean][] = [
  // integers and decimals
  ['0', 0, false, false],
  ['20', 20, false, false],
  ['0.075', 0.075, false, false],
  ['0.100', 0.1, false, false],
  ['.5', 0.5, false, false],
  ['1.', 1, false, false],
  ['+3', 3, false, false],
  ['+0.25', 0.25, false, false],
  // negatives: ASCII hyphen, minus sign U+2212, en dash U+2013
  ['-2', -2, false, false],
  ['−0.5', -0.5, false, false],
  ['–10', -10, false, false],
  ['-.5', -0.5, false, false],
  // thousands separators: comma, space, thin space, narrow no-break space
  ['1,000', 1000, false, false],
  ['12,500,000', 12_500_000, false, false],
  ['-1,000', -1000, false, false],
  ['1,234.5', 1234.5, false, false],
  ['1 000', 1000, false, false],
  ['1\u2009000', 1000, false, false],
  ['2\u202f500\u202f000', 2_500_000, false, false],
  // periods as thousands separators (German, or commas misread) only with two groups or more
  ['22.000.000', 22_000_000, false, false],
  ['-1.500.000', -1_500_000, false, false],
  ['2.000', 2, false, false],
  // percent
  ['40%', 40, false, true],
  ['-5%', -5, false, true],
  ['12.5 %', 12.5, false, true],
  ['0%', 0, false, true],
  // magnitude suffixes
  ['10k', 10_000, false, false],
  ['2.5k', 2500, false, false],
  ['10K', 10_000, false, false],
  ['1M', 1e6, false, false],
  ['1.5M', 1.5e6, false, false],
  ['2B', 2e9, false, false],
  ['2G', 2e9, false, false],
  ['10 k', 10_000, false, false],
  ['1.1k', 1100, false, false],
  ['-2.5k', -2500, false, false],
  // micro, as d3-format's SI notation prints it: Greek mu and the micro sign
  ['100μ', 1e-4, false, false],
  ['-50µ', -5e-5, false, false],
  // scientific notation
  ['1e-3', 0.001, true, false],
  ['1E+06', 1e6, true, false],
  ['2.5e4', 25_000, true, false],
  ['1e−3', 0.001, true, false],
  // a minus the font lacks, drawn as a box and read as 0: no formatter writes `e04`
  ['4.5e04', 0.00045, true, false],
  ['2e004', 0.0002, true, false],
  ['-1e3', -1000, true, false],
  // powers of ten
  ['10^-3', 0.001, true, false],
  ['10^{-3}', 0.001, true, false],
  ['10^3', 1000, true, false],
  ['10^0', 1, true, false],
  ['10^−3', 0.001, true, false],
  ['$10^{-3}$', 0.001, true, false],
  ['$\\mathdefault{10^{-3}}$', 0.001, true, false],
  ['$\\mathdefault{10^{2}}$', 100, true, false],
  ['$\\mathdefault{2\\times10^{3}}$', 2000, true, false],
  ['$\\mathdefault{-0.5}$', -0.5, false, false],
  ['10⁻³', 0.001, true, false],
  ['10³', 1000, true, false],
  ['10¹²', 1e12, true, false],
  ['2×10^3', 2000, true, false],
  ['2x10^3', 2000, true, false],
  ['2·10^3', 2000, true, false],
  ['2 × 10^3', 2000, true, false],
  ['2.5×10⁻³', 0.0025, true, false],
  ['-10^3', -1000, true, false],
  // stray punctuation OCR adds around a label
  ['  20  ', 20, false, false],
  ["'20", 20, false, false],
  ['‘0.5', 0.5, false, false],
  ['“0', 0, false, false],
  ['8,000"', 8000, false, false],
  ["40'", 40, false, false],
  ['20,', 20, false, false],
  ['20.', 20, false, false],
  ['|20', 20, false, false],
  ['20|', 20, false, false],
  ['| −5 ’', -5, false, false],
];

const rejected: string[] = [
  '',
  '   ',
  '.',
  '-',
  "'|,",
  '%',
  '1.000.5',
  // letters other than the suffixes, OCR confusions are not corrected
  '0.1O0',
  'l0',
  'abc',
  'S0',
  'O',
  '1O',
  '500m',
  '10T',
  '10kk',
  '5 apples',
  // wrong grouping (and a European decimal comma)
  '1,5',
  '1,00',
  '1,0000',
  '0,500',
  '1,000,00',
  '1,000 000',
  '1  000',
  // two decimal points, two signs, misplaced signs and percent
  '0.1.5',
  '0.5.',
  '--5',
  '+-5',
  '−-5',
  '--10^3',
  '+-1e3',
  '-−2×10^3',
  '5-',
  '- 5',
  '4%0',
  '%40',
  '40%%',
  '20-40',
  '20–40',
  '1e3%',
  // not finite, or not a number at all
  'NaN',
  'Infinity',
  '-Infinity',
  '∞',
  '1e400',
  '10^400',
  '1e-400',
  // malformed scientific and powers
  '1e',
  'e3',
  '1e3.5',
  '10^',
  '10^3.5',
  '2^3',
  '5²',
  '²10',
  '10^{-3',
  '2x10',
  '2*10^3',
  '$10',
  '$40',
  '10^3k',
  '1e3k',
];

describe('parseTickLabel', () => {
  it.each(accepted)('reads %j as %d (power %s, percent %s)', (label, value, power, percent) => {
    const parsed = parseTickLabel(label);
    expect(parsed).not.toBeNull();
    expect(parsed!.value).toBeCloseTo(value, DIGITS);
    expect(parsed!.power).toBe(power);
    expect(parsed!.percent).toBe(percent);
  });

  it.each(rejected)('rejects %j', (label) => {
    expect(parseTickLabel(label)).toBeNull();
  });

  it('returns exact decimals for suffixes, not 1.1 * 1000', () => {
    expect(parseTickLabel('1.1k')!.value).toBe(1100);
    expect(parseTickLabel('0.3M')!.value).toBe(300_000);
  });

  it('returns 0, never -0', () => {
    expect(Object.is(parseTickLabel('-0')!.value, 0)).toBe(true);
    expect(Object.is(parseTickLabel('−0.0')!.value, 0)).toBe(true);
  });

  it('throws a TypeError for text that is not a string', () => {
    expect(() => parseTickLabel(5 as unknown as string)).toThrow(
      new TypeError('Expected string for text but received 5 of type number'),
    );
  });
});

const multipliers: [string, number][] = [
  ['1e6', 1e6],
  ['1e−3', 0.001],
  ['1e-3', 0.001],
  ['1e+06', 1e6],
  ['1E6', 1e6],
  // the minus drawn as a box the font lacks, read as 0
  ['1e06', 1e-6],
  ['×10^3', 1000],
  ['x10^3', 1000],
  ['×10³', 1000],
  ['×10⁻⁶', 1e-6],
  ['× 10^3', 1000],
  // the y axis line running up beside matplotlib's offset text, read as a 1
  ['1×10^-3', 0.001],
  ['×10^{-3}', 0.001],
  ['$\\times\\mathdefault{10^{3}}\\mathdefault{}$', 1000],
  [' 1e6 ', 1e6],
];

const notMultipliers: string[] = [
  '',
  '1e',
  '10^3',
  '2e3',
  '2×10^3',
  '+1e3',
  '-1e3',
  '1e-3+1.2',
  '1e400',
  'x10',
  '1000',
  'le6',
];

describe('parseAxisMultiplier', () => {
  it.each(multipliers)('reads %j as %d', (label, factor) => {
    const parsed = parseAxisMultiplier(label);
    expect(parsed).not.toBeNull();
    expect(parsed).toBeCloseTo(factor, DIGITS);
  });

  it.each(notMultipliers)('rejects %j', (label) => {
    expect(parseAxisMultiplier(label)).toBeNull();
  });

  it('throws a TypeError for text that is not a string', () => {
    expect(() => parseAxisMultiplier(null as unknown as string)).toThrow(
      new TypeError('Expected string for text but received null of type object'),
    );
  });
});
