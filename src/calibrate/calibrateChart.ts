import { DigitizeError } from '../errors.js';
import type { ChartText } from '../ocr/readChartText.js';
import type { AxisName, AxisScale, Box, PlotArea, Word } from '../types.js';
import { scaleAxis } from './axisScale.js';
import { calibrateAxis } from './calibrateAxis.js';
import { parseTickLabel } from './parseTick.js';

const DEFAULTS = {
  /** An x axis fitted from numbers with less confidence may be one of categories. */
  doubtfulNumbers: 0.75,
  /** How far an axis of categories can be trusted (a label skipped in print shifts the rest). */
  categoryConfidence: 0.8,
  /** How far an axis taken from another panel can be trusted (its panel may not line up). */
  sharedConfidence: 0.8,
} as const;

/**
 * An axis a chart shares with another chart of its figure (sharex, sharey, facets), for an axis
 * it prints no tick labels for: takes its plot in its own pixels, returns the other chart's
 * calibration moved into them and its label (which names the axis in every chart sharing it),
 * or null where no chart shares that axis.
 */
export type SharedAxis = (
  axis: AxisName,
  plot: Box,
) => { scale: AxisScale; label: string | null } | null;

/** Both axes of a chart, how far each can be trusted (0..1), and what named them. */
export interface ChartAxes {
  xAxis: AxisScale;
  yAxis: AxisScale;
  xConfidence: number;
  yConfidence: number;
  /** The x axis' categories, where its labels name them. */
  categories: string[] | null;
  /** Labels of axes taken from another panel. */
  sharedLabels: Record<AxisName, string | null>;
}

export interface CalibrateChartOptions {
  text: ChartText;
  plot: PlotArea;
  /** The input, for errors. */
  source: string | null;
  /** The chart's warnings: the calibration's are added to them. */
  warnings: string[];
  /** Reads the x tick labels again as words and fits them as categories (null where they are not). */
  readCategories: () => Promise<{ axis: AxisScale; categories: string[] } | null>;
  /** For a panel of a figure: the axes it shares with panels read before it. */
  sharedAxis?: SharedAxis;
}

/**
 * Both axes fitted from their tick labels (and scaled by a multiplier printed at their end); an
 * x axis whose labels are names, or numbers not spaced by value, as categories; an axis
 * without readable tick labels taken from the chart that shares it, where one does.
 * Throws NO_CHART_FOUND when no number was read beside the plot and no axis is shared,
 * CALIBRATION_FAILED when an axis could not be fitted.
 */
export async function calibrateChart({
  text,
  plot,
  source,
  warnings,
  readCategories,
  sharedAxis,
}: CalibrateChartOptions): Promise<ChartAxes> {
  const xFit = calibrateAxis({
    axis: 'x',
    words: text.xTickWords,
    marks: [...plot.ticksX, ...plot.gridX],
  });
  const yFit = calibrateAxis({
    axis: 'y',
    words: text.yTickWords,
    marks: [...plot.ticksY, ...plot.gridY],
  });
  const sharedLabels: Record<AxisName, string | null> = { x: null, y: null };
  const shared = (axis: AxisName): AxisScale | null => {
    const found = sharedAxis?.(axis, plot) ?? null;
    if (!found) return null;
    warnings.push(`${axis} axis shared with another panel (no tick labels of its own)`);
    sharedLabels[axis] = found.label;
    return found.scale;
  };
  const yAxis = yFit.axis ? scaleAxis(yFit.axis, text.yMultiplier) : shared('y');
  // Categories along x need values up y (a table or a diagram has words on both).
  const named = yAxis && xFit.confidence < DEFAULTS.doubtfulNumbers ? await readCategories() : null;
  const xAxis = named?.axis ?? (xFit.axis ? scaleAxis(xFit.axis, text.xMultiplier) : shared('x'));
  // a fit's doubts, unless the axis was read as categories or taken from the chart that shares it
  warnings.push(
    ...((xFit.axis && !named) || !xAxis ? xFit.warnings : []),
    ...(yFit.axis || !yAxis ? yFit.warnings : []),
  );
  const numbered = (words: Word[]) => words.filter(isNumber).length >= 2;
  if (!xAxis && !yAxis && !numbered(text.xTickWords) && !numbered(text.yTickWords)) {
    // No axis numbered beside the plot (a stray "1" is no axis): a photograph, a pie chart, a
    // table, a diagram.
    throw new DigitizeError(
      'NO_CHART_FOUND',
      'calibrate',
      'no numbered axis found: not a line chart',
      { input: source },
    );
  }
  if (!xAxis || !yAxis) {
    throw new DigitizeError(
      'CALIBRATION_FAILED',
      'calibrate',
      `could not calibrate the ${!xAxis ? 'x' : 'y'} axis from its tick labels`,
      { input: source },
    );
  }
  for (const [axis, factor, fitted] of [
    ['x', text.xMultiplier, xFit.axis && !named],
    ['y', text.yMultiplier, yFit.axis],
  ] as const) {
    if (factor !== 1 && fitted)
      warnings.push(`${axis} values multiplied by ${factor} (printed at the axis end)`);
  }
  const confidence = (fitted: boolean, own: number) => (fitted ? own : DEFAULTS.sharedConfidence);
  return {
    xAxis,
    yAxis,
    xConfidence: named
      ? DEFAULTS.categoryConfidence
      : confidence(xFit.axis !== null, xFit.confidence),
    yConfidence: confidence(yFit.axis !== null, yFit.confidence),
    categories: named?.categories ?? null,
    sharedLabels,
  };
}

function isNumber(word: Word): boolean {
  return parseTickLabel(word.text) !== null;
}
