import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type Rgb, rgbToLab } from '../../src/color.js';
import { separateSeries } from '../../src/separate/separateSeries.js';
import { isFaded } from '../../src/separate/unlistedColors.js';
import type { Raster } from '../../src/types.js';

const WIDTH = 320;
const HEIGHT = 200;
const WHITE: Rgb = [255, 255, 255];
/** ColorBrewer's red and blue, as ggplot2's and matplotlib's Set1 draw them. */
const RED: Rgb = [0xe4, 0x1a, 0x1c];
const BLUE: Rgb = [0x37, 0x7e, 0xb8];

/** Zigzag points across the page, `phase` shifting them up and down. */
function points(phase: number): [number, number][] {
  return Array.from({ length: 16 }, (_, i) => [
    12 + i * 19.5,
    100 + 60 * Math.sin(i * 0.9 + phase) + (i % 2 ? 8 : -8),
  ]);
}

/** A thin line through `at` with a small filled square marker at each point. */
function markedLine(at: [number, number][], color: Rgb): string {
  const hex = `#${color.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  const line = `<polyline points="${at.map(([x, y]) => `${x},${y}`).join(' ')}" stroke="${hex}" stroke-width="2" fill="none"/>`;
  const squares = at
    .map(([x, y]) => `<rect x="${x - 3}" y="${y - 3}" width="6" height="6" fill="${hex}"/>`)
    .join('');
  return line + squares;
}

/** Two marked lines drawn, then saved as JPEG at `quality` (4:2:0 chroma) and decoded. */
async function jpegChart(quality: number): Promise<Raster> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="#fff"/>${markedLine(points(0), RED)}${markedLine(points(2), BLUE)}</svg>`;
  const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality }).toBuffer();
  const { data, info } = await sharp(jpeg)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
}

describe('separateSeries on JPEG', () => {
  it('finds two series, no more, where JPEG fades the colour of thin lines and small markers', async () => {
    for (const quality of [65, 75, 85]) {
      const image = await jpegChart(quality);
      const masks = await separateSeries(image, {
        region: { left: 0, top: 0, right: WIDTH, bottom: HEIGHT },
        background: WHITE,
        exclude: [],
        colors: [RED, BLUE],
      });
      if (process.env.DBG)
        console.log(
          quality,
          masks.map((m) => `${m.color.join(',')} ${m.count}`),
        );
      expect(
        masks.map((mask) => mask.color.join(',')),
        `quality ${quality}`,
      ).toHaveLength(2);
    }
  });
});

describe('isFaded', () => {
  const red = rgbToLab(RED);

  it("takes red with its chroma halved (lightness kept, or lighter, or darker) for red's fading", () => {
    const [l, a, b] = red;
    expect(isFaded([l, a / 2, b / 2], red)).toBe(true);
    expect(isFaded([l + 15, a * 0.6, b * 0.6], red)).toBe(true);
    expect(isFaded([l - 12, a * 0.6, b * 0.6], red)).toBe(true);
  });

  it('takes no colour with more chroma, another hue, or a grey for fading', () => {
    const [l, a, b] = red;
    expect(isFaded([l, a * 1.3, b * 1.3], red)).toBe(false);
    expect(isFaded(rgbToLab(BLUE), red)).toBe(false);
    expect(isFaded(rgbToLab([0xff, 0x7f, 0x0e]), red)).toBe(false);
    expect(isFaded(rgbToLab([0x55, 0x55, 0x55]), rgbToLab([0x88, 0x88, 0x88]))).toBe(false);
  });
});
