import type { PanelChart, SeriesResult } from '../types.js';

/** Where a figure's chart is: `panel (a)`, `page 3 panel 2` (its 1-based position without a label). */
export function panelName({ page, panel }: Pick<PanelChart, 'page' | 'panel'>): string {
  const where = `panel ${panel.label ?? panel.index + 1}`;
  return page === undefined ? where : `page ${page} ${where}`;
}

/** A series' name: its legend text, or `series N` by its 1-based position where it has none. */
export function seriesName(series: Pick<SeriesResult, 'name'>, index: number): string {
  return series.name === null || series.name.trim() === '' ? `series ${index + 1}` : series.name;
}
