/**
 * Switches of every tier, scale-out included (issue 12, item 1). A scale-out tier that names no
 * switch is a folded Clos of `scaleOutSwitchRadix`-port switches, one port per GPU at the tier's
 * bandwidth: L levels reach k, k²/2, k³/4 … GPUs, the fabric has (2L − 1)·N/k switches, and a bit
 * crosses 2L − 1 switch ends. Exact integers are compared exactly, watts to 1e-9 relative.
 */
import { describe, expect, it } from 'vitest';
import { dgxH100, evaluate, paperScenario, PICO, withAssumptions, type Scenario } from '../../engine/index.js';
import { impliedSwitch, tierSwitches } from '../../engine/scale-out-switches.js';

const N = 32_768;

function withRadix(s: Scenario, radix: number): Scenario {
  return { ...s, assumptions: { ...s.assumptions, scaleOutSwitchRadix: radix } };
}

describe('implied scale-out switches', () => {
  it("gives the paper's 32,768-GPU scale-out three levels of radix-64 switches: 5 × 32,768 / 64 = 2,560", () => {
    const s = paperScenario('passage512', 1);
    expect(impliedSwitch(s, 1)).toMatchObject({ radix: 64, portBandwidth: 1.6e12 });
    expect(tierSwitches(s, 1)).toMatchObject({ implied: true, levels: 3, switches: 2_560, traversals: 5 });
  });

  it('follows the radix: 512 ports reach 512²/2 = 131,072 in two levels, ⌈3 × 32,768 / 512⌉ = 192 switches', () => {
    expect(tierSwitches(withRadix(paperScenario('passage512', 1), 512), 1)).toMatchObject({ levels: 2, switches: 192, traversals: 3 });
    // 128 ports: 128, 8,192, 524,288 → three levels, 5 × 32,768 / 128 = 1,280.
    expect(tierSwitches(withRadix(paperScenario('passage512', 1), 128), 1)).toMatchObject({ levels: 3, switches: 1_280 });
  });

  it("keeps a tier's own switch, and implies none on a first tier or a torus", () => {
    const s = paperScenario('passage512', 1);
    const own = tierSwitches(s, 0);
    expect(own).toMatchObject({ implied: false, levels: 1, switches: evaluate(s).energyByTier[0].switches });
    const dgx: Scenario = { ...s, system: dgxH100(1_024) };
    expect(tierSwitches(dgx, 0)).toMatchObject({ implied: false, switches: 0 }); // the 8-GPU NVLink node is direct here
    // 1,024 GPUs on radix 64: 64 < 1,024 ≤ 2,048, two levels, 3 × 1,024 / 64 = 48 switches of 64 × 400 Gb/s.
    expect(tierSwitches(dgx, 1)).toMatchObject({ implied: true, levels: 2, switches: 48 });
    const torus: Scenario = { ...s, system: { ...s.system, tiers: [s.system.tiers[0], { ...s.system.tiers[1], torusDimensions: 3 }] } };
    expect(impliedSwitch(torus, 1)).toBeUndefined();
  });

  it("charges the implied ports and cores in system power but leaves the paper's interconnectEnergyJoules and step time alone", () => {
    const s = paperScenario('electrical144', 1);
    const r = evaluate(s);
    const scaleOut = r.power.tiers[1];
    // Always on: GPU ends 32,768 × 1.6 Tb/s × 16 pJ/bit, plus 2,560 × 64 ports × 1.6 Tb/s × 16 pJ/bit.
    const gpuEnds = N * 1.6e12 * 16 * PICO;
    const ports = 2_560 * 64 * 1.6e12 * 16 * PICO;
    expect(scaleOut.alwaysOnWatts / (gpuEnds + ports)).toBeCloseTo(1, 9);
    expect(scaleOut.switchCoreWatts / (2_560 * 64 * 1.6e12 * 4 * PICO)).toBeCloseTo(1, 9);
    // The activity figure of the scale-out tier: GPU end plus 5 switch ends per bit.
    expect(scaleOut.activityWatts / ((r.energyByTier[1].bitsPerGpuPerStep * N * 16 * PICO * 6) / r.stepSeconds)).toBeCloseTo(1, 9);
    // Unchanged: the paper's accounting counts no scale-out switches, and latency is the tier's own.
    expect(r.energyByTier[1].switchJoules).toBe(0);
    const big = evaluate(withRadix(s, 4096));
    expect(big.stepSeconds).toBe(r.stepSeconds);
    expect(big.interconnectEnergyJoules).toBe(r.interconnectEnergyJoules);
  });

  it("raises copper's always-on interconnect power by the scale-out switches: (links + cores) with them over without", () => {
    const p = evaluate(paperScenario('electrical144', 1)).power;
    const implied = p.tiers[1].alwaysOnWatts - N * 1.6e12 * 16 * PICO + p.tiers[1].switchCoreWatts;
    const all = p.tiers.reduce((sum, t) => sum + t.alwaysOnWatts + t.switchCoreWatts, 0);
    const ratio = all / (all - implied);
    // 12.70 MW against 7.45 MW: 1.70 (the "about 2×").
    expect(ratio).toBeGreaterThan(1.6);
    expect(ratio).toBeLessThan(1.8);
  });

  it('defaults the radix to 64 and shows it as an assumption', () => {
    expect(withAssumptions().scaleOutSwitchRadix).toBe(64);
  });
});
