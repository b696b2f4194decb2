/**
 * The preview panel's logic with a stand-in for the `vscode` module and for the models the
 * server pushes: the model of the editor's version drawn at once, any other version never, problems
 * relayed, the redraw throttle, and every message from the webview validated before anything happens.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PreviewResponse } from '../../protocol/preview.js';
import type { ModelListener } from '../../client/preview/models.js';
import { fake, fakeWebviewPanel, FakeUri } from './fake-vscode.js';

vi.mock('vscode', async () => (await import('./fake-vscode.js')).fakeVscode);

const { PreviewPanel } = await import('../../client/preview/panel.js');
const { PreviewModels } = await import('../../client/preview/models.js');

const DOC = new FakeUri('/work/a.moesys');

function model(version: number): PreviewResponse {
  return { uri: DOC.toString(), version, scenarios: [], studies: [], diagnostics: { errors: 0, warnings: 0 } };
}

const log = { warn: vi.fn(), error: vi.fn(), trace: vi.fn() };
const settle = () => new Promise((r) => setTimeout(r, 0));

/** A panel on a source whose `push` stands for the server's notification. */
function open() {
  const listeners = new Set<ModelListener>();
  const models = {
    subscribe: (_uri: string, listener: ModelListener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  const panel = fakeWebviewPanel();
  const preview = new PreviewPanel(panel as never, DOC as never, new FakeUri('/ext') as never, models, log as never, () => undefined);
  const push = (response: PreviewResponse) => listeners.forEach((listener) => listener(response));
  return { panel, posted: panel.posted, send: panel.send, preview, push, listeners };
}

describe('preview panel', () => {
  beforeEach(() => {
    fake.reset();
    fake.documents = [{ uri: DOC, version: 1, lineCount: 50 }];
    log.warn.mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it('loads a CSP page limited to out/webview and draws the first model at once', async () => {
    const { panel, posted, push } = open();
    expect(panel.webview.options.localResourceRoots?.map(String)).toEqual(['file:///ext/out/webview']);
    expect(panel.webview.html).toMatch(/default-src 'none'/);
    expect(panel.webview.html).toMatch(/script-src 'nonce-[A-Za-z0-9_-]{22}'/);
    push(model(1));
    expect(posted).toEqual([{ type: 'update', uri: DOC.toString(), version: 1, model: model(1) }]);
  });

  it("draws only the model of the editor's version: an older or newer one keeps the last charts", async () => {
    vi.useFakeTimers();
    const { posted, push } = open();
    fake.documents[0].version = 5;
    push(model(3));
    push(model(6));
    push(model(5));
    await vi.advanceTimersByTimeAsync(200);
    expect(posted.map((m) => m.version)).toEqual([5]);
  });

  it('relays a problem count', () => {
    const { posted, push } = open();
    push({ uri: DOC.toString(), version: 1, problems: 3 });
    expect(posted).toEqual([{ type: 'problems', uri: DOC.toString(), version: 1, problems: 3 }]);
  });

  it('drops a model that waited for the throttle while the document was edited again', async () => {
    vi.useFakeTimers();
    const { posted, push } = open();
    push(model(1));
    fake.documents[0].version = 2;
    push(model(2));
    fake.documents[0].version = 3; // typed again before the redraw was due
    await vi.advanceTimersByTimeAsync(200);
    expect(posted.map((m) => m.version)).toEqual([1]);
    push(model(3));
    await vi.advanceTimersByTimeAsync(200);
    expect(posted.map((m) => m.version)).toEqual([1, 3]);
  });

  it('draws a reopened document from version 1 again', async () => {
    vi.useFakeTimers();
    fake.documents[0].version = 21;
    const { posted, push } = open();
    push(model(21));
    fake.documents[0].version = 1;
    push(model(1));
    await vi.advanceTimersByTimeAsync(200);
    expect(posted.map((m) => m.version)).toEqual([21, 1]);
  });

  it('posts a focus, and gives a reloaded webview the model and then the focus again', async () => {
    const { posted, push, send, preview } = open();
    push(model(1));
    preview.focus({ kind: 'study', name: 'fig11' });
    expect(posted.at(-1)).toEqual({ type: 'focus', uri: DOC.toString(), version: 1, target: { kind: 'study', name: 'fig11' } });
    send({ type: 'ready' });
    await settle();
    expect(posted.slice(-2).map((m) => m.type)).toEqual(['update', 'focus']);
  });

  it('selects the scenario or study whose declaration spans the cursor line, posting only changes', () => {
    const { posted, push, preview } = open();
    push({
      ...model(1),
      scenarios: [{ name: 'a', line: 2, endLine: 6 }],
      studies: [{ kind: 'compare', name: 'ab', line: 8, endLine: 9, baseline: 'a', entries: [] }],
    } as PreviewResponse);
    for (const line of [3, 4, 8, 7]) preview.cursorAt(line);
    expect(posted.filter((m) => m.type === 'select').map((m) => (m as { target?: { name: string } }).target?.name ?? null)).toEqual(['a', 'ab', null]);
  });

  it('stops listening when disposed', () => {
    const { panel, listeners } = open();
    expect(listeners.size).toBe(1);
    panel.dispose();
    expect(listeners.size).toBe(0);
  });

  it('shows a warning when an export is refused', async () => {
    const { send } = open();
    await settle();
    send({ type: 'export', format: 'csv', fileName: '_draft.csv', data: 'a' });
    await settle();
    expect(fake.warnings).toHaveLength(1);
    expect(fake.warnings[0]).toMatch(/export was refused/);
  });

  it('throttles redraws while models keep coming and always draws the last one', async () => {
    vi.useFakeTimers();
    const { push, posted } = open();
    for (let version = 1; version <= 11; version++) {
      fake.documents[0].version = version;
      push(model(version));
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(posted.length).toBeLessThanOrEqual(5); // 200 ms of models at a 75 ms interval
    expect(posted.at(-1)?.version).toBe(11);
  });

  it('ignores invalid and foreign messages from the webview', async () => {
    const { send } = open();
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
    const { send } = open();
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
    const { send, posted, push } = open();
    push(model(1));
    await settle();
    send({ type: 'ready' });
    await settle();
    expect(posted.map((m) => m.version)).toEqual([1, 1]);
  });
});

describe('preview models (the client side of the push)', () => {
  function server() {
    const sent: Array<[string, unknown]> = [];
    let handler: ((model: PreviewResponse) => void) | undefined;
    const connection = {
      onNotification: (_method: string, listener: (model: PreviewResponse) => void) => {
        handler = listener;
        return { dispose() {} };
      },
      sendNotification: async (method: string, params: unknown) => {
        sent.push([method, params]);
      },
    };
    return { connection, sent, push: (model: PreviewResponse) => handler!(model) };
  }

  it('tells the server when the first subscriber of a document comes and the last one goes', () => {
    const { connection, sent } = server();
    const models = new PreviewModels(connection as never);
    const a = models.subscribe('u', () => undefined);
    const b = models.subscribe('u', () => undefined);
    a.dispose();
    expect(sent).toEqual([['moesys/preview/open', { uri: 'u' }]]);
    b.dispose();
    expect(sent).toEqual([
      ['moesys/preview/open', { uri: 'u' }],
      ['moesys/preview/close', { uri: 'u' }],
    ]);
  });

  it('hands a new subscriber the last model at once, and drops models of documents nobody previews', () => {
    const { connection, push } = server();
    const models = new PreviewModels(connection as never);
    push({ uri: 'u', version: 1, problems: 0 });
    const early: PreviewResponse[] = [];
    const subscription = models.subscribe('u', (model) => early.push(model));
    expect(early).toEqual([]); // pushed before anyone previewed it: not kept
    push({ uri: 'u', version: 2, problems: 0 });
    const late: PreviewResponse[] = [];
    models.subscribe('u', (model) => late.push(model));
    expect(early.map((m) => m.version)).toEqual([2]);
    expect(late.map((m) => m.version)).toEqual([2]);
    subscription.dispose();
  });
});
