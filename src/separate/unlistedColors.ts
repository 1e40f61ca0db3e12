import { chroma, deltaE, type Lab, labToRgb, type Rgb, rgbToLab } from '../color.js';
import { assign, BLEND_DE, blend } from './assignPixels.js';
import { attachedToCores, type DrawnColors } from './tintSeries.js';

const DEFAULTS = {
  /** Clusters closer than this (Delta E) to a listed colour are that colour. */
  mergeDe: 18,
  /** Unexplained pixels make a series only when there are this many per plot column... */
  minLineShare: 2,
  /**
   * ...or one per plot column across at least this share of its columns (a thin line partly
   * hidden, by other lines or a legend, in a small chart), unless it is two series' lines run
   * together.
   */
  minLineSpan: 0.5,
  /**
   * A cluster this far (Delta E) from every blend of a listed colour with the background is a
   * colour of its own wherever it lies; a nearer one, unless it lies apart from the listed
   * lines (a thin line's core JPEG washed out lies along it).
   */
  farResidual: BLEND_DE * 2,
  /** A pixel with this much of its series' colour (0..1) is the core of its line. */
  coreAlpha: 0.8,
  /**
   * A colour near a listed one with more than this share of its pixels running, through drawn
   * pixels, into a listed line's core (attachedToCores) is a band's fill (JPEG'd, or where two
   * bands overlap), not a line.
   */
  maxAttached: 0.85,
  /** Pixels this close (px) to a listed line's pixels lie along it... */
  mixReach: 2,
  /**
   * ...and a mix of two listed colours with at least this share of its pixels along their
   * lines is where they run together (through JPEG), not a line of its own.
   */
  mixAlong: 0.5,
  /**
   * A darker shade or a faded tint of a listed colour with at least this share of its pixels
   * along that colour's line is that line's: a marker's faded middle lies farther than
   * DEFAULTS.mixReach from its edge, where the listed colour is; another series' line
   * runs apart from it (a share near 0).
   */
  shadeAlong: 0.25,
  /** A shade and its colour both have this chroma at least: a grey (black) is no shade of another. */
  shadeChroma: 10,
} as const;

/**
 * Colours a legend missed (hidden text, an unusual layout, an entry between two read ones):
 * the pixels no listed colour explains are clustered, and each colour no listed one explains
 * either (not within DEFAULTS.mergeDe of one, nor a blend of one with the background) that is
 * drawn as a line is (DEFAULTS.minLineShare pixels per column, or one per column across
 * DEFAULTS.minLineSpan of them) is a series. Where two lines cross their blends are colours no
 * entry explains too, but only in spots; where two run together through JPEG, their mix
 * draws a line along theirs, and is none: a mix of two listed colours lying apart from their
 * lines (a colormap's middle colour between two read neighbours) is a line of its own. A
 * colour nearer a listed one (within DEFAULTS.farResidual of its blends) counts only where
 * it lies apart from every listed line: a thin line's core washed out by JPEG lies along it,
 * a band's fill (JPEG'd, or two bands overlapping) runs into its line's core. Nor is a darker
 * shade or a faded tint of a listed colour (isShade, isFaded) with DEFAULTS.shadeAlong of its
 * pixels along that colour's line or its other shades: markers' outlines, and a thin line or
 * small markers whose chroma JPEG or rescaling spread into the paper. Returns the new colours (Lab).
 */
export async function unlistedColors({
  width,
  region,
  pixels,
  labs,
  assignment,
  seriesLabs,
  background,
  cluster,
}: DrawnColors): Promise<Lab[]> {
  const columnsWide = region.right - region.left;
  const left = labs.filter((_, i) => assignment[i].series < 0);
  if (left.length < columnsWide * DEFAULTS.minLineShare) return [];
  // Residuals between BLEND_DE and DEFAULTS.farResidual: a colour near a listed one, such as a
  // thin line's core washed out by JPEG (told apart below, by where it lies).
  const fits = (await cluster(left)).map((lab) => ({
    lab,
    residual: Math.min(...seriesLabs.map((known) => blend(lab, known, background).residual)),
    near: Math.min(...seriesLabs.map((known) => deltaE(known, lab))),
  }));
  const kept = fits.filter(
    ({ residual, near }) => near >= DEFAULTS.mergeDe && residual >= BLEND_DE,
  );
  const extra = kept.map(({ lab }) => lab);
  if (extra.length === 0) return [];
  const known = seriesLabs.length;
  const withExtra = assign(labs, [...seriesLabs, ...extra], background);
  const counts = extra.map(() => 0);
  const columns = extra.map(() => new Set<number>());
  withExtra.forEach(({ series }, i) => {
    if (series < known) return;
    counts[series - known]++;
    columns[series - known].add(pixels[i] % width);
  });
  const seriesAt = new Map<number, number>();
  withExtra.forEach(({ series }, i) => {
    if (series >= 0 && series < known) seriesAt.set(pixels[i], series);
  });
  // Whether each extra colour is a darker shade or a faded tint of each listed one, and where
  // the extras lie: JPEG fades a thin line into several such colours side by side, and leaves
  // its listed colour few pixels.
  const shadeOf = extra.map((lab) =>
    seriesLabs.map((color) => isShade(lab, color) || isFaded(lab, color)),
  );
  const extraAt = new Map<number, number>();
  withExtra.forEach(({ series }, i) => {
    if (series >= known) extraAt.set(pixels[i], series - known);
  });
  /**
   * Per extra colour, per listed series (and pair of them): the share of its pixels within
   * DEFAULTS.mixReach of that series' (or either's).
   */
  const reach = DEFAULTS.mixReach;
  const alongOne = extra.map(() => new Float64Array(known));
  const alongTwo = extra.map(() => new Float64Array(known * known));
  // ...and of that series' line with its other shades and tints (where it is one of them).
  const alongShades = extra.map(() => new Float64Array(known));
  withExtra.forEach(({ series }, i) => {
    if (series < known) return;
    const e = series - known;
    const [column, row] = [pixels[i] % width, Math.floor(pixels[i] / width)];
    const near = new Set<number>();
    const nearShades = new Set<number>();
    for (let dy = -reach; dy <= reach; dy++) {
      for (let dx = -reach; dx <= reach; dx++) {
        const p = (row + dy) * width + column + dx;
        const other = seriesAt.get(p);
        if (other !== undefined) near.add(other);
        const shade = extraAt.get(p);
        if (shade === undefined || shade === e) continue;
        shadeOf[shade].forEach((is, s) => {
          if (is) nearShades.add(s);
        });
      }
    }
    shadeOf[e].forEach((is, s) => {
      if (is && (near.has(s) || nearShades.has(s))) alongShades[e][s] += 1 / counts[e];
    });
    for (const a of near) alongOne[e][a] += 1 / counts[e];
    for (let a = 0; a < known; a++) {
      for (let b = a + 1; b < known; b++) {
        if (near.has(a) || near.has(b)) alongTwo[e][a * known + b] += 1 / counts[e];
      }
    }
  });
  const along = (e: number, a: number, b = a) =>
    b === a ? alongOne[e][a] : alongTwo[e][a * known + b];
  const runTogether = (lab: Lab, e: number) =>
    seriesLabs.some((a, i) =>
      seriesLabs.some((b, j) => j > i && isMix(lab, a, b) && along(e, i, j) >= DEFAULTS.mixAlong),
    );
  // A colour near a listed one lying along its line is that line's, washed out; one running
  // into its line's core is its band.
  const cores = new Uint8Array((pixels.at(-1) ?? 0) + 1);
  assignment.forEach(({ series, alpha }, i) => {
    if (series >= 0 && alpha >= DEFAULTS.coreAlpha) cores[pixels[i]] = 1;
  });
  const attached = attachedToCores(width, region, pixels, cores);
  const attachedShare = extra.map(() => 0);
  withExtra.forEach(({ series }, i) => {
    if (series >= known && attached(pixels[i]))
      attachedShare[series - known] += 1 / counts[series - known];
  });
  // A darker shade of a listed colour lying along its line is its markers' outlines (a dark
  // edge anti-aliased into the fill, or JPEG'd), not a line of its own; so is a faded one (its
  // hue, less chroma: JPEG's halved chroma spreads a thin line's colour into the paper beside
  // it, a rescaled line is averaged with it).
  const shadeAlong = (e: number) => alongShades[e].some((share) => share >= DEFAULTS.shadeAlong);
  const ownLine = (e: number) =>
    !shadeAlong(e) &&
    (kept[e].residual >= DEFAULTS.farResidual ||
      (seriesLabs.every((_, s) => along(e, s) < DEFAULTS.mixAlong) &&
        attachedShare[e] <= DEFAULTS.maxAttached));
  return extra.filter(
    (lab, e) =>
      ownLine(e) &&
      (counts[e] >= columnsWide * DEFAULTS.minLineShare ||
        (counts[e] >= columnsWide &&
          columns[e].size >= columnsWide * DEFAULTS.minLineSpan &&
          !runTogether(lab, e))),
  );
}

/** Black (Lab): the edge colour a series colour is darkened toward. */
const BLACK: Lab = [0, 0, 0];

/**
 * Whether `lab` is a darker shade of `color`: within BLEND_DE of a mix of it with black (a
 * dark marker edge anti-aliased into a coloured fill, an outline JPEG'd), darker than it.
 */
export function isShade(lab: Lab, color: Lab): boolean {
  return (
    lab[0] < color[0] &&
    chroma(lab) >= DEFAULTS.shadeChroma &&
    chroma(color) >= DEFAULTS.shadeChroma &&
    isMix(lab, color, BLACK)
  );
}

/**
 * Whether `lab` is `color` faded: within BLEND_DE of a mix of it with a grey (black to white),
 * with less of it. Mixed in RGB, as both fade it: JPEG's halved chroma averages a thin line's
 * chroma with the paper's beside it (its luma kept: a mix with the grey of its lightness),
 * rescaling averages its pixels with the paper's.
 */
export function isFaded(lab: Lab, color: Lab): boolean {
  if (chroma(color) < DEFAULTS.shadeChroma) return false;
  const pixel = labToRgb(lab);
  const base = labToRgb(color);
  const mean = (rgb: Rgb) => (rgb[0] + rgb[1] + rgb[2]) / 3;
  // Apart from the grey axis, the mix holds `share` of the colour...
  const off = base.map((c) => c - mean(base));
  const norm = off.reduce((sum, c) => sum + c * c, 0);
  const share = off.reduce((sum, c, k) => sum + c * (pixel[k] - mean(pixel)), 0) / norm;
  if (!(share >= 0 && share < 1)) return false;
  // ...and along it, a grey of at most the rest of the white.
  const grey = Math.max(0, Math.min(255 * (1 - share), mean(pixel) - share * mean(base)));
  const mix = base.map((c) => share * c + grey) as Rgb;
  return deltaE(rgbToLab(mix), lab) < BLEND_DE;
}

/** Whether `lab` lies within BLEND_DE of a mix of colours `a` and `b` (Lab). */
export function isMix(lab: Lab, a: Lab, b: Lab): boolean {
  const d = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const p = [lab[0] - a[0], lab[1] - a[1], lab[2] - a[2]];
  const norm = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  const t =
    norm === 0 ? 0 : Math.max(0, Math.min(1, (p[0] * d[0] + p[1] * d[1] + p[2] * d[2]) / norm));
  return Math.hypot(p[0] - t * d[0], p[1] - t * d[1], p[2] - t * d[2]) < BLEND_DE;
}
