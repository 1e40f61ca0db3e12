import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigitizeError } from '../../src/errors.js';
import { loadRaster } from '../../src/load/loadRaster.js';

/** Per-channel difference allowed after compositing (rounding of a half-transparent pixel). */
const COMPOSITE_TOLERANCE = 2;

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'digitize-load-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Resolves to the DigitizeError `promise` rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<DigitizeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigitizeError);
  return error as DigitizeError;
}

/** A 64x64 PNG of noise: large enough that cutting it in half cuts into the pixel data. */
async function noisePng(): Promise<Buffer> {
  const size = 64;
  const pixels = Buffer.alloc(size * size * 3);
  let state = 12345;
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    pixels[i] = state >>> 24;
  }
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

describe('loadRaster', () => {
  it('composites a PNG with alpha on white', async () => {
    const png = await sharp({
      create: {
        width: 40,
        height: 40,
        channels: 4,
        background: { r: 0, g: 0, b: 255, alpha: 0.5 },
      },
    })
      .png()
      .toBuffer();
    const raster = await loadRaster(png);
    expect(raster.channels).toBe(3);
    expect(raster.width).toBe(40);
    expect(raster.height).toBe(40);
    expect(raster.data.length).toBe(40 * 40 * 3);
    const centre = (20 * 40 + 20) * 3;
    const rgb = [...raster.data.slice(centre, centre + 3)];
    [127.5, 127.5, 255].forEach((expected, i) => {
      expect(Math.abs(rgb[i] - expected)).toBeLessThanOrEqual(COMPOSITE_TOLERANCE);
    });
  });

  it('refuses a text file with UNSUPPORTED_IMAGE', async () => {
    const path = join(scratch, 'notes.png');
    await writeFile(path, 'this is not an image\n');
    const error = await rejection(loadRaster(path));
    expect(error.code).toBe('UNSUPPORTED_IMAGE');
    expect(error.message).toBe('not an image sharp can read');
    expect(error.input).toBe(path);
  });

  it('refuses a truncated PNG with UNSUPPORTED_IMAGE', async () => {
    const png = await noisePng();
    const error = await rejection(loadRaster(png.subarray(0, Math.floor(png.length / 2))));
    expect(error.code).toBe('UNSUPPORTED_IMAGE');
    expect(error.input).toBeNull();
  });

  it('reports a missing file with INPUT_NOT_FOUND', async () => {
    const path = join(scratch, 'missing.png');
    const error = await rejection(loadRaster(path));
    expect(error.code).toBe('INPUT_NOT_FOUND');
    expect(error.stage).toBe('input');
    expect(error.message).toBe('no such file');
    expect(error.input).toBe(path);
  });

  it('refuses an image whose header declares more than maxPixels, without decoding it', async () => {
    // A 64x64 PNG whose IHDR claims 50000 x 50000 (2.5 gigapixels): only the header is true.
    const png = Buffer.from(await noisePng());
    const ihdr = 8; // chunk length (4) + type (4) + width (4) + height (4) + 5 bytes, then CRC
    png.writeUInt32BE(50_000, ihdr + 8);
    png.writeUInt32BE(50_000, ihdr + 12);
    png.writeUInt32BE(crc32(png.subarray(ihdr + 4, ihdr + 8 + 13)), ihdr + 8 + 13);
    const error = await rejection(loadRaster(png));
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.message).toBe('image of 50000x50000 pixels is over the limit of 40000000 pixels');
    const small = await rejection(loadRaster(await noisePng(), { maxPixels: 4000 }));
    expect(small.code).toBe('IMAGE_TOO_LARGE');
    expect(small.message).toBe('image of 64x64 pixels is over the limit of 4000 pixels');
  });
});
