/**
 * Per-block FP8 on tensor cores that cannot apply block scales (Hopper): the kernel rescales partial
 * sums on the CUDA cores, and the weight gradient, whose two operands are both scaled along the
 * reduction, runs at `softwareBlockScaledWeightGradientEfficiency` of the other GEMMs (DeepSeek's H800
 * profile). Blackwell's block-scaled MMA pays nothing; neither do the other recipes.
 */
import { describe, expect, it } from 'vitest';
import { B200, DEFAULT_ASSUMPTIONS, dgxH100, MIXTRAL_8X7B, withAssumptions, type LowPrecisionScaling, type Scenario } from '../../engine/index.js';
import { layerOperations, roofline } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';
import { gpt3OnH100 } from './training-fixture.js';

const scenario = (
  scaling: LowPrecisionScaling,
  efficiency = DEFAULT_ASSUMPTIONS.softwareBlockScaledWeightGradientEfficiency,
  gpu = dgxH100(64).gpu,
): Scenario => {
  const base = gpt3OnH100({ datatype: 'fp8', lowPrecisionScaling: scaling }, withAssumptions({ softwareBlockScaledWeightGradientEfficiency: efficiency }));
  return { ...base, system: { ...base.system, gpu } };
};
/** Backward seconds of one layer's FC1 alone: its input-gradient and weight-gradient products. */
const fc1Backward = (s: Scenario): number => {
  const fc1 = layerOperations(s, degreesOf(s), false).find((op) => op.name === 'ffn fc1')!;
  return roofline(s, [fc1]).backwardSeconds;
};

describe('weight gradients of per-block FP8 without hardware block scaling', () => {
  it('slow the weight-gradient product alone, by 1 / efficiency', () => {
    const full = fc1Backward(scenario('perBlock', 1));
    // At 1/2 the weight gradient takes twice its time, at 1/4 four times: the differences are 1 and 3 of it.
    const weightGradient = fc1Backward(scenario('perBlock', 0.5)) - full;
    expect(weightGradient).toBeGreaterThan(0.3 * full);
    expect(fc1Backward(scenario('perBlock', 0.25)) - full).toBeCloseTo(3 * weightGradient, 12);
    expect(fc1Backward(scenario('perBlock'))).toBeCloseTo(
      full + weightGradient * (1 / DEFAULT_ASSUMPTIONS.softwareBlockScaledWeightGradientEfficiency - 1),
      12,
    );
  });

  it('leave delayed and per-tensor scaling, a Blackwell GPU, BF16 and the BF16 router at the full rate', () => {
    const full = fc1Backward(scenario('perBlock', 1));
    expect(fc1Backward(scenario('delayed'))).toBe(full);
    expect(fc1Backward(scenario('perTensor'))).toBe(full);
    expect(fc1Backward(scenario('perBlock', 0.64, B200))).toBe(fc1Backward(scenario('perBlock', 1, B200)));
    const bf16 = (efficiency: number) => ({ ...scenario('perBlock', efficiency), training: { ...scenario('perBlock').training, datatype: 'bf16' as const } });
    expect(fc1Backward(bf16(0.64))).toBe(fc1Backward(bf16(1)));
    // The router runs in BF16 whatever the GEMMs' datatype.
    const mixtral = (efficiency: number) => ({
      ...scenario('perBlock', efficiency),
      model: MIXTRAL_8X7B,
      training: { ...scenario('perBlock').training, tensorParallel: 1, expertsPerDpRank: 1 },
    });
    const routerBackward = (s: Scenario) => roofline(s, [layerOperations(s, degreesOf(s), true).find((op) => op.name === 'router')!]).backwardSeconds;
    expect(routerBackward(mixtral(0.25))).toBe(routerBackward(mixtral(1)));
  });
});
