/**
 * Interconnect energy, power and area (Sections III–IV). A bit crossing a single layer of switches
 * passes two link ends: the GPU's (charged to the GPU's I/O) and the switch's; in a fabric of
 * L levels it crosses 2L − 1 switches, each charged like one.
 * Power per device is its unidirectional bandwidth times its pJ/bit, as the paper counts it.
 */
import type { LinkTechnology, NetworkTier, SystemSpec } from './types.js';
import type { TierEnergy } from './results.js';
import { BITS_PER_BYTE } from './units.js';
import { inPackageEnergyPerBit, offPackageEnergyPerBit, totalEnergyPerBit } from './presets/links.js';

/** Line-rate I/O power of a device with `bandwidth` bit/s over `link`, W. */
export function lineRatePower(bandwidth: number, link: LinkTechnology): number {
  return bandwidth * totalEnergyPerBit(link);
}

/** Optics footprint for `bandwidth` over `link`, mm²; split into package and board. */
export function opticsArea(bandwidth: number, link: LinkTechnology): { packageMm2: number; boardMm2: number } {
  const area = link.bandwidthDensity > 0 ? bandwidth / link.bandwidthDensity : 0;
  return link.areaLocation === 'package' ? { packageMm2: area, boardMm2: 0 } : { packageMm2: 0, boardMm2: area };
}

/**
 * Levels of a folded Clos (fat tree) of radix-k switches that joins `ports` ports per rail: one
 * level reaches k, two k²/2, three k³/4. A scale-up pod is one level (the SLS of Section II-B);
 * a scale-out fabric may need more.
 */
export function switchLevels(ports: number, radix: number): number {
  let levels = 1;
  for (let reach = radix; reach < ports && radix > 2; reach *= radix / 2) levels++;
  return levels;
}

/** Switches a bit crosses on its way through an L-level fabric: up and down again, 2L − 1. */
export function switchTraversals(levels: number): number {
  return 2 * levels - 1;
}

interface SwitchFabric {
  levels: number;
  switches: number;
}

/** Separate fabrics a tier's GPUs are split over: one per GPU index of the tier below when rail-optimised. */
export function railFabrics(tiers: readonly NetworkTier[], index: number): number {
  const tier = tiers[index];
  return tier?.railOptimized && index > 0 ? Math.max(1, tiers[index - 1].domainSize) : 1;
}

/** The fabric of a switched tier: per domain and rail, enough switches for every GPU's ports. */
export function switchFabric(system: SystemSpec, tier: NetworkTier): SwitchFabric {
  if (!tier.switch) return { levels: 0, switches: 0 };
  const domains = Math.ceil(system.gpuCount / tier.domainSize);
  const gpusPerDomain = Math.min(tier.domainSize, system.gpuCount);
  const rails = Math.ceil(tier.bandwidthPerGpu / tier.switch.portBandwidth);
  // Rail-optimised: one fabric per GPU index of the tier below, each joining a GPU of every domain.
  const fabrics = railFabrics(system.tiers, system.tiers.indexOf(tier));
  const endpoints = Math.max(1, gpusPerDomain / fabrics);
  const levels = switchLevels(endpoints, tier.switch.radix);
  // A folded Clos of L levels for N ports has (2L − 1)·N/k switches (leaf-spine: 2N/k + N/k).
  const perFabric = levels === 1 ? 1 : Math.ceil((switchTraversals(levels) * endpoints) / tier.switch.radix);
  return { levels, switches: domains * rails * fabrics * perFabric };
}

/** Switch packages a tier needs. */
export function switchCount(system: SystemSpec, tier: NetworkTier): number {
  return switchFabric(system, tier).switches;
}

/** Energy of one step on one tier, given the bytes each GPU sent on it. */
export function tierEnergy(system: SystemSpec, tier: NetworkTier, bytesPerGpu: number, stepSeconds: number): TierEnergy {
  const bits = bytesPerGpu * BITS_PER_BYTE;
  const allBits = bits * system.gpuCount;
  const link = tier.link;
  const serdesJoules = allBits * link.serdesEnergyPerBit;
  const opticsJoules = allBits * link.opticsEnergyPerBit;
  const laserJoules = allBits * link.laserEnergyPerBit;
  const fabric = switchFabric(system, tier);
  const switchJoules = tier.switch ? allBits * switchTraversals(fabric.levels) * totalEnergyPerBit(tier.switch.link) : 0;
  const area = opticsArea(tier.bandwidthPerGpu, link);
  const gpuJoules = serdesJoules + opticsJoules + laserJoules;
  return {
    tier: tier.name,
    bitsPerGpuPerStep: bits,
    serdesJoules,
    opticsJoules,
    laserJoules,
    switchJoules,
    inPackageJoules: allBits * inPackageEnergyPerBit(link),
    offPackageJoules: allBits * offPackageEnergyPerBit(link),
    totalJoules: gpuJoules + switchJoules,
    lineRatePowerPerGpu: lineRatePower(tier.bandwidthPerGpu, link),
    lineRatePowerPerSwitch: tier.switch ? lineRatePower(tier.switch.radix * tier.switch.portBandwidth, tier.switch.link) : 0,
    averagePowerPerGpu: stepSeconds > 0 ? gpuJoules / system.gpuCount / stepSeconds : 0,
    switches: fabric.switches,
    switchLevels: fabric.levels,
    packageAreaMm2: area.packageMm2,
    packageAreaGrowth: area.packageMm2 / system.gpu.packageAreaMm2,
    boardAreaMm2: area.boardMm2,
  };
}
