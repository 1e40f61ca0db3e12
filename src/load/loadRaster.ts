import { open, stat } from 'node:fs/promises';
import sharp from 'sharp';
import { invalidArgument } from '../arguments.js';
import { DigitizeError } from '../errors.js';
import type { Raster } from '../types.js';
import { type ImageFormat, sniffFormat } from './sniffFormat.js';

/**
 * 100 megapixels: a 300 dpi A3 page is 17.4 MP, a chart rarely 4, a screenshot at DPR 3 of a
 * wide dashboard 30. The chart pipeline reads an image scaled to 4 MP (the figure stage's work
 * size), so its memory hardly grows with the image's: it peaked at 0.38 GB for a 100 MP PNG
 * and 0.32 GB for a 100 MP JPEG, 1.1 GB with the full-size overlay written (measured
 * 2026-12-05). Anything far larger is a decompression bomb.
 */
export const DEFAULT_MAX_PIXELS = 100_000_000;
/** Below this a picture cannot hold a readable chart. */
const MIN_SIDE = 32;
/**
 * Bytes a file may hold per pixel allowed: 8 is an uncompressed 16-bit RGBA TIFF, the
 * largest honest encoding; a bigger file is refused before it is read into memory.
 */
const MAX_BYTES_PER_PIXEL = 8;
/** Headers, ICC profiles and EXIF blocks on top of the pixels. */
const MAX_BYTES_SLACK = 1 << 20;

/** The largest file an image of `maxPixels` pixels can honestly be, in bytes. */
export function maxBytesFor(maxPixels: number): number {
  return maxPixels * MAX_BYTES_PER_PIXEL + MAX_BYTES_SLACK;
}

/** What each format calls the images it holds after the first, for the warning. */
const FRAME_WORD: Readonly<Record<ImageFormat, string>> = {
  png: 'frames',
  jpeg: 'frames',
  gif: 'frames',
  webp: 'frames',
  tiff: 'pages',
  heif: 'images',
};

export interface LoadOptions {
  /** Images declaring more pixels than this are refused before decoding. @default 100_000_000 */
  maxPixels?: number;
  /**
   * Images with more pixels than this are decoded scaled down to it (a chart needs no more; the
   * work grows with the pixels), with a warning; `original` is then the image's own size.
   * @default Infinity
   */
  workPixels?: number;
}

/**
 * Decodes a PNG, JPEG, GIF, WebP, TIFF or HEIF/AVIF image (the first frame of an animation or
 * page of a multi-page file, with a warning) to RGB pixels with alpha composited on white,
 * honouring EXIF rotation. Anything else, SVG included, is refused from its first bytes, before
 * a decoder sees it: an SVG may reference other files or URLs, and nothing is ever fetched.
 * Throws TypeError / RangeError for bad arguments, and DigitizeError with code INPUT_NOT_FOUND,
 * INPUT_UNREADABLE, UNSUPPORTED_IMAGE, IMAGE_TOO_LARGE (from the header, before decoding) or
 * NO_CHART_FOUND (too small to be a chart).
 */
export async function loadRaster(
  input: string | Buffer | Uint8Array,
  { maxPixels = DEFAULT_MAX_PIXELS, workPixels = Number.POSITIVE_INFINITY }: LoadOptions = {},
): Promise<Raster & { warnings: string[]; original: { width: number; height: number } }> {
  const name = typeof input === 'string' ? input : null;
  const bytes = await readInputBytes(input, { maxPixels });
  const refuse = (message: string, cause?: unknown): DigitizeError =>
    new DigitizeError('UNSUPPORTED_IMAGE', 'load', message, { input: name, cause });

  const sniffed = sniffFormat(bytes);
  if (sniffed === 'empty') throw refuse('empty file');
  if (sniffed === 'svg') {
    throw refuse(
      'SVG and other markup is not supported (it may reference other files); convert it to PNG',
    );
  }
  if (sniffed === 'pdf') throw refuse('a PDF is read page by page (digitizePdf), not decoded');
  if (sniffed === null) throw refuse('not a PNG, JPEG, GIF, WebP, TIFF or HEIF image');

  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw refuse(`${formatName(sniffed)} header is corrupt or truncated`, cause);
  }
  // The decoder sharp picks goes by the same magic bytes; a mismatch is a crafted file.
  if (metadata.format !== sniffed) {
    throw refuse(`${formatName(sniffed)} file that decodes as ${String(metadata.format)}`);
  }
  const { width = 0, height = 0 } = metadata;
  if (width <= 0 || height <= 0) throw refuse('image header declares no size');
  if (width * height > maxPixels) {
    throw new DigitizeError(
      'IMAGE_TOO_LARGE',
      'load',
      `image of ${width}x${height} pixels is over the limit of ${maxPixels} pixels`,
      { input: name },
    );
  }
  if (width < MIN_SIDE || height < MIN_SIDE) {
    throw new DigitizeError(
      'NO_CHART_FOUND',
      'load',
      `image of ${width}x${height} pixels is too small to hold a chart`,
      { input: name },
    );
  }
  const warnings: string[] = [];
  const pages = metadata.pages ?? 1;
  if (pages > 1) warnings.push(`image has ${pages} ${FRAME_WORD[sniffed]}; read the first`);
  // EXIF orientations 5 to 8 turn the image a quarter.
  const [upright, across] = (metadata.orientation ?? 1) >= 5 ? [height, width] : [width, height];
  const shrink = Math.min(1, Math.sqrt(workPixels / (width * height)));
  const size = { width: Math.round(upright * shrink), height: Math.round(across * shrink) };
  if (shrink < 1) {
    warnings.push(
      `image of ${upright}x${across} pixels read at ${size.width}x${size.height} (over ${workPixels} pixels)`,
    );
  }
  let decoded: { data: Buffer; info: sharp.OutputInfo };
  try {
    const turned = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).rotate();
    decoded = await (shrink < 1 ? turned.resize({ ...size, fit: 'fill' }) : turned)
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (cause) {
    throw refuse('image data is corrupt or truncated', cause);
  }
  const { data, info } = decoded;
  if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
    throw refuse(`image decodes to ${info.channels} channels, not RGB`);
  }
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    channels: 3,
    warnings,
    original: { width: upright, height: across },
  };
}

/**
 * The encoded bytes of an input: the file at a path (a regular file of at most 8 bytes per
 * pixel allowed, plus 1 MiB), or the bytes given. Throws TypeError / RangeError for bad
 * arguments, and DigitizeError INPUT_NOT_FOUND, INPUT_UNREADABLE or IMAGE_TOO_LARGE.
 */
export async function readInputBytes(
  input: string | Buffer | Uint8Array,
  { maxPixels = DEFAULT_MAX_PIXELS }: LoadOptions = {},
): Promise<Uint8Array> {
  if (!(typeof input === 'string' || input instanceof Uint8Array)) {
    throw invalidArgument('string, Buffer or Uint8Array', 'input', input);
  }
  if (!Number.isSafeInteger(maxPixels) || maxPixels <= 0) {
    throw invalidArgument('positive integer', 'maxPixels', maxPixels, { error: RangeError });
  }
  return typeof input === 'string' ? await readInput(input, maxBytesFor(maxPixels)) : input;
}

function formatName(format: ImageFormat): string {
  return format === 'webp' ? 'WebP' : format.toUpperCase();
}

/**
 * Reads a regular file of at most `maxBytes`. Folders, pipes and devices are refused before
 * they are opened: reading `/dev/zero` or a FIFO would never end.
 */
async function readInput(path: string, maxBytes: number): Promise<Buffer> {
  const unreadable = (message: string, cause?: unknown) =>
    new DigitizeError('INPUT_UNREADABLE', 'input', message, { input: path, cause });
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) throw unreadable('is a folder, not an image file');
    if (!stats.isFile()) throw unreadable('not a regular file');
    const handle = await open(path, 'r');
    try {
      // fstat again on the handle: the path may have been swapped since.
      const { size } = await handle.stat();
      if (size > maxBytes) {
        throw new DigitizeError(
          'IMAGE_TOO_LARGE',
          'input',
          `file of ${size} bytes is over the limit of ${maxBytes} bytes`,
          { input: path },
        );
      }
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (cause) {
    if (cause instanceof DigitizeError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DigitizeError('INPUT_NOT_FOUND', 'input', 'no such file', { input: path, cause });
    }
    throw unreadable(
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : `cannot read the file (${code ?? 'error'})`,
      cause,
    );
  }
}
