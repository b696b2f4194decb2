/**
 * "Compare with before" in the client, with a stand-in `vscode` and server: the palette commands and
 * the webview's toolbar choice ask the server to evaluate the saved file or the git HEAD text (or pin
 * the model shown), the panel posts the baseline to its webview (again after a reload and after each
 * save), and every case without a baseline is said in words.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeUri } from './fake-vscode.js';
import type { PreviewBaseline, PreviewModel, PreviewResponse } from '../../protocol/preview.js';

vi.mock('vscode', async () => (await import('./fake-vscode.js')).fakeVscode);

const { PreviewManager, COMPARE_COMMANDS } = await import('../../client/preview/manager.js');
const { PreviewModels } = await import('../../client/preview/models.js');
const { PreviewBaselines } = await import('../../client/preview/baselines.js');

const A = new FakeUri('/work/a.moesys');
const log = { warn: vi.fn(), error: vi.fn(), trace: vi.fn() };
const settle = () => new Promise((r) => setTimeout(r, 0));

const modelOf = (version: number, days = 3): PreviewModel => ({
  uri: A.toString(),
  version,
  scenarios: [{ name: 'pod', line: 0, result: { timeToTrainSeconds: days * 86_400 } as never }],
  studies: [],
  diagnostics: { errors: 0, warnings: 0 },
});

/** A manager, baselines and models over one stand-in server: `push` is its model notification, `answer` its baseline answer. */
function setup() {
  const requests: { method: string; params: { uri: string; text: string } }[] = [];
  let push: ((model: PreviewResponse) => void) | undefined;
  let answer: (text: string) => PreviewResponse | null = (text) => modelOf(0, text.length);
  const server = {
    onNotification: (_method: string, listener: (model: PreviewResponse) => void) => {
      push = listener;
      return { dispose() {} };
    },
    sendNotification: async () => undefined,
    sendRequest: async (method: string, params: { uri: string; text: string }) => {
      requests.push({ method, params });
      return answer(params.text);
    },
  };
  const baselines = new PreviewBaselines(server as never);
  const previews = new PreviewManager(new FakeUri('/ext') as never, new PreviewModels(server as never), log as never, baselines);
  const run = async (command: string) => {
    await (fake.commands.get(command) as (uri: unknown) => unknown)(A);
    await settle();
  };
  const webview = () => fake.created[0];
  const lastBaseline = () =>
    webview()
      .posted.filter((m) => m.type === 'baseline')
      .at(-1) as { baseline?: PreviewBaseline } | undefined;
  return {
    requests,
    baselines,
    previews,
    run,
    webview,
    lastBaseline,
    push: (model: PreviewResponse) => push!(model),
    answerWith: (f: typeof answer) => (answer = f),
  };
}

describe('compare with before (client)', () => {
  beforeEach(() => {
    fake.reset();
    fake.documents = [{ uri: A, version: 1, lineCount: 10 }];
    fake.files.set(A.path, 'saved text');
  });

  it('compares with the saved file: the server evaluates the text on disk, the panel posts its model, and again after a save', async () => {
    const { run, requests, lastBaseline } = setup();
    await run('moesys.compareWithSaved');
    expect(fake.created, 'the command opened the preview').toHaveLength(1);
    expect(requests).toEqual([{ method: 'moesys/preview/baseline', params: { uri: A.toString(), text: 'saved text' } }]);
    expect(lastBaseline()).toEqual({
      type: 'baseline',
      uri: A.toString(),
      version: 0,
      baseline: { source: 'saved', label: 'the saved file', model: modelOf(0, 10) },
    });
    fake.save(A, 'text saved again');
    await settle();
    expect(requests.at(-1)?.params.text).toBe('text saved again');
    expect(lastBaseline()?.baseline?.model?.scenarios[0].result?.timeToTrainSeconds).toBe(16 * 86_400);
  });

  it('says why there is no baseline: a saved file with problems, a file not on disk, the server refusing', async () => {
    const { run, lastBaseline, answerWith } = setup();
    answerWith(() => ({ uri: A.toString(), version: 0, problems: 2, first: { message: "Unknown gpu 'h200'.", line: 3 } }));
    await run('moesys.compareWithSaved');
    expect(lastBaseline()?.baseline).toEqual({
      source: 'saved',
      label: 'the saved file',
      unavailable: "The saved file has 2 problems (line 4: Unknown gpu 'h200'.): there are no results to compare with.",
    });
    fake.files.clear();
    await run('moesys.compareWithSaved');
    expect(lastBaseline()?.baseline?.unavailable).toBe('The saved file cannot be read (deleted or moved since it was opened?).');
    fake.files.set(A.path, 'saved text');
    answerWith(() => null);
    await run('moesys.compareWithSaved');
    expect(lastBaseline()?.baseline?.unavailable).toBe('The language server could not evaluate the saved file.');
  });

  it('compares with git HEAD through the Git extension, and says so when there is none, no repository or no committed file', async () => {
    const { run, requests, lastBaseline } = setup();
    await run('moesys.compareWithHead');
    expect(lastBaseline()?.baseline?.unavailable).toBe('Git HEAD is not available here: VS Code runs without its Git extension (as VS Code for the web does).');
    const shown: string[] = [];
    let repository: unknown = undefined;
    fake.extensions.set('vscode.git', { isActive: true, exports: { getAPI: () => ({ getRepository: () => repository }) } });
    await run('moesys.compareWithHead');
    expect(lastBaseline()?.baseline?.unavailable).toBe('Git HEAD is not available: a.moesys is not in a git repository.');
    repository = {
      state: { HEAD: { commit: '0123456789abcdef' } },
      show: async (ref: string, path: string) => {
        shown.push(`${ref}:${path}`);
        if (path !== A.path) throw new Error('untracked');
        return 'text at head';
      },
    };
    await run('moesys.compareWithHead');
    expect(shown).toEqual(['HEAD:/work/a.moesys']);
    expect(requests.at(-1)?.params).toEqual({ uri: A.toString(), text: 'text at head' });
    expect(lastBaseline()?.baseline?.label).toBe('git HEAD (0123456)');
    expect(lastBaseline()?.baseline?.model).toEqual(modelOf(0, 12));
    (repository as { show: unknown }).show = async () => {
      throw new Error('fatal: path exists on disk, but not in HEAD');
    };
    await run('moesys.compareWithHead');
    expect(lastBaseline()?.baseline?.unavailable).toBe('Git HEAD has no a.moesys: the file is untracked or new since the last commit.');
  });

  it('pins the model shown (a copy), keeps it over problems, posts it again to a reloaded webview, and clears it', async () => {
    const { run, push, webview, lastBaseline, requests } = setup();
    await run('moesys.pinBaseline');
    expect(lastBaseline()?.baseline?.unavailable).toBe('Nothing to pin yet: the preview has no results without errors.');
    push(modelOf(1, 5));
    fake.documents[0].version = 2;
    push({ uri: A.toString(), version: 2, problems: 1 });
    await run('moesys.pinBaseline');
    const pinned = lastBaseline()?.baseline;
    expect(pinned?.label).toMatch(/^results pinned at \d\d:\d\d \(version 1\)$/);
    expect(pinned?.model).toEqual(modelOf(1, 5));
    expect(requests, 'a pin asks the server nothing').toEqual([]);
    webview().posted.length = 0;
    webview().send({ type: 'ready' });
    await settle();
    expect(lastBaseline()?.baseline).toEqual(pinned);
    await run('moesys.clearBaseline');
    expect(lastBaseline()).toMatchObject({ type: 'baseline', uri: A.toString() });
    expect(lastBaseline()).not.toHaveProperty('baseline');
  });

  it("follows the webview's toolbar choice, and ignores a choice it does not know", async () => {
    const { previews, webview, requests, lastBaseline } = setup();
    await previews.open(A as never);
    webview().send({ type: 'compare', source: 'saved' });
    await settle();
    expect(requests).toHaveLength(1);
    expect(lastBaseline()?.baseline?.source).toBe('saved');
    webview().send({ type: 'compare', source: 'HEAD~3' });
    await settle();
    expect(requests).toHaveLength(1);
    expect(log.warn).toHaveBeenCalledWith('ignored an invalid message from the preview webview');
    webview().send({ type: 'compare', source: 'off' });
    await settle();
    expect(lastBaseline()?.baseline).toBeUndefined();
  });

  it('contributes every command to the palette of .moesys editors and of the preview, with a title', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      contributes: { commands: { command: string; title: string }[]; menus: { commandPalette: { command: string; when?: string }[] } };
    };
    const titles = Object.fromEntries(manifest.contributes.commands.map((c) => [c.command, c.title]));
    expect(Object.keys(COMPARE_COMMANDS).map((id) => titles[id])).toEqual([
      'Compare Preview with Saved File',
      'Compare Preview with Git HEAD',
      'Pin Preview Baseline',
      'Clear Preview Baseline',
    ]);
    for (const id of Object.keys(COMPARE_COMMANDS)) {
      expect(manifest.contributes.menus.commandPalette.find((m) => m.command === id)?.when).toBe(
        "activeWebviewPanelId == 'moesys.preview' || editorLangId == moesys",
      );
    }
  });
});
