/**
 * Loads imported files the workspace scan did not (a file opened without a folder, an import
 * outside the workspace), then rebuilds the importers so their references resolve. The language
 * server registers it; the CLI loads imports itself.
 */
import { DocumentState, type LangiumDocument, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Document } from './generated/ast.js';
import { resolveImport } from './moesys-scope.js';

export function loadImportsOnDemand(shared: LangiumSharedServices): void {
    const documents = shared.workspace.LangiumDocuments;
    const fileSystem = shared.workspace.FileSystemProvider;
    const attempted = new Set<string>();
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, (built: LangiumDocument[]) => {
        const missing: URI[] = [];
        for (const document of built) {
            for (const imported of (document.parseResult.value as Document).imports ?? []) {
                if (!imported.path) continue;
                const target = resolveImport(document.uri, imported.path);
                const key = target.toString();
                if (documents.hasDocument(target) || attempted.has(key)) continue;
                attempted.add(key);
                missing.push(target);
            }
        }
        if (missing.length === 0) return;
        // Load after this build has finished: an update inside a build phase would wait for itself.
        setTimeout(() => void load(missing, built.map((document) => document.uri)), 0);
    });

    async function load(missing: URI[], importers: URI[]): Promise<void> {
        const loaded: URI[] = [];
        for (const uri of missing) {
            try {
                if (await fileSystem.exists(uri)) {
                    await documents.getOrCreateDocument(uri);
                    loaded.push(uri);
                }
            } catch {
                // Not readable (or no file system, in the browser): the import stays unresolved and is reported.
            }
        }
        if (loaded.length > 0) {
            // Rebuild the importers too: their references and import checks depend on the new files.
            await shared.workspace.DocumentBuilder.update([...loaded, ...importers.filter((uri) => documents.hasDocument(uri))], []);
        }
    }
}
