import { describe } from '../describe/describe.js';
import { describeChart } from '../describe/describeChart.js';
import { describeFigure } from '../describe/describeFigure.js';
import { toCsv } from '../export/toCsv.js';
import { toJson } from '../export/toJson.js';
import { chartsOf, isFigure } from '../figure/figureResult.js';
import type { ChartResult, DigitizeResult } from '../types.js';

/** What is printed on stdout for each result. */
export type StdoutFormat = 'json' | 'jsonl' | 'csv' | 'markdown' | null;

/**
 * Prints results on stdout as they come: one object for a single input, else a JSON array
 * written element by element (closed by `end`, even after an interruption, so it stays valid).
 * With `facts`, the JSON forms print the facts of each chart's description instead.
 */
export function createStdout(
  format: StdoutFormat,
  several: boolean,
  closed: () => boolean,
  facts = false,
): { emit: (result: DigitizeResult) => Promise<void>; end: () => Promise<void> } {
  let count = 0;
  const write = (text: string): Promise<void> =>
    closed()
      ? Promise.resolve()
      : new Promise((done) => {
          process.stdout.write(text, () => done());
        });
  const json = (result: DigitizeResult): string =>
    facts
      ? JSON.stringify(isFigure(result) ? describeFigure(result) : describeChart(result), null, 2)
      : toJson(result);
  return {
    async emit(result) {
      count += 1;
      switch (format) {
        case null:
          return;
        case 'jsonl': {
          // A figure: a line per chart, each with its source and panel.
          const charts: ChartResult[] = chartsOf(result);
          return write(
            charts.map((chart) => `${JSON.stringify(JSON.parse(json(chart)))}\n`).join(''),
          );
        }
        case 'csv':
          return write(`${count > 1 ? '\n' : ''}${withNewline(toCsv(result))}`);
        case 'markdown':
          return write(`${count > 1 ? '\n' : ''}${describe(result)}`);
        case 'json':
          if (!several) return write(`${json(result)}\n`);
          // Re-indented one level: JSON strings hold no raw newline, so every line is JSON text.
          return write(`${count > 1 ? ',\n' : '[\n'}${json(result).replace(/^/gm, '  ')}`);
        default:
          return assertUnreachable(format);
      }
    },
    async end() {
      if (format === 'json' && several) await write(count > 0 ? '\n]\n' : '[]\n');
    },
  };
}

/** `text` ending with a newline. */
export function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function assertUnreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
