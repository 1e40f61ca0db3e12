import { describe, expect, it } from 'vitest';
import {
  cutCandidates,
  EXTRA_FEATURES,
  FEATURES,
  glyphFeatures,
} from '../../src/ocr/glyphFeatures.js';
import { classify, type GlyphModel, JUNK, softmax } from '../../src/ocr/glyphs.js';
import { type InkImage, lineGeometry, raisedFrom } from '../../src/ocr/inkImage.js';

/** An ink image from rows of characters: '#' full ink, '+' half, anything else none. */
function inkFrom(rows: string[]): InkImage {
  const width = Math.max(...rows.map((row) => row.length));
  const data = new Float32Array(width * rows.length);
  rows.forEach((row, r) => {
    [...row].forEach((char, c) => {
      data[r * width + c] = char === '#' ? 1 : char === '+' ? 0.5 : 0;
    });
  });
  return { data, width, height: rows.length };
}

/** Two digit-like blocks 8 rows tall, a point between them, a comma's tail after. */
const LINE = inkFrom([
  '#####   #####    ',
  '#   #   #   #    ',
  '#   #   #   #    ',
  '#   #   #   #    ',
  '#   #   #   #    ',
  '#   #   #   #    ',
  '#   #   #   # ## ',
  '##### # ##### ## ',
  '               # ',
  '              #  ',
]);

describe('lineGeometry', () => {
  it('takes the cap height and baseline from the digit-tall columns', () => {
    expect(lineGeometry(LINE)).toEqual({ capHeight: 8, baseline: 8 });
  });

  it('places an edge covered by half its row half a pixel in', () => {
    const ink = inkFrom(['+ +', '# #', '# #', '# #', '+ +']);
    expect(lineGeometry(ink)).toEqual({ capHeight: 4, baseline: 4.5 });
  });

  it('is null for a crop with no ink', () => {
    expect(lineGeometry(inkFrom(['   ', '   ']))).toBeNull();
  });
});

describe('cutCandidates', () => {
  it('cuts at the edges of empty columns and where the ink thins', () => {
    const cuts = cutCandidates(LINE, 8);
    // The point's column (6) stands alone; the comma's columns start at 14.
    for (const cut of [5, 6, 7, 8, 13, 14]) expect(cuts).toContain(cut);
    expect(cuts[0]).toBe(0);
    expect(cuts.at(-1)).toBe(LINE.width);
  });

  it('cuts a piece too wide for one glyph at every column', () => {
    const ink = inkFrom(['##########', '##########', '##########', '##########']);
    expect(cutCandidates(ink, 4)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('raisedFrom', () => {
  it('finds a raised exponent closing a line', () => {
    const ink = inkFrom([
      '        ## ##',
      '        ## ##',
      '        ## ##',
      '###  ###     ',
      '###  ###     ',
      '###  ###     ',
      '###  ###     ',
      '###  ###     ',
      '###  ###     ',
    ]);
    const geometry = lineGeometry(ink)!;
    expect(raisedFrom(ink, geometry)).toBe(8);
  });

  it('is null when nothing is raised', () => {
    expect(raisedFrom(LINE, lineGeometry(LINE)!)).toBeNull();
  });
});

describe('glyphFeatures', () => {
  it('tells a point on the baseline from a bar at mid-height by where their ink sits', () => {
    const geometry = { capHeight: 8, baseline: 8 };
    const point = glyphFeatures(LINE, geometry, 6, 7);
    const base = FEATURES - EXTRA_FEATURES;
    // Width, solid top and bottom, centre of mass (cap heights above the baseline), mass.
    expect(point[base]).toBeCloseTo(1 / 8, 9);
    expect(point[base + 1]).toBeCloseTo(1 / 8, 9);
    expect(point[base + 2]).toBeCloseTo(0, 9);
    const bar = inkFrom([
      '      ',
      '      ',
      '      ',
      '      ',
      '######',
      '      ',
      '      ',
      '      ',
    ]);
    const features = glyphFeatures(bar, geometry, 0, 6);
    expect(features[base + 2]).toBeCloseTo(3 / 8, 9);
    expect(features[base + 3]).toBeCloseTo(3.5 / 8, 9);
  });
});

describe('classify', () => {
  /** The network row by row, every input's product added: what `classify` must equal. */
  function denseClassify(model: GlyphModel, input: Float32Array): Float32Array {
    let values = input;
    model.layers.forEach((layer, index) => {
      const out = new Float32Array(layer.outputs);
      for (let o = 0; o < layer.outputs; o++) {
        let sum = layer.bias[o];
        for (let i = 0; i < layer.inputs; i++)
          sum += layer.weights[o * layer.inputs + i] * values[i];
        out[o] = index < model.layers.length - 1 && sum < 0 ? 0 : sum;
      }
      values = out;
    });
    return softmax(values);
  }

  it('skips the inputs at zero and gives the row-by-row product bit for bit', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647 - 0.5;
    };
    const layer = (inputs: number, outputs: number) => ({
      inputs,
      outputs,
      weights: Float32Array.from({ length: inputs * outputs }, random),
      bias: Float32Array.from({ length: outputs }, random),
    });
    const model: GlyphModel = {
      classes: ['0', '1', '2', JUNK],
      layers: [layer(40, 12), layer(12, 4)],
    };
    // A glyph's grid: most cells empty, a few inked.
    const input = Float32Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? random() + 0.5 : 0));
    const probabilities = classify(model, input);
    expect([...probabilities]).toEqual([...denseClassify(model, input)]);
    // Its second call (the weights by input kept from the first) reads the same.
    expect([...classify(model, input)]).toEqual([...probabilities]);
    // Inputs taken two at a time: an even and an odd count of inked cells, one alone, none, all of them.
    for (const inked of [
      (i: number) => i % 5 === 1,
      (i: number) => i % 9 === 0,
      (i: number) => i === 17,
      () => false,
      () => true,
    ]) {
      const other = Float32Array.from({ length: 40 }, (_, i) => (inked(i) ? random() + 0.5 : 0));
      expect([...classify(model, other)]).toEqual([...denseClassify(model, other)]);
    }
  });
});
