import sharp from 'sharp';
import { DigitizeError } from '../errors.js';
import { chartsOf } from '../figure/figureResult.js';
import { DEFAULT_MAX_PIXELS, loadRaster, readInputBytes } from '../load/loadRaster.js';
import { sniffFormat } from '../load/sniffFormat.js';
import { renderPdfPages } from '../pdf/renderPages.js';
import type { DigitizeResult, PanelChart } from '../types.js';
import { renderOverlay } from './renderOverlay.js';

export interface InputOverlayOptions {
  /** Images (and PDF pages rendered) with more pixels than this are refused. @default 100_000_000 */
  maxPixels?: number;
}

/**
 * The overlay PNG of an input (a path, or its bytes) and its result: an image's drawn over its pixels
 * (`renderOverlay`); a PDF's over its pages that hold charts (the first page where none does),
 * rendered in the pixels the result is given in and stacked top to bottom. Throws DigitizeError
 * UNSUPPORTED_IMAGE at stage `export` for a PDF where no canvas is installed to render its
 * pages (the optional `@napi-rs/canvas`), and as `loadRaster` and `renderOverlay` do.
 */
export async function renderInputOverlay(
  input: string | Uint8Array,
  result: DigitizeResult,
  { maxPixels = DEFAULT_MAX_PIXELS }: InputOverlayOptions = {},
): Promise<Buffer> {
  const bytes = await readInputBytes(input, { maxPixels });
  const path = typeof input === 'string' ? input : result.source;
  if (sniffFormat(bytes) !== 'pdf')
    return renderOverlay(await loadRaster(bytes, { maxPixels }), result);
  const charts = chartsOf(result) as PanelChart[];
  const pages = [...new Set(charts.map((chart) => chart.page ?? 1))].sort((a, b) => a - b);
  if (pages.length === 0) pages.push(1);
  const rendered = await renderPdfPages(bytes, pages, { source: path, maxPixels });
  if (rendered === null) {
    throw new DigitizeError(
      'UNSUPPORTED_IMAGE',
      'export',
      'the overlay of a PDF draws on its pages, and rendering them needs the optional dependency @napi-rs/canvas, which is not installed',
      { input: path },
    );
  }
  const overlays = await Promise.all(
    rendered.map((raster, i) =>
      renderOverlay(raster, {
        source: path,
        // A page is rendered to whole pixels: its charts' image is the page at the same scale.
        charts: charts
          .filter((chart) => (chart.page ?? 1) === pages[i])
          .map((chart) => ({ ...chart, image: { width: raster.width, height: raster.height } })),
        warnings: [],
      }),
    ),
  );
  const tops = rendered.map((_, i) => rendered.slice(0, i).reduce((sum, r) => sum + r.height, 0));
  return (
    sharp({
      create: {
        width: Math.max(...rendered.map((raster) => raster.width)),
        height: rendered.reduce((sum, raster) => sum + raster.height, 0),
        channels: 3,
        background: '#ffffff',
      },
    })
      .composite(overlays.map((png, i) => ({ input: png, left: 0, top: tops[i] })))
      // Compositing adds an alpha band: the overlay is RGB, as an image's is.
      .removeAlpha()
      .png()
      .toBuffer()
  );
}
