/**
 * Trains the tick-label glyph recogniser (`src/ocr/glyphs.ts`) and writes
 * `models/tick-glyphs.json`:
 *
 *   npx tsx train/glyphs.ts [--hold-out FONT,FONT] [--out FILE] [--epochs N]
 *
 * 1. Random tick labels (numbers with signs, decimals, grouping, `%`, `k`/`M`, `1e-3`, `×10`,
 *    exponents) are drawn in many fonts and sizes (cap height 4.5 to 24 px), by matplotlib's
 *    Agg (`render_sheet.py`, /usr/bin/python3) and by librsvg (SVG through sharp), in black and
 *    in greys, half of the sheets also as JPEG (quality 50 to 95).
 * 2. Each label is drawn again cut after each character: where the ink grows from one prefix to
 *    the next is where that character's glyph lies.
 * 3. The label is cut as the recogniser cuts it (`cutCandidates`); the pieces that match a
 *    glyph are examples of its character, the others (two glyphs, part of one) of JUNK.
 * 4. A perceptron (features -> 128 -> 64 -> classes, ReLU) is trained with Adam on them.
 *
 * Deterministic (seeded, no threads) for a given set of fonts, matplotlib and librsvg.
 * `--hold-out` leaves fonts out (names as in FONTS below), to measure the recogniser on fonts
 * it never saw.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { EXTRA_FEATURES, FEATURES } from '../src/ocr/glyphFeatures.js';
import { encodeGlyphModel } from '../src/ocr/glyphModel.js';
import { addLabel, type Samples } from './examples.js';
import {
  CLASSES,
  capHeightOf,
  FONTS,
  GREYS,
  LABELS_PER_FONT,
  pick,
  random,
  randomLabel,
  seed,
  type TrainFont,
} from './labels.js';
import { train } from './perceptron.js';
import { escapeXml, greyOfFile, itemsOf, layOut, type Sheet } from './sheets.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const PYTHON = '/usr/bin/python3';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) =>
    args.includes(name) ? args[args.indexOf(name) + 1] : fallback;
  const holdOut = new Set(option('--hold-out', '').split(',').filter(Boolean));
  const out = option('--out', join(root, 'models', 'tick-glyphs.json'));
  const epochs = Number(option('--epochs', '14'));
  const perFont = Number(option('--labels', String(LABELS_PER_FONT)));
  const hidden = option('--hidden', '64,32').split(',').map(Number);
  const fonts = FONTS.filter((font) => !holdOut.has(font.family) && !holdOut.has(font.name));
  const samples = await drawSamples(fonts, perFont, option('--work', ''));
  const counts = CLASSES.map((c, i) => `${c}:${samples.classes.filter((k) => k === i).length}`);
  console.log(
    `${samples.classes.length} examples; ${samples.uncut} of ${samples.glyphs} glyphs not isolated by any cut; ${samples.misaligned} labels misaligned`,
  );
  console.log(counts.join(' '));
  const layers = train(samples, [FEATURES, ...hidden, CLASSES.length], epochs);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, encodeGlyphModel({ classes: CLASSES, layers }));
  console.log(`wrote ${out}`);
}

/** Draws the labels of every font and cuts them into examples. */
async function drawSamples(fonts: TrainFont[], perFont: number, keep: string): Promise<Samples> {
  // `--work DIR` keeps the drawn sheets there and draws them only when they are missing.
  const work = keep || mkdtempSync(join(tmpdir(), 'glyphs-'));
  mkdirSync(work, { recursive: true });
  try {
    const families = [...new Set(fonts.map((font) => font.resolved ?? font.family))];
    const caps: Record<string, number> = JSON.parse(
      execFileSync(PYTHON, [join(root, 'bench', 'ticks', 'render_mpl.py'), '--caps', ...families], {
        encoding: 'utf8',
      }),
    );
    const sheets: Sheet[] = [];
    fonts.forEach((font, f) => {
      seed(1000 + f);
      const labels = Array.from({ length: perFont }, () => {
        const cap = capHeightOf();
        const label = randomLabel();
        // An exponent is drawn smaller, as mathtext draws it (0.7), yet read at its own size.
        return {
          label,
          cap,
          size: Math.round((cap / caps[font.resolved ?? font.family]) * 10) / 10,
          color: pick(GREYS),
        };
      });
      sheets.push(...layOut(font, labels));
    });
    const mpl = sheets.filter((sheet) => sheet.font.renderer === 'matplotlib');
    const specFile = join(work, 'sheets.json');
    writeFileSync(
      specFile,
      JSON.stringify(
        mpl.map((sheet) => ({
          file: sheet.file,
          width: sheet.width,
          height: sheet.height,
          family: sheet.font.family,
          fontset: sheet.font.family === 'cm' ? 'cm' : 'custom',
          items: itemsOf(sheet),
        })),
      ),
    );
    // The sheets in `work` are reused only if they were drawn from the same items.
    const spec = JSON.stringify(sheets.map((sheet) => [sheet.file, sheet.font, itemsOf(sheet)]));
    const specPath = join(work, 'drawn.json');
    const drawn =
      existsSync(specPath) &&
      readFileSync(specPath, 'utf8') === spec &&
      sheets.every((sheet) => existsSync(join(work, sheet.file)));
    if (!drawn) {
      console.log(`drawing ${sheets.length} sheets...`);
      execFileSync(PYTHON, [join(here, 'render_sheet.py'), specFile, work], {
        stdio: ['ignore', 'ignore', 'ignore'],
      });
    }
    writeFileSync(specPath, spec);
    for (const sheet of sheets.filter((candidate) => candidate.font.renderer === 'svg' && !drawn)) {
      const texts = itemsOf(sheet).map(
        (item) =>
          `<text x="${item.x.toFixed(2)}" y="${item.y}" font-size="${item.size}" fill="${item.color}">${escapeXml(item.text)}</text>`,
      );
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${sheet.width}" height="${sheet.height}"><rect width="100%" height="100%" fill="#fff"/><g font-family="${escapeXml(sheet.font.family)}">${texts.join('')}</g></svg>`;
      await sharp(Buffer.from(svg)).png().toFile(join(work, sheet.file));
    }
    const samples: Samples = {
      pixels: [],
      extras: [],
      classes: [],
      uncut: 0,
      glyphs: 0,
      misaligned: 0,
    };
    seed(99);
    for (const [index, sheet] of sheets.entries()) {
      const path = join(work, sheet.file);
      const clean = await greyOfFile(path, null);
      const versions = [clean];
      if (index % 2 === 0) versions.push(await greyOfFile(path, 50 + Math.floor(random() * 46)));
      for (const image of versions) {
        for (const placed of sheet.placed) addLabel(samples, sheet, clean, image, placed);
      }
    }
    return samples;
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

if (EXTRA_FEATURES !== 5) throw new Error('features changed: check glyphFeatures');
await main();
