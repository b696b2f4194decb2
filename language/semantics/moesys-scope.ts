/**
 * Scoping: a reference sees the declarations of its own file and of the files it imports
 * (transitively), filtered to the kind its property expects, so `gpu = x` never links to a
 * `link x` and completion only proposes gpus.
 */
import {
  type AstNode,
  type AstNodeDescription,
  AstUtils,
  DefaultScopeComputation,
  DefaultScopeProvider,
  type LocalSymbols,
  MultiMap,
  DocumentState,
  type LangiumDocument,
  type LangiumDocuments,
  MapScope,
  type ReferenceInfo,
  type Scope,
  URI,
  UriUtils,
  WorkspaceCache,
} from 'langium';
import { Declaration, type Document, isDeclaration } from '../generated/ast.js';
import type { MoesysServices } from '../moesys-module.js';
import { propertyOfValue, propertySpecOf } from './schema-lookup.js';
import type { DeclarationKind } from './schema.js';

export class MoesysScopeProvider extends DefaultScopeProvider {
  private readonly documents: LangiumDocuments;
  private readonly workspace: { readonly workspaceFolders?: ReadonlyArray<{ uri: string }> };
  /**
   * One hashed scope per (document, expected kind), rebuilt whenever the index changes: a
   * document references hundreds of names, and a linear scope per reference would be quadratic.
   */
  private readonly scopes: WorkspaceCache<string, Scope>;

  constructor(services: MoesysServices) {
    super(services);
    this.documents = services.shared.workspace.LangiumDocuments;
    this.workspace = services.shared.workspace.WorkspaceManager;
    this.scopes = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
  }

  override getScope(context: ReferenceInfo): Scope {
    return this.declarationsVisibleFrom(AstUtils.getDocument(context.container), expectedKind(context));
  }

  /** Declarations a document sees, of one kind or (undefined) of every kind. */
  declarationsVisibleFrom(document: LangiumDocument, expected: DeclarationKind | undefined): Scope {
    return this.scopes.get(`${document.uri.toString()}|${expected ?? ''}`, () => {
      const uris = visibleDocumentUris(document.uri, this.documents, workspaceFolderUris(this.workspace));
      const elements = this.indexManager.allElements(Declaration.$type, uris).filter((description) => matchesKind(description, expected));
      return new MapScope(elements);
    });
  }
}

function matchesKind(description: AstNodeDescription, expected: DeclarationKind | undefined): boolean {
  return !expected || !isDeclaration(description.node) || description.node.kind === expected;
}

/** The declaration kind a reference must point at, from its property's schema or `extends`. */
export function expectedKind(context: ReferenceInfo): DeclarationKind | undefined {
  const container = context.container;
  if (isDeclaration(container) && context.property === 'base') return container.kind as DeclarationKind;
  const property = propertyOfValue(container);
  const type = property ? propertySpecOf(property)?.type : undefined;
  return type && (type.kind === 'reference' || type.kind === 'references') ? type.target : undefined;
}

/** Resolves an import path against the importing document (same scheme and authority: its own file system). */
export function resolveImport(from: URI, path: string): URI {
  return UriUtils.resolvePath(UriUtils.dirname(from), path);
}

/**
 * What an import may reach (docs/LANGUAGE.md, "Imports"): a `.moesys` file, named by a path
 * relative to the importing file, in the importing file's own file system (a `vscode-vfs:`
 * document imports from its repository, never from the local disk), and, when the importing
 * file is inside a workspace folder, inside the workspace. The reason an import is refused, in
 * the user's words, or undefined when it may be loaded.
 */
export function importRefusal(from: URI, path: string, workspaceFolders: readonly URI[] = []): string | undefined {
  if (path.trim() === '') return 'An import needs the name of a .moesys file, e.g. `import "hardware.moesys"`.';
  if (/^[a-z][\w+.-]*:/i.test(path)) return `An import is a path relative to this file, not a URI or a drive ('${shortPath(path)}').`;
  if (/^[\\/~]/.test(path)) return `An import is a path relative to this file; '${shortPath(path)}' is absolute.`;
  if (!path.toLowerCase().endsWith('.moesys')) {
    const name = path.replace(/[\\/]+$/, '');
    return /(^|[\\/])[^.\\/]+$/.test(name) && name !== '..' && name !== '.'
      ? `Only .moesys files can be imported: write '${shortPath(name)}.moesys'.`
      : `Only .moesys files can be imported; '${shortPath(path)}' is not one.`;
  }
  const home = workspaceFolders.find((folder) => isInside(from, folder));
  if (home && !workspaceFolders.some((folder) => isInside(resolveImport(from, path), folder))) {
    return `'${shortPath(path)}' is outside the workspace: an import may only reach files in the workspace's folders.`;
  }
  return undefined;
}

function isInside(uri: URI, folder: URI): boolean {
  if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return false;
  const root = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return uri.path.startsWith(root);
}

function shortPath(path: string): string {
  return path.length > 60 ? `${path.slice(0, 59)}…` : path;
}

/** The workspace folders the client opened (none for the CLI, or a file opened on its own). */
export function workspaceFolderUris(workspace: { readonly workspaceFolders?: ReadonlyArray<{ uri: string }> }): URI[] {
  return (workspace.workspaceFolders ?? []).map((folder) => URI.parse(folder.uri));
}

/** The document itself and every document reachable through its (allowed) imports. */
export function visibleDocumentUris(start: URI, documents: LangiumDocuments, workspaceFolders: readonly URI[] = []): Set<string> {
  const visible = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const uri = pending.pop()!;
    const key = uri.toString();
    if (visible.has(key)) continue;
    visible.add(key);
    const root = documents.hasDocument(uri) ? (documents.getDocument(uri)?.parseResult.value as Document | undefined) : undefined;
    for (const imported of root?.imports ?? []) {
      // A refused import makes nothing visible, even when the file it names is loaded.
      if (typeof imported.path === 'string' && !importRefusal(uri, imported.path, workspaceFolders)) pending.push(resolveImport(uri, imported.path));
    }
  }
  return visible;
}

/**
 * Every reference resolves against top-level declarations (see MoesysScopeProvider), so the
 * per-node local symbol tables Langium builds by default would be pure cost on large files.
 */
export class MoesysScopeComputation extends DefaultScopeComputation {
  override async collectLocalSymbols(): Promise<LocalSymbols> {
    return new MultiMap<AstNode, AstNodeDescription>();
  }
}
