/**
 * The status bar item with a stand-in `vscode`: "starting" until the server is up, then the
 * headline of the scenario at the cursor of the active .moesys editor, from the pushed model.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PreviewResponse } from '../../protocol/preview.js';
import type { ModelListener } from '../../client/preview/models.js';
import { paperPreviewModel } from '../webview/paper-model.js';
import { fake, fakeVscode, FakeUri } from './fake-vscode.js';

vi.mock('vscode', async () => (await import('./fake-vscode.js')).fakeVscode);

const { MoesysStatusBar, statusOf } = await import('../../client/status-bar.js');

const DOC = new FakeUri('/work/frontier.moesys');
const model = paperPreviewModel(1, DOC.toString());
const settle = () => new Promise((r) => setTimeout(r, 0));

function editorAt(line: number, languageId = 'moesys') {
  return { document: { uri: DOC, languageId }, selection: { active: { line } } };
}

describe('status bar', () => {
  beforeEach(() => fake.reset());

  it("says the server is starting, then follows the active editor's scenario under the cursor", async () => {
    let serverUp: () => void = () => undefined;
    const listeners = new Set<ModelListener>();
    const subscribed: string[] = [];
    const models = {
      subscribe: (uri: string, listener: ModelListener) => {
        subscribed.push(uri);
        listeners.add(listener);
        return { dispose: () => listeners.delete(listener) };
      },
    };
    fakeVscode.window.activeTextEditor = editorAt(61);
    const bar = new MoesysStatusBar(
      models,
      new Promise<void>((resolve) => {
        serverUp = resolve;
      }),
    );
    const item = fake.statusItems[0];
    expect(item.text).toBe('$(loading~spin) moesys starting');
    serverUp();
    await settle();
    expect(subscribed).toEqual([DOC.toString()]);
    listeners.forEach((listener) => listener(model));
    // Line 61 lies under electrical512_c1 (written at line 60 in the model; c2 at 64).
    const scenario = model.scenarios.find((s) => s.name === 'electrical512_c1')!;
    // Three significant digits of days (a trailing zero dropped) and the MFU in whole per cent.
    const shown = /^moesys: electrical512_c1 ([\d.]+) days · MFU (\d+)%$/.exec(item.text);
    expect(shown, item.text).not.toBeNull();
    expect(Number(shown![1])).toBeCloseTo(Number((scenario.result!.timeToTrainSeconds / 86_400).toPrecision(3)), 6);
    expect(Number(shown![2])).toBe(Math.round(scenario.result!.mfu * 100));
    expect(item.command).toMatchObject({ arguments: [DOC, { kind: 'scenario', name: 'electrical512_c1' }] });
    fakeVscode.window.activeTextEditor = editorAt(0, 'markdown');
    fake.activeEditorListeners.forEach((listener) => (listener as () => void)());
    expect(item.visible).toBe(false);
    expect(listeners.size).toBe(0); // unsubscribed: the server stops pushing it
    bar.dispose();
  });

  it('says when the document has problems or no scenario', () => {
    const problems: PreviewResponse = { uri: 'u', version: 1, problems: 2 };
    expect(statusOf(problems, 0).text).toBe('$(warning) moesys: 2 problems');
    expect(statusOf({ ...model, scenarios: [] }, 0).text).toBe('moesys: no scenario');
    expect(statusOf(model, 0).scenario).toBe(model.scenarios[0].name); // above the first: the first
  });
});
