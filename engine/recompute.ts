/**
 * What recompute re-runs: which layers full recompute re-runs, and which parts of a layer selective
 * recompute re-runs. Megatron's `recompute_method = block` with
 * `recompute_num_layers = n` checkpoints the first n layers of each pipeline chunk and keeps every
 * activation of the rest; without `recomputeLayers` every layer is checkpointed.
 */
import { chunkCount, scheduleOf, type RankLayers } from './pipeline.js';
import type { RecomputeModules, Scenario, TrainingSpec } from './types.js';

/** Share of `layersPerChunk` layers that full recompute re-runs: 0 without full recompute. */
function shareOfChunk(t: TrainingSpec, layersPerChunk: number): number {
  if (t.recompute !== 'full') return 0;
  if (t.recomputeLayers === undefined || layersPerChunk <= 0) return 1;
  return Math.min(1, t.recomputeLayers / layersPerChunk);
}

/** Share of one pipeline rank's layers that full recompute re-runs, from the chunks the rank holds. */
export function rankRecomputeShare(t: TrainingSpec, rank: RankLayers): number {
  const chunksPerRank = scheduleOf(t) === 'interleaved' ? t.virtualStages : 1;
  return shareOfChunk(t, (rank.moe + rank.dense) / chunksPerRank);
}

/** Share of the model's layers that full recompute re-runs, with the layers spread evenly over the chunks. */
export function modelRecomputeShare(s: Scenario): number {
  return shareOfChunk(s.training, s.model.layers / chunkCount(s.training));
}

/**
 * What selective recompute re-runs, its defaults filled in; undefined without selective recompute.
 * By default: the attention core with an unfused kernel (Korthikanti et al. 2022), the FFN activation
 * function with a fused one, MLA's up-projections, not the norms.
 */
export function selectiveModules(t: TrainingSpec): Required<RecomputeModules> | undefined {
  if (t.recompute !== 'selective') return undefined;
  const written = t.recomputeModules ?? {};
  return {
    norms: written.norms ?? false,
    activationFunction: written.activationFunction ?? t.attentionKernel !== 'unfused',
    attentionCore: written.attentionCore ?? true,
    mlaUpProjections: written.mlaUpProjections ?? true,
  };
}
