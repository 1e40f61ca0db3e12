import { channelDistance, channelSpread, mostCommonColor, type Rgb } from '../color.js';
import type { Box, Raster } from '../types.js';

/** Channels within this of each other are grey: legend text is black or grey. */
const TEXT_GREY = 40;
/** Pixels this far (0..255, any channel) from a box's paper are ink; this near a series colour, its curve's. */
const INK = 60;
/**
 * A box whose coloured ink is at most this share of its ink holds grey text crossed by a
 * curve; more, and the text itself is coloured (kept as it is).
 */
const CROSSING_SHARE = 0.4;
/** A curve's blends with grey lie this many px from its own pixels at most... */
const BLEND_REACH = 2;
/** ...and have this share of its colour's chroma at least... */
const BLEND_SHARE = 0.2;
/** ...pointing its way: the cosine of the angle between the two at least this. */
const BLEND_ALIGN = 0.9;
/** A grid line's pixels differ from the paper by more than this (0..255, any channel): light grey lines are ink. */
const LINE_INK = 12;

/**
 * The image with the ink of series curves inside legend text boxes (`boxes`) painted over in
 * each box's paper colour (its commonest): coloured pixels near one of the series colours
 * (`colors`, the legend's samples'), as a curve crossing a name is, and OCR would read its
 * strokes as glyphs (a JPEG's coloured fringe on black text is no series colour). Boxes whose
 * ink is mostly coloured (coloured text) are left as they are. Returns `image` itself when
 * nothing is painted, else a copy.
 */
export function neutralText(image: Raster, boxes: Box[], colors: Rgb[]): Raster {
  const { data, width, height } = image;
  let out: Uint8Array | null = null;
  for (const box of boxes) {
    const left = Math.max(0, Math.floor(box.left));
    const right = Math.min(width, Math.ceil(box.right));
    const top = Math.max(0, Math.floor(box.top));
    const bottom = Math.min(height, Math.ceil(box.bottom));
    const offsets: number[] = [];
    for (let row = top; row < bottom; row++) {
      for (let column = left; column < right; column++) offsets.push((row * width + column) * 3);
    }
    if (offsets.length === 0) continue;
    const paper = mostCommonColor(data, offsets);
    const ink = offsets.filter((o) =>
      [0, 1, 2].some((k) => Math.abs(data[o + k] - paper[k]) > INK),
    );
    const colored = ink.filter((o) => channelSpread(data, o) > TEXT_GREY);
    const curve = colored.filter((o) =>
      colors.some((color) => channelDistance(data, o, color) <= INK),
    );
    const crossing = curve.length > 0 && colored.length <= ink.length * CROSSING_SHARE;
    if (crossing) curve.push(...blends(image, { left, right, top, bottom }, curve, colors));
    const grid = gridLines(image, { left, right, top, bottom }, paper);
    if (!crossing && grid.length === 0) continue;
    out ??= Uint8Array.from(data);
    if (crossing) for (const o of curve) out.set(paper, o);
    for (const o of grid) out.set(paper, o);
  }
  return out ? { ...image, data: out } : image;
}

/**
 * Pixels next to a curve's (`curve`, offsets), within BLEND_REACH px, that are its colour
 * blended with grey (the text's or the paper's): their chroma points the way one of `colors`'
 * does, at a share of its strength. Where a curve crosses a glyph, its anti-aliased edge is
 * such a blend; left in, OCR reads it as a stroke (`Sensor 1` read `Sensor`).
 */
function blends(image: Raster, box: Box, curve: number[], colors: Rgb[]): number[] {
  const { data, width } = image;
  const chroma = (r: number, g: number, b: number) => {
    const mean = (r + g + b) / 3;
    return [r - mean, g - mean, b - mean];
  };
  const norm = (v: number[]) => Math.hypot(v[0], v[1], v[2]);
  const hues = colors.map((color) => chroma(...color)).filter((v) => norm(v) > TEXT_GREY);
  const near = new Set<number>();
  for (const o of curve) {
    const pixel = o / 3;
    const row = Math.floor(pixel / width);
    const column = pixel - row * width;
    for (let dr = -BLEND_REACH; dr <= BLEND_REACH; dr++) {
      for (let dc = -BLEND_REACH; dc <= BLEND_REACH; dc++) {
        const r = row + dr;
        const c = column + dc;
        if (r >= box.top && r < box.bottom && c >= box.left && c < box.right)
          near.add((r * width + c) * 3);
      }
    }
  }
  for (const o of curve) near.delete(o);
  return [...near].filter((o) => {
    const v = chroma(data[o], data[o + 1], data[o + 2]);
    const length = norm(v);
    return hues.some((hue) => {
      const strength = norm(hue);
      const along = (v[0] * hue[0] + v[1] * hue[1] + v[2] * hue[2]) / strength;
      return length >= strength * BLEND_SHARE && along >= length * BLEND_ALIGN;
    });
  });
}

/**
 * The pixels of light grid lines drawn across a name's box (offsets into the image's data):
 * a column (or row) inked in every row (column) of the box and one past it on either side,
 * as a glyph's stroke is not, and lighter than the text, all of it, than halfway between the
 * box's darkest ink and its paper. OCR reads such a line beside a glyph as part of it (`r 1`
 * read `r`). Its pixels that halfway mark leaves lighter are returned; the text's are kept.
 */
function gridLines(image: Raster, box: Box, paper: Rgb): number[] {
  const { data, width, height } = image;
  const { left, right, top, bottom } = box;
  if (left < 1 || top < 1 || right >= width || bottom >= height) return [];
  const offset = (row: number, column: number) => (row * width + column) * 3;
  let darkest = Number.POSITIVE_INFINITY;
  for (let row = top; row < bottom; row++) {
    for (let column = left; column < right; column++) {
      darkest = Math.min(
        darkest,
        Math.max(...data.subarray(offset(row, column), offset(row, column) + 3)),
      );
    }
  }
  const halfway = (darkest + Math.max(...paper)) / 2;
  const lineInk = (o: number) => channelDistance(data, o, paper) > LINE_INK;
  const light = (o: number) => Math.max(data[o], data[o + 1], data[o + 2]) > halfway;
  const found: number[] = [];
  // along each column (a vertical line), then each row (a horizontal one)
  const lines = [
    {
      count: right - left,
      from: top - 1,
      to: bottom,
      at: (i: number, k: number) => offset(k, left + i),
    },
    {
      count: bottom - top,
      from: left - 1,
      to: right,
      at: (i: number, k: number) => offset(top + i, k),
    },
  ];
  for (const { count, from, to, at } of lines) {
    for (let i = 0; i < count; i++) {
      const pixels: number[] = [];
      for (let k = from; k <= to; k++) pixels.push(at(i, k));
      if (!pixels.every(lineInk)) continue;
      // the line's own pixels (where no glyph lies on it) are all light
      const own = pixels.filter(light);
      if (own.length < pixels.length / 2) continue;
      found.push(...own);
    }
  }
  return found;
}
