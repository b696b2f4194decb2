/**
 * What every fuzzed document must satisfy, as the editor and the CLI meet it: no internal-error
 * text in any diagnostic, a range inside the document on every diagnostic, no non-finite number in
 * any engine result, preview model, study or hover, and an answer within a time bound.
 */
import type { LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { internalFailureListeners } from '../../language/analysis/internal-failures.js';
import { isDocument, type Document } from '../../language/generated/ast.js';
import { buildPreviewModel } from '../../language/analysis/preview-model.js';
import { moesys, parse, services } from './helpers.js';

/** Text that only an exception, never a person, writes. */
export const INTERNAL_ERROR =
  /error occurred|Cannot read prop|Cannot set prop|is not a function|is not iterable|is not defined|of undefined|of null|Maximum call stack|DataCloneError|could not be cloned|Path must be|must be of type|\bat \S+ \([^)]*:\d+:\d+\)|\[object Object\]|service registry/;
/** Words a computation, not a person, puts in a message (checked outside what the message quotes). */
const COMPUTED_NONSENSE = /\bNaN\b|\bInfinity\b|\bundefined\b|\bnull\b/;

/** Whether a message shows an exception or a broken number (a word the user wrote does not count). */
export function looksInternal(message: string, source: string): boolean {
  if (INTERNAL_ERROR.test(message)) return true;
  const words = message.match(new RegExp(COMPUTED_NONSENSE.source, 'g')) ?? [];
  return words.some((word) => !source.includes(word));
}

/** Every non-finite number found anywhere in a value, with its path. */
export function nonFinite(value: unknown, path = '$', found: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'number' && !Number.isFinite(value)) found.push(`${path}=${value}`);
  else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const [key, child] of Object.entries(value)) nonFinite(child, `${path}.${key}`, found, seen);
  }
  return found;
}

export interface Outcome {
  document?: LangiumDocument<Document>;
  problems: string[];
  milliseconds: number;
}

function messageText(message: unknown): string {
  return typeof message === 'string' ? message : String((message as { value?: string })?.value ?? message);
}

/** Parses, validates, evaluates, previews and hovers `text`; returns what broke the rules. */
export async function exercise(text: string, options: { hovers?: number; next?: () => number } = {}): Promise<Outcome> {
  const problems: string[] = [];
  const started = performance.now();
  let document: LangiumDocument<Document>;
  // A check that throws leaves no diagnostic, only this: it is a bug all the same.
  const listener = (where: string, error: unknown) =>
    problems.push(`internal failure in ${where}: ${(error as Error)?.stack?.split('\n').slice(0, 4).join(' | ') ?? String(error)}`);
  internalFailureListeners.add(listener);
  try {
    document = await parse(text);
  } catch (error) {
    return { problems: [`build threw: ${(error as Error).stack}`], milliseconds: performance.now() - started };
  } finally {
    internalFailureListeners.delete(listener);
  }
  const lines = document.textDocument.lineCount;
  for (const diagnostic of document.diagnostics ?? []) {
    const message = messageText(diagnostic.message);
    if (looksInternal(message, text)) problems.push(`internal error in a diagnostic: ${message.slice(0, 300)}`);
    const { start, end } = diagnostic.range ?? {};
    const inside = (position: { line: number; character: number } | undefined) =>
      !!position &&
      Number.isInteger(position.line) &&
      Number.isInteger(position.character) &&
      position.line >= 0 &&
      position.character >= 0 &&
      position.line <= lines;
    if (!inside(start) || !inside(end))
      problems.push(`diagnostic without a range in the document: ${message.slice(0, 200)} ${JSON.stringify(diagnostic.range)}`);
  }
  try {
    const root = document.parseResult.value;
    if (!isDocument(root)) problems.push('the root is not a Document');
    for (const declaration of root.declarations ?? []) {
      if (declaration.kind === 'scenario') {
        const found = nonFinite(moesys.analysis.BuildAnalysis.scenario(declaration).result);
        if (found.length) problems.push(`non-finite result of ${declaration.name}: ${found.slice(0, 5).join(', ')}`);
      } else if (declaration.kind === 'compare' || declaration.kind === 'sweep') {
        const found = nonFinite(moesys.analysis.BuildAnalysis.study(declaration));
        if (found.length) problems.push(`non-finite study ${declaration.name}: ${found.slice(0, 5).join(', ')}`);
      }
    }
    const preview = buildPreviewModel(document, moesys.analysis.BuildAnalysis);
    const found = nonFinite(preview);
    if (found.length) problems.push(`non-finite preview model: ${found.slice(0, 5).join(', ')}`);
    for (const message of JSON.stringify(preview).match(/"(?:error|label)":"[^"]*"/g) ?? []) {
      if (looksInternal(message, text)) problems.push(`internal error in the preview: ${message.slice(0, 300)}`);
    }
    const next = options.next;
    for (let hover = 0; next && hover < (options.hovers ?? 0); hover++) {
      const position = document.textDocument.positionAt(Math.floor(next() * (text.length + 1)));
      const content = await moesys.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position });
      const value = content ? JSON.stringify(content.contents) : '';
      if (looksInternal(value, text)) problems.push(`hover at ${JSON.stringify(position)} shows ${value.slice(0, 300)}`);
    }
  } catch (error) {
    problems.push(`evaluation threw: ${(error as Error).stack?.split('\n').slice(0, 4).join(' | ')}`);
  }
  return { document, problems, milliseconds: performance.now() - started };
}

/** Forgets every document (call every hundred or so, or memory grows with the corpus). */
export async function forgetDocuments(): Promise<void> {
  await clearDocuments(services.shared);
}
