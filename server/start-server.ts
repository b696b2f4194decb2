/**
 * Starts the moesys language server on a connection (Node stdio/IPC or a browser worker) with
 * the `moesys/preview` request the VS Code client's preview panel uses.
 */
import type { FileSystemProvider, LangiumDocument } from 'langium';
import { DocumentState, URI } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { createMoesysServices } from '../language/moesys-module.js';
import { buildPreviewModel } from '../language/preview-model.js';
import { loadImportsOnDemand } from '../language/import-loader.js';
import { PREVIEW_REQUEST, type PreviewParams, type PreviewResponse } from '../webview/protocol.js';

export function startMoesysServer(connection: Connection, fileSystem: { fileSystemProvider: (services: never) => FileSystemProvider }): void {
    const { shared, moesys } = createMoesysServices({ connection, ...fileSystem } as never);
    connection.onRequest(PREVIEW_REQUEST, async (params: PreviewParams): Promise<PreviewResponse | undefined> => {
        const uri = URI.parse(params.uri);
        const documents = shared.workspace.LangiumDocuments;
        if (!documents.hasDocument(uri)) return undefined;
        const document: LangiumDocument = documents.getDocument(uri)!;
        // Wait until the document's current version is validated, so the model matches its diagnostics.
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri);
        return buildPreviewModel(document, moesys.analysis.ScenarioAnalysis);
    });
    loadImportsOnDemand(shared);
    startLanguageServer(shared);
}
