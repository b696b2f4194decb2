/**
 * The loss over the logits: a memory-bound pass on the last stage whose bytes per logit are those of
 * its kernels' code (engine/compute.ts): Transformer Engine's fused Triton cross entropy moves 6
 * bytes per logit in the forward and 4 in the backward, Megatron-LM's FP32 vocab-parallel one 38
 * and 14. Before it was modelled, the LM head's GEMM was the last stage's only extra work.
 */
import { describe, expect, it } from 'vitest';
import { type Scenario } from '../../engine/index.js';
import { headOperations, microbatchTokens, roofline } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';
import { gpt3OnH100 } from './training-fixture.js';

const loss = (s: Scenario) => headOperations(s, degreesOf(s)).find((op) => op.name === 'cross entropy')!;
const logitsPerGpu = (s: Scenario) => (microbatchTokens(s) * s.model.vocabularySize) / s.training.tensorParallel;

describe('the cross-entropy loss', () => {
  it('moves 6 + 4 bytes per logit fused and 38 + 14 unfused, over tokens × vocabulary / TP logits per GPU', () => {
    const fused = gpt3OnH100();
    expect(loss(fused).bytes).toBeCloseTo(6 * logitsPerGpu(fused), 6);
    expect(loss(fused).bytes * loss(fused).backward).toBeCloseTo(4 * logitsPerGpu(fused), 6);
    const unfused = gpt3OnH100({ crossEntropyKernel: 'unfused' });
    expect(loss(unfused).bytes).toBeCloseTo(38 * logitsPerGpu(unfused), 6);
    expect(loss(unfused).bytes * loss(unfused).backward).toBeCloseTo(14 * logitsPerGpu(unfused), 6);
  });

  it("takes the unfused loss 5.2× the fused one's HBM time, and more of it on fewer tensor-parallel ranks", () => {
    // GPU time alone: beside the other layers the host's launches hide behind other work.
    const gpuSeconds = (s: Scenario) => {
      const r = roofline(s, [loss(s)]);
      const kernels = loss(s).kernels;
      return r.forwardSeconds - r.forwardHostWaitSeconds + r.backwardSeconds - r.backwardHostWaitSeconds - 3 * kernels * s.assumptions.kernelOverheadSeconds;
    };
    const fused = gpt3OnH100();
    const unfused = gpt3OnH100({ crossEntropyKernel: 'unfused' });
    expect(gpuSeconds(unfused) / gpuSeconds(fused)).toBeCloseTo(52 / 10, 6);
    const fewerRanks = gpt3OnH100({ tensorParallel: 4, dataParallel: 8 });
    expect(gpuSeconds(fewerRanks) / gpuSeconds(fused)).toBeCloseTo(2, 6);
  });
});
