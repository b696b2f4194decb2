/**
 * A storm on the stdio server: thousands of edits with completion and hover requests interleaved
 * (superseded ones cancelled, as editors do; see bench/lsp-storm.ts). The server must not crash,
 * its memory must stay bounded, and completion and hover must keep answering within the editor's
 * goals (p95 50 ms, p99 100 ms) because they answer from the last analysis while builds run. Figures go
 * to stdout for the closing note. By default 2,000 edits in bursts; MOESYS_STORM_EDITS and
 * MOESYS_STORM_INTERVAL_MS (a steady interval instead of bursts) change that.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { BURSTS, runStorm } from '../../bench/lsp-storm.js';
import { SERVER_BUNDLE } from './stdio-server.js';

const EDITS = Number(process.env.MOESYS_STORM_EDITS ?? 2000);
const STEADY_INTERVAL_MS = process.env.MOESYS_STORM_INTERVAL_MS === undefined ? undefined : Number(process.env.MOESYS_STORM_INTERVAL_MS);

describe.skipIf(!existsSync(SERVER_BUNDLE) || !existsSync('/proc/self/status'))('language server under a storm of edits', () => {
  it(`survives ${EDITS} edits with interleaved completion and hover, memory bounded, interactive latency bounded`, async () => {
    const figures = await runStorm({ edits: EDITS, pauseAfter: STEADY_INTERVAL_MS === undefined ? BURSTS : () => STEADY_INTERVAL_MS });
    console.log(`storm: ${JSON.stringify(figures)}`);
    expect(figures.exited).toBe(false);
    expect(figures.finalSymbols).toBeGreaterThan(10);
    expect(figures.failed).toBe(0);
    expect(figures.answered).toBeGreaterThan(figures.requests / 4);
    expect(figures.rssMaxMB).toBeLessThan(Math.max(400, figures.rssStartMB * 4));
    // Completion and hover answer from the last analysis while builds run (see
    // language/langium-overrides/stale-while-building.ts), within the editor's goals: p95 50 ms,
    // p99 100 ms. Measured 2026-12-02 on 2 shared cores (4 runs): completion p95 15-21 / p99
    // 24-35 ms, hover 7-12 / 12-25 ms. Langium's own handlers, which wait for the rebuild to
    // link, gave hover p95 25 and p99 48-314 ms here (p99 148-651 ms on a busier machine), so
    // the hover bound of 20 ms fails against them. everyResponse also counts cancelled requests
    // until their RequestCancelled (no survivor bias): p95 19-28 ms; its p99 (40-102 ms) is the
    // event loop blocked by a build's synchronous parse/validation, which is reported, not bounded.
    for (const kind of [figures.completion, figures.hover]) {
      expect(kind.p95).toBeLessThan(50);
      expect(kind.p99).toBeLessThan(100);
    }
    // In bursts (the default); steady typing builds on every keystroke, and a request waits
    // for that build's synchronous parse (hover p95 30 ms at 60 ms a keystroke).
    if (STEADY_INTERVAL_MS === undefined) expect(figures.hover.p95).toBeLessThan(20);
    // Cancelled requests wait for the build's synchronous parse and validation. On 2 idle cores on
    // 2026-12-02, alternating runs gave everyResponse p95 34-79 ms for the previous commit (b8ac64c)
    // and 33-85 ms for this one, so 50 ms failed either at random; 100 ms still fails a server that
    // makes cancelled requests wait for whole builds (Langium's handlers: p99 148-651 ms).
    expect(figures.everyResponse.p95).toBeLessThan(100);
    expect(figures.stderrBytes).toBeLessThan(10_000);
  }, 600_000);
});
