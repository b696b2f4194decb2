/**
 * Language benchmarks: diagnostics of a 3,000-line file after an edit, completion and hover
 * latency. Each figure is the p95 of repeated runs, in milliseconds (goals: ≤ 100 ms, ≤ 50 ms).
 */
import { readFileSync } from 'node:fs';
import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import { createMoesysServices } from '../language/moesys-module.js';
import { freshValue } from './preview-server.js';
import { BURSTS, runStorm } from './lsp-storm.js';
import { SERVER_BUNDLE } from './lsp-client.js';
import { existsSync } from 'node:fs';

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

/**
 * The paper example repeated with renamed declarations to about `lines` lines, cut only after a
 * whole declaration, so the document is valid (a cut mid-declaration would benchmark error recovery).
 */
export function largeDocument(lines: number, example = readFileSync('examples/frontier-moe.moesys', 'utf8')): string {
  const names = [...example.matchAll(/^\s*(?:gpu|link|switch|system|model|training|scenario|compare|sweep)\s+([\w-]+)/gm)].map((match) => match[1]);
  const pattern = new RegExp(
    `(?<![\\w-])(${names
      .sort((a, b) => b.length - a.length)
      .map((name) => name.replace(/[-]/g, '\\-'))
      .join('|')})(?![\\w-])`,
    'g',
  );
  const copies: string[] = [];
  let count = 0;
  for (let copy = 0; count < lines; copy++) {
    const text = example.replace(pattern, (name) => `${name}_${copy}`);
    copies.push(text);
    count += text.split('\n').length;
  }
  const all = copies.join('\n').split('\n');
  // The last line at or before `lines` that closes a top-level declaration (or is one on one line).
  let end = Math.min(lines, all.length);
  while (end > 0 && !/^(\}|(gpu|link|switch|system|model|training|scenario|compare|sweep)\b.*\}\s*(\/\/.*)?)$/.test(all[end - 1])) end--;
  return all.slice(0, end).join('\n') + '\n';
}

export async function runLanguageBenchmarks(): Promise<Record<string, number>> {
  const { shared, moesys } = createMoesysServices(EmptyFileSystem);
  const factory = shared.workspace.LangiumDocumentFactory;
  const documents = shared.workspace.LangiumDocuments;
  const builder = shared.workspace.DocumentBuilder;
  const text = largeDocument(3000);
  const uri = URI.parse('file:///bench/large.moesys');

  // Diagnostics after an edit: Langium re-parses, re-links and re-validates the whole document.
  // Valid documents, and separately the same document with an error in every copy's GPU.
  const editTimes = async (source: string, runs = 45): Promise<{ samples: number[]; document: LangiumDocument }> => {
    const samples: number[] = [];
    let built: LangiumDocument | undefined;
    for (let run = 0; run < runs; run++) {
      // A value never used before: no cache of the previous build answers.
      const edited = source.replace('hbmBandwidth = 26 TB/s', `hbmBandwidth = ${freshValue(run, 20, 26)} TB/s`);
      const started = performance.now();
      if (documents.hasDocument(uri)) documents.deleteDocument(uri);
      built = factory.fromString(edited, uri);
      documents.addDocument(built);
      await builder.build([built], { validation: true });
      if (run >= 5) samples.push(performance.now() - started);
    }
    return { samples, document: built! };
  };
  const withErrors = await editTimes(text.replace(/hbmCapacity = 16 \* 36 GB/g, 'hbmCapacity = 16 * 36 GB/s'));
  const { samples: editSamples, document } = await editTimes(text);
  // Valid: no errors. The example's warnings (copper reach of the 512-GPU copper pod) are real and stay.
  const errors = document.diagnostics?.filter((diagnostic) => diagnostic.severity === 1).length ?? -1;
  if (errors !== 0) throw new Error(`the benchmark document should be valid, it has ${errors} errors`);
  const diagnostics = document.diagnostics?.length ?? 0;

  // Completion and hover on the last build, at typical positions.
  const textDocument = document.textDocument;
  const completionOffset = text.indexOf('bandwidth = 32 Tb/s') + 'bandwidth = 32 '.length;
  const hoverOffsets = [text.indexOf('serdesEnergy = 2 pJ/bit'), text.lastIndexOf('scenario passage512_c4') + 'scenario '.length];
  const completionSamples: number[] = [];
  const hoverSamples: number[] = [];
  for (let run = 0; run < 60; run++) {
    let started = performance.now();
    await moesys.lsp.CompletionProvider!.getCompletion(document, {
      textDocument: { uri: uri.toString() },
      position: textDocument.positionAt(completionOffset),
    });
    if (run >= 10) completionSamples.push(performance.now() - started);
    started = performance.now();
    const hover = await moesys.lsp.HoverProvider!.getHoverContent(document, {
      textDocument: { uri: uri.toString() },
      position: textDocument.positionAt(hoverOffsets[run % 2]),
    });
    if (run >= 10) hoverSamples.push(performance.now() - started);
    if (!hover) throw new Error('hover gave nothing: the benchmark positions are wrong');
  }
  // The stdio server's interactive latency while edits keep coming (not only after a pause):
  // bursts of 50 edits 2 ms apart, then steady typing at 15 keys a second.
  const storms: Record<string, number> = {};
  if (existsSync(SERVER_BUNDLE)) {
    for (const [label, options] of [
      ['bursts', { edits: 1000, pauseAfter: BURSTS }],
      ['typing 15 keys/s', { edits: 300, pauseAfter: () => 66 }],
    ] as const) {
      const figures = await runStorm(options);
      storms[`language server under edits (${label}): completion/hover p50 (ms)`] = figures.p50;
      storms[`language server under edits (${label}): completion/hover p95 (ms)`] = figures.p95;
      storms[`language server under edits (${label}): completion/hover p99 (ms)`] = figures.p99;
      storms[`language server under edits (${label}): RSS max (MB)`] = figures.rssMaxMB;
    }
  }
  return {
    ...storms,
    'language: 3000-line file lines': text.split('\n').length,
    'language: diagnostics after edit p95 (ms)': p95(editSamples),
    'language: diagnostics after edit median (ms)': median(editSamples),
    'language: diagnostics reported (valid document)': diagnostics,
    'language: diagnostics after edit, document with errors, p95 (ms)': p95(withErrors.samples),
    'language: diagnostics reported (document with errors)': withErrors.document.diagnostics?.length ?? -1,
    'language: completion p95 (ms)': p95(completionSamples),
    'language: hover p95 (ms)': p95(hoverSamples),
  };
}
