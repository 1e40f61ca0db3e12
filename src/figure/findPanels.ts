import type { PanelInfo, Raster } from '../types.js';

/**
 * The charts an image holds, as panels in reading order (rows top to bottom, left to right).
 * Today one panel, the whole image: this is where a figure of subplots will be split.
 */
export function findPanels(image: Raster): PanelInfo[] {
  return [
    { index: 0, label: null, box: { left: 0, top: 0, right: image.width, bottom: image.height } },
  ];
}
