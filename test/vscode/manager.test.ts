/**
 * The preview manager with a stand-in `vscode`: one panel per document, each following its own
 * document's pushed models, and panels restored after a reload only from a valid saved state.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, fakeWebviewPanel, FakeUri } from './fake-vscode.js';
import type { PreviewResponse } from '../../protocol/preview.js';

vi.mock('vscode', async () => (await import('./fake-vscode.js')).fakeVscode);

const { PreviewManager, OPEN_PREVIEW_COMMAND, OPEN_LOCKED_PREVIEW_COMMAND } = await import('../../client/preview/manager.js');
const { PreviewModels } = await import('../../client/preview/models.js');

const A = new FakeUri('/work/a.moesys');
const B = new FakeUri('/work/b.moesys');
const settle = () => new Promise((r) => setTimeout(r, 0));
const log = { warn: vi.fn(), error: vi.fn(), trace: vi.fn() };

const modelOf = (uri: FakeUri, version: number): PreviewResponse => ({
  uri: uri.toString(),
  version,
  scenarios: [],
  studies: [],
  diagnostics: { errors: 0, warnings: 0 },
});

/** A manager on real PreviewModels over a stand-in server connection (`push` is its notification). */
function manager() {
  const opened: string[] = [];
  let handler: ((model: PreviewResponse) => void) | undefined;
  const connection = {
    onNotification: (_method: string, listener: (model: PreviewResponse) => void) => {
      handler = listener;
      return { dispose() {} };
    },
    sendNotification: async (method: string, params: { uri: string }) => {
      if (method === 'moesys/preview/open') opened.push(params.uri);
    },
  };
  const previews = new PreviewManager(new FakeUri('/ext') as never, new PreviewModels(connection as never), log as never);
  return { previews, opened, push: (model: PreviewResponse) => handler!(model) };
}

describe('preview manager', () => {
  beforeEach(() => {
    fake.reset();
    fake.documents = [
      { uri: A, version: 1, lineCount: 10 },
      { uri: B, version: 1, lineCount: 10 },
    ];
  });

  it('keeps one locked panel per document', async () => {
    const { previews } = manager();
    const open = fake.commands.get(OPEN_LOCKED_PREVIEW_COMMAND)!;
    await open(A as never);
    await open(A as never);
    await open(B as never);
    expect(fake.created).toHaveLength(2);
    expect(fake.created[0].revealed).toBe(1);
    expect(fake.created[0].title).toBe('Preview a.moesys (locked)');
    expect(previews.panelFor(A as never)).toBeDefined();
  });

  it('has one preview that follows the active .moesys editor, while a locked one stays on its document', async () => {
    const { previews, opened, push } = manager();
    const editorOf = (uri: FakeUri, languageId = 'moesys') => ({ document: { uri, languageId } });
    const activate = (editor: unknown) => fake.activeEditorListeners.forEach((listener) => (listener as (e: unknown) => void)(editor));
    await fake.commands.get(OPEN_PREVIEW_COMMAND)!(A as never);
    await fake.commands.get(OPEN_LOCKED_PREVIEW_COMMAND)!(A as never);
    const [following, locked] = fake.created;
    activate(editorOf(B));
    expect(previews.panelFor(B as never)?.panel).toBe(following);
    expect(following.title).toBe('Preview b.moesys');
    expect(previews.panelFor(A as never)?.panel).toBe(locked);
    activate(editorOf(new FakeUri('/work/notes.md'), 'markdown')); // another language: the preview stays
    expect(previews.panelFor(B as never)?.panel).toBe(following);
    expect(opened).toEqual([A.toString(), B.toString()]);
    push(modelOf(B, 1));
    expect(following.posted.filter((m) => m.type === 'update').map((m) => m.uri)).toEqual([B.toString()]);
    expect(locked.posted).toEqual([]);
    // The preview of a document that has a locked one reveals that one; no third panel opens.
    await fake.commands.get(OPEN_PREVIEW_COMMAND)!(A as never);
    expect(fake.created).toHaveLength(2);
    expect(locked.revealed).toBe(1);
    expect(previews.panelFor(B as never)?.panel).toBe(following);
  });

  it('asks the server for each previewed document and draws each document’s models in its own panel only', async () => {
    const { previews, opened, push } = manager();
    await previews.open(A as never, undefined, true);
    await previews.open(B as never, undefined, true);
    expect(opened).toEqual([A.toString(), B.toString()]);
    push(modelOf(B, 1));
    expect(fake.created[0].posted).toEqual([]);
    expect(fake.created[1].posted.map((m) => m.uri)).toEqual([B.toString()]);
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

  it('opens the preview on what a CodeLens names, and ignores a malformed focus', async () => {
    manager();
    const open = fake.commands.get(OPEN_PREVIEW_COMMAND)!;
    await open(A as never, { kind: 'study', name: 'fig11' } as never);
    await open(A as never, { kind: 'script', name: 'x' } as never);
    await open(A as never, { kind: 'scenario', name: 'a' } as never);
    expect(fake.created).toHaveLength(1);
    expect(fake.created[0].posted.map((m) => (m.type === 'focus' ? (m.target as { name: string }).name : m.type))).toEqual(['fig11', 'a']);
  });

  it('forgets a panel when the user closes it', async () => {
    const { previews } = manager();
    await previews.open(A as never);
    fake.created[0].dispose();
    expect(previews.panelFor(A as never)).toBeUndefined();
  });

  it('follows a document closed and reopened, whose versions start again at 1', async () => {
    const { previews, push } = manager();
    fake.documents[0].version = 21;
    await previews.open(A as never);
    push(modelOf(A, 21));
    fake.close(A);
    fake.open(A, 1);
    await settle();
    push(modelOf(A, 1));
    await new Promise((r) => setTimeout(r, 100));
    fake.documents.find((d) => d.uri === A)!.version = 2;
    push(modelOf(A, 2));
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.created[0].posted.map((m) => m.version)).toEqual([21, 1, 2]);
    previews.dispose();
  });
});
