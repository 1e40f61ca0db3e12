import { describe, expect, it } from 'vitest';
import { DAY_MS, fitDateAxis, isMonthList } from '../../src/calibrate/dateAxis.js';

/** Labels `step` px apart from `first`, read with full confidence. */
const at = (texts: string[], first: number, step: number) =>
  texts.map((text, i) => ({ text, pixel: first + step * i, confidence: 95 }));
/** Labels at the pixels a linear time axis puts their dates: `pxPerDay` from `first` at `from`. */
const placed = (labels: [string, string][], from: string, first: number, pxPerDay: number) =>
  labels.map(([text, iso]) => ({
    text,
    pixel: first + ((Date.parse(iso) - Date.parse(from)) / DAY_MS) * pxPerDay,
    confidence: 95,
  }));
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('fitDateAxis', () => {
  it('fits ISO months linear in days, mapping pixels to ms since 1970', () => {
    const labels = placed(
      [
        ['2011-01', '2011-01-01'],
        ['2011-07', '2011-07-01'],
        ['2012-01', '2012-01-01'],
        ['2012-07', '2012-07-01'],
      ],
      '2011-01-01',
      100,
      0.5,
    );
    const fit = fitDateAxis(labels, [null]);
    expect(fit?.axis.scale).toBe('time');
    expect(fit!.warnings).toEqual([]);
    expect(fit!.confidence).toBeGreaterThan(0.9);
    // within an hour of the truth at both ends
    expect(Math.abs(fit!.axis.pixelToData(100) - Date.parse('2011-01-01'))).toBeLessThan(3.6e6);
    expect(day(fit!.axis.pixelToData(100 + 365 * 0.5))).toBe('2012-01-01');
    expect(fit!.axis.dataToPixel(Date.parse('2011-07-01'))).toBeCloseTo(100 + 181 * 0.5, 6);
  });

  it('carries a year printed once along months, counting up where they wrap', () => {
    const fit = fitDateAxis(
      placed(
        [
          ['Jul', '2016-07-01'],
          ['2017', '2017-01-01'],
          ['Jul', '2017-07-01'],
          ['2018', '2018-01-01'],
        ],
        '2016-07-01',
        50,
        1,
      ),
      [null],
    );
    expect(fit!.axis.ticks.map((tick) => day(tick.value))).toEqual([
      '2016-07-01',
      '2017-01-01',
      '2017-07-01',
      '2018-01-01',
    ]);
  });

  it('gives days printed alone the month before them (matplotlib concise dates)', () => {
    const fit = fitDateAxis(
      placed(
        [
          ['Jan 2020', '2020-01-01'],
          ['08', '2020-01-08'],
          ['15', '2020-01-15'],
          ['22', '2020-01-22'],
          ['Feb', '2020-02-01'],
          ['08', '2020-02-08'],
        ],
        '2020-01-01',
        40,
        10,
      ),
      [null],
    );
    expect(fit!.axis.ticks.map((tick) => day(tick.value))).toEqual([
      '2020-01-01',
      '2020-01-08',
      '2020-01-15',
      '2020-01-22',
      '2020-02-01',
      '2020-02-08',
    ]);
  });

  it("takes a year the chart's text names where the labels print none, and says so", () => {
    const labels = placed(
      [
        ['10/30', '2019-10-30'],
        ['11/13', '2019-11-13'],
        ['11/27', '2019-11-27'],
        ['12/11', '2019-12-11'],
        ['12/25', '2019-12-25'],
        ['01/08', '2020-01-08'],
      ],
      '2019-10-30',
      60,
      4,
    );
    const fit = fitDateAxis(labels, ['Sales in 2019', null]);
    expect(day(fit!.axis.ticks.at(-1)!.value)).toBe('2020-01-08');
    expect(fit!.warnings).toEqual([
      "x axis: dates print no year; 2019 taken from the chart's text",
    ]);
  });

  it('assumes the year 2000 where nothing names one, with a warning and a low confidence', () => {
    const fit = fitDateAxis(at(['May', 'Jul', 'Sep', 'Nov'], 100, 61), [null, 'Time']);
    expect(day(fit!.axis.ticks[0].value)).toBe('2000-05-01');
    expect(fit!.warnings).toEqual([
      'x axis: dates print no year and the chart names none; the year 2000 was assumed',
    ]);
    expect(fit!.confidence).toBeLessThan(0.5);
  });

  it('counts no year up for a label of the same month read without its day (Juns for Jun 5)', () => {
    const texts = ['Jun 1', 'Jun 3', 'Juns', 'Jun 7', 'Jung', 'Jun 11', 'Jun 13', 'Jun 15'];
    const fit = fitDateAxis(
      texts.map((text, i) => ({ text, pixel: 100 + 20 * i, confidence: 95 })),
      [null],
    );
    expect(day(fit!.axis.pixelToData(100))).toBe('2000-06-01');
    expect(day(fit!.axis.pixelToData(240))).toBe('2000-06-15');
    expect(fit!.warnings).toContain("x tick 'Juns' disagrees with the other dates and was ignored");
  });

  it('takes a year whose calendar fits the weekdays printed with the days (Mon 09 | Tue 17)', () => {
    const labels = placed(
      [
        ['Mon 09', '2021-08-09'],
        ['Tue 17', '2021-08-17'],
        ['Wed 25', '2021-08-25'],
        ['Thu 02', '2021-09-02'],
        ['Fri 10', '2021-09-10'],
      ],
      '2021-08-01',
      100,
      20,
    );
    // a month name before the days gives them their month
    const august = [{ text: 'August', pixel: 100, confidence: 95 }, ...labels];
    const fit = fitDateAxis(august, [null]);
    const days = fit!.axis.ticks.map((tick) => new Date(tick.value));
    expect(days.slice(1).map((date) => date.getUTCDay())).toEqual([1, 2, 3, 4, 5]);
    expect(days.map((date) => date.getUTCDate())).toEqual([1, 9, 17, 25, 2, 10]);
    // several years fit (1999, 2004, 2010, 2021, ...): said, and the axis stays doubtful
    expect(fit!.warnings[0]).toMatch(/^x axis: dates print no year; their weekdays fit \d+ years/);
    expect(fit!.confidence).toBeLessThan(0.5);
    // a year the chart names that fits them is taken; one that does not is not
    expect(day(fitDateAxis(august, ['Traffic in 2021'])!.axis.ticks[1].value)).toBe('2021-08-09');
    const other = fitDateAxis(august, ['Traffic in 2020'])!;
    expect(new Date(other.axis.ticks[1].value).getUTCDay()).toBe(1);
    expect(other.axis.ticks[1].value).not.toBe(Date.parse('2020-08-09'));
  });

  it('ignores a misread date, named in the warnings', () => {
    const labels = placed(
      [
        ['2011-01', '2011-01-01'],
        ['2011-04', '2011-04-01'],
        ['2011-07', '2011-07-01'],
        ['2011-10', '2011-10-01'],
      ],
      '2011-01-01',
      100,
      1,
    );
    labels[2].text = '2011-01';
    const fit = fitDateAxis(labels, [null]);
    expect(fit!.axis.ticks).toHaveLength(3);
    expect(fit!.warnings).toEqual([
      "x tick '2011-01' disagrees with the other dates and was ignored",
    ]);
    expect(day(fit!.axis.pixelToData(100 + 181))).toBe('2011-07-01');
  });

  it('leaves a list of month names with no year to categories, unless the chart names one', () => {
    const months = at(['Nov', 'Dec', 'Jan', 'Feb'], 0, 50);
    expect(fitDateAxis(months, [null])).toBeNull();
    expect(isMonthList(months)).toBe(true);
    const named = fitDateAxis(months, ['Sales in 2019']);
    expect(named?.axis.scale).toBe('time');
    expect(day(named!.axis.pixelToData(100))).toBe('2020-01-01');
    // every other month is a stretch of time, whatever its year
    expect(fitDateAxis(at(['May', 'Jul', 'Sep'], 0, 50), [null])?.axis.scale).toBe('time');
    expect(isMonthList(at(['May', 'Jul', 'Sep'], 0, 50))).toBe(false);
    expect(isMonthList(at(['Jan 2020', 'Feb 2020'], 0, 50))).toBe(false);
  });

  it('takes month names with some missed for a list of months where the rest keep their steps', () => {
    // Jun and Jul not read; a label misread (`Felt`) let be
    const months = at(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep'], 40, 60)
      .filter((label) => label.text !== 'Jun' && label.text !== 'Jul')
      .map((label) => (label.text === 'Feb' ? { ...label, text: 'Felt' } : label));
    expect(isMonthList(months)).toBe(true);
    expect(fitDateAxis(months, [null])).toBeNull();
    // a skipped month spaced as one step is no list of months
    const squeezed = at(['Jan', 'Feb', 'Mar', 'May', 'Jun'], 40, 60);
    expect(isMonthList(squeezed)).toBe(false);
    expect(fitDateAxis(squeezed, [null])?.axis.scale).toBe('time');
  });

  it('finds no date axis in numbers, years alone, names, or too few dates', () => {
    expect(fitDateAxis(at(['0', '5', '10', '15'], 0, 50), [null])).toBeNull();
    expect(fitDateAxis(at(['2010', '2015', '2020'], 0, 50), [null])).toBeNull();
    expect(fitDateAxis(at(['GRPO', 'PPO', 'DPO'], 0, 50), [null])).toBeNull();
    expect(fitDateAxis(at(['Jan 2020'], 0, 50), [null])).toBeNull();
    expect(fitDateAxis(at(['Jan', 'x1', 'x2', 'x3', 'Feb'], 0, 50), [null])).toBeNull();
  });
});
