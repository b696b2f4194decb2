/**
 * One search as an editor runs it: plain data in (the scenario and the search's constraints), plain
 * data out, so it can cross to a worker thread. The search ranks splits by step time; the few it
 * keeps are then evaluated in full, so each ranked split also has its MFU and interconnect energy.
 */
import type { RankMapping, Recompute, Scenario, TrainingSpec } from './types.js';
import { evaluateOrIssues } from './evaluate.js';
import { searchParallelism, type SearchOptions, type SearchOutcome, type SearchProgress } from './search.js';

export interface SearchJobRequest {
  base: Scenario;
  keep: number;
  maxMicrobatchSize: number;
  virtualStages: number[];
  /** Absent: every mode. */
  recompute?: Recompute[];
  /** Absent: the engine's default (the base mapping, and pod-aligned for an MoE model). */
  rankMappings?: RankMapping[];
}

export interface RankedSplit {
  training: TrainingSpec;
  stepSeconds: number;
  timeToTrainSeconds: number;
  memoryBytes: number;
  /** GPUs the split leaves without a rank (pod-aligned placements may). */
  idleGpus: number;
  /** From the full evaluation; absent when it failed. */
  mfu?: number;
  interconnectEnergyJoules?: number;
}

export interface SearchJobResult {
  ranked: RankedSplit[];
  /** Splits tried (valid or not), timed, and rejected by memory. */
  tried: number;
  evaluated: number;
  overMemory: number;
  stopped: boolean;
}

export type SearchJobProgress = Pick<SearchProgress, 'tried' | 'timed'>;

/** The engine search's options of a job's constraints (the base scenario is its first argument). */
export function searchOptionsOf(request: SearchJobRequest): SearchOptions {
  const { keep, maxMicrobatchSize, virtualStages, recompute, rankMappings } = request;
  return { keep, maxMicrobatchSize, virtualStages, recompute, rankMappings };
}

/** Runs the search synchronously (in a worker); `onProgress` returning true stops it with the best found so far. */
export function runSearchJob(request: SearchJobRequest, onProgress?: (progress: SearchJobProgress) => boolean | void, progressEvery = 2000): SearchJobResult {
  const outcome = searchParallelism(request.base, {
    ...searchOptionsOf(request),
    progressEvery,
    onProgress: onProgress && ((progress) => onProgress({ tried: progress.tried, timed: progress.timed })),
  });
  return rankOutcome(request.base, outcome);
}

/** The kept candidates with the numbers of a full evaluation. */
export function rankOutcome(base: Scenario, outcome: SearchOutcome): SearchJobResult {
  const ranked = outcome.best.map((candidate): RankedSplit => {
    const t = candidate.training;
    const split: RankedSplit = {
      training: t,
      stepSeconds: candidate.stepSeconds,
      timeToTrainSeconds: candidate.timeToTrainSeconds,
      memoryBytes: candidate.memoryBytes,
      idleGpus: base.system.gpuCount - t.tensorParallel * t.pipelineParallel * t.dataParallel * (t.contextParallel ?? 1),
    };
    try {
      const evaluation = evaluateOrIssues({ ...base, training: t });
      if (evaluation.ok) Object.assign(split, { mfu: evaluation.result.mfu, interconnectEnergyJoules: evaluation.result.interconnectEnergyJoules });
    } catch {
      // The search timed it; a failing full evaluation leaves MFU and energy unknown, not the row.
    }
    return split;
  });
  return { ranked, tried: outcome.tried, evaluated: outcome.evaluated, overMemory: outcome.overMemory, stopped: outcome.stopped };
}
