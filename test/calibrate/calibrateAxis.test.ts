import { describe, expect, it } from 'vitest';
import { calibrateAxis } from '../../src/calibrate/calibrateAxis.js';
import type { Word } from '../../src/types.js';

/** A y tick label centred on `pixel`. */
const label = (text: string, pixel: number): Word => ({
  text,
  confidence: 100,
  box: { left: 10, right: 30, top: pixel - 5, bottom: pixel + 5 },
});

/** An x tick label centred on `pixel` (about 8 px per character, like 13 px DejaVu digits). */
const xLabel = (text: string, pixel: number): Word => ({
  text,
  confidence: 90,
  box: { left: pixel - 4 * text.length, right: pixel + 4 * text.length, top: 550, bottom: 562 },
});

describe('calibrateAxis', () => {
  it('takes two labels for a linear axis: two fit a log line no better, however the pixels fall', () => {
    const words = [label('2', 326.5), label('1', 714)];
    const { axis } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.scale).toBe('linear');
    expect(axis?.pixelToData(520.25)).toBeCloseTo(1.5, 6);
  });

  it('takes of two pairs of labels the one that steps as engines print (tiny labels misread)', () => {
    // 0.00600 0.00500 0.00400 0.00300 read 3 px high: two read right, two misread alike sure
    const texts = ['0.00600', '0.00500', '9.433432', '0.432300'];
    const words = texts.map((text, i) => label(text, 57 + 86 * i));
    const { axis } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.ticks.map((tick) => tick.text)).toEqual(['0.00600', '0.00500']);
    expect(axis?.pixelToData(57 + 86 * 3)).toBeCloseTo(0.003, 9);
    // in either order
    const reversed = [texts[2], texts[3], texts[0], texts[1]].map((text, i) =>
      label(text, 57 + 86 * i),
    );
    expect(calibrateAxis({ axis: 'y', words: reversed, marks: [] }).axis?.ticks).toHaveLength(2);
    expect(
      calibrateAxis({ axis: 'y', words: reversed, marks: [] }).axis?.pixelToData(57),
    ).toBeCloseTo(0.008, 9);
  });

  it('puts back decimal points that OCR lost, even when most labels lost theirs', () => {
    const texts = ['2.4', '2.2', '2.0', '18', '16', '14', '12', '10'];
    const words = texts.map((text, i) => label(text, 40 + 54 * i));
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.scale).toBe('linear');
    expect(axis?.ticks).toHaveLength(8);
    expect(axis?.pixelToData(40 + 54 * 7)).toBeCloseTo(1.0, 6);
    expect(warnings).toContain("y tick '18' was read as '1.8': its decimal point was lost");
  });

  it('doubts decimal points put back in most labels on the word of two (2.40 2.30 220 ... 150)', () => {
    const texts = ['2.40', '2.30', '220', '210', '200', '190', '180', '170', '160', '150'];
    const words = texts.map((text, i) => label(text, 40 + 54 * i));
    const { confidence, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(confidence).toBeLessThan(0.5);
    expect(warnings).toContain(
      "y axis: the tick labels would also agree as '220', '210', '200', '190', '180', '170', '160', '150'; the reading is uncertain",
    );
  });

  it('doubts labels a loose fit lets through that do not step evenly (30 misread as 31)', () => {
    const words = ['31', '20', '10'].map((text, i) => label(text, 100 + 100 * i));
    const uneven = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(uneven.axis?.ticks).toHaveLength(3);
    expect(uneven.warnings).toContain(
      "y tick labels '31', '20', '10' do not step evenly: their values are in doubt",
    );
    const even = calibrateAxis({
      axis: 'y',
      words: ['30', '20', '10'].map((text, i) => label(text, 100 + 100 * i)),
      marks: [],
    });
    expect(uneven.confidence).toBeLessThanOrEqual(even.confidence / 2);
    // a label left out (0.5 1.5 2.0) is no uneven step
    const skipped = ['2.0', '1.5', '0.5'].map((text, i) => label(text, [100, 200, 400][i]));
    expect(calibrateAxis({ axis: 'y', words: skipped, marks: [] }).warnings).toEqual([]);
  });

  it('takes labels printed rounded as the even steps they round to (3.5M 4M 4.5M as 4M 4M 5M), and doubts them', () => {
    const texts = ['8M', '7M', '7M', '6M', '6M', '5M', '5M', '4M', '4M'];
    const words = texts.map((text, i) => label(text, 40 + 100 * i));
    const rounded = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(rounded.axis?.ticks.map((tick) => tick.value)).toEqual([
      7.5e6, 7e6, 6.5e6, 6e6, 5.5e6, 5e6, 4.5e6, 4e6, 3.5e6,
    ]);
    expect(rounded.axis?.pixelToData(40)).toBeCloseTo(7.5e6, -2);
    expect(rounded.axis?.pixelToData(840)).toBeCloseTo(3.5e6, -2);
    expect(rounded.confidence).toBeLessThan(0.5);
    expect(rounded.warnings).toContain(
      "y tick labels '8M', '7M', '7M', '6M', '6M', '5M', '5M', '4M', '4M' are printed rounded: their values were taken as the even steps they round to, 3500000 to 7500000",
    );
    // halves rounded either way, as float noise in the tick values has it (3.5k as 4k, 4.5k as 4k)
    const noisy = ['8k', '7k', '7k', '6k', '5k', '5k', '4k', '4k', '4k', '3k'];
    const either = calibrateAxis({
      axis: 'y',
      words: noisy.map((text, i) => label(text, 28 + 18.4 * i)),
      marks: [],
    });
    expect(either.axis?.pixelToData(28)).toBeCloseTo(7500, 0);
    expect(either.axis?.pixelToData(28 + 18.4 * 9)).toBeCloseTo(3000, 0);
    // the step nearest the one the labels span (200, not 100: 2000 to 2600 rounds alike)
    const few = ['3k', '3k', '2k', '2k', '2k', '2k', '2k'];
    const near = calibrateAxis({
      axis: 'y',
      words: few.map((text, i) => label(text, 40 + 50 * i)),
      marks: [],
    });
    expect(near.axis?.pixelToData(40)).toBeCloseTo(2800, 0);
    expect(near.axis?.pixelToData(340)).toBeCloseTo(1600, 0);
    // labels printed in full are trusted
    const full = ['7.5M', '7M', '6.5M', '6M', '5.5M', '5M', '4.5M', '4M', '3.5M'];
    const exact = calibrateAxis({
      axis: 'y',
      words: full.map((text, i) => label(text, 40 + 100 * i)),
      marks: [],
    });
    expect(exact.confidence).toBeGreaterThan(0.9);
  });

  it("doubts labels off their step's multiples (515 415 315 215)", () => {
    const words = ['515', '415', '315', '215'].map((text, i) => label(text, 100 + 100 * i));
    const misread = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(misread.confidence).toBeLessThanOrEqual(0.5);
    expect(misread.warnings).toContain(
      "y tick labels '515', '415', '315', '215' are not multiples of their step: their values are in doubt",
    );
    // every other tick labelled (1 3 5 7) is on half the step
    const odd = ['7', '5', '3', '1'].map((text, i) => label(text, 100 + 100 * i));
    expect(calibrateAxis({ axis: 'y', words: odd, marks: [] }).confidence).toBeGreaterThan(0.9);
  });

  it('takes a last digit every label ends in, stepping unevenly, for a misread % (309 409 509)', () => {
    // z00514: `0%` read `07`, the rest with the `%` read as a 9; the second reader read some
    // with a 7 instead
    const read: [string, string?][] = [
      ['1009'],
      ['909'],
      ['809', '807'],
      ['709'],
      ['609'],
      ['509'],
      ['409', '407'],
      ['309'],
      ['209'],
      ['109'],
      ['07', '07'],
    ];
    const words = read.map(([text, second], i) => ({ ...label(text, 50 + 50 * i), second }));
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(50)).toBeCloseTo(100, 0);
    expect(axis?.pixelToData(550)).toBeCloseTo(0, 0);
    expect(axis?.ticks.find((tick) => tick.pixel === 200)?.text).toBe('70%');
    expect(warnings.some((warning) => warning.includes('taken as a percent sign misread'))).toBe(
      true,
    );
    expect(warnings.some((warning) => warning.includes('would also agree'))).toBe(false);
    // labels ending in 0 keep it, one misread among them or not (z00339: the second reader's
    // `2.50` for `250`; z01248: `2030 4030 6030` for `2000 4000 6000`)
    const tens: [string, string?][] = [['250', '2.50'], ['200'], ['150'], ['100'], ['50'], ['0']];
    const tensAxis = calibrateAxis({
      axis: 'y',
      words: tens.map(([text, second], i) => ({ ...label(text, 100 + 100 * i), second })),
      marks: [],
    });
    expect(tensAxis.axis?.pixelToData(100)).toBeCloseTo(250, 6);
    const thousands = ['6030', '4030', '2030', '0'].map((text, i) => label(text, 100 + 100 * i));
    const { warnings: kept } = calibrateAxis({ axis: 'y', words: thousands, marks: [] });
    expect(kept.some((warning) => warning.includes('percent sign'))).toBe(false);
    // labels on their step as read keep their last digit (2.5 7.5 12.5 17.5)
    const fives = ['17.5', '12.5', '7.5', '2.5'].map((text, i) => label(text, 100 + 100 * i));
    expect(calibrateAxis({ axis: 'y', words: fives, marks: [] }).axis?.pixelToData(100)).toBe(17.5);
  });

  it('takes an unsure leading glyph read as 0 for a minus where the labels step on below zero', () => {
    // z01617: a font without a minus prints a box, read as a 0 (`05` is no printed number)
    const read: [string, number][] = [
      ['5', 100],
      ['0', 100],
      ['05', 4],
      ['010', 4],
      ['015', 7],
    ];
    const words = read.map(([text, confidence], i) => ({
      ...label(text, 300 + 230 * i),
      confidence,
    }));
    const { axis, confidence, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.ticks.map((tick) => tick.value)).toEqual([5, 0, -5, -10, -15]);
    expect(warnings).toContain(
      "y tick '0.10' was read as '-10': the glyph before its digits, read unsure, was taken for a minus",
    );
    expect(confidence).toBeLessThan(0.5);
    // read sure, a leading zero is a lost point (`05` is 0.5)
    const sure = ['15', '10', '05', '0'].map((text, i) => label(text, 100 + 100 * i));
    expect(calibrateAxis({ axis: 'y', words: sure, marks: [] }).axis?.pixelToData(200)).toBe(1.0);
  });

  it('reads dots as thousands separators where both readers show it (z00487: 80,000 read 80.09)', () => {
    const read: [string, string?][] = [
      ['100,000', '100.000'],
      ['90,'],
      ['80.09', '50.000'],
      ['70,000', '70.000'],
      ['60,040', '0,'],
      ['50.09', '50.000'],
      ['40,000', '40.000'],
      ['30.09', '30.000'],
      ['20.09', '20.000'],
      ['10.09', '10.000'],
    ];
    const words = read.map(([text, second], i) => ({ ...label(text, 32 + 39 * i), second }));
    const { axis, confidence } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(32)).toBeCloseTo(100_000, -3);
    expect(axis?.pixelToData(32 + 39 * 9)).toBeCloseTo(10_000, -3);
    expect(confidence).toBeLessThan(0.5);
  });

  it('puts back a point lost on one label where the others print theirs alike (z00189: 2.5 20 1.5)', () => {
    // three labels of a small chart, the middle one's point lost; its pixel 1.5 px off the line
    const words = [label('2.5', 56.5), label('20', 88), label('1.5', 122.5)];
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.ticks.map((tick) => tick.value)).toEqual([2.5, 2, 1.5]);
    expect(axis?.pixelToData(122.5)).toBeCloseTo(1.5, 1);
    expect(warnings).toContain("y tick '20' was read as '2.0': its decimal point was lost");
  });

  it('drops minus signs read before labels that fit the others without them (z01491)', () => {
    // 0.0045 0.0040 0.0035 0.0030, two read with a speck before them taken for a minus
    const texts = ['0.0045', '-0.0040', '-0.0035', '0.0030'];
    const words = texts.map((text, i) => label(text, 50 + 38 * i));
    const { axis, confidence, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.ticks.map((tick) => tick.value)).toEqual([0.0045, 0.004, 0.0035, 0.003]);
    expect(warnings).toContain(
      "y tick '-0.0040' was read as '0.0040': its minus was a speck or a mark",
    );
    expect(confidence).toBeLessThan(0.9);
  });

  it('keeps the minus signs of labels that fit as read (-1.0 to 1.0, one label lost)', () => {
    const texts = ['1.0', '0.5', '-0.5', '-1.0'];
    const pixels = [50, 100, 200, 250];
    const words = texts.map((text, i) => label(text, pixels[i]));
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.ticks.map((tick) => tick.value)).toEqual([1, 0.5, -0.5, -1]);
    expect(warnings.some((warning) => warning.includes('speck'))).toBe(false);
  });

  it("puts back a decade's mantissa misread on a log axis (z01392: 2e+5 2e+4 2e+3 100 10 1 0.1)", () => {
    const texts = ['2e+5', '2e+4', '2e+3', '100', '10', '1', '0.1'];
    const words = texts.map((text, i) => label(text, 148 + 153 * i));
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.scale).toBe('log');
    expect(axis?.ticks.map((tick) => tick.value)).toEqual([1e5, 1e4, 1e3, 100, 10, 1, 0.1]);
    expect(axis?.pixelToData(148)).toBeCloseTo(1e5, -1);
    expect(warnings).toContain("y tick '2e+5' was read as '1e+5': its mantissa 1 was misread");
  });

  it('keeps mantissas of 2 and 5 on a log axis that prints them (1e-2 2e-3 1e-3 ...)', () => {
    const texts = ['1e-2', '5e-3', '2e-3', '1e-3', '5e-4', '2e-4', '1e-4'];
    const values = [1e-2, 5e-3, 2e-3, 1e-3, 5e-4, 2e-4, 1e-4];
    const words = texts.map((text, i) =>
      label(text, 100 + 200 * (2 - Math.log10(values[i] * 1e4))),
    );
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.ticks.map((tick) => tick.value)).toEqual(values);
    expect(warnings.some((warning) => warning.includes('mantissa 1'))).toBe(false);
  });

  it('puts back the group lost after a thousands separator (12,000 read as 12,), and doubts it', () => {
    const words = ['12,', '11,', '10,', '9,', '8,'].map((text, i) => label(text, 100 + 60 * i));
    const cut = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(cut.axis?.pixelToData(100)).toBeCloseTo(12_000, 6);
    expect(cut.axis?.pixelToData(340)).toBeCloseTo(8_000, 6);
    expect(cut.confidence).toBeLessThan(0.5);
    expect(cut.warnings).toContain(
      "y tick labels read as '12,', '11,', '10,', '9,', '8,': the digits after their thousands separators were lost, taken as '12,000', '11,000', '10,000', '9,000', '8,000'",
    );
  });

  it('puts the group back where only the second reader kept the comma (z00277: 12, read 122)', () => {
    // the glyph reader took the comma for a 2; the second reader read `12,` and lost the zeros
    const read: [string, string][] = [
      ['122', '12,'],
      ['102', '10,'],
      ['93', '9,'],
      ['81', '8,'],
      ['73', '7'],
      ['61', '6,'],
    ];
    const pixels = [17, 427, 629.5, 834.5, 1040, 1242.5];
    const words = read.map(([text, second], i) => ({ ...label(text, pixels[i]), second }));
    const { axis } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(17)).toBeCloseTo(12_000, -1);
    expect(axis?.pixelToData(1242.5)).toBeCloseTo(6_000, -1);
  });

  it('takes a final comma for a lost decimal digit on an axis printing decimal commas', () => {
    const words = ['1,5', '1,', '0,5', '0'].map((text, i) => label(text, 100 + 60 * i));
    const { axis } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(100)).toBeCloseTo(1.5, 6);
    expect(axis?.pixelToData(280)).toBeCloseTo(0, 6);
  });

  it('doubts an axis most of whose labels were read unsure (a glyph the reader does not know)', () => {
    const texts = ['500', '400', '300', '200', '100'];
    const sure = texts.map((text, i) => label(text, 40 + 100 * i));
    expect(calibrateAxis({ axis: 'y', words: sure, marks: [] }).confidence).toBeGreaterThan(0.9);
    // `500μ` read `500` by a reader that knows no `μ`: each label unsure
    const unsure = sure.map((word) => ({ ...word, confidence: 5 }));
    expect(calibrateAxis({ axis: 'y', words: unsure, marks: [] }).confidence).toBeLessThan(0.5);
    // one unsure label among sure ones costs less
    const one = sure.map((word, i) => (i === 2 ? { ...word, confidence: 5 } : word));
    expect(calibrateAxis({ axis: 'y', words: one, marks: [] }).confidence).toBeGreaterThan(0.5);
  });

  it('trusts two labels read with their decimal point over six that lost it', () => {
    // Read as whole numbers, the six lie on a line of their own (24 .. 10), and the two
    // labels read right would be the misreads.
    const texts = ['24', '2.2', '20', '1.8', '16', '14', '12', '10'];
    const words = texts.map((text, i) => label(text, 40 + 54 * i));
    const { axis } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.ticks).toHaveLength(8);
    expect(axis?.pixelToData(40)).toBeCloseTo(2.4, 6);
    expect(axis?.pixelToData(40 + 54 * 7)).toBeCloseTo(1.0, 6);
  });

  it("puts back an exponent's minus that OCR lost, vouched for by one read with it", () => {
    // 10^-1 .. 10^-4 from the top, read with three minus signs lost (and one 1 as 3).
    const texts = ['10^3', '10^2', '10^3', '10^-4'];
    const words = texts.map((text, i) => label(text, 100 + 87 * i));
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.scale).toBe('log');
    expect(axis?.pixelToData(100 + 87 * 3)).toBeCloseTo(1e-4, 9);
    expect(axis?.pixelToData(100)).toBeCloseTo(0.1, 9);
    expect(warnings).toContain("y tick '10^2' was read as '10^-2': its exponent's minus was lost");
  });

  it('keeps whole numbers as read', () => {
    const words = ['10', '20', '30', '40'].map((text, i) => label(text, 300 - 50 * i));
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(100)).toBeCloseTo(50, 6);
    expect(warnings).toEqual([]);
  });

  // Readings with a decimal point put back must not outvote the labels as read: each costs
  // half a label, and must fit the line to its own last digit.
  it.each([
    // '-20' read as '-2': the other five are right as read, not ten times too big.
    [
      ['-2', '-19', '-18', '-17', '-16', '-15'],
      [-20, -19, -18, -17, -16, -15],
    ],
    // '1' read as '11' is a misread, not '1.1' (which would bend the line).
    [
      ['11', '2', '3', '4', '5'],
      [1, 2, 3, 4, 5],
    ],
    // '0' read as '1000' is a misread, not '1.000' (which would bend the line).
    [
      ['-100', '1000', '100', '200', '300'],
      [-100, 0, 100, 200, 300],
    ],
  ])('reads %j as the labels that agree, not as repaired ones', (texts, values) => {
    const marks = texts.map((_, i) => 100.5 + 40 * i);
    const words = texts.map((text, i) => xLabel(text, marks[i]));
    const { axis } = calibrateAxis({ axis: 'x', words, marks });
    marks.forEach((mark, i) => {
      expect(axis?.pixelToData(mark)).toBeCloseTo(values[i], 9);
    });
  });

  it("doubts a log axis read from one decade's mantissas, and places them by powers of ten", () => {
    // Plotly's minor labels 2..9 of the decades 100..1000 and 10..100, 500 px a decade, y up
    const at = (value: number) => 1000 - 500 * Math.log10(value);
    const mantissas = [2, 3, 4, 5, 6, 7, 8, 9];
    const upper = mantissas.map((m) => label(String(m), at(m * 100)));
    const alone = calibrateAxis({ axis: 'y', words: upper, marks: [] });
    expect(alone.axis?.scale).toBe('log');
    expect(alone.confidence).toBeLessThan(0.5);
    expect(alone.warnings).toContain(
      "y tick labels '9', '8', '7', '6', '5', '4', '3', '2' lie within one decade and name no power of ten: the axis may be a power of ten off",
    );
    const words = [
      ...upper,
      ...mantissas.map((m) => label(String(m), at(m * 10))),
      label('100', at(100)),
      label('1000', at(1000)),
    ];
    const placed = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(placed.axis?.pixelToData(at(250))).toBeCloseTo(250, 6);
    expect(placed.axis?.ticks).toHaveLength(18);
    expect(placed.confidence).toBeGreaterThan(0.5);
  });

  it('puts back an SI prefix lost from whole labels where labels with decimals place them (100µ read 100)', () => {
    // Plotly's log axis: 0.01 0.001 100µ 10µ 1µ, 40 px a decade; the µ unread
    const texts = ['0.01', '0.001', '100', '10', '1'];
    const words = texts.map((text, i) => label(text, 67 + 40 * i));
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.scale).toBe('log');
    expect(axis?.ticks.map((tick) => tick.value)).toEqual([0.01, 0.001, 1e-4, 1e-5, 1e-6]);
    expect(axis?.pixelToData(67 + 40 * 4)).toBeCloseTo(1e-6, 12);
    expect(warnings).toContain(
      "y tick labels read as '100', '10', '1' lost an SI prefix: the labels printed with decimals place them",
    );
  });

  it('chooses log for two decade labels written plainly', () => {
    const words = [label('1', 120), label('0.1', 300)];
    const { axis } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.scale).toBe('log');
    expect(axis?.pixelToData(210)).toBeCloseTo(Math.sqrt(0.1), 6);
  });
});

/** Ticks 0, 20, ..., 140 drawn at px = 100.5 + 5 * value: 0.2 data units per pixel. */
const X_VALUES = [0, 20, 40, 60, 80, 100, 120, 140];
const xPixel = (value: number) => 100.5 + 5 * value;

describe('calibrateAxis (synthetic ticks)', () => {
  it('fits a linear axis exactly from labels on their tick marks', () => {
    const words = X_VALUES.map((v) => xLabel(String(v), xPixel(v)));
    const { axis, warnings } = calibrateAxis({ axis: 'x', words, marks: X_VALUES.map(xPixel) });
    expect(warnings).toEqual([]);
    expect(axis?.scale).toBe('linear');
    expect(axis?.slope).toBeCloseTo(0.2, 12);
    expect(axis?.pixelToData(xPixel(0))).toBeCloseTo(0, 9);
    expect(axis?.pixelToData(xPixel(140))).toBeCloseTo(140, 9);
    expect(axis?.ticks.map((tick) => tick.value)).toEqual(X_VALUES);
  });

  it('snaps labels a little off their tick marks onto the marks', () => {
    // Labels 1.5 px to the right of the marks (OCR boxes are rarely centred exactly).
    const words = X_VALUES.map((v) => xLabel(String(v), xPixel(v) + 1.5));
    const { axis } = calibrateAxis({ axis: 'x', words, marks: X_VALUES.map(xPixel) });
    expect(axis?.pixelToData(xPixel(70))).toBeCloseTo(70, 9);
  });

  it('ignores one misread label and reports it in warnings', () => {
    // '60' misread as '90': the seven other labels agree on one line.
    const texts = X_VALUES.map((v) => (v === 60 ? '90' : String(v)));
    const words = texts.map((text, i) => xLabel(text, xPixel(X_VALUES[i])));
    const { axis, warnings } = calibrateAxis({ axis: 'x', words, marks: X_VALUES.map(xPixel) });
    expect(axis?.scale).toBe('linear');
    expect(axis?.pixelToData(xPixel(60))).toBeCloseTo(60, 9);
    expect(axis?.ticks).toHaveLength(7);
    expect(warnings).toContain("x tick '90' disagrees with the other labels and was ignored");
  });

  it('chooses a log axis for 1, 10, 100, 1000 evenly spaced', () => {
    const words = ['1', '10', '100', '1000'].map((text, i) => label(text, 400 - 100 * i));
    const { axis } = calibrateAxis({ axis: 'y', words, marks: [100, 200, 300, 400] });
    expect(axis?.scale).toBe('log');
    expect(axis?.pixelToData(400)).toBeCloseTo(1, 9);
    expect(axis?.pixelToData(250)).toBeCloseTo(10 ** 1.5, 6);
    expect(axis?.pixelToData(100)).toBeCloseTo(1000, 6);
  });

  it('has dataToPixel as the inverse of pixelToData, on linear and log axes', () => {
    const linear = calibrateAxis({
      axis: 'x',
      words: X_VALUES.map((v) => xLabel(String(v), xPixel(v))),
      marks: X_VALUES.map(xPixel),
    }).axis!;
    const log = calibrateAxis({
      axis: 'y',
      words: ['1', '10', '100', '1000'].map((text, i) => label(text, 400 - 100 * i)),
      marks: [100, 200, 300, 400],
    }).axis!;
    for (const pixel of [0, 57.25, 100.5, 333.3, 800]) {
      expect(linear.dataToPixel(linear.pixelToData(pixel))).toBeCloseTo(pixel, 9);
      expect(log.dataToPixel(log.pixelToData(pixel))).toBeCloseTo(pixel, 9);
    }
    for (const value of [-7, 0, 0.125, 147]) {
      expect(linear.pixelToData(linear.dataToPixel(value))).toBeCloseTo(value, 9);
    }
    for (const value of [0.5, 1, 42, 5000]) {
      expect(log.pixelToData(log.dataToPixel(value)) / value).toBeCloseTo(1, 9);
    }
  });
});

describe('calibrateAxis with labels set flush at the axis ends', () => {
  it('puts the end labels on the plot sides they start and end at (Vega-Lite labelFlush)', () => {
    // 0 .. 40,000 from 102.5 to 525.5 px, grid lines every 5,000 (z00808 of the zoo): the first
    // label starts at the left side, the last ends at the right one; no mark under either.
    const boxes: [string, number, number][] = [
      ['0', 103, 108],
      ['10,000', 192, 225],
      ['20,000', 297, 331],
      ['30,000', 403, 437],
      ['40,000', 491, 525],
    ];
    const words = boxes.map(([text, left, right]) => ({
      text,
      confidence: 100,
      box: { left, right, top: 241, bottom: 250 },
    }));
    const marks = [155, 208, 261, 314, 366, 419, 472];
    const { axis } = calibrateAxis({ axis: 'x', words, marks, ends: [102.5, 525.5] });
    expect(axis?.ticks.map((tick) => tick.pixel)).toEqual([102.5, 208, 314, 419, 525.5]);
    // within 0.2% of the range (40,000)
    expect(Math.abs(axis!.pixelToData(525.5) - 40_000)).toBeLessThan(80);
    expect(Math.abs(axis!.pixelToData(102.5))).toBeLessThan(80);
  });

  it('puts a flush end label on the side bearing a tick, not on a minor tick under its middle', () => {
    // log 10^2 .. 10^5 from 62 to 362 px, a decade 100 px, minor ticks at 2..9 x 10^k (z00178 of
    // the zoo): the last label, 16 px wide, ends at the right side; the minor tick at 8 x 10^4
    // lies 2 px from its middle.
    const decade = (k: number) => 62 + 100 * (k - 2);
    const minors = [2, 3, 4].flatMap((k) =>
      [2, 3, 4, 5, 6, 7, 8, 9].map((m) => decade(k) + 100 * Math.log10(m)),
    );
    const marks = [...[2, 3, 4, 5].map(decade), ...minors];
    const words = [
      { text: '10^2', confidence: 90, box: { left: 62, right: 78, top: 250, bottom: 260 } },
      { text: '10^3', confidence: 90, box: { left: 154, right: 170, top: 250, bottom: 260 } },
      { text: '10^4', confidence: 90, box: { left: 254, right: 270, top: 250, bottom: 260 } },
      { text: '10^5', confidence: 90, box: { left: 346.5, right: 362.5, top: 250, bottom: 260 } },
    ];
    const { axis } = calibrateAxis({ axis: 'x', words, marks, ends: [62, 362] });
    expect(axis?.ticks.map((tick) => tick.pixel)).toEqual([62, 162, 262, 362]);
    expect(Math.log10(axis!.pixelToData(362))).toBeCloseTo(5, 2);
  });

  it('keeps a flush end label on its centre mark where the side bears none', () => {
    // a label centred on a tick whose box happens to end at the right side, no mark there
    const words = [xLabel('0', 100), xLabel('10', 200), xLabel('20', 300)];
    const { axis } = calibrateAxis({ axis: 'x', words, marks: [100, 200, 300], ends: [40, 308] });
    expect(axis?.ticks.map((tick) => tick.pixel)).toEqual([100, 200, 300]);
  });
});

describe('calibrateAxis (what the labels say about one another)', () => {
  it('reads a label with a leading zero as one that lost its decimal point', () => {
    // 0.5 .. 2.5 read as 05 .. 25: a fit of the labels as read would be ten times too big.
    const texts = ['05', '10', '15', '20', '25'];
    const words = texts.map((text, i) => label(text, 400 - 80 * i));
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(400)).toBeCloseTo(0.5, 9);
    expect(axis?.pixelToData(80)).toBeCloseTo(2.5, 9);
    expect(warnings).toContain(
      "y tick labels read as '0.5': a leading zero means a lost decimal point",
    );
  });

  it('doubts a point put back after the first of two leading zeros (0.0060 read as 0060)', () => {
    // 0.0030 .. 0.0060 printed (Chart.js), read with the point and a zero lost: 0.030 .. 0.060
    // is as good a reading as the printed one (z00004 of the zoo).
    const texts = ['0060', '0050', '0045', '0040', '0030'];
    const words = texts.map((text, i) => label(text, [23, 82, 111, 140, 199][i]));
    const { confidence, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(confidence).toBeLessThan(0.5);
    expect(warnings).toContain(
      "y tick labels read as '0060', '0050', '0045', '0040', '0030': the decimal point lost after their leading zero may have taken a zero with it; the values may be ten times off",
    );
    expect(warnings.some((w) => w.startsWith('y axis: calibration is doubtful'))).toBe(true);
    // labels read with their points show the decimals: 0005 is 0.0005 among 0.0010 and 0.0015
    const vouched = calibrateAxis({
      axis: 'y',
      words: ['0.0000', '0005', '0.0010', '0.0015'].map((text, i) => label(text, 300 - 80 * i)),
      marks: [],
    });
    expect(vouched.axis?.pixelToData(220)).toBeCloseTo(0.0005, 9);
    expect(vouched.confidence).toBeGreaterThan(0.5);
  });

  it('reads dots as thousands separators when a label without one shows the format', () => {
    const texts = ['0', '2.000', '4.000', '6.000', '8.000'];
    const words = texts.map((text, i) => xLabel(text, 100 + 60 * i));
    const { axis, confidence, warnings } = calibrateAxis({ axis: 'x', words, marks: [] });
    expect(axis?.pixelToData(100 + 60 * 4)).toBeCloseTo(8000, 6);
    expect(warnings).toContain(
      "x tick labels '2.000', '4.000', '6.000', '8.000' read with dots as thousands separators",
    );
    expect(confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('reads a lone dotted label beside labels grouped by commas as grouped too', () => {
    // a small panel's two labels, 100,000 and 80,000, one comma read as a point
    const words = ['100,000', '80.000'].map((text, i) => label(text, 58 + 40 * i));
    const { axis } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(98)).toBeCloseTo(80_000, 6);
  });

  it('keeps dotted labels as decimals when their digits say so', () => {
    const texts = ['1.250', '1.500', '1.750', '2.000'];
    const words = texts.map((text, i) => xLabel(text, 100 + 60 * i));
    const { axis } = calibrateAxis({ axis: 'x', words, marks: [] });
    expect(axis?.pixelToData(100 + 60 * 3)).toBeCloseTo(2, 9);
  });

  it('keeps dotted labels as decimals beside labels printing a point after a lone zero', () => {
    // 2.600 .. 0.000 printed (Vega-Lite's `.3f`), one point misread as a comma: the `0.800`s
    // show the decimals, and 2.600 is no 2,600 (z00794 of the zoo).
    const texts = ['2.600', '2.400', '2.200', '2.000', '1.800', '1.600', '1,400', '1.200'];
    const words = [...texts, '1.000', '0.800', '0.600', '0.400', '0.200', '0.000'].map((text, i) =>
      label(text, 12 + 43.8 * i),
    );
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(12)).toBeCloseTo(2.6, 3);
    expect(axis?.pixelToData(12 + 43.8 * 13)).toBeCloseTo(0, 3);
    expect(warnings.some((w) => w.includes('thousands separators'))).toBe(false);
  });

  it('turns a log axis read upside down the right way up by putting back lost minus signs', () => {
    // 10^-4 .. 10^-1 from the bottom, every minus lost: as read, the axis grows downwards.
    const texts = ['10^1', '10^2', '10^3', '10^4'];
    const words = texts.map((text, i) => label(text, 100 + 87 * i));
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.scale).toBe('log');
    expect(axis?.pixelToData(100)).toBeCloseTo(0.1, 9);
    expect(axis?.pixelToData(100 + 87 * 3)).toBeCloseTo(1e-4, 12);
    expect(warnings).toContain("y tick '10^3' was read as '10^-3': its exponent's minus was lost");
  });

  it('flags an axis read growing downwards', () => {
    const texts = ['0', '10', '20', '30'];
    const words = texts.map((text, i) => label(text, 100 + 80 * i));
    const { axis, confidence, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(100)).toBeCloseTo(0, 9);
    expect(warnings).toContain('y axis: values grow downwards, as its tick labels read');
    expect(confidence).toBeLessThan(0.9);
  });

  it('takes two labels growing upwards over three growing downwards that do not step evenly', () => {
    // `1.0` and `0.0` (times 10^6) read right; a y label run into the labels read `75`, `176.4`
    const words = [label('1.0', 71), label('75', 91.5), label('176.4', 122), label('0.0', 173)];
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [71, 122, 173] });
    expect(axis?.ticks.map((tick) => tick.text)).toEqual(['1.0', '0.0']);
    expect(axis?.pixelToData(122)).toBeCloseTo(0.5, 6);
    expect(warnings).not.toContain('y axis: values grow downwards, as its tick labels read');
  });

  it('is confident in an axis of many labels that agree, and less in one of two', () => {
    const many = calibrateAxis({
      axis: 'x',
      words: X_VALUES.map((v) => xLabel(String(v), xPixel(v))),
      marks: X_VALUES.map(xPixel),
    });
    const two = calibrateAxis({
      axis: 'x',
      words: [xLabel('0', xPixel(0)), xLabel('20', xPixel(20))],
      marks: X_VALUES.map(xPixel),
    });
    expect(many.confidence).toBe(1);
    expect(two.confidence).toBeLessThan(0.5);
    expect(two.warnings).toContainEqual(
      expect.stringMatching(/^x axis: calibration is doubtful \(confidence 0\.\d+\)$/),
    );
  });

  it('doubts a reading that explains fewer labels than decimal points put back', () => {
    // '1.5' '2.0' '2.5' '3.0' '3.5' read as 1.5 20 25 30 35: one label cannot vouch for four
    // repairs, so the labels as read win, but they leave one out that the repairs would
    // explain: the axis may be ten times off.
    const texts = ['1.5', '20', '25', '30', '35'];
    const words = texts.map((text, i) => xLabel(text, 100 + 60 * i));
    const { confidence, warnings } = calibrateAxis({ axis: 'x', words, marks: [] });
    expect(confidence).toBeLessThan(0.5);
    expect(warnings).toContain(
      "x axis: the tick labels would also agree as '1.5', '2.0', '2.5', '3.0', '3.5'; the reading is uncertain",
    );
  });

  it('takes OCR certainty into the confidence', () => {
    const words = X_VALUES.map((v) => ({ ...xLabel(String(v), xPixel(v)), confidence: 40 }));
    const { confidence } = calibrateAxis({ axis: 'x', words, marks: X_VALUES.map(xPixel) });
    expect(confidence).toBeCloseTo(0.6 + (0.4 * 0.4) / 0.9, 2);
  });

  it('trusts a log axis its minor ticks confirm, and doubts one they contradict', () => {
    // Labels 10^0, 10^2, 10^4 read for 10^0, 10^1, 10^2 (every exponent doubled): the minor
    // ticks between them sit at log10(2..9) of one decade per label, not of two.
    const major = [400, 300, 200];
    const minor = major.slice(1).flatMap((top, i) => {
      const bottom = major[i];
      return [2, 3, 4, 5, 6, 7, 8, 9].map((m) => bottom - (bottom - top) * Math.log10(m));
    });
    const read = (texts: string[]) =>
      calibrateAxis({
        axis: 'y',
        words: texts.map((text, i) => label(text, major[i])),
        marks: [...major, ...minor],
      });
    const right = read(['10^0', '10^1', '10^2']);
    const wrong = read(['10^0', '10^2', '10^4']);
    expect(right.confidence).toBe(1);
    expect(wrong.confidence).toBeLessThan(0.5);
    // Two labels alone leave a line unchecked; with the minor ticks between them they do not.
    expect(read(['10^0', '10^1']).confidence).toBe(1);
    expect(
      calibrateAxis({ axis: 'y', words: [label('1', 400), label('10', 300)], marks: [] })
        .confidence,
    ).toBeLessThan(0.5);
  });
});

describe('calibrateAxis (repairs of what OCR drops)', () => {
  it.each([
    [
      ['0.5M', '1.0M', '15M', '20M'],
      2e6,
      "x tick '15M' was read as '1.5M': its decimal point was lost",
    ],
    [
      ['0.0e+00', '2.5e+06', '50e+06', '75e+06'],
      7.5e6,
      "x tick labels read as '5.0e+06', '7.5e+06': a mantissa of two digits means a lost decimal point",
    ],
  ])('puts back decimal points lost before a suffix or an exponent: %j', (texts, last, warning) => {
    const words = texts.map((text, i) => xLabel(text, 100 + 80 * i));
    const { axis, warnings } = calibrateAxis({ axis: 'x', words, marks: [] });
    expect(axis?.pixelToData(100 + 80 * 3)).toBeCloseTo(last, 0);
    expect(warnings).toContain(warning);
  });

  it('doubts an `E` before a lone 0 (`10E0`): the 0 it may be is read too, the fit chooses', () => {
    // 0 1000 2000 3000 4000 printed small: each `0` before the last read `E` but 4000's
    const texts = ['0', '10E0', '20E0', '30E0', '4000'];
    const words = texts.map((text, i) => xLabel(text, 100 + 80 * i));
    const { axis } = calibrateAxis({ axis: 'x', words, marks: [] });
    expect(axis?.pixelToData(100 + 80 * 3)).toBeCloseTo(3000, 0);
    // with a sign, the exponent is one: the mantissa's point was lost
    const signed = ['0.0e+0', '10e+0', '20e+0', '30e+0'].map((text, i) =>
      xLabel(text, 100 + 80 * i),
    );
    expect(
      calibrateAxis({ axis: 'x', words: signed, marks: [] }).axis?.pixelToData(340),
    ).toBeCloseTo(3, 3);
  });

  it('keeps commas that group thousands', () => {
    const words = ['0', '2,000', '4,000'].map((text, i) => xLabel(text, 100 + 60 * i));
    const { axis } = calibrateAxis({ axis: 'x', words, marks: [] });
    expect(axis?.pixelToData(220)).toBeCloseTo(4000, 6);
  });

  it('reads commas that cannot group thousands as decimal points', () => {
    const texts = ['0,0', '0,5', '1,0', '1,5'];
    const words = texts.map((text, i) => label(text, 300 - 60 * i));
    const { axis, confidence, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(300 - 60 * 3)).toBeCloseTo(1.5, 9);
    expect(confidence).toBe(1);
    expect(warnings).toContain(
      "y tick labels read as '0.0', '0.5', '1.0', '1.5': a comma is a decimal point",
    );
  });
});

describe('calibrateAxis with labels read two ways', () => {
  /** A y label read `text` by the glyph recogniser and `second` by tesseract. */
  const twice = (text: string, second: string | undefined, pixel: number): Word => ({
    ...label(text, pixel),
    second,
  });

  it('takes the second readings where they agree with more labels', () => {
    // 1.8×10^7 .. 0 from the top; the glyph recogniser read four exponents wrong (two as 23,
    // which agree with the 0 on a line of their own).
    const words = [
      twice('1.8×10^7', undefined, 40),
      twice('1.5×10^77', '1.5×10^7', 80),
      twice('1.2×10^77', '1.2×10^7', 120),
      twice('9×10^23', '9×10^6', 160),
      twice('6×10^23', '6×10^6', 200),
      label('0', 280),
    ];
    const { axis, confidence } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(40)).toBeCloseTo(1.8e7, -3);
    expect(axis?.pixelToData(280)).toBeCloseTo(0, -3);
    expect(confidence).toBeGreaterThan(0.5);
  });

  it('flags an axis whose exponents the readers read apart, each reading agreeing as well', () => {
    // 4.5×10^-4 .. 0.5×10^-4 printed; the glyph recogniser read every exponent as -1,
    // tesseract the four labels without a decimal point as -4.
    const words = [4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1, 0.5].map((m, i) =>
      twice(`${m}×10^-1`, Number.isInteger(m) ? `${m}×10^-4` : undefined, 40 + 41 * i),
    );
    const { axis, confidence, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis).not.toBeNull();
    expect(confidence).toBeLessThan(0.5);
    expect(warnings.some((w) => w.startsWith('y axis: the tick labels would also agree as'))).toBe(
      true,
    );
  });

  it('flags an axis where the second readings and the first agree with as many labels', () => {
    // 1.8×10^7 .. 0 printed; three exponents read as 23 agree with the 0, and so do the three
    // labels tesseract read right (the others it could not read).
    const words = [
      twice('1.8×10^-7', '1.8×10^7', 40),
      twice('1.5×10^77', '1.5×10^7', 80),
      twice('1.2×10^77', '1.2×10^7', 120),
      twice('9×10^23', undefined, 160),
      twice('6×10^23', undefined, 200),
      twice('3×10^23', undefined, 240),
      label('0', 280),
    ];
    const { confidence, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(confidence).toBeLessThan(0.5);
    expect(warnings).toContain(
      "y axis: the tick labels would also agree as '1.8×10^7', '1.5×10^7', '1.2×10^7'; the reading is uncertain",
    );
  });

  it('fits a log axis though one label was read as 0', () => {
    const words = ['10^6', '10^5', '10^4', '10^3', '10^2', '10^1', '-0'].map((text, i) =>
      label(text, 16 + 76 * i),
    );
    const { axis } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.scale).toBe('log');
    expect(axis?.pixelToData(16 + 76 * 5)).toBeCloseTo(10, 6);
  });

  it('keeps labels written as powers but stepping linearly on a linear axis', () => {
    const words = ['0.9e-4', '0.8e-4', '0.7e-4'].map((text, i) => label(text, 60 + 80 * i));
    const { axis } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.scale).toBe('linear');
    expect(axis?.pixelToData(60 + 80 * 3)).toBeCloseTo(0.6e-4, 10);
  });
});

describe('calibrateAxis with exponents misread', () => {
  it('gives a mantissa whose exponent was lost the exponent of the labels around it', () => {
    // 1.2×10^7 .. 8×10^6 printed; the exponent of one label was not read at all.
    const words = ['1.2×10^7', '1.1×10^7', '1.0x10', '9.0×10^6', '8.0×10^6'].map((text, i) =>
      label(text, 40 + 30 * i),
    );
    const { axis, confidence, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(100)).toBeCloseTo(1e7, -1);
    expect(axis?.ticks.map((tick) => tick.value)).toEqual([1.2e7, 1.1e7, 1e7, 9e6, 8e6]);
    expect(confidence).toBeGreaterThan(0.5);
    expect(warnings).toContain(
      "y tick labels read as '1.0×10^7': their exponents were misread, and are those of the axis's other labels",
    );
  });

  it('reads every mantissa through exponents misread in many ways, and flags the axis', () => {
    // 9×10^6 .. 2×10^6 printed; the small raised 6 read as 02, 5 or 0 (four alike).
    const texts = [
      '9×10^6',
      '8×10^02',
      '7×10^5',
      '6×10^02',
      '5×10^02',
      '4x100',
      '3×10^02',
      '2×10^5',
    ];
    const words = texts.map((text, i) => label(text, 40 + 50 * i));
    const { axis, confidence, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    // Every mantissa on one line, at 10^6 or at 10^2: as many labels agree either way.
    expect(axis?.ticks).toHaveLength(8);
    expect(axis!.pixelToData(40) / axis!.pixelToData(390)).toBeCloseTo(4.5, 6);
    expect(confidence).toBeLessThan(0.5);
    expect(warnings).toContain(
      "y axis: its tick labels' exponents read as 6, 2, 5; the reading is uncertain",
    );
  });

  it('flags an axis whose mantissas were read with exponents far apart', () => {
    // 1.8×10^-3 .. 0 printed: read with four exponents, two lines explain as many labels.
    const texts = ['1.8×10^+3', '1.5×10^-7', '1.2×10^+3', '9×10^-4', '6×10^-4', '3×10^-8', '0'];
    const words = texts.map((text, i) => label(text, 30 + 23 * i));
    const { axis, confidence, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis).not.toBeNull();
    expect(confidence).toBeLessThan(0.5);
    expect(warnings.some((w) => w.startsWith("y axis: its tick labels' exponents read as"))).toBe(
      true,
    );
  });
});

describe('calibrateAxis with a mantissa of two digits', () => {
  it('reads 10e-01 as 1.0e-01: no formatter prints a mantissa of 10, its point was lost', () => {
    // gnuplot's 1.0e-01 .. 1.0e-05 at 7 px cap height, every point lost alike
    const words = ['10e-01', '10e-02', '10e-03', '10e-04', '10e-05'].map((text, i) =>
      label(text, 10 + 112 * i),
    );
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.scale).toBe('log');
    expect(axis?.pixelToData(10)).toBeCloseTo(0.1, 6);
    expect(axis?.pixelToData(10 + 112 * 4)).toBeCloseTo(1e-5, 9);
    expect(
      warnings.some((w) => w.includes('a mantissa of two digits means a lost decimal point')),
    ).toBe(true);
  });
});

describe('calibrateAxis with thousands separators misread', () => {
  // 100,000 .. 10,000 printed; small commas read as points, some with their zeros lost
  const texts = ['100,000', '90.000', '80.09', '70,000', '60.000', '50.09', '40,000', '30.09'];
  const calibrated = (read: string[]) =>
    calibrateAxis({ axis: 'y', words: read.map((text, i) => label(text, 28 + 39 * i)), marks: [] });

  it('reads labels grouped by dots as those grouped by commas where as many agree', () => {
    const { axis } = calibrated(texts);
    expect(axis?.pixelToData(28)).toBeCloseTo(100_000, -1);
    expect(axis?.pixelToData(28 + 39 * 6)).toBeCloseTo(40_000, -1);
  });

  it('doubts the decimals more labels agree with', () => {
    const { confidence, warnings } = calibrated([...texts, '20.09', '10.09']);
    expect(confidence).toBeLessThan(0.5);
    expect(warnings.some((w) => w.startsWith('y axis: calibration is doubtful'))).toBe(true);
  });
});
