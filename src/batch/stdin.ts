import type { Readable } from 'node:stream';
import { DigitizeError } from '../errors.js';

/** The argument that stands for standard input. */
export const STDIN = '-';

/**
 * Reads a stream (standard input) to its end, as the bytes of one image. Rejects with a
 * DigitizeError IMAGE_TOO_LARGE (stage `input`) past `maxBytes`, INPUT_UNREADABLE when the
 * stream fails.
 */
export async function readStream(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += bytes.length;
      if (size > maxBytes) {
        stream.destroy();
        throw new DigitizeError(
          'IMAGE_TOO_LARGE',
          'input',
          `standard input holds more than ${maxBytes} bytes, too many for the pixels allowed`,
          { input: STDIN },
        );
      }
      chunks.push(bytes);
    }
  } catch (error) {
    if (error instanceof DigitizeError) throw error;
    throw new DigitizeError('INPUT_UNREADABLE', 'input', 'standard input could not be read', {
      input: STDIN,
      cause: error,
    });
  }
  return Buffer.concat(chunks);
}
