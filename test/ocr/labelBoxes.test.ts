import { describe, expect, it } from 'vitest';
import {
  apartFromUpright,
  colouredBand,
  joinedToPlot,
  joinSpacedGroups,
  lineHeight,
  onlyTickMarks,
  profileOf,
  spillsFromPlot,
  uprightAmongTicks,
} from '../../src/ocr/labelBoxes.js';
import type { Raster } from '../../src/types.js';

/** A white raster with the given pixels painted. */
function raster(width: number, height: number, paint: [number, number, number[]][]): Raster {
  const data = new Uint8Array(width * height * 3).fill(255);
  for (const [x, y, rgb] of paint) data.set(rgb, (y * width + x) * 3);
  return { data, width, height, channels: 3 };
}

describe('profileOf', () => {
  it('counts black and grey text, and no colourful marker spilling past the axis', () => {
    const image = raster(4, 3, [
      [0, 0, [0, 0, 0]],
      [1, 0, [120, 120, 120]],
      // a green marker, its anti-aliased edge, and a JPEG-tinted grey
      [0, 1, [44, 160, 44]],
      [1, 1, [150, 208, 150]],
      [2, 1, [100, 110, 125]],
      [3, 2, [214, 39, 40]],
    ]);
    const rows = profileOf(image, [255, 255, 255], [0, 1, 2], [0, 4], 'row');
    expect([...rows]).toEqual([2, 1, 0]);
  });

  it('counts the faint pixels of grey text scaled down, and no light grid line', () => {
    // a #555 label at half size: its strokes blended with the page to 200-210; a #ddd grid line
    const image = raster(4, 2, [
      [0, 0, [205, 205, 205]],
      [1, 0, [200, 200, 200]],
      [2, 0, [160, 160, 160]],
      [0, 1, [221, 221, 221]],
      [1, 1, [221, 221, 221]],
    ]);
    const rows = profileOf(image, [255, 255, 255], [0, 1], [0, 4], 'row');
    expect([...rows]).toEqual([3, 0]);
  });

  it('counts ink of any colour where asked (a title printed in blue), and no light grid line', () => {
    const image = raster(4, 2, [
      [0, 0, [0, 138, 205]],
      [1, 0, [128, 196, 229]],
      [2, 0, [68, 68, 68]],
      [0, 1, [221, 221, 221]],
    ]);
    const rows = profileOf(image, [255, 255, 255], [0, 1], [0, 4], 'row', true);
    expect([...rows]).toEqual([3, 0]);
  });
});

describe('uprightAmongTicks', () => {
  /**
   * Tick labels 8 rows tall ending at column 30 (`wide` of them reaching left to column 2, the
   * rest to 20), and an upright y label in columns 6..14, rows 30..69 (none where `label` is
   * false): Plotly's, beside the widest label at the axis' middle, a wider one above and below.
   */
  function chart(label = true) {
    const paint: [number, number, number[]][] = [];
    for (const [top, from] of [
      [5, 2],
      [45, 20],
      [85, 2],
    ]) {
      for (let row = top; row < top + 8; row++) {
        for (let column = from; column < 30; column += 2) paint.push([column, row, [0, 0, 0]]);
      }
    }
    if (label) {
      for (let row = 30; row < 70; row++) {
        for (let column = 6; column < 14; column++) paint.push([column, row, [60, 60, 60]]);
      }
    }
    return raster(32, 100, paint);
  }

  it('finds the y label no column parts from the tick labels', () => {
    const box = uprightAmongTicks(chart(), [255, 255, 255], { from: 2, to: 30 }, [0, 99], 8);
    expect(box).toEqual({ left: 6, right: 14, top: 30, bottom: 70 });
  });

  it('finds none among tick labels alone', () => {
    expect(uprightAmongTicks(chart(false), [255, 255, 255], { from: 2, to: 30 }, [0, 99], 8)).toBe(
      null,
    );
  });
});

describe('apartFromUpright', () => {
  /** Three tick labels (8 rows tall, columns 8..13) and an upright y label (columns `label`). */
  function labels(label: [number, number], tickFrom = 8) {
    const paint: [number, number, number[]][] = [];
    for (const top of [5, 45, 85]) {
      for (let row = top; row < top + 8; row++) {
        for (let column = tickFrom; column < 14; column++) paint.push([column, row, [0, 0, 0]]);
      }
    }
    for (let row = 30; row < 70; row++) {
      for (let column = label[0]; column < label[1]; column++) paint.push([column, row, [0, 0, 0]]);
    }
    return raster(16, 100, paint);
  }

  it('parts an upright y label that runs close to the tick labels from them', () => {
    const bands = apartFromUpright(
      labels([2, 6]),
      [255, 255, 255],
      { from: 2, to: 14 },
      [0, 99],
      8,
    );
    expect(bands).toEqual([
      { from: 6, to: 14 },
      { from: 2, to: 6 },
    ]);
  });

  it('leaves the tick marks alone nearest the plot where tick labels stacked tight are parted', () => {
    // Six labels 8 rows tall two rows apart (columns 2..13) run down their columns as a turned
    // label does; their tick marks (columns 16..19) stand right of them. The piece nearest the
    // plot holds the marks only, which the caller drops (`onlyTickMarks`): the labels are kept.
    const paint: [number, number, number[]][] = [];
    for (let top = 5; top < 65; top += 10) {
      for (let row = top; row < top + 8; row++) {
        for (let column = 2; column < 14; column++) paint.push([column, row, [0, 0, 0]]);
      }
      for (let column = 16; column < 20; column++) paint.push([column, top + 4, [0, 0, 0]]);
    }
    const image = raster(22, 70, paint);
    const bands = apartFromUpright(image, [255, 255, 255], { from: 2, to: 20 }, [0, 69], 8);
    expect(bands).toEqual([
      { from: 14, to: 20 },
      { from: 2, to: 14 },
    ]);
    expect(onlyTickMarks(image, [255, 255, 255], [14, 20], [0, 69])).toBe(true);
    expect(onlyTickMarks(image, [255, 255, 255], [2, 14], [0, 69])).toBe(false);
  });

  it('parts them where a tick label touches the y label, beside it', () => {
    const bands = apartFromUpright(
      labels([2, 6], 6),
      [255, 255, 255],
      { from: 2, to: 14 },
      [0, 99],
      8,
    );
    expect(bands).toEqual([
      { from: 6, to: 14 },
      { from: 2, to: 6 },
    ]);
  });

  it('parts an upright y label whose letters stand a third of the text height apart', () => {
    // Tick labels 14 rows tall; the y label's letters 6 rows long with 4-row gaps between them
    // (a serif label in a large font).
    const paint: [number, number, number[]][] = [];
    for (const top of [5, 70, 135]) {
      for (let row = top; row < top + 14; row++) {
        for (let column = 8; column < 14; column++) paint.push([column, row, [0, 0, 0]]);
      }
    }
    for (let row = 40; row < 110; row++) {
      if ((row - 40) % 10 >= 6) continue;
      for (let column = 2; column < 6; column++) paint.push([column, row, [0, 0, 0]]);
    }
    const bands = apartFromUpright(
      raster(16, 160, paint),
      [255, 255, 255],
      { from: 2, to: 14 },
      [0, 159],
      14,
    );
    expect(bands).toEqual([
      { from: 6, to: 14 },
      { from: 2, to: 6 },
    ]);
  });

  it('leaves a band of tick labels stacked tight whole, though their digits run on down a column', () => {
    // Labels 8 rows tall, 1 row apart, columns 2..13 (wider than two text heights): a column
    // crosses them all with gaps of one row, as long as an upright label.
    const paint: [number, number, number[]][] = [];
    for (const top of [5, 14, 23, 32, 41, 50, 59]) {
      for (let row = top; row < top + 8; row++) {
        for (let column = 2; column < 14; column += 2) paint.push([column, row, [0, 0, 0]]);
      }
    }
    const band = { from: 2, to: 14 };
    expect(apartFromUpright(raster(16, 70, paint), [255, 255, 255], band, [0, 69], 4)).toEqual([
      band,
    ]);
  });

  it('parts them where one tick label, wider than the others, reaches over the y label (100%)', () => {
    // y label in columns 2..8; the top tick label in columns 6..13, above it; the others 10..13
    const paint: [number, number, number[]][] = [];
    const fill = (columns: [number, number], rows: [number, number]) => {
      for (let row = rows[0]; row < rows[1]; row++) {
        for (let column = columns[0]; column < columns[1]; column++) {
          paint.push([column, row, [0, 0, 0]]);
        }
      }
    };
    fill([6, 14], [5, 13]);
    fill([10, 14], [45, 53]);
    fill([10, 14], [85, 93]);
    fill([2, 9], [30, 70]);
    const bands = apartFromUpright(
      raster(16, 100, paint),
      [255, 255, 255],
      { from: 2, to: 14 },
      [0, 99],
      8,
    );
    expect(bands).toEqual([
      { from: 9, to: 14 },
      { from: 2, to: 9 },
    ]);
  });

  it('leaves the band whole where tick labels reach as far out as the y label', () => {
    const image = labels([2, 6], 2);
    const band = { from: 2, to: 14 };
    expect(apartFromUpright(image, [255, 255, 255], band, [0, 99], 8)).toEqual([band]);
  });
});

describe('spillsFromPlot', () => {
  const black = [0, 0, 0];
  /** A plot whose left side is column 20 (the axis line), 40 px wide and 60 tall. */
  function plot(paint: [number, number, number[]][]): Raster {
    for (let row = 0; row < 60; row++) paint.push([20, row, black]);
    return raster(60, 60, paint);
  }
  /** A disc of ink centred on (x, y). */
  const disc = (x: number, y: number, r: number): [number, number, number[]][] => {
    const out: [number, number, number[]][] = [];
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++)
        if (dx * dx + dy * dy <= r * r) out.push([x + dx, y + dy, black]);
    }
    return out;
  };

  it('tells a black marker centred on the axis from text: its other half lies inside', () => {
    const image = plot([...disc(20, 30, 6)]);
    // the band found left of the axis: columns 14..17 (scanned from 17 outwards); the plot's
    // side is the axis line's centre, 20.5
    expect(spillsFromPlot(image, [255, 255, 255], 17, 4, 20.5, [0, 60], 'column')).toBe(true);
  });

  it('mirrors pixels about a side between two columns (an axis line two pixels wide)', () => {
    // the axis line in columns 19 and 20 (centre 20), a cross 12 px wide centred on it, in
    // columns 14..25, and a curve leaving its upper right arm into the plot (Chart.js' first
    // point on the y axis)
    const paint: [number, number, number[]][] = [];
    for (let row = 0; row < 60; row++) paint.push([19, row, black]);
    for (let k = 0; k < 12; k++) paint.push([14 + k, 24 + k, black], [25 - k, 24 + k, black]);
    for (let k = 1; k < 10; k++) paint.push([25 + k, 24 - k, black]);
    const image = plot(paint);
    // the band left of the axis line: columns 14..17 mirror to 22..25
    expect(spillsFromPlot(image, [255, 255, 255], 17, 4, 20, [0, 60], 'column')).toBe(true);
  });

  it('takes a tick label standing against the axis, level with a grid line, for text', () => {
    const paint: [number, number, number[]][] = [];
    // a label in columns 8..17, rows 26..34, and a dark grid line across the plot at row 30
    for (let row = 26; row < 35; row++) {
      for (let column = 8; column < 18; column += 3) paint.push([column, row, black]);
    }
    for (let column = 21; column < 60; column++) paint.push([column, 30, [90, 90, 90]]);
    const image = plot(paint);
    expect(spillsFromPlot(image, [255, 255, 255], 17, 10, 20.5, [0, 60], 'column')).toBe(false);
  });
});

describe('joinedToPlot', () => {
  const black = [0, 0, 0];
  const grey = [110, 100, 95];
  /** A plot whose left side is column 20 (the axis line), 40 px wide and 60 tall. */
  function plot(paint: [number, number, number[]][]): Raster {
    for (let row = 0; row < 60; row++) paint.push([20, row, black]);
    return raster(60, 60, paint);
  }

  it("takes error bars' caps across the axis for ink of the plot, not text", () => {
    // caps from column 14 to 26 (their ink where several colours blend reads as grey), the
    // bars they end up the axis, and series leaving the plot's edge level with them
    const paint: [number, number, number[]][] = [];
    for (const row of [20, 21, 40, 41]) {
      for (let column = 14; column < 27; column++) paint.push([column, row, grey]);
    }
    for (const row of [20, 21, 40]) {
      for (let column = 27; column < 60; column++) paint.push([column, row, grey]);
    }
    const image = plot(paint);
    expect(joinedToPlot(image, [255, 255, 255], 19, 6, 20, [0, 60], 'column')).toBe(true);
    // no marker's other half: the series run on past the mirrored band
    expect(spillsFromPlot(image, [255, 255, 255], 19, 6, 20, [0, 60], 'column')).toBe(false);
  });

  it('takes ink below the x axis running on up into the plot for ink of the plot, not text', () => {
    // the x axis is row 30; an error bar's cap at rows 31..33 (columns 10..20) under its bar:
    // most of the cap's columns end at the axis
    const paint: [number, number, number[]][] = [];
    for (let column = 0; column < 60; column++) paint.push([column, 30, black]);
    for (let row = 31; row < 34; row++) {
      for (let column = 10; column < 21; column++) paint.push([column, row, black]);
    }
    for (let row = 10; row < 31; row++) paint.push([15, row, black]);
    const image = raster(60, 60, paint);
    expect(joinedToPlot(image, [255, 255, 255], 31, 3, 30, [0, 60], 'row')).toBe(false);
    // a bar as wide as its cap (or, in z00039, an axis line 2 px thick): each column runs on
    for (let row = 10; row < 31; row++) {
      for (let column = 10; column < 21; column++) image.data.set(black, (row * 60 + column) * 3);
    }
    expect(joinedToPlot(image, [255, 255, 255], 31, 3, 30, [0, 60], 'row')).toBe(true);
  });

  it('takes a tick label a pixel apart from the axis, level with a grid line, for text', () => {
    const paint: [number, number, number[]][] = [];
    for (let row = 26; row < 35; row++) {
      for (let column = 8; column < 19; column += 2) paint.push([column, row, black]);
    }
    for (let column = 21; column < 60; column++) paint.push([column, 30, grey]);
    const image = plot(paint);
    expect(joinedToPlot(image, [255, 255, 255], 19, 12, 20, [0, 60], 'column')).toBe(false);
  });
});

describe('onlyTickMarks', () => {
  const grey = [120, 120, 120];
  /** Horizontal strokes across columns 2..8 at `rows` (each `thickness` rows). */
  function strokes(rows: number[], thickness: number): Raster {
    const paint: [number, number, number[]][] = [];
    for (const top of rows) {
      for (let row = top; row < top + thickness; row++) {
        for (let column = 2; column < 9; column++) paint.push([column, row, grey]);
      }
    }
    return raster(12, 100, paint);
  }

  it('takes a column of thin strokes (the minor ticks of a log axis) for tick marks', () => {
    const minor = [5, 9, 12, 14, 20, 30, 34, 37, 39, 45, 55, 59, 62];
    // two ticks blurred into one thicker stroke among them
    const image = strokes(minor, 1);
    for (let column = 2; column < 9; column++) image.data.set(grey, (15 * 12 + column) * 3);
    expect(onlyTickMarks(image, [255, 255, 255], [0, 12], [0, 100])).toBe(true);
  });

  it('does not take tick labels (ink as tall as their text) for tick marks', () => {
    const image = strokes([5, 30, 55, 80], 7);
    expect(onlyTickMarks(image, [255, 255, 255], [0, 12], [0, 100])).toBe(false);
  });

  it('takes thick solid ticks beside the y axis (a chart drawn large) for tick marks', () => {
    // z01521: ggplot2's ticks 9 px thick and 22 long at 2523 px wide, beside its grey panel
    const paint: [number, number, number[]][] = [];
    for (const top of [10, 60, 110, 160]) {
      for (let row = top; row < top + 9; row++) {
        for (let column = 2; column < 24; column++) paint.push([column, row, [51, 51, 51]]);
      }
    }
    expect(onlyTickMarks(raster(26, 200, paint), [255, 255, 255], [0, 26], [0, 200])).toBe(true);
  });

  it('needs more than two strokes', () => {
    expect(onlyTickMarks(strokes([20, 60], 1), [255, 255, 255], [0, 12], [0, 100])).toBe(false);
  });

  /**
   * An x axis drawn apart below a plot (rows 0..14 of a 100 px wide band): its rule at row 2,
   * and below it, at `at`, shapes `wide` columns wide reaching down to row `depth`: strokes, or
   * where wider than 1 px, outlines (as a `0` is).
   */
  function axisBelow(at: number[], wide: number, depth: number): Raster {
    const paint: [number, number, number[]][] = [];
    for (let column = 0; column < 100; column++) paint.push([column, 2, grey]);
    for (const left of at) {
      for (let column = left; column < left + wide; column++) {
        for (let row = 3; row < depth; row++) {
          const edge =
            column === left || column === left + wide - 1 || row === 3 || row === depth - 1;
          if (edge) paint.push([column, row, grey]);
        }
      }
    }
    return raster(100, 15, paint);
  }

  it('takes an x axis drawn apart, its rule and its tick marks, for tick marks', () => {
    const image = axisBelow([0, 24, 49, 74, 99], 1, 8);
    expect(onlyTickMarks(image, [255, 255, 255], [0, 15], [0, 100], 'x')).toBe(true);
    // the rule alone is no text either
    expect(onlyTickMarks(axisBelow([], 1, 8), [255, 255, 255], [0, 15], [0, 100], 'x')).toBe(true);
  });

  it('does not take labels printed against an axis rule for tick marks', () => {
    const image = axisBelow([5, 30, 55, 80], 7, 14);
    expect(onlyTickMarks(image, [255, 255, 255], [0, 15], [0, 100], 'x')).toBe(false);
  });
});

describe('onlyTickMarks below the x axis', () => {
  const grey = [90, 90, 90];
  /** A band 8 rows deep, 200 columns wide, with `shapes`: lists of [column, row] painted. */
  const band = (shapes: [number, number][]) =>
    raster(
      200,
      8,
      shapes.map(([column, row]) => [column, row, grey]),
    );
  /** A vertical stroke `width` columns wide at `left`, down the whole band. */
  const stroke = (left: number, width: number): [number, number][] =>
    Array.from({ length: width * 8 }, (_, i) => [left + (i % width), Math.floor(i / width)]);

  it('takes solid strokes down the band, two or more, for tick marks (thick at 300 dpi too)', () => {
    const image = band([...stroke(20, 1), ...stroke(90, 5), ...stroke(160, 2)]);
    expect(onlyTickMarks(image, [255, 255, 255], [0, 8], [0, 200], 'x')).toBe(true);
    expect(onlyTickMarks(band(stroke(20, 2)), [255, 255, 255], [0, 8], [0, 200], 'x')).toBe(false);
  });

  it('does not take digits (a 1 with its flag and foot, a 0) for tick marks', () => {
    const one: [number, number][] = [
      ...stroke(22, 1),
      [20, 1],
      [21, 0],
      [20, 7],
      [21, 7],
      [23, 7],
      [24, 7],
    ];
    const zero: [number, number][] = [
      ...Array.from({ length: 8 }, (_, row): [number, number] => [80, row]),
      ...Array.from({ length: 8 }, (_, row): [number, number] => [84, row]),
      [81, 0],
      [82, 0],
      [83, 0],
      [81, 7],
      [82, 7],
      [83, 7],
    ];
    const image = band([...one, ...zero, ...stroke(150, 1)]);
    expect(onlyTickMarks(image, [255, 255, 255], [0, 8], [0, 200], 'x')).toBe(false);
  });
});

describe('lineHeight', () => {
  const black = [0, 0, 0];
  it('is the band height for level text', () => {
    // three level labels 10 rows tall (rows 2..11), a descender-free font: the band's height
    const paint: [number, number, number[]][] = [];
    for (const left of [2, 20, 38]) {
      for (let row = 2; row < 12; row++) {
        for (let column = left; column < left + 12; column += 3) paint.push([column, row, black]);
      }
    }
    expect(lineHeight(raster(60, 14, paint), [255, 255, 255], [2, 12], [0, 60])).toBe(10);
  });

  it("is a slanted line's height down one column, not its band's", () => {
    // labels slanted at 45°, each a stroke 6 rows deep running 30 columns down and right: the
    // band is 36 rows tall, each column holds 6 rows of ink
    const paint: [number, number, number[]][] = [];
    for (const left of [0, 40]) {
      for (let k = 0; k < 30; k++) {
        for (let depth = 0; depth < 6; depth++) paint.push([left + k, k + depth, black]);
      }
    }
    expect(lineHeight(raster(80, 36, paint), [255, 255, 255], [0, 36], [0, 80])).toBe(6);
  });

  it('is the band height where it holds no ink', () => {
    expect(lineHeight(raster(10, 10, []), [255, 255, 255], [0, 8], [0, 10])).toBe(8);
  });
});

describe('colouredBand', () => {
  it("takes a band of a series' blue error bar caps, grey only at their JPEG fringes, for no text", () => {
    const paint: [number, number, number[]][] = [];
    for (const left of [10, 40, 70]) {
      for (let column = left; column < left + 12; column++) {
        paint.push([column, 1, [160, 175, 190]]); // a greyish fringe
        paint.push([column, 2, [31, 119, 180]]);
        paint.push([column, 3, [31, 119, 180]]);
      }
    }
    const image = raster(100, 6, paint);
    expect(colouredBand(image, [255, 255, 255], [0, 6], [0, 100], 'row')).toBe(true);
    // grey digits with a tinted JPEG edge are text
    for (let column = 10; column < 90; column++)
      image.data.set([90, 90, 90], (2 * 100 + column) * 3);
    for (let column = 10; column < 90; column++)
      image.data.set([90, 90, 90], (3 * 100 + column) * 3);
    expect(colouredBand(image, [255, 255, 255], [0, 6], [0, 100], 'row')).toBe(false);
  });
});

describe('joinSpacedGroups', () => {
  const page: [number, number, number] = [255, 255, 255];
  /**
   * Two y tick labels (rows 5..12 and 45..52, columns 40..49: `10⁻³`, `10⁻⁴`, 8 px tall) and ink
   * in `columns` over `rows` (the `5 ×` of `5 × 10⁻⁴`, or a y label turned upright).
   */
  function labels(rows: [number, number], columns: [number, number]) {
    const paint: [number, number, number[]][] = [];
    for (const top of [5, 45]) {
      for (let row = top; row < top + 8; row++) {
        for (let column = 40; column < 50; column++) paint.push([column, row, [0, 0, 0]]);
      }
    }
    for (let row = rows[0]; row < rows[1]; row++) {
      for (let column = columns[0]; column < columns[1]; column++) {
        paint.push([column, row, [0, 0, 0]]);
      }
    }
    return raster(60, 80, paint);
  }
  const bands = (columns: [number, number]) => [
    { from: 40, to: 50 },
    { from: columns[0], to: columns[1] },
  ];
  const join = (rows: [number, number], columns: [number, number]) =>
    joinSpacedGroups(labels(rows, columns), page, bands(columns), [0, 80], 8);

  it("joins a mantissa and its sign beside one tick label alone to that label's band", () => {
    expect(join([45, 53], [32, 37])).toEqual([{ from: 32, to: 50 }]);
  });

  it('leaves apart ink beside labels stacked tight and boxed as one', () => {
    // one box over rows 5..52 (the two labels joined by a stroke down column 45)
    const image = labels([45, 53], [32, 37]);
    for (let row = 13; row < 45; row++) image.data.set([0, 0, 0], (row * 60 + 45) * 3);
    expect(joinSpacedGroups(image, page, bands([32, 37]), [0, 80], 8)).toEqual(bands([32, 37]));
  });

  it('leaves apart a y label turned upright that runs down past the rows of one tick label', () => {
    expect(join([35, 70], [32, 37])).toEqual(bands([32, 37]));
  });

  it('leaves apart text beside one tick label alone that stands far from it, or is wide', () => {
    expect(join([45, 53], [22, 27])).toEqual(bands([22, 27]));
    expect(join([45, 53], [10, 37])).toEqual(bands([10, 37]));
  });
});
