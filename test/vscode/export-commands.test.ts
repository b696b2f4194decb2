/**
 * The palette's export commands with a stand-in `vscode`: contributed with their titles and `when`
 * clauses, they pick a chart of the active preview by its title, ask its webview for the file and
 * save the answer where the save dialog says; without a preview or charts they say so.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeUri } from './fake-vscode.js';

vi.mock('vscode', async () => (await import('./fake-vscode.js')).fakeVscode);

const { PreviewManager, OPEN_PREVIEW_COMMAND } = await import('../../client/preview/manager.js');
const { PreviewModels } = await import('../../client/preview/models.js');
const { registerExportCommands, EXPORT_CHART_PNG_COMMAND, EXPORT_CHART_SVG_COMMAND, EXPORT_TABLE_CSV_COMMAND } =
  await import('../../client/preview/export-commands.js');

const DOC = new FakeUri('/work/frontier-moe.moesys');
const log = { warn: vi.fn(), error: vi.fn(), trace: vi.fn() };
const settle = () => new Promise((r) => setTimeout(r, 0));
const CHARTS = [
  { id: 'time', title: 'Training time' },
  { id: 'energy', title: 'Interconnect energy' },
  { id: 'sweep-bw', title: 'Sweep: bw' },
];

function setUp() {
  const connection = { onNotification: () => ({ dispose() {} }), sendNotification: async () => undefined };
  const previews = new PreviewManager(new FakeUri('/ext') as never, new PreviewModels(connection as never), log as never);
  registerExportCommands(previews);
  const run = async (command: string) => {
    await fake.commands.get(command)!();
    await settle();
  };
  return { previews, run };
}

async function openPreview() {
  await fake.commands.get(OPEN_PREVIEW_COMMAND)!(DOC as never);
  const webview = fake.created[0];
  webview.send({ type: 'charts', charts: CHARTS });
  return webview;
}

describe('export commands', () => {
  beforeEach(() => {
    fake.reset();
    fake.documents = [{ uri: DOC, version: 1, lineCount: 10 }];
  });

  it('are in the palette when a preview or a .moesys editor is active, with the titles the issue asks for', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      contributes: {
        commands: Array<{ command: string; title: string; category: string }>;
        menus: { commandPalette: Array<{ command: string; when?: string }> };
      };
    };
    const titles = Object.fromEntries(manifest.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]));
    expect([EXPORT_CHART_PNG_COMMAND, EXPORT_CHART_SVG_COMMAND, EXPORT_TABLE_CSV_COMMAND].map((id) => titles[id])).toEqual([
      'moesys: Export Chart as PNG…',
      'moesys: Export Chart as SVG…',
      'moesys: Export Table as CSV…',
    ]);
    for (const id of [EXPORT_CHART_PNG_COMMAND, EXPORT_CHART_SVG_COMMAND, EXPORT_TABLE_CSV_COMMAND]) {
      expect(manifest.contributes.menus.commandPalette.find((m) => m.command === id)?.when).toBe(
        "activeWebviewPanelId == 'moesys.preview' || editorLangId == moesys",
      );
    }
    setUp();
    for (const id of [EXPORT_CHART_PNG_COMMAND, EXPORT_CHART_SVG_COMMAND, EXPORT_TABLE_CSV_COMMAND]) expect(fake.commands.has(id), id).toBe(true);
  });

  it('offers the charts by title, asks the webview for the picked one and saves its SVG where the dialog says', async () => {
    const { run } = setUp();
    const webview = await openPreview();
    fake.pick = (items) => items.find((i) => i.label === 'Interconnect energy');
    fake.saveTarget = new FakeUri('/work/slides/energy.svg');
    await run(EXPORT_CHART_SVG_COMMAND);
    expect(fake.picks[0].items.map((i) => i.label)).toEqual(['Training time', 'Interconnect energy', 'Sweep: bw']);
    expect(fake.picks[0].options).toMatchObject({ title: 'Export Chart as SVG' });
    expect(webview.posted.at(-1)).toEqual({ type: 'export', uri: DOC.toString(), version: 0, format: 'svg', chart: 'energy' });
    const svg = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>\n';
    webview.send({ type: 'export', format: 'svg', fileName: 'frontier-moe-interconnect-energy.svg', data: svg });
    await settle();
    expect(fake.written.map((w) => [w.uri, new TextDecoder().decode(w.bytes)])).toEqual([['file:///work/slides/energy.svg', svg]]);
  });

  it('saves a PNG as its bytes and the table as the CSV text the webview sends', async () => {
    const { run } = setUp();
    const webview = await openPreview();
    fake.saveTarget = new FakeUri('/work/out.png');
    await run(EXPORT_CHART_PNG_COMMAND);
    expect(webview.posted.at(-1)).toMatchObject({ type: 'export', format: 'png', chart: 'time' });
    webview.send({ type: 'export', format: 'png', fileName: 'frontier-moe-training-time.png', data: 'data:image/png;base64,iVBORw0KGgo=' });
    await settle();
    expect([...fake.written[0].bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await run(EXPORT_TABLE_CSV_COMMAND);
    expect(webview.posted.at(-1)).toEqual({ type: 'export', uri: DOC.toString(), version: 0, format: 'csv' });
  });

  it('does nothing when the pick is dismissed, and says what is missing without a preview or charts', async () => {
    const { run } = setUp();
    await run(EXPORT_CHART_PNG_COMMAND);
    await run(EXPORT_TABLE_CSV_COMMAND);
    expect(fake.infos).toEqual([
      'moesys: open a preview first (moesys: Open Preview to the Side).',
      'moesys: open a preview first (moesys: Open Preview to the Side).',
    ]);
    const webview = await openPreview();
    fake.pick = () => undefined;
    await run(EXPORT_CHART_SVG_COMMAND);
    expect(webview.posted.filter((m) => m.type === 'export')).toEqual([]);
    webview.send({ type: 'charts', charts: [] });
    await run(EXPORT_CHART_SVG_COMMAND);
    expect(fake.infos.at(-1)).toBe('moesys: the preview has no charts to export yet.');
  });

  it('keeps the last chart list when the webview sends one that is not', async () => {
    const { previews } = setUp();
    const webview = await openPreview();
    webview.send({ type: 'charts', charts: [{ id: 'time' }] });
    webview.send({ type: 'charts', charts: 'time' });
    await settle();
    expect(log.warn).toHaveBeenCalledWith('ignored an invalid message from the preview webview');
    expect(previews.activePanel()?.charts).toEqual(CHARTS);
  });
});
