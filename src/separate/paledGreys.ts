import { chroma, type Lab } from '../color.js';

const DEFAULTS = {
  /** Below this chroma a colour is a grey. */
  greyChroma: 10,
  /** The palest a legend sample may be drawn: this share of its line's darkness. */
  minFactor: 0.5,
  /** Factors are tried in steps of this. */
  step: 0.01,
  /** Pixels within this (L*) of a grey are that grey's line's core. */
  coreL: 3,
  /** A factor is taken when it puts this many times the core pixels on the listed greys as they are. */
  gain: 2,
} as const;

/**
 * Greys a legend lists may be paler than the lines they stand for (a sample drawn thinner than
 * its line, or with some opacity): every one by the same factor, as the legend draws them all
 * alike. Lines of one grey show as a peak of pixels at its lightness. The factor that puts the
 * listed greys, darkened by it, on the most core pixels (the product over greys, so that each
 * lands on a line) is taken where it finds DEFAULTS.gain times those of the greys as listed.
 * Returns the listed colours, darkened (unchanged unless every one is a grey).
 */
export function unpaleGreys(listed: Lab[], labs: Lab[], background: Lab): Lab[] {
  if (listed.length === 0 || listed.some((lab) => chroma(lab) >= DEFAULTS.greyChroma)) {
    return listed;
  }
  // Pixels of the drawn greys per whole unit of lightness.
  const counts = new Array<number>(101).fill(0);
  for (const lab of labs) {
    if (chroma(lab) < DEFAULTS.greyChroma) counts[Math.max(0, Math.min(100, Math.round(lab[0])))]++;
  }
  const near = (l: number) => {
    let n = 0;
    for (let k = Math.ceil(l - DEFAULTS.coreL); k <= l + DEFAULTS.coreL; k++) n += counts[k] ?? 0;
    return n;
  };
  // Each grey as far again from the background as the factor paled it.
  const darkened = (factor: number) =>
    listed.map((lab) => lab.map((v, k) => background[k] + (v - background[k]) / factor) as Lab);
  const score = (factor: number) => {
    const ls = darkened(factor).map((lab) => lab[0]);
    if (ls.some((l) => l < 0 || l > 100)) return -1;
    return ls.reduce((product, l) => product * (near(l) + 1), 1);
  };
  const asListed = score(1);
  let best = 1;
  let bestScore = asListed;
  for (let factor = 1 - DEFAULTS.step; factor >= DEFAULTS.minFactor; factor -= DEFAULTS.step) {
    const s = score(factor);
    if (s > bestScore) {
      best = factor;
      bestScore = s;
    }
  }
  if (bestScore < asListed * DEFAULTS.gain ** listed.length) return listed;
  return darkened(best);
}
