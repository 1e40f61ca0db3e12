import { describe, expect, it } from 'vitest';
import { isPdf } from '../../src/pdf/isPdf.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('isPdf', () => {
  it('knows a PDF by its header, also after a few bytes of something else', () => {
    expect(isPdf(bytes('%PDF-1.7\n%...'))).toBe(true);
    expect(isPdf(Buffer.concat([Buffer.alloc(500, 0x20), bytes('%PDF-1.4')]))).toBe(true);
  });

  it('takes nothing else for one', () => {
    expect(isPdf(bytes(''))).toBe(false);
    expect(isPdf(bytes('%PDF'))).toBe(false);
    expect(isPdf(bytes('\x89PNG\r\n\x1a\n'))).toBe(false);
    expect(isPdf(Buffer.concat([Buffer.alloc(1100, 0x20), bytes('%PDF-1.4')]))).toBe(false);
  });
});
