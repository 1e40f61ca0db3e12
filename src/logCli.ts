#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { mergeLogs } from './batch/mergeLogs.js';
import { messageOf } from './batch/runLog.js';

/**
 * `digitize-log`: merges the run logs of a batch (shards on several machines write one each
 * into the shared output folder) into one, the last record of each input, on stdout.
 */
async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('digitize-log')
    .description(
      'Merge the run logs of digitize (one per shard) into one: the last record of each input, sorted by path, as JSON lines.',
    )
    .argument('<logs...>', 'output folders (their digitize-log*.jsonl files) or log files')
    .addOption(
      new Option(
        '--status <status>',
        'print only the inputs whose last record has this status',
      ).choices(['ok', 'failed', 'skipped']),
    )
    .option('--paths', 'print the paths only, one per line (to retry or to list)')
    .option('--quiet', 'no summary on stderr')
    .helpOption('-h, --help', 'print this help')
    .addHelpText(
      'after',
      `
Examples:
  digitize-log results/ > results/merged-log.jsonl    all shards' logs in one
  digitize-log results/ --status failed --paths        the inputs that failed

Exit status: 0 when no input failed, 1 when any did (its last record), 2 on a usage error.`,
    )
    .exitOverride()
    .action(
      async (paths: string[], options: { status?: string; paths?: boolean; quiet?: boolean }) => {
        const merged = await mergeLogs(paths);
        const shown = merged.records.filter(
          (record) => options.status === undefined || record.status === options.status,
        );
        const text = shown
          .map((record) => (options.paths ? record.path : JSON.stringify(record)))
          .join('\n');
        if (text !== '') process.stdout.write(`${text}\n`);
        const { ok, failed, skipped } = merged.counts;
        if (!options.quiet) {
          process.stderr.write(
            `digitize-log: ${merged.records.length} inputs: ${ok} ok, ${failed} failed, ${skipped} up to date\n`,
          );
          for (const where of merged.skipped) {
            process.stderr.write(`digitize-log: ${where}: not a log record, left out\n`);
          }
        }
        code = failed > 0 ? 1 : 0;
      },
    );
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return code;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`digitize-log: ${messageOf(error)}\n`);
    process.exitCode = 2;
  },
);
