/**
 * Lowers scenarios and runs the engine on them, cached until any document changes (a scenario
 * depends on declarations in other files). Validation, hover, inlay hints and the CLI share it.
 */
import { type AstNode, AstUtils, DocumentState, type LangiumDocument, type ReferenceInfo, WorkspaceCache } from 'langium';
import { type EngineIssue, evaluateOrIssues, type Scenario, type ScenarioResult } from '../engine/index.js';
import { contentsOf } from './ast-walk.js';
import { type Declaration, isDeclaration, isDocument } from './generated/ast.js';
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
    private readonly fingerprints: WorkspaceCache<'fingerprints', Fingerprints>;

    constructor(services: MoesysServices) {
        // Evict once linking of a new build is done: results depend on every linked document.
        this.cache = new WorkspaceCache(services.shared, DocumentState.Linked);
        this.declarations = new WorkspaceCache(services.shared, DocumentState.Linked);
        this.fingerprints = new WorkspaceCache(services.shared, DocumentState.Linked);
    }

    analyse(scenario: Declaration): ScenarioAnalysisResult {
        return this.cache.get(scenario, () => {
            const fingerprint = this.fingerprints.get('fingerprints', () => new Fingerprints()).of(scenario);
            return analyseScenario(scenario, this.declarations.get('declarations', () => new Map()), fingerprint);
        });
    }
}

/**
 * Fingerprints of declarations by content: a number that is the same in two builds exactly when
 * the declaration's text and the fingerprints of everything it references (in order) are the
 * same. A scenario's lowering and evaluation depend on nothing else, so an edit re-analyses only
 * the scenarios that depend on what was edited. Text of declarations from one build and the one
 * before are kept (two generations), so old document texts are not retained.
 */
let previousFingerprints = new Map<string, number>();
let currentFingerprints = new Map<string, number>();
let nextFingerprint = 1;

class Fingerprints {
    /** Per declaration of this build; null when it can't be fingerprinted (cycle, parse errors). */
    private readonly known = new Map<Declaration, number | null>();
    private readonly referencesByDocument = new Map<LangiumDocument, Map<Declaration, ReferenceInfo[]>>();

    constructor() {
        // A new build. Fingerprints not seen in the last one are forgotten below and never
        // handed out again, so what was remembered under them can go too.
        const alive = new Set(currentFingerprints.values());
        for (const fingerprint of analysedByFingerprint.keys()) {
            if (!alive.has(fingerprint)) analysedByFingerprint.delete(fingerprint);
        }
        previousFingerprints = currentFingerprints;
        currentFingerprints = new Map();
    }

    of(declaration: Declaration, visiting = new Set<Declaration>()): number | undefined {
        const known = this.known.get(declaration);
        if (known !== undefined) return known ?? undefined;
        if (visiting.has(declaration)) return undefined;
        const fingerprint = this.compute(declaration, visiting);
        this.known.set(declaration, fingerprint ?? null);
        return fingerprint;
    }

    private compute(declaration: Declaration, visiting: Set<Declaration>): number | undefined {
        const text = declaration.$cstNode?.text;
        const document = AstUtils.getDocument(declaration);
        // With syntax errors, recovery may shape the AST differently around the same text.
        const { parserErrors, lexerErrors } = document.parseResult;
        if (text === undefined || parserErrors.length > 0 || lexerErrors.length > 0 || !isDocument(declaration.$container)) return undefined;
        visiting.add(declaration);
        let key = `${text}\u0000`;
        try {
            for (const info of this.referencesIn(document, declaration)) {
                const reference = info.reference as { ref?: AstNode; $refText: string };
                if (!('ref' in reference)) return undefined;
                const target = reference.ref;
                if (target === undefined) { key += '-,'; continue; }
                if (!isDeclaration(target)) return undefined;
                const fingerprint = this.of(target, visiting);
                if (fingerprint === undefined) return undefined;
                key += `${fingerprint},`;
            }
        } finally {
            visiting.delete(declaration);
        }
        let fingerprint = currentFingerprints.get(key) ?? previousFingerprints.get(key);
        if (fingerprint === undefined) fingerprint = nextFingerprint++;
        currentFingerprints.set(key, fingerprint);
        return fingerprint;
    }

    /** Cross-references written inside a top-level declaration, in document order. */
    private referencesIn(document: LangiumDocument, declaration: Declaration): ReferenceInfo[] {
        let byDeclaration = this.referencesByDocument.get(document);
        if (!byDeclaration) {
            byDeclaration = new Map();
            for (const info of contentsOf(document.parseResult.value).references) {
                let node: AstNode = info.container;
                while (node.$container && !isDocument(node.$container)) node = node.$container;
                if (!isDeclaration(node)) continue;
                let list = byDeclaration.get(node);
                if (!list) byDeclaration.set(node, list = []);
                list.push(info);
            }
            this.referencesByDocument.set(document, byDeclaration);
        }
        return byDeclaration.get(declaration) ?? [];
    }
}

/**
 * Engine outcomes by the JSON of their input. Typing changes one value at a time, so on a large
 * file almost every scenario's input is unchanged from the last build; the engine is pure.
 */
const engineOutcomes = new Map<string, Omit<ScenarioAnalysisResult, 'lowered'>>();
const MAX_CACHED_OUTCOMES = 2000;

/**
 * Lowering and outcome by scenario fingerprint (see Fingerprints). Holds no AST node: a hit
 * is re-attached to the scenario of the current build.
 */
type Remembered = { loweringFailure: string } | { scenario: Scenario; issues: EngineIssue[]; outcome: Omit<ScenarioAnalysisResult, 'lowered'> };
const analysedByFingerprint = new Map<number, Remembered>();

function remember(fingerprint: number | undefined, remembered: Remembered): void {
    if (fingerprint === undefined) return;
    if (analysedByFingerprint.size >= MAX_CACHED_OUTCOMES) analysedByFingerprint.delete(analysedByFingerprint.keys().next().value!);
    analysedByFingerprint.set(fingerprint, remembered);
}

/** Lower, validate and evaluate one scenario; never throws. */
export function analyseScenario(scenario: Declaration, declarations?: Map<Declaration, Record<string, unknown>>, fingerprint?: number): ScenarioAnalysisResult {
    const remembered = fingerprint === undefined ? undefined : analysedByFingerprint.get(fingerprint);
    let lowered: LoweredScenario;
    let outcome: Omit<ScenarioAnalysisResult, 'lowered'>;
    if (remembered && 'loweringFailure' in remembered) {
        return { issues: [], loweringFailure: remembered.loweringFailure };
    } else if (remembered) {
        lowered = { scenario: remembered.scenario, issues: remembered.issues, declaration: scenario, provenance: new Map() };
        outcome = remembered.outcome;
    } else {
        const lowering = lowerScenario(scenario, { provenance: false, cache: declarations });
        if (!lowering.ok) {
            remember(fingerprint, { loweringFailure: lowering.reason });
            return { issues: [], loweringFailure: lowering.reason };
        }
        lowered = lowering.lowered;
        // A default that could not be derived leaves the input incomplete: report it, don't run the engine.
        const incomplete = lowered.issues.some((issue) => issue.severity === 'error');
        const key = incomplete ? '' : JSON.stringify(lowered.scenario);
        let known = incomplete ? { issues: lowered.issues } : engineOutcomes.get(key);
        if (!known) {
            known = runEngine(lowered);
            if (engineOutcomes.size >= MAX_CACHED_OUTCOMES) engineOutcomes.delete(engineOutcomes.keys().next().value!);
            engineOutcomes.set(key, known);
        }
        outcome = known;
        remember(fingerprint, { scenario: lowered.scenario, issues: lowered.issues, outcome });
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
        // The engine validates its input itself: its issues (warnings included) come with the result or instead of it.
        const evaluation = evaluateOrIssues(lowered.scenario);
        return evaluation.ok ? { issues: evaluation.result.issues, result: evaluation.result } : { issues: evaluation.issues };
    } catch (error) {
        // The engine must not take the language server down; surface its failure as an issue.
        const message = error instanceof Error ? error.message : String(error);
        return { issues: [{ severity: 'error', code: 'engine-failure', field: '', message: `The engine failed on this scenario: ${message}` }] };
    }
}

/** True when `node` belongs to the same document as `anchor`. */
export function sameDocument(node: AstNode, anchor: AstNode): boolean {
    return AstUtils.getDocument(node).uri.toString() === AstUtils.getDocument(anchor).uri.toString();
}
