import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './helpers/buildCli.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const sample = join(root, 'samples', 'aime24.png');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI, as `node dist/cli.js ...args`. */
async function digitize(...args: string[]): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['dist/cli.js', ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as Ran;
    return { code, stdout, stderr };
  }
}

/** Runs the built CLI with `input` on its standard input. */
function digitizeStdin(input: Buffer, ...args: string[]): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['dist/cli.js', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'digitize-outputs-'));
  await buildCli();
}, 120_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('digitize: outputs for other tools (built)', { timeout: 120_000 }, () => {
  it('reads an image from standard input, named -', async () => {
    const { code, stdout } = await digitizeStdin(await readFile(sample), '-', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.source).toBe('-');
    expect(result.series.map((series: { name: string }) => series.name)).toEqual(['GRPO', 'MEL']);
    const empty = await digitizeStdin(Buffer.alloc(0), '-', '--jsonl');
    expect(empty.code).toBe(1);
    expect(JSON.parse(empty.stdout)).toEqual({
      source: '-',
      error: { code: 'UNSUPPORTED_IMAGE', message: expect.any(String), stage: 'load' },
    });
  });

  it('names standard input stdin under --out, and a file of that name keeps its outputs', async () => {
    const file = join(scratch, 'stdin.png');
    await writeFile(file, 'not an image\n');
    const out = join(scratch, 'stdin-out');
    const { code, stdout } = await digitizeStdin(
      Buffer.alloc(0),
      file,
      '-',
      '--out',
      out,
      '--jsonl',
    );
    expect(code).toBe(1);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    // Lines come in finishing order.
    lines.sort((a, b) => (a.source === '-' ? 1 : 0) - (b.source === '-' ? 1 : 0));
    expect(lines).toEqual([
      { source: file, error: expect.objectContaining({ code: 'UNSUPPORTED_IMAGE' }) },
      {
        source: '-',
        error: expect.objectContaining({
          message: `${join(out, 'stdin.json')} is already the output of ${file}`,
        }),
      },
    ]);
  });

  it('writes tables, Plotly figures and WebPlotDigitizer projects; re-prints the same table from the JSON', async () => {
    const input = join(scratch, 'charts');
    const out = join(scratch, 'out');
    await mkdir(join(input, 'sub'), { recursive: true });
    await writeFile(join(input, 'a.png'), await readFile(sample));
    await writeFile(join(input, 'sub', 'b.png'), await readFile(sample));
    await writeFile(join(input, 'broken.png'), 'not an image\n');
    const args = [input, '--out', out, '--csv', '--plotly', '--wpd', '--csv-long', '--quiet'];
    const report = join(scratch, 'review.html');
    const first = await digitize(
      ...args,
      '--delimiter',
      ';',
      '--bom',
      '--jobs',
      '1',
      '--report',
      report,
    );
    expect(first.code).toBe(1);
    // The review page: every input, the failure first, the overlays inlined.
    const page = await readFile(report, 'utf8');
    const sources = [...page.matchAll(/<span class="source">([^<]*)</g)].map((m) => m[1]);
    expect(sources[0]).toBe(join(input, 'broken.png'));
    expect(sources.slice(1).sort()).toEqual([join(input, 'a.png'), join(input, 'sub', 'b.png')]);
    expect(page.match(/src="data:image\/webp;base64,/g)).toHaveLength(2);
    // Stdout: the wide tables, each named by its source, the first after the byte order mark.
    expect(first.stdout.startsWith('\uFEFF# ')).toBe(true);
    const tables = first.stdout.slice(1).split('\n\n');
    expect(tables.map((table) => table.split('\n')[0]).sort()).toEqual([
      `# ${join(input, 'a.png')}`,
      `# ${join(input, 'sub', 'b.png')}`,
    ]);
    expect(tables[0].split('\n')[1]).toBe('Training Step;GRPO;MEL');
    const csv = await readFile(join(out, 'sub', 'b.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFTraining Step;GRPO;MEL\n')).toBe(true);
    const long = await readFile(join(out, 'a.long.csv'), 'utf8');
    expect(long.split('\n').slice(0, 2)).toEqual(['\uFEFFseries;x;y', 'GRPO;-0.082655;0.125023']);

    const plotly = JSON.parse(await readFile(join(out, 'a.plotly.json'), 'utf8'));
    expect(plotly.data.map((trace: { name: string }) => trace.name)).toEqual(['GRPO', 'MEL']);
    expect(plotly.layout.xaxis).toMatchObject({ type: 'linear', title: { text: 'Training Step' } });

    // The project archive: one folder holding info.json, wpd.json and the image.
    const tar = await readFile(join(out, 'a.wpd.tar'));
    const names = [...tar.toString('latin1').matchAll(/a\/[a-z.]+/g)].map((m) => m[0]);
    expect(names).toEqual(expect.arrayContaining(['a/info.json', 'a/wpd.json', 'a/image.png']));

    // Again: everything is up to date and re-printed from the JSON, with the same digits.
    const second = await digitize(...args, '--delimiter', ';', '--bom', '--jobs', '1');
    expect(second.code).toBe(1);
    // In finishing order, which may differ between the runs: the last table ends the output.
    const sorted = (text: string) =>
      text
        .slice(1)
        .split('\n\n')
        .map((table) => table.trimEnd())
        .sort();
    expect(sorted(second.stdout)).toEqual(sorted(first.stdout));
    const log = (await readFile(join(out, 'digitize-log.jsonl'), 'utf8')).trim().split('\n');
    expect(
      log
        .slice(3)
        .map((line) => JSON.parse(line).status)
        .sort(),
    ).toEqual(['failed', 'skipped', 'skipped']);

    // The WebPlotDigitizer project and the Plotly figure print on stdout too.
    const wpd = await digitize(join(out, '..', 'charts', 'a.png'), '--wpd', '--quiet');
    const project = JSON.parse(wpd.stdout);
    expect(project.version).toEqual([4, 2]);
    expect(project.axesColl[0].calibrationPoints.map((p: { dx: string }) => p.dx)).toEqual([
      '0',
      '140',
      '0',
      '140',
    ]);
    expect(project.datasetColl.map((d: { name: string }) => d.name)).toEqual(['GRPO', 'MEL']);
  });

  it('refuses two formats on stdout without --out, and shows examples and defaults in --help', async () => {
    const both = await digitize(sample, '--csv', '--plotly');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('csv and plotly print different things on stdout');
    const delimiter = await digitize(sample, '--csv', '--delimiter', ':');
    expect(delimiter.code).toBe(2);
    expect(delimiter.stderr).toContain(
      "Expected ',', ';', '|' or tab for --delimiter but received ':'",
    );
    const help = await digitize('--help');
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('digitize - --json < chart.png');
    expect(help.stdout).toMatch(/--max-pixels <n>[^-]*\(default:\s+100000000\)/);
    expect(help.stdout).toMatch(/--timeout <seconds>[^-]*\(default: 60\)/);
    expect(help.stdout.match(/\(default: one per two cores/g)).toHaveLength(1);
    expect(help.stdout).not.toMatch(/cores, \d+\)\s*\(default/);
  });
});
