import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../src/load/sniffFormat.js';

describe('sniffFormat', () => {
  const tiny = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } });

  it.each([
    ['png', () => tiny().png().toBuffer()],
    ['jpeg', () => tiny().jpeg().toBuffer()],
    ['gif', () => tiny().gif().toBuffer()],
    ['webp', () => tiny().webp().toBuffer()],
    ['tiff', () => tiny().tiff().toBuffer()],
    ['heif', () => tiny().avif().toBuffer()],
  ])('tells %s from its magic bytes', async (format, build) => {
    expect(sniffFormat(await build())).toBe(format);
  });

  it.each([
    ['<svg/>', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['an XML declaration', '<?xml version="1.0"?><svg/>'],
    ['leading white space', ' \r\n\t<svg/>'],
    ['HTML', '<!DOCTYPE html><html></html>'],
    ['a comment', '<!-- made by hand --><svg/>'],
  ])('calls markup svg: %s', (_, text) => {
    expect(sniffFormat(Buffer.from(text))).toBe('svg');
  });

  it('tells a PDF by its header, within its first 1024 bytes', () => {
    expect(sniffFormat(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFormat(Buffer.from(`\n\n%PDF-1.4\n`))).toBe('pdf');
    expect(sniffFormat(Buffer.from(`${' '.repeat(1100)}%PDF-1.4\n`))).toBeNull();
    // Markup that mentions a PDF header is still markup.
    expect(sniffFormat(Buffer.from('<html>%PDF-1.4</html>'))).toBe('svg');
  });

  it('calls gzip svg (an .svgz), and tells empty bytes', () => {
    expect(sniffFormat(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe('svg');
    expect(sniffFormat(new Uint8Array())).toBe('empty');
  });

  it.each([
    ['text', Buffer.from('this is not an image\n')],
    ['a PNG signature cut short', Buffer.from([0x89, 0x50, 0x4e])],
    ['a vips native file', Buffer.from([0x08, 0xf2, 0xa6, 0xb6, 0, 0, 0, 0])],
    ['a PPM', Buffer.from('P6\n8 8\n255\n')],
    ['white space only', Buffer.from('   \n')],
  ])('returns null for %s', (_, bytes) => {
    expect(sniffFormat(bytes)).toBeNull();
  });
});
