/**
 * Quick fixes: every diagnostic whose data carries a `replacement` (unit conversion, unit typo,
 * property typo, missing unit) offers to replace its range with it, and one carrying an `insert`
 * to add its member. A declaration, block or tier missing required members also offers to add
 * all of them at once, each with a plausible value to edit (and a first tier for a system).
 */
import { type AstNode, AstUtils, CstUtils, DocumentValidator, GrammarUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { type CodeAction, CodeActionKind, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { type Declaration, type Document, isDeclaration, isTier } from '../generated/ast.js';
import { declarationTree, type MemberTree } from '../semantics/member-tree.js';
import type { ReplacementData } from './moesys-validator.js';
import { presetValue } from '../semantics/presets.js';
import { blockSpecOf, isMemberContainer, type MemberContainer } from '../semantics/schema-lookup.js';
import type { BlockSpec, DeclarationKind } from '../semantics/schema.js';
import { missingRequiredLines } from './skeletons.js';
import { foreignCharacterReplacement } from '../syntax/lexer-messages.js';
import type { BuildAnalysis } from '../analysis/build-analysis.js';
import type { SearchResults } from '../analysis/search-results.js';
import type { MoesysServices } from '../moesys-module.js';
import { searchSplitActions } from './search-code-actions.js';

const MISSING_PROPERTY = 'missing-property';

export class MoesysCodeActionProvider implements CodeActionProvider {
  private readonly analysis: BuildAnalysis;
  private readonly searches: SearchResults;

  constructor(services: MoesysServices) {
    this.analysis = services.analysis.BuildAnalysis;
    this.searches = services.analysis.SearchResults;
  }

  getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
    const actions = params.context.diagnostics.flatMap((diagnostic) => {
      const action = this.replacementFix(document, diagnostic) ?? foreignCharacterFix(document, diagnostic);
      return action ? [action] : [];
    });
    const seen = new Set<AstNode>();
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.code !== MISSING_PROPERTY && (diagnostic.data as { code?: string } | undefined)?.code !== MISSING_PROPERTY) continue;
      const container = containerAt(document, diagnostic);
      if (!container || seen.has(container)) continue;
      seen.add(container);
      const action = addAllRequired(document, container, params.context.diagnostics);
      if (action) actions.push(action);
    }
    actions.push(...searchSplitActions(document, params.range, this.analysis, this.searches));
    return actions;
  }

  private replacementFix(document: LangiumDocument, diagnostic: Diagnostic): CodeAction | undefined {
    const data = diagnostic.data as ReplacementData | undefined;
    if (data?.insert) {
      return {
        title: data.title ?? 'Add the missing member',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.textDocument.uri]: [{ range: { start: data.insert.position, end: data.insert.position }, newText: data.insert.text }] } },
      };
    }
    if (!data?.replacement) return undefined;
    return preferredFix(document, diagnostic, data.title ?? `Replace with ${data.replacement}`, { range: diagnostic.range, newText: data.replacement });
  }
}

/** A lexing error on a character meant in another notation (`:` for `=`) offers its replacement. */
function foreignCharacterFix(document: LangiumDocument, diagnostic: Diagnostic): CodeAction | undefined {
  if ((diagnostic.data as { code?: string } | undefined)?.code !== DocumentValidator.LexingError) return undefined;
  const text = document.textDocument.getText();
  const offset = document.textDocument.offsetAt(diagnostic.range.start);
  const replacement = foreignCharacterReplacement(text, offset);
  if (replacement === undefined) return undefined;
  const range = { start: diagnostic.range.start, end: document.textDocument.positionAt(offset + 1) };
  return preferredFix(document, diagnostic, `Write '${replacement.trim()}' for '${text.charAt(offset)}'`, { range, newText: replacement });
}

/** The quick fix of one diagnostic: one edit, the fix the editor applies first. */
function preferredFix(document: LangiumDocument, diagnostic: Diagnostic, title: string, edit: TextEdit): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes: { [document.textDocument.uri]: [edit] } } };
}

/** The declaration, block or tier a diagnostic sits on (its name, or the whole of it). */
function containerAt(document: LangiumDocument, diagnostic: Diagnostic): MemberContainer | undefined {
  const root = document.parseResult.value.$cstNode;
  const leaf = root ? CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start)) : undefined;
  let node: AstNode | undefined = leaf?.astNode;
  while (node && !isMemberContainer(node)) node = node.$container;
  return node;
}

/** The effective members written for `container` (through `extends`) and its preset's engine object. */
function effectiveMembers(container: MemberContainer): { tree: MemberTree; base: Record<string, unknown> | undefined } | undefined {
  const path: MemberContainer[] = [];
  let current: AstNode | undefined = container;
  while (current && !isDeclaration(current)) {
    if (isMemberContainer(current)) path.unshift(current);
    current = current.$container;
  }
  if (!isDeclaration(current)) return undefined;
  const declaration: Declaration = current;
  let tree: MemberTree | undefined = declarationTree(declaration);
  let base: Record<string, unknown> | undefined = tree.preset ? presetValue(declaration.kind, tree.preset.name) : undefined;
  for (const step of path) {
    if (isTier(step)) {
      tree = tree?.tiers.get(step.name);
      base = (base?.tiers as Array<Record<string, unknown>> | undefined)?.find((tier) => tier.name === step.name);
    } else {
      tree = tree?.blocks.get(step.name);
      base = base?.[step.name] as Record<string, unknown> | undefined;
    }
  }
  return tree ? { tree, base } : undefined;
}

/** One action adding every required member `container` lacks, or none when it lacks at most one that has its own fix. */
function addAllRequired(document: LangiumDocument, container: MemberContainer, diagnostics: Diagnostic[]): CodeAction | undefined {
  const spec: BlockSpec | undefined = blockSpecOf(container);
  const effective = effectiveMembers(container);
  if (!spec || !effective) return undefined;
  const written = new Set(effective.tree.properties.keys());
  for (const property of spec.properties) if (effective.base?.[property.field] !== undefined) written.add(property.name);
  const root = document.parseResult.value as Document;
  const nameOf = (target: DeclarationKind) => root.declarations.find((declaration) => declaration.kind === target && declaration.name)?.name;
  const lines = missingRequiredLines(spec, written, nameOf);
  const needsTier = !!spec.tier && effective.tree.tiers.size === 0 && !(effective.base?.tiers as unknown[] | undefined)?.length;
  if (needsTier) {
    const tier = missingRequiredLines(spec.tier!, new Set(), nameOf).join('; ');
    lines.push(`tier scale-up { ${tier} }`);
  }
  const hasOwnFix = diagnostics.some(
    (diagnostic) => (diagnostic.data as ReplacementData | undefined)?.insert && containerAt(document, diagnostic) === container,
  );
  if (lines.length === 0 || (lines.length === 1 && hasOwnFix)) return undefined;
  const edit = insertMembers(document, container, lines);
  if (!edit) return undefined;
  const what = isDeclaration(container) ? `${container.kind} '${container.name}'` : isTier(container) ? `tier '${container.name}'` : `'${container.name}'`;
  const count = lines.length - (needsTier ? 1 : 0);
  return {
    title: `Add all required members to ${what}${
      count > 0
        ? ` (${lines
            .map((line) => line.split(' ')[0])
            .filter((name) => name !== 'tier')
            .join(', ')})`
        : ''
    }${needsTier ? `${count > 0 ? ' and' : ''} a first tier` : ''}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: diagnostics.filter(
      (diagnostic) =>
        (diagnostic.code === MISSING_PROPERTY || (diagnostic.data as { code?: string } | undefined)?.code === MISSING_PROPERTY) &&
        containerAt(document, diagnostic) === container,
    ),
    isPreferred: true,
    edit: { changes: { [document.textDocument.uri]: [edit] } },
  };
}

/** Inserts member lines into a body: on its line after the last member of a one-line body, else one per line before `}`. */
function insertMembers(document: LangiumDocument, container: MemberContainer, lines: string[]): TextEdit | undefined {
  const cst = container.$cstNode;
  const open = cst ? GrammarUtils.findNodeForKeyword(cst, '{') : undefined;
  const close = cst ? GrammarUtils.findNodeForKeyword(cst, '}') : undefined;
  if (!cst || !open || !close || AstUtils.getDocument(container) !== document) return undefined;
  if (open.range.start.line === close.range.start.line) {
    const last = container.members[container.members.length - 1]?.$cstNode?.range.end;
    return last
      ? { range: { start: last, end: last }, newText: `; ${lines.join('; ')}` }
      : { range: { start: open.range.end, end: close.range.start }, newText: ` ${lines.join('; ')} ` };
  }
  const text = document.textDocument.getText();
  const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', cst.offset) + 1))?.[0] ?? '';
  const body = lines.map((line) => `${indent}    ${line}\n`).join('');
  const closeLineStart = document.textDocument.offsetAt({ line: close.range.start.line, character: 0 });
  if (/^[ \t]*$/.test(text.slice(closeLineStart, close.offset))) {
    const position = { line: close.range.start.line, character: 0 };
    return { range: { start: position, end: position }, newText: body };
  }
  // `}` shares its line with the last member: break the line before it.
  return { range: { start: close.range.start, end: close.range.start }, newText: `\n${body}${indent}` };
}
