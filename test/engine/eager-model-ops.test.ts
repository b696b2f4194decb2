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

  it('run an unfused rotary embedding as 16 kernels and 12 passes over Q and K', () => {
    const rotary = op(scenario({}, { fusedRotaryEmbedding: false }), 'rotary embedding, eager')!;
    const headDim = MIXTRAL_8X7B.hiddenSize / MIXTRAL_8X7B.attentionHeads;
    const qk = tokens * (MIXTRAL_8X7B.attentionHeads + MIXTRAL_8X7B.kvHeads!) * headDim;
    expect(rotary).toMatchObject({ kernels: 16, bytes: 12 * qk * 2, backward: 1 });
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

  it("add a grouped layer's FC2 bias per local expert, 2 kernels each and a concatenation", () => {
    const biased = op(scenario({ linearBiases: true }), 'expert output bias')!;
    expect(biased.kernels).toBe(2 * 2 + 1);
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
