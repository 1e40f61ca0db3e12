import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigitizeError } from '../../src/errors.js';
import { DEFAULT_MAX_PIXELS, loadRaster } from '../../src/load/loadRaster.js';
import {
  hostileSvg,
  noisePng,
  pngBomb,
  seededBytes,
  withGifSize,
  withJpegSize,
  withPngSize,
  withTiffSize,
} from '../robustness/brokenFiles.js';

/** Per-channel difference allowed after compositing (rounding of a half-transparent pixel). */
const COMPOSITE_TOLERANCE = 2;
/** The bound on memory while refusing a decompression bomb. */
const MEMORY_LIMIT_BYTES = 1.5 * 2 ** 30;
const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'aime24.png');

/** Mean absolute difference per byte of two rasters of the same size. */
function meanDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

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

  it('reads an image over `workPixels` scaled down, keeping its own size and saying so', async () => {
    const png = await sharp({
      create: { width: 400, height: 300, channels: 3, background: { r: 0, g: 128, b: 0 } },
    })
      .png()
      .toBuffer();
    const raster = await loadRaster(png, { workPixels: 30_000 });
    expect([raster.width, raster.height]).toEqual([200, 150]);
    expect(raster.original).toEqual({ width: 400, height: 300 });
    expect(raster.warnings).toEqual([expect.stringMatching(/400x300 pixels read at 200x150/)]);
    const whole = await loadRaster(png);
    expect([whole.width, whole.height, whole.warnings]).toEqual([400, 300, []]);
  });

  it('refuses a text file with UNSUPPORTED_IMAGE', async () => {
    const path = join(scratch, 'notes.png');
    await writeFile(path, 'this is not an image\n');
    const error = await rejection(loadRaster(path));
    expect(error.code).toBe('UNSUPPORTED_IMAGE');
    expect(error.message).toBe('not a PNG, JPEG, GIF, WebP, TIFF or HEIF image');
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
    const png = withPngSize(await noisePng(), 50_000, 50_000);
    const error = await rejection(loadRaster(png));
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.message).toBe(
      `image of 50000x50000 pixels is over the limit of ${DEFAULT_MAX_PIXELS} pixels`,
    );
    const small = await rejection(loadRaster(await noisePng(), { maxPixels: 4000 }));
    expect(small.code).toBe('IMAGE_TOO_LARGE');
    expect(small.message).toBe('image of 64x64 pixels is over the limit of 4000 pixels');
  });

  it('refuses an empty file and garbage bytes from their first bytes', async () => {
    const empty = join(scratch, 'empty.png');
    await writeFile(empty, '');
    const error = await rejection(loadRaster(empty));
    expect(error.code).toBe('UNSUPPORTED_IMAGE');
    expect(error.message).toBe('empty file');
    expect(error.input).toBe(empty);
    const garbage = await rejection(loadRaster(seededBytes(4096)));
    expect(garbage.code).toBe('UNSUPPORTED_IMAGE');
    expect(garbage.message).toBe('not a PNG, JPEG, GIF, WebP, TIFF or HEIF image');
  });

  it('refuses a header-only PNG and a truncated JPEG', async () => {
    const png = await noisePng();
    const header = await rejection(loadRaster(png.subarray(0, 33))); // signature and IHDR
    expect(header.code).toBe('UNSUPPORTED_IMAGE');
    expect(header.stage).toBe('load');
    const jpeg = await sharp(png).jpeg().toBuffer();
    const truncated = await rejection(loadRaster(jpeg.subarray(0, jpeg.length >> 1)));
    expect(truncated.code).toBe('UNSUPPORTED_IMAGE');
    expect(truncated.message).toBe('image data is corrupt or truncated');
    expect(truncated.cause).toBeInstanceOf(Error);
  });

  it('refuses a folder, and a FIFO without opening it', async () => {
    const folder = await rejection(loadRaster(scratch));
    expect(folder.code).toBe('INPUT_UNREADABLE');
    expect(folder.message).toBe('is a folder, not an image file');
    const fifo = join(scratch, 'pipe.png');
    execFileSync('mkfifo', [fifo]);
    const error = await rejection(loadRaster(fifo));
    expect(error.code).toBe('INPUT_UNREADABLE');
    expect(error.message).toBe('not a regular file');
  });

  it('refuses a file larger than 8 bytes per allowed pixel before reading it', async () => {
    const path = join(scratch, 'large.png');
    await writeFile(path, Buffer.concat([await noisePng(), Buffer.alloc(1 << 21)]));
    const error = await rejection(loadRaster(path, { maxPixels: 4096 }));
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.message).toMatch(/^file of \d+ bytes is over the limit of 1081344 bytes$/);
  });

  it('refuses a 1x1 image from its header with NO_CHART_FOUND', async () => {
    const dot = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const error = await rejection(loadRaster(dot));
    expect(error.code).toBe('NO_CHART_FOUND');
    expect(error.message).toBe('image of 1x1 pixels is too small to hold a chart');
  });

  it('throws RangeError for a bad maxPixels and TypeError for a bad input, before any work', async () => {
    await expect(loadRaster(await noisePng(), { maxPixels: 0 })).rejects.toThrow(
      new RangeError('Expected positive integer for maxPixels but received 0 of type number'),
    );
    await expect(loadRaster(await noisePng(), { maxPixels: 1.5 })).rejects.toThrow(RangeError);
    await expect(loadRaster(42 as unknown as string)).rejects.toThrow(
      new TypeError(
        'Expected string, Buffer or Uint8Array for input but received 42 of type number',
      ),
    );
  });

  describe('decompression bombs are refused from their header', () => {
    const sizes = [16_000, 30_000];
    const lies: [string, (size: number) => Promise<Buffer>][] = [
      ['PNG', async (size) => withPngSize(await noisePng(), size, size)],
      [
        'JPEG',
        async (size) =>
          withJpegSize(
            await sharp(await noisePng())
              .jpeg()
              .toBuffer(),
            size,
            size,
          ),
      ],
      [
        'GIF',
        async (size) =>
          withGifSize(
            await sharp(await noisePng())
              .gif()
              .toBuffer(),
            size,
            size,
          ),
      ],
      [
        'TIFF',
        async (size) =>
          withTiffSize(
            await sharp(await noisePng())
              .tiff()
              .toBuffer(),
            size,
            size,
          ),
      ],
    ];
    for (const size of sizes) {
      for (const [format, build] of lies) {
        it(`${format} declaring ${size} x ${size}`, async () => {
          const error = await rejection(loadRaster(await build(size)));
          expect(error.code).toBe('IMAGE_TOO_LARGE');
          expect(error.message).toBe(
            `image of ${size}x${size} pixels is over the limit of ${DEFAULT_MAX_PIXELS} pixels`,
          );
        });
      }
      it(`an honest 1-bit PNG bomb of ${size} x ${size}, and memory stays low`, async () => {
        const bomb = pngBomb(size, size);
        expect(bomb.length).toBeLessThan(200_000);
        const error = await rejection(loadRaster(bomb));
        expect(error.code).toBe('IMAGE_TOO_LARGE');
        // Decoding it to RGB would take 3 bytes per pixel: 2.7 GB for 30,000 x 30,000.
        expect(process.memoryUsage().rss).toBeLessThan(MEMORY_LIMIT_BYTES);
      });
    }
    it('lets the limit be raised by option', async () => {
      const error = await rejection(
        loadRaster(pngBomb(16_000, 16_000), { maxPixels: 100_000_000 }),
      );
      expect(error.message).toBe(
        'image of 16000x16000 pixels is over the limit of 100000000 pixels',
      );
    });
  });

  describe('refuses SVG before any decoder parses it', () => {
    const SVG_MESSAGE =
      'SVG and other markup is not supported (it may reference other files); convert it to PNG';
    const variants: [string, Buffer][] = [
      ['plain', hostileSvg('http://127.0.0.1:9/x')],
      [
        'with a byte order mark and blank lines',
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from('\n\n  '),
          hostileSvg('http://127.0.0.1:9/x'),
        ]),
      ],
      [
        'in UTF-16',
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(hostileSvg('http://127.0.0.1:9/x').toString(), 'utf16le'),
        ]),
      ],
      ['gzipped (.svgz)', gzipSync(hostileSvg('http://127.0.0.1:9/x'))],
      [
        'without an XML declaration',
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><image href="file:///etc/passwd" width="64" height="64"/></svg>',
        ),
      ],
    ];
    for (const [label, bytes] of variants) {
      it(label, async () => {
        const path = join(scratch, `hostile-${label.length}.png`);
        await writeFile(path, bytes);
        const error = await rejection(loadRaster(path));
        expect(error.code).toBe('UNSUPPORTED_IMAGE');
        expect(error.message).toBe(SVG_MESSAGE);
        expect(error.input).toBe(path);
      });
    }
  });

  describe('reads every raster format to the same RGB pixels', () => {
    /** Mean per-channel difference allowed for lossy encodings (JPEG at quality 95, palettes). */
    const LOSSY_MEAN = 3;
    let reference: Awaited<ReturnType<typeof loadRaster>>;
    beforeAll(async () => {
      reference = await loadRaster(SAMPLE);
    });
    const variants: [string, () => Promise<Buffer>, number][] = [
      ['16-bit PNG', () => sharp(SAMPLE).toColourspace('rgb16').png().toBuffer(), 1],
      [
        'palette PNG',
        () => sharp(SAMPLE).png({ palette: true, colours: 256, dither: 0 }).toBuffer(),
        LOSSY_MEAN,
      ],
      ['WebP (lossless)', () => sharp(SAMPLE).webp({ lossless: true }).toBuffer(), 0],
      ['TIFF (LZW)', () => sharp(SAMPLE).tiff({ compression: 'lzw' }).toBuffer(), 0],
      [
        'CMYK JPEG',
        () => sharp(SAMPLE).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer(),
        LOSSY_MEAN * 2,
      ],
      [
        'EXIF-rotated JPEG',
        () =>
          sharp(SAMPLE)
            .rotate(-90)
            .jpeg({ quality: 95 })
            .withMetadata({ orientation: 6 })
            .toBuffer(),
        LOSSY_MEAN,
      ],
    ];
    for (const [label, build, tolerance] of variants) {
      it(label, async () => {
        const raster = await loadRaster(await build());
        expect(raster.width).toBe(reference.width);
        expect(raster.height).toBe(reference.height);
        expect(raster.channels).toBe(3);
        expect(meanDifference(raster.data, reference.data)).toBeLessThanOrEqual(tolerance);
      });
    }

    it('greyscale PNG to three equal channels', async () => {
      const raster = await loadRaster(
        await sharp(SAMPLE).flatten({ background: '#fff' }).toColourspace('b-w').png().toBuffer(),
      );
      expect(raster.data.length).toBe(reference.width * reference.height * 3);
      const centre = ((raster.height >> 1) * raster.width + (raster.width >> 1)) * 3;
      expect(raster.data[centre]).toBe(raster.data[centre + 1]);
      expect(raster.data[centre]).toBe(raster.data[centre + 2]);
    });

    it('first frame of an animated GIF and first page of a multi-page TIFF, with a warning', async () => {
      const first = await sharp(SAMPLE).resize(200).png().toBuffer();
      const second = await sharp(first).negate({ alpha: false }).png().toBuffer();
      const gif = await sharp([first, second], { join: { animated: true } })
        .gif()
        .toBuffer();
      const fromGif = await loadRaster(gif);
      expect(fromGif.height).toBe(150);
      expect(fromGif.warnings).toEqual(['image has 2 frames; read the first']);
      const tiff = await sharp([first, second], { join: { animated: true } })
        .tiff()
        .toBuffer();
      const fromTiff = await loadRaster(tiff);
      expect(fromTiff.height).toBe(150);
      expect(fromTiff.warnings).toEqual(['image has 2 pages; read the first']);
      // The first page, not the negated second one: the corner is page white.
      expect([...fromTiff.data.subarray(0, 3)]).toEqual([255, 255, 255]);
    });
  });

  it('reads files with odd names', async () => {
    const png = await noisePng();
    for (const name of [
      'with space.png',
      'ünïcødé 图表.png',
      '-leading-dash.png',
      'no-extension',
      'UPPER.PNG',
    ]) {
      const path = join(scratch, name);
      await writeFile(path, png);
      const raster = await loadRaster(path);
      expect(raster.width, name).toBe(64);
    }
  });
});
