/**
 * Semantic tokens: numbers and units (TextMate cannot tell a unit from a name), member names,
 * declarations and the references to them. A reference is drawn as what it names (`class`, like
 * the declaration and `extends`), not as a `variable`, which light themes colour almost as plain
 * text. Member names are `property`; package.json maps that to the scope of JSON keys so every
 * theme colours them.
 */
import { type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { MoesysServices } from '../moesys-module.js';

export class MoesysSemanticTokenProvider extends AbstractSemanticTokenProvider {
  constructor(services: MoesysServices) {
    super(services);
  }

  protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
    if (ast.isQuantity(node)) {
      acceptor({ node, property: 'number', type: SemanticTokenTypes.number });
      if (node.unit) acceptor({ node, property: 'unit', type: SemanticTokenTypes.type });
    } else if (ast.isProperty(node)) {
      acceptor({ node, property: 'name', type: SemanticTokenTypes.property });
    } else if (ast.isBlock(node)) {
      acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace });
    } else if (ast.isDeclaration(node)) {
      acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: 'declaration' });
      if (node.base) acceptor({ node, property: 'base', type: SemanticTokenTypes.class });
    } else if (ast.isTier(node)) {
      acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: 'declaration' });
    } else if (ast.isReferenceValue(node)) {
      acceptor({ node, property: 'ref', type: SemanticTokenTypes.class });
    } else if (ast.isEnumValue(node)) {
      acceptor({ node, property: 'value', type: SemanticTokenTypes.enumMember });
    } else if (ast.isVary(node)) {
      acceptor({ node, property: 'path', type: SemanticTokenTypes.property });
    }
  }
}
