import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInputs, inShard, parseShard, selectShard } from '../../src/batch/findInputs.js';
import { DigitizeError } from '../../src/errors.js';

const tiny = (format: 'png' | 'jpeg' | 'webp' | 'tiff' | 'gif' | 'avif'): Promise<Buffer> =>
  sharp({ create: { width: 4, height: 3, channels: 3, background: '#3366cc' } })
    .toFormat(format)
    .toBuffer();

/** A 1x1 24-bit BMP: file header, 40-byte info header, one padded row. */
function tinyBmp(): Uint8Array {
  const bytes = new Uint8Array(58);
  const view = new DataView(bytes.buffer);
  bytes.set([0x42, 0x4d]);
  view.setUint32(2, 58, true);
  view.setUint32(10, 54, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, 1, true);
  view.setInt32(22, 1, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  return bytes;
}

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'find-inputs-'));
  const png = await tiny('png');
  await mkdir(join(root, 'charts', 'nested', 'deeper'), { recursive: true });
  await writeFile(join(root, 'charts', 'b.png'), png);
  await writeFile(join(root, 'charts', 'a chart.PNG'), png);
  await writeFile(join(root, 'charts', 'fake.png'), 'this is text, not a PNG\n');
  await writeFile(join(root, 'charts', 'notes.txt'), 'notes\n');
  await writeFile(join(root, 'charts', 'nested', 'no-extension'), png);
  await writeFile(join(root, 'charts', 'nested', 'photo.jpg'), await tiny('jpeg'));
  await writeFile(join(root, 'charts', 'nested', 'deeper', 'c.webp'), await tiny('webp'));
  await writeFile(join(root, 'charts', 'nested', 'empty.png'), '');
  // Taken by content only when the loader would accept the bytes: no extension on purpose.
  await mkdir(join(root, 'sniffed'));
  await writeFile(join(root, 'sniffed', 'avif'), await tiny('avif'));
  await writeFile(join(root, 'sniffed', 'bmp'), tinyBmp());
  await writeFile(join(root, 'sniffed', 'gif'), await tiny('gif'));
  await writeFile(join(root, 'sniffed', 'svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(root, 'sniffed', 'tiff'), await tiny('tiff'));
  await writeFile(join(root, 'sniffed', 'truncated'), (await tiny('png')).subarray(0, 3));
  await writeFile(join(root, 'sniffed', 'zero'), '');
  // BMP is not decoded here, but a file named like an image is kept and then reported.
  await writeFile(join(root, 'sniffed', 'named.bmp'), tinyBmp());
  // A PDF by name or by content (`%PDF-` may follow a few bytes of junk).
  await writeFile(join(root, 'sniffed', 'paper.PDF'), 'not really a PDF\n');
  await writeFile(join(root, 'sniffed', 'scan'), `${' '.repeat(600)}%PDF-1.4\n`);
  await mkdir(join(root, 'empty'));
  await mkdir(join(root, 'no-images', 'sub'), { recursive: true });
  await writeFile(join(root, 'no-images', 'README.txt'), 'notes\n');
  await writeFile(join(root, 'no-images', 'sub', 'chart'), tinyBmp());
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('findInputs', () => {
  it('walks a folder recursively, takes images by name or content, sorts by relative path', async () => {
    const found = await findInputs([join(root, 'charts')]);
    // fake.png and empty.png are kept by their name: loading them fails and reports them.
    expect(found.map((file) => file.relative)).toEqual([
      'a chart.PNG',
      'b.png',
      'fake.png',
      'nested/deeper/c.webp',
      'nested/empty.png',
      'nested/no-extension',
      'nested/photo.jpg',
    ]);
    expect(found[3].path).toBe(join(root, 'charts', 'nested', 'deeper', 'c.webp'));
  });

  it('always keeps a file given directly, image or not, under its base name', async () => {
    const fake = join(root, 'charts', 'fake.png');
    expect(await findInputs([fake])).toEqual([{ path: fake, relative: 'fake.png' }]);
  });

  it('keeps the arguments in order and a path reached twice once', async () => {
    const direct = join(root, 'charts', 'b.png');
    const found = await findInputs([direct, join(root, 'charts', 'nested')]);
    expect(found.map((file) => file.relative)).toEqual([
      'b.png',
      'deeper/c.webp',
      'empty.png',
      'no-extension',
      'photo.jpg',
    ]);
    const twice = await findInputs([join(root, 'charts'), direct]);
    expect(twice.filter((file) => file.path === direct)).toHaveLength(1);
  });

  it('does not walk into excluded folders', async () => {
    const found = await findInputs([join(root, 'charts')], {
      exclude: [join(root, 'charts', 'nested')],
    });
    expect(found.map((file) => file.relative)).toEqual(['a chart.PNG', 'b.png', 'fake.png']);
  });

  it('throws INPUT_NOT_FOUND naming a missing path', async () => {
    const missing = join(root, 'nope.png');
    const error = await findInputs([missing]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DigitizeError);
    expect(error).toMatchObject({ code: 'INPUT_NOT_FOUND', stage: 'input', input: missing });
    expect((error as Error).message).toBe(`no such file or folder: ${missing}`);
  });

  it('reports a missing path to onError and goes on with the others', async () => {
    const missing = join(root, 'nope');
    const errors: string[] = [];
    const found = await findInputs([missing, join(root, 'charts', 'b.png')], {
      onError: (input, error) => errors.push(`${input} ${error.code}`),
    });
    expect(errors).toEqual([`${missing} INPUT_NOT_FOUND`]);
    expect(found.map((file) => file.relative)).toEqual(['b.png']);
  });

  it('takes by content exactly what the loader accepts: AVIF and PDF yes, BMP and SVG no', async () => {
    const found = await findInputs([join(root, 'sniffed')]);
    expect(found.map((file) => file.relative)).toEqual([
      'avif',
      'gif',
      'named.bmp',
      'paper.PDF',
      'scan',
      'tiff',
    ]);
  });

  it('throws INPUT_NOT_FOUND "no images found" for a folder without images', async () => {
    for (const folder of [join(root, 'empty'), join(root, 'no-images')]) {
      const error = await findInputs([folder]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DigitizeError);
      expect(error).toMatchObject({ code: 'INPUT_NOT_FOUND', stage: 'input', input: folder });
      expect((error as Error).message).toBe('no images found');
    }
  });

  it('reports a folder without images to onError and goes on with the others', async () => {
    const empty = join(root, 'empty');
    const errors: string[] = [];
    const found = await findInputs([empty, join(root, 'charts', 'nested', 'deeper')], {
      onError: (input, error) => errors.push(`${input} ${error.code} ${error.message}`),
    });
    expect(errors).toEqual([`${empty} INPUT_NOT_FOUND no images found`]);
    expect(found.map((file) => file.relative)).toEqual(['c.webp']);
  });

  it('rejects an argument that is not a list of paths', async () => {
    await expect(findInputs('charts' as unknown as string[])).rejects.toThrow(
      "Expected an array of paths for inputs but received 'charts' of type string",
    );
    await expect(findInputs([''])).rejects.toThrow(
      "Expected a non-empty path for input but received '' of type string",
    );
  });
});

describe('shards', () => {
  const names = Array.from({ length: 300 }, (_, i) => `set ${i % 7}/chart-${i}.png`);

  it('parses K/N and names a bad value', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1.5/3', '-1/3']) {
      expect(() => parseShard(bad)).toThrow(
        `Expected K/N with 1 <= K <= N for shard but received '${bad}'`,
      );
    }
  });

  it.each([1, 2, 3, 7])('puts every input in exactly one of %i shards', (count) => {
    const shards = Array.from({ length: count }, (_, i) =>
      selectShard(
        names.map((relative) => ({ relative })),
        { index: i + 1, count },
      ).map((input) => input.relative),
    );
    expect(shards.flat().sort()).toEqual([...names].sort());
    for (const name of names) {
      const owners = shards.filter((shard) => shard.includes(name));
      expect(owners).toHaveLength(1);
    }
    // Not a degenerate split: with 300 inputs every shard gets some.
    for (const shard of shards) expect(shard.length).toBeGreaterThan(0);
  });

  it('is a pure function of the relative path', () => {
    const shard = { index: 2, count: 3 };
    const first = names.map((name) => inShard(name, shard));
    expect(names.map((name) => inShard(name, shard))).toEqual(first);
    // The same path composed or decomposed (macOS file names) lands in the same shard.
    for (let index = 1; index <= 5; index += 1) {
      expect(inShard('r\u00e9sum\u00e9.png', { index, count: 5 })).toBe(
        inShard('re\u0301sume\u0301.png', { index, count: 5 }),
      );
    }
  });
});
