import type { Box, PixelPoint } from '../types.js';
import type { PdfImage, PdfPath, PdfSubpath, Rgb } from './types.js';

/** An affine transform `[a, b, c, d, e, f]`: (x, y) -> (a x + c y + e, b x + d y + f). */
export type Matrix = readonly [number, number, number, number, number, number];

/** pdfjs's operator numbers (its `OPS` table), by name. */
export type OpTable = Readonly<Record<string, number>>;

/** pdfjs 5's packed path commands inside `constructPath` (its `DrawOPS`). */
const DRAW_MOVE = 0;
const DRAW_LINE = 1;
const DRAW_CURVE = 2;
const DRAW_QUADRATIC = 3;
const DRAW_CLOSE = 4;

/**
 * Forms nested deeper than this are not drawn: no chart needs more than a few levels, and a
 * hostile file can nest thousands.
 */
export const MAX_FORM_DEPTH = 24;

export interface WalkResult {
  paths: PdfPath[];
  images: PdfImage[];
  /** Forms skipped for being nested deeper than MAX_FORM_DEPTH. */
  deepForms: number;
}

interface GraphicsState {
  ctm: Matrix;
  stroke: Rgb | null;
  fill: Rgb | null;
  strokeAlpha: number;
  fillAlpha: number;
  lineWidth: number;
  dash: number[];
  clip: Box | null;
  formOrigin: PixelPoint | null;
}

/** `m1` after `m2`: the transform that applies `m2` first, as pdfjs's `Util.transform(m1, m2)`. */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

export function applyMatrix(m: Matrix, x: number, y: number): PixelPoint {
  return { px: m[0] * x + m[2] * y + m[4], py: m[1] * x + m[3] * y + m[5] };
}

/** The bounding box of a rectangle given by two corners, after a transform. */
export function transformBox(m: Matrix, x0: number, y0: number, x1: number, y1: number): Box {
  const corners = [
    applyMatrix(m, x0, y0),
    applyMatrix(m, x1, y0),
    applyMatrix(m, x1, y1),
    applyMatrix(m, x0, y1),
  ];
  return boxOf(corners);
}

export function boxOf(points: readonly PixelPoint[]): Box {
  let left = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const { px, py } of points) {
    if (px < left) left = px;
    if (px > right) right = px;
    if (py < top) top = py;
    if (py > bottom) bottom = py;
  }
  return { left, top, right, bottom };
}

function intersect(a: Box | null, b: Box): Box {
  if (!a) return b;
  return {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
}

/** How much a transform scales lengths (the square root of its determinant). */
function lengthScale(m: Matrix): number {
  return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
}

function parseHex(value: unknown): Rgb | null {
  if (typeof value !== 'string' || !/^#[0-9a-f]{6}$/i.test(value)) return null;
  const n = Number.parseInt(value.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Walks a page's operator list (pdfjs's `fnArray` / `argsArray`) and returns every painted
 * path and image in page pixels: `base` maps PDF user space to them (the viewport's transform).
 * Paths keep their colours, width, dash, clip and the form they were drawn in; invisible
 * paint (alpha 0, pattern colours) is dropped. A pure function over the list: it throws nothing
 * for unknown or malformed operators, which are skipped.
 */
export function walkOperators(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  ops: OpTable,
  base: Matrix,
): WalkResult {
  const paths: PdfPath[] = [];
  const images: PdfImage[] = [];
  const stack: GraphicsState[] = [];
  let state: GraphicsState = {
    ctm: base,
    stroke: [0, 0, 0],
    fill: [0, 0, 0],
    strokeAlpha: 1,
    fillAlpha: 1,
    lineWidth: 1,
    dash: [],
    clip: null,
    formOrigin: null,
  };
  let pendingClip = false;
  let depth = 0;
  /** Depth at which drawing stopped for a form nested too deep; 0 while drawing. */
  let skipFrom = 0;
  let deepForms = 0;

  const save = () => stack.push({ ...state });
  const restore = () => {
    const previous = stack.pop();
    if (previous) state = previous;
  };

  const paintOps = {
    stroke: new Set([ops.stroke, ops.closeStroke]),
    fill: new Set([ops.fill, ops.eoFill]),
    both: new Set([ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]),
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = (argsArray[i] ?? []) as unknown[];
    if (fn === ops.paintFormXObjectBegin) {
      depth += 1;
      save();
      if (skipFrom === 0 && depth > MAX_FORM_DEPTH) {
        skipFrom = depth;
        deepForms += 1;
      }
      const matrix = toMatrix(args[0]);
      if (matrix) state.ctm = multiply(state.ctm, matrix);
      state.formOrigin = applyMatrix(state.ctm, 0, 0);
      const bbox = toNumbers(args[1], 4);
      if (bbox) state.clip = intersect(state.clip, transformBox(state.ctm, ...bbox));
      continue;
    }
    if (fn === ops.paintFormXObjectEnd) {
      restore();
      if (depth === skipFrom) skipFrom = 0;
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (skipFrom !== 0) continue;
    switch (fn) {
      case ops.save:
      case ops.beginGroup:
        save();
        break;
      case ops.restore:
      case ops.endGroup:
        restore();
        break;
      case ops.transform: {
        const matrix = toMatrix(args);
        if (matrix) state.ctm = multiply(state.ctm, matrix);
        break;
      }
      case ops.clip:
      case ops.eoClip:
        pendingClip = true;
        break;
      case ops.constructPath: {
        const [paintOp, packed, minMax] = args as [number, unknown[] | undefined, unknown];
        const bounds = toNumbers(minMax, 4);
        if (pendingClip) {
          pendingClip = false;
          if (bounds) state.clip = intersect(state.clip, transformBox(state.ctm, ...bounds));
        }
        const path = paintedPath(state, packed, bounds, {
          stroked: paintOps.stroke.has(paintOp) || paintOps.both.has(paintOp),
          filled: paintOps.fill.has(paintOp) || paintOps.both.has(paintOp),
          index: paths.length,
        });
        if (path) paths.push(path);
        break;
      }
      case ops.paintImageXObject:
      case ops.paintImageXObjectRepeat:
      case ops.paintInlineImageXObject: {
        const image = placedImage(args, fn === ops.paintInlineImageXObject, state.ctm);
        if (image) images.push(image);
        break;
      }
      default:
        setPaint(state, fn, args, ops);
    }
  }
  return { paths, images, deepForms };
}

/** Applies an operator that sets how paths are painted (width, dash, colours, alpha); ignores others. */
function setPaint(state: GraphicsState, fn: number, args: unknown[], ops: OpTable): void {
  switch (fn) {
    case ops.setLineWidth:
      if (typeof args[0] === 'number') state.lineWidth = args[0];
      break;
    case ops.setDash:
      state.dash = dashOf(args[0]);
      break;
    case ops.setStrokeRGBColor:
      state.stroke = parseHex(args[0]);
      break;
    case ops.setFillRGBColor:
      state.fill = parseHex(args[0]);
      break;
    case ops.setStrokeColorN:
    case ops.setStrokeTransparent:
      state.stroke = null;
      break;
    case ops.setFillColorN:
    case ops.setFillTransparent:
      state.fill = null;
      break;
    case ops.setGState:
      applyGState(state, args[0]);
      break;
    default:
      break;
  }
}

/**
 * The path a `constructPath` operator paints with the graphics state, in page pixels; null
 * where it has no points or bounds, or paints nothing visible (no stroke or fill, alpha 0,
 * a pattern colour).
 */
function paintedPath(
  state: GraphicsState,
  packed: unknown[] | undefined,
  bounds: [number, number, number, number] | null,
  { stroked, filled, index }: { stroked: boolean; filled: boolean; index: number },
): PdfPath | null {
  const data = packed?.[0];
  const subpaths = data instanceof Float32Array || Array.isArray(data) ? unpack(data) : [];
  if (subpaths.length === 0 || !bounds) return null;
  if (!stroked && !filled) return null;
  const stroke = stroked && state.strokeAlpha > 0 ? state.stroke : null;
  const fill = filled && state.fillAlpha > 0 ? state.fill : null;
  if (!stroke && !fill) return null;
  const scale = lengthScale(state.ctm);
  return {
    index,
    subpaths: subpaths.map((subpath) => ({
      ...subpath,
      points: subpath.points.map(({ px, py }) => applyMatrix(state.ctm, px, py)),
    })),
    stroke,
    fill,
    lineWidth: state.lineWidth * scale,
    dash: state.dash.map((length) => length * scale),
    clip: state.clip,
    formOrigin: state.formOrigin,
    box: transformBox(state.ctm, ...bounds),
  };
}

/**
 * The image an image operator paints, placed by `ctm` (an image fills the unit square): an
 * XObject by its id (decoded later), an inline image with its data. Null for malformed
 * arguments.
 */
function placedImage(args: unknown[], inline: boolean, ctm: Matrix): PdfImage | null {
  const box = transformBox(ctm, 0, 0, 1, 1);
  if (!inline) {
    const [id, width, height] = args;
    if (typeof id === 'string' && typeof width === 'number' && typeof height === 'number') {
      return { id, width, height, box, data: null };
    }
    return null;
  }
  const image = args[0] as { width?: unknown; height?: unknown; data?: unknown } | undefined;
  if (
    image &&
    typeof image.width === 'number' &&
    typeof image.height === 'number' &&
    (image.data instanceof Uint8Array || image.data instanceof Uint8ClampedArray)
  ) {
    return { id: null, width: image.width, height: image.height, box, data: image.data };
  }
  return null;
}

function applyGState(state: GraphicsState, entries: unknown): void {
  if (!Array.isArray(entries)) return;
  for (const entry of entries) {
    if (!Array.isArray(entry)) continue;
    const [key, value] = entry as [unknown, unknown];
    if (key === 'LW' && typeof value === 'number') state.lineWidth = value;
    else if (key === 'D' && Array.isArray(value)) state.dash = dashOf(value[0]);
    else if (key === 'CA' && typeof value === 'number') state.strokeAlpha = value;
    else if (key === 'ca' && typeof value === 'number') state.fillAlpha = value;
  }
}

function dashOf(value: unknown): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) return [];
  const lengths = Array.from(value as ArrayLike<unknown>).filter(
    (length): length is number => typeof length === 'number' && Number.isFinite(length),
  );
  // A dash of all zeros draws a solid line, as does an empty one.
  return lengths.some((length) => length > 0) ? lengths : [];
}

function toNumbers(value: unknown, count: 4): [number, number, number, number] | null;
function toNumbers(value: unknown, count: number): number[] | null {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) return null;
  const numbers = Array.from(value as ArrayLike<unknown>);
  if (numbers.length < count) return null;
  const picked = numbers.slice(0, count);
  return picked.every((n) => typeof n === 'number' && Number.isFinite(n))
    ? (picked as number[])
    : null;
}

function toMatrix(value: unknown): Matrix | null {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) return null;
  const numbers = Array.from(value as ArrayLike<unknown>);
  if (numbers.length < 6 || !numbers.slice(0, 6).every((n) => typeof n === 'number')) return null;
  const m = numbers.slice(0, 6) as number[];
  return m.every(Number.isFinite) ? [m[0], m[1], m[2], m[3], m[4], m[5]] : null;
}

/** pdfjs 5's packed path (`[op, coordinates..., op, ...]`) as subpaths in user space. */
function unpack(data: ArrayLike<number>): PdfSubpath[] {
  const subpaths: PdfSubpath[] = [];
  let current: PdfSubpath | null = null;
  let start: PixelPoint | null = null;
  const begin = (point: PixelPoint) => {
    current = { points: [point], closed: false, curved: false };
    subpaths.push(current);
    start = point;
  };
  let i = 0;
  while (i < data.length) {
    const op = data[i];
    if (op === DRAW_MOVE) {
      begin({ px: data[i + 1], py: data[i + 2] });
      i += 3;
    } else if (op === DRAW_LINE) {
      const point = { px: data[i + 1], py: data[i + 2] };
      if (current) (current as PdfSubpath).points.push(point);
      else begin(point);
      i += 3;
    } else if (op === DRAW_CURVE || op === DRAW_QUADRATIC) {
      const size = op === DRAW_CURVE ? 6 : 4;
      const point = { px: data[i + size - 1], py: data[i + size] };
      if (current) {
        (current as PdfSubpath).points.push(point);
        (current as PdfSubpath).curved = true;
      } else begin(point);
      i += size + 1;
    } else if (op === DRAW_CLOSE) {
      if (current) (current as PdfSubpath).closed = true;
      // A path going on after closePath starts again from the subpath's first point.
      if (start && i + 1 < data.length && data[i + 1] !== DRAW_MOVE) begin(start);
      i += 1;
    } else {
      break; // unknown command: the rest cannot be decoded
    }
  }
  // A lone moveTo draws nothing (cairo puts one after every closePath).
  return subpaths.filter(
    (subpath) =>
      subpath.points.length > 1 && subpath.points.every((p) => Number.isFinite(p.px + p.py)),
  );
}
