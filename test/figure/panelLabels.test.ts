import { describe, expect, it } from 'vitest';
import { labelPanels } from '../../src/figure/panelLabels.js';
import type { PanelChart } from '../../src/types.js';

function panelOf(index: number, title: string | null): PanelChart {
  const axis = { label: null, scale: 'linear' as const, min: 0, max: 1, confidence: 1, ticks: [] };
  const box = { left: 0, top: 0, right: 10, bottom: 10 };
  return {
    source: null,
    image: { width: 10, height: 10 },
    title,
    plot: box,
    axes: { x: axis, y: axis },
    series: [],
    confidence: 1,
    warnings: [],
    panel: { index, label: null, box },
  };
}

const read = (titles: (string | null)[]) =>
  labelPanels(titles.map((title, k) => panelOf(k, title))).map((c) => [c.panel.label, c.title]);

describe('labelPanels', () => {
  it('takes labels in parentheses out of the titles, alone or before one', () => {
    expect(read(['(a) Train', '(b)', null, '(d)lr=0.1'])).toEqual([
      ['(a)', 'Train'],
      ['(b)', null],
      [null, null],
      // read with the space lost
      ['(d)', 'lr=0.1'],
    ]);
  });

  it('takes labels with misread brackets, and a digit read for a letter from the sequence', () => {
    expect(read(['(a) Train', '{b) Test', '(9) Val', '[d] Loss', 'e) Reward'])).toEqual([
      ['(a)', 'Train'],
      ['(b)', 'Test'],
      ['(c)', 'Val'],
      ['(d)', 'Loss'],
      ['e)', 'Reward'],
    ]);
    // with no sequence to follow, the digit is kept as read
    expect(read(['(9) Val'])).toEqual([['(9)', 'Val']]);
  });

  it('takes bare letters where the figure gives them in order', () => {
    expect(read(['A CIFAR-10', 'B CIFAR-100'])).toEqual([
      ['A', 'CIFAR-10'],
      ['B', 'CIFAR-100'],
    ]);
    expect(read(['a.', 'b. Test'])).toEqual([
      ['a.', null],
      ['b.', 'Test'],
    ]);
  });

  it('takes bare letters most of which run in reading order, a misread one as its panel’s', () => {
    // A-F outside the panels, read into their titles with D as p and F as E
    expect(read(['A Test', 'B Sales', 'c AIME', 'p Anomaly', 'E Curves', 'E CIFAR'])).toEqual([
      ['A', 'Test'],
      ['B', 'Sales'],
      ['c', 'AIME'],
      ['D', 'Anomaly'],
      ['E', 'Curves'],
      ['F', 'CIFAR'],
    ]);
  });

  it('leaves titles that only start with a letter: alone, or out of order', () => {
    expect(read(['A study of loss', 'Validation'])).toEqual([
      [null, 'A study of loss'],
      [null, 'Validation'],
    ]);
    expect(read(['b Train', 'a Test'])).toEqual([
      [null, 'b Train'],
      [null, 'a Test'],
    ]);
  });
});
