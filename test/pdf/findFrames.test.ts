import { describe, expect, it } from 'vitest';
import { findFrameCandidates, findSegments } from '../../src/pdf/findFrames.js';
import { pdfPath } from '../helpers/pdfPaths.js';

describe('findFrameCandidates', () => {
  it('spans axis lines end to end, not where an engine snapped them across (ECharts)', () => {
    // The y axis line drawn at x = 70.5 (snapped from 70.3) over the plot's exact height, the x
    // axis line at y = 211.5 (snapped from 210.9) over its exact width.
    const paths = [
      pdfPath(
        0,
        [
          { px: 70.5, py: 35.6 },
          { px: 70.5, py: 210.9 },
        ],
        { stroke: [84, 85, 90] },
      ),
      pdfPath(
        1,
        [
          { px: 70.3, py: 211.5 },
          { px: 367.1, py: 211.5 },
        ],
        { stroke: [84, 85, 90] },
      ),
    ];
    const boxes = findFrameCandidates(paths, findSegments(paths, 1), {
      width: 400,
      height: 240,
      scale: 1,
    });
    expect(boxes).toEqual([{ left: 70.3, top: 35.6, right: 367.1, bottom: 210.9 }]);
  });
});
