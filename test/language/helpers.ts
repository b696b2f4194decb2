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

/** A 128-GPU system of two tiers (`node`, `ib`) and a small MoE model `m`, for tests of scenarios and studies. */
export const SMALL_MOE_PARTS = `
gpu g { peakFlops { bf16 = 1 PFLOPS } hbmCapacity = 80 GB; hbmBandwidth = 3.35 TB/s; packageArea = 1500 mm2 }
link nv { kind = electrical; serdesEnergy = 5 pJ/bit }
system s {
  gpu = g
  gpuCount = 128
  tier node { domainSize = 16; bandwidth = 3.6 Tb/s; latency = 2 us; link = nv }
  tier ib { domainSize = 128; bandwidth = 400 Gb/s; latency = 5 us; link = nv }
}
model m {
  layers = 16; hiddenSize = 2048; attentionHeads = 16; vocabularySize = 32000; sequenceLength = 2048
  moe { experts = 8; activeExperts = 2 }
}
`;

export { URI };
