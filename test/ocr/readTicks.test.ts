import { describe, expect, it } from 'vitest';
import { parseAxisMultiplier } from '../../src/calibrate/parseTick.js';
import { multiplierText } from '../../src/ocr/readTicks.js';

describe('multiplierText', () => {
  it('puts back a × read as a minus, or cut into a glyph and a digit', () => {
    // A JPEG scaled down: the glyph recogniser read `×10^-3` as `-410^-3` and `-710^-3`; its
    // raised exponent, read apart, is right (tesseract, asked again, read `x10^3`).
    expect(multiplierText('-410^-3')).toBe('×10^-3');
    expect(multiplierText('-710^-3')).toBe('×10^-3');
    expect(multiplierText('-10^4')).toBe('×10^4');
    expect(parseAxisMultiplier(multiplierText('-410^-3'))).toBe(0.001);
  });

  it('leaves readings that are multipliers already, or no power of ten', () => {
    expect(multiplierText('×10^3')).toBe('×10^3');
    expect(multiplierText('1×10^3')).toBe('1×10^3');
    expect(multiplierText('1e-3')).toBe('1e-3');
    expect(multiplierText('10^6')).toBe('10^6');
    // three glyphs before the power: more than a × misread
    expect(multiplierText('2.510^3')).toBe('2.510^3');
  });
});
