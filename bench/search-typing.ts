/**
 * Typing while a search runs: the stdio server with examples/search.moesys open and previewed
 * (about 11,000 splits a search). Each measured edit changes a comment at the end of the file, as
 * typing elsewhere does, so the running search goes on; whenever it has finished, an unmeasured edit
 * of its `top` starts a new one and the next edit waits until it reports progress. Measured per
 * edit: didChange → diagnostics published, and a completion asked right after. The same edits with
 * the search block commented out are the baseline; with MOESYS_SEARCH_ON_MAIN_THREAD=1 the server
 * searches in slices on its own thread (the browser's fallback), for comparison.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PREVIEW_MODEL_NOTIFICATION, PREVIEW_OPEN_NOTIFICATION, type PreviewResponse, type PreviewSearchStudy } from '../protocol/preview.js';
import { startStdioServer } from './lsp-client.js';

export interface TypingFigures {
  diagnostics: { p50: number; p95: number };
  completion: { p50: number; p95: number };
  /** Samples taken while the search was running (the last pushed model said so), over all samples. */
  runningShare: number;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? NaN;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** `withSearch: false` comments the search block out; `env` is passed to the server. */
export async function typingWhileSearching(withSearch: boolean, edits = 40, env: Record<string, string> = {}): Promise<TypingFigures> {
  Object.assign(process.env, env);
  const server = await startStdioServer();
  for (const key of Object.keys(env)) delete process.env[key];
  try {
    const example = readFileSync('examples/search.moesys', 'utf8');
    const text = withSearch ? example : example.replace(/^search /m, '// search ');
    // Beside the example, so `import "frontier-moe.moesys"` resolves.
    const uri = pathToFileURL(resolve('examples/search-typing-bench.moesys')).href;
    const models: PreviewResponse[] = [];
    server.connection.onNotification(PREVIEW_MODEL_NOTIFICATION, (model: PreviewResponse) => void models.push(model));
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moesys', version: 1, text } });
    await server.connection.sendNotification(PREVIEW_OPEN_NOTIFICATION, { uri });
    await server.nextDiagnostics(uri);
    const diagnostics: number[] = [];
    const completion: number[] = [];
    let version = 1;
    let top = 10;
    let current = text;
    const change = async (next: string) => {
      current = next;
      const published = server.nextDiagnostics(uri);
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: next }] });
      await published;
    };
    const lastSearch = () => {
      const model = models.at(-1);
      return model && 'studies' in model ? (model.studies.find((s) => s.kind === 'search') as PreviewSearchStudy | undefined) : undefined;
    };
    const completionAt = (edited: string) => {
      const before = edited.slice(0, edited.indexOf('maxMicrobatchSize')).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    let samplesWithSearch = 0;
    for (let edit = 0; edit < edits; edit++) {
      if (withSearch && lastSearch()?.status !== 'running') {
        // Finished: start another (a `top` never used before, so no finished search answers from the cache).
        await change(current.replace(/top = \d+/, `top = ${++top}`));
        const deadline = Date.now() + 10_000;
        while (!(lastSearch()?.status === 'running' && lastSearch()!.tried > 0) && Date.now() < deadline) await sleep(10);
      }
      const started = performance.now();
      await change(current.replace(/(\n\/\/ keystroke \d+)?$/, `\n// keystroke ${edit}`));
      const diagnosticsMillis = performance.now() - started;
      const asked = performance.now();
      await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: completionAt(current) });
      if (edit < 5) continue;
      diagnostics.push(diagnosticsMillis);
      completion.push(performance.now() - asked);
      if (lastSearch()?.status === 'running') samplesWithSearch++;
      // A keystroke every 100 ms or so.
      await sleep(60);
    }
    return {
      diagnostics: { p50: round(percentile(diagnostics, 0.5)), p95: round(percentile(diagnostics, 0.95)) },
      completion: { p50: round(percentile(completion, 0.5)), p95: round(percentile(completion, 0.95)) },
      runningShare: samplesWithSearch / diagnostics.length,
    };
  } finally {
    server.dispose();
  }
}
export async function runSearchTypingBenchmarks(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const [label, withSearch, env] of [
    ['no search', false, {}],
    ['search on a worker thread', true, {}],
    ['search on the main thread in slices', true, { MOESYS_SEARCH_ON_MAIN_THREAD: '1' }],
  ] as const) {
    const result = await typingWhileSearching(withSearch, 40, env);
    figures[`typing, ${label}: diagnostics p50 (ms)`] = result.diagnostics.p50;
    figures[`typing, ${label}: diagnostics p95 (ms)`] = result.diagnostics.p95;
    figures[`typing, ${label}: completion p50 (ms)`] = result.completion.p50;
    figures[`typing, ${label}: completion p95 (ms)`] = result.completion.p95;
    if (withSearch) figures[`typing, ${label}: samples while the search ran (%)`] = Math.round(result.runningShare * 100);
  }
  return figures;
}
