/**
 * The preview manager with a stand-in `vscode`: one panel per document, edits forwarded to the
 * document's panel, and panels restored after a reload only from a valid saved state.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, fakeWebviewPanel, FakeUri } from './fake-vscode.js';
import type { PreviewResponse } from '../../webview/protocol.js';

vi.mock('vscode', async () => (await import('./fake-vscode.js')).fakeVscode);

const { PreviewManager, OPEN_PREVIEW_COMMAND } = await import('../../client/preview/manager.js');
const { sharedSource } = await import('../../client/preview/source.js');

const A = new FakeUri('/work/a.moesys');
const B = new FakeUri('/work/b.moesys');
const settle = () => new Promise((r) => setTimeout(r, 0));
const log = { warn: vi.fn(), error: vi.fn(), trace: vi.fn() };

function manager(fetch = vi.fn(async (uri: string): Promise<PreviewResponse> => ({ uri, version: 1, scenarios: [], studies: [], diagnostics: { errors: 0, warnings: 0 } }))) {
  const previews = new PreviewManager(new FakeUri('/ext') as never, { fetch }, log as never);
  return { previews, fetch };
}

describe('preview manager', () => {
  beforeEach(() => {
    fake.reset();
    fake.documents = [{ uri: A, version: 1, lineCount: 10 }, { uri: B, version: 1, lineCount: 10 }];
  });

  it('keeps one panel per document', async () => {
    const { previews } = manager();
    const open = fake.commands.get(OPEN_PREVIEW_COMMAND)!;
    await open(A as never);
    await open(A as never);
    await open(B as never);
    expect(fake.created).toHaveLength(2);
    expect(fake.created[0].revealed).toBe(1);
    expect(fake.created[0].title).toBe('Preview a.moesys');
    expect(previews.panelFor(A as never)).toBeDefined();
  });

  it('forwards an edit to the edited document’s panel only', async () => {
    const { previews, fetch } = manager();
    await previews.open(A as never);
    await settle();
    fetch.mockClear();
    fake.changeListeners.forEach((l) => (l as (e: unknown) => void)({ document: { uri: B }, contentChanges: [{}] }));
    fake.changeListeners.forEach((l) => (l as (e: unknown) => void)({ document: { uri: A }, contentChanges: [] }));
    await new Promise((r) => setTimeout(r, 150));
    expect(fetch).not.toHaveBeenCalled();
    fake.changeListeners.forEach((l) => (l as (e: unknown) => void)({ document: { uri: A }, contentChanges: [{}] }));
    await new Promise((r) => setTimeout(r, 150));
    expect(fetch).toHaveBeenCalledWith(A.toString());
  });

  it('restores a panel from the state its webview saved, and drops bad or stale state', async () => {
    const { previews } = manager();
    const serializer = fake.serializers.get('moesys.preview')!;
    const good = fakeWebviewPanel();
    await serializer.deserializeWebviewPanel(good, { uri: A.toString(), view: 'table' });
    expect(good.disposed).toBe(false);
    expect(previews.panelFor(A as never)).toBeDefined();
    expect(good.webview.html).toContain("default-src 'none'");
    for (const state of [undefined, {}, { uri: 42 }, { uri: 'not a uri' }, { uri: 'file:///work/gone.moesys' }]) {
      const panel = fakeWebviewPanel();
      await serializer.deserializeWebviewPanel(panel, state);
      expect(panel.disposed, JSON.stringify(state)).toBe(true);
    }
  });

  it('forgets a panel when the user closes it', async () => {
    const { previews } = manager();
    await previews.open(A as never);
    fake.created[0].dispose();
    expect(previews.panelFor(A as never)).toBeUndefined();
  });

  it('follows a document closed and reopened, whose versions start again at 1', async () => {
    // The language server as the client sees it: answers for the editor's current version.
    const version = (uri: string) => fake.documents.find((d) => d.uri.toString() === uri)?.version;
    const server = vi.fn(async (uri: string): Promise<PreviewResponse | null> => {
      const v = version(uri);
      return v === undefined ? null : { uri, version: v, scenarios: [], studies: [], diagnostics: { errors: 0, warnings: 0 } };
    });
    const source = sharedSource({ fetch: server }, version);
    const previews = new PreviewManager(new FakeUri('/ext') as never, source, log as never);
    fake.documents[0].version = 21;
    await previews.open(A as never);
    await settle();
    fake.close(A);
    await new Promise((r) => setTimeout(r, 50));
    fake.open(A, 1);
    await settle();
    await settle();
    expect((await source.fetch(A.toString()))?.version).toBe(1); // what the CodeLens gets
    fake.documents.find((d) => d.uri === A)!.version = 2;
    fake.changeListeners.forEach((l) => (l as (e: unknown) => void)({ document: { uri: A }, contentChanges: [{}] }));
    await new Promise((r) => setTimeout(r, 200));
    const posted = fake.created[0].posted.map((m) => [m.version, m.generation]);
    expect(posted).toEqual([[21, 0], [1, 1], [2, 1]]);
    previews.dispose();
  });
});
