import { describe, expect, it } from 'vitest';
import { loadRaster } from '../../src/load/loadRaster.js';
import { DEFAULT_MODEL_DIR, type OcrEngine } from '../../src/ocr/engine.js';
import { loadGlyphModel } from '../../src/ocr/glyphModel.js';
import { readChartText } from '../../src/ocr/readChartText.js';
import { findPlotArea } from '../../src/plot/findPlotArea.js';
import { type ChartSpec, renderChart } from '../helpers/renderChart.js';

/** An engine with the committed glyph model whose tesseract reads nothing: glyphs alone. */
const glyphsOnly: OcrEngine = {
  glyphs: loadGlyphModel(DEFAULT_MODEL_DIR),
  recognize: async () => [],
  close: async () => {},
};

/** The tick labels the glyph recogniser reads on a chart drawn from `spec`. */
async function tickTexts(spec: ChartSpec): Promise<{ x: string[]; y: string[] }> {
  const { png } = await renderChart(spec);
  const { warnings: _, ...image } = await loadRaster(png);
  const text = await readChartText(image, findPlotArea(image), glyphsOnly);
  return { x: text.xTickWords.map((w) => w.text), y: text.yTickWords.map((w) => w.text) };
}

const BASE: ChartSpec = {
  width: 360,
  height: 260,
  xRange: [-0.1, 2.1],
  yRange: [-1100, 1100],
  xTicks: [0, 0.5, 1, 1.5, 2],
  yTicks: [-1000, -500, 0, 500, 1000],
  series: [],
};

describe('readTickGlyphs (through readChartText)', () => {
  // Small labels keep their decimal points, signs and thousands separators.
  it.each([
    ['DejaVu Sans', 'matplotlib', 10],
    ['Liberation Serif', 'matplotlib', 11],
    ['Roboto', 'vega', 10],
  ] as const)('reads %s labels (%s look, %i px) exactly', async (fontFamily, style, fontSize) => {
    const { x, y } = await tickTexts({ ...BASE, fontFamily, style, fontSize });
    expect(x).toEqual(['0.0', '0.5', '1.0', '1.5', '2.0']);
    // Any minus sign is read '-'; the web looks group thousands with a comma.
    const thousands = style === 'matplotlib' ? '' : ',';
    expect(y).toEqual([`1${thousands}000`, '500', '0', '-500', `-1${thousands}000`]);
  });

  // A comma's tail reaches past the rim of its core: what is left of it must not be read as a
  // point of its own, and one comma measured too shallow is outvoted by the axis' others.
  it.each([
    ['Liberation Sans', 16],
    ['Liberation Serif', 14],
    ['Liberation Serif', 20],
    ['Carlito', 11],
  ] as const)('tells %s commas (%i px) from points', async (fontFamily, fontSize) => {
    const { x, y } = await tickTexts({
      ...BASE,
      width: 420,
      height: 300,
      fontFamily,
      fontSize,
      yRange: [-100, 8500],
      yTicks: [0, 2000, 4000, 6000, 8000],
      tickFormat: (v, axis) => (axis === 'x' ? v.toFixed(1) : v.toLocaleString('en-US')),
    });
    expect(x).toEqual(['0.0', '0.5', '1.0', '1.5', '2.0']);
    expect(y).toEqual(['8,000', '6,000', '4,000', '2,000', '0']);
  });

  it('reads raised exponents apart', async () => {
    const { y } = await tickTexts({
      ...BASE,
      fontSize: 12,
      yScale: 'log',
      yRange: [5e-4, 20],
      yTicks: [1e-3, 1e-2, 1e-1, 1, 10],
    });
    expect(y).toEqual(['10^1', '10^0', '10^-1', '10^-2', '10^-3']);
  });

  it('reads a small raised exponent as one digit, not two', async () => {
    const superscript = (k: number) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[k];
    const { y } = await tickTexts({
      ...BASE,
      fontSize: 14,
      yRange: [0, 5.5e5],
      yTicks: [1e5, 2e5, 3e5, 4e5, 5e5],
      tickFormat: (v, axis) => (axis === 'x' ? String(v) : `${v / 1e5}×10${superscript(5)}`),
    });
    expect(y).toEqual(['5×10^5', '4×10^5', '3×10^5', '2×10^5', '1×10^5']);
  });

  it('reads crowded x labels run together apart, each at its tick', async () => {
    const ticks = [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000];
    const { x } = await tickTexts({
      ...BASE,
      width: 350,
      fontSize: 12,
      xRange: [0, 9000],
      xTicks: ticks,
      tickFormat: (v) => String(v),
    });
    expect(x).toEqual(ticks.map(String));
  });

  // d3's SI micro sign (Plotly, Vega): the recogniser's alphabet has no μ, which it read as
  // digits (`600,6`); its stem reaching below the digits' baseline tells it.
  it.each([
    ['Liberation Serif', 12],
    ['Liberation Sans', 10],
    ['DejaVu Sans', 11],
    ['DejaVu Serif', 16],
    ['Roboto', 14],
  ] as const)('reads a closing micro sign in %s (%i px) as μ', async (fontFamily, fontSize) => {
    const { x, y } = await tickTexts({
      ...BASE,
      fontFamily,
      fontSize,
      yRange: [-5e-4, 7e-4],
      yTicks: [-4e-4, -2e-4, 0, 2e-4, 4e-4, 6e-4],
      tickFormat: (v, axis) =>
        axis === 'x' ? String(v) : v === 0 ? '0' : `${Math.round(v * 1e6)}μ`,
    });
    expect(y).toEqual(['600μ', '400μ', '200μ', '0', '-200μ', '-400μ']);
    // digits alone keep their last glyph
    expect(x).toEqual(['0', '0.5', '1', '1.5', '2']);
  });
});
