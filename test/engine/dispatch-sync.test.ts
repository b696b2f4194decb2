/**
 * A dropless MoE dispatcher copies the per-expert token counts to the host and waits for them, so the
 * host cannot run ahead across it: each side of the sync takes the longer of its host and GPU time.
 */
import { describe, expect, it } from 'vitest';
import { withAssumptions, type Scenario, type TrainingSpec } from '../../engine/index.js';
import { hostSecondsPerKernel, roofline, type Operation } from '../../engine/compute.js';
import { gpt3OnH100 } from './training-fixture.js';

const scenario = (t: Partial<TrainingSpec> = {}, dispatchHostSync = true): Scenario => gpt3OnH100(t, withAssumptions({ dispatchHostSync }));
// Before the sync, one long memory-bound kernel (the GPU is the bottleneck); after it, many short ones (the host is).
const attention: Operation = { name: 'attention', flops: 0, bytes: 8e9, backward: 2, kernels: 1 };
const experts: Operation = { name: 'experts', flops: 0, bytes: 1e6, backward: 2, kernels: 200, afterDispatch: true };

describe('the dispatcher host sync', () => {
  const s = scenario();
  const gpu = (op: Operation) => {
    const r = roofline(s, [op]);
    return r.forwardSeconds - r.forwardHostWaitSeconds;
  };
  const host = (op: Operation) => op.kernels * hostSecondsPerKernel(s);

  it("makes the host-bound side wait its full host time, which the GPU-bound side's slack no longer hides", () => {
    expect(host(experts)).toBeGreaterThan(gpu(experts));
    expect(gpu(attention)).toBeGreaterThan(host(attention) + host(experts));
    const synced = roofline(s, [attention, experts]);
    expect(synced.forwardHostWaitSeconds).toBeCloseTo(host(experts) - gpu(experts), 9);
    // Without the sync the attention's slack hides the experts' launches entirely.
    expect(roofline(scenario({}, false), [attention, experts]).forwardHostWaitSeconds).toBe(0);
    expect(synced.forwardSeconds).toBeCloseTo(gpu(attention) + host(experts), 9);
  });

  it('is absent with a capacity (static shapes), with paired microbatches, or when the assumption is off', () => {
    for (const other of [scenario({ capacityFactor: 1.25 }), scenario({ expertOverlap: 'paired-microbatches' })]) {
      expect(roofline(other, [attention, experts]).forwardHostWaitSeconds).toBe(0);
    }
  });

  it('leaves the backward, which reuses the counts, to run ahead', () => {
    expect(roofline(s, [attention, experts]).backwardHostWaitSeconds).toBe(0);
  });
});
