import type { ChartResult } from '../types.js';
import { type ChartFacts, describeChart, type PanelResult } from './describeChart.js';

/** An input that holds several charts (a figure of panels, a PDF), as the output contract has it. */
export interface FigureResult {
  source: string | null;
  /** PDFs only: the number of pages read. */
  pages?: number;
  charts: PanelResult[];
  warnings: string[];
}

/** The facts of each chart of a figure, in its order. */
export interface FigureFacts {
  source: string | null;
  charts: ChartFacts[];
  /** The figure's own warnings (each chart has its own too). */
  warnings: string[];
}

/** Whether a result holds several charts (`charts`) rather than being one. */
export function isFigure(result: ChartResult | FigureResult): result is FigureResult {
  return Array.isArray((result as FigureResult).charts);
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
