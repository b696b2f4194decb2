/**
 * Fuzzing: thousands of generated and mutated documents (random bytes, truncations, token
 * mutations, a 1 MB file, deep nesting, 1e999, -0, unknown units) must give diagnostics, never a
 * crash, a hang or a non-finite number in what the engine returns. Seeded, so failures reproduce.
 */
import { describe, expect, it } from 'vitest';
import { clearDocuments } from 'langium/test';
import { isDocument, type Document } from '../../language/generated/ast.js';
import { evaluateStudy } from '../../language/studies.js';
import { moesys, parse, readExample, services } from './helpers.js';

/** mulberry32: a small deterministic PRNG. */
function random(seed: number): () => number {
    return () => {
        seed = (seed + 0x6D2B79F5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const EXAMPLE = readExample('frontier-moe.moesys');
const TOKENS = ['1e999', '-0', '-1', '0', '1e-999', '32 Tbps', '4 xyz/s', '7 Gb//s', '{', '}', '=', '[', ']', ',', '(', ')', '*', '/', '+', '-',
    'tier', 'vary', 'extends', 'preset "nope"', 'scenario', 'moe { }', '"unterminated', '/*', '*/', '//', '\u00B5s', 'NaN', 'Infinity',
    '1_000_000', '.5', '5.', 'true', 'bf16', 'x.y.z', '99999999999999999999999', '0 GPUs', '\u0000', '\uFFFF', '\r\n'];

/** Every non-finite number found anywhere in a value, with its path. */
function nonFinite(value: unknown, path = '$', found: string[] = []): string[] {
    if (typeof value === 'number' && !Number.isFinite(value)) found.push(`${path}=${value}`);
    else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) nonFinite(child, `${path}.${key}`, found);
    return found;
}

function mutate(text: string, next: () => number): string {
    let result = text;
    const edits = 1 + Math.floor(next() * 4);
    for (let i = 0; i < edits; i++) {
        const at = Math.floor(next() * (result.length + 1));
        const choice = next();
        if (choice < 0.3) result = result.slice(0, at) + result.slice(at + 1 + Math.floor(next() * 20));
        else if (choice < 0.7) result = `${result.slice(0, at)} ${TOKENS[Math.floor(next() * TOKENS.length)]} ${result.slice(at)}`;
        else if (choice < 0.85) result = result.slice(0, at) + String.fromCharCode(Math.floor(next() * 128)) + result.slice(at);
        else { const digits = result.slice(at).search(/\d/); if (digits >= 0) result = `${result.slice(0, at + digits)}${TOKENS[Math.floor(next() * 4)]}${result.slice(at + digits + 1)}`; }
    }
    return result;
}

function generated(kind: number, next: () => number): string {
    switch (kind % 4) {
        case 0: return Array.from({ length: Math.floor(next() * 400) }, () => String.fromCharCode(Math.floor(next() * 256))).join('');
        case 1: return EXAMPLE.slice(0, Math.floor(next() * EXAMPLE.length));
        case 2: return mutate(EXAMPLE, next);
        default: return Array.from({ length: 1 + Math.floor(next() * 30) }, () => TOKENS[Math.floor(next() * TOKENS.length)]).join(' ');
    }
}

/** Validates a document and evaluates everything in it, as the server and CLI would. */
async function exercise(text: string) {
    const document = await parse(text);
    expect(Array.isArray(document.diagnostics)).toBe(true);
    // Langium turns an exception inside a check into this diagnostic; none may happen.
    expect((document.diagnostics ?? []).map((diagnostic) => String(diagnostic.message)).filter((message) => /error occurred/i.test(message))).toEqual([]);
    const root = document.parseResult.value as Document;
    expect(isDocument(root)).toBe(true);
    for (const declaration of root.declarations ?? []) {
        if (declaration.kind === 'scenario') {
            const analysis = moesys.analysis.ScenarioAnalysis.analyse(declaration);
            expect(nonFinite(analysis.result)).toEqual([]);
        } else if (declaration.kind === 'compare' || declaration.kind === 'sweep') {
            const study = evaluateStudy(declaration, (scenario) => moesys.analysis.ScenarioAnalysis.analyse(scenario));
            expect(nonFinite(study)).toEqual([]);
        }
    }
    return document;
}

describe('fuzz', () => {
    it('survives 3000 generated and mutated documents', async () => {
        const next = random(20261123);
        let slowest = 0;
        for (let i = 0; i < 3000; i++) {
            const text = generated(i, next);
            const started = performance.now();
            try {
                await exercise(text);
            } catch (error) {
                throw new Error(`document ${i} failed: ${(error as Error).stack}\n--- text ---\n${text.slice(0, 2000)}`);
            }
            slowest = Math.max(slowest, performance.now() - started);
            if (i % 100 === 99) await clearDocuments(services.shared);
        }
        expect(slowest).toBeLessThan(5000);
    }, 600_000);

    it('answers every editor request on 400 mutated documents without throwing', async () => {
        const next = random(7);
        for (let i = 0; i < 400; i++) {
            const text = i % 2 ? mutate(EXAMPLE, next) : generated(i, next);
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
                await moesys.lsp.CodeActionProvider!.getCodeActions(document, { textDocument: { uri }, range: wholeRange, context: { diagnostics: document.diagnostics ?? [] } });
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
            lines.push(`switch s${i} { radix = ${i + 1}; portBandwidth = ${i + 1} Gb/s }`);
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

    it('reports 1e999, -0 and unknown units as diagnostics', async () => {
        const document = await parse('switch s { radix = 1e999; portBandwidth = -0 Tbitz }\nlink l { kind = lpo; serdesEnergy = -0 pJ/bit }');
        const messages = (document.diagnostics ?? []).map((diagnostic) => String(diagnostic.message));
        expect(messages.some((message) => /too large/.test(message))).toBe(true);
        expect(messages.some((message) => /Unknown unit 'Tbitz'/.test(message))).toBe(true);
        expect(messages.some((message) => /serdesEnergy/.test(message))).toBe(false);
    });
});
