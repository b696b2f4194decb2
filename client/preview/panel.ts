/**
 * One preview panel for one document: renders at once, then follows edits (throttled, ≤ 150 ms).
 * Only one request is in flight; every result carries its document version and an older one is
 * never posted. Messages from the webview are validated before anything is done with them.
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
/** How often to re-ask when the server answered for an older version than the editor's. */
const MAX_CATCH_UP_RETRIES = 8;
/** A rebuild of a few hundred lines takes tens of milliseconds; poll at that pace, backing off. */
const CATCH_UP_DELAY_MS = 15;

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
  private retries = 0;
  private postedVersion = Number.NEGATIVE_INFINITY;
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
    if (immediate) {
      clearTimeout(this.timer);
      this.timer = undefined;
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

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
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
    try {
      const response = await this.source.fetch(this.uri.toString());
      if (this.disposed) return;
      if (isResponse(response)) this.accept(response);
      else this.retrySoon(); // the server does not know the document yet (still opening)
    } catch (error) {
      this.log.warn(`preview of ${this.uri.toString()} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.inFlight = false;
      if (this.rerun && !this.disposed) { this.rerun = false; void this.run(); }
    }
  }

  private accept(response: PreviewResponse): void {
    const current = this.documentVersion();
    // The server may not have seen the latest edit yet: ask again shortly, a few times at most.
    if (current !== undefined && response.version < current) this.retrySoon();
    else this.retries = 0;
    // Stale: never draw an older result. The same version again (a catch-up answer) is already drawn.
    if (response.version < this.postedVersion || (response.version === this.postedVersion && this.lastMessage)) return;
    const message: HostMessage = isPreviewProblems(response)
      ? { type: 'problems', uri: this.uri.toString(), version: response.version, problems: response.problems }
      : { type: 'update', uri: this.uri.toString(), version: response.version, model: response };
    this.post(message);
  }

  /** The server is still building the latest edit: ask again shortly (bounded). */
  private retrySoon(): void {
    if (this.retries >= MAX_CATCH_UP_RETRIES || this.timer !== undefined) return;
    this.retries++;
    this.timer = setTimeout(() => { this.timer = undefined; void this.run(); }, CATCH_UP_DELAY_MS * this.retries);
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
      return;
    }
    void this.handle(message).catch((error: unknown) => this.log.error(String(error)));
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
