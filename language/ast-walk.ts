/**
 * Cheaper whole-document passes for large files. Langium's linker, reference indexer and
 * validator each walk the AST with `streamAst` (a lazy stream that allocates an iterator per node)
 * and await `interruptAndCheck` plus every check per node. On a 3,000-line file those walks and
 * promises were a third of the time between an edit and its diagnostics. The overrides below
 * visit the same nodes and references in the same order (pre-order, properties in key order,
 * array elements in order), still give way to the event loop and honour cancellation, but only
 * await where something is actually asynchronous.
 */
import {
    type AstNode, Cancellation, DefaultDocumentValidator, DefaultLinker, DefaultReferenceDescriptionProvider,
    type LangiumDocument, type ReferenceDescription, type ReferenceInfo, type ValidationAcceptor, type ValidationCategory,
    type ValidationCheck, ValidationRegistry, type ValidationOptions, interruptAndCheck, isOperationCancelled,
} from 'langium';

type CancellationToken = Cancellation.CancellationToken;
const CancellationToken = Cancellation.CancellationToken;

/** How many nodes to visit between two `interruptAndCheck` calls (each costs a promise). */
const CHECK_EVERY = 256;

function isAstNodeLike(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

function isReferenceLike(value: unknown): boolean {
    return typeof value === 'object' && value !== null && typeof (value as { $refText?: unknown }).$refText === 'string'
        && ('ref' in value || 'items' in value);
}

/** Direct children of a node, in the order `streamContents` yields them. */
export function pushChildren(node: AstNode, into: AstNode[]): void {
    const record = node as unknown as Record<string, unknown>;
    for (const key of Object.keys(record)) {
        if (key.charCodeAt(0) === 36 /* $ */) continue;
        const value = record[key];
        if (isAstNodeLike(value)) {
            into.push(value);
        } else if (Array.isArray(value)) {
            for (const element of value) if (isAstNodeLike(element)) into.push(element);
        }
    }
}

/** Every node of the tree rooted at `root`, root first, in `streamAst` order. */
export function allNodes(root: AstNode): AstNode[] {
    const result: AstNode[] = [];
    const stack: AstNode[] = [root];
    const children: AstNode[] = [];
    while (stack.length > 0) {
        const node = stack.pop()!;
        result.push(node);
        children.length = 0;
        pushChildren(node, children);
        for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
    }
    return result;
}

/** Cross-references held by a node, in the order `streamReferences` yields them. */
export function forEachReference(node: AstNode, action: (info: ReferenceInfo) => void): void {
    const record = node as unknown as Record<string, unknown>;
    for (const property of Object.keys(record)) {
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value = record[property];
        if (isReferenceLike(value)) {
            action({ reference: value, container: node, property } as ReferenceInfo);
        } else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                if (isReferenceLike(value[index])) action({ reference: value[index], container: node, property, index } as ReferenceInfo);
            }
        }
    }
}

/**
 * Whether to await `interruptAndCheck` before the `counter`th node: at once when cancelled (it
 * throws), else every CHECK_EVERY nodes so the event loop still gets its turn; never for None.
 */
function needsCheck(counter: number, token: CancellationToken): boolean {
    return token !== CancellationToken.None && (token.isCancellationRequested || counter % CHECK_EVERY === 0);
}

/**
 * The nodes and cross-references of a parsed document, collected once by the linker and reused
 * when the document's references are indexed and when it is validated. Keyed by the AST root,
 * which a re-parse replaces; linking (and unlinking) only set the references' targets, never
 * which nodes or references there are.
 */
interface Contents { nodes: AstNode[]; references: ReferenceInfo[] }
const contentsByRoot = new WeakMap<AstNode, Contents>();

export function contentsOf(root: AstNode): Contents {
    let contents = contentsByRoot.get(root);
    if (!contents) {
        const nodes = allNodes(root);
        const references: ReferenceInfo[] = [];
        for (const node of nodes) forEachReference(node, (info) => references.push(info));
        contents = { nodes, references };
        contentsByRoot.set(root, contents);
    }
    return contents;
}

export class FastLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        const { references } = contentsOf(document.parseResult.value);
        for (let index = 0; index < references.length; index++) {
            if (needsCheck(index, cancelToken)) await interruptAndCheck(cancelToken);
            this.doLink(references[index], document);
        }
    }
}

export class FastReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const { references } = contentsOf(document.parseResult.value);
        for (let index = 0; index < references.length; index++) {
            if (needsCheck(index, cancelToken)) await interruptAndCheck(cancelToken);
            const info = references[index];
            if (!info.reference.error) {
                for (const description of this.createInfoDescriptions(info)) descriptions.push(description);
            }
        }
        return descriptions;
    }
}

type Check = ValidationCheck;

/** Listeners told of every internal failure (tests assert there are none). */
export const internalFailureListeners = new Set<(where: string, error: unknown) => void>();
const loggedFailures = new Set<string>();

/** Logs an internal failure once per distinct message (never a stack trace per edit) and tells the listeners. */
export function reportInternalFailure(where: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const key = `${where}: ${message}`.slice(0, 500);
    if (!loggedFailures.has(key) && loggedFailures.size < 100) {
        loggedFailures.add(key);
        console.error(`moesys internal error in ${key}`);
    }
    for (const listener of internalFailureListeners) listener(where, error);
}

/**
 * Checks run synchronously when they are synchronous (all of ours are): Langium wraps each one
 * in two async functions, two promises per check per node. Errors are handled exactly as
 * `handleException` does. Check lists are looked up once per node type and category set.
 */
export class FastValidationRegistry extends ValidationRegistry {
    /** Check lists by category set (undefined means all), then by node type. */
    private checkLists = new Map<string | undefined, Map<string, Check[]>>();

    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        // A check that throws is a bug of moesys, not a problem of the user's file: it gets no
        // diagnostic (Langium's "An error occurred during validation: Cannot read properties…" says
        // nothing a user can act on), one line on stderr per distinct failure, and the listeners
        // the fuzz tests register. The other checks of the node still run.
        const fail = (error: unknown, node: AstNode, _accept: ValidationAcceptor) => {
            if (isOperationCancelled(error)) throw error;
            reportInternalFailure(`check of ${node.$type}`, error);
        };
        return (node, accept, cancelToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                fail(error, node, accept);
                return undefined;
            }
            if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
                return Promise.resolve(result).then(() => undefined, (error) => fail(error, node, accept));
            }
            return undefined;
        };
    }

    protected override addEntry(type: string, entry: Parameters<ValidationRegistry['addEntry']>[1]): void {
        this.checkLists = new Map();
        super.addEntry(type, entry);
    }

    /** The checks of each node type for one category set, each list computed once. */
    checksFor(categories: ValidationCategory[] | undefined): (type: string) => readonly Check[] {
        const key = categories?.join(',');
        let byType = this.checkLists.get(key);
        if (!byType) {
            byType = new Map();
            this.checkLists.set(key, byType);
        }
        const lists = byType;
        return (type) => {
            let checks = lists.get(type);
            if (!checks) {
                checks = this.getChecks(type, categories).toArray();
                lists.set(type, checks);
            }
            return checks;
        };
    }
}

/** Langium's own `validateSingleNodeOptions`: validate every node and its children. */
const DEFAULT_NODE_OPTIONS = (DefaultDocumentValidator.prototype as unknown as { validateSingleNodeOptions: unknown }).validateSingleNodeOptions;

export class FastDocumentValidator extends DefaultDocumentValidator {
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = CancellationToken.None): Promise<void> {
        const registry = this.validationRegistry;
        if (this.profiler?.isActive('validating') || !(registry instanceof FastValidationRegistry)) {
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        }
        const checksOf = registry.checksFor(options.categories);
        if (this.validateSingleNodeOptions === DEFAULT_NODE_OPTIONS) {
            // Every node, none pruned: the list the linker already collected, in the same order.
            const { nodes } = contentsOf(rootNode);
            for (let index = 0; index < nodes.length; index++) {
                if (needsCheck(index, cancelToken)) await interruptAndCheck(cancelToken);
                const node = nodes[index];
                for (const check of checksOf(node.$type)) {
                    const pending = check(node, acceptor, cancelToken);
                    if (pending) await pending;
                }
            }
            return;
        }
        const stack: AstNode[] = [rootNode];
        const children: AstNode[] = [];
        let visited = 0;
        while (stack.length > 0) {
            const node = stack.pop()!;
            if (needsCheck(visited++, cancelToken)) await interruptAndCheck(cancelToken);
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                for (const check of checksOf(node.$type)) {
                    const pending = check(node, acceptor, cancelToken);
                    if (pending) await pending;
                }
            }
            if (nodeOptions.validateChildren) {
                children.length = 0;
                pushChildren(node, children);
                for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
            }
        }
    }
}
