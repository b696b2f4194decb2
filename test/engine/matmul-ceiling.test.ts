/**
 * GEMMs run at computeEfficiency of the GPU's measured matmul ceiling (MAMF), not of its datasheet
 * peak (issue: validated predictor). Generations differ: an H100 reaches 0.80 of its BF16 peak and
 * 0.71 of its FP8 peak in the best matmul, an A100 0.87; a GPU with no measurement keeps 0.7 of peak.
 */
import { describe, expect, it } from 'vitest';
import {
  A100_80GB,
  B200,
  GB200,
  GPT3_175B,
  H100_SXM,
  MI300X,
  PAPER_GPU_2028,
  evaluate,
  nvlinkCluster,
  validateScenario,
  withAssumptions,
  type Datatype,
  type GpuPackage,
  type Scenario,
} from '../../engine/index.js';
import { matmulCeiling, roofline, type Operation } from '../../engine/compute.js';
import { throttledScenario } from '../../engine/power-budget.js';
import { GIGA, TERA } from '../../engine/units.js';
import { TP8_PP8_TRAINING } from './training-fixture.js';

const training = TP8_PP8_TRAINING;
const on = (gpu: GpuPackage, datatype: Datatype = 'bf16'): Scenario => ({
  name: gpu.name,
  system: nvlinkCluster('pod', gpu, 256, 3.6 * TERA, 400 * GIGA),
  model: GPT3_175B,
  training: { ...training, datatype },
  assumptions: withAssumptions(),
});
/** A shapeless, math-bound operation: its forward time is FLOPs over the GEMM rate. */
const matmul: Operation = { name: 'matmul', flops: 1e15, bytes: 0, backward: 2, kernels: 0 };
const fractionOfPeak = (s: Scenario) => matmul.flops / roofline(s, [matmul]).forwardSeconds / s.system.gpu.peakFlops[s.training.datatype]!;

describe('matmul ceiling', () => {
  it("runs an H100's FP8 GEMM at 0.875 of its measured 1,402.6 TFLOP/s, and its BF16 GEMM at 0.875 of 794.5", () => {
    expect(roofline(on(H100_SXM, 'fp8'), [matmul]).forwardSeconds).toBeCloseTo(1e15 / (1402.6e12 * 0.875), 12);
    expect(roofline(on(H100_SXM), [matmul]).forwardSeconds).toBeCloseTo(1e15 / (794.5e12 * 0.875), 12);
  });

  it('keeps MFU on the datasheet peak (989 TFLOP/s), the published convention, while GEMMs run at the ceiling', () => {
    const r = evaluate(on(H100_SXM));
    expect(r.mfu).toBeCloseTo(r.modelFlopsPerStep / (r.stepSeconds * 256 * 989e12), 12);
  });

  it("keeps 0.7 of peak for a GPU with no measurement (the paper's 2028 GPU)", () => {
    expect(fractionOfPeak(on(PAPER_GPU_2028))).toBeCloseTo(0.7, 12);
  });

  it('orders the generations as measured: A100 > H100 > B200 > GB200 in BF16 fraction of peak, and FP8 below BF16 on an H100', () => {
    const [a100, h100, b200, gb200] = [A100_80GB, H100_SXM, B200, GB200].map((gpu) => fractionOfPeak(on(gpu)));
    expect(a100 - h100).toBeCloseTo(0.875 * (0.8692 - 0.8033), 3);
    expect(h100).toBeGreaterThan(b200);
    expect(b200).toBeGreaterThan(gb200);
    expect(fractionOfPeak(on(H100_SXM)) - fractionOfPeak(on(H100_SXM, 'fp8'))).toBeCloseTo(0.875 * (794.5 / 989 - 1402.6 / 1979), 3);
  });

  it('clocks the ceiling down with the peak under a package power budget, and follows a peak the user overrides', () => {
    const s = on(H100_SXM);
    expect(matmulCeiling(throttledScenario(s, 0.9), 'bf16')).toBeCloseTo(794.5e12 * 0.9, 0);
    const faster = on({ ...H100_SXM, peakFlops: { ...H100_SXM.peakFlops, bf16: 2 * 989 * TERA } });
    expect(matmulCeiling(faster, 'bf16')).toBeCloseTo(2 * 794.5e12, 0);
  });

  it("gives an unmeasured datatype the GPU's nearest measured fraction: an MI300X's FP8 that of its BF16 (0.51), a B200's FP4 that of its FP8 (0.76)", () => {
    expect(matmulCeiling(on(MI300X, 'fp8'), 'fp8') / MI300X.peakFlops.fp8!).toBeCloseTo(668.4 / 1307.4, 9);
    expect(matmulCeiling(on(B200, 'fp4'), 'fp4') / B200.peakFlops.fp4!).toBeCloseTo(3432.5 / 4500, 9);
  });

  it('refuses a fraction above 1, naming the datatype', () => {
    const s = on({ ...H100_SXM, achievableMatmulFraction: { bf16: 1.2 } });
    const issue = validateScenario(s).find((i) => i.field === 'system.gpu.achievableMatmulFraction.bf16');
    expect(issue?.message).toBe("'bf16' must be at most 1, got 1.2");
  });
});
