import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join, relative as relativePath, resolve, sep } from 'node:path';
import { invalidArgument } from '../arguments.js';
import { DigitizeError } from '../errors.js';
import { sniffFormat } from '../load/sniffFormat.js';
import { PDF_HEADER_REACH } from '../pdf/isPdf.js';

/** One image or PDF to digitize. */
export interface InputFile {
  /** The path to open: the argument as given, or joined onto the folder it was found in. */
  path: string;
  /**
   * Where the file sits below the folder it was found in, with `/` separators (`a/b.png`);
   * for a file given directly, its base name. Output paths and shards are derived from it.
   */
  relative: string;
}

export interface FindInputsOptions {
  /** Folders not to walk into (typically the output folder, so overlays are not re-read). @default [] */
  exclude?: string[];
  /**
   * Called for an input that is missing or cannot be read, which is then left out. Without it,
   * the first such input throws.
   */
  onError?: (input: string, error: DigitizeError) => void;
}

/** A selection `K/N`: keep the inputs whose hash lands in shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Enough bytes for every signature `sniffFormat` knows (a PDF's `%PDF-` may come this late). */
const SNIFF_BYTES = PDF_HEADER_REACH;
/**
 * A file found in a folder with one of these names is kept whatever it holds: if it is not an
 * image or a PDF, it fails when loaded and is reported, instead of silently missing from the run.
 */
const IMAGE_EXTENSION = /\.(png|jpe?g|jfif|webp|tiff?|gif|avif|heic|heif|bmp|pdf)$/i;

/**
 * Expands files and folders into the images and PDFs to digitize, in a deterministic order: the
 * arguments in the order given, each folder walked recursively and sorted by relative path. Files
 * inside folders are taken by name (an image extension or `.pdf`: `.png`, `.jpg`, ... whatever
 * they hold, so a broken one is reported when loaded) or else by content, exactly when the loader
 * would accept their first bytes (`sniffFormat`: PNG, JPEG, GIF, WebP, TIFF, HEIF/AVIF, PDF);
 * other files there are skipped silently. A file given directly is always kept. A path reached twice is kept once.
 * Symbolic links to files are followed, to folders are not (no cycles).
 * Throws DigitizeError INPUT_NOT_FOUND naming the path when it does not exist or is a folder
 * holding no image (message `no images found`), INPUT_UNREADABLE when it cannot be read; with
 * `onError`, reports them there instead and goes on.
 */
export async function findInputs(
  inputs: readonly string[],
  { exclude = [], onError }: FindInputsOptions = {},
): Promise<InputFile[]> {
  if (!Array.isArray(inputs)) {
    throw invalidArgument('an array of paths', 'inputs', inputs, { quoted: true });
  }
  const excluded = new Set(exclude.map((folder) => resolve(folder)));
  const seen = new Set<string>();
  const found: InputFile[] = [];
  const keep = (file: InputFile): void => {
    const key = resolve(file.path);
    if (seen.has(key)) return;
    seen.add(key);
    found.push(file);
  };
  const fail = (error: DigitizeError): void => {
    if (!onError) throw error;
    onError(error.input ?? '', error);
  };

  for (const input of inputs) {
    if (typeof input !== 'string' || input === '') {
      throw invalidArgument('a non-empty path', 'input', input, { quoted: true });
    }
    let kind: 'file' | 'folder';
    try {
      kind = (await stat(input)).isDirectory() ? 'folder' : 'file';
    } catch (cause) {
      fail(inputError(input, cause));
      continue;
    }
    if (kind === 'file') {
      keep({ path: input, relative: basename(input) });
      continue;
    }
    const files: InputFile[] = [];
    await walk(input, input, excluded, files, fail);
    if (files.length === 0) {
      // An empty folder is almost always a wrong path or a wrong folder: say so, do not succeed.
      fail(new DigitizeError('INPUT_NOT_FOUND', 'input', 'no images found', { input }));
      continue;
    }
    files.sort((a, b) => compareStrings(a.relative, b.relative));
    for (const file of files) keep(file);
  }
  return found;
}

async function walk(
  root: string,
  folder: string,
  excluded: ReadonlySet<string>,
  files: InputFile[],
  fail: (error: DigitizeError) => void,
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (cause) {
    // An unreadable subfolder is reported but does not hide the rest of the tree.
    fail(inputError(folder, cause));
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    let isFolder = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Follow links to files only: a link to a folder may point back up the tree.
      isFolder = false;
      isFile = await stat(path).then(
        (info) => info.isFile(),
        () => false,
      );
    }
    if (isFolder) {
      if (!excluded.has(resolve(path))) await walk(root, path, excluded, files, fail);
    } else if (isFile && (IMAGE_EXTENSION.test(entry.name) || (await looksLikeImage(path)))) {
      files.push({ path, relative: relativePath(root, path).split(sep).join('/') });
    }
  }
}

/**
 * Tells whether the loader would take the file for an image from its first bytes (the same
 * `sniffFormat` it uses). An unreadable one is not taken for an image.
 */
async function looksLikeImage(path: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return isImageFormat(sniffFormat(head.subarray(0, bytesRead)));
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/** Markup (SVG), empty files and unknown bytes are refused by the loader: not inputs here. */
function isImageFormat(format: ReturnType<typeof sniffFormat>): boolean {
  return format !== null && format !== 'svg' && format !== 'empty';
}

/**
 * Parses a shard selection written `K/N` (1 <= K <= N). Throws RangeError naming the value
 * received when it is not of that form.
 */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(String(text));
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw invalidArgument('K/N with 1 <= K <= N', 'shard', text, {
      error: RangeError,
      received: `'${String(text)}'`,
    });
  }
  return { index, count };
}

/**
 * Tells whether the input at `relative` belongs to `shard`: the SHA-256 of the path (NFC, `/`
 * separators) modulo N equals K-1. Pure and stable across runs and machines, so N processes each
 * given one shard cover every input exactly once.
 */
export function inShard(relative: string, { index, count }: Shard): boolean {
  const key = relative.split(sep).join('/').normalize('NFC');
  const digest = createHash('sha256').update(key, 'utf8').digest();
  // 48 bits stay exact in a double, and modulo bias over 2^48 is negligible.
  return digest.readUIntBE(0, 6) % count === index - 1;
}

/** Keeps the inputs that belong to `shard`, in their order. */
export function selectShard<T extends Pick<InputFile, 'relative'>>(
  inputs: readonly T[],
  shard: Shard,
): T[] {
  return inputs.filter((input) => inShard(input.relative, shard));
}

function inputError(path: string, cause: unknown): DigitizeError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new DigitizeError('INPUT_NOT_FOUND', 'input', `no such file or folder: ${path}`, {
      input: path,
      cause,
    });
  }
  return new DigitizeError('INPUT_UNREADABLE', 'input', `cannot read ${path} (${code ?? cause})`, {
    input: path,
    cause,
  });
}

/** Code-unit order: unlike localeCompare it does not depend on the machine's locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
