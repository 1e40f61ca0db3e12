#!/usr/bin/env node
/**
 * The PDF reader measured on the zoo's PDFs: every `<id>.pdf` of a zoo (charts with a `pdf`
 * state, or all with `zoo.mjs --all-pdf`) is digitized by the built CLI as a PDF, and its truth
 * is written as the truth of a PDF of one page (`{ id, tags, charts: [{ ...truth, page: 1 }] }`),
 * so the scorer pairs charts by page as it does for papers.
 *
 *   npm run build
 *   npm run zoo -- --seed 3 --count 200 --all-pdf --out /tmp/zoo-pdf
 *   node bench/zoo/pdfs.mjs --zoo /tmp/zoo-pdf --out /tmp/zoo-pdf-run [--jobs 2]
 *   node bench/zoo/score.mjs --truth /tmp/zoo-pdf-run/truth --pred /tmp/zoo-pdf-run/pred
 *
 * Writes OUT/truth/<id>.truth.json and OUT/pred/<id>.json (with the CLI's run log there), and
 * prints the time taken.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main() {
  const { values } = parseArgs({
    options: {
      zoo: { type: 'string' },
      out: { type: 'string' },
      jobs: { type: 'string', default: '2' },
    },
  });
  if (!values.zoo || !values.out) {
    console.error('usage: node bench/zoo/pdfs.mjs --zoo DIR --out OUT [--jobs N]');
    return 2;
  }
  const truthDir = join(values.out, 'truth');
  const predDir = join(values.out, 'pred');
  await mkdir(truthDir, { recursive: true });
  const names = await readdir(values.zoo);
  const ids = names
    .filter(
      (name) => name.endsWith('.pdf') && names.includes(name.replace(/\.pdf$/, '.truth.json')),
    )
    .map((name) => name.replace(/\.pdf$/, ''))
    .sort();
  if (ids.length === 0) {
    console.error(`no <id>.pdf beside its <id>.truth.json in ${values.zoo}`);
    return 1;
  }
  for (const id of ids) {
    const {
      id: _id,
      tags,
      ...chart
    } = JSON.parse(await readFile(join(values.zoo, `${id}.truth.json`), 'utf8'));
    // The plot box is the raster's (pdftoppm's dpi), not the PDF page's: the scorer uses neither.
    const truth = { id, tags, charts: [{ ...chart, page: 1 }] };
    await writeFile(join(truthDir, `${id}.truth.json`), `${JSON.stringify(truth)}\n`);
  }
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'dist', 'cli.js'),
      ...ids.map((id) => join(values.zoo, `${id}.pdf`)),
      '--out',
      predDir,
      '--jobs',
      values.jobs,
      '--force',
      '--quiet',
    ],
    { stdio: 'inherit' },
  );
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `pdfs: ${ids.length} PDFs digitized in ${seconds.toFixed(1)} s (${(seconds / ids.length).toFixed(2)} s each, --jobs ${values.jobs}); truth in ${truthDir}, predictions in ${predDir}`,
  );
  // The CLI exits 1 when some input failed: those are scored as failures, not a broken run.
  return run.status === 0 || run.status === 1 ? 0 : 1;
}

process.exitCode = await main();
