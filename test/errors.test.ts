import { describe, expect, it } from 'vitest';
import { asDigitizeError, DigitizeError } from '../src/errors.js';

describe('asDigitizeError', () => {
  it('fills in the input of a DigitizeError that has none', () => {
    const error = new DigitizeError('PLOT_AREA_NOT_FOUND', 'plot', 'no frame');
    expect(asDigitizeError(error, 'c.png', 'trace')).toBe(error);
    expect(error).toMatchObject({ input: 'c.png', stage: 'plot' });
  });

  it('wraps anything else as INTERNAL at the stage that was running, with the cause', () => {
    const cause = new RangeError('index out of range');
    expect(asDigitizeError(cause, null, 'separate')).toMatchObject({
      code: 'INTERNAL',
      stage: 'separate',
      message: 'unexpected failure in stage separate: index out of range',
      input: null,
      cause,
    });
  });

  it('takes the input stage when no stage is known, and a thrown non-error as its text', () => {
    expect(asDigitizeError('boom', 'a.png')).toMatchObject({
      code: 'INTERNAL',
      stage: 'input',
      message: 'unexpected failure in stage input: boom',
      input: 'a.png',
    });
  });
});
