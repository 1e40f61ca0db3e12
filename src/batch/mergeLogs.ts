import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogRecord } from './runLog.js';

/** The run logs in an output folder: `digitize-log.jsonl` and the shards' `digitize-log.*.jsonl`. */
const LOG_FILE = /^digitize-log(\..+)?\.jsonl$/;

/** What merging gave: the last record of each input, sorted by path, and the count of each status. */
export interface MergedLog {
  records: LogRecord[];
  counts: Record<LogRecord['status'], number>;
  /** Lines that are not a record (a line cut by a crash), with where they are. */
  skipped: string[];
}

/**
 * Merges run logs (files, or folders whose `digitize-log*.jsonl` files are read) into one:
 * for each input path its last record, the files taken from the oldest to the newest (shards'
 * logs hold different inputs; a later run's record of an input replaces an earlier one's).
 * Lines that do not parse as a record are left out and listed in `skipped`. Rejects when a
 * path cannot be read.
 */
export async function mergeLogs(paths: readonly string[]): Promise<MergedLog> {
  const files: Array<{ path: string; mtime: number }> = [];
  for (const path of paths) {
    const info = await stat(path);
    const found = info.isDirectory()
      ? (await readdir(path)).filter((name) => LOG_FILE.test(name)).map((name) => join(path, name))
      : [path];
    for (const file of found) files.push({ path: file, mtime: (await stat(file)).mtimeMs });
  }
  files.sort((a, b) => a.mtime - b.mtime || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const last = new Map<string, LogRecord>();
  const skipped: string[] = [];
  for (const file of files) {
    const lines = (await readFile(file.path, 'utf8')).split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const record = parseRecord(line);
      if (record === null) skipped.push(`${file.path}:${index + 1}`);
      else last.set(record.path, record);
    });
  }
  const records = [...last.values()].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const counts: MergedLog['counts'] = { ok: 0, failed: 0, skipped: 0 };
  for (const record of records) counts[record.status] += 1;
  return { records, counts, skipped };
}

function parseRecord(line: string): LogRecord | null {
  try {
    const record = JSON.parse(line) as LogRecord;
    const statuses = ['ok', 'failed', 'skipped'];
    return typeof record?.path === 'string' && statuses.includes(record.status) ? record : null;
  } catch {
    return null;
  }
}
