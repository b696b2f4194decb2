/**
 * What recompute re-runs: which layers full recompute re-runs, and which parts of a layer selective
 * recompute re-runs. Megatron's `recompute_method = block` with
 * `recompute_num_layers = n` checkpoints the first n layers of each pipeline chunk and keeps every
 * activation of the rest; without `recomputeLayers` every layer is checkpointed.
 */
import { chunkLayers, scheduleOf, type RankLayers } from './pipeline.js';
import type { RecomputeModules, Scenario, TrainingSpec } from './types.js';

/** Share of one pipeline rank's layers that full recompute re-runs: 0 without full recompute. */
export function rankRecomputeShare(s: Scenario, rank: RankLayers): number {
  const t = s.training;
  if (t.recompute !== 'full') return 0;
  const n = t.recomputeLayers;
  if (n === undefined) return 1;
  // The chunks the rank holds: its stage, its v interleaved chunks, or DualPipe's stages r and p − 1 − r.
  const chunks = chunkLayers(s.model, t);
  const p = t.pipelineParallel;
  const schedule = scheduleOf(t);
  const held =
    schedule === 'interleaved'
      ? chunks.filter((_, c) => c % p === rank.rank)
      : schedule === 'dualpipe' && rank.rank !== p - 1 - rank.rank
        ? [chunks[rank.rank], chunks[p - 1 - rank.rank]]
        : [chunks[rank.rank]];
  const layers = held.reduce((sum, l) => sum + l, 0);
  return layers > 0 ? held.reduce((sum, l) => sum + Math.min(n, l), 0) / layers : 1;
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
