/**
 * Whole-system power and energy-to-train. Links are charged either at line rate (`always-on`:
 * SerDes stay locked and CW lasers lit whether or not bits flow) or per bit moved (`activity`, the
 * paper's accounting); both are reported and the link's `powerMode` picks the one that counts.
 * Switch ASIC cores draw at all times; a scale-out tier without a switch gets an implied Clos
 * (`scale-out-switches.ts`), so its switches count too. GPU power follows utilisation:
 * P_gpu = P_busy·(u + idle·(1 − u)), u = compute time / step time. Facility = IT × PUE.
 */
import type { Scenario, NetworkTier, SwitchSpec } from './types.js';
import type { TierSwitches } from './scale-out-switches.js';
import type { PackagePowerBudget, StepBreakdown, SystemPower, TierEnergy, TierPower } from './results.js';
import { totalEnergyPerBit } from './presets/links.js';

/** Core power of one switch package, W. */
export function switchCorePower(s: Scenario, sw: SwitchSpec | undefined): number {
  if (!sw) return 0;
  return sw.corePower ?? s.assumptions.switchCoreEnergyPerBit * sw.radix * sw.portBandwidth;
}

/** Link power of one tier, whole cluster, in both modes. */
export function tierPower(s: Scenario, tier: NetworkTier, fabric: TierSwitches, energy: TierEnergy, stepSeconds: number): TierPower {
  const sw = fabric.switch;
  const gpuEnds = s.system.gpuCount * tier.bandwidthPerGpu * totalEnergyPerBit(tier.link);
  const switchPorts = sw ? fabric.switches * sw.radix * sw.portBandwidth * totalEnergyPerBit(sw.link) : 0;
  const alwaysOnWatts = gpuEnds + switchPorts;
  // An implied scale-out fabric's ports are charged per bit too: each bit crosses 2L − 1 of them.
  const impliedJoules = fabric.implied && sw ? energy.bitsPerGpuPerStep * s.system.gpuCount * fabric.traversals * totalEnergyPerBit(sw.link) : 0;
  const activityWatts = stepSeconds > 0 ? (energy.totalJoules + impliedJoules) / stepSeconds : 0;
  const mode = tier.link.powerMode ?? 'always-on';
  return {
    tier: tier.name,
    mode,
    activityWatts,
    alwaysOnWatts,
    linkWatts: mode === 'always-on' ? alwaysOnWatts : activityWatts,
    switchCoreWatts: fabric.switches * switchCorePower(s, sw),
    switches: fabric.switches,
    impliedSwitches: fabric.implied,
  };
}

/** GPU utilisation of a step: the share of it spent computing. */
export function computeUtilisation(breakdown: StepBreakdown, stepSeconds: number): number {
  return stepSeconds > 0 ? Math.min(1, breakdown.compute / stepSeconds) : 0;
}

export function systemPower(
  s: Scenario,
  run: { breakdown: StepBreakdown; stepSeconds: number; timeToTrainSeconds: number },
  energyByTier: readonly TierEnergy[],
  budget: PackagePowerBudget,
  fabrics: readonly TierSwitches[],
): SystemPower {
  const { system, assumptions: a } = s;
  const n = system.gpuCount;
  const tiers = system.tiers.map((tier, i) => tierPower(s, tier, fabrics[i], energyByTier[i], run.stepSeconds));
  const utilisation = computeUtilisation(run.breakdown, run.stepSeconds);
  const gpuWattsPerGpu = budget.computeWatts * (utilisation + a.gpuIdlePowerShare * (1 - utilisation));
  const gpuWatts = gpuWattsPerGpu * n;
  const hostWatts = a.hostPowerPerGpu * n;
  const nicWatts = system.tiers.length > 1 ? a.nicPowerPerGpu * n : 0;
  const linkWatts = tiers.reduce((sum, t) => sum + t.linkWatts, 0);
  const switchCoreWatts = tiers.reduce((sum, t) => sum + t.switchCoreWatts, 0);
  const itWatts = gpuWatts + hostWatts + nicWatts + linkWatts + switchCoreWatts;
  const coolingWatts = itWatts * (a.powerUsageEffectiveness - 1);
  const T = run.timeToTrainSeconds;
  return {
    utilisation,
    gpuWattsPerGpu,
    tiers,
    gpuWatts,
    hostWatts,
    nicWatts,
    linkWatts,
    switchCoreWatts,
    itWatts,
    coolingWatts,
    facilityWatts: itWatts + coolingWatts,
    energyToTrainJoules: (itWatts + coolingWatts) * T,
    energyByPartJoules: {
      gpu: gpuWatts * T,
      host: hostWatts * T,
      nic: nicWatts * T,
      interconnectByTier: tiers.map((t) => t.linkWatts * T),
      switchCores: switchCoreWatts * T,
      cooling: coolingWatts * T,
    },
    interconnectShare: itWatts > 0 ? (linkWatts + switchCoreWatts) / itWatts : 0,
    interconnectEnergyAlwaysOnJoules: tiers.reduce((sum, t) => sum + t.alwaysOnWatts, 0) * T,
    interconnectEnergyActivityJoules: tiers.reduce((sum, t) => sum + t.activityWatts, 0) * T,
  };
}
