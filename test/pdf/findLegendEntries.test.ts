import { describe, expect, it } from 'vitest';
import { findLegendEntries } from '../../src/pdf/findLegendEntries.js';
import type { TextLine } from '../../src/pdf/textLines.js';
import type { PdfPath, Rgb } from '../../src/pdf/types.js';
import { pdfPath, pdfPathOf } from '../helpers/pdfPaths.js';

/** A level line of 14 px text starting at `left`, its middle at y = 100. */
function text(value: string, left: number): TextLine {
  const size = 14;
  const box = { left, top: 92, right: left + 0.6 * size * value.length, bottom: 108 };
  return { text: value, x: left, y: 105, angle: 0, size, box };
}

/** A level stroke from `left` to `right` at y = 100: a legend sample. */
function stroke(index: number, left: number, right: number, color: Rgb): PdfPath {
  const points = [
    { px: left, py: 100 },
    { px: right, py: 100 },
  ];
  return { ...pdfPath(index, points, { stroke: color }), lineWidth: 2 };
}

/** A filled square marker of side 6 centred at (x, 100). */
function square(index: number, x: number, color: Rgb): PdfPath {
  const points = [
    { px: x - 3, py: 97 },
    { px: x + 3, py: 97 },
    { px: x + 3, py: 103 },
    { px: x - 3, py: 103 },
  ];
  return pdfPath(index, points, { fill: color });
}

const red: Rgb = [200, 30, 30];
const blue: Rgb = [30, 30, 200];

describe('findLegendEntries', () => {
  it('names a key drawn twice by the text after it, not the legend title before it', () => {
    // ggplot2's legend on top: "Model" (the legend's title), its first key drawn twice, then
    // the key's text; a second key and its text.
    const lines = [text('Model', 20), text('Beam search', 90), text('Greedy', 220)];
    const paths = [stroke(1, 62, 86, red), stroke(2, 62, 86, red), stroke(3, 192, 216, blue)];
    const entries = findLegendEntries(lines, paths, new Set(), new Set());
    expect(entries.map((entry) => [entry.name, entry.line?.color])).toEqual([
      ['Beam search', red],
      ['Greedy', blue],
    ]);
  });

  it('reads a key whose text comes before its sample (gnuplot), in columns', () => {
    const lines = [text('SGD', 20), text('Adam', 110)];
    const paths = [stroke(1, 50, 80, red), stroke(2, 145, 175, blue)];
    const entries = findLegendEntries(lines, paths, new Set(), new Set());
    expect(entries.map((entry) => [entry.name, entry.line?.color])).toEqual([
      ['SGD', red],
      ['Adam', blue],
    ]);
  });

  it('takes the sample after the text where it shows more than a data marker before it', () => {
    // gnuplot's key, right of the plot's last points: a data point just before the text.
    const lines = [text('Validation', 100)];
    const paths = [square(1, 90, blue), stroke(2, 190, 220, red), square(3, 205, red)];
    const [entry] = findLegendEntries(lines, paths, new Set(), new Set());
    expect(entry.line?.color).toEqual(red);
    expect(entry.marker?.fill).toEqual(red);
  });

  it('gives the samples of a row led by its title to the texts after them (ggplot2 at the bottom)', () => {
    // "Method" (the title), then each sample before its text, the title as near its first
    // sample as each text is to the sample after it.
    const lines = [text('Method', 20), text('10', 117), text('16', 187)];
    const paths = [stroke(1, 76, 104, red), stroke(2, 146, 174, blue)];
    const entries = findLegendEntries(lines, paths, new Set(), new Set());
    expect(entries.map((entry) => [entry.name, entry.line?.color])).toEqual([
      ['10', red],
      ['16', blue],
    ]);
  });

  it('gives a sample to the text it is clearly nearer when the row has lost its first sample', () => {
    // matplotlib's legend in a row, cut by the page's left edge: '0.1' has lost its sample, and
    // each sample lies 0.8 em before its own text and 2 em after the previous entry's.
    const green: Rgb = [30, 160, 30];
    const lines = [text('0.1', 20), text('1', 112.4), text('10', 188)];
    const paths = [
      stroke(1, 73.2, 101.2, red),
      stroke(2, 148.8, 176.8, blue),
      stroke(3, 232.8, 260.8, green),
    ];
    const entries = findLegendEntries(lines, paths, new Set(), new Set());
    expect(entries.map((entry) => [entry.name, entry.line?.color])).toEqual([
      ['1', red],
      ['10', blue],
    ]);
  });

  it('takes no data point hidden under the legend background for a sample', () => {
    // A red data point drawn first, the legend's background over it, then the blue key.
    const background = pdfPath(
      2,
      [
        { px: 40, py: 80 },
        { px: 200, py: 80 },
        { px: 200, py: 120 },
        { px: 40, py: 120 },
      ],
      { fill: [255, 255, 255] },
    );
    const paths = [square(1, 90, red), background, square(3, 70, blue)];
    const [entry] = findLegendEntries([text('Test', 100)], paths, new Set(), new Set());
    expect(entry.marker?.fill).toEqual(blue);
  });

  it("takes a key's dashed border, printed as its dashes' outlines, as part of its sample (Chart.js)", () => {
    const grey: Rgb = [128, 128, 128];
    const rect = (left: number, top: number, right: number, bottom: number) => [
      { px: left, py: top },
      { px: right, py: top },
      { px: right, py: bottom },
      { px: left, py: bottom },
    ];
    const key = pdfPath(1, rect(100, 94, 124, 106), { fill: grey });
    const border = pdfPathOf(
      2,
      [
        rect(100, 93, 106, 95),
        rect(109, 93, 115, 95),
        rect(118, 93, 124, 95),
        rect(123, 96, 125, 102),
        rect(118, 105, 124, 107),
        rect(109, 105, 115, 107),
        rect(100, 105, 106, 107),
        rect(99, 96, 101, 102),
      ],
      { fill: [0, 0, 0] },
    );
    const [entry] = findLegendEntries([text('Europe', 130)], [key, border], new Set(), new Set());
    expect(entry.patch).toEqual(grey);
    expect(entry.paths).toContain(2);
  });

  it('takes the marker in line with the column, not a larger data point nearer the text', () => {
    // Three entries in a column, square samples of side 6 centred at x = 90; under the second
    // one's a data point (a diamond twice the size) reaches nearer its text.
    const at =
      (y: number) =>
      (value: string, index: number, color: Rgb): [TextLine, PdfPath] => {
        const line = {
          ...text(value, 100),
          y: y + 5,
          box: { left: 100, top: y - 8, right: 140, bottom: y + 8 },
        };
        const points = [
          { px: 87, py: y - 3 },
          { px: 93, py: y - 3 },
          { px: 93, py: y + 3 },
          { px: 87, py: y + 3 },
        ];
        return [line, pdfPath(index, points, { fill: color })];
      };
    const green: Rgb = [0, 158, 115];
    const [a, sampleA] = at(100)('A', 1, red);
    const [b, sampleB] = at(120)('B', 2, blue);
    const [c, sampleC] = at(140)('C', 3, green);
    const diamond = pdfPath(
      4,
      [
        { px: 92, py: 114 },
        { px: 98, py: 120 },
        { px: 92, py: 126 },
        { px: 86, py: 120 },
      ],
      { fill: green },
    );
    const entries = findLegendEntries(
      [a, b, c],
      [diamond, sampleA, sampleB, sampleC],
      new Set(),
      new Set(),
    );
    const entry = entries.find((found) => found.name === 'B');
    expect(entry?.marker?.fill).toEqual(blue);
    expect(entry?.paths).toEqual([2]);
  });

  it('passes over an error bar nearer the text than the sample', () => {
    const bar = pdfPath(
      1,
      [
        { px: 98, py: 90 },
        { px: 98, py: 110 },
      ],
      { stroke: red },
    );
    const [entry] = findLegendEntries(
      [text('AdamW', 100)],
      [bar, square(2, 85, blue)],
      new Set(),
      new Set(),
    );
    expect(entry?.name).toBe('AdamW');
    expect(entry?.marker?.fill).toEqual(blue);
  });
});
