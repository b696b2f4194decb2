/**
 * GEMM efficiency by shape: tile and wave quantization on the GPU's SMs (issue: validated predictor).
 * Before it, every GEMM ran at peak × computeEfficiency whatever its size.
 */
import { describe, expect, it } from 'vitest';
import { dgxH100, evaluate, MIXTRAL_8X7B, withAssumptions, type ModelSpec, type Scenario, type TrainingSpec } from '../../engine/index.js';
import { gemmUtilization, tileUtilization } from '../../engine/gemm-tiles.js';
import { layerOperations, roofline } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';

const H100_SMS = 132;
const TILE = { rows: 128, columns: 256, depth: 64 };

describe('tile and wave quantization', () => {
  it('counts whole tiles and whole rounds of tile iterations over the SMs', () => {
    // One 128 × 256 × 64 tile iteration keeps one SM of 132 busy for one round.
    expect(tileUtilization({ m: 128, k: 64, n: 256, products: 1 }, H100_SMS, TILE)).toBeCloseTo(1 / 132, 12);
    // 132 iterations fill exactly one round.
    expect(tileUtilization({ m: 128, k: 64 * 132, n: 256, products: 1 }, H100_SMS, TILE)).toBeCloseTo(1, 12);
    // A 129-row output pads to two tile rows: 129/256 of the SM-time is useful.
    expect(tileUtilization({ m: 129, k: 64 * 132, n: 256, products: 2 }, H100_SMS, TILE)).toBeCloseTo(129 / 256, 12);
  });

  it('takes the best of the large tile, its transpose and its half width, and is 1 without an SM count', () => {
    const work = { m: 2880, k: 2880, n: 4096, products: 1 };
    const each = [TILE, { ...TILE, rows: 256, columns: 128 }, { ...TILE, columns: 128 }].map((t) => tileUtilization(work, H100_SMS, t));
    expect(gemmUtilization(work, H100_SMS, TILE)).toBe(Math.max(...each));
    expect(gemmUtilization(work, undefined, TILE)).toBe(1);
  });

  it('a 4096 × 1536 expert slice runs slower per FLOP than a 16k × 16k dense GEMM; a GEMM of few tiles and a short reduction far slower', () => {
    const dense = gemmUtilization({ m: 16_384, k: 16_384, n: 16_384, products: 1 }, H100_SMS, TILE);
    const expertSlice = gemmUtilization({ m: 4096, k: 7168, n: 1536, products: 1 }, H100_SMS, TILE);
    const tiny = gemmUtilization({ m: 128, k: 512, n: 768, products: 1 }, H100_SMS, TILE);
    expect(dense).toBeGreaterThan(0.99);
    expect(expertSlice).toBeLessThan(dense);
    // Best as 128 × 128 tiles: 1 × 6 tiles × 8 iterations = 48 of 132 SMs busy for one round.
    expect(tiny).toBeCloseTo(48 / 132, 12);
  });

  it('grouped expert GEMMs schedule their groups together, so many small experts fill the GPU better than one', () => {
    const one = gemmUtilization({ m: 256, k: 2048, n: 768, products: 1 }, H100_SMS, TILE);
    const grouped = gemmUtilization({ m: 256, k: 2048, n: 768, products: 16 }, H100_SMS, TILE);
    expect(grouped).toBeGreaterThan(one);
  });
});

describe('in the roofline', () => {
  // gpt-oss-120b's shape (hidden 2880, 128 experts of 2880, top-4) on one DGX H100.
  const model: ModelSpec = {
    ...MIXTRAL_8X7B,
    name: 'gpt-oss-like',
    layers: 4,
    hiddenSize: 2880,
    attentionHeads: 64,
    headDim: 64,
    ffnHidden: 2880,
    moe: { ...MIXTRAL_8X7B.moe!, experts: 128, activeExperts: 4 },
  };
  const training: TrainingSpec = {
    name: 'ep8',
    datatype: 'bf16',
    globalBatch: 64,
    trainingTokens: 1e12,
    tensorParallel: 1,
    pipelineParallel: 1,
    virtualStages: 1,
    dataParallel: 8,
    expertsPerDpRank: 16,
    expertTensorParallel: false,
    microbatchSize: 1,
    recompute: 'none',
    sequenceParallel: false,
    optimizer: 'adam',
    shardOptimizer: true,
  };
  const scenario = (streamingMultiprocessors: number | undefined): Scenario => {
    const system = dgxH100(8);
    // Absolutely balanced routing keeps each expert's tokens a whole number of tiles: only the hidden size pads.
    const assumptions = withAssumptions({ randomRoutingFluctuation: false });
    return { name: 'gpt-oss-like', system: { ...system, gpu: { ...system.gpu, streamingMultiprocessors } }, model, training, assumptions };
  };

  it('a hidden size of 2880 (not a multiple of the tile) pads its GEMMs: an MoE layer is slower than at the full rate, by the padded share', () => {
    const withSms = scenario(132);
    const without = scenario(undefined);
    const ops = layerOperations(withSms, degreesOf(withSms), true);
    const quantized = roofline(withSms, ops);
    const ideal = roofline(without, layerOperations(without, degreesOf(without), true));
    expect(quantized.flops).toBe(ideal.flops);
    const slower = quantized.forwardSeconds / ideal.forwardSeconds;
    // FC1's 2 × 2880 = 5760 columns tile evenly in 128-wide tiles; the 2880-wide outputs and reductions pad.
    expect(slower).toBeGreaterThan(1.005);
    // No GEMM is slower than its worst padding: 2880 in tiles of 256 is 12 × 256 = 3072.
    expect(slower).toBeLessThan(3072 / 2880);
  });

  it('the H100 preset carries its 132 SMs, and the step of a whole run slows with them', () => {
    expect(dgxH100(8).gpu.streamingMultiprocessors).toBe(132);
    expect(evaluate(scenario(132)).stepSeconds).toBeGreaterThan(evaluate(scenario(undefined)).stepSeconds);
  });
});
