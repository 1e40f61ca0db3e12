import sharp from 'sharp';
import { describe } from '../describe/describe.js';
import type { DigitizeOptions } from '../digitize.js';
import { DigitizeError } from '../errors.js';
import { renderInputOverlay } from '../export/renderInputOverlay.js';
import { renderOverlay } from '../export/renderOverlay.js';
import { toCsv, toLongCsv } from '../export/toCsv.js';
import { toJson } from '../export/toJson.js';
import { toPlotly } from '../export/toPlotly.js';
import { toWpdProject } from '../export/toWpd.js';
import { loadRaster, readInputBytes } from '../load/loadRaster.js';
import { sniffFormat } from '../load/sniffFormat.js';
import type { DigitizeResult, Raster } from '../types.js';
import { writeFileAtomic } from './outputPaths.js';

/** The byte order mark that tells Excel a CSV file is UTF-8. */
export const BOM = '\uFEFF';

/** The files an input's job writes, by kind. */
export interface OutputFiles {
  json?: string;
  csv?: string;
  /** The long table, `<name>.long.csv`. */
  longCsv?: string;
  markdown?: string;
  overlay?: string;
  /** The Plotly figure, `<name>.plotly.json`. */
  plotly?: string;
  /** The WebPlotDigitizer project archive, `<name>.wpd.tar`. */
  wpd?: string;
}

/** How tables are written. */
export interface TableOptions {
  /** The CSV field separator. @default ',' */
  delimiter?: string;
  /** Start every CSV with a UTF-8 byte order mark. @default false */
  bom?: boolean;
}

/**
 * Writes a result's files (each atomically): the JSON, tables, description, Plotly figure,
 * and those drawn over the image (overlay, WebPlotDigitizer project), for which the input
 * (`path` or bytes) is decoded again, once (a PDF's overlay: its pages rendered). Rejects with
 * the first error.
 */
export async function writeOutputs(
  files: OutputFiles,
  result: DigitizeResult,
  input: string | Uint8Array,
  { delimiter = ',', bom = false, ...perImage }: TableOptions & DigitizeOptions,
): Promise<void> {
  const table = (text: string): string => `${bom ? BOM : ''}${text}`;
  const { json, csv, longCsv, markdown, overlay, plotly, wpd } = files;
  if (json !== undefined) await writeFileAtomic(json, `${toJson(result)}\n`);
  if (csv !== undefined) await writeFileAtomic(csv, table(toCsv(result, { delimiter })));
  if (longCsv !== undefined) {
    await writeFileAtomic(longCsv, table(toLongCsv(result, { delimiter })));
  }
  if (markdown !== undefined) await writeFileAtomic(markdown, describe(result));
  if (plotly !== undefined) {
    await writeFileAtomic(plotly, `${JSON.stringify(toPlotly(result), null, 2)}\n`);
  }
  if (overlay === undefined && wpd === undefined) return;
  const bytes = await readInputBytes(input, perImage);
  if (sniffFormat(bytes) === 'pdf') {
    // A PDF's overlay draws on its pages; a WebPlotDigitizer project holds one image.
    if (wpd !== undefined) {
      throw new DigitizeError(
        'UNSUPPORTED_IMAGE',
        'export',
        'a WebPlotDigitizer project holds one image: none is written for a PDF',
        { input: typeof input === 'string' ? input : null },
      );
    }
    if (overlay !== undefined) {
      await writeFileAtomic(overlay, await renderInputOverlay(bytes, result, perImage));
    }
    return;
  }
  const raster = await loadRaster(bytes, perImage);
  if (overlay !== undefined) await writeFileAtomic(overlay, await renderOverlay(raster, result));
  if (wpd !== undefined) {
    const name = projectName(wpd);
    await writeFileAtomic(wpd, toWpdProject(result, await encodePng(raster), name));
  }
}

/** A raster as PNG bytes. */
export function encodePng({ data, width, height, channels }: Raster): Promise<Buffer> {
  return sharp(data, { raw: { width, height, channels } }).png().toBuffer();
}

/** The project's name in its archive: the file's name without `.wpd.tar`. */
function projectName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? 'chart').replace(/\.wpd\.tar$/, '');
}
