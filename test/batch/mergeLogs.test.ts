import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeLogs } from '../../src/batch/mergeLogs.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'digitize-merge-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const record = (path: string, status: string) =>
  JSON.stringify({ path, status, code: null, message: null, seconds: 1, series: 2 });

describe('mergeLogs', () => {
  it('keeps the last record of each input over the logs of a folder, oldest file first', async () => {
    const old = join(folder, 'digitize-log.jsonl');
    const shard = join(folder, 'digitize-log.shard-1-of-2.jsonl');
    await writeFile(old, `${record('b.png', 'failed')}\n${record('a.png', 'ok')}\n`);
    await writeFile(shard, `${record('b.png', 'ok')}\n{"path": "c.png", "stat\n\n`);
    await writeFile(join(folder, 'notes.jsonl'), `${record('z.png', 'ok')}\n`);
    await utimes(old, new Date(1000), new Date(1000));
    const merged = await mergeLogs([folder]);
    expect(merged.records.map((r) => [r.path, r.status])).toEqual([
      ['a.png', 'ok'],
      ['b.png', 'ok'],
    ]);
    expect(merged.counts).toEqual({ ok: 2, failed: 0, skipped: 0 });
    expect(merged.skipped).toEqual([`${shard}:2`]);
  });

  it('reads log files given by name, and rejects a path that is missing', async () => {
    const file = join(folder, 'other.jsonl');
    await writeFile(file, `${record('x.png', 'skipped')}\n`);
    expect((await mergeLogs([file])).counts).toEqual({ ok: 0, failed: 0, skipped: 1 });
    await expect(mergeLogs([join(folder, 'missing')])).rejects.toThrow(/ENOENT/);
  });
});
