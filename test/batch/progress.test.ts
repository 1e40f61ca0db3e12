import { describe, expect, it } from 'vitest';
import { formatDuration, formatProgress } from '../../src/batch/progress.js';

describe('formatProgress', () => {
  const state = { done: 12, total: 100, failed: 2, elapsedMs: 4000 };

  it('writes a plain line for a log', () => {
    expect(formatProgress(state, { tty: false })).toBe('12/100 done, 3.00/s, ETA 0:29, 2 failed');
  });

  it('draws a bar for a terminal', () => {
    expect(formatProgress(state, { tty: true })).toBe(
      `[${'█'.repeat(3)}${'░'.repeat(21)}]  12/100  3.00/s  ETA 0:29  2 failed`,
    );
  });

  it('has no rate or ETA before the first input is done, and no failures when none failed', () => {
    expect(formatProgress({ done: 0, total: 5, failed: 0, elapsedMs: 0 }, { tty: false })).toBe(
      '0/5 done, --/s, ETA --',
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [59.4, '0:59'],
    [61, '1:01'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
    [-3, '0:00'],
  ])('formats %d s as %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});
