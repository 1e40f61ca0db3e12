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
}

/** One word that OCR read, in image pixels. */
export interface Word {
  text: string;
  box: Box;
  /** 0..100, as tesseract reports it. */
  confidence: number;
  /** Its characters and their boxes, where the reader gives them. */
  symbols?: WordSymbol[];
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
export type Scale = 'linear' | 'log';

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

/** One legend entry: its text and the colour of its sample. */
export interface LegendEntry {
  name: string;
  color: [number, number, number];
  box: Box;
}

export interface Legend {
  box: Box;
  entries: LegendEntry[];
}

/** A point in image pixels. */
export interface PixelPoint {
  px: number;
  py: number;
}

/** What tracing recovered for one series, in pixels. */
export interface Trace {
  color: [number, number, number];
  name: string | null;
  marker: MarkerShape | null;
  /** Marker centres where the series has markers, else the traced line (columns left to right). */
  points: PixelPoint[];
  /** True when `points` are marker centres. */
  markers: boolean;
  /** 0..1: how far the trace can be trusted. */
  confidence: number;
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
}

export interface SeriesResult {
  name: string | null;
  color: string;
  marker: MarkerShape | null;
  confidence: number;
  points: DataPoint[];
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
}
