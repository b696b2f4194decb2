/** Hockney collectives and the placement of groups on the tiers. */
import { describe, expect, it } from 'vitest';
import { allToAll, ringCollective } from '../../engine/collectives.js';
import { degreesOf, describePlacement, spanOf } from '../../engine/placement.js';
import { evaluate, validateScenario } from '../../engine/index.js';
import { paperScenario, type NetworkTier } from '../../engine/index.js';
import { COPPER_224G } from '../../engine/presets/links.js';

const tier = (name: string, domainSize: number, bitsPerSecond: number, latency: number): NetworkTier => ({
  name,
  domainSize,
  bandwidthPerGpu: bitsPerSecond,
  latency,
  efficiency: 1,
  link: COPPER_224G,
});
const tiers = [tier('pod', 8, 8e9, 1e-6), tier('out', 64, 0.8e9, 1e-5)];

describe('collectives', () => {
  it('a ring all-reduce inside one domain moves 2(n−1)/n of the buffer with 2(n−1) latencies', () => {
    const cost = ringCollective(1e9, spanOf({ group: 'tensor', size: 8, stride: 1 }, tiers), tiers, 2);
    expect(cost.bytesByTier[0]).toBeCloseTo(2 * (7 / 8) * 1e9, 0);
    expect(cost.bytesByTier[1]).toBe(0);
    expect(cost.bandwidthSeconds).toBeCloseTo((2 * (7 / 8) * 1e9) / 1e9, 9);
    expect(cost.latencySeconds).toBeCloseTo(14e-6, 12);
  });

  it('a hierarchical all-reduce reduces in the pod first, then across pods on 1/8 of the data', () => {
    const cost = ringCollective(1e9, spanOf({ group: 'dataDense', size: 64, stride: 1 }, tiers), tiers, 2);
    expect(cost.bytesByTier[0]).toBeCloseTo(2 * (7 / 8) * 1e9, 0);
    expect(cost.bytesByTier[1]).toBeCloseTo(2 * (7 / 8) * (1e9 / 8), 0);
    expect(cost.bandwidthSeconds).toBeCloseTo(1.75 + (2 * (7 / 8) * 1.25e8) / 1e8, 9);
  });

  it('an all-to-all over 16 ranks, 8 per pod, sends 7/15 of its network bytes in the pod and is paced by the slower tier', () => {
    const span = spanOf({ group: 'expert', size: 16, stride: 1 }, tiers);
    const cost = allToAll(16e6, span, tiers, 1);
    const network = 16e6 * (15 / 16);
    expect(cost.bytesByTier[0]).toBeCloseTo((7 / 15) * network, 3);
    expect(cost.bytesByTier[1]).toBeCloseTo((8 / 15) * network, 3);
    expect(cost.bandwidthSeconds).toBeCloseTo(((8 / 15) * network) / 1e8, 9);
    expect(cost.latencySeconds).toBe(1e-5);
  });
});

describe('placement (Section VI)', () => {
  it('keeps TP and the whole EP group in the 512 pod, expert copies across pods', () => {
    const s = paperScenario('passage512', 1);
    const p = Object.fromEntries(describePlacement(s, degreesOf(s)).map((g) => [g.group, g]));
    expect(p.tensor.membersPerTierDomain).toEqual([16, 16]);
    expect(p.expert.membersPerTierDomain).toEqual([32, 32]);
    expect(p.expert.slowestTier).toBe('scale-up');
    expect(p.dataExpert.membersPerTierDomain).toEqual([1, 8]);
    expect(p.pipeline.slowestTier).toBe('scale-out');
  });

  it('real placement in 144 pods: the worst EP rank finds one fellow in its pod and sends 31/31 of its all-to-all off it', () => {
    const s = paperScenario('electrical144', 4);
    const expert = describePlacement(s, degreesOf(s)).find((g) => g.group === 'expert')!;
    expect(expert.membersPerTierDomain).toEqual([1, 32]);
    expect(expert.byteShareByTier[1]).toBeCloseTo(31 / 31, 12);
    expect(expert.slowestTier).toBe('scale-out');
  });

  it("the paper's idealised placement (tiled) fits 9 of the 32 EP ranks in every 144 pod: 23/31 leave it", () => {
    const base = paperScenario('electrical144', 4);
    const s = { ...base, training: { ...base.training, rankMapping: 'tiled' as const } };
    const expert = describePlacement(s, degreesOf(s)).find((g) => g.group === 'expert')!;
    expect(expert.membersPerTierDomain).toEqual([9, 32]);
    expect(expert.byteShareByTier[1]).toBeCloseTo(23 / 31, 12);
  });

  it('pod-aligned placement spreads each expert set 8/8/8/8 over four 144 pods (24/31 off-pod), idling 16 GPUs a pod', () => {
    const base = paperScenario('electrical144', 4);
    // 64 expert sets of 512 GPUs in 4 pods each need 36,864 GPUs: at the paper's DP 256 it does not fit.
    const paper = { ...base, training: { ...base.training, rankMapping: 'pod-aligned' as const } };
    expect(validateScenario(paper).map((i) => i.code)).toContain('pod-aligned-exceeds-gpus');
    const s = { ...base, training: { ...base.training, rankMapping: 'pod-aligned' as const, dataParallel: 224, globalBatch: 3584 } };
    const r = evaluate(s);
    expect(r.feasible).toBe(true);
    expect(r.idleGpus).toBe(32_768 - 16 * 8 * 224);
    const expert = r.placement.find((g) => g.group === 'expert')!;
    expect(expert.membersPerTierDomain).toEqual([8, 32]);
    expect(expert.byteShareByTier[1]).toBeCloseTo(24 / 31, 12);
  });

  it('lists no expert groups for a dense model', async () => {
    const { dgxA100, GPT3_175B } = await import('../../engine/index.js');
    const s = {
      ...paperScenario('passage512', 1),
      system: dgxA100(1024),
      model: GPT3_175B,
      training: {
        ...paperScenario('passage512', 1).training,
        tensorParallel: 8,
        pipelineParallel: 16,
        dataParallel: 8,
        expertsPerDpRank: 1,
        globalBatch: 1536,
      },
    };
    expect(describePlacement(s, degreesOf(s)).map((g) => g.group)).toEqual(['tensor', 'dataDense', 'pipeline']);
  });

  it('splits the TP group of 16 into one expert-TP group per expert (Fig. 9b)', () => {
    expect([1, 2, 3, 4].map((c) => degreesOf(paperScenario('passage512', c as 1 | 2 | 3 | 4)).expertTp)).toEqual([16, 8, 4, 2]);
  });
});
