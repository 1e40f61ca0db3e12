import sharp from 'sharp';
import { invalidArgument } from '../arguments.js';
import { scaleFromLimits } from '../calibrate/axisScale.js';
import { toHex } from '../color.js';
import { chartsOf } from '../figure/figureResult.js';
import type { AxisResult, Box, ChartResult, DigitizeResult, Raster } from '../types.js';

/** Plot frame and read ticks: a magenta that few chart palettes use, so it reads as ours. */
const ANNOTATION_COLOR = '#e6007e';
/** Outline of recovered points and line: black, unless the series itself is dark. */
const TRACE_COLOR = '#000000';
const TRACE_COLOR_ON_DARK = '#ff00ff';
/** RGB distance from black below which a black trace would vanish into the series. */
const DARK_DISTANCE = 150;
/** Fill for a series whose colour is not `#rrggbb` / `#rgb`. */
const UNKNOWN_COLOR = '#808080';
/**
 * The sizes below suit an image about this many pixels on its short side; larger images (high
 * dpi) scale them up so the overlay reads the same when the image is fitted to a screen.
 */
const REFERENCE_SIZE = 600;

/** Sizes in pixels at REFERENCE_SIZE. */
const BASE_SIZES = {
  font: 11,
  /** Average advance of DejaVu Sans is about 0.55 em: 0.6 keeps label boxes from clipping. */
  charWidth: 11 * 0.6,
  /** Width of the white casing under text and lines, so they read on any background. */
  halo: 3,
  /** Stroke of the recovered line and of marker outlines: visible, yet thinner than most lines. */
  trace: 1.2,
  /** Radius of a recovered marker centre: smaller than the usual 6-8 px marker it sits on. */
  markerRadius: 3.5,
  /** Radius of a point traced along a bare line: points come every few pixels. */
  linePointRadius: 2,
  /** Half-length of the marks drawn across each axis at the read tick positions. */
  tick: 5,
  padding: 4,
  gap: 3,
  /** Dash of the plot frame (its gaps are `gap`). */
  dash: 4,
  swatch: 10,
  /** Distance of the label stack from the plot frame. */
  margin: 6,
};

type Sizes = typeof BASE_SIZES;

/**
 * Draws what was recovered over the image it was recovered from, for a reader to check at a
 * glance: the plot rectangle (dashed), each read tick value at its pixel position, each
 * series' points (its colour, outlined in black or magenta) joined by a line, and a label box
 * per series with its name and point count, stacked in the plot corner with the fewest points.
 * A figure's charts are all drawn, each in its own plot. Data map to pixels through each
 * chart's `plot` and `axes`; points that cannot be mapped (a value <= 0 on a log axis, an axis
 * whose min equals its max) are left out and break the line. Returns an RGB PNG the size of
 * `image`. Throws a TypeError or RangeError when `image` is not a 3-channel raster whose data
 * length and size match each chart's `image`.
 */
export async function renderOverlay(image: Raster, result: DigitizeResult): Promise<Buffer> {
  validateRaster(image);
  const { width, height } = image;
  const charts = chartsOf(result);
  for (const chart of charts) {
    if (chart.image.width !== width || chart.image.height !== height) {
      throw invalidArgument(
        `image of ${chart.image.width}x${chart.image.height} (result.image)`,
        null,
        image,
        { error: RangeError, received: `${width}x${height}` },
      );
    }
  }
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${n(fontSize(width, height))}">`,
    ...charts.flatMap((chart) => chartMarks(chart, width, height)),
    '</svg>',
  ].join('\n');
  // Compositing adds an alpha band; a second pass through raw drops it, so the PNG is RGB.
  const { data, info } = await sharp(image.data, { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(svg), left: 0, top: 0 }])
    .raw()
    .toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: { width, height, channels: info.channels } })
    .removeAlpha()
    .png()
    .toBuffer();
}

function validateRaster(image: Raster): void {
  if (typeof image !== 'object' || image === null) {
    throw invalidArgument('object', 'image', image);
  }
  const { width, height, channels, data } = image;
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0) {
      throw invalidArgument('positive integer', `image.${name}`, value);
    }
  }
  if (channels !== 3) {
    throw invalidArgument('3', 'image.channels', channels, {
      error: RangeError,
      received: String(channels),
    });
  }
  if (!(data instanceof Uint8Array)) {
    throw invalidArgument('Uint8Array', 'image.data', data, { received: typeof data });
  }
  if (data.length !== width * height * 3) {
    throw invalidArgument(
      `${width * height * 3} bytes`,
      `image.data (${width}x${height}x3)`,
      data,
      {
        error: RangeError,
        received: String(data.length),
      },
    );
  }
}

/** One series as it will be drawn: pixel polylines (split where a point cannot be mapped). */
interface DrawnSeries {
  label: string;
  /** Null for the placeholder row of a result without series. */
  fill: string | null;
  trace: string;
  radius: number;
  segments: Array<Array<[px: number, py: number]>>;
}

/** How much the sizes grow on an image of `width` x `height`. */
function sizeScale(width: number, height: number): number {
  return Math.max(1, Math.min(width, height) / REFERENCE_SIZE);
}

function fontSize(width: number, height: number): number {
  return BASE_SIZES.font * sizeScale(width, height);
}

/** The SVG elements of one chart: plot frame, ticks, series and their label boxes. */
function chartMarks(result: ChartResult, width: number, height: number): string[] {
  const { plot, axes } = result;
  const scale = sizeScale(width, height);
  const size = Object.fromEntries(
    Object.entries(BASE_SIZES).map(([key, value]) => [key, value * scale]),
  ) as Sizes;
  const xToPixel = dataToPixel(axes.x, plot.left, plot.right);
  const yToPixel = dataToPixel(axes.y, plot.bottom, plot.top);

  const drawn = result.series.map((series, index): DrawnSeries => {
    const rgb = parseColor(series.color);
    const segments: DrawnSeries['segments'] = [];
    let current: DrawnSeries['segments'][number] = [];
    for (const point of series.points) {
      const px = xToPixel(point.x);
      const py = yToPixel(point.y);
      if (px === null || py === null) {
        if (current.length > 0) segments.push(current);
        current = [];
      } else {
        current.push([px, py]);
      }
    }
    if (current.length > 0) segments.push(current);
    const count = series.points.length;
    const name = series.name === null || series.name.trim() === '' ? null : series.name;
    return {
      label: `${name ?? `series ${index + 1}`} · ${count} ${count === 1 ? 'point' : 'points'}`,
      fill: rgb === null ? UNKNOWN_COLOR : toHex(rgb),
      trace: rgb !== null && Math.hypot(...rgb) < DARK_DISTANCE ? TRACE_COLOR_ON_DARK : TRACE_COLOR,
      radius: series.marker === null ? size.linePointRadius : size.markerRadius,
      segments,
    };
  });

  return [
    plotFrame(plot, size),
    ...ticks(axes.x, 'x', plot, size),
    ...ticks(axes.y, 'y', plot, size),
    ...drawn.flatMap((series) => seriesMarks(series, size)),
    ...labels(drawn, plot, width, height, size),
  ];
}

/**
 * The pixel of a data value along one axis (`min` at `minPixel`, `max` at `maxPixel`), null
 * where the value or the axis cannot be mapped.
 */
function dataToPixel(
  axis: AxisResult,
  minPixel: number,
  maxPixel: number,
): (value: number) => number | null {
  const scale = scaleFromLimits(axis, minPixel, maxPixel);
  return (value) => {
    const pixel = scale.dataToPixel(value);
    return Number.isFinite(pixel) ? pixel : null;
  };
}

function plotFrame(plot: Box, size: Sizes): string {
  // `right` and `bottom` are exclusive: the frame runs through the centres of the edge pixels.
  const w = Math.max(0, plot.right - plot.left - 1);
  const h = Math.max(0, plot.bottom - plot.top - 1);
  const dash = `${n(size.dash)} ${n(size.gap)}`;
  return `<rect x="${n(plot.left + 0.5)}" y="${n(plot.top + 0.5)}" width="${n(w)}" height="${n(h)}" fill="none" stroke="${ANNOTATION_COLOR}" stroke-width="${n(size.trace * 0.8)}" stroke-dasharray="${dash}"/>`;
}

/** A short mark across the axis at each read tick, with the value read, inside the plot. */
function ticks(axis: AxisResult, name: 'x' | 'y', plot: Box, size: Sizes): string[] {
  const halo = `stroke="#ffffff" stroke-width="${n(size.halo)}" stroke-linejoin="round" paint-order="stroke"`;
  const mark = `stroke="${ANNOTATION_COLOR}" stroke-width="${n(size.trace * 1.25)}"`;
  const text = `fill="${ANNOTATION_COLOR}" ${halo}`;
  return axis.ticks
    .filter((tick) => Number.isFinite(tick.pixel))
    .map((tick) => {
      const p = n(tick.pixel);
      const value = escapeXml(formatValue(tick.value));
      if (name === 'x') {
        const y = plot.bottom - 0.5;
        return `<line x1="${p}" y1="${n(y - size.tick)}" x2="${p}" y2="${n(y + size.tick)}" ${mark}/><text x="${p}" y="${n(y - size.tick - size.gap)}" text-anchor="middle" ${text}>${value}</text>`;
      }
      const x = plot.left + 0.5;
      return `<line x1="${n(x - size.tick)}" y1="${p}" x2="${n(x + size.tick)}" y2="${p}" ${mark}/><text x="${n(x + size.tick + size.gap)}" y="${n(tick.pixel + size.font * 0.35)}" text-anchor="start" ${text}>${value}</text>`;
    });
}

function seriesMarks(series: DrawnSeries, size: Sizes): string[] {
  const marks: string[] = [];
  const line = 'fill="none" stroke-linejoin="round" stroke-linecap="round"';
  for (const segment of series.segments) {
    if (segment.length < 2) continue;
    const points = segment.map(([px, py]) => `${n(px)},${n(py)}`).join(' ');
    marks.push(
      `<polyline points="${points}" ${line} stroke="#ffffff" stroke-opacity="0.8" stroke-width="${n(size.trace + size.halo - 1)}"/>`,
      `<polyline points="${points}" ${line} stroke="${series.trace}" stroke-width="${n(size.trace)}"/>`,
    );
  }
  // Points after every line, so no line of this series runs over its own markers.
  for (const segment of series.segments) {
    for (const [px, py] of segment) {
      marks.push(
        `<circle cx="${n(px)}" cy="${n(py)}" r="${n(series.radius)}" fill="${series.fill}" stroke="${series.trace}" stroke-width="${n(size.trace)}"/>`,
      );
    }
  }
  return marks;
}

/**
 * One box per series (name, point count, colour swatch), stacked in the corner of the plot
 * that covers the fewest recovered points; an empty result gets a box saying so.
 */
function labels(
  series: DrawnSeries[],
  plot: Box,
  width: number,
  height: number,
  size: Sizes,
): string[] {
  const rows: DrawnSeries[] =
    series.length > 0
      ? series
      : [{ label: 'no series recovered', fill: null, trace: TRACE_COLOR, radius: 0, segments: [] }];
  const rowHeight = size.font + 2 * size.padding;
  const textWidth = Math.max(...rows.map((row) => row.label.length * size.charWidth));
  const boxWidth = Math.ceil(size.swatch + 3 * size.padding + textWidth);
  const stackHeight = rows.length * rowHeight + (rows.length - 1) * size.gap;

  const leftX = plot.left + size.margin;
  const rightX = plot.right - size.margin - boxWidth;
  const topY = plot.top + size.margin;
  const bottomY = plot.bottom - size.margin - stackHeight;
  // In order of preference on a tie: top right is where charts most often leave room.
  const corners: Array<[number, number]> = [
    [rightX, topY],
    [leftX, topY],
    [rightX, bottomY],
    [leftX, bottomY],
  ];
  const points = series.flatMap((entry) => entry.segments.flat());
  const covered = ([x, y]: [number, number]) =>
    points.filter(([px, py]) => px >= x && px <= x + boxWidth && py >= y && py <= y + stackHeight)
      .length;
  let [x0, y0] = corners[0];
  let fewest = covered(corners[0]);
  for (const corner of corners.slice(1)) {
    const count = covered(corner);
    if (count < fewest) {
      [x0, y0] = corner;
      fewest = count;
    }
  }
  x0 = clamp(x0, 0, width - boxWidth);
  y0 = clamp(y0, 0, height - stackHeight);

  return rows.map((row, index) => {
    const y = y0 + index * (rowHeight + size.gap);
    const swatch =
      row.fill === null
        ? ''
        : `<rect x="${n(x0 + size.padding)}" y="${n(y + (rowHeight - size.swatch) / 2)}" width="${n(size.swatch)}" height="${n(size.swatch)}" fill="${row.fill}" stroke="${row.trace}" stroke-width="${n(size.trace)}"/>`;
    const textX = row.fill === null ? x0 + size.padding : x0 + size.swatch + 2 * size.padding;
    return [
      `<rect x="${n(x0 + 0.5)}" y="${n(y + 0.5)}" width="${n(boxWidth - 1)}" height="${n(rowHeight - 1)}" fill="#ffffff" fill-opacity="0.88" stroke="${row.trace}" stroke-width="${n(size.trace * 0.8)}"/>`,
      swatch,
      `<text x="${n(textX)}" y="${n(y + rowHeight / 2 + size.font * 0.35)}" fill="#000000">${escapeXml(row.label)}</text>`,
    ].join('');
  });
}

function parseColor(color: string): [number, number, number] | null {
  const digits = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(color)?.[1];
  if (digits === undefined) return null;
  const long = digits.length === 3 ? digits.replace(/./g, '$&$&') : digits;
  return [0, 2, 4].map((start) => parseInt(long.slice(start, start + 2), 16)) as [
    number,
    number,
    number,
  ];
}

/** A read value as a person would write it: 6 significant digits, no float noise. */
function formatValue(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}

/** A coordinate for SVG: two decimals are finer than any renderer resolves. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value));
}

/** Text for an XML text node or attribute: markup escaped, characters XML 1.0 forbids removed. */
function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&apos;')
  );
}
