import { DigitizeError } from './errors.js';
import { DEFAULT_MAX_PIXELS } from './load/loadRaster.js';
import { createOcrEngine, type OcrEngine } from './ocr/engine.js';
import { type DigitizeInput, runPipeline, type StageTimings } from './pipeline.js';
import type { ChartResult } from './types.js';

export type { DigitizeInput, StageTimings };

/** Options for one chart. */
export interface DigitizeOptions {
  /** Images with more pixels than this are refused from their header. @default 40_000_000 */
  maxPixels?: number;
  /** Per-image time limit in milliseconds. @default 60_000 */
  timeoutMs?: number;
  /** Cancels the work. */
  signal?: AbortSignal;
  /** Called once per chart with the milliseconds each stage took. */
  onTimings?: (timings: StageTimings) => void;
}

export interface DigitizerOptions extends DigitizeOptions {
  /** Folder holding eng.traineddata.gz. @default the package's models/ folder */
  modelDir?: string;
}

/** A digitizer that keeps its OCR engine between charts. Call `close()` when done. */
export interface Digitizer {
  digitize(input: DigitizeInput, options?: DigitizeOptions): Promise<ChartResult>;
  close(): Promise<void>;
}

/** Creates a digitizer whose OCR engine is started once (on first use) and reused for every chart. */
export function createDigitizer(options: DigitizerOptions = {}): Digitizer {
  let engine: Promise<OcrEngine> | null = null;
  const getEngine = () => {
    engine ??= createOcrEngine({ modelDir: options.modelDir });
    return engine;
  };
  return {
    async digitize(input, perCall = {}) {
      const {
        maxPixels = DEFAULT_MAX_PIXELS,
        timeoutMs = 60_000,
        signal,
        onTimings,
      } = { ...options, ...perCall };
      const source = typeof input === 'string' ? input : null;
      if (!(typeof input === 'string' || input instanceof Uint8Array)) {
        throw new TypeError(
          `Expected string, Buffer or Uint8Array for input but received ${String(input)} of type ${typeof input}`,
        );
      }
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      const limits = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new DigitizeError('TIMEOUT', 'input', `took longer than ${timeoutMs} ms`, {
                input: source,
              }),
            ),
          timeoutMs,
        );
        onAbort = () =>
          reject(new DigitizeError('ABORTED', 'input', 'cancelled', { input: source }));
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      });
      try {
        return await Promise.race([
          runPipeline(input, { source, maxPixels, getEngine, onTimings }),
          limits,
        ]);
      } catch (error) {
        if (error instanceof DigitizeError) {
          error.input ??= source;
          throw error;
        }
        throw new DigitizeError('NO_CHART_FOUND', 'trace', 'unexpected failure', {
          input: source,
          cause: error,
        });
      } finally {
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      }
    },
    async close() {
      if (engine) await (await engine).close();
      engine = null;
    },
  };
}

/** Digitizes one chart with a fresh OCR engine (closed before it returns). */
export async function digitize(
  input: DigitizeInput,
  options: DigitizerOptions = {},
): Promise<ChartResult> {
  const digitizer = createDigitizer(options);
  try {
    return await digitizer.digitize(input, options);
  } finally {
    await digitizer.close();
  }
}
