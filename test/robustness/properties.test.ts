/**
 * Property-based tests (fast-check) of the parts that meet untrusted text and pixels: the tick
 * parser, the axis calibration and the whole pipeline. Runs are few and images small so CI
 * stays fast; the seed is fixed so a failure repeats (set FC_SEED to explore other cases).
 */
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrateAxis } from '../../src/calibrate/calibrateAxis.js';
import { parseAxisMultiplier, parseTickLabel } from '../../src/calibrate/parseTick.js';
import { createDigitizer } from '../../src/digitize.js';
import { DigitizeError } from '../../src/errors.js';
import type { Word } from '../../src/types.js';

const SEED = Number(process.env.FC_SEED ?? 20261127);
/** Per-image time limit for the pipeline properties, and the slack allowed past it. */
const PIPELINE_TIMEOUT_MS = 8_000;
const TIMEOUT_SLACK_MS = 1_000;
const SAMPLE = new URL('../../samples/aime24.png', import.meta.url).pathname;

/** Pieces OCR and matplotlib put in tick labels, so that generated strings reach every branch. */
const TICK_PIECES = [
  '-',
  '\u2212',
  '\u2013',
  '+',
  '.',
  ',',
  ' ',
  '\u00a0',
  '\u2009',
  '%',
  'k',
  'K',
  'M',
  'B',
  'G',
  'm',
  'e',
  'E',
  'e-',
  'e+',
  '10',
  '^',
  '^{',
  '}',
  '{',
  '×',
  'x',
  '·',
  '$',
  '\\mathdefault{',
  '\\times',
  '⁰',
  '¹',
  '²',
  '³',
  '⁻',
  '⁺',
  "'",
  '|',
  '0',
  '1',
  '5',
  '9',
  '00',
  '000',
  '999999999',
  '1e308',
];
const tickText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...TICK_PIECES), { maxLength: 12 }).map((pieces) => pieces.join('')),
);

describe('parseTickLabel (properties)', () => {
  it('never throws on any string; the value is finite or the result null', () => {
    fc.assert(
      fc.property(tickText, (text) => {
        const parsed = parseTickLabel(text);
        if (parsed !== null) {
          expect(Number.isFinite(parsed.value)).toBe(true);
          expect(typeof parsed.power).toBe('boolean');
          expect(typeof parsed.percent).toBe('boolean');
        }
        const factor = parseAxisMultiplier(text);
        if (factor !== null) expect(Number.isFinite(factor)).toBe(true);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('reads back any finite number as JavaScript prints it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(parseTickLabel(String(value))?.value).toBe(value === 0 ? 0 : value);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

/** Tick steps as charts choose them: 1, 2, 2.5 or 5 times a power of ten. */
const niceStep = fc
  .tuple(fc.constantFrom(1, 2, 2.5, 5), fc.integer({ min: -3, max: 4 }))
  .map(([mantissa, power]) => Number(`${mantissa}e${power}`));

/** Labels `start + i * step` for i < count, printed with the decimals the step needs. */
function tickLabels(
  start: number,
  step: number,
  count: number,
): { texts: string[]; values: number[] } {
  // The decimals of the step as JavaScript prints it (nice steps never print as 1e-7).
  const decimals = (String(step).split('.')[1] ?? '').length;
  const values = Array.from({ length: count }, (_, i) =>
    Number(((start + i) * step).toFixed(decimals)),
  );
  return { texts: values.map((v) => v.toFixed(decimals)), values };
}

/** An x tick label centred on `pixel`, about 7 px per character. */
function xWord(text: string, pixel: number): Word {
  const half = 3.5 * text.length;
  return {
    text,
    confidence: 90,
    box: { left: pixel - half, right: pixel + half, top: 500, bottom: 512 },
  };
}

const syntheticAxis = fc.record({
  start: fc.integer({ min: -20, max: 20 }),
  step: niceStep,
  count: fc.integer({ min: 4, max: 10 }),
  spacing: fc.integer({ min: 40, max: 120 }),
  origin: fc.integer({ min: 30, max: 200 }),
});

describe('calibrateAxis (properties)', () => {
  const word = fc.record({
    text: tickText,
    confidence: fc.integer({ min: 0, max: 100 }),
    box: fc
      .tuple(
        fc.integer({ min: -50, max: 2000 }),
        fc.integer({ min: -50, max: 2000 }),
        fc.nat(200),
        fc.nat(60),
      )
      .map(([left, top, width, height]) => ({
        left,
        top,
        right: left + width,
        bottom: top + height,
      })),
  });

  it('never throws on any words and marks; a fit it returns is finite', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('x' as const, 'y' as const),
        fc.array(word, { maxLength: 12 }),
        fc.array(fc.double({ min: -100, max: 2000, noNaN: true }), { maxLength: 20 }),
        (axis, words, marks) => {
          const { axis: fit, warnings } = calibrateAxis({ axis, words, marks });
          expect(Array.isArray(warnings)).toBe(true);
          if (fit) {
            expect(Number.isFinite(fit.slope) && fit.slope !== 0).toBe(true);
            expect(Number.isFinite(fit.intercept)).toBe(true);
          }
        },
      ),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('fits exact synthetic ticks on their marks', () => {
    fc.assert(
      fc.property(syntheticAxis, ({ start, step, count, spacing, origin }) => {
        const { texts, values } = tickLabels(start, step, count);
        const pixels = values.map((_, i) => origin + 0.5 + i * spacing);
        const words = texts.map((text, i) => xWord(text, pixels[i]));
        const { axis } = calibrateAxis({ axis: 'x', words, marks: pixels });
        expect(axis?.scale).toBe('linear');
        pixels.forEach((pixel, i) => {
          expect(Math.abs(axis!.pixelToData(pixel) - values[i])).toBeLessThanOrEqual(step * 1e-6);
        });
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('ignores one corrupted label', () => {
    fc.assert(
      fc.property(
        syntheticAxis.filter(({ count }) => count >= 5),
        fc.nat(),
        fc.integer({ min: 2, max: 9 }),
        ({ start, step, count, spacing, origin }, which, shift) => {
          const { texts, values } = tickLabels(start, step, count);
          const bad = which % count;
          const pixels = values.map((_, i) => origin + 0.5 + i * spacing);
          const corrupted = texts.map((text, i) =>
            i === bad ? tickLabels(start + bad + shift * count, step, 1).texts[0] : text,
          );
          const words = corrupted.map((text, i) => xWord(text, pixels[i]));
          const { axis, warnings } = calibrateAxis({ axis: 'x', words, marks: pixels });
          expect(axis?.scale).toBe('linear');
          pixels.forEach((pixel, i) => {
            expect(Math.abs(axis!.pixelToData(pixel) - values[i])).toBeLessThanOrEqual(step * 1e-6);
          });
          expect(warnings.some((w) => w.includes(`'${corrupted[bad]}'`))).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('the pipeline (properties)', { timeout: 120_000 }, () => {
  const digitizer = createDigitizer({ timeoutMs: PIPELINE_TIMEOUT_MS });
  afterAll(async () => {
    await digitizer.close();
  });

  /** Digitizes, and checks the call ends as a result or a DigitizeError within its limit. */
  async function outcome(input: Buffer): Promise<void> {
    const started = performance.now();
    const error = await digitizer.digitize(input).then(
      () => null,
      (e: unknown) => e,
    );
    if (error !== null) expect(error).toBeInstanceOf(DigitizeError);
    expect(performance.now() - started).toBeLessThan(PIPELINE_TIMEOUT_MS + TIMEOUT_SLACK_MS);
  }

  const size = fc.record({
    width: fc.integer({ min: 1, max: 160 }),
    height: fc.integer({ min: 1, max: 120 }),
  });

  it('random images: only DigitizeError is thrown, no call runs past its limit', async () => {
    const image = fc
      .tuple(size, fc.integer(), fc.constantFrom(1, 3, 4))
      .map(([{ width, height }, seed, channels]) => {
        const pixels = Buffer.alloc(width * height * channels);
        let state = seed >>> 0;
        for (let i = 0; i < pixels.length; i++) {
          state = (state * 1103515245 + 12345) >>> 0;
          pixels[i] = state >>> 24;
        }
        return { pixels, width, height, channels: channels as 1 | 3 | 4 };
      });
    await fc.assert(
      fc.asyncProperty(
        image,
        fc.constantFrom('png', 'jpeg', 'webp'),
        async ({ pixels, ...raw }, format) => {
          const encoded = await sharp(pixels, { raw }).toFormat(format).toBuffer();
          await outcome(encoded);
        },
      ),
      { seed: SEED, numRuns: 15 },
    );
  });

  it('perturbed charts and perturbed bytes: only DigitizeError is thrown, no call runs past its limit', async () => {
    const small = await sharp(SAMPLE).resize(400).png().toBuffer();
    const perturbation = fc.oneof(
      // Pixel-level: crops, noise, a blur, a stray line.
      fc.record({
        kind: fc.constant('pixels' as const),
        left: fc.integer({ min: 0, max: 150 }),
        top: fc.integer({ min: 0, max: 120 }),
        width: fc.integer({ min: 20, max: 400 }),
        height: fc.integer({ min: 20, max: 300 }),
        blur: fc.constantFrom(0, 0.5, 2),
        noise: fc.integer({ min: 0, max: 80 }),
        seed: fc.integer(),
      }),
      // Byte-level: a few bytes of the encoded file overwritten, or the file cut short.
      fc.record({
        kind: fc.constant('bytes' as const),
        flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        cut: fc.option(fc.nat()),
      }),
    );
    await fc.assert(
      fc.asyncProperty(perturbation, async (p) => {
        if (p.kind === 'bytes') {
          const bytes = Buffer.from(small);
          for (const [at, value] of p.flips) bytes[at % bytes.length] = value;
          await outcome(p.cut === null ? bytes : bytes.subarray(0, p.cut % bytes.length));
          return;
        }
        const width = Math.min(p.width, 400 - p.left);
        const height = Math.min(p.height, 300 - p.top);
        let chart = sharp(small).extract({ left: p.left, top: p.top, width, height });
        if (p.blur > 0) chart = chart.blur(p.blur);
        const { data, info } = await chart
          .removeAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        let state = p.seed >>> 0;
        for (let i = 0; i < data.length; i++) {
          state = (state * 1103515245 + 12345) >>> 0;
          data[i] = Math.max(
            0,
            Math.min(255, data[i] + (((state >>> 24) * p.noise) >> 8) - (p.noise >> 1)),
          );
        }
        const png = await sharp(data, {
          raw: { width: info.width, height: info.height, channels: 3 },
        })
          .png()
          .toBuffer();
        await outcome(png);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });
});
