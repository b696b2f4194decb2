/**
 * Lowers scenarios and runs the engine on them, cached until any document changes (a scenario
 * depends on declarations in other files). Validation, hover, inlay hints and the CLI share it.
 */
import { type AstNode, AstUtils, DocumentState, WorkspaceCache } from 'langium';
import { type EngineIssue, evaluateOrIssues, type ScenarioResult, validateScenario } from '../engine/index.js';
import type { Declaration } from './generated/ast.js';
import { type LoweredScenario, lowerScenario } from './lowering.js';
import type { MoesysServices } from './moesys-module.js';

export interface ScenarioAnalysisResult {
    lowered?: LoweredScenario;
    /** Why lowering failed (the validator reports the cause on its own node). */
    loweringFailure?: string;
    /** Input issues from `validateScenario` plus issues found while evaluating. */
    issues: EngineIssue[];
    result?: ScenarioResult;
}

export class ScenarioAnalysis {
    private readonly cache: WorkspaceCache<Declaration, ScenarioAnalysisResult>;
    /** Lowered declarations shared by the scenarios of one build. */
    private readonly declarations: WorkspaceCache<'declarations', Map<Declaration, Record<string, unknown>>>;

    constructor(services: MoesysServices) {
        // Evict once linking of a new build is done: results depend on every linked document.
        this.cache = new WorkspaceCache(services.shared, DocumentState.Linked);
        this.declarations = new WorkspaceCache(services.shared, DocumentState.Linked);
    }

    analyse(scenario: Declaration): ScenarioAnalysisResult {
        return this.cache.get(scenario, () => analyseScenario(scenario, this.declarations.get('declarations', () => new Map())));
    }
}

/**
 * Engine outcomes by the JSON of their input. Typing changes one value at a time, so on a large
 * file almost every scenario's input is unchanged from the last build; the engine is pure.
 */
const engineOutcomes = new Map<string, Omit<ScenarioAnalysisResult, 'lowered'>>();
const MAX_CACHED_OUTCOMES = 2000;

/** Lower, validate and evaluate one scenario; never throws. */
export function analyseScenario(scenario: Declaration, declarations?: Map<Declaration, Record<string, unknown>>): ScenarioAnalysisResult {
    const lowering = lowerScenario(scenario, { provenance: false, cache: declarations });
    if (!lowering.ok) return { issues: [], loweringFailure: lowering.reason };
    let lowered = lowering.lowered;
    const key = JSON.stringify(lowered.scenario);
    // A default that could not be derived leaves the input incomplete: report it, don't run the engine.
    let outcome = lowered.issues.some((issue) => issue.severity === 'error') ? { issues: lowered.issues } : engineOutcomes.get(key);
    if (!outcome) {
        outcome = runEngine(lowered);
        if (engineOutcomes.size >= MAX_CACHED_OUTCOMES) engineOutcomes.delete(engineOutcomes.keys().next().value!);
        engineOutcomes.set(key, outcome);
    }
    if (outcome.issues.length > 0) {
        // Issues are reported where their values were written: lower again, recording origins.
        const recorded = lowerScenario(scenario);
        if (recorded.ok) lowered = recorded.lowered;
    }
    return { lowered, ...outcome };
}

function runEngine(lowered: LoweredScenario): Omit<ScenarioAnalysisResult, 'lowered'> {
    try {
        const issues = validateScenario(lowered.scenario);
        if (issues.some((issue) => issue.severity === 'error')) return { issues };
        const evaluation = evaluateOrIssues(lowered.scenario);
        if (!evaluation.ok) return { issues: mergeIssues(issues, evaluation.issues) };
        return { issues: mergeIssues(issues, evaluation.result.issues), result: evaluation.result };
    } catch (error) {
        // The engine must not take the language server down; surface its failure as an issue.
        const message = error instanceof Error ? error.message : String(error);
        return { issues: [{ severity: 'error', code: 'engine-failure', field: '', message: `The engine failed on this scenario: ${message}` }] };
    }
}

function mergeIssues(first: EngineIssue[], second: EngineIssue[]): EngineIssue[] {
    const seen = new Set(first.map((issue) => `${issue.code}|${issue.field}|${issue.message}`));
    return [...first, ...second.filter((issue) => !seen.has(`${issue.code}|${issue.field}|${issue.message}`))];
}

/** True when `node` belongs to the same document as `anchor`. */
export function sameDocument(node: AstNode, anchor: AstNode): boolean {
    return AstUtils.getDocument(node).uri.toString() === AstUtils.getDocument(anchor).uri.toString();
}
