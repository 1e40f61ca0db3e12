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
/** The widest run of curve pixels (a thick line's width, px) bridged between two text pixels. */
const BRIDGE = 8;

/**
 * The image with the ink of series curves inside legend text boxes (`boxes`) painted over in
 * each box's paper colour (its commonest): coloured pixels near one of the series colours
 * (`colors`, the legend's samples'), as a curve crossing a name is, and OCR would read its
 * strokes as glyphs (a JPEG's coloured fringe on black text is no series colour). Where the
 * curve runs over a glyph's stroke, the curve's pixels between text ink above and below (across
 * at most `BRIDGE` pixels of curve) are the stroke's: they are painted in the darker side's
 * colour, so a `c` or a `2` is not cut in two and read as nothing. Not left and right: a curve
 * through the gap between two letters would join them. Boxes whose ink is mostly coloured
 * (coloured text) are left as they are. Returns `image` itself when nothing is painted, else a
 * copy.
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
    if (curve.length === 0 || colored.length > ink.length * CROSSING_SHARE) continue;
    out ??= Uint8Array.from(data);
    const painted = out;
    const isText = (o: number) =>
      channelSpread(data, o) <= TEXT_GREY &&
      [0, 1, 2].some((k) => Math.abs(data[o + k] - paper[k]) > INK);
    // The first pixel past the curve (and its coloured fringe) from `o` in steps of `step`
    // bytes, while `inside` holds: text ink there, or -1.
    const textPast = (o: number, step: number, inside: (p: number) => boolean) => {
      for (let p = o + step, n = 0; n < BRIDGE && inside(p); p += step, n++) {
        if (isText(p)) return p;
        if (channelSpread(data, p) <= TEXT_GREY) return -1;
      }
      return -1;
    };
    const rowStep = width * 3;
    const luma = (o: number) => data[o] + data[o + 1] + data[o + 2];
    const bridged = curve.map((o) => {
      const inRows = (p: number) => p >= top * rowStep && p < bottom * rowStep;
      const a = textPast(o, -rowStep, inRows);
      const b = a < 0 ? -1 : textPast(o, rowStep, inRows);
      return b < 0 ? -1 : luma(a) <= luma(b) ? a : b;
    });
    for (const [i, o] of curve.entries()) {
      painted.set(bridged[i] < 0 ? paper : data.subarray(bridged[i], bridged[i] + 3), o);
    }
  }
  return out ? { ...image, data: out } : image;
}
