/**
 * Interconnect energy, power and area (Sections III–IV). A bit crossing a single layer of switches
 * passes two link ends: the GPU's (charged to the GPU's I/O) and the switch's egress port.
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

/** Switch packages a tier needs: per domain, enough ports for every GPU's bandwidth. */
export function switchCount(system: SystemSpec, tier: NetworkTier): number {
  if (!tier.switch) return 0;
  const domains = Math.ceil(system.gpuCount / tier.domainSize);
  const gpusPerDomain = Math.min(tier.domainSize, system.gpuCount);
  const portsPerDomain = Math.ceil((gpusPerDomain * tier.bandwidthPerGpu) / tier.switch.portBandwidth);
  return domains * Math.ceil(portsPerDomain / tier.switch.radix);
}

/** Energy of one step on one tier, given the bytes each GPU sent on it. */
export function tierEnergy(system: SystemSpec, tier: NetworkTier, bytesPerGpu: number, stepSeconds: number): TierEnergy {
  const bits = bytesPerGpu * BITS_PER_BYTE;
  const allBits = bits * system.gpuCount;
  const link = tier.link;
  const serdesJoules = allBits * link.serdesEnergyPerBit;
  const opticsJoules = allBits * link.opticsEnergyPerBit;
  const laserJoules = allBits * link.laserEnergyPerBit;
  const switchJoules = tier.switch ? allBits * totalEnergyPerBit(tier.switch.link) : 0;
  const area = opticsArea(tier.bandwidthPerGpu, link);
  const gpuJoules = serdesJoules + opticsJoules + laserJoules;
  return {
    tier: tier.name,
    bitsPerGpuPerStep: bits,
    serdesJoules, opticsJoules, laserJoules, switchJoules,
    inPackageJoules: allBits * inPackageEnergyPerBit(link),
    offPackageJoules: allBits * offPackageEnergyPerBit(link),
    totalJoules: gpuJoules + switchJoules,
    lineRatePowerPerGpu: lineRatePower(tier.bandwidthPerGpu, link),
    lineRatePowerPerSwitch: tier.switch ? lineRatePower(tier.switch.radix * tier.switch.portBandwidth, tier.switch.link) : 0,
    averagePowerPerGpu: stepSeconds > 0 ? gpuJoules / system.gpuCount / stepSeconds : 0,
    switches: switchCount(system, tier),
    packageAreaMm2: area.packageMm2,
    packageAreaGrowth: area.packageMm2 / system.gpu.packageAreaMm2,
    boardAreaMm2: area.boardMm2,
  };
}
