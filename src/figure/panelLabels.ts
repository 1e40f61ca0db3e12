import type { PanelChart } from '../types.js';

/**
 * A panel label leading a title: `(a)` (OCR may lose the space after it), or `a)`, `a.` or a
 * lone letter before a space, then the title's rest.
 */
const LEADING_LABEL = /^(\(([a-z])\)|([a-z])[).]?(?=\s|$))\s*(.*)$/i;

/**
 * The panel labels printed as (or before) the panels' titles: `(a) Train`, `b`, `C Test`. A
 * label in parentheses is one by itself; a bare letter only where the figure's titles give at
 * least two, in the order of the alphabet as the panels read. Returns the charts with each
 * label in `panel.label` and taken out of the title (null where nothing else was printed).
 */
export function labelPanels(charts: readonly PanelChart[]): PanelChart[] {
  const found = charts.map((chart) => {
    const match = chart.title === null ? null : LEADING_LABEL.exec(chart.title.trim());
    if (!match) return null;
    const letter = (match[2] ?? match[3]).toLowerCase();
    return { label: match[1], letter, rest: match[4] || null, bracketed: match[2] !== undefined };
  });
  const bare = found.filter((f) => f !== null && !f.bracketed);
  const letters = bare.map((f) => f?.letter ?? '');
  const ordered = letters.every((letter, k) => k === 0 || letter > letters[k - 1]);
  const bareOk = bare.length >= 2 && ordered;
  return charts.map((chart, k) => {
    const f = found[k];
    if (!f || (!f.bracketed && !bareOk)) return chart;
    return { ...chart, title: f.rest, panel: { ...chart.panel, label: f.label } };
  });
}
