/**
 * The analysis of a build, computed once and read by everything: for each scenario its lowering
 * (with provenance), engine result and issues; for each study its resolved sweep path and its
 * rows or points. The validator, hover, inlay hints, completion, the CLI and the preview all read
 * it; nothing else lowers a scenario or resolves a sweep.
 *
 * Results are cached until the next build links (a scenario depends on declarations in other
 * files). Across builds, a scenario whose fingerprint (its text and everything it references)
 * is unchanged is not lowered or evaluated again: typing changes one declaration at a time.
 */
import { DocumentState, WorkspaceCache } from 'langium';
import { type EngineIssue, evaluateOrIssues, type Scenario, type ScenarioResult } from '../../engine/index.js';
import { type Declaration, isDeclaration, isReferenceValue, isVary, type Vary } from '../generated/ast.js';
import { type DerivedField, type LoweredDeclaration, type LoweredScenario, lowerScenario, unresolvedScenario } from '../semantics/lowering.js';
import { declarationTree } from '../semantics/member-tree.js';
import type { MoesysServices } from '../moesys-module.js';
import { evaluateCompare, evaluateSweep, resolveSweepPath, type StudyResult, type SweepPath, type SweepPlan } from '../semantics/studies.js';
import { BuildFingerprints, FingerprintNumbering } from './declaration-fingerprints.js';
import { searchedScenario, searchPlanOf, type SearchPlan } from '../semantics/search-study.js';

export interface ScenarioAnalysisResult {
  lowered?: LoweredScenario;
  /** Why lowering failed (the validator reports the cause on its own node). */
  loweringFailure?: string;
  /** Input issues from `validateScenario` plus issues found while evaluating. */
  issues: EngineIssue[];
  result?: ScenarioResult;
}

type Outcome = Omit<ScenarioAnalysisResult, 'lowered'>;

/** What is kept of a scenario between builds: no AST node, so a hit is re-attached to the current one. */
type Remembered = { loweringFailure: string } | { scenario: Scenario; issues: EngineIssue[]; derivedFields: readonly DerivedField[]; outcome: Outcome };

/** Per build: lowered declarations shared by its scenarios, and its fingerprints. */
interface BuildState {
  declarations: Map<Declaration, LoweredDeclaration>;
  fingerprints: BuildFingerprints;
}

/** Most scenarios remembered across builds, and most engine outcomes kept by input. */
const MAX_REMEMBERED = 2000;

export class BuildAnalysis {
  private readonly scenarios: WorkspaceCache<Declaration, ScenarioAnalysisResult>;
  private readonly studies: WorkspaceCache<Declaration, StudyResult | null>;
  private readonly sweepPaths: WorkspaceCache<Vary, SweepPath | null>;
  private readonly searchPlans: WorkspaceCache<Declaration, SearchPlan | null>;
  private readonly build: WorkspaceCache<'build', BuildState>;
  private readonly numbering = new FingerprintNumbering();
  private readonly byFingerprint = new Map<number, Remembered>();
  /** Engine outcomes by the JSON of their input (the engine is pure; two scenarios may be equal). */
  private readonly engineOutcomes = new Map<string, Outcome>();

  constructor(services: MoesysServices) {
    // Evicted once linking of a new build is done: results depend on every linked document.
    const cache = <K, V>() => new WorkspaceCache<K, V>(services.shared, DocumentState.Linked);
    this.scenarios = cache();
    this.studies = cache();
    this.sweepPaths = cache();
    this.searchPlans = cache();
    this.build = cache();
  }

  /** Lowering, issues and engine result of one scenario; never throws. */
  scenario(declaration: Declaration): ScenarioAnalysisResult {
    return this.scenarios.get(declaration, () => this.analyseScenario(declaration));
  }

  /** The tier names of a scenario's system, when it could be lowered. */
  tierNames(scenario: Declaration): string[] | undefined {
    return this.scenario(scenario).lowered?.scenario.system.tiers.map((tier) => tier.name);
  }

  /** The resolved path of a sweep's `vary`; undefined while the sweep names no scenario. */
  sweepPath(vary: Vary): SweepPath | undefined {
    return (
      this.sweepPaths.get(vary, () => {
        const scenario = sweptScenario(vary);
        return scenario ? resolveSweepPath(vary.path, this.tierNames(scenario)) : null;
      }) ?? undefined
    );
  }

  /** Rows of a `compare`, points of a `sweep`; undefined while it is incomplete. */
  study(declaration: Declaration): StudyResult | undefined {
    return (
      this.studies.get(declaration, () => {
        if (declaration.kind === 'compare') return evaluateCompare(declaration, (scenario) => this.scenario(scenario).result) ?? null;
        if (declaration.kind !== 'sweep') return null;
        const plan = this.sweepPlan(declaration);
        return (plan && evaluateSweep(plan)) ?? null;
      }) ?? undefined
    );
  }

  /**
   * What a `search` runs: its scenario as lowered in this build and its constraints. The search
   * itself is not run here (it takes seconds); the server runs the plan beside the editor.
   */
  searchPlan(declaration: Declaration): SearchPlan | undefined {
    return (
      this.searchPlans.get(declaration, () => {
        const scenario = declaration.kind === 'search' ? searchedScenario(declaration) : undefined;
        if (!scenario) return null;
        const analysis = this.scenario(scenario);
        // A scenario the engine refuses as written has no split to start from.
        if (!analysis.result) return null;
        const r = analysis.result;
        const written = {
          timeToTrainSeconds: r.timeToTrainSeconds,
          mfu: r.mfu,
          interconnectEnergyJoules: r.interconnectEnergyJoules,
          memoryBytes: r.memory.totalBytes,
          fits: r.feasible,
        };
        return searchPlanOf(declaration, scenario, analysis.lowered?.scenario, written) ?? null;
      }) ?? undefined
    );
  }

  private sweepPlan(sweep: Declaration): SweepPlan | undefined {
    const vary = sweep.members.find(isVary);
    const scenario = vary && sweptScenario(vary);
    const path = vary && this.sweepPath(vary);
    const lowered = scenario && this.scenario(scenario).lowered;
    if (!vary || !scenario || !path?.ok || !lowered) return undefined;
    return { name: sweep.name, scenario: scenario.name, vary, spec: path.spec, segments: path.segments, unresolved: unresolvedScenario(lowered) };
  }

  private buildState(): BuildState {
    return this.build.get('build', () => {
      // A new build: fingerprints not seen in the last one are never handed out again.
      const alive = this.numbering.startBuild();
      for (const fingerprint of this.byFingerprint.keys()) if (!alive.has(fingerprint)) this.byFingerprint.delete(fingerprint);
      return { declarations: new Map(), fingerprints: new BuildFingerprints(this.numbering) };
    });
  }

  private analyseScenario(declaration: Declaration): ScenarioAnalysisResult {
    const state = this.buildState();
    const fingerprint = state.fingerprints.of(declaration);
    const remembered = fingerprint === undefined ? undefined : this.byFingerprint.get(fingerprint);
    if (remembered && 'loweringFailure' in remembered) return { issues: [], loweringFailure: remembered.loweringFailure };
    if (remembered) {
      const { scenario, issues, derivedFields, outcome } = remembered;
      // Issues are reported where their values were written, in this build's nodes: lower for them.
      const relowered = outcome.issues.length > 0 ? lowerScenario(declaration, { cache: state.declarations }) : undefined;
      const lowered = relowered?.ok ? relowered.lowered : { scenario, issues, derivedFields, declaration, provenance: new Map() };
      return { lowered, ...outcome };
    }
    const lowering = lowerScenario(declaration, { cache: state.declarations });
    if (!lowering.ok) {
      this.remember(fingerprint, { loweringFailure: lowering.reason });
      return { issues: [], loweringFailure: lowering.reason };
    }
    const lowered = lowering.lowered;
    const outcome = this.outcomeOf(lowered);
    this.remember(fingerprint, { scenario: lowered.scenario, issues: lowered.issues, derivedFields: lowered.derivedFields, outcome });
    return { lowered, ...outcome };
  }

  private outcomeOf(lowered: LoweredScenario): Outcome {
    // A default that could not be derived leaves the input incomplete: report it, don't run the engine.
    if (lowered.issues.some((issue) => issue.severity === 'error')) return { issues: lowered.issues };
    const key = JSON.stringify(lowered.scenario);
    let outcome = this.engineOutcomes.get(key);
    if (!outcome) {
      outcome = runEngine(lowered.scenario);
      if (this.engineOutcomes.size >= MAX_REMEMBERED) this.engineOutcomes.delete(this.engineOutcomes.keys().next().value!);
      this.engineOutcomes.set(key, outcome);
    }
    // The lowering's own warnings (an assumption written where the scenario's part overrides it) come first.
    return lowered.issues.length > 0 ? { ...outcome, issues: [...lowered.issues, ...outcome.issues] } : outcome;
  }

  private remember(fingerprint: number | undefined, remembered: Remembered): void {
    if (fingerprint === undefined) return;
    if (this.byFingerprint.size >= MAX_REMEMBERED) this.byFingerprint.delete(this.byFingerprint.keys().next().value!);
    this.byFingerprint.set(fingerprint, remembered);
  }
}

/** The scenario a sweep's `vary` belongs to, once its `scenario = …` resolves. */
export function sweptScenario(vary: Vary): Declaration | undefined {
  const sweep = vary.$container;
  if (!isDeclaration(sweep) || sweep.kind !== 'sweep') return undefined;
  const value = declarationTree(sweep).properties.get('scenario')?.value;
  const target = isReferenceValue(value) ? value.ref.ref : undefined;
  return isDeclaration(target) && target.kind === 'scenario' ? target : undefined;
}

function runEngine(scenario: Scenario): Outcome {
  try {
    // The engine validates its input itself: its issues (warnings included) come with the result or instead of it.
    const evaluation = evaluateOrIssues(scenario);
    return evaluation.ok ? { issues: evaluation.result.issues, result: evaluation.result } : { issues: evaluation.issues };
  } catch (error) {
    // The engine must not take the language server down; surface its failure as an issue.
    const message = error instanceof Error ? error.message : String(error);
    return { issues: [{ severity: 'error', code: 'engine-failure', field: '', message: `The engine failed on this scenario: ${message}` }] };
  }
}
