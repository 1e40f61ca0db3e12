import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/math.js';
import { distanceMap } from '../../src/trace/distanceMap.js';
import { findMarkers } from '../../src/trace/findMarkers.js';
import type { Ink } from '../../src/trace/ink.js';
import { edgeInk, traceSeries } from '../../src/trace/traceSeries.js';
import type { Box, PixelPoint } from '../../src/types.js';
import { inkWeightOf } from '../helpers/inkWeight.js';

const WIDTH = 200;
const HEIGHT = 120;
const REGION = { left: 2, top: 2, right: WIDTH - 2, bottom: HEIGHT - 2 };
/** How far (px) a traced line point may sit from the drawn line. */
const LINE_TOLERANCE = 0.5;
/** How far (px) a marker point may sit from the marker's centre. */
const MARKER_TOLERANCE = 1;
/** ...and from a marker on the plot's edge, found whole in the ink mirrored across it. */
const EDGE_MARKER_TOLERANCE = 1.5;

/**
 * The weight mask of a straight line py = py0 + slope * (px - px0), `thickness` px tall in
 * each column, antialiased: a pixel's weight is the share of it the line covers.
 * Continuous coordinates: pixel (column, row) spans [column, column + 1) x [row, row + 1).
 */
function lineMask(
  py0: number,
  px0: number,
  slope: number,
  thickness: number,
  from: number,
  to: number,
): Float32Array {
  const weight = new Float32Array(WIDTH * HEIGHT);
  for (let column = from; column < to; column++) {
    const centre = py0 + slope * (column + 0.5 - px0);
    const top = centre - thickness / 2;
    const bottom = centre + thickness / 2;
    for (let row = Math.floor(top); row < Math.ceil(bottom); row++) {
      weight[row * WIDTH + column] = Math.min(bottom, row + 1) - Math.max(top, row);
    }
  }
  return weight;
}

const inkWeight = inkWeightOf(WIDTH, HEIGHT);

/** A series' ink to trace, in the test's region. */
const inkOf = (weight: Float32Array): Ink => ({
  weight,
  width: WIDTH,
  height: HEIGHT,
  region: REGION,
});

/** SVG of a black polyline through `points`, `width` px wide, with round joins. */
function polyline(points: PixelPoint[], width: number): string {
  const list = points.map((p) => `${p.px},${p.py}`).join(' ');
  return `<polyline points="${list}" fill="none" stroke="#000" stroke-width="${width}" stroke-linejoin="round"/>`;
}

/** SVG of a black disc marker (radius 4.5 px) centred on `point`. */
const disc = ({ px, py }: PixelPoint) => `<circle cx="${px}" cy="${py}" r="4.5" fill="#000"/>`;

/** `weight` with its pixels outside `region` cleared: separation reads nothing past the plot. */
function within(weight: Float32Array, region: Box): Float32Array {
  return weight.map((w, i) => {
    const [column, row] = [i % WIDTH, Math.floor(i / WIDTH)];
    const inside =
      column >= region.left && column < region.right && row >= region.top && row < region.bottom;
    return inside ? w : 0;
  });
}

/**
 * Traces `weight` (in the test's region, or `place`'s region and edges) and expects markers, one
 * point per centre, each within `tolerance` px.
 */
function expectMarkersAt(
  weight: Float32Array,
  centres: PixelPoint[],
  place: Pick<Ink, 'region' | 'edges'> = { region: REGION },
  tolerance = MARKER_TOLERANCE,
): void {
  const { points, markers } = traceSeries({ ...inkOf(weight), ...place });
  expect(markers).toBe(true);
  expect(points).toHaveLength(centres.length);
  points.forEach((point, i) => {
    const d = Math.hypot(point.px - centres[i].px, point.py - centres[i].py);
    expect(d, `marker ${i}: found (${point.px}, ${point.py})`).toBeLessThanOrEqual(tolerance);
  });
}

/** The trace's y at `px`, interpolated between its points. */
function traceAt(points: PixelPoint[], px: number): number {
  const i = points.findIndex((p) => p.px >= px);
  const [a, b] = [points[i - 1], points[i]];
  return a.py + ((px - a.px) / (b.px - a.px)) * (b.py - a.py);
}

/** Marker centres along a zigzag polyline. */
const ZIGZAG: PixelPoint[] = [
  { px: 20, py: 90 },
  { px: 55, py: 40 },
  { px: 90, py: 70 },
  { px: 125, py: 30 },
  { px: 160, py: 85 },
  { px: 185, py: 60 },
];

describe('traceSeries', () => {
  it('traces a straight line of known slope within 0.5 px', () => {
    const slope = -0.3;
    const line = (px: number) => 90 + slope * (px - 20);
    const weight = lineMask(90, 20, slope, 2, 20, 180);
    const { points, markers, coverage } = traceSeries(inkOf(weight));
    expect(markers).toBe(false);
    expect(coverage).toBe(1);
    expect(points).toHaveLength(160);
    for (const { px, py } of points) {
      expect(Math.abs(py - line(px)), `at px ${px}`).toBeLessThanOrEqual(LINE_TOLERANCE);
    }
    expect(points[0].px).toBe(20.5);
    expect(points.at(-1)!.px).toBe(179.5);
  });

  it('finds disc markers on a polyline at their centres within 1 px', async () => {
    const weight = await inkWeight(polyline(ZIGZAG, 2) + ZIGZAG.map(disc).join(''));
    expectMarkersAt(weight, ZIGZAG);
  });

  it('finds hollow ring markers (white inside, over the line) at their centres within 1 px', async () => {
    const ring = ({ px, py }: PixelPoint) =>
      `<circle cx="${px}" cy="${py}" r="4.5" fill="#fff" stroke="#000" stroke-width="1.5"/>`;
    const weight = await inkWeight(polyline(ZIGZAG, 1.5) + ZIGZAG.map(ring).join(''));
    expectMarkersAt(weight, ZIGZAG);
  });

  it('finds x and + markers drawn with thin strokes at their centres, and names their shape', async () => {
    // Arms 1.4 px wide, 9 px across, on a 2 px line: no part of them is deeper than the line.
    const centres: PixelPoint[] = [
      { px: 20, py: 90 },
      { px: 50, py: 40 },
      { px: 80, py: 70 },
      { px: 110, py: 30 },
      { px: 140, py: 85 },
      { px: 170, py: 60 },
    ];
    const arms = (d: string) => `<path d="${d}" stroke="#000" stroke-width="1.4" fill="none"/>`;
    const cross = ({ px, py }: PixelPoint) =>
      arms(
        `M${px - 4.5},${py - 4.5}L${px + 4.5},${py + 4.5}M${px - 4.5},${py + 4.5}L${px + 4.5},${py - 4.5}`,
      );
    const plus = ({ px, py }: PixelPoint) =>
      arms(`M${px - 4.5},${py}L${px + 4.5},${py}M${px},${py - 4.5}L${px},${py + 4.5}`);
    for (const [draw, shape] of [
      [cross, 'cross'],
      [plus, 'plus'],
    ] as const) {
      const weight = await inkWeight(polyline(centres, 2) + centres.map(draw).join(''));
      expectMarkersAt(weight, centres);
      expect(traceSeries(inkOf(weight)).marker).toBe(shape);
    }
  });

  it('finds x markers on a line with faint specks of its colour about (JPEG)', async () => {
    const centres = [90, 45, 75, 30, 85, 55, 88, 40, 70].map((py, i) => ({ px: 15 + 21 * i, py }));
    const cross = ({ px, py }: PixelPoint) =>
      `<path d="M${px - 4.5},${py - 4.5}L${px + 4.5},${py + 4.5}M${px - 4.5},${py + 4.5}L${px + 4.5},${py - 4.5}" stroke="#000" stroke-width="1.4"/>`;
    const weight = await inkWeight(polyline(centres, 2) + centres.map(cross).join(''));
    // Specks far from the line split no run of it, but make many thin runs of their own.
    for (const row of [110, 113, 116]) {
      for (let column = 30; column < 160; column += 2) weight[row * WIDTH + column] = 0.4;
    }
    // Specks beside three markers' arm ends make them reach 2 px farther than the others.
    for (const { px, py } of [centres[1], centres[3], centres[5]]) {
      weight[Math.floor(py - 6) * WIDTH + Math.floor(px + 6)] = 0.5;
    }
    expectMarkersAt(weight, centres);
  });

  it('puts a marker where it is drawn when the strokes beside it disagree', async () => {
    // Left of the third marker a stretch of its line is drawn 6 px low (as if another series
    // crossing it had pulled the trace): that stroke meets the marker off its centre.
    const centres = [
      { px: 20, py: 90 },
      { px: 55, py: 40 },
      { px: 90, py: 70 },
      { px: 125, py: 30 },
      { px: 160, py: 85 },
    ];
    const shifted = polyline(
      [
        { px: 62, py: 46 + 6 },
        { px: 84, py: 65 + 6 },
      ],
      2,
    );
    const erased = '<rect x="62" y="0" width="22" height="120" fill="#fff"/>';
    const weight = await inkWeight(
      polyline(centres, 2) + erased + shifted + centres.map(disc).join(''),
    );
    expectMarkersAt(weight, centres);
  });

  it('puts back a marker missing from an even grid, and one pushed aside onto it', async () => {
    // Every 20 px; the fourth marker is not drawn (hidden under another series) and the
    // sixth is drawn 3 px to the right of its vertex (cut by another series' marker).
    const centres = Array.from({ length: 9 }, (_, i) => ({
      px: 20 + 20 * i,
      py: 60 + (i % 2 ? -15 : 15) + i,
    }));
    const discs = centres
      .filter((_, i) => i !== 3)
      .map((c, i) => disc({ px: c.px + (i === 4 ? 3 : 0), py: c.py }));
    const weight = await inkWeight(polyline(centres, 2) + discs.join(''));
    expectMarkersAt(weight, centres);
  });

  it('puts markers along a line that runs on over several grid steps past the last found', async () => {
    // Every 20 px; the first three markers are hidden (under another series' markers drawn over
    // the same values), the line through them shows: one marker per step it passes.
    const centres = [40, 70, 50, 80, 45, 75, 55, 85, 60].map((py, i) => ({
      px: 20 + 20 * i,
      py,
    }));
    const discs = centres.slice(3).map(disc);
    const weight = await inkWeight(polyline(centres, 2) + discs.join(''));
    expectMarkersAt(weight, centres);
  });

  it('fits the strokes beside a marker only up to a hidden vertex', async () => {
    // Every 30 px; the second marker is hidden under another series' marker, all but a sliver
    // of its top edge. The first marker has a stroke on one side only: it must end before the
    // bend and the sliver.
    const centres = [80, 60, 70, 40, 55, 35].map((py, i) => ({ px: 20 + 30 * i, py }));
    const discs = centres.filter((_, i) => i !== 1).map(disc);
    const sliver = `<rect x="${centres[1].px - 4.5}" y="${centres[1].py - 4.5}" width="9" height="2" fill="#000"/>`;
    const weight = await inkWeight(polyline(centres, 2) + discs.join('') + sliver);
    expectMarkersAt(weight, centres);
  });

  it('moves markers drawn off their vertex back by the offset the other markers show', async () => {
    // A renderer snapping markers to whole pixels draws them half a pixel off the line's
    // vertices. The vertex of a sharp bend shows the offset; markers on a straight stretch,
    // with no bend to place them, are moved back by as much.
    const centres = [90, 30, 90, 30, 60, 90, 30, 90].map((py, i) => ({ px: 22.3 + 22 * i, py }));
    const discs = centres.map((c) => disc({ px: c.px + 0.5, py: c.py }));
    const weight = await inkWeight(polyline(centres, 2) + discs.join(''));
    const { points } = traceSeries(inkOf(weight));
    expect(points).toHaveLength(centres.length);
    // The fifth lies midway on a straight stroke.
    expect(Math.abs(points[4].px - centres[4].px)).toBeLessThanOrEqual(0.2);
  });

  it('finds markers drawn with a dark outline round a small core of the series colour', async () => {
    // Discs of radius 4.5: a 2 px dark ring round a core of radius 2.5, on a 2.5 px line. The
    // core alone is hardly wider than the line; with its outline it is a marker.
    const centres = [80, 40, 70, 30, 60, 90].map((py, i) => ({ px: 25 + 30 * i, py }));
    const cores = centres.map(
      ({ px, py }) => `<circle cx="${px}" cy="${py}" r="2.5" fill="#000"/>`,
    );
    const rings = centres.map(
      ({ px, py }) =>
        `<circle cx="${px}" cy="${py}" r="3.5" fill="none" stroke="#000" stroke-width="2"/>`,
    );
    const weight = await inkWeight(polyline(centres, 2.5) + cores.join(''));
    const outlines = Uint8Array.from(await inkWeight(rings.join('')), (w) => (w > 0.5 ? 1 : 0));
    expect(traceSeries(inkOf(weight)).markers).toBe(false);
    const { points, markers } = traceSeries({ ...inkOf(weight), outlines });
    expect(markers).toBe(true);
    expect(points).toHaveLength(centres.length);
    points.forEach((point, i) => {
      expect(Math.hypot(point.px - centres[i].px, point.py - centres[i].py)).toBeLessThanOrEqual(
        MARKER_TOLERANCE,
      );
    });
  });

  it('ends unevenly spaced markers where their line ends, at the plot edge', async () => {
    // The first point lies on the plot's left edge: its marker is cut away, its line is not.
    const centres = [
      { px: REGION.left, py: 40 },
      { px: 40, py: 80 },
      { px: 65, py: 30 },
      { px: 120, py: 70 },
      { px: 140, py: 50 },
      { px: 185, py: 90 },
    ];
    const weight = await inkWeight(polyline(centres, 2) + centres.slice(1).map(disc).join(''));
    const { points, markers } = traceSeries(inkOf(weight));
    expect(markers).toBe(true);
    expect(points).toHaveLength(centres.length);
    const [first] = points;
    expect(Math.abs(first.px - centres[0].px)).toBeLessThanOrEqual(MARKER_TOLERANCE);
    // On the line: where it crosses the edge.
    const slope = (centres[1].py - centres[0].py) / (centres[1].px - centres[0].px);
    const onLine = centres[0].py + slope * (first.px - centres[0].px);
    expect(Math.abs(first.py - onLine)).toBeLessThanOrEqual(MARKER_TOLERANCE);
  });

  it('finds the markers drawn on the plot`s edges, cut there, as its first and last points', async () => {
    // Data at both axis limits: the first and last discs are centred on the frame's columns,
    // and only their inner halves lie in the region traced (separation reads nothing past it).
    const edges = { left: 10, top: 0, right: 189, bottom: HEIGHT };
    const region = { left: 12, top: 2, right: 187, bottom: HEIGHT - 2 };
    const centres: PixelPoint[] = [
      { px: 10.5, py: 80 },
      { px: 40, py: 50 },
      { px: 70, py: 70 },
      { px: 100, py: 40 },
      { px: 130, py: 75 },
      { px: 160, py: 45 },
      { px: 189.5, py: 60 },
    ];
    const drawn = await inkWeight(polyline(centres, 2) + centres.map(disc).join(''));
    const weight = within(drawn, region);
    expectMarkersAt(weight, centres, { region, edges }, EDGE_MARKER_TOLERANCE);
  });

  it('finds a marker on the plot`s edge whose steep line, mirrored there, joins it in a V', async () => {
    // The first disc is centred on the left edge, its line falling steeply from it: mirrored,
    // the line's two legs meet under the disc, a blob twice a marker's length. Its kernel, as
    // deep as the markers but for a pixel, is one of them.
    const edges = { left: 10, top: 0, right: 189, bottom: HEIGHT };
    const region = { left: 12, top: 2, right: 187, bottom: HEIGHT - 2 };
    const centres: PixelPoint[] = [
      { px: 10.5, py: 20 },
      { px: 25, py: 100 },
      { px: 70, py: 60 },
      { px: 110, py: 90 },
      { px: 150, py: 50 },
      { px: 180, py: 80 },
    ];
    const large = ({ px, py }: PixelPoint) => `<circle cx="${px}" cy="${py}" r="6.5" fill="#000"/>`;
    const drawn = await inkWeight(polyline(centres, 2) + centres.map(large).join(''));
    const weight = within(drawn, region);
    expectMarkersAt(weight, centres, { region, edges }, EDGE_MARKER_TOLERANCE);
  });

  it('keeps a whole marker touching the plot`s edge, doubled where the ink is mirrored', async () => {
    // Four discs, the last whole just inside the bottom edge: mirrored across it, it joins its
    // image in a blob twice a marker's size. It stays the series' fourth marker.
    const edges = { left: 0, top: 0, right: WIDTH, bottom: 100 };
    const region = { left: 2, top: 2, right: WIDTH - 2, bottom: 100 };
    const centres: PixelPoint[] = [
      { px: 30, py: 50 },
      { px: 80, py: 20 },
      { px: 130, py: 60 },
      { px: 180, py: 95 },
    ];
    const drawn = await inkWeight(polyline(centres, 2) + centres.map(disc).join(''));
    const weight = drawn.map((w, i) => (i < 100 * WIDTH ? w : 0));
    expectMarkersAt(weight, centres, { region, edges }, EDGE_MARKER_TOLERANCE);
  });

  it('takes no marker from a bare line or an error bar mirrored across the plot`s edges', async () => {
    // A line running along the top edge and a vertical bar on the left one: mirrored, each is
    // twice as thick, deep as a marker, but long. Discs inside are the series' markers.
    const edges = { left: 10, top: 10, right: 190, bottom: HEIGHT };
    const region = { left: 12, top: 12, right: 188, bottom: HEIGHT - 2 };
    const centres: PixelPoint[] = [
      { px: 50, py: 60 },
      { px: 80, py: 90 },
      { px: 110, py: 50 },
      { px: 140, py: 80 },
    ];
    const along = '<line x1="120" y1="13" x2="188" y2="13" stroke="#000" stroke-width="2"/>';
    const bar = '<line x1="13" y1="30" x2="13" y2="100" stroke="#000" stroke-width="2"/>';
    const drawn = await inkWeight(polyline(centres, 2) + centres.map(disc).join('') + along + bar);
    const weight = within(drawn, region);
    const ink = { weight, width: WIDTH, height: HEIGHT, region, edges };
    const markers = findMarkers(ink, distanceMap(weight, WIDTH, HEIGHT), 1, () => edgeInk(ink, 3));
    const found = [...(markers?.centres ?? [])].sort((a, b) => a.px - b.px);
    expect(found).toHaveLength(centres.length);
    found.forEach((point, i) => {
      const d = Math.hypot(point.px - centres[i].px, point.py - centres[i].py);
      expect(d, `marker ${i}: found (${point.px}, ${point.py})`).toBeLessThanOrEqual(
        EDGE_MARKER_TOLERANCE,
      );
    });
  });

  it('keeps two markers drawn over each other apart', async () => {
    // The third and fourth points are 8 px apart: their discs (r 4.5) overlap.
    const centres = [
      { px: 20, py: 80 },
      { px: 60, py: 40 },
      { px: 100, py: 70 },
      { px: 108, py: 76 },
      { px: 150, py: 30 },
      { px: 185, py: 60 },
    ];
    const weight = await inkWeight(polyline(centres, 2) + centres.map(disc).join(''));
    expectMarkersAt(weight, centres);
  });

  it('puts the vertex of a sharp, thick peak where its two strokes meet', async () => {
    const peak = { px: 100, py: 20 };
    const weight = await inkWeight(polyline([{ px: 20, py: 100 }, peak, { px: 180, py: 100 }], 4));
    const { points, markers, marker } = traceSeries(inkOf(weight));
    expect(markers).toBe(false);
    expect(marker).toBeNull();
    // A column centre inside the bend would sit about 2 px low.
    expect(Math.abs(traceAt(points, peak.px) - peak.py)).toBeLessThanOrEqual(LINE_TOLERANCE);
  });

  it('puts the peaks of a dense zigzag at its vertices, its thin width read across its steep strokes', async () => {
    // A vertex every 3 px, 20 px up and down: every column's run is tall, and only rows
    // across the strokes show the line is 1.5 px wide.
    const vertices = Array.from({ length: 41 }, (_, i) => ({
      px: 40.5 + 3 * i,
      py: i % 2 ? 40 : 60 + (i % 3),
    }));
    const weight = await inkWeight(polyline(vertices, 1.5));
    const { points } = traceSeries(inkOf(weight));
    const errors = vertices.slice(1, -1).map((v) => Math.abs(traceAt(points, v.px) - v.py));
    expect(percentile(errors, 0.5)).toBeLessThanOrEqual(1.5);
  });

  it('keeps a thick line through squares not found as markers at their middles', async () => {
    // Squares 16 px on a side on a line 6 px wide, too few to be markers, one on a steep
    // stroke: the line's drawing cannot cover a square, and fitted to it the line zigzagged
    // across the square (2.5 px off its middle), its columns beside the middle fitted too.
    const vertices = [
      { px: 20, py: 105 },
      { px: 40, py: 45 },
      { px: 80, py: 30 },
      { px: 95, py: 75 },
      { px: 150, py: 70 },
      { px: 180, py: 20 },
    ];
    const squares = [vertices[1], { px: 30, py: 75 }, vertices[3]];
    const square = ({ px, py }: PixelPoint) =>
      `<rect x="${px - 8}" y="${py - 8}" width="16" height="16" fill="#000"/>`;
    const weight = await inkWeight(polyline(vertices, 6) + squares.map(square).join(''));
    const { points, markers } = traceSeries(inkOf(weight));
    expect(markers).toBe(false);
    for (const { px, py } of squares) {
      expect(Math.abs(traceAt(points, px) - py), `at px ${px}`).toBeLessThanOrEqual(
        MARKER_TOLERANCE,
      );
    }
  });

  it('ends a line at its last point through a small marker drawn there', async () => {
    // A triangle 7 px wide, too small to be found as a marker, on the line's last point.
    const end = { px: 150.5, py: 90 };
    const triangle = `<polygon points="${end.px - 3.5},${end.py - 3} ${end.px + 3.5},${end.py - 3} ${end.px},${end.py + 4}" fill="#000"/>`;
    const weight = await inkWeight(polyline([{ px: 20, py: 30 }, end], 2.5) + triangle);
    const { points, markers } = traceSeries(inkOf(weight));
    expect(markers).toBe(false);
    expect(Math.abs(traceAt(points, end.px) - end.py)).toBeLessThanOrEqual(LINE_TOLERANCE);
  });

  it('places the vertices of a noisy curve with a data point every column or so', async () => {
    // Noise up to 16 px every 1.25 px: most columns hold a vertex, their ink spans both of its
    // strokes, and the ink's centre is several px off the vertex (3.2 px on average). Between
    // the vertices the strokes are steep: a vertex's x off its column's centre still costs.
    const vertices = Array.from({ length: 121 }, (_, i) => ({
      px: 25 + 1.25 * i,
      py: 60 + 8 * Math.sin(i * 2.3) + 8 * Math.sin(i * 0.7 + 1),
    }));
    const weight = await inkWeight(polyline(vertices, 1.5));
    const { points } = traceSeries(inkOf(weight));
    const errors = vertices.slice(2, -2).map((v) => Math.abs(traceAt(points, v.px) - v.py));
    expect(errors.reduce((sum, e) => sum + e, 0) / errors.length).toBeLessThanOrEqual(2.7);
  });

  it('traces a dense noisy line with spikes as a line, not its spikes as thin markers', async () => {
    // A vertex every 1.5 px with noise, and every 30 px a spike 7 px up or down: the spikes'
    // tips stick out beyond the traced line's width alike, as thin markers' arms would.
    let seed = 7;
    const noise = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647 - 0.5;
    };
    const vertices = Array.from({ length: 120 }, (_, k) => {
      const spike = k % 20 === 0 ? (k % 40 === 0 ? 7 : -7) : 0;
      const px = 10 + 1.5 * k;
      return { px, py: 60 + 15 * Math.sin(px / 30) + 2 * noise() + spike };
    });
    const weight = await inkWeight(polyline(vertices, 2.5));
    const { points, markers } = traceSeries(inkOf(weight));
    expect(markers).toBe(false);
    // One point per column, the line followed from end to end.
    expect(points.length).toBeGreaterThan(170);
    const errors = vertices.slice(2, -2).map((v) => Math.abs(traceAt(points, v.px) - v.py));
    expect(percentile(errors, 0.5)).toBeLessThanOrEqual(2);
  });

  it('finds the vertices of a near-vertical jump within 1 px', async () => {
    // Two strokes at 7 px apart in x joined by one 90 px tall: each column of the jump holds
    // a 13 px run, and the column trace alone rounds both vertices off by several px.
    const vertices = [
      { px: 20, py: 90 },
      { px: 90, py: 15 },
      { px: 97, py: 105 },
      { px: 180, py: 70 },
    ];
    const weight = await inkWeight(polyline(vertices, 1.7));
    const { points, markers } = traceSeries(inkOf(weight));
    expect(markers).toBe(false);
    for (const vertex of vertices.slice(1, 3)) {
      expect(
        Math.abs(traceAt(points, vertex.px) - vertex.py),
        `vertex at px ${vertex.px}`,
      ).toBeLessThanOrEqual(MARKER_TOLERANCE);
    }
  });

  it('finds the vertices of a dashed line and of its near-vertical jump within 1 px', async () => {
    // Dashes 9 px long, gaps 4 px: the near-vertical jump's columns are split into
    // pieces, and the dashes at its ends are bent round its vertices.
    const vertices = [
      { px: 10, py: 90 },
      { px: 60, py: 60 },
      { px: 110, py: 80 },
      { px: 113, py: 20 },
      { px: 150, py: 35 },
      { px: 190, py: 95 },
    ];
    const list = vertices.map((p) => `${p.px},${p.py}`).join(' ');
    const weight = await inkWeight(
      `<polyline points="${list}" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="9 4"/>`,
    );
    const { points, markers } = traceSeries(inkOf(weight));
    expect(markers).toBe(false);
    for (const vertex of vertices.slice(1, -1)) {
      expect(
        Math.abs(traceAt(points, vertex.px) - vertex.py),
        `vertex at px ${vertex.px}`,
      ).toBeLessThanOrEqual(MARKER_TOLERANCE);
    }
  });

  it('follows a dotted line past a speck of its colour in a gap between dots', async () => {
    // Dots 3 px long every 8 px from x = 10: columns 13 to 17 are a gap, and a speck there
    // is all those columns hold unless the gap is bridged.
    const weight = await inkWeight(
      '<polyline points="10,60.5 190,60.5" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="3 5"/><rect x="14" y="20" width="2" height="2" fill="#000"/>',
    );
    const { points } = traceSeries(inkOf(weight));
    for (const { px, py } of points) {
      expect(Math.abs(py - 60.5), `at px ${px}`).toBeLessThanOrEqual(LINE_TOLERANCE);
    }
  });

  it('leaves a gap where the line is hidden rather than follow an error bar cap there', async () => {
    // The line is hidden over columns 96 to 106 (under a marker of another series); all its
    // colour there is an error bar's cap, 8 px wide, 30 px below it.
    const weight = await inkWeight(
      '<polyline points="10,50.5 96,50.5" fill="none" stroke="#000" stroke-width="2"/><polyline points="107,50.5 190,50.5" fill="none" stroke="#000" stroke-width="2"/><rect x="97" y="80" width="8" height="2" fill="#000"/>',
    );
    const { points } = traceSeries(inkOf(weight));
    for (const { px, py } of points) {
      expect(Math.abs(py - 50.5), `at px ${px}`).toBeLessThanOrEqual(LINE_TOLERANCE);
    }
    expect(traceAt(points, 101)).toBeCloseTo(50.5, 0);
  });

  it.each([
    ['first', 40, 150],
    ['last', 160, 50],
  ])(
    'ends the line at the middle of an error bar on its %s point, not along its cap',
    async (_, end, other) => {
      // A line 2 px wide from (end, 60) to (other, 40); an error bar 3 px wide from row 35 to 85
      // at its end, with caps 14 px wide: past the line's end they hold the series' only ink.
      const slope = (40 - 60) / (other - end);
      const at = (px: number) => 60 + slope * (px - end);
      const weight = await inkWeight(
        polyline(
          [
            { px: end, py: 60 },
            { px: other, py: 40 },
          ],
          2,
        ) +
          `<rect x="${end - 1.5}" y="35" width="3" height="50" fill="#000"/>` +
          `<rect x="${end - 7}" y="35" width="14" height="2" fill="#000"/>` +
          `<rect x="${end - 7}" y="83" width="14" height="2" fill="#000"/>`,
      );
      const { points, markers } = traceSeries(inkOf(weight));
      expect(markers).toBe(false);
      const ends = [points[0], points.at(-1)!];
      const tip = end < other ? ends[0] : ends[1];
      expect(Math.abs(tip.px - end)).toBeLessThanOrEqual(1);
      expect(Math.abs(tip.py - 60)).toBeLessThanOrEqual(1);
      for (const { px, py } of points.filter((p) => Math.abs(p.px - end) > 8)) {
        expect(Math.abs(py - at(px)), `at px ${px}`).toBeLessThanOrEqual(1);
      }
    },
  );

  it('traces a line that strays far from the straight legs between its blobs as a line', async () => {
    // Blobs every 40 px on a wave 40 px long: the legs between them are flat, the line is not
    // (a noisy line's folds, or markers on every few of its points).
    const wave = (px: number) => 60 + 15 * Math.sin(((px - 20) / 40) * 2 * Math.PI);
    const line = Array.from({ length: 161 }, (_, i) => ({ px: 20 + i, py: wave(20 + i) }));
    const weight = await inkWeight(
      polyline(line, 2) + [20, 60, 100, 140, 180].map((px) => disc({ px, py: 60 })).join(''),
    );
    const { points, markers } = traceSeries(inkOf(weight));
    expect(markers).toBe(false);
    for (const px of [30, 50, 75, 110, 170]) {
      expect(Math.abs(traceAt(points, px) - wave(px)), `at px ${px}`).toBeLessThanOrEqual(1);
    }
  });

  it('sharpens the vertices of a zigzag with a bend every 6 columns', async () => {
    const vertices = Array.from({ length: 27 }, (_, i) => ({
      px: 22 + 6 * i,
      py: 60 + (i % 2 ? -8 : 8) + (i % 3),
    }));
    const weight = await inkWeight(polyline(vertices, 1));
    const { points } = traceSeries(inkOf(weight));
    const errors = vertices
      .slice(1, -1)
      .map((vertex) => Math.abs(traceAt(points, vertex.px) - vertex.py));
    const mean = errors.reduce((sum, e) => sum + e, 0) / errors.length;
    expect(mean).toBeLessThanOrEqual(LINE_TOLERANCE);
  });

  it.each([
    ['circle', (x: number, y: number) => `<circle cx="${x}" cy="${y}" r="5" fill="#000"/>`],
    [
      'square',
      (x: number, y: number) =>
        `<rect x="${x - 5}" y="${y - 5}" width="10" height="10" fill="#000"/>`,
    ],
    [
      'diamond',
      (x: number, y: number) =>
        `<polygon points="${x},${y - 7} ${x + 7},${y} ${x},${y + 7} ${x - 7},${y}" fill="#000"/>`,
    ],
    [
      'triangle-up',
      (x: number, y: number) =>
        `<polygon points="${x},${y - 6} ${x + 6},${y + 6} ${x - 6},${y + 6}" fill="#000"/>`,
    ],
    [
      'triangle-down',
      (x: number, y: number) =>
        `<polygon points="${x},${y + 6} ${x + 6},${y - 6} ${x - 6},${y - 6}" fill="#000"/>`,
    ],
  ])('names %s markers', async (shape, draw) => {
    const centres = [20, 55, 90, 125, 160].map((px, i) => ({ px, py: i % 2 ? 40 : 80 }));
    const weight = await inkWeight(
      polyline(centres, 1.5) + centres.map((c) => draw(c.px, c.py)).join(''),
    );
    const { markers, marker } = traceSeries(inkOf(weight));
    expect(markers).toBe(true);
    expect(marker).toBe(shape);
  });

  it('returns no points for an empty mask', () => {
    const weight = new Float32Array(WIDTH * HEIGHT);
    const { points, coverage } = traceSeries(inkOf(weight));
    expect(points).toEqual([]);
    expect(coverage).toBe(0);
  });
});
