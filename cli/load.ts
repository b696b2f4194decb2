/**
 * Loads .moesys files and everything they import from disk, builds and validates them, and
 * returns the documents with their diagnostics. Used by `check`, `eval` and `report`.
 */
import { resolve } from 'node:path';
import { type LangiumDocument, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createMoesysServices, type MoesysServices } from '../language/moesys-module.js';
import type { Document } from '../language/generated/ast.js';
import { resolveImport } from '../language/moesys-scope.js';
import { existsSync } from 'node:fs';

export interface LoadedWorkspace {
    services: MoesysServices;
    /** The documents named on the command line, in order. */
    documents: LangiumDocument[];
    /** Every loaded document, imports included. */
    all: LangiumDocument[];
}

export async function loadFiles(files: readonly string[]): Promise<LoadedWorkspace> {
    const { moesys } = createMoesysServices(NodeFileSystem);
    const langiumDocuments = moesys.shared.workspace.LangiumDocuments;
    const loaded = new Map<string, LangiumDocument>();
    const load = async (uri: URI): Promise<LangiumDocument | undefined> => {
        const key = uri.toString();
        if (loaded.has(key)) return loaded.get(key);
        if (!existsSync(uri.fsPath)) return undefined;
        const document = await langiumDocuments.getOrCreateDocument(uri);
        loaded.set(key, document);
        const root = document.parseResult.value as Document;
        for (const imported of root.imports ?? []) {
            if (imported.path) await load(resolveImport(uri, imported.path));
        }
        return document;
    };
    const documents: LangiumDocument[] = [];
    for (const file of files) {
        const uri = URI.file(resolve(file));
        if (!existsSync(uri.fsPath)) throw new Error(`${file}: no such file`);
        documents.push((await load(uri))!);
    }
    const all = [...loaded.values()];
    await moesys.shared.workspace.DocumentBuilder.build(all, { validation: true });
    return { services: moesys, documents, all };
}

/** `file:line:col: severity: message` (1-based line and column). */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
    const severity = diagnostic.severity === 1 ? 'error' : diagnostic.severity === 2 ? 'warning' : diagnostic.severity === 3 ? 'info' : 'hint';
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as { value: string }).value;
    return `${file}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}: ${severity}: ${message}`;
}
