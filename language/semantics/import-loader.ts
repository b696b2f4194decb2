/**
 * Loads imported files the workspace scan did not (a file opened without a folder, an import
 * of a file not yet open), then rebuilds the importers so their references resolve. The language
 * server registers it; the CLI loads imports itself with the same rules (`loadableImport`).
 *
 * What an import may reach is decided by `importRefusal` (moesys-scope.ts) before any I/O; what
 * it then finds (a folder, a device, a file too large) by `loadableImport`. Each refusal is kept
 * in `importRefusals` and reported by the validator on the import's string.
 */
import { DocumentState, type FileSystemProvider, type LangiumDocument, type URI } from 'langium';
import type { LangiumSharedCoreServices } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Document } from '../generated/ast.js';
import { importRefusal, resolveImport, workspaceFolderUris } from './moesys-scope.js';

/** The largest file an import loads (the 3,000-line benchmark file is 150 kB). */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

const refusalsByServices = new WeakMap<object, Map<string, string>>();

/** Why a loaded import target could not be used, by target URI (filled by the loaders, read by the validator). */
export function importRefusals(shared: LangiumSharedCoreServices): Map<string, string> {
  let refusals = refusalsByServices.get(shared);
  if (!refusals) {
    refusals = new Map();
    refusalsByServices.set(shared, refusals);
  }
  return refusals;
}

/**
 * Whether `uri` can be loaded as an import: it exists, is a regular file (not a folder, a device
 * such as /dev/zero, or a pipe) and is at most MAX_IMPORT_BYTES. 'missing', 'ok', or the reason.
 */
export async function loadableImport(fileSystem: FileSystemProvider, uri: URI, shown: string): Promise<'missing' | 'ok' | string> {
  let stat;
  try {
    stat = await fileSystem.stat(uri);
  } catch {
    return 'missing';
  }
  if (stat.isDirectory) return `'${shown}' is a folder; an import names a .moesys file.`;
  if (!stat.isFile) return `'${shown}' is not a regular file; an import names a .moesys file.`;
  try {
    const content = await fileSystem.readFile(uri);
    if (content.length > MAX_IMPORT_BYTES) return `'${shown}' is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; an import loads at most that.`;
  } catch {
    return `'${shown}' cannot be read.`;
  }
  return 'ok';
}

/**
 * Loads `document`'s imports and theirs, from the file system, into `loaded` (by URI) and the
 * services' documents: what the CLI does for the files it is given, and the server for a baseline
 * text (server/preview-baseline.ts). A refused import is not read; a file that cannot be used is
 * recorded in `importRefusals` for the validator.
 */
export async function loadImportClosure(
  shared: LangiumSharedCoreServices,
  document: LangiumDocument,
  loaded: Map<string, LangiumDocument>,
  workspaceFolders: readonly URI[] = [],
): Promise<void> {
  loaded.set(document.uri.toString(), document);
  const refusals = importRefusals(shared);
  for (const imported of (document.parseResult.value as Document).imports ?? []) {
    if (typeof imported.path !== 'string' || importRefusal(document.uri, imported.path, workspaceFolders)) continue;
    const target = resolveImport(document.uri, imported.path);
    if (loaded.has(target.toString())) continue;
    const verdict = await loadableImport(shared.workspace.FileSystemProvider, target, imported.path);
    if (verdict === 'ok') await loadImportClosure(shared, await shared.workspace.LangiumDocuments.getOrCreateDocument(target), loaded, workspaceFolders);
    else if (verdict !== 'missing') refusals.set(target.toString(), verdict);
  }
}

export function loadImportsOnDemand(shared: LangiumSharedServices): void {
  const documents = shared.workspace.LangiumDocuments;
  const fileSystem = shared.workspace.FileSystemProvider;
  const refusals = importRefusals(shared);
  const attempted = new Set<string>();
  shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, (built: LangiumDocument[]) => {
    const missing: Array<{ uri: URI; path: string }> = [];
    const folders = workspaceFolderUris(shared.workspace.WorkspaceManager);
    for (const document of built) {
      for (const imported of (document.parseResult.value as Document).imports ?? []) {
        if (typeof imported.path !== 'string' || importRefusal(document.uri, imported.path, folders)) continue;
        const target = resolveImport(document.uri, imported.path);
        const key = target.toString();
        if (documents.hasDocument(target) || attempted.has(key)) continue;
        attempted.add(key);
        missing.push({ uri: target, path: imported.path });
      }
    }
    if (missing.length === 0) return;
    // Load after this build has finished: an update inside a build phase would wait for itself.
    setTimeout(
      () =>
        void load(
          missing,
          built.map((document) => document.uri),
        ),
      0,
    );
  });

  async function load(missing: Array<{ uri: URI; path: string }>, importers: URI[]): Promise<void> {
    const loaded: URI[] = [];
    let refused = false;
    for (const { uri, path } of missing) {
      try {
        const verdict = await loadableImport(fileSystem, uri, path);
        if (verdict === 'ok') {
          await documents.getOrCreateDocument(uri);
          loaded.push(uri);
        } else if (verdict !== 'missing') {
          refusals.set(uri.toString(), verdict);
          refused = true;
        }
      } catch {
        // Not readable (or no file system, in the browser): the import stays unresolved and is reported.
      }
    }
    if (loaded.length > 0 || refused) {
      // Rebuild the importers too: their references and import checks depend on the new files.
      await shared.workspace.DocumentBuilder.update([...loaded, ...importers.filter((uri) => documents.hasDocument(uri))], []);
    }
  }
}
