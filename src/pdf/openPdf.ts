import { createRequire } from 'node:module';
import { homedir, platform } from 'node:os';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DigitizeError } from '../errors.js';
import type { Box, Raster } from '../types.js';
import { AffineMatrix } from './affineMatrix.js';
import { keepBuiltins } from './keepBuiltins.js';
import { readTextItems, type TextItemLike } from './readText.js';
import type { PageContent } from './types.js';
import { type Matrix, type OpTable, walkOperators } from './walkOperators.js';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * pdfjs, loaded on the first PDF (it costs about 100 ms that image inputs need not pay), with
 * its worker module (which runs on this thread: pdfjs finds it by `globalThis.pdfjsWorker`
 * instead of importing it when the first document opens), both loaded under `keepBuiltins` so
 * the built-ins their polyfills replace are native again.
 */
let pdfjs: Promise<Pdfjs> | null = null;
/** The worker module (untyped: a name in a constant, so tsc does not look for its types). */
const PDFJS_WORKER = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= keepBuiltins(async () => {
    const library = await importPdfjs();
    await import(PDFJS_WORKER);
    return library;
  });
  return pdfjs;
}

async function importPdfjs(): Promise<Pdfjs> {
  if ((await loadCanvas()) !== null) return import('pdfjs-dist/legacy/build/pdf.mjs');
  // Without the optional canvas, pdfjs would fail on loading (no DOMMatrix) and print that it
  // cannot polyfill what only rendering needs: give it a DOMMatrix, and keep it quiet.
  globalThis.DOMMatrix ??= AffineMatrix as unknown as typeof DOMMatrix;
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && /^Warning: Cannot (load|polyfill)/.test(args[0]))) {
      warn(...args);
    }
  };
  try {
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  } finally {
    console.warn = warn;
  }
}

/** The package's own folders of font data, character maps and decoders: read from disk, never fetched. */
function packageFolder(name: string): string {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return `${join(root, name)}/`;
}

export interface OpenPdfOptions {
  /** The input as reported in errors (a path, or null for bytes). */
  source: string | null;
  /** Images with more pixels than this are not decoded. */
  maxPixels: number;
}

export interface ReadPageOptions {
  /** Pixels per PDF point of the page space everything is given in. */
  scale: number;
  /** Whether to read the text of a page that paints this many paths and images. @default always */
  needsText?: (paths: number, images: number) => boolean;
}

/** One open PDF. Call `close()` when done. */
export interface PdfDocument {
  pageCount: number;
  /**
   * Reads what page `page` (1-based) draws: paths, text and images, in its pixels at `scale`.
   * Rejects with the error pdfjs gives for a broken page.
   */
  readPage(page: number, options: ReadPageOptions): Promise<PageContent & { deepForms: number }>;
  /**
   * The decoded pixels of an image of the page last read (by its pdfjs id), as RGB; null when
   * it is not available (not decoded, or an image mask).
   */
  imagePixels(id: string): Promise<Raster | null>;
  /**
   * Renders a region of a page (its pixels at `scale`; the whole page where absent) to RGB on
   * white; null when no canvas is available (the optional `@napi-rs/canvas` is not installed)
   * or the region has more than `maxPixels` pixels.
   */
  renderRegion(page: number, scale: number, region?: Box): Promise<Raster | null>;
  close(): Promise<void>;
}

/**
 * Opens a PDF from its bytes with everything that runs or fetches turned off: no JavaScript
 * (`isEvalSupported: false`, scripts and XFA never run), no font loading into the system, no
 * system fonts, no network (font data and character maps come from the pdfjs package's own
 * folders on disk). Embedded files and annotations' actions are never opened.
 * Throws DigitizeError PDF_ENCRYPTED for a PDF that needs a password, PDF_INVALID for bytes
 * pdfjs cannot read as a PDF (truncated past repair, no cross-reference to rebuild).
 */
export async function openPdf(bytes: Uint8Array, options: OpenPdfOptions): Promise<PdfDocument> {
  const lib = await loadPdfjs();
  const { maxPixels } = options;
  const doc = await loadDocument(lib, bytes, options);

  const ops = lib.OPS as unknown as OpTable;
  let current: PDFPageProxy | null = null;

  const readPage = async (
    number: number,
    { scale, needsText = () => true }: ReadPageOptions,
  ): Promise<PageContent & { deepForms: number }> => {
    current?.cleanup();
    const page = await doc.getPage(number);
    current = page;
    const viewport = page.getViewport({ scale });
    const base = viewport.transform as unknown as Matrix;
    const list = await page.getOperatorList();
    const walked = walkOperators(list.fnArray, list.argsArray, ops, base);
    let texts: PageContent['texts'] = [];
    if (needsText(walked.paths.length, walked.images.length)) {
      const content = await page.getTextContent({ includeMarkedContent: false });
      texts = readTextItems(content.items as TextItemLike[], content.styles, base);
    }
    return {
      page: number,
      width: viewport.width,
      height: viewport.height,
      scale,
      paths: walked.paths,
      texts,
      images: walked.images,
      deepForms: walked.deepForms,
    };
  };

  const imagePixels = async (id: string): Promise<Raster | null> => {
    const page = current;
    if (!page) return null;
    // An image the document draws more than once is one of its common objects (`g_` ids).
    const objects = id.startsWith(COMMON_OBJECT) ? page.commonObjs : page.objs;
    const image = await new Promise<unknown>((resolve) => {
      try {
        objects.get(id, resolve);
      } catch {
        resolve(null);
      }
    });
    return toRaster(image);
  };

  const renderRegion = async (number: number, scale: number, region?: Box) => {
    const canvasModule = await canvasForDrawing();
    if (!canvasModule) return null;
    const page = await doc.getPage(number);
    const viewport = page.getViewport({ scale });
    const left = Math.max(0, Math.floor(region?.left ?? 0));
    const top = Math.max(0, Math.floor(region?.top ?? 0));
    const width = Math.min(Math.ceil(viewport.width), Math.ceil(region?.right ?? Infinity)) - left;
    const height =
      Math.min(Math.ceil(viewport.height), Math.ceil(region?.bottom ?? Infinity)) - top;
    if (width <= 0 || height <= 0 || width * height > maxPixels) return null;
    const canvas = canvasModule.createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: context as unknown as CanvasRenderingContext2D,
      viewport,
      transform: [1, 0, 0, 1, -left, -top],
      background: '#ffffff',
    }).promise;
    const rgba = context.getImageData(0, 0, width, height).data;
    return rgbaToRaster(rgba, width, height);
  };

  return {
    pageCount: doc.numPages,
    readPage,
    imagePixels,
    renderRegion,
    close: async () => {
      current = null;
      await doc.destroy();
    },
  };
}

/**
 * The document pdfjs reads from the bytes, with everything that runs or fetches turned off
 * (see openPdf). Throws DigitizeError PDF_ENCRYPTED or PDF_INVALID.
 */
async function loadDocument(
  lib: Pdfjs,
  bytes: Uint8Array,
  { source, maxPixels }: OpenPdfOptions,
): Promise<PDFDocumentProxy> {
  const task = lib.getDocument({
    // pdfjs may keep or detach what it is given: a copy leaves the caller's buffer alone.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    standardFontDataUrl: packageFolder('standard_fonts'),
    cMapUrl: packageFolder('cmaps'),
    cMapPacked: true,
    wasmUrl: packageFolder('wasm'),
    iccUrl: packageFolder('iccs'),
    maxImageSize: maxPixels,
    stopAtErrors: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  // An encrypted file asks for a password: refuse at once rather than wait for one.
  task.onPassword = () => {
    task.destroy();
  };
  try {
    return await task.promise;
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    if (name === 'PasswordException' || task.destroyed) {
      throw new DigitizeError('PDF_ENCRYPTED', 'load', 'the PDF is encrypted with a password', {
        input: source,
        cause: error,
      });
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new DigitizeError('PDF_INVALID', 'load', `not a readable PDF: ${detail}`, {
      input: source,
      cause: error,
    });
  }
}

type Canvas = typeof import('@napi-rs/canvas');

/** The variable that keeps `@napi-rs/canvas` from loading the system's fonts as it loads. */
const NO_SYSTEM_FONTS = 'DISABLE_SYSTEM_FONTS_LOAD';
let canvas: Promise<Canvas | null> | null = null;
/** Whether the system's fonts are still to be loaded before the first drawing. */
let fontsDeferred = false;

/**
 * The optional `@napi-rs/canvas`, which pdfjs renders pages with (and loads whenever it is
 * installed); null where it is not installed (reading a PDF needs no canvas, rendering one
 * does). Loaded without the system's fonts, which it would otherwise scan at once (0.1 s of
 * CPU, 0.4 s of a process's start, on a machine of 500 fonts): `canvasForDrawing` loads them
 * before the first drawing, as the module would have.
 */
export function loadCanvas(): Promise<Canvas | null> {
  canvas ??= (async () => {
    const deferred = process.env[NO_SYSTEM_FONTS] === undefined;
    if (deferred) process.env[NO_SYSTEM_FONTS] = '1';
    try {
      const module = await import('@napi-rs/canvas');
      fontsDeferred = deferred;
      return module;
    } catch {
      return null;
    } finally {
      if (deferred) delete process.env[NO_SYSTEM_FONTS];
    }
  })();
  return canvas;
}

/**
 * The canvas module with the fonts it loads on its own where nothing disables it: the
 * system's, then (as its loader does) a folder per platform. Null where it is not installed.
 */
async function canvasForDrawing(): Promise<Canvas | null> {
  const module = await loadCanvas();
  if (module && fontsDeferred) {
    fontsDeferred = false;
    // Untyped, but what the module's loader calls.
    const fonts = module.GlobalFonts as typeof module.GlobalFonts & { loadSystemFonts(): void };
    fonts.loadSystemFonts();
    const home = homedir();
    switch (platform()) {
      case 'win32':
        fonts.loadFontsFromDir(join(home, 'AppData', 'Local', 'Microsoft', 'Windows', 'Fonts'));
        break;
      case 'darwin':
        fonts.loadFontsFromDir(join(home, 'Library', 'Fonts'));
        break;
      case 'linux':
        // Relative, as the module's loader has it.
        fonts.loadFontsFromDir(join('usr', 'local', 'share', 'fonts'));
        fonts.loadFontsFromDir(join(home, '.fonts'));
        break;
    }
  }
  return module;
}

/** The prefix of pdfjs's ids for objects of the document, not of one page. */
const COMMON_OBJECT = 'g_';

/** pdfjs's image kinds: 1 grey 1 bit per pixel, 2 RGB 24 bits, 3 RGBA 32 bits. */
const IMAGE_KIND_RGB = 2;
const IMAGE_KIND_RGBA = 3;

function toRaster(image: unknown): Raster | null {
  if (!image || typeof image !== 'object') return null;
  const { width, height, data, kind } = image as {
    width?: unknown;
    height?: unknown;
    data?: unknown;
    kind?: unknown;
  };
  if (typeof width !== 'number' || typeof height !== 'number') return null;
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) return null;
  if (kind === IMAGE_KIND_RGBA && data.length >= width * height * 4) {
    return rgbaToRaster(data, width, height);
  }
  if (kind === IMAGE_KIND_RGB && data.length >= width * height * 3) {
    return {
      data: new Uint8Array(data.subarray(0, width * height * 3)),
      width,
      height,
      channels: 3,
    };
  }
  return null;
}

/** RGBA to RGB, alpha composited on white. */
export function rgbaToRaster(rgba: ArrayLike<number>, width: number, height: number): Raster {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; j < data.length; i += 4, j += 3) {
    const alpha = rgba[i + 3] / 255;
    const white = 255 * (1 - alpha);
    data[j] = Math.round(rgba[i] * alpha + white);
    data[j + 1] = Math.round(rgba[i + 1] * alpha + white);
    data[j + 2] = Math.round(rgba[i + 2] * alpha + white);
  }
  return { data, width, height, channels: 3 };
}
