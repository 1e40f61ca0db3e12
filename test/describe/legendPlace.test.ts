import { describe, expect, it } from 'vitest';
import { legendPlace } from '../../src/describe/legendPlace.js';

const plot = { left: 100, top: 50, right: 700, bottom: 450 };
/** A legend 120 x 60 px with its top-left corner at (left, top). */
const at = (left: number, top: number) => ({ left, top, right: left + 120, bottom: top + 60 });

describe('legendPlace', () => {
  it('names the corners and edges of the plot by the free space around the legend', () => {
    expect(legendPlace(at(570, 380), plot).words).toBe('bottom-right corner');
    expect(legendPlace(at(110, 60), plot).words).toBe('top-left corner');
    expect(legendPlace(at(570, 60), plot).words).toBe('top-right corner');
    expect(legendPlace(at(110, 380), plot).words).toBe('bottom-left corner');
    expect(legendPlace(at(340, 60), plot).words).toBe('top');
    expect(legendPlace(at(570, 220), plot).words).toBe('right');
    expect(legendPlace(at(340, 220), plot).words).toBe('centre');
  });

  it('keeps a tall legend in the lower right there', () => {
    const tall = { left: 560, top: 150, right: 690, bottom: 440 };
    expect(legendPlace(tall, plot)).toMatchObject({
      inside: true,
      vertical: 'bottom',
      horizontal: 'right',
      words: 'bottom-right corner',
    });
  });

  it('says on which side a legend outside the plot is', () => {
    expect(legendPlace(at(710, 200), plot)).toMatchObject({
      inside: false,
      words: 'outside, right',
    });
    expect(legendPlace({ left: 200, top: 10, right: 600, bottom: 40 }, plot).words).toBe(
      'outside, top',
    );
    expect(legendPlace(at(300, 460), plot).words).toBe('outside, bottom');
    expect(legendPlace(at(0, 200), plot).words).toBe('outside, left');
  });
});
