/** Evaluation of one scenario: step time with its breakdown, time-to-train, energy, memory. */
import type { Scenario } from './types.js';
import type { EngineIssue, ScenarioResult, StepBreakdown } from './results.js';
import { validateScenario } from './validate.js';
import { degreesOf, describePlacement, type Degrees } from './placement.js';
import { stageCompute } from './compute.js';
import { addCosts, scaleCost, type CollectiveCost } from './collectives.js';
import { gradientSync, microbatchCommunication, type MicrobatchCommunication } from './communication.js';
import { memoryFootprint, stageParameters } from './memory.js';
import { tierEnergy } from './energy.js';
import { countParameters, forwardFlopsPerToken } from './parameters.js';
import { assertFinite } from './finite.js';

/** Thrown when a scenario's inputs cannot be evaluated; `issues` name each field and reason. */
export class EngineInputError extends Error {
  constructor(readonly issues: EngineIssue[]) {
    super(issues.filter((i) => i.severity === 'error').map((i) => `${i.field}: ${i.message}`).join('\n'));
    this.name = 'EngineInputError';
  }
}

/** Exposed part of a communication cost after hiding up to `overlap` of it behind `budget` seconds of compute. */
function expose(cost: CollectiveCost, overlap: number, budget: { seconds: number }): { bandwidth: number; latency: number } {
  const total = cost.bandwidthSeconds + cost.latencySeconds;
  const hidden = Math.min(overlap * total, budget.seconds);
  budget.seconds -= hidden;
  const keep = total > 0 ? 1 - hidden / total : 0;
  return { bandwidth: cost.bandwidthSeconds * keep, latency: cost.latencySeconds * keep };
}

/** Step time of a valid scenario with its breakdown, and the communication behind it (for the traffic by tier). */
export interface StepAnalysis {
  breakdownSeconds: StepBreakdown;
  stepSeconds: number;
  microbatches: number;
  /** Per-microbatch communication and per-step gradient sync, for the traffic by tier. */
  communication: MicrobatchCommunication;
  gradientSync: CollectiveCost;
}

/** Bytes each GPU sends on each tier in one step. */
export function stepTraffic(a: StepAnalysis): number[] {
  const c = a.communication;
  const perStep = scaleCost(addCosts(c.tensorParallel, c.expertAllToAll, c.expertTensorParallel, c.pipelineP2p), a.microbatches);
  return addCosts(perStep, a.gradientSync).bytesByTier;
}

export function analyzeStep(s: Scenario, d: Degrees): StepAnalysis {
  const { training, assumptions, system } = s;
  const compute = stageCompute(s, d);
  const computePerMicrobatch = compute.forwardSeconds + compute.backwardSeconds + compute.recomputeSeconds;
  const comm = microbatchCommunication(s, d);
  const budget = { seconds: computePerMicrobatch };
  const tp = expose(comm.tensorParallel, assumptions.tensorParallelOverlap, budget);
  const a2a = expose(comm.expertAllToAll, assumptions.expertParallelOverlap, budget);
  const etp = expose(comm.expertTensorParallel, assumptions.expertParallelOverlap, budget);
  const p2p = expose(comm.pipelineP2p, assumptions.pipelineP2pOverlap, budget);
  const latencyPerMicrobatch = tp.latency + a2a.latency + etp.latency + p2p.latency;
  const perMicrobatch = computePerMicrobatch + tp.bandwidth + a2a.bandwidth + etp.bandwidth + p2p.bandwidth + latencyPerMicrobatch;

  const microbatches = training.globalBatch / (training.dataParallel * training.microbatchSize);
  const bubbleSeconds = ((training.pipelineParallel - 1) / training.virtualStages) * perMicrobatch;

  const sync = gradientSync(s, d);
  const syncSeconds = sync.bandwidthSeconds + sync.latencySeconds;
  const hiddenSync = assumptions.overlapGradientSync ? Math.min(syncSeconds, compute.backwardSeconds) : 0;
  const exposedShare = syncSeconds > 0 ? (syncSeconds - hiddenSync) / syncSeconds : 0;

  const params = stageParameters(s, d);
  const optimizerParams = training.shardOptimizer ? params.dense / d.dp + params.expert / d.expertCopies : params.dense + params.expert;
  const optimizerSeconds = (optimizerParams * assumptions.optimizerStepBytesPerParameter) / (system.gpu.hbmBandwidth * assumptions.memoryEfficiency);

  const breakdownSeconds: StepBreakdown = {
    compute: microbatches * computePerMicrobatch,
    tensorParallel: microbatches * tp.bandwidth,
    expertAllToAll: microbatches * a2a.bandwidth,
    expertTensorParallel: microbatches * etp.bandwidth,
    dataParallel: sync.bandwidthSeconds * exposedShare,
    pipelineBubble: bubbleSeconds,
    pipelineP2p: microbatches * p2p.bandwidth,
    optimizer: optimizerSeconds,
    latency: microbatches * latencyPerMicrobatch + sync.latencySeconds * exposedShare,
  };
  const b = breakdownSeconds;
  // The step is its breakdown, summed.
  const stepSeconds = b.compute + b.tensorParallel + b.expertAllToAll + b.expertTensorParallel + b.dataParallel
    + b.pipelineBubble + b.pipelineP2p + b.optimizer + b.latency;
  return { breakdownSeconds, stepSeconds, microbatches, communication: comm, gradientSync: sync };
}

export function evaluate(s: Scenario): ScenarioResult {
  const inputIssues = validateScenario(s);
  if (inputIssues.some((i) => i.severity === 'error')) throw new EngineInputError(inputIssues);
  const { model, training, system } = s;
  const d = degreesOf(s);
  const analysis = analyzeStep(s, d);
  const { breakdownSeconds, stepSeconds, microbatches } = analysis;
  const bytesByTierPerStep = stepTraffic(analysis);
  const tokensPerStep = training.globalBatch * model.sequenceLength;
  const steps = Math.ceil(training.trainingTokens / tokensPerStep);

  const energyByTier = system.tiers.map((tier, i) => tierEnergy(system, tier, bytesByTierPerStep[i] ?? 0, stepSeconds));
  const interconnectEnergyPerStepJoules = energyByTier.reduce((a, e) => a + e.totalJoules, 0);

  const peak = system.gpu.peakFlops[training.datatype] ?? 0;
  const modelFlopsPerStep = 3 * forwardFlopsPerToken(model) * tokensPerStep;
  const memory = memoryFootprint(s, d);
  const issues: EngineIssue[] = inputIssues.slice();
  if (!memory.fits) {
    const gb = (b: number) => `${(b / 1e9).toFixed(1)} GB`;
    issues.push({
      severity: 'error', code: 'memory-exceeds-hbm', field: 'system.gpu.hbmCapacityBytes',
      related: ['training.tensorParallel', 'training.pipelineParallel', 'training.microbatchSize', 'training.recompute'],
      message: `needs ${gb(memory.totalBytes)} per GPU (weights ${gb(memory.weightsBytes)}, gradients ${gb(memory.gradientsBytes)}, ` +
        `optimizer ${gb(memory.optimizerBytes)}, activations ${gb(memory.activationsBytes)}) but ${gb(memory.usableBytes)} of ` +
        `${gb(memory.capacityBytes)} HBM is usable`,
    });
  }
  const result: ScenarioResult = {
    name: s.name,
    stepSeconds,
    steps,
    timeToTrainSeconds: steps * stepSeconds,
    breakdownSeconds,
    interconnectEnergyPerStepJoules,
    interconnectEnergyJoules: interconnectEnergyPerStepJoules * steps,
    energyByTier,
    modelFlopsPerStep,
    mfu: modelFlopsPerStep / (stepSeconds * system.gpuCount * peak),
    tokensPerSecond: tokensPerStep / stepSeconds,
    microbatches,
    parameters: countParameters(model),
    memory,
    placement: describePlacement(s, d),
    issues,
    feasible: !issues.some((i) => i.severity === 'error'),
  };
  assertFinite(result, s.name);
  return result;
}

/** Evaluate without throwing: the result, or the input issues. */
export function evaluateOrIssues(s: Scenario): { ok: true; result: ScenarioResult } | { ok: false; issues: EngineIssue[] } {
  try {
    return { ok: true, result: evaluate(s) };
  } catch (error) {
    if (error instanceof EngineInputError) return { ok: false, issues: error.issues };
    throw error;
  }
}
