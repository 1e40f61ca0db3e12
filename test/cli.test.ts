import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './helpers/buildCli.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');

/** Runs the CLI from source, as `npx tsx src/cli.ts ...args`. */
async function digitize(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli.ts', ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** Runs the built CLI, as `node dist/cli.js ...args`. */
function digitizeBuilt(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runBuilt([], ...args);
}

/** Runs the built CLI with options for node, as `node ...nodeArgs dist/cli.js ...args`. */
async function runBuilt(
  nodeArgs: string[],
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...nodeArgs, 'dist/cli.js', ...args], {
      cwd: root,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'digitize-cli-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

// Each case starts a process (about a second through npx and tsx, ten on a loaded 2-core
// machine): run them side by side.
describe.concurrent('digitize (command line)', { timeout: 90_000 }, () => {
  it('exits 2 on an unknown option', async () => {
    const { code, stdout, stderr } = await digitize('--bogus', 'chart.png');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("error: unknown option '--bogus'");
  });

  it('exits 2 without inputs', async () => {
    const { code, stderr } = await digitize();
    expect(code).toBe(2);
    expect(stderr).toContain("error: missing required argument 'inputs'");
  });

  it('exits 2 on a bad option value', async () => {
    const shard = await digitize('--shard', '3/2', 'chart.png');
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain("Expected K/N with 1 <= K <= N for shard but received '3/2'");
    const pixels = await digitize('--max-pixels', 'lots', 'chart.png');
    expect(pixels.code).toBe(2);
    expect(pixels.stderr).toContain(
      "Expected positive integer for --max-pixels but received 'lots'",
    );
  });

  it('exits 2 on options that do not go together', async () => {
    expect((await digitize('--json', '--jsonl', 'chart.png')).code).toBe(2);
    const overlays = await digitize('--overlays', 'chart.png');
    expect(overlays.code).toBe(2);
    expect(overlays.stderr).toContain('--overlays needs --out <dir>');
    expect((await digitize('--overlay', 'o.png', 'a.png', 'b.png')).code).toBe(2);
  });

  it('prints the version of package.json and exits 0', async () => {
    const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    const { code, stdout } = await digitize('--version');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });

  it('prints the help and exits 0', async () => {
    const { code, stdout } = await digitize('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: digitize [options] <inputs...>');
  });

  it('names a missing file on one line, prints it as a failure and exits 1', async () => {
    const missing = join(scratch, 'no such chart.png');
    const { code, stdout, stderr } = await digitize(missing);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      source: missing,
      error: {
        code: 'INPUT_NOT_FOUND',
        message: `no such file or folder: ${missing}`,
        stage: 'input',
      },
    });
    expect(stderr).toBe(`${missing}: no such file or folder: ${missing}\n`);
  });

  it('names a folder without images on one line and exits 1', async () => {
    const empty = join(scratch, 'empty');
    const notes = join(scratch, 'only-notes');
    await mkdir(empty);
    await mkdir(join(notes, 'sub'), { recursive: true });
    await writeFile(join(notes, 'README.txt'), 'no charts here\n');
    await writeFile(join(notes, 'sub', 'page.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    for (const folder of [`${empty}/`, notes]) {
      const { code, stdout, stderr } = await digitize(folder);
      expect(code).toBe(1);
      expect(JSON.parse(stdout)).toEqual([
        { source: folder, error: expect.objectContaining({ code: 'INPUT_NOT_FOUND' }) },
      ]);
      expect(stderr).toBe(`${folder}: no images found\n`);
    }
  });

  it('logs a missing input with --out and prints it as an entry of the JSON array', async () => {
    const missing = join(scratch, 'gone');
    const out = join(scratch, 'out');
    const { code, stdout } = await digitize('--quiet', '--json', '--out', out, missing, missing);
    expect(code).toBe(1);
    const failure = {
      source: missing,
      error: {
        code: 'INPUT_NOT_FOUND',
        message: `no such file or folder: ${missing}`,
        stage: 'input',
      },
    };
    expect(JSON.parse(stdout)).toEqual([failure, failure]);
    const log = (await readFile(join(out, 'digitize-log.jsonl'), 'utf8')).trim().split('\n');
    expect(log.map((line) => JSON.parse(line))).toEqual([
      {
        path: missing,
        status: 'failed',
        code: 'INPUT_NOT_FOUND',
        message: `no such file or folder: ${missing}`,
        seconds: 0,
        series: null,
      },
      expect.objectContaining({ path: missing, code: 'INPUT_NOT_FOUND' }),
    ]);
  });
});

describe('digitize a folder with --jobs 2 (built)', { timeout: 90_000 }, () => {
  // Worker threads started from the TypeScript sources go through tsx: the built CLI is what
  // users run.
  beforeAll(async () => {
    await buildCli();
  }, 90_000);

  it('writes every good chart, logs the bad ones, exits 1, and a second run skips what is done', async () => {
    const input = join(scratch, 'batch');
    const out = join(scratch, 'batch-out');
    const aime = await readFile(join(root, 'samples', 'aime24.png'));
    await mkdir(join(input, 'sub'), { recursive: true });
    await writeFile(join(input, 'a.png'), aime);
    await writeFile(join(input, 'sub', 'b.png'), aime);
    await writeFile(join(input, 'sub', 'c.png'), aime);
    await writeFile(join(input, 'sub', 'd.png'), aime);
    await writeFile(join(input, 'notes.png'), 'a text file named .png\n');
    await writeFile(join(input, 'sub', 'truncated.png'), aime.subarray(0, 20_000));

    const first = await digitizeBuilt(input, '--out', out, '--jobs', '2', '--quiet');
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`${join(input, 'notes.png')}: not`);
    for (const name of ['a', 'sub/b', 'sub/c', 'sub/d']) {
      const result = JSON.parse(await readFile(join(out, `${name}.json`), 'utf8'));
      expect(result.source).toBe(join(input, `${name}.png`));
      expect(result.series).toHaveLength(2);
    }
    const log = async () =>
      (await readFile(join(out, 'digitize-log.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
    const firstLog = await log();
    expect(firstLog).toHaveLength(6);
    const byPath = new Map(firstLog.map((record) => [record.path, record]));
    expect(byPath.get(join(input, 'notes.png'))).toMatchObject({
      status: 'failed',
      code: 'UNSUPPORTED_IMAGE',
      series: null,
    });
    expect(byPath.get(join(input, 'sub', 'truncated.png'))).toMatchObject({
      status: 'failed',
      code: 'UNSUPPORTED_IMAGE',
      message: 'image data is corrupt or truncated',
    });
    expect(byPath.get(join(input, 'sub', 'b.png'))).toMatchObject({
      status: 'ok',
      code: null,
      series: 2,
      seconds: expect.any(Number),
    });

    const second = await digitizeBuilt(input, '--out', out, '--jobs', '2', '--quiet');
    expect(second.code).toBe(1);
    const secondLog = (await log()).slice(6);
    expect(secondLog.map((record) => record.status).sort()).toEqual([
      'failed',
      'failed',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
  });

  it('reports an empty folder among others as one failed input and does the rest', async () => {
    const input = join(scratch, 'mixed');
    const empty = join(scratch, 'mixed-empty');
    const out = join(scratch, 'mixed-out');
    await mkdir(input, { recursive: true });
    await mkdir(empty, { recursive: true });
    await writeFile(join(input, 'a.png'), await readFile(join(root, 'samples', 'aime24.png')));
    const { code, stdout, stderr } = await digitizeBuilt(
      empty,
      input,
      '--out',
      out,
      '--jsonl',
      '--jobs',
      '1',
    );
    expect(code).toBe(1);
    expect(stderr.split('\n').filter((line) => line.includes(empty))).toEqual([
      `${empty}: no images found`,
    ]);
    expect(stderr).toContain('digitize: 1 ok, 1 failed, 0 up to date');
    // The folder's failure is a line of its own, before the chart.
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      {
        source: empty,
        error: { code: 'INPUT_NOT_FOUND', message: 'no images found', stage: 'input' },
      },
      expect.objectContaining({ source: join(input, 'a.png') }),
    ]);
    const log = (await readFile(join(out, 'digitize-log.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(log).toEqual([
      expect.objectContaining({ path: empty, status: 'failed', code: 'INPUT_NOT_FOUND' }),
      expect.objectContaining({ path: join(input, 'a.png'), status: 'ok', series: 2 }),
    ]);
  });
});

describe('digitize --describe (built)', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    await buildCli();
  }, 90_000);

  // The sample chart's truth, from the generator that drew it.
  const steps = [0, 20, 40, 60, 80, 100, 120, 140];
  const truth = {
    GRPO: [0.125, 0.165, 0.13, 0.16, 0.135, 0.17, 0.13, 0.16],
    MEL: [0.075, 0.13, 0.1, 0.15, 0.225, 0.17, 0.175, 0.2],
  };
  const sample = join(root, 'samples', 'aime24.png');

  it('prints the sample chart in words, every value at a tick within 0.001 of the truth', async () => {
    const { code, stdout } = await digitizeBuilt(sample, '--describe');
    expect(code).toBe(0);
    expect(stdout).toContain('titled "Benchmark: AIME24"');
    expect(stdout).toContain('x axis: "Training Step", linear, ticks from 0 to 140 every 20');
    expect(stdout).toContain('y axis: "Validation Score"');
    expect(stdout).toContain('Legend: in the bottom-right corner of the plot');
    expect(stdout).toContain('GRPO: a light blue line with circular markers');
    expect(stdout).toContain('MEL: a light red line with triangular markers');
    expect(stdout).toContain('MEL is above GRPO at Training Step 80, 120 and 140.');
    expect(stdout).toContain('GRPO is above MEL at Training Step 0, 20, 40 and 60.');
    // Each series' section lists its values at the ticks.
    for (const [name, values] of Object.entries(truth)) {
      const section = stdout.split(`### ${name} `)[1].split('\n### ')[0];
      const read = [...section.matchAll(/^ {2}- Training Step (\d+): ([\d.]+)$/gm)];
      expect(read.map((m) => Number(m[1]))).toEqual(steps);
      read.forEach((m, i) => {
        expect(Math.abs(Number(m[2]) - values[i]), `${name} at ${m[1]}`).toBeLessThanOrEqual(0.001);
      });
    }
  });

  it('prints the facts with --json, and writes .md files with --out', async () => {
    const out = join(scratch, 'describe-out');
    const { code, stdout } = await digitizeBuilt(sample, '--describe', '--json', '--out', out);
    expect(code).toBe(0);
    const facts = JSON.parse(stdout);
    const mel = facts.series.find((s: { label: string }) => s.label === 'MEL');
    expect(mel.maximum).toEqual({ y: 0.225, xs: [80] });
    expect(facts.comparisons[0].crossings).toEqual([{ x: 62, after: 60, before: 80 }]);
    expect(facts.legend.place.words).toBe('bottom-right corner');
    const markdown = await readFile(join(out, 'aime24.md'), 'utf8');
    expect(markdown).toContain('## Key observations');
    expect(JSON.parse(await readFile(join(out, 'aime24.json'), 'utf8')).legend).toEqual({
      box: expect.objectContaining({ left: expect.any(Number) }),
    });
  });

  it('refuses --describe with --csv', async () => {
    const { code, stderr } = await digitizeBuilt(sample, '--describe', '--csv');
    expect(code).toBe(2);
    expect(stderr).toContain("option '--csv' cannot be used with option '--describe'");
  });
});

describe('digitize PDFs (built)', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    await buildCli();
  }, 90_000);

  const engines = join(root, 'test', 'fixtures', 'pdf', 'engines');
  const panels = join(engines, 'mpl-t3-panels.pdf');

  it('digitizes a folder of a PDF, a PDF without extension and a PNG, with their tables', async () => {
    const input = join(scratch, 'papers');
    const out = join(scratch, 'papers-out');
    await mkdir(input, { recursive: true });
    await writeFile(join(input, 'paper.pdf'), await readFile(panels));
    await writeFile(join(input, 'scan'), await readFile(join(engines, 'gnuplot-log.pdf')));
    await writeFile(join(input, 'chart.png'), await readFile(join(root, 'samples', 'aime24.png')));
    await writeFile(join(input, 'notes.txt'), 'not an input\n');
    const { code, stderr } = await digitizeBuilt(input, '--out', out, '--csv', '--quiet');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const paper = JSON.parse(await readFile(join(out, 'paper.json'), 'utf8'));
    expect(paper).toMatchObject({ source: join(input, 'paper.pdf'), pages: 1, warnings: [] });
    expect(paper.charts).toHaveLength(4);
    const scan = JSON.parse(await readFile(join(out, 'scan.json'), 'utf8'));
    expect(scan.charts.map((chart: { page: number }) => chart.page)).toEqual([1]);
    const chart = JSON.parse(await readFile(join(out, 'chart.json'), 'utf8'));
    expect(chart.series).toHaveLength(2);
    const table = await readFile(join(out, 'paper.csv'), 'utf8');
    expect(table.split('\n').slice(0, 3)).toEqual([
      `# ${join(input, 'paper.pdf')} page 1 panel 1`,
      'Training tokens (B),MEL',
      '10,0.723761',
    ]);
    expect(table).toContain(`\n\n# ${join(input, 'paper.pdf')} page 1 panel 4\nEpoch,SFT,val\n`);
  });

  it('reads the pages asked for: a line per chart with --jsonl, the page named with --describe', async () => {
    const { code, stdout } = await digitizeBuilt(panels, '--jsonl', '--pages', '1');
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map(({ source, page, panel }) => [source, page, panel.index])).toEqual([
      [panels, 1, 0],
      [panels, 1, 1],
      [panels, 1, 2],
      [panels, 1, 3],
    ]);
    const none = await digitizeBuilt(panels, '--json', '--pages', '2-');
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual({
      source: panels,
      pages: 0,
      charts: [],
      warnings: ['no page selected: the document has 1 page'],
    });
    const described = await digitizeBuilt(panels, '--describe');
    expect(described.stdout).toContain('## Page 1, panel 3');
    const bad = await digitizeBuilt(panels, '--pages', '3-1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Expected page ranges like 3-5,9 for pages but received '3-1'");
  });

  it('draws the overlay of a PDF on its page', async () => {
    const overlay = join(scratch, 'paper.overlay.png');
    const { code } = await digitizeBuilt(panels, '--overlay', overlay);
    expect(code).toBe(0);
    // The page is 576 x 432 pt, rendered at 2 px per point as the results are given.
    expect(await sharp(overlay).metadata()).toMatchObject({ width: 1152, height: 864 });
  });

  it('reads PDFs without the optional @napi-rs/canvas, quietly; only the overlay needs it', async () => {
    const noCanvas = ['--import', './test/helpers/noCanvas.mjs'];
    const withCanvas = await digitizeBuilt(panels, '--json');
    const without = await runBuilt(noCanvas, panels, '--json');
    expect(without).toEqual({ code: 0, stdout: withCanvas.stdout, stderr: '' });
    const overlay = await runBuilt(noCanvas, panels, '--overlay', join(scratch, 'none.png'));
    expect(overlay.code).toBe(1);
    expect(overlay.stderr).toContain('needs the optional dependency @napi-rs/canvas');
  });

  it('gives each hostile PDF a clear error or a warning, and goes on with the others', async () => {
    const hostile = join(root, 'test', 'fixtures', 'pdf', 'hostile');
    const out = join(scratch, 'hostile-out');
    const { code, stderr } = await digitizeBuilt(hostile, '--out', out, '--quiet', '--jobs', '1');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n').sort()).toEqual([
      `${join(hostile, 'encrypted.pdf')}: the PDF is encrypted with a password`,
      `${join(hostile, 'garbage.pdf')}: not a readable PDF: Invalid PDF structure.`,
      `${join(hostile, 'truncated.pdf')}: not a readable PDF: Invalid PDF structure.`,
    ]);
    for (const name of ['broken-xref', 'circular-forms', 'deep-forms', 'huge-image', 'scripted']) {
      const result = JSON.parse(await readFile(join(out, `${name}.json`), 'utf8'));
      expect(result.charts, name).toEqual([]);
      expect(result.warnings.length, name).toBeGreaterThan(0);
    }
  });
});
