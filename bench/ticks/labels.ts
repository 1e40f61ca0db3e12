/**
 * The tick-label stress set's contents: the label sets (one axis's labels each, as a renderer
 * prints them), the fonts and the cap heights. Shared by the renderer (`render.ts`) and the
 * bench (`bench.ts`).
 *
 * A label is written in a small markup: `^{...}` is a raised exponent, everything else is
 * printed as it stands (U+2212 minus, `×`, no-break spaces...).
 */

export interface LabelSet {
  id: string;
  labels: string[];
  /** The value each label stands for (what the calibration should find). */
  values: number[];
  scale: 'linear' | 'log';
}

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

export const LABEL_SETS: LabelSet[] = [
  set('decimal-1', ['0.0', '0.5', '1.0', '1.5', '2.0'], [0, 0.5, 1, 1.5, 2]),
  set('decimal-2', ['0.10', '0.12', '0.14', '0.16', '0.18'], [0.1, 0.12, 0.14, 0.16, 0.18]),
  set(
    'decimal-3',
    ['0.000', '0.025', '0.050', '0.075', '0.100'],
    range(5, (i) => i * 0.025),
  ),
  set('minus-decimal', ['−1.0', '−0.5', '0.0', '0.5', '1.0'], [-1, -0.5, 0, 0.5, 1]),
  set('hyphen-integer', ['-20', '-10', '0', '10', '20'], [-20, -10, 0, 10, 20]),
  set('minus-small', ['−0.04', '−0.02', '0.00', '0.02', '0.04'], [-0.04, -0.02, 0, 0.02, 0.04]),
  set(
    'integer',
    ['0', '20', '40', '60', '80', '100'],
    range(6, (i) => i * 20),
  ),
  set(
    'years',
    ['2000', '2005', '2010', '2015', '2020'],
    range(5, (i) => 2000 + i * 5),
  ),
  set(
    'comma',
    ['0', '2,000', '4,000', '6,000', '8,000'],
    range(5, (i) => i * 2000),
  ),
  set(
    'minus-comma',
    ['−2,000', '−1,000', '0', '1,000', '2,000'],
    range(5, (i) => (i - 2) * 1000),
  ),
  set(
    'comma-large',
    ['0', '250,000', '500,000', '750,000'],
    range(4, (i) => i * 250000),
  ),
  set(
    'space',
    ['0', '2 000', '4 000', '6 000', '8 000'],
    range(5, (i) => i * 2000),
  ),
  set(
    'dot-grouped',
    ['0', '2.000', '4.000', '6.000', '8.000'],
    range(5, (i) => i * 2000),
  ),
  set(
    'percent',
    ['0%', '20%', '40%', '60%', '80%', '100%'],
    range(6, (i) => i * 20),
  ),
  set(
    'percent-decimal',
    ['12.5%', '25.0%', '37.5%', '50.0%'],
    range(4, (i) => (i + 1) * 12.5),
  ),
  set(
    'kilo',
    ['0', '10k', '20k', '30k', '40k'],
    range(5, (i) => i * 10000),
  ),
  set(
    'kilo-decimal',
    ['2.5k', '5.0k', '7.5k', '10.0k'],
    range(4, (i) => (i + 1) * 2500),
  ),
  set(
    'mega',
    ['0.5M', '1.0M', '1.5M', '2.0M'],
    range(4, (i) => (i + 1) * 500000),
  ),
  set(
    'e-log',
    ['1e-05', '1e-04', '1e-03', '1e-02'],
    range(4, (i) => 10 ** (i - 5)),
    'log',
  ),
  set(
    'e-linear',
    ['0', '2e-3', '4e-3', '6e-3'],
    range(4, (i) => i * 0.002),
  ),
  set(
    'e-large',
    ['0.0e+00', '2.5e+06', '5.0e+06', '7.5e+06'],
    range(4, (i) => i * 2.5e6),
  ),
  set(
    'power-negative',
    ['10^{−3}', '10^{−2}', '10^{−1}', '10^{0}', '10^{1}'],
    range(5, (i) => 10 ** (i - 3)),
    'log',
  ),
  set(
    'power',
    ['10^{2}', '10^{4}', '10^{6}', '10^{8}'],
    range(4, (i) => 10 ** (2 * i + 2)),
    'log',
  ),
  set(
    'times-power',
    ['1×10^{3}', '2×10^{3}', '3×10^{3}', '4×10^{3}'],
    range(4, (i) => (i + 1) * 1000),
  ),
  set(
    'log-decimal',
    ['0.001', '0.01', '0.1', '1', '10'],
    range(5, (i) => 10 ** (i - 3)),
    'log',
  ),
];

function set(
  id: string,
  labels: string[],
  values: number[],
  scale: 'linear' | 'log' = 'linear',
): LabelSet {
  return { id, labels, values, scale };
}

export type Renderer = 'matplotlib' | 'chartjs' | 'vega' | 'svg-matplotlib';

export interface Font {
  /** Short name used in chart ids and tables. */
  id: string;
  /** Font family as the renderer is given it (`cm`: matplotlib's Computer Modern mathtext). */
  family: string;
  /** The font fontconfig resolves `family` to, whose cap height sets the size. */
  resolved: string;
  renderer: Renderer;
}

export const FONTS: Font[] = [
  { id: 'dejavu', family: 'DejaVu Sans', resolved: 'DejaVu Sans', renderer: 'matplotlib' },
  {
    id: 'liberation-sans',
    family: 'Liberation Sans',
    resolved: 'Liberation Sans',
    renderer: 'matplotlib',
  },
  {
    id: 'liberation-serif',
    family: 'Liberation Serif',
    resolved: 'Liberation Serif',
    renderer: 'matplotlib',
  },
  { id: 'nimbus-sans', family: 'Nimbus Sans', resolved: 'Nimbus Sans', renderer: 'matplotlib' },
  { id: 'nimbus-roman', family: 'Nimbus Roman', resolved: 'Nimbus Roman', renderer: 'matplotlib' },
  { id: 'cm', family: 'cm', resolved: 'cm', renderer: 'matplotlib' },
  { id: 'carlito', family: 'Carlito', resolved: 'Carlito', renderer: 'matplotlib' },
  // Noto Sans (lacking U+2212 in the version installed) is drawn by the Vega look below.
  { id: 'dejavu-serif', family: 'DejaVu Serif', resolved: 'DejaVu Serif', renderer: 'matplotlib' },
  // Chart.js's default font list; fontconfig gives Nimbus Sans for Helvetica.
  {
    id: 'chartjs',
    family: "'Helvetica Neue', 'Helvetica', 'Arial', sans-serif",
    resolved: 'Nimbus Sans',
    renderer: 'chartjs',
  },
  // Vega's default font; fontconfig gives Noto Sans for sans-serif on the machine that drew it.
  { id: 'vega', family: 'sans-serif', resolved: 'Noto Sans', renderer: 'vega' },
  { id: 'roboto', family: 'Roboto', resolved: 'Roboto', renderer: 'chartjs' },
  { id: 'open-sans', family: 'Open Sans', resolved: 'Open Sans', renderer: 'svg-matplotlib' },
  { id: 'lato', family: 'Lato', resolved: 'Lato', renderer: 'vega' },
];

/** Cap heights (px) of the labels drawn: every whole size from 5 to 16. */
export const CAP_HEIGHTS = range(12, (i) => i + 5);

/** Charts per font and cap height; each chart holds two label sets (x and y). */
export const CHARTS_PER_CELL = 3;

/**
 * A label's text as OCR should give it: exponents as `^e`, minus signs as `-`, no spaces, `k`
 * for `K` (the same value to the parser).
 */
export function canonical(text: string): string {
  return text
    .replaceAll('K', 'k')
    .replace(/\^\{([^}]*)\}/g, '^$1')
    .replace(/[\u2212\u2013]/g, '-')
    .replace(/(\d) ?[x×] ?(?=10)/g, '$1×')
    .replace(/[\s\u00a0\u2009\u202f]/g, '');
}

/** Unicode superscripts, as SVG charts print exponents (`10⁻³`). */
export const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '−': '⁻',
  '-': '⁻',
  '+': '⁺',
};
