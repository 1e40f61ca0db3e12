/**
 * The robustness corpus of issue 5: broken, odd, hostile and not-a-chart inputs, each with its
 * expected outcome, end to end through one digitizer. Files are built in the test.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputPathFor } from '../../src/batch/outputPaths.js';
import { createDigitizer } from '../../src/digitize.js';
import { DigitizeError, type ErrorCode } from '../../src/errors.js';
import type { ChartResult, DataPoint } from '../../src/types.js';
import { oneChart } from '../helpers/oneChart.js';
import {
  hostileSvg,
  noisePng,
  pngBomb,
  seededBytes,
  withJpegSize,
  withPngSize,
} from './brokenFiles.js';
import {
  barChart,
  blankPage,
  photograph,
  pieChart,
  randomNoise,
  scatterPlot,
  table,
} from './notLineCharts.js';

/** Recovered values must lie within this share of the axis range of the plain-RGB result. */
const TOLERANCE_SHARE = 0.01;
/** End-to-end runs include OCR: allow for a slow, shared CI machine. */
const E2E_TIMEOUT_MS = 30_000;
/** Codes that honestly say "there is no chart here" (today's pipeline stops at the first). */
const NOT_A_CHART: ErrorCode[] = ['NO_CHART_FOUND', 'PLOT_AREA_NOT_FOUND', 'CALIBRATION_FAILED'];
const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'aime24.png');

const digitizer = createDigitizer();
let scratch: string;
let reference: ChartResult;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'digitize-robust-'));
  reference = oneChart(await digitizer.digitize(SAMPLE));
}, E2E_TIMEOUT_MS);

afterAll(async () => {
  await digitizer.close();
  await rm(scratch, { recursive: true, force: true });
});

/** Writes `bytes` to `name` in the scratch folder and returns its path. */
async function scratchFile(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, bytes);
  return path;
}

/** Resolves to the error `promise` rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<DigitizeError> {
  const outcome = await promise.then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  expect(outcome, 'expected a DigitizeError, got a result').toHaveProperty('error');
  const { error } = outcome as { error: unknown };
  expect(error).toBeInstanceOf(DigitizeError);
  return error as DigitizeError;
}

/** The message a CLI prints is one line with no stack trace in it. */
function expectOneLine(error: DigitizeError): void {
  expect(error.message).not.toMatch(/\n|\bat \S+ \(|node_modules/);
}

/** Linear interpolation of a series at x; null outside its span or across a gap. */
function interpolate(points: DataPoint[], x: number): number | null {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (x >= a.x && x <= b.x) {
      return b.x === a.x ? a.y : a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
    }
  }
  return null;
}

/**
 * Asserts `result` recovers what the plain-RGB result does: the same series names, axis limits
 * within 1% of their range, and every point within 1% of the axis ranges of the reference line.
 */
function expectSameChart(result: ChartResult, expected: ChartResult): void {
  const xSpan = Math.abs(expected.axes.x.max - expected.axes.x.min);
  const ySpan = Math.abs(expected.axes.y.max - expected.axes.y.min);
  expect(Math.abs(result.axes.x.min - expected.axes.x.min)).toBeLessThanOrEqual(
    TOLERANCE_SHARE * xSpan,
  );
  expect(Math.abs(result.axes.x.max - expected.axes.x.max)).toBeLessThanOrEqual(
    TOLERANCE_SHARE * xSpan,
  );
  expect(Math.abs(result.axes.y.min - expected.axes.y.min)).toBeLessThanOrEqual(
    TOLERANCE_SHARE * ySpan,
  );
  expect(Math.abs(result.axes.y.max - expected.axes.y.max)).toBeLessThanOrEqual(
    TOLERANCE_SHARE * ySpan,
  );
  expect(result.series.map((s) => s.name).sort()).toEqual(
    expected.series.map((s) => s.name).sort(),
  );
  for (const series of result.series) {
    const truth = expected.series.find((s) => s.name === series.name)!;
    let compared = 0;
    for (const point of series.points) {
      // Near the ends of the reference line, a column more or less is not an error.
      const y =
        interpolate(truth.points, point.x) ??
        nearestY(truth.points, point.x, TOLERANCE_SHARE * xSpan);
      if (y === null) continue;
      compared += 1;
      expect(Math.abs(point.y - y), `${series.name} at x = ${point.x}`).toBeLessThanOrEqual(
        TOLERANCE_SHARE * ySpan,
      );
    }
    expect(compared, `${series.name}: points compared`).toBeGreaterThanOrEqual(
      series.points.length * 0.95,
    );
  }
}

/** y of the reference point nearest to x when it lies within `reach` (data units), else null. */
function nearestY(points: DataPoint[], x: number, reach: number): number | null {
  let best: DataPoint | null = null;
  for (const point of points) {
    if (Math.abs(point.x - x) <= reach && (!best || Math.abs(point.x - x) < Math.abs(best.x - x)))
      best = point;
  }
  return best?.y ?? null;
}

describe('inputs that are not there', () => {
  it('a missing path: INPUT_NOT_FOUND naming the path', async () => {
    const path = join(scratch, 'nowhere', 'chart.png');
    const error = await rejection(digitizer.digitize(path));
    expect(error.code).toBe('INPUT_NOT_FOUND');
    expect(error.input).toBe(path);
    expectOneLine(error);
  });

  it('a folder: INPUT_UNREADABLE naming the path', async () => {
    const error = await rejection(digitizer.digitize(scratch));
    expect(error.code).toBe('INPUT_UNREADABLE');
    expect(error.message).toBe('is a folder, not an image file');
    expect(error.input).toBe(scratch);
  });

  // root reads any file whatever its mode.
  it.skipIf(process.getuid?.() === 0)('an unreadable file: INPUT_UNREADABLE', async () => {
    const path = await scratchFile('locked.png', await noisePng());
    const { chmod } = await import('node:fs/promises');
    await chmod(path, 0o000);
    const error = await rejection(digitizer.digitize(path));
    expect(error.code).toBe('INPUT_UNREADABLE');
    expect(error.message).toBe('permission denied');
  });
});

describe('broken files: UNSUPPORTED_IMAGE naming the file, no stack trace', () => {
  const cases: [string, string, () => Promise<Uint8Array | string>][] = [
    ['an empty file', 'empty.png', async () => ''],
    ['text named .png', 'notes.png', async () => 'Quarterly numbers, see attached.\n'],
    ['a truncated PNG', 'cut.png', async () => (await noisePng()).subarray(0, 3000)],
    [
      'a truncated JPEG',
      'cut.jpg',
      async () => {
        const jpeg = await sharp(await noisePng())
          .jpeg()
          .toBuffer();
        return jpeg.subarray(0, jpeg.length >> 1);
      },
    ],
    ['a header-only PNG', 'header.png', async () => (await noisePng()).subarray(0, 33)],
    ['garbage bytes', 'garbage.png', async () => seededBytes(5000, 4)],
    [
      'a PNG whose pixel data is garbage',
      'scrambled.png',
      async () => {
        const png = Buffer.from(await noisePng());
        png.set(seededBytes(200, 5), png.length - 400);
        return png;
      },
    ],
  ];
  for (const [label, name, build] of cases) {
    it(label, async () => {
      const path = await scratchFile(name, await build());
      const error = await rejection(digitizer.digitize(path));
      expect(error.code).toBe('UNSUPPORTED_IMAGE');
      expect(error.stage).toBe('load');
      expect(error.input).toBe(path);
      expectOneLine(error);
    });
  }
});

describe('pictures that are not charts: an error, never a series', () => {
  const cases: [string, () => Promise<Buffer>][] = [
    [
      'a 1x1 image',
      () =>
        sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
          .png()
          .toBuffer(),
    ],
    ['a blank page', blankPage],
    ['random noise', () => randomNoise()],
    ['a photograph', photograph],
  ];
  for (const [label, build] of cases) {
    it(
      label,
      async () => {
        const error = await rejection(digitizer.digitize(await build()));
        expect(NOT_A_CHART).toContain(error.code);
        expectOneLine(error);
      },
      E2E_TIMEOUT_MS,
    );
  }
  for (const [label, build] of cases.slice(1)) {
    it(
      `${label}: NO_CHART_FOUND`,
      async () => {
        const error = await rejection(digitizer.digitize(await build()));
        expect(error.code).toBe('NO_CHART_FOUND');
      },
      E2E_TIMEOUT_MS,
    );
  }
});

describe('charts that are not line charts', () => {
  it(
    'a pie chart: an error, never a series',
    async () => {
      const error = await rejection(digitizer.digitize(await pieChart()));
      expect(NOT_A_CHART).toContain(error.code);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'a table: an error, never a series',
    async () => {
      const error = await rejection(digitizer.digitize(await table()));
      expect(NOT_A_CHART).toContain(error.code);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'a pie chart or a table: the error says it is not a line chart',
    async () => {
      for (const build of [pieChart, table]) {
        const error = await rejection(digitizer.digitize(await build()));
        expect(error.message).toContain('not a line chart');
      }
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'a bar chart: NOT_A_LINE_CHART, never a series along the bar tops',
    async () => {
      const error = await rejection(digitizer.digitize(await barChart()));
      expect(error.code).toBe('NOT_A_LINE_CHART');
      expect(error.message).toContain('not a line chart');
      expectOneLine(error);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'a scatter plot: its markers, with a warning that it is not a line chart',
    async () => {
      const result = oneChart(await digitizer.digitize(await scatterPlot()));
      expect(result.series.length).toBeGreaterThan(0);
      expect(result.warnings.join('\n')).toContain('not a line chart');
    },
    E2E_TIMEOUT_MS,
  );
});

describe('decompression bombs are refused from the header', () => {
  it('a PNG declaring 30,000 x 30,000 and a JPEG declaring 16,000 x 16,000', async () => {
    const png = await scratchFile('bomb.png', pngBomb(30_000, 30_000));
    const pngError = await rejection(digitizer.digitize(png));
    expect(pngError.code).toBe('IMAGE_TOO_LARGE');
    expect(pngError.input).toBe(png);
    const jpeg = withJpegSize(
      await sharp(await noisePng())
        .jpeg()
        .toBuffer(),
      16_000,
      16_000,
    );
    expect((await rejection(digitizer.digitize(jpeg))).code).toBe('IMAGE_TOO_LARGE');
    expect(process.memoryUsage().rss).toBeLessThan(1.5 * 2 ** 30);
  });

  it(
    'with maxPixels as an option',
    async () => {
      const error = await rejection(digitizer.digitize(await noisePng(), { maxPixels: 1000 }));
      expect(error.code).toBe('IMAGE_TOO_LARGE');
      expect(error.message).toBe('image of 64x64 pixels is over the limit of 1000 pixels');
      const lie = withPngSize(await noisePng(), 16_000, 16_000);
      const raised = await rejection(digitizer.digitize(lie, { maxPixels: 300_000_000 }));
      // Allowed by the raised limit, then found to hold far less data than it declares.
      expect(raised.code).toBe('UNSUPPORTED_IMAGE');
    },
    E2E_TIMEOUT_MS,
  );
});

describe('SVG is refused; nothing it references is read or fetched', () => {
  let server: Server;
  let requests = 0;
  beforeAll(async () => {
    server = createServer((_, response) => {
      requests += 1;
      response.end('<svg xmlns="http://www.w3.org/2000/svg"/>');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  it('an SVG referencing file:///etc/passwd, http://127.0.0.1:9/x and a local server', async () => {
    const { port } = server.address() as AddressInfo;
    for (const url of ['http://127.0.0.1:9/x', `http://127.0.0.1:${port}/x.svg`]) {
      const path = await scratchFile('chart.svg', hostileSvg(url));
      const error = await rejection(digitizer.digitize(path));
      expect(error.code).toBe('UNSUPPORTED_IMAGE');
      expect(error.input).toBe(path);
      expect(error.message).toMatch(/^SVG/);
      // Also given as bytes and named .png: refused from its content, not its name.
      const bytes = await rejection(digitizer.digitize(hostileSvg(url)));
      expect(bytes.code).toBe('UNSUPPORTED_IMAGE');
    }
    expect(requests).toBe(0);
  });
});

describe('formats: digitized as well as the same chart in plain RGB', () => {
  /** White made transparent: the chart drawn on a transparent page. */
  async function transparentPage(): Promise<Buffer> {
    const { data, info } = await sharp(SAMPLE)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const rgba = Buffer.alloc(info.width * info.height * 4);
    for (let i = 0, j = 0; i < data.length; i += 3, j += 4) {
      rgba.set(data.subarray(i, i + 3), j);
      rgba[j + 3] = data[i] === 255 && data[i + 1] === 255 && data[i + 2] === 255 ? 0 : 255;
    }
    return sharp(rgba, { raw: { width: info.width, height: info.height, channels: 4 } })
      .png()
      .toBuffer();
  }
  const variants: [string, () => Promise<Buffer>][] = [
    ['16-bit PNG', () => sharp(SAMPLE).toColourspace('rgb16').png().toBuffer()],
    ['palette PNG', () => sharp(SAMPLE).png({ palette: true, colours: 256, dither: 0 }).toBuffer()],
    ['CMYK JPEG', () => sharp(SAMPLE).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer()],
    ['transparent background', transparentPage],
    [
      'EXIF-rotated JPEG',
      () =>
        sharp(SAMPLE).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer(),
    ],
    ['lossless WebP', () => sharp(SAMPLE).webp({ lossless: true }).toBuffer()],
    ['TIFF', () => sharp(SAMPLE).tiff({ compression: 'lzw' }).toBuffer()],
  ];
  for (const [label, build] of variants) {
    it(
      label,
      async () => {
        const result = oneChart(await digitizer.digitize(await build()));
        expectSameChart(result, reference);
      },
      E2E_TIMEOUT_MS,
    );
  }

  it(
    'greyscale: a one-channel PNG as well as the same grey chart in RGB',
    async () => {
      const grey = sharp(SAMPLE).flatten({ background: '#fff' }).toColourspace('b-w');
      const oneChannel = await grey.clone().png().toBuffer();
      expect((await sharp(oneChannel).metadata()).channels).toBe(1);
      // From the grey bytes: on one sharp pipeline the last toColourspace wins.
      const rgb = await sharp(oneChannel).toColourspace('srgb').png().toBuffer();
      const [fromGrey, fromRgb] = [
        oneChart(await digitizer.digitize(oneChannel)),
        oneChart(await digitizer.digitize(rgb)),
      ];
      expect(fromGrey.series.length).toBe(fromRgb.series.length);
      if (fromRgb.series.length > 0) expectSameChart(fromGrey, fromRgb);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'an animated GIF and a multi-page TIFF: the first frame, with a warning',
    async () => {
      const first = await sharp(SAMPLE).png().toBuffer();
      const second = await sharp(first).negate({ alpha: false }).png().toBuffer();
      const tiff = await sharp([first, second], { join: { animated: true } })
        .tiff({ compression: 'lzw' })
        .toBuffer();
      const fromTiff = oneChart(await digitizer.digitize(tiff));
      expect(fromTiff.warnings).toContain('image has 2 pages; read the first');
      expectSameChart(fromTiff, reference);
      const gif = await sharp([first, second], { join: { animated: true } })
        .gif({ dither: 0 })
        .toBuffer();
      const fromGif = oneChart(await digitizer.digitize(gif));
      expect(fromGif.warnings).toContain('image has 2 frames; read the first');
      expect(fromGif.series.map((s) => s.name).sort()).toEqual(['GRPO', 'MEL']);
    },
    E2E_TIMEOUT_MS,
  );
});

describe('odd file names', () => {
  const names = [
    'with space.png',
    'ünïcødé 图表.png',
    '-leading-dash.png',
    'no-extension',
    'UPPER.PNG',
  ];

  it(
    'are read, and named as given in the result',
    async () => {
      // One end-to-end run; the others are the same bytes (the loader tests read each name).
      for (const name of names) await copyFile(SAMPLE, join(scratch, name));
      const path = join(scratch, '-leading-dash.png');
      const result = oneChart(await digitizer.digitize(path));
      expect(result.source).toBe(path);
      expect(result.series).toHaveLength(reference.series.length);
      for (const name of names) {
        const error = await rejection(digitizer.digitize(join(scratch, name), { maxPixels: 1000 }));
        expect(error.code, name).toBe('IMAGE_TOO_LARGE');
        expect(error.input).toBe(join(scratch, name));
      }
    },
    E2E_TIMEOUT_MS,
  );

  it('give outputs inside --out', () => {
    const out = join(scratch, 'out');
    for (const name of [...names, 'sub/dir/chart.JPG', '..chart.png', '.hidden.png']) {
      const output = outputPathFor(out, name, 'json');
      expect(resolve(output).startsWith(resolve(out) + sep), `${name} -> ${output}`).toBe(true);
    }
    for (const outside of ['../chart.png', 'sub/../../chart.png', '/etc/passwd']) {
      expect(() => outputPathFor(out, outside, 'json'), outside).toThrow(RangeError);
    }
  });
});

describe('the per-image time limit', () => {
  it(
    'turns a slow image into TIMEOUT, and the next image is still done',
    async () => {
      const error = await rejection(digitizer.digitize(SAMPLE, { timeoutMs: 1 }));
      expect(error.code).toBe('TIMEOUT');
      expect(error.input).toBe(SAMPLE);
      expect(error.message).toBe('took longer than 1 ms');
      const next = oneChart(await digitizer.digitize(SAMPLE));
      expectSameChart(next, reference);
    },
    E2E_TIMEOUT_MS,
  );
});
