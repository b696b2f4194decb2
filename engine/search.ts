/**
 * Parallelism search: every TP × PP × DP split of a system, experts per DP rank, microbatch size,
 * virtual stages and recompute mode that is valid and fits in memory, ranked by time-to-train.
 * Hardware and model are validated once; each candidate then only needs its training checks.
 */
import type { RankMapping, Recompute, Scenario, TrainingSpec } from './types.js';
import type { EngineIssue } from './results.js';
import { analyzeStep, EngineInputError } from './evaluate.js';
import { degreesOf, rankLayoutOf } from './placement.js';
import { gpusSpanned } from './rank-map.js';
import { memoryFootprint } from './memory.js';
import { checkTraining, validateScenario } from './validate.js';
import { packagePowerBudget, throttledScenario } from './power-budget.js';

export interface SearchOptions {
  /** How many of the best candidates to return. */
  keep?: number;
  recompute?: readonly Recompute[];
  virtualStages?: readonly number[];
  /** Largest microbatch, in sequences. */
  maxMicrobatchSize?: number;
  /**
   * Rank mappings to try. `pod-aligned` may leave GPUs idle: its DP is the largest multiple of EP
   * whose aligned expert sets fit in the system. Default: the base scenario's mapping and `pod-aligned`.
   */
  rankMappings?: readonly RankMapping[];
  /** Called every `progressEvery` splits tried with the counts so far; return true to stop the search there. */
  onProgress?: (progress: SearchProgress) => boolean | void;
  progressEvery?: number;
}

export interface SearchProgress {
  tried: number;
  timed: number;
  best?: SearchCandidate;
}

export interface SearchCandidate {
  training: TrainingSpec;
  stepSeconds: number;
  timeToTrainSeconds: number;
  memoryBytes: number;
}

export interface SearchOutcome {
  best: SearchCandidate[];
  /** True when `onProgress` stopped the search before every split was tried. */
  stopped: boolean;
  /** Splits tried (valid or not). */
  tried: number;
  /** Candidates evaluated (valid splits that were timed). */
  evaluated: number;
  /** Candidates rejected by memory. */
  overMemory: number;
  /** The error that rejected the most invalid splits, and how many it rejected. */
  commonestRejection?: { message: string; splits: number };
}

/** Divisors of n in ascending order, found up to √n. */
function divisors(n: number): number[] {
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 1; i * i <= n; i++) {
    if (n % i !== 0) continue;
    small.push(i);
    if (i * i !== n) large.unshift(n / i);
  }
  return small.concat(large);
}

/** Largest quantity the search enumerates divisors of (√ of it is the loop length). */
const LARGEST_SEARCHED = 2 ** 40;

/** Search the parallel configurations of `base`'s system and model; the base training gives batch, tokens and datatype. */
export function searchParallelism(base: Scenario, options: SearchOptions = {}): SearchOutcome {
  const steps = searchSteps(base, options);
  for (let step = steps.next(); ; step = steps.next(options.onProgress?.(step.value as SearchProgress) === true)) {
    if (step.done) return step.value;
  }
}

/**
 * The same search, yielding to the event loop every `progressEvery` splits so that a caller stays
 * responsive and can stop it: when `signal` aborts, the outcome holds the best splits found so far.
 */
export async function searchParallelismAsync(base: Scenario, options: SearchOptions & { signal?: AbortSignal } = {}): Promise<SearchOutcome> {
  const steps = searchSteps(base, options);
  let step = steps.next();
  while (!step.done) {
    const stop = options.onProgress?.(step.value) === true || options.signal?.aborted === true;
    if (!stop) await new Promise<void>((resolve) => setTimeout(resolve, 0));
    step = steps.next(stop || options.signal?.aborted === true);
  }
  return step.value;
}

/** The search itself: yields its progress every `progressEvery` splits tried; `true` sent back stops it. */
function* searchSteps(base: Scenario, options: SearchOptions): Generator<SearchProgress, SearchOutcome, boolean | undefined> {
  const structural = validateScenario(base).filter((i) => i.severity === 'error' && !i.field.startsWith('training.'));
  if (structural.length > 0) throw new EngineInputError(structural);
  const tooLarge = (
    [
      ['system.tiers[0].domainSize', base.system.tiers[0].domainSize],
      ['model.layers', base.model.layers],
      ['model.moe.experts', base.model.moe?.experts ?? 1],
      ['training.globalBatch', base.training.globalBatch],
    ] as const
  )
    .filter(([, v]) => v > LARGEST_SEARCHED)
    .map(([field, v]): EngineIssue => ({
      severity: 'error',
      code: 'too-large-to-search',
      field,
      message: `${field} = ${v} is too large to enumerate (at most ${LARGEST_SEARCHED})`,
    }));
  if (tooLarge.length > 0) throw new EngineInputError(tooLarge);
  const keep = options.keep ?? 10;
  const recomputeModes = options.recompute ?? ['none', 'selective', 'full'];
  const virtualStages = options.virtualStages ?? [1, 2, 4];
  const maxMicrobatch = options.maxMicrobatchSize ?? 8;

  const { system, model } = base;
  const baseMapping = base.training.rankMapping ?? 'linear';
  const mappings = options.rankMappings ?? (model.moe && baseMapping !== 'pod-aligned' ? [baseMapping, 'pod-aligned' as const] : [baseMapping]);
  const gpus = system.gpuCount;
  const pod = system.tiers[0].domainSize;
  const experts = model.moe?.experts ?? 1;
  const tokensPerStep = base.training.globalBatch * model.sequenceLength;
  const steps = Math.ceil(base.training.trainingTokens / tokensPerStep);

  const best: SearchCandidate[] = [];
  let evaluated = 0;
  let tried = 0;
  let stopped = false;
  const every = Math.max(1, options.progressEvery ?? 10_000);
  let overMemory = 0;
  const sink: EngineIssue[] = [];
  const reject = (issue: EngineIssue) => sink.push(issue);
  const rejections = new Map<string, { message: string; splits: number }>();
  // Explicit first/last stage layers belong to the written number of pipeline chunks: splits with
  // as many chunks keep them (the written split is among the candidates as written), others take the
  // engine's default uneven split. The package's clock under its power budget does not depend on the
  // split: timed as evaluate times it.
  const running = throttledScenario(base, packagePowerBudget(base).clockFactor);
  const candidate: Scenario = { ...running, training: { ...base.training } };
  const t = candidate.training;
  const writtenChunks = base.training.pipelineParallel * base.training.virtualStages;
  const writtenLayout = { first: base.training.firstStageLayers, last: base.training.lastStageLayers };

  /** DP under a mapping: all the GPUs left by TP × PP, or for pod-aligned the most whose expert sets fit. */
  const dataParallelFor = (mapping: RankMapping, tp: number, pp: number, ep: number): number | undefined => {
    const full = gpus / (tp * pp * (base.training.contextParallel ?? 1));
    if (mapping !== 'pod-aligned') return full;
    t.tensorParallel = tp;
    t.pipelineParallel = pp;
    t.rankMapping = mapping;
    for (let dp = Math.floor(full / ep) * ep, tries = 0; dp >= ep && tries < 64; dp -= ep, tries++) {
      if (base.training.globalBatch % dp !== 0) continue;
      t.dataParallel = dp;
      if (gpusSpanned(rankLayoutOf(candidate, degreesOf(candidate)), system.tiers) <= gpus) return dp;
    }
    return undefined;
  };

  search: for (const mapping of mappings) {
    for (const tp of divisors(pod)) {
      if (model.attentionHeads % tp !== 0 || gpus % tp !== 0) continue;
      // Any PP the GPUs divide into: layers that do not divide the stages take the engine's default uneven split.
      for (const pp of divisors(gpus / tp).filter((stages) => stages <= model.layers)) {
        if ((gpus / tp) % (pp * (base.training.contextParallel ?? 1)) !== 0) continue;
        for (const e of model.moe ? divisors(experts) : [1]) {
          const ep = experts / e;
          const dp = dataParallelFor(mapping, tp, pp, model.moe ? ep : 1);
          if (dp === undefined || (model.moe && dp % ep !== 0)) continue;
          // A pod-aligned split that idles no GPU places every rank where the linear order does.
          if (mapping === 'pod-aligned' && dp === gpus / (tp * pp * (base.training.contextParallel ?? 1)) && mappings.includes('linear')) continue;
          const sequencesPerRank = base.training.globalBatch / dp;
          if (!Number.isInteger(sequencesPerRank)) continue;
          for (const mbs of divisors(sequencesPerRank)) {
            if (mbs > maxMicrobatch) break;
            for (const v of virtualStages) {
              if (v > 1 && pp === 1) continue;
              t.tensorParallel = tp;
              t.pipelineParallel = pp;
              t.dataParallel = dp;
              t.rankMapping = mapping;
              t.expertsPerDpRank = e;
              t.microbatchSize = mbs;
              t.virtualStages = v;
              const layout = pp * v === writtenChunks ? writtenLayout : undefined;
              t.firstStageLayers = layout?.first;
              t.lastStageLayers = layout?.last;
              // The degrees, and the group spans cached on them, do not depend on the recompute mode.
              const d = degreesOf(candidate);
              for (const recompute of recomputeModes) {
                if (++tried % every === 0 && (yield { tried, timed: evaluated, best: best[0] })) {
                  stopped = true;
                  break search;
                }
                t.recompute = recompute;
                sink.length = 0;
                if (!checkTraining(candidate, reject) || sink.some((i) => i.severity === 'error')) {
                  const error = sink.find((i) => i.severity === 'error');
                  if (error) rejections.set(error.code, { message: error.message, splits: (rejections.get(error.code)?.splits ?? 0) + 1 });
                  continue;
                }
                const memory = memoryFootprint(candidate, d);
                if (!memory.fits || !memory.hostFits) {
                  overMemory++;
                  continue;
                }
                const { stepSeconds } = analyzeStep(candidate, d);
                evaluated++;
                if (best.length === keep && stepSeconds >= best[best.length - 1].stepSeconds) continue;
                best.push({ training: { ...t }, stepSeconds, timeToTrainSeconds: stepSeconds * steps, memoryBytes: memory.totalBytes });
                best.sort((a, b) => a.stepSeconds - b.stepSeconds);
                if (best.length > keep) best.pop();
              }
            }
          }
        }
      }
    }
  }
  const commonestRejection = [...rejections.values()].sort((a, b) => b.splits - a.splits)[0];
  return { best, evaluated, overMemory, stopped, tried, ...(commonestRejection && { commonestRejection }) };
}
