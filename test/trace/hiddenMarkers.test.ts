import { describe, expect, it } from 'vitest';
import { withHiddenEnds } from '../../src/trace/hiddenMarkers.js';
import type { PixelPoint } from '../../src/types.js';

/** A curve bending down to the left: y = 100 - 0.004 (300 - x)^2. */
const curve = (px: number) => 100 + 0.004 * (300 - px) ** 2;

describe('withHiddenEnds', () => {
  it('puts a marker at every grid step the line runs on past the markers found, legs or none', () => {
    // Markers every 12 px with a 4 px reach found only from 300 on (the steep part's were
    // not): too few columns between places for a straight leg's fit, the line still runs on
    // to 42 px. Each place takes where the line's own points pass it.
    const markers = [300, 312, 324, 336, 348].map((px) => ({ px, py: curve(px) }));
    const line: PixelPoint[] = [];
    for (let px = 42.5; px <= 352.5; px++) line.push({ px, py: curve(px) });
    const out = withHiddenEnds(markers, line, 4, { start: 300, step: 12 });
    const added = out.filter((p) => p.px < 300);
    expect(added).toHaveLength(21);
    expect(added[0].px).toBeCloseTo(48, 6);
    for (const p of added) expect(Math.abs(p.py - curve(p.px))).toBeLessThan(0.5);
  });

  it('stops where the line stops: no marker placed over a gap in it', () => {
    const markers = [300, 312, 324, 336, 348].map((px) => ({ px, py: 100 }));
    const line: PixelPoint[] = [];
    for (let px = 200.5; px <= 352.5; px++) if (px < 260 || px > 270) line.push({ px, py: 100 });
    const out = withHiddenEnds(markers, line, 4, { start: 300, step: 12 });
    expect(out.filter((p) => p.px < 300).map((p) => p.px)).toEqual([276, 288]);
  });

  it('follows the line past unevenly spaced markers at their typical spacing', () => {
    const markers = [300, 310, 335, 345, 370].map((px) => ({ px, py: curve(px) }));
    const line: PixelPoint[] = [];
    for (let px = 150.5; px <= 372.5; px++) line.push({ px, py: curve(px) });
    const added = withHiddenEnds(markers, line, 4, null).filter((p) => p.px < 300);
    // Every 25 px (the median gap) from 275 on, as far as the line (from 150.5) reaches.
    expect(added.map((p) => p.px)).toEqual([150, 175, 200, 225, 250, 275]);
    for (const p of added) expect(Math.abs(p.py - curve(p.px))).toBeLessThan(0.5);
  });
});
