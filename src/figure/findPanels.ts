import { channelSpread, inkMask } from '../color.js';
import { pageInk, pageInkByColumn } from '../plot/findPlotArea.js';
import type { Box, Raster } from '../types.js';
import { completeGrid } from './completeGrid.js';
import { joinPieces } from './joinPieces.js';
import { intersection, keepPlots } from './keepPlots.js';
import { DEFAULTS } from './panelDefaults.js';
import { readingOrder, regionOf } from './panelRegions.js';
import { plotCandidates } from './plotCandidates.js';
import { findLines, type Stroke } from './strokes.js';

/** One chart found in a figure: its region (the box it is cut out by) and its plot area. */
export interface FoundPanel {
  /** The panel: its plot with its ticks, labels and title, cut at the gutters between panels. */
  box: Box;
  /** Its plot area as found here (the chart pipeline finds it again, exactly, in the box). */
  plot: Box;
}

/**
 * The charts an image holds, in reading order (rows top to bottom, left to right). Plots are
 * found as findPlotArea finds one (long straight ink runs: frames, spines, the bands of a filled
 * panel, grid lines), here all of them: lines of one extent in one direction, paired with lines
 * of one extent in the other, make a plot's box. Only several plots of plausible size, each with
 * tick marks or grid lines (or framed like such a plot beside it), make a figure; anything less
 * is one chart, the whole image. Each panel's box is its plot, grown to the middle of the widest
 * empty gutter towards each neighbour (or the image's edge).
 */
export function findPanels(image: Raster): FoundPanel[] {
  const { width, height } = image;
  const whole: Box = { left: 0, top: 0, right: width, bottom: height };
  const one = [{ box: whole, plot: whole }];
  const { page, ink } = pageInk(image);
  const minRun = Math.max(DEFAULTS.minRun, Math.min(width, height) * DEFAULTS.minRunShare);
  // as findPlotArea: gaps bridged in a run, and how far lines of one plot may disagree
  const gap = Math.max(1, Math.round((width + height) / 500));
  const tol = Math.max(3, Math.round(((width + height) / 200) * 1.2));
  const rows = findLines(ink, width, height, 'row', minRun, gap, tol).filter((line) =>
    grey(image, ink, line, 'row'),
  );
  const columns = findLines(
    ink,
    width,
    height,
    'column',
    minRun,
    gap,
    tol,
    pageInkByColumn(image),
  ).filter((line) => grey(image, ink, line, 'column'));
  if (rows.length < 2 || columns.length < 2) return one;
  const candidates = plotCandidates(image, page, ink, rows, columns, tol, gap);
  const found = completeGrid(
    ink,
    width,
    height,
    keepPlots(candidates, tol, ink, width),
    rows,
    columns,
    tol,
  );
  if (found.length < 2) return one;
  const strong = inkMask(image, page, DEFAULTS.strongInk);
  // cells of one chart between its grid lines, a legend framed against its side: joined
  const plots = joinPieces(found, { ink, strong, width }, rows, columns, tol);
  // the plots of a figure stand apart: boxes crossing each other are pieces of one chart
  const crossing = plots.some((a, i) =>
    plots.slice(i + 1).some((b) => intersection(shrunk(a, tol), shrunk(b, tol)) > 0),
  );
  if (plots.length < 2 || crossing) return one;
  return readingOrder(plots, tol).map((plot, _, all) => ({
    plot,
    box: regionOf({ ink, strong }, width, height, plot, all),
  }));
}

/**
 * Whether a line is drawn grey (black to white, as frames, spines and grid lines are), not in
 * a series' colour: most of the inked pixels along its middle spread their channels little.
 */
function grey(image: Raster, ink: Uint8Array, line: Stroke, along: 'row' | 'column'): boolean {
  const middle = (line.first + line.last) >> 1;
  let inked = 0;
  let plain = 0;
  for (let k = line.start; k <= line.end; k++) {
    const i = along === 'row' ? middle * image.width + k : k * image.width + middle;
    if (!ink[i]) continue;
    inked++;
    if (channelSpread(image.data, i * 3) <= DEFAULTS.greySpread) plain++;
  }
  return plain * 2 >= inked;
}

/** `box` with `by` px taken off each side. */
function shrunk(box: Box, by: number): Box {
  return { left: box.left + by, top: box.top + by, right: box.right - by, bottom: box.bottom - by };
}
