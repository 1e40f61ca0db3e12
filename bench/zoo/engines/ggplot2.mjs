/**
 * ggplot2 engine of the zoo: drives `ggplot2.R` (Debian's r-cran-ggplot2 and r-cran-jsonlite)
 * on a batch of specs in one R process. The truth is ggplot2's own: ggplot_build()'s panel
 * ranges and the panel's box on the device.
 */
import { fileURLToPath } from 'node:url';
import { probe, runBatch } from './process.mjs';

const SCRIPT = fileURLToPath(new URL('./ggplot2.R', import.meta.url));

export const looks = ['grey', 'bw', 'minimal', 'classic'];

/** True when Rscript with ggplot2 and jsonlite, and pdftoppm, can be run, else why not. */
export async function available() {
  const r = await probe('Rscript', ['-e', 'library(ggplot2); library(jsonlite)']);
  return r === true ? probe('pdftoppm', ['-v']) : r;
}

/** Renders `specs` into `workDir`: one `{ id, png, pdf?, extras }` or `{ id, error }` each. */
export function render(specs, workDir) {
  return runBatch('Rscript', [SCRIPT], specs, workDir, `ggplot2-${specs[0]?.id ?? 'none'}`);
}

/** Renders figures of facets (`figures.mjs`): one `{ id, png, pdf?, extras: { panels } }` each. */
export function renderFigures(specs, workDir) {
  return runBatch(
    'Rscript',
    [SCRIPT, '--figures'],
    specs,
    workDir,
    `ggplot2-figures-${specs[0]?.id ?? 'none'}`,
  );
}
