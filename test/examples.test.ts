import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './helpers/buildCli.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const SHARDS = 3;

let scratch: string;
let bin: string;

beforeAll(async () => {
  await buildCli();
  scratch = await mkdtemp(join(tmpdir(), 'digitize-examples-'));
  // `digitize` and `digitize-log` on the PATH, as `npm install -g` puts them.
  bin = join(scratch, 'bin');
  await mkdir(bin);
  for (const [name, entry] of [
    ['digitize', 'cli.js'],
    ['digitize-log', 'logCli.js'],
  ]) {
    const shim = join(bin, name);
    await writeFile(
      shim,
      `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'dist', entry)}" "$@"\n`,
    );
    await chmod(shim, 0o755);
  }
}, 120_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function sh(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd: scratch,
      env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('examples: a corpus in shards on a scheduler', { timeout: 180_000 }, () => {
  it('the Slurm array script: N shards take every input exactly once, and digitize-log merges their logs', async () => {
    const input = join(scratch, 'figures');
    const out = join(scratch, 'results');
    const inputs: string[] = [];
    for (let index = 0; index < 14; index += 1) {
      const folder = join(input, `paper-${index % 4}`);
      await mkdir(folder, { recursive: true });
      const path = join(folder, `figure ${index}.png`);
      // Not images: each fails at once, so the test is about sharding, not digitizing.
      await writeFile(path, `figure ${index} is a text file\n`);
      inputs.push(path);
    }
    const chart = join(input, 'chart.png');
    await writeFile(chart, await readFile(join(root, 'samples', 'aime24.png')));
    inputs.push(chart);

    const script = join(root, 'examples', 'slurm-array.sh');
    const tasks = await Promise.all(
      Array.from({ length: SHARDS }, (_, task) =>
        sh('bash', [script, input, out], {
          SLURM_ARRAY_TASK_ID: String(task + 1),
          SLURM_ARRAY_TASK_COUNT: String(SHARDS),
          SLURM_CPUS_PER_TASK: '1',
        }),
      ),
    );
    // Failed inputs are the run log's business, not a failed task.
    expect(tasks.map((task) => task.code)).toEqual([0, 0, 0]);

    const logs = (await readdir(out)).filter((name) => name.startsWith('digitize-log')).sort();
    expect(logs).toEqual(
      Array.from({ length: SHARDS }, (_, k) => `digitize-log.shard-${k + 1}-of-${SHARDS}.jsonl`),
    );
    const perShard = await Promise.all(
      logs.map(async (name) =>
        (await readFile(join(out, name), 'utf8'))
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line).path as string),
      ),
    );
    const all = perShard.flat();
    expect(all.sort()).toEqual([...inputs].sort());
    expect(new Set(all).size).toBe(inputs.length);
    // The hash spreads them: no shard is empty here.
    expect(perShard.every((paths) => paths.length > 0)).toBe(true);
    expect(JSON.parse(await readFile(join(out, 'chart.json'), 'utf8')).series).toHaveLength(2);

    const merged = await sh('digitize-log', [out], {});
    expect(merged.code).toBe(1);
    const records = merged.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((record) => record.path)).toEqual([...inputs].sort());
    expect(merged.stderr).toBe(
      `digitize-log: ${inputs.length} inputs: 1 ok, 14 failed, 0 up to date\n`,
    );
    const ok = await sh('digitize-log', [out, '--status', 'ok', '--paths'], {});
    expect(ok.stdout).toBe(`${chart}\n`);

    // Running a shard again adds its records to its log; the merge keeps the last of each.
    const again = await sh('bash', [script, input, out], {
      SLURM_ARRAY_TASK_ID: '1',
      SLURM_ARRAY_TASK_COUNT: String(SHARDS),
    });
    expect(again.code).toBe(0);
    const remerged = await sh('digitize-log', [out, '--quiet'], {});
    expect(remerged.stdout.trim().split('\n')).toHaveLength(inputs.length);
  });

  it('the Kubernetes Indexed Job runs shard index+1 of as many shards as completions', async () => {
    const manifest = await readFile(join(root, 'examples', 'kubernetes-indexed-job.yaml'), 'utf8');
    expect(manifest).toMatch(/completionMode: Indexed/);
    const completions = /completions: (\d+)/.exec(manifest)?.[1];
    const shards = /name: SHARDS\s+value: "(\d+)"/.exec(manifest)?.[1];
    expect(completions).toBeDefined();
    expect(shards).toBe(completions);
    expect(manifest).toContain('--shard "$((JOB_COMPLETION_INDEX + 1))/$SHARDS"');
    // The pod's command, run as its shell runs it, for each index: shard K of N, exit 0.
    const command = /args:\s+- >-\n((?:\s{14}.*\n)+)/.exec(manifest)?.[1].replace(/\s*\n\s*/g, ' ');
    expect(command).toBeDefined();
    const local = command!
      .replaceAll('/data/figures', join(scratch, 'k8s-in'))
      .replaceAll('/data/results', join(scratch, 'k8s-out'));
    await mkdir(join(scratch, 'k8s-in'), { recursive: true });
    await writeFile(join(scratch, 'k8s-in', 'a.png'), 'not an image\n');
    const pod = await sh('sh', ['-c', local], { JOB_COMPLETION_INDEX: '0', SHARDS: '1' });
    expect(pod.code).toBe(0);
    expect(await readdir(join(scratch, 'k8s-out'))).toContain('digitize-log.shard-1-of-1.jsonl');
  });
});
