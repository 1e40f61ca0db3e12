import type { Rgb } from '../color.js';
import type { Box, PixelPoint } from '../types.js';

/**
 * What a PDF page draws, in the pixels of the page rendered at `scale` (72 dpi x scale): x to
 * the right, y down, origin at the top-left of the page's crop box, as the overlay draws it.
 */
export interface PageContent {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  /** Pixels per PDF point. */
  scale: number;
  paths: PdfPath[];
  texts: PdfText[];
  images: PdfImage[];
}

/** One piece of a path: from a moveTo to the next moveTo (or the end). */
export interface PdfSubpath {
  /** Its on-path points: the moveTo, every lineTo and every curve's end point. */
  points: PixelPoint[];
  /** Ended by closePath (a rectangle from `re` is closed). */
  closed: boolean;
  /** Holds at least one curve (its control points are left out of `points`). */
  curved: boolean;
}

/** One painted path with the graphics state it was painted in. */
export interface PdfPath {
  /** Drawing order on the page. */
  index: number;
  subpaths: PdfSubpath[];
  /** The stroke colour where the path is stroked and the stroke is visible, else null. */
  stroke: Rgb | null;
  /** The fill colour where the path is filled and the fill is visible, else null. */
  fill: Rgb | null;
  /** Stroke width in pixels (a zero-width "hairline" is given as 0). */
  lineWidth: number;
  /** Dash lengths in pixels; empty for a solid line. */
  dash: number[];
  /** The clip region's bounding box when the path was painted; null for the whole page. */
  clip: Box | null;
  /**
   * The origin of the innermost form XObject the path was drawn in (matplotlib draws each
   * marker as one form placed at the data point), null outside forms.
   */
  formOrigin: PixelPoint | null;
  /** Bounding box of the path's points (curve control points included). */
  box: Box;
}

/** One run of text as the PDF places it (one text item of pdfjs's text content). */
export interface PdfText {
  text: string;
  /** Start of the baseline. */
  x: number;
  y: number;
  /** Direction of the baseline in degrees, counter-clockwise on the page: 0 reads left to right, 90 bottom to top. */
  angle: number;
  /** Font size in pixels. */
  size: number;
  /** Advance along the baseline in pixels. */
  width: number;
  /** Bounding box, from the font's ascent and descent. */
  box: Box;
  /** Set where pdfjs put a space between this run and the one before it on its line. */
  spaceBefore?: true;
}

/** One image painted on the page. */
export interface PdfImage {
  /** pdfjs's object id, to fetch its pixels; null for an inline image (its pixels are here). */
  id: string | null;
  /** Native size in pixels. */
  width: number;
  height: number;
  /** Where it is painted on the page. */
  box: Box;
  /** Decoded pixels of an inline image: RGBA or RGB, row-major. */
  data: Uint8Array | Uint8ClampedArray | null;
}

export type { Rgb };
