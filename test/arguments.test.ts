import { describe, expect, it } from 'vitest';
import { expectFinite, invalidArgument } from '../src/arguments.js';

describe('invalidArgument', () => {
  it('says what was expected for which argument and what was received, of which type', () => {
    const error = invalidArgument('positive integer', 'jobs', 1.5);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(
      'Expected positive integer for jobs but received 1.5 of type number',
    );
  });

  it('takes the error class, quotes strings when asked, and may say what was received', () => {
    expect(invalidArgument('positive integer', 'size', 0, { error: RangeError })).toBeInstanceOf(
      RangeError,
    );
    expect(invalidArgument('a non-empty path', 'input', '', { quoted: true }).message).toBe(
      "Expected a non-empty path for input but received '' of type string",
    );
    expect(invalidArgument('a box with pixels in it', null, {}, { received: '0x20' }).message).toBe(
      'Expected a box with pixels in it but received 0x20',
    );
  });
});

describe('expectFinite', () => {
  it('returns a finite number, and refuses another type (TypeError) or NaN (RangeError)', () => {
    expect(expectFinite(2.5, 'x')).toBe(2.5);
    expect(() => expectFinite('2', 'x')).toThrow(
      new TypeError('Expected finite number for x but received 2 of type string'),
    );
    expect(() => expectFinite(Number.NaN, 'points[0].y')).toThrow(
      new RangeError('Expected finite number for points[0].y but received NaN'),
    );
  });
});
