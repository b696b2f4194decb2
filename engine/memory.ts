/**
 * Memory per GPU on the fullest pipeline stage: weights, gradients, optimizer state and the
 * activations of the microbatches in flight, against HBM less the reserve.
 */
import type { Scenario } from './types.js';
import { BYTES_PER_ELEMENT } from './types.js';
import type { MemoryFootprint } from './results.js';
import { attentionParameters, expertHidden, ffnMatrices, ffnParameters } from './parameters.js';
import { stageLayers } from './compute.js';
import type { Degrees } from './placement.js';

/** Parameters on one GPU of the fullest stage, split by how their gradients synchronise. */
export interface StageParameters {
  /** Replicated across all DP ranks: attention, dense FFNs, shared experts, router, embeddings. */
  dense: number;
  /** Held by one DP rank of each expert set: routed experts. */
  expert: number;
}

export function stageParameters(s: Scenario, d: Degrees): StageParameters {
  const { model } = s;
  const layers = stageLayers(s);
  const h = model.hiddenSize;
  // The last stage holds the LM head; with a single stage it holds the embedding too unless tied.
  const embeddings = model.vocabularySize * h * (s.training.pipelineParallel === 1 && !model.tiedEmbeddings ? 2 : 1);
  let dense = (layers.moe + layers.dense) * (attentionParameters(model) + 4 * h) + layers.dense * ffnParameters(model, model.ffnHidden) + embeddings;
  let expert = 0;
  if (model.moe) {
    const perExpert = ffnParameters(model, expertHidden(model));
    dense += layers.moe * (model.moe.sharedExperts * perExpert + h * model.moe.experts);
    expert = layers.moe * s.training.expertsPerDpRank * perExpert;
  }
  return { dense: dense / d.tp, expert: expert / d.tp };
}

/** Activation bytes one layer keeps per token for the backward pass, on one GPU. */
function activationBytesPerToken(s: Scenario, d: Degrees, isMoe: boolean): number {
  const { model, training } = s;
  const h = model.hiddenSize;
  const b = BYTES_PER_ELEMENT[training.datatype];
  if (training.recompute === 'full') return (h * b) / (training.sequenceParallel ? d.tp : 1);
  // Korthikanti et al. 2022 with fused attention: norms and residual inputs (4h), attention inputs,
  // Q, K, V, output and its dropout (11h at 16 bits), split over TP, replicated norms unless SP.
  const shared = 2 * h * b + h;
  const attention = 5.5 * h * b;
  const replicated = training.sequenceParallel ? 0 : shared;
  const split = (training.sequenceParallel ? shared : 0) + attention;
  const matrices = ffnMatrices(model);
  // Per FFN copy a token keeps its input and the hidden activations (one fewer under selective recompute).
  const hiddenTensors = (matrices === 3 ? 3 : 2) - (training.recompute === 'selective' ? 1 : 0);
  const ffnCopy = (hidden: number) => h * b + hiddenTensors * hidden * b;
  let ffn: number;
  if (isMoe && model.moe) {
    const fe = expertHidden(model);
    ffn = (model.moe.activeExperts + model.moe.sharedExperts) * ffnCopy(fe) + h + 4 * model.moe.experts;
  } else {
    ffn = ffnCopy(model.ffnHidden) + h;
  }
  return replicated + (split + ffn) / d.tp;
}

export function memoryFootprint(s: Scenario, d: Degrees): MemoryFootprint {
  const { model, training, assumptions, system } = s;
  const params = stageParameters(s, d);
  const total = params.dense + params.expert;
  const weightsBytes = total * BYTES_PER_ELEMENT[training.datatype];
  const gradientsBytes = total * assumptions.gradientBytesPerParameter;
  const moments = training.optimizer === 'adam' ? 2 : 1;
  const master = training.datatype === 'fp32' ? 0 : 1;
  const stateBytes = (moments + master) * assumptions.optimizerStateBytesPerValue;
  const optimizerBytes = training.shardOptimizer
    ? stateBytes * (params.dense / d.dp + params.expert / d.expertCopies)
    : stateBytes * total;
  const layers = stageLayers(s);
  const tokens = training.microbatchSize * model.sequenceLength;
  const layerActivations = tokens * (layers.moe * activationBytesPerToken(s, d, true) + layers.dense * activationBytesPerToken(s, d, false));
  // FP32 logits of the LM head, on the last stage only.
  const logits = (tokens * model.vocabularySize * 4) / d.tp;
  const microbatches = training.globalBatch / (training.dataParallel * training.microbatchSize);
  // The first stage stashes the most: 1F1B keeps PP microbatches in flight; the interleaved schedule
  // keeps 2(p − 1) + (v − 1)·p + 1 chunks of 1/v of the stage (Megatron-LM's warm-up count).
  const p = training.pipelineParallel;
  const v = training.virtualStages;
  const firstStage = v === 1
    ? layerActivations * Math.min(p, microbatches)
    : (layerActivations / v) * Math.min(microbatches * v, 2 * (p - 1) + (v - 1) * p + 1);
  // The last stage holds one microbatch in flight, plus its logits.
  const lastStage = layerActivations + logits;
  const activationsBytes = Math.max(firstStage, lastStage);
  const totalBytes = weightsBytes + gradientsBytes + optimizerBytes + activationsBytes;
  const capacityBytes = system.gpu.hbmCapacityBytes;
  const usableBytes = capacityBytes * (1 - assumptions.memoryReserveFraction);
  return { weightsBytes, gradientsBytes, optimizerBytes, activationsBytes, totalBytes, usableBytes, capacityBytes, fits: totalBytes <= usableBytes };
}
