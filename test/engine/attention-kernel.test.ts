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

  // Shah et al. 2024 (FlashAttention-3), cuDNN on an H100 SXM5, BF16, 8k tokens.
  const RATE_AT_64_OVER_128 = { forward: 379 / 529, backward: 432 / 518 };
  const rates = (headDim: number) => {
    const s = scenario();
    const model = { ...s.model, headDim, attentionHeads: (s.model.attentionHeads * 128) / headDim };
    const t = { ...s, model };
    const op = core(t);
    const r = roofline(t, [op]);
    const overhead = t.assumptions.kernelOverheadSeconds;
    return { forward: op.flops / (r.forwardSeconds - overhead), backward: (2.5 * op.flops) / (r.backwardSeconds - 2 * overhead) };
  };

  it("runs a head of dimension 64 at cuDNN's measured share of the 128 rate, 0.72 forward and 0.83 backward, within 1%", () => {
    const [narrow, measured] = [rates(64), rates(128)];
    expect(narrow.forward / measured.forward / RATE_AT_64_OVER_128.forward).toBeCloseTo(1, 2);
    expect(narrow.backward / measured.backward / RATE_AT_64_OVER_128.backward).toBeCloseTo(1, 2);
  });

  it('slows between 64 and 128, and takes wider heads at the 128 rate', () => {
    expect(rates(96).forward).toBeGreaterThan(rates(64).forward);
    expect(rates(96).forward).toBeLessThan(rates(128).forward);
    expect(rates(256).forward / rates(128).forward).toBeCloseTo(1, 12);
    expect(rates(256).backward / rates(128).backward).toBeCloseTo(1, 12);
  });
});
