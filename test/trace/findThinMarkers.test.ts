import { describe, expect, it } from 'vitest';
import { findThinMarkers } from '../../src/trace/findThinMarkers.js';
import type { PixelPoint } from '../../src/types.js';
import { inkWeightOf } from '../helpers/inkWeight.js';

const WIDTH = 200;
const HEIGHT = 120;
const REGION = { left: 2, top: 2, right: WIDTH - 2, bottom: HEIGHT - 2 };
/** How far (px) a marker's centre may be found from where it is drawn. */
const CENTRE_TOLERANCE = 1;
const LINE_WIDTH = 2;

const inkWeight = inkWeightOf(WIDTH, HEIGHT);

/** SVG of a black polyline through `points`, LINE_WIDTH px wide. */
function polyline(points: PixelPoint[]): string {
  const list = points.map((p) => `${p.px},${p.py}`).join(' ');
  return `<polyline points="${list}" fill="none" stroke="#000" stroke-width="${LINE_WIDTH}" stroke-linejoin="round"/>`;
}

/** SVG of an `x` marker 9 px across, arms 1.4 px wide, centred on `point`. */
const cross = ({ px, py }: PixelPoint) =>
  `<path d="M${px - 4.5},${py - 4.5}L${px + 4.5},${py + 4.5}M${px - 4.5},${py + 4.5}L${px + 4.5},${py - 4.5}" stroke="#000" stroke-width="1.4"/>`;

/** SVG of a vertical error bar `half` px either side of `point`, with caps 6 px wide. */
const errorBar = ({ px, py }: PixelPoint, half: number) =>
  `<path d="M${px},${py - half}V${py + half}M${px - 3},${py - half}H${px + 3}M${px - 3},${py + half}H${px + 3}" stroke="#000" stroke-width="1.4"/>`;

/** The drawn polyline sampled at each column's centre, as a trace gives it. */
function traced(points: PixelPoint[]): PixelPoint[] {
  const line: PixelPoint[] = [];
  for (let k = 1; k < points.length; k++) {
    const [a, b] = [points[k - 1], points[k]];
    for (let column = Math.ceil(a.px - 0.5); column + 0.5 < b.px; column++) {
      const px = column + 0.5;
      line.push({ px, py: a.py + ((b.py - a.py) * (px - a.px)) / (b.px - a.px) });
    }
  }
  return line;
}

/** findThinMarkers on the line through `points`, traced as drawn, in the ink of `svg`. */
async function thinMarkersIn(points: PixelPoint[], svg: string) {
  const weight = await inkWeight(svg);
  return findThinMarkers(traced(points), LINE_WIDTH, {
    weight,
    width: WIDTH,
    height: HEIGHT,
    region: REGION,
  });
}

/** That `found` is crosses, one at each of `centres`. */
function expectCrossesAt(
  found: ReturnType<typeof findThinMarkers>,
  centres: { px: number; py: number }[],
): void {
  expect(found?.shape).toBe('cross');
  expect(found?.markers).toHaveLength(centres.length);
  found?.markers.forEach((m, i) => {
    expect(
      Math.hypot(m.px - centres[i].px, m.py - centres[i].py),
      `marker ${i}`,
    ).toBeLessThanOrEqual(CENTRE_TOLERANCE);
  });
}

describe('findThinMarkers', () => {
  it('finds x markers beside their line at their centres, as crosses', async () => {
    const centres = [70, 40, 60, 30, 80, 50].map((py, i) => ({ px: 25 + 30 * i, py }));
    const found = await thinMarkersIn(centres, polyline(centres) + centres.map(cross).join(''));
    expectCrossesAt(found, centres);
  });

  it('finds x markers drawn over error bars, long or short, at their centres', async () => {
    // Bars from 7 to 40 px either side: beside the line they are ink as far as the search
    // reaches or to their caps, which made the markers look taller than they are and unlike.
    const centres = [70, 50, 60, 45, 75, 55].map((py, i) => ({ px: 25 + 30 * i, py }));
    const halves = [7, 40, 8, 30, 7, 35];
    const found = await thinMarkersIn(
      centres,
      polyline(centres) +
        centres.map((c, i) => errorBar(c, halves[i])).join('') +
        centres.map(cross).join(''),
    );
    expectCrossesAt(found, centres);
  });

  it('finds none on a bare zigzag', async () => {
    const points = [70, 40, 60, 30, 80, 50, 75, 35].map((py, i) => ({ px: 15 + 24 * i, py }));
    expect(await thinMarkersIn(points, polyline(points))).toBeNull();
  });

  it('finds none where the line bends between the markers found (markers missed)', async () => {
    // A vertex every 20 px, a marker on every other one only: the line bends between them.
    const points = [70, 40, 60, 30, 80, 50, 75, 35, 65].map((py, i) => ({ px: 20 + 20 * i, py }));
    const marked = points.filter((_, i) => i % 2 === 0);
    expect(await thinMarkersIn(points, polyline(points) + marked.map(cross).join(''))).toBeNull();
  });
});
