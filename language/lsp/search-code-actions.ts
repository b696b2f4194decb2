/**
 * Code actions on a `search` study whose run has finished: "Apply this split (TP=…, EP=…)" for each
 * ranked split the scenario does not run yet, best first, the best one preferred.
 */
import type { LangiumDocument } from 'langium';
import { type CodeAction, CodeActionKind, type Range } from 'vscode-languageserver';
import type { BuildAnalysis } from '../analysis/build-analysis.js';
import type { SearchResults } from '../analysis/search-results.js';
import { type Document } from '../generated/ast.js';
import { sameSplit, type SearchPlan } from '../semantics/search-study.js';
import { applySplitEdit, splitTitle } from './apply-split.js';

/** Most "Apply this split" actions offered at once (the preview's table lists them all). */
const MAX_SPLIT_ACTIONS = 5;

export function searchSplitActions(document: LangiumDocument, range: Range, analysis: BuildAnalysis, results: SearchResults): CodeAction[] {
  const root = document.parseResult.value as Document;
  const actions: CodeAction[] = [];
  for (const declaration of root.declarations) {
    const cst = declaration.$cstNode;
    if (declaration.kind !== 'search' || !cst || cst.range.end.line < range.start.line || cst.range.start.line > range.end.line) continue;
    const plan = analysis.searchPlan(declaration);
    const state = plan && results.get(plan.key);
    if (!plan || state?.status !== 'done') continue;
    const splits = state.result.ranked.filter((ranked) => !sameSplit(ranked.training, plan.written)).slice(0, MAX_SPLIT_ACTIONS);
    for (const [index, ranked] of splits.entries()) {
      const action = applySplitAction(plan, ranked.training);
      if (action) actions.push({ ...action, isPreferred: index === 0 });
    }
  }
  return actions;
}

/** "Apply this split (…)" as a code action with its edit; undefined when the scenario runs it already. */
export function applySplitAction(plan: SearchPlan, split: SearchPlan['written']): CodeAction | undefined {
  const edit = applySplitEdit(plan.scenario, plan.written, split);
  if (!edit) return undefined;
  const experts = plan.request.base.model.moe?.experts;
  return { title: `Apply this split (${splitTitle(split, experts)}) to ${plan.scenarioName}`, kind: CodeActionKind.RefactorRewrite, edit };
}
