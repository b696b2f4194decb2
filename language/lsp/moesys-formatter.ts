/**
 * Formatter: members one per line and indented, `name = value` with single spaces, units glued
 * to their `/` (`32 Tb/s`), one space between number and unit and around arithmetic. A block
 * written on one line (`{ a = 1; b = 2 }`) stays on one line. A `;` is kept only between two
 * members of one line; at the end of a line or before `}` it goes. Running it twice changes nothing.
 */
import { type AstNode, AstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

export class MoesysFormatter extends AbstractFormatter {
  protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
    const edits = [...super.doDocumentFormat(document, options, range), ...this.straySemicolons(document, range)];
    const offset = (edit: TextEdit) => document.textDocument.offsetAt(edit.range.start);
    return edits.sort((a, b) => offset(a) - offset(b));
  }

  /** Deletes each member's `;` that will end its line or comes right before `}`: it separates nothing. */
  private straySemicolons(document: LangiumDocument, range?: Range): TextEdit[] {
    const text = document.textDocument.getText();
    const from = range ? document.textDocument.offsetAt(range.start) : 0;
    const to = range ? document.textDocument.offsetAt(range.end) : text.length;
    const edits: TextEdit[] = [];
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
      if (!ast.isProperty(node) && !ast.isBlock(node) && !ast.isTier(node)) continue;
      const semicolon = node.$cstNode ? GrammarUtils.findNodeForKeyword(node.$cstNode, ';') : undefined;
      if (!semicolon || semicolon.offset < from || semicolon.end > to) continue;
      // A body over several lines gets one member per line (formatBody), so none of its `;` separates anything.
      if (isMultiLineBody(node.$container) || /^\s*\}/.test(text.slice(semicolon.end))) edits.push({ range: semicolon.range, newText: '' });
    }
    return edits;
  }

  protected format(node: AstNode): void {
    if (ast.isDocument(node)) {
      const formatter = this.getNodeFormatter(node);
      formatter.nodes(...node.imports, ...node.declarations).prepend(Formatting.noIndent());
    } else if (ast.isDeclaration(node) || ast.isBlock(node) || ast.isTier(node)) {
      this.formatBody(node);
    } else if (ast.isProperty(node)) {
      const formatter = this.getNodeFormatter(node);
      formatter.keyword('=').surround(Formatting.oneSpace());
      formatter.keyword(';').prepend(Formatting.noSpace());
    } else if (ast.isQuantity(node)) {
      const formatter = this.getNodeFormatter(node);
      formatter.keywords('/').surround(Formatting.noSpace());
      if (node.negative) formatter.keyword('-').append(Formatting.noSpace());
      if (node.unit) formatter.property('number').append(Formatting.oneSpace());
    } else if (ast.isBinaryExpression(node)) {
      this.getNodeFormatter(node).property('operator').surround(Formatting.oneSpace());
    } else if (ast.isParenthesizedExpression(node)) {
      const formatter = this.getNodeFormatter(node);
      formatter.keyword('(').append(Formatting.noSpace());
      formatter.keyword(')').prepend(Formatting.noSpace());
    } else if (ast.isListValue(node)) {
      const formatter = this.getNodeFormatter(node);
      formatter.keywords(',').prepend(Formatting.noSpace());
      const range = node.$cstNode?.range;
      // A list written over several lines keeps its layout (items per line, comments between them).
      if (range && range.start.line === range.end.line) {
        formatter.keyword('[').append(Formatting.noSpace());
        formatter.keyword(']').prepend(Formatting.noSpace());
        formatter.keywords(',').append(Formatting.oneSpace());
      }
    } else if (ast.isVary(node)) {
      const formatter = this.getNodeFormatter(node);
      formatter.keywords('.').surround(Formatting.noSpace());
      formatter.keywords('in', 'from', 'to', 'step', 'times').surround(Formatting.oneSpace());
    }
  }

  private formatBody(node: ast.Declaration | ast.Block | ast.Tier): void {
    const formatter = this.getNodeFormatter(node);
    const open = formatter.keyword('{');
    const close = formatter.keyword('}');
    if (ast.isDeclaration(node)) {
      formatter.property('name').prepend(Formatting.oneSpace());
      formatter.keyword('extends').surround(Formatting.oneSpace());
      formatter.keyword('=').surround(Formatting.oneSpace());
      formatter.keyword('preset').append(Formatting.oneSpace());
    } else if (ast.isTier(node)) {
      formatter.property('name').prepend(Formatting.oneSpace());
    }
    if (!ast.isDeclaration(node)) formatter.keyword(';').prepend(Formatting.noSpace());
    const openNode = open.nodes[0];
    const closeNode = close.nodes[0];
    if (!openNode || !closeNode) return;
    open.prepend(Formatting.oneSpace());
    if (openNode.range.start.line === closeNode.range.start.line) {
      // Keep short blocks on one line.
      if (node.members.length === 0) {
        open.append(Formatting.noSpace());
        return;
      }
      open.append(Formatting.oneSpace());
      close.prepend(Formatting.oneSpace());
      node.members.slice(1).forEach((member) => this.getNodeFormatter(member).node(member).prepend(Formatting.oneSpace()));
      return;
    }
    // `indent` puts each interior node on its own line; allowMore keeps blank lines between members.
    formatter.interior(open, close).prepend(Formatting.indent({ allowMore: true }));
    close.prepend(Formatting.newLine());
  }
}

/** Whether `node` is a declaration, block or tier whose `{` and `}` are on different lines. */
function isMultiLineBody(node: AstNode | undefined): boolean {
  if (!node?.$cstNode || !(ast.isDeclaration(node) || ast.isBlock(node) || ast.isTier(node))) return false;
  const open = GrammarUtils.findNodeForKeyword(node.$cstNode, '{');
  const close = GrammarUtils.findNodeForKeyword(node.$cstNode, '}');
  return !!open && !!close && open.range.start.line !== close.range.start.line;
}
