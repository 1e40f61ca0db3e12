import type { PdfText } from './types.js';
import { applyMatrix, boxOf, type Matrix } from './walkOperators.js';

/** What pdfjs gives for one text item (`getTextContent().items`). */
export interface TextItemLike {
  str?: unknown;
  width?: unknown;
  transform?: unknown;
  fontName?: unknown;
  hasEOL?: unknown;
}

/** What pdfjs gives for a font's metrics (`getTextContent().styles`). */
export type TextStyles = Readonly<Record<string, { ascent?: number; descent?: number }>>;

/** Ascent and descent (in ems) where a font does not tell them: Helvetica's, rounded. */
const DEFAULT_ASCENT = 0.8;
const DEFAULT_DESCENT = -0.2;

/**
 * Turns pdfjs's text items into text runs in page pixels (`base` maps PDF user space to them):
 * baseline start, direction, font size, advance and box. Blank items (the spaces and line
 * ends pdfjs inserts) are dropped; a space between two items of a line marks the one after it
 * (`spaceBefore`). Never throws: malformed items are skipped.
 */
export function readTextItems(
  items: readonly TextItemLike[],
  styles: TextStyles,
  base: Matrix,
): PdfText[] {
  const texts: PdfText[] = [];
  const linear: Matrix = [base[0], base[1], base[2], base[3], 0, 0];
  // pdfjs puts a space item between two runs of a line a word gap apart, by its own measure
  // (R's pdf() draws `Site A` as `Site` and `A` 0.1 em apart, a space glyph between).
  let spaced = false;
  for (const item of items) {
    if (typeof item.str !== 'string') continue;
    if (item.str.trim() === '') {
      spaced = item.str !== '' && item.hasEOL !== true;
      continue;
    }
    const spaceBefore = spaced;
    spaced = false;
    const t = item.transform;
    if (!Array.isArray(t) || t.length < 6 || !t.every(Number.isFinite)) continue;
    const origin = applyMatrix(base, t[4], t[5]);
    const along = applyMatrix(linear, t[0], t[1]);
    const up = applyMatrix(linear, t[2], t[3]);
    const size = Math.hypot(up.px, up.py);
    const alongLength = Math.hypot(along.px, along.py);
    if (!(size > 0) || !(alongLength > 0)) continue;
    // item.width is in user space along the baseline; the base scales it like any length.
    const lengthScale = Math.sqrt(Math.abs(base[0] * base[3] - base[1] * base[2]));
    const width = (typeof item.width === 'number' ? item.width : 0) * lengthScale;
    const style = typeof item.fontName === 'string' ? styles[item.fontName] : undefined;
    const ascent = plausible(style?.ascent, 0.5, 1.2) ?? DEFAULT_ASCENT;
    const descent = plausible(style?.descent, -0.5, 0) ?? DEFAULT_DESCENT;
    const ux = along.px / alongLength;
    const uy = along.py / alongLength;
    const vx = up.px / size;
    const vy = up.py / size;
    const corner = (advance: number, rise: number) => ({
      px: origin.px + ux * advance + vx * rise * size,
      py: origin.py + uy * advance + vy * rise * size,
    });
    texts.push({
      ...(spaceBefore && { spaceBefore: true as const }),
      text: item.str.normalize('NFC'),
      x: origin.px,
      y: origin.py,
      angle: normalizeAngle((Math.atan2(-uy, ux) * 180) / Math.PI),
      size,
      width,
      box: boxOf([
        corner(0, descent),
        corner(width, descent),
        corner(0, ascent),
        corner(width, ascent),
      ]),
    });
  }
  return texts;
}

function plausible(value: number | undefined, min: number, max: number): number | null {
  return typeof value === 'number' && value >= min && value <= max && value !== 0 ? value : null;
}

/** An angle in degrees folded into (-180, 180], with float noise near whole degrees removed. */
function normalizeAngle(degrees: number): number {
  let angle = degrees % 360;
  if (angle <= -180) angle += 360;
  if (angle > 180) angle -= 360;
  const whole = Math.round(angle);
  return Math.abs(angle - whole) < 1e-6 ? whole : angle;
}
