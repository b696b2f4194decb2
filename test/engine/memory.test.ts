/** Memory per GPU: which stage is fullest, and what it holds. */
import { describe, expect, it } from 'vitest';
import { evaluate, paperScenario, withAssumptions, type Scenario } from '../../engine/index.js';

const withVocabulary = (s: Scenario, vocabularySize: number): Scenario => ({ ...s, model: { ...s.model, vocabularySize } });
const withStages = (s: Scenario, pipelineParallel: number, virtualStages: number, dataParallel: number): Scenario => ({
  ...s,
  training: { ...s.training, pipelineParallel, virtualStages, dataParallel },
});

describe('memory per GPU', () => {
  const base = paperScenario('passage512', 1);

  it('counts the LM-head logits once, on the last stage, not per microbatch in flight', () => {
    // With PP 8 the first stage's 8 stashed microbatches outweigh the last stage's one plus logits,
    // so a 5× larger vocabulary leaves the activations unchanged.
    const small = evaluate(withVocabulary(base, 50_257)).memory.activationsBytes;
    const large = evaluate(withVocabulary(base, 256_000)).memory.activationsBytes;
    expect(large).toBe(small);
    // With PP 1 there is one stage: one microbatch's layers plus its logits (8192 × 256k × 4 B / TP 16).
    const single = evaluate(withStages(withVocabulary(base, 256_000), 1, 1, 2048)).memory.activationsBytes;
    const singleSmall = evaluate(withStages(withVocabulary(base, 50_257), 1, 1, 2048)).memory.activationsBytes;
    expect(single - singleSmall).toBeCloseTo((8192 * (256_000 - 50_257) * 4) / 16, -3);
  });

  it('the interleaved schedule stashes more on the first stage than plain 1F1B', () => {
    const plain = evaluate(withStages(base, 8, 1, 256)).memory.activationsBytes;
    const interleaved = evaluate(withStages(base, 8, 3, 256)).memory.activationsBytes;
    // 2(p − 1) + (v − 1)p + 1 = 31 chunks of 1/3 stage against 8 whole stages.
    expect(interleaved / plain).toBeCloseTo(31 / 3 / 8, 6);
  });

  it('adds weights, gradients, optimizer state and activations', () => {
    const m = evaluate(base).memory;
    expect(m.totalBytes).toBeCloseTo(m.weightsBytes + m.gradientsBytes + m.optimizerBytes + m.activationsBytes, 0);
    expect(m.gradientsBytes / m.weightsBytes).toBeCloseTo(2, 12); // FP32 gradients of BF16 weights
    expect(m.fits).toBe(true);
  });

  it('keeps BF16 gradient buffers at half the FP32 bytes, in memory and on the data-parallel wire', () => {
    const fp32 = evaluate(base);
    const bf16 = evaluate({ ...base, training: { ...base.training, gradientDatatype: 'bf16' } });
    expect(bf16.memory.gradientsBytes).toBeCloseTo(fp32.memory.gradientsBytes / 2, 0);
    expect(bf16.memory.weightsBytes).toBe(fp32.memory.weightsBytes);
    // Unhidden, the sharded optimizer's reduce-scatter of gradients and all-gather of BF16 weights move 4 + 2 bytes, then 2 + 2.
    const exposed = (gradientDatatype?: 'bf16') =>
      evaluate({ ...base, training: { ...base.training, gradientDatatype, gradientSyncOverlap: false } }).breakdownSeconds.dataParallel;
    expect(base.training.shardOptimizer).toBe(true);
    expect(exposed() / exposed('bf16')).toBeCloseTo(6 / 4, 6);
  });

  it('below 16 bits keeps the GEMM inputs as the FP8 copies the forward cast (Transformer Engine, DeepSeek-V3 §3.3.1): one byte less per element', () => {
    // One stage (PP 1), Config 1: MoE layers of 1 expert of 4h, MHA, SP on, TP 16, no recompute.
    const oneStage = withStages(base, 1, 1, 2048);
    const fp8 = (cache: boolean): Scenario => ({
      ...oneStage,
      training: { ...oneStage.training, datatype: 'fp8' },
      assumptions: withAssumptions({ lowPrecisionActivationCache: cache }),
    });
    const bf16 = evaluate(oneStage).memory.activationsBytes;
    expect(evaluate(fp8(false)).memory.activationsBytes).toBe(bf16);
    const { hiddenSize: h, layers, moe, sequenceLength } = oneStage.model;
    const fe = (4 * h) / moe!.granularity;
    // Per token and layer: the QKV and output-projection inputs (2h) and, per active expert, its input (h) and the down projection's input (fe).
    const perTokenLayer = (2 * h + moe!.activeExperts * (h + fe)) / oneStage.training.tensorParallel;
    expect(bf16 - evaluate(fp8(true)).memory.activationsBytes).toBeCloseTo(sequenceLength * layers * perTokenLayer, -3);
  });
});
