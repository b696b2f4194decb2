/**
 * Activation memory per layer against Korthikanti et al. 2022 ("Reducing Activation Recomputation
 * in Large Transformer Models", Table 2), in bytes for 16-bit activations with 1-byte dropout masks:
 * s·b·h·(34 + 5as/h) without parallelism, (10 + 24/t + 5as/(ht)) with tensor parallelism,
 * (34/t + 5as/(ht)) with sequence parallelism, 34/t with selective recompute as well, and 2/t for
 * full recompute (the layer input only).
 */
import { describe, expect, it } from 'vitest';
import { dgxH100, GPT3_175B, withAssumptions, type Scenario, type TrainingSpec } from '../../engine/index.js';
import { memoryFootprint } from '../../engine/memory.js';
import { layerCompute, layerOperations, roofline } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';

// GPT-3 175B: s = 2048, h = 12288, a = 96, GeLU FFN of 4h, multi-head attention; one microbatch of b = 1.
const t = 8;
const job: TrainingSpec = {
  name: 'korthikanti',
  datatype: 'bf16',
  globalBatch: 1,
  trainingTokens: 1e12,
  tensorParallel: t,
  pipelineParallel: 1,
  virtualStages: 1,
  dataParallel: 1,
  expertsPerDpRank: 1,
  expertTensorParallel: false,
  microbatchSize: 1,
  recompute: 'none',
  sequenceParallel: false,
  optimizer: 'adam',
  shardOptimizer: false,
  attentionKernel: 'unfused',
};

/** Activation bytes of one layer: the difference between a 2-layer and a 1-layer model (the logits cancel). */
function perLayer(training: Partial<TrainingSpec>): number {
  const at = (layers: number) => {
    const s: Scenario = { name: 'k', system: dgxH100(8), model: { ...GPT3_175B, layers }, training: { ...job, ...training }, assumptions: withAssumptions() };
    return memoryFootprint(s, degreesOf(s)).activationsBytes;
  };
  return at(2) - at(1);
}

const { sequenceLength: s, hiddenSize: h, attentionHeads: a } = GPT3_175B;
const sbh = s * h;
const scores = (5 * a * s) / (h * t);

describe('activation memory per layer (Korthikanti et al. 2022, Table 2)', () => {
  it('tensor parallelism: sbh(10 + 24/t + 5as/(ht))', () => {
    expect(perLayer({})).toBeCloseTo(sbh * (10 + 24 / t + scores), -3);
  });
  it('tensor and sequence parallelism: sbh(34/t + 5as/(ht))', () => {
    expect(perLayer({ sequenceParallel: true })).toBeCloseTo(sbh * (34 / t + scores), -3);
  });
  it('sequence parallelism and selective recompute: sbh(34/t)', () => {
    expect(perLayer({ sequenceParallel: true, recompute: 'selective' })).toBeCloseTo(sbh * (34 / t), -3);
  });
  it('full recompute keeps the layer input only: 2sbh/t with sequence parallelism', () => {
    expect(perLayer({ sequenceParallel: true, recompute: 'full' })).toBeCloseTo((2 * sbh) / t, -3);
  });

  it("selective recompute's time re-runs what its memory drops: the unfused attention core and scores, not the activation function", () => {
    const scenario = (attentionKernel: 'unfused' | 'flash'): Scenario => ({
      name: 'k',
      system: dgxH100(8),
      model: GPT3_175B,
      training: { ...job, sequenceParallel: true, recompute: 'selective', attentionKernel },
      assumptions: withAssumptions(),
    });
    const unfused = scenario('unfused');
    const d = degreesOf(unfused);
    const core = layerOperations(unfused, d, false).filter((o) => o.name === 'attention core' || o.name === 'attention scores in HBM');
    expect(core).toHaveLength(2);
    expect(layerCompute(unfused, d).denseRecompute).toBeCloseTo(roofline(unfused, core).forwardSeconds, 12);
    // With flash attention the core is not re-run (its backward already does), the GeLU is: a memory-bound pass.
    const flash = scenario('flash');
    const recompute = layerCompute(flash, degreesOf(flash)).denseRecompute;
    expect(recompute).toBeGreaterThan(0);
    expect(recompute).toBeLessThan(roofline(unfused, core).forwardSeconds);
  });
});
