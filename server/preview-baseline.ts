/**
 * Answers `moesys/preview/baseline` { uri, text }: the preview model of another text of a document
 * (its saved file, its git HEAD), for "Compare with before". The text is built with the same
 * language services, analysis and engine as the live preview, but in a workspace of its own,
 * created for the request and dropped after it: the text takes the document's URI there, so its
 * relative imports resolve as the document's do (from the file system: the saved versions), while
 * nothing of it reaches the editor's workspace, its index and scopes, its diagnostics or its previews.
 */
import { type LangiumDocument, type LangiumSharedCoreServices, URI } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { loadImportClosure } from '../language/semantics/import-loader.js';
import type { MoesysServices } from '../language/moesys-module.js';
import { workspaceFolderUris } from '../language/semantics/moesys-scope.js';
import { buildPreviewModel } from '../language/analysis/preview-model.js';
import { PREVIEW_BASELINE_REQUEST, type PreviewBaselineParams, type PreviewResponse } from '../protocol/preview.js';

/** The largest baseline text evaluated (the 3,000-line benchmark file is 150 kB). */
const MAX_BASELINE_CHARS = 8 * 1024 * 1024;

/** Fresh services on the server's file system, with no connection (so nothing is published). */
export type IsolatedServices = () => MoesysServices;

export function answerBaselineRequests(connection: Connection, workspace: LangiumSharedCoreServices, isolated: IsolatedServices): void {
  connection.onRequest(PREVIEW_BASELINE_REQUEST, async (params: PreviewBaselineParams): Promise<PreviewResponse | null> => {
    if (typeof params?.uri !== 'string' || typeof params.text !== 'string' || params.text.length > MAX_BASELINE_CHARS) return null;
    return evaluateBaseline(isolated(), URI.parse(params.uri), params.text, workspaceFolderUris(workspace.workspace.WorkspaceManager));
  });
}

/** Builds `text` as the document at `uri` in `services` (which it fills) and returns its preview model. */
export async function evaluateBaseline(services: MoesysServices, uri: URI, text: string, workspaceFolders: readonly URI[] = []): Promise<PreviewResponse> {
  const shared = services.shared;
  const document = shared.workspace.LangiumDocuments.createDocument(uri, text);
  const loaded = new Map<string, LangiumDocument>();
  await loadImportClosure(shared, document, loaded, workspaceFolders);
  await shared.workspace.DocumentBuilder.build([...loaded.values()], { validation: true });
  return buildPreviewModel(document, services.analysis.BuildAnalysis);
}
