/** Torus tiers: rings at full bandwidth, all-to-all bounded by the bisection and relayed over n·k/4 links. */
import { describe, expect, it } from 'vitest';
import { allToAll, ringCollective } from '../../engine/collectives.js';
import { spanOf } from '../../engine/placement.js';
import { evaluate, paperScenario, validateScenario, type NetworkTier, type Scenario } from '../../engine/index.js';
import { COPPER_224G } from '../../engine/presets/links.js';

const tier = (domainSize: number, torusDimensions?: number): NetworkTier => ({
  name: 'pod',
  domainSize,
  bandwidthPerGpu: 8e9,
  latency: 1e-6,
  efficiency: 1,
  link: COPPER_224G,
  torusDimensions,
});
const out: NetworkTier = { name: 'out', domainSize: 4096, bandwidthPerGpu: 8e8, latency: 1e-5, efficiency: 1, link: COPPER_224G };

describe('torus tiers', () => {
  const switched = [tier(64), out];
  const torus = [tier(64, 2), out];
  const group = { group: 'expert' as const, size: 64, stride: 1 };

  it('an all-to-all over an 8 × 8 torus takes n·k/4 = 4 times as long as through a switch and crosses 4 links per byte', () => {
    const viaSwitch = allToAll(64e6, spanOf(group, switched), switched, 1);
    const viaTorus = allToAll(64e6, spanOf(group, torus), torus, 1);
    expect(viaTorus.bandwidthSeconds / viaSwitch.bandwidthSeconds).toBeCloseTo(4, 12);
    expect(viaTorus.bytesByTier[0] / viaSwitch.bytesByTier[0]).toBeCloseTo(4, 12);
  });

  it('a ring collective runs on neighbour links at the full injection bandwidth', () => {
    const viaSwitch = ringCollective(1e9, spanOf(group, switched), switched, 2);
    const viaTorus = ringCollective(1e9, spanOf(group, torus), torus, 2);
    expect(viaTorus.bandwidthSeconds).toBe(viaSwitch.bandwidthSeconds);
    expect(viaTorus.bytesByTier).toEqual(viaSwitch.bytesByTier);
  });

  it('rejects a domain that is not k^n and a torus with switches, naming the fields', () => {
    const s: Scenario = structuredClone(paperScenario('passage512', 4));
    s.system.tiers[0].torusDimensions = 2;
    const issues = validateScenario(s).filter((i) => i.severity === 'error');
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['torus-shape', 'system.tiers[0].domainSize'],
      ['torus-with-switch', 'system.tiers[0].switch'],
    ]);
    expect(issues[0].message).toMatch(/512 GPUs do not form a 2-dimensional torus of equal sides \(k\^2\); the nearest are 484 and 529/);
  });

  it('a 512-GPU pod as an 8 × 8 × 8 torus trains Config 4 slower than the same pod behind switches', () => {
    const base = paperScenario('passage512', 4);
    const asTorus: Scenario = {
      ...base,
      system: { ...base.system, tiers: [{ ...base.system.tiers[0], switch: undefined, torusDimensions: 3 }, base.system.tiers[1]] },
    };
    const sls = evaluate(base);
    const torus = evaluate(asTorus);
    // 3·8/4 = 6 times the in-pod all-to-all time; rings unchanged.
    expect(torus.breakdownSeconds.expertAllToAll / sls.breakdownSeconds.expertAllToAll).toBeCloseTo(6, 6);
    expect(torus.breakdownSeconds.tensorParallel).toBeCloseTo(sls.breakdownSeconds.tensorParallel, 12);
    expect(torus.stepSeconds).toBeGreaterThan(sls.stepSeconds);
    expect(torus.energyByTier[0].switchJoules).toBe(0);
    expect(torus.energyByTier[0].switches).toBe(0);
  });
});
