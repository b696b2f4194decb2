/** Parameter counts and per-token FLOPs of a decoder-only transformer, dense or MoE. */
import type { ModelSpec } from './types.js';
import type { ParameterCounts } from './results.js';

/** Weight matrices of one FFN: 2 for GeLU (up, down), 3 for SwiGLU (gate, up, down). */
export function ffnMatrices(model: ModelSpec): number {
  return model.ffnKind === 'swiglu' ? 3 : 2;
}

/** A SwiGLU whose halves are clamped (`activationClamp`); a GeLU FFN has nothing to clamp. */
export function clampsActivation(model: ModelSpec): boolean {
  return model.activationClamp !== undefined && ffnMatrices(model) === 3;
}

/** Hidden size of one fine-grained expert: d_ff / m. */
export function expertHidden(model: ModelSpec): number {
  return model.moe ? model.ffnHidden / model.moe.granularity : model.ffnHidden;
}

/** Projections of one MLA layer: down to the latents (replicated over TP) and up to the heads (split over TP). */
export function mlaProjections(model: ModelSpec): { down: number; up: number } {
  const m = model.mla!;
  const h = model.hiddenSize;
  const heads = model.attentionHeads;
  const qk = m.headDim + m.ropeHeadDim;
  const queries = m.queryLatentRank > 0 ? { down: h * m.queryLatentRank, up: m.queryLatentRank * heads * qk } : { down: 0, up: h * heads * qk };
  return {
    down: queries.down + h * (m.keyValueLatentRank + m.ropeHeadDim),
    up: queries.up + m.keyValueLatentRank * heads * (m.headDim + m.valueHeadDim) + heads * m.valueHeadDim * h,
  };
}

/** Q, K, V and output projections of one layer (GQA shrinks K and V; MLA goes through latents). */
export function attentionParameters(model: ModelSpec): number {
  if (model.mla) {
    const p = mlaProjections(model);
    return p.down + p.up;
  }
  const d = model.hiddenSize;
  const head = headDimOf(model);
  return 2 * d * model.attentionHeads * head + 2 * d * model.kvHeads * head;
}

/** Per-head dimension of (grouped-query) attention: as written, or hiddenSize / attentionHeads. */
export function headDimOf(model: ModelSpec): number {
  return model.headDim ?? model.hiddenSize / model.attentionHeads;
}

/** Forward FLOPs per token of the attention scores and their product with V, full s × s (the published convention). */
export function attentionScoreFlopsPerToken(model: ModelSpec): number {
  const s = model.sequenceLength;
  if (model.mla) return 2 * s * model.attentionHeads * (model.mla.headDim + model.mla.ropeHeadDim + model.mla.valueHeadDim);
  return 4 * s * model.attentionHeads * headDimOf(model);
}

/**
 * The share of the full s × s scores one layer's attention computes, on average over the model's
 * layers: `causalWork` of the triangle in a full causal layer, the band of a sliding window
 * (w − w(w − 1) / 2s keys per query, over s) in a windowed one. An unfused kernel computes the
 * whole square whatever the mask.
 */
export function attentionWorkShare(model: ModelSpec, causalWork: number, unfused: boolean): number {
  if (unfused) return 1;
  const s = model.sequenceLength;
  const w = model.attentionWindow;
  if (w === undefined || w >= s) return causalWork;
  const windowedShare = model.fullAttentionInterval === undefined ? 1 : 1 - 1 / model.fullAttentionInterval;
  const band = (w - (w * (w - 1)) / (2 * s)) / s;
  return windowedShare * band + (1 - windowedShare) * causalWork;
}

/**
 * Widths of the attention projections on one GPU of a TP group: the query (and output) slice, and
 * each of K and V. With fewer KV heads than TP ranks each rank keeps one whole KV head (Megatron
 * replicates K/V across the ranks that share it).
 */
export function attentionWidthsPerGpu(model: ModelSpec, tp: number): { query: number; keyValue: number } {
  const headDim = headDimOf(model);
  return { query: (model.attentionHeads * headDim) / tp, keyValue: headDim * Math.max(1, model.kvHeads / tp) };
}

/** Attention projection parameters on one GPU of a TP group (K and V replicated when kvHeads < TP). */
export function attentionParametersPerGpu(model: ModelSpec, tp: number): number {
  if (model.mla) {
    const p = mlaProjections(model);
    return p.down + p.up / tp;
  }
  const w = attentionWidthsPerGpu(model, tp);
  return model.hiddenSize * (2 * w.query + 2 * w.keyValue);
}

/** Parameters of one FFN (or expert) of hidden size `hidden`. */
export function ffnParameters(model: ModelSpec, hidden: number): number {
  return ffnMatrices(model) * model.hiddenSize * hidden;
}

/** Number of MoE layers: every `moeLayerInterval`-th layer after the first dense ones. */
export function moeLayerCount(model: ModelSpec): number {
  if (!model.moe) return 0;
  const candidates = model.layers - model.moe.firstDenseLayers;
  return candidates <= 0 ? 0 : Math.floor((candidates - 1) / model.moe.moeLayerInterval) + 1;
}

export function countParameters(model: ModelSpec): ParameterCounts {
  const d = model.hiddenSize;
  const moeLayers = moeLayerCount(model);
  const denseLayers = model.layers - moeLayers;
  const layerNorms = 4 * d;
  const attention = model.layers * (attentionParameters(model) + layerNorms);
  const denseFfn = denseLayers * ffnParameters(model, model.ffnHidden);
  const embedding = model.vocabularySize * d * (model.tiedEmbeddings ? 1 : 2);
  let experts = 0;
  let activeExperts = 0;
  if (model.moe) {
    const perExpert = ffnParameters(model, expertHidden(model));
    const router = d * model.moe.experts;
    experts = moeLayers * ((model.moe.experts + model.moe.sharedExperts) * perExpert + router);
    activeExperts = moeLayers * ((model.moe.activeExperts + model.moe.sharedExperts) * perExpert + router);
  }
  const total = attention + denseFfn + embedding + experts;
  return { total, active: attention + denseFfn + embedding + activeExperts, embedding, attention, experts, denseFfn };
}

/** Forward FLOPs per token of the whole model (2 per multiply-add; attention over the full sequence). */
export function forwardFlopsPerToken(model: ModelSpec): number {
  const h = model.hiddenSize;
  const moeLayers = moeLayerCount(model);
  const denseLayers = model.layers - moeLayers;
  const attention = 2 * attentionParameters(model) + attentionScoreFlopsPerToken(model);
  let flops = model.layers * attention + denseLayers * 2 * ffnParameters(model, model.ffnHidden);
  if (model.moe) {
    const expert = 2 * ffnParameters(model, expertHidden(model));
    flops += moeLayers * ((model.moe.activeExperts + model.moe.sharedExperts) * expert + 2 * h * model.moe.experts);
  }
  return flops + 2 * model.vocabularySize * h;
}
