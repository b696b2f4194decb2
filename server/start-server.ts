/**
 * Starts the moesys language server on a connection (Node stdio/IPC or a browser worker) with
 * the `moesys/preview` request the VS Code client's preview panel uses.
 */
import type { FileSystemProvider, LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { DocumentState, URI, UriUtils } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { createMoesysServices } from '../language/moesys-module.js';
import { buildPreviewModel } from '../language/preview-model.js';
import { loadImportsOnDemand } from '../language/import-loader.js';
import { addStaleWhileBuildingHandlers } from '../language/langium-overrides/stale-while-building.js';
import { PREVIEW_REQUEST, type PreviewParams, type PreviewResponse } from '../webview/protocol.js';

/** How long a preview request waits for the document to be built at the version asked for. */
export const PREVIEW_BUILD_TIMEOUT_MS = 5000;

type FileSystemModule = { fileSystemProvider: (services: never) => FileSystemProvider };

/**
 * The file system with reads limited to URIs of the given schemes. Why: Node's provider reads
 * `uri.fsPath` whatever the scheme, so an import in a `vscode-vfs:` document (a GitHub repository
 * opened in VS Code) would read the local file at the same path. A document's imports resolve in
 * its own file system; one the server cannot reach stays unresolved and is reported.
 */
export function restrictToSchemes(fileSystem: FileSystemModule, schemes: readonly string[]): FileSystemModule {
    return {
        fileSystemProvider: (services: never) => {
            const provider = fileSystem.fileSystemProvider(services);
            return new Proxy(provider, {
                get(target, property, receiver) {
                    const member = Reflect.get(target, property, receiver) as unknown;
                    if (typeof member !== 'function') return member;
                    return (uri: unknown, ...rest: unknown[]) => {
                        const scheme = (uri as { scheme?: unknown } | undefined)?.scheme;
                        if (typeof scheme === 'string' && !schemes.includes(scheme)) {
                            // A foreign workspace folder has nothing to scan here; its open documents still come from the client.
                            if (property === 'readDirectorySync') return [];
                            if (property === 'readDirectory') return Promise.resolve([]);
                            const refusal = new Error(`moesys: no file system for '${scheme}:' here`);
                            if (/Sync$/.test(String(property))) throw refusal;
                            return Promise.reject(refusal);
                        }
                        return (member as (...args: unknown[]) => unknown).call(target, uri, ...rest);
                    };
                },
            });
        },
    };
}

/**
 * `servedSchemes`: the URI schemes the file system may read (Node: `file` only). Requests for
 * documents of other schemes are still answered from the text the client sends.
 */
export function startMoesysServer(connection: Connection, fileSystem: FileSystemModule, servedSchemes: readonly string[] = ['file']): void {
    fileSystem = restrictToSchemes(fileSystem, servedSchemes);
    // A server never exits because of one document: a failure inside a build that nothing awaits
    // is logged in one line (not a stack trace per edit) and the server goes on answering.
    (globalThis as { process?: { on(event: string, listener: (reason: unknown) => void): void } }).process?.on('unhandledRejection', (reason) => {
        console.error(`moesys language server: ${reason instanceof Error ? reason.message : String(reason)}`);
    });
    const { shared, moesys } = createMoesysServices({ connection, ...fileSystem } as never);
    connection.onRequest(PREVIEW_REQUEST, async (params: PreviewParams): Promise<PreviewResponse | undefined> => {
        const uri = URI.parse(params.uri);
        const document = await builtDocument(shared, uri, params.version, PREVIEW_BUILD_TIMEOUT_MS);
        // Not loaded, or not built at the version asked for in time: the client asks again.
        return document ? buildPreviewModel(document, moesys.analysis.BuildAnalysis) : undefined;
    });
    loadImportsOnDemand(shared);
    startLanguageServer(shared);
    // Completion and hover answer from the last linked analysis while a build runs.
    addStaleWhileBuildingHandlers(connection, shared);
}

/**
 * The document once it is validated from its current text, at `version` or later. Why the text
 * check: on `didChange` the text document (and its version) is updated at once, while the rebuild
 * runs later, so a validated state alone may still describe the previous text.
 */
async function builtDocument(shared: LangiumSharedCoreServices, uri: URI, version: number | undefined, timeoutMs: number): Promise<LangiumDocument | undefined> {
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const document = documents.getDocument(uri);
        if (!document) return undefined;
        const ready = document.state >= DocumentState.Validated
            && (version === undefined || document.textDocument.version >= version)
            && (document.parseResult.value.$cstNode?.root.fullText ?? document.textDocument.getText()) === document.textDocument.getText();
        if (ready) return document;
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        // Wait for this document's next validation (or the deadline), then look again.
        await new Promise<void>((resolve) => {
            const timer = setTimeout(done, Math.min(left, 250));
            const listener = builder.onDocumentPhase(DocumentState.Validated, (built) => { if (UriUtils.equals(built.uri, uri)) done(); });
            function done(): void { clearTimeout(timer); listener.dispose(); resolve(); }
        });
    }
}
