/**
 * A kernel-level check of the engine against DeepSeek's published H800 training profile
 * (github.com/deepseek-ai/profile-data, train.json, Feb 2025): one DualPipe pair of a forward and
 * a backward chunk of 4 MoE layers in the DeepSeek-V3 pre-training configuration (EP64, TP1, 4k
 * tokens, FP8 per-block GEMMs), routing absolutely balanced. The profiler step takes 112.2 ms; every compute
 * kernel runs on the 112 of 132 SMs DeepEP's communication kernels leave. The engine, given the
 * example's configuration, times one MoE layer's forward, backward and recompute on the same SMs.
 * The weight-gradient rate of per-block FP8 (softwareBlockScaledWeightGradientEfficiency) was read
 * from this profile, so its check is one of consistency; the forward and the layer are not fitted to it.
 */
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../cli/load.js';
import { layerCompute, layerOperations, roofline } from '../../engine/compute.js';
import { withAssumptions, type Scenario } from '../../engine/index.js';
import { degreesOf } from '../../engine/placement.js';
import { isDeclaration, type Document } from '../../language/generated/ast.js';

const PROFILE_STEP_SECONDS = 112.202e-3;
const PROFILE_LAYER_PAIRS = 4;
/** The output projection (4096 × 16384 by 16384 × 7168, 962 GFLOP): its 8 forward and input-gradient kernels take 0.885–0.935 ms, its 4 weight gradients 1.466–1.517 ms. */
const OUTPUT_PROJECTION_FORWARD_SECONDS = 0.914e-3;
const OUTPUT_PROJECTION_WEIGHT_GRADIENT_SECONDS = 1.499e-3;

async function deepseekV3(): Promise<Scenario> {
  const workspace = await loadFiles(['examples/deepseek-v3-h800.moesys']);
  const root = workspace.documents[0]!.parseResult.value as Document;
  const declaration = root.declarations.filter(isDeclaration).find((d) => d.kind === 'scenario' && d.name === 'deepseek-v3-h800')!;
  const s = workspace.services.analysis.BuildAnalysis.scenario(declaration).lowered!.scenario;
  // The profile simulates "an absolutely balanced MoE routing strategy" (its README): no random fluctuation.
  return { ...s, assumptions: withAssumptions({ ...s.assumptions, randomRoutingFluctuation: false }) };
}

describe("DeepSeek's H800 training profile", () => {
  it('matches the engine time of a MoE layer, forward and backward, within 10%', async () => {
    const s = await deepseekV3();
    const layers = layerCompute(s, degreesOf(s));
    const gpuSeconds = layers.moe.forwardSeconds + layers.moe.backwardSeconds + layers.moeRecompute;
    const onProfileSms = gpuSeconds / (1 - s.assumptions.communicationSmShare);
    expect(onProfileSms / (PROFILE_STEP_SECONDS / PROFILE_LAYER_PAIRS)).toBeGreaterThan(0.9);
    expect(onProfileSms / (PROFILE_STEP_SECONDS / PROFILE_LAYER_PAIRS)).toBeLessThan(1.1);
  });

  it("times the output projection's forward and per-block FP8 weight gradient within 10% of the profile's kernels", async () => {
    const s = await deepseekV3();
    const onProfileSms = (seconds: number) => seconds / (1 - s.assumptions.communicationSmShare);
    const withEfficiency = (efficiency: number) => ({
      ...s,
      assumptions: withAssumptions({ ...s.assumptions, softwareBlockScaledWeightGradientEfficiency: efficiency }),
    });
    const outputProjection = (t: Scenario) => roofline(t, [layerOperations(t, degreesOf(t), true).find((op) => op.name === 'output projection')!]);
    const forward = onProfileSms(outputProjection(s).forwardSeconds);
    // The weight gradient alone: halving its rate adds its full-rate time once.
    const fullRate = outputProjection(withEfficiency(1)).backwardSeconds;
    const weightGradient = onProfileSms(
      (outputProjection(withEfficiency(0.5)).backwardSeconds - fullRate) / s.assumptions.softwareBlockScaledWeightGradientEfficiency,
    );
    expect(forward / OUTPUT_PROJECTION_FORWARD_SECONDS).toBeGreaterThan(0.9);
    expect(forward / OUTPUT_PROJECTION_FORWARD_SECONDS).toBeLessThan(1.1);
    expect(weightGradient / OUTPUT_PROJECTION_WEIGHT_GRADIENT_SECONDS).toBeGreaterThan(0.9);
    expect(weightGradient / OUTPUT_PROJECTION_WEIGHT_GRADIENT_SECONDS).toBeLessThan(1.1);
  });
});
