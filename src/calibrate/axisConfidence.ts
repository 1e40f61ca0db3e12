import type { Scale } from '../types.js';

/** What the calibration of one axis saw, for its confidence. */
export interface AxisEvidence {
  scale: Scale;
  /** value (or log10 value) = intercept + slope * pixel */
  intercept: number;
  slope: number;
  /** Labels that held text (read as a number or not). */
  labels: number;
  /** Labels the fit agrees with. */
  inliers: number;
  /** Mean distance of the inliers from the fit, as a share of the tolerance (0..1). */
  error: number;
  /** Inliers read other than OCR gave them (a decimal point or an exponent's minus put back). */
  repairs: number;
  /** Inliers whose repair no other label vouches for. */
  unvouched: number;
  /** How sure the labels make it that dots group thousands, where the fit reads them so. */
  grouping: 'sure' | 'likely' | 'no';
  /** Whether values grow rightwards (x) or upwards (y), as axes do unless told otherwise. */
  upright: boolean;
  /** Whether another reading of the labels (decimal points put back) agrees with more of them. */
  ambiguous: boolean;
  /** The least OCR confidence (0..1) of the inliers. */
  ocr: number;
  /** The median OCR confidence (0..1) of the inliers, where known. */
  typicalOcr?: number;
  /** Tick mark and grid line positions along the axis. */
  marks: number[];
  /** Positions of the labelled ticks. */
  tickPixels: number[];
}

const DEFAULTS = {
  /** OCR at least this sure (0..1) of every label costs nothing; less sure, up to 40%. */
  sureOcr: 0.9,
  /** OCR less sure than this (0..1) of most labels (a glyph it does not know in each, Plotly's
   * `μ`) costs as much again: an axis read alike wrong fits as well as one read right. */
  unsureOcr: 0.3,
  unsureLabels: 0.6,
  /** Confidence from the number of labels that agree: two fix a line but cannot check it. */
  byInliers: [0, 0, 0.3, 0.8],
  /** A fit leaning on a repair no other label vouches for, or on repairs that are vouched for. */
  unvouchedRepair: 0.5,
  vouchedRepair: 0.9,
  /** Dots taken for thousands separators on the strength of `00` endings only. */
  likelyGrouping: 0.7,
  /** An axis growing leftwards or downwards (a misread as often as an inverted axis). */
  notUpright: 0.6,
  /** Labels that another reading explains better (the axis may be ten times off). */
  ambiguous: 0.4,
  /** A log axis whose minor tick marks fall elsewhere than its fit puts 2..9 x 10^k (where they
   * fall there, they confirm the fit however few labels were read). */
  minorTicksDisagree: 0.5,
  /** Minor marks are compared with a log fit when there are at least this many... */
  minMinorMarks: 3,
  /** ...and agree when at least this share of them lies where the fit puts a minor tick. */
  minorAgreement: 0.75,
} as const;

/**
 * How far an axis calibration can be trusted, 0..1: the product of what weakens it (few
 * labels agreeing, labels that disagree, distance from the fit, repairs, doubtful thousands
 * separators, an axis growing the unusual way, OCR that was unsure, and on a log axis minor
 * ticks the fit does not explain). Each factor is 1 when all is well.
 */
export function axisConfidence(evidence: AxisEvidence): number {
  const { inliers, labels } = evidence;
  const minor = evidence.scale === 'log' ? minorTicks(evidence) : 'unknown';
  // On a log axis, minor ticks where 2..9 x 10^k fall confirm what two labels cannot.
  let confidence = minor === 'agree' ? 1 : (DEFAULTS.byInliers[inliers] ?? 1);
  confidence *= Math.min(1, 0.2 + inliers / Math.max(inliers, labels));
  confidence *= 1 - 0.3 * Math.min(1, Math.max(0, evidence.error));
  if (evidence.unvouched > 0) confidence *= DEFAULTS.unvouchedRepair;
  else if (evidence.repairs > 0) confidence *= DEFAULTS.vouchedRepair;
  if (evidence.grouping === 'likely') confidence *= DEFAULTS.likelyGrouping;
  if (!evidence.upright) confidence *= DEFAULTS.notUpright;
  if (evidence.ambiguous) confidence *= DEFAULTS.ambiguous;
  confidence *= 0.6 + 0.4 * Math.min(1, Math.max(0, evidence.ocr) / DEFAULTS.sureOcr);
  if ((evidence.typicalOcr ?? 1) < DEFAULTS.unsureOcr) confidence *= DEFAULTS.unsureLabels;
  if (minor === 'disagree') confidence *= DEFAULTS.minorTicksDisagree;
  return Math.round(Math.min(1, Math.max(0, confidence)) * 1000) / 1000;
}

/**
 * Whether the marks between the labelled ticks of a log axis (its minor ticks) fall where the
 * fit puts 2..9 x 10^k ('agree'), or mostly away from there ('disagree': the decades between
 * labels are not what the labels say, an exponent misread); 'unknown' when there are too few
 * such marks to tell.
 */
function minorTicks({
  intercept,
  slope,
  marks,
  tickPixels,
}: AxisEvidence): 'agree' | 'disagree' | 'unknown' {
  if (tickPixels.length < 2) return 'unknown';
  const low = Math.min(...tickPixels);
  const high = Math.max(...tickPixels);
  const decadePixels = Math.abs(1 / slope);
  const near = Math.max(1, decadePixels * 0.02);
  const minor = marks.filter(
    (mark) =>
      mark > low + near &&
      mark < high - near &&
      tickPixels.every((tick) => Math.abs(tick - mark) > near),
  );
  if (minor.length < DEFAULTS.minMinorMarks) return 'unknown';
  // Minor ticks come eight to a decade and labels a decade apart or more: fewer marks than gaps
  // between the labelled ticks are specks, a grid line's end or a data mark, and tell nothing.
  if (minor.length < new Set(tickPixels.map(Math.round)).size - 1) return 'unknown';
  const agreeing = minor.filter((mark) => {
    const v = intercept + slope * mark;
    const fraction = v - Math.floor(v);
    return [2, 3, 4, 5, 6, 7, 8, 9].some(
      (m) => Math.abs(Math.log10(m) - fraction) * decadePixels <= near,
    );
  }).length;
  return agreeing / minor.length >= DEFAULTS.minorAgreement ? 'agree' : 'disagree';
}
