import { isoTime } from '../export/isoTime.js';
import { isFigure } from '../figure/figureResult.js';
import type { DigitizeResult, MarkerShape } from '../types.js';
import { describeChart } from './describeChart.js';
import { describeFigure } from './describeFigure.js';
import type {
  AxisFacts,
  ChartFacts,
  ComparisonFacts,
  ExtremeFacts,
  LegendEntryFacts,
  SeriesFacts,
  StretchFacts,
} from './facts.js';
import { decimalsOf, stepAt } from './resolution.js';

/** Markers in words, as a person names them. */
const MARKER_WORDS: Record<MarkerShape, string> = {
  circle: 'circular markers',
  'triangle-up': 'triangular markers pointing up',
  'triangle-down': 'triangular markers pointing down',
  square: 'square markers',
  diamond: 'diamond markers',
  cross: 'x-shaped markers',
  plus: 'plus-shaped markers',
  star: 'star markers',
  pentagon: 'pentagonal markers',
};

/** Series with at most this many legs have each one told; more are told by their turns. */
const MAX_LEGS_TOLD = 5;
/** At most this many turns, stretches or crossings are listed; the rest are counted. */
const MAX_LISTED = 8;
/**
 * Between two stretches of lines with the same series above, a level spell shorter than this
 * share of their shared span is told as part of them ("apart from brief level spells").
 */
const BRIEF_SPELL = 0.03;

/**
 * Describes a chart result in Markdown, from its data only: an overview; the title, axes
 * (label, ticks, limits, scale, grid) and legend (where, each entry's colour in words, line
 * style, markers); per series its shape, peaks and dips, start and end, and its values at the
 * x ticks; and key observations comparing the series (which is above where, where they cross,
 * which varies more, the chart's highest and lowest values). Every number is rounded to what
 * its axis resolves (a power of ten of a pixel or two; see describeChart). A figure or PDF
 * result (`charts`) gets one section per chart, naming its page and panel. Pure; throws a
 * TypeError for what is not a result, and as describeChart does.
 */
export function describe(result: DigitizeResult): string {
  if (typeof result !== 'object' || result === null) {
    throw new TypeError(
      `Expected a chart or figure result for result but received ${result === null ? 'null' : typeof result}`,
    );
  }
  if (!isFigure(result)) return renderChart(describeChart(result), 1);
  const facts = describeFigure(result);
  const sections = facts.charts.map((chart) => renderChart(chart, 2));
  const notes =
    facts.warnings.length > 0 ? ['## Notes', '', ...facts.warnings.map((w) => `- ${w}`), ''] : [];
  const count = `${facts.charts.length} chart${facts.charts.length === 1 ? '' : 's'}`;
  return [`# ${facts.source ?? 'Figure'}`, '', `A figure of ${count}.`, '', ...notes, ...sections]
    .join('\n')
    .replace(/\n+$/, '\n');
}

/** One chart's description; its heading at `level` (1 for a chart alone, 2 in a figure). */
function renderChart(facts: ChartFacts, level: number): string {
  const h = (depth: number, text: string) => `${'#'.repeat(level + depth)} ${text}`;
  const say = createSay(facts);
  const lines: string[] = [h(0, chartHeading(facts, level)), ''];

  lines.push(h(1, 'Overview'), '', overview(facts, say), '');

  lines.push(h(1, 'Components'), '');
  if (facts.title) lines.push(`- Title: "${facts.title.text}", ${facts.title.position}.`);
  else lines.push('- No title.');
  lines.push(`- x axis: ${axisLine(facts.axes.x, say.x)}`);
  lines.push(`- y axis: ${axisLine(facts.axes.y, say.y)}`);
  if (facts.legend) {
    const { place, entries } = facts.legend;
    const where = place
      ? place.inside
        ? `${/corner|centre/.test(place.words) ? 'in' : 'at'} the ${place.words} of the plot`
        : `outside the plot, ${place.words.replace('outside, ', 'at its ')}`
      : 'position not known';
    const count = `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}`;
    lines.push(`- Legend: ${where}, ${count}:`);
    for (const entry of entries) lines.push(`  - ${entry.label}: ${looks(entry)}`);
  } else {
    lines.push('- No legend.');
  }
  lines.push('');

  lines.push(h(1, 'Detailed analysis'), '');
  if (facts.series.length === 0) lines.push('No series with points was found.', '');
  for (const s of facts.series) {
    lines.push(h(2, `${s.label} (${looksShort(s)})`), '', ...seriesLines(s, say), '');
  }
  for (const label of facts.empty) lines.push(`${label} has no points.`, '');

  const observations = keyObservations(facts, say);
  if (observations.length > 0) {
    lines.push(h(1, 'Key observations'), '', ...observations.map((o) => `- ${o}`), '');
  }
  if (facts.warnings.length > 0) {
    lines.push(h(1, 'Notes'), '', ...facts.warnings.map((w) => `- ${w}`), '');
  }
  lines.push(
    `_Numbers are read from the image and rounded to what each axis resolves: ${resolutionWords(facts.axes.x, 'x')}, ${resolutionWords(facts.axes.y, 'y')}._`,
    '',
  );
  return lines.join('\n');
}

function chartHeading(facts: ChartFacts, level: number): string {
  if (level === 1) return facts.source ?? facts.title?.text ?? 'Chart';
  const where = [
    facts.page !== null ? `Page ${facts.page}` : null,
    facts.panel
      ? `panel ${facts.panel.label ?? facts.panel.index + 1}`
      : facts.page === null
        ? 'Chart'
        : null,
  ].filter((part) => part !== null);
  const text = where.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How numbers are said: values rounded as the facts are, x positions with the axis' name. */
interface Say {
  x: (v: number) => string;
  y: (v: number) => string;
  /** "Training Step 20", or "x = 20" without a label. */
  at: (x: number) => string;
  /** A tick's place, its value as its label prints it: "Training Step 20". */
  tick: (x: number) => string;
  /** Phrases about x positions, the first one named: "Training Step 0, 20 and 40". */
  atEach: (phrases: string[]) => string;
}

function createSay(facts: ChartFacts): Say {
  const number = (axis: AxisFacts) => (v: number) => {
    const step = axis.resolution.step ?? stepAt({ scale: axis.scale, ...axis.resolution }, v);
    return formatNumber(v, decimalsOf(step));
  };
  // Dates are said as the JSON writes them (ISO 8601, as precise as the axis allows).
  const { limits, scale } = facts.axes.x;
  const time = scale === 'time';
  const x = time ? (v: number) => isoTime(v, limits.max - limits.min) : number(facts.axes.x);
  // Units in brackets stay out of the name: "Time (s)" gives "Time 20".
  const name = facts.axes.x.label?.replace(/\s*[([].*[)\]]\s*$/, '').trim() || null;
  const prefix = name ? `${name} ` : 'x = ';
  return {
    x,
    y: number(facts.axes.y),
    at: (v) => `${prefix}${x(v)}`,
    tick: (v) => `${prefix}${time ? x(v) : plainTickText(v)}`,
    atEach: (phrases) =>
      listed(
        phrases.map((p, k) => (k === 0 ? `${prefix}${p}` : p)),
        'more',
      ),
  };
}

function formatNumber(v: number, decimals: number): string {
  const text = v.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A tick value as its label would print it: no float noise, no padding zeros. */
function plainTickText(v: number): string {
  return String(Number(v.toPrecision(12)));
}

function overview(facts: ChartFacts, say: Say): string {
  const { x, y } = facts.axes;
  const what = `${y.label ?? 'y'} against ${x.label ?? 'x'}`;
  const titled = facts.title ? ` titled "${facts.title.text}"` : '';
  const n = facts.series.length + facts.empty.length;
  const names = [...facts.series.map((s) => s.label), ...facts.empty];
  const series =
    n === 0
      ? 'no series'
      : n === 1
        ? `one series${facts.series[0]?.label.startsWith('series ') ? '' : `, ${names[0]}`}`
        : `${n} series: ${list(names)}`;
  const span = x.data ? ` The data run from ${say.at(x.data.min)} to ${say.x(x.data.max)}.` : '';
  return `A line chart${titled} of ${what}, with ${series}.${span}`;
}

function axisLine(axis: AxisFacts, format: (v: number) => string): string {
  const parts = [axis.label ? `"${axis.label}"` : 'no label', axis.scale];
  const { values, every } = axis.ticks;
  // A date tick as the axis' values are said; months and years are no even step in ms.
  const time = axis.scale === 'time';
  const tickText = time ? format : plainTickText;
  if (values.length >= 2) {
    const spacing =
      every === null || time
        ? ''
        : axis.scale === 'log'
          ? ` by factors of ${plainTickText(every)}`
          : ` every ${plainTickText(every)}`;
    parts.push(
      `ticks from ${tickText(values[0])} to ${tickText(values[values.length - 1])}${spacing}`,
    );
  } else if (values.length === 1) {
    parts.push(`one tick at ${tickText(values[0])}`);
  }
  parts.push(`axis limits ${format(axis.limits.min)} to ${format(axis.limits.max)}`);
  if (axis.grid !== null) parts.push(axis.grid ? 'grid lines' : 'no grid lines');
  return `${parts.join(', ')}.`;
}

/** "a light blue dashed line with circular markers". */
function looks(entry: LegendEntryFacts): string {
  const line = `${entry.colorName} ${entry.lineStyle ? `${entry.lineStyle} ` : ''}line`;
  const text = entry.marker ? `${line} with ${MARKER_WORDS[entry.marker]}` : line;
  return `${/^[aeiou]/.test(text) ? 'an' : 'a'} ${text}`;
}

/** "light blue, dashed, circular markers". */
function looksShort(entry: LegendEntryFacts): string {
  return [entry.colorName, entry.lineStyle, entry.marker ? MARKER_WORDS[entry.marker] : null]
    .filter((part) => part !== null)
    .join(', ');
}

function seriesLines(s: SeriesFacts, say: Say): string[] {
  const lines: string[] = [];
  const point = (p: { x: number; y: number }) => `${say.y(p.y)} at ${say.at(p.x)}`;
  lines.push(`- Trend: ${trendWords(s, say)}.`);
  const overall = s.overall === 'level' ? 'about where it starts' : `${s.overall} than it starts`;
  lines.push(`- Starts at ${point(s.start)} and ends at ${point(s.end)}, ${overall}.`);
  const peaks = s.turns.filter((t) => t.kind === 'peak');
  const dips = s.turns.filter((t) => t.kind === 'dip');
  const turns = (items: typeof peaks) =>
    say.atEach(items.map((t) => `${say.x(t.x)} (${say.y(t.y)})`));
  if (peaks.length > 0) lines.push(`- Peaks at ${turns(peaks)}.`);
  if (dips.length > 0) lines.push(`- Dips at ${turns(dips)}.`);
  for (const spike of s.turns.filter((t) => t.spike)) {
    lines.push(`- A spike ${spike.kind === 'peak' ? 'up' : 'down'} to ${point(spike)}.`);
  }
  lines.push(`- Highest ${extremeWords(s.maximum, say)}; lowest ${extremeWords(s.minimum, say)}.`);
  if (s.atTicks.length > 0) {
    const interpolated = s.atTicks.some((t) => t.interpolated) && s.marker !== null;
    lines.push(
      `- Values at the x ticks${interpolated ? ' (* between two markers: read on the line joining them)' : ''}:`,
    );
    for (const t of s.atTicks) {
      const value = t.y === null ? 'no line (a gap)' : say.y(t.y);
      const mark = t.interpolated && s.marker !== null && t.y !== null ? '*' : '';
      lines.push(`  - ${say.tick(t.x)}: ${value}${mark}`);
    }
  }
  return lines;
}

function trendWords(s: SeriesFacts, say: Say): string {
  const moves = s.legs.filter((leg) => leg.direction !== 'flat').length;
  const spikes = s.turns.some((t) => t.spike) ? ', apart from its spikes' : '';
  if (s.trend === 'flat') {
    return `flat${spikes}, between ${say.y(s.minimum.y)} and ${say.y(s.maximum.y)}`;
  }
  if (s.legs.length <= MAX_LEGS_TOLD) {
    const steps = s.legs.map((leg, k) => {
      const verb =
        leg.direction === 'flat'
          ? `stays level (${say.y(leg.from.y)} to ${say.y(leg.to.y)}) until ${k === 0 ? say.at(leg.to.x) : say.x(leg.to.x)}`
          : `${leg.direction === 'rising' ? 'rises' : 'falls'} ${k === 0 ? `from ${say.y(leg.from.y)} at ${say.at(leg.from.x)} ` : ''}to ${say.y(leg.to.y)} at ${say.x(leg.to.x)}`;
      return k === 0 ? verb : `then ${verb}`;
    });
    return `${s.trend}${spikes}. It ${steps.join(', ')}`;
  }
  return `${s.trend}${spikes}, with ${moves} rises and falls between ${say.y(s.minimum.y)} and ${say.y(s.maximum.y)}`;
}

function extremeWords(extreme: { y: number; xs: number[] }, say: Say): string {
  const [first, ...rest] = extreme.xs;
  return `${say.y(extreme.y)} at ${say.at(first)}${rest.length > 0 ? ` (and at ${list(rest.map(say.x))})` : ''}`;
}

function keyObservations(facts: ChartFacts, say: Say): string[] {
  const out: string[] = [];
  const range = (label: string) => {
    const s = facts.series.find((item) => item.label === label);
    return s ? `${say.y(s.minimum.y)} to ${say.y(s.maximum.y)}` : '';
  };
  for (const c of facts.comparisons) out.push(...comparisonWords(c, say, range));
  const extremes = (items: ExtremeFacts[], word: string) => {
    if (items.length === 0 || facts.series.length < 2) return;
    const at = items.map((e) => `${say.y(e.y)} at ${say.at(e.xs[0])}`);
    out.push(
      items.length === 1
        ? `${items[0].label} reaches the ${word} value of the chart: ${at[0]}.`
        : `${list(items.map((e) => e.label))} reach the ${word} value of the chart, level within the y resolution: ${list(items.map((e, k) => `${e.label} ${at[k]}`))}.`,
    );
  };
  extremes(facts.highest, 'highest');
  extremes(facts.lowest, 'lowest');
  return out;
}

function comparisonWords(c: ComparisonFacts, say: Say, range: (label: string) => string): string[] {
  const out: string[] = [];
  if (c.stretches.length === 0) {
    out.push(`${c.a} and ${c.b} share no stretch of x where both are drawn.`);
    return out;
  }
  // Marker series are compared at their points, lines over stretches of x.
  const pointwise = c.stretches.every((s) => s.xs !== undefined);
  const told: ReadonlyArray<StretchFacts & { spells?: boolean }> = pointwise
    ? c.stretches
    : withoutBriefSpells(c.stretches);
  const where = (higher: string | null) => {
    const stretches = told.filter((s) => s.higher === higher);
    if (pointwise) return `at ${say.atEach(stretches.flatMap((s) => s.xs ?? []).map(say.x))}`;
    const spans = stretches.map((s) =>
      s.from === s.to ? say.x(s.from) : `${say.x(s.from)} to ${say.x(s.to)}`,
    );
    return `over ${say.atEach(spans)}`;
  };
  if (c.stretches.length === 1) {
    const [only] = c.stretches;
    const span = `${say.at(only.from)} to ${say.x(only.to)}`;
    out.push(
      only.higher === null
        ? `${c.a} and ${c.b} are level (within the y resolution) all along their shared span, ${span}.`
        : `${only.higher} is above ${only.higher === c.a ? c.b : c.a} all along their shared span, ${span}.`,
    );
  } else {
    for (const [higher, lower] of [
      [c.a, c.b],
      [c.b, c.a],
    ]) {
      if (c.stretches.some((s) => s.higher === higher)) {
        const brief = told.some((s) => s.higher === higher && s.spells);
        out.push(
          `${higher} is above ${lower} ${where(higher)}${brief ? ' (apart from brief spells level within the y resolution)' : ''}.`,
        );
      }
    }
    if (told.some((s) => s.higher === null)) {
      out.push(`${c.a} and ${c.b} are level (within the y resolution) ${where(null)}.`);
    }
  }
  if (c.crossings.length > 0) {
    const times = c.crossings.length === 1 ? 'once' : `${c.crossings.length} times`;
    const where = pointwise
      ? listed(
          c.crossings.map(
            (k, i) =>
              `between ${i === 0 ? say.at(k.after) : say.x(k.after)} and ${say.x(k.before)} (at about ${say.x(k.x)})`,
          ),
          'more',
        )
      : `at about ${say.atEach(c.crossings.map((k) => say.x(k.x)))}`;
    out.push(`${c.a} and ${c.b} cross ${times}: ${where}.`);
  } else if (c.stretches.some((s) => s.higher !== null)) {
    out.push(`${c.a} and ${c.b} do not cross.`);
  }
  out.push(
    c.variesMore === null
      ? `${c.a} and ${c.b} vary by as much as each other: ${range(c.a)} and ${range(c.b)}.`
      : `${c.variesMore} varies more than ${c.variesMore === c.a ? c.b : c.a}: ${range(c.variesMore)} against ${range(c.variesMore === c.a ? c.b : c.a)}.`,
  );
  return out;
}

/**
 * Stretches of lines as told: a level spell shorter than BRIEF_SPELL of the span is left out
 * (where the lines cross, the crossing tells it), and between two stretches with the same
 * series above it joins them (`spells` marks a stretch that took one in).
 */
function withoutBriefSpells(
  stretches: readonly StretchFacts[],
): Array<StretchFacts & { spells: boolean }> {
  const span = stretches[stretches.length - 1].to - stretches[0].from;
  const out: Array<StretchFacts & { spells: boolean }> = [];
  let joining = false;
  for (const s of stretches) {
    const last = out[out.length - 1];
    if (s.higher === null && s.to - s.from < BRIEF_SPELL * span) {
      joining = true;
    } else if (joining && last && last.higher === s.higher) {
      last.to = s.to;
      last.spells = true;
      joining = false;
    } else {
      out.push({ ...s, spells: false });
      joining = false;
    }
  }
  return out;
}

function resolutionWords(axis: AxisFacts, name: string): string {
  return axis.resolution.step === null
    ? `${name} to a power of ten of at least ${Math.round(axis.resolution.stepPixels * axis.resolution.pixel * Math.LN10 * 1000) / 10}% of the value`
    : `${name} to ${axis.scale === 'time' ? duration(axis.resolution.step) : plainTickText(axis.resolution.step)}`;
}

/** A step of a time axis (ms) in the largest unit it holds a whole number of: "2 days". */
function duration(ms: number): string {
  const units: [string, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1000],
  ];
  const [unit, size] = units.find(([, size]) => ms >= size) ?? ['millisecond', 1];
  const count = Number((ms / size).toPrecision(3));
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "a", "a and b", "a, b and c". */
function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Like list, with at most MAX_LISTED items and the rest counted ("and 3 more"). */
function listed(items: string[], more: string): string {
  if (items.length <= MAX_LISTED) return list(items);
  return `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} ${more}`;
}
