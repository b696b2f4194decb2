/**
 * What Megatron-Core runs in eager kernels for GPT-OSS-style models: a rotary embedding it cannot
 * fuse (YaRN), the clamp of a clamped SwiGLU, and a grouped expert layer's FC2 bias added expert by
 * expert. Each is a pass over its tensors in the kernels the code launches, and none is there by default.
 */
import { describe, expect, it } from 'vitest';
import { dgxH100, evaluate, MIXTRAL_8X7B, withAssumptions, type ModelSpec, type Scenario, type TrainingSpec } from '../../engine/index.js';
import { layerCompute, layerOperations } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';
import { gpt3OnH100 } from './training-fixture.js';

const base = gpt3OnH100();
const scenario = (model: Partial<ModelSpec> = {}, training: Partial<TrainingSpec> = {}): Scenario => ({
  ...base,
  system: dgxH100(64),
  model: { ...MIXTRAL_8X7B, ...model },
  training: { ...base.training, tensorParallel: 1, pipelineParallel: 1, dataParallel: 64, expertsPerDpRank: 2, sequenceParallel: false, ...training },
  assumptions: withAssumptions({}),
});
const op = (s: Scenario, name: string) => layerOperations(s, degreesOf(s), true).find((o) => o.name === name);
const tokens = MIXTRAL_8X7B.sequenceLength;

describe('eager kernels of GPT-OSS-style layers', () => {
  it('are absent by default', () => {
    const s = scenario();
    expect([op(s, 'rotary embedding, eager'), op(s, 'activation clamp'), op(s, 'expert output bias')]).toEqual([undefined, undefined, undefined]);
  });

  it("run an unfused rotary embedding as 24 kernels and 10 more passes over Q and K, in the attention's graph scope", () => {
    const rotary = op(scenario({}, { fusedRotaryEmbedding: false }), 'rotary embedding, eager')!;
    const headDim = MIXTRAL_8X7B.hiddenSize / MIXTRAL_8X7B.attentionHeads;
    const qk = tokens * (MIXTRAL_8X7B.attentionHeads + MIXTRAL_8X7B.kvHeads!) * headDim;
    expect(rotary).toMatchObject({ kernels: 24, bytes: 10 * qk * 2, backward: 1, graphScope: 'attention' });
  });

  it('clamp a SwiGLU in 3 kernels over the FC1 output, and selective recompute of the activation re-runs them', () => {
    const clamped = scenario({ activationClamp: 7 });
    const s = scenario();
    const routedHidden = op(s, 'routed experts fc2')!.gemm!;
    const half = routedHidden.m * routedHidden.k * routedHidden.productsPerKernel;
    expect(op(clamped, 'activation clamp')).toMatchObject({ kernels: 3, bytes: 8 * half * 2, afterDispatch: true });
    expect(op(scenario({ activationClamp: 7, ffnKind: 'gelu' }), 'activation clamp')).toBeUndefined();
    const recompute = { recompute: 'selective' as const, recomputeModules: { activationFunction: true } };
    const [plain, withClamp] = [scenario({}, recompute), scenario({ activationClamp: 7 }, recompute)].map((t) => layerCompute(t, degreesOf(t)).moeRecompute);
    expect(withClamp - plain).toBeCloseTo((8 * half * 2) / (s.system.gpu.hbmBandwidth * s.assumptions.memoryEfficiency), 9);
  });

  it('clamp the shared experts and a dense FFN too, and keep the clamped FC1 output for the backward', () => {
    const shared = scenario({ activationClamp: 7, moe: { ...MIXTRAL_8X7B.moe!, sharedExperts: 1 } });
    const sharedFc2 = op(shared, 'shared experts fc2')!.gemm!;
    expect(op(shared, 'shared experts activation clamp')).toMatchObject({ bytes: 8 * sharedFc2.m * sharedFc2.k * 2, afterDispatch: true });
    const dense = scenario({ activationClamp: 7 });
    const denseOps = layerOperations(dense, degreesOf(dense), false);
    expect(denseOps.find((o) => o.name === 'activation clamp')!.bytes).toBe(8 * tokens * MIXTRAL_8X7B.ffnHidden * 2);
    // The clamps' saved inputs: the whole FC1 output, 2 halves × 2 bytes per hidden element of each routed copy.
    const [plain, clamped] = [scenario(), scenario({ activationClamp: 7 })].map((t) => evaluate(t).memory.activationsBytes);
    expect(clamped).toBeGreaterThan(plain);
  });

  it("add a grouped layer's FC2 bias per local expert, 2 kernels each and a concatenation, 6 passes over the experts' output", () => {
    const s = scenario({ linearBiases: true });
    const biased = op(s, 'expert output bias')!;
    const fc2 = op(s, 'routed experts fc2')!.gemm!;
    expect(biased).toMatchObject({ kernels: 2 * 2 + 1, bytes: 6 * fc2.m * fc2.productsPerKernel * fc2.n * 2, afterDispatch: true });
    expect(op(scenario({ linearBiases: true }, { expertsPerDpRank: 8 }), 'expert output bias')!.kernels).toBe(2 * 8 + 1);
  });

  it('make the step slower, each of them', () => {
    const step = (s: Scenario) => evaluate(s).stepSeconds;
    const plain = step(scenario());
    expect(step(scenario({}, { fusedRotaryEmbedding: false }))).toBeGreaterThan(plain);
    expect(step(scenario({ activationClamp: 7 }))).toBeGreaterThan(plain);
    expect(step(scenario({ linearBiases: true }))).toBeGreaterThan(plain);
  });
});
