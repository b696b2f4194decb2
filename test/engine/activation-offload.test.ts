/** Activation offloading to host memory (Megatron-Core's cpu_offloading_num_layers): memory, exposed copies and its limits. */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateOrIssues, GIGA, H100_SXM, searchParallelism, validateScenario, type GpuPackage, type Scenario } from '../../engine/index.js';
import { exposedOffloadSeconds } from '../../engine/offload.js';
import { measuredMemoryChanges } from '../../engine/memory-advice.js';
import { gpt3OnH100 } from './training-fixture.js';

// GPT-3 175B (96 layers) on one stage: TP 8 × DP 32, two sequences per microbatch, nothing recomputed.
const onOneStage = (offloadedActivationLayers?: number, gpu: Partial<GpuPackage> = {}): Scenario => {
  const s = gpt3OnH100({ pipelineParallel: 1, dataParallel: 32, microbatchSize: 2, offloadedActivationLayers });
  return { ...s, system: { ...s.system, gpu: { ...s.system.gpu, ...gpu } } };
};

describe('activation offloading', () => {
  const kept = evaluate(onOneStage());

  it("takes offloaded layers' activations out of HBM and into host memory", () => {
    const offloaded = evaluate(onOneStage(48));
    // One layer's activations for one microbatch, from two offload counts (the logits stay either way).
    const perLayer = offloaded.memory.activationsBytes - evaluate(onOneStage(49)).memory.activationsBytes;
    expect(perLayer).toBeGreaterThan(1e8);
    expect(kept.memory.activationsBytes - offloaded.memory.activationsBytes).toBeCloseTo(48 * perLayer, -3);
    expect(offloaded.memory.hostOffloadBytes).toBeCloseTo(48 * perLayer, -3);
    expect(kept.memory.hostOffloadBytes).toBe(0);
    expect(offloaded.memory.weightsBytes).toBe(kept.memory.weightsBytes);
  });

  it('costs no time when each copy is shorter than the layers until the next offload, so a fast host link changes only memory', () => {
    const fast = { hostLinkBandwidth: 1000 * GIGA };
    const offloaded = evaluate(onOneStage(48, fast));
    expect(offloaded.breakdownSeconds.activationOffload).toBe(0);
    expect(offloaded.stepSeconds).toBe(evaluate(onOneStage(undefined, fast)).stepSeconds);
  });

  it('shows the copy time PCIe Gen5 cannot hide behind one layer, and less of it with a faster link or fewer layers offloaded', () => {
    // 90 of 96 layers: each copy has one layer's compute to hide behind.
    const pcie = evaluate(onOneStage(90));
    expect(H100_SXM.hostLinkBandwidth).toBe(63 * GIGA);
    expect(pcie.breakdownSeconds.activationOffload).toBeGreaterThan(0);
    expect(pcie.stepSeconds - kept.stepSeconds).toBeCloseTo(pcie.breakdownSeconds.activationOffload, 9);
    expect(evaluate(onOneStage(90, { hostLinkBandwidth: 126 * GIGA })).breakdownSeconds.activationOffload).toBeLessThan(
      pcie.breakdownSeconds.activationOffload,
    );
    expect(evaluate(onOneStage(12)).breakdownSeconds.activationOffload).toBeLessThan(pcie.breakdownSeconds.activationOffload);
  });

  /** Exposed copy time of n of 80 dense layers, 4 GB each at 100 GB/s (40 ms), 10 ms forward and 20 ms backward per layer. */
  const exposedOf = (n: number, layers = 80) => {
    const s = onOneStage(n, { hostLinkBandwidth: 100 * GIGA });
    const timing = { moe: { forward: 0, backward: 0 }, dense: { forward: 0.01, backward: 0.02 } };
    const job = { ...s, model: { ...s.model, layers }, assumptions: { ...s.assumptions, hostCopyEfficiency: 1 } };
    return exposedOffloadSeconds(job, { moe: 0, dense: 4e9 }, timing);
  };

  it("plays TE's synchronizer: copies on one stream, each due before layer L − n + i (forward) or layer i (backward)", () => {
    // Forward: 40 copies of 40 ms leave after layers 0…39 and must be done by layers 40…79 (780 ms of
    // layers after the first): 1,600 − 780 = 820 ms show. Backward: reloads start at layers 78…39 and
    // must be done by layers 39…0: 1,600 − 78 × 20 = 40 ms show.
    expect(exposedOf(40)).toBeCloseTo(0.82 + 0.04, 12);
    // Copies that fit in the layers between them cost nothing.
    expect(exposedOf(10)).toBe(0);
  });

  it('grows smoothly with the layers offloaded, when they do not divide the model as when they do', () => {
    // Up to 70 of 80: beyond, each copy has only a layer or two to finish in and the waits add up fast.
    const copy = 0.04;
    for (let n = 1; n < 70; n++) {
      const step = exposedOf(n + 1) - exposedOf(n);
      // One more copy each way shows at most its own time, and never hides the others'.
      expect(step, `n = ${n}`).toBeGreaterThanOrEqual(-1e-12);
      expect(step, `n = ${n}`).toBeLessThanOrEqual(2 * copy + 1e-12);
    }
  });

  /** GPT-3's layers made MoE after the first 3 (8 experts of its FFN, top-2, one per TP group of the 32 DP ranks). */
  const mixed = (offloadedActivationLayers?: number, layers = 96): Scenario => {
    const s = onOneStage(offloadedActivationLayers);
    const moe = { experts: 8, activeExperts: 2, granularity: 1, sharedExperts: 0, moeLayerInterval: 1, firstDenseLayers: 3 };
    return { ...s, model: { ...s.model, layers, moe } };
  };

  it('offloads the leading dense layers first, each with its own activation bytes, when the model mixes dense and MoE layers', () => {
    const activations = (n?: number) => evaluate(mixed(n)).memory.activationsBytes;
    const dense = activations(0) - activations(1);
    const moe = activations(3) - activations(4);
    // A MoE layer keeps its router, its dispatched copies and two experts' activations: more than a dense FFN.
    expect(moe).toBeGreaterThan(1.05 * dense);
    expect(activations(2) - activations(3)).toBeCloseTo(dense, -3);
    expect(activations(4) - activations(5)).toBeCloseTo(moe, -3);
    expect(evaluate(mixed(4)).memory.hostOffloadBytes).toBeCloseTo(3 * dense + moe, -3);
  });

  it('times each copy of a mixed model with its own layer kind: 3 dense copies of 10 ms, then a MoE copy of 30 ms', () => {
    // Layers 0–2 dense (5 ms forward, 10 ms backward), 3–5 MoE (10 ms, 20 ms); 4 of 6 offloaded at 100 GB/s.
    // Forward: copies end at 15, 25, 35 and 65 ms; layers 2, 3 and 5 wait 5, 5 and 20 ms for copies 0, 1 and 3.
    // Backward: the MoE reload starts with layer 4's backward (20 ms) and is done at 50 ms, 10 ms after
    // layer 3 is due; the dense reloads keep up. Copies all of one size would give 10 ms, or 20 + 10 + 30 ms.
    const s = mixed(4, 6);
    const job = {
      ...s,
      system: { ...s.system, gpu: { ...s.system.gpu, hostLinkBandwidth: 100 * GIGA } },
      assumptions: { ...s.assumptions, hostCopyEfficiency: 1 },
    };
    const timing = { moe: { forward: 0.01, backward: 0.02 }, dense: { forward: 0.005, backward: 0.01 } };
    expect(exposedOffloadSeconds(job, { moe: 3e9, dense: 1e9 }, timing)).toBeCloseTo(0.03 + 0.01, 12);
  });

  it('refuses what Megatron-Core refuses, with the fix', () => {
    const messages = (s: Scenario) => validateScenario(s).filter((i) => i.field === 'training.offloadedActivationLayers');
    expect(messages(onOneStage(96))[0]).toMatchObject({ severity: 'error', code: 'offload-every-layer' });
    expect(messages(onOneStage(96))[0].message).toMatch(/leaves none of the model's 96 layers on the GPU.*offload at most 95/);
    const piped = gpt3OnH100({ offloadedActivationLayers: 4 });
    expect(messages(piped)[0]).toMatchObject({ code: 'offload-with-pipeline' });
    expect(messages(piped)[0].message).toMatch(/pipelineParallel = 8/);
    const recomputed = gpt3OnH100({ pipelineParallel: 1, dataParallel: 32, recompute: 'selective', offloadedActivationLayers: 4 });
    expect(messages(recomputed)[0]).toMatchObject({ code: 'offload-with-recompute' });
    const graphed = gpt3OnH100({ pipelineParallel: 1, dataParallel: 32, cudaGraphs: 'layers', offloadedActivationLayers: 4 });
    expect(messages(graphed)[0]).toMatchObject({ code: 'offload-with-cuda-graphs' });
    expect(messages(graphed)[0].message).toMatch(/use cudaGraphs = none or offloadedActivationLayers = 0$/);
    expect(messages(onOneStage(4, { hostLinkBandwidth: undefined }))[0].message).toMatch(/gpu 'h100-sxm' gives none: set its hostLinkBandwidth/);
    expect(evaluateOrIssues(onOneStage(4, { hostLinkBandwidth: undefined })).ok).toBe(false);
  });

  it("makes a job infeasible when the offloaded activations overflow the host's memory", () => {
    const tight = evaluate(onOneStage(48, { hostMemoryBytes: 5 * GIGA }));
    expect(tight.feasible).toBe(false);
    expect([tight.memory.fits, tight.memory.hostFits]).toEqual([false, false]);
    const issue = tight.issues.find((i) => i.code === 'offload-exceeds-host-memory');
    expect(issue?.message).toMatch(/need [\d.]+ GB of host memory per GPU but gpu 'h100-sxm' has 5\.0 GB/);
    expect(evaluate(onOneStage(48, { hostMemoryBytes: 2000 * GIGA })).issues.map((i) => i.code)).not.toContain('offload-exceeds-host-memory');
    // A 24-layer GPT-3 fits one stage's HBM: only the host's memory makes it infeasible.
    const base = onOneStage(12, { hostMemoryBytes: 1 * GIGA });
    const shallow = evaluate({ ...base, model: { ...base.model, layers: 24 } });
    expect([shallow.memory.fits, shallow.memory.hostFits, shallow.feasible]).toEqual([true, false, false]);
  });

  it('suggests, when an offloading job is over HBM, only changes that go with offloading, each measured', () => {
    // Megatron-Core offloads with one stage and no recompute: neither is offered to an offloading job.
    const offloading = measuredMemoryChanges(onOneStage(48)).map((change) => change.label);
    expect(
      offloading.some((label) => /recompute|pipelineParallel/.test(label)),
      offloading.join(', '),
    ).toBe(false);
    expect(offloading).toContain('microbatchSize = 1');
    // Deeper offloading is offered at the fewest layers that fit, or all allowed: 95 of 96 here.
    expect(offloading.filter((label) => label.startsWith('offloadedActivationLayers'))).toEqual(['offloadedActivationLayers = 95']);
    const over = evaluate(onOneStage(48)).issues.find((i) => i.code === 'memory-exceeds-hbm');
    expect(over?.message).toMatch(/; it fits with shardParameters = true \(23\.6 GB\)$/);
    // Without offloading, recompute is offered again.
    expect(measuredMemoryChanges(onOneStage()).map((change) => change.label)).toContain('recompute = full');
  });

  it('keeps the parallelism search to the splits Megatron-Core can offload with: one stage, no recompute', () => {
    // A 24-layer GPT-3 fits one stage; the search would otherwise also offer pipelines and recompute.
    const base = onOneStage(12);
    const outcome = searchParallelism({ ...base, model: { ...base.model, layers: 24 } }, { keep: 20 });
    expect(outcome.best.length).toBeGreaterThan(0);
    for (const candidate of outcome.best) expect([candidate.training.pipelineParallel, candidate.training.recompute]).toEqual([1, 'none']);
  });
});
