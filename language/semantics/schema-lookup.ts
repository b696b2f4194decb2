/**
 * Finds the schema that applies to an AST node by walking up its containers:
 * declaration kind → nested blocks → property.
 */
import type { AstNode } from 'langium';
import { type Block, type Declaration, isBlock, isDeclaration, isDocument, isProperty, isTier, type Property, type Tier } from '../generated/ast.js';
import { type BlockSpec, DECLARATION_SCHEMAS, type DeclarationKind, findBlock, findProperty, type PropertySpec } from './schema.js';

export type MemberContainer = Declaration | Block | Tier;

export function isMemberContainer(node: AstNode | undefined): node is MemberContainer {
  return isDeclaration(node) || isBlock(node) || isTier(node);
}

/** The schema of a declaration, block or tier; undefined where no member is allowed. */
export function blockSpecOf(container: MemberContainer): BlockSpec | undefined {
  if (isDeclaration(container)) return DECLARATION_SCHEMAS[container.kind as DeclarationKind];
  const outer = container.$container;
  if (!isMemberContainer(outer)) return undefined;
  const outerSpec = blockSpecOf(outer);
  if (!outerSpec) return undefined;
  return isTier(container) ? outerSpec.tier : findBlock(outerSpec, container.name);
}

export function propertySpecOf(property: Property): PropertySpec | undefined {
  const container = property.$container;
  const spec = isMemberContainer(container) ? blockSpecOf(container) : undefined;
  return spec ? findProperty(spec, property.name) : undefined;
}

/** The property a value node is assigned to (through lists), if any. */
export function propertyOfValue(node: AstNode): Property | undefined {
  let current: AstNode | undefined = node;
  while (current && !isDocument(current)) {
    if (isProperty(current)) return current;
    if (isMemberContainer(current)) return undefined;
    current = current.$container;
  }
  return undefined;
}

/** The top-level declaration that contains a node. */
export function declarationOf(node: AstNode): Declaration | undefined {
  let current: AstNode | undefined = node;
  while (current && !isDeclaration(current)) current = current.$container;
  return current;
}

/** Dotted path of blocks from the declaration to a container, e.g. `scenario.model.moe`. */
export function containerPath(container: MemberContainer): string {
  if (isDeclaration(container)) return container.kind;
  const outer = container.$container;
  const prefix = isMemberContainer(outer) ? containerPath(outer) : '';
  return `${prefix}.${isTier(container) ? `tier ${container.name ?? ''}`.trim() : (container.name ?? '')}`;
}

/**
 * Where a property written in the wrong block belongs, as the text that writes it there: `gpu NAME {
 * hbmCapacity = … }` (named by the system's `gpu = NAME`), a scenario's `assumptions {
 * computeEfficiency = … }`. The declarations' own members come first, then their nested blocks and
 * tiers; undefined when no block has it.
 */
export function homeOfProperty(name: string, here?: BlockSpec): string | undefined {
  const declarations = Object.entries(DECLARATION_SCHEMAS) as [DeclarationKind, BlockSpec][];
  for (const [kind, spec] of declarations) {
    if (!findProperty(spec, name)) continue;
    // The block written in names that declaration (a system's `gpu = NAME`): say so.
    const reference = here?.properties.find((p) => p.type.kind === 'reference' && p.type.target === kind);
    return `a ${kind} declaration: \`${kind} NAME { ${name} = … }\`${reference ? `, named here by \`${reference.name} = NAME\`` : ''}`;
  }
  for (const [kind, spec] of declarations) {
    if (spec.tier && findProperty(spec.tier, name)) return `a ${kind}'s tier: \`tier NAME { ${name} = … }\``;
    const nested = spec.blocks?.find((block) => findProperty(block, name) && !(block.name in DECLARATION_SCHEMAS));
    if (nested) return `a ${kind}'s \`${nested.name} { ${name} = … }\` block`;
  }
  return undefined;
}
