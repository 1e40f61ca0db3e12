/**
 * matplotlib engine of the zoo: drives `matplotlib.py` (Debian's python3-matplotlib) on a batch
 * of specs in one Python process. The truth is matplotlib's own: limits, axes box, ticks.
 */
import { fileURLToPath } from 'node:url';
import { probe, runBatch } from './process.mjs';

const SCRIPT = fileURLToPath(new URL('./matplotlib.py', import.meta.url));
/** Debian's Python, which has python3-matplotlib (a `python3` first on PATH may not). */
const PYTHON = process.env.ZOO_PYTHON ?? '/usr/bin/python3';

export const looks = [
  'default',
  'classic',
  'ggplot',
  'seaborn-whitegrid',
  'seaborn-darkgrid',
  'seaborn-ticks',
  'bmh',
  'journal',
  'excel',
];

/** True when matplotlib and pdftoppm can be run, else why not. */
export async function available() {
  const python = await probe(PYTHON, ['-c', 'import matplotlib']);
  return python === true ? probe('pdftoppm', ['-v']) : python;
}

/** Renders `specs` into `workDir`: one `{ id, png, pdf?, extras }` or `{ id, error }` each. */
export function render(specs, workDir) {
  return runBatch(PYTHON, [SCRIPT], specs, workDir, `matplotlib-${specs[0]?.id ?? 'none'}`);
}

/** Renders figures of panels (`figures.mjs`): one `{ id, png, pdf?, extras: { panels } }` each. */
export function renderFigures(specs, workDir) {
  return runBatch(
    PYTHON,
    [SCRIPT, '--figures'],
    specs,
    workDir,
    `matplotlib-figures-${specs[0]?.id ?? 'none'}`,
  );
}
