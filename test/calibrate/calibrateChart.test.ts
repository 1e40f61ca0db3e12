import { describe, expect, it } from 'vitest';
import { scaleFromLimits } from '../../src/calibrate/axisScale.js';
import {
  calibrateChart,
  lookalikeSteps,
  unlabelledReach,
} from '../../src/calibrate/calibrateChart.js';
import type { ChartText } from '../../src/ocr/readChartText.js';
import type { AxisScale, PlotArea, Word } from '../../src/types.js';

const PLOT: PlotArea = {
  left: 50,
  top: 20,
  right: 450,
  bottom: 320,
  ticksX: [],
  ticksY: [],
  gridX: [],
  gridY: [],
  background: [255, 255, 255],
  page: [255, 255, 255],
  framed: true,
  outsideX: 325,
  outsideY: 45,
};

/** An x tick label centred on `pixel`. */
const xWord = (text: string, pixel: number, confidence = 90): Word => ({
  text,
  confidence,
  box: { left: pixel - 12, right: pixel + 12, top: 328, bottom: 340 },
});

/** y tick labels 0 .. 1 read right. */
const Y_WORDS: Word[] = ['1.0', '0.5', '0.0'].map((text, i) => ({
  text,
  confidence: 95,
  box: { left: 20, right: 44, top: 15 + 150 * i, bottom: 25 + 150 * i },
}));

function text(xTickWords: Word[], xTickYears: Word[] = []): ChartText {
  return {
    xTickWords,
    xTickYears,
    xTickBand: null,
    yTickWords: Y_WORDS,
    title: null,
    xLabel: null,
    yLabel: null,
    legendNames: [],
    xMultiplier: 1,
    yMultiplier: 1,
  };
}

/**
 * Calibrates with the x labels read as digits (`digits`, as sure as `confidence`) and again as
 * words (`words`).
 */
async function calibrate(digits: string[], words: string[], pixels: number[], confidence = 90) {
  return calibrateChart({
    text: text(digits.map((t, i) => xWord(t, pixels[i], confidence))),
    plot: PLOT,
    source: null,
    warnings: [],
    readTickWords: async () => words.map((t, i) => xWord(t, pixels[i])),
    readSlantedTickWords: async () => [],
  });
}

describe('calibrateChart: an x axis read again as words', () => {
  it('keeps the numbers the digits fit where the words read as categories repeat (misread numbers)', async () => {
    const pixels = [100, 200, 300, 400, 500];
    const digits = ['0', '20', '40', '60', '80'];
    const axes = await calibrate(digits, ['Lu', 'ZU', 'Lu', 'ZU', 'Lu'], pixels, 20);
    expect(axes.xAxis.scale).toBe('linear');
    expect(axes.xAxis.ticks.map((tick) => tick.value)).toEqual([0, 20, 40, 60, 80]);
  });

  it('takes labels with letters the digit reader read as numbers (Q1 as 01) for categories', async () => {
    const pixels = [100, 200, 300, 400];
    // Read unsure, as the digit reader reads a letter.
    const axes = await calibrate(['01', '02', '03', '04'], ['Q1', 'Q2', 'Q3', 'Q4'], pixels, 20);
    expect(axes.xAxis.scale).toBe('category');
    expect(axes.categories).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });

  it('reads again as words labels all read with a leading zero, though sure (Q1 as 01)', async () => {
    const pixels = [100, 200, 300, 400];
    const axes = await calibrate(['01', '02', '03', '04'], ['Q1', 'Q2', 'Q3', 'Q4'], pixels, 95);
    expect(axes.categories).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    // ...and keeps the repaired decimals where the words read the same digits
    const decimals = await calibrate(
      ['05', '10', '15', '20'],
      ['05', '10', '15', '20'],
      pixels,
      95,
    );
    expect(decimals.xAxis.scale).toBe('linear');
    expect(decimals.xAxis.pixelToData(400)).toBeCloseTo(2, 6);
  });

  it('keeps the digits read unsure where the words fit fewer of them (0 2 4 for 0 10 20 30 40)', async () => {
    const pixels = [100, 200, 300, 400, 500];
    const axes = await calibrate(['0', '10', '20', '30', '40'], ['0', '', '2', '', '4'], pixels, 5);
    expect(axes.xAxis.ticks).toHaveLength(5);
    expect(axes.xAxis.pixelToData(500)).toBeCloseTo(40, 6);
  });

  it('takes model sizes at even steps for categories, not a log axis (125M ... 13B)', async () => {
    const sizes = ['125M', '350M', '1.3B', '2.7B', '6.7B', '13B'];
    const pixels = [75, 135, 195, 255, 315, 375];
    const axes = await calibrate(sizes, sizes, pixels, 95);
    expect(axes.xAxis.scale).toBe('category');
    expect(axes.categories).toEqual(sizes);
  });

  it('doubts categories that may be numbers misread: names that repeat, or too few numbers', async () => {
    /** Calibrates with the x labels read alike, unsure, as digits and as words. */
    const doubted = async (read: string[], confidence = 90) => {
      // Spread over the plot as engines spread categories (three of them 120 px apart).
      const pixels = read.length > 3 ? [75, 135, 195, 255, 315, 375] : [130, 250, 370];
      const warnings: string[] = [];
      const axes = await calibrateChart({
        text: text(read.map((t, i) => xWord(t, pixels[i], 20))),
        plot: PLOT,
        source: null,
        warnings,
        readTickWords: async () => read.map((t, i) => xWord(t, pixels[i], confidence)),
        readSlantedTickWords: async () => [],
      });
      return { axes, warnings: warnings.filter((w) => w.startsWith('x axis: its labels')) };
    };
    // 0 50000 100000 ... printed touching: the labels cut apart read as noise, some alike
    const crowded = await doubted(['0', '50000', '00001', 'DOO', 'B00', 'DOO']);
    expect(crowded.axes.xAxis.scale).toBe('category');
    expect(crowded.axes.xConfidence).toBeLessThan(0.5);
    expect(crowded.warnings).toHaveLength(1);
    expect(crowded.warnings[0]).toContain("'DOO'");
    // 0 40,000 80,000 misread with letters for zeros: digits grouped as a number's
    const grouped = await doubted(['“U', '40,00U', '8Lu,0LV']);
    expect(grouped.axes.xAxis.scale).toBe('category');
    expect(grouped.axes.xConfidence).toBeLessThan(0.5);
    expect(grouped.warnings).toEqual([
      "x axis: its labels read as categories '40,00U' hold digits grouped as a number's: they may be misread numbers",
    ]);
    // 0 500 1000 ... 3000 (gnuplot), the 6s and 0s read as currency signs: numbers misread
    // (z00645 of the zoo)
    const coined = await doubted(['0', '500¢', 'LOO!', 'p500(', '20004', '3000¢']);
    expect(coined.axes.xConfidence).toBeLessThan(0.5);
    expect(coined.warnings).toEqual([
      "x axis: its labels read as categories '500¢', '3000¢' hold digits beside a currency sign: they may be misread numbers",
    ]);
    // 200k 300k 400k with the first misread: two numbers cannot tell categories from an axis
    const few = await doubted(['Ok', '300k', '400k']);
    expect(few.axes.xConfidence).toBeLessThan(0.5);
    expect(few.warnings).toHaveLength(1);
    // dates blurred past reading, every label read unsure (gnuplot's 2022-01 ... in a small
    // rasterised PDF, z01044 of the zoo): their garble may be anything
    const garbled = await doubted(['A001', 'Mad', 'Aa44a1', 'A068', 'nnd', '0h 84'], 25);
    expect(garbled.axes.xAxis.scale).toBe('category');
    expect(garbled.axes.xConfidence).toBeLessThan(0.5);
    expect(garbled.warnings).toEqual([
      "x axis: its labels read as categories ('A001', 'Mad', 'Aa44a1', 'A068', 'nnd', '0h 84') were read unsure (OCR 25%): they may be misread text",
    ]);
    // names told apart keep their confidence, and so do numbers enough to show no even steps
    for (const names of [
      ['Q1', 'Q2', 'Q3'],
      ['125M', '350M', '1.3B', '2.7B', '6.7B', '13B'],
    ]) {
      const sure = await doubted(names);
      expect(sure.axes.xAxis.scale).toBe('category');
      expect(sure.axes.xConfidence).toBeGreaterThanOrEqual(0.8);
      expect(sure.warnings).toEqual([]);
    }
  });

  it('doubts two words taken for categories (the x label cut in two, its tick labels unread)', async () => {
    const warnings: string[] = [];
    const axes = await calibrateChart({
      text: text([xWord('Tim', 230), xWord('e (s)', 270)]),
      plot: PLOT,
      source: null,
      warnings,
      readTickWords: async () => [xWord('Tim', 230), xWord('e (s)', 270)],
      readSlantedTickWords: async () => [],
    });
    expect(axes.xAxis.scale).toBe('category');
    expect(axes.xConfidence).toBeLessThan(0.5);
    expect(warnings).toContain(
      "x axis: only 2 of its labels read as categories ('Tim', 'e (s)'): they may be other text",
    );
  });

  it('takes a list of month names with no year for categories, not dates in an assumed year', async () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'];
    const pixels = [75, 135, 195, 255, 315, 375];
    const axes = await calibrate(['', '', '', '', '', ''], months, pixels, 95);
    expect(axes.xAxis.scale).toBe('category');
    expect(axes.categories).toEqual(months);
  });

  it('doubts a few month names in a row with no year (dates, as likely), not a whole year of them', async () => {
    const run = async (months: string[]) => {
      const pixels = months.map((_, i) => 60 + 30 * i);
      const warnings: string[] = [];
      const axes = await calibrateChart({
        text: text(months.map((_, i) => xWord('', pixels[i], 95))),
        plot: PLOT,
        source: null,
        warnings,
        readTickWords: async () => months.map((t, i) => xWord(t, pixels[i])),
        readSlantedTickWords: async () => [],
      });
      return { axes, warnings };
    };
    const all = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
    const few = await run(all.slice(1, 9));
    expect(few.axes.xAxis.scale).toBe('category');
    expect(few.axes.xConfidence).toBeLessThan(0.5);
    expect(few.warnings).toContain(
      'x axis: month names without a year, fewer than twelve, read as categories; if they are dates, their year is unknown',
    );
    const year = await run(all);
    expect(year.axes.xAxis.scale).toBe('category');
    expect(year.axes.xConfidence).toBe(0.8);
    expect(year.warnings.join(' ')).not.toContain('month');
  });

  it('takes Q1 .. Q4 for categories though the words read one of them as digits too (01)', async () => {
    const pixels = [100, 200, 300, 400];
    const axes = await calibrate(['01', '02', '03', '04'], ['01', 'Q2', 'Q3', 'Q4'], pixels, 95);
    expect(axes.xAxis.scale).toBe('category');
    expect(axes.categories).toHaveLength(4);
  });

  it('takes twelve month names with two misread and the axis label read between them for categories', async () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct'];
    const pixels = [...months.keys()].map((i) => 60 + 40 * i);
    const words = months.map((name) => (name === 'Jun' ? 'Bat' : name === 'Jul' ? 'asot.' : name));
    const axes = await calibrate(
      [...months.map(() => 'M'), 'Month'],
      [...words, 'Month'],
      [...pixels, 60 + 40 * 4.5],
      20,
    );
    expect(axes.xAxis.scale).toBe('category');
    expect(axes.categories).toHaveLength(10);
    expect(axes.categories).not.toContain('Month');
    expect(axes.xAxis.pixelToData(60 + 40 * 9)).toBeCloseTo(9, 6);
  });

  it('takes the years of a date axis from the digits where the words misread them', async () => {
    // 1998 Apr Jul Oct 1999 Apr: the word reader took the years' last digit for a sign
    const texts = ['1998', 'Apr', 'Jul', 'Oct', '1999', 'Apr'];
    const pixels = [...texts.keys()].map((i) => 60 + 50 * i);
    const words = texts.map((t) => (t.startsWith('19') ? `${t.slice(0, 3)}¢` : t));
    const axes = await calibrate(
      texts.map((t) => (t.startsWith('19') ? t : 'M')),
      words,
      pixels,
      20,
    );
    expect(axes.xAxis.scale).toBe('time');
    // labels a quarter apart at equal steps: within two days of their dates
    const days = (px: number, date: number) => Math.abs(axes.xAxis.pixelToData(px) - date) / 864e5;
    expect(days(60, Date.UTC(1998, 0, 1))).toBeLessThan(2);
    expect(days(260, Date.UTC(1999, 0, 1))).toBeLessThan(2);
  });

  it('joins a year printed on a second line under a date to it (Plotly: Jun 8 over 1997)', async () => {
    const texts = ['Jun 8', 'Jun 22', 'Jul 6', 'Jul 20'];
    const pixels = [100, 200, 300, 400];
    const year = { ...xWord('1997', 100), box: { left: 88, right: 112, top: 342, bottom: 354 } };
    const axes = await calibrateChart({
      text: text(
        texts.map((t, i) => xWord(t, pixels[i], 20)),
        [year],
      ),
      plot: PLOT,
      source: null,
      warnings: [],
      readTickWords: async () => texts.map((t, i) => xWord(t, pixels[i])),
      readSlantedTickWords: async () => [],
    });
    expect(axes.xAxis.scale).toBe('time');
    // 14 days a label: to within an hour
    expect(Math.abs(axes.xAxis.pixelToData(100) - Date.UTC(1997, 5, 8)) / 36e5).toBeLessThan(1);
    expect(Math.abs(axes.xAxis.pixelToData(400) - Date.UTC(1997, 6, 20)) / 36e5).toBeLessThan(1);
    expect(axes.xConfidence).toBeGreaterThan(0.9);
  });

  it('takes the year from the text at the x axis end (matplotlib concise dates: 1990-Oct)', async () => {
    const texts = ['Oct', '15', 'Nov', '15', 'Dec'];
    const pixels = [100, 150, 200, 250, 300];
    const warnings: string[] = [];
    const axes = await calibrateChart({
      text: { ...text(texts.map((t, i) => xWord(t, pixels[i], 20))), xEndText: '1990-Oct' },
      plot: PLOT,
      source: null,
      warnings,
      readTickWords: async () => texts.map((t, i) => xWord(t, pixels[i])),
      readSlantedTickWords: async () => [],
    });
    expect(axes.xAxis.scale).toBe('time');
    expect(Math.abs(axes.xAxis.pixelToData(200) - Date.UTC(1990, 10, 1)) / 864e5).toBeLessThan(1);
    expect(warnings).toContain("x axis: dates print no year; 1990 taken from the chart's text");
  });

  it('reads labels run together whole where each box holds pieces of two (crowded ISO dates)', async () => {
    // 1990-01 1990-03 ... wider than the step between their ticks, cut apart midway: every box
    // touches the next and holds no whole date
    const pixels = [100, 180, 260, 340, 420];
    const cut = pixels.map((pixel) => ({
      text: '',
      confidence: 40,
      box: { left: pixel - 40, right: pixel + 40, top: 328, bottom: 340 },
    }));
    const run = async (line: string | null, gap = 0) => {
      const boxes = cut.map((word, i) => ({
        ...word,
        box: { ...word.box, left: word.box.left + (i > 0 ? gap : 0) },
      }));
      return calibrateChart({
        text: text(
          boxes.map((word, i) => ({ ...word, text: ['199001', '9907', '1990', '099', '1990'][i] })),
        ),
        plot: { ...PLOT, ticksX: pixels },
        source: null,
        warnings: [],
        readTickWords: async () =>
          boxes.map((word, i) => ({
            ...word,
            text: ['1990-01', '1990-0:', '3990-08', '990-07', '1990-0¢'][i],
          })),
        readSlantedTickWords: async () => [],
        readTickRun: async (box) => (line === null ? null : { text: line, confidence: 80, box }),
      });
    };
    // the first digit of each year after the first lost under the month before it
    const axes = await run('1990-01990-03990-05990-07990-09');
    expect(axes.xAxis.scale).toBe('time');
    expect(axes.xAxis.ticks.map((tick) => tick.pixel)).toEqual(pixels);
    // months of unequal length on a line: within a day of their place
    expect(Math.abs(axes.xAxis.pixelToData(180) - Date.UTC(1990, 2, 1))).toBeLessThan(86_400_000);
    // boxes apart are labels read one by one: the run is not read
    const apart = await run('1990-01990-03990-05990-07990-09', 5);
    expect(apart.xAxis.scale).not.toBe('time');
    expect((await run(null)).xAxis.scale).not.toBe('time');
  });

  it('fits numbers run together as one stepped sequence where no piece reads as its number', async () => {
    // 0 apart, then 5000 .. 25000 wider than their step, cut apart midway: each box touching the
    // next holds one label's middle, its ends hidden or mixed with its neighbours'
    const pixels = [60, 100, 140, 180, 220, 260];
    const boxes = (gap: number) =>
      pixels.map((pixel, i) => ({
        text: '',
        confidence: 40,
        box: {
          left: i === 0 ? pixel - 5 : pixel - 20 + (i > 1 ? gap : 0),
          right: i === 0 ? pixel + 5 : pixel + 20,
          top: 328,
          bottom: 340,
        },
      }));
    const run = (gap: number, digits: string[], words: string[]) => {
      const warnings: string[] = [];
      return calibrateChart({
        text: text(boxes(gap).map((word, i) => ({ ...word, text: digits[i] }))),
        plot: { ...PLOT, ticksX: pixels },
        source: null,
        warnings,
        readTickWords: async () => boxes(gap).map((word, i) => ({ ...word, text: words[i] })),
        readSlantedTickWords: async () => [],
      }).then((axes) => ({ axes, warnings }));
    };
    const digits = ['0', '5000', '1,000K', '1500K', '20004', '15004'];
    const words = ['0', '500¢', 'LOO!', 'p500(', '20004', '500('];
    const { axes, warnings } = await run(0, digits, words);
    expect(axes.xAxis.scale).toBe('linear');
    expect(axes.xAxis.pixelToData(60)).toBeCloseTo(0, 3);
    expect(axes.xAxis.pixelToData(260)).toBeCloseTo(25000, 3);
    // no label was read whole: the axis is reported doubtful, and why
    expect(axes.xConfidence).toBeLessThan(0.5);
    expect(warnings.some((warning) => /^x axis: .*run together/.test(warning))).toBe(true);
    // boxes apart are labels read one by one: no sequence is fitted across them
    expect((await run(5, digits, words)).axes.xAxis.scale).not.toBe('linear');
    // a fit of numbers read whole, however doubtful (two labels misread), is kept
    const read = ['0', '5000', '10000', '1500K', '2000K', '25000'];
    const kept = await run(0, read, read);
    expect(kept.axes.xAxis.pixelToData(260)).toBeCloseTo(25000, 3);
    expect(kept.warnings.some((warning) => warning.includes('run together'))).toBe(false);
    // and so is a fit of three numbers where the words repeat (misread numbers, no categories)
    const three = await run(
      0,
      ['0', '5000', '1000K', '1000K', '1000K', '25000'],
      ['0', '500¢', 'LOO!', 'LOO!', 'LOO!', '500('],
    );
    expect(three.axes.xAxis.pixelToData(260)).toBeCloseTo(25000, 3);
    expect(three.warnings.some((warning) => warning.includes('run together'))).toBe(false);
  });

  it('fits the words as numbers where they are surer than the digits', async () => {
    // 0, 4,000, 8,000 printed; the digits read two of them wrong, the words a speck as a quote.
    const pixels = [100, 250, 400];
    const axes = await calibrate(['-1770', '4,000', '-000'], ['“0', '4,000', '8,000'], pixels);
    expect(axes.xAxis.scale).toBe('linear');
    expect(axes.xAxis.pixelToData(400)).toBeCloseTo(8000, 3);
    expect(axes.xAxis.pixelToData(100)).toBeCloseTo(0, 3);
  });

  it('keeps numbers whose digits step by value though a word reads a letter (0 as U)', async () => {
    const pixels = [100, 175, 250, 325, 400];
    const digits = ['-4', '-2', '0', '2', '4'];
    const axes = await calibrate(digits, ['-4', '~2', 'U', '2', '4'], pixels, 20);
    expect(axes.xAxis.scale).toBe('linear');
    expect(axes.xAxis.pixelToData(400)).toBeCloseTo(4, 6);
  });
});

describe('calibrateChart: an axis multiplier', () => {
  const pixels = [100, 200, 300, 400];
  const scaled = async (multiplier: Partial<ChartText>) => {
    const warnings: string[] = [];
    const axes = await calibrateChart({
      text: { ...text(['0', '1', '2', '3'].map((t, i) => xWord(t, pixels[i]))), ...multiplier },
      plot: PLOT,
      source: null,
      warnings,
      readTickWords: async () => [],
      readSlantedTickWords: async () => [],
    });
    return { axes, warnings };
  };

  it('scales the axis by a multiplier read sure, and trusts it', async () => {
    const { axes, warnings } = await scaled({ yMultiplier: 1e6 });
    expect(axes.yAxis.pixelToData(20)).toBeCloseTo(1e6, 0);
    expect(axes.yConfidence).toBeGreaterThanOrEqual(0.75);
    expect(warnings).toContain('y values multiplied by 1000000 (printed at the axis end)');
  });

  it('doubts an axis whose multiplier was read unsure or as 1 (×10^0: a power lost)', async () => {
    const { axes, warnings } = await scaled({ yMultiplier: 1, yMultiplierDoubt: '×10^0' });
    expect(axes.yConfidence).toBeLessThan(0.5);
    expect(axes.xConfidence).toBeGreaterThan(0.9);
    expect(warnings.some((w) => w.startsWith("y axis: its multiplier read as '×10^0'"))).toBe(true);
  });
});

/** The x tick label words `words` on PLOT, calibrated. */
async function calibrateWords(words: Word[]) {
  const warnings: string[] = [];
  const axes = await calibrateChart({
    text: text(words),
    plot: PLOT,
    source: null,
    warnings,
    readTickWords: async () => [],
    readSlantedTickWords: async () => [],
  });
  return { axes, warnings };
}

/** x labels `0` to `3` at `pixels` on PLOT, its sides placed as `edges` say, calibrated. */
async function calibrateX(pixels: number[], edges?: PlotArea['edges']) {
  const warnings: string[] = [];
  const axes = await calibrateChart({
    text: text(['0', '1', '2', '3'].map((t, i) => xWord(t, pixels[i]))),
    plot: { ...PLOT, edges },
    source: null,
    warnings,
    readTickWords: async () => [],
    readSlantedTickWords: async () => [],
  });
  return { axes, warnings };
}

describe('calibrateChart: ticks outside the plot area', () => {
  it('doubts an axis whose labelled tick stands well past the plot side (the box is wrong)', async () => {
    // the plot's left side is at 50: the tick of '0' 20 px left of it
    const { axes, warnings } = await calibrateX([30, 130, 230, 330]);
    expect(axes.xConfidence).toBeLessThan(0.5);
    expect(axes.yConfidence).toBeGreaterThanOrEqual(0.75);
    expect(warnings).toContain(
      "x axis: tick '0' stands outside the plot area: the plot area, and the axis' ends, may be wrong",
    );
  });

  it('trusts ticks on the plot sides, up to a stroke of blur past them', async () => {
    const { axes, warnings } = await calibrateX([48, 182, 316, 450]);
    expect(axes.xConfidence).toBeGreaterThan(0.9);
    expect(warnings.filter((w) => w.includes('outside the plot area'))).toEqual([]);
  });
});

describe('calibrateChart: a plot side far past the tick labels', () => {
  it('doubts an axis whose plot runs on for more steps than labels go unread (a legend taken in)', async () => {
    // Labels 0..3 every 30 px from 60 to 150; the plot runs on to 450, ten steps past '3'.
    const { axes, warnings } = await calibrateX([60, 90, 120, 150]);
    expect(axes.xConfidence).toBeLessThan(0.5);
    expect(axes.yConfidence).toBeGreaterThanOrEqual(0.75);
    expect(warnings).toContain(
      'x axis: the plot runs 10.0 tick steps past its last tick label: the plot area, or the axis read from its labels, may be wrong',
    );
  });

  it('counts labels seen but not used by the fit as the axis going on', async () => {
    // '4' to '9' past '3' read as text no number fits: the axis goes on to the side.
    const words = ['0', '1', '2', '3', 'a', 'b', 'c', 'd', 'e', 'f', 'g'].map((t, i) =>
      xWord(t, 60 + 30 * i),
    );
    const { warnings } = await calibrateWords(words);
    expect(warnings.filter((w) => w.includes('tick steps past'))).toEqual([]);
  });

  it('trusts an axis whose labels reach within a few steps of its sides', async () => {
    const { warnings } = await calibrateX([60, 140, 220, 300]);
    expect(warnings.filter((w) => w.includes('tick steps past'))).toEqual([]);
  });
});

describe('unlabelledReach', () => {
  const scale = (pixels: number[]) =>
    ({ ticks: pixels.map((pixel) => ({ text: '', value: 0, pixel })) }) as unknown as AxisScale;
  const box = { left: 0, top: 0, right: 400, bottom: 300 };

  it('measures the farther side past the outermost tick or word, in the widest tick steps', () => {
    // Ticks at 100, 120, 140, 180 (the widest step 40): the right side 220 px on, 5.5 steps.
    expect(unlabelledReach('x', scale([100, 120, 140, 180]), [], box)).toBe(5.5);
    // A word read at 380 (no number the fit used) leaves the left side the farther, 2.5 steps.
    expect(unlabelledReach('x', scale([100, 120, 140, 180]), [xWord('?', 380)], box)).toBe(2.5);
    expect(unlabelledReach('x', scale([100]), [], box)).toBe(0);
  });
});

describe('calibrateChart: plot sides no line placed', () => {
  const calibrated = (edges: PlotArea['edges']) => calibrateX([50, 183, 316, 450], edges);

  it('trusts ends on sides lines drew, or where the grid lines end on the far sides', async () => {
    const { axes, warnings } = await calibrated({
      left: 'line',
      top: 'extent',
      right: 'extent',
      bottom: 'panel',
    });
    expect(axes.xConfidence).toBeGreaterThan(0.9);
    expect(axes.yConfidence).toBeGreaterThanOrEqual(0.75);
    expect(warnings.filter((w) => w.includes('ends are uncertain'))).toEqual([]);
  });

  it('doubts an x axis whose left side is where the grid lines end, with no axis line (Chart.js tick stubs)', async () => {
    const { axes, warnings } = await calibrated({
      left: 'extent',
      top: 'line',
      right: 'line',
      bottom: 'line',
    });
    expect(axes.xConfidence).toBeLessThan(0.5);
    expect(axes.yConfidence).toBeGreaterThanOrEqual(0.75);
    expect(warnings).toContain(
      "x axis: its ends are uncertain: the plot's left side is drawn by no axis line (placed where the grid lines end, maybe their tick marks)",
    );
  });

  it('doubts a y axis whose top is its outermost grid line alone, or an estimate', async () => {
    const { axes, warnings } = await calibrated({
      left: 'line',
      top: 'lone',
      right: 'extent',
      bottom: 'estimate',
    });
    expect(axes.xConfidence).toBeGreaterThan(0.9);
    expect(axes.yConfidence).toBeLessThan(0.5);
    expect(warnings).toContain(
      "y axis: its ends are uncertain: the plot's bottom side is drawn by no line (estimated from the tick labels); its top side is placed by its outermost grid line alone (the plot may run on past it unseen)",
    );
  });
});

describe('calibrateChart: grid lines run on past the labelled side as tick marks', () => {
  const FRAMELESS_LEFT = { left: 'extent', top: 'line', right: 'extent', bottom: 'line' } as const;

  it('starts the plot at the first tick where the lines end at the last one on the far side (Chart.js)', async () => {
    // the rows run 16 px past x = 0 (at 66) and end at x = 3 (at 450)
    const { axes, warnings } = await calibrateX([66, 194, 322, 450], FRAMELESS_LEFT);
    expect(axes.box?.left).toBeCloseTo(66, 0);
    expect(axes.box?.right).toBe(450);
    expect(axes.xConfidence).toBeGreaterThan(0.9);
    expect(warnings.filter((w) => w.includes('ends are uncertain'))).toEqual([]);
  });

  it('leaves a panel expanded past the ticks at both ends as found, and doubts it (ggplot2 minimal)', async () => {
    const { axes, warnings } = await calibrateX([66, 183, 300, 417], FRAMELESS_LEFT);
    expect(axes.box).toBeUndefined();
    expect(axes.xConfidence).toBeLessThan(0.5);
    expect(warnings.some((w) => w.startsWith('x axis: its ends are uncertain'))).toBe(true);
  });

  it('leaves a side an axis line drew as found', async () => {
    const { axes } = await calibrateX([66, 194, 322, 450], {
      left: 'line',
      top: 'line',
      right: 'line',
      bottom: 'line',
    });
    expect(axes.box).toBeUndefined();
  });
});

describe('lookalikeSteps', () => {
  it('counts names that step evenly once their digit look-alikes are read as digits', () => {
    // A Vega-Lite JPEG's x labels 0 to 120, each 0 read as U (a zoo chart, read as categories
    // at confidence 0.8): 0, 20 ... 80 and 110 lie on one line.
    const read = ['U', 'VU', 'ZU', '3U', '4U', 'SU', 'bu', '/U', '8U', 'Iu', 'UU', 'I1U', '1 ZU'];
    expect(lookalikeSteps(read)).toBeGreaterThanOrEqual(8);
  });

  it('leaves names, and numbers that rise unevenly (model sizes), few', () => {
    expect(lookalikeSteps(['7B', '13B', '34B', '70B'])).toBe(2);
    expect(lookalikeSteps(['125M', '350M', '1.3B', '2.7B', '6.7B', '13B'])).toBe(2);
    expect(lookalikeSteps(['Q1', 'Q2', 'Q3', 'Q4'])).toBe(0);
    expect(lookalikeSteps(['Jan', 'Feb', 'Mar'])).toBe(0);
  });
});

describe('calibrateChart: an axis taken from another panel', () => {
  it('trusts it no more than the panel that lent it does', async () => {
    const lent = (confidence: number) =>
      calibrateChart({
        text: { ...text([]), yTickWords: [] },
        plot: PLOT,
        source: null,
        warnings: [],
        readTickWords: async () => [],
        readSlantedTickWords: async () => [],
        sharedAxis: (axis, plot) => {
          const ends = axis === 'x' ? [plot.left, plot.right] : [plot.bottom, plot.top];
          const result = { label: null, scale: 'linear' as const, min: 0, max: 1, ticks: [] };
          return {
            scale: scaleFromLimits({ ...result, confidence }, ends[0], ends[1]),
            label: null,
            confidence,
          };
        },
      });
    const sure = await lent(1);
    const unsure = await lent(0.3);
    expect(sure.xConfidence).toBeCloseTo(0.8, 6);
    expect(sure.yConfidence).toBeCloseTo(0.8, 6);
    // a wrong axis lent (its own panel in doubt) is not made sure by being lent
    expect(unsure.xConfidence).toBeLessThanOrEqual(0.3);
    expect(unsure.yConfidence).toBeLessThanOrEqual(0.3);
  });
});
