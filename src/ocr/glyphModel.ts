import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DigitizeError } from '../errors.js';
import { FEATURES } from './glyphFeatures.js';
import type { GlyphModel, Layer } from './glyphs.js';

/** The glyph model's file in the models folder (made by `train/glyphs.ts`). */
export const GLYPH_MODEL_FILE = 'tick-glyphs.json';

interface StoredLayer {
  inputs: number;
  outputs: number;
  /** Little-endian float32, base64. */
  weights: string;
  bias: string;
}

function floats(base64: string, length: number, what: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== length * 4) throw new Error(`${what}: expected ${length} floats`);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

/** The model as JSON text: classes, and each layer's weights as base64 float32. */
export function encodeGlyphModel({ classes, layers }: GlyphModel): string {
  const base64 = (values: Float32Array) => {
    const bytes = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => {
      bytes.writeFloatLE(v, i * 4);
    });
    return bytes.toString('base64');
  };
  return `${JSON.stringify({
    classes,
    features: FEATURES,
    layers: layers.map((layer) => ({
      inputs: layer.inputs,
      outputs: layer.outputs,
      weights: base64(layer.weights),
      bias: base64(layer.bias),
    })),
  })}\n`;
}

/**
 * Reads the glyph model from `modelDir`. Throws DigitizeError(OCR_FAILED) when it is missing
 * or does not fit the features this version computes.
 */
export function loadGlyphModel(modelDir: string): GlyphModel {
  const path = join(modelDir, GLYPH_MODEL_FILE);
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as {
      classes: string[];
      features: number;
      layers: StoredLayer[];
    };
    if (stored.features !== FEATURES) {
      throw new Error(`made for ${stored.features} features, not ${FEATURES}`);
    }
    const layers: Layer[] = stored.layers.map((layer, i) => ({
      inputs: layer.inputs,
      outputs: layer.outputs,
      weights: floats(layer.weights, layer.inputs * layer.outputs, `layer ${i} weights`),
      bias: floats(layer.bias, layer.outputs, `layer ${i} bias`),
    }));
    return { classes: stored.classes, layers };
  } catch (cause) {
    throw new DigitizeError('OCR_FAILED', 'ocr', `glyph model unreadable: ${path}`, { cause });
  }
}
