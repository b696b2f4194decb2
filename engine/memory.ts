/**
 * Memory per GPU on the fullest pipeline rank: weights, gradients, optimizer state and the
 * activations of the microbatches its schedule keeps in flight, against HBM less the reserve.
 */
import { DEFAULT_DROPOUT, type Recompute, type RecomputeModules, type Scenario } from './types.js';
import type { MemoryFootprint } from './results.js';
import { attentionParametersPerGpu, clampsActivation, expertHidden, ffnMatrices, ffnParameters, headDimOf } from './parameters.js';
import type { Degrees } from './placement.js';
import { distinctRanks, microbatchesInFlight, pipelineRanks, scheduleOf, type RankLayers } from './pipeline.js';
import { busiestRankLoad } from './routing.js';
import { microbatchTokens } from './compute.js';
import { activationBytes, activationFunctionInputBytes, cachedGemmInputBytes, gradientBytes } from './precision.js';
import { rankRecomputeShare, selectiveModules } from './recompute.js';
import { offloadedBytes, offloadedLayers, offloadFitsHost, type LayerBytes } from './offload.js';

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

/** Activation bytes per token of one part of a layer: `replicated` on every TP rank unless sequence parallelism splits it, `split` over TP. */
interface KeptBytes {
  replicated: number;
  split: number;
}

/**
 * Attention activations one token keeps per layer (Korthikanti et al. 2022): the QKV projection's
 * input (the whole activation on every TP rank without sequence parallelism), Q, K, V and the output
 * projection's input (split over TP) — 11h bytes at 16 bits for multi-head attention with the
 * dropout mask the caller counts. MLA keeps its input and latents (its down projections are
 * replicated over TP), and the up-projected Q, K and V unless selective recompute re-runs the
 * up-projections from the latents (as DeepSeek-V3 does). GEMM inputs (`g` bytes) may be kept in low
 * precision; Q, K and V feed the 16-bit attention kernel.
 */
function attentionActivationBytes(s: Scenario, g: number, modules: RecomputeModules | undefined): KeptBytes {
  const { model, training } = s;
  const h = model.hiddenSize;
  const b = activationBytes(training);
  // The input norm's output, the first projections' input, unless the norm is recomputed.
  const normOutput = modules?.norms ? 0 : g * h;
  if (!model.mla) {
    const query = model.attentionHeads * headDimOf(model);
    const keyValue = model.kvHeads * headDimOf(model);
    return { replicated: normOutput, split: b * (query + 2 * keyValue) + g * query };
  }
  const m = model.mla;
  const heads = model.attentionHeads;
  const latents = m.queryLatentRank + m.keyValueLatentRank + m.ropeHeadDim;
  const upProjected = modules?.mlaUpProjections ? 0 : heads * (2 * (m.headDim + m.ropeHeadDim) + m.valueHeadDim);
  return { replicated: normOutput + g * latents, split: b * upProjected + g * heads * m.valueHeadDim };
}

/** One GPU's share of its parameters when they are sharded: dense ones over DP × CP, experts over their copies. */
export function shardedParameters(d: Degrees, params: StageParameters): number {
  return params.dense / (d.dp * d.cp) + params.expert / d.expertCopies;
}

/** Parameters whose optimizer state one GPU holds and steps: its shard, or all of them when unsharded. */
export function optimizerParameters(s: Scenario, d: Degrees, params: StageParameters): number {
  return s.training.shardOptimizer || s.training.shardParameters ? shardedParameters(d, params) : params.dense + params.expert;
}

/**
 * Activation bytes one layer keeps per token for the backward pass, on one GPU: Korthikanti et al.
 * 2022's 34h + 5as bytes at 16 bits, of which the norm inputs, the two dropout masks and the inputs
 * of the QKV and first FFN projections (10h) sit whole on every TP rank unless sequence parallelism
 * splits them.
 */
function activationBytesPerToken(s: Scenario, d: Degrees, isMoe: boolean, recompute: Recompute): number {
  const { model, training } = s;
  const h = model.hiddenSize;
  const b = activationBytes(training);
  const g = cachedGemmInputBytes(training, s.assumptions.lowPrecisionActivationCache);
  const sp = training.sequenceParallel;
  if (recompute === 'full') return (h * b) / (sp ? d.tp : 1);
  const modules = recompute === 'selective' ? selectiveModules(training) : undefined;
  const unfused = training.attentionKernel === 'unfused';
  // Two norm inputs (16-bit) and, with dropout, its 1-byte masks after attention and after the FFN.
  const dropout = (model.dropout ?? DEFAULT_DROPOUT) > 0;
  const normsAndMasks = 2 * h * b + (dropout ? 2 * h : 0);
  // An unfused kernel also keeps its softmax output and, with dropout, the dropout's mask (a byte)
  // and output: 5·a·s bytes per token at 16 bits (Korthikanti et al. 2022, eq. 1), unless selective
  // recompute re-runs that core. The modules it re-runs (recompute.ts) drop what they stored, and
  // compute.ts times their re-run.
  const scores = unfused && !modules?.attentionCore ? model.attentionHeads * model.sequenceLength * (dropout ? 2 * b + 1 : b) : 0;
  const attention = attentionActivationBytes(s, g, modules);
  const functionInputs = ffnMatrices(model) === 3 ? 2 : 1;
  const functionOutput = modules?.activationFunction ? 0 : 1;
  // A clamped SwiGLU's clamps keep their input, the FC1 output, for the backward's masks (16-bit, both
  // halves), beside the clamped copy the activation keeps; recomputing the activation drops both.
  const clampInputs = clampsActivation(model) && !modules?.activationFunction ? 2 * b : 0;
  // Per FFN copy: the activation function's inputs (SwiGLU's two, GeLU's one) and its output, the down projection's input.
  const hiddenBytes = (hidden: number) => functionInputs * hidden * activationFunctionInputBytes(training) + functionOutput * hidden * g + clampInputs * hidden;
  // The first FFN projection's input is the norm's output; in an MoE layer it feeds the 16-bit router
  // (and the shared experts), and each routed copy keeps its own permuted input.
  const ffnInput = modules?.norms ? 0 : h * (isMoe && model.moe ? b : g);
  let ffn: number;
  if (isMoe && model.moe) {
    const fe = expertHidden(model);
    const routed = model.moe.activeExperts * busiestRankLoad(s, d, microbatchTokens(s));
    // Each routed copy keeps its permuted input on the expert's GPU, and the router its probabilities.
    ffn = routed * (h * g + hiddenBytes(fe)) + model.moe.sharedExperts * hiddenBytes(fe) + 4 * model.moe.experts;
  } else {
    ffn = hiddenBytes(model.ffnHidden);
  }
  const replicated = normsAndMasks + attention.replicated + ffnInput;
  const split = attention.split + scores + ffn;
  return sp ? (replicated + split) / d.tp : replicated + split / d.tp;
}

/** Activation bytes one layer of each kind on the rank keeps for one microbatch, on one GPU. */
export function layerActivationBytes(s: Scenario, d: Degrees, rank: RankLayers): LayerBytes {
  const tokens = microbatchTokens(s);
  // Layers that full recompute re-runs keep their input; with `recomputeLayers` the others keep everything.
  const share = rankRecomputeShare(s, rank);
  const kept = (isMoe: boolean) =>
    share > 0 && share < 1
      ? share * activationBytesPerToken(s, d, isMoe, 'full') + (1 - share) * activationBytesPerToken(s, d, isMoe, 'none')
      : activationBytesPerToken(s, d, isMoe, s.training.recompute);
  return { moe: tokens * kept(true), dense: tokens * kept(false) };
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
  const gradientsBytes = (training.shardParameters ? sharded : total) * gradientBytes(s);
  const moments = training.optimizer === 'adam' ? 2 : 1;
  const master = training.datatype === 'fp32' ? 0 : 1;
  const stateBytes = (moments + master) * assumptions.optimizerStateBytesPerValue;
  const optimizerBytes = stateBytes * optimizerParameters(s, d, params);
  const tokens = microbatchTokens(s);
  const bytes = layerActivationBytes(s, d, rank);
  const hostOffloadBytes = offloadedBytes(offloadedLayers(s), bytes);
  const layerActivations = rank.moe * bytes.moe + rank.dense * bytes.dense - hostOffloadBytes;
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
    hostOffloadBytes,
    hostFits: offloadFitsHost(s, hostOffloadBytes),
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
