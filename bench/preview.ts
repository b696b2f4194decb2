/**
 * Preview benchmarks (`npm run bench`):
 * - webview: from a model update posted to the panel page to the next frame with the charts redrawn,
 *   in Debian's Chromium, over the paper's 12 scenarios, 3 studies (what a ~300-line file yields);
 * - server: from an edit of a ~300-line document to its preview model (parse, link, validate,
 *   evaluate, build the model), when the language server's preview builder is present;
 * - keystroke to chart, end to end: an edit sent to the stdio language server until the chart's
 *   pixels changed in the panel page, p50/p95/p99, fresh values every edit (no cache hit), and the
 *   worst case while typing (plus the client's throttle interval); the issue bounds it at 150 ms;
 * - from the VS Code web suite, when it has run: activation, server start, edit to chart drawn.
 * Needs `npm run build` (out/webview) and /usr/bin/chromium.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { evaluate, paperScenario, type PaperConfig, type ScenarioResult } from '../engine/index.js';
import { createNonce, renderPreviewHtml } from '../client/preview-html.js';
import {
  isPreviewProblems,
  PREVIEW_MODEL_NOTIFICATION,
  PREVIEW_OPEN_NOTIFICATION,
  type PreviewModel,
  type PreviewResponse,
  type PreviewScenario,
} from '../protocol/preview.js';
import { SERVER_BUNDLE, startStdioServer } from './lsp-client.js';
import { freshValue, threeHundredLineDocument } from './preview-server.js';

const CHROMIUM = process.env.MOESYS_CHROMIUM ?? '/usr/bin/chromium';
const DEBOUNCE_MS = 75; // the extension's default `moesys.preview.debounceMs` (its throttle interval)

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The paper's twelve scenarios with results scaled by `factor`, so every update redraws new bars. */
function benchModel(version: number, factor: number): PreviewModel {
  const systems = ['passage512', 'electrical512', 'electrical144'] as const;
  const scenarios: PreviewScenario[] = systems.flatMap((system, s) =>
    ([1, 2, 3, 4] as PaperConfig[]).map((config, c) => {
      const result: ScenarioResult = evaluate(paperScenario(system, config));
      const scaled = { ...result, steps: Math.round(result.steps * factor), timeToTrainSeconds: result.timeToTrainSeconds * factor };
      return { name: `${system}_c${config}`, line: 10 + s * 80 + c * 20, result: scaled };
    }),
  );
  const baseline = scenarios[0].result!.timeToTrainSeconds;
  return {
    uri: 'file:///bench.moesys',
    version,
    scenarios,
    studies: [
      {
        kind: 'compare',
        name: 'fig11',
        line: 290,
        baseline: scenarios[0].name,
        entries: scenarios.slice(8).map((s) => ({ scenario: s.name, ratio: s.result!.timeToTrainSeconds / baseline })),
      },
    ],
    diagnostics: { errors: 0, warnings: 0 },
  };
}

const PANEL_URI = 'file:///bench.moesys';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium with the VS Code panel page (the client's own HTML and CSP) open, VS Code's API stubbed. */
async function openPanelPage(): Promise<{ tab: Page; close(): Promise<void> }> {
  const webview = resolve('out/webview');
  if (!existsSync(join(webview, 'main.js'))) throw new Error('run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'moesys-bench-'));
  const page = join(dir, 'panel.html');
  writeFileSync(
    page,
    renderPreviewHtml({
      cspSource: 'file:',
      nonce: createNonce(),
      scriptUri: pathToFileURL(join(webview, 'main.js')).href,
      styleUri: pathToFileURL(join(webview, 'main.css')).href,
      config: { title: 'bench.moesys', uri: PANEL_URI },
      prelude: 'window.__posted=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>window.__posted.push(m),getState:()=>undefined,setState:()=>{}});',
    }),
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await tab.goto(pathToFileURL(page).href);
  return { tab, close: () => browser.close() };
}

/** Posts a model and resolves, in the frame after the charts were redrawn, with a checksum of the time chart's pixels. */
function drawAndHash(tab: Page, model: PreviewModel): Promise<number> {
  return tab.evaluate(
    (m) =>
      new Promise<number>((done) => {
        window.postMessage({ type: 'update', uri: m.uri, version: m.version, model: m }, '*');
        const deadline = performance.now() + 10_000;
        const wait = () => {
          const drawn = (window as unknown as { moesysPreview?: { drawnVersion: number } }).moesysPreview?.drawnVersion === m.version;
          if (!drawn && performance.now() > deadline) throw new Error(`version ${m.version} was never drawn`);
          if (!drawn) {
            setTimeout(wait, 0);
            return;
          }
          requestAnimationFrame(() => {
            const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-chart="time"]');
            const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
            let hash = 0;
            for (let i = 0; i < data.length; i += 16) hash = (hash * 31 + data[i]) | 0;
            done(hash);
          });
        };
        wait();
      }),
    model,
  );
}

/** Milliseconds from posting an update to the frame after the charts were redrawn, per update. */
export async function measureWebviewUpdates(count = 120): Promise<number[]> {
  const { tab, close } = await openPanelPage();
  try {
    const models = Array.from({ length: count + 10 }, (_, i) => benchModel(i + 1, 1 + (i % 7) * 0.05));
    const times: number[] = [];
    for (const [i, model] of models.entries()) {
      const start = performance.now();
      await drawAndHash(tab, model);
      if (i >= 10) times.push(performance.now() - start); // first updates warm up the JIT and create the charts
    }
    return times;
  } finally {
    await close();
  }
}

/**
 * Keystroke to chart, end to end: an edit sent to the real stdio language server (out/server),
 * the preview model the server pushes for that version, posted to the panel page, until the frame in which
 * the time chart's pixels have changed. Each edit comes after the previous chart is drawn (the
 * VS Code client sends the first edit after a pause at once), with a value never used before.
 */
export async function measureKeystrokeToChart(count = 60): Promise<{ times: number[]; unchanged: number }> {
  const server = await startStdioServer();
  const { tab, close } = await openPanelPage();
  try {
    const uri = pathToFileURL(resolve('bench/frontier-300.moesys')).href;
    const base = threeHundredLineDocument();
    const waiting = new Map<number, (model: PreviewResponse) => void>();
    server.connection.onNotification(PREVIEW_MODEL_NOTIFICATION, (model: PreviewResponse) => waiting.get(model.version)?.(model));
    const pushed = (version: number) => new Promise<PreviewResponse>((resolve) => waiting.set(version, resolve));
    await server.connection.sendNotification(PREVIEW_OPEN_NOTIFICATION, { uri });
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moesys', version: 1, text: base } });
    await pushed(1);
    const times: number[] = [];
    let unchanged = 0;
    let previous: number | undefined;
    for (let i = 0; i < count + 5; i++) {
      const version = i + 2;
      const text = base.replace('bandwidth = 32 Tb/s', `bandwidth = ${freshValue(i, 4, 32)} Tb/s`);
      const start = performance.now();
      const arrival = pushed(version);
      void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      const model = await arrival;
      if (isPreviewProblems(model)) throw new Error(`no preview model for version ${version}: ${JSON.stringify(model)?.slice(0, 200)}`);
      // The panel page shows one document: the one it was opened for.
      const hash = await drawAndHash(tab, { ...model, uri: PANEL_URI });
      const elapsed = performance.now() - start;
      if (i >= 5) {
        times.push(elapsed);
        if (hash === previous) unchanged++;
      }
      previous = hash;
    }
    return { times, unchanged };
  } finally {
    await close();
    server.dispose();
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
  }
  if (existsSync(SERVER_BUNDLE)) {
    // Measured end to end, not a sum of separately measured p95s.
    const { times, unchanged } = await measureKeystrokeToChart();
    results['preview keystroke to chart, end to end, p50 (ms)'] = percentile(times, 50);
    results['preview keystroke to chart, end to end, p95 (ms)'] = percentile(times, 95);
    results['preview keystroke to chart, end to end, p99 (ms)'] = percentile(times, 99);
    results['preview keystroke to chart, edits whose chart pixels did not change'] = unchanged;
    // While typing, the client sends updates at most every DEBOUNCE_MS: the worst wait adds that.
    results['preview keystroke to chart while typing, worst case p95 (ms, + throttle)'] = DEBOUNCE_MS + percentile(times, 95);
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
