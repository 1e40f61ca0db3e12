/**
 * Broken, odd and hostile image files, built in memory from a tiny real image so that the
 * corpus needs no committed binaries. Every builder is deterministic.
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Seeded pseudo-random bytes (a 32-bit LCG): the same bytes on every run. */
export function seededBytes(length: number, seed = 12345): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** A square PNG of RGB noise: large enough that cutting it in half cuts into the pixel data. */
export async function noisePng(size = 64, seed = 12345): Promise<Buffer> {
  return sharp(seededBytes(size * size * 3, seed), {
    raw: { width: size, height: size, channels: 3 },
  })
    .png()
    .toBuffer();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  chunk.set(data, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * An honest decompression bomb: a 1-bit black PNG of `width` x `height` whose pixel data is
 * all there, deflated to a few tens of kilobytes (30,000 x 30,000 is about 110 KB).
 */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0, black
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

/** A real PNG whose IHDR is rewritten (CRC included) to declare `width` x `height`. */
export function withPngSize(png: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(png);
  const ihdr = 8; // after the signature: length (4), type (4), width (4), height (4), 5 bytes, CRC
  copy.writeUInt32BE(width, ihdr + 8);
  copy.writeUInt32BE(height, ihdr + 12);
  copy.writeUInt32BE(crc32(copy.subarray(ihdr + 4, ihdr + 8 + 13)), ihdr + 8 + 13);
  return copy;
}

/** A real baseline JPEG whose frame header (SOF0) is rewritten to declare `width` x `height`. */
export function withJpegSize(jpeg: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(jpeg);
  for (let i = 2; i + 9 < copy.length; ) {
    if (copy[i] !== 0xff) throw new Error(`no JPEG marker at byte ${i}`);
    const marker = copy[i + 1];
    if (marker === 0xc0 || marker === 0xc2) {
      copy.writeUInt16BE(height, i + 5);
      copy.writeUInt16BE(width, i + 7);
      return copy;
    }
    i += 2 + copy.readUInt16BE(i + 2);
  }
  throw new Error('no SOF marker in the JPEG');
}

/** A real GIF whose logical screen and first image descriptor declare `width` x `height`. */
export function withGifSize(gif: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(gif);
  copy.writeUInt16LE(width, 6);
  copy.writeUInt16LE(height, 8);
  const descriptor = copy.indexOf(0x2c, 13 + (copy[10] & 0x80 ? 3 << ((copy[10] & 7) + 1) : 0));
  if (descriptor > 0) {
    copy.writeUInt16LE(width, descriptor + 5);
    copy.writeUInt16LE(height, descriptor + 7);
  }
  return copy;
}

/** A real little-endian TIFF whose first IFD declares `width` x `height` (tags 256 and 257). */
export function withTiffSize(tiff: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(tiff);
  if (copy.readUInt16LE(0) !== 0x4949) throw new Error('expected a little-endian TIFF');
  const ifd = copy.readUInt32LE(4);
  const count = copy.readUInt16LE(ifd);
  for (let n = 0; n < count; n++) {
    const entry = ifd + 2 + n * 12;
    const tag = copy.readUInt16LE(entry);
    if (tag !== 256 && tag !== 257) continue;
    const value = tag === 256 ? width : height;
    const type = copy.readUInt16LE(entry + 2);
    if (type === 3) copy.writeUInt16LE(value, entry + 8);
    else copy.writeUInt32LE(value, entry + 8);
  }
  return copy;
}

/** An SVG that would read a local file and fetch a URL if a renderer resolved its references. */
export function hostileSvg(url: string): Buffer {
  return Buffer.from(
    `<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="200">
  <image href="file:///etc/passwd" width="100" height="100"/>
  <image xlink:href="${url}" x="100" width="100" height="100"/>
  <use href="other.svg#shape"/>
  <text y="150">&secret;</text>
</svg>
`,
  );
}
