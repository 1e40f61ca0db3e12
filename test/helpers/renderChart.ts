/**
 * Renders line charts from known data, so tests can digitize them and compare with the truth.
 *
 * Pixel convention: pixel indices. The pixel in column `c`, row `r` has its centre at
 * (px, py) = (c, r), so `Math.round(px)` is the column of the pixel a point falls in.
 * `plot.left`/`plot.right` are the columns and `plot.top`/`plot.bottom` the rows of the frame
 * lines (all four inclusive, integers), and the axis limits map exactly onto them:
 * `xRange[0]` -> `plot.left`, `xRange[1]` -> `plot.right`, `yRange[0]` -> `plot.bottom`,
 * `yRange[1]` -> `plot.top`. The 1 px frame (when drawn) covers exactly those columns and rows.
 * In SVG user units (pixel c spans [c, c + 1)) every position is that index + 0.5.
 */
import sharp from 'sharp';

export type MarkerShape =
  | 'circle'
  | 'triangle-up'
  | 'triangle-down'
  | 'square'
  | 'diamond'
  | 'cross'
  | 'plus'
  | 'star';

export type LegendPosition =
  | 'upper left'
  | 'upper right'
  | 'lower left'
  | 'lower right'
  | 'outside right';

export type ChartLook = 'matplotlib' | 'chartjs' | 'vega';

export interface SeriesSpec {
  /** Name shown in the legend; null keeps the series out of the legend. */
  name: string | null;
  /** Any SVG colour: '#1f77b4', 'red', 'rgb(...)'. */
  color: string;
  /** Data x values; a non-finite value (or non-positive on a log axis) breaks the line. */
  x: number[];
  y: number[];
  /** @default null (no markers); 'circle' for the chartjs look */
  marker?: MarkerShape | null;
  /** Marker diameter (px). @default 8 (matplotlib), 6 (chartjs, vega) */
  markerSize?: number;
  /** Line width (px); 0 draws markers only. @default 2 (matplotlib, vega), 3 (chartjs) */
  lineWidth?: number;
  /** @default 'solid' */
  dash?: 'solid' | 'dashed' | 'dotted';
}

export interface ChartSpec {
  /** Image width (px). @default 640 */
  width?: number;
  /** Image height (px). @default 480 */
  height?: number;
  /** @default null */
  title?: string | null;
  /** @default null */
  xLabel?: string | null;
  /** @default null */
  yLabel?: string | null;
  /** Axis limits in data units: [at plot.left, at plot.right]. */
  xRange: [number, number];
  /** Axis limits in data units: [at plot.bottom, at plot.top]. */
  yRange: [number, number];
  /** Tick values to draw and label; ticks outside the range are skipped. */
  xTicks: number[];
  yTicks: number[];
  /** @default 'linear'. 'log' is linear in log10. */
  xScale?: 'linear' | 'log';
  /** @default 'linear' */
  yScale?: 'linear' | 'log';
  /**
   * Label text of a tick. @default decimals shared by all ticks of an axis, U+2212 for
   * negatives (hyphen and thousands commas in the chartjs look, commas in the vega look),
   * and '10' + Unicode superscript exponent for powers of ten on a log axis. A level x label
   * may hold a second line after a `\n` (Plotly's year under a date: `Jun 8\n1997`): it is
   * drawn a line below, and the x label a line lower.
   */
  tickFormat?: (v: number, axis: 'x' | 'y') => string;
  /**
   * x tick labels turned counter-clockwise by this many degrees, each ending under its tick
   * (matplotlib's `autofmt_xdate` turns them 30 degrees); negative: turned clockwise, each
   * starting under its tick (Plotly). Leave room below the plot with `plot`.
   * @default 0
   */
  xTickAngle?: number;
  series: SeriesSpec[];
  /**
   * Boxed legend with line and marker samples and names. In the chartjs look any non-null
   * value puts the legend above the plot; in the vega look, right of it. @default null
   */
  legend?: LegendPosition | null;
  /** Whether the legend (matplotlib look) has its frame. @default true */
  legendFrame?: boolean;
  /** Whether each name comes before its sample, right-aligned (gnuplot's key; matplotlib look). @default false */
  legendTextFirst?: boolean;
  /** The legend's markers drawn this many times their size in the plot (ECharts' are larger). @default 1 */
  legendMarkerScale?: number;
  /** Grid lines at the ticks; 'dashed' draws dashed #cccccc lines. @default false (matplotlib), true (others) */
  grid?: boolean | 'dashed';
  /** 'spines' draws the left and bottom lines only; 'none' also drops the tick marks. @default 'box' */
  frame?: 'box' | 'spines' | 'none';
  /** Background fill of the plot; with a fill, grid lines are white (seaborn, ggplot). @default null */
  panel?: string | null;
  /** Tick label size (px); axis labels are the same, the title 1.2 times. @default 13 */
  fontSize?: number;
  /** Colour of the title and the axis labels (ECharts' looks print them in a colour). @default the look's text colour */
  labelColor?: string;
  /** @default 'DejaVu Sans' */
  fontFamily?: string;
  /** Overall look; explicit options above override it. @default 'matplotlib' */
  style?: ChartLook;
  /** Gap (px) between the tick marks (or the axis line) and the tick labels. @default the look's */
  tickPad?: number;
  /** Frame lines (pixel indices, see the file comment) to use instead of the automatic layout. */
  plot?: PlotEdges;
}

/** The frame lines of the plot, as pixel indices, all four inclusive. */
export interface PlotEdges {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface RenderedChart {
  /** The rendering: RGB PNG, white background, spec.width x spec.height. */
  png: Buffer;
  /** The SVG that was rasterised, for debugging. */
  svg: string;
  /** Columns (left, right) and rows (top, bottom) of the frame lines; the axis limits map onto them. */
  plot: PlotEdges;
  /** The legend box (pixel indices of its border, inclusive), or null when there is none. */
  legend: PlotEdges | null;
  /** data -> pixel used to draw (pixel indices: the centre of pixel (c, r) is (c, r)). */
  dataToPixel(x: number, y: number): { px: number; py: number };
  /** The inverse of dataToPixel. */
  pixelToData(px: number, py: number): { x: number; y: number };
}

interface Look {
  frame: 'box' | 'spines' | 'none';
  grid: boolean | 'dashed';
  gridColor: string;
  fontSize: number;
  textColor: string;
  /** Colour of the frame and tick marks. */
  axisColor: string;
  /** Whether tick marks are drawn when there is no frame (chart.js extends its grid lines). */
  ticksWithoutFrame: boolean;
  tickLength: number;
  /** Gap between a tick mark and its label. */
  tickPad: number;
  /** Gap between the tick labels and the axis label. */
  labelPad: number;
  titlePad: number;
  lineWidth: number;
  markerSize: number;
  defaultMarker: MarkerShape | null;
  boldTitles: boolean;
  minus: string;
  thousands: boolean;
}

/*
 * Sizes follow each library's defaults at the resolution where its text is about 13 px:
 * matplotlib at 100 dpi (1 pt = 1.39 px: ticks 3.5 pt, lines 1.5 pt, markers 6 pt),
 * chart.js and vega-lite at their own CSS pixel defaults.
 */
const LOOKS: Record<ChartLook, Look> = {
  matplotlib: {
    frame: 'box',
    grid: false,
    gridColor: '#b0b0b0',
    fontSize: 13,
    textColor: '#000000',
    axisColor: '#000000',
    ticksWithoutFrame: false,
    tickLength: 5,
    tickPad: 5,
    labelPad: 6,
    titlePad: 8,
    lineWidth: 2,
    markerSize: 8,
    defaultMarker: null,
    boldTitles: false,
    minus: '\u2212',
    thousands: false,
  },
  chartjs: {
    frame: 'none',
    grid: true,
    gridColor: '#e5e5e5',
    fontSize: 12,
    textColor: '#666666',
    axisColor: '#e5e5e5',
    ticksWithoutFrame: true,
    tickLength: 8,
    tickPad: 3,
    labelPad: 6,
    titlePad: 10,
    lineWidth: 3,
    markerSize: 6,
    defaultMarker: 'circle',
    boldTitles: true,
    minus: '-',
    thousands: true,
  },
  vega: {
    frame: 'spines',
    grid: true,
    gridColor: '#dddddd',
    fontSize: 11,
    textColor: '#000000',
    axisColor: '#888888',
    ticksWithoutFrame: false,
    tickLength: 5,
    tickPad: 2,
    labelPad: 6,
    titlePad: 10,
    lineWidth: 2,
    markerSize: 6,
    defaultMarker: null,
    boldTitles: true,
    minus: '\u2212',
    thousands: true,
  },
};

/** matplotlib's default subplot margins, as fractions of the figure (left, right, bottom, top). */
const MARGIN_FRACTION = { left: 0.125, right: 0.1, bottom: 0.11, top: 0.12 };
/** Gap between the outermost text and the image edge when the text needs more than the margin. */
const EDGE_GAP = 4;
/** DejaVu Sans metrics as fractions of the font size: digit height, ascent and descent. */
const CAP_HEIGHT = 0.73;
const ASCENT = 0.76;
const DESCENT = 0.24;
/** Distance between the baselines of a two-line x tick label, in ems. */
const LINE_SPACING = 1.2;
/** A tick at most this fraction of the axis span outside the limits is still drawn. */
const TICK_RANGE_SLACK = 1e-9;
/** Dash patterns in line widths: matplotlib's lines.dashed_pattern and dotted_pattern. */
const DASH_PATTERNS = { dashed: [3.7, 1.6], dotted: [1, 1.65] } as const;

/**
 * DejaVu Sans advance widths (1/1000 em) of printable ASCII, U+2212, superscript digits and
 * minus, degree, micro and mu, read from DejaVuSans.ttf (hmtx). Used to lay out the margins.
 */
const ADVANCE_CHARS =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u2212\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b\u00b0\u00b5\u03bc';
const ADVANCE_WIDTHS = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
  636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
  575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
  611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
  278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
  838, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 528, 500, 636, 636,
];
const ADVANCES = new Map([...ADVANCE_CHARS].map((c, i) => [c, ADVANCE_WIDTHS[i] / 1000]));
/** Advance (em) assumed for a character outside the table, a little above DejaVu's average. */
const OTHER_ADVANCE = 0.65;

const SUPERSCRIPTS: Record<string, string> = {
  '0': '\u2070',
  '1': '\u00b9',
  '2': '\u00b2',
  '3': '\u00b3',
  '4': '\u2074',
  '5': '\u2075',
  '6': '\u2076',
  '7': '\u2077',
  '8': '\u2078',
  '9': '\u2079',
  '-': '\u207b',
};

/**
 * Draws the chart described by `spec` as SVG and rasterises it with sharp.
 * Returns the PNG, the plot edges and the data <-> pixel mapping used to draw.
 * Throws TypeError or RangeError on a bad spec, before drawing anything.
 */
export async function renderChart(spec: ChartSpec): Promise<RenderedChart> {
  validate(spec);
  const look: Look = {
    ...LOOKS[spec.style ?? 'matplotlib'],
    ...(spec.tickPad !== undefined && { tickPad: spec.tickPad }),
  };
  const {
    width = 640,
    height = 480,
    title = null,
    xLabel = null,
    yLabel = null,
    xRange,
    yRange,
    xScale = 'linear',
    yScale = 'linear',
    series,
    legend = null,
    grid = look.grid,
    frame = look.frame,
    panel = null,
    fontSize = look.fontSize,
    fontFamily = 'DejaVu Sans',
    style = 'matplotlib',
  } = spec;
  const tickFormat = spec.tickFormat ?? defaultTickFormat(spec, look);
  const xTicks = ticksInRange(spec.xTicks, xRange, xScale);
  const yTicks = ticksInRange(spec.yTicks, yRange, yScale);
  const xTickLabels = xTicks.map((v) => tickFormat(v, 'x'));
  const secondLines = xTickLabels.some((label) => label.includes('\n'));
  const yTickLabels = yTicks.map((v) => tickFormat(v, 'y'));
  const showTicks = frame !== 'none' || look.ticksWithoutFrame;
  const tickLength = showTicks ? look.tickLength : 0;
  const titleSize = fontSize * 1.2;
  const entries = series
    .map((s) => resolveSeries(s, look))
    .filter((s) => s.name !== null) as ResolvedSeries[];
  const legendBox =
    legend !== null && entries.length > 0 ? legendSize(entries, fontSize, style) : null;

  const plot =
    spec.plot ??
    autoLayout({
      width,
      height,
      fontSize,
      titleSize,
      title,
      xLabel,
      yLabel,
      yTickLabels,
      tickLength,
      look,
      secondLines,
      legendAbove: legendBox !== null && style === 'chartjs' ? legendBox.height : 0,
      legendRight:
        legendBox !== null && (legend === 'outside right' || style === 'vega')
          ? legendBox.width + legendGap(fontSize, style)
          : 0,
    });
  validatePlot(plot, width, height);

  const xMap = axisMap(xRange, xScale, plot.left, plot.right);
  const yMap = axisMap(yRange, yScale, plot.bottom, plot.top);
  const dataToPixel = (x: number, y: number) => ({ px: xMap.toPixel(x), py: yMap.toPixel(y) });
  const pixelToData = (px: number, py: number) => ({ x: xMap.toData(px), y: yMap.toData(py) });

  const font = `font-family="${escapeXml(fontFamily)}"`;
  const parts: string[] = [];
  const svgLeft = plot.left + 0.5;
  const svgRight = plot.right + 0.5;
  const svgTop = plot.top + 0.5;
  const svgBottom = plot.bottom + 0.5;
  parts.push(
    `<clipPath id="plot"><rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left + 1}" height="${plot.bottom - plot.top + 1}"/></clipPath>`,
  );
  if (panel !== null) {
    parts.push(
      `<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left + 1}" height="${plot.bottom - plot.top + 1}" fill="${escapeXml(panel)}"/>`,
    );
  }

  // Grid, below the data like matplotlib's axes.axisbelow.
  if (grid !== false) {
    const dashed = grid === 'dashed';
    const color = dashed
      ? '#cccccc'
      : panel !== null && !isWhite(panel)
        ? '#ffffff'
        : look.gridColor;
    const dash = dashed ? ' stroke-dasharray="4 3"' : '';
    const lines = [
      ...xTicks.map((v) => {
        const x = xMap.toPixel(v) + 0.5;
        return `<line x1="${fmt(x)}" y1="${svgTop}" x2="${fmt(x)}" y2="${svgBottom}"/>`;
      }),
      ...yTicks.map((v) => {
        const y = yMap.toPixel(v) + 0.5;
        return `<line x1="${svgLeft}" y1="${fmt(y)}" x2="${svgRight}" y2="${fmt(y)}"/>`;
      }),
    ];
    parts.push(`<g stroke="${color}" stroke-width="1"${dash}>${lines.join('')}</g>`);
  }

  // Series: every line, then every series' markers on top, in series order.
  const resolved = series.map((s) => resolveSeries(s, look));
  const lineParts: string[] = [];
  const markerParts: string[] = [];
  for (const s of resolved) {
    const points = s.x.map((x, i) => {
      const y = s.y[i];
      const ok = isDrawable(x, xScale) && isDrawable(y, yScale);
      return ok ? { px: xMap.toPixel(x) + 0.5, py: yMap.toPixel(y) + 0.5 } : null;
    });
    if (s.lineWidth > 0) {
      for (const run of runs(points)) {
        if (run.length < 2) continue;
        lineParts.push(
          `<polyline points="${run.map((p) => `${fmt(p.px)},${fmt(p.py)}`).join(' ')}" ${strokeAttributes(s)}/>`,
        );
      }
    }
    if (s.marker !== null) {
      for (const p of points) {
        if (p !== null) markerParts.push(markerSvg(s.marker, p.px, p.py, s.markerSize, s.color));
      }
    }
  }
  parts.push(
    `<g clip-path="url(#plot)" fill="none">${lineParts.join('')}${markerParts.join('')}</g>`,
  );

  // Frame and ticks, above the data.
  const axis = look.axisColor;
  if (frame === 'box') {
    parts.push(
      `<rect x="${svgLeft}" y="${svgTop}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="${axis}" stroke-width="1"/>`,
    );
  } else if (frame === 'spines') {
    parts.push(
      `<polyline points="${svgLeft},${svgTop} ${svgLeft},${svgBottom} ${svgRight},${svgBottom}" fill="none" stroke="${axis}" stroke-width="1" stroke-linecap="square"/>`,
    );
  }
  if (showTicks) {
    const ticks = [
      ...xTicks.map((v) => {
        const x = fmt(xMap.toPixel(v) + 0.5);
        return `<line x1="${x}" y1="${plot.bottom + 1}" x2="${x}" y2="${plot.bottom + 1 + tickLength}"/>`;
      }),
      ...yTicks.map((v) => {
        const y = fmt(yMap.toPixel(v) + 0.5);
        return `<line x1="${plot.left}" y1="${y}" x2="${plot.left - tickLength}" y2="${y}"/>`;
      }),
    ];
    parts.push(`<g stroke="${axis}" stroke-width="1">${ticks.join('')}</g>`);
  }

  // Tick labels: centred under the x ticks, right-aligned and vertically centred left of the y ticks.
  const text = `${font} font-size="${fmt(fontSize)}" fill="${look.textColor}"`;
  const xLabelBaseline = plot.bottom + 1 + tickLength + look.tickPad + CAP_HEIGHT * fontSize;
  const angle = spec.xTickAngle ?? 0;
  const xTickLabel = (v: number, i: number) => {
    const x = fmt(xMap.toPixel(v) + 0.5);
    if (angle === 0) {
      const [first, second] = xTickLabels[i].split('\n');
      const below =
        second === undefined
          ? ''
          : `<tspan x="${x}" dy="${fmt(LINE_SPACING * fontSize)}">${escapeXml(second)}</tspan>`;
      return `<text x="${x}" y="${fmt(xLabelBaseline)}" text-anchor="middle">${escapeXml(first)}${below}</text>`;
    }
    // The label's end nearer the axis under the tick, turned about it: its baseline's right
    // end for text rising to the right, its start for text falling (a negative angle).
    const y = fmt(plot.bottom + 1 + tickLength + look.tickPad + CAP_HEIGHT * fontSize);
    const anchor = angle > 0 ? 'end' : 'start';
    return `<text x="${x}" y="${y}" text-anchor="${anchor}" transform="rotate(${-angle} ${x} ${y})">${escapeXml(xTickLabels[i])}</text>`;
  };
  const labels = [
    ...xTicks.map(xTickLabel),
    ...yTicks.map(
      (v, i) =>
        `<text x="${plot.left - tickLength - look.tickPad}" y="${fmt(yMap.toPixel(v) + 0.5 + (CAP_HEIGHT / 2) * fontSize)}" text-anchor="end">${escapeXml(yTickLabels[i])}</text>`,
    ),
  ];
  parts.push(`<g ${text}>${labels.join('')}</g>`);

  const weight = look.boldTitles ? ' font-weight="bold"' : '';
  const labelFill = spec.labelColor ?? look.textColor;
  const labelText = `${font} font-size="${fmt(fontSize)}" fill="${labelFill}"`;
  if (xLabel !== null) {
    const baseline =
      xLabelBaseline +
      DESCENT * fontSize +
      look.labelPad +
      ASCENT * fontSize +
      (secondLines ? LINE_SPACING * fontSize : 0);
    parts.push(
      `<text ${labelText}${weight} x="${fmt((svgLeft + svgRight) / 2)}" y="${fmt(baseline)}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    );
  }
  if (yLabel !== null) {
    const widest = Math.max(0, ...yTickLabels.map((t) => textWidth(t, fontSize)));
    const baseline =
      plot.left - tickLength - look.tickPad - widest - look.labelPad - DESCENT * fontSize;
    const middle = (svgTop + svgBottom) / 2;
    parts.push(
      `<text ${labelText}${weight} x="${fmt(baseline)}" y="${fmt(middle)}" text-anchor="middle" transform="rotate(-90 ${fmt(baseline)} ${fmt(middle)})">${escapeXml(yLabel)}</text>`,
    );
  }

  let legendEdges: PlotEdges | null = null;
  let titleBaseline = plot.top - look.titlePad - DESCENT * titleSize;
  if (legendBox !== null && legend !== null) {
    const drawn = drawLegend({
      entries,
      framed: spec.legendFrame ?? true,
      textFirst: spec.legendTextFirst ?? false,
      markerScale: spec.legendMarkerScale ?? 1,
      box: legendBox,
      position: legend,
      style,
      plot,
      fontSize,
      text,
    });
    parts.push(drawn.svg);
    legendEdges = drawn.edges;
    if (style === 'chartjs') titleBaseline = drawn.edges.top - look.titlePad - DESCENT * titleSize;
  }
  if (title !== null) {
    parts.push(
      `<text ${font} font-size="${fmt(titleSize)}"${weight} fill="${labelFill}" x="${fmt((svgLeft + svgRight) / 2)}" y="${fmt(titleBaseline)}" text-anchor="middle">${escapeXml(title)}</text>`,
    );
  }

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="#ffffff"/>${parts.join('')}</svg>`;
  const png = await sharp(Buffer.from(svg), { density: 72 })
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();
  return { png, svg, plot: { ...plot }, legend: legendEdges, dataToPixel, pixelToData };
}

interface ResolvedSeries {
  name: string | null;
  color: string;
  x: number[];
  y: number[];
  marker: MarkerShape | null;
  markerSize: number;
  lineWidth: number;
  dash: 'solid' | 'dashed' | 'dotted';
}

function resolveSeries(s: SeriesSpec, look: Look): ResolvedSeries {
  return {
    name: s.name,
    color: escapeXml(s.color),
    x: s.x,
    y: s.y,
    marker: s.marker === undefined ? look.defaultMarker : s.marker,
    markerSize: s.markerSize ?? look.markerSize,
    lineWidth: s.lineWidth ?? look.lineWidth,
    dash: s.dash ?? 'solid',
  };
}

function strokeAttributes(s: ResolvedSeries): string {
  const base = `stroke="${s.color}" stroke-width="${fmt(s.lineWidth)}" stroke-linejoin="round"`;
  if (s.dash === 'solid') return `${base} stroke-linecap="round"`;
  const pattern = DASH_PATTERNS[s.dash].map((d) => fmt(d * s.lineWidth)).join(' ');
  return `${base} stroke-linecap="butt" stroke-dasharray="${pattern}"`;
}

/** An SVG marker centred on (cx, cy) in SVG units; `size` is the diameter (matplotlib's markersize). */
function markerSvg(
  shape: MarkerShape,
  cx: number,
  cy: number,
  size: number,
  color: string,
): string {
  const r = size / 2;
  const filled = `fill="${color}" stroke="${color}" stroke-width="1" stroke-linejoin="miter"`;
  const polygon = (points: [number, number][]) =>
    `<polygon points="${points.map(([dx, dy]) => `${fmt(cx + dx)},${fmt(cy + dy)}`).join(' ')}" ${filled}/>`;
  const strokeWidth = fmt(Math.max(1.5, size / 6));
  switch (shape) {
    case 'circle':
      return `<circle cx="${fmt(cx)}" cy="${fmt(cy)}" r="${fmt(r)}" ${filled}/>`;
    case 'square':
      return polygon([
        [-r, -r],
        [r, -r],
        [r, r],
        [-r, r],
      ]);
    case 'triangle-up':
      return polygon([
        [0, -r],
        [r, r],
        [-r, r],
      ]);
    case 'triangle-down':
      return polygon([
        [0, r],
        [r, -r],
        [-r, -r],
      ]);
    case 'diamond': {
      const d = 1.2 * r;
      return polygon([
        [0, -d],
        [d, 0],
        [0, d],
        [-d, 0],
      ]);
    }
    case 'star': {
      const inner = r * 0.381966;
      const points: [number, number][] = [];
      for (let k = 0; k < 10; k++) {
        const radius = k % 2 === 0 ? r : inner;
        const angle = (k * Math.PI) / 5;
        points.push([radius * Math.sin(angle), -radius * Math.cos(angle)]);
      }
      return polygon(points);
    }
    case 'cross':
      return `<path d="M${fmt(cx - r)},${fmt(cy - r)}L${fmt(cx + r)},${fmt(cy + r)}M${fmt(cx - r)},${fmt(cy + r)}L${fmt(cx + r)},${fmt(cy - r)}" stroke="${color}" stroke-width="${strokeWidth}" fill="none"/>`;
    case 'plus':
      return `<path d="M${fmt(cx - r)},${fmt(cy)}L${fmt(cx + r)},${fmt(cy)}M${fmt(cx)},${fmt(cy - r)}L${fmt(cx)},${fmt(cy + r)}" stroke="${color}" stroke-width="${strokeWidth}" fill="none"/>`;
    default:
      return assertUnreachable(shape);
  }
}

interface LegendBox {
  width: number;
  height: number;
  rowHeight: number;
  /** chartjs: the width of each entry, laid out in one row. */
  entryWidths: number[];
}

/* matplotlib legend defaults, in font sizes. */
const LEGEND_BORDER_PAD = 0.4;
const LEGEND_LABEL_SPACING = 0.5;
const LEGEND_HANDLE_LENGTH = 2;
const LEGEND_HANDLE_TEXT_PAD = 0.8;
const LEGEND_AXES_PAD = 0.5;

function legendSize(entries: ResolvedSeries[], fontSize: number, style: ChartLook): LegendBox {
  const names = entries.map((e) => textWidth(e.name ?? '', fontSize));
  const rowHeight = Math.round(fontSize * 1.2);
  switch (style) {
    case 'matplotlib': {
      const pad = LEGEND_BORDER_PAD * fontSize;
      const width =
        2 * pad + (LEGEND_HANDLE_LENGTH + LEGEND_HANDLE_TEXT_PAD) * fontSize + Math.max(...names);
      const height =
        2 * pad +
        entries.length * rowHeight +
        (entries.length - 1) * LEGEND_LABEL_SPACING * fontSize;
      return { width: Math.ceil(width), height: Math.ceil(height), rowHeight, entryWidths: [] };
    }
    case 'chartjs': {
      // Chart.js: a box (40 x font size) with the name after it, 10 px padding around entries.
      const entryWidths = names.map((w) => 40 + fontSize / 2 + w);
      const width = entryWidths.reduce((a, b) => a + b, 0) + 10 * (entries.length - 1);
      return { width: Math.ceil(width), height: rowHeight + 20, rowHeight, entryWidths };
    }
    case 'vega': {
      // vega: circle symbols of diameter ~ font size, then the name.
      const width = fontSize + 5 + Math.max(...names);
      const height = entries.length * (rowHeight + 2);
      return { width: Math.ceil(width), height, rowHeight: rowHeight + 2, entryWidths: [] };
    }
    default:
      return assertUnreachable(style);
  }
}

/** Gap (px) between the plot and a legend right of it: matplotlib's borderaxespad, vega's offset. */
function legendGap(fontSize: number, style: ChartLook): number {
  return style === 'vega' ? 18 : Math.round(LEGEND_AXES_PAD * fontSize);
}

function drawLegend({
  entries,
  framed,
  textFirst,
  markerScale,
  box,
  position,
  style,
  plot,
  fontSize,
  text,
}: {
  entries: ResolvedSeries[];
  framed: boolean;
  textFirst: boolean;
  markerScale: number;
  box: LegendBox;
  position: LegendPosition;
  style: ChartLook;
  plot: PlotEdges;
  fontSize: number;
  text: string;
}): { svg: string; edges: PlotEdges } {
  const parts: string[] = [];
  const textDrop = (CAP_HEIGHT / 2) * fontSize;
  switch (style) {
    case 'matplotlib': {
      const inset = Math.round(LEGEND_AXES_PAD * fontSize);
      let left: number;
      let top: number;
      switch (position) {
        case 'upper left':
          left = plot.left + inset;
          top = plot.top + inset;
          break;
        case 'upper right':
          left = plot.right - inset - box.width;
          top = plot.top + inset;
          break;
        case 'lower left':
          left = plot.left + inset;
          top = plot.bottom - inset - box.height;
          break;
        case 'lower right':
          left = plot.right - inset - box.width;
          top = plot.bottom - inset - box.height;
          break;
        case 'outside right':
          left = plot.right + legendGap(fontSize, style);
          top = plot.top;
          break;
        default:
          return assertUnreachable(position);
      }
      const edges = { left, top, right: left + box.width, bottom: top + box.height };
      if (framed) {
        parts.push(
          `<rect x="${left + 0.5}" y="${top + 0.5}" width="${box.width}" height="${box.height}" rx="${fmt(0.2 * fontSize)}" fill="#ffffff" stroke="#cccccc" stroke-width="1"/>`,
        );
      }
      const pad = LEGEND_BORDER_PAD * fontSize;
      entries.forEach((e, i) => {
        const cy =
          top +
          0.5 +
          pad +
          i * (box.rowHeight + LEGEND_LABEL_SPACING * fontSize) +
          box.rowHeight / 2;
        const handleLength = LEGEND_HANDLE_LENGTH * fontSize;
        const x0 = textFirst ? left + box.width + 0.5 - pad - handleLength : left + 0.5 + pad;
        const x1 = x0 + handleLength;
        if (e.lineWidth > 0) {
          parts.push(
            `<line x1="${fmt(x0)}" y1="${fmt(cy)}" x2="${fmt(x1)}" y2="${fmt(cy)}" ${strokeAttributes(e)}/>`,
          );
        }
        if (e.marker !== null)
          parts.push(markerSvg(e.marker, (x0 + x1) / 2, cy, e.markerSize * markerScale, e.color));
        const textX = textFirst
          ? x0 - LEGEND_HANDLE_TEXT_PAD * fontSize
          : x1 + LEGEND_HANDLE_TEXT_PAD * fontSize;
        parts.push(
          `<text ${text} x="${fmt(textX)}" y="${fmt(cy + textDrop)}"${textFirst ? ' text-anchor="end"' : ''}>${escapeXml(e.name ?? '')}</text>`,
        );
      });
      return { svg: parts.join(''), edges };
    }
    case 'chartjs': {
      // One centred row above the plot.
      const top = plot.top - box.height;
      let x = Math.round((plot.left + plot.right) / 2 - box.width / 2);
      const edges = { left: x, top, right: x + box.width, bottom: plot.top - 1 };
      const cy = top + 10 + box.rowHeight / 2;
      entries.forEach((e, i) => {
        parts.push(
          `<rect x="${x + 0.5}" y="${fmt(cy - fontSize / 2)}" width="40" height="${fmt(fontSize)}" fill="${e.color}" stroke="${e.color}" stroke-width="1"/>`,
        );
        parts.push(
          `<text ${text} x="${fmt(x + 40 + fontSize / 2)}" y="${fmt(cy + textDrop)}">${escapeXml(e.name ?? '')}</text>`,
        );
        x += box.entryWidths[i] + 10;
      });
      return { svg: parts.join(''), edges };
    }
    case 'vega': {
      const left = plot.right + legendGap(fontSize, style);
      const top = plot.top;
      const edges = { left, top, right: left + box.width, bottom: top + box.height };
      entries.forEach((e, i) => {
        const cy = top + 0.5 + i * box.rowHeight + box.rowHeight / 2;
        parts.push(
          `<circle cx="${fmt(left + 0.5 + fontSize / 2)}" cy="${fmt(cy)}" r="${fmt(fontSize * 0.4)}" fill="${e.color}" stroke="${e.color}" stroke-width="1"/>`,
        );
        parts.push(
          `<text ${text} x="${fmt(left + fontSize + 5)}" y="${fmt(cy + textDrop)}">${escapeXml(e.name ?? '')}</text>`,
        );
      });
      return { svg: parts.join(''), edges };
    }
    default:
      return assertUnreachable(style);
  }
}

function autoLayout({
  width,
  height,
  fontSize,
  titleSize,
  title,
  xLabel,
  yLabel,
  yTickLabels,
  tickLength,
  look,
  secondLines,
  legendAbove,
  legendRight,
}: {
  width: number;
  height: number;
  fontSize: number;
  titleSize: number;
  title: string | null;
  xLabel: string | null;
  yLabel: string | null;
  yTickLabels: string[];
  tickLength: number;
  look: Look;
  secondLines: boolean;
  legendAbove: number;
  legendRight: number;
}): PlotEdges {
  const widest = Math.max(0, ...yTickLabels.map((t) => textWidth(t, fontSize)));
  const leftNeed =
    tickLength +
    look.tickPad +
    widest +
    (yLabel === null ? 0 : look.labelPad + fontSize) +
    EDGE_GAP;
  const bottomNeed =
    1 +
    tickLength +
    look.tickPad +
    fontSize +
    (secondLines ? LINE_SPACING * fontSize : 0) +
    (xLabel === null ? 0 : look.labelPad + fontSize) +
    EDGE_GAP;
  const topNeed = (title === null ? 0 : look.titlePad + titleSize) + legendAbove + EDGE_GAP;
  const rightNeed = legendRight + EDGE_GAP;
  return {
    left: Math.round(Math.max(MARGIN_FRACTION.left * width, leftNeed)),
    top: Math.round(Math.max(MARGIN_FRACTION.top * height, topNeed)),
    right: width - 1 - Math.round(Math.max(MARGIN_FRACTION.right * width, rightNeed)),
    bottom: height - 1 - Math.round(Math.max(MARGIN_FRACTION.bottom * height, bottomNeed)),
  };
}

interface AxisMap {
  toPixel(value: number): number;
  toData(pixel: number): number;
}

/** A d3-style scale from data to pixel indices: `range[0]` -> `from`, `range[1]` -> `to`. */
function axisMap(
  range: [number, number],
  scale: 'linear' | 'log',
  from: number,
  to: number,
): AxisMap {
  const t = scale === 'log' ? Math.log10 : (v: number) => v;
  const tInverse = scale === 'log' ? (v: number) => 10 ** v : (v: number) => v;
  const t0 = t(range[0]);
  const slope = (to - from) / (t(range[1]) - t0);
  return {
    toPixel: (value) => from + (t(value) - t0) * slope,
    toData: (pixel) => tInverse(t0 + (pixel - from) / slope),
  };
}

function ticksInRange(ticks: number[], range: [number, number], scale: 'linear' | 'log'): number[] {
  const t = scale === 'log' ? Math.log10 : (v: number) => v;
  const lo = Math.min(t(range[0]), t(range[1]));
  const hi = Math.max(t(range[0]), t(range[1]));
  const slack = (hi - lo) * TICK_RANGE_SLACK;
  return ticks.filter((v) => isDrawable(v, scale) && t(v) >= lo - slack && t(v) <= hi + slack);
}

function isDrawable(v: number, scale: 'linear' | 'log'): boolean {
  return Number.isFinite(v) && (scale === 'linear' || v > 0);
}

/** Splits points at the nulls (undrawable values) into runs to draw as separate polylines. */
function runs<T>(points: (T | null)[]): T[][] {
  const out: T[][] = [[]];
  for (const p of points) {
    if (p === null) {
      if (out[out.length - 1].length > 0) out.push([]);
    } else {
      out[out.length - 1].push(p);
    }
  }
  return out;
}

/** The default tick formatter: one number of decimals for all ticks of an axis, like matplotlib's ScalarFormatter. */
function defaultTickFormat(spec: ChartSpec, look: Look): (v: number, axis: 'x' | 'y') => string {
  const decimalsX = sharedDecimals(spec.xTicks);
  const decimalsY = sharedDecimals(spec.yTicks);
  return (v, axis) => {
    const scale = axis === 'x' ? spec.xScale : spec.yScale;
    if (scale === 'log') {
      const exponent = Math.round(Math.log10(v));
      if (Math.abs(v - 10 ** exponent) <= 1e-9 * v) {
        return `10${[...String(exponent)].map((c) => SUPERSCRIPTS[c]).join('')}`;
      }
      return formatNumber(v, decimalsOf(v), look);
    }
    return formatNumber(v, axis === 'x' ? decimalsX : decimalsY, look);
  };
}

const MAX_DECIMALS = 10;

function decimalsOf(v: number): number {
  for (let d = 0; d < MAX_DECIMALS; d++) {
    if (Math.abs(Number(v.toFixed(d)) - v) <= 1e-9 * Math.max(1, Math.abs(v))) return d;
  }
  return MAX_DECIMALS;
}

function sharedDecimals(values: number[]): number {
  return Math.max(0, ...values.filter(Number.isFinite).map(decimalsOf));
}

function formatNumber(v: number, decimals: number, look: Look): string {
  let digits = Math.abs(v).toFixed(decimals);
  if (look.thousands) {
    const [whole, fraction] = digits.split('.');
    digits =
      whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction === undefined ? '' : `.${fraction}`);
  }
  const negative = v < 0 && Number(digits.replace(/,/g, '')) !== 0;
  return negative ? `${look.minus}${digits}` : digits;
}

/** The width (px) of `text` in DejaVu Sans regular (without kerning), to lay out margins. */
function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const c of text) em += ADVANCES.get(c) ?? OTHER_ADVANCE;
  return em * fontSize;
}

function isWhite(color: string): boolean {
  return /^(#fff|#ffffff|white)$/i.test(color.trim());
}

/** Numbers in SVG: at most 3 decimals, so the SVG stays short and exact enough (1/1000 px). */
function fmt(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function assertUnreachable(x: never): never {
  throw new TypeError(`Unexpected value ${String(x)}`);
}

function describe(v: unknown): string {
  return `${typeof v === 'string' ? `'${v}'` : String(v)} of type ${typeof v}`;
}

function expectPositiveInteger(v: unknown, name: string): void {
  if (v !== undefined && !(Number.isInteger(v) && (v as number) > 0)) {
    throw new TypeError(`Expected positive integer for ${name} but received ${describe(v)}`);
  }
}

function expectRange(v: unknown, name: string, scale: 'linear' | 'log' | undefined): void {
  if (
    !Array.isArray(v) ||
    v.length !== 2 ||
    !v.every((n) => typeof n === 'number' && Number.isFinite(n))
  ) {
    throw new TypeError(
      `Expected [number, number] of finite numbers for ${name} but received ${describe(v)}`,
    );
  }
  if (v[0] === v[1]) {
    throw new RangeError(
      `Expected two different limits for ${name} but received [${v[0]}, ${v[1]}]`,
    );
  }
  if (scale === 'log' && (v[0] <= 0 || v[1] <= 0)) {
    throw new RangeError(
      `Expected positive limits for ${name} on a log scale but received [${v[0]}, ${v[1]}]`,
    );
  }
}

function validate(spec: ChartSpec): void {
  if (spec === null || typeof spec !== 'object') {
    throw new TypeError(`Expected object for spec but received ${describe(spec)}`);
  }
  expectPositiveInteger(spec.width, 'width');
  expectPositiveInteger(spec.height, 'height');
  for (const axis of ['x', 'y'] as const) {
    const scale = spec[`${axis}Scale`];
    if (scale !== undefined && scale !== 'linear' && scale !== 'log') {
      throw new TypeError(
        `Expected 'linear' or 'log' for ${axis}Scale but received ${describe(scale)}`,
      );
    }
    expectRange(spec[`${axis}Range`], `${axis}Range`, scale);
    const ticks = spec[`${axis}Ticks`];
    if (!Array.isArray(ticks) || !ticks.every((n) => typeof n === 'number')) {
      throw new TypeError(
        `Expected array of numbers for ${axis}Ticks but received ${describe(ticks)}`,
      );
    }
  }
  if (spec.fontSize !== undefined && !(typeof spec.fontSize === 'number' && spec.fontSize > 0)) {
    throw new TypeError(
      `Expected positive number for fontSize but received ${describe(spec.fontSize)}`,
    );
  }
  if (spec.style !== undefined && !(spec.style in LOOKS)) {
    throw new TypeError(
      `Expected 'matplotlib', 'chartjs' or 'vega' for style but received ${describe(spec.style)}`,
    );
  }
  if (!Array.isArray(spec.series)) {
    throw new TypeError(`Expected array for series but received ${describe(spec.series)}`);
  }
  spec.series.forEach((s, i) => {
    if (typeof s.color !== 'string' || s.color.trim() === '') {
      throw new TypeError(
        `Expected colour string for series[${i}].color but received ${describe(s.color)}`,
      );
    }
    if (!Array.isArray(s.x) || !Array.isArray(s.y) || s.x.length !== s.y.length) {
      throw new RangeError(
        `Expected x and y of the same length for series[${i}] but received ${s.x?.length} and ${s.y?.length}`,
      );
    }
    for (const key of ['markerSize', 'lineWidth'] as const) {
      const v = s[key];
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
        throw new TypeError(
          `Expected non-negative number for series[${i}].${key} but received ${describe(v)}`,
        );
      }
    }
  });
}

function validatePlot(plot: PlotEdges, width: number, height: number): void {
  const { left, top, right, bottom } = plot;
  const ok =
    [left, top, right, bottom].every(Number.isInteger) &&
    left >= 0 &&
    top >= 0 &&
    right < width &&
    bottom < height &&
    right - left >= 2 &&
    bottom - top >= 2;
  if (!ok) {
    throw new RangeError(
      `Expected integer plot edges inside the ${width}x${height} image with room between them but received left ${left}, top ${top}, right ${right}, bottom ${bottom}`,
    );
  }
}
