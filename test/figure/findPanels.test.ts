import { describe, expect, it } from 'vitest';
import { findPanels } from '../../src/figure/findPanels.js';

describe('findPanels', () => {
  it('finds one panel, the whole image, with no label', () => {
    const image = {
      data: new Uint8Array(30 * 20 * 3),
      width: 30,
      height: 20,
      channels: 3 as const,
    };
    expect(findPanels(image)).toEqual([
      { index: 0, label: null, box: { left: 0, top: 0, right: 30, bottom: 20 } },
    ]);
  });
});
