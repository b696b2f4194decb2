/**
 * The effective members of a declaration after `extends` and scenario overrides: later writers
 * win, nested blocks and tiers merge by name. Lowering and the "missing property" check read
 * this tree instead of the raw AST.
 */
import type { AstNode } from 'langium';
import { type Declaration, isBlock, isProperty, isTier, type Member, type Property } from '../generated/ast.js';

export interface MemberTree {
  properties: Map<string, Property>;
  blocks: Map<string, MemberTree>;
  /** Tiers in the order they were first declared. */
  tiers: Map<string, MemberTree>;
  /** The node that introduced this tree (declaration, block or tier). */
  node: AstNode;
  /** Preset the declaration (or one it extends) starts from. */
  preset?: { name: string; declaration: Declaration };
}

export function emptyTree(node: AstNode): MemberTree {
  return { properties: new Map(), blocks: new Map(), tiers: new Map(), node };
}

export function overlayMembers(tree: MemberTree, members: readonly Member[]): void {
  for (const member of members) {
    if (isProperty(member)) {
      tree.properties.set(member.name, member);
    } else if (isBlock(member)) {
      const nested = tree.blocks.get(member.name) ?? emptyTree(member);
      overlayMembers(nested, member.members);
      tree.blocks.set(member.name, nested);
    } else if (isTier(member)) {
      const nested = tree.tiers.get(member.name) ?? emptyTree(member);
      overlayMembers(nested, member.members);
      tree.tiers.set(member.name, nested);
    }
  }
}

/** Overlays `source` onto `target`, deeply. */
export function mergeTrees(target: MemberTree, source: MemberTree): void {
  for (const [name, property] of source.properties) target.properties.set(name, property);
  for (const [key, map] of [
    ['blocks', source.blocks],
    ['tiers', source.tiers],
  ] as const) {
    for (const [name, nested] of map) {
      const existing = target[key].get(name);
      if (existing) mergeTrees(existing, nested);
      else target[key].set(name, cloneTree(nested));
    }
  }
  if (source.preset) target.preset = source.preset;
}

function cloneTree(tree: MemberTree): MemberTree {
  const copy = emptyTree(tree.node);
  mergeTrees(copy, tree);
  copy.preset = tree.preset;
  return copy;
}

/**
 * The declaration's own members on top of its base chain. A cycle in `extends` stops the walk
 * (the validator reports it).
 */
export function declarationTree(declaration: Declaration, visiting: Set<Declaration> = new Set()): MemberTree {
  const tree = emptyTree(declaration);
  if (visiting.has(declaration)) return tree;
  visiting.add(declaration);
  const base = declaration.base?.ref;
  if (base && base.kind === declaration.kind) mergeTrees(tree, declarationTree(base, visiting));
  if (declaration.preset !== undefined) tree.preset = { name: declaration.preset, declaration };
  overlayMembers(tree, declaration.members);
  tree.node = declaration;
  return tree;
}

/** Where the `extends` chain ends: its last declaration, and whether the chain came back on itself instead. */
function endOfExtends(declaration: Declaration): { last: Declaration; cycle: boolean } {
  const seen = new Set<Declaration>([declaration]);
  let last = declaration;
  for (let next = declaration.base?.ref; next; next = next.base?.ref) {
    if (seen.has(next)) return { last, cycle: true };
    seen.add(next);
    last = next;
  }
  return { last, cycle: false };
}

/** True when `extends` leads back to the declaration itself. */
export function extendsCycle(declaration: Declaration): boolean {
  return endOfExtends(declaration).cycle;
}

/** True when a declaration of the `extends` chain names a base that does not resolve (its linking error says so). */
export function hasUnresolvedBase(declaration: Declaration): boolean {
  const { last, cycle } = endOfExtends(declaration);
  return !cycle && last.base !== undefined;
}
