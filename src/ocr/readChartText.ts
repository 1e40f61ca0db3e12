import { parseAxisMultiplier } from '../calibrate/parseTick.js';
import type { Rgb } from '../color.js';
import { boxesOverlap, findRuns, median, percentile, type Run } from '../math.js';
import type { Box, PlotArea, Raster, Word } from '../types.js';
import type { OcrEngine } from './engine.js';
import {
  apartFromUpright,
  clampBox,
  colouredBand,
  darkestIn,
  joinedToPlot,
  joinSpacedGroups,
  lineHeight,
  onlyTickMarks,
  profileOf,
  range,
  spillsFromPlot,
  splitLabels,
  tighten,
  uprightAmongTicks,
} from './labelBoxes.js';
import { apartAtLabelledTicks } from './labelledTicks.js';
import { neutralText } from './neutralText.js';
import { numericNames } from './numericNames.js';
import { type Label, readLabels, TEXT_WHITELIST } from './readLabels.js';
import { readTicks } from './readTicks.js';
import { dropDoubledGlyphs, lowercaseL, settleCapitalI } from './settleLetters.js';

const DEFAULTS = {
  /**
   * A box in the x tick labels' band at most this many px wide (a 1 px stroke blurred)...
   */
  tickMarkWidth: 3,
  /**
   * ...and less than this share of the other boxes' typical height, starting above their typical
   * top, is a tick mark hanging from the axis (ECharts' category ticks between the labels), not a
   * label: read `1` between `Mon` and `Tue`, it broke the labels' grid. A `1` printed as a label
   * is as tall as the others.
   */
  tickMarkHeight: 0.7,
  /** Ink runs closer than this share of the text height belong to one band (gaps in "0.45"). */
  bandGap: 0.35,
  /** Text bands are at least this many px thick (thinner ink is a rule or a tick). */
  minBand: 3,
  /**
   * A level line above the plot's top-left is the y axis' title, not the chart's, when its
   * letters are at most this many times the tick labels' height: engines set an axis title at
   * the tick labels' size or a point above it (Vega-Lite 11 against 10 pt, ECharts 12 and 12),
   * a chart title larger (1.2 times and up: matplotlib's `large`, ggplot2's 1.5).
   */
  axisTitleSize: 1.15,
  /**
   * ...and when it ends within this many tick-label heights above the plot's top: it stands
   * over the y axis, just above its top label (a title is that close too, but it is larger).
   */
  axisTitleReach: 3,
  /** Text above the plot is looked for this many px within its sides. */
  aboveInset: 4,
  /** A band starting this many lines or fewer from the axis may be ink spilled from the plot. */
  spillStart: 1,
  /**
   * A line of text (a title, an axis label, a legend name) is cut to its pixels this far
   * (0..255) from the page, darker than the faint ink that finds tick labels: tesseract reads
   * the crop, and its reading shifts with the faint edges taken in (`Pass@1` read `Pass@l`).
   */
  lineInk: 60,
  /** Text at least this dark (0..255) is black: its box already holds its faint edges... */
  blackText: 60,
  /** ...else a legend entry's text box is grown by this share of its height before it is read. */
  legendTextMargin: 0.25,
  /** Title and label words read with less confidence (0..100) are noise, not text... */
  minTextConfidence: 30,
  /**
   * ...but a legend name's are kept: its box holds its name alone (no tick mark beside it), and
   * its small first word read unsure (`Model` of `Model A` at 14) is still its first word.
   */
  minNameConfidence: 0,
  /** An axis multiplier's outer edge is within this many text heights of the axis end... */
  axisEndReach: 3,
  /** ...and at most this many text heights wide (`×10^3`). */
  axisEndWidth: 5,
  /** A multiplier read less sure than this (0..100) may have lost its exponent's sign or digit. */
  unsureMultiplier: 30,
  /** A band below the plot is the legend's when this share of its rows is level with an entry... */
  legendRows: 0.5,
  /** ...and this share of its ink (a legend box found around some tick labels holds only them). */
  legendInk: 0.8,
  /**
   * A second line of x tick labels (Plotly's year under a date) starts within this many text
   * heights below the first, and is at most this many text heights tall (`secondLineHeight`)...
   */
  secondLineGap: 1,
  secondLineHeight: 1.5,
  /** ...and each of its pieces is centred within this share of a label's width of its centre. */
  secondLineCentre: 0.15,
  /**
   * ...under a label at most this many times as wide (a year under a date: `Jun 8` / `1997`; not
   * the x label under slanted labels boxed as one).
   */
  secondLineWidth: 4,
  /**
   * A line of text above a legend that is the legend's title (Vega-Lite's `Setting` over its
   * entries) ends within this many entry heights above the legend's box, is at most this many
   * entry heights tall (`legendTitleHeight`: set at the entries' size, bold maybe, not a chart
   * title's larger letters), and starts within `legendTitleIndent` entry heights of the box's
   * left side (over the first sample, flush with it or just past it), within the box's sides
   * but for `legendTitleSlack` px (an anti-aliased edge).
   */
  legendTitleGap: 1.5,
  legendTitleHeight: 1.5,
  legendTitleIndent: 2,
  legendTitleSlack: 2,
} as const;

/** A year, as a date axis prints it on a second line under a tick label (`Jun 8` / `1997`). */
const YEAR = /^[12]\d{3}$/;

/**
 * Glyphs no legend name holds, which tesseract reads for thin or blurred ones (`|` for a `1` or
 * an `l`, `"` for a `1` beside a `0`, `~` for a JPEG-blurred end of a digit).
 */
const NOT_IN_NAMES = /[|~"`{}\\@#$]/;
/** The same glyphs, every one of a text (to count the others). */
const NOT_IN_NAMES_ALL = new RegExp(NOT_IN_NAMES.source, 'g');

/** The characters a legend name is read again with: the text's, less those no name holds. */
const NAME_WHITELIST = [...TEXT_WHITELIST].filter((char) => !NOT_IN_NAMES.test(char)).join('');

/** What a tick label's edge taken in beside a turned label reads as: a digit's `|`, a minus' `_`. */
const TICK_EDGE = /[|_]/;

/** Text that may be an axis multiplier misread (`1e`, `x10^`). */
const POWER_OF_TEN = /1 ?e|10/;

/** The text around the plot: tick labels as words with boxes, and the single-line texts. */
export interface ChartText {
  xTickWords: Word[];
  /**
   * Years printed on a second line under some x tick labels (Plotly writes `1997` under the
   * first date, `Jun 8`, and where the year changes), each with its box; empty where none.
   */
  xTickYears: Word[];
  /** The band of the x tick labels below the plot (where slanted labels are read again). */
  xTickBand: Box | null;
  yTickWords: Word[];
  title: string | null;
  xLabel: string | null;
  yLabel: string | null;
  /** The name in each legend entry, in the order given ('' where none was read). */
  legendNames: string[];
  /** The factor an axis multiplier printed at the axis end (`1e6`) applies; 1 when none. */
  xMultiplier: number;
  yMultiplier: number;
  /** An axis multiplier's text where it was read unsure or not as one (`×10^0`: a power lost). */
  xMultiplierDoubt?: string;
  /**
   * The text at the x axis' end that reads as no multiplier (matplotlib's concise date
   * formatter prints the year there, `1990` or `1990-Oct`), where there is one.
   */
  xEndText?: string;
  yMultiplierDoubt?: string;
}

/**
 * The legend: its box (text there is not a title or an axis label), its entries' text boxes and
 * their samples' colours (curves of those colours crossing a name are painted out before it is
 * read).
 */
type LegendText = { box: Box; texts: Box[]; colors?: Rgb[] } | null;

/**
 * Reads the tick labels, title and axis labels around the plot: finds the bands of text on
 * each side from ink profiles, then OCRs each band once. Bands across `legend` are skipped.
 */
export async function readChartText(
  image: Raster,
  plot: PlotArea,
  engine: OcrEngine,
  legend: LegendText = null,
): Promise<ChartText> {
  const { page } = plot;
  const { tickLabels, yearLabels, lines, yLabelTight, xTickBox, lone, xLabelBelowYears, yOver } =
    textBoxes(image, plot, legend);
  const [texts, yearTexts, lineTexts, [labelBelowYears]] = await Promise.all([
    readTicks(engine, image, tickLabels, page),
    // Apart from the tick labels: read with them, a line that holds no years (an x label
    // centred under the middle label) would change how tesseract reads theirs.
    readTicks(engine, image, yearLabels, page),
    // A curve crossing a legend name is no part of it.
    readTextLines(
      engine,
      neutralText(
        image,
        lines.slice(3).filter((line) => line !== null),
        legend?.colors ?? [],
      ),
      page,
      lines,
    ),
    xLabelBelowYears === undefined
      ? [null]
      : readTextLines(engine, image, page, [xLabelBelowYears]),
  ]);
  const tickWords = (axis: string): Word[] =>
    tickLabels.flatMap((label, i) =>
      label.axis === axis ? [{ ...texts[i], box: label.box }] : [],
    );
  const offset = (axis: 'x' | 'y') => {
    const word = tickWords(`${axis}Offset`)[0];
    return word && { word, factor: parseAxisMultiplier(word.text) };
  };
  const xMultiplier = offset('x')?.factor ?? 1;
  const yMultiplier = offset('y')?.factor ?? 1;
  // A multiplier read unsure or as 1 (`×10^0`: no engine prints it), or a power of ten not
  // read as a multiplier, may be a power of ten off: its axis is doubted.
  const doubt = (axis: 'x' | 'y') => {
    const read = offset(axis);
    if (!read) return undefined;
    const { word, factor } = read;
    const misread =
      factor === null
        ? !lone[axis] && POWER_OF_TEN.test(word.text)
        : factor === 1 || word.confidence < DEFAULTS.unsureMultiplier;
    return misread ? word.text : undefined;
  };
  // A band's only text at an axis end is the axis multiplier when it reads as one (matplotlib
  // prints `1e6` above a plot that has no title), else the title or the x label.
  const unless = (axis: 'x' | 'y', text: string | null) =>
    lone[axis] && offset(axis)?.factor ? null : text;
  // A y label read as nothing, or with a tick label's edge (`| | Perplexity`), where its box
  // took that edge in: read again without it, kept where that reads.
  const yLabelRead = async (read: string | null) =>
    yLabelTight && (read === null || TICK_EDGE.test(read))
      ? ((await readTextLines(engine, image, page, [yLabelTight]))[0] ?? read)
      : read;
  // The line under the tick labels is a second line of theirs where it reads as years only;
  // the x label is then below it.
  const years = yearLabels.map((label, i) => ({ ...yearTexts[i], box: label.box }));
  const yearLine = years.length > 0 && years.every((word) => YEAR.test(word.text.trim()));
  return {
    xTickWords: tickWords('x'),
    xTickYears: yearLine ? years : [],
    xTickBand: xTickBox ?? null,
    yTickWords: tickWords('y'),
    xMultiplier,
    yMultiplier,
    xMultiplierDoubt: doubt('x'),
    ...(offset('x') && offset('x')?.factor === null && { xEndText: offset('x')!.word.text }),
    yMultiplierDoubt: doubt('y'),
    title: unless('y', lineTexts[0]),
    xLabel: unless('x', yearLine ? labelBelowYears : lineTexts[1]),
    yLabel: yOver && offset('y')?.factor ? null : await yLabelRead(lineTexts[2]),
    legendNames: numericNames(
      engine.glyphs,
      image,
      page,
      legend?.texts ?? [],
      lineTexts.slice(3).map(legendName),
    ),
  };
}

/**
 * The names of a legend's entries, read from their text boxes (`texts`) on a page of colour
 * `page`, as `readChartText` reads them ('' where nothing was read).
 */
export async function readLegendNames(
  engine: OcrEngine,
  image: Raster,
  page: Rgb,
  texts: Box[],
): Promise<string[]> {
  const boxes = texts.map((box) => legendTextBox(image, box));
  const read = await readTextLines(engine, image, page, boxes);
  return numericNames(engine.glyphs, image, page, texts, read.map(legendName));
}

/**
 * A legend entry's name as read ('' for nothing): pieces of a dashed sample can fall in its box,
 * and OCR reads them as '-', '=' or '+' before it; pieces of the next entry's sample (a legend
 * laid out in rows) or a marker after it read as a word of signs alone (`Greedy <<`,
 * `Random ~~`, `Beam search -`) or a dash closing its last word (`AdamW-`). A name keeps its
 * closing brackets, `%` and `°`, and a `|` (a stem glyph, `1` or `l`, that `readTextLines`
 * reads again: no sample's piece is upright).
 */
export function legendName(text: string | null): string {
  return (text ?? '')
    .replace(/^[^\p{L}\p{N}([]+/u, '')
    .replace(/(\s+[^\p{L}\p{N}()[\]%°|]+)+$/u, '')
    .replace(/(?<=[\p{L}\p{N}])[-_~=]+$/u, '')
    .trim();
}

/**
 * Single lines of text (null where there is none), read together in one call: each its text,
 * trimmed, or null where nothing was read.
 */
export async function readTextLines(
  engine: OcrEngine,
  image: Raster,
  page: Rgb,
  lines: (Label | null)[],
): Promise<(string | null)[]> {
  const present = lines.flatMap((line) =>
    line
      ? [
          {
            ...tighten(image, page, clampBox(line, image), DEFAULTS.lineInk),
            rotate: line.rotate,
            minConfidence: line.minConfidence,
            name: line.name,
            fringe: line.fringe,
          },
        ]
      : [],
  );
  const options = {
    whitelist: TEXT_WHITELIST,
    exponents: false,
    separator: ' ',
    minConfidence: DEFAULTS.minTextConfidence,
  };
  const read = await readLabels(engine, image, present, page, options);
  // A legend name read with a glyph no name holds (a thin `1` read as `|`) is read once more
  // without those glyphs: tesseract then gives its next likeliest reading of that glyph.
  const doubtful = present.flatMap((line, i) =>
    line.name && NOT_IN_NAMES.test(read[i].text) ? [i] : [],
  );
  if (doubtful.length > 0) {
    const again = await readLabels(
      engine,
      image,
      doubtful.map((i) => present[i]),
      page,
      { ...options, whitelist: NAME_WHITELIST },
    );
    // Taken where it lost no other glyph (tesseract may drop a glyph it cannot fit the rest to).
    doubtful.forEach((i, k) => {
      const kept = read[i].text.replace(NOT_IN_NAMES_ALL, '').length;
      if (again[k].text.length >= kept) read[i] = again[k];
    });
  }
  let next = 0;
  // `I` against `l` settled by the glyphs' heights (`lr`, not `Ir`), else by the word's letters.
  const settled = settleCapitalI(image, page, dropDoubledGlyphs(image, page, read)).map(lowercaseL);
  return lines.map((line) => (line ? settled[next++].trim() || null : null));
}

/**
 * A legend entry's text box as read: it holds its dark rows, and the faint edges of grey text
 * (Chart.js) lie just outside it. Its words are kept however unsure (`minNameConfidence`).
 */
function legendTextBox(image: Raster, box: Box): Label {
  const minConfidence = DEFAULTS.minNameConfidence;
  if (darkestIn(image, box) <= DEFAULTS.blackText) {
    return { ...box, minConfidence, name: true, fringe: true };
  }
  const margin = Math.max(1, Math.round((box.bottom - box.top) * DEFAULTS.legendTextMargin));
  return {
    left: box.left - 1,
    right: box.right + margin,
    top: box.top - margin,
    bottom: box.bottom + margin,
    minConfidence,
    name: true,
    fringe: true,
  };
}

/**
 * Where the text around the plot is: the tick labels (with the axis they belong to, and the
 * axis multipliers as `xOffset`, `yOffset`) and the single-line texts (title, x label, y label
 * turned upright, then each legend entry; null where there is none).
 */
function textBoxes(image: Raster, plot: PlotArea, legend: LegendText) {
  const { page } = plot;
  const { width } = image;
  const marginX = width * 0.04;
  const { bands: belowBands, textHeight, gap } = bandsBelow(image, plot, legend);
  const xTickBand = belowBands[0];

  const leftward = range(plot.outsideY - 1, 0, -1);
  const yLabelRows: [number, number] = [plot.top - textHeight / 2, plot.bottom + 2];
  // A band next to the plot, as spillsFromPlot and joinedToPlot take it.
  const nextToPlot = (band: { from: number; to: number }) =>
    [image, page, leftward[band.from], band.to - band.from + 1, plot.left, yLabelRows] as const;
  const leftBands = joinSpacedGroups(
    image,
    page,
    findRuns(profileOf(image, page, leftward, yLabelRows, 'column'), gap, DEFAULTS.minBand)
      .filter(
        (band) =>
          (band.from > DEFAULTS.spillStart ||
            !(
              spillsFromPlot(...nextToPlot(band), 'column') ||
              joinedToPlot(...nextToPlot(band), 'column')
            )) &&
          // a series' marker spilling past the axis, grey at its JPEG fringes only
          !colouredBand(
            image,
            page,
            [leftward[band.to], leftward[band.from] + 1],
            yLabelRows,
            'column',
          ),
      )
      .map((band) => ({ from: leftward[band.to], to: leftward[band.from] + 1 }))
      .flatMap((band) => apartFromUpright(image, page, band, yLabelRows, textHeight))
      // after the parting too: tick labels stacked tight run down their columns as a turned
      // label does, and the piece parted from them nearest the plot may hold their tick marks
      // alone (ECharts scaled: faint marks read as the labels `9 9 8 4 4 49`)
      .filter((band) => !onlyTickMarks(image, page, [band.from, band.to], yLabelRows)),
    yLabelRows,
    textHeight,
  );
  // A y label printed in a colour (ECharts' looks) holds no black or grey text: where none is
  // found past the tick labels, ink of any colour there (no series' marks reach so far), a line
  // deep, is the y label.
  if (leftBands.length === 1) {
    const beyond = range(leftBands[0].from - 1, 0, -1);
    const coloured = findRuns(
      profileOf(image, page, beyond, yLabelRows, 'column', true),
      gap,
      DEFAULTS.minBand,
    )
      // ink touching the tick labels is their fringe
      .filter((band) => band.from > 0)
      .map((band) => ({ from: beyond[band.to], to: beyond[band.from] + 1 }))
      .find((band) => oneLine(band, textHeight));
    if (coloured) leftBands.push(coloured);
  }
  // Else the y label may stand among the tick labels' columns, no column parting them.
  const upright =
    leftBands.length === 1
      ? uprightAmongTicks(image, page, leftBands[0], yLabelRows, textHeight)
      : null;

  const above = range(Math.floor(plot.top) - 1, 0, -1);
  // inside the plot's sides: a facet strip above it goes on between them, its own sides a
  // pixel or two within the plot's as found
  const inset = DEFAULTS.aboveInset;
  const bandsAbove = (coloured: boolean) => {
    const profile = profileOf(
      image,
      page,
      above,
      [plot.left + inset, plot.right - inset],
      'row',
      coloured,
    );
    // Skip the top frame line and its ticks: with a wide gap they would merge with the title.
    profile.fill(0, 0, Math.max(0, profile.indexOf(0)));
    return (
      findRuns(profile, gap, DEFAULTS.minBand)
        .map((band) => ({ from: above[band.to], to: above[band.from] + 1 }))
        // A legend above the plot is no title; text just below its box, run into it across a
        // row or two (matplotlib's `1e-3` under a legend framed above the plot), is its own band.
        .flatMap((band) => (legend ? outside(band, legend.box) : [band]))
        .filter((band) => !legend || !legendTitle(image, plot, band, legend, coloured))
        .sort((a, b) => b.from - a.from)
    );
  };
  // A title printed in a colour (ECharts' looks) holds no black or grey text: where none is
  // found, ink of any colour above the plot, a line high, is the title.
  const greyAbove = bandsAbove(false);
  const aboveBands =
    greyAbove.length > 0 ? greyAbove : bandsAbove(true).filter((band) => oneLine(band, textHeight));

  const pad = 2;
  const xTickBox = xTickBand && {
    left: plot.left - marginX * 2,
    right: plot.right + marginX * 2,
    top: xTickBand.from,
    bottom: xTickBand.to,
  };
  const yTickBand = leftBands[0];
  // The y tick labels' right edge (the column next to the axis is looked in for none, but
  // labels printed right against the axis have their last stroke there), and the last row of
  // the lowest label where it hangs below the axis.
  const yEdge = yTickBand && (yTickBand.to >= plot.outsideY ? plot.outsideY + 1 : yTickBand.to);
  const hangs =
    yTickBand && lowestYLabelBottom(image, page, plot, [yTickBand.from, yEdge], textHeight);
  const yTickBox = yTickBand && {
    left: yTickBand.from,
    right: yTickBand.to,
    top: plot.top - textHeight,
    // the lowest label hangs below the axis, down to the x tick labels, or to its own last row
    // where they begin above it (printed right against the axis)
    bottom: Math.max(
      hangs ?? 0,
      Math.min(
        plot.bottom + textHeight / 2 + 1,
        Math.max(plot.outsideX, (xTickBand?.from ?? 0) - 1),
      ),
    ),
  };
  // x tick labels that begin above that row are kept apart from it
  const xBoxes = xTickBox ? xLabelBoxes(image, page, xTickBox, plot, textHeight) : [];
  const tickLabels: { axis: string; box: Box }[] = [
    ...(yTickBand && hangs !== null
      ? xBoxes.flatMap((box) => apartFromYLabel(image, page, box, yEdge, hangs))
      : xBoxes
    ).map((box) => ({
      axis: 'x',
      box,
    })),
    ...(yTickBox ? splitLabels(image, page, yTickBox, 'y', textHeight) : [])
      .flatMap((box) => apartAtTicks(image, page, box, [plot.ticksY, plot.gridY], 'y'))
      .map((box) => ({ axis: 'y', box })),
  ];
  // A line just under the x tick labels whose every piece stands under one of them may be their
  // second line (Plotly's year under a date): read with them, and the x label read again below
  // it, it is taken for one where it reads as years.
  const second =
    xTickBand && belowBands[1]
      ? secondTickLine(
          image,
          page,
          { ...belowBands[1], left: plot.left - marginX * 2, right: plot.right + marginX * 2 },
          xTickBand,
          tickLabels.flatMap((label) => (label.axis === 'x' ? [label.box] : [])),
          textHeight,
        )
      : null;
  const yearLabels = (second?.pieces ?? []).map((box) => ({ axis: 'xYear', box }));
  const below = second && (second.rest ?? belowBands[2]);
  const xLabelBelowYears: Label | null | undefined = second
    ? below && {
        left: plot.left - marginX,
        right: plot.right + marginX,
        top: below.from - pad,
        bottom: below.to + pad,
      }
    : undefined;
  // An axis multiplier (matplotlib's offset text, `1e6`) stands apart at the end of its axis:
  // for x, right of the x label; for y, above the plot's top-left corner. It is read with the
  // tick labels.
  const xLabelBox = belowBands[1] && {
    left: plot.left - marginX,
    right: plot.right + marginX,
    // not up into the tick labels' last row, an empty row above it
    top: Math.max(belowBands[1].from - pad, belowBands[0].to),
    bottom: belowBands[1].to + pad,
  };
  const xEnd = xLabelBox ? axisEnd(image, page, xLabelBox, textHeight, plot.right, 'last') : null;
  // Without a turned y label at the plot's left, a short level line over the y axis, at the
  // tick labels' size, is the y axis' title (Vega-Lite's latimes and urbaninstitute looks print
  // it there); the title is the line above it.
  const yOver =
    leftBands[1] || upright || !yTickBand || !xTickBand
      ? null
      : titleOverAxis(image, page, plot, legend, gap, [xTickBand.from, xTickBand.to]);
  // (a title run together with the axis title below it is the part above that)
  const titleBand = aboveBands
    .map((band) =>
      yOver && band.to > yOver.top && yOver.top - band.from >= DEFAULTS.minBand
        ? { from: band.from, to: yOver.top }
        : band,
    )
    .find((band) => !yOver || band.to <= yOver.top);
  const titleBox =
    titleBand &&
    betweenStripSides(image, page, plot, {
      left: 0,
      right: width,
      // not up into a legend's frame just above
      top: Math.max(
        titleBand.from - pad,
        legend && legend.box.bottom <= titleBand.from ? legend.box.bottom : 0,
      ),
      bottom: titleBand.to + pad,
    });
  // matplotlib starts the y multiplier at the axis: the top y tick label, left of it, may reach
  // up into the band.
  const yEnd = titleBox
    ? axisEnd(
        image,
        page,
        { ...titleBox, left: Math.max(0, Math.floor(plot.left) - 2) },
        textHeight,
        plot.left,
        'first',
      )
    : null;
  // A band's only text is read whole as a line too: it is a multiplier only if it reads as one.
  if (xLabelBox && xEnd && !xEnd.lone) xLabelBox.right = xEnd.box.left - 1;
  if (titleBox && yEnd && !yEnd.lone) titleBox.left = yEnd.box.right + 1;
  if (xEnd) tickLabels.push({ axis: 'xOffset', box: xEnd.box });
  if (yEnd) tickLabels.push({ axis: 'yOffset', box: yEnd.box });
  // A line over the y axis may be matplotlib's multiplier (`1e6`, at the tick labels' size
  // too): read with the tick labels as well, it is one where it reads as one.
  else if (yOver) tickLabels.push({ axis: 'yOffset', box: yOver });
  const lone = { x: xEnd?.lone ?? false, y: yEnd?.lone ?? false };

  // The y label turned upright: its band beside the tick labels over the plot's rows, else the
  // one found among the tick labels' columns.
  const turned = leftBands[1]
    ? {
        left: leftBands[1].from,
        right: leftBands[1].to,
        top: plot.top + pad,
        bottom: plot.bottom - pad,
      }
    : upright;
  // The single-line texts, read together in one call: title, axis labels, legend entries.
  const lines: (Label | null)[] = [
    titleBox && titleBox.right - titleBox.left > 1 ? titleBox : null,
    xLabelBox && xLabelBox.right - xLabelBox.left > 1 ? xLabelBox : null,
    yOver
      ? {
          left: Math.max(0, yOver.left - pad),
          right: yOver.right + pad,
          top: Math.max(0, yOver.top - pad),
          bottom: yOver.bottom + pad,
        }
      : turned && {
          left: turned.left - pad,
          right: turned.right + pad,
          top: turned.top - pad,
          bottom: turned.bottom + pad,
          rotate: true,
        },
    ...(legend?.texts ?? []).map((box) => legendTextBox(image, box)),
  ];
  // Where the y label's band ends at the tick labels' (apartFromUpright), its box padded takes
  // in their edge, which may spoil its reading: the box without it, to read again.
  const yLine = lines[2];
  const yLabelTight =
    !yOver && yLine && leftBands[1] && yTickBand && yLine.right > yTickBand.from
      ? { ...yLine, right: yTickBand.from }
      : null;
  return {
    tickLabels,
    yearLabels,
    lines,
    yLabelTight,
    xTickBox,
    lone,
    xLabelBelowYears,
    yOver: !!yOver && !yEnd,
  };
}

/**
 * Where the band below the x tick labels (`band`, rows and the columns to look in) starts with a
 * line of text that may be the tick labels' second line: it starts within `secondLineGap` text
 * heights under them (`tickBand`), is no taller than `secondLineHeight` of them, and every piece
 * of it is centred under one of two or more tick labels (`labels`, their boxes) not much wider
 * than it. Returns its pieces and the rows of the band below it (the x label; null where it
 * holds nothing else), or null.
 */
function secondTickLine(
  image: Raster,
  page: Rgb,
  band: { from: number; to: number; left: number; right: number },
  tickBand: { from: number; to: number },
  labels: Box[],
  textHeight: number,
): { pieces: Box[]; rest: { from: number; to: number } | null } | null {
  if (labels.length < 2 || band.from - tickBand.to > textHeight * DEFAULTS.secondLineGap) {
    return null;
  }
  const rows = range(band.from, band.to - 1, 1);
  const lines = findRuns(
    profileOf(image, page, rows, [band.left, band.right], 'row'),
    1,
    DEFAULTS.minBand,
  ).map((line) => ({ from: rows[line.from], to: rows[line.to] + 1 }));
  const first = lines[0];
  if (!first || first.to - first.from > textHeight * DEFAULTS.secondLineHeight) return null;
  const pieces = splitLabels(
    image,
    page,
    { left: band.left, right: band.right, top: first.from, bottom: first.to },
    'x',
    textHeight,
  );
  // centred on a label's centre, as both lines are on their tick (the lower ends of labels
  // slanted up to the right, cut off by an empty row, stand left of it)
  const under = (piece: Box) => {
    const middle = (piece.left + piece.right) / 2;
    const width = piece.right - piece.left;
    return labels.some(
      (label) =>
        Math.abs(middle - (label.left + label.right) / 2) <=
          (label.right - label.left) * DEFAULTS.secondLineCentre &&
        label.right - label.left <= width * DEFAULTS.secondLineWidth,
    );
  };
  if (pieces.length === 0 || !pieces.every(under)) return null;
  return { pieces, rest: lines[1] ? { from: lines[1].from, to: band.to } : null };
}

/**
 * The y axis' title printed level above the plot's top-left corner (Vega-Lite's latimes and
 * urbaninstitute looks), where there is one: the first line of text above the plot (past the
 * frame, its ticks and the top tick label's upper half, which touch it), within
 * `axisTitleReach` tick-label heights of its top, that starts at or left of the plot's left
 * side, ends short of the plot's middle, and whose letters are no larger than the tick labels'
 * (`axisTitleSize`; rows `tickRows` hold the x tick labels): a chart title placed there is
 * larger. Null where there is none.
 */
function titleOverAxis(
  image: Raster,
  page: Rgb,
  plot: PlotArea,
  legend: LegendText,
  gap: number,
  tickRows: [number, number],
): Box | null {
  const tickHeight = capHeight(image, page, tickRows, [plot.left, plot.right]);
  if (tickHeight < DEFAULTS.minBand) return null;
  const middle = (plot.left + plot.right) / 2;
  const above = range(Math.floor(plot.top) - 1, 0, -1);
  const profile = profileOf(image, page, above, [0, middle], 'row');
  profile.fill(0, 0, Math.max(0, profile.indexOf(0)));
  const found = findRuns(profile, gap, DEFAULTS.minBand)[0];
  if (!found) return null;
  // Two lines run together (a title a few blank rows above the axis title): the one nearer the
  // plot, below the widest blank between them.
  const band =
    found.to - found.from + 1 > 2 * DEFAULTS.axisTitleSize * tickHeight
      ? nearerLine(profile, found)
      : found;
  const rows: [number, number] = [above[band.to], above[band.from] + 1];
  if (plot.top - rows[1] > DEFAULTS.axisTitleReach * tickHeight) return null;
  // its ink across the whole width: a title centred or running on past the middle is none
  const extent = inkExtent(columnInk(image, page, rows));
  if (!extent) return null;
  const [left, right] = extent;
  const box = { left, right: right + 1, top: rows[0], bottom: rows[1] };
  if ((legend && boxesOverlap(box, legend.box)) || left > plot.left + tickHeight || right >= middle)
    return null;
  const height = capHeight(image, page, rows, [left, right + 1]);
  return height <= DEFAULTS.axisTitleSize * tickHeight ? box : null;
}

/**
 * The height of a line of text's letters from their top to the baseline (rows `rows`, columns
 * `columns`): descenders, commas' tails and a bracket's foot below the baseline are left out
 * (the rows there hold under `BASELINE_SHARE` of the fullest row's ink), so that a line's size
 * compares with another's whatever letters each holds.
 */
function capHeight(
  image: Raster,
  page: Rgb,
  rows: [number, number],
  columns: [number, number],
): number {
  const lines = range(Math.floor(rows[0]), Math.ceil(rows[1]) - 1, 1);
  const profile = profileOf(image, page, lines, columns, 'row');
  const most = Math.max(0, ...profile);
  if (most === 0) return 0;
  const top = profile.findIndex((count) => count > 0);
  let bottom = profile.length - 1;
  while (bottom > top && profile[bottom] < most * BASELINE_SHARE) bottom--;
  return bottom - top + 1;
}

/**
 * Rows under a line's baseline hold a few strokes (descenders, commas' tails) against the many
 * along its letters' feet: under this share of its fullest row's ink.
 */
const BASELINE_SHARE = 0.3;

/**
 * A title band `box` (the image's width) cut to between the plot's sides where they go on up
 * through it, as a facet strip's sides do around its label (read whole, they add a `|`); the
 * strip's sides may stand a few px within the plot's.
 */
function betweenStripSides(image: Raster, page: Rgb, plot: PlotArea, box: Box): Box {
  // the band's middle half: its padding may reach past the strip
  const quarter = (box.bottom - box.top) / 4;
  const rows = range(
    Math.max(0, Math.floor(box.top + quarter)),
    Math.ceil(box.bottom - quarter) - 1,
    1,
  );
  const full = (c: number) =>
    profileOf(image, page, [c], [rows[0], rows.at(-1)! + 1], 'column')[0] >= rows.length;
  // the strip's sides: at the plot's, or up to the inset within them
  const [left, right] = [Math.floor(plot.left), Math.floor(plot.right)];
  const inset = DEFAULTS.aboveInset;
  const leftSide = range(left - 1, left + inset, 1).find(full);
  const rightSide = range(right + 1, right - inset, -1).find(full);
  return leftSide !== undefined && rightSide !== undefined
    ? { ...box, left: leftSide + 2, right: rightSide - 1 }
    : box;
}

/**
 * The x tick labels of their band, one box per label: parted at the gaps in the band's ink; a
 * box over several ticks (tick marks, else grid lines, at even steps) holds one label over minor
 * ticks or several labels whose spaces are as wide as the gaps between them, and is cut between
 * the ticks that are labelled (`apartAtLabelledTicks`), else between every two ticks inside it
 * (labels run into each other).
 */
function xLabelBoxes(image: Raster, page: Rgb, band: Box, plot: PlotArea, textHeight: number) {
  const boxes = splitLabels(image, page, band, 'x', textHeight);
  const over = (marks: number[], box: Box) =>
    marks.filter((mark) => mark > box.left && mark < box.right).length;
  const marks = [plot.ticksX, plot.gridX].find(
    (set) => evenlySpaced(set) && boxes.some((box) => over(set, box) >= 2),
  );
  const labelled = marks && apartAtLabelledTicks(image, page, boxes, marks, textHeight);
  return withoutTickMarks(
    labelled ??
      boxes.flatMap((box) => apartAtTicks(image, page, box, [plot.ticksX, plot.gridX], 'x')),
  );
}

/**
 * The x tick label boxes less those that are tick marks hanging from the axis into their band:
 * thin strokes (`tickMarkWidth`), shorter than the labels and starting above them
 * (`tickMarkHeight`), where two or more boxes are not.
 */
export function withoutTickMarks(boxes: Box[]): Box[] {
  const thin = (box: Box) => box.right - box.left <= DEFAULTS.tickMarkWidth;
  const others = boxes.filter((box) => !thin(box));
  if (others.length < 2 || others.length === boxes.length) return boxes;
  const height = percentile(
    others.map((box) => box.bottom - box.top),
    0.5,
  );
  const top = percentile(
    others.map((box) => box.top),
    0.5,
  );
  return boxes.filter(
    (box) =>
      !thin(box) || box.bottom - box.top >= height * DEFAULTS.tickMarkHeight || box.top >= top,
  );
}

/**
 * The row below the lowest y tick label's (exclusive) where it hangs below the x axis into the
 * rows of the x tick labels' band and ends there with an empty row across its column
 * (`column`: the y tick labels' columns, left of the plot); null where it does not hang below
 * the axis or runs on into other ink.
 */
function lowestYLabelBottom(
  image: Raster,
  page: Rgb,
  plot: PlotArea,
  column: [number, number],
  textHeight: number,
): number | null {
  const start = Math.ceil(plot.outsideX);
  const rows = range(start, Math.floor(plot.bottom + textHeight / 2 + 1), 1);
  const profile = profileOf(image, page, rows, column, 'row');
  const end = profile.indexOf(0);
  return end > 0 ? rows[end] : null;
}

/**
 * An x tick label box cut apart from the lowest y tick label's lower rows: where the x labels
 * begin right against the axis, their band's rows hold those rows too, left of the y labels'
 * right edge (`edge`), and a first label joined with them misreads (`0` and `0.000` read `rr`).
 * The box is cut at `edge` where its ink left of it lies all above `bottom` (the y label's last
 * row, exclusive; a slanted x label reaches on below it) and dropped where none is right of it;
 * the piece right of it reaches up to its own top row.
 */
function apartFromYLabel(image: Raster, page: Rgb, box: Box, edge: number, bottom: number) {
  if (box.left >= edge) return [box];
  const lower = range(Math.max(box.top, bottom), box.bottom - 1, 1);
  const span: [number, number] = [box.left, Math.min(edge, box.right)];
  if (lower.length > 0 && profileOf(image, page, lower, span, 'row').some((ink) => ink > 0)) {
    return [box];
  }
  if (box.right <= edge) return [];
  const piece = tighten(image, page, { ...box, left: edge });
  if (piece.right <= piece.left || piece.bottom <= piece.top) return [];
  // The y label's last stroke beside the axis corner passes for a tick mark below it, and the
  // band may begin rows into the x label beside it: its top is found again, up to a row of
  // no ink or a rule (the axis), within half a text height.
  const width = piece.right - piece.left;
  let top = piece.top;
  const lowest = Math.max(0, piece.top - Math.ceil((piece.bottom - piece.top) / 2));
  while (top > lowest) {
    const [ink] = profileOf(image, page, [top - 1], [piece.left, piece.right], 'row');
    if (ink === 0 || ink >= width * RULE_SHARE) break;
    top--;
  }
  return [{ ...piece, top }];
}

/**
 * A tick label box that holds several labels run together (crowded x labels, `10002000`; y
 * labels stacked tight, a raised exponent touching the label above): each is centred on its
 * tick, so it is cut between the ticks inside it (the first of `markSets`, px, tick marks then
 * grid lines, with two inside), when the ticks stand at even steps (what is found among JPEG
 * noise does not; one hidden by a marker may be missing).
 */
function apartAtTicks(
  image: Raster,
  page: Rgb,
  box: Box,
  markSets: number[][],
  axis: 'x' | 'y',
): Box[] {
  const [lo, hi] = axis === 'x' ? [box.left, box.right] : [box.top, box.bottom];
  // the tick marks, else the grid lines (a plot without ticks draws them at its labels)
  const within = (marks: number[]) =>
    marks.filter((mark) => mark > lo && mark < hi).sort((a, b) => a - b);
  const marks = markSets.find((set) => within(set).length >= 2 && evenlySpaced(set));
  if (!marks) return [box];
  const inside = within(marks);
  // y: at the first row of least ink between two ticks, below the upper label's digits and
  // above or across the lower one's raised exponent (midway would cut the exponent off)
  const profile =
    axis === 'y' &&
    profileOf(image, page, range(Math.floor(lo), Math.ceil(hi), 1), [box.left, box.right], 'row');
  const cut = (upper: number, lower: number) => {
    if (!profile) return Math.round((upper + lower) / 2);
    const rows = range(Math.ceil(upper), Math.floor(lower), 1);
    const ink = rows.map((row) => profile[row - Math.floor(lo)]);
    return rows[ink.indexOf(Math.min(...ink))];
  };
  const cuts = [lo, ...inside.slice(1).map((mark, i) => cut(inside[i], mark)), hi];
  return cuts.slice(1).flatMap((end, i) => {
    const piece = tighten(
      image,
      page,
      axis === 'x' ? { ...box, left: cuts[i], right: end } : { ...box, top: cuts[i], bottom: end },
    );
    return piece.right > piece.left && piece.bottom > piece.top ? [piece] : [];
  });
}

/**
 * Whether marks (px, three or more) stand at steps equal within a fifth of a step, or at whole
 * multiples of it.
 */
function evenlySpaced(marks: number[]): boolean {
  const sorted = [...marks].sort((a, b) => a - b);
  const steps = sorted.slice(1).map((mark, i) => mark - sorted[i]);
  if (steps.length < 2) return false;
  const step = percentile(steps, 0.5);
  return (
    step > 0 &&
    steps.every((s) => s >= step * 0.8 && Math.abs(s - step * Math.round(s / step)) <= step * 0.2)
  );
}

/** A line holding text along at most this share of the axis is no rule (an axis line's edge). */
const RULE_SHARE = 0.8;
/** Ink this close (px) to a tick mark or grid line on that line is the mark's blurred end. */
const MARK_BLUR = 2;

/**
 * Whether the text of the band found from the first row scanned below the x axis begins one
 * row up, on `plot.outsideX` (where the axis line and its tick marks end): labels printed
 * right against the axis (Vega-Lite's quartz look) have their top row there, and cut off it
 * lose a stroke (`20` read as `-0`). True when that row holds text away from the tick marks
 * and grid lines (their blurred ends are no label) and is no rule along the axis. (Left of the
 * y axis, the column next to it holds markers spilling from the plot as often as text.)
 */
function touchesAxis(image: Raster, plot: PlotArea): boolean {
  const line = [plot.outsideX];
  const across: [number, number] = [plot.left, plot.right];
  const [total] = profileOf(image, plot.page, line, across, 'row');
  if (total === 0 || total >= (across[1] - across[0]) * RULE_SHARE) return false;
  const marks = [...plot.ticksX, ...plot.gridX].sort((a, b) => a - b);
  let from = across[0];
  let apart = 0;
  for (const mark of [...marks, Number.POSITIVE_INFINITY]) {
    const to = Math.min(across[1], Math.floor(mark - MARK_BLUR));
    if (to > from) apart += profileOf(image, plot.page, line, [from, to], 'row')[0];
    from = Math.max(from, Math.ceil(mark + MARK_BLUR) + 1);
    if (from >= across[1]) break;
  }
  return apart > 0;
}

/**
 * The x tick labels' band (`band`, indices into `below` and its `profile`) with the band one
 * empty row under it where no column holds ink in both: tick labels of two sizes set at two
 * heights (Plotly's log axis prints `2` to `9` above `1000` and `10k`) never stand over one
 * another, as an x label set that close under them does.
 */
function staggered(
  image: Raster,
  plot: PlotArea,
  below: number[],
  profile: Uint32Array,
  band: { from: number; to: number },
): { from: number; to: number } {
  const [next] = findRuns(profile.subarray(band.to + 2), 0, DEFAULTS.minBand);
  if (!next || next.from > 0 || profile[band.to + 1] !== 0) return band;
  const to = band.to + 2 + next.to;
  const columns = range(Math.floor(plot.left), Math.ceil(plot.right) - 1, 1);
  const inked = (from: number, end: number) =>
    profileOf(image, plot.page, columns, [below[from], below[end] + 1], 'column');
  const [upper, lower] = [inked(band.from, band.to), inked(band.to + 2, to)];
  return upper.some((ink, i) => ink > 0 && lower[i] > 0) ? band : { from: band.from, to };
}

/**
 * The bands of text below the plot, nearest first, without a legend there; the height of the
 * first (the x tick labels), and the gap that separates bands, a share of that height.
 */
function bandsBelow(image: Raster, plot: PlotArea, legend: LegendText) {
  const below = range(plot.outsideX + 1, image.height - 1, 1);
  // Only between the axis ends: the lowest y tick label hangs below the x axis, left of it,
  // and would pass for a thin first band. The x tick labels at the ends are half inside.
  const profile = profileOf(image, plot.page, below, [plot.left, plot.right], 'row');
  let legendRows: { from: number; to: number } | null = null;
  // A legend is no band of text, from its entries' top where its box reaches above them by
  // less than a line (a margin, over the tick labels' last rows; a title is taller); below the
  // plot not even where no empty row parts it from the tick labels above it (gnuplot's key in
  // rows under the axis), where its rows' ink is its own (see ofLegend).
  if (legend && legend.box.top >= plot.bottom) {
    const entriesTop = Math.min(...legend.texts.map((text) => text.top));
    const line = Math.min(...legend.texts.map((text) => text.bottom - text.top));
    const rows = {
      from: entriesTop - legend.box.top < line ? entriesTop : legend.box.top,
      to: legend.box.bottom,
    };
    if (ofLegend(image, plot, rows, legend)) legendRows = rows;
  }
  const offLegend = (profile: Uint32Array) =>
    below.forEach((row, i) => {
      if (legendRows && row >= legendRows.from && row < legendRows.to) profile[i] = 0;
    });
  offLegend(profile);
  const across: [number, number] = [plot.left, plot.right];
  // A band right below the axis, as spillsFromPlot and joinedToPlot take it.
  const nextToAxis = (band: { from: number; to: number }) =>
    [image, plot.page, below[band.from], band.to - band.from + 1, plot.bottom, across] as const;
  // The x tick labels' height sets the gap that separates bands; a first pass finds it.
  // Markers on the x axis spill below it: their halves are no band of text; nor are an axis
  // drawn apart below the plot, its rule and tick marks, and tick marks the plot stage left.
  // Error bars' caps at the plot's edge run on into it: no band of text either.
  const found = findRuns(profile, 0, DEFAULTS.minBand).find((band) => {
    const rows: [number, number] = [below[band.from], below[band.to] + 1];
    return (
      (band.from > DEFAULTS.spillStart ||
        !(
          spillsFromPlot(...nextToAxis(band), 'row') || joinedToPlot(...nextToAxis(band), 'row')
        )) &&
      !colouredBand(image, plot.page, rows, across, 'row') &&
      !onlyTickMarks(image, plot.page, rows, across, 'x')
    );
  });
  const first = found && staggered(image, plot, below, profile, found);
  if (first) profile.fill(0, 0, first.from);
  // Slanted x tick labels (dates) fill a band several lines tall: the height of a line of text
  // is their own (a band gap of a share of the band's height had joined the y label to the y
  // tick labels beside it).
  const textHeight = first
    ? lineHeight(image, plot.page, [below[first.from], below[first.to] + 1], across)
    : Math.max(8, image.height / 50);
  const gap = Math.max(2, Math.round(textHeight * DEFAULTS.bandGap));
  // The x tick labels are the first band: an empty row ends them, however close the x label
  // below (4 pt under labels with commas' tails, at 72 dpi, is less than the band gap).
  if (first) profile.fill(0, first.from, first.to + 1);
  const bands = [...(first ? [first] : []), ...findRuns(profile, gap, DEFAULTS.minBand)]
    .map((band) => ({
      from: band.from === 0 && touchesAxis(image, plot) ? plot.outsideX : below[band.from],
      to: below[band.to] + 1,
    }))
    // A legend below the plot is no axis label.
    .filter((band) => !legend || !ofLegend(image, plot, band, legend));
  // An x label printed in a colour (ECharts' looks) holds no black or grey text: where none is
  // found past the tick labels, ink of any colour there (no series' marks reach so far), a line
  // high, is the x label.
  if (first && bands.length === 1) {
    const coloured = profileOf(image, plot.page, below, across, 'row', true);
    offLegend(coloured);
    coloured.fill(0, 0, first.to + 1);
    const label = findRuns(coloured, gap, DEFAULTS.minBand)
      // ink touching the tick labels is their fringe
      .filter((band) => band.from > first.to + 1)
      .map((band) => ({ from: below[band.from], to: below[band.to] + 1 }))
      .find(
        (band) =>
          oneLine(band, textHeight) && (!legend || !ofLegend(image, plot, band, legend, true)),
      );
    if (label) bands.push(label);
  }
  return { bands, textHeight, gap };
}

/**
 * Whether a band of ink (`from`..`to`, rows or columns) is a line of text deep: at most
 * `COLOURED_LINE` text heights (`textHeight`, the tick labels'), a title's large letters too;
 * a colour bar or a legend's stacked entries are deeper.
 */
function oneLine(band: { from: number; to: number }, textHeight: number): boolean {
  return band.to - band.from <= COLOURED_LINE * textHeight;
}

/** A title is set up to twice the tick labels' size (ggplot2 1.5, Plotly 17 against 12 px). */
const COLOURED_LINE = 2.5;

/** The parts of a band of text (rows `from`..`to`) above and below `box`, each `minBand` deep. */
function outside(band: { from: number; to: number }, box: Box): { from: number; to: number }[] {
  if (band.to <= box.top || band.from >= box.bottom) return [band];
  return [
    { from: band.from, to: Math.min(band.to, Math.floor(box.top)) },
    { from: Math.max(band.from, Math.ceil(box.bottom)), to: band.to },
  ].filter((part) => part.to - part.from >= DEFAULTS.minBand);
}

/**
 * Whether a band of text below the plot (rows `from`..`to`) is the legend's: it runs level with
 * an entry's text (over half the lower's height), and most of its ink lies between the legend
 * box's sides. A band of tick labels that a legend found too large reaches into, or a legend
 * found around one tick label, has no entry level with it or most of its ink beside the box.
 */
function ofLegend(
  image: Raster,
  plot: PlotArea,
  band: { from: number; to: number },
  legend: NonNullable<LegendText>,
  coloured = false,
): boolean {
  const { box } = legend;
  const level = (text: Box) =>
    Math.min(band.to, text.bottom) - Math.max(band.from, text.top) >=
    Math.min(band.to - band.from, text.bottom - text.top) * DEFAULTS.legendRows;
  if (!(legend.texts.length > 0 ? legend.texts : [box]).some(level)) return false;
  const ink = columnInk(image, plot.page, [band.from, band.to], coloured);
  let inside = 0;
  let total = 0;
  ink.forEach((count, column) => {
    total += count;
    if (column >= box.left && column < box.right) inside += count;
  });
  return inside >= total * DEFAULTS.legendInk;
}

/** The ink in each column of the image over `rows` (a band's, bottom exclusive). */
function columnInk(image: Raster, page: Rgb, rows: [number, number], coloured = false) {
  return profileOf(image, page, range(0, image.width - 1, 1), rows, 'column', coloured);
}

/** The first and last entries of a profile holding ink; null where none does. */
function inkExtent(profile: Uint32Array): [number, number] | null {
  const first = profile.findIndex((count) => count > 0);
  if (first < 0) return null;
  let last = profile.length - 1;
  while (profile[last] === 0) last--;
  return [first, last];
}

/**
 * The part of a run of `profile` (index 0 nearest the plot) before its widest run of empty
 * entries: of two lines of text merged across a small gap, the nearer.
 */
function nearerLine(profile: Uint32Array, run: Run): Run {
  let widest = { from: run.to + 1, length: 0 };
  let start = -1;
  for (let i = run.from; i <= run.to; i++) {
    if (profile[i] === 0) {
      if (start < 0) start = i;
      if (i - start + 1 > widest.length) widest = { from: start, length: i - start + 1 };
    } else start = -1;
  }
  return { from: run.from, to: widest.from - 1 };
}

/**
 * Whether a band of text above the plot (rows `from`..`to`) is the title of a legend just below
 * it, above the plot too (over a legend inside the plot stands an axis multiplier): a line at
 * the entries' size, its ink starting over the legend box's left side and ending within the
 * box's width (a chart title centred over the plot, or flush with the plot's side while the
 * legend is not, starts elsewhere or runs past it).
 */
function legendTitle(
  image: Raster,
  plot: PlotArea,
  band: { from: number; to: number },
  legend: NonNullable<LegendText>,
  coloured: boolean,
): boolean {
  const { box, texts } = legend;
  if (texts.length === 0 || box.top >= plot.top) return false;
  const entry = median(texts.map((text) => text.bottom - text.top));
  const gap = box.top - band.to;
  if (gap < 0 || gap > entry * DEFAULTS.legendTitleGap) return false;
  if (band.to - band.from > entry * DEFAULTS.legendTitleHeight) return false;
  const extent = inkExtent(columnInk(image, plot.page, [band.from, band.to], coloured));
  if (!extent) return false;
  const [first, last] = extent;
  return (
    first >= box.left - DEFAULTS.legendTitleSlack &&
    first <= box.left + entry * DEFAULTS.legendTitleIndent &&
    last <= box.right + DEFAULTS.legendTitleSlack
  );
}

/**
 * A short piece of text standing apart at one end of a band, within reach of an axis end
 * (`end`, a pixel column): where matplotlib prints an axis multiplier; `lone` when it is the
 * band's only text (a title or a label, unless it reads as a multiplier). Null when there is
 * none.
 */
function axisEnd(
  image: Raster,
  page: Rgb,
  band: Box,
  textHeight: number,
  end: number,
  which: 'first' | 'last',
): { box: Box; lone: boolean } | null {
  const parts = splitLabels(image, page, band, 'x', textHeight * 2);
  if (parts.length === 0) return null;
  const part = which === 'last' ? parts.at(-1)! : parts[0];
  // matplotlib aligns the x multiplier's right edge with the axis end, the y one's left edge.
  const edge = which === 'last' ? part.right : part.left;
  const near = Math.abs(edge - end) < DEFAULTS.axisEndReach * textHeight;
  const short = part.right - part.left < DEFAULTS.axisEndWidth * textHeight;
  return near && short ? { box: part, lone: parts.length === 1 } : null;
}
