/**
 * Checks of the file's structure that the grammar cannot express:
 * - a tier or block written twice in one place (`tier scale-up { … }` twice in a system, two
 *   `moe { … }` in a model). The lowering would merge them silently, the second one's members
 *   overriding the first's; say so on the second, pointing at the first;
 * - a `{` never closed. The parser reports where it gave up, often far below; this names the
 *   `{` that is still open, what it opens, and where its `}` probably belongs.
 */
import { AstUtils, GrammarUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { type Block, type Declaration, type Document, isBlock, isDeclaration, isTier, type MoesysAstType, type Tier } from '../generated/ast.js';
import type { MoesysServices } from '../moesys-module.js';

export const DUPLICATE_TIER = 'duplicate-tier';
export const DUPLICATE_BLOCK = 'duplicate-block';
export const UNCLOSED_BRACE = 'unclosed-brace';

function where(container: Declaration | Block | Tier): string {
  if (isDeclaration(container)) return `${container.kind} '${container.name}'`;
  return isTier(container) ? `tier '${container.name}'` : `'${container.name} { … }'`;
}

export function checkDuplicateTiersAndBlocks(container: Declaration | Block | Tier, accept: ValidationAcceptor): void {
  const seen = new Map<string, Tier | Block>();
  for (const member of container.members) {
    if (!isTier(member) && !isBlock(member)) continue;
    if (member.name === undefined) continue;
    const key = `${member.$type}|${member.name}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, member);
      continue;
    }
    const firstName = first.$cstNode ? GrammarUtils.findNodeForProperty(first.$cstNode, 'name') : undefined;
    const firstLine = (firstName ?? first.$cstNode)?.range.start.line;
    const relatedInformation = firstName
      ? [{ location: { uri: AstUtils.getDocument(first).uri.toString(), range: firstName.range }, message: 'First written here' }]
      : [];
    const code = isTier(member) ? DUPLICATE_TIER : DUPLICATE_BLOCK;
    const message = isTier(member)
      ? `Tier '${member.name}' is written twice in ${where(container)}${firstLine !== undefined ? ` (first on line ${firstLine + 1})` : ''}; merge the two into one block, or give this tier another name.`
      : `'${member.name} { … }' is written twice in ${where(container)}${firstLine !== undefined ? ` (first on line ${firstLine + 1})` : ''}; merge the two into one.`;
    accept('error', message, { node: member, property: 'name', code, data: { code }, relatedInformation });
  }
}

/** Offsets of every `{` without its `}`, outside strings and comments. */
export function unclosedBraces(text: string): number[] {
  const open: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      const end = text.slice(index + 1).search(/(?<!\\)["\n]/);
      index = end < 0 ? text.length : index + 1 + end;
    } else if (char === '/' && text[index + 1] === '/') {
      const end = text.indexOf('\n', index);
      index = end < 0 ? text.length : end;
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end < 0 ? text.length : end + 1;
    } else if (char === '{') {
      open.push(index);
    } else if (char === '}') {
      open.pop();
    }
  }
  return open;
}

const DECLARATION_START = /^[ \t]*(?:gpu|link|switch|system|model|training|scenario|compare|sweep|search)[ \t]+[A-Za-z_\u00B5]/;

/** What a `{` opens, from the text before it on its line: "system 's'", "tier 'scale-up'", "'moe { … }'". */
function opener(line: string): string {
  const declaration = /(gpu|link|switch|system|model|training|scenario|compare|sweep|search)\s+([\w\u00B5-]+)[^{]*$/.exec(line);
  if (declaration) return `${declaration[1]} '${declaration[2]}'`;
  const tier = /\btier\s+([\w-]+)\s*$/.exec(line);
  if (tier) return `tier '${tier[1]}'`;
  const block = /([\w\u00B5-]+)\s*$/.exec(line);
  return block ? `'${block[1]} { … }'` : 'this block';
}

/** On a file that does not parse: each `{` never closed, what it opens and where its `}` likely goes. */
export function checkUnclosedBraces(document: Document, accept: ValidationAcceptor): void {
  const langiumDocument = AstUtils.getDocument(document);
  if (langiumDocument.parseResult.parserErrors.length === 0) return;
  const textDocument = langiumDocument.textDocument;
  const text = textDocument.getText();
  const lines = text.split(/\r\n|\r|\n/); // the line breaks TextDocument counts
  for (const offset of unclosedBraces(text)) {
    const position = textDocument.positionAt(offset);
    const what = opener(text.slice(textDocument.offsetAt({ line: position.line, character: 0 }), offset));
    // The next declaration that starts a line is where the `}` was most likely forgotten.
    const next = lines.findIndex((line, index) => index > position.line && DECLARATION_START.test(line));
    const hint = next >= 0 ? `add '}' before line ${next + 1} (\`${lines[next].trim().slice(0, 40)}\`)` : `add '}' at its end`;
    accept('error', `The '{' of ${what} on line ${position.line + 1} is never closed; ${hint}.`, {
      node: document,
      range: { start: position, end: textDocument.positionAt(offset + 1) },
      code: UNCLOSED_BRACE,
      data: { code: UNCLOSED_BRACE },
    });
  }
}

/** Registers the structure checks; called once from the language module. */
export function registerStructureChecks(services: MoesysServices): void {
  const checks: ValidationChecks<MoesysAstType> = {
    Document: checkUnclosedBraces,
    Declaration: checkDuplicateTiersAndBlocks,
    Block: checkDuplicateTiersAndBlocks,
    Tier: checkDuplicateTiersAndBlocks,
  };
  services.validation.ValidationRegistry.register(checks);
}
