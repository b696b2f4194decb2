/** A `search` study as the preview draws it: its plan, and how its run stands (`SearchResults`). */
import type { TrainingSpec } from '../../engine/index.js';
import type { PreviewSearchStudy, PreviewSplit } from '../../protocol/preview.js';
import type { SearchState } from './search-results.js';
import { sameSplit, type SearchPlan, writtenSplitValue } from '../semantics/search-study.js';

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
    rankMapping: writtenSplitValue(training, 'rankMapping'),
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
