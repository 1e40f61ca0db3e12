import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUpToDate, outputPathFor, writeFileAtomic } from '../../src/batch/outputPaths.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'output-paths-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('outputPathFor', () => {
  it.each([
    ['chart.png', 'json', join('out', 'chart.json')],
    ['a/b/chart.png', 'json', join('out', 'a', 'b', 'chart.json')],
    ['Chart.PNG', 'csv', join('out', 'Chart.csv')],
    ['photo.jpeg', 'overlay.png', join('out', 'photo.overlay.png')],
    ['no-extension', 'json', join('out', 'no-extension.json')],
    ['run.v2', 'json', join('out', 'run.v2.json')],
    ['my chart (final).png', 'json', join('out', 'my chart (final).json')],
    ['-rf.png', 'json', join('out', '-rf.json')],
    ['--help', 'json', join('out', '--help.json')],
    ['日本語/グラフ.webp', 'json', join('out', '日本語', 'グラフ.json')],
    ['.png', 'json', join('out', '.png.json')],
    ['./a//b.png', '.json', join('out', 'a', 'b.json')],
  ])('maps %s with %s', (input, ext, expected) => {
    expect(outputPathFor('out', input, ext)).toBe(expected);
  });

  it.each([
    '../x.png',
    'a/../../x.png',
    'a/..',
    '..',
    '/etc/passwd',
    'C:\\x.png',
    'C:x.png',
    '\\\\server\\share\\x.png',
    '',
    'a\0b.png',
  ])('refuses %j', (input) => {
    expect(() => outputPathFor('out', input, 'json')).toThrow(
      `Expected a relative path inside the output folder for relative but received '${input}' of type string`,
    );
  });

  it('refuses an extension that is a path', () => {
    for (const ext of ['', '../json', 'a/b', '.']) {
      expect(() => outputPathFor('out', 'x.png', ext)).toThrow(
        `Expected a file extension such as 'json' for ext but received '${ext}' of type string`,
      );
    }
  });

  it('never leaves the output folder', () => {
    const pieces = [
      '..',
      '.',
      '',
      'a',
      '...',
      '..a',
      'a..',
      '-',
      ' ',
      '~',
      '%2e%2e',
      '\\..',
      '..\\',
      'x.png',
    ];
    const outDir = join(root, 'out');
    for (const a of pieces) {
      for (const b of pieces) {
        for (const c of pieces) {
          const input = `${a}/${b}/${c}`;
          let path: string;
          try {
            path = outputPathFor(outDir, input, 'json');
          } catch (error) {
            expect(error).toBeInstanceOf(RangeError);
            continue;
          }
          const inside = relative(resolve(outDir), resolve(path));
          expect(
            inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside),
            input,
          ).toBe(false);
          expect(inside).not.toBe('');
        }
      }
    }
  });
});

describe('writeFileAtomic', () => {
  it('creates the folders, writes, replaces and leaves no temporary file', async () => {
    const path = join(root, 'atomic', 'deep', 'result.json');
    await writeFileAtomic(path, '{"a":1}\n');
    await writeFileAtomic(path, new Uint8Array([0x7b, 0x7d]));
    expect(await readFile(path, 'utf8')).toBe('{}');
    expect(await readdir(join(root, 'atomic', 'deep'))).toEqual(['result.json']);
  });

  it('removes its temporary file when the rename fails', async () => {
    const folder = join(root, 'atomic-fail');
    // A folder where the file should go makes the rename fail after the write.
    await writeFileAtomic(join(folder, 'taken', 'inner.txt'), 'x');
    await expect(writeFileAtomic(join(folder, 'taken'), 'data')).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['taken']);
  });
});

describe('isUpToDate', () => {
  it('is true only when the output exists and is newer than the input', async () => {
    const input = join(root, 'input.png');
    const output = join(root, 'input.json');
    await writeFile(input, 'image');
    expect(await isUpToDate(output, input)).toBe(false);
    await writeFile(output, '{}');
    await utimes(input, new Date('2024-01-01'), new Date('2024-01-01'));
    await utimes(output, new Date('2024-01-02'), new Date('2024-01-02'));
    expect(await isUpToDate(output, input)).toBe(true);
    await utimes(input, new Date('2024-01-03'), new Date('2024-01-03'));
    expect(await isUpToDate(output, input)).toBe(false);
    expect(await isUpToDate(output, join(root, 'missing.png'))).toBe(false);
  });
});
