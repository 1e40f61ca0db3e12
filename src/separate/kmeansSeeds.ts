/**
 * The starting centres `kmeans(data, k, { seed, initialization: 'kmeans++' })` of ml-kmeans 7
 * picks, computed over flat arrays: the same random draws (ml-random's seeded XSadd) and the
 * same sums in the same order, so the same centres to the bit; ml-kmeans builds them through
 * ml-matrix, copying a row out of a matrix for every distance (k x 4 trials x n copies: 0.4 s of
 * CPU for one chart of 20,000 samples). Returns null where ml-kmeans would not finish its
 * seeding normally (probabilities that do not sum to 1, a draw past the last point, no
 * candidate better than infinity): the caller then lets ml-kmeans seed, and fail, itself.
 */
export function kmeansSeeds(data: readonly number[][], k: number, seed: number): number[][] | null {
  const n = data.length;
  const random = xsadd(seed);
  // ml-kmeans: 2 + floor(ln k) candidates tried for each centre after the first.
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.floor(random() * n);
  const centers = [data[first].slice()];
  let closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(data[i], centers[0]);
  let trial = new Float64Array(n);
  let best = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const picks: number[] = new Array(trials);
  for (let c = 1; c < k; c++) {
    // Probabilities as ml-matrix scales them (times the inverse of the sum), summed as
    // ml-random sums them.
    let total = closest[0];
    for (let i = 1; i < n; i++) total += closest[i];
    const inverse = 1 / total;
    cumulative[0] = closest[0] * inverse;
    for (let i = 1; i < n; i++) cumulative[i] = cumulative[i - 1] + closest[i] * inverse;
    if (!(Math.abs(1 - cumulative[n - 1]) <= PROBABILITY_TOLERANCE)) return null;
    for (let t = 0; t < trials; t++) {
      const draw = random();
      let index = 0;
      while (index < n && draw > cumulative[index]) index++;
      if (index === n) return null;
      picks[t] = index;
    }
    let bestIndex = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      const candidate = data[picks[t]];
      let potential = 0;
      for (let i = 0; i < n; i++) {
        const distance = Math.min(closest[i], squaredDistance(candidate, data[i]));
        trial[i] = distance;
        potential += distance;
      }
      if (potential < bestPotential) {
        bestIndex = picks[t];
        bestPotential = potential;
        [best, trial] = [trial, best];
      }
    }
    if (bestIndex < 0) return null;
    centers.push(data[bestIndex].slice());
    [closest, best] = [best, closest];
  }
  return centers;
}

/** ml-random's check that the probabilities sum to 1. */
const PROBABILITY_TOLERANCE = 1e-8;

/** ml-distance-euclidean's squared distance, summed in the same order. */
function squaredDistance(p: readonly number[], q: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < p.length; i++) d += (p[i] - q[i]) * (p[i] - q[i]);
  return d;
}

/**
 * XSadd (Saito and Matsumoto), as ml-xsadd 3 seeds and steps it: floats 0 <= r < 1 of 24
 * bits.
 */
function xsadd(seed: number): () => number {
  const state = new Uint32Array(4);
  state[0] = seed;
  for (let i = 1; i < 8; i++) {
    const previous = state[(i - 1) & 3];
    state[i & 3] ^= (i + multiplyUint32(1812433253, previous ^ ((previous >>> 30) >>> 0))) >>> 0;
  }
  if (state[0] === 0 && state[1] === 0 && state[2] === 0 && state[3] === 0) {
    state.set([88, 83, 65, 68]);
  }
  const next = () => {
    let t = state[0];
    t ^= t << 15;
    t ^= t >>> 18;
    t ^= state[3] << 11;
    state[0] = state[1];
    state[1] = state[2];
    state[2] = state[3];
    state[3] = t;
  };
  for (let i = 0; i < 8; i++) next();
  return () => {
    next();
    return (((state[3] + state[2]) >>> 0) >>> 8) / 16777216;
  };
}

function multiplyUint32(n: number, m: number): number {
  const a = n >>> 0;
  const b = m >>> 0;
  const low = a & 0xffff;
  const high = a - low;
  return (((high * b) >>> 0) + low * b) >>> 0;
}
