/**
 * Preview benchmarks (`npm run bench`):
 * - webview: from a model update posted to the panel page to the next frame with the charts redrawn,
 *   in Debian's Chromium, over the paper's 12 scenarios, 3 studies (what a ~300-line file yields);
 * - server: from an edit of a ~300-line document to its preview model (parse, link, validate,
 *   evaluate, build the model), when the language server's preview builder is present;
 * - keystroke to chart: server + webview p95 (an edit after a pause goes out at once), and the
 *   worst case while typing (plus the throttle interval); the issue bounds it at 150 ms;
 * - from the VS Code web suite, when it has run: activation, server start, edit to chart drawn.
 * Needs `npm run build` (out/webview) and /usr/bin/chromium.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { evaluate, paperScenario, type PaperConfig, type ScenarioResult } from '../engine/index.js';
import { createNonce, renderPreviewHtml } from '../client/preview-html.js';
import type { PreviewModel, PreviewScenario } from '../webview/protocol.js';

const CHROMIUM = process.env.MOESYS_CHROMIUM ?? '/usr/bin/chromium';
const DEBOUNCE_MS = 75; // the extension's default `moesys.preview.debounceMs` (its throttle interval)

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The paper's twelve scenarios with results scaled by `factor`, so every update redraws new bars. */
function benchModel(version: number, factor: number): PreviewModel {
  const systems = ['passage512', 'electrical512', 'electrical144'] as const;
  const scenarios: PreviewScenario[] = systems.flatMap((system, s) => ([1, 2, 3, 4] as PaperConfig[]).map((config, c) => {
    const result: ScenarioResult = evaluate(paperScenario(system, config));
    const scaled = { ...result, steps: Math.round(result.steps * factor), timeToTrainSeconds: result.timeToTrainSeconds * factor };
    return { name: `${system}_c${config}`, line: 10 + s * 80 + c * 20, result: scaled };
  }));
  const baseline = scenarios[0].result!.timeToTrainSeconds;
  return {
    uri: 'file:///bench.moesys', version, scenarios,
    studies: [{ kind: 'compare', name: 'fig11', line: 290, baseline: scenarios[0].name,
      entries: scenarios.slice(8).map((s) => ({ scenario: s.name, ratio: s.result!.timeToTrainSeconds / baseline })) }],
    diagnostics: { errors: 0, warnings: 0 },
  };
}

/** Milliseconds from posting an update to the frame after the charts were redrawn, per update. */
export async function measureWebviewUpdates(count = 120): Promise<number[]> {
  const webview = resolve('out/webview');
  if (!existsSync(join(webview, 'main.js'))) throw new Error('run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'moesys-bench-'));
  const page = join(dir, 'panel.html');
  writeFileSync(page, renderPreviewHtml({
    cspSource: 'file:', nonce: createNonce(),
    scriptUri: pathToFileURL(join(webview, 'main.js')).href, styleUri: pathToFileURL(join(webview, 'main.css')).href,
    config: { title: 'bench.moesys', uri: 'file:///bench.moesys' },
    prelude: 'window.__posted=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>window.__posted.push(m),getState:()=>undefined,setState:()=>{}});',
  }));
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await tab.goto(pathToFileURL(page).href);
    const models = Array.from({ length: count + 10 }, (_, i) => benchModel(i + 1, 1 + (i % 7) * 0.05));
    const times: number[] = [];
    for (const [i, model] of models.entries()) {
      const millis = await tab.evaluate((m) => new Promise<number>((done) => {
        const start = performance.now();
        window.postMessage({ type: 'update', uri: m.uri, version: m.version, model: m }, '*');
        const wait = () => {
          const drawn = (window as unknown as { moesysPreview?: { drawnVersion: number } }).moesysPreview?.drawnVersion === m.version;
          if (drawn) requestAnimationFrame(() => done(performance.now() - start));
          else setTimeout(wait, 0);
        };
        wait();
      }), model);
      if (i >= 10) times.push(millis); // first updates warm up the JIT and create the charts
    }
    return times;
  } finally {
    await browser.close();
  }
}

/** Optional: the language server's preview builder, timed on a ~300-line document after an edit. */
async function measureServer(): Promise<number[] | undefined> {
  try {
    const path = './preview-server.js'; // why a variable: the file is optional and may not exist yet
    const mod = (await import(path)) as { measurePreviewServer?: () => Promise<number[]> };
    return await mod.measurePreviewServer?.();
  } catch (error) {
    console.error(`(preview server benchmark skipped: ${(error as Error).message})`);
    return undefined;
  }
}

export async function runPreviewBenchmarks(): Promise<Record<string, number>> {
  if (!existsSync(CHROMIUM)) {
    console.error(`(preview benchmarks skipped: no Chromium at ${CHROMIUM})`);
    return {};
  }
  const webview = await measureWebviewUpdates();
  const results: Record<string, number> = {
    'preview webview update p50 (ms)': percentile(webview, 50),
    'preview webview update p95 (ms)': percentile(webview, 95),
  };
  const server = await measureServer();
  if (server && server.length > 0) {
    results['preview server model after edit p50 (ms)'] = percentile(server, 50);
    results['preview server model after edit p95 (ms)'] = percentile(server, 95);
    // The first edit after a pause is sent at once; while typing, updates follow at most every DEBOUNCE_MS.
    results['preview keystroke to chart p95, edit after a pause (ms, server + webview)'] = percentile(server, 95) + percentile(webview, 95);
    results['preview keystroke to chart p95, while typing, worst case (ms, + throttle)'] = DEBOUNCE_MS + percentile(server, 95) + percentile(webview, 95);
  }
  // Written by the VS Code web suite (test/vscode/run-web.mjs) from inside a real workbench.
  const statsFile = process.env.MOESYS_ACTIVATION_STATS ?? resolve('out/vscode-web-stats.json');
  if (existsSync(statsFile)) {
    const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as { activateMillis?: number; serverReadyMillis?: number; editToChartMillis?: number };
    if (typeof stats.activateMillis === 'number') results['extension activate, VS Code web (ms)'] = stats.activateMillis;
    if (typeof stats.serverReadyMillis === 'number') results['extension language server ready, VS Code web (ms)'] = stats.serverReadyMillis;
    if (typeof stats.editToChartMillis === 'number') results['edit to chart drawn p95, VS Code web, 12 edits (ms)'] = stats.editToChartMillis;
  }
  return results;
}
