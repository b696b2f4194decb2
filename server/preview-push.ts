/**
 * Pushes preview models, as Langium's examples push generated output: after each validated build,
 * the model of every document the client previews that the build touched (a document importing
 * an edited file is relinked and revalidated, so it is among them). The client says which
 * documents it previews with open/close notifications, and gets the model at once on open if the
 * document is already built.
 */
import { DocumentState, type LangiumDocument, type LangiumSharedCoreServices, URI } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { BuildAnalysis } from '../language/analysis/build-analysis.js';
import { buildPreviewModel } from '../language/preview-model.js';
import { PREVIEW_CLOSE_NOTIFICATION, PREVIEW_MODEL_NOTIFICATION, PREVIEW_OPEN_NOTIFICATION, type PreviewDocumentParams } from '../protocol/preview.js';

export function pushPreviewModels(connection: Connection, shared: LangiumSharedCoreServices, analysis: BuildAnalysis): void {
  const previewed = new Set<string>();
  const documents = shared.workspace.LangiumDocuments;
  const push = (document: LangiumDocument) => {
    // A build may finish while a newer edit waits: that edit's build pushes its own model.
    if (document.state < DocumentState.Validated || !builtFromCurrentText(document)) return;
    void connection.sendNotification(PREVIEW_MODEL_NOTIFICATION, buildPreviewModel(document, analysis));
  };
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
    for (const document of built) if (previewed.has(document.uri.toString())) push(document);
  });
}

/**
 * On `didChange` the text document (and its version) is updated at once, while the rebuild runs
 * later: a validated state alone may still describe the previous text.
 */
function builtFromCurrentText(document: LangiumDocument): boolean {
  return (document.parseResult.value.$cstNode?.root.fullText ?? document.textDocument.getText()) === document.textDocument.getText();
}
