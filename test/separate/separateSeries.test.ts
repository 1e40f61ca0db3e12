import { describe, expect, it } from 'vitest';
import { deltaE, type Rgb, rgbToLab } from '../../src/color.js';
import {
  clusterColors,
  type SeriesMask,
  separateSeries,
} from '../../src/separate/separateSeries.js';
import type { Raster } from '../../src/types.js';

const WIDTH = 120;
const HEIGHT = 80;
const WHITE: Rgb = [255, 255, 255];
const RED: Rgb = [214, 39, 40];
const BLUE: Rgb = [31, 119, 180];
/** Per-channel difference allowed between a found series colour and the colour drawn. */
const COLOR_TOLERANCE = 8;

/** A white image with a red line (rising, 2 px thick) and a blue one (flat, 2 px thick). */
const REGION = { left: 0, top: 0, right: WIDTH, bottom: HEIGHT };

function twoLines(): { image: Raster; red: Set<number>; blue: Set<number> } {
  const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(255);
  const red = new Set<number>();
  const blue = new Set<number>();
  const paint = (column: number, row: number, color: Rgb, into: Set<number>) => {
    const i = row * WIDTH + column;
    data.set(color, i * 3);
    into.add(i);
  };
  for (let column = 10; column < 110; column++) {
    const row = 65 - Math.floor((column - 10) / 2);
    paint(column, row, RED, red);
    paint(column, row + 1, RED, red);
    paint(column, 40, BLUE, blue);
    paint(column, 41, BLUE, blue);
  }
  // Where they cross, the later (blue) line is on top.
  for (const i of blue) red.delete(i);
  return { image: { data, width: WIDTH, height: HEIGHT, channels: 3 }, red, blue };
}

function pixelsOf(mask: SeriesMask): Set<number> {
  const set = new Set<number>();
  mask.weight.forEach((w, i) => {
    if (w > 0) set.add(i);
  });
  return set;
}

function near(actual: Rgb, expected: Rgb): boolean {
  return actual.every((v, i) => Math.abs(v - expected[i]) <= COLOR_TOLERANCE);
}

/** The series of an image on white, its whole area the plot. */
function separateOnWhite(image: Raster, colors: Rgb[]) {
  const region = { left: 0, top: 0, right: image.width, bottom: image.height };
  return separateSeries(image, { region, background: WHITE, exclude: [], colors });
}

/** SVG elements `drawn` on a white page `width` x `height`, rasterised and separated on white. */
async function separateDrawnOnWhite(width: number, height: number, drawn: string, colors: Rgb[]) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#fff"/>${drawn}</svg>`;
  return separateOnWhite({ data: await rasterOf(svg), width, height, channels: 3 }, colors);
}

describe('separateSeries', () => {
  it('finds two coloured lines on white as two masks with their colours and pixels', async () => {
    const { image, red, blue } = twoLines();
    const masks = await separateOnWhite(image, []);
    expect(masks).toHaveLength(2);
    const redMask = masks.find((mask) => near(mask.color, RED));
    const blueMask = masks.find((mask) => near(mask.color, BLUE));
    expect(redMask, `colours found: ${masks.map((m) => m.color.join(','))}`).toBeDefined();
    expect(blueMask).toBeDefined();
    expect(pixelsOf(redMask!)).toEqual(red);
    expect(pixelsOf(blueMask!)).toEqual(blue);
    expect(redMask!.count).toBe(red.size);
    expect(blueMask!.count).toBe(blue.size);
  });

  it('adds a colour the legend does not list on a large image', async () => {
    // A red band of 400,000 pixels, more than a call's arguments may hold, and a blue line.
    const [width, height] = [1000, 600];
    const data = new Uint8Array(width * height * 3).fill(255);
    for (let row = 100; row < 500; row++) {
      for (let column = 0; column < width; column++) data.set(RED, (row * width + column) * 3);
    }
    for (let column = 0; column < width; column++) data.set(BLUE, (50 * width + column) * 3);
    const masks = await separateOnWhite({ data: data, width, height, channels: 3 }, [BLUE]);
    expect(masks).toHaveLength(2);
    expect(near(masks[1].color, RED)).toBe(true);
    expect(masks[1].count).toBe(400 * width);
  });

  it('adds colours the legend does not list drawn thin across most of the plot, not spots', async () => {
    const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(255);
    const GREEN: Rgb = [44, 160, 44];
    const ORANGE: Rgb = [255, 127, 14];
    const paint = (from: number, to: number, row: number, color: Rgb) => {
      for (let column = from; column < to; column++) {
        data.set(color, (row * WIDTH + column) * 3);
        data.set(color, ((row + 1) * WIDTH + column) * 3);
      }
    };
    paint(0, WIDTH, 10, BLUE);
    // Two lines 2 px thick over two thirds of the plot (the rest hidden): fewer pixels than
    // two per plot column, but one per column across most of them.
    paint(0, 80, 30, RED);
    paint(40, WIDTH, 50, GREEN);
    // A spot of another colour (where two lines cross), with more pixels than a plot has columns.
    for (let row = 60; row < 76; row++) paint(10, 20, row, ORANGE);
    const masks = await separateOnWhite({ data, width: WIDTH, height: HEIGHT, channels: 3 }, [
      BLUE,
    ]);
    expect(masks).toHaveLength(3);
    expect(near(masks[1].color, RED) || near(masks[2].color, RED)).toBe(true);
    expect(near(masks[1].color, GREEN) || near(masks[2].color, GREEN)).toBe(true);
  });

  it('returns the masks in the order of the legend colours given', async () => {
    const { image, red, blue } = twoLines();
    const masks = await separateOnWhite(image, [BLUE, RED]);
    expect(masks.map((mask) => mask.color)).toEqual([BLUE, RED]);
    expect(pixelsOf(masks[0])).toEqual(blue);
    expect(pixelsOf(masks[1])).toEqual(red);
  });

  it('leaves out pixels inside excluded boxes', async () => {
    const { image, red } = twoLines();
    const exclude = [{ left: 0, top: 0, right: 60, bottom: HEIGHT }];
    const [, redMask] = await separateSeries(image, {
      region: REGION,
      background: WHITE,
      exclude,
      colors: [BLUE, RED],
    });
    const kept = [...red].filter((i) => i % WIDTH >= 60);
    expect(pixelsOf(redMask)).toEqual(new Set(kept));
  });

  it('reads lines under a translucent legend, blended into its fill, even between its words, but not its sample or specks', async () => {
    const { image, red, blue } = twoLines();
    // A white legend at 80% opacity over the right half; inside it, a red sample line (opaque).
    const box = { left: 60, top: 0, right: WIDTH, bottom: HEIGHT };
    const sample = { left: 64, top: 10, right: 80, bottom: 14 };
    const inBox = (i: number) => i % WIDTH >= box.left;
    for (let i = 0; i < WIDTH * HEIGHT; i++) {
      if (!inBox(i)) continue;
      for (let k = 0; k < 3; k++)
        image.data[i * 3 + k] = Math.round(255 * 0.8 + 0.2 * image.data[i * 3 + k]);
    }
    for (let row = 11; row < 13; row++)
      for (let column = 64; column < 80; column++) image.data.set(RED, (row * WIDTH + column) * 3);
    // A lone faint red pixel (compression noise) is no line.
    image.data.set([249, 212, 212], (5 * WIDTH + 100) * 3);
    const [blueMask, redMask] = await separateSeries(image, {
      region: REGION,
      background: WHITE,
      exclude: [box],
      colors: [BLUE, RED],
      translucent: {
        box,
        samples: [sample],
        texts: [{ left: 90, top: 0, right: 110, bottom: HEIGHT }],
      },
    });
    expect(pixelsOf(redMask)).toEqual(red);
    expect(pixelsOf(blueMask)).toEqual(blue);
    for (const i of [...red].filter(inBox)) expect(redMask.weight[i]).toBeGreaterThan(0.9);
  });

  it('reads lines through a legend with no fill as drawn', async () => {
    const { image, red, blue } = twoLines();
    const box = { left: 60, top: 0, right: WIDTH, bottom: HEIGHT };
    const [blueMask, redMask] = await separateSeries(image, {
      region: REGION,
      background: WHITE,
      exclude: [box],
      colors: [BLUE, RED],
      translucent: { box, samples: [], texts: [] },
    });
    expect(pixelsOf(redMask)).toEqual(red);
    expect(pixelsOf(blueMask)).toEqual(blue);
    for (const i of red) expect(redMask.weight[i]).toBe(1);
  });

  it('gives each grey the legend lists its own line, anti-aliased edges and all', async () => {
    // Greys are blends of one another with white: the faint edge of the dark line is the light
    // series' grey. Two lines, 2 px wide, drawn apart (rows 20 and 50) and anti-aliased.
    const [width, height] = [200, 70];
    const masks = await separateDrawnOnWhite(
      width,
      height,
      '<polyline points="5,20.3 195,26.7" stroke="#444" stroke-width="2" fill="none"/><polyline points="5,50.6 195,44.2" stroke="#9a9a9a" stroke-width="2" fill="none"/>',
      [
        [0x44, 0x44, 0x44],
        [0x9a, 0x9a, 0x9a],
      ],
    );
    // Each mask lies along its own line: the dark one wholly, the light one but for a few
    // faint pixels at the dark line's outer edge.
    const share = (mask: SeriesMask, rows: (row: number) => boolean) => {
      const pixels = [...pixelsOf(mask)];
      return pixels.filter((i) => rows(Math.floor(i / width))).length / pixels.length;
    };
    expect(share(masks[0], (row) => row > 35)).toBe(0);
    expect(share(masks[1], (row) => row < 35)).toBeLessThan(0.2);
    // And each holds its line in every column it crosses.
    for (const mask of masks) {
      const columns = new Set([...pixelsOf(mask)].map((i) => i % width));
      expect(columns.size).toBeGreaterThanOrEqual(190);
    }
  });

  it("leaves a thin black line's faint edges, a lighter series' grey, to the black line", async () => {
    // A black line 1.5 px wide, sloped (its edges see one or two of its core pixels each), and
    // an #8c8c8c line crossing it: black's edges faint enough to be under a third black are
    // the grey's full colour, and went to it as a second, dotted trace beside the black line.
    const [width, height] = [240, 90];
    const masks = await separateDrawnOnWhite(
      width,
      height,
      '<polyline points="5,10.3 120,40.6 235,25.2" stroke="#000" stroke-width="1.5" fill="none"/><polyline points="5,70.4 120,20.2 235,80.7" stroke="#8c8c8c" stroke-width="1.5" fill="none"/>',
      [
        [0, 0, 0],
        [0x8c, 0x8c, 0x8c],
      ],
    );
    // The grey line's own pixels: within 2 px of its path.
    const greyPath = (column: number) =>
      column < 120 ? 70.4 - ((column - 5) * 50.2) / 115 : 20.2 + ((column - 120) * 60.5) / 115;
    const grey = [...pixelsOf(masks[1])];
    const off = grey.filter((i) => Math.abs(Math.floor(i / width) - greyPath(i % width)) > 2);
    expect(off.length).toBeLessThan(grey.length * 0.02);
    // The grey line keeps its pixels either side of the crossing.
    expect(new Set(grey.map((i) => i % width)).size).toBeGreaterThanOrEqual(225);
  });

  it('gives each grey line its entry where the legend draws every grey paler than its line', async () => {
    // Lines of #757575 and #a2a2a2; the samples, thinner, read as #969696 and #b6b6b6: the
    // dark line's core is darker than any listed grey, and the light line nearer the darker.
    const [width, height] = [200, 70];
    const masks = await separateDrawnOnWhite(
      width,
      height,
      '<polyline points="5,20.3 195,26.7" stroke="#757575" stroke-width="2" fill="none"/><polyline points="5,50.6 195,44.2" stroke="#a2a2a2" stroke-width="2" fill="none"/>',
      [
        [0x96, 0x96, 0x96],
        [0xb6, 0xb6, 0xb6],
      ],
    );
    const rows = (mask: SeriesMask) => [...pixelsOf(mask)].map((i) => Math.floor(i / width));
    expect(rows(masks[0]).every((row) => row < 35)).toBe(true);
    expect(rows(masks[1]).filter((row) => row > 35).length).toBeGreaterThan(380);
  });

  it('finds a light grey line with no legend, however near white all its ink lies', async () => {
    // #adadad lies 29 Delta E from white: all of the line is paler than a dark line's core.
    const [width, height] = [200, 70];
    const masks = await separateDrawnOnWhite(
      width,
      height,
      '<polyline points="5,20.3 100,50.6 195,26.7" stroke="#adadad" stroke-width="2" fill="none"/>',
      [],
    );
    expect(masks).toHaveLength(1);
    expect(near(masks[0].color, [0xad, 0xad, 0xad])).toBe(true);
    expect(new Set([...pixelsOf(masks[0])].map((i) => i % width)).size).toBeGreaterThanOrEqual(190);
  });

  it('takes the colour a line is drawn in where its legend sample shows it paler', async () => {
    // The red sample reads pale (#ed6566, a thin anti-aliased stroke): the line's core (#e41a1c)
    // is a colour no entry explains, and the pale colour lies only at its edges. One red series.
    const [width, height] = [200, 70];
    const masks = await separateDrawnOnWhite(
      width,
      height,
      '<polyline points="5,20.3 100,40.6 195,16.7" stroke="#e41a1c" stroke-width="3" fill="none"/><polyline points="5,55.5 195,55.5" stroke="#377eb8" stroke-width="2" fill="none"/>',
      [
        [0xed, 0x65, 0x66],
        [0x37, 0x7e, 0xb8],
      ],
    );
    expect(masks).toHaveLength(2);
    expect(near(masks[0].color, [0xe4, 0x1a, 0x1c])).toBe(true);
    const rows = [...pixelsOf(masks[0])].map((i) => Math.floor(i / width));
    expect(Math.max(...rows)).toBeLessThan(48);
    expect(new Set([...pixelsOf(masks[0])].map((i) => i % width)).size).toBeGreaterThanOrEqual(190);
  });

  it('takes the colour a blurred line is drawn in (JPEG) where its sample shows it paler', async () => {
    // A noisy purple line blurred as JPEG blurs it: its pale edge reaches two px beyond its
    // core (#8d15c2, found as a colour no entry lists). The sample reads as that edge's colour (#b871d7): one purple series.
    const [width, height] = [200, 80];
    const points = Array.from({ length: 98 }, (_, k) => `${4 + k * 2},${40 + (k % 2 ? 9 : -9)}`);
    const masks = await separateDrawnOnWhite(
      width,
      height,
      `<filter id="b"><feGaussianBlur stdDeviation="1.2"/></filter><polyline points="${points.join(' ')}" stroke="#8d15c2" stroke-width="3" fill="none" filter="url(#b)"/>`,
      [[0xb8, 0x71, 0xd7]],
    );
    expect(masks).toHaveLength(1);
    expect(near(masks[0].color, [0xb8, 0x71, 0xd7]), `${masks[0].color}`).toBe(false);
  });

  it('gives entries whose colour draws no line (misread: their text measured) the lines no entry lists', async () => {
    const [width, height] = [200, 80];
    const masks = await separateDrawnOnWhite(
      width,
      height,
      '<polyline points="5,20.3 100,40.6 195,16.7" stroke="#9400d3" stroke-width="2" fill="none"/><polyline points="5,60.5 195,50.5" stroke="#009e73" stroke-width="2" fill="none"/>',
      [
        [31, 31, 31],
        [31, 31, 31],
      ],
    );
    expect(masks).toHaveLength(2);
    expect(
      masks.map(
        (mask) => near(mask.color, [0x94, 0x00, 0xd3]) || near(mask.color, [0x00, 0x9e, 0x73]),
      ),
    ).toEqual([true, true]);
    for (const mask of masks) {
      expect(new Set([...pixelsOf(mask)].map((i) => i % width)).size).toBeGreaterThanOrEqual(185);
    }
  });

  it('finds a JPEG-fringed line as one series with no legend (its core and fringe clustered apart)', async () => {
    // Core #2078b8 two px thick, a fringe #386d8f (darker, greyer: not a blend with white) along
    // each side; an orange line apart.
    const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(255);
    const paint = (column: number, row: number, color: Rgb) =>
      data.set(color, (row * WIDTH + column) * 3);
    for (let column = 10; column < 110; column++) {
      const row = 60 - Math.floor((column - 10) / 3);
      paint(column, row - 1, [0x38, 0x6d, 0x8f]);
      paint(column, row, [0x20, 0x78, 0xb8]);
      paint(column, row + 1, [0x20, 0x78, 0xb8]);
      paint(column, row + 2, [0x38, 0x6d, 0x8f]);
      paint(column, 12, [0xff, 0x7f, 0x0e]);
      paint(column, 13, [0xff, 0x7f, 0x0e]);
    }
    const masks = await separateOnWhite({ data, width: WIDTH, height: HEIGHT, channels: 3 }, []);
    expect(masks).toHaveLength(2);
    const blue = masks.find((mask) => near(mask.color, [0x20, 0x78, 0xb8]));
    expect(blue && pixelsOf(blue).size).toBe(400);
  });

  describe('a series in a tint of a listed colour (a colormap, greys; its entry missed)', () => {
    const [width, height] = [240, 120];
    const DARK: Rgb = [0x47, 0x5b, 0xc9];
    const separateDrawn = (drawn: string) =>
      separateDrawnOnWhite(
        width,
        height,
        `<polyline points="5,20.3 120,40.6 235,16.7" stroke="#475bc9" stroke-width="2" fill="none"/>${drawn}`,
        [DARK],
      );

    it('is a series of its own, though each of its pixels is a blend of the listed colour', async () => {
      const masks = await separateDrawn(
        '<polyline points="5,100.3 120,70.2 235,95.6" stroke="#a2bcf5" stroke-width="2" fill="none"/>',
      );
      expect(masks).toHaveLength(2);
      expect(near(masks[1].color, [0xa2, 0xbc, 0xf5])).toBe(true);
      // Each lies along its own line (the tint but for a few faint pixels at the dark line's edge).
      const rows = (mask: SeriesMask) => [...pixelsOf(mask)].map((i) => Math.floor(i / width));
      const tintRows = rows(masks[1]);
      expect(tintRows.filter((row) => row < 50).length / tintRows.length).toBeLessThan(0.2);
      expect(new Set(tintRows.filter((row) => row > 60).map((row) => row)).size).toBeGreaterThan(
        25,
      );
      expect(Math.max(...rows(masks[0]))).toBeLessThan(50);
    });

    it('is a series of its own beside a listed colour of another hue it lies nearly as near as the page', async () => {
      // A diverging colormap's pale blue (cool end's tint) beside its salmon: the pale blue lies
      // near salmon's faintest blends (7% of it, nearly the page) off them by more than a blend's
      // tolerance; that says nothing of its colour, and it is the blue's tint.
      const masks = await separateDrawnOnWhite(
        width,
        height,
        '<polyline points="5,20.3 120,40.6 235,16.7" stroke="#475bc9" stroke-width="2" fill="none"/>' +
          '<polyline points="5,55.4 120,48.2 235,60.7" stroke="#f0a68c" stroke-width="2" fill="none"/>' +
          '<polyline points="5,100.3 120,80.2 235,95.6" stroke="#c5d0e7" stroke-width="3" fill="none"/>',
        [DARK, [0xf0, 0xa6, 0x8c]],
      );
      expect(masks).toHaveLength(3);
      expect(near(masks[2].color, [0xc5, 0xd0, 0xe7])).toBe(true);
    });

    it('is not found in a translucent band of that colour, nor in a line too thin to show it whole', async () => {
      const band = await separateDrawn(
        '<polygon points="5,60 235,55 235,110 5,112" fill="#475bc9" fill-opacity="0.5"/>',
      );
      expect(band).toHaveLength(1);
      const faint = await separateDrawn(
        '<polyline points="5,100.5 120,70.5 235,95.5" stroke="#475bc9" stroke-width="0.6" fill="none"/>',
      );
      expect(faint).toHaveLength(1);
    });

    it('is found for each of two lighter greys, drawn thick, where no legend lists any', async () => {
      // A black, a dark grey and a light grey line 5 px wide, gently sloped (a figure rescaled
      // up): the two greys, blends of black with white, first go to the black; together they
      // fill many px of a column and of a row, yet each is a line of its own.
      const line = (color: string, ys: number[]) =>
        `<polyline points="5,${ys[0]} 120,${ys[1]} 235,${ys[2]}" stroke="${color}" stroke-width="5" fill="none"/>`;
      const masks = await separateDrawnOnWhite(
        width,
        height,
        line('#000', [20, 30, 24]) + line('#555', [50, 62, 58]) + line('#8c8c8c', [80, 94, 99]),
        [],
      );
      const found = masks.map((mask) => mask.color[0]).sort((a, b) => a - b);
      expect(found).toHaveLength(3);
      expect(Math.abs(found[1] - 0x55)).toBeLessThan(COLOR_TOLERANCE);
      expect(Math.abs(found[2] - 0x8c)).toBeLessThan(COLOR_TOLERANCE);
    });

    it('is not found in grid lines of a lighter grey than a listed grey series', async () => {
      // Horizontal ones, crossing the series only where it climbs through them.
      const lines = [10, 60, 110].map(
        (y) => `<line x1="0" y1="${y}.5" x2="${width}" y2="${y}.5"/>`,
      );
      const masks = await separateDrawnOnWhite(
        width,
        height,
        `<g stroke="#b0b0b0" stroke-width="1">${lines.join('')}</g><polyline points="5,20.3 120,40.6 235,16.7" stroke="#222" stroke-width="2" fill="none"/>`,
        [[0x22, 0x22, 0x22]],
      );
      expect(masks).toHaveLength(1);
    });
  });
});

describe('separateSeries with grey ink among the series', () => {
  const [width, height] = [240, 120];
  /** Grid lines every 30 px across and down, in `stroke` (dashed with `dash`). */
  const gridOf = (stroke: string, dash = '') => {
    const positions = [30, 60, 90];
    const lines = positions.flatMap((at) => [
      `<line x1="0" y1="${at}.5" x2="${width}" y2="${at}.5"/>`,
      `<line x1="${at * 2}.5" y1="0" x2="${at * 2}.5" y2="${height}"/>`,
    ]);
    return {
      svg: `<g stroke="${stroke}" stroke-width="1" ${dash}>${lines.join('')}</g>`,
      grid: { x: positions.map((at) => at * 2), y: positions },
    };
  };
  const separateDrawn = async (
    drawn: string,
    colors: Rgb[],
    grid: { x: number[]; y: number[] },
  ) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#fff"/>${drawn}</svg>`;
    const image = { data: await rasterOf(svg), width, height, channels: 3 as const };
    const region = { left: 0, top: 0, right: width, bottom: height };
    return separateSeries(image, { region, background: WHITE, exclude: [], colors, grid });
  };
  const COLOURED =
    '<polyline points="5,20.3 120,40.6 235,16.7" stroke="#475bc9" stroke-width="2" fill="none"/><polyline points="5,50.3 120,35.2 235,45.6" stroke="#d65353" stroke-width="2" fill="none"/>';
  const LISTED: Rgb[] = [
    [0x47, 0x5b, 0xc9],
    [0xd6, 0x53, 0x53],
  ];

  it("finds a series nearly grey (a diverging colormap's middle) its entry missed, not the grid", async () => {
    const { svg, grid } = gridOf('#e6e6e6');
    const masks = await separateDrawn(
      `${svg}${COLOURED}<polyline points="5,100.3 120,75.2 235,105.6" stroke="#ced5e3" stroke-width="2" fill="none"/>`,
      LISTED,
      grid,
    );
    expect(masks).toHaveLength(3);
    expect(masks[2].color).toEqual([0xce, 0xd5, 0xe3]);
    // It lies along its own line, and holds none of the grid's rows away from it.
    const rows = [...pixelsOf(masks[2])].map((i) => Math.floor(i / width));
    expect(rows.every((row) => row > 65)).toBe(true);
    expect(new Set([...pixelsOf(masks[2])].map((i) => i % width)).size).toBeGreaterThan(200);
  });

  it('takes no series from greys that are grid, tick marks drawn inside or text', async () => {
    const { svg, grid } = gridOf('#b0b0b0', 'stroke-dasharray="4 2"');
    const ticks = Array.from(
      { length: 11 },
      (_, k) =>
        `<line x1="${k * 24 + 0.5}" y1="${height}" x2="${k * 24 + 0.5}" y2="${height - 5}"/>`,
    );
    const masks = await separateDrawn(
      `${svg}<g stroke="#222">${ticks.join('')}</g><text x="20" y="80" font-size="12" fill="#333">Mean loss</text>${COLOURED}`,
      LISTED,
      grid,
    );
    expect(masks).toHaveLength(2);
  });

  it("leaves grid lines of a grey series' own grey out of it when no legend lists it", async () => {
    const { svg, grid } = gridOf('#ababab', 'stroke-dasharray="4 2"');
    const masks = await separateDrawn(
      `${svg}<polyline points="5,20.3 120,44.6 235,16.7" stroke="#ababab" stroke-width="3" fill="none"/>`,
      [],
      grid,
    );
    expect(masks).toHaveLength(1);
    // Row 90 lies below the line everywhere: only the grid runs along it.
    const onRow90 = [...pixelsOf(masks[0])].filter((i) => Math.floor(i / width) === 90);
    expect(onRow90.length).toBeLessThan(5);
  });
});

async function rasterOf(svg: string): Promise<Uint8Array> {
  const { default: sharp } = await import('sharp');
  return new Uint8Array(await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer());
}

describe('clusterColors', () => {
  it("takes a colour's darker shade, fewer of its pixels, for it (markers' dark outlines)", async () => {
    // Orange markers' fills, and their black edges anti-aliased into them: orange half-darkened.
    const [orange, shade] = [
      [0xff, 0x7f, 0x0e],
      [0x7f, 0x49, 0x1b],
    ].map((rgb) => rgbToLab(rgb as Rgb));
    const labs = [...Array(600).fill(orange), ...Array(200).fill(shade)];
    const colors = await clusterColors(labs, rgbToLab(WHITE), 1);
    expect(colors).toHaveLength(1);
    expect(deltaE(colors[0], orange)).toBeLessThan(1);
  });

  it('keeps a darker colour of its own hue apart when it draws more', async () => {
    const [orange, shade] = [
      [0xff, 0x7f, 0x0e],
      [0x7f, 0x49, 0x1b],
    ].map((rgb) => rgbToLab(rgb as Rgb));
    const labs = [...Array(300).fill(orange), ...Array(500).fill(shade)];
    expect(await clusterColors(labs, rgbToLab(WHITE), 1)).toHaveLength(2);
  });
});
