import { describe, expect, it } from 'vitest';
import { toPlotly } from '../../src/export/toPlotly.js';
import type { ChartResult, FigureResult } from '../../src/types.js';

function chart(): ChartResult {
  return {
    source: 'chart.png',
    image: { width: 400, height: 300 },
    title: 'Loss',
    plot: { left: 40, top: 30, right: 360, bottom: 270 },
    axes: {
      x: { label: 'step', scale: 'linear', min: 0, max: 100, confidence: 1, grid: true, ticks: [] },
      y: { label: null, scale: 'log', min: 0.01, max: 10, confidence: 1, ticks: [] },
    },
    series: [
      {
        name: 'train',
        color: '#1f77b4',
        marker: 'cross',
        lineStyle: null,
        confidence: 0.9,
        points: [
          { x: 0, y: 5 },
          { x: 1 / 3, y: 0.5 },
        ],
      },
      {
        name: null,
        color: '#ff0000',
        marker: null,
        lineStyle: 'dashed',
        confidence: 1,
        points: [],
      },
    ],
    confidence: 1,
    warnings: [],
  };
}

describe('toPlotly', () => {
  it('writes a trace per series and each axis with its type and range (log10 units on a log axis)', () => {
    const figure = toPlotly(chart());
    expect(figure.data).toEqual([
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'train',
        x: [0, 0.333333],
        y: [5, 0.5],
        xaxis: 'x',
        yaxis: 'y',
        line: { color: '#1f77b4', dash: 'solid' },
        marker: { color: '#1f77b4', symbol: 'x' },
        meta: { confidence: 0.9 },
      },
      expect.objectContaining({
        mode: 'lines',
        name: 'series 2',
        line: { color: '#ff0000', dash: 'dash' },
        marker: { color: '#ff0000' },
      }),
    ]);
    expect(figure.layout).toMatchObject({
      width: 400,
      height: 300,
      title: { text: 'Loss' },
      xaxis: {
        type: 'linear',
        range: [0, 100],
        title: { text: 'step' },
        domain: [0.1, 0.9],
        anchor: 'y',
        showgrid: true,
      },
      yaxis: { type: 'log', range: [-2, 1], title: { text: '' }, domain: [0.1, 0.9], anchor: 'x' },
    });
    // JSON all the way: what plotly.js and plotly.py read.
    expect(JSON.parse(JSON.stringify(figure))).toEqual(figure);
  });

  it('places the charts of a figure as subplots where their plots are, titled by annotations', () => {
    const left = { ...chart(), plot: { left: 20, top: 30, right: 180, bottom: 270 } };
    const right = {
      ...chart(),
      title: null,
      plot: { left: 220, top: 30, right: 380, bottom: 270 },
    };
    const box = { left: 0, top: 0, right: 200, bottom: 300 };
    const figure: FigureResult = {
      source: 'fig.png',
      charts: [
        { ...left, panel: { index: 0, label: '(a)', box } },
        { ...right, panel: { index: 1, label: '(b)', box } },
      ],
      warnings: [],
    };
    const plotly = toPlotly(figure);
    expect(plotly.data.map((trace) => [trace.xaxis, trace.yaxis])).toEqual([
      ['x', 'y'],
      ['x', 'y'],
      ['x2', 'y2'],
      ['x2', 'y2'],
    ]);
    expect(plotly.layout.xaxis2).toMatchObject({ domain: [0.55, 0.95], anchor: 'y2' });
    expect(plotly.layout.yaxis2).toMatchObject({ domain: [0.1, 0.9], anchor: 'x2' });
    expect(plotly.layout.annotations).toEqual([
      expect.objectContaining({ text: '(a) Loss', x: 0.25, y: 0.9 }),
      expect.objectContaining({ text: '(b)', x: 0.75 }),
    ]);
    expect(plotly.layout.title).toBeUndefined();
  });
});
