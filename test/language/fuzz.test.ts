/**
 * Fuzzing: thousands of generated and mutated documents (random bytes, truncations, token and
 * character mutations, schema edge values, encodings, huge values; see fuzz-generators.ts) must
 * give diagnostics in the user's words, never a crash, a hang, an internal error, a diagnostic
 * without a range or a non-finite number in what the engine, the preview or a hover shows.
 * Seeded, so failures reproduce. `npm run fuzz` runs the same corpus at ≥ 10,000 documents.
 */
import { describe, expect, it } from 'vitest';
import { clearDocuments } from 'langium/test';
import { generate, GENERATOR_NAMES, mutateCharacters as mutate, random } from './fuzz-generators.js';
import { exercise as exerciseDocument, forgetDocuments } from './fuzz-harness.js';
import { errors, messageOf, moesys, parse, readExample, services } from './helpers.js';

/** Documents of the seeded corpus: a fast subset here; `npm run fuzz` sets ≥ 10,000. */
const CORPUS_SIZE = Number(process.env.MOESYS_FUZZ_DOCUMENTS ?? 1200);
/** Every document is answered (built, validated, evaluated, previewed, hovered) within this. */
const ANSWER_BOUND_MS = 5000;

const EXAMPLE = readExample('frontier-moe.moesys');

/** Validates a document and evaluates everything in it, as the server and CLI would; fails on any broken rule. */
async function exercise(text: string) {
  const outcome = await exerciseDocument(text);
  expect(outcome.problems).toEqual([]);
  return outcome.document!;
}

describe('fuzz', () => {
  it(`answers ${CORPUS_SIZE} seeded documents of every generator within ${ANSWER_BOUND_MS} ms each, with no internal error, range-less diagnostic or non-finite number`, async () => {
    const next = random(20261202);
    const failures: string[] = [];
    const perGenerator = new Map<string, { count: number; slowest: number }>();
    const started = performance.now();
    for (let i = 0; i < CORPUS_SIZE && failures.length < 10; i++) {
      const { generator, text } = generate(i, next);
      const outcome = await exerciseDocument(text, { hovers: 2, next });
      const stats = perGenerator.get(generator) ?? { count: 0, slowest: 0 };
      stats.count++;
      stats.slowest = Math.max(stats.slowest, outcome.milliseconds);
      perGenerator.set(generator, stats);
      if (outcome.milliseconds > ANSWER_BOUND_MS) outcome.problems.push(`took ${Math.round(outcome.milliseconds)} ms`);
      if (outcome.problems.length) failures.push(`document ${i} (${generator}): ${outcome.problems.join('; ')}\n--- text ---\n${text.slice(0, 1500)}`);
      if (i % 100 === 99) await forgetDocuments();
    }
    await forgetDocuments();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${CORPUS_SIZE} documents in ${seconds.toFixed(1)} s; slowest per generator: ${[...perGenerator].map(([name, stats]) => `${name} ${Math.round(stats.slowest)} ms`).join(', ')}`,
    );
    expect(failures).toEqual([]);
    expect([...perGenerator.keys()].sort()).toEqual([...GENERATOR_NAMES].sort());
  }, 3_600_000);

  it('answers every editor request on 400 mutated documents without throwing', async () => {
    const next = random(7);
    for (let i = 0; i < 400; i++) {
      const text = i % 2 ? mutate(EXAMPLE, next) : generate(i, next).text;
      const document = await parse(text);
      const uri = document.uri.toString();
      const position = document.textDocument.positionAt(Math.floor(next() * (text.length + 1)));
      const wholeRange = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) };
      try {
        await moesys.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri }, position });
        await moesys.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri }, position });
        await moesys.lsp.Formatter!.formatDocument(document, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
        await moesys.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: { uri } });
        await moesys.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri } });
        await moesys.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri }, range: wholeRange });
        await moesys.lsp.CodeActionProvider!.getCodeActions(document, {
          textDocument: { uri },
          range: wholeRange,
          context: { diagnostics: document.diagnostics ?? [] },
        });
        await moesys.lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri } });
      } catch (error) {
        throw new Error(`document ${i} at ${JSON.stringify(position)} failed: ${(error as Error).stack}\n--- text ---\n${text.slice(0, 2000)}`);
      }
      if (i % 100 === 99) await clearDocuments(services.shared);
    }
  }, 600_000);

  it('handles a 1 MB file', async () => {
    const lines: string[] = [];
    for (let i = 0, size = 0; size < 1_000_000; i++) {
      lines.push(`switch s${i} { radix = ${i + 1}; portBandwidth = ${200 + (i % 600)} Gb/s }`);
      size += lines[lines.length - 1].length + 1;
    }
    const started = performance.now();
    const document = await exercise(lines.join('\n'));
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(document.parseResult.value.declarations.length).toBe(lines.length);
    expect(document.diagnostics).toEqual([]);
    await clearDocuments(services.shared);
  }, 120_000);

  it('handles deep nesting of blocks, parentheses and lists', async () => {
    for (const depth of [100, 1000, 20_000]) {
      await exercise(`model m { ${'moe { '.repeat(depth)}${'} '.repeat(depth)} }`);
      await exercise(`gpu g { hbmCapacity = ${'('.repeat(depth)}1 GB${')'.repeat(depth)} }`);
      await exercise(`compare c { scenarios = ${'['.repeat(depth)}${']'.repeat(depth)} }`);
      await exercise(`gpu g { hbmCapacity = ${Array.from({ length: depth }, () => '1 GB').join(' + ')} }`);
    }
    await clearDocuments(services.shared);
  }, 120_000);

  it('stops nesting below what overflows the parser, with one diagnostic where it got too deep', async () => {
    // 180 parentheses overflowed the stack of the bundled server; now the guard answers first.
    const text = `gpu g {\n    hbmCapacity = ${'('.repeat(180)}1 GB${')'.repeat(180)}\n}`;
    const document = await exercise(text);
    expect((document.diagnostics ?? []).map((diagnostic) => diagnostic.message)).toEqual([
      'Nesting deeper than 64 levels (blocks, parentheses and lists together) is not supported.',
    ]);
    expect(document.diagnostics![0].range.start).toEqual({ line: 1, character: '    hbmCapacity = '.length + 63 });
    // A person's nesting is far inside the limit.
    expect(
      errors(
        await exercise(
          `gpu g { hbmCapacity = ${'('.repeat(40)}1 GB${')'.repeat(40)}; hbmBandwidth = 1 TB/s; packageArea = 1 mm2; peakFlops { bf16 = 1 PFLOPS } }`,
        ),
      )
        .map(messageOf)
        .filter((message) => /Nesting/.test(message)),
    ).toEqual([]);
  });

  it('does not count braces, parentheses or operators in comments and strings', async () => {
    const valid = 'gpu g = preset "h100-sxm" { hbmCapacity = 80 GB }';
    for (const text of [
      `// ${'{'.repeat(201)}\n${valid}`,
      `/* ${'('.repeat(300)}\n${'['.repeat(300)} */\n${valid}`,
      `${valid}\nlink l = preset "${'{'.repeat(250)}" { }`,
      `// ${'+ '.repeat(2000)}\n${valid}`,
      `link ${'a-'.repeat(1500)}b { kind = lpo; serdesEnergy = 1 pJ/bit }\n${valid}`,
    ]) {
      const document = await exercise(text);
      expect(
        document.parseResult.value.declarations.map((declaration) => declaration.name),
        text.slice(0, 40),
      ).toContain('g');
      expect((document.diagnostics ?? []).map(messageOf).filter((message) => /Nesting|operators/.test(message))).toEqual([]);
    }
    const chain = await exercise(`gpu g { hbmCapacity = ${Array.from({ length: 1200 }, () => '1 GB').join(' +\n    ')} }`);
    expect((chain.diagnostics ?? []).map(messageOf)).toContain('More than 1000 arithmetic operators in one value is not supported.');
  });

  it('reports 1e999, -0 and unknown units as diagnostics', async () => {
    const document = await parse('switch s { radix = 1e999; portBandwidth = -0 Tbitz }\nlink l { kind = lpo; serdesEnergy = -0 pJ/bit }');
    const messages = (document.diagnostics ?? []).map((diagnostic) => String(diagnostic.message));
    expect(messages.some((message) => /too large/.test(message))).toBe(true);
    expect(messages.some((message) => /Unknown unit 'Tbitz'/.test(message))).toBe(true);
    expect(messages.some((message) => /serdesEnergy/.test(message))).toBe(false);
  });
});
