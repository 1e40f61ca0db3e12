import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import {
  basename,
  dirname,
  isAbsolute,
  join,
  relative as relativePath,
  resolve,
  sep,
  win32,
} from 'node:path';
import { invalidArgument } from '../arguments.js';

/**
 * The extensions dropped from an input's name to form its outputs' names (`chart.PNG` gives
 * `chart.json`, `paper.pdf` gives `paper.json`). Any other suffix is kept (`run.v2` gives
 * `run.v2.json`), so a PNG named without an image extension keeps its whole name.
 */
const IMAGE_EXTENSION = /\.(png|jpe?g|jfif|webp|tiff?|gif|bmp|pdf)$/i;
/** An output extension: `json`, `csv`, `overlay.png`; never a path. */
const OUTPUT_EXTENSION = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Keeps the temporary name under the 255-byte limit of most file systems, even in UTF-8. */
const TEMP_NAME_CHARS = 48;

/**
 * Returns the path of an output of the input at `relative` (as found by `findInputs`):
 * `outDir/<relative folder>/<name>.<ext>`, where `<name>` is the input's name without its image
 * extension. The result is always inside `outDir`. Throws RangeError, naming the value, for an
 * empty, absolute or `..`-containing `relative` and for an `ext` that is not a plain suffix.
 */
export function outputPathFor(outDir: string, relative: string, ext: string): string {
  if (typeof outDir !== 'string' || outDir === '') {
    throw invalidArgument('a non-empty path', 'outDir', outDir, { quoted: true });
  }
  const suffix = typeof ext === 'string' ? ext.replace(/^\./, '') : '';
  if (!OUTPUT_EXTENSION.test(suffix)) {
    throw invalidArgument("a file extension such as 'json'", 'ext', ext, {
      error: RangeError,
      quoted: true,
    });
  }
  if (
    typeof relative !== 'string' ||
    relative.includes('\0') ||
    isAbsolute(relative) ||
    win32.isAbsolute(relative) ||
    /^[A-Za-z]:/.test(relative)
  ) {
    throw outsideFolder(relative);
  }
  // Backslashes separate folders only where the platform says so; on POSIX they are name characters.
  const segments = relative.split(sep === '/' ? '/' : /[\\/]/).filter((s) => s !== '' && s !== '.');
  const last = segments.pop();
  if (last === undefined || last === '..' || segments.includes('..')) {
    throw outsideFolder(relative);
  }
  const name = last.replace(IMAGE_EXTENSION, '') || last;
  const path = join(outDir, ...segments, `${name}.${suffix}`);
  const inside = relativePath(resolve(outDir), resolve(path));
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    throw outsideFolder(relative);
  }
  return path;
}

/**
 * Writes `data` to `path` so that readers see either the old file or the whole new one: writes a
 * temporary file in the same folder (created if needed), flushes it, then renames it over `path`.
 * The temporary file is removed if anything fails. Rejects with the file-system error.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temp = join(
    folder,
    `.${basename(path).slice(0, TEMP_NAME_CHARS)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => {});
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}

/**
 * Tells whether `outputPath` exists and was modified after `inputPath`. False when either is
 * missing, so a missing input is redone (and reports its own error).
 */
export async function isUpToDate(outputPath: string, inputPath: string): Promise<boolean> {
  try {
    const [output, input] = await Promise.all([stat(outputPath), stat(inputPath)]);
    return output.isFile() && output.mtimeMs > input.mtimeMs;
  } catch {
    return false;
  }
}

/** The error for a `relative` path that leads out of the output folder. */
function outsideFolder(relative: string): Error {
  return invalidArgument('a relative path inside the output folder', 'relative', relative, {
    error: RangeError,
    quoted: true,
  });
}
