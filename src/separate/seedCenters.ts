/**
 * Starting centres for k-means: k-means++ (Arthur & Vassilvitskii, 2007) with greedy trials,
 * on flat typed arrays. ml-kmeans' own k-means++ copies every point into a new array for each
 * candidate centre (about 0.12 s of CPU a clustered chart); ml-kmeans then runs its iterations
 * from these centres.
 */

/** A seeded generator of uniform numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `k` of `points` as starting centres: the first drawn at random, each next one the best (least
 * total squared distance left) of 2 + ln k candidates drawn with probability proportional to
 * their squared distance from the centres so far. Same seed, same centres.
 */
export function seedCenters(
  points: readonly (readonly number[])[],
  k: number,
  seed: number,
): number[][] {
  const n = points.length;
  if (k <= 0 || n === 0) return [];
  const random = seededRandom(seed);
  const trials = 2 + Math.floor(Math.log(k));
  const nearest = new Float64Array(n);
  const candidate = new Float64Array(n);
  const best = new Float64Array(n);
  const first = points[Math.floor(random() * n)];
  const centers = [first.slice()];
  let total = 0;
  for (let i = 0; i < n; i++) {
    nearest[i] = squaredDistance(points[i], first);
    total += nearest[i];
  }
  while (centers.length < Math.min(k, n)) {
    let bestIndex = -1;
    let bestTotal = Number.POSITIVE_INFINITY;
    for (let trial = 0; trial < trials; trial++) {
      const index = total > 0 ? drawByWeight(nearest, total, random()) : Math.floor(random() * n);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        candidate[i] = Math.min(nearest[i], squaredDistance(points[i], points[index]));
        sum += candidate[i];
      }
      if (sum < bestTotal) {
        bestTotal = sum;
        bestIndex = index;
        best.set(candidate);
      }
    }
    centers.push(points[bestIndex].slice());
    nearest.set(best);
    total = bestTotal;
  }
  return centers;
}

/** The index whose weight holds `u` of the running total of `weights` (which sum to `total`). */
function drawByWeight(weights: Float64Array, total: number, u: number): number {
  const target = u * total;
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i];
    if (sum > target) return i;
  }
  return weights.length - 1;
}

function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return sum;
}
