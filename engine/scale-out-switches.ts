/**
 * Switches of every tier for power, scale-out included. A tier that names its switch uses it. A
 * tier beyond the first that names none and is no torus is still switched: no cluster joins
 * thousands of GPUs by direct links, so it is taken as a folded Clos of `scaleOutSwitchRadix`-port
 * switches, one port per GPU at the tier's bandwidth (32,768 GPUs on radix 64: three levels,
 * 2,560 switches per rail). The first tier without a switch stays direct (an Infinity Fabric node).
 * Implied switches cost power and energy only; the tier's latency is what the scenario gives.
 */
import type { NetworkTier, Scenario, SwitchSpec } from './types.js';
import { switchFabric, switchTraversals } from './energy.js';

export interface TierSwitches {
  /** The switch of the tier: its own, implied, or none. */
  switch?: SwitchSpec;
  /** True when the scenario names no switch and one is implied. */
  implied: boolean;
  levels: number;
  switches: number;
  /** Switch ends a bit crosses: 2L − 1 for L levels. */
  traversals: number;
}

/** The switch a tier has or is implied to have. */
export function impliedSwitch(s: Scenario, index: number): SwitchSpec | undefined {
  const tier = s.system.tiers[index];
  if (tier.switch) return tier.switch;
  if (index === 0 || (tier.torusDimensions ?? 0) > 0 || tier.domainSize <= 1) return undefined;
  return { name: `implied-${tier.name}-switch`, radix: s.assumptions.scaleOutSwitchRadix, portBandwidth: tier.bandwidthPerGpu, link: tier.link };
}

/** The switch fabric of tier `index` for power: levels, switch count and crossings. */
export function tierSwitches(s: Scenario, index: number): TierSwitches {
  const tier: NetworkTier = s.system.tiers[index];
  const sw = impliedSwitch(s, index);
  if (!sw) return { implied: false, levels: 0, switches: 0, traversals: 0 };
  // switchFabric finds the tier by identity among the system's tiers (for rails), so swap it in place.
  const withSwitch = tier.switch ? tier : { ...tier, switch: sw };
  const tiers = s.system.tiers.map((t, i) => (i === index ? withSwitch : t));
  const fabric = switchFabric({ ...s.system, tiers }, withSwitch);
  return { switch: sw, implied: !tier.switch, levels: fabric.levels, switches: fabric.switches, traversals: switchTraversals(fabric.levels) };
}
