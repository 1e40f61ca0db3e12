import { describe, expect, it } from 'vitest';
import { fitCategoryAxis } from '../../src/calibrate/categoryAxis.js';

const at = (texts: string[], first: number, step: number) =>
  texts.map((text, i) => ({ text, pixel: first + step * i }));

describe('fitCategoryAxis', () => {
  it('maps the names, evenly spaced, to 0, 1, 2, ... and fractions between', () => {
    const fit = fitCategoryAxis(at(['Jan', 'Feb', 'Mar', 'Apr'], 100, 50));
    expect(fit?.categories).toEqual(['Jan', 'Feb', 'Mar', 'Apr']);
    expect(fit!.axis.scale).toBe('category');
    expect(fit!.axis.pixelToData(100)).toBeCloseTo(0, 9);
    expect(fit!.axis.pixelToData(225)).toBeCloseTo(2.5, 9);
    expect(fit!.axis.dataToPixel(3)).toBeCloseTo(250, 9);
  });

  it('keeps numbers that are names (model sizes at equal steps) as they are printed', () => {
    const fit = fitCategoryAxis(at(['125M', '350M', '1.3B', '2.7B'], 80, 120));
    expect(fit?.categories).toEqual(['125M', '350M', '1.3B', '2.7B']);
    expect(fit!.axis.ticks.map((tick) => tick.value)).toEqual([0, 1, 2, 3]);
  });

  it('takes six model sizes for names though three of them step evenly by their log', () => {
    const texts = ['125M', '350M', '1.3B', '2.7B', '6.7B', '13B'];
    const values = [125e6, 350e6, 1.3e9, 2.7e9, 6.7e9, 13e9];
    const fit = fitCategoryAxis(
      at(texts, 80, 100).map((label, i) => ({ ...label, value: values[i] })),
    );
    expect(fit?.categories).toEqual(texts);
  });

  it('leaves the step of a label that was not read empty, in any order of labels', () => {
    const labels = at(['Q1', 'Q2', 'Q3', 'Q4'], 60, 80).filter((label) => label.text !== 'Q3');
    const fit = fitCategoryAxis(labels.reverse());
    expect(fit?.categories).toEqual(['Q1', 'Q2', '', 'Q4']);
    expect(fit!.axis.pixelToData(300)).toBeCloseTo(3, 9);
  });

  it('takes twelve names whose centres drift a pixel from step to step for a grid', () => {
    // centres measured from each word's box: steps of 59.5, 59, 58.5, 57.5, ... px
    const pixels = [76, 135.5, 194.5, 253, 311.5, 369, 428, 486.5, 546, 604.5, 663.5, 722];
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov'];
    const fit = fitCategoryAxis([...months, 'Dec'].map((text, i) => ({ text, pixel: pixels[i] })));
    expect(fit?.categories).toHaveLength(12);
    expect(fit!.axis.pixelToData(722)).toBeCloseTo(11, 1);
  });

  it('leaves out a word off the grid: the axis label read with the tick labels', () => {
    const months = at(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'], 100, 60);
    const fit = fitCategoryAxis([...months, { text: 'Month', pixel: 100 + 60 * 2.5 }]);
    expect(fit?.categories).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun']);
    expect(fit!.axis.pixelToData(400)).toBeCloseTo(5, 9);
    // ...but not where more than a quarter of the words are off it
    const half = at(['a', 'b', 'c', 'd'], 100, 60).map((label, i) =>
      i % 2 ? { ...label, pixel: label.pixel + 25 } : label,
    );
    expect(fitCategoryAxis(half)).toBeNull();
  });

  it('finds none in labels that are not evenly spaced, or too few', () => {
    expect(
      fitCategoryAxis([
        { text: 'a', pixel: 0 },
        { text: 'b', pixel: 100 },
        { text: 'c', pixel: 130 },
      ]),
    ).toBeNull();
    expect(fitCategoryAxis([{ text: 'only', pixel: 10 }])).toBeNull();
    expect(fitCategoryAxis(at(['', ' '], 0, 10))).toBeNull();
  });

  it('finds none where the labels read as numbers step evenly by value, or by its log', () => {
    const linear = at(['0', '20', '40', '60'], 50, 100).map((label) => ({
      ...label,
      value: Number(label.text),
    }));
    expect(fitCategoryAxis(linear)).toBeNull();
    const log = at(['1', '10', '100'], 50, 100).map((label) => ({
      ...label,
      value: Number(label.text),
    }));
    expect(fitCategoryAxis(log)).toBeNull();
    const sizes = at(['7B', '13B', '34B', '70B'], 50, 100).map((label, i) => ({
      ...label,
      value: [7e9, 13e9, 34e9, 70e9][i],
    }));
    expect(fitCategoryAxis(sizes)?.categories).toEqual(['7B', '13B', '34B', '70B']);
  });

  it('finds none in an axis of numbers with a label or two misread, or with two labels only', () => {
    const numbers = (texts: string[]) =>
      at(texts, 78, 151).map((label) => ({ ...label, value: Number(label.text) }));
    // -1 and 1 misread as 5 and 2: -2, 0 and 2 still step evenly
    expect(fitCategoryAxis(numbers(['-2', '5', '0', '2', '2']))).toBeNull();
    expect(fitCategoryAxis(numbers(['5', '10']))).toBeNull();
    // letters misread as numbers all over the place stay categories
    const letters = at(['8', '13', '0', '0', '1B', '1^7', '3', '13'], 78, 151).map((label, i) => ({
      ...label,
      value: [8, 13, 0, 0, 1e9, 1e7, 3, 13][i],
    }));
    expect(fitCategoryAxis(letters)?.categories).toHaveLength(8);
    // two names are categories
    expect(fitCategoryAxis(at(['dev', 'test'], 78, 151))?.categories).toEqual(['dev', 'test']);
  });
});
