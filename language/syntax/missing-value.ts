/**
 * A member whose value is not written yet (`hiddenSize =` at the end of its line, as while typing):
 * the parser takes the next line's member name for the value (`hiddenSize = attentionHeads`) and
 * stops at that line's `=`. One root cause, so one error: the linker says the value is missing
 * (`missingValueMessage`); the parser's error at the `=` and the validator's "takes a number" on the
 * borrowed name are left out.
 */
import { type AstNode, CstUtils, GrammarUtils } from 'langium';
import type { IToken } from 'chevrotain';
import { isProperty, isReferenceValue, type Property, type ReferenceValue } from '../generated/ast.js';

/** The property left without a value when `value` is the next member's name, read across a line end. */
export function propertyMissingValue(value: AstNode | undefined): Property | undefined {
  if (!isReferenceValue(value) || !isProperty(value.$container)) return undefined;
  const property = value.$container;
  const equals = property.$cstNode && GrammarUtils.findNodeForKeyword(property.$cstNode, '=');
  const written = value.$cstNode;
  if (!equals || !written || written.range.start.line <= equals.range.end.line) return undefined;
  // The borrowed name starts a member of its own: `=` follows it on its line.
  return /^[ \t]*=(?!=)/.test(written.root.fullText.slice(written.end)) ? property : undefined;
}

export function missingValueMessage(value: ReferenceValue, property: Property): string {
  const line = (property.$cstNode?.range.start.line ?? 0) + 1;
  return `'${property.name} =' on line ${line} has no value: write it after the '='. Until then '${value.ref.$refText}' here is read as that value, not as a member.`;
}

/** The parser's error at the `=` after a name that `propertyMissingValue` explains. */
export function isAfterMissingValue(token: IToken, root: AstNode): boolean {
  const cst = root.$cstNode;
  if (token.image !== '=' || !cst) return false;
  const text = cst.root.fullText;
  let offset = token.startOffset - 1;
  while (offset >= 0 && /\s/.test(text[offset] ?? '')) offset--;
  if (offset < 0) return false;
  const leaf = CstUtils.findLeafNodeAtOffset(cst, offset);
  return propertyMissingValue(leaf?.astNode) !== undefined;
}
