/** Token routing of an MoE layer: how many tokens the busiest expert handles. */
import type { TrainingSpec } from './types.js';

/**
 * Tokens the busiest expert handles, over the mean: capped and padded to the capacity factor when
 * tokens are dropped, `expertLoadImbalance` when routing is dropless.
 */
export function expertLoadFactor(t: TrainingSpec, imbalance: number): number {
  return t.capacityFactor ?? imbalance;
}
