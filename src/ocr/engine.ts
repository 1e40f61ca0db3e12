import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Tesseract from 'tesseract.js';
import { DigitizeError } from '../errors.js';
import type { Box, Word } from '../types.js';
import { GLYPH_MODEL_FILE, loadGlyphModel } from './glyphModel.js';
import type { GlyphModel } from './glyphs.js';

/** The folder that holds `eng.traineddata.gz` (committed in `models/`, see models/README.md). */
export const DEFAULT_MODEL_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'models',
);
const MODEL_FILE = 'eng.traineddata.gz';

export interface RecognizeOptions {
  /** Characters tesseract may output; empty means all. @default '' */
  whitelist?: string;
  /** Tesseract page segmentation mode. @default 11 (sparse text) */
  psm?: number;
}

/** A loaded OCR engine. Create once per process (or per worker thread) and `close()` at the end. */
export interface OcrEngine {
  /** The tick-label glyph recogniser, or null when the model folder has none (tesseract reads all). */
  glyphs: GlyphModel | null;
  /** Reads the words of an encoded image (PNG); boxes are in that image's pixels. */
  recognize(png: Buffer, options?: RecognizeOptions): Promise<Word[]>;
  close(): Promise<void>;
}

export interface OcrEngineOptions {
  /** Folder holding eng.traineddata.gz (and tick-glyphs.json). @default the package's models/ folder */
  modelDir?: string;
}

/**
 * Starts a tesseract.js worker on the local English LSTM model. Never touches the network
 * and never writes a cache file. Throws DigitizeError(OCR_FAILED) when the model is missing.
 */
export async function createOcrEngine({
  modelDir = DEFAULT_MODEL_DIR,
}: OcrEngineOptions = {}): Promise<OcrEngine> {
  // tesseract.js waits forever on a langPath without the model: check first.
  if (!existsSync(join(modelDir, MODEL_FILE))) {
    throw new DigitizeError(
      'OCR_FAILED',
      'ocr',
      `OCR model not found: ${join(modelDir, MODEL_FILE)}`,
    );
  }
  let lastError: unknown = null;
  const worker = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
    langPath: modelDir,
    gzip: true,
    cacheMethod: 'none',
    errorHandler: (error: unknown) => {
      lastError = error;
    },
  }).catch((cause: unknown) => {
    throw new DigitizeError('OCR_FAILED', 'ocr', 'could not start the OCR engine', { cause });
  });
  let currentParams = '';
  // One worker runs one job at a time; parameters are per worker, so jobs must not interleave.
  let queue: Promise<unknown> = Promise.resolve();

  const run = async (png: Buffer, whitelist: string, psm: number): Promise<Word[]> => {
    const params = `${psm}|${whitelist}`;
    if (params !== currentParams) {
      await worker.setParameters({
        tessedit_pageseg_mode: String(psm) as unknown as Tesseract.PSM,
        tessedit_char_whitelist: whitelist,
        // Crops are upscaled screen text: a fixed dpi stops tesseract guessing (and warning).
        user_defined_dpi: '300',
        // Chart text is dark on light: never retry a line as white-on-black text.
        tessedit_do_invert: '0',
      });
      currentParams = params;
    }
    try {
      const { data } = await worker.recognize(png, {}, { blocks: true, text: false });
      return wordsOf(data);
    } catch (cause) {
      throw new DigitizeError('OCR_FAILED', 'ocr', 'OCR of a text crop failed', {
        cause: cause ?? lastError,
      });
    }
  };

  return {
    glyphs: existsSync(join(modelDir, GLYPH_MODEL_FILE)) ? loadGlyphModel(modelDir) : null,
    recognize(png, { whitelist = '', psm = 11 } = {}) {
      const job = queue.then(() => run(png, whitelist, psm));
      queue = job.catch(() => undefined);
      return job;
    },
    async close() {
      await worker.terminate();
    },
  };
}

function boxOf({ x0, y0, x1, y1 }: Tesseract.Bbox): Box {
  return { left: x0, top: y0, right: x1, bottom: y1 };
}

function wordsOf(data: Tesseract.Page): Word[] {
  const words: Word[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) {
          const text = word.text.trim();
          if (text === '') continue;
          const box = boxOf(word.bbox);
          const symbols = (word.symbols ?? []).map((symbol) => ({
            text: symbol.text,
            box: boxOf(symbol.bbox),
          }));
          words.push({ text, box, confidence: word.confidence, symbols });
        }
      }
    }
  }
  return words;
}
