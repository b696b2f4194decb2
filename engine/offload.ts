/**
 * Activation offloading to host memory (Megatron-Core's `cpu_offloading` through Transformer
 * Engine's double-buffered offload handler): the first `offloadedActivationLayers` layers copy what
 * they keep for the backward to the host after their forward and fetch it back before their
 * backward. The handler spreads the copies over the model: the copy of offloaded layer i must be done
 * by the end of layer ⌊L / n⌋·(i + 1) − 1, so each copy hides behind ⌊L / n⌋ layers of compute, one
 * copy stream each way.
 */
import type { Scenario } from './types.js';
import { moeLayersBefore, type RankLayers } from './pipeline.js';

/** Offloaded layers by kind: the first layers of the model, so a model's leading dense layers go first. */
export interface OffloadedLayers {
  moe: number;
  dense: number;
}

export function offloadedLayers(s: Scenario): OffloadedLayers {
  const n = Math.min(s.training.offloadedActivationLayers ?? 0, s.model.layers);
  const moe = moeLayersBefore(s.model, n);
  return { moe, dense: n - moe };
}

/** Activation bytes of one microbatch per kind of layer, as a GPU keeps them. */
export interface LayerBytes {
  moe: number;
  dense: number;
}

/**
 * Bytes an offload takes out of HBM for one microbatch: all the offloaded layers' but one in
 * transit (the handler keeps a layer's tensors until its copy is done, and fetches one ahead).
 */
export function offloadSavedBytes(layers: OffloadedLayers, bytes: LayerBytes): number {
  const total = layers.moe * bytes.moe + layers.dense * bytes.dense;
  const inTransit = Math.max(layers.moe > 0 ? bytes.moe : 0, layers.dense > 0 ? bytes.dense : 0);
  return Math.max(0, total - inTransit);
}

/** Bytes the host holds for one microbatch: what the GPU sent it. */
export function offloadHostBytes(layers: OffloadedLayers, bytes: LayerBytes): number {
  return layers.moe * bytes.moe + layers.dense * bytes.dense;
}

/** Forward and backward seconds of one layer of each kind on the rank. */
export interface LayerSeconds {
  moe: { forward: number; backward: number };
  dense: { forward: number; backward: number };
}

/**
 * Copy time per microbatch that compute does not hide: each offloaded layer's copy out (forward)
 * and back (backward) against the mean compute of the ⌊L / n⌋ layers it has to finish in.
 */
export function exposedOffloadSeconds(s: Scenario, rank: RankLayers, layers: OffloadedLayers, bytes: LayerBytes, seconds: LayerSeconds): number {
  const n = layers.moe + layers.dense;
  const rankLayers = rank.moe + rank.dense;
  const bandwidth = (s.system.gpu.hostLinkBandwidth ?? 0) * s.assumptions.hostCopyEfficiency;
  if (n === 0 || rankLayers === 0 || bandwidth <= 0) return 0;
  const window = Math.floor(rankLayers / n);
  const mean = (pass: 'forward' | 'backward') => (rank.moe * seconds.moe[pass] + rank.dense * seconds.dense[pass]) / rankLayers;
  const exposed = (copyBytes: number) =>
    Math.max(0, copyBytes / bandwidth - window * mean('forward')) + Math.max(0, copyBytes / bandwidth - window * mean('backward'));
  return layers.moe * exposed(bytes.moe) + layers.dense * exposed(bytes.dense);
}
