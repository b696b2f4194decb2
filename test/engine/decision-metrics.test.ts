/** Decision metrics: link power in both modes, whole-system power and energy, cost, goodput and reach, formulas written out. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, dgxH100, evaluate, paperScenario, PICO, type PaperConfig, type Scenario } from '../../engine/index.js';

const HOUR = 3600;
const JOULES_PER_MWH = 3.6e9;

describe('link power: always-on and activity', () => {
  const r = evaluate(paperScenario('passage512', 1));
  const [scaleUp, scaleOut] = r.power.tiers;

  it('charges always-on links at line rate on every GPU end and switch port', () => {
    // 32,768 GPUs × 32 Tb/s × 4.3 pJ/bit + 5,120 switches × 512 ports × 400 Gb/s × 4.3 pJ/bit.
    const expected = 32_768 * 32e12 * 4.3 * PICO + 5_120 * 512 * 400e9 * 4.3 * PICO;
    expect(scaleUp.alwaysOnWatts).toBeCloseTo(expected, 0);
    // The paper's scale-out tier names no switch: it is taken as a Clos of radix-64 switches at
    // 1.6 Tb/s per port, 3 levels for 32,768 GPUs, (2·3 − 1) · 32,768 / 64 = 2,560 of them.
    expect(scaleOut.switches).toBe(2_560);
    expect(scaleOut.alwaysOnWatts).toBeCloseTo((32_768 + 2_560 * 64) * 1.6e12 * 16 * PICO, 0);
  });

  it('charges activity links per bit moved: the paper accounting, plus the implied scale-out switches each bit crosses 5 times', () => {
    expect(scaleUp.activityWatts).toBeCloseTo(r.energyByTier[0].totalJoules / r.stepSeconds, 3);
    const impliedJoules = r.energyByTier[1].bitsPerGpuPerStep * 32_768 * 5 * 16 * PICO;
    expect(scaleOut.activityWatts).toBeCloseTo((r.energyByTier[1].totalJoules + impliedJoules) / r.stepSeconds, 3);
    expect(r.power.interconnectEnergyActivityJoules).toBeGreaterThan(r.interconnectEnergyJoules);
  });

  it('counts the always-on figure by default (powerMode absent) and never less than the activity one', () => {
    expect(scaleUp.mode).toBe('always-on');
    expect(r.power.linkWatts).toBeCloseTo(scaleUp.alwaysOnWatts + scaleOut.alwaysOnWatts, 0);
    for (const system of ['passage512', 'electrical512', 'electrical144'] as const) {
      for (const config of [1, 4] as PaperConfig[]) {
        const p = evaluate(paperScenario(system, config)).power;
        expect(p.interconnectEnergyAlwaysOnJoules).toBeGreaterThan(p.interconnectEnergyActivityJoules);
      }
    }
  });

  it('counts the activity figure when a link says powerMode = activity', () => {
    const s = paperScenario('passage512', 1);
    s.system = { ...s.system, tiers: s.system.tiers.map((t) => ({ ...t, link: { ...t.link, powerMode: 'activity' as const } })) };
    const p = evaluate(s).power;
    expect(p.linkWatts).toBeCloseTo(p.tiers[0].activityWatts + p.tiers[1].activityWatts, 0);
  });
});

describe('whole-system power and energy-to-train', () => {
  const r = evaluate(paperScenario('electrical144', 1));
  const p = r.power;
  const a = DEFAULT_ASSUMPTIONS;

  it('charges a GPU busy power while computing and gpuIdlePowerShare of it while waiting', () => {
    const u = r.breakdownSeconds.compute / r.stepSeconds;
    expect(p.utilisation).toBeCloseTo(u, 12);
    // Paper GPU: 2,000 W busy (assumed); P = 2000 · (u + 0.4 · (1 − u)).
    expect(p.gpuWattsPerGpu).toBeCloseTo(2000 * (u + a.gpuIdlePowerShare * (1 - u)), 6);
  });

  it('adds GPUs, hosts, NICs, links and switch cores into IT power, and multiplies by PUE', () => {
    expect(p.hostWatts).toBe(32_768 * a.hostPowerPerGpu);
    expect(p.nicWatts).toBe(32_768 * a.nicPowerPerGpu);
    // Scale-up switches: 228 pods × 36 rails of 144-port switches, core 4 pJ/bit × 144 × 400 Gb/s.
    // Scale-out: the implied 2,560 radix-64 switches of 64 × 1.6 Tb/s.
    expect(p.switchCoreWatts).toBeCloseTo(r.energyByTier[0].switches * 4 * PICO * 144 * 400e9 + 2_560 * 4 * PICO * 64 * 1.6e12, 3);
    expect(p.itWatts).toBeCloseTo(p.gpuWatts + p.hostWatts + p.nicWatts + p.linkWatts + p.switchCoreWatts, 3);
    expect(p.facilityWatts).toBeCloseTo(p.itWatts * 1.2, 3);
    expect(p.energyToTrainJoules).toBeCloseTo(p.facilityWatts * r.timeToTrainSeconds, -3);
  });

  it('splits the run energy by part, and the parts add up', () => {
    const e = p.energyByPartJoules;
    const sum = e.gpu + e.host + e.nic + e.interconnectByTier.reduce((x, y) => x + y, 0) + e.switchCores + e.cooling;
    expect(sum / p.energyToTrainJoules).toBeCloseTo(1, 9);
    expect(p.interconnectShare).toBeCloseTo((p.linkWatts + p.switchCoreWatts) / p.itWatts, 12);
    // A 32k-GPU run of 13 T tokens: thousands of MWh, interconnect a tenth to a third of it.
    expect(p.energyToTrainJoules / JOULES_PER_MWH).toBeGreaterThan(1000);
    expect(p.interconnectShare).toBeGreaterThan(0.1);
    expect(p.interconnectShare).toBeLessThan(0.4);
  });
});

describe('cost of a run', () => {
  const r = evaluate(paperScenario('passage512', 1));
  const a = DEFAULT_ASSUMPTIONS;

  it('prices GPUs, optics and lasers per Gb/s at each end, cables and switches', () => {
    const c = r.cost.capexByPartDollars;
    expect(c.gpus).toBe(32_768 * a.defaultGpuPrice);
    // Passage ends $0.3/Gb/s optics + $0.1/Gb/s lasers (assumed), GPU ends and switch ports; scale-out
    // pluggables $1/Gb/s at the GPUs and at the 2,560 implied 64-port 1.6 Tb/s switches.
    const scaleUpGbps = 32_768 * 32_000 + 5_120 * 512 * 400;
    const scaleOutGbps = 32_768 * 1_600 + 2_560 * 64 * 1_600;
    expect(c.optics).toBeCloseTo(scaleUpGbps * 0.3 + scaleOutGbps * 1.0, 0);
    expect(c.lasers).toBeCloseTo(scaleUpGbps * 0.1, 0);
    expect(c.switches).toBe((5_120 * 512 + 2_560 * 64) * a.switchPricePerPort);
  });

  it('charges capex × time / depreciation life plus facility energy at $/kWh', () => {
    const electricity = (r.power.energyToTrainJoules / 3.6e6) * a.electricityPricePerKwh;
    expect(r.cost.electricityDollars).toBeCloseTo(electricity, 3);
    expect(r.cost.runDollars).toBeCloseTo(r.cost.capexDollars * (r.timeToTrainSeconds / a.depreciationSeconds) + electricity, 3);
    expect(r.cost.dollarsPerMillionTokens).toBeCloseTo((r.cost.runDollars / 13e12) * 1e6, 9);
  });
});

describe('reliability and goodput', () => {
  it("gives Llama 3's 16,384 H100s about its reported 7.8 interruptions a day and ~90% goodput", () => {
    const s = paperScenario('electrical144', 1);
    const llama: Scenario = { ...s, system: dgxH100(16_384) };
    const r = evaluate({ ...llama, training: { ...s.training, tensorParallel: 8, pipelineParallel: 16, dataParallel: 128 } });
    const g = r.goodput;
    // λ = (16,384 × 18,000 FIT + 16,384 × 0.4 Tb/s × 400 FIT + 1,280 implied scale-out switches × 2,000 FIT) / 10⁹ h.
    expect(r.power.tiers[1].switches).toBe(1_280); // 3 levels of radix 64: 5 · 16,384 / 64
    const lambda = (16_384 * 18_000 + 16_384 * 0.4 * 400 + 1_280 * 2_000) / 1e9 / HOUR;
    expect(g.failuresPerDay).toBeCloseTo(lambda * 86_400, 9);
    expect(g.failuresPerDay).toBeGreaterThan(7);
    expect(g.failuresPerDay).toBeLessThan(7.8); // Llama 3: 419 unexpected / 54 days = 7.76, 35 of them switches and cables
    // τ = √(2δ/λ), goodput = 1 − δ/τ − λ(R + τ/2).
    const tau = Math.sqrt((2 * 30) / lambda);
    expect(g.checkpointIntervalSeconds).toBeCloseTo(tau, 6);
    expect(g.goodput).toBeCloseTo(1 - 30 / tau - lambda * (300 + tau / 2), 9);
    expect(g.goodput).toBeGreaterThan(0.88);
    expect(g.goodput).toBeLessThan(0.93);
  });

  it('loses more to failures with 32 Tb/s of optics per GPU than with copper, and a 512-pod failure takes out 512 GPUs, a 144-pod 144', () => {
    const passage = evaluate(paperScenario('passage512', 1)).goodput;
    const copper = evaluate(paperScenario('electrical144', 1)).goodput;
    expect(passage.failuresPerDay).toBeGreaterThan(copper.failuresPerDay);
    expect(passage.goodput).toBeLessThan(copper.goodput);
    expect(passage.blastRadiusGpus).toBe(512);
    expect(copper.blastRadiusGpus).toBe(144);
    expect(passage.effectiveTimeToTrainSeconds).toBeCloseTo(evaluate(paperScenario('passage512', 1)).timeToTrainSeconds / passage.goodput, 3);
  });

  it("uses a given checkpoint interval instead of Young's optimum", () => {
    const s = paperScenario('passage512', 1);
    const g = evaluate({ ...s, assumptions: { ...s.assumptions, checkpointIntervalSeconds: 3600 } }).goodput;
    const lambda = g.failuresPerDay / 86_400;
    expect(g.checkpointIntervalSeconds).toBe(3600);
    expect(g.goodput).toBeCloseTo(1 - 30 / 3600 - lambda * (300 + 1800), 9);
  });
});

describe('physical reach', () => {
  it('flags a copper 512-package pod: 4 racks of 144, 1 m + 3 × 0.6 m = 2.8 m of cable against 1 m of reach', () => {
    const r = evaluate(paperScenario('electrical512', 1));
    expect(r.reach[0]).toMatchObject({ racks: 4, linkReachMeters: 1, withinReach: false });
    expect(r.reach[0].neededMeters).toBeCloseTo(2.8, 9);
    const issue = r.issues.find((i) => i.code === 'domain-exceeds-reach');
    expect(issue?.field).toBe('system.tiers[0].domainSize');
    expect(issue?.message).toMatch(/512 GPUs over 4 racks of 144.*2\.8 m.*'copper-224g' reaches 1 m/);
    expect(r.feasible).toBe(true);
  });

  it("passes a copper 144-package pod in one rack and Passage's 512 over 500 m of fibre", () => {
    expect(evaluate(paperScenario('electrical144', 1)).issues.map((i) => i.code)).not.toContain('domain-exceeds-reach');
    expect(evaluate(paperScenario('passage512', 1)).reach.every((t) => t.withinReach)).toBe(true);
  });

  it('takes the rack geometry as a parameter: 72 per rack puts the 144-pod over copper reach too', () => {
    const s = paperScenario('electrical144', 1);
    const r = evaluate({ ...s, assumptions: { ...s.assumptions, gpusPerRack: 72 } });
    expect(r.reach[0]).toMatchObject({ racks: 2, withinReach: false });
    expect(r.reach[0].neededMeters).toBeCloseTo(1 + 0.6, 9);
  });
});
