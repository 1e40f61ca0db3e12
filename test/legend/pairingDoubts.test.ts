import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import { pairingDoubts } from '../../src/legend/pairingDoubts.js';

const BLUE: Rgb = [31, 119, 180];
const ORANGE: Rgb = [255, 127, 14];
const never = () => false;

describe('pairingDoubts', () => {
  it('trusts samples whose colour no other series comes near', () => {
    expect(pairingDoubts([BLUE, ORANGE], [BLUE, ORANGE], [true, true], never)).toEqual(new Set());
  });

  it('doubts a sample two series colours lie near (neighbouring tints of a colormap)', () => {
    const purple: Rgb = [73, 5, 153];
    const violet: Rgb = [86, 10, 160];
    expect(
      pairingDoubts([purple, violet, ORANGE], [purple, violet, ORANGE], [true, true, true], never),
    ).toEqual(new Set([0, 1]));
  });

  it('doubts a sample another series (one the legend does not list) matches better than its own', () => {
    // The entry's series was taken in a paler colour than the line the sample shows.
    const pale: Rgb = [120, 160, 200];
    expect(pairingDoubts([BLUE], [pale, [35, 115, 178]], [true, true], never)).toEqual(
      new Set([0]),
    );
  });

  it('leaves series of one colour told apart by style, and series not drawn, to others', () => {
    const black: Rgb = [0, 0, 0];
    expect(pairingDoubts([black, black], [black, black], [true, true], () => true)).toEqual(
      new Set(),
    );
    expect(pairingDoubts([BLUE, BLUE], [BLUE, BLUE], [true, false], never)).toEqual(new Set());
  });
});
