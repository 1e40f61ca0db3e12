import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/renderReport.js';
import { failureReviewEntry, type ReviewEntry, resultEntry } from '../../src/report/reviewEntry.js';
import type { ChartResult } from '../../src/types.js';

/** Debian's chromium; CHROMIUM overrides it. The browser tests skip where there is none. */
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const available = await access(CHROMIUM).then(
  () => true,
  () => false,
);
/** Flags for a headless run that reaches no network and leaves no trace. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function chart(title: string, names: string[], confidences: number[]): ChartResult {
  return {
    source: null,
    image: { width: 200, height: 100 },
    title,
    plot: { left: 20, top: 10, right: 180, bottom: 90 },
    axes: {
      x: { label: 'step', scale: 'linear', min: 0, max: 10, confidence: 1, ticks: [] },
      y: { label: 'score', scale: 'linear', min: 0, max: 1, confidence: 1, ticks: [] },
    },
    series: names.map((name, index) => ({
      name,
      color: index === 0 ? '#1f77b4' : '#ff7f0e',
      marker: null,
      lineStyle: 'solid',
      confidence: confidences[index],
      points: [
        { x: 0, y: 0.1 },
        { x: 10, y: 0.9 },
      ],
    })),
    confidence: Math.min(...confidences),
    warnings: [],
  };
}

let scratch: string;
let browser: Browser | null = null;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'digitize-review-'));
  if (available) browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await rm(scratch, { recursive: true, force: true });
});

describe.skipIf(!available)('the review page in headless Chromium', { timeout: 60_000 }, () => {
  it('renders every input, failures first then the least confident, and filters them', async () => {
    const png = await sharp({
      create: { width: 200, height: 100, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const overlay = `data:image/png;base64,${png.toString('base64')}`;
    // An overlay written beside the page, referenced by a relative path.
    await writeFile(join(scratch, 'b overlay.png'), png);
    const entries: ReviewEntry[] = [
      resultEntry('runs/a.png', chart('Loss', ['train', 'valid'], [1, 0.97]), overlay),
      resultEntry('runs/b.png', chart('Accuracy', ['MEL', 'GRPO'], [0.4, 0.95]), 'b%20overlay.png'),
      failureReviewEntry('runs/c.png', {
        code: 'CALIBRATION_FAILED',
        message: 'fewer than two x tick labels could be read',
        stage: 'calibrate',
      }),
      resultEntry('runs/d.png', chart('Reward <b>', ['PPO'], [0.8]), overlay),
    ];
    const path = join(scratch, 'review.html');
    await writeFile(path, renderReport(entries));

    const page = await browser!.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(path).href);
    const visible = () =>
      page.$$eval('article.entry', (articles) =>
        articles
          .filter((article) => !(article as HTMLElement).hidden)
          .map((article) => article.querySelector('.source')?.textContent),
      );

    expect(await visible()).toEqual(['runs/c.png', 'runs/b.png', 'runs/d.png', 'runs/a.png']);
    expect(await page.textContent('#shown')).toBe('4 of 4 shown');
    expect(await page.textContent('article.entry .error')).toContain('CALIBRATION_FAILED');
    // Text from the result is shown as text, never as markup.
    expect(await page.$$eval('article b', (bold) => bold.map((b) => b.textContent))).toEqual([
      'CALIBRATION_FAILED',
    ]);
    // Every overlay is drawn, the inlined ones and the file beside the page.
    const widths = await page.$$eval('article img', (images) =>
      images.map((image) => (image as HTMLImageElement).naturalWidth),
    );
    expect(widths).toEqual([200, 200, 200]);

    await page.fill('#search', 'grpo');
    expect(await visible()).toEqual(['runs/b.png']);
    await page.fill('#search', '');
    await page.selectOption('#filter', 'doubtful');
    expect(await visible()).toEqual(['runs/b.png', 'runs/d.png']);
    expect(await page.textContent('#shown')).toBe('2 of 4 shown');
    await page.selectOption('#filter', 'failed');
    expect(await visible()).toEqual(['runs/c.png']);

    // Nothing but the page and what sits beside it was asked for.
    expect(requests.every((url) => url.startsWith('file:') || url.startsWith('data:'))).toBe(true);
    await page.close();
  });
});
