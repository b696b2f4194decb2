/**
 * The status bar item: "moesys starting" until the language server answers, then the headline of
 * the scenario under the cursor in the active .moesys editor (the nearest one above it, else the
 * document's first), from the model the server pushes. Clicking it opens the preview on it.
 */
import * as vscode from 'vscode';
import { isPreviewProblems, type PreviewResponse, type PreviewScenario } from '../protocol/preview.js';
import { formatNumber } from '../webview/format.js';
import { OPEN_PREVIEW_COMMAND } from './preview/manager.js';
import { headline } from './preview/lens-titles.js';
import type { PreviewModelSource } from './preview/models.js';

export class MoesysStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('moesys.status', vscode.StatusBarAlignment.Left, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private subscription: { dispose(): void } | undefined;
  private subscribedUri: string | undefined;
  private model: PreviewResponse | undefined;
  private ready = false;

  constructor(
    private readonly models: PreviewModelSource,
    serverReady: Promise<unknown>,
  ) {
    this.item.name = 'moesys';
    this.item.text = '$(loading~spin) moesys starting';
    this.item.tooltip = 'The moesys language server is starting';
    this.item.show();
    serverReady.then(
      () => {
        this.ready = true;
        this.follow();
      },
      () => {
        this.item.text = '$(error) moesys';
        this.item.tooltip = 'The moesys language server failed to start; see the "moesys preview" output';
      },
    );
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.follow()),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === vscode.window.activeTextEditor) this.show();
      }),
    );
  }

  /** What the item shows now (tests read it). */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.subscription?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  /** Subscribes to the active editor's document when it is a .moesys file. */
  private follow(): void {
    if (!this.ready) return;
    const document = vscode.window.activeTextEditor?.document;
    const uri = document?.languageId === 'moesys' ? document.uri.toString() : undefined;
    if (uri === this.subscribedUri) return this.show();
    this.subscription?.dispose();
    this.subscription = undefined;
    this.subscribedUri = uri;
    this.model = undefined;
    if (uri)
      this.subscription = this.models.subscribe(uri, (model) => {
        this.model = model;
        this.show();
      });
    this.show();
  }

  private show(): void {
    if (!this.ready) return;
    const editor = vscode.window.activeTextEditor;
    if (!this.subscribedUri || !editor) {
      this.item.hide();
      return;
    }
    this.item.show();
    const status = statusOf(this.model, editor.selection.active.line);
    this.item.text = status.text;
    this.item.tooltip = status.tooltip;
    this.item.command = status.scenario
      ? { title: 'Open the preview', command: OPEN_PREVIEW_COMMAND, arguments: [editor.document.uri, { kind: 'scenario', name: status.scenario }] }
      : { title: 'Open the preview', command: OPEN_PREVIEW_COMMAND, arguments: [editor.document.uri] };
  }
}

/** What the item says for a model and the cursor's line (pure, tested without VS Code). */
export function statusOf(model: PreviewResponse | undefined, cursorLine: number): { text: string; tooltip: string; scenario?: string } {
  if (!model) return { text: '$(loading~spin) moesys', tooltip: 'Evaluating…' };
  if (isPreviewProblems(model))
    return { text: `$(warning) moesys: ${model.problems} problem${model.problems === 1 ? '' : 's'}`, tooltip: 'Fix them to see results' };
  const scenario = scenarioAt(model.scenarios, cursorLine);
  if (!scenario) return { text: 'moesys: no scenario', tooltip: 'Write a scenario to see its training time' };
  if (!scenario.result)
    return { text: `$(warning) moesys: ${scenario.name} not evaluated`, tooltip: scenario.error ?? 'not evaluated', scenario: scenario.name };
  const days = formatNumber(scenario.result.timeToTrainSeconds / 86_400);
  return {
    text: `moesys: ${scenario.name} ${headline(scenario.result)}`,
    tooltip: `${scenario.name}: ${days} days to train, MFU ${formatNumber(scenario.result.mfu * 100, 3)}%. Click to open the preview on it.`,
    scenario: scenario.name,
  };
}

/** The scenario written nearest above the line, else the first one. */
function scenarioAt(scenarios: readonly PreviewScenario[], line: number): PreviewScenario | undefined {
  let found: PreviewScenario | undefined;
  for (const scenario of scenarios) if (scenario.line <= line && (!found || scenario.line > found.line)) found = scenario;
  return found ?? scenarios[0];
}
