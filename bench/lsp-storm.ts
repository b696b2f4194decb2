/**
 * A storm of edits on the stdio language server, as the benchmark and the storm test run it:
 * edits with fresh values (every tenth one broken, as typing leaves text), a completion or hover
 * every third edit, the previous one cancelled as an editor cancels a superseded request.
 * Measures the interactive latency of those requests and the server's memory while it lasts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { startStdioServer, type StdioServer } from './lsp-client.js';

export interface StormFigures {
  edits: number;
  seconds: number;
  requests: number;
  answered: number;
  cancelled: number;
  failed: number;
  p50: number;
  p95: number;
  p99: number;
  /** The same percentiles of completions and of hovers alone. */
  completion: { p50: number; p95: number; p99: number };
  hover: { p50: number; p95: number; p99: number };
  /** How long cancelled requests took to answer RequestCancelled (the client cancels a request when it sends the next, 6 ms later in bursts). */
  cancelledAfter: { p50: number; p95: number; p99: number };
  /** Every request until its response, answered or cancelled: what the client waited, with no survivor bias. */
  everyResponse: { p50: number; p95: number; p99: number };
  rssStartMB: number;
  rssMaxMB: number;
  stderrBytes: number;
  /** The server had exited by the end. */
  exited: boolean;
  /** Document symbols of the final text, asked after the storm (the server still answers). */
  finalSymbols: number;
}

export interface StormOptions {
  edits: number;
  /** Milliseconds to wait after edit number `edit`. */
  pauseAfter: (edit: number) => number;
}

/** Bursts of 50 edits 2 ms apart (a paste, a held key, a client replaying changes), 300 ms between bursts. */
export const BURSTS = (edit: number): number => (edit % 50 === 49 ? 300 : 2);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? NaN;
}

function percentiles(samples: number[]): { p50: number; p95: number; p99: number } {
  return { p50: Math.round(percentile(samples, 0.5)), p95: Math.round(percentile(samples, 0.95)), p99: Math.round(percentile(samples, 0.99)) };
}

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function positionOf(offset: number, text: string): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

export async function runStorm(options: StormOptions, server?: StdioServer): Promise<StormFigures> {
  const own = !server;
  const lsp = server ?? (await startStdioServer());
  try {
    const example = readFileSync('examples/frontier-moe.moesys', 'utf8');
    const uri = pathToFileURL(resolve('storm/frontier-moe.moesys')).href;
    const connection = lsp.connection;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moesys', version: 1, text: example } });
    await lsp.nextDiagnostics(uri);
    const pid = lsp.process.pid!;
    const startRss = rssMegabytes(pid);
    const at = example.indexOf('hbmBandwidth = 26 TB/s') + 'hbmBandwidth = '.length;
    const completionAt = example.indexOf('bandwidth = 32 Tb/s') + 'bandwidth = 32 '.length;
    const hoverAt = example.indexOf('serdesEnergy');
    const latencies: number[] = [];
    const byKind = { completion: [] as number[], hover: [] as number[] };
    const cancelledAfter: number[] = [];
    let answered = 0,
      cancelled = 0,
      failed = 0,
      maxRss = startRss;
    let pending: CancellationTokenSource | undefined;
    const inflight: Array<Promise<void>> = [];
    const started = performance.now();
    for (let edit = 0; edit < options.edits; edit++) {
      const value = edit % 10 === 9 ? `${edit % 97}.` : `${26 + (edit % 1000) / 100}`;
      const text = `${example.slice(0, at)}${value} TB/s${example.slice(at + '26 TB/s'.length)}`;
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: edit + 2 }, contentChanges: [{ text }] });
      if (edit % 3 === 0) {
        pending?.cancel();
        const source = new CancellationTokenSource();
        pending = source;
        const completion = edit % 6 === 0;
        const shift = value.length - 2; // the edit moves later positions
        const where = positionOf((completion ? completionAt : hoverAt) + shift, text);
        const sent = performance.now();
        inflight.push(
          connection.sendRequest(completion ? 'textDocument/completion' : 'textDocument/hover', { textDocument: { uri }, position: where }, source.token).then(
            () => {
              answered++;
              const took = performance.now() - sent;
              latencies.push(took);
              byKind[completion ? 'completion' : 'hover'].push(took);
            },
            (error: { code?: number }) => {
              if (error.code === -32800) {
                cancelled++;
                cancelledAfter.push(performance.now() - sent);
              } else failed++;
            },
          ),
        );
      }
      if (edit % 100 === 0) maxRss = Math.max(maxRss, rssMegabytes(pid));
      await sleep(options.pauseAfter(edit));
    }
    await Promise.all(inflight);
    const seconds = (performance.now() - started) / 1000;
    const symbols = await connection.sendRequest<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    maxRss = Math.max(maxRss, rssMegabytes(pid));
    return {
      edits: options.edits,
      seconds: Number(seconds.toFixed(1)),
      requests: inflight.length,
      answered,
      cancelled,
      failed,
      ...percentiles(latencies),
      completion: percentiles(byKind.completion),
      hover: percentiles(byKind.hover),
      cancelledAfter: percentiles(cancelledAfter),
      everyResponse: percentiles([...latencies, ...cancelledAfter]),
      rssStartMB: Math.round(startRss),
      rssMaxMB: Math.round(maxRss),
      stderrBytes: lsp.stderr().length,
      exited: lsp.exited() !== undefined,
      finalSymbols: symbols.length,
    };
  } finally {
    if (own) lsp.dispose();
  }
}
