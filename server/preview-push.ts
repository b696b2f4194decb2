/**
 * Pushes preview models, as Langium's examples push generated output: after each validated build,
 * the model of every document the client previews that the build touched (a document importing
 * an edited file is relinked and revalidated, so it is among them). The client says which
 * documents it previews with open/close notifications, and gets the model at once on open if the
 * document is already built.
 *
 * The `search` studies of open documents run beside the build (`search/jobs.ts`); each time one
 * makes progress or finishes, the documents asking for it get a new model.
 */
import { DocumentState, type LangiumDocument, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { BuildAnalysis } from '../language/analysis/build-analysis.js';
import type { SearchResults } from '../language/analysis/search-results.js';
import type { Document } from '../language/generated/ast.js';
import { buildPreviewModel } from '../language/analysis/preview-model.js';
import type { SearchPlan } from '../language/semantics/search-study.js';
import { PREVIEW_CLOSE_NOTIFICATION, PREVIEW_MODEL_NOTIFICATION, PREVIEW_OPEN_NOTIFICATION, type PreviewDocumentParams } from '../protocol/preview.js';
import { inThreadExecutor, type SearchExecutor } from './search/executor.js';
import { SearchJobs } from './search/jobs.js';

export interface PreviewAnalysis {
  BuildAnalysis: BuildAnalysis;
  SearchResults: SearchResults;
}

export function pushPreviewModels(
  connection: Connection,
  shared: LangiumSharedServices,
  analysis: PreviewAnalysis,
  executor: SearchExecutor = inThreadExecutor(),
): SearchJobs {
  const previewed = new Set<string>();
  const documents = shared.workspace.LangiumDocuments;
  const push = (document: LangiumDocument) => {
    // A build may finish while a newer edit waits: that edit's build pushes its own model.
    if (document.state < DocumentState.Validated || !builtFromCurrentText(document)) return;
    void connection.sendNotification(PREVIEW_MODEL_NOTIFICATION, buildPreviewModel(document, analysis.BuildAnalysis, analysis.SearchResults));
  };
  const searches = new SearchJobs(executor, analysis.SearchResults, (uris) => {
    for (const uri of uris) {
      const document = previewed.has(uri) ? documents.getDocument(URI.parse(uri)) : undefined;
      if (document) push(document);
    }
  });
  connection.onNotification(PREVIEW_OPEN_NOTIFICATION, (params: PreviewDocumentParams) => {
    if (typeof params?.uri !== 'string') return;
    const uri = URI.parse(params.uri);
    previewed.add(uri.toString());
    const document = documents.getDocument(uri);
    if (document) push(document);
  });
  connection.onNotification(PREVIEW_CLOSE_NOTIFICATION, (params: PreviewDocumentParams) => {
    if (typeof params?.uri === 'string') previewed.delete(URI.parse(params.uri).toString());
  });
  shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, (built) => {
    for (const document of built) {
      // Searches run for the documents open in the editor (a workspace scan opens none).
      const open = shared.workspace.TextDocuments.get(document.uri.toString()) !== undefined;
      const plans = open && builtFromCurrentText(document) ? searchPlans(document, analysis.BuildAnalysis) : undefined;
      if (plans) searches.update(document.uri.toString(), plans);
      if (previewed.has(document.uri.toString())) push(document);
    }
  });
  shared.workspace.TextDocuments.onDidClose((event) => searches.update(URI.parse(event.document.uri).toString(), []));
  return searches;
}

/**
 * The plans of the document's `search` studies; undefined while it has errors (a scenario the user
 * is still writing is not searched, and a search running from before goes on until it is fixed).
 */
function searchPlans(document: LangiumDocument, analysis: BuildAnalysis): SearchPlan[] | undefined {
  const root = document.parseResult.value as Document;
  if ((document.diagnostics ?? []).some((diagnostic) => diagnostic.severity === 1)) return undefined;
  return root.declarations.flatMap((declaration) => {
    const plan = declaration.kind === 'search' ? analysis.searchPlan(declaration) : undefined;
    return plan ? [plan] : [];
  });
}

/**
 * On `didChange` the text document (and its version) is updated at once, while the rebuild runs
 * later: a validated state alone may still describe the previous text.
 */
function builtFromCurrentText(document: LangiumDocument): boolean {
  return (document.parseResult.value.$cstNode?.root.fullText ?? document.textDocument.getText()) === document.textDocument.getText();
}
