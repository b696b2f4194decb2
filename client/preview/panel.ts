/**
 * One preview panel for one document. The language server pushes a model after each validated
 * build (`models.ts`); the panel posts a model to its webview when it is of the editor's current
 * version (an older one is superseded by the build of the newer edit, which pushes too), at most
 * every `debounceMs` while models keep coming, the last one always. Messages from the webview are
 * validated before anything is done with them.
 */
import * as vscode from 'vscode';
import {
  type BaselineSource,
  APPLY_SPLIT_COMMAND,
  type ApplySplitAnswer,
  type ApplySplitArguments,
  isPreviewProblems,
  parseWebviewMessage,
  type ExportedChart,
  type HostMessage,
  type PreviewFocus,
  type PreviewModel,
  type PreviewResponse,
  type WebviewMessage,
} from '../../protocol/preview.js';
import { createNonce, renderPreviewHtml } from '../preview-html.js';
import { saveExport } from './export-file.js';
import type { PreviewModelSource } from './models.js';
import type { PreviewBaselineSource } from './baselines.js';
import { previewDebounceMs } from './settings.js';

export const PREVIEW_VIEW_TYPE = 'moesys.preview';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  // Why: the webview may load only the bundled preview, nothing else of the extension or disk.
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out', 'webview')], enableFindWidget: false };
}

export class PreviewPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPostAt = Number.NEGATIVE_INFINITY;
  /** The model waiting for the throttle, if any. */
  private pending: HostMessage | undefined;
  private lastMessage: HostMessage | undefined;
  /** The declaration last selected by the cursor (`kind:name`, '' for none). */
  private selectedKey = '';
  /** The last focus asked for; a reloaded webview gets it again after the model. */
  private lastFocus: HostMessage | undefined;
  private disposed = false;
  /** The last model without errors posted: what the webview shows (dimmed under problems), what a pin keeps. */
  private lastModel: PreviewModel | undefined;
  /** What the preview compares with, posted again to a reloaded webview. */
  private lastBaseline: HostMessage | undefined;
  private baselineSubscription: { dispose(): void } | undefined;
  /** Called after each post to the webview (tests and the benchmark listen). */
  onDidPost: ((message: HostMessage) => void) | undefined;
  /** Called when the webview reports it has drawn a version. */
  onDidRender: ((version: number, millis: number) => void) | undefined;
  /** Last version the webview reported drawn. */
  renderedVersion: number | undefined;
  /** The charts the webview can export, as it last said (the palette's pick list). */
  charts: ExportedChart[] = [];
  /** How often the webview (re)loaded and said it is ready; for diagnostics. */
  readyCount = 0;
  /** Last version posted to the webview; for diagnostics. */
  get lastPostedVersion(): number | undefined {
    return this.lastMessage?.version;
  }

  private subscription: { dispose(): void };

  constructor(
    readonly panel: vscode.WebviewPanel,
    private shown: vscode.Uri,
    private readonly extensionUri: vscode.Uri,
    private readonly models: PreviewModelSource,
    private readonly log: vscode.LogOutputChannel,
    onDispose: () => void,
    private readonly baselines?: PreviewBaselineSource,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = this.html();
    this.subscription = models.subscribe(shown.toString(), (model) => this.receive(model));
    this.baselineSubscription = this.subscribeToBaseline();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
  }

  /** The document shown. */
  get uri(): vscode.Uri {
    return this.shown;
  }

  /**
   * Shows another document (a preview that follows the active editor): a fresh page for it, and
   * its models from now on. The page is reloaded rather than patched so that nothing of the last
   * document (its selection, its charts) carries over.
   */
  switchTo(uri: vscode.Uri): void {
    if (this.disposed || uri.toString() === this.shown.toString()) return;
    this.subscription.dispose();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = this.lastMessage = this.lastFocus = this.lastModel = this.lastBaseline = undefined;
    this.selectedKey = '';
    this.charts = [];
    this.shown = uri;
    this.panel.webview.html = this.html();
    this.subscription = this.models.subscribe(uri.toString(), (model) => this.receive(model));
    this.baselineSubscription?.dispose();
    this.baselineSubscription = this.subscribeToBaseline();
  }

  /** Compares the preview with the saved file, git HEAD or the results shown now (pinned); 'off' stops. */
  async compareWith(source: BaselineSource | 'off'): Promise<void> {
    if (!this.baselines || this.disposed) return;
    if (source === 'off') this.baselines.clear(this.uri);
    else await this.baselines.compare(this.uri, source, this.lastModel);
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /**
   * The editor's cursor moved to `line` of this panel's document: the scenario or study written
   * there is selected in the webview (posted only when it changes).
   */
  cursorAt(line: number): void {
    const model = this.lastMessage?.type === 'update' ? this.lastMessage.model : undefined;
    if (!model) return;
    const target = declarationAt(model, line);
    const key = target ? `${target.kind}:${target.name}` : '';
    if (key === this.selectedKey) return;
    this.selectedKey = key;
    const message: HostMessage = { type: 'select', uri: this.uri.toString(), version: model.version, ...(target ? { target } : {}) };
    this.post(message);
  }

  /** Shows one study or scenario (a CodeLens over it); the webview applies it once its model has it. */
  focus(target: PreviewFocus): void {
    this.lastFocus = { type: 'focus', uri: this.uri.toString(), version: this.lastMessage?.version ?? 0, target };
    this.post(this.lastFocus);
  }

  /** Asks the webview to save a chart (by id) as PNG or SVG, or the table as CSV; it answers with the file to save. */
  requestExport(format: 'png' | 'svg' | 'csv', chart?: string): void {
    this.post({ type: 'export', uri: this.uri.toString(), version: this.lastMessage?.version ?? 0, format, ...(chart ? { chart } : {}) });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.subscription.dispose();
    this.baselineSubscription?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  private subscribeToBaseline(): { dispose(): void } | undefined {
    return this.baselines?.subscribe(this.uri.toString(), (baseline) => {
      this.lastBaseline = { type: 'baseline', uri: this.uri.toString(), version: this.lastMessage?.version ?? 0, ...(baseline ? { baseline } : {}) };
      this.post(this.lastBaseline);
    });
  }

  private receive(model: PreviewResponse): void {
    if (this.disposed) return;
    const current = this.documentVersion();
    // Another version than the editor's: that edit's own build pushes its model; the last charts stay.
    if (current !== undefined && model.version !== current) return;
    const base = { uri: this.uri.toString(), version: model.version };
    this.pending = isPreviewProblems(model)
      ? { type: 'problems', ...base, problems: model.problems, ...(model.first ? { first: model.first } : {}) }
      : { type: 'update', ...base, model };
    if (this.timer !== undefined) return;
    const wait = this.lastPostAt + previewDebounceMs() - Date.now();
    if (wait <= 0) this.flush();
    else
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, wait);
  }

  private flush(): void {
    const message = this.pending;
    this.pending = undefined;
    if (!message || this.disposed) return;
    const current = this.documentVersion();
    if (current !== undefined && message.version !== current) return; // edited while it waited
    this.lastPostAt = Date.now();
    this.lastMessage = message;
    if (message.type === 'update') this.lastModel = message.model;
    this.post(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const root = vscode.Uri.joinPath(this.extensionUri, 'out', 'webview');
    const name = this.uri.path.split('/').pop() ?? 'preview';
    return renderPreviewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css')).toString(),
      config: { title: name, uri: this.uri.toString() },
    });
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
    this.onDidPost?.(message);
  }

  private documentVersion(): number | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString())?.version;
  }

  private onMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('ignored an invalid message from the preview webview');
      // An export the user asked for must not vanish without a word.
      if (typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'export') {
        void vscode.window.showWarningMessage('moesys: the preview export was refused (unexpected file name, format or size).');
      }
      return;
    }
    void this.handle(message).catch((error: unknown) => {
      this.log.error(String(error));
      if (message.type === 'export')
        void vscode.window.showWarningMessage(`moesys: could not save ${message.fileName}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.readyCount++;
        // The webview (re)loaded: give it the latest result at once.
        if (this.lastMessage) void this.panel.webview.postMessage(this.lastMessage);
        if (this.lastFocus) void this.panel.webview.postMessage(this.lastFocus);
        if (this.lastBaseline) void this.panel.webview.postMessage(this.lastBaseline);
        return;
      case 'compare':
        return this.compareWith(message.source);
      case 'reveal':
        return this.revealLine(message.uri, message.line);
      case 'applySplit':
        return this.applySplit(message);
      case 'openProblems':
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        return;
      case 'export':
        return saveExport(this.uri, message.format, message.fileName, message.data);
      case 'charts':
        this.charts = message.charts;
        return;
      case 'rendered':
        this.renderedVersion = message.version;
        this.log.trace(`preview v${message.version} drawn in ${message.millis.toFixed(1)} ms`);
        this.onDidRender?.(message.version, message.millis);
        return;
    }
  }

  /**
   * Runs the server's `moesys.applySplit` (registered in VS Code by the language client from the
   * server's capabilities); the server edits the scenario with a WorkspaceEdit.
   */
  private async applySplit(message: Extract<WebviewMessage, { type: 'applySplit' }>): Promise<void> {
    if (message.uri !== this.uri.toString()) return; // a panel only ever edits its own document
    const args: ApplySplitArguments = { uri: message.uri, study: message.study, rank: message.rank };
    const answer = await vscode.commands.executeCommand<ApplySplitAnswer | undefined>(APPLY_SPLIT_COMMAND, args);
    if (!answer?.applied) void vscode.window.showWarningMessage(`moesys: the split was not applied. ${answer?.message ?? ''}`.trim());
  }

  private async revealLine(uri: string, line: number): Promise<void> {
    if (uri !== this.uri.toString()) return; // a panel only ever reveals its own document
    const document = await vscode.workspace.openTextDocument(this.uri);
    if (line >= document.lineCount) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    const position = new vscode.Position(line, 0);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
      selection: new vscode.Range(position, position),
    });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** The scenario or study whose declaration spans `line` (written in this document). */
function declarationAt(model: PreviewModel, line: number): PreviewFocus | undefined {
  const within = (start: number, end: number | undefined) => end !== undefined && start <= line && line <= end;
  const scenario = model.scenarios.find((s) => within(s.line, s.endLine));
  if (scenario) return { kind: 'scenario', name: scenario.name };
  const study = model.studies.find((s) => within(s.line, s.endLine));
  return study ? { kind: 'study', name: study.name } : undefined;
}
