/**
 * What to change when a job is over HBM, each change measured: the per-GPU footprint it would
 * give, so the user sees which one fits rather than a list of things to try. Only changes that keep
 * the GPU count and pass the engine's own checks are offered (a pipeline twice as deep takes its
 * GPUs from data parallelism).
 */
import type { Scenario, TrainingSpec } from './types.js';
import { degreesOf } from './placement.js';
import { memoryFootprint } from './memory.js';
import { activationOffloadRefusal, validateScenario } from './validate.js';
import { formatGigabytes, orList } from './format.js';

interface MemoryChange {
  /** As the user writes it in the training block. */
  label: string;
  training: Partial<TrainingSpec>;
}

export interface MeasuredChange {
  label: string;
  totalBytes: number;
  fits: boolean;
}

/** The changes worth trying on this job, before they are measured. */
function candidateChanges(s: Scenario): MemoryChange[] {
  const t = s.training;
  const changes: MemoryChange[] = [];
  // With offloading on, Megatron-Core refuses recompute and pipelines (validate.ts); the engine's checks drop those.
  if (t.recompute === 'none') changes.push({ label: 'recompute = selective', training: { recompute: 'selective' } });
  if (t.recompute !== 'full') changes.push({ label: 'recompute = full', training: { recompute: 'full' } });
  if (t.microbatchSize > 1) changes.push({ label: 'microbatchSize = 1', training: { microbatchSize: 1 } });
  if (!t.shardOptimizer) changes.push({ label: 'shardOptimizer = true', training: { shardOptimizer: true } });
  if (!t.shardParameters && t.dataParallel > 1) changes.push({ label: 'shardParameters = true', training: { shardParameters: true } });
  if (s.model.moe && t.expertsPerDpRank > 1 && t.expertsPerDpRank % 2 === 0) {
    const expertsPerDpRank = t.expertsPerDpRank / 2;
    changes.push({ label: `expertsPerDpRank = ${expertsPerDpRank}`, training: { expertsPerDpRank } });
  }
  if (t.dataParallel % 2 === 0) {
    const dataParallel = t.dataParallel / 2;
    const pipelineParallel = t.pipelineParallel * 2;
    const tensorParallel = t.tensorParallel * 2;
    // An explicit end-stage split belongs to the old depth; the deeper pipeline starts from an even one.
    changes.push({
      label: `pipelineParallel = ${pipelineParallel} with dataParallel = ${dataParallel}`,
      training: { pipelineParallel, dataParallel, firstStageLayers: undefined, lastStageLayers: undefined },
    });
    changes.push({ label: `tensorParallel = ${tensorParallel} with dataParallel = ${dataParallel}`, training: { tensorParallel, dataParallel } });
  }
  return changes;
}

function measure(s: Scenario, change: MemoryChange): MeasuredChange | undefined {
  const candidate: Scenario = { ...s, training: { ...s.training, ...change.training } };
  if (validateScenario(candidate).some((issue) => issue.severity === 'error')) return undefined;
  const memory = memoryFootprint(candidate, degreesOf(candidate));
  return { label: change.label, totalBytes: memory.totalBytes, fits: memory.fits };
}

/**
 * Offloading the activations of more layers: the fewest that fit, or all Megatron-Core allows when
 * none does. The footprint falls with each layer offloaded, so the depth is found by bisection.
 */
function offloadChange(s: Scenario): MeasuredChange | undefined {
  const offloaded = s.training.offloadedActivationLayers ?? 0;
  if (activationOffloadRefusal(s, offloaded + 1) !== undefined) return undefined;
  const at = (layers: number) => measure(s, { label: `offloadedActivationLayers = ${layers}`, training: { offloadedActivationLayers: layers } });
  let fitting = at(s.model.layers - 1);
  if (!fitting?.fits) return fitting;
  // The shallowest that fits lies in (low, high]; `fitting` is the one at `high`.
  let [low, high] = [offloaded, s.model.layers - 1];
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const change = at(middle);
    if (change?.fits) [high, fitting] = [middle, change];
    else low = middle;
  }
  return fitting;
}

/** The valid changes with the footprint each gives, smallest first. */
export function measuredMemoryChanges(s: Scenario): MeasuredChange[] {
  const measured = candidateChanges(s)
    .map((change) => measure(s, change))
    .concat(offloadChange(s))
    .filter((change): change is MeasuredChange => change !== undefined);
  return measured.sort((a, b) => a.totalBytes - b.totalBytes);
}

/** The advice of the over-HBM error: the changes that fit alone, or the closest ones. */
export function memoryAdvice(s: Scenario): string {
  const changes = measuredMemoryChanges(s);
  const listed = (list: MeasuredChange[]) => list.map((change) => `${change.label} (${formatGigabytes(change.totalBytes)})`);
  const fitting = changes.filter((change) => change.fits);
  if (fitting.length > 0) return `it fits with ${orList(listed(fitting.slice(0, 4)))}`;
  if (changes.length === 0) return 'no one change of the split, recompute or sharding fits it: use GPUs with more HBM or a smaller model';
  return `no one change fits it alone; the closest are ${orList(listed(changes.slice(0, 3)))}: combine them, or use more GPUs`;
}
