/**
 * Random routing fluctuation: routing balanced only in expectation still loads the busiest
 * expert-holding GPU above the mean in every microbatch, and that GPU sets the pace. The engine's
 * closed form (hypergeometric per token, normal over the microbatch, Blom's expected maximum) is
 * checked against a Monte Carlo of the routing itself: every token draws k distinct experts.
 */
import { describe, expect, it } from 'vitest';
import { MIXTRAL_8X7B, evaluate, withAssumptions, type Scenario } from '../../engine/index.js';
import { degreesOf } from '../../engine/placement.js';
import { busiestRankLoad, expectedNormalMaximum, normalQuantile, routingFluctuation } from '../../engine/routing.js';
import { gpt3OnH100 } from './training-fixture.js';

/** The fixture's TP 8 × PP 8 × DP 4 job on an MoE model of `experts` experts, top-k, `perDpRank` experts per DP rank. */
function moeScenario(experts: number, k: number, perDpRank: number, assumptions = withAssumptions()): Scenario {
  const base = gpt3OnH100({ expertsPerDpRank: perDpRank }, assumptions);
  return { ...base, model: { ...base.model, moe: { ...MIXTRAL_8X7B.moe!, experts, activeExperts: k } } };
}

/** A small deterministic generator (mulberry32), so the Monte Carlo gives the same answer every run. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mean over trials of the busiest holder's routed copies over the mean: `tokens` from each of `sources` ranks. */
function simulatedBusiest(experts: number, k: number, held: number, sources: number, tokens: number, trials: number): number {
  const random = generator(7);
  const holders = experts / held;
  const mean = (sources * tokens * k) / holders;
  let sum = 0;
  const counts = new Array<number>(holders);
  const picked = new Array<number>(k);
  for (let trial = 0; trial < trials; trial++) {
    counts.fill(0);
    for (let token = 0; token < sources * tokens; token++) {
      for (let j = 0; j < k; j++) {
        let expert: number;
        do expert = Math.floor(random() * experts);
        while (picked.slice(0, j).includes(expert));
        picked[j] = expert;
        counts[Math.floor(expert / held)]++;
      }
    }
    sum += Math.max(...counts) / mean;
  }
  return sum / trials;
}

describe('random routing fluctuation', () => {
  it('uses the standard normal quantile and its expected maximum', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    // The expected largest of 2 standard normals is 1/√π = 0.564; Blom's position is within 5%.
    expect(expectedNormalMaximum(2) / (1 / Math.sqrt(Math.PI))).toBeGreaterThan(1);
    expect(expectedNormalMaximum(2) / (1 / Math.sqrt(Math.PI))).toBeLessThan(1.05);
    expect(expectedNormalMaximum(1)).toBe(0);
  });

  it('matches a Monte Carlo of the routing within 10% of its excess over the mean', () => {
    // 64 experts, top-8, one per GPU: 64 holders, each of the 64 source ranks routing 32 tokens.
    const wide = moeScenario(64, 8, 1);
    const simulatedWide = simulatedBusiest(64, 8, 1, 64, 32, 300);
    expect(routingFluctuation(wide, degreesOf(wide), 32) - 1).toBeGreaterThan(0.9 * (simulatedWide - 1));
    expect(routingFluctuation(wide, degreesOf(wide), 32) - 1).toBeLessThan(1.1 * (simulatedWide - 1));
    // 16 experts, top-2, four per GPU: 4 holders, each of 4 source ranks routing 64 tokens.
    const grouped = moeScenario(16, 2, 4);
    const simulatedGrouped = simulatedBusiest(16, 2, 4, 4, 64, 2000);
    expect(routingFluctuation(grouped, degreesOf(grouped), 64) - 1).toBeGreaterThan(0.9 * (simulatedGrouped - 1));
    expect(routingFluctuation(grouped, degreesOf(grouped), 64) - 1).toBeLessThan(1.1 * (simulatedGrouped - 1));
  });

  it('shrinks as 1/√tokens and is 1 for absolutely balanced routing, one holder or a capacity factor', () => {
    const s = moeScenario(64, 8, 1);
    const d = degreesOf(s);
    expect((routingFluctuation(s, d, 4 * 512) - 1) / (routingFluctuation(s, d, 512) - 1)).toBeCloseTo(0.5, 12);
    const balanced = moeScenario(64, 8, 1, withAssumptions({ randomRoutingFluctuation: false }));
    expect(routingFluctuation(balanced, degreesOf(balanced), 512)).toBe(1);
    const single = moeScenario(8, 2, 8);
    expect(routingFluctuation(single, degreesOf(single), 512)).toBe(1);
    const dropped = { ...s, training: { ...s.training, capacityFactor: 1.25 } };
    expect(busiestRankLoad(dropped, d, 512)).toBe(1.25);
    expect(busiestRankLoad({ ...s, assumptions: withAssumptions({ expertLoadImbalance: 1.2 }) }, d, 512)).toBeCloseTo(1.2 * routingFluctuation(s, d, 512), 12);
  });

  it("slows a dropless step's expert GEMMs and all-to-all against absolutely balanced routing", () => {
    const random = moeScenario(16, 2, 4);
    const balanced = moeScenario(16, 2, 4, withAssumptions({ randomRoutingFluctuation: false }));
    const [r, b] = [evaluate(random), evaluate(balanced)];
    expect(r.breakdownSeconds.compute).toBeGreaterThan(b.breakdownSeconds.compute);
    const tokens = random.training.microbatchSize * random.model.sequenceLength;
    expect(r.breakdownSeconds.expertAllToAll / b.breakdownSeconds.expertAllToAll).toBeCloseTo(routingFluctuation(random, degreesOf(random), tokens), 6);
  });
});
