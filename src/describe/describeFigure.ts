import type { FigureResult } from '../types.js';
import { describeChart } from './describeChart.js';
import type { ChartFacts } from './facts.js';

/** The facts of each chart of a figure, in its order. */
export interface FigureFacts {
  source: string | null;
  charts: ChartFacts[];
  /** The figure's own warnings (each chart has its own too). */
  warnings: string[];
}

/**
 * The facts of every chart of a figure or PDF (see describeChart), each naming its page and
 * panel. Throws as describeChart does for a chart that is not a chart result.
 */
export function describeFigure(figure: FigureResult): FigureFacts {
  return {
    source: figure.source,
    charts: figure.charts.map((chart) =>
      describeChart({ ...chart, source: chart.source ?? figure.source }),
    ),
    warnings: [...(figure.warnings ?? [])],
  };
}
