/**
 * One preview panel for one document: renders at once, then follows edits (throttled, ≤ 150 ms).
 * Only one request is in flight; every result carries its document version and one older than the
 * document is never posted (the last good charts stay). A closed and reopened document counts its
 * versions from 1 again: the panel then starts a new generation, which the webview accepts whatever
 * its version. Messages from the webview are validated before anything is done with them.
 */
import * as vscode from 'vscode';
import {
  isPreviewProblems, parseWebviewMessage, type HostMessage, type PreviewResponse, type WebviewMessage,
} from '../../webview/protocol.js';
import { createNonce, renderPreviewHtml } from '../preview-html.js';
import { saveExport } from './export-file.js';
import { previewDebounceMs } from './settings.js';
import type { PreviewSource } from './source.js';

export const PREVIEW_VIEW_TYPE = 'moesys.preview';
/**
 * Re-asking when the server answered for an older version than the editor's, or not at all (still
 * starting or opening the document): a rebuild of a few hundred lines takes tens of milliseconds,
 * so start at that pace, doubling up to 1 s a step, and give up after 10 s in all (the next edit
 * starts again).
 */
export const CATCH_UP_FIRST_DELAY_MS = 15;
export const CATCH_UP_MAX_DELAY_MS = 1000;
export const CATCH_UP_BUDGET_MS = 10_000;

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  // Why: the webview may load only the bundled preview, nothing else of the extension or disk.
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out', 'webview')], enableFindWidget: false };
}

/** The server answers null for a document it has not loaded; anything else must look like a response. */
function isResponse(value: unknown): value is PreviewResponse {
  return typeof value === 'object' && value !== null && typeof (value as PreviewResponse).version === 'number';
}

export class PreviewPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private lastRunAt = Number.NEGATIVE_INFINITY;
  private rerun = false;
  /** The pending timer is a catch-up retry (an edit may replace it with a sooner run). */
  private timerIsRetry = false;
  private retries = 0;
  /** Milliseconds of catch-up delay spent since the last current answer or edit. */
  private retryWaited = 0;
  private postedVersion = Number.NEGATIVE_INFINITY;
  /** Bumped when the document was closed: versions count from 1 again. */
  private generation = 0;
  private lastMessage: HostMessage | undefined;
  private disposed = false;
  /** Called after each post to the webview (tests and the benchmark listen). */
  onDidPost: ((message: HostMessage) => void) | undefined;
  /** Called when the webview reports it has drawn a version. */
  onDidRender: ((version: number, millis: number) => void) | undefined;
  /** Last version the webview reported drawn. */
  renderedVersion: number | undefined;
  /** How often the webview (re)loaded and said it is ready; for diagnostics. */
  readyCount = 0;
  /** Last version posted to the webview; for diagnostics. */
  get lastPostedVersion(): number | undefined { return this.lastMessage?.version; }

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private readonly extensionUri: vscode.Uri,
    private readonly source: PreviewSource,
    private readonly log: vscode.LogOutputChannel,
    onDispose: () => void,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      panel.onDidDispose(() => { this.dispose(); onDispose(); }),
    );
    this.refresh(true);
  }

  /**
   * Schedules an update. Open, restore and the first edit after a pause run at once; while the
   * user keeps typing, updates follow at most every `debounceMs` (≤ 150 ms), the last edit always
   * included. Why not a plain debounce: it would add its full delay to every keystroke.
   */
  refresh(immediate: boolean): void {
    if (this.disposed) return;
    const interval = previewDebounceMs();
    const sinceLastRun = Date.now() - this.lastRunAt;
    this.retries = 0; // an edit (or open) earns a fresh catch-up budget
    this.retryWaited = 0;
    if (immediate || this.timerIsRetry) {
      // A backed-off retry may be up to a second away: an edit must not wait for it.
      clearTimeout(this.timer);
      this.timer = undefined;
      this.timerIsRetry = false;
    }
    if (immediate) {
      void this.run();
      return;
    }
    if (this.timer !== undefined) return; // an update is already due
    // Even "at once" waits for the next task: the language client sends its didChange from its own
    // listener of the same edit event, and our request must not overtake it.
    const delay = sinceLastRun >= interval ? 0 : interval - sinceLastRun;
    this.timer = setTimeout(() => { this.timer = undefined; void this.run(); }, delay);
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /**
   * The document was closed (or is seen reopened): its versions start again at 1. Starts a new
   * generation so that newer answers are not taken for stale ones, here and in the webview.
   * The last charts stay on screen until the reopened document's first answer.
   */
  documentClosed(): void {
    this.generation++;
    this.postedVersion = Number.NEGATIVE_INFINITY;
    this.retries = 0;
    this.retryWaited = 0;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.disposables.forEach((d) => d.dispose());
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

  private documentVersion(): number | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString())?.version;
  }

  private async run(): Promise<void> {
    if (this.inFlight) { this.rerun = true; return; }
    this.inFlight = true;
    this.lastRunAt = Date.now();
    const generation = this.generation;
    try {
      const response = await this.source.fetch(this.uri.toString());
      if (this.disposed) return;
      if (generation !== this.generation) this.rerun = true; // asked before the document was closed
      else if (isResponse(response)) this.accept(response);
      else this.retrySoon(); // the server does not know the document yet (still opening)
    } catch (error) {
      this.log.warn(`preview of ${this.uri.toString()} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!this.disposed) this.retrySoon(); // e.g. the server is still starting
    } finally {
      this.inFlight = false;
      if (this.rerun && !this.disposed) { this.rerun = false; void this.run(); }
    }
  }

  private accept(response: PreviewResponse): void {
    const current = this.documentVersion();
    // Posted a version the document has not reached: it was closed and reopened unnoticed.
    if (current !== undefined && this.postedVersion > current) this.documentClosed();
    if (current !== undefined && response.version !== current) {
      // Older: the server has not built the latest edit yet. Newer: an answer from before the
      // document was reopened. Either way never draw it (the last good charts stay); ask again.
      this.retrySoon();
      return;
    }
    this.retries = 0;
    this.retryWaited = 0;
    // Stale: never draw an older result. The same version again (a catch-up answer) is already drawn.
    if (response.version < this.postedVersion || (response.version === this.postedVersion && this.lastMessage?.generation === this.generation)) return;
    const base = { uri: this.uri.toString(), version: response.version, generation: this.generation };
    const message: HostMessage = isPreviewProblems(response)
      ? { type: 'problems', ...base, problems: response.problems }
      : { type: 'update', ...base, model: response };
    this.post(message);
  }

  /** The server is still starting or building the latest edit: ask again, backing off (bounded). */
  private retrySoon(): void {
    if (this.disposed || this.timer !== undefined) return;
    const delay = Math.min(CATCH_UP_FIRST_DELAY_MS * 2 ** this.retries, CATCH_UP_MAX_DELAY_MS);
    if (this.retryWaited + delay > CATCH_UP_BUDGET_MS) return;
    this.retries++;
    this.retryWaited += delay;
    this.timerIsRetry = true;
    this.timer = setTimeout(() => { this.timer = undefined; this.timerIsRetry = false; void this.run(); }, delay);
  }

  private post(message: HostMessage): void {
    this.postedVersion = message.version;
    this.lastMessage = message;
    void this.panel.webview.postMessage(message);
    this.onDidPost?.(message);
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
      if (message.type === 'export') void vscode.window.showWarningMessage(`moesys: could not save ${message.fileName}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.readyCount++;
        // The webview (re)loaded: give it the latest result at once.
        if (this.lastMessage) void this.panel.webview.postMessage(this.lastMessage);
        return;
      case 'reveal':
        return this.revealLine(message.uri, message.line);
      case 'openProblems':
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        return;
      case 'export':
        return saveExport(this.uri, message.format, message.fileName, message.data);
      case 'rendered':
        this.renderedVersion = message.version;
        this.log.trace(`preview v${message.version} drawn in ${message.millis.toFixed(1)} ms`);
        this.onDidRender?.(message.version, message.millis);
        return;
    }
  }

  private async revealLine(uri: string, line: number): Promise<void> {
    if (uri !== this.uri.toString()) return; // a panel only ever reveals its own document
    const document = await vscode.workspace.openTextDocument(this.uri);
    if (line >= document.lineCount) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    const position = new vscode.Position(line, 0);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, selection: new vscode.Range(position, position),
    });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
