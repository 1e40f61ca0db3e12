import { JUNK } from '../src/ocr/glyphs.js';

/** The classes the recogniser learns, the fonts it learns them from, and random tick labels. */

/** The classes, JUNK last. `×` stands for `x` too, `-` for `−` and `–`. */
export const CLASSES = [...'0123456789.,-+%kKMBGeE×', JUNK];
export const CLASS_OF: Record<string, string> = { '−': '-', '–': '-', x: '×' };

export interface TrainFont {
  name: string;
  family: string;
  renderer: 'matplotlib' | 'svg';
  /** The font whose cap height ratio sets the sizes (what fontconfig resolves the family to). */
  resolved?: string;
  /** The font has no U+2212: a hyphen is drawn instead. */
  noMinus?: boolean;
}

const MPL = (name: string, family: string, extra: Partial<TrainFont> = {}): TrainFont => ({
  name: `mpl-${name}`,
  family,
  renderer: 'matplotlib',
  ...extra,
});
const SVG = (name: string, family: string, extra: Partial<TrainFont> = {}): TrainFont => ({
  name: `svg-${name}`,
  family,
  renderer: 'svg',
  ...extra,
});

export const FONTS: TrainFont[] = [
  MPL('dejavu', 'DejaVu Sans'),
  MPL('dejavu-serif', 'DejaVu Serif'),
  MPL('dejavu-mono', 'DejaVu Sans Mono'),
  MPL('liberation-sans', 'Liberation Sans'),
  MPL('liberation-serif', 'Liberation Serif'),
  MPL('liberation-narrow', 'Liberation Sans Narrow'),
  MPL('nimbus-sans', 'Nimbus Sans'),
  MPL('nimbus-roman', 'Nimbus Roman'),
  MPL('nimbus-narrow', 'Nimbus Sans Narrow'),
  MPL('cm', 'cm'),
  MPL('carlito', 'Carlito'),
  MPL('caladea', 'Caladea'),
  MPL('freesans', 'FreeSans'),
  MPL('freeserif', 'FreeSerif'),
  MPL('urw-gothic', 'URW Gothic'),
  MPL('p052', 'P052'),
  MPL('c059', 'C059'),
  MPL('roboto', 'Roboto'),
  MPL('roboto-condensed', 'Roboto Condensed'),
  MPL('open-sans', 'Open Sans'),
  MPL('lato', 'Lato'),
  MPL('noto-sans', 'Noto Sans', { noMinus: true }),
  SVG('dejavu', 'DejaVu Sans'),
  SVG('dejavu-serif', 'DejaVu Serif'),
  SVG('liberation-sans', 'Liberation Sans'),
  SVG('liberation-serif', 'Liberation Serif'),
  SVG('nimbus-sans', 'Nimbus Sans'),
  SVG('nimbus-roman', 'Nimbus Roman'),
  SVG('noto-sans', 'Noto Sans'),
  SVG('roboto', 'Roboto'),
  SVG('open-sans', 'Open Sans'),
  SVG('lato', 'Lato'),
  SVG('carlito', 'Carlito'),
  SVG('freesans', 'FreeSans'),
  SVG('urw-gothic', 'URW Gothic'),
];

/** Labels drawn per font. */
export const LABELS_PER_FONT = 420;
/** Cap heights (px) drawn: most small, where reading is hard. */
const CAP_RANGES: [number, number, number][] = [
  // [share, from, to]
  [0.45, 4.5, 8],
  [0.35, 8, 13],
  [0.2, 13, 24],
];
export const GREYS = ['#000000', '#000000', '#000000', '#262626', '#444444', '#666666'];
let state = 1;
export function seed(value: number): void {
  state = value;
}
/** A linear congruential generator: repeatable without a dependency. */
export function random(): number {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
}
export const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const digits = (n: number, first = '123456789') =>
  pick([...first]) + Array.from({ length: n - 1 }, () => pick([...'0123456789'])).join('');

/** One random tick label, in the shapes renderers print. */
export function randomLabel(): string {
  const r = random();
  const sign = () => pick(['', '', '', '', '−', '-', '+'].slice(0, r < 0.9 ? 6 : 7));
  if (r < 0.1) {
    // A raised exponent, read apart from its base: `^` draws it raised (Unicode superscripts
    // in SVG, mathtext in matplotlib), else as plain text.
    const raised = random() < 0.6 ? '^' : '';
    return (
      raised + pick(['', '', '−', '-', '+']) + digits(1 + Math.floor(random() * 2), '0123456789')
    );
  }
  if (r < 0.14)
    return pick([
      '10',
      '1×10',
      '2×10',
      '5×10',
      `${digits(1)}.${digits(1, '0123456789')}×10`,
      '1x10',
    ]);
  if (r < 0.24) {
    const mantissa =
      random() < 0.5
        ? digits(1, '0123456789')
        : `${digits(1)}.${digits(1 + Math.floor(random() * 2), '0123456789')}`;
    const exponent =
      pick(['-', '+', '−', '']) + (random() < 0.6 ? '0' : '') + digits(1, '0123456789');
    return `${sign()}${mantissa}${pick(['e', 'e', 'E'])}${exponent}`;
  }
  const whole = random() < 0.25 ? '0' : digits(1 + Math.floor(random() * (random() < 0.3 ? 7 : 4)));
  let text = whole;
  if (whole.length >= 4 && random() < 0.5) {
    const separator = pick([',', ',', ',', ' ', '.', '\u2009']);
    text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }
  if (random() < 0.5 && !text.includes('.')) {
    text += `.${digits(1 + Math.floor(random() * 3), '0123456789')}`;
  }
  const suffix = random();
  if (suffix < 0.12) text += '%';
  else if (suffix < 0.24) text += pick(['k', 'k', 'K', 'M', 'M', 'B', 'G']);
  return sign() + text;
}

export function capHeightOf(): number {
  let u = random();
  for (const [share, from, to] of CAP_RANGES) {
    if (u < share) return from + random() * (to - from);
    u -= share;
  }
  return 10;
}

/** matplotlib mathtext for a label in Computer Modern (as the stress set draws it). */
export function cmText(label: string): string {
  if (label.trim() === '') return '';
  const tex = label
    .replace(/[a-zA-Z]+/g, (letters) => (letters === 'x' ? '\\times ' : `\\mathrm{${letters}}`))
    .replaceAll('−', '-')
    .replaceAll('×', '\\times ')
    .replaceAll(',', '{,}')
    .replaceAll('\u2009', '\\,')
    .replaceAll(' ', '\\ ')
    .replaceAll('%', '\\%')
    .replace(/}-/g, '}{-}')
    .replace(/}\+/g, '}{+}');
  return `$${tex}$`;
}
