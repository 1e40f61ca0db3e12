#!/usr/bin/env node
// Digitizes every PDF of a folder with the PDF reader (after `npm run build`) and writes
// `<id>.json` for the scorer, plus a line per PDF with its time and memory.
//
//   node bench/papers/run.mjs DIR --out PRED [--no-raster]
//   node ../shared/bench/score.mjs --truth DIR --pred PRED

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createDigitizer, toJson } from '../../dist/index.js';
import { digitizePdf } from '../../dist/pdf/digitizePdf.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, 'no-raster': { type: 'boolean', default: false } },
});
const [dir] = positionals;
if (!dir || !values.out) {
  console.error('usage: run.mjs DIR --out PRED [--no-raster]');
  process.exit(2);
}
mkdirSync(values.out, { recursive: true });
const digitizer = createDigitizer();
const digitizeRaster = values['no-raster']
  ? undefined
  : async (raster) => {
      const png = await sharp(raster.data, {
        raw: { width: raster.width, height: raster.height, channels: 3 },
      })
        .png()
        .toBuffer();
      return digitizer.digitize(png);
    };
try {
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort()) {
    const started = performance.now();
    const result = await digitizePdf(readFileSync(join(dir, name)), {
      source: name,
      maxPixels: 20_000_000,
      digitizeRaster,
    });
    const seconds = (performance.now() - started) / 1000;
    const charts = result.charts.map((chart) => JSON.parse(toJson(chart)));
    writeFileSync(
      join(values.out, name.replace(/\.pdf$/, '.json')),
      `${JSON.stringify({ ...result, charts }, null, 1)}\n`,
    );
    const rss = process.memoryUsage().rss / 2 ** 20;
    console.log(
      `${name}: ${result.pages} pages, ${result.charts.length} charts, ${seconds.toFixed(2)} s, rss ${rss.toFixed(0)} MiB${result.warnings.length ? `; ${result.warnings.join('; ')}` : ''}`,
    );
  }
} finally {
  await digitizer.close();
}
