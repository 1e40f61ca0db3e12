import { describe, expect, it } from 'vitest';
import type { Segment } from '../../src/pdf/findFrames.js';
import { readAxis } from '../../src/pdf/readAxis.js';
import type { TextLine } from '../../src/pdf/textLines.js';

const BOX = { left: 100, top: 50, right: 172, bottom: 300 };
/** Digits 6 px wide at size 10, the labels' tops 5 px below the frame. */
const DIGIT = 6;

function labelAt(text: string, left: number): TextLine {
  const right = left + text.length * DIGIT;
  return { text, x: left, y: 313, angle: 0, size: 10, box: { left, top: 305, right, bottom: 315 } };
}

/** A y label left of the frame, its digits' middle (0.35 em above the baseline) at `at`. */
function yLabel(text: string, at: number): TextLine {
  return {
    text,
    x: 40,
    y: at + 3.5,
    angle: 0,
    size: 10,
    box: { left: 40, top: at - 6.5, right: 95, bottom: at + 3.5 },
  };
}

function yTicks(at: readonly number[]): Segment[] {
  return at.map((y, path) => ({ path, orientation: 'h', at: y, from: 96, to: 100, lone: true }));
}

function tickMarks(at: readonly number[]): Segment[] {
  return at.map((x, path) => ({ path, orientation: 'v', at: x, from: 300, to: 304, lone: true }));
}

describe('readAxis', () => {
  it('splits labels drawn touching (one text item of digits) at the tick marks they span', () => {
    // Ticks 24 px apart labelled 0, 1000, 2000, 3000: the four-digit labels touch, and the
    // PDF's text holds them as one item `100020003000`.
    const lines = [labelAt('0', 97), labelAt('100020003000', 112)];
    const axis = readAxis(BOX, 'bottom', lines, tickMarks([100, 124, 148, 172]), 1);
    expect(axis?.ticks.map((tick) => [tick.text, tick.pixel])).toEqual([
      ['0', 100],
      ['1000', 124],
      ['2000', 148],
      ['3000', 172],
    ]);
    expect(axis?.slope).toBeCloseTo(1000 / 24, 9);
    expect(axis?.labels).toEqual(lines);
  });

  it('leaves a label whole where minor ticks fall under it', () => {
    // `1000` centred on its tick with minor ticks 9 px either side: cut there it would read
    // 1, 0, 0.
    // (One minor tick after it, as gnuplot draws them: 100 and 0, in order, but no fit.)
    const lines = [labelAt('0', 97), labelAt('1000', 160)];
    for (const minor of [[163, 181], [181]]) {
      const ticks = tickMarks([100, 172, ...minor]);
      const axis = readAxis({ ...BOX, right: 190 }, 'bottom', lines, ticks, 1);
      expect(axis?.ticks.map((tick) => [tick.text, tick.pixel])).toEqual([
        ['0', 100],
        ['1000', 172],
      ]);
    }
  });

  it('reads two power labels as a log axis, a linear one where one has a mantissa', () => {
    const ticks = yTicks([100, 200]);
    const read = (low: string) =>
      readAxis(BOX, 'left', [yLabel('10^7', 100), yLabel(low, 200)], ticks, 1);
    expect(read('10^6')?.scale).toBe('log');
    expect(read('5 × 10^6')?.scale).toBe('linear');
    expect(read('5 × 10^6')?.slope).toBeCloseTo(-5e6 / 100, 6);
  });

  it('fits the labels a format prints exactly and leaves out the ones it rounds', () => {
    // gnuplot's `%.0fk` on ticks 200 apart: 1k 1k 1k 2k for 1000 1200 1400 1600.
    const texts = ['200', '400', '600', '800', '1k', '1k', '1k', '2k'];
    const at = texts.map((_, i) => 290 - 20 * i);
    const lines = texts.map((text, i) => yLabel(text, at[i]));
    const axis = readAxis(BOX, 'left', lines, yTicks(at), 1);
    expect(axis?.slope).toBeCloseTo(-10, 9);
    expect(axis?.intercept).toBeCloseTo(3100, 6);
    expect(axis?.warnings).toEqual([
      "y ticks '2k', '1k', '1k' do not fit the others and were ignored",
    ]);
    // Two sets fitting as well (every other label) say nothing.
    const even = readAxis(
      BOX,
      'left',
      ['1k', '2k', '2k', '3k'].map((t, i) => yLabel(t, at[i])),
      yTicks(at.slice(0, 4)),
      1,
    );
    expect(even?.slope).toBeNaN();
    // Three that fit beside three that no rounding explains say nothing either.
    const stray = ['0', '10', '20', '33', '47', '52'];
    const lines6 = stray.map((text, i) => yLabel(text, at[i]));
    expect(readAxis(BOX, 'left', lines6, yTicks(at.slice(0, 6)), 1)?.slope).toBeNaN();
    // Labels on marks a renderer snapped to whole pixels (20 and 22 apart by turns, none more
    // than 0.6 from the line through them) fit one scale, every label kept.
    const snapped = [100, 120, 142, 162, 184];
    const tens = ['100', '90', '80', '70', '60'].map((text, i) => yLabel(text, snapped[i]));
    const fitted = readAxis(BOX, 'left', tens, yTicks(snapped), 1);
    expect(fitted?.slope).toBeCloseTo(-40 / 84, 2);
    expect(fitted?.ticks).toHaveLength(5);
    expect(fitted?.warnings).toEqual([]);
  });

  it('maps the frame edges to the end ticks where the whole axis is translated a little off them (Vega)', () => {
    // x from 0 at the frame's left (100) to 60 at its right (172), every tick mark half a point
    // to the right and snapped to whole pixels: 100.5 112.5 124.5 136.5 148.5 160.5 172.5
    // would be exact; snapped by turns to 100.5 113 124.5 137 148.5 161 172.5.
    const at = [100.5, 113, 124.5, 137, 148.5, 161, 172.5];
    const texts = ['0', '10', '20', '30', '40', '50', '60'];
    const lines = texts.map((text, i) => labelAt(text, at[i] - (text.length * DIGIT) / 2));
    const axis = readAxis(BOX, 'bottom', lines, tickMarks(at), 1);
    expect(axis?.pixelToData(100)).toBeCloseTo(0, 9);
    expect(axis?.pixelToData(172)).toBeCloseTo(60, 9);
    // End ticks off the edges by different amounts: the line through the ticks.
    const uneven = [100.5, 112.5, 124.5, 136.5, 148.5, 160.5, 171.5];
    const shifted = texts.map((text, i) => labelAt(text, uneven[i] - (text.length * DIGIT) / 2));
    const fitted = readAxis(BOX, 'bottom', shifted, tickMarks(uneven), 1);
    expect(Math.abs((fitted?.pixelToData(100) ?? 0) - 0)).toBeGreaterThan(0.1);
  });

  it('puts end labels flush with the axis ends on the end marks, not the unlabelled tick nearer their centre (Vega)', () => {
    // x from 0 at 100 to 16 at 196, a tick mark every 1 (6 px) and a label every 4, the whole
    // axis half a point to the right; the end labels are aligned to end at the axis' ends, so
    // the centre of `16` is on the unlabelled tick of 15.
    const box = { ...BOX, right: 196 };
    const marks = Array.from({ length: 17 }, (_, k) => 100.5 + 6 * k);
    const lines = [
      labelAt('0', 100.5),
      labelAt('4', 124.5 - DIGIT / 2),
      labelAt('8', 148.5 - DIGIT / 2),
      labelAt('12', 172.5 - DIGIT),
      labelAt('16', 196.5 - 2 * DIGIT),
    ];
    const axis = readAxis(box, 'bottom', lines, tickMarks(marks), 1);
    expect(axis?.warnings).toEqual([]);
    expect(axis?.ticks.map((tick) => [tick.text, tick.pixel])).toEqual([
      ['0', 100.5],
      ['4', 124.5],
      ['8', 148.5],
      ['12', 172.5],
      ['16', 196.5],
    ]);
    expect(axis?.pixelToData(100)).toBeCloseTo(0, 9);
    expect(axis?.pixelToData(196)).toBeCloseTo(16, 9);
  });

  it('moves the axis by the offset of its axis line where no tick stands on the far edge (Vega)', () => {
    // x from 0 at 100 to 60 at 172, ticks at 0 to 50 only, the axis (line, marks and labels)
    // half a point to the right of the frame and the data.
    const at = [100.5, 112.5, 124.5, 136.5, 148.5, 160.5];
    const texts = ['0', '10', '20', '30', '40', '50'];
    const lines = texts.map((text, i) => labelAt(text, at[i] - (text.length * DIGIT) / 2));
    const line: Segment = {
      path: 99,
      orientation: 'h',
      at: 300.5,
      from: 100.5,
      to: 172.5,
      lone: true,
    };
    const axis = readAxis(BOX, 'bottom', lines, [...tickMarks(at), line], 1);
    expect(axis?.pixelToData(100)).toBeCloseTo(0, 9);
    expect(axis?.pixelToData(172)).toBeCloseTo(60, 9);
    // No axis line: the marks are all there is to go by.
    const marksOnly = readAxis(BOX, 'bottom', lines, tickMarks(at), 1);
    expect(marksOnly?.pixelToData(100.5)).toBeCloseTo(0, 9);
  });

  it('reads labels whose text boxes reach a little into the frame (ticks drawn inward, Vega)', () => {
    // Tick marks inside the frame let the labels sit closer: the fonts' generous ascent puts
    // each box's top 0.18 em above the frame's bottom, the digits themselves below it.
    const at = [100, 124, 148, 172];
    const lines = ['0', '10', '20', '30'].map((text, i) => {
      const left = at[i] - (text.length * DIGIT) / 2;
      const right = left + text.length * DIGIT;
      return {
        text,
        x: left,
        y: 308,
        angle: 0,
        size: 10,
        box: { left, top: 298.2, right, bottom: 311 },
      };
    });
    const inward = at.map((x, path) => ({
      path,
      orientation: 'v' as const,
      at: x,
      from: 296,
      to: 300,
      lone: true,
    }));
    const axis = readAxis(BOX, 'bottom', lines, inward, 1);
    expect(axis?.ticks.map((tick) => tick.value)).toEqual([0, 10, 20, 30]);
    expect(axis?.pixelToData(172)).toBeCloseTo(30, 9);
  });

  it('reads tilted labels below the axis by the end that points at their ticks', () => {
    const at = [100, 124, 148, 172];
    // Turned 30 degrees to read upwards, each label's upper right corner at its tick (as
    // matplotlib's autofmt_xdate aligns them); turned the other way, its upper left corner.
    for (const [angle, corner] of [
      [30, 'right'],
      [-30, 'left'],
    ] as const) {
      const lines = ['2020', '2040', '2060', '2080'].map((text, i) => {
        const [left, right] = corner === 'right' ? [at[i] - 20, at[i]] : [at[i], at[i] + 20];
        return {
          text,
          x: left,
          y: 315,
          angle,
          size: 8,
          box: { left, top: 303, right, bottom: 316 },
        };
      });
      const axis = readAxis(BOX, 'bottom', lines, tickMarks(at), 1);
      expect(axis?.ticks.map((tick) => [tick.value, tick.pixel])).toEqual([
        [2020, 100],
        [2040, 124],
        [2060, 148],
        [2080, 172],
      ]);
    }
  });

  it('moves y labels placed at their centres onto the frame whose edges their end ticks mark (Chart.js)', () => {
    // y from 0 at 300 to 50 at 50, no tick marks: each label's digits a constant 1.2 above its
    // value, the font's own middle.
    const values = [0, 10, 20, 30, 40, 50];
    const lines = values.map((v) => yLabel(String(v), 300 - 5 * v - 1.2));
    const axis = readAxis(BOX, 'left', lines, [], 1);
    expect(axis?.exact).toBe(false);
    expect(axis?.pixelToData(300)).toBeCloseTo(0, 9);
    expect(axis?.pixelToData(50)).toBeCloseTo(50, 9);
    // Labels ending a step short of the frame's top mark no edge: left where they are.
    const short = values.slice(0, -1).map((v) => yLabel(String(v), 300 - 5 * v - 1.2));
    expect(readAxis(BOX, 'left', short, [], 1)?.pixelToData(298.8)).toBeCloseTo(0, 9);
  });

  it('takes the slope from labels centred exactly on their values where the marks were snapped (ECharts)', () => {
    // y from 0 at 299.7 to 50 at 50.3; each tick mark snapped to the half point in its pixel,
    // each label centred on the exact position (its box a constant 1.5 above it).
    const box = { ...BOX, top: 50.3, bottom: 299.7 };
    const values = [0, 10, 20, 30, 40, 50];
    const exact = values.map((v) => 299.7 - (v * 249.4) / 50);
    const snapped = exact.map((y) => Math.floor(y) + 0.5);
    const lines = values.map((v, i) => yLabel(String(v), exact[i]));
    const axis = readAxis(box, 'left', lines, yTicks(snapped), 1);
    expect(axis?.pixelToData(299.7)).toBeCloseTo(0, 6);
    expect(axis?.pixelToData(50.3)).toBeCloseTo(50, 6);
    expect(axis?.pixelToData(exact[2])).toBeCloseTo(20, 6);
  });
});
