/**
 * The zoo's seeded sampler: ChartSpecs (the engine-neutral description of one chart, see
 * README.md) drawn from a seed. Chart `i` depends only on the seed, `i` and the engine
 * list (round-robin), never on `Math.random` or the count, so the same seed gives the same
 * charts, byte for byte, and a larger count only adds charts.
 *
 *   node bench/zoo/spec.mjs --seed 1 --count 5 [--engines matplotlib,gnuplot]   # prints the specs
 */

/** Every engine of the zoo, in round-robin order. */
export const ENGINES = [
  'matplotlib',
  'gnuplot',
  'ggplot2',
  'vegalite',
  'chartjs',
  'echarts',
  'plotly',
];

/**
 * Each engine's looks (the engine module's `looks` export must list the same names).
 * A weight above 1 makes a look more common.
 */
export const LOOKS = {
  matplotlib: {
    default: 3,
    classic: 1,
    ggplot: 1,
    'seaborn-whitegrid': 1,
    'seaborn-darkgrid': 1,
    'seaborn-ticks': 1,
    bmh: 1,
    journal: 2,
    excel: 1,
  },
  gnuplot: { pngcairo: 2, png: 1 },
  ggplot2: { grey: 2, bw: 1, minimal: 1, classic: 1 },
  vegalite: {
    default: 3,
    excel: 1,
    ggplot2: 1,
    quartz: 1,
    vox: 1,
    fivethirtyeight: 1,
    urbaninstitute: 1,
    googlecharts: 1,
    latimes: 1,
  },
  chartjs: { default: 2, pointstyle: 1, minimal: 1 },
  echarts: {
    default: 2,
    edge: 1,
    v5: 1,
    vintage: 1,
    macarons: 1,
    shine: 1,
    roma: 1,
    infographic: 1,
  },
  plotly: { default: 2, plotly: 1, plotly_white: 1, simple_white: 1 },
};

/** Engines that can draw a vector PDF (the `pdf` state): all of them. */
export const PDF_ENGINES = new Set(ENGINES);

/** What each look draws by default: frame, ticks, grid probability, legend frame. */
export const LOOK_DEFAULTS = {
  'matplotlib/default': { frame: 'box', ticks: 'out', grid: 0.4, legendFrame: true },
  'matplotlib/classic': { frame: 'box', ticks: 'in4', grid: 0.2, legendFrame: true },
  'matplotlib/ggplot': { frame: 'panel', ticks: 'out', grid: 1, legendFrame: true },
  'matplotlib/seaborn-whitegrid': { frame: 'box', ticks: 'none', grid: 1, legendFrame: true },
  'matplotlib/seaborn-darkgrid': { frame: 'panel', ticks: 'none', grid: 1, legendFrame: true },
  'matplotlib/seaborn-ticks': { frame: 'spines', ticks: 'out', grid: 0, legendFrame: false },
  'matplotlib/bmh': { frame: 'panel', ticks: 'none', grid: 1, legendFrame: true },
  'matplotlib/journal': { frame: 'box', ticks: 'in4', grid: 0.15, legendFrame: false },
  'matplotlib/excel': { frame: 'spines', ticks: 'none', grid: 1, legendFrame: false },
  'gnuplot/pngcairo': { frame: 'box', ticks: 'in4', grid: 0.4, legendFrame: false },
  'gnuplot/png': { frame: 'box', ticks: 'in4', grid: 0.4, legendFrame: false },
  'ggplot2/grey': { frame: 'panel', ticks: 'out', grid: 1, legendFrame: false },
  'ggplot2/bw': { frame: 'box', ticks: 'out', grid: 1, legendFrame: false },
  'ggplot2/minimal': { frame: 'none', ticks: 'none', grid: 1, legendFrame: false },
  'ggplot2/classic': { frame: 'spines', ticks: 'out', grid: 0, legendFrame: false },
};
export const WEB_DEFAULTS = { frame: 'spines', ticks: 'out', grid: 0.8, legendFrame: false };

/** Families (what a chart is made to test) and how common each is. */
const FAMILIES = {
  lines: 4,
  markers: 4,
  dense: 2.5,
  band: 1.5,
  errorbars: 1,
  mono: 1.5,
  log: 1.5,
  dates: 1.5,
  categories: 1,
  many: 1,
};

/** The engines' own colour cycles (a chart drawn without a palette of its own). */
const ENGINE_CYCLES = {
  matplotlib: [
    '#1f77b4',
    '#ff7f0e',
    '#2ca02c',
    '#d62728',
    '#9467bd',
    '#8c564b',
    '#e377c2',
    '#7f7f7f',
    '#bcbd22',
    '#17becf',
  ],
  gnuplot: ['#9400d3', '#009e73', '#56b4e9', '#e69f00', '#f0e442', '#0072b2', '#e51e10', '#000000'],
  ggplot2: null, // hue_pal(): computed from the number of series
  vegalite: [
    '#4c78a8',
    '#f58518',
    '#e45756',
    '#72b7b2',
    '#54a24b',
    '#eeca3b',
    '#b279a2',
    '#ff9da6',
    '#9d755d',
    '#bab0ac',
  ],
  chartjs: ['#36a2eb', '#ff6384', '#4bc0c0', '#ff9f40', '#9966ff', '#ffcd56', '#c9cbcf'],
  echarts: [
    '#5470c6',
    '#91cc75',
    '#fac858',
    '#ee6666',
    '#73c0de',
    '#3ba272',
    '#fc8452',
    '#9a60b4',
    '#ea7ccc',
  ],
  plotly: [
    '#636efa',
    '#ef553b',
    '#00cc96',
    '#ab63fa',
    '#ffa15a',
    '#19d3f3',
    '#ff6692',
    '#b6e880',
    '#ff97ff',
    '#fecb52',
  ],
};

const PALETTES = {
  tab10: ENGINE_CYCLES.matplotlib,
  set1: ['#e41a1c', '#377eb8', '#4daf4a', '#984ea3', '#ff7f00', '#a65628', '#f781bf', '#999999'],
  dark2: ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666'],
  okabe: ['#e69f00', '#56b4e9', '#009e73', '#0072b2', '#d55e00', '#cc79a7', '#000000', '#f0e442'],
  pastel: ['#6fa8dc', '#ea7a7a', '#93c47d', '#f6b26b', '#8e7cc3', '#76a5af', '#c27ba0'],
  greys: ['#000000', '#555555', '#8c8c8c', '#b4b4b4', '#2b2b2b', '#707070'],
};

/** Colormaps as a few stops, interpolated in sRGB (close enough to matplotlib's). */
const COLORMAPS = {
  viridis: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'],
  plasma: ['#0d0887', '#7e03a8', '#cc4778', '#f89540', '#f0f921'],
  cividis: ['#00224e', '#414d6b', '#7c7b78', '#bcaf6f', '#fee838'],
  coolwarm: ['#3b4cc0', '#8db0fe', '#dddddd', '#f49a7b', '#b40426'],
  blues: ['#c6dbef', '#6baed6', '#2171b5', '#08306b'],
};

const NAMES = [
  'GRPO',
  'PPO',
  'DPO',
  'Adam',
  'SGD',
  'AdamW',
  'Baseline',
  'Ours',
  'Ours (full)',
  'ResNet-50',
  'ViT-B/16',
  'BERT-base',
  'Llama-7B',
  'Transformer',
  'LSTM',
  'Random',
  'Oracle',
  'Train',
  'Validation',
  'Test',
  'Control',
  'Treatment',
  'Model A',
  'Model B',
  'lr=0.01',
  'lr=0.001',
  'batch 256',
  'No dropout',
  'Dropout 0.5',
  'Greedy',
  'Beam search',
  'Linear',
  'Quadratic',
  'Europe',
  'Asia',
  'North America',
  'Sensor 1',
  'Sensor 2',
  'Site A',
  'Site B',
  'Mean',
  'Median',
  'Upper bound',
];
const NUMERIC_NAMES = ['1', '2', '4', '8', '10', '16', '32', '64', '100', '128', '1000', '0.1'];
export const LEGEND_TITLES = ['Method', 'Model', 'Optimizer', 'Dataset', 'Setting', 'Group', 'n'];
export const TITLES = [
  'Validation loss',
  'Training curves',
  'Benchmark: AIME24',
  'Test accuracy',
  'Throughput vs. batch size',
  'Learning rate sweep',
  'Convergence',
  'Reward during training',
  'Results on CIFAR-10',
  'Temperature anomaly',
  'Monthly sales',
  'Scaling behaviour',
  'Ablation study',
  'Latency over time',
  'Error rate',
];
const X_LABELS = {
  steps: ['Step', 'Training Step', 'Iteration', 'Steps', 'Updates'],
  epochs: ['Epoch', 'Epochs'],
  irregular: ['Time (s)', 'Distance (km)', 'Tokens', 'Samples', 'Budget'],
  negative: ['Offset', 'Position (mm)', 'x', 'Voltage (V)'],
  fraction: ['Fraction of data', 'Noise level', 'Threshold', 'Sparsity'],
  log: ['Parameters', 'Compute (FLOPs)', 'Dataset size', 'Frequency (Hz)', 'N'],
  time: ['Date', 'Month', 'Year', 'Time'],
  category: ['Model size', 'Dataset', 'Month', 'Quarter', 'Configuration'],
};
const Y_LABELS = [
  'Loss',
  'Validation Score',
  'Accuracy',
  'Reward',
  'Error',
  'Throughput',
  'Latency (ms)',
  'Value',
  'Perplexity',
  'Score',
  'Revenue',
  'Count',
  'Temperature',
  'F1',
];
const CATEGORY_SETS = [
  ['7B', '13B', '34B', '70B'],
  ['125M', '350M', '1.3B', '2.7B', '6.7B', '13B'],
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  ['Q1', 'Q2', 'Q3', 'Q4'],
  ['MNIST', 'CIFAR-10', 'SVHN', 'ImageNet', 'Places'],
  ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  ['small', 'medium', 'large', 'xl'],
  ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'],
];
const MARKERS = ['o', '^', 'v', 's', 'D', 'x', '+', '*'];
const SOLID_MARKERS = ['o', '^', 's', 'D', 'v'];
const LINESTYLES = ['solid', 'dashed', 'dotted', 'dashdot'];
const SANS = [
  'DejaVu Sans',
  'Liberation Sans',
  'Nimbus Sans',
  'FreeSans',
  'Roboto',
  'Open Sans',
  'Lato',
  'Noto Sans',
  'Carlito',
];
const SERIF = ['DejaVu Serif', 'Liberation Serif', 'Nimbus Roman', 'FreeSerif', 'Noto Serif'];

// ------------------------------------------------------------------ randomness

/** A 32-bit hash of a seed and a chart index (splitmix-like), the start of one chart's PRNG. */
export function hashSeed(seed, index) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: a small PRNG with helpers for what the sampler draws. */
export function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    /** A key of `weights` ({ key: weight }), with probability proportional to its weight. */
    weighted: (weights) => {
      const entries = Object.entries(weights);
      let u = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, w] of entries) {
        u -= w;
        if (u < 0) return key;
      }
      return entries[entries.length - 1][0];
    },
    /** A standard normal deviate (Box-Muller). */
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    /** `n` distinct items of `items`, in random order. */
    sample: (items, n) => {
      const pool = [...items];
      const out = [];
      while (out.length < n && pool.length)
        out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
      return out;
    },
    /** A log-uniform number between lo and hi. */
    logUniform: (lo, hi) => 10 ** (Math.log10(lo) + next() * (Math.log10(hi) - Math.log10(lo))),
  };
  return r;
}

/** A number rounded to `digits` significant digits, without floating-point noise. */
function sig(value, digits = 6) {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}

// ------------------------------------------------------------------ data

/**
 * A y curve of `n` points in about [0, 1]: random walk, training curve (noisy decay), saturating
 * growth, smooth function or steps. `noise` scales the jitter (dense training curves are noisy).
 */
function curveShape(r, n, kind, noise) {
  const t = Array.from({ length: n }, (_, i) => (n === 1 ? 0 : i / (n - 1)));
  switch (kind) {
    case 'walk': {
      let v = r.uniform(0.3, 0.7);
      const step = r.uniform(0.02, 0.12) * Math.sqrt(30 / Math.max(n, 30)) * (1 + noise);
      return t.map(() => {
        v += r.normal() * step;
        return v;
      });
    }
    case 'decay': {
      const tau = r.uniform(0.05, 0.4);
      const floor = r.uniform(0, 0.3);
      return t.map((x) => floor + (1 - floor) * Math.exp(-x / tau) + noise * 0.03 * r.normal());
    }
    case 'growth': {
      const tau = r.uniform(0.05, 0.35);
      const top = r.uniform(0.6, 1);
      return t.map((x) => top * (1 - Math.exp(-x / tau)) + noise * 0.03 * r.normal());
    }
    case 'smooth': {
      const a = r.uniform(0.5, 3);
      const b = r.uniform(0, Math.PI * 2);
      const trend = r.uniform(-0.5, 0.5);
      return t.map((x) => 0.5 + 0.35 * Math.sin(2 * Math.PI * a * x + b) + trend * x);
    }
    default: {
      // steps: piecewise constant, a few levels
      const levels = r.int(3, 7);
      const cuts = Array.from({ length: levels - 1 }, () => r.next()).sort((p, q) => p - q);
      const values = Array.from({ length: levels }, () => r.next());
      return t.map((x) => values[cuts.filter((c) => c <= x).length]);
    }
  }
}

/** Strictly increasing x values of one kind, and the axis' label pool key. */
function xValues(r, n, kind) {
  switch (kind) {
    case 'steps': {
      const step = r.pick([1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 5000]);
      const start = r.chance(0.7) ? 0 : step;
      return Array.from({ length: n }, (_, i) => start + i * step);
    }
    case 'epochs':
      return Array.from({ length: n }, (_, i) => i + 1);
    case 'irregular': {
      const scale = r.logUniform(0.01, 1000);
      let x = r.chance(0.5) ? 0 : sig(r.uniform(0, 10) * scale, 4);
      const out = [];
      for (let i = 0; i < n; i++) {
        out.push(x);
        x = sig(x + scale * r.uniform(0.2, 1.8), 6);
      }
      return strictlyIncreasing(out);
    }
    case 'negative': {
      const half = r.pick([1, 2, 5, 10, 50, 100]);
      return Array.from({ length: n }, (_, i) => sig(-half + (2 * half * i) / Math.max(1, n - 1)));
    }
    default: {
      // fraction: 0..1
      return Array.from({ length: n }, (_, i) => sig(i / Math.max(1, n - 1)));
    }
  }
}

function strictlyIncreasing(xs) {
  const out = [...xs];
  for (let i = 1; i < out.length; i++) {
    if (!(out[i] > out[i - 1])) out[i] = sig(out[i - 1] + Math.abs(out[i - 1]) * 1e-4 + 1e-9, 8);
  }
  return out;
}

/** Log-spaced x values from lo over `decades`. */
function logXValues(n, lo, decades) {
  return strictlyIncreasing(
    Array.from({ length: n }, (_, i) => sig(lo * 10 ** ((decades * i) / Math.max(1, n - 1)), 4)),
  );
}

/** ISO dates: daily, weekly, monthly or yearly from a random start. */
function dateValues(r, n) {
  const unit = r.weighted({ day: 2, week: 1, month: 3, year: 1 });
  const start = Date.UTC(
    r.int(1990, 2024),
    unit === 'month' || unit === 'year' ? 0 : r.int(0, 11),
    1,
  );
  const out = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(start);
    if (unit === 'day') d.setUTCDate(d.getUTCDate() + i);
    else if (unit === 'week') d.setUTCDate(d.getUTCDate() + 7 * i);
    else if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + i);
    else d.setUTCFullYear(d.getUTCFullYear() + i);
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

// ------------------------------------------------------------------ one chart

const DPIS = { 72: 1, 96: 1, 100: 4, 120: 1, 150: 2, 200: 2, 300: 1 };

/** Size in pixels and dpi: figures of 2.5 to 12 inches at 72 to 300 dpi, 250 to 3000 px wide. */
function sampleSize(r) {
  const dpi = Number(r.weighted(DPIS));
  const widthIn = r.weighted({ small: 2, medium: 5, large: 2 });
  const inches =
    widthIn === 'small'
      ? r.uniform(3, 4.5)
      : widthIn === 'medium'
        ? r.uniform(5, 8)
        : r.uniform(8, 12);
  const width = Math.max(250, Math.min(3000, Math.round(inches * dpi)));
  const aspect = r.weighted({ 0.75: 4, 0.6: 2, 0.5: 1, 0.85: 1, 1: 0.5 });
  const height = Math.max(180, Math.round(width * Number(aspect) * r.uniform(0.95, 1.05)));
  return { width, height, dpi };
}

/** What happens to the figure after it is drawn: about half stay crisp. */
function sampleState(r, engine) {
  const kind = r.weighted({
    crisp: 10,
    jpeg: 3,
    scale: 2,
    'scale+jpeg': 1.5,
    pdf: PDF_ENGINES.has(engine) ? 3 : 0,
    'pdf+jpeg': PDF_ENGINES.has(engine) ? 1 : 0,
    grey: 0.7,
    'grey+jpeg': 0.5,
  });
  if (kind === 'crisp') return [];
  return kind.split('+').map((op) => {
    switch (op) {
      case 'jpeg':
        return { op, quality: r.int(50, 95) };
      case 'pdf':
        return { op, dpi: r.pick([72, 96, 100, 120, 150, 200]) };
      case 'scale': {
        // down (a screenshot at a smaller size) or up (a DPR-2 screenshot, an enlarged figure)
        const factor = r.chance(0.55)
          ? sig(r.uniform(0.5, 0.9), 3)
          : r.chance(0.5)
            ? 2
            : sig(r.uniform(1.2, 1.9), 3);
        return { op, factor, kernel: r.pick(['lanczos3', 'cubic', 'linear', 'mitchell']) };
      }
      default:
        return { op };
    }
  });
}

/** Colours for `n` series: the engine's cycle, a palette, greys, a colormap, or one colour. */
function samplePalette(r, engine, n, family) {
  if (family === 'mono') {
    const c = r.chance(0.6)
      ? '#000000'
      : r.pick(['#1f77b4', '#d62728', '#333333', '#2ca02c', '#555555']);
    return { name: 'mono', colors: Array(n).fill(c) };
  }
  const name =
    family === 'many'
      ? r.weighted({ colormap: 3, cycle: 1, tab10: 1 })
      : r.weighted({
          cycle: 5,
          tab10: 1,
          set1: 1,
          dark2: 1,
          okabe: 1,
          pastel: 1,
          greys: n <= 4 ? 0.7 : 0,
        });
  if (name === 'colormap') {
    const cmap = r.pick(Object.keys(COLORMAPS));
    const lo = r.uniform(0, 0.15);
    const hi = r.uniform(0.85, cmap === 'viridis' || cmap === 'plasma' ? 0.92 : 1);
    return {
      name: `cmap:${cmap}`,
      colors: Array.from({ length: n }, (_, i) =>
        mapColor(COLORMAPS[cmap], lo + ((hi - lo) * i) / Math.max(1, n - 1)),
      ),
    };
  }
  if (name === 'cycle') {
    const cycle = ENGINE_CYCLES[engine] ?? hueColors(n);
    return { name: 'engine', colors: Array.from({ length: n }, (_, i) => cycle[i % cycle.length]) };
  }
  const colors = PALETTES[name];
  return { name, colors: Array.from({ length: n }, (_, i) => colors[i % colors.length]) };
}

/** ggplot2's default hue palette (hcl, h from 15 to 375, c 100, l 65), as hex. */
function hueColors(n) {
  return Array.from({ length: n }, (_, i) => hclToHex(15 + (360 * i) / n, 100, 65));
}

function hclToHex(h, c, l) {
  // CIE LCh(uv) -> Luv -> XYZ (D65) -> sRGB, as R's hcl() does
  const hr = (h * Math.PI) / 180;
  const u = c * Math.cos(hr);
  const v = c * Math.sin(hr);
  const [xn, yn, zn] = [95.047, 100, 108.883];
  const un = (4 * xn) / (xn + 15 * yn + 3 * zn);
  const vn = (9 * yn) / (xn + 15 * yn + 3 * zn);
  const y = l > 8 ? yn * ((l + 16) / 116) ** 3 : (yn * l) / 903.3;
  const up = u / (13 * l) + un;
  const vp = v / (13 * l) + vn;
  const x = (y * 9 * up) / (4 * vp);
  const z = (y * (12 - 3 * up - 20 * vp)) / (4 * vp);
  const lin = [
    3.240479 * x - 1.53715 * y - 0.498535 * z,
    -0.969256 * x + 1.875992 * y + 0.041556 * z,
    0.055648 * x - 0.204043 * y + 1.057311 * z,
  ].map((q) => q / 100);
  const gamma = (q) => (q <= 0.0031308 ? 12.92 * q : 1.055 * q ** (1 / 2.4) - 0.055);
  return `#${lin
    .map((q) =>
      Math.round(Math.min(1, Math.max(0, gamma(q))) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function mapColor(stops, t) {
  const pos = Math.min(0.999999, Math.max(0, t)) * (stops.length - 1);
  const k = Math.floor(pos);
  const f = pos - k;
  const a = stops[k].match(/\w\w/g).map((h) => Number.parseInt(h, 16));
  const b = stops[k + 1].match(/\w\w/g).map((h) => Number.parseInt(h, 16));
  return `#${a
    .map((v, j) =>
      Math.round(v + (b[j] - v) * f)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The number format of a y axis for its values' magnitude. */
function yFormat(r, magnitude, scale) {
  if (scale === 'log') return r.weighted({ pow10: 3, plain: 2, sci: 1 });
  if (magnitude >= 1e5) return r.weighted({ plain: 1, thousands: 2, si: 2, sci: 1, pow10: 1 });
  if (magnitude >= 1e3) return r.weighted({ plain: 2, thousands: 2, si: 1 });
  if (magnitude <= 1e-3) return r.weighted({ plain: 2, sci: 1, pow10: 1 });
  if (magnitude < 1) return r.weighted({ plain: 3, decimals: 2 });
  return r.weighted({ plain: 4, decimals: 1 });
}

/**
 * The ChartSpec of chart `index` for `engine`. `overrides` (for the panels of a figure) sets the
 * look and the family; the draws stay the same, so the zoo's single charts do not change.
 */
export function sampleChart(seed, index, engine, overrides = {}) {
  const r = createRandom(hashSeed(seed, index));
  const id = `z${String(index).padStart(5, '0')}`;
  const drawnLook = r.weighted(LOOKS[engine]);
  const look = overrides.look ?? drawnLook;
  const drawnFamily = r.weighted(FAMILIES);
  const family = overrides.family ?? drawnFamily;
  const defaults = LOOK_DEFAULTS[`${engine}/${look}`] ?? WEB_DEFAULTS;
  const { width, height, dpi } = sampleSize(r);

  // Small figures get small fonts, as a figure made for one column of a paper has.
  const inches = width / dpi;
  const fontSize = Math.max(
    7,
    Math.min(
      Math.round(2.6 * inches),
      Number(r.weighted({ 7: 0.5, 8: 1.5, 9: 2, 10: 4, 11: 2, 12: 2, 14: 1 })),
    ),
  );
  const serif = look === 'journal' || (engine !== 'gnuplot' && r.chance(0.15));
  const fontFamily =
    look === 'excel'
      ? 'Carlito'
      : serif
        ? r.pick(SERIF)
        : r.chance(0.4)
          ? 'DejaVu Sans'
          : r.pick(SANS);

  // series count and points per series, by family
  const nSeries =
    family === 'many'
      ? r.int(6, 10)
      : family === 'mono'
        ? r.int(2, 4)
        : Number(r.weighted({ 1: 2, 2: 3, 3: 3, 4: 2, 5: 1 }));
  // gnuplot's libgd terminal draws no dashes: its series in one colour differ by marker only.
  const noDashes = engine === 'gnuplot' && look === 'png';
  const monoBy =
    family === 'mono' ? (noDashes ? 'marker' : r.weighted({ dash: 2, marker: 1, both: 1 })) : null;
  const nPoints =
    {
      lines: () => r.int(8, 80),
      markers: () => r.int(5, 25),
      dense: () => r.int(200, 2000),
      band: () => r.int(60, 500),
      errorbars: () => r.int(5, 20),
      mono: () => 0, // set below, by what tells the series apart
      log: () => r.int(10, 150),
      dates: () => r.int(12, 240),
      categories: () => 0,
      many: () => r.int(20, 300),
    }[family]() || (monoBy === 'dash' ? r.int(20, 150) : r.int(6, 25));

  // axes
  const x = { scale: 'linear', format: 'plain', range: null };
  const y = { scale: 'linear', format: 'plain', range: null };
  let xs;
  let xKind;
  if (family === 'dates') {
    x.scale = 'time';
    xs = dateValues(r, nPoints);
    xKind = 'time';
  } else if (family === 'categories') {
    x.scale = 'category';
    x.categories = r.pick(CATEGORY_SETS);
    xs = x.categories.map((_, i) => i);
    xKind = 'category';
  } else if (family === 'log' && r.chance(0.4)) {
    x.scale = 'log';
    x.format = r.weighted({ pow10: 2, plain: 1 });
    xs = logXValues(nPoints, r.pick([1, 10, 100, 1e3, 1e6]), r.int(2, 5));
    xKind = 'log';
  } else {
    xKind = r.weighted({ steps: 5, epochs: 2, irregular: 2, negative: 1, fraction: 1 });
    xs = xValues(r, nPoints, xKind);
    const span = Math.abs(xs[xs.length - 1]);
    if (xKind === 'steps' && span >= 1e4) x.format = r.weighted({ plain: 1, si: 1, thousands: 1 });
    else if (xKind === 'fraction' && r.chance(0.3)) x.format = 'decimals';
  }

  // y magnitude, offset and sign
  const logY = family === 'log';
  if (logY) y.scale = 'log';
  const percent = !logY && r.chance(0.08);
  const magnitude = percent ? 100 : r.logUniform(1e-4, 1e7);
  const negative = !logY && !percent && r.chance(0.18);
  y.format = percent ? 'percent' : yFormat(r, magnitude, y.scale);
  // gnuplot has no thousands separator without a locale
  if (engine === 'gnuplot') {
    for (const a of [x, y]) if (a.format === 'thousands') a.format = 'si';
  }

  const kinds = ['walk', 'decay', 'growth', 'smooth', 'steps'];
  const baseKind =
    family === 'dense' || family === 'band'
      ? r.weighted({ decay: 3, growth: 2, walk: 2 })
      : r.weighted({ walk: 3, decay: 2, growth: 2, smooth: 2, steps: 1 });
  const noise = family === 'dense' || family === 'band' ? r.uniform(0.2, 1) : r.uniform(0, 0.5);
  const decades = r.int(2, 6);
  const offset = negative
    ? -magnitude * r.uniform(0.2, 0.8)
    : percent
      ? 0
      : magnitude * r.uniform(0, 2);
  const palette = samplePalette(r, engine, nSeries, family);

  // per-series look
  const markerFamily = family === 'markers' || family === 'errorbars' || family === 'categories';
  const dashedSome = !noDashes && family !== 'dense' && family !== 'many' && r.chance(0.2);
  const markerSet = r.sample(MARKERS, Math.min(nSeries, MARKERS.length));
  const dashSet = r.sample(LINESTYLES, 4);
  const lineWidth =
    look === 'journal'
      ? r.uniform(0.6, 1.2)
      : family === 'dense'
        ? r.uniform(0.6, 1.8)
        : Number(r.weighted({ 1: 2, 1.5: 4, 2: 2, 2.5: 1, 3: 0.5 }));
  const markerSize = r.uniform(3.5, 9);
  const markersOnly = family === 'markers' && r.chance(0.12);
  const names = r.chance(0.1)
    ? r.sample(NUMERIC_NAMES, nSeries).sort((p, q) => Number(p) - Number(q))
    : r.sample(NAMES, nSeries);

  const series = [];
  for (let k = 0; k < nSeries; k++) {
    const n = xs.length;
    const kind = r.chance(0.7) ? baseKind : r.pick(kinds);
    let shape = curveShape(r, n, kind, noise);
    if (family === 'many') shape = shape.map((v) => v * 0.5 + (k / nSeries) * 0.8);
    let ys;
    if (logY) {
      const lo = Math.log10(magnitude) - decades * r.uniform(0.5, 1);
      const min = Math.min(...shape);
      const max = Math.max(...shape);
      ys = shape.map((v) => 10 ** (lo + (decades * (v - min)) / (max - min || 1) + k * 0.1));
    } else if (percent) {
      const min = Math.min(...shape);
      const max = Math.max(...shape);
      const lo = r.uniform(0, 60);
      const hi = r.uniform(lo + 10, 100);
      ys = shape.map((v) => lo + ((hi - lo) * (v - min)) / (max - min || 1));
    } else {
      const shift = k * r.uniform(-0.2, 0.4); // one shift per series, not per point
      ys = shape.map((v) => offset + magnitude * (v + shift));
    }
    ys = ys.map((v) => sig(v, 6));

    let linestyle = 'solid';
    let marker = null;
    if (monoBy === 'dash' || monoBy === 'both') linestyle = LINESTYLES[k % LINESTYLES.length];
    if (monoBy === 'marker' || monoBy === 'both') marker = SOLID_MARKERS.concat(['x', '+'])[k % 7];
    if (
      markerFamily ||
      (family === 'lines' && r.chance(0.3)) ||
      (family === 'log' && r.chance(0.3))
    ) {
      marker = markerSet[k % markerSet.length];
    }
    if (dashedSome && !monoBy && k > 0 && r.chance(0.5)) linestyle = dashSet[k % dashSet.length];
    if (markersOnly) linestyle = 'none';
    if (n > 60) marker = null; // dense lines carry no markers

    const s = {
      name: names[k],
      color: palette.colors[k],
      linestyle,
      linewidth: sig(lineWidth, 3),
      marker,
      markersize: sig(markerSize, 3),
      x: xs,
      y: ys,
      band: null,
      errors: null,
    };
    if (family === 'band' && (k === 0 || r.chance(0.7))) {
      const width = magnitude * r.uniform(0.03, 0.12);
      const phase = r.uniform(0, 6);
      const spread = ys.map((_, i) => width * (1 + 0.4 * Math.sin(phase + (6 * i) / ys.length)));
      s.band = {
        lo: ys.map((v, i) => sig(v - spread[i], 6)),
        hi: ys.map((v, i) => sig(v + spread[i], 6)),
        alpha: sig(r.uniform(0.15, 0.35), 2),
      };
    }
    if (family === 'errorbars' && (k === 0 || r.chance(0.7))) {
      s.errors = ys.map(() => sig(magnitude * r.uniform(0.02, 0.12), 4));
    }
    series.push(s);
  }

  const hasLegend = nSeries > 1 ? r.chance(0.95) : r.chance(0.25);
  let legend = null;
  if (hasLegend) {
    let position = r.weighted({
      'inside-upper-right': 3,
      'inside-upper-left': 2,
      'inside-lower-right': 1.5,
      'inside-lower-left': 1,
      'inside-best': engine === 'matplotlib' ? 2 : 0,
      'outside-right': 3,
      top: 1.5,
      bottom: 1,
    });
    // A legend beside a small figure would leave no room for the plot.
    if (position === 'outside-right' && inches < 4.5) position = 'top';
    const inRow = position === 'top' || position === 'bottom';
    legend = {
      position,
      title: r.chance(engine === 'ggplot2' ? 0.7 : 0.2) ? r.pick(LEGEND_TITLES) : null,
      frame: r.chance(0.15) ? !defaults.legendFrame : defaults.legendFrame,
      columns: inRow
        ? nSeries <= 5 || r.chance(0.5)
          ? nSeries
          : Math.ceil(nSeries / 2)
        : nSeries >= 6 && r.chance(0.3)
          ? 2
          : 1,
      order: engine === 'gnuplot' && r.chance(0.75) ? 'text-sample' : 'sample-text',
    };
  }
  const grid = r.chance(defaults.grid);
  const yLabelPool = percent
    ? ['Accuracy (%)', 'Share (%)', 'Success rate (%)', 'Coverage (%)']
    : Y_LABELS;

  return {
    id,
    engine,
    look,
    family,
    width,
    height,
    dpi,
    font: { family: fontFamily, size: fontSize },
    title: r.chance(0.55) ? r.pick(TITLES) : null,
    x_label: r.chance(0.8) ? r.pick(X_LABELS[xKind] ?? X_LABELS.steps) : null,
    y_label: r.chance(0.8) ? r.pick(yLabelPool) : null,
    x,
    y,
    grid,
    ticks: r.chance(0.1) ? r.pick(['out', 'in', 'in4']) : defaults.ticks,
    frame: r.chance(0.1) ? r.pick(['box', 'spines']) : defaults.frame,
    legend,
    series,
    palette: palette.name,
    state: sampleState(r, engine),
  };
}

/** `count` ChartSpecs from `seed`, engines taken round-robin from `engines`. */
export function sampleCharts({ seed, count, engines = ENGINES }) {
  if (!Number.isInteger(seed))
    throw new TypeError(`Expected an integer for seed but received ${seed}`);
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`Expected a non-negative integer for count but received ${count}`);
  }
  for (const e of engines) {
    if (!ENGINES.includes(e))
      throw new RangeError(`Expected an engine of ${ENGINES.join(', ')} but received ${e}`);
  }
  return Array.from({ length: count }, (_, i) => sampleChart(seed, i, engines[i % engines.length]));
}

/** The truth's tags of a spec: family first, then engine, look, state and properties. */
export function tagsOf(spec, drawn = {}) {
  const state = spec.state.length ? spec.state.map((s) => s.op).join('+') : 'crisp';
  const tags = [
    spec.family,
    `engine:${spec.engine}`,
    `look:${spec.engine}/${spec.look}`,
    `state:${state}`,
  ];
  // where the engine had to adapt the layout (its `extras.drawn`), what it drew
  tags.push(`legend:${drawn.legend_position ?? spec.legend?.position ?? 'none'}`);
  if (drawn.legend_title ?? spec.legend?.title) tags.push('legend-title');
  if (spec.palette === 'mono') tags.push('mono');
  if (spec.palette === 'greys') tags.push('greys');
  if (spec.palette.startsWith('cmap:')) tags.push('colormap');
  if (spec.series.some((s) => s.marker)) tags.push('has-markers');
  if (spec.series.some((s) => s.linestyle !== 'solid' && s.linestyle !== 'none'))
    tags.push('dashed');
  if (spec.x.scale !== 'linear') tags.push(`x:${spec.x.scale}`);
  if (spec.y.scale !== 'linear') tags.push(`y:${spec.y.scale}`);
  if (spec.y.format !== 'plain') tags.push(`yfmt:${spec.y.format}`);
  if (spec.series.some((s) => s.y.some((v) => v < 0))) tags.push('neg');
  if (spec.series.length >= 6) tags.push('6+series');
  return tags;
}

// ------------------------------------------------------------------ CLI

if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      count: { type: 'string', default: '5' },
      engines: { type: 'string', default: ENGINES.join(',') },
    },
  });
  const specs = sampleCharts({
    seed: Number(values.seed),
    count: Number(values.count),
    engines: values.engines.split(','),
  });
  console.log(JSON.stringify(specs, null, 1));
}
