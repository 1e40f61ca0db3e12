import { chartsOf, isFigure } from '../figure/figureResult.js';
import type { AxisResult, DigitizeResult, LineStyle, MarkerShape, PanelChart } from '../types.js';
import { seriesName } from './names.js';
import { roundResult } from './toJson.js';

/** Plotly's names of the marker shapes the digitizer tells apart. */
const SYMBOLS: Record<MarkerShape, string> = {
  circle: 'circle',
  'triangle-up': 'triangle-up',
  'triangle-down': 'triangle-down',
  square: 'square',
  diamond: 'diamond',
  cross: 'x',
  plus: 'cross',
  star: 'star',
  pentagon: 'pentagon',
};
/** Plotly's dash names of the line styles. */
const DASHES: Record<LineStyle, string> = { solid: 'solid', dashed: 'dash', dotted: 'dot' };

/** One Plotly scatter trace. */
export interface PlotlyTrace {
  type: 'scatter';
  mode: 'lines' | 'markers' | 'lines+markers';
  name: string;
  x: number[];
  y: number[];
  xaxis: string;
  yaxis: string;
  line: { color: string; dash: string };
  marker: { color: string; symbol?: string };
  /** The series' confidence, for the hover text and whoever reads the figure back. */
  meta: { confidence: number };
}

/** A Plotly axis in a layout. */
export interface PlotlyAxis {
  title: { text: string };
  /** A date axis is Plotly's `date`, which takes the x values as ms since 1970 as they are. */
  type: 'linear' | 'log' | 'date';
  /** Plotly gives a log axis' range in log10 units. */
  range: [number, number];
  domain: [number, number];
  anchor: string;
  showgrid: boolean;
  /** A category axis' names at their indices (the points' x are indices). */
  tickvals?: number[];
  ticktext?: string[];
}

/** A Plotly figure: `Plotly.newPlot(div, figure.data, figure.layout)` redraws the chart. */
export interface PlotlyFigure {
  data: PlotlyTrace[];
  layout: Record<string, unknown> & { width: number; height: number };
}

/**
 * Writes a result as a Plotly figure (JSON that `Plotly.newPlot(div, data, layout)` or
 * `plotly.io.from_json` reads): one scatter trace per series (its name, colour, marker symbol
 * and dash), each axis with its label, type (`linear` or `log`) and range (the plot's edges,
 * log10 units on a log axis, as Plotly wants them), and the chart's title; the figure the size
 * of the image. A figure's charts are subplots (`xaxis2`, `yaxis2`, ...) placed where their
 * plots are in the image, each titled by an annotation above it. Values are those of the JSON
 * (`roundResult`). Throws as `toJson` does for a value that is not a finite number.
 */
export function toPlotly(result: DigitizeResult): PlotlyFigure {
  const rounded = roundResult(result);
  const charts = chartsOf(rounded);
  const data: PlotlyTrace[] = [];
  const first = charts[0];
  const width = first?.image.width ?? 0;
  const height = first?.image.height ?? 0;
  const layout: PlotlyFigure['layout'] = { width, height, showlegend: true };
  const annotations: unknown[] = [];
  charts.forEach((chart, index) => {
    const suffix = index === 0 ? '' : String(index + 1);
    const [xName, yName] = [`x${suffix}`, `y${suffix}`];
    const domainX = toDomain(chart.plot.left, chart.plot.right, width, false);
    const domainY = toDomain(chart.plot.bottom, chart.plot.top, height, true);
    layout[`xaxis${suffix}`] = axis(chart.axes.x, domainX, yName);
    layout[`yaxis${suffix}`] = axis(chart.axes.y, domainY, xName);
    const title = isFigure(rounded) ? panelTitle(chart as PanelChart) : chart.title;
    if (!isFigure(rounded)) {
      if (title !== null) layout.title = { text: title };
    } else if (title !== null) {
      annotations.push({
        text: title,
        xref: 'paper',
        yref: 'paper',
        x: (domainX[0] + domainX[1]) / 2,
        y: domainY[1],
        yanchor: 'bottom',
        showarrow: false,
      });
    }
    chart.series.forEach((series, seriesIndex) => {
      data.push({
        type: 'scatter',
        mode: series.marker === null ? 'lines' : 'lines+markers',
        name: seriesName(series, seriesIndex),
        x: series.points.map((point) => point.x),
        y: series.points.map((point) => point.y),
        xaxis: xName,
        yaxis: yName,
        line: { color: series.color, dash: DASHES[series.lineStyle ?? 'solid'] },
        marker: {
          color: series.color,
          ...(series.marker === null ? {} : { symbol: SYMBOLS[series.marker] }),
        },
        meta: { confidence: series.confidence },
      });
    });
  });
  if (annotations.length > 0) layout.annotations = annotations;
  return { data, layout };
}

function axis(value: AxisResult, domain: [number, number], anchor: string): PlotlyAxis {
  const log = value.scale === 'log';
  const edge = (limit: number): number => (log ? Math.log10(limit) : limit);
  return {
    title: { text: value.label ?? '' },
    type: log ? 'log' : value.scale === 'time' ? 'date' : 'linear',
    range: [edge(value.min), edge(value.max)],
    domain,
    anchor,
    showgrid: value.grid ?? false,
    ...(value.categories && {
      tickvals: value.categories.map((_, i) => i),
      ticktext: value.categories,
    }),
  };
}

/** An extent in pixels as a fraction of the image (Plotly's paper coordinates, y upwards). */
function toDomain(from: number, to: number, size: number, flip: boolean): [number, number] {
  if (!(size > 0)) return [0, 1];
  const fraction = (pixel: number): number => {
    const share = Math.min(1, Math.max(0, pixel / size));
    return Math.round((flip ? 1 - share : share) * 1e4) / 1e4;
  };
  return [fraction(from), fraction(to)];
}

/** A chart's title in a figure: its panel label and its own title. */
function panelTitle(chart: PanelChart): string | null {
  const parts = [
    ...(chart.page === undefined ? [] : [`page ${chart.page}`]),
    ...(chart.panel.label === null ? [] : [chart.panel.label]),
    ...(chart.title === null ? [] : [chart.title]),
  ];
  return parts.length === 0 ? null : parts.join(' ');
}
