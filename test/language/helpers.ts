/** Shared helpers of the language tests: services, parsing with validation, diagnostics by text. */
import { readFileSync } from 'node:fs';
import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import { parseHelper } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createMoesysServices } from '../../language/moesys-module.js';
import type { Declaration, Document } from '../../language/generated/ast.js';

export const services = createMoesysServices(EmptyFileSystem);
export const moesys = services.moesys;

const parser = parseHelper<Document>(moesys);

let counter = 0;
/** Parses and validates `text` as a fresh document (unique URI so tests don't collide). */
export async function parse(text: string, path?: string): Promise<LangiumDocument<Document>> {
    return parser(text, { validation: true, documentUri: path ?? `file:///test/doc-${++counter}.moesys` });
}

export function messageOf(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as { value: string }).value;
}

export function errors(document: LangiumDocument): Diagnostic[] {
    return (document.diagnostics ?? []).filter((diagnostic) => diagnostic.severity === 1);
}

export function warnings(document: LangiumDocument): Diagnostic[] {
    return (document.diagnostics ?? []).filter((diagnostic) => diagnostic.severity === 2);
}

/** The text a diagnostic's range covers. */
export function rangeText(document: LangiumDocument, diagnostic: Diagnostic): string {
    return document.textDocument.getText(diagnostic.range);
}

export function readExample(name: string): string {
    return readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
}

export function declaration(document: LangiumDocument<Document>, name: string): Declaration {
    const found = document.parseResult.value.declarations.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no declaration ${name}`);
    return found;
}

export { URI };
