import { describe, expect, it } from 'vitest';
import { colorName } from '../../src/describe/colorName.js';
import { XKCD_COLORS } from '../../src/describe/xkcdColors.js';

describe('colorName', () => {
  it("names the sample chart's colours as a person does", () => {
    expect(colorName('#6fa8dc')).toBe('light blue');
    expect(colorName('#ea7a7a')).toBe('light red');
  });

  it('gives each plain name of the survey its own colour back', () => {
    const plain =
      /^((light|dark) )?(black|white|red|green|yellow|blue|brown|purple|pink|orange|grey)$/;
    const names = XKCD_COLORS.filter(([name]) => plain.test(name));
    // 11 basic terms, most with a light and a dark shade in the survey.
    expect(names.length).toBeGreaterThan(25);
    for (const [name, hex] of names) expect(colorName(hex), hex).toBe(name);
  });

  it('names only with a basic colour term and at most light or dark', () => {
    // Salmon, teal and lavender are survey names, but not plain ones.
    for (const hex of ['#ff796c', '#029386', '#c79fef', '#17becf', '#bcbd22']) {
      expect(colorName(hex)).toMatch(
        /^((light|dark) )?(black|white|red|green|yellow|blue|brown|purple|pink|orange|grey)$/,
      );
    }
  });

  it('names the colours of common chart palettes by their hue', () => {
    // matplotlib's tab10 and ColorBrewer Set1.
    expect(colorName('#1f77b4')).toBe('blue');
    expect(colorName('#ff7f0e')).toBe('orange');
    expect(colorName('#2ca02c')).toBe('green');
    expect(colorName('#d62728')).toBe('red');
    expect(colorName('#9467bd')).toBe('light purple');
    expect(colorName('#e377c2')).toBe('pink');
    expect(colorName('#7f7f7f')).toBe('grey');
    expect(colorName('#e41a1c')).toBe('red');
    expect(colorName('#4daf4a')).toBe('green');
    expect(colorName('#984ea3')).toBe('purple');
  });

  it('takes an RGB triple as well', () => {
    expect(colorName([0, 0, 0])).toBe('black');
    expect(colorName([255, 255, 255])).toBe('white');
  });

  it('throws a TypeError naming what it received', () => {
    expect(() => colorName('blue')).toThrow(
      new TypeError('Expected #rrggbb for color but received blue'),
    );
    expect(() => colorName([0, 300, 0])).toThrow(TypeError);
  });
});
