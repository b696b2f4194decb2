/**
 * A kernel-level check of the engine against DeepSeek's published H800 training profile
 * (github.com/deepseek-ai/profile-data, train.json, Feb 2025): one DualPipe pair of a forward and
 * a backward chunk of 4 MoE layers in the DeepSeek-V3 pre-training configuration (EP64, TP1, 4k
 * tokens, FP8 per-block GEMMs), routing balanced. The profiler step takes 112.2 ms; every compute
 * kernel runs on the 112 of 132 SMs DeepEP's communication kernels leave. The engine, given the
 * example's configuration, times one MoE layer's forward, backward and recompute on the same SMs.
 */
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../cli/load.js';
import { layerCompute } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';
import { isDeclaration, type Document } from '../../language/generated/ast.js';

const PROFILE_STEP_SECONDS = 112.202e-3;
const PROFILE_LAYER_PAIRS = 4;

describe("DeepSeek's H800 training profile", () => {
  it('matches the engine time of a MoE layer, forward and backward, within 10%', async () => {
    const workspace = await loadFiles(['examples/deepseek-v3-h800.moesys']);
    const root = workspace.documents[0]!.parseResult.value as Document;
    const declaration = root.declarations.filter(isDeclaration).find((d) => d.kind === 'scenario' && d.name === 'deepseek-v3-h800')!;
    const s = workspace.services.analysis.BuildAnalysis.scenario(declaration).lowered!.scenario;
    const layers = layerCompute(s, degreesOf(s));
    const gpuSeconds = layers.moe.forwardSeconds + layers.moe.backwardSeconds + layers.moeRecompute;
    const onProfileSms = gpuSeconds / (1 - s.assumptions.communicationSmShare);
    expect(onProfileSms / (PROFILE_STEP_SECONDS / PROFILE_LAYER_PAIRS)).toBeGreaterThan(0.9);
    expect(onProfileSms / (PROFILE_STEP_SECONDS / PROFILE_LAYER_PAIRS)).toBeLessThan(1.1);
  });
});
