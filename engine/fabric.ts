/**
 * What a multi-level fabric does to a tier's collectives: a folded Clos of radix-k switches needs
 * more levels as the cluster grows (k, k²/2, k³/4 … GPUs per rail), each level adding two switch
 * crossings to the start-up latency, and a tapered (oversubscribed) fabric divides the bandwidth
 * above its first level. The tier's own `latency` is that of one level.
 */
import type { NetworkTier, Scenario } from './types.js';
import { railFabrics, switchLevels } from './energy.js';

/** Levels of the tier's switch fabric for its domain (1 for a single layer or an unswitched tier). */
export function fabricLevels(tiers: readonly NetworkTier[], index: number): number {
  const tier = tiers[index];
  return tier.switch ? switchLevels(Math.max(1, tier.domainSize / railFabrics(tiers, index)), tier.switch.radix) : 1;
}

const cache = new WeakMap<readonly NetworkTier[], { hop: number; tiers: NetworkTier[] }>();

/**
 * The tiers as collectives see them: latency plus 2 × `switchHopLatency` per level beyond the
 * first, bandwidth over `oversubscription`. Cached per tier list, so spans keep their cache.
 */
export function fabricTiers(s: Scenario): readonly NetworkTier[] {
  const tiers = s.system.tiers;
  const hop = s.assumptions.switchHopLatency;
  const cached = cache.get(tiers);
  if (cached && cached.hop === hop) return cached.tiers;
  const effective = tiers.map((tier, i) => {
    const extraLevels = fabricLevels(tiers, i) - 1;
    const taper = tier.oversubscription ?? 1;
    if (extraLevels === 0 && taper === 1) return tier;
    return { ...tier, latency: tier.latency + 2 * extraLevels * hop, bandwidthPerGpu: tier.bandwidthPerGpu / taper };
  });
  cache.set(tiers, { hop, tiers: effective });
  return effective;
}
