/** bench/zoo/names.mjs: the cause given to a wrong or missing series name. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the bench, without types
import { classifyName, dataCrossLegend, edits, misreadKind } from '../../bench/zoo/names.mjs';

const series = (name: string, color: string, marker: string | null = null) => ({
  name,
  color,
  marker,
  linestyle: 'solid',
  x: [0, 10],
  y: [0, 10],
});
const truth = {
  series: [series('Ours', '#ff0000'), series('Baseline', '#0000ff'), series('lr=0.01', '#00ff00')],
  meta: { state: [] },
  plot_area_px: [0, 0, 100, 100],
  x_range: [0, 10],
  y_range: [0, 10],
};
const pred = (names: (string | null)[], colors: string[], legend = true) => ({
  legend: legend ? { box: { left: 70, top: 0, right: 100, bottom: 20 } } : undefined,
  series: names.map((name, i) => ({ name, color: colors[i] })),
});
const pair = (i: number, j: number, name: string | null) => ({
  truth: i,
  pred: j,
  pred_name: name,
});

describe('classifyName', () => {
  const colors = ['#ff0000', '#0000ff', '#00ff00'];
  it('tells a missing series, a legend not found and an entry missed apart', () => {
    expect(classifyName(truth, pred([null], colors), pair(0, -1, null))[0]).toBe('series missing');
    const none = pred([null, null, null], colors, false);
    expect(classifyName(truth, none, pair(0, 0, null))[0]).toBe('no legend found');
    const some = pred(['Ours', null, 'lr=0.01'], colors);
    expect(classifyName(truth, some, pair(1, 1, null))[0]).toBe('entry missed');
  });

  it('calls a name read right but given to another series a swap, and says when it fits its ink', () => {
    const swapped = pred(['Baseline', 'Ours', 'lr=0.01'], colors);
    expect(classifyName(truth, swapped, pair(0, 0, 'Baseline'))).toEqual([
      'swap',
      'distinct colours, differ by none',
    ]);
    const traced = pred(['Baseline', 'Ours', 'lr=0.01'], ['#0000ff', '#ff0000', '#00ff00']);
    expect(classifyName(truth, traced, pair(0, 0, 'Baseline'))[1]).toMatch(/fits its colour/);
  });

  it('sorts misreads by what differs', () => {
    const read = pred(['Qurs', null, null], colors);
    expect(classifyName(truth, read, pair(0, 0, 'Qurs'))).toEqual(['misread', 'letters']);
    expect(classifyName(truth, read, pair(2, 2, 'ir=0.01'))).toEqual(['misread', 'l/I/1']);
    expect(misreadKind('site a', 'sitea', edits('site a', 'sitea').ops)).toBe('spaces');
    expect(misreadKind('north america', 'north ame', edits('north america', 'north ame').ops)).toBe(
      'truncated',
    );
    expect(misreadKind('llama-7b', 'llama-78', edits('llama-7b', 'llama-78').ops)).toBe(
      'digit/letter',
    );
  });
});

describe('dataCrossLegend', () => {
  it('finds a curve running through the legend box, and none beside it', () => {
    expect(dataCrossLegend(truth, { left: 40, top: 40, right: 60, bottom: 60 })).toBe(true);
    expect(dataCrossLegend(truth, { left: 70, top: 80, right: 100, bottom: 100 })).toBe(false);
    expect(dataCrossLegend(truth, undefined)).toBe(null);
  });
});
