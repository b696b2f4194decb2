/**
 * Scoping: a reference sees the declarations of its own file and of the files it imports
 * (transitively), filtered to the kind its property expects, so `gpu = x` never links to a
 * `link x` and completion only proposes gpus.
 */
import {
    type AstNode, type AstNodeDescription, AstUtils, DefaultScopeComputation, DefaultScopeProvider, type LocalSymbols, MultiMap, DocumentState, type LangiumDocument, type LangiumDocuments, MapScope, type ReferenceInfo, type Scope, URI, UriUtils, WorkspaceCache,
} from 'langium';
import { Declaration, type Document, isDeclaration } from './generated/ast.js';
import type { MoesysServices } from './moesys-module.js';
import { propertyOfValue, propertySpecOf } from './schema-lookup.js';
import type { DeclarationKind } from './schema.js';

export class MoesysScopeProvider extends DefaultScopeProvider {
    private readonly documents: LangiumDocuments;
    /**
     * One hashed scope per (document, expected kind), rebuilt whenever the index changes: a
     * document references hundreds of names, and a linear scope per reference would be quadratic.
     */
    private readonly scopes: WorkspaceCache<string, Scope>;

    constructor(services: MoesysServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.scopes = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
    }

    override getScope(context: ReferenceInfo): Scope {
        return this.declarationsVisibleFrom(AstUtils.getDocument(context.container), expectedKind(context));
    }

    /** Declarations a document sees, of one kind or (undefined) of every kind. */
    declarationsVisibleFrom(document: LangiumDocument, expected: DeclarationKind | undefined): Scope {
        return this.scopes.get(`${document.uri.toString()}|${expected ?? ''}`, () => {
            const uris = visibleDocumentUris(document.uri, this.documents);
            const elements = this.indexManager.allElements(Declaration.$type, uris)
                .filter((description) => matchesKind(description, expected));
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

/** Resolves an import path against the importing document. */
export function resolveImport(from: URI, path: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(from), path);
}

/** The document itself and every document reachable through its imports. */
export function visibleDocumentUris(start: URI, documents: LangiumDocuments): Set<string> {
    const visible = new Set<string>();
    const pending = [start];
    while (pending.length > 0) {
        const uri = pending.pop()!;
        const key = uri.toString();
        if (visible.has(key)) continue;
        visible.add(key);
        const root = documents.hasDocument(uri) ? documents.getDocument(uri)?.parseResult.value as Document | undefined : undefined;
        for (const imported of root?.imports ?? []) {
            if (imported.path) pending.push(resolveImport(uri, imported.path));
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
