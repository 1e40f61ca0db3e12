/**
 * Runs an engine's batch script (Python, R, gnuplot driver) on a list of specs: the specs go to
 * a JSON file, the script writes its results to another, one `{ id, png, pdf?, extras }` or
 * `{ id, error }` per spec.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Time a batch may take per chart before it is stopped (a hung engine must not stop the zoo). */
const MS_PER_CHART = 30_000;

/**
 * Runs `command ...args SPECS WORK_DIR RESULTS` in `workDir` and resolves to its results. A
 * script that dies (or is stopped) without results rejects, with the end of its stderr.
 */
export async function runBatch(command, args, specs, workDir, tag) {
  const specsFile = join(workDir, `${tag}.specs.json`);
  const resultsFile = join(workDir, `${tag}.results.json`);
  await writeFile(specsFile, JSON.stringify(specs));
  const stderr = await new Promise((resolve, reject) => {
    const child = spawn(command, [...args, specsFile, workDir, resultsFile], {
      cwd: workDir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), MS_PER_CHART * Math.max(1, specs.length));
    let err = '';
    child.stderr.on('data', (chunk) => {
      err = (err + chunk).slice(-4000);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve(err);
    });
  });
  try {
    return JSON.parse(await readFile(resultsFile, 'utf8'));
  } catch {
    const tail = stderr.trim().split('\n').slice(-5).join(' | ');
    throw new Error(`${command} wrote no results: ${tail}`);
  }
}

/** Resolves to true when `command ...args` exits 0 (run in /), else to the reason it does not. */
export function probe(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: '/', stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', (e) => resolve(`${command}: ${e.message}`));
    child.on('close', (code) =>
      resolve(code === 0 ? true : `${command} ${args.join(' ')}: ${err.trim().split('\n').pop()}`),
    );
  });
}
