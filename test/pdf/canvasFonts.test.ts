import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCanvas } from '../../src/pdf/openPdf.js';
import { renderPdfPages } from '../../src/pdf/renderPages.js';

/** The font families `@napi-rs/canvas` holds once loaded as it loads itself, in a fresh process. */
function familiesOnItsOwn(): number {
  const script =
    "process.stdout.write(String(require('@napi-rs/canvas').GlobalFonts.families.length))";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

describe('the canvas and the system fonts', () => {
  it('reads without the system fonts, and loads them all before the first page is drawn', async () => {
    const canvas = await loadCanvas();
    if (canvas === null) return; // the optional canvas is not installed: nothing is drawn
    const own = familiesOnItsOwn();
    // Loading them costs a process 0.1 s of CPU; a PDF read from its drawing never needs them.
    expect(canvas.GlobalFonts.families).toHaveLength(0);
    expect(process.env.DISABLE_SYSTEM_FONTS_LOAD).toBeUndefined();
    const bytes = new Uint8Array(readFileSync('test/fixtures/pdf/engines/gnuplot-log.pdf'));
    const pages = await renderPdfPages(bytes, [1], { source: null, maxPixels: 50_000_000 });
    expect(pages).toHaveLength(1);
    expect(canvas.GlobalFonts.families).toHaveLength(own);
  });
});
