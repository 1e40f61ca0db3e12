/** Decoded pixels: 3 channels (RGB), row-major, alpha already composited on white. */
export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3;
}

/** An axis-aligned box in image pixels; `right` and `bottom` are exclusive. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The plot area and what was found on its edges, all in pixels. */
export interface PlotArea extends Box {
  /** Subpixel positions (px) of tick marks along the x axis. */
  ticksX: number[];
  /** Subpixel positions (py) of tick marks along the y axis. */
  ticksY: number[];
  /** Subpixel positions of grid lines inside the plot. */
  gridX: number[];
  gridY: number[];
  /** The colour of the plot's background (white, or a panel grey). */
  background: [number, number, number];
  /** The colour of the page around the plot (the image border's commonest colour). */
  page: [number, number, number];
  /** First row below the x axis line and its tick marks: where x tick labels may start. */
  outsideX: number;
  /** Last column left of the y axis line and its tick marks: where y tick labels may end. */
  outsideY: number;
  /** Whether a frame or spines was drawn (false for a filled panel with no lines). */
  framed: boolean;
  /** Why the box is an estimate (no axis line, grid or tick marks drew it); absent when drawn. */
  estimate?: string;
  /** What placed each side (absent where the box was given, not found). */
  edges?: PlotEdges;
}

/**
 * What placed a side of the plot: a line drawn there that the lines across it meet (`line`);
 * a line drawn there with no line across to confirm it, the outermost grid line maybe
 * (`lone`); where the lines across it end, no line drawn there (`extent`); a filled panel's
 * edge (`panel`); the tick labels or the ink between them (`estimate`).
 */
export type EdgeSource = 'line' | 'lone' | 'extent' | 'panel' | 'estimate';

/** What placed each side of the plot. */
export type PlotEdges = Record<'left' | 'top' | 'right' | 'bottom', EdgeSource>;

/** One word that OCR read, in image pixels. */
export interface Word {
  text: string;
  box: Box;
  /** 0..100, as tesseract reports it. */
  confidence: number;
  /** Its characters and their boxes, where the reader gives them. */
  symbols?: WordSymbol[];
  /**
   * A tick label with an exponent, or read unsure, as a second reader read it, where that is
   * another number (a small raised exponent is where the readers disagree).
   */
  second?: string;
}

/** One character of a word and its box. */
export interface WordSymbol {
  text: string;
  box: Box;
}

/** One tick label matched to its position on the axis. */
export interface Tick {
  text: string;
  value: number;
  /** Position along the axis in image pixels (px for x, py for y). */
  pixel: number;
}

export type AxisName = 'x' | 'y';
/** A category axis maps its names to 0, 1, 2, ... (linear in pixels, as a linear axis). */
export type Scale = 'linear' | 'log' | 'category' | 'time';

/** A fitted axis: the mapping between pixels and data, and what it was fitted from. */
export interface AxisScale {
  scale: Scale;
  /** value (or log10 value) = intercept + slope * pixel */
  intercept: number;
  slope: number;
  ticks: Tick[];
  pixelToData(pixel: number): number;
  dataToPixel(value: number): number;
}

export type MarkerShape =
  | 'circle'
  | 'triangle-up'
  | 'triangle-down'
  | 'square'
  | 'diamond'
  | 'cross'
  | 'plus'
  | 'star'
  | 'pentagon';

/** A point in image pixels. */
export interface PixelPoint {
  px: number;
  py: number;
}

export interface DataPoint {
  x: number;
  y: number;
}

export interface AxisResult {
  label: string | null;
  scale: Scale;
  min: number;
  max: number;
  /** 0..1: how far the calibration can be trusted (low, with a warning, when doubtful). */
  confidence: number;
  ticks: Tick[];
  /** A category axis' names, category i at value i (an empty name where none was read). */
  categories?: string[];
  /**
   * Whether grid lines were found across the plot along this axis (vertical lines for x,
   * horizontal for y). Absent from results written before it was added.
   */
  grid?: boolean;
}

/** How a series' line is drawn. */
export type LineStyle = 'solid' | 'dashed' | 'dotted';

export interface SeriesResult {
  name: string | null;
  color: string;
  marker: MarkerShape | null;
  confidence: number;
  points: DataPoint[];
  /**
   * How its line is drawn, where the tracer tells: a bare line is 'dashed' or 'dotted' when its
   * gaps were bridged as dashes or dots, else 'solid'; null for a series with markers (its line
   * between them is not classified). Absent from results written before it was added.
   */
  lineStyle?: LineStyle | null;
}

/** Everything recovered from one chart: the JSON of the output contract. */
export interface ChartResult {
  source: string | null;
  image: { width: number; height: number };
  title: string | null;
  plot: Box;
  axes: { x: AxisResult; y: AxisResult };
  series: SeriesResult[];
  /** 0..1: the least axis confidence times the mean series confidence (0 with no series). */
  confidence: number;
  warnings: string[];
  /**
   * The legend's box in pixels, null when no legend was found. Absent from results written
   * before it was added.
   */
  legend?: { box: Box } | null;
}

/** Where a chart sits in its image: a figure of panels holds several. */
export interface PanelInfo {
  /** Reading order: rows top to bottom, left to right. */
  index: number;
  /** The panel's printed label (`(a)`), null where none. */
  label: string | null;
  /** The panel, in the image's pixels (a PDF page: its rendering's pixels). */
  box: Box;
}

/** One chart of a figure: a chart object with where it was found. */
export interface PanelChart extends ChartResult {
  /** PDFs only: the 1-based page number. */
  page?: number;
  panel: PanelInfo;
  /** PDFs only: read from the page's drawing (`vector`) or from its pixels (`raster`). */
  from?: 'vector' | 'raster';
}

/** An input that holds several charts (a figure of panels, a PDF): the charts it holds. */
export interface FigureResult {
  source: string | null;
  /** PDFs only: the number of pages read. */
  pages?: number;
  /** The title printed once above all the panels of a figure, where there is one. */
  title?: string;
  charts: PanelChart[];
  /** What concerns the input as a whole (a chart's own warnings are in the chart). */
  warnings: string[];
}

/** What one input gives: its chart, or, where it holds several, the figure that lists them. */
export type DigitizeResult = ChartResult | FigureResult;

/** What `digitize` accepts: a file path, or the encoded image bytes. */
export type DigitizeInput = string | Buffer | Uint8Array;

/** Milliseconds spent in each stage of one input (summed over its charts). */
export interface StageTimings {
  decode: number;
  plot: number;
  legend: number;
  /** Text around the plot and the legend's names. */
  ocr: number;
  calibrate: number;
  separate: number;
  /** Tracing the series, and the review of what was traced. */
  trace: number;
  total: number;
}
