import { describe, expect, it } from 'vitest';
import {
  findHalos,
  findMisreadEntries,
  findSecondTraces,
  inkBeside,
  isTint,
  pathTolerance,
  samePath,
} from '../../src/review/findHalos.js';
import { sharesColor } from '../../src/separate/splitSharedColors.js';

const WIDTH = 40;
const HEIGHT = 40;
const WHITE: [number, number, number] = [255, 255, 255];

/** A mask with 1 in rows `from`..`to` (inclusive) over columns 5..34. */
function rows(from: number, to: number): Float32Array {
  const weight = new Float32Array(WIDTH * HEIGHT);
  for (let row = from; row <= to; row++) weight.fill(1, row * WIDTH + 5, row * WIDTH + 35);
  return weight;
}

/** A mask with 1 in columns `from`..`to` over rows 5..34. */
function columns(from: number, to: number): Float32Array {
  const weight = new Float32Array(WIDTH * HEIGHT);
  for (let row = 5; row < 35; row++) weight.fill(1, row * WIDTH + from, row * WIDTH + to + 1);
  return weight;
}

describe('inkBeside', () => {
  it('is 1 for a fringe along a line, small for a line that only crosses it', () => {
    const line = rows(18, 21);
    expect(inkBeside(rows(22, 22), line, WIDTH, 2)).toBe(1);
    expect(inkBeside(columns(19, 20), line, WIDTH, 2)).toBeLessThan(0.3);
    expect(inkBeside(new Float32Array(WIDTH * HEIGHT), line, WIDTH, 2)).toBe(0);
  });
});

describe('isTint', () => {
  it('takes a colour blended with the background for its tint, and no other hue', () => {
    // Halfway from matplotlib's blue to white.
    expect(isTint([143, 187, 218], [31, 119, 180], WHITE)).toBe(true);
    // A purple beside a pink whose red channel is near white's: green and blue move alike
    // towards white, but red falls far from the pink's, which no blend does.
    expect(isTint([117, 110, 183], [243, 34, 132], WHITE)).toBe(false);
    expect(isTint([120, 184, 170], [235, 83, 93], WHITE)).toBe(false);
  });
});

describe('findHalos', () => {
  const mask = (color: [number, number, number], weight: Float32Array) => ({
    color,
    weight,
    count: weight.filter((w) => w > 0).length,
  });
  /** A bare line's path along a row, over columns 5..34. */
  const along = (row: number) => ({
    points: [
      { px: 5, py: row },
      { px: 34, py: row },
    ],
    reach: 0,
  });
  /** A bare line's path as traced, a point in every column from `from` to `to`. */
  const dense = (from: number, to: number, py: (px: number) => number) => ({
    points: Array.from({ length: to - from + 1 }, (_, k) => ({ px: from + k, py: py(from + k) })),
    reach: 0,
  });
  const line = mask([31, 119, 180], rows(18, 21));
  const fringe = mask([120, 180, 220], rows(22, 22));
  const crossing = mask([255, 127, 14], columns(19, 20));

  it('takes a weaker colour found only beside a line for its halo, with a warning', () => {
    const { halos, hosts, warnings } = findHalos({
      masks: [line, fringe, crossing],
      paths: [
        along(19.5),
        along(22),
        {
          points: [
            { px: 19.5, py: 5 },
            { px: 19.5, py: 34 },
          ],
          reach: 0,
        },
      ],
      names: ['GRPO'],
      first: 0,
      width: WIDTH,
      background: WHITE,
    });
    expect([...halos]).toEqual([1]);
    // The line it lies beside is its host (whose confidence the guess costs).
    expect([...hosts]).toEqual([0]);
    expect(warnings).toEqual([
      "the colour #78b4dc lies only beside series 'GRPO': taken for a halo around its line and left out",
    ]);
  });

  it('never takes a listed colour (before `first`) or an untraced one for a halo', () => {
    const masks = [line, fringe];
    expect(
      findHalos({
        masks,
        paths: [along(19.5), along(22)],
        names: [],
        first: 2,
        width: WIDTH,
        background: WHITE,
      }).halos.size,
    ).toBe(0);
    expect(
      findHalos({
        masks,
        paths: [null, along(22)],
        names: [],
        first: 0,
        width: WIDTH,
        background: WHITE,
      }).halos.size,
    ).toBe(0);
  });

  it('never takes a line running its own way for a halo, though it runs beside the ink', () => {
    // A grey line along rows 3..10, and the grey blended edges (rows 21, 24) of a black line
    // along rows 22..23: all the black ink lies beside grey ink, none beside the grey's path.
    const greyInk = rows(3, 10).map((w, i) => Math.max(w, rows(21, 21)[i], rows(24, 24)[i]));
    const grey = mask([140, 140, 140], greyInk);
    const black = mask([8, 8, 8], rows(22, 23));
    expect(inkBeside(black.weight, grey.weight, WIDTH, 2)).toBe(1);
    const { halos } = findHalos({
      masks: [grey, black],
      paths: [along(6.5), along(22.5)],
      names: [],
      first: 0,
      width: WIDTH,
      background: WHITE,
    });
    expect(halos.size).toBe(0);
  });

  it('takes a weaker colour traced along a line for a second trace of it, however far its ink spreads', () => {
    // A JPEG'd line's shade split off as a colour of its own: its ink lies 3..4 px off the
    // line's (not beside it), but it was traced along the line's path.
    const shade = mask([120, 160, 200], rows(24, 25));
    expect(inkBeside(shade.weight, line.weight, WIDTH, 2)).toBe(0);
    // The shade traced at row `py` all along, the line at 19.5.
    const tracedAt = (py: number) =>
      findHalos({
        masks: [line, shade],
        paths: [dense(5, 34, () => 19.5), dense(5, 34, () => py)],
        names: ['GRPO'],
        first: 1,
        width: WIDTH,
        background: WHITE,
      });
    const traced = tracedAt(21);
    expect([...traced.halos]).toEqual([1]);
    expect(traced.warnings).toEqual([
      "the colour #78a0c8 lies only beside series 'GRPO': taken for a halo around its line and left out",
    ]);
    // Traced along its own path, it is a series.
    expect(tracedAt(24.5).halos.size).toBe(0);
  });

  it('takes a colour traced along the edge of a thick line for its second trace, not one beside a thin line', () => {
    // A thick line (rows 15..23, 9 px) and its pale edge split off, its ink spread 6..7 px off
    // the centre (not beside the line's ink), its trace 5 px off: within half the line's width
    // and the edge's. The same trace 5 px off a thin line (rows 18..20) runs a way of its own.
    const shade = mask([200, 200, 200], rows(26, 27));
    const edgeOf = (host: Float32Array, centre: number) =>
      findHalos({
        masks: [mask([8, 8, 8], host), shade],
        paths: [dense(5, 34, () => centre), dense(5, 34, () => centre + 5)],
        names: ['Adam'],
        first: 1,
        width: WIDTH,
        background: WHITE,
      }).halos;
    expect(inkBeside(shade.weight, rows(15, 23), WIDTH, 2)).toBe(0);
    expect([...edgeOf(rows(15, 23), 19)]).toEqual([1]);
    expect(edgeOf(rows(18, 20), 19).size).toBe(0);
  });

  it("never takes a line for a halo of its band's fill, a filled paler tint of it around it", () => {
    // A band's fill (rows 12..27, matplotlib's orange paled toward white, as fill_between's
    // alpha draws it) with its orange line through the middle (rows 19..20): the fill has more
    // pixels and the line's ink all lies beside it; the fill traced along its middle.
    const fillInk = rows(12, 27).map((w, i) => (rows(19, 20)[i] ? 0 : w));
    const fill = mask([255, 210, 170], fillInk);
    const orange = mask([255, 127, 14], rows(19, 20));
    const run = (filled?: boolean[]) =>
      findHalos({
        masks: [fill, orange],
        paths: [along(19.5), along(19.5)],
        names: [],
        first: 0,
        width: WIDTH,
        background: WHITE,
        filled,
      }).halos;
    // Traced as a filled shape, the fill hosts no halo of the line it is a tint of.
    expect(run([true, false]).size).toBe(0);
    // Not known as filled, the line was its halo (and the series was lost with the fill).
    expect([...run()]).toEqual([1]);
    // A filled shape hosts the halo of a colour it is no tint of (a JPEG fringe paler than it).
    const fringe = mask([255, 235, 220], rows(11, 11));
    const fringed = findHalos({
      masks: [fill, fringe],
      paths: [along(19.5), along(11)],
      names: [],
      first: 0,
      width: WIDTH,
      background: WHITE,
      filled: [true, false],
    }).halos;
    expect([...fringed]).toEqual([1]);
  });
});

describe('findHalos, a blended edge that wanders off', () => {
  const mask = (color: [number, number, number], weight: Float32Array) => ({
    color,
    weight,
    count: weight.filter((w) => w > 0).length,
  });
  /** A bare line's path as traced: a point in every column of 5..34, at `py(px)`. */
  const traced = (py: (px: number) => number) => ({
    points: Array.from({ length: 30 }, (_, k) => ({ px: 5 + k, py: py(5 + k) })),
    reach: 0,
  });
  const line = mask([8, 8, 8], rows(18, 21));
  /**
   * A greyscale chart's black line and its grey edge (row 22) split off as a series of its own,
   * the edge running beside the line up to column `along` and off on its own (row 32) after.
   */
  const edgeTo = (along: number) => {
    const weight = new Float32Array(WIDTH * HEIGHT);
    for (let column = 5; column < 35; column++) {
      weight[(column < along ? 22 : 32) * WIDTH + column] = 1;
    }
    return findHalos({
      masks: [line, mask([150, 150, 150], weight)],
      paths: [traced(() => 19.5), traced((px) => (px < along ? 21.5 : 32))],
      names: ['Adam'],
      first: 1,
      width: WIDTH,
      background: WHITE,
    });
  };

  it('takes a colour beside a line and traced along it over most of its way for its halo', () => {
    // Beside the line and along its path in 21 of its 30 columns: short of the 0.8 of either
    // a halo or a second trace, but the wandering stretch is where its trace went astray.
    const { halos, warnings } = edgeTo(26);
    expect([...halos]).toEqual([1]);
    expect(warnings).toEqual([
      "the colour #969696 lies only beside series 'Adam': taken for a halo around its line and left out",
    ]);
  });

  it('keeps a line that runs beside another over a stretch and goes its own way', () => {
    // Beside it in 12 of its 30 columns: two series meeting over a stretch.
    expect(edgeTo(17).halos.size).toBe(0);
  });
});

describe('samePath', () => {
  /** A bare line's path as traced, a point in every column of `from`..`to`, 1 px apart. */
  const dense = (from: number, to: number, py: (px: number) => number) => ({
    points: Array.from({ length: to - from + 1 }, (_, k) => ({ px: from + k, py: py(from + k) })),
    reach: 0,
  });
  const line = dense(0, 100, (px) => 10 + px / 2);

  it('is true for a path along another over most of its columns, false for one crossing it', () => {
    expect(
      samePath(
        dense(10, 90, (px) => 11.5 + px / 2),
        line,
      ),
    ).toBe(true);
    expect(
      samePath(
        dense(0, 100, (px) => 60 - px / 2),
        line,
      ),
    ).toBe(false);
    // Along it over a third of its columns only: two lines meeting over a stretch.
    expect(
      samePath(
        dense(0, 100, (px) => (px < 30 ? 10 + px / 2 : 25 + px)),
        line,
      ),
    ).toBe(false);
    // Along it over columns the other is not traced in: not a second trace.
    expect(
      samePath(
        dense(0, 100, (px) => 10 + px / 2),
        dense(0, 30, (px) => 10 + px / 2),
      ),
    ).toBe(false);
  });

  it('reads a bare line across no gap, and markers joined across any', () => {
    // Dashes along the line, 0..20 and 80..100, and a stray point between: as a bare line its
    // gaps are not read, as markers (reach > 0) the path strays with it.
    const points = [
      ...dense(0, 20, (px) => 10 + px / 2).points,
      { px: 50, py: 90 },
      ...dense(80, 100, (px) => 10 + px / 2).points,
    ];
    expect(samePath({ points, reach: 0 }, line)).toBe(true);
    expect(samePath({ points, reach: 3 }, line)).toBe(false);
  });
});

describe('findSecondTraces', () => {
  const BLACK: [number, number, number] = [0, 0, 0];
  const GREY: [number, number, number] = [147, 147, 147];
  const mask = (color: [number, number, number], weight: Float32Array) => ({
    color,
    weight,
    count: weight.filter((w) => w > 0).length,
  });
  /** A bare line's path as traced (followed where hidden), a point in each of columns 5..34. */
  const path = (py: (px: number) => number) => ({
    points: Array.from({ length: 30 }, (_, k) => ({ px: 5 + k, py: py(5 + k) })),
    reach: 0,
  });
  // Two black lines 8 px apart; a grey edge between them, followed onto the upper line in the
  // left half and the lower one in the right (each alone is under samePath's share).
  const upper = mask(BLACK, rowsOf(WIDTH, HEIGHT, 10, 11));
  const lower = mask(BLACK, rowsOf(WIDTH, HEIGHT, 18, 19));
  const edge = mask(GREY, rowsOf(WIDTH, HEIGHT, 14, 14));
  const paths = [path(() => 10.5), path(() => 18.5), path((px) => (px < 20 ? 10.5 : 18.5))];

  it('leaves out an unlisted colour followed along the lines of others all its way, with a warning', () => {
    const { halos, warnings } = findSecondTraces({
      masks: [upper, lower, edge],
      paths,
      names: ['A', 'B'],
      first: 2,
      width: WIDTH,
      halos: new Set(),
    });
    expect([...halos]).toEqual([2]);
    expect(warnings).toEqual([
      "the colour #939393 runs along series 'A', 'B' all its way once followed where hidden: taken for a second trace of their lines and left out",
    ]);
  });

  it('keeps a colour off the others over a fifth of its way, a listed colour, and one stronger than its hosts', () => {
    const off = path((px) => (px < 20 ? 10.5 : px < 28 ? 18.5 : 30));
    const input = { names: ['A', 'B'], width: WIDTH, halos: new Set<number>() };
    expect(
      findSecondTraces({
        ...input,
        masks: [upper, lower, edge],
        paths: [paths[0], paths[1], off],
        first: 2,
      }).halos.size,
    ).toBe(0);
    expect(
      findSecondTraces({ ...input, masks: [upper, lower, edge], paths, first: 3 }).halos.size,
    ).toBe(0);
    const faint = (m: typeof upper) => ({ ...m, count: 1 });
    expect(
      findSecondTraces({ ...input, masks: [faint(upper), faint(lower), edge], paths, first: 0 })
        .halos.size,
    ).toBe(0);
  });
});

describe('pathTolerance', () => {
  it('is half the vertical run of the line in each column plus the edge, at least 2 px, the run capped at twice its median', () => {
    // A 4 px line over columns 0..19 whose ink runs 20 px tall in column 10 (a band met there).
    const weight = new Float32Array(20 * 40);
    for (let column = 0; column < 20; column++) {
      const [from, to] = column === 10 ? [10, 29] : [18, 21];
      for (let row = from; row <= to; row++) weight[row * 20 + column] = 1;
    }
    const path = {
      points: [
        { px: 0, py: 19.5 },
        { px: 19, py: 19.5 },
      ],
      reach: 1,
    };
    const within = pathTolerance(weight, path, 20, 40);
    expect(within.get(3)).toBe(4);
    expect(within.get(10)).toBe(6);
    expect(pathTolerance(rowsOf(20, 40, 20, 20), path, 20, 40).get(3)).toBe(2.5);
  });
});

function rowsOf(width: number, height: number, from: number, to: number): Float32Array {
  const weight = new Float32Array(width * height);
  for (let row = from; row <= to; row++) weight.fill(1, row * width, row * width + width);
  return weight;
}

describe('findMisreadEntries', () => {
  type Rgb = [number, number, number];
  const mask = (color: Rgb, weight: Float32Array) => ({
    color,
    weight,
    count: weight.filter((w) => w > 0).length,
  });
  /** A bare line's path as traced along a row, a point in every column from 5 to 34. */
  const along = (row: number) => ({
    points: Array.from({ length: 30 }, (_, k) => ({ px: 5 + k, py: row })),
    reach: 0,
  });
  const base = { width: WIDTH, background: WHITE, skip: new Set<number>(), alike: sharesColor };

  it("hands a listed colour's name to the unlisted line its ink lies along", () => {
    // The entry's thin sample read dark red (JPEG): the plot draws that colour only at the
    // edges of a bright red line the legend does not list.
    const edges = new Float32Array(WIDTH * HEIGHT);
    edges.set(rows(17, 17).subarray(17 * WIDTH, 18 * WIDTH), 17 * WIDTH);
    edges.set(rows(22, 22).subarray(22 * WIDTH, 23 * WIDTH), 22 * WIDTH);
    const blue = mask([31, 119, 180], rows(30, 32));
    const { left, renamed, warnings } = findMisreadEntries({
      ...base,
      masks: [mask([160, 53, 60], edges), blue, mask([220, 29, 34], rows(18, 21))],
      paths: [along(17), along(31), along(19.5)],
      names: ['Greedy', 'DPO'],
      first: 2,
    });
    expect([...left]).toEqual([0]);
    expect([...renamed]).toEqual([[2, 0]]);
    expect(warnings).toEqual([
      "legend entry 'Greedy' was read in the colour #a0353c, drawn only along the line coloured #dc1d22: that line taken for its series",
    ]);
  });

  it('leaves the weaker of two entries read in one colour along one line out', () => {
    const masks = [
      mask([230, 160, 2], rows(18, 21)),
      mask([230, 159, 0], rows(19, 20)),
      mask([31, 119, 180], rows(30, 32)),
    ];
    const paths = [along(19.5), along(19.6), along(31)];
    const { left, renamed, warnings } = findMisreadEntries({
      ...base,
      masks,
      paths,
      names: ['Site A', 'Transformer', 'Mean'],
      first: 3,
    });
    expect([...left]).toEqual([1]);
    expect(renamed.size).toBe(0);
    expect(warnings).toEqual([
      "legend entries 'Transformer' and 'Site A' were read in one colour and traced along one line: 'Transformer' left out",
    ]);
    // In a legend of one colour (series told apart by dash or marker), two traces along one
    // line are a split that failed: both are kept.
    const grey = [mask([51, 51, 51], rows(18, 21)), mask([52, 52, 52], rows(19, 20))];
    for (const [more, morePaths] of [
      [[], []],
      [[mask([50, 50, 50], rows(30, 32))], [along(31)]],
    ] as const) {
      const found = findMisreadEntries({
        ...base,
        masks: [...grey, ...more],
        paths: [along(19.5), along(19.6), ...morePaths],
        names: ['a', 'b', 'c'].slice(0, 2 + more.length),
        first: 2 + more.length,
      });
      expect(found.left.size).toBe(0);
    }
  });

  it('keeps lines of their own, a band around a line, and two colours along one line', () => {
    // A listed line inside a pale band of its hue the legend does not list.
    const band = mask([144, 240, 212], rows(12, 27));
    const line = mask([26, 151, 109], rows(18, 21));
    expect(
      findMisreadEntries({
        ...base,
        masks: [line, band],
        paths: [along(19.5), along(19.5)],
        names: ['BERT-base'],
        first: 1,
      }).left.size,
    ).toBe(0);
    // Two listed lines of other colours, or of one colour on paths of their own.
    for (const colors of [
      [
        [31, 119, 180],
        [255, 127, 14],
      ],
      [
        [85, 85, 85],
        [85, 85, 85],
      ],
    ] as Rgb[][]) {
      const { left } = findMisreadEntries({
        ...base,
        masks: [mask(colors[0], rows(18, 21)), mask(colors[1], rows(8, 12))],
        paths: [along(19.5), along(10)],
        names: ['a', 'b'],
        first: 2,
      });
      expect(left.size).toBe(0);
    }
    // A black line the legend lists beside a grey one it does not (a greyscale chart, where
    // the grey's ink lies along the black's anti-aliased edges): grey is a paler shade of
    // black, though CIELAB gives the grey a chroma of 1e-5 and black 0.
    expect(
      findMisreadEntries({
        ...base,
        masks: [mask([0, 0, 0], rows(19, 20)), mask([140, 140, 140], rows(17, 23))],
        paths: [along(19.5), along(20)],
        names: ['Site A'],
        first: 1,
      }).left.size,
    ).toBe(0);
    const { left } = findMisreadEntries({
      ...base,
      masks: [mask([31, 119, 180], rows(19, 20)), mask([255, 127, 14], rows(18, 21))],
      paths: [along(19.5), along(19.5)],
      names: ['a', 'b'],
      first: 2,
    });
    expect(left.size).toBe(0);
  });
});
