/**
 * Physical reach: a tier's domain spread over racks needs cables that run across them. A domain
 * within one rack is taken as buildable; one spanning r racks in a row needs about
 * rackCableMeters + (r − 1) · rackPitchMeters, which its link must reach (copper: about 1 m).
 */
import type { Scenario } from './types.js';
import type { EngineIssue, TierReach } from './results.js';

export function tierReach(s: Scenario): TierReach[] {
  const a = s.assumptions;
  return s.system.tiers.map((tier) => {
    const racks = Math.ceil(Math.min(tier.domainSize, s.system.gpuCount) / a.gpusPerRack);
    const neededMeters = racks > 1 ? a.rackCableMeters + (racks - 1) * a.rackPitchMeters : 0;
    return { tier: tier.name, racks, neededMeters, linkReachMeters: tier.link.reachMeters, withinReach: neededMeters <= tier.link.reachMeters };
  });
}

export function reachIssues(s: Scenario, reach: readonly TierReach[]): EngineIssue[] {
  return reach.flatMap((r, i) =>
    r.withinReach
      ? []
      : [
          {
            severity: 'warning' as const,
            code: 'domain-exceeds-reach',
            field: `system.tiers[${i}].domainSize`,
            related: [`system.tiers[${i}].link`, 'assumptions.gpusPerRack'],
            message:
              `tier '${r.tier}' spreads ${s.system.tiers[i].domainSize} GPUs over ${r.racks} racks of ${s.assumptions.gpusPerRack} (gpusPerRack), ` +
              `so its cables run about ${r.neededMeters.toFixed(1)} m, but link '${s.system.tiers[i].link.name}' reaches ${r.linkReachMeters} m; ` +
              `use an optical link or at most ${s.assumptions.gpusPerRack} GPUs per domain`,
          },
        ],
  );
}
