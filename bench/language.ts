/**
 * Language benchmarks: diagnostics of a 3,000-line file after an edit, completion and hover
 * latency. Each figure is the p95 of repeated runs, in milliseconds (goals: ≤ 100 ms, ≤ 50 ms).
 */
import { readFileSync } from 'node:fs';
import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import { createMoesysServices } from '../language/moesys-module.js';

function median(samples: number[]): number {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function p95(samples: number[]): number {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

/** The paper example repeated with renamed declarations until it reaches `lines` lines. */
export function largeDocument(lines: number, example = readFileSync('examples/frontier-moe.moesys', 'utf8')): string {
    const names = [...example.matchAll(/^\s*(?:gpu|link|switch|system|model|training|scenario|compare|sweep)\s+([\w-]+)/gm)].map((match) => match[1]);
    const pattern = new RegExp(`(?<![\\w-])(${names.sort((a, b) => b.length - a.length).map((name) => name.replace(/[-]/g, '\\-')).join('|')})(?![\\w-])`, 'g');
    const copies: string[] = [];
    let count = 0;
    for (let copy = 0; count < lines; copy++) {
        const text = example.replace(pattern, (name) => `${name}_${copy}`);
        copies.push(text);
        count += text.split('\n').length;
    }
    return copies.join('\n').split('\n').slice(0, lines).join('\n');
}

export async function runLanguageBenchmarks(): Promise<Record<string, number>> {
    const { shared, moesys } = createMoesysServices(EmptyFileSystem);
    const factory = shared.workspace.LangiumDocumentFactory;
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const text = largeDocument(3000);
    const uri = URI.parse('file:///bench/large.moesys');

    // Diagnostics after an edit: Langium re-parses, re-links and re-validates the whole document.
    const editSamples: number[] = [];
    let document: LangiumDocument | undefined;
    for (let run = 0; run < 45; run++) {
        const edited = text.replace('hbmBandwidth = 26 TB/s', `hbmBandwidth = ${26 + (run % 3)} TB/s`);
        const started = performance.now();
        if (documents.hasDocument(uri)) documents.deleteDocument(uri);
        document = factory.fromString(edited, uri);
        documents.addDocument(document);
        await builder.build([document], { validation: true });
        const elapsed = performance.now() - started;
        if (run >= 5) editSamples.push(elapsed);
    }
    const diagnostics = document!.diagnostics?.length ?? -1;

    // Completion and hover on the last build, at typical positions.
    const textDocument = document!.textDocument;
    const completionOffset = text.indexOf('bandwidth = 32 Tb/s') + 'bandwidth = 32 '.length;
    const hoverOffsets = [text.indexOf('serdesEnergy = 2 pJ/bit'), text.lastIndexOf('scenario passage512_c4') + 'scenario '.length];
    const completionSamples: number[] = [];
    const hoverSamples: number[] = [];
    for (let run = 0; run < 60; run++) {
        let started = performance.now();
        await moesys.lsp.CompletionProvider!.getCompletion(document!, { textDocument: { uri: uri.toString() }, position: textDocument.positionAt(completionOffset) });
        if (run >= 10) completionSamples.push(performance.now() - started);
        started = performance.now();
        const hover = await moesys.lsp.HoverProvider!.getHoverContent(document!, { textDocument: { uri: uri.toString() }, position: textDocument.positionAt(hoverOffsets[run % 2]) });
        if (run >= 10) hoverSamples.push(performance.now() - started);
        if (!hover) throw new Error('hover gave nothing: the benchmark positions are wrong');
    }
    return {
        'language: 3000-line file lines': text.split('\n').length,
        'language: diagnostics after edit p95 (ms)': p95(editSamples),
        'language: diagnostics after edit median (ms)': median(editSamples),
        'language: diagnostics reported': diagnostics,
        'language: completion p95 (ms)': p95(completionSamples),
        'language: hover p95 (ms)': p95(hoverSamples),
    };
}
