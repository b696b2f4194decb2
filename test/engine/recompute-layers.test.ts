/** Full recompute of some layers of each chunk (Megatron's recompute_method = block, recompute_num_layers). */
import { describe, expect, it } from 'vitest';
import { evaluate, paperScenario, type Recompute, type Scenario } from '../../engine/index.js';

// The paper's Passage Config 1: 120 layers on PP 8, 15 layers per pipeline chunk.
const base = paperScenario('passage512', 1);
const job = (recompute: Recompute, recomputeLayers?: number): Scenario => ({ ...base, training: { ...base.training, recompute, recomputeLayers } });

describe('recomputeLayers', () => {
  const none = evaluate(job('none'));
  const full = evaluate(job('full'));
  const five = evaluate(job('full', 5));

  it('re-runs the forward of 5 of the 15 layers of a chunk: a third of full recompute, in compute and in TP collectives', () => {
    expect(base.model.layers / base.training.pipelineParallel).toBe(15);
    const share = (key: 'compute' | 'tensorParallel') =>
      (five.breakdownSeconds[key] - none.breakdownSeconds[key]) / (full.breakdownSeconds[key] - none.breakdownSeconds[key]);
    expect(full.breakdownSeconds.compute).toBeGreaterThan(none.breakdownSeconds.compute);
    expect(share('compute')).toBeCloseTo(1 / 3, 9);
    expect(full.breakdownSeconds.tensorParallel).toBeGreaterThan(none.breakdownSeconds.tensorParallel);
    expect(share('tensorParallel')).toBeCloseTo(1 / 3, 9);
  });

  it('takes each rank its own chunks: with 3-layer end stages and 19-layer middle ones, 17 layers are 17/19 of a middle rank, in compute and TP alike', () => {
    const uneven = (recompute: Recompute, recomputeLayers?: number) =>
      evaluate({ ...base, training: { ...base.training, firstStageLayers: 3, lastStageLayers: 3, recompute, recomputeLayers } });
    const [no, all, some] = [uneven('none'), uneven('full'), uneven('full', 17)];
    const share = (key: 'compute' | 'tensorParallel') =>
      (some.breakdownSeconds[key] - no.breakdownSeconds[key]) / (all.breakdownSeconds[key] - no.breakdownSeconds[key]);
    expect(share('compute')).toBeCloseTo(17 / 19, 9);
    expect(share('tensorParallel')).toBeCloseTo(17 / 19, 9);
  });

  it('keeps only the input of the recomputed layers and every activation of the others', () => {
    const activations = (r: typeof none) => r.memory.activationsBytes;
    expect(activations(five)).toBeCloseTo(activations(full) / 3 + (2 * activations(none)) / 3, -3);
    expect(five.memory.weightsBytes).toBe(none.memory.weightsBytes);
  });

  it('recomputes every layer when it names at least a chunk of them, as when it is absent', () => {
    expect(evaluate(job('full', 15)).stepSeconds).toBe(full.stepSeconds);
    expect(evaluate(job('full', 40)).memory.activationsBytes).toBe(full.memory.activationsBytes);
  });
});
