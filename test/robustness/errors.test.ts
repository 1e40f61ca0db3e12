import { describe, expect, it } from 'vitest';
import { DigitizeError } from '../../src/errors.js';

describe('DigitizeError', () => {
  it('carries a code, the stage, the input and the cause', () => {
    const cause = new Error('pngload_buffer: libspng read error');
    const error = new DigitizeError(
      'UNSUPPORTED_IMAGE',
      'load',
      'image data is corrupt or truncated',
      {
        input: 'charts/a b.png',
        cause,
      },
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DigitizeError');
    expect(error.code).toBe('UNSUPPORTED_IMAGE');
    expect(error.stage).toBe('load');
    expect(error.input).toBe('charts/a b.png');
    expect(error.cause).toBe(cause);
    // The CLI prints `path: message`: the message alone names neither the path nor the stack.
    expect(error.message).toBe('image data is corrupt or truncated');
    expect(String(error)).toBe('DigitizeError: image data is corrupt or truncated');
  });

  it('has a null input for bytes and no cause unless given', () => {
    const error = new DigitizeError('TIMEOUT', 'input', 'took longer than 60000 ms');
    expect(error.input).toBeNull();
    expect('cause' in error).toBe(false);
  });
});
