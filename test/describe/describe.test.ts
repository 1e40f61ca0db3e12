import { expect, describe as group, it } from 'vitest';
import { describe } from '../../src/describe/describe.js';
import type { ChartResult } from '../../src/types.js';

/** Where a panel is: the figure's layout does not change what is said of its chart. */
const BOX = { left: 0, top: 0, right: 400, bottom: 300 };

group('describe, on hand-made results', () => {
  const chart = (title: string | null, extra: Partial<ChartResult> = {}): ChartResult => ({
    source: 'fig.png',
    image: { width: 400, height: 300 },
    title,
    plot: { left: 50, top: 20, right: 350, bottom: 220 },
    axes: {
      x: { label: null, scale: 'linear', min: 0, max: 10, confidence: 1, ticks: [] },
      y: { label: 'y', scale: 'linear', min: 0, max: 1, confidence: 1, ticks: [] },
    },
    series: [
      {
        name: null,
        color: '#ff7f0e',
        marker: null,
        confidence: 1,
        points: [
          { x: 0, y: 0.2 },
          { x: 10, y: 0.8 },
        ],
      },
    ],
    confidence: 1,
    warnings: [],
    ...extra,
  });

  it('gives a figure one section per chart, naming its page and panel', () => {
    const text = describe({
      source: 'paper.pdf',
      pages: 4,
      charts: [
        { ...chart('Loss'), page: 3, panel: { index: 0, label: '(a)', box: BOX } },
        { ...chart('Accuracy'), page: 3, panel: { index: 1, label: null, box: BOX } },
      ],
      warnings: [],
    });
    expect(text.startsWith('# paper.pdf\n')).toBe(true);
    expect(text).toContain('\n## Page 3, panel (a)\n');
    expect(text).toContain('\n## Page 3, panel 2\n');
    expect(text).toContain('\n### Overview\n');
    expect(text).toContain('\n#### series 1 (orange)\n');
  });

  it('says what it cannot: no legend, no title, no label, a series without points', () => {
    const text = describe(
      chart(null, {
        warnings: ['x tick "1O" could not be read'],
        series: [
          ...chart(null).series,
          { name: 'empty', color: '#000000', marker: null, confidence: 0, points: [] },
        ],
      }),
    );
    expect(text).toContain('- No title.');
    expect(text).toContain('- x axis: no label, linear');
    expect(text).toContain('- Legend: position not known, 1 entry:');
    expect(text).toContain('empty has no points.');
    expect(text).toContain('- x tick "1O" could not be read');
    // Without a label, a place on x is said as x = ...
    expect(text).toContain('at x = 0.0');
  });

  it('throws a TypeError for what is not a result', () => {
    expect(() => describe(undefined as unknown as ChartResult)).toThrow(
      new TypeError('Expected a chart or figure result for result but received undefined'),
    );
  });
});
