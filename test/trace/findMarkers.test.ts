import { describe, expect, it } from 'vitest';
import { distanceMap } from '../../src/trace/distanceMap.js';
import { findMarkers } from '../../src/trace/findMarkers.js';
import type { Ink } from '../../src/trace/ink.js';

const WIDTH = 220;
const HEIGHT = 80;
/** The plot interior, where the series is drawn. */
const REGION = { left: 10, top: 0, right: 210, bottom: HEIGHT };
const LINE_ROW = 40;
const RADIUS = 8;

/**
 * A flat line two px thick along LINE_ROW with disc markers at `columns`; `cut` markers are
 * crossed by another series (a stripe two px wide each way through their centre, not this
 * series' ink), `specks` add small blobs of the series' colour (a noisy line's folds), and
 * `covered` markers have their right halves under another series (`occluded`).
 */
function markedLine(
  columns: number[],
  cut: number[] = [],
  specks: number[] = [],
  covered: number[] = [],
): Ink {
  const weight = new Float32Array(WIDTH * HEIGHT);
  const occluded = new Uint8Array(WIDTH * HEIGHT);
  const set = (column: number, row: number, value: number) => {
    // Drawn clipped to the plot, as renderers draw series.
    if (column >= REGION.left && column < REGION.right && row >= 0 && row < HEIGHT) {
      weight[row * WIDTH + column] = value;
    }
  };
  for (let column = 0; column < WIDTH; column++) {
    set(column, LINE_ROW - 1, 1);
    set(column, LINE_ROW, 1);
  }
  for (const cx of columns) {
    for (let row = LINE_ROW - RADIUS - 1; row <= LINE_ROW + RADIUS; row++) {
      for (let column = cx - RADIUS - 1; column <= cx + RADIUS; column++) {
        if (Math.hypot(column + 0.5 - cx, row + 0.5 - LINE_ROW) <= RADIUS) set(column, row, 1);
      }
    }
  }
  for (const cx of cut) {
    for (let k = -RADIUS - 1; k <= RADIUS; k++) {
      for (const d of [-1, 0]) {
        set(cx + d, LINE_ROW + k, 0);
        set(cx + k, LINE_ROW + d, 0);
      }
    }
  }
  for (const cx of specks) {
    for (let row = 18; row < 25; row++) {
      for (let column = cx; column < cx + 7; column++) set(column, row, 1);
    }
  }
  for (const cx of covered) {
    for (let row = LINE_ROW - RADIUS - 2; row <= LINE_ROW + RADIUS + 1; row++) {
      for (let column = cx; column <= cx + RADIUS + 1; column++) {
        set(column, row, 0);
        occluded[row * WIDTH + column] = 1;
      }
    }
  }
  return { weight, width: WIDTH, height: HEIGHT, region: REGION, occluded };
}

describe('findMarkers', () => {
  it('finds markers on a line where some are cut by another series and the plot sides', () => {
    // Eight whole markers, one crossed by another series (four pieces), two cut by the sides.
    const ink = markedLine([8, 30, 50, 70, 90, 110, 130, 150, 170, 190, 212], [110]);
    const markers = findMarkers(ink, distanceMap(ink.weight, WIDTH, HEIGHT), 1);
    expect(markers).not.toBeNull();
    const inside = markers!.centres.filter((c) => c.px > 15 && c.px < 205);
    // The whole markers inside the plot (the crossed one is put back by traceMarkers).
    expect(inside.map((c) => Math.round(c.px))).toEqual(
      expect.arrayContaining([30, 50, 70, 90, 130, 150, 170, 190]),
    );
    for (const c of inside) expect(Math.abs(c.py - LINE_ROW)).toBeLessThan(1);
  });

  it('counts markers half hidden under another series drawn over them', () => {
    // Five whole markers and four whose right halves another series covers: each leaves one
    // piece of core, half a whole one's, beside that series.
    const covered = [30, 70, 110, 170];
    const ink = markedLine([30, 50, 70, 90, 110, 130, 150, 170, 190], [], [], covered);
    const markers = findMarkers(ink, distanceMap(ink.weight, WIDTH, HEIGHT), 1);
    expect(markers).not.toBeNull();
    const xs = markers!.centres.map((c) => c.px);
    for (const cx of [50, 90, 130, 150, 190])
      expect(xs.some((x) => Math.abs(x - cx) < 1)).toBe(true);
    // The same pieces with nothing drawn beside them are a noisy line's folds.
    const bare = { ...ink, occluded: undefined };
    expect(findMarkers(bare, distanceMap(bare.weight, WIDTH, HEIGHT), 1)).toBeNull();
  });

  it('still takes small blobs apart from one another for a line that is not marked', () => {
    // Five blobs alike, three small ones each on its own (folds of a noisy line).
    const ink = markedLine([30, 50, 70, 90, 110], [], [35, 65, 95]);
    expect(findMarkers(ink, distanceMap(ink.weight, WIDTH, HEIGHT), 1)).toBeNull();
  });

  it('makes the ink mirrored across the edges only when markers were found inside', () => {
    let made = 0;
    const atEdges = () => {
      made++;
      return null;
    };
    const bare = markedLine([]);
    expect(findMarkers(bare, distanceMap(bare.weight, WIDTH, HEIGHT), 1, atEdges)).toBeNull();
    expect(made).toBe(0);
    const marked = markedLine([30, 50, 70, 90, 110, 130, 150, 170, 190]);
    expect(
      findMarkers(marked, distanceMap(marked.weight, WIDTH, HEIGHT), 1, atEdges),
    ).not.toBeNull();
    expect(made).toBe(1);
  });
});
