import sharp from 'sharp';
import { SUPERSCRIPT } from '../bench/ticks/labels.js';
import type { Pixels } from '../src/ocr/inkImage.js';
import { cmText, random, type TrainFont } from './labels.js';

/** Sheets of labels to draw, and the grey pixels of a drawn sheet. */

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface Placed {
  label: string;
  cap: number;
  size: number;
  color: string;
  x: number;
  y: number;
  /** Rows between a label's prefixes (px). */
  pitch: number;
  /** Width reserved for it (px). */
  width: number;
  /** Subpixel shift of the label and its prefixes (SVG only: Agg snaps text to pixels). */
  dx: number;
}

export interface Sheet {
  font: TrainFont;
  file: string;
  width: number;
  height: number;
  placed: Placed[];
}

const SHEET_WIDTH = 1800;
const SHEET_HEIGHT = 1800;

/** Lays out labels and their prefixes in columns over as many sheets as they need. */
export function layOut(
  font: TrainFont,
  labels: { label: string; cap: number; size: number; color: string }[],
): Sheet[] {
  const sheets: Sheet[] = [];
  let sheet: Sheet | null = null;
  let x = 10;
  let y = 0;
  let columnWidth = 0;
  for (const item of labels) {
    const pitch = Math.ceil(item.size * 2.2);
    const width = Math.ceil([...item.label].length * item.size * 0.7 + item.size);
    const height = pitch * ([...item.label].length + 1);
    if (!sheet || y + height > SHEET_HEIGHT - 10) {
      x += columnWidth + 10;
      y = 0;
      columnWidth = 0;
      if (!sheet || x + width > SHEET_WIDTH - 10) {
        sheet = {
          font,
          file: `${font.name}-${sheets.length}.png`,
          width: SHEET_WIDTH,
          height: SHEET_HEIGHT,
          placed: [],
        };
        sheets.push(sheet);
        x = 10;
      }
    }
    sheet.placed.push({
      ...item,
      x,
      y: y + Math.ceil(item.size * 1.5),
      pitch,
      width,
      dx: font.renderer === 'svg' ? random() : 0,
    });
    y += height;
    columnWidth = Math.max(columnWidth, width);
  }
  return sheets;
}

/** The text items of a sheet: each label, then each of its prefixes below it. */
export function itemsOf(
  sheet: Sheet,
): { text: string; x: number; y: number; size: number; color: string }[] {
  return sheet.placed.flatMap((placed) => {
    const raised = placed.label.startsWith('^');
    const chars = [...placed.label.replace(/^\^/, '')];
    const drawn = (text: string) => {
      const plain = sheet.font.noMinus ? text.replaceAll('−', '-') : text;
      if (!raised) return sheet.font.family === 'cm' ? cmText(plain) : plain;
      if (sheet.font.renderer === 'svg') return [...text].map((c) => SUPERSCRIPT[c] ?? c).join('');
      const tex = plain.replaceAll('−', '-');
      return sheet.font.family === 'cm' ? `$^{${tex}}$` : `$\\mathdefault{^{${tex}}}$`;
    };
    return [chars.join(''), ...chars.map((_, k) => chars.slice(0, k + 1).join(''))]
      .slice(0, chars.length)
      .map((text, row) => ({
        text: drawn(text),
        x: placed.x + placed.dx,
        y: placed.y + row * placed.pitch,
        size: placed.size,
        color: placed.color,
      }))
      .filter((item) => item.text.trim() !== '' && item.text !== '$$');
  });
}

export async function greyOfFile(path: string, jpegQuality: number | null): Promise<Pixels> {
  let pipeline = sharp(path).flatten({ background: '#ffffff' });
  if (jpegQuality !== null) {
    const jpeg = await pipeline.jpeg({ quality: jpegQuality }).toBuffer();
    pipeline = sharp(jpeg);
  }
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const out = new Uint8Array(info.width * info.height);
  for (let i = 0, o = 0; i < out.length; i++, o += info.channels) {
    out[i] = Math.round(0.2126 * data[o] + 0.7152 * data[o + 1] + 0.0722 * data[o + 2]);
  }
  return { data: out, width: info.width, height: info.height, channels: 1 };
}

/** The ink (0..1, white page) of a region of a grey image, row-major. */
export function regionInk(
  grey: Pixels,
  left: number,
  right: number,
  top: number,
  bottom: number,
  dark: number,
): Float32Array {
  const width = right - left;
  const out = new Float32Array(width * (bottom - top));
  const range = Math.max(1, 255 - dark);
  for (let row = Math.max(0, top); row < Math.min(grey.height, bottom); row++) {
    for (let column = left; column < right; column++) {
      out[(row - top) * width + column - left] = Math.max(
        0,
        (255 - grey.data[row * grey.width + column]) / range,
      );
    }
  }
  return out;
}
