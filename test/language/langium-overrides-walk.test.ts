/**
 * Contract of the speed overrides in language/langium-overrides/ (ast-contents, fast-linking,
 * fast-validation), pinned to Langium 4.4: the shared walk yields exactly the nodes and references
 * of Langium's `streamAst`/`streamReferences`, in the same order, and a document gets the same
 * diagnostics (range, message, severity, code, in order) with the overrides as without them, over
 * every example and a seeded fuzz corpus.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AstUtils, createLangiumParser, EmptyFileSystem, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createMoesysServices } from '../../language/moesys-module.js';
import type { Document } from '../../language/generated/ast.js';
import { contentsOf } from '../../language/langium-overrides/ast-contents.js';
import { FastMoesysLinker } from '../../language/langium-overrides/fast-linking.js';
import { FastDocumentValidator } from '../../language/langium-overrides/fast-validation.js';
import { LANGIUM_VERSION_OF_OVERRIDES } from '../../language/langium-overrides/module.js';
import { oneErrorPerRootCause } from '../../language/syntax/parse-errors.js';
import { createGuardedParser, findTooDeep, MAX_NESTING } from '../../language/langium-overrides/parser-guard.js';
import { EXAMPLES, generate, random } from './fuzz-generators.js';

/** Every example, and 1,000 seeded documents of every generator (small scale: the walk, not the limits). */
const CORPUS: ReadonlyArray<{ name: string; text: string }> = [
  ...EXAMPLES,
  ...Array.from({ length: 1000 }, (_, index) => {
    const { generator, text } = generate(index, random(7_000 + index), 0.05);
    return { name: `${generator} #${index}`, text };
  }),
];

const withOverrides = createMoesysServices(EmptyFileSystem);
const withoutOverrides = createMoesysServices(EmptyFileSystem, { langiumOverrides: false });

let counter = 0;
async function build(services: typeof withOverrides, text: string): Promise<LangiumDocument<Document>> {
  // The same URI in both service sets: diagnostics may name it.
  return parseHelper<Document>(services.moesys)(text, { validation: true, documentUri: `file:///contract/doc-${counter}.moesys` });
}

const comparable = (diagnostics: Diagnostic[] | undefined) =>
  (diagnostics ?? []).map(({ range, message, severity, code }) => ({ range, message, severity, code }));

describe('langium-overrides: the shared walk and the fast linker, indexer and validator', () => {
  it(`are written against the installed langium (${LANGIUM_VERSION_OF_OVERRIDES})`, () => {
    const langium = JSON.parse(readFileSync('node_modules/langium/package.json', 'utf8')) as { version: string };
    expect(langium.version).toBe(LANGIUM_VERSION_OF_OVERRIDES);
  });

  it('are the services createMoesysServices builds, and only when asked', () => {
    expect(withOverrides.moesys.references.Linker).toBeInstanceOf(FastMoesysLinker);
    expect(withOverrides.moesys.validation.DocumentValidator).toBeInstanceOf(FastDocumentValidator);
    expect(withoutOverrides.moesys.references.Linker).not.toBeInstanceOf(FastMoesysLinker);
    expect(withoutOverrides.moesys.validation.DocumentValidator).not.toBeInstanceOf(FastDocumentValidator);
  });

  it(`walks the same nodes and references as AstUtils.streamAst/streamReferences, in order (${CORPUS.length} documents)`, async () => {
    let nodes = 0,
      references = 0;
    for (const { name, text } of CORPUS) {
      const root = (await parseHelper<Document>(withoutOverrides.moesys)(text)).parseResult.value;
      const streamed = AstUtils.streamAst(root).toArray();
      const contents = contentsOf(root);
      expect(contents.nodes.length, name).toBe(streamed.length);
      contents.nodes.forEach((node, index) => expect(node === streamed[index], `${name}: node ${index}`).toBe(true));
      const streamedReferences = streamed.flatMap((node) => AstUtils.streamReferences(node).toArray());
      expect(
        contents.references.map((info) => [info.container, info.property, info.index, info.reference]),
        name,
      ).toEqual(streamedReferences.map((info) => [info.container, info.property, info.index, info.reference]));
      nodes += streamed.length;
      references += streamedReferences.length;
    }
    // The corpus must exercise the walk, not only empty documents.
    expect(nodes).toBeGreaterThan(10_000);
    expect(references).toBeGreaterThan(1_000);
  });

  it(`give every document the diagnostics Langium's own services give it (${CORPUS.length} documents)`, async () => {
    let diagnostics = 0;
    for (const { name, text } of CORPUS) {
      counter++;
      const fast = await build(withOverrides, text);
      const langium = await build(withoutOverrides, text);
      expect(comparable(fast.diagnostics), name).toEqual(comparable(langium.diagnostics));
      diagnostics += fast.diagnostics?.length ?? 0;
    }
    expect(diagnostics).toBeGreaterThan(300);
  }, 120_000);

  it(`parse as Langium's parser does below the nesting limit, and a document nested deeper as empty with one error (${CORPUS.length} documents)`, () => {
    const guarded = createGuardedParser(withOverrides.moesys);
    const langium = createLangiumParser(withOverrides.moesys);
    // The guarded parser also keeps one parse error per root cause (syntax/parse-errors.ts); otherwise it is Langium's.
    const shape = (text: string, parser: typeof langium) => {
      const parsed = parser.parse(text);
      const result = parser === langium ? oneErrorPerRootCause(parsed) : parsed;
      return {
        nodes: AstUtils.streamAst(result.value)
          .map((node) => node.$type)
          .toArray(),
        lexerErrors: result.lexerErrors.length,
        parserErrors: result.parserErrors.length,
      };
    };
    let refusedInCorpus = 0;
    for (const { name, text } of CORPUS) {
      if (findTooDeep(text)) {
        refusedInCorpus++;
        expect(shape(text, guarded), name).toEqual({ nodes: ['Document'], lexerErrors: 1, parserErrors: 0 });
      } else expect(shape(text, guarded), name).toEqual(shape(text, langium));
    }
    expect(refusedInCorpus).toBeLessThan(CORPUS.length / 10);
    const deep = `model m { layers = ${'('.repeat(MAX_NESTING + 1)}1${')'.repeat(MAX_NESTING + 1)} }`;
    const refused = guarded.parse(deep);
    expect(refused.lexerErrors.map((error) => error.message)).toEqual([
      `Nesting deeper than ${MAX_NESTING} levels (blocks, parentheses and lists together) is not supported.`,
    ]);
    expect(AstUtils.streamAst(refused.value).count()).toBe(1);
  });
});
