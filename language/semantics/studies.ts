/**
 * Studies: `compare` (scenarios normalised to a baseline) and `sweep` (one property over a list
 * or range). Sweep paths use the language's names (`system.scale-up.bandwidth`) and resolve to
 * engine fields (`system.tiers[0].bandwidthPerGpu`).
 */
import { evaluateOrIssues, type EngineIssue, type Scenario, type ScenarioResult } from '../../engine/index.js';
import { type Declaration, isDeclaration, isListValue, isReferenceValue, type Vary } from '../generated/ast.js';
import { evaluateExpression, evaluateExpressionAs } from '../units/expressions.js';
import { deriveDefaults, lowerValue } from './lowering.js';
import { declarationTree } from './member-tree.js';
import { type BlockSpec, DECLARATION_SCHEMAS, findBlock, findProperty, type PropertySpec, writtenWord } from './schema.js';
import { DIMENSIONLESS, NAMED_DIMENSIONS, sameDimension } from '../units/dimensions.js';
import { formatNumber, formatQuantity } from '../units/registry.js';

export type SweepPath =
  { ok: true; spec: PropertySpec; /** Engine path segments, tiers resolved by name at apply time. */ segments: PathSegment[] } | { ok: false; message: string };

export type PathSegment = { field: string } | { tier: string };

const SCENARIO_PARTS: Record<string, BlockSpec> = {
  system: DECLARATION_SCHEMAS.system,
  model: DECLARATION_SCHEMAS.model,
  training: DECLARATION_SCHEMAS.training,
  assumptions: findBlock(DECLARATION_SCHEMAS.scenario, 'assumptions')!,
};

/**
 * Resolves `system.scale-up.bandwidth` against the schema; tier names are checked against the
 * scenario's tiers when it could be lowered (`tierNames`).
 */
export function resolveSweepPath(path: readonly string[], tierNames: readonly string[] | undefined): SweepPath {
  const [first, ...rest] = path;
  let spec: BlockSpec | undefined = Object.hasOwn(SCENARIO_PARTS, first) ? SCENARIO_PARTS[first] : undefined;
  if (!spec) return { ok: false, message: `A sweep path starts with system, model, training or assumptions, not '${first}'.` };
  const segments: PathSegment[] = [{ field: first }];
  for (const [index, name] of rest.entries()) {
    const last = index === rest.length - 1;
    const property: PropertySpec | undefined = findProperty(spec, name);
    if (property) {
      segments.push({ field: property.field });
      if (property.type.kind === 'reference') {
        if (last)
          return {
            ok: false,
            message: `'${name}' names a ${property.type.target}; sweep one of its properties, e.g. ${path.join('.')}.${DECLARATION_SCHEMAS[property.type.target].properties[0]?.name}.`,
          };
        spec = DECLARATION_SCHEMAS[property.type.target];
        continue;
      }
      if (!last) return { ok: false, message: `'${name}' is a value; nothing is inside it.` };
      if (property.type.kind === 'references') return { ok: false, message: `'${name}' cannot be swept.` };
      return { ok: true, spec: property, segments };
    }
    const block = findBlock(spec, name);
    if (block) {
      segments.push({ field: block.name });
      spec = block;
      continue;
    }
    if (spec.tier) {
      if (tierNames && !tierNames.includes(name)) return { ok: false, message: `System has no tier '${name}'. Tiers: ${tierNames.join(', ')}.` };
      segments.push({ tier: name });
      spec = spec.tier;
      continue;
    }
    const known = [...spec.properties.map((candidate) => candidate.name), ...(spec.blocks ?? []).map((candidate) => candidate.name)];
    return { ok: false, message: `Unknown '${name}' in the sweep path. Known here: ${known.join(', ')}.` };
  }
  return { ok: false, message: `The sweep path ${path.join('.')} must end at a property.` };
}

/** A copy of `scenario` with the value at the path replaced. */
export function applyAtPath(scenario: Scenario, segments: readonly PathSegment[], value: unknown): Scenario {
  const copy = structuredClone(scenario) as unknown as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if ('tier' in segment) {
      const tiers = target.tiers as Array<Record<string, unknown>>;
      target = tiers.find((tier) => tier.name === segment.tier)!;
    } else if (last) {
      target[segment.field] = value;
    } else {
      target[segment.field] ??= {};
      target = target[segment.field] as Record<string, unknown>;
    }
  });
  return copy as unknown as Scenario;
}

/**
 * The scenario at one sweep point: the value is set on the scenario as written (derived defaults
 * still unset), then defaults are derived from it, so sweeping hiddenSize moves the default
 * ffnHidden and sweeping TP moves the default DP exactly as writing the value out would.
 */
export function sweepPointScenario(unresolved: Scenario, segments: readonly PathSegment[], value: unknown): { scenario: Scenario; issues: EngineIssue[] } {
  const scenario = applyAtPath(unresolved, segments, value);
  return { scenario, issues: deriveDefaults(scenario) };
}

/** Most points one sweep evaluates (each is a whole engine run); the validator reports more up front. */
export const MAX_SWEEP_VALUES = 1000;

/** The values a `vary` takes, in engine units; an error string when they can't be computed. */
export function sweepValues(vary: Vary, spec: PropertySpec): number[] | string {
  const scale = spec.engineScale ?? 1;
  if (vary.values) {
    if (vary.values.items.length > MAX_SWEEP_VALUES) return `more than ${MAX_SWEEP_VALUES} values`;
    try {
      return vary.values.items.map((item) => lowerValue(spec, item)).map((value) => (typeof value === 'boolean' ? Number(value) : (value as number)));
    } catch {
      return 'invalid value in the list';
    }
  }
  // In the member's own dimension: a byte rate swept where a bit rate belongs is converted, as a value would be.
  const dimension = spec.type.kind === 'quantity' ? spec.type.dimension : DIMENSIONLESS;
  const from = vary.from && evaluateExpressionAs(vary.from, dimension);
  const to = vary.to && evaluateExpressionAs(vary.to, dimension);
  if (!from?.ok || !to?.ok) return 'invalid range';
  const start = from.quantity.value,
    end = to.quantity.value;
  const values: number[] = [];
  // `from 800 Gb/s to 100 Gb/s` runs downwards: the step or factor is a size, the ends give the direction.
  const down = end < start;
  const before = (value: number, slack: number) => (down ? value >= end - slack : value <= end + slack);
  if (vary.factor) {
    const factor = evaluateExpression(vary.factor);
    if (!factor.ok || factor.quantity.value <= 1 || start <= 0 || end <= 0) return 'invalid factor';
    const by = down ? 1 / factor.quantity.value : factor.quantity.value;
    for (let value = start; before(value, Math.abs(end) * 1e-12) && values.length < MAX_SWEEP_VALUES; value *= by) values.push(value);
  } else {
    const step = vary.step
      ? evaluateExpressionAs(vary.step, dimension)
      : { ok: true as const, quantity: { value: Math.abs(end - start) / 4, dimension: from.quantity.dimension } };
    if (!step.ok || step.quantity.value <= 0) return 'invalid step';
    const by = down ? -step.quantity.value : step.quantity.value;
    for (let value = start; before(value, step.quantity.value * 1e-9) && values.length < MAX_SWEEP_VALUES; value += by) values.push(value);
  }
  // A range that runs past what a double holds stops there: no point is Infinity.
  return values.map((value) => value * scale).filter((value) => Number.isFinite(value));
}

export interface CompareRow {
  scenario: string;
  stepSeconds?: number;
  timeToTrainSeconds?: number;
  interconnectEnergyJoules?: number;
  /** Time to train over the baseline's. */
  timeRatio?: number;
  /** Interconnect energy over the baseline's. */
  energyRatio?: number;
  feasible: boolean;
}

export interface CompareStudy {
  kind: 'compare';
  name: string;
  baseline: string;
  rows: CompareRow[];
}

export interface SweepPoint {
  /** The swept value in engine units (a word's position in the list for a word-valued member), and as written for people. */
  value: number;
  label: string;
  stepSeconds?: number;
  timeToTrainSeconds?: number;
  interconnectEnergyJoules?: number;
  mfu?: number;
  feasible: boolean;
  issues: EngineIssue[];
  /** The full engine result at this point. */
  result?: ScenarioResult;
}

export interface SweepStudy {
  kind: 'sweep';
  name: string;
  scenario: string;
  path: string;
  /** Engine unit of the swept values (`b/s`), undefined for plain numbers. */
  unit?: string;
  points: SweepPoint[];
}

export type StudyResult = CompareStudy | SweepStudy;

/** The result of one scenario a study reads (its analysis in this build). */
export type ScenarioResultOf = (scenario: Declaration) => ScenarioResult | undefined;

/** Evaluates a `compare` declaration; undefined when it is incomplete. */
export function evaluateCompare(study: Declaration, resultOf: ScenarioResultOf): CompareStudy | undefined {
  const tree = declarationTree(study);
  const baselineValue = tree.properties.get('baseline')?.value;
  const listValue = tree.properties.get('scenarios')?.value;
  const baseline = isReferenceValue(baselineValue) ? baselineValue.ref.ref : undefined;
  if (!isDeclaration(baseline) || !isListValue(listValue)) return undefined;
  const base = resultOf(baseline);
  const rows = listValue.items.flatMap((item) => {
    const target = isReferenceValue(item) ? item.ref.ref : undefined;
    if (!isDeclaration(target)) return [];
    const result = resultOf(target);
    const row: CompareRow = { scenario: target.name, feasible: !!result?.feasible };
    if (result) {
      Object.assign(row, {
        stepSeconds: result.stepSeconds,
        timeToTrainSeconds: result.timeToTrainSeconds,
        interconnectEnergyJoules: result.interconnectEnergyJoules,
      });
      if (base && base.timeToTrainSeconds > 0) row.timeRatio = result.timeToTrainSeconds / base.timeToTrainSeconds;
      if (base && base.interconnectEnergyJoules > 0) row.energyRatio = result.interconnectEnergyJoules / base.interconnectEnergyJoules;
    }
    return [row];
  });
  return { kind: 'compare', name: study.name, baseline: baseline.name, rows };
}

/** What a sweep needs, resolved once per build by the analysis. */
export interface SweepPlan {
  name: string;
  scenario: string;
  vary: Vary;
  spec: PropertySpec;
  segments: PathSegment[];
  /** The scenario as written, derived defaults unset (see `unresolvedScenario`). */
  unresolved: Scenario;
}

/** Evaluates every point of a planned sweep; undefined when its values can't be computed. */
export function evaluateSweep(plan: SweepPlan): SweepStudy | undefined {
  const values = sweepValues(plan.vary, plan.spec);
  if (typeof values === 'string') return undefined;
  const type = plan.spec.type;
  const path = plan.vary.path.join('.');
  // A word-valued member (an enum) is swept over its words: a point's value is the word's position in
  // the list, its label the word as written; a flag's label is true or false.
  const written = (value: number | string) =>
    typeof value === 'string' ? writtenWord(type, value) : type.kind === 'boolean' ? String(value !== 0) : undefined;
  const label = (value: number | string) =>
    written(value) ??
    (type.kind === 'quantity' && !sameDimension(type.dimension, DIMENSIONLESS)
      ? formatQuantity((value as number) / (plan.spec.engineScale ?? 1), type.dimension)
      : formatNumber(value as number));
  const points = (values as (number | string)[]).map((raw, index): SweepPoint => {
    const engineValue = type.kind === 'boolean' ? raw !== 0 : raw;
    const value = typeof raw === 'string' ? index : raw;
    const { scenario: variant, issues } = sweepPointScenario(plan.unresolved, plan.segments, engineValue);
    variant.name = `${plan.scenario}[${path}=${label(raw)}]`;
    if (issues.some((issue) => issue.severity === 'error')) return { value, label: label(raw), feasible: false, issues };
    const evaluation = safeEvaluate(variant);
    if (!evaluation.ok) return { value, label: label(raw), feasible: false, issues: evaluation.issues };
    const result = evaluation.result;
    return {
      value,
      label: label(raw),
      stepSeconds: result.stepSeconds,
      timeToTrainSeconds: result.timeToTrainSeconds,
      interconnectEnergyJoules: result.interconnectEnergyJoules,
      mfu: result.mfu,
      feasible: result.feasible,
      issues: result.issues,
      result,
    };
  });
  return { kind: 'sweep', name: plan.name, scenario: plan.scenario, path, unit: engineUnitOf(plan.spec), points };
}

/** The engine unit of a swept quantity as people write it (areas and densities are per mm²); undefined for plain numbers. */
function engineUnitOf(spec: PropertySpec): string | undefined {
  if (spec.type.kind !== 'quantity') return undefined;
  const dimension = spec.type.dimension;
  const named = NAMED_DIMENSIONS.find((entry) => sameDimension(entry.dimension, dimension));
  if (!named) return undefined;
  return (named.symbol === '1' ? '' : named.symbol).replace('mm2', 'mm²');
}

function safeEvaluate(scenario: Scenario): ReturnType<typeof evaluateOrIssues> {
  try {
    return evaluateOrIssues(scenario);
  } catch (error) {
    return { ok: false, issues: [{ severity: 'error', code: 'engine-failure', field: '', message: String(error) }] };
  }
}
