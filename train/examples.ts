import {
  cutCandidates,
  GRID_COLUMNS,
  GRID_ROWS,
  glyphFeatures,
  trimColumns,
} from '../src/ocr/glyphFeatures.js';
import { JUNK, MAX_GLYPH_WIDTH } from '../src/ocr/glyphs.js';
import { INK_ON, inkOf, lineGeometry, type Pixels } from '../src/ocr/inkImage.js';
import { CLASS_OF, CLASSES, random } from './labels.js';
import { type Placed, regionInk, type Sheet } from './sheets.js';

/** Training examples cut from drawn labels, as the recogniser cuts them. */

/** A piece matches a glyph when its ends are within this many px of the glyph's, in all. */
const MATCH_PX = 1.5;
/** A piece is junk when it misses every glyph by more than this many px (or cap heights). */
const JUNK_PX = 2;
const JUNK_CAPS = 0.3;
/** The most junk examples kept per label that are parts of glyphs. */
const JUNK_PER_LABEL = 2;

/** A grey this far below white is ink (as readChartText's label boxes are cut). */
const BOX_INK = 60;

export interface Samples {
  pixels: Uint8Array[];
  extras: Float32Array[];
  classes: number[];
  /** Glyphs no pair of candidate cuts isolates. */
  uncut: number;
  /** Labels left out because their prefixes were drawn elsewhere. */
  misaligned: number;
  glyphs: number;
}

/** A glyph of a drawn label: its character and its columns in the label's ink. */
interface Glyph {
  char: string;
  from: number;
  to: number;
}

/**
 * A drawn label's ink (cut to its box as readChartText cuts it), its geometry and where each
 * of its glyphs lies, from where the ink of its prefixes (drawn in `clean`) grows; `aligned`
 * false where a prefix was drawn elsewhere than its label. Null where the label holds no ink
 * or a glyph was not found.
 */
function labelGlyphs(clean: Pixels, image: Pixels, placed: Placed) {
  const chars = [...placed.label.replace(/^\^/, '')];
  const top = placed.y - Math.ceil(placed.size * 1.6);
  const bottom = placed.y + Math.ceil(placed.size * 0.6);
  const left = Math.max(0, placed.x - 3);
  const right = Math.min(image.width, placed.x + placed.width + 4);
  // The label's box, cut to its ink as readChartText cuts it.
  let [l, r, t, b] = [right, left, bottom, top];
  for (let row = Math.max(0, top); row < Math.min(image.height, bottom); row++) {
    for (let column = left; column < right; column++) {
      if (255 - image.data[row * image.width + column] > BOX_INK) {
        l = Math.min(l, column);
        r = Math.max(r, column + 1);
        t = Math.min(t, row);
        b = Math.max(b, row + 1);
      }
    }
  }
  if (r <= l) return null;
  const box = { left: l, right: r, top: t, bottom: b };
  let dark = 255;
  for (let row = t; row < b; row++) {
    for (let column = l; column < r; column++)
      dark = Math.min(dark, image.data[row * image.width + column]);
  }
  const ink = inkOf(image, box, 255, dark);
  const geometry = lineGeometry(ink);
  if (!geometry) return null;
  // Each glyph's columns: where its prefix's ink grows (from the clean drawing) as much as
  // the recogniser counts as ink.
  const rows = bottom - top;
  const prefixInk = chars.map((_, k) => {
    const shift = k === chars.length - 1 ? 0 : (k + 1) * placed.pitch;
    return regionInk(clean, l, r, top + shift, bottom + shift, dark);
  });
  const glyphs: Glyph[] = [];
  let previous: Float32Array = new Float32Array((r - l) * rows);
  chars.forEach((char, k) => {
    const ink = prefixInk[k];
    let from = -1;
    let to = -1;
    for (let column = 0; column < r - l; column++) {
      for (let row = 0; row < rows; row++) {
        const o = row * (r - l) + column;
        if (ink[o] - previous[o] >= INK_ON) {
          if (from < 0) from = column;
          to = column + 1;
          break;
        }
      }
    }
    previous = ink;
    if (char.trim() === '' || char === '\u2009') return;
    if (from >= 0) glyphs.push({ char, from, to });
  });
  if (glyphs.length !== chars.filter((c) => c.trim() !== '' && c !== '\u2009').length) return null;
  // A prefix drawn elsewhere than its label (a renderer aligning on ink) leaves no sure glyphs.
  const aligned = glyphs.every(
    (glyph, k) =>
      glyph.to - glyph.from <= MAX_GLYPH_WIDTH * geometry.capHeight + 1 &&
      (k === 0 || (glyph.from >= glyphs[k - 1].from && glyph.to >= glyphs[k - 1].to)),
  );
  return { ink, geometry, glyphs, aligned };
}

/**
 * Adds the examples of one drawn label to `samples`: the pieces between candidate cuts that
 * match a glyph, as that glyph's class, and (from labels whose every glyph was found) a few
 * that match none, as JUNK.
 */
export function addLabel(
  samples: Samples,
  sheet: Sheet,
  clean: Pixels,
  image: Pixels,
  placed: Placed,
): void {
  const found = labelGlyphs(clean, image, placed);
  if (!found) return;
  const { ink, geometry, glyphs } = found;
  if (!found.aligned) {
    samples.misaligned++;
    return;
  }
  const cuts = cutCandidates(ink, geometry.capHeight);
  const pieces: { from: number; to: number }[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    for (let j = i + 1; j < cuts.length; j++) {
      const trimmed = trimColumns(ink, cuts[i], cuts[j]);
      if (!trimmed) continue;
      if (trimmed[1] - trimmed[0] > MAX_GLYPH_WIDTH * geometry.capHeight + 1) break;
      if (!pieces.some((p) => p.from === trimmed[0] && p.to === trimmed[1])) {
        pieces.push({ from: trimmed[0], to: trimmed[1] });
      }
    }
  }
  const miss = (piece: { from: number; to: number }, glyph: { from: number; to: number }) =>
    Math.abs(piece.from - glyph.from) + Math.abs(piece.to - glyph.to);
  const add = (piece: { from: number; to: number }, cls: string) => {
    const features = glyphFeatures(ink, geometry, piece.from, piece.to);
    const grid = GRID_ROWS * GRID_COLUMNS;
    samples.pixels.push(
      Uint8Array.from(features.subarray(0, grid), (v) => Math.round(Math.min(1, v) * 255)),
    );
    samples.extras.push(features.slice(grid));
    samples.classes.push(CLASSES.indexOf(cls));
  };
  let matched = 0;
  for (const glyph of glyphs) {
    samples.glyphs++;
    let best: { from: number; to: number } | null = null;
    for (const piece of pieces) if (!best || miss(piece, glyph) < miss(best, glyph)) best = piece;
    if (!best || miss(best, glyph) > MATCH_PX) {
      if (process.env.DEBUG_UNCUT) {
        console.log(
          JSON.stringify({
            font: sheet.font.name,
            label: placed.label,
            cap: placed.cap.toFixed(1),
            geometry,
            glyph,
            glyphs: glyphs.map((g) => [g.char, g.from, g.to]),
            cuts,
            best,
          }),
        );
      }
      samples.uncut++;
      continue;
    }
    add(best, CLASS_OF[glyph.char] ?? glyph.char);
    matched++;
  }
  // Junk only from labels whose every glyph was found: elsewhere a glyph could pass for junk.
  if (matched < glyphs.length) return;
  const margin = Math.max(JUNK_PX, JUNK_CAPS * geometry.capHeight);
  const junk = pieces.filter((piece) => glyphs.every((glyph) => miss(piece, glyph) > margin));
  // Pieces holding a glyph and more of its neighbour than a margin are the junk most like a
  // glyph (`1e` read as `e`): as many are kept as the label has glyphs; of the rest (parts
  // of glyphs), a few.
  const holds = (piece: { from: number; to: number }, glyph: { from: number; to: number }) =>
    piece.from <= glyph.from + 1 && piece.to >= glyph.to - 1;
  const merged = junk.filter((piece) => glyphs.some((glyph) => holds(piece, glyph)));
  const parts = junk.filter((piece) => !merged.includes(piece));
  for (let k = 0; k < glyphs.length && merged.length > 0; k++) {
    add(merged.splice(Math.floor(random() * merged.length), 1)[0], JUNK);
  }
  for (let k = 0; k < JUNK_PER_LABEL && parts.length > 0; k++) {
    add(parts.splice(Math.floor(random() * parts.length), 1)[0], JUNK);
  }
}
