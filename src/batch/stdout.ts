import { describe } from '../describe/describe.js';
import { describeChart } from '../describe/describeChart.js';
import { describeFigure } from '../describe/describeFigure.js';
import { toCsv, toLongCsv } from '../export/toCsv.js';
import { toJson } from '../export/toJson.js';
import { toPlotly } from '../export/toPlotly.js';
import { toWpd } from '../export/toWpd.js';
import { chartsOf, isFigure } from '../figure/figureResult.js';
import type { DigitizeResult } from '../types.js';
import { failureEntry, type Outcome } from './outcome.js';
import { BOM, type TableOptions } from './writeOutputs.js';

/** What is printed on stdout for each result. */
export type StdoutFormat =
  | 'json'
  | 'jsonl'
  | 'csv'
  | 'csv-long'
  | 'markdown'
  | 'plotly'
  | 'wpd'
  | null;

export interface StdoutOptions extends TableOptions {
  /** Several inputs: JSON forms print an array, tables name their input. */
  several: boolean;
  /** Whether stdout was closed by its reader: nothing more is written. */
  closed: () => boolean;
  /** The JSON forms print the facts of each chart's description instead of the result. */
  facts?: boolean;
}

/**
 * Prints outcomes on stdout as they come: one object for a single input, else a JSON array
 * written element by element (closed by `end`, even after an interruption, so it stays valid).
 * A failed input is an entry of its own in the JSON forms (`{ source, error: { code, message,
 * stage } }`) and left out of the others (its error is on stderr). Tables of several inputs
 * name each input (`# <source>`); the long table has one header, with source and panel columns.
 */
export function createStdout(
  format: StdoutFormat,
  { several, closed, facts = false, delimiter = ',', bom = false }: StdoutOptions,
): { emit: (outcome: Outcome) => Promise<void>; end: () => Promise<void> } {
  let count = 0;
  const write = (text: string): Promise<void> =>
    closed()
      ? Promise.resolve()
      : new Promise((done) => {
          process.stdout.write(text, () => done());
        });
  const json = (result: DigitizeResult): string => {
    switch (format) {
      case 'plotly':
        return JSON.stringify(toPlotly(result), null, 2);
      case 'wpd':
        return JSON.stringify(toWpd(result), null, 2);
      default:
        if (!facts) return toJson(result);
        return JSON.stringify(
          isFigure(result) ? describeFigure(result) : describeChart(result),
          null,
          2,
        );
    }
  };
  const element = (text: string): Promise<void> => {
    if (!several) return write(`${text}\n`);
    // Re-indented one level: JSON strings hold no raw newline, so every line is JSON text.
    return write(`${count > 1 ? ',\n' : '[\n'}${text.replace(/^/gm, '  ')}`);
  };
  // The first table starts with the byte order mark, the next ones after a blank line.
  const table = (text: string): Promise<void> =>
    write(`${count > 1 ? '\n' : bom ? BOM : ''}${text}`);
  return {
    async emit(outcome) {
      const { result, source } = outcome;
      switch (format) {
        case null:
          return;
        case 'jsonl': {
          count += 1;
          if (result === undefined) {
            return write(`${JSON.stringify(failureEntry(source, outcome.error))}\n`);
          }
          // A figure: a line per chart, each with its source and panel.
          return write(
            chartsOf(result)
              .map((chart) => `${JSON.stringify(JSON.parse(json(chart)))}\n`)
              .join(''),
          );
        }
        case 'json':
        case 'plotly':
        case 'wpd':
          count += 1;
          return element(
            result === undefined
              ? JSON.stringify(failureEntry(source, outcome.error), null, 2)
              : json(result),
          );
        case 'csv':
          if (result === undefined) return;
          count += 1;
          return table(toCsv(result, { delimiter, named: several }));
        case 'csv-long':
          if (result === undefined) return;
          count += 1;
          return write(
            `${count === 1 && bom ? BOM : ''}${toLongCsv(result, { delimiter, source: several, header: count === 1 })}`,
          );
        case 'markdown':
          if (result === undefined) return;
          count += 1;
          return write(`${count > 1 ? '\n' : ''}${describe(result)}`);
        default:
          return assertUnreachable(format);
      }
    },
    async end() {
      const array = format === 'json' || format === 'plotly' || format === 'wpd';
      if (array && several) await write(count > 0 ? '\n]\n' : '[]\n');
    },
  };
}

function assertUnreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
