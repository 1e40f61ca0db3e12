/** Thresholds of the figure stage, shared by its steps (all in px or shares of the image). */
export const DEFAULTS = {
  /** A pixel differing from the page by more than this (0..255 per channel) is drawn on. */
  ink: 12,
  /** ...and by more than this, darker than JPEG's speckles around text (gutters between panels). */
  strongInk: 40,
  /** A gutter's column (row) with faint ink over at most this share of its length is empty. */
  speckles: 0.02,
  /** A frame side or grid line of a panel is at least this share of the image's shorter side... */
  minRunShare: 0.06,
  /** ...and at least this many px. */
  minRun: 30,
  /** A white grid line across a filled panel is at most this share of the image's side wide. */
  maxGridGap: 0.02,
  /** A row (column) beyond a band of fill inked over more than this share of it is more fill. */
  halfFilled: 0.5,
  /** Lines thicker than this many pixels are a filled panel, not a stroke (as findPlotArea). */
  maxStroke: 5,
  /** Runs of one line in successive rows start and end within this many px of each other. */
  jitter: 3,
  /** A panel's plot is at least this share of the image's side... */
  minPlotShare: 0.08,
  /** ...and at least this many px on a side. */
  minPlotPx: 40,
  /** A plot is at most this many times wider than high, or higher than wide (a colour bar is). */
  maxAspect: 6,
  /** Tick marks are narrower than this many px across their length. */
  tickWidth: 4,
  /** Tick marks start within this many px of their axis line. */
  tickOffset: 3,
  /** A panel has at least this many tick marks on one side... */
  minTicks: 3,
  /** ...or at least this many grid lines (or gaps in a filled panel) inside. */
  minGrid: 2,
  /** Panels of one grid agree in width or height within this share. */
  sameSize: 0.03,
  /** Plots of one figure are at most this much smaller (area) than its largest. */
  minAreaShare: 0.08,
  /** Pixels this close (0..255 per channel) to a panel's fill are that fill... */
  sameFill: 6,
  /** ...and a fill that covers this share of a row beyond a side goes on past it. */
  fillGoesOn: 0.8,
  /** Strokes run on out of a plot when they reach this share of the image's width + height. */
  crossReach: 0.04,
  /** Strokes running on out of a plot across one of its sides: at most this many. */
  maxCrossings: 1,
  /** A cell of a figure's grid holds a panel that draws no side when this share of it is ink. */
  minCellInk: 0.004,
  /** A box that several plots fill this share of is their union, not a plot... */
  unionCover: 0.6,
  /** ...where the gutters between them hold at most this share of ink. */
  emptyGutter: 0.02,
  /** Candidates overlapping by more than this share of the smaller one are one plot. */
  overlap: 0.5,
  /** A panel's frame, spines and grid are grey: most of a line's pixels spread their channels
   * by at most this much (0..255; a series' flat stretch is coloured). */
  greySpread: 48,
  /** A gutter between panels has a column (row) with at most this many px of faint ink over
   * both panels and none strong (a JPEG's speckle; a curve or light grid line across is more). */
  cutSpeckles: 1,
  /** A long line between two plots, along this share of their overlap (or of the gutter), makes
   * them pieces of one chart (a grid line between two cells). */
  gutterLine: 0.5,
  /** Ink counted above and below plots when splitting beside them: this share of their height. */
  labelMargin: 0.15,
} as const;
