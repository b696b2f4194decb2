/**
 * All-to-all efficiency per fabric: an InfiniBand switch (adaptive routing) carries an expert
 * all-to-all at the rate of any collective through the NIC, as NCCL measures it; an Ethernet
 * switch keeps scaleOutAllToAllEfficiency; a tier's own value wins over both.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, H100_CLUSTER, MIXTRAL_8X7B, QUANTUM_2, TOMAHAWK_5, evaluate, type Scenario, type SystemSpec } from '../../engine/index.js';
import { allToAllEfficiencies } from '../../engine/communication.js';
import { gpt3OnH100 } from './training-fixture.js';

/** H100_CLUSTER cut to 256 GPUs, its scale-out tier through `change`. */
function cluster(change: (tier: SystemSpec['tiers'][number]) => SystemSpec['tiers'][number]): SystemSpec {
  const [nvlink, scaleOut] = H100_CLUSTER.tiers;
  return { ...H100_CLUSTER, gpuCount: 256, tiers: [nvlink, change({ ...scaleOut, domainSize: 256 })] };
}

/** Mixtral on TP 8 × PP 8 × DP 4 with EP 4: every expert set spans four nodes, so its all-to-all crosses the scale-out tier. */
function mixtral(system: SystemSpec): Scenario {
  const base = gpt3OnH100({ expertsPerDpRank: 2 });
  return { ...base, system, model: MIXTRAL_8X7B };
}

describe('all-to-all efficiency of each fabric', () => {
  it("takes an InfiniBand switch's 1, an Ethernet switch's default, and a tier's own over both", () => {
    expect(QUANTUM_2.allToAllEfficiency).toBe(1);
    expect(TOMAHAWK_5.allToAllEfficiency).toBeUndefined();
    const infiniband = mixtral(cluster((tier) => tier));
    const ethernet = mixtral(cluster((tier) => ({ ...tier, switch: TOMAHAWK_5 })));
    const own = mixtral(cluster((tier) => ({ ...tier, allToAllEfficiency: 0.5 })));
    expect(allToAllEfficiencies(infiniband)[1]).toBe(1);
    expect(allToAllEfficiencies(ethernet)[1]).toBe(DEFAULT_ASSUMPTIONS.scaleOutAllToAllEfficiency);
    expect(allToAllEfficiencies(own)[1]).toBe(0.5);
    // The scale-up tier keeps its own measured all-to-all whatever the scale-out switch.
    expect(allToAllEfficiencies(ethernet)[0]).toBe(allToAllEfficiencies(infiniband)[0]);
  });

  it('makes the cross-node all-to-all of the same job faster on InfiniBand than on Ethernet', () => {
    const infiniband = evaluate(mixtral(cluster((tier) => tier)));
    const ethernet = evaluate(mixtral(cluster((tier) => ({ ...tier, switch: TOMAHAWK_5 }))));
    expect(infiniband.breakdownSeconds.expertAllToAll).toBeGreaterThan(0);
    expect(infiniband.breakdownSeconds.expertAllToAll).toBeLessThan(ethernet.breakdownSeconds.expertAllToAll);
  });
});
