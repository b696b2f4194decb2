/**
 * A kernel-level check of the engine against DeepSeek's published H800 training profile
 * (github.com/deepseek-ai/profile-data, train.json, Feb 2025): one DualPipe pair of a forward and
 * a backward chunk of 4 MoE layers in the DeepSeek-V3 pre-training configuration (EP64, TP1, 4k
 * tokens, FP8 per-block GEMMs), routing absolutely balanced. Every compute kernel runs on the 112 of
 * 132 SMs DeepEP's communication kernels leave. The engine, given the example's configuration, times
 * one MoE layer's forward, backward and recompute on the same SMs against the GPU time of the
 * profile's compute kernels (its two compute streams; the profiler step's 112.2 ms is the host's
 * span, which ends before the GPU's work does). The weight-gradient rate of per-block FP8
 * (softwareBlockScaledWeightGradientEfficiency) was read from this profile, so its check is one of
 * consistency; the forward, the GEMMs as a whole, attention and the layer are not fitted to it.
 */
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../cli/load.js';
import { layerCompute, layerOperations, roofline, type Operation } from '../../engine/compute.js';
import { withAssumptions, type Scenario } from '../../engine/index.js';
import { degreesOf } from '../../engine/placement.js';
import { isDeclaration, type Document } from '../../language/generated/ast.js';

const PROFILE_LAYER_PAIRS = 4;
/** Kernel time of the compute streams: 118.165 ms on the main one, 11.355 ms of deferred weight gradients on the other. */
const PROFILE_COMPUTE_KERNEL_SECONDS = 129.52e-3;
/** The FP8 GEMM kernels (DeepSeek's grouped_gemm fp8_ptp128c, m_grouped_fp8_ptp128c, fp8_dptp128c_acc) and three small BF16 cuBLAS GEMMs. */
const PROFILE_GEMM_SECONDS = 75.07e-3;
/** FlashAttention's forward, backward and its backward's pre- and post-processing kernels. */
const PROFILE_ATTENTION_SECONDS = 21.97e-3;
/** The output projection (4096 × 16384 by 16384 × 7168, 962 GFLOP): its 8 forward and input-gradient kernels take 0.885–0.935 ms, its 4 weight gradients 1.466–1.517 ms. */
const OUTPUT_PROJECTION_FORWARD_SECONDS = 0.914e-3;
const OUTPUT_PROJECTION_WEIGHT_GRADIENT_SECONDS = 1.499e-3;

/** Engine seconds on the full GPU, stretched to the SMs DeepEP's kernels leave. */
const onProfileSms = (s: Scenario, seconds: number) => seconds / (1 - s.assumptions.communicationSmShare);

async function deepseekV3(): Promise<Scenario> {
  const workspace = await loadFiles(['examples/deepseek-v3-h800.moesys']);
  const root = workspace.documents[0]!.parseResult.value as Document;
  const declaration = root.declarations.filter(isDeclaration).find((d) => d.kind === 'scenario' && d.name === 'deepseek-v3-h800')!;
  const s = workspace.services.analysis.BuildAnalysis.scenario(declaration).lowered!.scenario;
  // The profile simulates "an absolutely balanced MoE routing strategy" (its README): no random fluctuation.
  return { ...s, assumptions: withAssumptions({ ...s.assumptions, randomRoutingFluctuation: false }) };
}

describe("DeepSeek's H800 training profile", () => {
  it("matches the profile's compute-kernel time of a MoE layer, forward, backward and recompute, within 10%", async () => {
    const s = await deepseekV3();
    const layers = layerCompute(s, degreesOf(s));
    const gpuSeconds = layers.moe.forwardSeconds + layers.moe.backwardSeconds + layers.moeRecompute;
    const ratio = onProfileSms(s, gpuSeconds) / (PROFILE_COMPUTE_KERNEL_SECONDS / PROFILE_LAYER_PAIRS);
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
  });

  it("times the layer's GEMMs and its fused attention each within 10% of the profile's kernels", async () => {
    const s = await deepseekV3();
    const ops = layerOperations(s, degreesOf(s), true);
    const seconds = (keep: (op: Operation) => boolean) => {
      const r = roofline(s, ops.filter(keep));
      return onProfileSms(s, r.forwardSeconds + r.backwardSeconds);
    };
    const gemms = seconds((op) => op.gemm !== undefined) / (PROFILE_GEMM_SECONDS / PROFILE_LAYER_PAIRS);
    const attention = seconds((op) => op.fusedAttention === true) / (PROFILE_ATTENTION_SECONDS / PROFILE_LAYER_PAIRS);
    for (const ratio of [gemms, attention]) {
      expect(ratio).toBeGreaterThan(0.9);
      expect(ratio).toBeLessThan(1.1);
    }
  });

  it("times the output projection's forward and per-block FP8 weight gradient within 10% of the profile's kernels", async () => {
    const s = await deepseekV3();
    const withEfficiency = (efficiency: number) => ({
      ...s,
      assumptions: withAssumptions({ ...s.assumptions, softwareBlockScaledWeightGradientEfficiency: efficiency }),
    });
    const outputProjection = (t: Scenario) => roofline(t, [layerOperations(t, degreesOf(t), true).find((op) => op.name === 'output projection')!]);
    const forward = onProfileSms(s, outputProjection(s).forwardSeconds);
    // The weight gradient's math alone: halving its rate adds its full-rate math once. Its FP32
    // gradient tile stores (16384 × 7168) follow at HBM speed.
    const fullRateMath = outputProjection(withEfficiency(0.5)).backwardSeconds - outputProjection(withEfficiency(1)).backwardSeconds;
    const gradientStore = (16384 * 7168 * 4) / (s.system.gpu.hbmBandwidth * s.assumptions.memoryEfficiency);
    const weightGradient = onProfileSms(s, fullRateMath / s.assumptions.softwareBlockScaledWeightGradientEfficiency + gradientStore);
    expect(forward / OUTPUT_PROJECTION_FORWARD_SECONDS).toBeGreaterThan(0.9);
    expect(forward / OUTPUT_PROJECTION_FORWARD_SECONDS).toBeLessThan(1.1);
    expect(weightGradient / OUTPUT_PROJECTION_WEIGHT_GRADIENT_SECONDS).toBeGreaterThan(0.9);
    expect(weightGradient / OUTPUT_PROJECTION_WEIGHT_GRADIENT_SECONDS).toBeLessThan(1.1);
  });
});
