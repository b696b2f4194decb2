/** Interconnect energy, power and area of a scenario. */
import { describe, expect, it } from 'vitest';
import { evaluate, paperScenario, PICO } from '../../engine/index.js';

describe('interconnect energy', () => {
  const passage = evaluate(paperScenario('passage512', 1));
  const copper = evaluate(paperScenario('electrical512', 1));
  const [scaleUp, scaleOut] = passage.energyByTier;

  it('charges each scale-up bit at the GPU end (SerDes 2, PIC 1.2, laser 1.1 pJ) and at the switch port', () => {
    const bits = scaleUp.bitsPerGpuPerStep * 32_768;
    expect(scaleUp.serdesJoules).toBeCloseTo(bits * 2 * PICO, 0);
    expect(scaleUp.opticsJoules).toBeCloseTo(bits * 1.2 * PICO, 0);
    expect(scaleUp.laserJoules).toBeCloseTo(bits * 1.1 * PICO, 0);
    expect(scaleUp.switchJoules).toBeCloseTo(bits * 4.3 * PICO, 0);
    expect(scaleUp.inPackageJoules).toBeCloseTo(bits * 3.2 * PICO, 0);
    expect(scaleUp.offPackageJoules).toBeCloseTo(bits * 1.1 * PICO, 0);
  });

  it('counts the bits of every pipeline rank, not the slowest one: moving layers between stages moves no traffic', () => {
    const s = paperScenario('passage512', 4);
    const even = evaluate(s);
    const endHeavy = evaluate({ ...s, training: { ...s.training, firstStageLayers: 6, lastStageLayers: 6 } });
    // The split changes which rank sets the pace (the last, with the head; then a middle one)…
    expect(even.criticalPipelineRank).toBe(7);
    expect(endHeavy.criticalPipelineRank).toBe(1);
    // …but the 120 layers send what they send, wherever they are.
    endHeavy.energyByTier.forEach((tier, i) => expect(tier.bitsPerGpuPerStep).toBeCloseTo(even.energyByTier[i].bitsPerGpuPerStep, -3));
  });

  it('adds up: run energy = per-step energy × steps = Σ tiers', () => {
    expect(passage.interconnectEnergyJoules).toBeCloseTo(passage.interconnectEnergyPerStepJoules * passage.steps, -3);
    expect(passage.interconnectEnergyPerStepJoules).toBeCloseTo(scaleUp.totalJoules + scaleOut.totalJoules, 3);
  });

  it('gives line-rate power per GPU and per switch, and 80 switches of 512 ports per Passage pod', () => {
    expect(scaleUp.lineRatePowerPerGpu).toBeCloseTo(32e12 * 4.3e-12, 6); // 137.6 W
    expect(scaleUp.lineRatePowerPerSwitch).toBeCloseTo(512 * 400e9 * 4.3e-12, 6);
    expect(scaleUp.switches).toBe(64 * 80);
    expect(scaleUp.averagePowerPerGpu).toBeGreaterThan(0);
    expect(scaleUp.averagePowerPerGpu).toBeLessThan(scaleUp.lineRatePowerPerGpu);
  });

  it('moves the same bits on copper at 5 pJ/bit per end, so copper spends more energy per step', () => {
    expect(copper.energyByTier[0].bitsPerGpuPerStep).toBeCloseTo(scaleUp.bitsPerGpuPerStep, -3);
    expect(copper.interconnectEnergyPerStepJoules).toBeGreaterThan(passage.interconnectEnergyPerStepJoules);
  });

  it('grows the GPU package by 3.5% for Passage optics; copper takes no optics area', () => {
    expect(scaleUp.packageAreaGrowth).toBeCloseTo(0.035, 3);
    expect(copper.energyByTier[0].packageAreaMm2).toBe(0);
  });
});

describe('multi-level switch fabrics', () => {
  it('joins 256 GPUs with radix-64 switches in a leaf-spine (2 levels): 3 switch crossings per bit', async () => {
    const { dgxH100, MIXTRAL_8X7B, withAssumptions, SCALE_OUT_16PJ, switchLevels } = await import('../../engine/index.js');
    expect([switchLevels(64, 64), switchLevels(65, 64), switchLevels(2048, 64), switchLevels(2049, 64)]).toEqual([1, 2, 2, 3]);
    const system = dgxH100(256);
    system.tiers[1] = { ...system.tiers[1], switch: { name: 'ib-64', radix: 64, portBandwidth: 400e9, link: SCALE_OUT_16PJ } };
    const r = evaluate({
      name: 'mixtral',
      system,
      model: MIXTRAL_8X7B,
      assumptions: withAssumptions(),
      training: {
        name: 't',
        datatype: 'bf16',
        globalBatch: 1024,
        trainingTokens: 1e12,
        tensorParallel: 2,
        pipelineParallel: 4,
        virtualStages: 1,
        dataParallel: 32,
        expertsPerDpRank: 1,
        expertTensorParallel: false,
        microbatchSize: 1,
        recompute: 'full',
        sequenceParallel: true,
        optimizer: 'adam',
        shardOptimizer: true,
      },
    });
    const out = r.energyByTier[1];
    expect(out.switchLevels).toBe(2);
    // One 400 Gb/s rail per GPU; a leaf-spine for 256 ports of radix 64 has 2·256/64 leaves + 256/64 spines.
    expect(out.switches).toBe(12);
    expect(out.switchJoules).toBeCloseTo(out.bitsPerGpuPerStep * 256 * 3 * 16e-12, 0);
  });
});
