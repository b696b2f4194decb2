/**
 * A storm on the stdio server: thousands of edits with completion and hover requests interleaved
 * (superseded ones cancelled, as editors do; see bench/lsp-storm.ts). The server must not crash,
 * its memory must stay bounded, and completion and hover must keep answering. Their latencies go
 * to stdout and to `npm run bench`. By default 2,000 edits in bursts; MOESYS_STORM_EDITS and
 * MOESYS_STORM_INTERVAL_MS (a steady interval instead of bursts) change that.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { BURSTS, runStorm } from '../../bench/lsp-storm.js';
import { SERVER_BUNDLE } from './stdio-server.js';

const EDITS = Number(process.env.MOESYS_STORM_EDITS ?? 2000);
const STEADY_INTERVAL_MS = process.env.MOESYS_STORM_INTERVAL_MS === undefined ? undefined : Number(process.env.MOESYS_STORM_INTERVAL_MS);

describe.skipIf(!existsSync(SERVER_BUNDLE) || !existsSync('/proc/self/status'))('language server under a storm of edits', () => {
  it(`survives ${EDITS} edits with interleaved completion and hover, memory bounded, most requests answered`, async () => {
    const figures = await runStorm({ edits: EDITS, pauseAfter: STEADY_INTERVAL_MS === undefined ? BURSTS : () => STEADY_INTERVAL_MS });
    console.log(`storm: ${JSON.stringify(figures)}`);
    expect(figures.exited).toBe(false);
    expect(figures.finalSymbols).toBeGreaterThan(10);
    expect(figures.failed).toBe(0);
    expect(figures.answered).toBeGreaterThan(figures.requests / 4);
    expect(figures.rssMaxMB).toBeLessThan(Math.max(400, figures.rssStartMB * 4));
    // Latency is a benchmark figure, not a test bound (`npm run bench`, bench/language.ts): an
    // absolute bound here failed CI at random on a busier machine (completion p95 65 ms against
    // 50). That completion and hover answer from the last analysis while a build runs, instead of
    // waiting for it, is proven without a clock by test/language/langium-overrides.test.ts.
    expect(figures.stderrBytes).toBeLessThan(10_000);
  }, 600_000);
});
