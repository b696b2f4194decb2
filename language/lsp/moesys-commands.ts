/**
 * The server's LSP commands: `moesys.applySplit`, which the preview's "Apply" buttons run through
 * the client, writes a ranked split of a finished `search` into its scenario with a WorkspaceEdit.
 */
import { URI } from 'langium';
import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor, type LangiumSharedServices } from 'langium/lsp';
import { APPLY_SPLIT_COMMAND, type ApplySplitAnswer, type ApplySplitArguments } from '../../protocol/preview.js';
import type { Document } from '../generated/ast.js';
import type { MoesysServices } from '../moesys-module.js';
import { applySplitEdit, splitTitle } from './apply-split.js';

export class MoesysCommandHandler extends AbstractExecuteCommandHandler {
  constructor(private readonly shared: LangiumSharedServices) {
    super();
  }

  registerCommands(acceptor: ExecuteCommandAcceptor): void {
    acceptor(APPLY_SPLIT_COMMAND, (args) => this.applySplit(args[0]));
  }

  private async applySplit(raw: unknown): Promise<ApplySplitAnswer> {
    const args = raw as Partial<ApplySplitArguments> | undefined;
    if (typeof args?.uri !== 'string' || typeof args.study !== 'string' || !Number.isInteger(args.rank))
      return refused('The command needs { uri, study, rank }.');
    const uri = URI.parse(args.uri);
    const document = this.shared.workspace.LangiumDocuments.getDocument(uri);
    if (!document || !this.shared.ServiceRegistry.hasServices(uri)) return refused(`${args.uri} is not an open moesys document.`);
    const services = this.shared.ServiceRegistry.getServices(uri) as MoesysServices;
    const study = (document.parseResult.value as Document).declarations.find((d) => d.kind === 'search' && d.name === args.study);
    const plan = study && services.analysis.BuildAnalysis.searchPlan(study);
    if (!plan) return refused(`There is no search '${args.study}' that can run in this document.`);
    const state = services.analysis.SearchResults.get(plan.key);
    if (state?.status !== 'done') return refused(`Search '${args.study}' has not finished yet.`);
    const ranked = state.result.ranked[args.rank! - 1];
    if (!ranked) return refused(`Search '${args.study}' ranked ${state.result.ranked.length} splits; there is no #${args.rank}.`);
    const edit = applySplitEdit(plan.scenario, plan.written, ranked.training);
    if (!edit) return refused(`${plan.scenarioName} already runs split #${args.rank}.`);
    const label = `Apply split #${args.rank} (${splitTitle(ranked.training, plan.request.base.model.moe?.experts)}) to ${plan.scenarioName}`;
    const connection = this.shared.lsp.Connection;
    if (!connection) return refused('No client to apply the edit.');
    const result = await connection.workspace.applyEdit({ label, edit });
    return result.applied ? { applied: true } : refused(result.failureReason ?? 'The editor did not apply the edit.');
  }
}

function refused(message: string): ApplySplitAnswer {
  return { applied: false, message };
}
