import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bridgeDashes } from '../../src/trace/bridgeDashes.js';
import type { Ink } from '../../src/trace/ink.js';
import { inkWeightOf } from '../helpers/inkWeight.js';

const WIDTH = 200;
const HEIGHT = 120;
const REGION = { left: 2, top: 2, right: WIDTH - 2, bottom: HEIGHT - 2 };

/** A series' ink, in the test's region. */
const inkOf = (weight: Float32Array): Ink => ({
  weight,
  width: WIDTH,
  height: HEIGHT,
  region: REGION,
});

const inkWeight = inkWeightOf(WIDTH, HEIGHT);

/** The columns in [from, to) that hold no ink at all. */
function emptyColumns(weight: Float32Array, from: number, to: number): number[] {
  const empty: number[] = [];
  for (let column = from; column < to; column++) {
    let ink = 0;
    for (let row = 0; row < HEIGHT; row++) ink += weight[row * WIDTH + column];
    if (ink === 0) empty.push(column);
  }
  return empty;
}

describe('bridgeDashes', () => {
  it('joins the dashes of a dashed line along it', async () => {
    const line =
      '<polyline points="10,90 100,70 190,85" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="9 4"/>';
    const weight = await inkWeight(line);
    expect(emptyColumns(weight, 12, 188).length).toBeGreaterThan(10);
    const { ink: bridged, style } = bridgeDashes(inkOf(weight));
    expect(style).toBe('dashed');
    expect(emptyColumns(bridged, 12, 188)).toEqual([]);
    // Only gaps are filled: no ink far off the line.
    for (let column = 12; column < 188; column++) {
      const px = column + 0.5;
      const py = px < 100 ? 90 - ((px - 10) * 20) / 90 : 70 + ((px - 100) * 15) / 90;
      for (let row = 0; row < HEIGHT; row++) {
        if (bridged[row * WIDTH + column] > 0 && weight[row * WIDTH + column] === 0) {
          expect(Math.abs(row + 0.5 - py), `at (${column}, ${row})`).toBeLessThan(4);
        }
      }
    }
  });

  /** Points down both sides of the peak `points[1]` (to near the bends below) with no ink within a pixel. */
  function gapsBelowPeak(bridged: Float32Array, points: [number, number][]): string[] {
    const gaps: string[] = [];
    for (const to of [points[0], points[2]]) {
      for (let t = 0; t <= 0.9; t += 0.01) {
        const [x, y] = [
          points[1][0] + t * (to[0] - points[1][0]),
          points[1][1] + t * (to[1] - points[1][1]),
        ];
        const row = Math.floor(y) * WIDTH;
        const near = [-1, 0, 1].map((dx) => bridged[row + Math.floor(x) + dx]);
        if (Math.max(...near) <= 0) gaps.push(`(${x.toFixed(1)}, ${y.toFixed(1)})`);
      }
    }
    return gaps;
  }

  it('joins the dashes below a sharp peak where its two sides touch', async () => {
    // The dashes on the two sides meet near the tip, in one piece longer than a dash.
    const peak: [number, number][] = [
      [60, 88],
      [70, 15],
      [80, 90],
    ];
    const weight = await inkWeight(
      `<polyline points="10,90 40,85 ${peak.join(' ')} 110,80" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="9 4"/>`,
    );
    expect(gapsBelowPeak(bridgeDashes(inkOf(weight)).ink, peak)).toEqual([]);
  });

  it('joins the dashes below a sharp peak to the dash bent round it', async () => {
    // A dash bent round the tip is as long as a dash, twice as wide: its axis is upright, and
    // its ends on that axis lie between the sides, not on them.
    const peak: [number, number][] = [
      [60, 88],
      [72, 25],
      [84, 90],
    ];
    const weight = await inkWeight(
      `<polyline points="10,90 40,85 ${peak.join(' ')} 110,80" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="9 4" stroke-dashoffset="12"/>`,
    );
    expect(gapsBelowPeak(bridgeDashes(inkOf(weight)).ink, peak)).toEqual([]);
  });

  it('joins a dash cut short at a sharp peak to the touching dashes below it', async () => {
    // The tip's dash ends just past the tip; below a gap the two sides' dashes touch.
    const peak: [number, number][] = [
      [60, 88],
      [70, 25],
      [80, 90],
    ];
    const weight = await inkWeight(
      `<polyline points="10,90 40,85 ${peak.join(' ')} 110,80" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="9 4" stroke-dashoffset="6"/>`,
    );
    expect(gapsBelowPeak(bridgeDashes(inkOf(weight)).ink, peak)).toEqual([]);
  });

  it('does not join the dashes across the top of a narrow valley', async () => {
    // The flat line's last dash ends at the valley's left side: the dash ahead of it, up the
    // right side, lies more than a gap away, so the line did not go straight on.
    const weight = await inkWeight(
      '<polyline points="10,40 100,40 104,110 108,40 190,40" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="9 4" stroke-dashoffset="3"/>',
    );
    const bridged = bridgeDashes(inkOf(weight)).ink;
    expect(bridged).not.toBe(weight);
    for (let row = 36; row < 42; row++) {
      for (let column = 103; column <= 105; column++) {
        expect(bridged[row * WIDTH + column], `at (${column}, ${row})`).toBe(0);
      }
    }
  });

  it('joins the dots of a dotted line round a sharp peak, in order of x', async () => {
    // Below the tip the dots on the two sides lie nearer each other than the tip's dot.
    const peak: [number, number][] = [
      [60, 88],
      [70, 20],
      [80, 88],
    ];
    const weight = await inkWeight(
      `<polyline points="10,90 40,85 ${peak.join(' ')} 110,80" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="3 5" stroke-dashoffset="5"/>`,
    );
    expect(gapsBelowPeak(bridgeDashes(inkOf(weight)).ink, peak)).toEqual([]);
  });

  it('joins round dots centre to centre, along the line', async () => {
    const weight = await inkWeight(
      '<polyline points="10,90 100,70 190,85" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="3 5"/>',
    );
    const { ink: bridged, style } = bridgeDashes(inkOf(weight));
    expect(bridged).not.toBe(weight);
    expect(style).toBe('dotted');
    // What is painted lies no further off the line than its half width and half a pixel.
    for (let column = 12; column < 188; column++) {
      const px = column + 0.5;
      const py = px < 100 ? 90 - ((px - 10) * 20) / 90 : 70 + ((px - 100) * 15) / 90;
      for (let row = 0; row < HEIGHT; row++) {
        if (bridged[row * WIDTH + column] > 0 && weight[row * WIDTH + column] === 0) {
          expect(Math.abs(row + 0.5 - py), `at (${column}, ${row})`).toBeLessThan(2.5);
        }
      }
    }
  });

  it('joins the dots either side of a peak between them round the peak', async () => {
    // The peak (75, 40) lies in the gap between two dots: the dots on each side, carried on,
    // meet there. Drawn 3 px wide, its ink reaches up to row 38.5.
    const weight = await inkWeight(
      '<polyline points="10,90 60,88 75,40 90,88 190,85" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="3 9" stroke-dashoffset="6"/>',
    );
    const bridged = bridgeDashes(inkOf(weight)).ink;
    const top = (mask: Float32Array) => {
      for (let row = 0; row < HEIGHT; row++) {
        for (let column = 72; column <= 78; column++)
          if (mask[row * WIDTH + column] > 0) return row;
      }
      return HEIGHT;
    };
    expect(top(weight)).toBeGreaterThan(40);
    expect(top(bridged)).toBeGreaterThanOrEqual(37);
    expect(top(bridged)).toBeLessThanOrEqual(39);
  });

  it('joins the dots either side of a hidden dot', async () => {
    // Something drawn over the line hides a dot: the gap is twice the spacing, give or take
    // the rounding of the dots to pixels.
    const weight = await inkWeight(
      '<polyline points="10,60 190,40" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="3 5"/><rect x="99" y="30" width="5" height="40" fill="#fff"/>',
    );
    expect(emptyColumns(bridgeDashes(inkOf(weight)).ink, 20, 180)).toEqual([]);
  });

  it('does not join specks lighter than a dot', async () => {
    const weight = await inkWeight(
      '<polyline points="10,50 190,40" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="3 5"/><rect x="100" y="100" width="2" height="1"/><rect x="104" y="100" width="2" height="1"/>',
    );
    const bridged = bridgeDashes(inkOf(weight)).ink;
    expect(bridged).not.toBe(weight);
    expect(bridged[100 * WIDTH + 103]).toBe(0);
  });

  it('leaves a solid line broken into pieces of any length as it is', async () => {
    // A solid line under white stripes (a grid drawn over it): pieces 5 to 18 px long.
    const lengths = [6, 14, 8, 17, 5, 12, 18, 7, 15, 6, 16, 9, 18, 6];
    const stripes = lengths
      .map((_, i) => 10 + lengths.slice(0, i + 1).reduce((sum, n) => sum + n + 2, 0) - 2)
      .map((x) => `<rect x="${x}" y="0" width="2" height="${HEIGHT}" fill="#fff"/>`)
      .join('');
    const weight = await inkWeight(
      `<polyline points="10,90 190,70" fill="none" stroke="#000" stroke-width="3"/>${stripes}`,
    );
    expect(bridgeDashes(inkOf(weight))).toEqual({ ink: weight, style: 'solid' });
  });

  it('joins the dots of a dotted line', async () => {
    const weight = await inkWeight(
      '<polyline points="10,90 100,70 190,85" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="3 5"/>',
    );
    expect(emptyColumns(weight, 12, 180).length).toBeGreaterThan(10);
    expect(emptyColumns(bridgeDashes(inkOf(weight)).ink, 12, 180)).toEqual([]);
  });

  it('joins the dots of a thin dotted line, a pixel or two each, along the line only', async () => {
    // A series' mask from a zoo chart (matplotlib, a 2 px dotted line): its dots are pieces
    // two pixels long whose axes (the pixel grid's) say nothing of the line's way. Bridged as
    // dashes along those axes, they were joined to pieces far off the line.
    const { data, info } = await sharp(
      join(import.meta.dirname, '../fixtures/trace/dotted-mask.png'),
    )
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const weight = Float32Array.from(data, (grey) => 1 - grey / 255);
    const { width, height } = info;
    const region = { left: 2, top: 2, right: width - 2, bottom: height - 2 };
    const { ink, style } = bridgeDashes({ weight, width, height, region });
    expect(style).toBe('dotted');
    // every pixel painted lies within 6 px of the dots (two dots apart where one is hidden)
    const near = (column: number, row: number) => {
      for (let dy = -6; dy <= 6; dy++) {
        for (let dx = -6; dx <= 6; dx++) {
          const [x, y] = [column + dx, row + dy];
          if (x >= 0 && y >= 0 && x < width && y < height && weight[y * width + x] > 0) return true;
        }
      }
      return false;
    };
    let strays = 0;
    for (let i = 0; i < ink.length; i++) {
      if (ink[i] > 0 && !near(i % width, Math.floor(i / width))) strays++;
    }
    expect(strays).toBe(0);
  });
});
