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
    expect(posted).toEqual([{ type: 'update', uri: DOC.toString(), version: 1, generation: 0, model: model(1) }]);
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

  it('relays a problem count, and asks again without drawing when the server lags behind the editor', async () => {
    vi.useFakeTimers();
    fake.documents[0].version = 2;
    const answers: PreviewResponse[] = [model(1), { uri: DOC.toString(), version: 2, problems: 3 }];
    const fetch = vi.fn(async () => answers.shift() ?? null);
    const { posted } = open(fetch);
    await vi.advanceTimersByTimeAsync(200);
    expect(fetch).toHaveBeenCalledTimes(2);
    // Version 1 is older than the document: never drawn, even as a first answer.
    expect(posted.map((m) => [m.type, m.version])).toEqual([['problems', 2]]);
  });

  it('keeps the last charts while the server answers for an older version', async () => {
    vi.useFakeTimers();
    const answers: PreviewResponse[] = [model(1), model(1), model(1), model(2)];
    const fetch = vi.fn(async () => answers.shift() ?? model(2));
    const { preview, posted } = open(fetch);
    await vi.advanceTimersByTimeAsync(0);
    fake.documents[0].version = 2;
    preview.refresh(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(posted.map((m) => m.version)).toEqual([1]); // the catch-up answer for 1 is not posted again
    await vi.advanceTimersByTimeAsync(200);
    expect(posted.map((m) => m.version)).toEqual([1, 2]);
  });

  it('keeps asking, backing off, for about 10 s while the server is slow to start, then stops', async () => {
    vi.useFakeTimers();
    let serverUp = false;
    const fetch = vi.fn(async () => (serverUp ? model(1) : null));
    const first = open(fetch);
    await vi.advanceTimersByTimeAsync(3000);
    const asked = fetch.mock.calls.length;
    expect(asked).toBeGreaterThan(3);
    expect(asked).toBeLessThan(15); // backing off, not polling every 15 ms
    serverUp = true;
    await vi.advanceTimersByTimeAsync(1100);
    expect(first.posted.map((m) => m.version)).toEqual([1]);
    const afterAnswer = fetch.mock.calls.length;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(fetch.mock.calls.length).toBe(afterAnswer); // a current answer ends the catch-up

    serverUp = false;
    fetch.mockClear();
    open(fetch);
    await vi.advanceTimersByTimeAsync(9000);
    expect(fetch.mock.calls.length).toBeGreaterThan(10);
    await vi.advanceTimersByTimeAsync(2000);
    const total = fetch.mock.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch.mock.calls.length).toBe(total); // gave up after about 10 s

    fetch.mockClear();
    const third = open(fetch);
    await vi.advanceTimersByTimeAsync(100);
    third.panel.dispose();
    const beforeDispose = fetch.mock.calls.length;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(fetch.mock.calls.length).toBe(beforeDispose); // disposed: no more requests
  });

  it('does not make an edit wait for a backed-off retry', async () => {
    vi.useFakeTimers();
    let answer: PreviewResponse | null = null;
    const fetch = vi.fn(async () => answer);
    const { preview, posted } = open(fetch);
    await vi.advanceTimersByTimeAsync(2000); // retries are now a second apart
    answer = model(2);
    fake.documents[0].version = 2;
    preview.refresh(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(posted.map((m) => m.version)).toEqual([2]);
  });

  it('starts a new generation when the document is reopened unnoticed (versions from 1 again)', async () => {
    fake.documents[0].version = 21;
    let version = 21;
    const { preview, posted } = open(async () => model(version));
    await settle();
    fake.documents[0].version = version = 1;
    preview.refresh(true);
    await settle();
    fake.documents[0].version = version = 2;
    preview.refresh(true);
    await settle();
    expect(posted.map((m) => [m.version, m.generation])).toEqual([[21, 0], [1, 1], [2, 1]]);
  });

  it('shows a warning when an export is refused', async () => {
    const { send } = open(async () => model(1));
    await settle();
    send({ type: 'export', format: 'csv', fileName: '_draft.csv', data: 'a' });
    await settle();
    expect(fake.warnings).toHaveLength(1);
    expect(fake.warnings[0]).toMatch(/export was refused/);
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

  it('drops its answer and a running request when a document is forgotten (closed)', async () => {
    const { sharedSource } = await import('../../client/preview/source.js');
    let version = 21;
    const pending: ((v: number) => void)[] = [];
    const fetch = vi.fn((uri: string) => new Promise<PreviewResponse>((resolve) => {
      pending.push((v) => resolve({ uri, version: v, problems: 0 }));
    }));
    const source = sharedSource({ fetch }, () => version);
    const first = source.fetch('u');
    pending.shift()!(21);
    expect((await first)?.version).toBe(21);
    const running = source.fetch('u'); // not answered before the document closes
    void running;
    source.forget('u');
    version = 1;
    const reopened = source.fetch('u');
    expect(fetch).toHaveBeenCalledTimes(2); // neither the cached 21 nor a request from before
    pending.shift()!(1);
    expect((await reopened)?.version).toBe(1);
    version = 2;
    const next = source.fetch('u');
    pending.shift()!(2);
    expect((await next)?.version).toBe(2);
  });

  it('notices a reopened document by its lower version even without a close event', async () => {
    const { sharedSource } = await import('../../client/preview/source.js');
    let version = 21;
    const fetch = vi.fn(async (uri: string): Promise<PreviewResponse> => ({ uri, version, problems: 0 }));
    const source = sharedSource({ fetch }, () => version);
    expect((await source.fetch('u'))?.version).toBe(21);
    version = 1;
    expect((await source.fetch('u'))?.version).toBe(1);
    version = 2;
    expect((await source.fetch('u'))?.version).toBe(2);
  });
});
