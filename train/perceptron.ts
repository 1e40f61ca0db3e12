import { FEATURES } from '../src/ocr/glyphFeatures.js';
import { classify, type GlyphModel, type Layer } from '../src/ocr/glyphs.js';
import type { Samples } from './examples.js';
import { CLASSES, random, seed } from './labels.js';

/** The most and least a class's examples weigh in the loss. */
const MAX_WEIGHT = 4;
const MIN_WEIGHT = 0.5;

/** Adam's moments and a batch's gradients, for one layer. */
interface Moments {
  mw: Float32Array;
  vw: Float32Array;
  mb: Float32Array;
  vb: Float32Array;
  gw: Float32Array;
  gb: Float32Array;
}

/** Adam over a perceptron with ReLU hidden layers and class-weighted softmax cross-entropy. */
export function train(samples: Samples, sizes: number[], epochs: number): Layer[] {
  seed(7);
  const layers = initLayers(sizes);
  const moments: Moments[] = layers.map((layer) => ({
    mw: new Float32Array(layer.weights.length),
    vw: new Float32Array(layer.weights.length),
    mb: new Float32Array(layer.bias.length),
    vb: new Float32Array(layer.bias.length),
    gw: new Float32Array(layer.weights.length),
    gb: new Float32Array(layer.bias.length),
  }));
  const n = samples.classes.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const validation = new Set(order.filter((i) => i % 20 === 0));
  const trainSet = order.filter((i) => !validation.has(i));
  const input = new Float32Array(FEATURES);
  const load = (i: number) => {
    const pixels = samples.pixels[i];
    for (let k = 0; k < pixels.length; k++) input[k] = pixels[k] / 255;
    input.set(samples.extras[i], pixels.length);
    return input;
  };
  // Rare classes (a comma, `K`) weigh more, common ones (junk) less: sqrt of the imbalance.
  const counts = CLASSES.map((_, c) => samples.classes.filter((k) => k === c).length);
  const typical = [...counts].sort((a, b) => a - b)[counts.length >> 1];
  const weights = counts.map((count) =>
    Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, Math.sqrt(typical / Math.max(1, count)))),
  );
  const batch = 64;
  let step = 0;
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const rate = 0.001 * (epoch >= epochs - 2 ? 0.3 : 1);
    for (let i = trainSet.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [trainSet[i], trainSet[j]] = [trainSet[j], trainSet[i]];
    }
    let loss = 0;
    for (let start = 0; start < trainSet.length; start += batch) {
      for (const m of moments) {
        m.gw.fill(0);
        m.gb.fill(0);
      }
      const end = Math.min(trainSet.length, start + batch);
      for (let s = start; s < end; s++) {
        const index = trainSet[s];
        loss += backward(layers, moments, load(index), samples.classes[index], weights);
      }
      step++;
      const scale = 1 / (end - start);
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      layers.forEach((layer, li) => {
        const m = moments[li];
        const update = (
          values: Float32Array,
          g: Float32Array,
          mm: Float32Array,
          vv: Float32Array,
        ) => {
          for (let k = 0; k < values.length; k++) {
            const grad = g[k] * scale;
            mm[k] = beta1 * mm[k] + (1 - beta1) * grad;
            vv[k] = beta2 * vv[k] + (1 - beta2) * grad * grad;
            values[k] -= (rate * (mm[k] / c1)) / (Math.sqrt(vv[k] / c2) + epsilon);
          }
        };
        update(layer.weights, m.gw, m.mw, m.vw);
        update(layer.bias, m.gb, m.mb, m.vb);
      });
    }
    const model: GlyphModel = { classes: CLASSES, layers };
    let right = 0;
    for (const i of validation) {
      const p = classify(model, load(i));
      let top = 0;
      for (let k = 1; k < p.length; k++) if (p[k] > p[top]) top = k;
      if (top === samples.classes[i]) right++;
    }
    console.log(
      `epoch ${epoch + 1}: loss ${(loss / trainSet.length).toFixed(4)}, validation ${((100 * right) / validation.size).toFixed(2)}%`,
    );
  }
  return layers;
}

/** Layers of `sizes` (inputs first), He-initialised from the seeded generator (Box-Muller). */
function initLayers(sizes: number[]): Layer[] {
  return sizes.slice(1).map((outputs, i) => {
    const inputs = sizes[i];
    const scale = Math.sqrt(2 / inputs);
    const weights = Float32Array.from({ length: inputs * outputs }, () => {
      const u = Math.max(1e-9, random());
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random()) * scale;
    });
    return { inputs, outputs, weights, bias: new Float32Array(outputs) };
  });
}

/** The gradients of one example, added to each layer's `gw`, `gb`; returns its loss. */
function backward(
  layers: Layer[],
  moments: Moments[],
  input: Float32Array,
  target: number,
  weights: number[],
): number {
  const activations: Float32Array[] = [Float32Array.from(input)];
  layers.forEach((layer, li) => {
    const x = activations[li];
    const out = new Float32Array(layer.outputs);
    for (let o = 0; o < layer.outputs; o++) {
      let sum = layer.bias[o];
      const row = o * layer.inputs;
      for (let k = 0; k < layer.inputs; k++) sum += layer.weights[row + k] * x[k];
      out[o] = li < layers.length - 1 && sum < 0 ? 0 : sum;
    }
    activations.push(out);
  });
  const logits = activations[layers.length];
  let max = Number.NEGATIVE_INFINITY;
  for (const v of logits) max = Math.max(max, v);
  let total = 0;
  const p = logits.map((v) => Math.exp(v - max));
  for (const v of p) total += v;
  const weight = weights[target];
  let delta: Float32Array = Float32Array.from(
    p,
    (v, k) => (v / total - (k === target ? 1 : 0)) * weight,
  );
  const loss = -Math.log(Math.max(1e-12, p[target] / total));
  for (let li = layers.length - 1; li >= 0; li--) {
    const layer = layers[li];
    const x = activations[li];
    const { gw, gb } = moments[li];
    const previous = new Float32Array(layer.inputs);
    for (let o = 0; o < layer.outputs; o++) {
      const d = delta[o];
      if (d === 0) continue;
      gb[o] += d;
      const row = o * layer.inputs;
      for (let k = 0; k < layer.inputs; k++) {
        gw[row + k] += d * x[k];
        previous[k] += d * layer.weights[row + k];
      }
    }
    if (li > 0) for (let k = 0; k < previous.length; k++) if (x[k] <= 0) previous[k] = 0;
    delta = previous;
  }
  return loss;
}
