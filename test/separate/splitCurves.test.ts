import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  closeMatches,
  dashStretchSpread,
  matchStyles,
  splitCurves,
  styleCosts,
} from '../../src/separate/splitCurves.js';
import { inkWeightOf } from '../helpers/inkWeight.js';

const WIDTH = 300;
const HEIGHT = 200;
const REGION = { left: 10, top: 10, right: 290, bottom: 190 };
const ink = inkWeightOf(WIDTH, HEIGHT);

/** Three curves of one colour that cross: solid, dashed and dotted. */
const CURVES = [
  { y: (x: number) => 40 + 0.4 * x, dash: '' },
  { y: (x: number) => 150 - 0.35 * x, dash: 'stroke-dasharray="8 4"' },
  { y: (x: number) => 100 + 40 * Math.sin(x / 30), dash: 'stroke-dasharray="2 4"' },
];

function polyline(y: (x: number) => number, dash: string): string {
  const points = Array.from({ length: 271 }, (_, i) => `${15 + i},${y(15 + i)}`).join(' ');
  return `<polyline points="${points}" fill="none" stroke="#000" stroke-width="2" ${dash}/>`;
}

/** Share of a mask's ink within 3 px (vertically) of a curve. */
function shareNear(weight: Float32Array, y: (x: number) => number): number {
  let near = 0;
  let total = 0;
  for (let row = 0; row < HEIGHT; row++) {
    for (let column = 0; column < WIDTH; column++) {
      const w = weight[row * WIDTH + column];
      if (w <= 0) continue;
      total += w;
      if (Math.abs(row + 0.5 - y(column + 0.5)) <= 3) near += w;
    }
  }
  return near / total;
}

describe('splitCurves', () => {
  it('finds no curves, without throwing, in ink too faint for a line (every run a speck)', () => {
    const weight = new Float32Array(WIDTH * HEIGHT);
    for (let column = 15; column < 285; column++) {
      for (const row of [60, 140]) weight[row * WIDTH + column] = 0.1;
    }
    expect(splitCurves(weight, WIDTH, REGION, { count: null })).toBeNull();
  });

  it('splits one colour into its crossing curves, each with its dash style', async () => {
    const weight = await ink(CURVES.map(({ y, dash }) => polyline(y, dash)).join(''));
    const curves = splitCurves(weight, WIDTH, REGION, { count: 3 });
    expect(curves).toHaveLength(3);
    // Each curve is found once, with nearly all of its mask's ink on it.
    const owners = curves!.map((curve) =>
      CURVES.findIndex(({ y }) => shareNear(curve.weight, y) > 0.9),
    );
    expect([...owners].sort()).toEqual([0, 1, 2]);
    const style = (n: number) => curves![owners.indexOf(n)].style;
    // Solid shows no gaps; dots leave more of their line bare than dashes, and are shorter.
    expect(style(0).gapShare).toBeLessThan(0.05);
    expect(style(1).gapShare).toBeGreaterThan(0.15);
    expect(style(2).gapShare).toBeGreaterThan(style(1).gapShare + 0.1);
    expect(style(1).on).toBeGreaterThan(style(2).on * 2);
  });

  it("reads a steep dashed curve's gaps, which fall inside its columns, as gaps", async () => {
    // A zigzag climbing and falling 3 px a column in dashes 8 px long, 4 apart: along so steep
    // a line a gap is a slab across it a few rows tall, inside the columns, and no column is
    // left empty. Read by empty columns only, it was solid, and where it met a solid curve the
    // two could not be told apart (a zoo chart's dashed wave and solid curve swapped there).
    const zigzag = (x: number) => 40 + 3 * (20 - Math.abs(((x - 15) % 40) - 20));
    const weight = await ink(
      polyline((x) => 150 + 0.02 * x, '') + polyline(zigzag, 'stroke-dasharray="8 4"'),
    );
    const curves = splitCurves(weight, WIDTH, REGION, { count: 2 });
    expect(curves).toHaveLength(2);
    const dashed = curves!.find((curve) => shareNear(curve.weight, zigzag) > 0.9)!;
    const solid = curves!.find((curve) => curve !== dashed)!;
    expect(solid.style.gapShare).toBeLessThan(0.05);
    expect(dashed.style.gapShare).toBeGreaterThan(0.1);
    expect(dashed.style.on).toBeLessThan(20);
  });

  it('starts beside a legend in the plot, and anywhere above one below the plot', async () => {
    const weight = await ink(CURVES.map(({ y, dash }) => polyline(y, dash)).join(''));
    // A legend as wide as the plot: below it, it takes no columns; across the curves' rows, all
    // of them.
    const wide = { left: 0, right: WIDTH };
    const below = { ...wide, top: REGION.bottom + 5, bottom: HEIGHT };
    expect(splitCurves(weight, WIDTH, REGION, { count: 3, exclude: [below] })).toHaveLength(3);
    const across = { ...wide, top: 40, bottom: 160 };
    expect(splitCurves(weight, WIDTH, REGION, { count: 3, exclude: [across] })).toBeNull();
  });

  it('starts under a legend read as wide as the plot where its curves pass below the box', async () => {
    // The curves keep to rows 46 to 150: a box over rows 15 to 40 (a legend read wider than it
    // is, its row of entries across the plot) holds none of their ink.
    const weight = await ink(CURVES.map(({ y, dash }) => polyline(y, dash)).join(''));
    const above = { left: 0, right: WIDTH, top: 15, bottom: 40 };
    const curves = splitCurves(weight, WIDTH, REGION, { count: 3, exclude: [above] });
    expect(curves).toHaveLength(3);
    const owners = curves!.map((curve) =>
      CURVES.findIndex(({ y }) => shareNear(curve.weight, y) > 0.9),
    );
    expect([...owners].sort()).toEqual([0, 1, 2]);
  });

  it('starts elsewhere when the curves followed from where runs are farthest apart take little ink', async () => {
    // Where one curve has ended, a short stroke far from the other (a word of a legend the
    // plot holds) is farther from it than the two curves ever are.
    const weight = await ink(
      '<polyline points="15,80 240,90" fill="none" stroke="#000" stroke-width="2"/>' +
        '<polyline points="15,110 285,100" fill="none" stroke="#000" stroke-width="2"/>' +
        '<polyline points="255,20 270,20" fill="none" stroke="#000" stroke-width="2"/>',
    );
    const curves = splitCurves(weight, WIDTH, REGION, { count: 2 });
    expect(curves).toHaveLength(2);
    const upper = (x: number) => 80 + (10 * (x - 15)) / 225;
    const lower = (x: number) => 110 - (10 * (x - 15)) / 270;
    expect(shareNear(curves![0].weight, upper)).toBeGreaterThan(0.9);
    expect(shareNear(curves![1].weight, lower)).toBeGreaterThan(0.9);
  });

  it('finds how many curves there are when not told', async () => {
    const weight = await ink(
      CURVES.slice(0, 2)
        .map(({ y, dash }) => polyline(y, dash))
        .join(''),
    );
    expect(splitCurves(weight, WIDTH, REGION, { count: null })).toHaveLength(2);
  });

  it('finds them all when dashes and dots leave few columns showing every curve', async () => {
    // Four curves of one colour, solid, dashed, dotted and dash-dotted: most columns show
    // three or fewer, as a gap of one or another passes.
    const four = [
      { y: (x: number) => 30 + 0.05 * x, dash: '' },
      { y: (x: number) => 70 + 0.05 * x, dash: 'stroke-dasharray="8 5"' },
      { y: (x: number) => 115 - 0.05 * x, dash: 'stroke-dasharray="2 4"' },
      { y: (x: number) => 160 - 0.05 * x, dash: 'stroke-dasharray="9 4 2 4"' },
    ];
    const weight = await ink(four.map(({ y, dash }) => polyline(y, dash)).join(''));
    const curves = splitCurves(weight, WIDTH, REGION, { count: null });
    expect(curves).toHaveLength(4);
    const owners = curves!.map((curve) =>
      four.findIndex(({ y }) => shareNear(curve.weight, y) > 0.9),
    );
    expect([...owners].sort()).toEqual([0, 1, 2, 3]);
  });

  it("takes no specks for curves (a dotted grid's dots)", async () => {
    // Dots one px across every other px on three rows: more runs than the curve has columns.
    const grid = [30.5, 95.5, 160.5]
      .map(
        (y) =>
          `<line x1="10" x2="290" y1="${y}" y2="${y}" stroke="#000" stroke-width="1" stroke-dasharray="1 1"/>`,
      )
      .join('');
    const weight = await ink(polyline(CURVES[0].y, '') + grid);
    expect(splitCurves(weight, WIDTH, REGION, { count: null })).toBeNull();
  });

  it('follows a thin dotted curve, whose dots are a column wide and joined to none', async () => {
    // matplotlib's journal look: 1 px lines, dots 1 px long 3 px apart (crisp, one pixel each).
    const dots = (x: number) => 140 - 30 * Math.sin(x / 40);
    const weight = await ink(polyline((x) => 60 + 0.1 * x, '').replace('"2"', '"1"'));
    for (let column = 15; column < 285; column += 3) {
      weight[Math.floor(dots(column + 0.5)) * WIDTH + column] = 1;
    }
    const curves = splitCurves(weight, WIDTH, REGION, { count: 2 });
    expect(curves).toHaveLength(2);
    const dotted = curves!.find((curve) => shareNear(curve.weight, dots) > 0.9);
    // Its dots all along, each one.
    let taken = 0;
    dotted!.weight.forEach((w) => {
      if (w > 0) taken++;
    });
    expect(taken).toBeGreaterThan(0.9 * 90);
  });

  it('finds a dashed curve again past a sharp turn in a gap of its dashes', async () => {
    // A zigzag turning at its data points (slope +-2), in short dashes with long gaps, beside a
    // solid curve: extrapolated along its slope past a turn, the dashed curve was lost.
    const zigzag = (x: number) => 100 + 2 * (20 - Math.abs(((x - 15) % 80) - 40));
    const weight = await ink(
      polyline((x) => 30 + 0.02 * x, '') + polyline(zigzag, 'stroke-dasharray="2 10"'),
    );
    const curves = splitCurves(weight, WIDTH, REGION, { count: 2 });
    expect(curves).toHaveLength(2);
    const dashed = curves!.find((curve) => shareNear(curve.weight, zigzag) > 0.9);
    const columns = new Set<number>();
    dashed!.weight.forEach((w, p) => {
      if (w > 0) columns.add(p % WIDTH);
    });
    // Its dashes from end to end (its last dash ends a gap short of its end).
    expect(Math.min(...columns)).toBeLessThan(30);
    expect(Math.max(...columns)).toBeGreaterThan(255);
  });

  it('follows a sparse dotted curve down a steep drop past a turn in a gap of its dots', async () => {
    // A piece of a zoo chart's plot (ggplot2, z00121 of seed 2): a solid, a dashed and a dotted
    // line, all #555 and 3 px thick, the dotted one's dots 12 px apart. Where it turns from
    // nearly flat to a drop at a data point, its next dot lies 12 rows down two columns on,
    // past the gate (between flat and straight on): it was lost there, at column 106.
    const { data, info } = await sharp(
      fileURLToPath(new URL('../fixtures/separate/ggplot2-dotted-drop.png', import.meta.url)),
    )
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    // White background, a light grey grid (235), the lines #555 (85).
    const weight = Float32Array.from(data, (grey) => Math.max(0, Math.min(1, (200 - grey) / 115)));
    const region = { left: 1, top: 1, right: info.width - 1, bottom: info.height - 1 };
    const curves = splitCurves(weight, info.width, region, { count: 3 });
    expect(curves).toHaveLength(3);
    // The dotted line keeps below row 200, the others above it.
    const below = curves!.map((curve) => {
      let last = 0;
      let count = 0;
      curve.weight.forEach((w, p) => {
        if (w <= 0 || p < 200 * info.width) return;
        count++;
        last = Math.max(last, p % info.width);
      });
      return { last, count };
    });
    const dotted = below.reduce((a, b) => (b.count > a.count ? b : a));
    expect(below.filter(({ count }) => count > 0)).toHaveLength(1);
    // Followed down the drop and on to the piece's end.
    expect(dotted.last).toBeGreaterThan(190);
  });

  it('takes up a dotted curve again where it was lost at a sharp turn', async () => {
    // The plot of a zoo chart (gnuplot, z01513 of seed 2, its legend blanked): a solid, a
    // dashed and a dotted line, black, about 1.5 px. The dotted curve's dots are 2 or 3 columns
    // wide and flat, so where it climbs steeply its track read each dot as flat, missed the next
    // one and ended: followed from the right, where the curves are best apart, it held only its
    // last 40 columns and the rest of it went to no series.
    const { data, info } = await sharp(
      fileURLToPath(new URL('../fixtures/separate/gnuplot-dotted-turns.png', import.meta.url)),
    )
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const weight = Float32Array.from(data, (grey) => (255 - grey) / 255);
    // Inside the tick marks.
    const region = { left: 10, top: 2, right: info.width - 10, bottom: info.height - 10 };
    const curves = splitCurves(weight, info.width, region, { count: 3 });
    expect(curves).toHaveLength(3);
    const dotted = curves!.reduce((a, b) => (b.style.gapShare > a.style.gapShare ? b : a));
    const columns = new Set<number>();
    dotted.weight.forEach((w, p) => {
      if (w > 0) columns.add(p % info.width);
    });
    // Taken up again and again, from one end of the plot to the other.
    expect(Math.min(...columns)).toBeLessThan(100);
    expect(Math.max(...columns)).toBeGreaterThan(900);
    expect(columns.size).toBeGreaterThan(400);
  });

  it('keeps each curve its own where two touch and part, by their dash patterns', async () => {
    // A solid and a dashed curve that touch and part again (a kiss, no crossing), and a solid
    // and a short-dashed one passing 6 px apart: followed, each went on along the other's ink
    // as often as its own.
    for (const [apart, bend, dash] of [
      [0, 0.003, '6 6'],
      [3, 0.002, '2 6'],
    ] as const) {
      const solid = (x: number) => 100 - apart + bend * (x - 150) ** 2;
      const dashed = (x: number) => 100 + apart - bend * (x - 150) ** 2;
      const weight = await ink(
        polyline(solid, '') + polyline(dashed, `stroke-dasharray="${dash}"`),
      );
      const curves = splitCurves(weight, WIDTH, REGION, { count: 2 });
      expect(curves).toHaveLength(2);
      const shares = curves!.map((curve) => [
        shareNear(curve.weight, solid),
        shareNear(curve.weight, dashed),
      ]);
      // Each curve lies on one of them (near the other only where they touch).
      shares.sort((a, b) => b[0] - a[0]);
      expect(shares[0][0]).toBeGreaterThan(0.9);
      expect(shares[0][1]).toBeLessThan(0.5);
      expect(shares[1][1]).toBeGreaterThan(0.9);
      expect(shares[1][0]).toBeLessThan(0.5);
    }
  });

  it('keeps a dotted curve past a steeper one it crosses, going on as it went', async () => {
    // The plot of a zoo chart (ECharts, z01321 of seed 2): a solid wave, a dashed and a dotted
    // line, all black and 4 px thick. Where the steep wave crosses the dotted line, the two
    // share a run for many columns, over which the dotted curve is only supposed to be where
    // its slope carries it. Coming out on the wave's other side, the few pixels it had drifted
    // were read as a turn as steep as the wave's: it went off, and was lost at column 579.
    const { data, info } = await sharp(
      fileURLToPath(new URL('../fixtures/separate/echarts-dotted-crossing.png', import.meta.url)),
    )
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    // The plot's background is a light cream (grey 245 or so).
    const weight = Float32Array.from(data, (grey) => Math.max(0, Math.min(1, (245 - grey) / 245)));
    const region = { left: 1, top: 1, right: info.width - 1, bottom: info.height - 1 };
    const curves = splitCurves(weight, info.width, region, { count: 3 });
    expect(curves).toHaveLength(3);
    const dotted = curves!.reduce((a, b) => (b.style.gapShare > a.style.gapShare ? b : a));
    let last = 0;
    dotted.weight.forEach((w, p) => {
      if (w > 0) last = Math.max(last, p % info.width);
    });
    // Followed well past the crossing (near column 520), most of the way to its end.
    expect(last).toBeGreaterThan(850);
  });

  it('leaves one curve whole', async () => {
    const weight = await ink(polyline(CURVES[2].y, ''));
    expect(splitCurves(weight, WIDTH, REGION, { count: null })).toBeNull();
  });
});

describe('matchStyles', () => {
  it('pairs legend samples with the curves drawn alike, whatever their order', () => {
    const solid = { on: 400, off: 0, gapShare: 0 };
    const dashed = { on: 7, off: 3, gapShare: 0.28 };
    const dotted = { on: 1, off: 3, gapShare: 0.6 };
    const samples = [
      { on: 30, off: 0, gapShare: 0 },
      { on: 2, off: 4, gapShare: 0.66 },
      { on: 8, off: 3, gapShare: 0.21 },
    ];
    expect(matchStyles([dotted, solid, dashed], samples)).toEqual([1, 0, 2]);
  });

  it('pairs samples jointly where the ink shows more curves than the legend lists', () => {
    const solid = { on: 400, off: 0, gapShare: 0 };
    const dashed = { on: 7, off: 3, gapShare: 0.28 };
    const dotted = { on: 1, off: 3, gapShare: 0.6 };
    // A sample between the dashed and the dotted curve, a little nearer the dotted; a dotted
    // sample near the dotted curve only: taken in turn, the first would take the dotted curve
    // and leave the second the dashed one, far from it.
    const samples = [
      { on: 1.5, off: 3, gapShare: 0.55 },
      { on: 1, off: 3, gapShare: 0.62 },
    ];
    expect(matchStyles([solid, dashed, dotted], samples)).toEqual([1, 2]);
  });

  it('tells a clear pairing from a close call', () => {
    const solid = { on: 400, off: 0, gapShare: 0 };
    const dashed = { on: 7, off: 3, gapShare: 0.28 };
    const dense = { on: 9, off: 1, gapShare: 0.05 };
    const samples = [
      { on: 30, off: 0, gapShare: 0 },
      { on: 8, off: 3, gapShare: 0.26 },
    ];
    const clear = styleCosts([dashed, solid], samples);
    expect(closeMatches(clear, matchStyles([dashed, solid], samples), 0.1)).toEqual(new Set());
    // A dense dash pattern reads almost as a solid line: either pairing of those two is a guess,
    // the dashed sample's is not.
    const close = styleCosts(
      [solid, dense, dashed],
      [samples[0], { on: 30, off: 1, gapShare: 0.02 }, samples[1]],
    );
    const order = [0, 1, 2];
    expect(closeMatches(close, order, 0.1)).toEqual(new Set([0, 1]));
  });
});

describe('dashStretchSpread', () => {
  it('tells a dash-dot (dashes and dots by turns) from dashed and dotted patterns', () => {
    const dashDot = dashStretchSpread([10, 2, 10, 1, 11, 2]);
    expect(dashDot).toBeGreaterThan(1);
    expect(dashStretchSpread([8, 8, 7, 8, 8])).toBeLessThan(0.2);
    expect(dashStretchSpread([1, 2, 1, 1, 2])).toBeLessThan(0.5);
  });

  it('reads nothing from fewer than three stretches', () => {
    expect(dashStretchSpread([9, 2])).toBeUndefined();
  });
});

describe('styleCosts', () => {
  it('pairs a dash-dot sample with the dash-dot curve where mean dash lengths agree', () => {
    // The dashed and the dash-dot curve have the same median stretch and share of gaps: only
    // their mix of stretches tells them apart.
    const dashed = { on: 7, off: 3, gapShare: 0.25, spread: 0.05 };
    const dashDot = { on: 7, off: 3, gapShare: 0.25, spread: 1.6 };
    const samples = [
      { on: 7, off: 3, gapShare: 0.26, spread: 0 },
      { on: 8, off: 3, gapShare: 0.24, spread: 1.5 },
    ];
    expect(matchStyles([dashDot, dashed], samples)).toEqual([1, 0]);
    // A sample too short to show its mix leaves the pairing to the other measures.
    const [row] = styleCosts([dashDot, dashed], [{ on: 7, off: 3, gapShare: 0.25 }]);
    expect(row[0]).toBeCloseTo(row[1], 6);
  });
});
