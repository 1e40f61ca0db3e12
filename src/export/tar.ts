/** A tar block: headers and contents are padded to whole blocks. */
const BLOCK = 512;
/** Offsets and lengths of the ustar header fields written (POSIX.1-1988). */
const FIELDS = {
  name: [0, 100],
  mode: [100, 8],
  uid: [108, 8],
  gid: [116, 8],
  size: [124, 12],
  mtime: [136, 12],
  checksum: [148, 8],
  type: [156, 1],
  magic: [257, 6],
  version: [263, 2],
} as const;

/** One entry: a folder when its name ends with `/` (no data), else a file. */
export interface TarEntry {
  name: string;
  data?: string | Uint8Array;
}

/**
 * Writes a ustar archive of the entries (names up to 100 bytes, dated 0, mode 644 / 755), for
 * formats that are tar files (a WebPlotDigitizer project). Throws a RangeError for a longer name.
 */
export function writeTar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const folder = entry.name.endsWith('/');
    const data = folder ? Buffer.alloc(0) : Buffer.from(entry.data ?? '');
    const header = Buffer.alloc(BLOCK);
    const name = Buffer.from(entry.name);
    if (name.length > FIELDS.name[1]) {
      throw new RangeError(
        `Expected a name of at most 100 bytes for the tar entry but received '${entry.name}'`,
      );
    }
    name.copy(header, FIELDS.name[0]);
    octal(header, 'mode', folder ? 0o755 : 0o644);
    octal(header, 'uid', 0);
    octal(header, 'gid', 0);
    octal(header, 'size', data.length);
    octal(header, 'mtime', 0);
    header.write(folder ? '5' : '0', FIELDS.type[0], 'latin1');
    header.write('ustar\0', FIELDS.magic[0], 'latin1');
    header.write('00', FIELDS.version[0], 'latin1');
    // The checksum is summed with its own field as spaces, then written as 6 octal digits, NUL, space.
    header.fill(' ', FIELDS.checksum[0], FIELDS.checksum[0] + FIELDS.checksum[1]);
    const sum = header.reduce((total, byte) => total + byte, 0);
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, FIELDS.checksum[0], 'latin1');
    parts.push(header, data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

/** Writes a number as zero-padded octal filling its field less the closing NUL. */
function octal(header: Buffer, field: keyof typeof FIELDS, value: number): void {
  const [offset, length] = FIELDS[field];
  header.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, 'latin1');
}
