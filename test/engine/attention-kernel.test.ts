/**
 * Fused attention runs at its own measured efficiencies, forward and backward, not at a GEMM's
 * (issue: validated predictor). Before, both ran at computeEfficiency = 0.7.
 */
import { describe, expect, it } from 'vitest';
import { withAssumptions, type Scenario } from '../../engine/index.js';
import { layerOperations, roofline } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';
import { gpt3OnH100 } from './training-fixture.js';

const scenario = gpt3OnH100;
const core = (s: Scenario) => layerOperations(s, degreesOf(s), false).find((o) => o.name === 'attention core')!;

describe('fused attention kernel efficiency', () => {
  it("forward at 0.67 and backward at 0.59 of the H100's 794.5 TFLOP/s BF16 ceiling (cuDNN's causal 529, and 518 unmasked × 0.91 for the mask), on 2.5× the forward FLOPs", () => {
    const s = scenario();
    const op = core(s);
    const r = roofline(s, [op]);
    const overhead = s.assumptions.kernelOverheadSeconds;
    expect(r.forwardSeconds - overhead).toBeCloseTo(op.flops / (794.5e12 * 0.67), 12);
    expect(r.backwardSeconds - 2 * overhead).toBeCloseTo((2.5 * op.flops) / (794.5e12 * 0.59), 12);
  });

  it("a scenario can override them, and an unfused kernel keeps the GEMM rate (0.875 of the H100's measured 794.5 TFLOP/s BF16 ceiling)", () => {
    const faster = scenario({}, withAssumptions({ flashAttentionForwardEfficiency: 0.8, flashAttentionBackwardEfficiency: 0.7 }));
    expect(roofline(faster, [core(faster)]).forwardSeconds).toBeLessThan(roofline(scenario(), [core(scenario())]).forwardSeconds);
    const unfused = scenario({ attentionKernel: 'unfused' });
    const op = core(unfused);
    expect(op.fusedAttention).toBeUndefined();
    const r = roofline(unfused, [op]);
    expect(r.forwardSeconds - unfused.assumptions.kernelOverheadSeconds).toBeCloseTo(Math.max(op.flops / (794.5e12 * 0.875), op.bytes / (3.35e12 * 0.8)), 12);
  });
});
