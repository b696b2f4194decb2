/**
 * The engine's own pipeline split gives every chunk ⌊L / C⌋ layers and the remainder to the middle
 * ones, whatever the embedding and the LM head (and multi-token prediction) cost the end chunks.
 * When an end rank is then the slowest, the split a Megatron-LM user would write
 * (--decoder-first/last-pipeline-num-layers) is worth a warning with its step time.
 */
import type { EngineIssue } from './results.js';
import type { Scenario } from './types.js';
import { chunkCount, endStageSplits, pipelineRanks } from './pipeline.js';
import { validateScenario } from './validate.js';

/** Shorter step than the engine's split, as a share, below which the split is not worth a warning. */
export const STAGE_BALANCE_GAIN = 0.02;

/** What a trial split comes to: its step and whether it still fits in HBM. */
export type StepTrial = (s: Scenario) => { stepSeconds: number; fits: boolean };

/** What the step analysis says of the ranks: which sets the pace, how long its microbatch takes and the next slowest one's. */
export interface RankPace {
  stepSeconds: number;
  criticalRank: number;
  criticalRankSeconds: number;
  runnerUpRankSeconds: number;
}

/**
 * The warning, when the user left the split to the engine and an end rank holding the embedding or
 * the head sets the pace, more than STAGE_BALANCE_GAIN ahead of every other rank: within that,
 * moving layers gains less than it, no split is tried and an evaluation costs what it did.
 */
export function stageBalanceIssue(s: Scenario, pace: RankPace, fits: boolean, trial: StepTrial): EngineIssue | undefined {
  const t = s.training;
  const { stepSeconds, criticalRank } = pace;
  if (t.firstStageLayers !== undefined || t.lastStageLayers !== undefined || chunkCount(t) < 2) return undefined;
  const critical = pipelineRanks(s.model, t)[criticalRank];
  if (!critical || !(critical.embedding || critical.head)) return undefined;
  if (pace.runnerUpRankSeconds >= (1 - STAGE_BALANCE_GAIN) * pace.criticalRankSeconds) return undefined;
  let best: { first: number; last: number; stepSeconds: number } | undefined;
  for (const split of endStageSplits(s.model, t)) {
    const candidate = { ...s, training: { ...t, firstStageLayers: split.first, lastStageLayers: split.last } };
    if (validateScenario(candidate).some((issue) => issue.severity === 'error')) continue;
    const result = trial(candidate);
    // A split that would overflow HBM is no advice for a job that fits.
    if (fits && !result.fits) continue;
    if (!best || result.stepSeconds < best.stepSeconds) best = { ...split, stepSeconds: result.stepSeconds };
  }
  if (!best || best.stepSeconds > (1 - STAGE_BALANCE_GAIN) * stepSeconds) return undefined;
  const holds = [critical.embedding ? 'the embedding' : undefined, critical.head ? 'the LM head' : undefined].filter(Boolean).join(' and ');
  const gain = (100 * (1 - best.stepSeconds / stepSeconds)).toFixed(1);
  return {
    severity: 'warning',
    code: 'pipeline-end-stage-slowest',
    field: 'training.pipelineParallel',
    message:
      `pipeline rank ${criticalRank}, which holds ${holds}, is the slowest with the engine's split of ${s.model.layers} layers over ` +
      `${chunkCount(t)} chunks (⌊L / C⌋ each, the rest to the middle chunks); firstStageLayers = ${best.first} and lastStageLayers = ${best.last} ` +
      `balance the stages: a step of ${best.stepSeconds.toPrecision(4)} s instead of ${stepSeconds.toPrecision(4)} s (−${gain}%)`,
  };
}
