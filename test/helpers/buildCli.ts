import { execFile } from 'node:child_process';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
/** Test files run side by side: one build at a time, so none starts dist/ while it is rewritten. */
const LOCK = join(root, 'tmp', 'build-cli.lock');
/** A lock older than this was left by a killed run: a build takes well under a minute. */
const STALE_LOCK_MS = 120_000;
const LOCK_POLL_MS = 200;

/**
 * Builds dist/ with `npm run build` when dist/cli.js is missing or any file under src/
 * (or a tsconfig) is newer than the oldest JavaScript file in dist/, so tests run the CLI as users do (`node dist/cli.js`).
 * Resolves when dist/ is up to date; rejects with the compiler's error when the build fails.
 */
export async function buildCli(): Promise<void> {
  await mkdir(join(root, 'tmp'), { recursive: true });
  await acquireLock();
  try {
    const sources = await newestMtime([
      join(root, 'src'),
      join(root, 'tsconfig.json'),
      join(root, 'tsconfig.build.json'),
    ]);
    const built = await oldestMtime(join(root, 'dist'));
    const entry = await stat(join(root, 'dist', 'cli.js')).catch(() => null);
    if (built === null || entry === null || sources > built) {
      await run('npm', ['run', 'build'], { cwd: root });
    }
  } finally {
    await rmdir(LOCK).catch(() => undefined);
  }
}

async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      await mkdir(LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await stat(LOCK).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (since > STALE_LOCK_MS) await rmdir(LOCK).catch(() => undefined);
      await new Promise((done) => setTimeout(done, LOCK_POLL_MS));
    }
  }
}

async function newestMtime(paths: string[]): Promise<number> {
  let newest = 0;
  for (const path of paths) {
    for (const file of await filesUnder(path)) newest = Math.max(newest, file);
  }
  return newest;
}

/** The oldest mtime of a .js file under `folder`, or null when there is none. */
async function oldestMtime(folder: string): Promise<number | null> {
  const times = await filesUnder(folder, '.js');
  return times.length === 0 ? null : Math.min(...times);
}

/** The mtimes of the files at or under `path` (ending with `suffix`); none when it is missing. */
async function filesUnder(path: string, suffix = ''): Promise<number[]> {
  const info = await stat(path).catch(() => null);
  if (info === null) return [];
  if (!info.isDirectory()) return path.endsWith(suffix) ? [info.mtimeMs] : [];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const times = await Promise.all(
    entries
      .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
      .map((entry) => stat(join(entry.parentPath, entry.name)).then((file) => file.mtimeMs)),
  );
  return times;
}
