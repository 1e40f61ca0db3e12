import { describe, expect, it } from 'vitest';
import { fitNumberRun } from '../../src/calibrate/numberRun.js';

describe('fitNumberRun', () => {
  it('reads labels run together, each piece misread, as one evenly stepped sequence', () => {
    // 5000 .. 45000 drawn wider than their step: each box holds one label's middle, its ends
    // clipped or taken by a neighbour's edge
    const pieces = [
      ['5000', '500¢'],
      ['1,000K', 'LOO!'],
      ['1500K', 'p500('],
      ['20004'],
      ['15004', '500('],
      ['10004', '3000¢'],
      ['15004', 'S004'],
      ['10001', '0001'],
      ['15000', '95000'],
    ];
    const fit = fitNumberRun(pieces);
    expect(fit?.first).toBe(5000);
    expect(fit?.step).toBe(5000);
    expect(fit?.values.at(-1)).toBe(45000);
  });

  it('finds a first value far from zero (years)', () => {
    const fit = fitNumberRun([['1995'], ['Z000'], ['2O05'], ['201'], ['2015']]);
    expect(fit?.values).toEqual([1995, 2000, 2005, 2010, 2015]);
  });

  it('fits nothing to words, nor to a lone piece', () => {
    expect(fitNumberRun([['Mon'], ['Tue'], ['Wed']])).toBeNull();
    expect(fitNumberRun([['5000']])).toBeNull();
  });
});
