/** `%PDF-`: a PDF's header. */
const MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d];
/** Readers accept the header this far into the file (some writers put bytes before it). */
export const PDF_HEADER_REACH = 1024;

/**
 * Whether bytes are a PDF: `%PDF-` within their first 1024 bytes, as readers accept it. For
 * sniffing files in a folder and `Buffer` inputs; never throws.
 */
export function isPdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, PDF_HEADER_REACH) - MAGIC.length;
  for (let offset = 0; offset <= end; offset++) {
    if (MAGIC.every((byte, i) => bytes[offset + i] === byte)) return true;
  }
  return false;
}
