import { describe, expect, it } from 'vitest';
import { makeAxisScale } from '../../src/calibrate/axisScale.js';
import type { Rgb } from '../../src/color.js';
import { FACTORS } from '../../src/review/confidence.js';
import { type ReviewInput, reviewSeries } from '../../src/review/reviewSeries.js';
import type { SeriesMask } from '../../src/separate/separateSeries.js';
import { traceSeries } from '../../src/trace/traceSeries.js';
import { inkWeightOf } from '../helpers/inkWeight.js';

const WIDTH = 200;
const HEIGHT = 120;
const REGION = { left: 2, top: 2, right: WIDTH - 2, bottom: HEIGHT - 2 };
/** x = px / 10, y = (120 - py) / 10: a pixel is a tenth of a data unit. */
const AXES = {
  x: makeAxisScale(
    'linear',
    0,
    0.1,
    [1, 2, 3].map((v) => ({ text: `${v}`, value: v, pixel: 0 })),
  ),
  y: makeAxisScale(
    'linear',
    12,
    -0.1,
    [1, 2, 3].map((v) => ({ text: `${v}`, value: v, pixel: 0 })),
  ),
};
const BLUE: Rgb = [31, 119, 180];
const ORANGE: Rgb = [255, 127, 14];

const inkWeight = inkWeightOf(WIDTH, HEIGHT);

function mask(color: Rgb, weight: Float32Array): SeriesMask {
  return { color, weight, count: weight.filter((w) => w > 0).length };
}

/** The review of drawn series (SVG in black, one per colour), each traced as the pipeline does. */
async function review(
  drawn: Array<[Rgb, string]>,
  options: Partial<
    Pick<ReviewInput, 'names' | 'legend' | 'doubtful' | 'patches' | 'listedOnly'>
  > = {},
) {
  const masks = await Promise.all(
    drawn.map(async ([color, svg]) => mask(color, await inkWeight(svg))),
  );
  const traces = masks.map((m) =>
    m.count === 0
      ? null
      : traceSeries({ weight: m.weight, width: WIDTH, height: HEIGHT, region: REGION }),
  );
  return reviewSeries({
    masks,
    traces,
    names: options.names ?? [],
    legend: options.legend ?? false,
    patches: options.patches,
    doubtful: options.doubtful,
    listedOnly: options.listedOnly,
    axes: AXES,
    region: REGION,
    width: WIDTH,
    background: [255, 255, 255],
  });
}

const line = (y: number, from = 20, to = 180, width = 2) =>
  `<line x1="${from}" y1="${y}" x2="${to}" y2="${y}" stroke="#000" stroke-width="${width}"/>`;
const disc = (px: number, py: number) => `<circle cx="${px}" cy="${py}" r="4.5" fill="#000"/>`;

/**
 * A thick stroke winding across the plot from (5, 10) to (195, 110): a dense noisy line drawn
 * solid, a line drawn thick, or a band.
 */
const RIBBON =
  '<polyline points="5,10 195,110" stroke="#000" stroke-width="16" fill="none" stroke-linecap="butt"/>';

/** Points traced along RIBBON's middle (in data: y = (120 - py) / 10, x = px / 10). */
function expectAlongRibbon(points: { x: number; y: number }[]): void {
  for (const { x, y } of points.filter((p) => p.x > 2 && p.x < 18)) {
    expect(y).toBeCloseTo((120 - (10 + ((x * 10 - 5) * 100) / 190)) / 10, 0);
  }
}

describe('reviewSeries', () => {
  it('names each series from the legend and maps its points to data', async () => {
    const { series, warnings } = await review(
      [
        [BLUE, line(60)],
        [ORANGE, line(90)],
      ],
      { names: ['train', 'valid'], legend: true },
    );
    expect(warnings).toEqual([]);
    expect(series.map((s) => [s.name, s.color, s.marker])).toEqual([
      ['train', '#1f77b4', null],
      ['valid', '#ff7f0e', null],
    ]);
    // The line at py 60 is y 6, from x 2 to x 18 (the pixel columns 20 to 179).
    for (const point of series[0].points) expect(point.y).toBeCloseTo(6, 1);
    expect(series[0].points[0].x).toBeCloseTo(2.05, 2);
    expect(series[0].points.at(-1)!.x).toBeCloseTo(17.95, 2);
    // Seen all along, its ink all on the line: only the precision a plot 116 px high allows.
    const precise = 1 - (FACTORS.precision * FACTORS.linePx) / (FACTORS.zeroAt * 116);
    expect(series[0].confidence).toBeCloseTo(precise, 6);
    expect(series[1].confidence).toBeCloseTo(precise, 6);
  });

  it('warns of, and halves the confidence of, a name paired with its series by a close call', async () => {
    const { series, warnings } = await review(
      [
        [BLUE, line(60)],
        [ORANGE, line(90)],
      ],
      { names: ['train', 'valid'], legend: true, doubtful: new Set([1]) },
    );
    expect(series.map((s) => s.name)).toEqual(['train', 'valid']);
    expect(series[1].confidence).toBeCloseTo(series[0].confidence * FACTORS.misnamed, 6);
    expect(warnings).toEqual([
      "legend entry 'valid' may name the wrong series: another series is drawn almost as its sample is",
    ]);
  });

  it('leaves out a colour found only around another line, a halo, with a warning', async () => {
    const [core, wide] = await Promise.all([
      inkWeight(line(60, 20, 180, 4)),
      inkWeight(line(60, 20, 180, 6)),
    ]);
    // The ring of blended colour around the blue line: the wide stroke less the line.
    const ring = wide.map((w, i) => (core[i] > 0 ? 0 : w));
    const masks = [mask(BLUE, core), mask(ORANGE, ring)];
    const { series, warnings } = reviewSeries({
      masks,
      traces: masks.map((m) =>
        traceSeries({ weight: m.weight, width: WIDTH, height: HEIGHT, region: REGION }),
      ),
      names: [],
      legend: false,
      axes: AXES,
      region: REGION,
      width: WIDTH,
      background: [255, 255, 255],
    });
    expect(series.map((s) => s.color)).toEqual(['#1f77b4']);
    expect(warnings).toEqual([
      "the colour #ff7f0e lies only beside series '#1f77b4': taken for a halo around its line and left out",
    ]);
  });

  it('reports a legend entry with no colour and a colour with no entry (its confidence halved)', async () => {
    const { series, warnings } = await review(
      [
        [BLUE, line(60)],
        [ORANGE, ''],
        [[44, 160, 44], line(90)],
      ],
      { names: ['train', 'valid'], legend: true },
    );
    expect(warnings).toEqual([
      "legend entry 'valid' has no matching colour in the plot",
      'a series coloured #2ca02c has no legend entry',
    ]);
    expect(series.map((s) => s.name)).toEqual(['train', null]);
    expect(series[1].confidence).toBeCloseTo(series[0].confidence * FACTORS.noEntry, 6);
  });

  it('leaves a colour out of the series, after reviewing it with the others, where the legend lists every series', async () => {
    // A line the legend does not list, beside two it does: where the legend was read whole it
    // is part of a listed series (error bars, a washed-out line's core), reviewed and then left
    // out with a warning; the listed series as they were.
    const drawn: Array<[Rgb, string]> = [
      [BLUE, line(30)],
      [ORANGE, line(60)],
      [[44, 160, 44], line(90)],
    ];
    const names = ['train', 'valid'];
    const all = await review(drawn, { names, legend: true });
    const listed = await review(drawn, { names, legend: true, listedOnly: true });
    expect(all.series.map((s) => s.name)).toEqual(['train', 'valid', null]);
    expect(listed.series).toEqual(all.series.slice(0, 2));
    expect(listed.warnings).toEqual([
      'the legend lists 2 series: 1 more colour or curve it does not list left out (error bars, bands, halos or markers taken apart)',
    ]);
  });

  it('counts the legend entries with no series, and lowers the confidence of a colour two series share', async () => {
    const { series, missing } = await review(
      [
        [BLUE, line(60)],
        [ORANGE, ''],
        [[33, 121, 182], line(90)],
      ],
      { names: ['train', 'valid', 'test'], legend: true },
    );
    expect(missing).toBe(1);
    const alone = (await review([[BLUE, line(60)]])).series[0].confidence;
    expect(series.map((s) => s.confidence)).toEqual([
      alone * FACTORS.sharedColor,
      alone * FACTORS.sharedColor,
    ]);
  });

  it('warns of a scatter plot (markers without a line) and keeps the markers', async () => {
    const discs = [30, 60, 90, 120, 150].map((px, i) => disc(px, 40 + (i % 2) * 30)).join('');
    const { series, warnings } = await review([[BLUE, discs]]);
    expect(series).toHaveLength(1);
    expect(series[0].points).toHaveLength(5);
    expect(warnings).toEqual([
      "series '#1f77b4' is markers without a line (a scatter plot, not a line chart): its points are the markers",
    ]);
  });

  it('warns of a line with large gaps', async () => {
    const { warnings } = await review([[BLUE, `${line(60, 20, 70)}${line(60, 130, 180)}`]]);
    expect(warnings).toEqual(["series '1' has large gaps (63% traced)"]);
  });

  it('leaves filled areas out beside a line, and refuses a chart of filled areas only', async () => {
    const area = '<rect x="20" y="70" width="160" height="45" fill="#000"/>';
    const { series, warnings } = await review([
      [BLUE, line(30)],
      [ORANGE, area],
    ]);
    expect(series.map((s) => s.color)).toEqual(['#1f77b4']);
    expect(warnings).toEqual(['filled bars or areas (#ff7f0e) left out: they are not lines']);
    await expect(review([[ORANGE, area]])).rejects.toMatchObject({
      code: 'NOT_A_LINE_CHART',
      stage: 'review',
      message: 'filled bars or areas (#ff7f0e): not a line chart',
    });
  });

  it('traces a chart of solid ribbons only (dense noisy lines) along their middles', async () => {
    // A noisy line of thousands of points drawn solid: a thick ribbon winding across the plot,
    // filling little of its bounding box as a bar or an area would.
    const { series, warnings } = await review([[BLUE, RIBBON]]);
    expect(series.map((s) => s.color)).toEqual(['#1f77b4']);
    expect(warnings).toEqual([
      "series '#1f77b4' is drawn as a solid ribbon (a dense noisy line, or a band): traced along its middle",
    ]);
    expectAlongRibbon(series[0].points);
  });

  it('keeps a series the legend lists drawn as a thick ribbon beside thin lines', async () => {
    // A line drawn thick (a high-resolution image) or a chain of overlapping markers: a filled
    // ribbon winding across the plot, while the other series are thin lines.
    const { series, warnings } = await review(
      [
        [BLUE, line(20)],
        [ORANGE, RIBBON],
      ],
      { names: ['thin', 'thick'], legend: true },
    );
    expect(series.map((s) => s.name)).toEqual(['thin', 'thick']);
    expect(warnings).toEqual([
      "series 'thick' is drawn as a solid ribbon (a dense noisy line, or a band): traced along its middle",
    ]);
    expectAlongRibbon(series[1].points);
  });

  it('keeps a listed colour filling its box (a flat chain of markers) unless its sample is a patch', async () => {
    // Overlapping markers along a flat stretch: a solid strip that fills its bounding box as a
    // bar would. Listed with a line's sample it is that series; listed with a patch, a bar.
    const strip = '<rect x="20" y="70" width="160" height="20" fill="#000"/>';
    const drawn: Array<[Rgb, string]> = [
      [BLUE, line(20)],
      [ORANGE, strip],
    ];
    const names = ['line', 'chain'];
    const kept = await review(drawn, { names, legend: true });
    expect(kept.series.map((s) => s.name)).toEqual(['line', 'chain']);
    for (const { y } of kept.series[1].points) expect(y).toBeCloseTo(4, 0);
    const patch = await review(drawn, { names, legend: true, patches: new Set([1]) });
    expect(patch.series.map((s) => s.name)).toEqual(['line']);
    expect(patch.warnings).toEqual(['filled bars or areas (chain) left out: they are not lines']);
  });

  it('leaves out a listed ribbon in a paler tint of another series: a band fill', async () => {
    // BLUE blended halfway with the white background.
    const paleBlue: Rgb = [143, 187, 218];
    const { series, warnings } = await review(
      [
        [BLUE, line(20)],
        [paleBlue, RIBBON],
      ],
      { names: ['line', 'band'], legend: true },
    );
    expect(series.map((s) => s.name)).toEqual(['line']);
    expect(warnings).toEqual(['filled bars or areas (band) left out: they are not lines']);
  });

  it("names the unlisted line a misread entry's colour lies along, and leaves that colour out", async () => {
    // The entry's thin sample was read dark red: the plot has that colour only as the edges
    // of a bright red line the legend does not list.
    const edges = `<line x1="20" y1="45" x2="180" y2="45" stroke="#000" stroke-width="1"/><line x1="20" y1="55" x2="180" y2="55" stroke="#000" stroke-width="1"/>`;
    const { series, warnings } = await review(
      [
        [[160, 53, 60], edges],
        [BLUE, line(90)],
        [[220, 29, 34], line(50, 20, 180, 7)],
      ],
      { names: ['Greedy', 'DPO'], legend: true },
    );
    expect(series.map((s) => [s.name, s.color])).toEqual([
      ['DPO', '#1f77b4'],
      ['Greedy', '#dc1d22'],
    ]);
    expect(series[1].points.every((p) => Math.abs(p.y - 7) < 0.2)).toBe(true);
    expect(warnings).toContain(
      "legend entry 'Greedy' was read in the colour #a0353c, drawn only along the line coloured #dc1d22: that line taken for its series",
    );
    expect(warnings.some((w) => w.includes('has no legend entry'))).toBe(false);
  });

  it('says so when no series is left', () => {
    const nothing = { masks: [], traces: [], names: [], legend: false, axes: AXES };
    expect(
      reviewSeries({ ...nothing, region: REGION, width: WIDTH, background: [255, 255, 255] }),
    ).toEqual({
      series: [],
      warnings: ['no series found in the plot'],
      missing: 0,
    });
  });
});
