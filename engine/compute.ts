/**
 * Per-GPU compute of one microbatch on one pipeline stage: a roofline per operation, FLOPs against
 * peak × computeEfficiency and bytes against HBM × memoryEfficiency, the slower of the two.
 */
import type { Scenario } from './types.js';
import { BYTES_PER_ELEMENT } from './types.js';
import { attentionParameters, expertHidden, ffnMatrices, moeLayerCount } from './parameters.js';
import type { Degrees } from './placement.js';

/** One operation's forward work on one GPU for one microbatch. */
export interface Operation { name: string; flops: number; bytes: number }

/** A GEMM of (m × k) by (k × n), with `count` such products: 2mkn FLOPs, inputs and output through HBM. */
function gemm(name: string, m: number, k: number, n: number, elementBytes: number, count = 1): Operation {
  return { name, flops: count * 2 * m * k * n, bytes: count * elementBytes * (m * k + k * n + m * n) };
}

/** Forward operations of one dense-attention layer plus its FFN or MoE block, per GPU. */
export function layerOperations(s: Scenario, d: Degrees, isMoe: boolean): Operation[] {
  const { model, training, assumptions } = s;
  const bytes = BYTES_PER_ELEMENT[training.datatype];
  const tokens = training.microbatchSize * model.sequenceLength;
  const h = model.hiddenSize;
  const tp = d.tp;
  const qkvWidth = (attentionParameters(model) - h * h) / h;
  const ops: Operation[] = [
    gemm('qkv projection', tokens, h, qkvWidth / tp, bytes),
    // Fused (flash) attention: QKᵀ and AV over the full sequence, Q, K, V and O through HBM once.
    { name: 'attention core', flops: (4 * tokens * model.sequenceLength * h) / tp, bytes: (4 * tokens * h * bytes) / tp },
    gemm('output projection', tokens, h / tp, h, bytes),
    { name: 'elementwise', flops: 0, bytes: (assumptions.elementwisePassesPerLayer * tokens * h * bytes) / (training.sequenceParallel ? tp : 1) },
  ];
  const matrices = ffnMatrices(model);
  if (!isMoe || !model.moe) {
    ops.push(gemm('ffn', tokens, h, model.ffnHidden / tp, bytes, matrices));
    return ops;
  }
  const moe = model.moe;
  const fe = expertHidden(model);
  const e = training.expertsPerDpRank;
  // Tokens each expert of this DP rank receives per microbatch, from every DP rank of the expert set.
  const tokensPerExpert = (tokens * moe.activeExperts) / e;
  ops.push(
    gemm('router', tokens / tp, h, moe.experts, bytes),
    gemm('routed experts', tokensPerExpert, h, fe / d.expertTp, bytes, matrices * d.expertsPerGpu),
  );
  if (moe.sharedExperts > 0) ops.push(gemm('shared experts', tokens, h, (moe.sharedExperts * fe) / tp, bytes, matrices));
  return ops;
}

/** HBM traffic of one layer's FFN activation function (GeLU reads 1, SwiGLU 2 hidden tensors, both write 1), per GPU. */
function activationFunctionBytes(s: Scenario, d: Degrees, isMoe: boolean): number {
  const { model, training } = s;
  const bytes = BYTES_PER_ELEMENT[training.datatype];
  const tokens = training.microbatchSize * model.sequenceLength;
  const tensors = ffnMatrices(model);
  if (!isMoe || !model.moe) return tokens * (model.ffnHidden / d.tp) * bytes * tensors;
  const fe = expertHidden(model);
  const routed = ((tokens * model.moe.activeExperts) / training.expertsPerDpRank) * (fe / d.expertTp) * d.expertsPerGpu;
  const shared = tokens * ((model.moe.sharedExperts * fe) / d.tp);
  return (routed + shared) * bytes * tensors;
}

/** The LM head and loss on the last stage, per GPU. */
export function headOperations(s: Scenario, d: Degrees): Operation[] {
  const { model, training } = s;
  const bytes = BYTES_PER_ELEMENT[training.datatype];
  const tokens = training.microbatchSize * model.sequenceLength;
  return [gemm('lm head', tokens, model.hiddenSize, model.vocabularySize / d.tp, bytes)];
}

export interface Roofline { flops: number; seconds: number }

/** Forward time of a list of operations: each op bound by math or by memory. */
export function roofline(s: Scenario, ops: readonly Operation[]): Roofline {
  const peak = (s.system.gpu.peakFlops[s.training.datatype] ?? 0) * s.assumptions.computeEfficiency;
  const memory = s.system.gpu.hbmBandwidth * s.assumptions.memoryEfficiency;
  let seconds = 0;
  let flops = 0;
  for (const op of ops) {
    seconds += Math.max(op.flops / peak, op.bytes / memory);
    flops += op.flops;
  }
  return { flops, seconds };
}

/** Layers of each kind on one pipeline rank (all its virtual stages together). */
export function stageLayers(s: Scenario): { moe: number; dense: number } {
  const perRank = s.model.layers / s.training.pipelineParallel;
  const moe = moeLayerCount(s.model) / s.training.pipelineParallel;
  return { moe, dense: perRank - moe };
}

/** Forward, backward and recompute time of one microbatch on the slowest (last) stage. */
export interface StageCompute {
  forwardSeconds: number;
  backwardSeconds: number;
  recomputeSeconds: number;
  /** Forward FLOPs per GPU of one microbatch (model FLOPs; backward is twice). */
  forwardFlops: number;
}

export function stageCompute(s: Scenario, d: Degrees): StageCompute {
  const layers = stageLayers(s);
  const moe = roofline(s, layerOperations(s, d, true));
  const dense = roofline(s, layerOperations(s, d, false));
  const head = roofline(s, headOperations(s, d));
  const forwardSeconds = layers.moe * moe.seconds + layers.dense * dense.seconds + head.seconds;
  const forwardFlops = layers.moe * moe.flops + layers.dense * dense.flops + head.flops;
  let recomputeSeconds = 0;
  if (s.training.recompute === 'full') recomputeSeconds = forwardSeconds - head.seconds;
  if (s.training.recompute === 'selective') {
    // The attention core and the FFN activation function are recomputed; memory.ts drops what they stored.
    const core = (ops: Operation[]) => roofline(s, ops.filter((o) => o.name === 'attention core')).seconds;
    const memory = s.system.gpu.hbmBandwidth * s.assumptions.memoryEfficiency;
    recomputeSeconds = (layers.moe + layers.dense) * core(layerOperations(s, d, true))
      + (layers.moe * activationFunctionBytes(s, d, true) + layers.dense * activationFunctionBytes(s, d, false)) / memory;
  }
  return { forwardSeconds, backwardSeconds: 2 * forwardSeconds, recomputeSeconds, forwardFlops };
}
