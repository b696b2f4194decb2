/**
 * The host issues every kernel an eager training step runs (issue: validated predictor): a layer takes
 * the longer of its GPU time and its kernel launches × hostSecondsPerKernel, each local expert's GEMMs
 * are launched one by one, and what a CUDA graph captures costs no host time.
 */
import { describe, expect, it } from 'vitest';
import {
  dgxH100,
  evaluate,
  GB200,
  GB300,
  MIXTRAL_8X7B,
  validateScenario,
  withAssumptions,
  type CudaGraphScope,
  type Scenario,
  type TrainingSpec,
} from '../../engine/index.js';
import { dispatchSyncs, layerCompute, layerOperations } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';

const training: TrainingSpec = {
  name: 'mixtral-ep8',
  datatype: 'bf16',
  globalBatch: 256,
  trainingTokens: 1e12,
  tensorParallel: 1,
  pipelineParallel: 1,
  virtualStages: 1,
  dataParallel: 64,
  expertsPerDpRank: 1,
  expertTensorParallel: false,
  microbatchSize: 1,
  recompute: 'none',
  sequenceParallel: false,
  optimizer: 'adam',
  shardOptimizer: true,
};
const scenario = (hostSecondsPerKernel: number, cudaGraphs: CudaGraphScope = 'none', t: Partial<TrainingSpec> = {}): Scenario => ({
  name: 'mixtral',
  system: dgxH100(64),
  model: MIXTRAL_8X7B,
  training: { ...training, cudaGraphs, ...t },
  assumptions: withAssumptions({ hostSecondsPerKernel }),
});
const moeLayer = (s: Scenario) => layerCompute(s, degreesOf(s)).moe;
/** Kernels the host issues for one MoE layer's forward, counted from the operations. */
const launches = (s: Scenario, captured: (scope: string | undefined) => boolean = () => false) =>
  layerOperations(s, degreesOf(s), true)
    .filter((op) => !captured(op.graphScope))
    .reduce((n, op) => n + (op.launches ?? op.kernels), 0);
/**
 * Host seconds of one Mixtral layer's forward at EP 8 in BF16 with a host of `h` seconds a launch: 23
 * bare launches (attention core, 5 + 5 elementwise, the torch router, 4 routing and 7 dispatcher
 * kernels), QKV and output projection as TE modules (2.7 each), and FC1 and FC2 as TE grouped layers
 * (2.7 each) of one local expert (33 µs each).
 */
const mixtralHostSeconds = (h: number) => 23 * h + 4 * 2.7 * h + 2 * 33e-6;

describe('host-bound layers', () => {
  it("with a slow host a layer takes its host's time to issue it, the backward twice that", () => {
    const layer = moeLayer(scenario(1e-3));
    expect(layer.forwardSeconds).toBeCloseTo(mixtralHostSeconds(1e-3), 9);
    expect(layer.backwardSeconds).toBeCloseTo(2 * mixtralHostSeconds(1e-3), 9);
  });

  it("a package's own host (a GB200's Grace, 37.08 µs per launch) replaces the assumption", () => {
    const s = scenario(1e-9);
    const grace = { ...s, system: { ...s.system, gpu: { ...s.system.gpu, hostSecondsPerKernel: 1e-3 } } };
    expect(moeLayer(grace).forwardSeconds).toBeCloseTo(mixtralHostSeconds(1e-3), 9);
    expect(GB200.hostSecondsPerKernel).toBe(37.08e-6);
    expect(GB300.hostSecondsPerKernel).toBe(37.08e-6);
  });

  it("costs the host 2.7 bare launches per Transformer Engine GEMM module, a torch router's 1: 4 of a Mixtral layer's 27 launches", () => {
    const s = scenario(1e-3);
    expect(s.assumptions.hostLaunchesPerGemm).toBe(2.7);
    const bare = { ...s, assumptions: { ...s.assumptions, hostLaunchesPerGemm: 1 } };
    // QKV, projection, FC1 and FC2: 4 TE modules; the router is a torch GEMM.
    expect(moeLayer(s).forwardSeconds - moeLayer(bare).forwardSeconds).toBeCloseTo(4 * 1.7 * 1e-3, 9);
  });

  it('a grouped expert layer costs one module call and 33 µs of C++ per local expert, whatever the host', () => {
    expect(withAssumptions().hostSecondsPerExpertGemm).toBe(33e-6);
    for (const host of [1e-3, 1e-2]) {
      const one = moeLayer(scenario(host)).forwardSeconds;
      const two = moeLayer(scenario(host, 'none', { expertsPerDpRank: 2 })).forwardSeconds;
      // One more local expert in FC1 and in FC2.
      expect(two - one).toBeCloseTo(2 * 33e-6, 9);
    }
  });

  it('with a fast host the GPU time stands', () => {
    expect(moeLayer(scenario(0)).forwardSeconds).toBe(moeLayer(scenario(1e-9)).forwardSeconds);
  });

  it('counts 27 forward launches in a Mixtral layer at EP 8 in BF16: QKV, attention, projection, 5 + 5 elementwise, router, 2 expert GEMMs (FC1, FC2), 4 routing and 7 dispatcher kernels', () => {
    expect(launches(scenario(1e-3))).toBe(3 + 5 + 5 + 1 + 2 + 4 + 7);
  });

  it("casts FP8 inputs in the kernels of the scaling recipe: delayed (FP8's default) all experts at once, per block one per expert, per tensor four per expert from one host call", () => {
    const casts = (lowPrecisionScaling?: TrainingSpec['lowPrecisionScaling']) => {
      const s = scenario(1e-3, 'none', { datatype: 'fp8', expertsPerDpRank: 2, lowPrecisionScaling });
      const cast = layerOperations(s, degreesOf(s), true).find((op) => op.name === 'low-precision casts')!;
      return { launches: cast.launches, kernels: cast.kernels };
    };
    // Two local experts, FC1 and FC2 each: 4 expert inputs to cast, in one fused kernel per FC when delayed.
    expect(casts()).toEqual({ launches: 2, kernels: 2 });
    expect(casts('delayed')).toEqual({ launches: 2, kernels: 2 });
    expect(casts('perBlock')).toEqual({ launches: 4, kernels: 4 });
    expect(casts('perTensor')).toEqual({ launches: 4, kernels: 16 });
    const s = scenario(1e-3, 'none', { datatype: 'fp8' });
    expect(layerOperations(s, degreesOf(s), true).find((op) => op.name === 'attention low-precision casts')!.graphScope).toBe('attention');
  });

  it("launches each local expert's two GEMMs (FC1, FC2) one by one: one expert per GPU at EP 8, two at EP 4", () => {
    const experts = (s: Scenario) =>
      layerOperations(s, degreesOf(s), true)
        .filter((op) => op.name.startsWith('routed experts'))
        .reduce((n, op) => n + op.launches!, 0);
    expect(experts(scenario(1e-3))).toBe(2);
    expect(experts(scenario(1e-3, 'none', { expertsPerDpRank: 2 }))).toBe(4);
  });

  it('CUDA graphs take the captured kernels off the host: router, then attention, then everything', () => {
    const times = (['none', 'router', 'attention-and-router', 'layers'] as const).map((g) => moeLayer(scenario(1e-2, g)).forwardSeconds);
    expect(times[0]).toBeGreaterThan(times[1]);
    expect(times[1]).toBeGreaterThan(times[2]);
    expect(times[2]).toBeGreaterThan(times[3]);
    // The router graph captures the torch router GEMM and its 4 routing kernels.
    expect(times[1]).toBeCloseTo(mixtralHostSeconds(1e-2) - 5 * 1e-2, 9);
    expect(times[3]).toBe(moeLayer(scenario(0)).forwardSeconds);
  });

  it("reports the GPU's wait for its host as its own breakdown term, out of compute, and warns when it is a tenth of the step", () => {
    const slow = evaluate(scenario(1e-3));
    const graphed = evaluate(scenario(1e-3, 'layers'));
    // Whole-layer graphs leave the GPU's own work: what the eager step adds is all host wait.
    expect(graphed.breakdownSeconds.host).toBe(0);
    expect(slow.breakdownSeconds.host).toBeGreaterThan(0.1 * slow.stepSeconds);
    expect(slow.breakdownSeconds.compute).toBeCloseTo(graphed.breakdownSeconds.compute, 9);
    const sum = Object.values(slow.breakdownSeconds).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(slow.stepSeconds, 9);
    const warning = slow.issues.find((issue) => issue.code === 'host-bound');
    expect(warning?.message).toMatch(
      /^the GPUs wait \d+% of the step \([\d.]+ s\) for their host, which issues the layers' kernels slower than they run \(1000 µs per launch\), and each MoE layer's dispatch waits for it to catch up \(dispatchHostSync\); CUDA graphs over whole layers \(cudaGraphs = wholeLayers with a capacityFactor or expertRankCapacity\), a larger microbatchSize or another microbatch to run while the host waits \(expertOverlap = pairedMicrobatches\) would hide it$/,
    );
    expect(graphed.issues.some((issue) => issue.code === 'host-bound')).toBe(false);
    // Mixtral's dropless layers cannot be captured whole: the graphed run is told so, and is graphable with a capacity factor.
    expect(graphed.issues.map((issue) => issue.code)).toContain('graphs-need-static-shapes');
    expect(evaluate(scenario(1e-3, 'layers', { capacityFactor: 1 })).issues.map((issue) => issue.code)).not.toContain('graphs-need-static-shapes');
    expect(evaluate(scenario(1e-9)).issues.some((issue) => issue.code === 'host-bound')).toBe(false);
  });

  it("takes HybridEP's fixed per-rank buffers (expertRankCapacity) as static shapes: graphable, no dispatch sync, the busiest rank capped", () => {
    const hybridEp = (t: Partial<TrainingSpec> = {}) => scenario(1e-4, 'none', { expertDispatch: 'hierarchical', ...t });
    const codes = (s: Scenario) => evaluate(s).issues.map((issue) => issue.code);
    expect(codes(hybridEp({ cudaGraphs: 'layers', expertRankCapacity: 1.5 }))).not.toContain('graphs-need-static-shapes');
    expect(codes(hybridEp({ cudaGraphs: 'layers' }))).toContain('graphs-need-static-shapes');
    // The budget lifts the dispatcher's host sync; the GPU's own work is the same.
    const budgeted = evaluate(hybridEp({ expertRankCapacity: 1.5 }));
    expect([dispatchSyncs(hybridEp()), dispatchSyncs(hybridEp({ expertRankCapacity: 1.5 }))]).toEqual([true, false]);
    expect(budgeted.breakdownSeconds.compute).toBeCloseTo(evaluate(hybridEp()).breakdownSeconds.compute, 9);
    // A budget below the busiest rank's load drops its tokens: capped at the budget, and said.
    const skewed = (t: Partial<TrainingSpec>) => ({ ...hybridEp(t), assumptions: withAssumptions({ hostSecondsPerKernel: 1e-4, expertLoadImbalance: 1.3 }) });
    const tight = skewed({ expertRankCapacity: 1.1 });
    expect(evaluate(tight).issues.find((issue) => issue.code === 'tokens-dropped')?.message).toBe(
      "expertRankCapacity = 1.1 is below the busiest rank's load (expertLoadImbalance = 1.3): about 15% of its tokens are dropped",
    );
    expect(evaluate(tight).breakdownSeconds.expertAllToAll).toBeLessThan(evaluate(skewed({ expertRankCapacity: 1.5 })).breakdownSeconds.expertAllToAll);
    // HybridEP's option only, and not beside a capacity factor.
    const refused = (s: Scenario) =>
      validateScenario(s)
        .filter((issue) => issue.severity === 'error')
        .map((issue) => issue.code);
    expect(refused(scenario(1e-4, 'none', { expertRankCapacity: 1.5 }))).toEqual(['rank-capacity-needs-hybridep']);
    expect(refused(hybridEp({ expertRankCapacity: 1.5, capacityFactor: 1.25 }))).toEqual(['two-expert-capacities']);
  });
});
