/**
 * A `search` study resolved for running: the scenario it searches (lowered once by the build's
 * analysis) and its constraints in the engine's terms. The search itself never runs in a build:
 * the server runs the plan's request off the main thread and keeps the outcome by its key.
 */
import type { RankMapping, Recompute, Scenario, SearchJobRequest, TrainingSpec } from '../../engine/index.js';
import type { PreviewWrittenFigures } from '../../protocol/preview.js';
import { type Declaration, isDeclaration, isReferenceValue } from '../generated/ast.js';
import { lowerValue } from './lowering.js';
import { declarationTree } from './member-tree.js';
import { DECLARATION_SCHEMAS, findProperty, writtenWord } from './schema.js';
import { SEARCH } from './search-schema.js';

export interface SearchPlan {
  name: string;
  /** The searched scenario's declaration and name. */
  scenario: Declaration;
  scenarioName: string;
  request: SearchJobRequest;
  /** Identifies the request: equal keys, equal outcomes (the engine is pure). */
  key: string;
  /** The training as the scenario is written now, to mark its row and to edit from. */
  written: TrainingSpec;
  /** Its figures as written, when it could be evaluated. */
  writtenFigures?: PreviewWrittenFigures;
}

/** The scenario a `search` names, once its `scenario = …` resolves. */
export function searchedScenario(study: Declaration): Declaration | undefined {
  const value = declarationTree(study).properties.get('scenario')?.value;
  const target = isReferenceValue(value) ? value.ref.ref : undefined;
  return isDeclaration(target) && target.kind === 'scenario' ? target : undefined;
}

/** Virtual stages the search tries: 1, 2, 4 … up to `max`. */
export function virtualStagesUpTo(max: number): number[] {
  const stages: number[] = [];
  for (let v = 1; v <= max; v *= 2) stages.push(v);
  return stages;
}

/**
 * The plan of a `search` over a lowered scenario; undefined while the study is incomplete or a
 * constraint cannot be read (the validator reports it on its own node).
 */
export function searchPlanOf(
  study: Declaration,
  scenario: Declaration,
  base: Scenario | undefined,
  writtenFigures?: PreviewWrittenFigures,
): SearchPlan | undefined {
  if (!base) return undefined;
  const tree = declarationTree(study);
  const read = (name: string): unknown => {
    const spec = findProperty(SEARCH, name)!;
    const property = tree.properties.get(name);
    if (!property) return spec.defaultValue;
    try {
      return lowerValue(spec, property.value);
    } catch {
      return null;
    }
  };
  const keep = read('top') as number | null;
  const maxMicrobatchSize = read('maxMicrobatchSize') as number | null;
  const maxVirtualStages = read('maxVirtualStages') as number | null;
  const recompute = read('recompute') as Recompute | undefined | null;
  const rankMapping = read('rankMapping') as RankMapping | undefined | null;
  if (keep === null || maxMicrobatchSize === null || maxVirtualStages === null || recompute === null || rankMapping === null) return undefined;
  const request: SearchJobRequest = {
    base,
    keep,
    maxMicrobatchSize,
    virtualStages: virtualStagesUpTo(maxVirtualStages),
    ...(recompute ? { recompute: [recompute] } : {}),
    ...(rankMapping ? { rankMappings: [rankMapping] } : {}),
  };
  return {
    name: study.name,
    scenario,
    scenarioName: scenario.name,
    request,
    key: JSON.stringify(request),
    written: base.training,
    writtenFigures,
  };
}

/** Whether a split is the one written (the fields the search varies). */
export function sameSplit(a: TrainingSpec, b: TrainingSpec): boolean {
  return SPLIT_FIELDS.every((field) => (a[field] ?? DEFAULT_SPLIT[field]) === (b[field] ?? DEFAULT_SPLIT[field]));
}

/** The training fields a search chooses, in the order "Apply this split" writes them. */
export const SPLIT_FIELDS = [
  'tensorParallel',
  'pipelineParallel',
  'dataParallel',
  'expertsPerDpRank',
  'microbatchSize',
  'virtualStages',
  'recompute',
  'rankMapping',
] as const satisfies readonly (keyof TrainingSpec)[];

export type SplitField = (typeof SPLIT_FIELDS)[number];

/** What an absent optional field means to the engine. */
const DEFAULT_SPLIT: Partial<Record<SplitField, unknown>> = { rankMapping: 'linear' };

/** A split field's value as a file writes it: `podAligned` for the engine's `pod-aligned`. */
export function writtenSplitValue(training: TrainingSpec, field: SplitField): string {
  const value = training[field] ?? DEFAULT_SPLIT[field];
  const type = findProperty(DECLARATION_SCHEMAS.training, field)?.type;
  return type ? writtenWord(type, value) : String(value);
}
