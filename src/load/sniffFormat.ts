import { isPdf } from '../pdf/isPdf.js';

/** The raster formats the loader accepts. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'tiff' | 'heif';

/** `ftyp` brands of HEIF still images (AVIF, HEIC and their sequences). */
const HEIF_BRANDS = new Set([
  'avif',
  'avis',
  'heic',
  'heix',
  'hevc',
  'hevx',
  'heim',
  'heis',
  'mif1',
  'msf1',
]);

/** UTF-8, UTF-16 LE and UTF-16 BE byte order marks. */
const BOMS = [
  [0xef, 0xbb, 0xbf],
  [0xff, 0xfe],
  [0xfe, 0xff],
];
/** How far into the file leading white space is skipped when looking for markup. */
const MARKUP_LOOKAHEAD = 1024;

/**
 * Tells the format of encoded image bytes from their first bytes (the magic numbers), before
 * any decoder sees them. Returns the format; `'svg'` for anything that looks like markup (SVG,
 * XML, HTML, with or without a byte order mark or leading white space) or gzip (`.svgz`);
 * `'pdf'` for a PDF (`%PDF-` within its first 1024 bytes, `isPdf`); `'empty'` for no bytes;
 * null for anything else. Never throws.
 */
export function sniffFormat(bytes: Uint8Array): ImageFormat | 'pdf' | 'svg' | 'empty' | null {
  if (bytes.length === 0) return 'empty';
  const starts = (offset: number, ...expected: number[]) =>
    expected.every((byte, i) => bytes[offset + i] === byte);
  const ascii = (offset: number, text: string) =>
    starts(offset, ...Array.from(text, (char) => char.charCodeAt(0)));

  if (starts(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (starts(0, 0x49, 0x49, 0x2a, 0x00) || starts(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  // BigTIFF: II+ / MM+
  if (starts(0, 0x49, 0x49, 0x2b, 0x00) || starts(0, 0x4d, 0x4d, 0x00, 0x2b)) return 'tiff';
  if (ascii(4, 'ftyp') && bytes.length >= 12) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (HEIF_BRANDS.has(brand)) return 'heif';
  }
  if (starts(0, 0x1f, 0x8b)) return 'svg';
  if (looksLikeMarkup(bytes)) return 'svg';
  return isPdf(bytes) ? 'pdf' : null;
}

/** True when the bytes start with `<` after an optional byte order mark and white space. */
function looksLikeMarkup(bytes: Uint8Array): boolean {
  const bom = BOMS.find((marks) => marks.every((byte, i) => bytes[i] === byte));
  let offset = bom?.length ?? 0;
  // UTF-16 puts a zero byte beside every ASCII character: skip zeros along with white space.
  const wide = bom !== undefined && bom.length === 2;
  const end = Math.min(bytes.length, MARKUP_LOOKAHEAD);
  while (offset < end) {
    const byte = bytes[offset];
    if (byte === 0x3c) return true; // <
    const blank = byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
    if (!blank && !(wide && byte === 0)) return false;
    offset += 1;
  }
  return false;
}
