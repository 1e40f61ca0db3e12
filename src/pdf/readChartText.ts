import { percentile } from '../math.js';
import type { Box } from '../types.js';
import type { VectorAxis } from './readAxis.js';
import type { TextLine } from './textLines.js';

/** Titles and axis labels lie at most this many ems from what they name... */
const TEXT_REACH = 3;
/**
 * ...and their boxes overlap it by at most this many ems: a box holds the font's whole ascent
 * and descent, so ggplot2's axis title 2.75 pt under its tick labels overlaps theirs by 0.36 em.
 */
const TEXT_OVERLAP = 0.5;
/** A y label printed level over the axis is at most this many times as tall as its tick labels. */
const LEVEL_Y_LABEL_SIZE = 1.2;
/** A figure's or table's caption, not a chart's own text. */
const CAPTION = /^(fig\.?|figure|table)\s*\d/i;
/** A printed panel label: `(a)`, `a)`, `(A)`, `a.` */
const PANEL_LABEL = /^\(?([a-zA-Z])[).]$|^\(([a-zA-Z])\)/;

/**
 * A plot and the tick labels on its sides: a vector chart's axes, or the pixels a chart was read
 * from (a rendered frame, an embedded image), which hold its tick labels.
 */
export interface TextFrame {
  box: Box;
  x: Pick<VectorAxis, 'side'> & { labels: readonly { box: Box }[] };
  y: Pick<VectorAxis, 'side'> & { labels: readonly { box: Box }[] };
}

export interface ChartText {
  title: string | null;
  xLabel: string | null;
  yLabel: string | null;
  panelLabel: string | null;
}

/**
 * The title (the nearest level line above the frame, over it), the x label (below the x tick
 * labels), the y label (upright text left of the y tick labels) and a panel label (`(a)` at the
 * frame's top-left). Lines used take no other role.
 */
export function readChartTexts(
  charts: readonly TextFrame[],
  lines: readonly TextLine[],
  usedLines: Set<TextLine>,
  legendBoxes: readonly Box[] = [],
): ChartText[] {
  // Every way a free line could serve a chart, nearest first (in ems): the text between two
  // panels stacked goes to the one it is nearer to, as the lower one's title or the upper one's
  // x label.
  const roles = ['panel', 'title', 'xLabel', 'yLabel'] as const;
  const options: { chart: number; role: (typeof roles)[number]; line: TextLine; gap: number }[] =
    [];
  charts.forEach((chart, i) => {
    const gaps = textRoles(chart, legendTop(chart.box, legendBoxes), lines);
    for (const line of lines) {
      if (usedLines.has(line)) continue;
      for (const role of roles) {
        const gap = gaps[role](line);
        if (gap !== null && gap >= -TEXT_OVERLAP * line.size && gap <= TEXT_REACH * line.size) {
          options.push({ chart: i, role, line, gap: gap / line.size });
        }
      }
    }
  });
  options.sort((a, b) => a.gap - b.gap);
  const found = charts.map(() => ({}) as Partial<Record<(typeof roles)[number], TextLine>>);
  for (const { chart, role, line } of options) {
    if (usedLines.has(line) || found[chart][role]) continue;
    found[chart][role] = line;
    usedLines.add(line);
  }
  return found.map(({ panel, title, xLabel, yLabel }) => ({
    title: title?.text ?? null,
    xLabel: xLabel?.text ?? null,
    yLabel: yLabel?.text ?? null,
    panelLabel: panel?.text ?? (title ? PANEL_LABEL.exec(title.text)?.[0] : null) ?? null,
  }));
}

/**
 * The top of a legend standing on the frame (ggplot2's `legend.position = "top"`): entries over
 * the plot, each row within reach of the frame or of the row below it; the frame's top where
 * there is none. A title is above the legend.
 */
function legendTop(box: Box, legendBoxes: readonly Box[]): number {
  let top = box.top;
  const above = legendBoxes
    .filter(
      (entry) =>
        entry.bottom <= box.top + 1 && entry.left >= box.left - 1 && entry.right <= box.right + 1,
    )
    .sort((a, b) => b.bottom - a.bottom);
  for (const entry of above) {
    const height = entry.bottom - entry.top;
    if (top - entry.bottom > TEXT_REACH * height) break;
    top = Math.min(top, entry.top);
  }
  return top;
}

/**
 * How far a line is from where each text of a chart goes (pixels), or null where it cannot be
 * it; a title above `titleBase`, the top of a legend standing on the frame, counts from there.
 * A chart with no upright y label may print it level over the y axis, at the tick labels' size
 * (Vega-Lite's latimes and urbaninstitute looks): a line above the frame from its left side
 * ending short of its middle; a title is larger.
 */
function textRoles(chart: TextFrame, titleBase: number, lines: readonly TextLine[]) {
  const { box } = chart;
  const xLabelsEdge = (chart.x.side === 'bottom' ? Math.max : Math.min)(
    chart.x.side === 'bottom' ? box.bottom : box.top,
    ...chart.x.labels.map((line) => (chart.x.side === 'bottom' ? line.box.bottom : line.box.top)),
  );
  const yLabelsEdge = (chart.y.side === 'left' ? Math.min : Math.max)(
    chart.y.side === 'left' ? box.left : box.right,
    ...chart.y.labels.map((line) => (chart.y.side === 'left' ? line.box.left : line.box.right)),
  );
  const overlapY = (line: TextLine) =>
    Math.min(line.box.bottom, box.bottom) - Math.max(line.box.top, box.top) >=
    0.5 * (line.box.bottom - line.box.top);
  const upright = (line: TextLine) => Math.abs(Math.abs(line.angle) - 90) < 1 && overlapY(line);
  const uprightGap = (line: TextLine) =>
    chart.y.side === 'left' ? yLabelsEdge - line.box.right : line.box.left - yLabelsEdge;
  const uprightLabels = lines.filter(
    (line) => upright(line) && uprightGap(line) <= TEXT_REACH * line.size,
  );
  // (the x labels' height: y labels may be powers, their exponents raised)
  const tickHeight = percentile(
    (chart.x.labels.length > 0 ? chart.x.labels : chart.y.labels).map(
      (label) => label.box.bottom - label.box.top,
    ),
    0.5,
  );
  const levelOverAxis = (line: TextLine) =>
    uprightLabels.length === 0 &&
    chart.y.side === 'left' &&
    line.angle === 0 &&
    line.box.bottom <= box.top + 0.5 * line.size &&
    line.box.left <= box.left + line.size &&
    line.box.right < (box.left + box.right) / 2 &&
    line.box.bottom - line.box.top <= LEVEL_Y_LABEL_SIZE * tickHeight;
  // A title or x label lies over the plot: it may reach left over the y labels (and the y
  // label beside or over them: a title aligned with the chart's left) and a little right, no
  // further (body text above a figure and its caption below run wider), and is no caption.
  const reachLeft = Math.min(
    box.left,
    chart.y.side === 'left' ? yLabelsEdge : box.left,
    ...(chart.y.side === 'left'
      ? [...uprightLabels, ...lines.filter(levelOverAxis)].map((line) => line.box.left)
      : []),
  );
  const overlapX = (line: TextLine) =>
    line.box.left >= reachLeft - line.size &&
    line.box.right <= box.right + 0.15 * (box.right - box.left) &&
    !CAPTION.test(line.text);
  return {
    panel: (line: TextLine) =>
      line.angle === 0 &&
      PANEL_LABEL.test(line.text) &&
      line.text.length <= 4 &&
      line.box.right <= box.left + 0.2 * (box.right - box.left)
        ? Math.max(0, box.top - line.box.bottom)
        : null,
    title: (line: TextLine) =>
      line.angle === 0 && overlapX(line) && !levelOverAxis(line)
        ? // between the frame and a legend on it (matplotlib's legend above the title), or above both
          line.box.bottom > titleBase + 0.3 * line.size
          ? box.top - line.box.bottom
          : titleBase - line.box.bottom
        : null,
    xLabel: (line: TextLine) =>
      line.angle === 0 && overlapX(line)
        ? chart.x.side === 'bottom'
          ? line.box.top - xLabelsEdge
          : xLabelsEdge - line.box.bottom
        : null,
    yLabel: (line: TextLine) =>
      upright(line) ? uprightGap(line) : levelOverAxis(line) ? box.top - line.box.bottom : null,
  };
}
