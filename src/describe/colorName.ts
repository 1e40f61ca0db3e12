import { deltaE2000, fromHex, type Lab, type Rgb, rgbToLab } from '../color.js';
import { XKCD_COLORS } from './xkcdColors.js';

/**
 * The basic colour terms of English (Berlin and Kay, 1969): every speaker has them, and a
 * colour outside them ('salmon', 'teal') is named by one of them with a modifier.
 */
const BASIC_TERMS = [
  'black',
  'white',
  'red',
  'green',
  'yellow',
  'blue',
  'brown',
  'purple',
  'pink',
  'orange',
  'grey',
] as const;

/** The modifiers a basic term takes in plain speech; the survey names the colour of each pair. */
const MODIFIERS = ['', 'light ', 'dark '] as const;

/** The survey's names made of a basic term and at most one modifier, with their colour in Lab. */
const NAMES: ReadonlyArray<{ name: string; lab: Lab }> = XKCD_COLORS.filter(([name]) =>
  BASIC_TERMS.some((term) => MODIFIERS.some((modifier) => name === modifier + term)),
).map(([name, hex]) => ({ name, lab: rgbToLab(fromHex(hex)) }));

/**
 * The plain name of a colour, as a person would say it ("light blue", "dark red", "grey"): the
 * xkcd colour survey's colour nearest to it (CIEDE2000 in CIELAB) among the survey's names made
 * of a basic colour term with "light" or "dark" or neither. Takes `#rrggbb` or an RGB triple
 * (0..255); throws a TypeError for anything else.
 */
export function colorName(color: string | Rgb): string {
  const rgb = typeof color === 'string' ? fromHex(color) : color;
  if (!Array.isArray(rgb) || rgb.length !== 3 || !rgb.every((c) => c >= 0 && c <= 255)) {
    throw new TypeError(`Expected #rrggbb or an RGB triple for color but received ${color}`);
  }
  const lab = rgbToLab(rgb);
  let best = NAMES[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const entry of NAMES) {
    const distance = deltaE2000(lab, entry.lab);
    if (distance < bestDistance) {
      best = entry;
      bestDistance = distance;
    }
  }
  return best.name;
}
