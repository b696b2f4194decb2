/**
 * "Apply this split": writes a split found by a `search` into its scenario's own `training { … }`
 * block (the overrides of the referenced training job for this scenario only, so other scenarios
 * sharing the job keep theirs). Members already in that block are replaced in place; a member is
 * added only where the split differs from what the scenario runs now, with the file's indentation.
 */
import { AstUtils, GrammarUtils } from 'langium';
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TrainingSpec } from '../../engine/index.js';
import { type Block, type Declaration, isBlock, isProperty, type Property } from '../generated/ast.js';
import { DECLARATION_SCHEMAS, findProperty } from '../semantics/schema.js';
import { SPLIT_FIELDS, type SplitField, writtenSplitValue } from '../semantics/search-study.js';

/** `TP=4, PP=8, DP=512, EP=32, mbs=1, v=4, recompute=none, podAligned`: how a code action names a split. */
export function splitTitle(split: TrainingSpec, experts: number | undefined): string {
  const parts = [`TP=${split.tensorParallel}`, `PP=${split.pipelineParallel}`, `DP=${split.dataParallel}`];
  if (experts) parts.push(`EP=${experts / split.expertsPerDpRank}`);
  parts.push(`mbs=${split.microbatchSize}`, `v=${split.virtualStages}`, `recompute=${split.recompute}`, writtenSplitValue(split, 'rankMapping'));
  return parts.join(', ');
}

/** The edit that makes `scenario` run `split`; undefined when it already does. */
export function applySplitEdit(scenario: Declaration, written: TrainingSpec, split: TrainingSpec): WorkspaceEdit | undefined {
  const document = AstUtils.getDocument(scenario).textDocument;
  const block = scenario.members.find((member): member is Block => isBlock(member) && member.name === 'training');
  const existing = new Map<string, Property>();
  for (const member of block?.members ?? []) if (isProperty(member)) existing.set(member.name, member);
  const fields = SPLIT_FIELDS.filter((field) => existing.has(nameOf(field)) || writtenSplitValue(split, field) !== writtenSplitValue(written, field));
  if (fields.length === 0) return undefined;
  const edits: TextEdit[] = [];
  const missing: string[] = [];
  for (const field of fields) {
    const text = `${nameOf(field)} = ${writtenSplitValue(split, field)}`;
    const property = existing.get(nameOf(field));
    const range = property?.value.$cstNode?.range;
    if (range) edits.push({ range, newText: writtenSplitValue(split, field) });
    else missing.push(text);
  }
  if (missing.length > 0) {
    const insert = block ? insertMembers(block, missing, document.getText()) : insertTrainingBlock(scenario, missing, document.getText());
    if (insert) edits.push(insert);
  }
  return { changes: { [document.uri]: edits } };
}

/** The language's member name of a training field (the schema's, which equals the engine's here). */
function nameOf(field: SplitField): string {
  return findProperty(DECLARATION_SCHEMAS.training, field)?.name ?? field;
}

/** New members before the block's `}`: on its line when the block is on one line, else one per line. */
function insertMembers(block: Block, members: readonly string[], text: string): TextEdit | undefined {
  const cst = block.$cstNode;
  const open = cst && GrammarUtils.findNodeForKeyword(cst, '{');
  const close = cst && GrammarUtils.findNodeForKeyword(cst, '}');
  if (!cst || !open || !close) return undefined;
  if (open.range.start.line === close.range.start.line) return afterLastMember(block, open.range.end, members.join('; '));
  const indent = memberIndent(block, text);
  return beforeLine(
    close.range.start.line,
    members.map((m) => `${indent}${m}`),
  );
}

/** A new `training { … }` block in a scenario that has none. */
function insertTrainingBlock(scenario: Declaration, members: readonly string[], text: string): TextEdit | undefined {
  const cst = scenario.$cstNode;
  if (!cst) return undefined;
  const close = GrammarUtils.findNodeForKeyword(cst, '}');
  if (!close) {
    // `scenario b extends a` without a body.
    return { range: { start: cst.range.end, end: cst.range.end }, newText: ` { training { ${members.join('; ')} } }` };
  }
  const open = GrammarUtils.findNodeForKeyword(cst, '{')!;
  if (open.range.start.line === close.range.start.line) return afterLastMember(scenario, open.range.end, `training { ${members.join('; ')} }`);
  const indent = memberIndent(scenario, text);
  const inner = indent + indentUnit(text);
  return beforeLine(close.range.start.line, [`${indent}training {`, ...members.map((m) => `${inner}${m}`), `${indent}}`]);
}

/** `text` after the last member of a container written on one line (after its `{` when it has none), `;`-separated. */
function afterLastMember(container: Block | Declaration, openEnd: Position, text: string): TextEdit {
  const last = container.members[container.members.length - 1]?.$cstNode;
  const after = last ? last.range.end : openEnd;
  const separator = last && !last.text.trimEnd().endsWith(';') ? '; ' : ' ';
  return { range: { start: after, end: after }, newText: `${separator}${text}` };
}

/** Whole lines inserted before line `line`. */
function beforeLine(line: number, lines: readonly string[]): TextEdit {
  const start = { line, character: 0 };
  return { range: { start, end: start }, newText: lines.map((l) => `${l}\n`).join('') };
}

/** Indentation of a container's members: its first member's, else one unit deeper than the container. */
function memberIndent(container: Block | Declaration, text: string): string {
  const first = container.members[0]?.$cstNode;
  if (first && first.range.start.line !== container.$cstNode!.range.start.line) return indentAt(text, first.offset);
  return indentAt(text, container.$cstNode!.offset) + indentUnit(text);
}

/** The file's indentation step: the leading whitespace of its first indented member (not a comment), else four spaces. */
function indentUnit(text: string): string {
  return /^([ \t]+)[A-Za-z_]/m.exec(text)?.[1] ?? '    ';
}

function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}
