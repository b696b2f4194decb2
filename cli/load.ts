/**
 * Loads .moesys files and everything they import from disk, builds and validates them, and
 * returns the documents with their diagnostics. Used by `check`, `eval` and `report`. Imports
 * follow the language server's rules (`importRefusal`, `loadableImport`): a refused import is
 * not read, and the validator reports why on its string.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type LangiumDocument, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createMoesysServices, type MoesysServices } from '../language/moesys-module.js';
import { loadImportClosure } from '../language/semantics/import-loader.js';

export interface LoadedWorkspace {
  services: MoesysServices;
  /** The documents named on the command line, in order. */
  documents: LangiumDocument[];
  /** Every loaded document, imports included. */
  all: LangiumDocument[];
}

/** Why a file named on the command line cannot be checked, in plain words; undefined when it can. */
function unloadable(file: string, path: string): string | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return `${file}: no such file`;
  }
  if (stat.isDirectory()) return `${file}: is a folder; name the .moesys files in it (e.g. ${file.replace(/\/+$/, '')}/*.moesys)`;
  if (!stat.isFile()) return `${file}: not a regular file`;
  if (!file.toLowerCase().endsWith('.moesys')) return `${file}: not a .moesys file`;
  return undefined;
}

export async function loadFiles(files: readonly string[]): Promise<LoadedWorkspace> {
  const { moesys } = createMoesysServices(NodeFileSystem);
  const shared = moesys.shared;
  const langiumDocuments = shared.workspace.LangiumDocuments;
  const loaded = new Map<string, LangiumDocument>();
  const load = async (uri: URI): Promise<LangiumDocument> => {
    const known = loaded.get(uri.toString());
    if (known) return known;
    const document = await langiumDocuments.getOrCreateDocument(uri);
    await loadImportClosure(shared, document, loaded);
    return document;
  };
  const documents: LangiumDocument[] = [];
  for (const file of files) {
    const path = resolve(file);
    const problem = unloadable(file, path);
    if (problem) throw new Error(problem);
    documents.push(await load(URI.file(path)));
  }
  const all = [...loaded.values()];
  await shared.workspace.DocumentBuilder.build(all, { validation: true });
  return { services: moesys, documents, all };
}

/** `file:line:col: severity: message` (1-based line and column). */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const severity = diagnostic.severity === 1 ? 'error' : diagnostic.severity === 2 ? 'warning' : diagnostic.severity === 3 ? 'info' : 'hint';
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as { value: string }).value;
  return `${file}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}: ${severity}: ${message}`;
}
