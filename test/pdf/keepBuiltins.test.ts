import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digitizePdf } from '../../src/pdf/digitizePdf.js';
import { keepBuiltins } from '../../src/pdf/keepBuiltins.js';

const ENGINES = join(import.meta.dirname, '..', 'fixtures', 'pdf', 'engines');

describe('keepBuiltins', () => {
  it('puts back a built-in that the load replaced and keeps what it added', async () => {
    const push = Array.prototype.push;
    const result = await keepBuiltins(async () => {
      // What core-js does to push on V8 11: a plain JavaScript loop.
      Object.defineProperty(Array.prototype, 'push', {
        value: function push(this: unknown[], ...items: unknown[]) {
          for (const item of items) this[this.length] = item;
          return this.length;
        },
        writable: true,
        configurable: true,
      });
      Object.defineProperty(JSON, 'addedByLoad', { value: 1, configurable: true });
      return 'loaded';
    });
    try {
      expect(result).toBe('loaded');
      expect(Array.prototype.push).toBe(push);
      expect((JSON as unknown as { addedByLoad: number }).addedByLoad).toBe(1);
    } finally {
      delete (JSON as unknown as { addedByLoad?: number }).addedByLoad;
    }
  });

  it('puts them back when the load fails', async () => {
    const stringify = JSON.stringify;
    await expect(
      keepBuiltins(async () => {
        JSON.stringify = () => 'replaced';
        throw new Error('no module');
      }),
    ).rejects.toThrow('no module');
    expect(JSON.stringify).toBe(stringify);
  });

  it('leaves Array.prototype.push and JSON native after a PDF is read', async () => {
    const [push, stringify, parse] = [Array.prototype.push, JSON.stringify, JSON.parse];
    const bytes = new Uint8Array(readFileSync(join(ENGINES, 'mpl-t3-markers.pdf')));
    const result = await digitizePdf(bytes, { source: null, maxPixels: 1e8 });
    expect(result.charts.length).toBeGreaterThan(0);
    expect(Array.prototype.push).toBe(push);
    expect(JSON.stringify).toBe(stringify);
    expect(JSON.parse).toBe(parse);
  });
});
