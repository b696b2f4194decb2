/**
 * Tensor-parallel communication overlap (Transformer Engine userbuffers, `tp_comm_overlap`): the TP
 * all-gathers and reduce-scatters pipelined with the GEMMs beside them show max(A − C, σ·A) of their
 * A seconds, as paired expert communication does (issue: validated predictor).
 */
import { describe, expect, it } from 'vitest';
import { evaluate, validateScenario, withAssumptions, type Scenario } from '../../engine/index.js';
import { layerCompute } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';
import { gpt3OnH100 } from './training-fixture.js';

const scenario = gpt3OnH100;
const tpSeconds = (s: Scenario) => {
  const b = evaluate(s).breakdownSeconds;
  return b.tensorParallel;
};

describe('tensor-parallel communication overlap', () => {
  it('shows communicationSmShare (0.15) of the TP collectives when the GEMMs are long enough to hide them', () => {
    const plain = tpSeconds(scenario());
    expect(plain).toBeGreaterThan(0);
    expect(tpSeconds(scenario({ tensorParallelCommOverlap: true })) / plain).toBeCloseTo(0.15, 6);
  });

  it('shows what the compute cannot hide: on a link 400× slower the TP time exceeds the compute and the excess shows', () => {
    const slow = scenario();
    const tiers = slow.system.tiers.map((tier, i) => (i === 0 ? { ...tier, bandwidthPerGpu: tier.bandwidthPerGpu / 400 } : tier));
    const s = { ...slow, system: { ...slow.system, tiers } };
    const plain = evaluate(s).breakdownSeconds;
    const overlapped = evaluate({ ...s, training: { ...s.training, tensorParallelCommOverlap: true } }).breakdownSeconds;
    expect(plain.tensorParallel).toBeGreaterThan(plain.compute);
    expect(overlapped.tensorParallel).toBeGreaterThan(0.15 * plain.tensorParallel);
    expect(overlapped.tensorParallel).toBeLessThan(plain.tensorParallel);
  });

  it('leaves the scalar tensorParallelOverlap in charge when the flag is off', () => {
    const half = tpSeconds(scenario({}, withAssumptions({ tensorParallelOverlap: 0.5 })));
    expect(half / tpSeconds(scenario())).toBeCloseTo(0.5, 6);
  });
});

describe('tensor-parallel communication overlap needs something to overlap', () => {
  it('hides the TP collectives only behind the TP-sharded GEMMs, not the whole microbatch', () => {
    const s = scenario({ tensorParallelCommOverlap: true });
    const gemms = layerCompute(s, degreesOf(s)).tensorParallelGemmSeconds.dense;
    const layer = layerCompute(s, degreesOf(s)).dense;
    expect(gemms).toBeGreaterThan(0);
    expect(gemms).toBeLessThan(layer.forwardSeconds + layer.backwardSeconds);
  });

  it('warns and changes nothing without sequence parallelism', () => {
    const s = scenario({ tensorParallelCommOverlap: true, sequenceParallel: false });
    const issue = validateScenario(s).find((i) => i.code === 'tp-overlap-without-sp');
    expect(issue?.severity).toBe('warning');
    expect(issue?.field).toBe('training.tensorParallelCommOverlap');
    expect(tpSeconds(s)).toBe(tpSeconds(scenario({ sequenceParallel: false })));
  });
});
