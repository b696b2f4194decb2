/** Evaluation of one scenario: step time with its breakdown, time-to-train, energy, memory. */
import type { Scenario } from './types.js';
import type { EngineIssue, ScenarioResult, StepBreakdown } from './results.js';
import { tensorParallelOverlapApplies, validateScenario } from './validate.js';
import { degreesOf, describePlacement, type Degrees } from './placement.js';
import { dispatchSyncs, hostSecondsPerKernel, staticExpertShapes, layerCompute, stageCompute, type LayerCompute } from './compute.js';
import { addCosts, scaleCost, type CollectiveCost } from './collectives.js';
import { gradientSync, layerCommunication, microbatchCommunication, type LayerCommunication, type MicrobatchCommunication } from './communication.js';
import { layerActivationBytes, memoryFootprint, optimizerParameters, stageParameters } from './memory.js';
import { exposedOffloadSeconds } from './offload.js';
import { bubbleMicrobatches, distinctRanks, pipelineRanks, rankKinds, scheduleOf, type RankLayers } from './pipeline.js';
import { tierEnergy } from './energy.js';
import { countParameters, forwardFlopsPerToken } from './parameters.js';
import { assertFinite } from './finite.js';
import { budgetIoWords, packagePowerBudget, throttledScenario } from './power-budget.js';
import { systemPower } from './power.js';
import { stageBalanceIssue } from './stage-balance.js';
import { memoryAdvice } from './memory-advice.js';
import { formatGigabytes, orList } from './format.js';
import { runCost } from './cost.js';
import { goodputOf, SMALLEST_GOODPUT } from './goodput.js';
import { reachIssues, tierReach } from './reach.js';
import { tierSwitches } from './scale-out-switches.js';

/** Thrown when a scenario's inputs cannot be evaluated; `issues` name each field and reason. */
export class EngineInputError extends Error {
  constructor(readonly issues: EngineIssue[]) {
    super(
      issues
        .filter((i) => i.severity === 'error')
        .map((i) => `${i.field}: ${i.message}`)
        .join('\n'),
    );
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

/**
 * Expert communication overlapped with another microbatch's compute (DualPipe; Megatron's 1F1B
 * all-to-all overlap): while communication kernels hold a share σ of the SMs, compute runs at
 * 1 − σ. With A seconds of communication and C of compute the pair takes max(A, C + σ·A), so
 * max(A − C, σ·A) is exposed: communication longer than the compute shows, and the rest costs σ·A.
 */
function exposePaired(costs: readonly CollectiveCost[], computeSeconds: number, smShare: number): { bandwidth: number; latency: number }[] {
  const totals = costs.map((c) => c.bandwidthSeconds + c.latencySeconds);
  const a = totals.reduce((x, y) => x + y, 0);
  const exposed = Math.max(a - computeSeconds, smShare * a);
  const keep = a > 0 ? exposed / a : 0;
  return costs.map((c) => ({ bandwidth: c.bandwidthSeconds * keep, latency: c.latencySeconds * keep }));
}

/**
 * TP collectives pipelined with the TP-sharded GEMMs beside them (TP comm overlap), by the same rule
 * as paired expert communication: max(A − C, σ·A) shows, C the rank's TP GEMM time; the compute they
 * hide behind is no longer there to hide more.
 */
function exposeBehindGemms(cost: CollectiveCost, compute: LayerCompute, rank: RankLayers, budget: { seconds: number }, smShare: number) {
  const gemms = rank.moe * compute.tensorParallelGemmSeconds.moe + rank.dense * compute.tensorParallelGemmSeconds.dense;
  const [exposed] = exposePaired([cost], Math.min(gemms, budget.seconds), smShare);
  const total = cost.bandwidthSeconds + cost.latencySeconds;
  budget.seconds -= Math.min(budget.seconds, total - exposed.bandwidth - exposed.latency);
  return exposed;
}

/** Step time of a valid scenario with its breakdown, and the communication behind it (for the traffic by tier). */
export interface StepAnalysis {
  breakdownSeconds: StepBreakdown;
  stepSeconds: number;
  microbatches: number;
  /** One layer's communication, for the traffic of every rank (`stepTraffic`). */
  layerCommunication: LayerCommunication;
  /** Pipeline rank that sets the pace (0 = first stage). */
  criticalRank: number;
  /** The pace-setting rank's microbatch. */
  criticalRankSeconds: number;
  /** The slowest other distinct rank's microbatch (0 with none): how far ahead the critical one is. */
  runnerUpRankSeconds: number;
}

/**
 * Bytes a GPU sends on each tier in one step, averaged over the pipeline ranks: the stages hold
 * different layers, and the energy of the links is what all of them send, not the slowest one's.
 */
export function stepTraffic(s: Scenario, d: Degrees, a: StepAnalysis): number[] {
  const ranks = pipelineRanks(s.model, s.training);
  const total: number[] = [];
  for (const { rank, count } of rankKinds(ranks)) {
    const c = microbatchCommunication(s, d, a.layerCommunication, rank);
    const perStep = scaleCost(
      addCosts(c.tensorParallel, c.contextParallel, c.parameterSharding, c.expertAllToAll, c.expertTensorParallel, c.pipelineP2p),
      a.microbatches,
    );
    addCosts(perStep, gradientSync(s, d, rank)).bytesByTier.forEach((b, i) => (total[i] = (total[i] ?? 0) + (b * count) / ranks.length));
  }
  return total;
}

/** One pipeline rank's microbatch: its compute and exposed communication. */
interface RankMicrobatch {
  rank: RankLayers;
  /** Compute per microbatch, host waiting included. */
  compute: number;
  /** Of it, the time the GPU waits for the host. */
  hostWait: number;
  backward: number;
  tp: { bandwidth: number; latency: number };
  cp: { bandwidth: number; latency: number };
  fsdp: { bandwidth: number; latency: number };
  a2a: { bandwidth: number; latency: number };
  etp: { bandwidth: number; latency: number };
  p2p: { bandwidth: number; latency: number };
  /** Exposed copies of offloaded activations. */
  offload: number;
  seconds: number;
  communication: MicrobatchCommunication;
}

function rankMicrobatch(s: Scenario, d: Degrees, layers: { compute: LayerCompute; communication: LayerCommunication }, rank: RankLayers): RankMicrobatch {
  const { assumptions, training } = s;
  const compute = stageCompute(s, layers.compute, rank);
  // Compute sized to the SMs reserved for communication runs on the rest of the GPU, whatever is sent.
  const pairedOverlap = (training.expertOverlap ?? 'none') === 'paired-microbatches';
  const reservedSms = pairedOverlap && training.reservedCommunicationSms === true;
  const computeSlowdown = reservedSms ? 1 / (1 - assumptions.communicationSmShare) : 1;
  const gpuSeconds = compute.forwardSeconds + compute.backwardSeconds + compute.recomputeSeconds - compute.hostWaitSeconds;
  const computePerMicrobatch = gpuSeconds * computeSlowdown + compute.hostWaitSeconds;
  const comm = microbatchCommunication(s, d, layers.communication, rank);
  const budget = { seconds: computePerMicrobatch };
  const tp =
    training.tensorParallelCommOverlap && tensorParallelOverlapApplies(training)
      ? exposeBehindGemms(comm.tensorParallel, layers.compute, rank, budget, assumptions.communicationSmShare)
      : expose(comm.tensorParallel, assumptions.tensorParallelOverlap, budget);
  // Ring attention sends the next K/V chunk while the current one is computed: hidden up to the attention core's time.
  const cp = expose(comm.contextParallel, 1, { seconds: (rank.moe + rank.dense) * layers.compute.attentionCoreSeconds });
  const fsdp = expose(comm.parameterSharding, assumptions.parameterGatherOverlap, budget);
  let a2a;
  let etp;
  let p2p;
  if (pairedOverlap) {
    const paired = [comm.expertAllToAll, comm.expertTensorParallel, comm.pipelineP2p];
    // On reserved SMs the communication costs compute nothing more: only what outlasts it shows.
    [a2a, etp, p2p] = exposePaired(paired, budget.seconds, reservedSms ? 0 : assumptions.communicationSmShare);
  } else {
    a2a = expose(comm.expertAllToAll, 0, budget);
    etp = expose(comm.expertTensorParallel, 0, budget);
    p2p = expose(comm.pipelineP2p, assumptions.pipelineP2pOverlap, budget);
  }
  // Copy engines move offloaded activations beside the SMs' work: only what outlasts it shows.
  const perLayer = (r: { forwardSeconds: number; backwardSeconds: number }) => ({ forward: r.forwardSeconds, backward: r.backwardSeconds });
  // Skipped without offloading: the parallelism search times many splits.
  const offload =
    (training.offloadedActivationLayers ?? 0) > 0
      ? exposedOffloadSeconds(s, layerActivationBytes(s, d, rank), {
          moe: perLayer(layers.compute.moe),
          dense: perLayer(layers.compute.dense),
        })
      : 0;
  const seconds =
    computePerMicrobatch +
    offload +
    tp.bandwidth +
    cp.bandwidth +
    fsdp.bandwidth +
    a2a.bandwidth +
    etp.bandwidth +
    p2p.bandwidth +
    tp.latency +
    cp.latency +
    fsdp.latency +
    a2a.latency +
    etp.latency +
    p2p.latency;
  return {
    rank,
    compute: computePerMicrobatch,
    hostWait: compute.hostWaitSeconds,
    backward: compute.backwardSeconds * computeSlowdown,
    tp,
    cp,
    fsdp,
    a2a,
    etp,
    p2p,
    offload,
    seconds,
    communication: comm,
  };
}

/** Exposed gradient sync and optimizer step of one rank, after its last microbatch. */
function rankTail(s: Scenario, d: Degrees, rm: RankMicrobatch): { sync: CollectiveCost; exposedShare: number; optimizer: number; seconds: number } {
  const { assumptions, system } = s;
  const sync = gradientSync(s, d, rm.rank);
  const syncSeconds = sync.bandwidthSeconds + sync.latencySeconds;
  const hiddenSync = (s.training.gradientSyncOverlap ?? true) ? Math.min(syncSeconds, rm.backward) : 0;
  const exposedShare = syncSeconds > 0 ? (syncSeconds - hiddenSync) / syncSeconds : 0;
  const optimizerParams = optimizerParameters(s, d, stageParameters(s, d, rm.rank));
  const optimizer = (optimizerParams * assumptions.optimizerStepBytesPerParameter) / (system.gpu.hbmBandwidth * assumptions.memoryEfficiency);
  return { sync, exposedShare, optimizer, seconds: syncSeconds * exposedShare + optimizer };
}

export function analyzeStep(s: Scenario, d: Degrees): StepAnalysis {
  const { training, assumptions } = s;
  const layers = { compute: layerCompute(s, d), communication: layerCommunication(s, d) };
  const ranks = distinctRanks(pipelineRanks(s.model, training)).map((rank) => rankMicrobatch(s, d, layers, rank));
  // The slowest rank sets the pipeline's pace; the heaviest tail (sync + optimizer) ends the step.
  const critical = ranks.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const tail = ranks.map((rm) => rankTail(s, d, rm)).reduce((a, b) => (b.seconds > a.seconds ? b : a));

  const microbatches = training.globalBatch / (training.dataParallel * training.microbatchSize);
  const bubble = bubbleMicrobatches(scheduleOf(training), microbatches, training.pipelineParallel, training.virtualStages, assumptions.weightGradientShare);
  const c = critical;
  const breakdownSeconds: StepBreakdown = {
    compute: microbatches * (c.compute - c.hostWait),
    host: microbatches * c.hostWait,
    tensorParallel: microbatches * c.tp.bandwidth,
    contextParallel: microbatches * c.cp.bandwidth,
    expertAllToAll: microbatches * c.a2a.bandwidth,
    expertTensorParallel: microbatches * c.etp.bandwidth,
    dataParallel: tail.sync.bandwidthSeconds * tail.exposedShare + microbatches * c.fsdp.bandwidth,
    pipelineBubble: bubble * c.seconds,
    pipelineP2p: microbatches * c.p2p.bandwidth,
    activationOffload: microbatches * c.offload,
    optimizer: tail.optimizer,
    latency:
      microbatches * (c.tp.latency + c.cp.latency + c.fsdp.latency + c.a2a.latency + c.etp.latency + c.p2p.latency) +
      tail.sync.latencySeconds * tail.exposedShare,
  };
  const b = breakdownSeconds;
  // The step is its breakdown, summed.
  const stepSeconds =
    b.compute +
    b.host +
    b.tensorParallel +
    b.contextParallel +
    b.expertAllToAll +
    b.expertTensorParallel +
    b.dataParallel +
    b.pipelineBubble +
    b.pipelineP2p +
    b.activationOffload +
    b.optimizer +
    b.latency;
  const runnerUpRankSeconds = ranks.reduce((slowest, rm) => (rm === c ? slowest : Math.max(slowest, rm.seconds)), 0);
  return {
    breakdownSeconds,
    stepSeconds,
    microbatches,
    layerCommunication: layers.communication,
    criticalRank: c.rank.rank,
    criticalRankSeconds: c.seconds,
    runnerUpRankSeconds,
  };
}

/** Share of the step the GPUs may wait for their hosts before a warning says so. */
const HOST_BOUND_SHARE = 0.1;

/** The GPUs wait for the host that issues their kernels: say how long, at what launch cost, and what hides it. */
function hostBoundIssue(s: Scenario, hostSeconds: number, stepSeconds: number): EngineIssue {
  const t = s.training;
  const graphs = t.cudaGraphs ?? 'none';
  const perKernel = hostSecondsPerKernel(s);
  // A larger microbatch needs more than one per DP rank to take its sequences from.
  const canGrow = t.globalBatch / (t.dataParallel * t.microbatchSize) > 1;
  // A dropless MoE layer has no static shapes to capture (see 'graphs-need-static-shapes').
  const wholeLayers =
    s.model.moe && !staticExpertShapes(t) ? 'cudaGraphs = wholeLayers with a capacityFactor or expertRankCapacity' : 'cudaGraphs = wholeLayers';
  const syncs = dispatchSyncs(s);
  const fixes = [
    graphs === 'layers' ? undefined : `CUDA graphs over whole layers (${wholeLayers})`,
    canGrow ? 'a larger microbatchSize' : undefined,
    syncs ? 'another microbatch to run while the host waits (expertOverlap = pairedMicrobatches)' : undefined,
  ].filter((fix): fix is string => fix !== undefined);
  const hostField = s.system.gpu.hostSecondsPerKernel === undefined ? 'assumptions.hostSecondsPerKernel' : 'system.gpu.hostSecondsPerKernel';
  return {
    severity: 'warning',
    code: 'host-bound',
    field: 'training',
    related: [
      'training.cudaGraphs',
      'training.microbatchSize',
      hostField,
      'assumptions.hostLaunchesPerGemm',
      'assumptions.hostSecondsPerExpertGemm',
      ...(syncs ? ['training.expertOverlap', 'assumptions.dispatchHostSync'] : []),
    ],
    message:
      `the GPUs wait ${(100 * (hostSeconds / stepSeconds)).toFixed(0)}% of the step (${hostSeconds.toPrecision(3)} s) for their host, which issues ` +
      `the layers' kernels slower than they run (${Number((perKernel * 1e6).toPrecision(3))} µs per launch)` +
      (syncs ? ", and each MoE layer's dispatch waits for it to catch up (dispatchHostSync)" : '') +
      (fixes.length > 0 ? `; ${orList(fixes)} would hide it` : ''),
  };
}

export function evaluate(s: Scenario): ScenarioResult {
  const inputIssues = validateScenario(s);
  if (inputIssues.some((i) => i.severity === 'error')) throw new EngineInputError(inputIssues);
  const { model, training, system } = s;
  const d = degreesOf(s);
  // Over its package power budget, the GPU computes at a lower clock (power-budget.ts).
  const packagePower = packagePowerBudget(s);
  const analysis = analyzeStep(throttledScenario(s, packagePower.clockFactor), d);
  const { breakdownSeconds, stepSeconds, microbatches } = analysis;
  const bytesByTierPerStep = stepTraffic(s, d, analysis);
  const tokensPerStep = training.globalBatch * model.sequenceLength;
  const steps = Math.ceil(training.trainingTokens / tokensPerStep);

  const energyByTier = system.tiers.map((tier, i) => tierEnergy(system, tier, bytesByTierPerStep[i] ?? 0, stepSeconds));
  const interconnectEnergyPerStepJoules = energyByTier.reduce((a, e) => a + e.totalJoules, 0);

  const peak = system.gpu.peakFlops[training.datatype] ?? 0;
  const modelFlopsPerStep = 3 * forwardFlopsPerToken(model) * tokensPerStep;
  const memory = memoryFootprint(s, d);
  const issues: EngineIssue[] = inputIssues.slice();
  if (!memory.fits) {
    issues.push({
      // On the training job: its split, microbatch and recompute are what a user changes to fit.
      severity: 'error',
      code: 'memory-exceeds-hbm',
      field: 'training',
      related: [
        'system.gpu.hbmCapacityBytes',
        'training.tensorParallel',
        'training.pipelineParallel',
        'training.microbatchSize',
        'training.recompute',
        'training.recomputeLayers',
        'training.recomputeModules',
        'training.offloadedActivationLayers',
        'training.shardOptimizer',
        'training.shardParameters',
        'training.expertsPerDpRank',
      ],
      message:
        `needs ${formatGigabytes(memory.totalBytes)} per GPU (weights ${formatGigabytes(memory.weightsBytes)}, gradients ${formatGigabytes(memory.gradientsBytes)}, ` +
        `optimizer ${formatGigabytes(memory.optimizerBytes)}, activations ${formatGigabytes(memory.activationsBytes)}) but ${formatGigabytes(memory.usableBytes)} of ` +
        `${formatGigabytes(memory.capacityBytes)} HBM is usable; ${memoryAdvice(s)}`,
    });
  }
  const hostMemory = system.gpu.hostMemoryBytes ?? 0;
  if (!memory.hostFits) {
    issues.push({
      severity: 'error',
      code: 'offload-exceeds-host-memory',
      field: 'training.offloadedActivationLayers',
      related: ['system.gpu.hostMemoryBytes', 'training.microbatchSize'],
      message:
        `the offloaded activations need ${formatGigabytes(memory.hostOffloadBytes)} of host memory per GPU but gpu '${system.gpu.name}' has ` +
        `${formatGigabytes(hostMemory)} (hostMemory); offload fewer layers or use a smaller microbatchSize`,
    });
  }
  if (packagePower.clockFactor < 1) {
    issues.push({
      severity: 'warning',
      code: 'package-power-throttles',
      field: 'system.gpu.packagePowerBudget',
      related: ['system.tiers[0].bandwidthPerGpu', 'system.tiers[0].link'],
      message:
        `the package needs ${packagePower.busyComputeWatts.toFixed(0)} W of compute and ${packagePower.ioWatts.toFixed(0)} W of ${budgetIoWords(s)} at line rate, ` +
        `over its ${packagePower.budgetWatts.toFixed(0)} W budget: compute clocks down to ${(100 * packagePower.clockFactor).toFixed(1)}% (clockPowerExponent = ${s.assumptions.clockPowerExponent}); ` +
        `raise packagePowerBudget to ${(packagePower.busyComputeWatts + packagePower.ioWatts).toFixed(0)} W or use a scale-up link with less energy per bit`,
    });
  }
  if (breakdownSeconds.host >= HOST_BOUND_SHARE * stepSeconds) issues.push(hostBoundIssue(s, breakdownSeconds.host, stepSeconds));
  const trial = (t: Scenario) => ({
    stepSeconds: analyzeStep(throttledScenario(t, packagePower.clockFactor), d).stepSeconds,
    fits: memoryFootprint(t, d).fits,
  });
  const unbalanced = stageBalanceIssue(s, analysis, memory.fits, trial);
  if (unbalanced) issues.push(unbalanced);
  const timeToTrainSeconds = steps * stepSeconds;
  const reach = tierReach(s);
  issues.push(...reachIssues(s, reach));
  // Every tier's switches, named or implied, once: power, cost and failures all count them.
  const fabrics = system.tiers.map((_, i) => tierSwitches(s, i));
  const power = systemPower(s, { breakdown: breakdownSeconds, stepSeconds, timeToTrainSeconds }, energyByTier, packagePower, fabrics);
  const goodput = goodputOf(s, timeToTrainSeconds, fabrics);
  if (goodput.goodput <= SMALLEST_GOODPUT) {
    issues.push({
      severity: 'warning',
      code: 'goodput-collapses',
      field: 'assumptions.checkpointSeconds',
      related: ['assumptions.restartSeconds', 'assumptions.gpuFit'],
      message:
        `${goodput.failuresPerDay.toFixed(1)} failures a day with checkpointSeconds = ${s.assumptions.checkpointSeconds} and restartSeconds = ${s.assumptions.restartSeconds} leave no time to train; ` +
        'faster checkpoints and restarts, or fewer failing parts, are needed',
    });
  }
  const result: ScenarioResult = {
    name: s.name,
    stepSeconds,
    steps,
    timeToTrainSeconds,
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
    gpuCount: system.gpuCount,
    idleGpus: system.gpuCount - d.tp * d.pp * d.dp * d.cp,
    criticalPipelineRank: analysis.criticalRank,
    packagePower,
    power,
    cost: runCost(s, timeToTrainSeconds, power.energyToTrainJoules, fabrics),
    goodput,
    reach,
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
