/**
 * Langium overrides: one walk of a document's nodes and references, shared by linking, reference
 * indexing and validation (see fast-linking.ts and fast-validation.ts).
 *
 * Written against langium 4.4.0. Re-implements the order of `AstUtils.streamAst` (pre-order,
 * properties in key order, array elements in order) and `AstUtils.streamReferences` (per node,
 * properties in key order) without their lazy streams, which allocate an iterator per node.
 * Contract (test/language/langium-overrides.test.ts): the same nodes and references in the same
 * order as Langium's streams over every example and a fuzz corpus.
 */
import { type AstNode, Cancellation, type ReferenceInfo } from 'langium';

export type CancellationToken = Cancellation.CancellationToken;
export const CancellationToken = Cancellation.CancellationToken;

/** How many nodes to visit between two `interruptAndCheck` calls (each costs a promise). */
const CHECK_EVERY = 256;

function isAstNodeLike(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

function isReferenceLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { $refText?: unknown }).$refText === 'string' && ('ref' in value || 'items' in value);
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
export function needsCheck(counter: number, token: CancellationToken): boolean {
  return token !== CancellationToken.None && (token.isCancellationRequested || counter % CHECK_EVERY === 0);
}

/**
 * The nodes and cross-references of a parsed document, collected once by the linker and reused
 * when the document's references are indexed and when it is validated. Keyed by the AST root,
 * which a re-parse replaces; linking (and unlinking) only set the references' targets, never
 * which nodes or references there are.
 */
interface Contents {
  nodes: AstNode[];
  references: ReferenceInfo[];
}
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
