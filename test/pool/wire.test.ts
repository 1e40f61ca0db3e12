import { describe, expect, it } from 'vitest';
import { DigitizeError } from '../../src/errors.js';
import { errorFromWire, errorToWire } from '../../src/pool/wire.js';

/** What a message goes through between threads. */
const acrossThreads = (error: unknown): Error => errorFromWire(structuredClone(errorToWire(error)));

describe('errorToWire / errorFromWire', () => {
  it('rebuilds a DigitizeError with its code, stage, input, message, stack and cause', () => {
    const cause = new TypeError('bad header');
    const sent = new DigitizeError('UNSUPPORTED_IMAGE', 'load', 'not an image sharp can read', {
      input: 'a/b.png',
      cause,
    });
    const received = acrossThreads(sent);
    expect(received).toBeInstanceOf(DigitizeError);
    expect(received).toMatchObject({
      name: 'DigitizeError',
      code: 'UNSUPPORTED_IMAGE',
      stage: 'load',
      input: 'a/b.png',
      message: 'not an image sharp can read',
      stack: sent.stack,
    });
    expect(received.cause).toBeInstanceOf(Error);
    expect(received.cause).toMatchObject({ name: 'TypeError', message: 'bad header' });
  });

  it('keeps a null input (bytes) null', () => {
    const received = acrossThreads(new DigitizeError('TIMEOUT', 'input', 'took too long'));
    expect((received as DigitizeError).input).toBeNull();
  });

  it('sends a thrown non-error as its string', () => {
    expect(acrossThreads('boom')).toMatchObject({ name: 'Error', message: 'boom' });
  });

  it('cuts a long chain of causes', () => {
    let error = new Error('root');
    for (let i = 0; i < 10; i++) error = new Error(`level ${i}`, { cause: error });
    let depth = 0;
    for (let current: unknown = acrossThreads(error); current instanceof Error; depth++) {
      current = current.cause;
    }
    expect(depth).toBe(5);
  });
});
