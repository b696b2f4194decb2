/** What selective recompute re-runs (Megatron's recompute_modules), dropout masks, and FP8-cached activation-function inputs. */
import { describe, expect, it } from 'vitest';
import { evaluate, paperScenario, type RecomputeModules, type Scenario, type TrainingSpec } from '../../engine/index.js';

// The paper's Config 1 on one stage (PP 1): 120 MoE layers of one 4h expert (GeLU), MHA, SP over TP 16, BF16, flash attention.
const paper = paperScenario('passage512', 1);
const base: Scenario = { ...paper, training: { ...paper.training, pipelineParallel: 1, virtualStages: 1, dataParallel: 2048 } };
const job = (t: Partial<TrainingSpec>, dropout?: number): Scenario => ({ ...base, model: { ...base.model, dropout }, training: { ...base.training, ...t } });
const selective = (recomputeModules?: RecomputeModules, dropout?: number) => evaluate(job({ recompute: 'selective', recomputeModules }, dropout));
const activations = (s: Scenario) => evaluate(s).memory.activationsBytes;

describe('selective recompute modules', () => {
  const { hiddenSize: h, layers, sequenceLength } = base.model;
  const tp = base.training.tensorParallel;
  /** Bytes one token keeps per layer, over every layer of the one stage. */
  const perTokenLayer = (bytes: number) => (sequenceLength * layers * bytes) / tp;

  it('by default re-runs the activation function with flash attention, as before', () => {
    expect(selective().stepSeconds).toBe(selective({ activationFunction: true, attentionCore: true, mlaUpProjections: true }).stepSeconds);
    expect(selective().memory.activationsBytes).toBeLessThan(evaluate(job({ recompute: 'none' })).memory.activationsBytes);
  });

  it('re-running nothing keeps what no recompute keeps, in the same time', () => {
    const nothing = selective({ norms: false, activationFunction: false, attentionCore: false, mlaUpProjections: false });
    const none = evaluate(job({ recompute: 'none' }));
    expect(nothing.memory.activationsBytes).toBe(none.memory.activationsBytes);
    expect(nothing.stepSeconds).toBeCloseTo(none.stepSeconds, 12);
  });

  it('re-running the norms drops their outputs, the QKV and FFN inputs (2 × h × 2 B a token), and costs their passes again', () => {
    const withNorms = selective({ norms: true });
    expect(selective().memory.activationsBytes - withNorms.memory.activationsBytes).toBeCloseTo(perTokenLayer(2 * h * 2), -3);
    expect(withNorms.breakdownSeconds.compute).toBeGreaterThan(selective().breakdownSeconds.compute);
  });

  it('keeps no dropout masks without dropout (a byte per element after attention and after the FFN)', () => {
    expect(activations(job({}, 0.1))).toBe(activations(job({})));
    expect(activations(job({})) - activations(job({}, 0))).toBeCloseTo(perTokenLayer(2 * h), -3);
  });

  it('with an unfused kernel and no dropout keeps only the softmax output of the scores: a·s·2 B a token, not 5·a·s', () => {
    const unfused = (dropout?: number) =>
      activations(job({ attentionKernel: 'unfused' }, dropout)) -
      activations(job({ attentionKernel: 'unfused', recompute: 'selective', recomputeModules: { activationFunction: false } }, dropout));
    const a = base.model.attentionHeads;
    expect(unfused()).toBeCloseTo(perTokenLayer(5 * a * sequenceLength), -3);
    expect(unfused(0)).toBeCloseTo(perTokenLayer(2 * a * sequenceLength), -3);
  });

  it('caches the activation function inputs in FP8 at one byte instead of two (DeepSeek-V3 §3.3.2)', () => {
    const fe = (4 * h) / base.model.moe!.granularity;
    const inputs = base.model.ffnKind === 'swiglu' ? 2 : 1;
    const copies = base.model.moe!.activeExperts;
    const saved = activations(job({})) - activations(job({ activationFunctionInputDatatype: 'fp8' }));
    expect(saved).toBeCloseTo(perTokenLayer(copies * inputs * fe * 1), -3);
  });
});
