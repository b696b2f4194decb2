/** Outline: declarations with their kind, and their tiers and blocks; plain members are left out. */
import type { AstNode, LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { MoesysServices } from '../moesys-module.js';

const KIND_SYMBOLS: Record<string, SymbolKind> = {
  gpu: SymbolKind.Object,
  link: SymbolKind.Interface,
  switch: SymbolKind.Object,
  system: SymbolKind.Module,
  model: SymbolKind.Class,
  training: SymbolKind.Struct,
  scenario: SymbolKind.Function,
  compare: SymbolKind.Event,
  sweep: SymbolKind.Event,
  search: SymbolKind.Event,
};

export class MoesysDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
  constructor(services: MoesysServices) {
    super(services);
  }

  protected override getSymbol(document: LangiumDocument, node: AstNode): DocumentSymbol[] {
    if (ast.isProperty(node) || ast.isVary(node)) return [];
    const symbols = super.getSymbol(document, node);
    for (const symbol of symbols) {
      if (ast.isDeclaration(node)) {
        symbol.kind = KIND_SYMBOLS[node.kind] ?? SymbolKind.Object;
        symbol.detail = node.kind;
      } else if (ast.isTier(node)) {
        symbol.kind = SymbolKind.Namespace;
        symbol.detail = 'tier';
      } else if (ast.isBlock(node)) {
        symbol.kind = SymbolKind.Namespace;
      }
    }
    return symbols;
  }
}
