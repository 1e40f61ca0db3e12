import { InvalidArgumentError } from 'commander';
import { invalidArgument } from './arguments.js';
import { parseShard, type Shard } from './batch/findInputs.js';
import { messageOf } from './batch/runLog.js';
import { parsePageRanges } from './pdf/pageRanges.js';

// The parsers of the command line's option values: each throws commander's InvalidArgumentError,
// which commander prints as a usage error.

/** `--delimiter`: `,`, `;`, `|` or a tab (`tab` or `\t`). */
export function delimiterOption(value: string): string {
  const delimiter = value === 'tab' || value === '\\t' ? '\t' : value;
  if (![',', ';', '|', '\t'].includes(delimiter)) {
    throw new InvalidArgumentError(
      `Expected ',', ';', '|' or tab for --delimiter but received '${value}'`,
    );
  }
  return delimiter;
}

/** `--shard K/N`. */
export function shardOption(value: string): Shard {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError(messageOf(error));
  }
}

/** The parser of option `name`, a positive integer. */
export function positiveIntegerOption(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
      throw invalidArgument('positive integer', name, value, {
        error: InvalidArgumentError,
        received: `'${value}'`,
      });
    }
    return number;
  };
}

/** The parser of option `name`, a positive number. */
export function positiveNumberOption(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
      throw invalidArgument('positive number', name, value, {
        error: InvalidArgumentError,
        received: `'${value}'`,
      });
    }
    return number;
  };
}

/** A page selection, checked here (a usage error) and passed on as written. */
export function pagesOption(value: string): string {
  try {
    parsePageRanges(value);
  } catch (error) {
    throw new InvalidArgumentError(messageOf(error));
  }
  return value;
}
