import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { DigitizeError } from '../errors.js';
import type { Raster } from '../types.js';

/** 40 megapixels: a 300 dpi A4 page is 8.7 MP; anything far larger is a decompression bomb. */
export const DEFAULT_MAX_PIXELS = 40_000_000;
/** Below this a picture cannot hold a readable chart. */
const MIN_SIDE = 32;

export interface LoadOptions {
  /** Images declaring more pixels than this are refused before decoding. @default 40_000_000 */
  maxPixels?: number;
}

/**
 * Decodes an image (any format sharp reads; the first frame of an animation or page of a
 * multi-page file) to RGB pixels with alpha composited on white, honouring EXIF rotation.
 * Throws DigitizeError with code INPUT_NOT_FOUND, UNSUPPORTED_IMAGE, IMAGE_TOO_LARGE or
 * NO_CHART_FOUND (too small to be a chart).
 */
export async function loadRaster(
  input: string | Buffer | Uint8Array,
  { maxPixels = DEFAULT_MAX_PIXELS }: LoadOptions = {},
): Promise<Raster & { warnings: string[] }> {
  const name = typeof input === 'string' ? input : null;
  const bytes = typeof input === 'string' ? await readInput(input) : input;
  const warnings: string[] = [];
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw new DigitizeError('UNSUPPORTED_IMAGE', 'load', 'not an image sharp can read', {
      input: name,
      cause,
    });
  }
  const { width = 0, height = 0 } = metadata;
  if (width * height > maxPixels) {
    throw new DigitizeError(
      'IMAGE_TOO_LARGE',
      'load',
      `image of ${width}x${height} pixels is over the limit of ${maxPixels} pixels`,
      { input: name },
    );
  }
  if ((metadata.pages ?? 1) > 1)
    warnings.push(`image has ${metadata.pages} frames; read the first`);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.width < MIN_SIDE || info.height < MIN_SIDE) {
      throw new DigitizeError(
        'NO_CHART_FOUND',
        'load',
        `image of ${info.width}x${info.height} pixels is too small to hold a chart`,
        { input: name },
      );
    }
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
      channels: 3,
      warnings,
    };
  } catch (cause) {
    if (cause instanceof DigitizeError) throw cause;
    throw new DigitizeError('UNSUPPORTED_IMAGE', 'load', 'image data is corrupt or truncated', {
      input: name,
      cause,
    });
  }
}

async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT';
    throw new DigitizeError(
      missing ? 'INPUT_NOT_FOUND' : 'INPUT_UNREADABLE',
      'input',
      missing ? 'no such file' : `cannot read the file (${code ?? 'error'})`,
      { input: path, cause },
    );
  }
}
