/**
 * Realism: measured throughput of published training runs, with the engine's defaults untouched.
 * Narayanan et al., "Efficient Large-Scale Language Model Training on GPU Clusters Using
 * Megatron-LM" (SC'21), Table 1: GPT-3 175B on 1024 A100s at 140 TFLOP/s per GPU, and a 1T model on
 * 3072 A100s at 163 TFLOP/s per GPU. Their TFLOP/s count the full-recompute forward pass (4 forward
 * passes of work per step), so hardware FLOP/s = MFU × peak × 4/3. Tolerance ±10%.
 */
import { describe, expect, it } from 'vitest';
import { dgxA100, evaluate, GPT3_175B, withAssumptions, type ModelSpec, type TrainingSpec } from '../../engine/index.js';

const megatronJob = (tp: number, pp: number, dp: number, globalBatch: number): TrainingSpec => ({
  name: 'megatron',
  datatype: 'bf16',
  globalBatch,
  trainingTokens: 300e9,
  tensorParallel: tp,
  pipelineParallel: pp,
  virtualStages: 1,
  dataParallel: dp,
  expertsPerDpRank: 1,
  expertTensorParallel: false,
  microbatchSize: 1,
  recompute: 'full',
  sequenceParallel: false,
  optimizer: 'adam',
  shardOptimizer: false,
  // Megatron-LM of 2021 had no flash attention: scores, softmax and dropout went through HBM.
  attentionKernel: 'unfused',
});

function hardwareTflopsPerGpu(model: ModelSpec, gpus: number, training: TrainingSpec): number {
  const r = evaluate({ name: model.name, system: dgxA100(gpus), model, training, assumptions: withAssumptions() });
  expect(r.feasible).toBe(true);
  return (r.mfu * 312e12 * 4) / 3 / 1e12;
}

describe('published Megatron-LM runs on DGX A100', () => {
  it('GPT-3 175B, 1024 GPUs, TP8 × PP16 × DP8, batch 1536: 140 TFLOP/s per GPU (±10%)', () => {
    const tflops = hardwareTflopsPerGpu(GPT3_175B, 1024, megatronJob(8, 16, 8, 1536));
    expect(tflops).toBeGreaterThan(140 * 0.9);
    expect(tflops).toBeLessThan(140 * 1.1);
  });

  it('the unfused attention of 2021 is slower than flash attention would have been, by its s × s HBM passes', () => {
    const unfused = hardwareTflopsPerGpu(GPT3_175B, 1024, megatronJob(8, 16, 8, 1536));
    const flash = hardwareTflopsPerGpu(GPT3_175B, 1024, { ...megatronJob(8, 16, 8, 1536), attentionKernel: 'flash' });
    expect(flash).toBeGreaterThan(unfused * 1.03);
  });

  it('1T parameters, 3072 GPUs, TP8 × PP64 × DP6, batch 3072: 163 TFLOP/s per GPU (±10%)', () => {
    const model: ModelSpec = {
      name: 'megatron-1t',
      layers: 128,
      hiddenSize: 25600,
      attentionHeads: 160,
      kvHeads: 160,
      ffnHidden: 4 * 25600,
      ffnKind: 'gelu',
      vocabularySize: 51200,
      sequenceLength: 2048,
      tiedEmbeddings: true,
    };
    const tflops = hardwareTflopsPerGpu(model, 3072, megatronJob(8, 64, 6, 3072));
    expect(tflops).toBeGreaterThan(163 * 0.9);
    expect(tflops).toBeLessThan(163 * 1.1);
  });
});
