import { deltaE, type Rgb, rgbToLab } from '../color.js';

/**
 * Another series' colour this much nearer (Delta E) than this to a legend sample's makes the
 * sample's pairing a guess: a tint and its neighbour in a colormap, greys a few levels apart,
 * a sample paled by JPEG or drawn translucent all lie that close.
 */
const CLOSE_DE = 12;

/**
 * The legend entries whose series was told by a colour that another series has almost as well:
 * entry i (its sample's colour `samples[i]`, its series' colour `series[i]`) is doubtful when a
 * series j (listed or not, drawn: `drawn[j]`) other than those of its own colour group
 * (`sameGroup(i, j)`: series told apart by dash or marker, whose doubts are their matches')
 * lies within CLOSE_DE of the sample, or nearer it than its own series. Returns their indices.
 */
export function pairingDoubts(
  samples: Rgb[],
  series: Rgb[],
  drawn: boolean[],
  sameGroup: (i: number, j: number) => boolean,
): Set<number> {
  const seriesLabs = series.map(rgbToLab);
  const doubtful = new Set<number>();
  samples.forEach((sample, i) => {
    if (!drawn[i]) return;
    const lab = rgbToLab(sample);
    const own = deltaE(lab, seriesLabs[i]);
    seriesLabs.forEach((other, j) => {
      if (j === i || !drawn[j] || sameGroup(i, j)) return;
      const d = deltaE(lab, other);
      if (d < CLOSE_DE || d <= own) doubtful.add(i);
    });
  });
  return doubtful;
}
