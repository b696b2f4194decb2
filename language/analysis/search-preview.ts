/** A `search` study as the preview draws it: its plan, and how its run stands (`SearchResults`). */
import type { TrainingSpec } from '../../engine/index.js';
import type { PreviewSearchStudy, PreviewSplit } from '../../protocol/preview.js';
import type { SearchState } from './search-results.js';
import { sameSplit, type SearchPlan } from '../semantics/search-study.js';
import { DECLARATION_SCHEMAS, findProperty, writtenWord } from '../semantics/schema.js';

/** The rank mapping as a file writes it (`podAligned`, not the engine's `pod-aligned`). */
export function writtenMapping(training: TrainingSpec): string {
  const type = findProperty(DECLARATION_SCHEMAS.training, 'rankMapping')?.type;
  const value = training.rankMapping ?? 'linear';
  return type ? writtenWord(type, value) : value;
}

export function previewSplit(training: TrainingSpec, experts: number | undefined): PreviewSplit {
  return {
    tensorParallel: training.tensorParallel,
    pipelineParallel: training.pipelineParallel,
    dataParallel: training.dataParallel,
    ...(experts ? { expertParallel: experts / training.expertsPerDpRank } : {}),
    expertsPerDpRank: training.expertsPerDpRank,
    contextParallel: training.contextParallel ?? 1,
    microbatchSize: training.microbatchSize,
    virtualStages: training.virtualStages,
    recompute: training.recompute,
    rankMapping: writtenMapping(training),
  };
}

export function previewSearchStudy(plan: SearchPlan, state: SearchState | undefined, where: { line: number; endLine: number }): PreviewSearchStudy {
  const experts = plan.request.base.model.moe?.experts;
  const study: PreviewSearchStudy = {
    kind: 'search',
    name: plan.name,
    ...where,
    scenario: plan.scenarioName,
    status: state?.status ?? 'pending',
    tried: 0,
    timed: 0,
    written: previewSplit(plan.written, experts),
    ...(plan.writtenFigures ? { writtenFigures: plan.writtenFigures } : {}),
    candidates: [],
  };
  if (state?.status === 'running') Object.assign(study, { tried: state.tried, timed: state.timed });
  if (state?.status === 'failed') study.message = state.message;
  if (state && 'runsOn' in state && state.runsOn) study.runsOn = state.runsOn;
  if (state?.status === 'done') {
    study.tried = state.result.tried;
    study.timed = state.result.evaluated;
    study.candidates = state.result.ranked.map((ranked, index) => ({
      rank: index + 1,
      split: previewSplit(ranked.training, experts),
      stepSeconds: ranked.stepSeconds,
      timeToTrainSeconds: ranked.timeToTrainSeconds,
      memoryBytes: ranked.memoryBytes,
      idleGpus: ranked.idleGpus,
      ...(ranked.mfu === undefined ? {} : { mfu: ranked.mfu }),
      ...(ranked.interconnectEnergyJoules === undefined ? {} : { interconnectEnergyJoules: ranked.interconnectEnergyJoules }),
      written: sameSplit(ranked.training, plan.written),
    }));
  }
  return study;
}
