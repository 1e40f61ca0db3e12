import { dirname, relative, resolve, sep } from 'node:path';
import sharp from 'sharp';
import { failureEntry, type Outcome } from '../batch/outcome.js';
import { writeFileAtomic } from '../batch/outputPaths.js';
import { renderOverlay } from '../export/renderOverlay.js';
import { loadRaster } from '../load/loadRaster.js';
import { renderReport } from './renderReport.js';
import { failureReviewEntry, type ReviewEntry, resultEntry } from './reviewEntry.js';

/**
 * Width of an overlay inlined in the page: enough to check a trace against its line, small
 * enough that a page of a few hundred charts stays a few tens of megabytes.
 */
const THUMBNAIL_WIDTH = 800;
/** WebP quality of inlined overlays: lines and text stay sharp, a chart is 30 to 80 kB. */
const THUMBNAIL_QUALITY = 80;

export interface ReviewCollector {
  /**
   * Adds an input: with its overlay file where one was written (referenced from the page),
   * else an overlay drawn now and inlined. Never rejects: an overlay that cannot be drawn is
   * left out.
   */
  add(outcome: Outcome, overlayFile?: string): Promise<void>;
  /** Writes the page (atomically), with what was added so far. */
  write(): Promise<void>;
}

/**
 * Collects a batch's inputs for the review page at `page`. Each input costs its entry (a few
 * kB) and its inlined overlay (tens of kB) in memory until the page is written.
 */
export function createReviewCollector(
  page: string,
  { maxPixels, date = new Date() }: { maxPixels?: number; date?: Date } = {},
): ReviewCollector {
  const entries: ReviewEntry[] = [];
  const folder = dirname(resolve(page));
  const drawn = async (outcome: Outcome): Promise<string | null> => {
    if (outcome.input === undefined) return null;
    try {
      const raster = await loadRaster(outcome.input, { maxPixels });
      // A failure shows the image as it is, for the reader to see why.
      const { data, width, height, channels } = raster;
      const image =
        outcome.result === undefined
          ? sharp(data, { raw: { width, height, channels } })
          : sharp(await renderOverlay(raster, outcome.result));
      const webp = await image
        .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
        .webp({ quality: THUMBNAIL_QUALITY })
        .toBuffer();
      return `data:image/webp;base64,${webp.toString('base64')}`;
    } catch {
      return null;
    }
  };
  return {
    async add(outcome, overlayFile) {
      const overlay =
        overlayFile !== undefined && outcome.result !== undefined
          ? relative(folder, resolve(overlayFile)).split(sep).map(encodeURIComponent).join('/')
          : await drawn(outcome);
      entries.push(
        outcome.result === undefined
          ? failureReviewEntry(
              outcome.source,
              failureEntry(outcome.source, outcome.error).error,
              overlay,
            )
          : resultEntry(outcome.source, outcome.result, overlay),
      );
    },
    async write() {
      await writeFileAtomic(page, renderReport(entries, { date }));
    },
  };
}
