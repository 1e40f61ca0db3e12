import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../helpers/buildCli.js';

const root = join(import.meta.dirname, '..', '..');
/** Enough inputs that the first output appears long before the last one is done. */
const INPUTS = 12;
/** How often the output folder is looked at for the first result. */
const POLL_MS = 20;
const LOG_NAME = 'digitize-log.jsonl';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts the built CLI; `onStart` gets the child to signal. Resolves with how it ended, never
 * rejects: the exit code is what the tests check.
 */
function digitize(args: string[], onStart?: (send: () => boolean) => void): Promise<Exit> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['dist/cli.js', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
    onStart?.(() => child.kill('SIGINT'));
  });
}

async function jsonOutputs(out: string): Promise<string[]> {
  const names = await readdir(out).catch(() => [] as string[]);
  // Temporary files end in .tmp and the log in .jsonl: only finished results end in .json.
  return names.filter((name) => name.endsWith('.json')).sort();
}

async function readLog(out: string): Promise<{ path: string; status: string }[]> {
  const text = await readFile(join(out, LOG_NAME), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

let scratch: string;
let input: string;
let out: string;
const names = Array.from({ length: INPUTS }, (_, i) => `chart-${String(i + 1).padStart(2, '0')}`);

beforeAll(async () => {
  await buildCli();
  scratch = await mkdtemp(join(tmpdir(), 'digitize-interrupt-'));
  input = join(scratch, 'charts');
  out = join(scratch, 'out');
  await mkdir(input);
  for (const name of names) {
    await copyFile(join(root, 'samples', 'aime24.png'), join(input, `${name}.png`));
  }
}, 90_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('digitize interrupted by SIGINT, then resumed (built)', { timeout: 40_000 }, () => {
  it('stops with 130 leaving a log line per finished input, and a rerun does the rest', async () => {
    let polling = true;
    const first = await digitize(
      [input, '--out', out, '--jobs', '1', '--json'],
      async (interrupt) => {
        while (polling && (await jsonOutputs(out)).length === 0) {
          await new Promise((done) => setTimeout(done, POLL_MS));
        }
        if (polling) interrupt();
      },
    );
    polling = false;
    expect(first.code, first.stderr).toBe(130);
    expect(first.stderr).toContain('digitize: SIGINT: finishing the inputs in flight');
    expect(first.stderr).toMatch(/digitize: interrupted; \d+ inputs? not processed/);
    const done = await jsonOutputs(out);
    // The JSON array on stdout is closed even though the run stopped early.
    expect(JSON.parse(first.stdout)).toHaveLength(done.length);
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(INPUTS);
    for (const name of done) {
      const result = JSON.parse(await readFile(join(out, name), 'utf8'));
      expect(result.series).toHaveLength(2);
    }
    const firstLog = await readLog(out);
    expect(firstLog.map((record) => record.status)).toEqual(done.map(() => 'ok'));
    expect(firstLog.map((record) => record.path).sort()).toEqual(
      done.map((name) => join(input, name.replace(/\.json$/, '.png'))),
    );

    const second = await digitize([input, '--out', out, '--jobs', '1', '--quiet']);
    expect(second.code, second.stderr).toBe(0);
    expect(await jsonOutputs(out)).toEqual(names.map((name) => `${name}.json`));
    for (const name of names) {
      const result = JSON.parse(await readFile(join(out, `${name}.json`), 'utf8'));
      expect(result.source).toBe(join(input, `${name}.png`));
    }
    const secondLog = (await readLog(out)).slice(firstLog.length);
    expect(secondLog).toHaveLength(INPUTS);
    const before = new Set(firstLog.map((record) => record.path));
    for (const record of secondLog) {
      expect(record.status, record.path).toBe(before.has(record.path) ? 'skipped' : 'ok');
    }
  });
});
