import { afterAll, expect, describe as group, it } from 'vitest';
import { colorName } from '../../src/describe/colorName.js';
import { describe } from '../../src/describe/describe.js';
import { describeChart } from '../../src/describe/describeChart.js';
import type { ChartFacts, PointFact } from '../../src/describe/facts.js';
import { stepAt } from '../../src/describe/resolution.js';
import { createDigitizer } from '../../src/digitize.js';
import { chartsOf } from '../../src/figure/figureResult.js';
import type { ChartResult } from '../../src/types.js';
import { type ChartSpec, renderChart } from '../helpers/renderChart.js';

/** End-to-end runs include OCR: allow for a slow, shared CI machine. */
const TIMEOUT_MS = 60_000;

const digitizer = createDigitizer();

afterAll(async () => {
  await digitizer.close();
});

interface Truth {
  name: string;
  color: string;
  x: number[];
  y: number[];
}

/** The truth drawn between its points (linear axes), null outside them. */
function truthAt(t: Truth, x: number): number | null {
  if (x < t.x[0] || x > t.x[t.x.length - 1]) return null;
  for (let i = 1; i < t.x.length; i++) {
    if (x <= t.x[i])
      return t.y[i - 1] + ((t.y[i] - t.y[i - 1]) * (x - t.x[i - 1])) / (t.x[i] - t.x[i - 1]);
  }
  return t.y[t.y.length - 1];
}

/** The steps the facts' numbers are rounded to, on each axis. */
function steps(facts: ChartFacts) {
  const step = (axis: 'x' | 'y', v: number) =>
    stepAt({ scale: facts.axes[axis].scale, ...facts.axes[axis].resolution }, v);
  return { x: (v: number) => step('x', v), y: (v: number) => step('y', v) };
}

/**
 * Every point the facts state about a series (start, end, extremes, turns, legs, values at the
 * ticks) lies within the axes' steps of the truth: its y within a y step of the truth at some x
 * within an x step of its x (the x of a tick is exact).
 */
function expectPointsTrue(facts: ChartFacts, truths: Truth[]): void {
  const step = steps(facts);
  for (const s of facts.series) {
    const truth = truths.find((t) => t.name === s.label)!;
    const near = (p: PointFact, xSlack: number) => {
      let best = Number.POSITIVE_INFINITY;
      for (let k = -10; k <= 10; k++) {
        const y = truthAt(truth, p.x + (k / 10) * xSlack);
        if (y !== null) best = Math.min(best, Math.abs(y - p.y));
      }
      return best;
    };
    const stated: Array<[string, PointFact, number]> = [
      ['start', s.start, step.x(s.start.x)],
      ['end', s.end, step.x(s.end.x)],
      ...s.maximum.xs.map((x): [string, PointFact, number] => [
        'maximum',
        { x, y: s.maximum.y },
        step.x(x),
      ]),
      ...s.minimum.xs.map((x): [string, PointFact, number] => [
        'minimum',
        { x, y: s.minimum.y },
        step.x(x),
      ]),
      ...s.turns.map((t): [string, PointFact, number] => [t.kind, t, step.x(t.x)]),
      ...s.legs.flatMap(
        (leg): Array<[string, PointFact, number]> => [
          ['leg', leg.from, step.x(leg.from.x)],
          ['leg', leg.to, step.x(leg.to.x)],
        ],
      ),
      ...s.atTicks.flatMap(
        (t): Array<[string, PointFact, number]> =>
          t.y === null ? [] : [['tick', { x: t.x, y: t.y }, 0]],
      ),
    ];
    for (const [what, point, xSlack] of stated) {
      expect(
        near(point, xSlack),
        `${s.label} ${what} (${point.x}, ${point.y})`,
      ).toBeLessThanOrEqual(step.y(point.y) + 1e-12);
    }
    // The extremes are the truth's (within a step).
    expect(Math.abs(s.maximum.y - Math.max(...truth.y))).toBeLessThanOrEqual(step.y(s.maximum.y));
    expect(Math.abs(s.minimum.y - Math.min(...truth.y))).toBeLessThanOrEqual(step.y(s.minimum.y));
  }
}

/**
 * The comparisons hold on the truth: inside each stretch (its ends less an x step) the series
 * said to be above is above (level: within two y steps), and at each crossing the truth's
 * difference changes sign within an x step of the places it lies between.
 */
function expectClaimsTrue(facts: ChartFacts, truths: Truth[]): void {
  const step = steps(facts);
  for (const c of facts.comparisons) {
    const [a, b] = [c.a, c.b].map((label) => truths.find((t) => t.name === label)!);
    const diff = (x: number) => {
      const [ya, yb] = [truthAt(a, x), truthAt(b, x)];
      return ya === null || yb === null ? null : ya - yb;
    };
    for (const s of c.stretches) {
      const from = s.from + step.x(s.from);
      const to = s.to - step.x(s.to);
      const xs =
        s.xs ??
        (to > from ? Array.from({ length: 50 }, (_, k) => from + ((to - from) * k) / 49) : []);
      for (const x of xs) {
        const d = diff(x);
        if (d === null) continue;
        const claim = `${s.higher ?? 'level'} (${c.a} vs ${c.b}) at ${x}: truth difference ${d}`;
        if (s.higher === null)
          expect(Math.abs(d), claim).toBeLessThanOrEqual(2 * step.y(truthAt(a, x)!));
        else expect(s.higher === c.a ? d : -d, claim).toBeGreaterThan(0);
      }
    }
    for (const k of c.crossings) {
      const [before, after] = [
        diff(k.after - step.x(k.after)) ?? diff(k.after),
        diff(k.before + step.x(k.before)) ?? diff(k.before),
      ];
      expect(before! * after!, `${c.a} x ${c.b} at ${k.x}`).toBeLessThan(0);
    }
  }
}

async function describeRendered(
  spec: ChartSpec,
): Promise<{ result: ChartResult; facts: ChartFacts }> {
  const { png } = await renderChart(spec);
  const [result] = chartsOf(await digitizer.digitize(png));
  return { result, facts: describeChart(result) };
}

group('describe, on charts rendered from known data', () => {
  const xs = Array.from({ length: 11 }, (_, i) => i);
  // Cross between 3 and 4 (at 3.33), level at 7, rising and falling.
  const rising: Truth = {
    name: 'Rising',
    color: '#1f77b4',
    x: xs,
    y: [0.2, 0.3, 0.35, 0.45, 0.55, 0.6, 0.62, 0.65, 0.72, 0.8, 0.85],
  };
  const dipping: Truth = {
    name: 'Dipping',
    color: '#d62728',
    x: xs,
    y: [0.7, 0.65, 0.55, 0.5, 0.45, 0.5, 0.55, 0.65, 0.6, 0.5, 0.4],
  };
  const markers: ChartSpec = {
    title: 'Two methods',
    xLabel: 'Epoch',
    yLabel: 'Accuracy',
    xRange: [-0.5, 10.5],
    yRange: [0, 1],
    xTicks: [0, 2, 4, 6, 8, 10],
    yTicks: [0, 0.2, 0.4, 0.6, 0.8, 1],
    grid: true,
    legend: 'lower right',
    series: [
      { ...rising, marker: 'circle' },
      { ...dipping, marker: 'triangle-up' },
    ],
  };

  it('states what was drawn: legend place, colours, markers, grid, values, claims', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const { result, facts } = await describeRendered(markers);
    expect(facts.title?.text).toBe('Two methods');
    expect(facts.legend?.place?.words).toBe('bottom-right corner');
    expect(facts.legend?.entries.map((e) => [e.label, e.colorName, e.marker])).toEqual([
      ['Rising', colorName(rising.color), 'circle'],
      ['Dipping', colorName(dipping.color), 'triangle-up'],
    ]);
    expect(facts.legend?.entries.map((e) => e.colorName)).toEqual(['blue', 'red']);
    expect([facts.axes.x.grid, facts.axes.y.grid]).toEqual([true, true]);
    expect(facts.axes.x.ticks).toEqual({ values: [0, 2, 4, 6, 8, 10], every: 2 });
    expectPointsTrue(facts, [rising, dipping]);
    expectClaimsTrue(facts, [rising, dipping]);
    // Compared at every marker: one crossing, between 3 and 4; level at 7 and nowhere else.
    const [c] = facts.comparisons;
    expect(c.crossings).toHaveLength(1);
    expect(c.crossings[0]).toMatchObject({ after: 3, before: 4 });
    expect(Math.abs(c.crossings[0].x - 10 / 3)).toBeLessThanOrEqual(steps(facts).x(3));
    expect(c.stretches.filter((s) => s.higher === null).flatMap((s) => s.xs)).toEqual([7]);
    expect(c.variesMore).toBe('Rising');
    expect(facts.highest.map((h) => [h.label, h.xs])).toEqual([['Rising', [10]]]);
    // The text is the facts in words.
    const text = describe(result);
    expect(text).toContain('bottom-right corner');
    expect(text).toContain('a blue line with circular markers');
    for (const t of facts.series[0].atTicks)
      expect(text).toContain(`Epoch ${t.x}: ${t.y!.toFixed(2)}`);
  });

  // Two bare lines, one dashed, crossing three times; the legend right of the plot,
  // grid lines along both axes (Vega-Lite's look).
  const wave: Truth = {
    name: 'Wave',
    color: '#2ca02c',
    x: Array.from({ length: 41 }, (_, i) => i / 2),
    y: Array.from({ length: 41 }, (_, i) => 0.5 + 0.3 * Math.sin(i / 4)),
  };
  const ramp: Truth = { name: 'Ramp', color: '#9467bd', x: [0, 20], y: [0.2, 0.8] };
  const lines: ChartSpec = {
    xLabel: 'Time (s)',
    yLabel: 'Level',
    xRange: [0, 20],
    yRange: [0, 1],
    xTicks: [0, 5, 10, 15, 20],
    yTicks: [0, 0.25, 0.5, 0.75, 1],
    style: 'vega',
    legend: 'outside right',
    series: [wave, { ...ramp, dash: 'dashed' }],
  };

  it('states the line styles and an outside legend, and only claims that hold', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const { result, facts } = await describeRendered(lines);
    expect(facts.legend?.place?.words).toBe('outside, right');
    expect(facts.legend?.entries.map((e) => [e.label, e.colorName, e.lineStyle, e.marker])).toEqual(
      [
        ['Wave', colorName(wave.color), 'solid', null],
        ['Ramp', colorName(ramp.color), 'dashed', null],
      ],
    );
    expect([facts.axes.x.grid, facts.axes.y.grid]).toEqual([true, true]);
    const [w, r] = facts.series;
    expect(r.trend).toBe('rising');
    expect(w.trend).toBe('oscillating');
    expectPointsTrue(facts, [wave, ramp]);
    expectClaimsTrue(facts, [wave, ramp]);
    // Every crossing of the truth is found, within an x step.
    const diff = (x: number) => truthAt(wave, x)! - truthAt(ramp, x)!;
    const truthCrossings = Array.from({ length: 2000 }, (_, k) => k / 100).filter(
      (x) => diff(x) * diff(x + 0.01) < 0,
    );
    expect(truthCrossings).toHaveLength(3);
    const found = facts.comparisons[0].crossings.map((k) => k.x);
    expect(found).toHaveLength(3);
    found.forEach((x, k) => {
      expect(Math.abs(x - truthCrossings[k])).toBeLessThanOrEqual(steps(facts).x(x));
    });
    const text = describe(result);
    expect(text).toContain('outside the plot, at its right');
    expect(text).toContain('dashed line');
    // Units in brackets stay out of the name of a place on the axis.
    expect(text).toContain('Time 5: ');
  });
});
