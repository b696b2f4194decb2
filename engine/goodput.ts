/**
 * Reliability and goodput. Every failure of a GPU, an optical end or a switch stops a synchronous
 * job, which restarts from its last checkpoint (first-order Young/Daly): with job failure rate λ,
 * checkpoint time δ, interval τ and restart time R, the wasted share of wall time is
 * δ/τ + λ·(R + τ/2), and goodput = 1 − that. τ defaults to Young's optimum √(2δ/λ).
 * The blast radius is what one failure takes out of service while it is repaired: the scale-up
 * domain, since a pod's GPUs share its single layer of switches and its TP/EP groups.
 */
import type { Scenario } from './types.js';
import type { Goodput } from './results.js';
import type { TierSwitches } from './scale-out-switches.js';

const FIT_HOURS = 1e9;
const HOUR = 3600;
/** Below this goodput the first-order model no longer holds; reported as a warning, clamped here. */
export const SMALLEST_GOODPUT = 0.01;

/** Failures per second of the whole job. */
/** `fabrics`: each tier's switches (`tierSwitches`). */
export function jobFailureRate(s: Scenario, fabrics: readonly TierSwitches[]): number {
  const { system, assumptions: a } = s;
  let fit = system.gpuCount * a.gpuFit;
  system.tiers.forEach((tier, i) => {
    if (tier.link.kind !== 'electrical') fit += system.gpuCount * (tier.bandwidthPerGpu / 1e12) * (a.opticsFitPerTbps + a.laserFitPerTbps);
    fit += fabrics[i].switches * a.switchFit;
  });
  return fit / FIT_HOURS / HOUR;
}

export function goodputOf(s: Scenario, timeToTrainSeconds: number, fabrics: readonly TierSwitches[]): Goodput {
  const a = s.assumptions;
  const lambda = jobFailureRate(s, fabrics);
  const delta = a.checkpointSeconds;
  const interval = a.checkpointIntervalSeconds > 0 ? a.checkpointIntervalSeconds : lambda > 0 && delta > 0 ? Math.sqrt((2 * delta) / lambda) : 0;
  const wasted = (interval > 0 ? delta / interval : 0) + lambda * (a.restartSeconds + interval / 2);
  const goodput = Math.max(SMALLEST_GOODPUT, 1 - wasted);
  const effective = timeToTrainSeconds / goodput;
  return {
    failuresPerDay: lambda * 86_400,
    meanTimeBetweenFailuresSeconds: lambda > 0 ? 1 / lambda : 0,
    checkpointIntervalSeconds: interval,
    goodput,
    effectiveTimeToTrainSeconds: effective,
    failuresDuringRun: lambda * effective,
    blastRadiusGpus: Math.min(s.system.tiers[0]?.domainSize ?? 1, s.system.gpuCount),
  };
}
