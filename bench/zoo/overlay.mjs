#!/usr/bin/env node
/**
 * Draws a zoo chart's truth back over its image, to check the truth by eye: the plot box
 * (`plot_area_px`) in magenta, each truth point mapped through the box and the axis limits
 * (log10 space on a log axis) as a cross, joined by a thin line.
 *
 *   node bench/zoo/overlay.mjs ZOO_DIR --out OVERLAY_DIR [ID ...]   # every chart without IDs
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

/** data -> pixel maps of a truth (the mapping the scorer's README gives). */
export function truthToPixel(truth) {
  const [left, top, right, bottom] = truth.plot_area_px;
  const f = (scale) => (scale === 'log' ? Math.log10 : (v) => v);
  const fx = f(truth.x_scale);
  const fy = f(truth.y_scale);
  const [x0, x1] = truth.x_range.map(fx);
  const [y0, y1] = truth.y_range.map(fy);
  return {
    px: (x) => left + ((fx(x) - x0) / (x1 - x0)) * (right - left),
    py: (y) => bottom - ((fy(y) - y0) / (y1 - y0)) * (bottom - top),
  };
}

/** The overlay PNG of one chart. */
export async function overlay(imageFile, truth, outFile) {
  const { width, height } = await sharp(imageFile).metadata();
  const { px, py } = truthToPixel(truth);
  const [l, t, r, b] = truth.plot_area_px;
  const arm = Math.max(2, Math.round(Math.min(width, height) / 200));
  const parts = [
    `<rect x="${l}" y="${t}" width="${r - l}" height="${b - t}" fill="none" stroke="#ff00ff" stroke-width="1"/>`,
  ];
  for (const s of truth.series) {
    const pts = s.x.map((x, i) => [px(x), py(s.y[i])]);
    parts.push(
      `<polyline fill="none" stroke="#ff00ff" stroke-width="0.6" stroke-opacity="0.8" points="${pts
        .map(([a, c]) => `${a.toFixed(2)},${c.toFixed(2)}`)
        .join(' ')}"/>`,
    );
    if (pts.length <= 80) {
      for (const [a, c] of pts) {
        parts.push(
          `<path d="M${a - arm},${c}H${a + arm}M${a},${c - arm}V${c + arm}" stroke="#00c000" stroke-width="1"/>`,
        );
      }
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
  await sharp(imageFile)
    .flatten({ background: '#ffffff' })
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .png()
    .toFile(outFile);
}

async function main() {
  const { values, positionals } = parseArgs({
    options: { out: { type: 'string' } },
    allowPositionals: true,
  });
  const [dir, ...ids] = positionals;
  if (!dir || !values.out) {
    console.error('usage: node bench/zoo/overlay.mjs ZOO_DIR --out OVERLAY_DIR [ID ...]');
    return 2;
  }
  await mkdir(values.out, { recursive: true });
  const all = (await readdir(dir))
    .filter((f) => f.endsWith('.truth.json'))
    .map((f) => f.slice(0, -11));
  for (const id of ids.length ? ids : all) {
    const truth = JSON.parse(await readFile(join(dir, `${id}.truth.json`), 'utf8'));
    await overlay(join(dir, truth.image), truth, join(values.out, `${id}.png`));
  }
  return 0;
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main();
}
