import sharp from 'sharp';
import type { Raster } from '../../src/types.js';

/** `svgBody` drawn on white, `width` x `height` px, as an SVG document. */
function onWhite(width: number, height: number, svgBody: string): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#fff"/>${svgBody}</svg>`,
  );
}

/** SVG drawn on white, `width` x `height` px, as an RGB raster. */
export function rgbRasterOf(width: number, height: number) {
  return async (svgBody: string): Promise<Raster> => {
    const { data } = await sharp(onWhite(width, height, svgBody))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data), width, height, channels: 3 };
  };
}

/**
 * A rasteriser for SVG drawn in black on white, `width` x `height` px: it returns how black
 * each pixel is (0..1), row by row, as a series' weight mask.
 */
export function inkWeightOf(width: number, height: number) {
  return async (svgBody: string): Promise<Float32Array> => {
    const { data } = await sharp(onWhite(width, height, svgBody))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return Float32Array.from(data, (grey) => 1 - grey / 255);
  };
}
