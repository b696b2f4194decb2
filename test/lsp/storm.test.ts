/**
 * A storm on the stdio server: thousands of edits as fast typing sends them, with completion and
 * hover requests interleaved (and superseded ones cancelled, as editors do). The server must not
 * crash, its memory must stay bounded, and interactive requests must keep answering quickly.
 * Figures go to stdout for the closing note. By default 2,000 edits in bursts of 50 sent 2 ms
 * apart (a paste, a held key, a client replaying changes) with 300 ms pauses between bursts;
 * MOESYS_STORM_EDITS and MOESYS_STORM_INTERVAL_MS (a steady interval instead) change that.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { SERVER_BUNDLE, startStdioServer, type StdioServer } from './stdio-server.js';

const EDITS = Number(process.env.MOESYS_STORM_EDITS ?? 2000);
/** Time after each edit: a steady interval when set, else bursts of 50 edits 2 ms apart and a 300 ms pause. */
const STEADY_INTERVAL_MS = process.env.MOESYS_STORM_INTERVAL_MS === undefined ? undefined : Number(process.env.MOESYS_STORM_INTERVAL_MS);
const pauseAfter = (edit: number) => STEADY_INTERVAL_MS ?? (edit % 50 === 49 ? 300 : 2);
const example = readFileSync('examples/frontier-moe.moesys', 'utf8');
const uri = pathToFileURL(resolve('storm/frontier-moe.moesys')).href;

function percentile(samples: number[], p: number): number {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? NaN;
}

function rssMegabytes(pid: number): number {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.skipIf(!existsSync(SERVER_BUNDLE) || !existsSync('/proc/self/status'))('language server under a storm of edits', () => {
    let server: StdioServer;
    beforeAll(async () => { server = await startStdioServer(); });
    afterAll(() => server?.dispose());

    it(`survives ${EDITS} edits with interleaved completion and hover, memory bounded, interactive latency bounded`, async () => {
        const connection = server.connection;
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moesys', version: 1, text: example } });
        await server.nextDiagnostics(uri);
        const startRss = rssMegabytes(server.process.pid!);
        const at = example.indexOf('hbmBandwidth = 26 TB/s') + 'hbmBandwidth = '.length;
        const completionAt = example.indexOf('bandwidth = 32 Tb/s') + 'bandwidth = 32 '.length;
        const hoverAt = example.indexOf('serdesEnergy');
        const position = (offset: number, text: string) => {
            const before = text.slice(0, offset).split('\n');
            return { line: before.length - 1, character: before[before.length - 1].length };
        };
        const latencies: number[] = [];
        let answered = 0, cancelled = 0, failed = 0, maxRss = startRss;
        let pending: CancellationTokenSource | undefined;
        const started = performance.now();
        const inflight: Array<Promise<void>> = [];
        for (let edit = 0; edit < EDITS; edit++) {
            // Fresh values every time (no cache hit), now and then a broken document, as typing makes them.
            const value = edit % 10 === 9 ? `${edit % 97}.` : `${26 + (edit % 1000) / 100}`;
            const text = `${example.slice(0, at)}${value} TB/s${example.slice(at + '26 TB/s'.length)}`;
            void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: edit + 2 }, contentChanges: [{ text }] });
            if (edit % 3 === 0) {
                // An editor cancels the request the next keystroke supersedes.
                pending?.cancel();
                const source = new CancellationTokenSource();
                pending = source;
                const kind = edit % 6 === 0 ? 'textDocument/completion' : 'textDocument/hover';
                const where = kind === 'textDocument/completion' ? position(completionAt + value.length - 2, text) : position(hoverAt + value.length - 2, text);
                const sent = performance.now();
                inflight.push(connection.sendRequest(kind, { textDocument: { uri }, position: where }, source.token).then(
                    () => { answered++; latencies.push(performance.now() - sent); },
                    (error: { code?: number }) => { if (error.code === -32800) cancelled++; else failed++; },
                ));
            }
            if (edit % 100 === 0) maxRss = Math.max(maxRss, rssMegabytes(server.process.pid!));
            await sleep(pauseAfter(edit));
        }
        await Promise.all(inflight);
        const seconds = (performance.now() - started) / 1000;
        // After the storm: the last version is built and diagnosed, and the server still answers.
        const symbols = await connection.sendRequest<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
        maxRss = Math.max(maxRss, rssMegabytes(server.process.pid!));
        const figures = {
            edits: EDITS, seconds: Number(seconds.toFixed(1)), requests: inflight.length, answered, cancelled, failed,
            p50: Math.round(percentile(latencies, 0.5)), p95: Math.round(percentile(latencies, 0.95)), p99: Math.round(percentile(latencies, 0.99)),
            rssStartMB: Math.round(startRss), rssMaxMB: Math.round(maxRss), stderrBytes: server.stderr().length,
        };
        console.log(`storm: ${JSON.stringify(figures)}`);
        expect(server.exited()).toBeUndefined();
        expect(symbols.length).toBeGreaterThan(10);
        expect(failed).toBe(0);
        expect(answered).toBeGreaterThan(inflight.length / 4);
        expect(maxRss).toBeLessThan(Math.max(400, startRss * 4));
        expect(figures.p95).toBeLessThan(1000);
        expect(server.stderr().length).toBeLessThan(10_000);
    }, 600_000);
});
