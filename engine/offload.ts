/**
 * Activation offloading to host memory (Megatron-Core's `cpu_offloading` through Transformer
 * Engine's offload handler): the first `offloadedActivationLayers` layers copy what they keep for the
 * backward to the host after their forward and fetch it back before their backward, on a copy
 * stream beside the compute. TE's double-buffered handler (v1) gives the copy of offloaded layer i
 * until the end of layer ⌊L / n⌋·(i + 1) − 1; its later synchronizer gives it until layer L − n + i.
 * Either way the stream must move n layers within one forward (and one backward): each copy hides
 * behind ⌊L / n⌋ layers of compute, and what it cannot hide the step waits for.
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
 * Bytes the offloaded layers keep for one microbatch: what leaves HBM and what the host holds. Each
 * is released once its copy is done, and every copy is done (or the compute waits for it) before
 * the layer L − n + i runs, so at the end of the forward HBM holds the other L − n layers only (TE's
 * synchronizer: "peak memory usage of saving activations is (num_layers − num_offloaded_layers) × T").
 */
export function offloadedBytes(layers: OffloadedLayers, bytes: LayerBytes): number {
  return layers.moe * bytes.moe + layers.dense * bytes.dense;
}

/** Whether the offloaded activations fit in the host memory the GPU gives (unchecked without one). */
export function offloadFitsHost(s: Scenario, hostOffloadBytes: number): boolean {
  const host = s.system.gpu.hostMemoryBytes;
  return host === undefined || hostOffloadBytes <= host;
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
