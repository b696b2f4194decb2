/**
 * The preview panel's logic with a stand-in for the `vscode` module: first render at once, stale
 * and repeated versions never posted, problems relayed, the typing throttle, and every message
 * from the webview validated before anything happens.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PreviewResponse } from '../../webview/protocol.js';
import { fake, fakeWebviewPanel, FakeUri } from './fake-vscode.js';

vi.mock('vscode', async () => (await import('./fake-vscode.js')).fakeVscode);

const { PreviewPanel } = await import('../../client/preview/panel.js');

const DOC = new FakeUri('/work/a.moesys');

function model(version: number): PreviewResponse {
  return { uri: DOC.toString(), version, scenarios: [], studies: [], diagnostics: { errors: 0, warnings: 0 } };
}

const log = { warn: vi.fn(), error: vi.fn(), trace: vi.fn() };
const settle = () => new Promise((r) => setTimeout(r, 0));

function open(fetch: (uri: string) => Promise<PreviewResponse | null>) {
  const panel = fakeWebviewPanel();
  const preview = new PreviewPanel(panel as never, DOC as never, new FakeUri('/ext') as never, { fetch }, log as never, () => undefined);
  return { panel, posted: panel.posted, send: panel.send, preview };
}

describe('preview panel', () => {
  beforeEach(() => {
    fake.reset();
    fake.documents = [{ uri: DOC, version: 1, lineCount: 50 }];
    log.warn.mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it('renders at once with a CSP page limited to out/webview', async () => {
    const { panel, posted } = open(async () => model(1));
    expect(panel.webview.options.localResourceRoots?.map(String)).toEqual(['file:///ext/out/webview']);
    expect(panel.webview.html).toMatch(/default-src 'none'/);
    expect(panel.webview.html).toMatch(/script-src 'nonce-[A-Za-z0-9_-]{22}'/);
    await settle();
    expect(posted).toEqual([{ type: 'update', uri: DOC.toString(), version: 1, model: model(1) }]);
  });

  it('never posts an older or an already posted version', async () => {
    const answers = [model(5), model(3), model(5)];
    fake.documents[0].version = 5;
    const { preview, posted } = open(async () => answers.shift()!);
    await settle();
    preview.refresh(true);
    await settle();
    preview.refresh(true);
    await settle();
    expect(posted.map((m) => m.version)).toEqual([5]);
  });

  it('relays a problem count, and asks again when the server lags behind the editor', async () => {
    vi.useFakeTimers();
    fake.documents[0].version = 2;
    const answers: PreviewResponse[] = [model(1), { uri: DOC.toString(), version: 2, problems: 3 }];
    const fetch = vi.fn(async () => answers.shift() ?? null);
    const { posted } = open(fetch);
    await vi.advanceTimersByTimeAsync(200);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(posted.map((m) => [m.type, m.version])).toEqual([['update', 1], ['problems', 2]]);
  });

  it('throttles while typing and always includes the last edit', async () => {
    vi.useFakeTimers();
    let version = 1;
    const fetch = vi.fn(async () => model(version));
    const { preview, posted } = open(fetch);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 10; i++) {
      version++;
      fake.documents[0].version = version;
      preview.refresh(false);
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(fetch.mock.calls.length).toBeLessThanOrEqual(5); // 200 ms of typing at a 75 ms interval
    expect(posted.at(-1)?.version).toBe(11);
  });

  it('ignores invalid and foreign messages from the webview', async () => {
    const { send } = open(async () => model(1));
    await settle();
    send({ type: 'reveal', uri: 'file:///etc/passwd', line: 1 });
    send({ type: 'reveal', uri: DOC.toString(), line: 999 });
    send({ type: 'reveal', uri: DOC.toString(), line: -1 });
    send({ type: 'runCommand', command: 'workbench.action.terminal.new' });
    send({ type: 'export', format: 'csv', fileName: '../../x.csv', data: 'a' });
    await settle();
    expect(fake.shown).toEqual([]);
    expect(fake.executed).toEqual([]);
    expect(log.warn).toHaveBeenCalledTimes(3); // the last three are malformed
  });

  it('reveals its own document line and opens the Problems view', async () => {
    const { send } = open(async () => model(1));
    await settle();
    send({ type: 'reveal', uri: DOC.toString(), line: 7 });
    send({ type: 'openProblems' });
    await settle();
    await settle();
    expect(fake.shown).toHaveLength(1);
    expect((fake.shown[0] as { selection: { start: { line: number } } }).selection.start.line).toBe(7);
    expect(fake.executed).toEqual([['workbench.actions.view.problems']]);
  });

  it('answers a reloaded webview with the last result', async () => {
    const { send, posted } = open(async () => model(1));
    await settle();
    send({ type: 'ready' });
    await settle();
    expect(posted.map((m) => m.version)).toEqual([1, 1]);
  });
});

describe('shared preview source', () => {
  it('joins a running request and reuses an answer for the current version', async () => {
    const { sharedSource } = await import('../../client/preview/source.js');
    let version = 1;
    let release: (() => void) | undefined;
    const fetch = vi.fn((uri: string) => new Promise<PreviewResponse>((resolve) => {
      const answerVersion = version;
      release = () => resolve({ uri, version: answerVersion, problems: 0 });
    }));
    const source = sharedSource({ fetch }, () => version);
    const a = source.fetch('u');
    const b = source.fetch('u');
    release!();
    expect(await a).toBe(await b);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((await source.fetch('u'))?.version).toBe(1); // cached for version 1
    expect(fetch).toHaveBeenCalledTimes(1);
    version = 2;
    const c = source.fetch('u');
    release!();
    expect((await c)?.version).toBe(2);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
