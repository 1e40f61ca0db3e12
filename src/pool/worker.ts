/**
 * The entry of a pool worker thread: one OCR engine, started on the first chart and kept; each
 * chart is read and decoded here, so only a path (or the bytes) and the result cross threads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { asDigitizeError } from '../errors.js';
import { digitizeFigure } from '../figure/digitizeFigure.js';
import { createOcrEngine, type OcrEngine } from '../ocr/engine.js';
import type { StageTimings } from '../types.js';
import { errorToWire, type FromWorker, type ToWorker, type WorkerData } from './wire.js';

const port = parentPort;
if (port === null) throw new Error('src/pool/worker.ts runs in a worker thread only');
const { modelDir } = workerData as WorkerData;
// The pool already runs one chart per core: libvips threads per image (one per core by
// default) would only contend with the other workers. The setting is per process, where with
// a pool the image work is the workers'.
sharp.concurrency(1);

let engine: Promise<OcrEngine> | null = null;
const getEngine = (): Promise<OcrEngine> => {
  engine ??= createOcrEngine({ modelDir });
  return engine;
};

const send = (message: FromWorker): void => port.postMessage(message);

port.on('message', async (message: ToWorker) => {
  if (message.type === 'close') {
    // A failed start leaves nothing to close.
    await engine?.then((started) => started.close()).catch(() => undefined);
    port.close();
    return;
  }
  const { id, input, source, maxPixels, pages, maxPages } = message;
  let timings: StageTimings | null = null;
  try {
    const result = await digitizeFigure(input, {
      source,
      maxPixels,
      pages,
      maxPages,
      getEngine,
      onTimings: (measured) => {
        timings = measured;
      },
    });
    send({ type: 'done', id, result, timings });
  } catch (error) {
    send({ type: 'failed', id, error: errorToWire(asDigitizeError(error, source)) });
  }
});
