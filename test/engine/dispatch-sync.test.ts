/**
 * A dropless MoE dispatcher copies the per-expert token counts to the host and waits for them, so the
 * GPU's queue empties once a layer: from one sync to the next the host issues the experts' side and
 * then the next layer's attention side, and the GPU runs each kernel no sooner than it is issued.
 */
import { describe, expect, it } from 'vitest';
import { dgxH100, MIXTRAL_8X7B, withAssumptions, type Scenario, type TrainingSpec } from '../../engine/index.js';
import { hostSecondsPerKernel, layerOperations, roofline, type Operation } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';
import { gpt3OnH100 } from './training-fixture.js';

const dense = gpt3OnH100();
const moe = (t: Partial<TrainingSpec> = {}, dispatchHostSync = true): Scenario => ({
  ...dense,
  name: 'mixtral',
  system: dgxH100(64),
  model: MIXTRAL_8X7B,
  training: { ...dense.training, tensorParallel: 1, pipelineParallel: 1, dataParallel: 64, expertsPerDpRank: 1, sequenceParallel: false, ...t },
  assumptions: withAssumptions({ dispatchHostSync }),
});
const s = moe();
/** A memory-bound stretch of `bytes` in `kernels` launches, before or after the dispatch. */
const stretch = (bytes: number, kernels: number, afterDispatch: boolean): Operation => ({
  name: afterDispatch ? 'experts' : 'attention',
  flops: 0,
  bytes,
  backward: 2,
  kernels,
  ...(afterDispatch && { afterDispatch: true as const }),
});
const gpu = (op: Operation) => {
  const r = roofline(s, [op]);
  return r.forwardSeconds - r.forwardHostWaitSeconds;
};
const host = (op: Operation) => op.kernels * hostSecondsPerKernel(s);

describe('the dispatcher host sync', () => {
  it("makes host-bound experts wait their whole host time, which the attention's slack no longer hides", () => {
    const attention = stretch(8e9, 1, false);
    const experts = stretch(1e6, 200, true);
    expect(host(experts)).toBeGreaterThan(gpu(experts));
    expect(gpu(attention)).toBeGreaterThan(host(attention) + host(experts));
    const synced = roofline(s, [attention, experts]);
    expect(synced.forwardHostWaitSeconds).toBeCloseTo(host(experts) - gpu(experts), 9);
    expect(synced.forwardSeconds).toBeCloseTo(gpu(attention) + host(experts), 9);
    expect(roofline(moe({}, false), [attention, experts]).forwardHostWaitSeconds).toBe(0);
  });

  it('lets a host-bound attention side be issued while the GPU runs the experts before it', () => {
    const attention = stretch(1e6, 100, false);
    const experts = stretch(8e9, 1, true);
    // The experts' GPU time covers the next attention's launches: nothing waits.
    expect(gpu(experts)).toBeGreaterThan(host(attention) + host(experts));
    expect(roofline(s, [attention, experts]).forwardHostWaitSeconds).toBeCloseTo(0, 12);
  });

  it('is absent with a capacity (static shapes) or with paired microbatches, and leaves the backward alone', () => {
    const ops = [stretch(8e9, 1, false), stretch(1e6, 200, true)];
    for (const other of [moe({ capacityFactor: 1.25 }), moe({ expertOverlap: 'paired-microbatches' })]) {
      expect(roofline(other, ops).forwardHostWaitSeconds).toBe(0);
    }
    expect(roofline(s, ops).backwardSeconds).toBe(roofline(moe({}, false), ops).backwardSeconds);
  });

  it('splits a real MoE layer after its router: experts, permutation, shared experts and their casts follow the sync', () => {
    const fp8 = moe({ datatype: 'fp8' });
    const ops = layerOperations(fp8, degreesOf(fp8), true);
    const after = ops.filter((op) => op.afterDispatch).map((op) => op.name);
    expect(after).toEqual(['ffn elementwise', 'routed experts fc1', 'routed experts fc2', 'token permutation', 'low-precision casts']);
    expect(ops.find((op) => op.name === 'router')?.afterDispatch).toBeUndefined();
    expect(ops.find((op) => op.name === 'routing')?.afterDispatch).toBeUndefined();
  });
});
