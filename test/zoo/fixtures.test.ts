/**
 * The chart zoo's committed sample (test/fixtures/zoo: charts drawn by matplotlib, gnuplot,
 * ggplot2 and the JavaScript engines, crisp and degraded, each with the truth its engine used),
 * digitized end to end and scored with the project's chart score. Regenerate the sample with
 * `npm run zoo:fixtures` (bench/zoo/README.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDigitizer } from '../../src/digitize.js';
import { DigitizeError } from '../../src/errors.js';
import { chartsOf } from '../../src/figure/figureResult.js';
import type { ChartResult } from '../../src/types.js';
import { type ChartTruth, scoreChart } from '../helpers/scoreChart.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'zoo');
/**
 * The floor: the sample's mean score when it was committed (0.424 on 18 charts of matplotlib,
 * gnuplot and ggplot2, 2026-12-04), less a margin. Raise it as the digitizer gets better.
 */
const MEAN_SCORE_FLOOR = 0.37;
/** Dozens of charts with OCR on a shared 2-core machine. */
const TIMEOUT_MS = 120_000;

interface ZooTruth extends ChartTruth {
  id: string;
  image: string;
  tags: string[];
}

const truths: ZooTruth[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.truth.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')));

const digitizer = createDigitizer({ jobs: 2 });
afterAll(() => digitizer.close());

describe('the zoo sample', () => {
  it('covers every engine of the zoo', () => {
    const engines = new Set(truths.map((t) => t.tags.find((g) => g.startsWith('engine:'))));
    expect([...engines].sort()).toEqual(
      expect.arrayContaining(['engine:ggplot2', 'engine:gnuplot', 'engine:matplotlib']),
    );
    expect(truths.length).toBeGreaterThanOrEqual(15);
  });

  it('scores 1 for a prediction made from the truth itself', () => {
    for (const t of truths) {
      const perfect = {
        series: t.series.map((s) => ({
          name: s.name,
          points: s.x.map((x, i) => ({ x, y: s.y[i] })),
        })),
      } as Pick<ChartResult, 'series'>;
      expect(scoreChart(t, perfect).score, t.id).toBeCloseTo(1, 9);
    }
  });

  it(
    `is digitized with a mean score of at least ${MEAN_SCORE_FLOOR}`,
    async () => {
      const byImage = new Map(truths.map((t) => [join(DIR, t.image), t]));
      const scores: number[] = [];
      for await (const outcome of digitizer.digitizeMany(byImage.keys())) {
        const truth = byImage.get(outcome.input as string)!;
        // a chart may fail with a coded error (no calibration, ...), never with a crash
        if (outcome.error) expect(outcome.error, truth.id).toBeInstanceOf(DigitizeError);
        scores.push(outcome.result ? scoreChart(truth, chartsOf(outcome.result)[0]).score : 0);
      }
      expect(scores).toHaveLength(truths.length);
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      expect(mean).toBeGreaterThanOrEqual(MEAN_SCORE_FLOOR);
    },
    TIMEOUT_MS,
  );
});
