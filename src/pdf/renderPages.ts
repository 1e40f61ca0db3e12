import { DigitizeError } from '../errors.js';
import type { Raster } from '../types.js';
import { DEFAULT_PDF_SCALE } from './digitizePdf.js';
import { loadCanvas, openPdf } from './openPdf.js';

export interface RenderPagesOptions {
  /** The input as reported in errors (a path, or null for bytes). */
  source: string | null;
  /** A page (or an image on it) with more pixels than this is not rendered. */
  maxPixels: number;
  /** Pixels per PDF point: the scale `digitizePdf` gave its results in. @default 2 */
  scale?: number;
}

/**
 * Renders whole pages of a PDF (1-based numbers) to RGB on white, in the pixels its results
 * are given in, for the overlay. Resolves to null where no canvas is installed (the optional
 * `@napi-rs/canvas`). Throws DigitizeError IMAGE_TOO_LARGE for a page of more than `maxPixels`
 * pixels, and as `openPdf` does for a PDF it cannot open.
 */
export async function renderPdfPages(
  bytes: Uint8Array,
  pages: readonly number[],
  { source, maxPixels, scale = DEFAULT_PDF_SCALE }: RenderPagesOptions,
): Promise<Raster[] | null> {
  if ((await loadCanvas()) === null) return null;
  const doc = await openPdf(bytes, { source, maxPixels });
  try {
    const rasters: Raster[] = [];
    for (const page of pages) {
      const raster = await doc.renderRegion(page, scale);
      if (raster === null) {
        throw new DigitizeError(
          'IMAGE_TOO_LARGE',
          'export',
          `page ${page} rendered is over the limit of ${maxPixels} pixels`,
          { input: source },
        );
      }
      rasters.push(raster);
    }
    return rasters;
  } finally {
    await doc.close().catch(() => {});
  }
}
