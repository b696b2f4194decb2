/**
 * Torus tiers (Section II-B's alternative to a single layer of switches). In a k-ary n-cube with
 * wrap-around, rings map onto neighbour links and run at the full injection bandwidth, but uniform
 * all-to-all traffic is bounded by the bisection: each GPU's share crosses n·k/4 links on average,
 * so it takes n·k/4 times as long as through a switch and every bit is relayed over as many links.
 */
import type { NetworkTier } from './types.js';

/** Nodes per torus dimension, k = domainSize^(1/n); 0 when the tier is not a torus. */
export function torusRadix(tier: NetworkTier): number {
  const n = tier.torusDimensions ?? 0;
  return n > 0 ? Math.round(tier.domainSize ** (1 / n)) : 0;
}

/**
 * Links a byte of uniform all-to-all traffic crosses on average on a torus tier, when the group's
 * members are spread over `extent` consecutive GPUs: n·k/4 for the sub-torus of k^n = extent GPUs
 * (every group of the same kind exchanges at once, so the sub-torus's bisection is shared), at
 * least one. 1 on any other tier.
 */
export function allToAllHops(tier: NetworkTier, extent: number): number {
  const n = tier.torusDimensions ?? 0;
  if (n <= 0 || extent <= 1) return 1;
  return Math.max(1, (n * extent ** (1 / n)) / 4);
}
