import { invalidArgument } from '../arguments.js';
import { scaleFromLimits } from '../calibrate/axisScale.js';
import { chartsOf, isFigure } from '../figure/figureResult.js';
import type { AxisResult, AxisScale, ChartResult, DigitizeResult, PanelChart } from '../types.js';
import { panelName, seriesName } from './names.js';
import { writeTar } from './tar.js';
import { roundResult } from './toJson.js';

/**
 * The version of WebPlotDigitizer's project JSON written: 4.2, the one its current releases
 * write and read (`version: [4, 2]`, with `axesColl`, `datasetColl` and `measurementColl`).
 */
const WPD_VERSION = [4, 2] as const;
/** The version of a project archive's `info.json` (what WebPlotDigitizer writes there). */
const WPD_ARCHIVE_VERSION = [4, 0] as const;
/** WebPlotDigitizer keeps letters, digits, `+ . - _` and spaces in a project's name. */
const UNSAFE_NAME = /[^a-zA-Z\d+.\-_\s]/g;
/** A tar entry's name has 100 bytes; the project name is the folder every entry sits in. */
const MAX_PROJECT_NAME = 64;
/**
 * Pixels are written to 0.001 px: far below what the reading is good to, so WebPlotDigitizer
 * maps them back to the values written to within a few millionths of the axis.
 */
const PIXEL_DECIMALS = 3;
/** Colour of a series whose colour is not `#rrggbb`. */
const GREY: [number, number, number] = [128, 128, 128];

/** One calibration point of WebPlotDigitizer's XY axes: a pixel and the data values there, as text. */
export interface WpdCalibrationPoint {
  px: number;
  py: number;
  dx: string;
  dy: string;
  dz: null;
}

/** WebPlotDigitizer's XY axes: calibrated by 4 points, X1 and X2 on the x axis, Y1 and Y2 on the y axis. */
export interface WpdAxes {
  name: string;
  type: 'XYAxes';
  isLogX: boolean;
  isLogY: boolean;
  noRotation: boolean;
  calibrationPoints: WpdCalibrationPoint[];
  /** PDFs only: the 1-based page the chart is on. */
  page?: number;
}

/** One series: its points in image pixels (`x`, `y`) with their data `value` `[x, y]`. */
export interface WpdDataset {
  name: string;
  axesName: string;
  metadataKeys: string[];
  colorRGB: [number, number, number, number];
  data: Array<{ x: number; y: number; value: [number, number] }>;
  autoDetectionData: null;
  page?: number;
}

/** A WebPlotDigitizer project (`wpd.json`), as its "Import JSON" and project archives hold it. */
export interface WpdProject {
  version: readonly [number, number];
  axesColl: WpdAxes[];
  datasetColl: WpdDataset[];
  measurementColl: [];
}

/**
 * Writes a result as a WebPlotDigitizer project (the JSON its "File > Import JSON" reads onto
 * the image): per chart one XY axes, calibrated on the first and last tick label read on each
 * axis (X1, X2 on the x axis line, Y1, Y2 on the y axis line, at the pixels the digitizer's fit
 * puts those values, so WebPlotDigitizer maps every pixel to the same data as the result), and
 * one dataset per series, its points in image pixels with their data values. A figure's charts
 * get one axes each (`XY panel (a)`) and their datasets its name in front. Dataset names are the
 * series names (or `series N`), made unique. An axis with fewer than two ticks is calibrated at
 * the plot's edges. Points that cannot be placed (a value <= 0 on a log axis) are left out.
 * Values are those of the JSON (`roundResult`). Throws as `toJson` does for a value that is not
 * a finite number.
 */
export function toWpd(result: DigitizeResult): WpdProject {
  const rounded = roundResult(result);
  const figure = isFigure(rounded);
  const axesColl: WpdAxes[] = [];
  const datasetColl: WpdDataset[] = [];
  const taken = new Set<string>();
  const unique = (name: string): string => {
    let candidate = name;
    for (let count = 2; taken.has(candidate); count += 1) candidate = `${name} (${count})`;
    taken.add(candidate);
    return candidate;
  };
  for (const chart of chartsOf(rounded)) {
    const place = figure ? panelName(chart as PanelChart) : null;
    const page = (chart as Partial<PanelChart>).page;
    const axesName = place === null ? 'XY' : `XY ${place}`;
    const x = scaleFromLimits(chart.axes.x, chart.plot.left, chart.plot.right);
    const y = scaleFromLimits(chart.axes.y, chart.plot.bottom, chart.plot.top);
    axesColl.push({
      name: axesName,
      type: 'XYAxes',
      isLogX: chart.axes.x.scale === 'log',
      isLogY: chart.axes.y.scale === 'log',
      noRotation: false,
      calibrationPoints: calibrationPoints(chart, x, y),
      ...(page === undefined ? {} : { page }),
    });
    chart.series.forEach((series, index) => {
      const name = seriesName(series, index);
      const data: WpdDataset['data'] = [];
      for (const point of series.points) {
        const px = x.dataToPixel(point.x);
        const py = y.dataToPixel(point.y);
        if (Number.isFinite(px) && Number.isFinite(py))
          data.push({ x: pixel(px), y: pixel(py), value: [point.x, point.y] });
      }
      datasetColl.push({
        name: unique(place === null ? name : `${place} ${name}`),
        axesName,
        metadataKeys: [],
        colorRGB: [...rgb(series.color), 255],
        data,
        autoDetectionData: null,
        ...(page === undefined ? {} : { page }),
      });
    });
  }
  return { version: WPD_VERSION, axesColl, datasetColl, measurementColl: [] };
}

/**
 * A WebPlotDigitizer project archive (what its "File > Load Project" opens): a tar holding
 * `<name>/info.json`, `<name>/wpd.json` (`toWpd(result)`) and `<name>/image.png`, the image the
 * chart was read from, encoded as PNG. `name` is the project's name (characters other than
 * letters, digits, `+ . - _` and spaces become `_`). Throws a TypeError when `png` is not bytes.
 */
export function toWpdProject(result: DigitizeResult, png: Uint8Array, name = 'chart'): Buffer {
  if (!(png instanceof Uint8Array)) throw invalidArgument('Buffer or Uint8Array', 'png', png);
  const project = String(name).replace(UNSAFE_NAME, '_').slice(0, MAX_PROJECT_NAME) || 'chart';
  const info = { version: WPD_ARCHIVE_VERSION, json: 'wpd.json', image: 'image.png' };
  return writeTar([
    { name: `${project}/` },
    { name: `${project}/info.json`, data: JSON.stringify(info) },
    { name: `${project}/wpd.json`, data: JSON.stringify(toWpd(result)) },
    { name: `${project}/image.png`, data: png },
  ]);
}

/**
 * X1, X2 at the first and last tick of the x axis on its line (the plot's bottom edge), Y1, Y2
 * at the first and last tick of the y axis on its line (the left edge); each point's other data
 * value as WebPlotDigitizer's own calibration dialog fills it in.
 */
function calibrationPoints(chart: ChartResult, x: AxisScale, y: AxisScale): WpdCalibrationPoint[] {
  const [x1, x2] = ends(chart.axes.x);
  const [y1, y2] = ends(chart.axes.y);
  const point = (px: number, py: number, dx: number, dy: number): WpdCalibrationPoint => ({
    px: pixel(px),
    py: pixel(py),
    dx: String(dx),
    dy: String(dy),
    dz: null,
  });
  const { left, bottom } = chart.plot;
  return [
    point(x.dataToPixel(x1), bottom, x1, y1),
    point(x.dataToPixel(x2), bottom, x2, y1),
    point(left, y.dataToPixel(y1), x1, y1),
    point(left, y.dataToPixel(y2), x2, y2),
  ];
}

/** The lowest and highest tick value of an axis, or its limits where it has fewer than two. */
function ends(axis: AxisResult): [number, number] {
  const values = axis.ticks
    .map((tick) => tick.value)
    .filter((value) => axis.scale !== 'log' || value > 0);
  const low = Math.min(...values);
  const high = Math.max(...values);
  return values.length >= 2 && low < high ? [low, high] : [axis.min, axis.max];
}

function pixel(value: number): number {
  const factor = 10 ** PIXEL_DECIMALS;
  return Math.round(value * factor) / factor;
}

function rgb(color: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return match
    ? ([1, 2, 3].map((i) => Number.parseInt(match[i], 16)) as [number, number, number])
    : GREY;
}
