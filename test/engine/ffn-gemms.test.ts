/**
 * An FFN is two GEMMs, as Megatron runs it: FC1 (the gate and up projections fused under SwiGLU)
 * reads the block's input once, FC2 reads the activation function's output. Before, the engine ran
 * three products of the block's input, so an FP8 layer cast 3·m·h elements where it casts m·h + m·f.
 */
import { describe, expect, it } from 'vitest';
import { dgxH100, withAssumptions, type ModelSpec, type Scenario, type TrainingSpec } from '../../engine/index.js';
import { TP8_PP8_TRAINING } from './training-fixture.js';
import { layerOperations } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';

/** Llama 3 70B (Grattafiori et al. 2024): SwiGLU, FFN 28,672 wide. */
const LLAMA3_70B: ModelSpec = {
  name: 'llama3-70b',
  layers: 80,
  hiddenSize: 8192,
  attentionHeads: 64,
  kvHeads: 8,
  ffnHidden: 28_672,
  ffnKind: 'swiglu',
  vocabularySize: 128_256,
  sequenceLength: 8192,
  tiedEmbeddings: false,
  dropout: 0,
};
const scenario = (t: Partial<TrainingSpec> = {}): Scenario => ({
  name: 'llama',
  system: dgxH100(64),
  model: LLAMA3_70B,
  training: { ...TP8_PP8_TRAINING, datatype: 'fp8', pipelineParallel: 1, dataParallel: 8, ...t },
  assumptions: withAssumptions({}),
});

describe('FFN GEMMs', () => {
  const s = scenario();
  const ops = layerOperations(s, degreesOf(s), false);
  const m = LLAMA3_70B.sequenceLength;
  const h = LLAMA3_70B.hiddenSize;
  const f = LLAMA3_70B.ffnHidden / 8;

  it('runs FC1 (gate and up, 2f wide) and FC2 (f deep) with the FLOPs of three products', () => {
    const fc1 = ops.find((op) => op.name === 'ffn fc1')!;
    const fc2 = ops.find((op) => op.name === 'ffn fc2')!;
    expect(fc1.gemm).toEqual({ m, k: h, n: 2 * f, productsPerKernel: 1 });
    expect(fc2.gemm).toEqual({ m, k: f, n: h, productsPerKernel: 1 });
    expect(fc1.flops + fc2.flops).toBe(3 * 2 * m * h * f);
    expect([fc1.launches, fc2.launches]).toEqual([1, 1]);
  });

  it("casts each FC's own input for FP8: m·h for FC1 and m·f for FC2, not 3·m·h", () => {
    const casts = ops.find((op) => op.name === 'low-precision casts')!;
    expect(casts.bytes).toBe((m * h + m * f) * s.assumptions.lowPrecisionCastBytes);
  });

  it('runs a GeLU FFN as FC1 f wide and FC2, two products', () => {
    const gelu = { ...s, model: { ...LLAMA3_70B, ffnKind: 'gelu' as const } };
    const geluOps = layerOperations(gelu, degreesOf(gelu), false);
    expect(geluOps.find((op) => op.name === 'ffn fc1')!.gemm).toEqual({ m, k: h, n: f, productsPerKernel: 1 });
    expect(geluOps.filter((op) => op.name.startsWith('ffn fc')).reduce((sum, op) => sum + op.flops, 0)).toBe(2 * 2 * m * h * f);
  });

  it('reads the input once more for its amax under per-tensor scaling', () => {
    const perTensor = scenario({ lowPrecisionScaling: 'perTensor' });
    const casts = layerOperations(perTensor, degreesOf(perTensor), false).find((op) => op.name === 'low-precision casts')!;
    expect(casts.bytes).toBe((m * h + m * f) * (s.assumptions.lowPrecisionCastBytes + 2));
    expect(casts.kernels).toBe(2 * 4);
  });
});
