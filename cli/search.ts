/**
 * `moesys search FILE [SCENARIO | SEARCH] [--top N]`: the fastest parallel splits of a scenario's system and
 * model under its memory limit (the engine's parallelism search), beside the split as written.
 */
import {
  runSearchJob,
  searchOptionsOf,
  searchParallelismAsync,
  type SearchCandidate,
  type SearchOutcome,
  type SearchProgress,
  type TrainingSpec,
} from '../engine/index.js';
import { formatGigabytes } from '../engine/format.js';
import type { SearchPlan } from '../language/semantics/search-study.js';
import type { Declaration, Document } from '../language/generated/ast.js';
import type { LoadedWorkspace } from './load.js';
import { textTable } from './table.js';
import { writtenSplitValue } from '../language/semantics/search-study.js';

function splitCells(t: TrainingSpec, experts: number | undefined): string[] {
  return [
    String(t.tensorParallel),
    String(t.pipelineParallel),
    String(t.dataParallel),
    experts ? String(experts / t.expertsPerDpRank) : '-',
    String(t.microbatchSize),
    String(t.virtualStages),
    t.recompute,
    writtenSplitValue(t, 'rankMapping'),
  ];
}

function candidateRow(label: string, c: SearchCandidate, experts: number | undefined, gpus: number): string[] {
  const idle = gpus - c.training.tensorParallel * c.training.pipelineParallel * c.training.dataParallel;
  return [
    label,
    ...splitCells(c.training, experts),
    String(idle),
    c.stepSeconds.toFixed(3),
    (c.timeToTrainSeconds / 86400).toFixed(2),
    (c.memoryBytes / 1e9).toFixed(1),
  ];
}

/** What to search: a scenario with the default constraints, or a `search` study with its own. */
interface SearchTarget {
  scenario: Declaration;
  /** The study's constraints (top, largest microbatch, virtual stages, recompute), when named by one. */
  study?: SearchPlan;
}

/**
 * The scenario or search study `name` names; without a name, the first file's only search study.
 * Returns a message for the user when there is none or the choice is ambiguous.
 */
export function searchTarget(workspace: LoadedWorkspace, name: string | undefined): SearchTarget | string {
  const all = workspace.documents.flatMap((document) => (document.parseResult.value as Document).declarations);
  const studies = (workspace.documents[0].parseResult.value as Document).declarations.filter((d) => d.kind === 'search');
  const analysis = workspace.services.analysis.BuildAnalysis;
  const ofStudy = (study: Declaration): SearchTarget | string => {
    const plan = analysis.searchPlan(study);
    return plan ? { scenario: plan.scenario, study: plan } : `search '${study.name}' cannot run: its scenario is not valid as written`;
  };
  if (name === undefined) {
    if (studies.length === 1) return ofStudy(studies[0]);
    const names = studies.map((study) => study.name).join(', ');
    return studies.length === 0
      ? 'name the scenario to search: the file has no search study'
      : `name the scenario or search study to run: the file has ${studies.length} (${names})`;
  }
  const study = all.find((d) => d.kind === 'search' && d.name === name);
  if (study) return ofStudy(study);
  const scenario = all.find((d) => d.kind === 'scenario' && d.name === name);
  if (scenario) return { scenario };
  const names = all.filter((d) => (d.kind === 'scenario' || d.kind === 'search') && d.name).map((d) => d.name);
  const shown = names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ');
  return `no scenario or search study named '${name}'${names.length ? `; the file has ${shown}` : ''}`;
}

/**
 * Prints the search of `target`; returns the exit code. `top` overrides a study's own. A terminal
 * sees its progress on stderr; Ctrl-C (or `signal`) stops it and prints the best splits found so far.
 */
export async function searchCommand(
  workspace: LoadedWorkspace,
  target: SearchTarget,
  top: number | undefined,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream & { isTTY?: boolean },
  signal?: AbortSignal,
): Promise<number> {
  const scenarioName = target.scenario.name;
  const analysis = workspace.services.analysis.BuildAnalysis.scenario(target.scenario);
  if (!analysis.lowered || !analysis.result) {
    err.write(`scenario ${scenarioName} cannot be evaluated: ${analysis.loweringFailure ?? analysis.issues.map((i) => i.message).join('; ')}\n`);
    return 1;
  }
  const { scenario } = analysis.lowered;
  const progress = err.isTTY
    ? (p: SearchProgress) => {
        err.write(`\rsearching: ${p.tried.toLocaleString('en-US')} splits tried, ${p.timed.toLocaleString('en-US')} timed`);
      }
    : undefined;
  const constraints = target.study ? searchOptionsOf(target.study.request) : {};
  const keep = top ?? target.study?.request.keep ?? 10;
  const outcome = await searchParallelismAsync(scenario, { ...constraints, keep, signal, onProgress: progress, progressEvery: 20_000 });
  if (progress) err.write('\n');
  const experts = scenario.model.moe?.experts;
  const written: SearchCandidate = {
    training: scenario.training,
    stepSeconds: analysis.result.stepSeconds,
    timeToTrainSeconds: analysis.result.timeToTrainSeconds,
    memoryBytes: analysis.result.memory.totalBytes,
  };
  const gpus = scenario.system.gpuCount;
  // The split as written may not fit; its times are still shown, marked, as the eval table marks them.
  const fits = analysis.result.feasible;
  const rows = [
    candidateRow(fits ? 'as written' : 'as written *', written, experts, gpus),
    ...outcome.best.map((c, i) => candidateRow(`#${i + 1}`, c, experts, gpus)),
  ];
  const count = (n: number) => n.toLocaleString('en-US');
  // The same counts, in the same words, as the preview and the report give.
  out.write(
    `search ${target.study ? `'${target.study.name}' of ` : ''}${scenarioName}: ${count(outcome.tried)} splits tried, ${count(outcome.evaluated)} timed, ` +
      `${count(outcome.overMemory)} over HBM or host memory${outcome.stopped ? '; stopped early, the best so far' : ''}\n`,
  );
  out.write(
    textTable(['split', 'TP', 'PP', 'DP', 'EP', 'mbs', 'v', 'recompute', 'mapping', 'idle GPUs', 'step [s]', 'train [days]', 'memory [GB/GPU]'], rows) + '\n',
  );
  if (!fits) {
    const memory = analysis.result.memory;
    out.write(
      `* does not fit: ${formatGigabytes(memory.totalBytes)} per GPU of ${formatGigabytes(memory.usableBytes)} usable; its times are what it would take if it did\n`,
    );
  }
  if (outcome.best.length === 0) err.write(`${noSplitReason(outcome)}\n`);
  return 0;
}

/** Why a search found nothing: memory, or the error that rejected most of the splits it tried. */
function noSplitReason(outcome: SearchOutcome): string {
  if (outcome.overMemory > 0) return `no split fits in memory (${outcome.overMemory.toLocaleString('en-US')} over HBM or host memory)`;
  const rejection = outcome.commonestRejection;
  if (!rejection) return `no valid split among the ${outcome.tried.toLocaleString('en-US')} tried`;
  return `no valid split among the ${outcome.tried.toLocaleString('en-US')} tried; ${rejection.splits.toLocaleString('en-US')} were refused because ${rejection.message}`;
}

/**
 * Runs the `search` studies of the workspace's first document here and now, so that a report shows
 * their ranked splits (an editor runs them beside itself instead). Returns how many ran.
 */
export function runSearchStudies(workspace: LoadedWorkspace): number {
  const { BuildAnalysis, SearchResults } = workspace.services.analysis;
  let ran = 0;
  for (const declaration of (workspace.documents[0].parseResult.value as Document).declarations) {
    const plan = declaration.kind === 'search' ? BuildAnalysis.searchPlan(declaration) : undefined;
    if (!plan) continue;
    try {
      SearchResults.set(plan.key, { status: 'done', result: runSearchJob(plan.request) });
    } catch (error) {
      SearchResults.set(plan.key, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
    ran++;
  }
  return ran;
}
