/**
 * Memory per GPU on the fullest pipeline rank: weights, gradients, optimizer state and the
 * activations of the microbatches its schedule keeps in flight, against HBM less the reserve.
 */
import type { Scenario } from './types.js';
import type { MemoryFootprint } from './results.js';
import { attentionParametersPerGpu, expertHidden, ffnMatrices, ffnParameters, headDimOf } from './parameters.js';
import type { Degrees } from './placement.js';
import { distinctRanks, microbatchesInFlight, pipelineRanks, scheduleOf, type RankLayers } from './pipeline.js';
import { expertLoadFactor } from './routing.js';
import { microbatchTokens } from './compute.js';
import { activationBytes, cachedGemmInputBytes } from './precision.js';

/** Parameters on one GPU of a pipeline rank, split by how their gradients synchronise. */
export interface StageParameters {
  /** Replicated across all DP ranks: attention, dense FFNs, shared experts, router, embeddings. */
  dense: number;
  /** Held by one DP rank of each expert set: routed experts. */
  expert: number;
}

export function stageParameters(s: Scenario, d: Degrees, rank: RankLayers): StageParameters {
  const { model } = s;
  const h = model.hiddenSize;
  const layers = rank.moe + rank.dense;
  // The first rank holds the embedding and the last the LM head (one matrix when tied and on one rank).
  const embeddingMatrices = (rank.embedding ? 1 : 0) + (rank.head ? 1 : 0) - (rank.embedding && rank.head && model.tiedEmbeddings ? 1 : 0);
  const embeddings = (embeddingMatrices * model.vocabularySize * h) / d.tp;
  let dense = layers * (attentionParametersPerGpu(model, d.tp) + (4 * h) / d.tp) + (rank.dense * ffnParameters(model, model.ffnHidden)) / d.tp;
  let expert = 0;
  if (model.moe) {
    const perExpert = ffnParameters(model, expertHidden(model));
    dense += (rank.moe * (model.moe.sharedExperts * perExpert + h * model.moe.experts)) / d.tp;
    expert = (rank.moe * s.training.expertsPerDpRank * perExpert) / d.tp;
  }
  // Layer counts of a DualPipe rank are the mean of its two stages, which it both holds; the
  // embedding and head it holds once.
  return { dense: dense * rank.parameterCopies + embeddings, expert: expert * rank.parameterCopies };
}

/**
 * Attention activations one token keeps per layer, summed over the TP group (split by the caller):
 * the input, Q, K, V, the output and the dropout mask — 11h bytes at 16 bits for multi-head attention
 * (Korthikanti et al. 2022). MLA keeps its latents, and the up-projected Q, K and V unless selective
 * recompute re-runs the up-projections from the latents (as DeepSeek-V3 does). GEMM inputs (`g`
 * bytes) may be kept in low precision; Q, K and V feed the 16-bit attention kernel.
 */
function attentionActivationBytes(s: Scenario, g: number): number {
  const { model, training } = s;
  const h = model.hiddenSize;
  const b = activationBytes(training);
  if (!model.mla) {
    // The QKV projection's input, Q, K and V (GQA shrinks K and V), the output projection's input, and the 1-byte dropout mask.
    const query = model.attentionHeads * headDimOf(model);
    const keyValue = model.kvHeads * headDimOf(model);
    return g * (h + query) + b * (query + 2 * keyValue) + h;
  }
  const m = model.mla;
  const heads = model.attentionHeads;
  const latents = m.queryLatentRank + m.keyValueLatentRank + m.ropeHeadDim;
  const upProjected = training.recompute === 'selective' ? 0 : heads * (2 * (m.headDim + m.ropeHeadDim) + m.valueHeadDim);
  return g * (h + latents + heads * m.valueHeadDim) + b * upProjected + h;
}

/** One GPU's share of its parameters when they are sharded: dense ones over DP × CP, experts over their copies. */
export function shardedParameters(d: Degrees, params: StageParameters): number {
  return params.dense / (d.dp * d.cp) + params.expert / d.expertCopies;
}

/** Parameters whose optimizer state one GPU holds and steps: its shard, or all of them when unsharded. */
export function optimizerParameters(s: Scenario, d: Degrees, params: StageParameters): number {
  return s.training.shardOptimizer || s.training.shardParameters ? shardedParameters(d, params) : params.dense + params.expert;
}

/** Activation bytes one layer keeps per token for the backward pass, on one GPU. */
function activationBytesPerToken(s: Scenario, d: Degrees, isMoe: boolean): number {
  const { model, training } = s;
  const h = model.hiddenSize;
  const b = activationBytes(training);
  const g = cachedGemmInputBytes(training, s.assumptions.lowPrecisionActivationCache);
  if (training.recompute === 'full') return (h * b) / (training.sequenceParallel ? d.tp : 1);
  // Korthikanti et al. 2022 with fused attention: norms and residual inputs (4h), attention inputs,
  // Q, K, V, output and its dropout (11h at 16 bits), split over TP, replicated norms unless SP.
  const shared = 2 * h * b + h;
  // An unfused kernel also keeps the scores, softmax, dropout mask and output: 5·a·s bytes per
  // token at 16 bits (Korthikanti et al. 2022, eq. 1), all dropped by selective recompute.
  const scores = training.attentionKernel === 'unfused' && training.recompute !== 'selective' ? 2.5 * model.attentionHeads * model.sequenceLength * b : 0;
  const attention = attentionActivationBytes(s, g) + scores;
  const replicated = training.sequenceParallel ? 0 : shared;
  const split = (training.sequenceParallel ? shared : 0) + attention;
  const matrices = ffnMatrices(model);
  // Per FFN copy a token keeps its input (a GEMM input), the activation function's inputs (SwiGLU's
  // two, GeLU's one) and its output (the down projection's input); selective recompute drops the
  // output and re-runs the function from its inputs (compute.ts).
  const functionInputs = matrices === 3 ? 2 : 1;
  const functionOutput = training.recompute === 'selective' ? 0 : 1;
  const ffnCopy = (hidden: number) => h * g + functionInputs * hidden * b + functionOutput * hidden * g;
  let ffn: number;
  if (isMoe && model.moe) {
    const fe = expertHidden(model);
    const routed = model.moe.activeExperts * expertLoadFactor(training, s.assumptions.expertLoadImbalance);
    ffn = (routed + model.moe.sharedExperts) * ffnCopy(fe) + h + 4 * model.moe.experts;
  } else {
    ffn = ffnCopy(model.ffnHidden) + h;
  }
  return replicated + (split + ffn) / d.tp;
}

/** Memory of one pipeline rank. */
function rankFootprint(s: Scenario, d: Degrees, rank: RankLayers): MemoryFootprint {
  const { model, training, assumptions, system } = s;
  const params = stageParameters(s, d, rank);
  const total = params.dense + params.expert;
  const sharded = shardedParameters(d, params);
  // ZeRO-3 / FSDP keeps a shard, plus the gathered weights of the layer computing and the one prefetched.
  const layers = Math.max(1, rank.moe + rank.dense);
  const resident = training.shardParameters ? sharded + Math.min(total, (2 * total) / layers) : total;
  const weightsBytes = resident * activationBytes(training);
  const gradientsBytes = (training.shardParameters ? sharded : total) * assumptions.gradientBytesPerParameter;
  const moments = training.optimizer === 'adam' ? 2 : 1;
  const master = training.datatype === 'fp32' ? 0 : 1;
  const stateBytes = (moments + master) * assumptions.optimizerStateBytesPerValue;
  const optimizerBytes = stateBytes * optimizerParameters(s, d, params);
  const tokens = microbatchTokens(s);
  const layerActivations = tokens * (rank.moe * activationBytesPerToken(s, d, true) + rank.dense * activationBytesPerToken(s, d, false));
  // FP32 logits of the LM head, on the last rank only, for the microbatch in its backward.
  const logits = rank.head ? ((1 + rank.extraHeads) * tokens * model.vocabularySize * 4) / d.tp : 0;
  const microbatches = training.globalBatch / (training.dataParallel * training.microbatchSize);
  const inFlight = microbatchesInFlight(scheduleOf(training), rank.rank, microbatches, training.pipelineParallel, training.virtualStages);
  const activationsBytes = layerActivations * inFlight + logits;
  const totalBytes = weightsBytes + gradientsBytes + optimizerBytes + activationsBytes;
  const capacityBytes = system.gpu.hbmCapacityBytes;
  const usableBytes = capacityBytes * (1 - assumptions.memoryReserveFraction);
  return {
    weightsBytes,
    gradientsBytes,
    optimizerBytes,
    activationsBytes,
    totalBytes,
    usableBytes,
    capacityBytes,
    fits: totalBytes <= usableBytes,
    pipelineRank: rank.rank,
  };
}

/**
 * The fullest pipeline rank's memory. Among ranks of one layout the first stashes the most
 * microbatches, so only the first of each layout is a candidate.
 */
export function memoryFootprint(s: Scenario, d: Degrees): MemoryFootprint {
  let fullest: MemoryFootprint | undefined;
  for (const rank of distinctRanks(pipelineRanks(s.model, s.training))) {
    const footprint = rankFootprint(s, d, rank);
    if (!fullest || footprint.totalBytes > fullest.totalBytes) fullest = footprint;
  }
  return fullest!;
}
