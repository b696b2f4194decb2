/**
 * Builds the preview model (`protocol/preview.ts`) of a validated document: every scenario with
 * its engine result, and every study. A document with errors yields only a problem count.
 */
import { AstUtils, type LangiumDocument } from 'langium';
import { MAX_PREVIEW_WARNINGS, type PreviewModel, type PreviewResponse, type PreviewScenario, type PreviewStudy } from '../../protocol/preview.js';
import { type Declaration, type Document, isDeclaration, isListValue, isReferenceValue } from '../generated/ast.js';
import type { BuildAnalysis } from './build-analysis.js';
import { declarationTree } from '../semantics/member-tree.js';
import type { SearchResults } from './search-results.js';
import { previewSearchStudy } from './search-preview.js';

/** `searches`: how each `search` study's run stands; without it every search shows as pending. */
export function buildPreviewModel(document: LangiumDocument, analysis: BuildAnalysis, searches?: SearchResults): PreviewResponse {
  const uri = document.textDocument.uri;
  const version = document.textDocument.version;
  const diagnostics = document.diagnostics ?? [];
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 1).length;
  if (errors > 0) {
    const first = diagnostics
      .filter((diagnostic) => diagnostic.severity === 1)
      .reduce((a, b) =>
        b.range.start.line < a.range.start.line || (b.range.start.line === a.range.start.line && b.range.start.character < a.range.start.character) ? b : a,
      );
    const message = typeof first.message === 'string' ? first.message : String(first.message);
    return { uri, version, problems: errors, first: { message, line: first.range.start.line } };
  }
  const root = document.parseResult.value as Document;
  const scenarios: PreviewScenario[] = [];
  const included = new Set<Declaration>();
  // A scenario imported from another file is revealed where this document mentions it (the study):
  // its own line number belongs to the other file.
  const add = (scenario: Declaration, mentionedAt?: Declaration) => {
    if (included.has(scenario)) return;
    included.add(scenario);
    const result = analysis.scenario(scenario);
    const own = AstUtils.getDocument(scenario).uri.toString() === document.uri.toString();
    scenarios.push({
      name: scenario.name,
      line: lineOf(own || !mentionedAt ? scenario : mentionedAt),
      ...(own ? { endLine: endLineOf(scenario) } : {}),
      ...(result.result
        ? { result: result.result }
        : { error: result.issues.map((issue) => issue.message).join('; ') || result.loweringFailure || 'not evaluated' }),
    });
  };
  for (const declaration of root.declarations) if (declaration.kind === 'scenario') add(declaration);
  const studies: PreviewStudy[] = [];
  for (const declaration of root.declarations) {
    if (declaration.kind !== 'compare' && declaration.kind !== 'sweep' && declaration.kind !== 'search') continue;
    for (const scenario of referencedScenarios(declaration)) add(scenario, declaration);
    if (declaration.kind === 'search') {
      const plan = analysis.searchPlan(declaration);
      if (plan) studies.push(previewSearchStudy(plan, searches?.get(plan.key), { line: lineOf(declaration), endLine: endLineOf(declaration) }));
      continue;
    }
    const study = analysis.study(declaration);
    if (study?.kind === 'compare') {
      studies.push({
        kind: 'compare',
        name: study.name,
        line: lineOf(declaration),
        endLine: endLineOf(declaration),
        baseline: study.baseline,
        // A scenario without a result has no ratio; it shows with its error among the scenarios.
        entries: study.rows.flatMap((row) => (row.timeRatio === undefined ? [] : [{ scenario: row.scenario, ratio: row.timeRatio }])),
      });
    } else if (study?.kind === 'sweep') {
      studies.push({
        kind: 'sweep',
        name: study.name,
        line: lineOf(declaration),
        endLine: endLineOf(declaration),
        property: study.path,
        scenario: study.scenario,
        unit: study.unit,
        points: study.points.map((point) => ({
          value: point.value,
          label: point.label,
          ...(point.result ? { result: point.result } : { error: point.issues.map((issue) => issue.message).join('; ') }),
        })),
      });
    }
  }
  const warned = diagnostics.filter((diagnostic) => diagnostic.severity === 2);
  const warningList = warned
    .map((diagnostic) => ({
      message: typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message),
      line: diagnostic.range.start.line,
    }))
    .sort((a, b) => a.line - b.line)
    .slice(0, MAX_PREVIEW_WARNINGS);
  const model: PreviewModel = { uri, version, scenarios, studies, diagnostics: { errors, warnings: warned.length, warningList } };
  return model;
}

function lineOf(declaration: Declaration): number {
  return declaration.$cstNode?.range.start.line ?? 0;
}

function endLineOf(declaration: Declaration): number {
  return declaration.$cstNode?.range.end.line ?? lineOf(declaration);
}

function referencedScenarios(study: Declaration): Declaration[] {
  const tree = declarationTree(study);
  const found: Declaration[] = [];
  for (const property of tree.properties.values()) {
    const values = isListValue(property.value) ? property.value.items : property.value ? [property.value] : [];
    for (const value of values) {
      if (isReferenceValue(value) && isDeclaration(value.ref.ref) && value.ref.ref.kind === 'scenario') found.push(value.ref.ref);
    }
  }
  return found;
}
