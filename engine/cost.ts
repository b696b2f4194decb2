/**
 * Cost of a run: capital cost of GPUs, optics, lasers, cables and switches, charged to the run as
 * capex × time-to-train / depreciation life, plus electricity of the facility energy at $/kWh.
 * Prices are US dollars; every default here is an assumption (no vendor publishes optics prices per
 * Gb/s), labelled so, and overridable per link (`pricePerGbps`, `laserPricePerGbps`), switch and GPU.
 */
import type { LinkTechnology, Scenario } from './types.js';
import type { RunCost } from './results.js';
import type { TierSwitches } from './scale-out-switches.js';

const GBPS = 1e9;
const JOULES_PER_KWH = 3.6e6;

/**
 * Assumed optics and laser prices per Gb/s at one end, by link kind: 800G DSP pluggables sell near
 * $1/Gb/s, linear pluggables drop the DSP, co-packaged engines and 3D interposers are projected
 * below that with their external lasers priced apart. Assumptions, not quotes.
 */
export const ASSUMED_OPTICS_PRICE_PER_GBPS: Readonly<Record<LinkTechnology['kind'], { optics: number; laser: number }>> = {
  electrical: { optics: 0, laser: 0 },
  pluggable: { optics: 1.0, laser: 0 },
  lpo: { optics: 0.6, laser: 0 },
  cpo: { optics: 0.35, laser: 0.1 },
  '3d-optics': { optics: 0.3, laser: 0.1 },
};

function linkPrices(link: LinkTechnology): { optics: number; laser: number } {
  const byKind = ASSUMED_OPTICS_PRICE_PER_GBPS[link.kind];
  return { optics: link.pricePerGbps ?? byKind.optics, laser: link.laserPricePerGbps ?? byKind.laser };
}

/** `fabrics`: each tier's switches (`tierSwitches`), as power counts them. */
export function runCost(s: Scenario, timeToTrainSeconds: number, facilityEnergyJoules: number, fabrics: readonly TierSwitches[]): RunCost {
  const { system, assumptions: a } = s;
  const capex = { gpus: system.gpuCount * (system.gpu.price ?? a.defaultGpuPrice), optics: 0, lasers: 0, cables: 0, switches: 0 };
  system.tiers.forEach((tier, i) => {
    const gpuEndsGbps = (system.gpuCount * tier.bandwidthPerGpu) / GBPS;
    // Switches the tier names, or the Clos a scale-out tier without one is taken to have.
    const { switch: sw, switches } = fabrics[i];
    const switchPortsGbps = sw ? (switches * sw.radix * sw.portBandwidth) / GBPS : 0;
    const gpuEnd = linkPrices(tier.link);
    const switchEnd = sw ? linkPrices(sw.link) : { optics: 0, laser: 0 };
    capex.optics += gpuEndsGbps * gpuEnd.optics + switchPortsGbps * switchEnd.optics;
    capex.lasers += gpuEndsGbps * gpuEnd.laser + switchPortsGbps * switchEnd.laser;
    // A cable joins two ends: half the ends' capacity, in copper or fibre by the GPU end's kind.
    const cablePrice = tier.link.kind === 'electrical' ? a.copperPricePerGbps : a.fibrePricePerGbps;
    capex.cables += ((gpuEndsGbps + switchPortsGbps) / 2) * cablePrice;
    if (sw) capex.switches += switches * (sw.price ?? a.switchPricePerPort * sw.radix);
  });
  const capexDollars = capex.gpus + capex.optics + capex.lasers + capex.cables + capex.switches;
  const capexShare = capexDollars * (timeToTrainSeconds / a.depreciationSeconds);
  const electricityDollars = (facilityEnergyJoules / JOULES_PER_KWH) * a.electricityPricePerKwh;
  const runDollars = capexShare + electricityDollars;
  return {
    capexDollars,
    capexByPartDollars: capex,
    capexShareDollars: capexShare,
    electricityDollars,
    runDollars,
    dollarsPerMillionTokens: s.training.trainingTokens > 0 ? (runDollars / s.training.trainingTokens) * 1e6 : 0,
  };
}
