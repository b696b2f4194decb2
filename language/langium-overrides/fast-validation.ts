/**
 * Langium overrides: validation without two promises per check per node.
 *
 * Written against langium 4.4.0. Replaces `ValidationRegistry.wrapValidationException` (a check
 * that throws gives no diagnostic but one logged internal failure, see ../internal-failures.ts),
 * `ValidationRegistry.addEntry` (to reset the cached check lists) and
 * `DefaultDocumentValidator.validateAstNodes` (the nodes of the shared walk, in streamAst order,
 * when `validateSingleNodeOptions` is Langium's own; otherwise the same pruning walk it does).
 * Contract: identical diagnostics with and without these overrides (test/language/langium-overrides.test.ts).
 */
import {
  type AstNode,
  DefaultDocumentValidator,
  interruptAndCheck,
  isOperationCancelled,
  type ValidationAcceptor,
  type ValidationCategory,
  type ValidationCheck,
  ValidationRegistry,
  type ValidationOptions,
} from 'langium';
import { reportInternalFailure } from '../analysis/internal-failures.js';
import { CancellationToken, contentsOf, needsCheck, pushChildren } from './ast-contents.js';
import { MoesysDocumentValidator } from '../lsp/missing-imports.js';

type Check = ValidationCheck;

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
        return Promise.resolve(result).then(
          () => undefined,
          (error) => fail(error, node, accept),
        );
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

export class FastDocumentValidator extends MoesysDocumentValidator {
  protected override async validateAstNodes(
    rootNode: AstNode,
    options: ValidationOptions,
    acceptor: ValidationAcceptor,
    cancelToken = CancellationToken.None,
  ): Promise<void> {
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
