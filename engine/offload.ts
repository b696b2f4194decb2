/**
 * Activation offloading to host memory (Megatron-Core's layer-level `cpu_offloading` through
 * Transformer Engine's offload synchronizer): the first `offloadedActivationLayers` layers copy what
 * they keep for the backward to the host after their forward and fetch it back before their
 * backward, on one copy stream beside the compute. The copy of offloaded layer i must be done before
 * layer L − n + i runs its forward; its reload starts at the backward of layer L − 1 − n + i and must
 * be done before layer i's backward. What the stream cannot finish in time, the compute waits for.
 */
import type { Scenario } from './types.js';
import { moeLayersBefore } from './pipeline.js';

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
 * Copy time per microbatch that compute does not hide: the synchronizer's schedule played layer by
 * layer over one forward and one backward (one stream, copies in order), against the layers' own
 * compute. With n copies of c seconds and layers of t seconds it comes to max(0, n·c − (L − 2)·t)
 * per pass when the copies outlast the layers; spare time carries from one copy to the next.
 */
export function exposedOffloadSeconds(s: Scenario, bytes: LayerBytes, seconds: LayerSeconds): number {
  const total = s.model.layers;
  const n = Math.min(s.training.offloadedActivationLayers ?? 0, total);
  const bandwidth = (s.system.gpu.hostLinkBandwidth ?? 0) * s.assumptions.hostCopyEfficiency;
  if (n === 0 || bandwidth <= 0) return 0;
  const isMoe = (layer: number) => moeLayersBefore(s.model, layer + 1) > moeLayersBefore(s.model, layer);
  const kind = (layer: number) => (isMoe(layer) ? 'moe' : 'dense');
  const copySeconds = (layer: number) => bytes[kind(layer)] / bandwidth;
  let exposed = 0;
  // Forward: layer k waits for copy k − (L − n); copy k starts when layer k is done and the stream is free.
  let clock = 0;
  let stream = 0;
  const copied: number[] = [];
  for (let k = 0; k < total; k++) {
    const due = k - (total - n);
    if (due >= 0) {
      exposed += Math.max(0, copied[due] - clock);
      clock = Math.max(clock, copied[due]);
    }
    clock += seconds[kind(k)].forward;
    if (k < n) {
      stream = Math.max(stream, clock) + copySeconds(k);
      copied[k] = stream;
    }
  }
  // Backward, last layer first: the backward of layer m starts reload m − (L − 1 − n), and an offloaded layer waits for its own.
  clock = 0;
  stream = 0;
  const reloaded: number[] = [];
  for (let m = total - 1; m >= 0; m--) {
    const start = m - (total - 1 - n);
    if (start >= 0 && start < n) {
      stream = Math.max(stream, clock) + copySeconds(start);
      reloaded[start] = stream;
    }
    if (m < n) {
      exposed += Math.max(0, reloaded[m] - clock);
      clock = Math.max(clock, reloaded[m]);
    }
    clock += seconds[kind(m)].backward;
  }
  return exposed;
}
