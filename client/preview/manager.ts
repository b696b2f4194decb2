/**
 * The preview panels, as Markdown's preview has them: one preview that follows the active
 * .moesys editor ("Open Preview to the Side"), and locked previews that stay on their document
 * ("Open Locked Preview to the Side"), at most one per document. Restores them after a window
 * reload. Each panel shows its document through the models the server pushes.
 */
import * as vscode from 'vscode';
import { type BaselineSource, isPreviewFocus, type PreviewFocus, type PreviewWebviewState } from '../../protocol/preview.js';
import { PREVIEW_VIEW_TYPE, PreviewPanel, webviewOptions } from './panel.js';
import type { PreviewModelSource } from './models.js';
import type { PreviewBaselineSource } from './baselines.js';

export const OPEN_PREVIEW_COMMAND = 'moesys.openPreviewToSide';
export const OPEN_LOCKED_PREVIEW_COMMAND = 'moesys.openLockedPreviewToSide';
/** "Compare with before": the palette's commands, each on the active .moesys editor's preview (opened if needed). */
export const COMPARE_COMMANDS: Readonly<Record<string, BaselineSource | 'off'>> = {
  'moesys.compareWithSaved': 'saved',
  'moesys.compareWithHead': 'head',
  'moesys.pinBaseline': 'pinned',
  'moesys.clearBaseline': 'off',
};

export class PreviewManager implements vscode.Disposable {
  /** Locked previews by document. */
  private readonly panels = new Map<string, PreviewPanel>();
  /** The preview that follows the active editor, if open. */
  private following: PreviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly models: PreviewModelSource,
    private readonly log: vscode.LogOutputChannel,
    private readonly baselines?: PreviewBaselineSource,
  ) {
    this.disposables.push(
      ...Object.entries(COMPARE_COMMANDS).map(([command, source]) =>
        vscode.commands.registerCommand(command, (uri?: unknown) => this.compare(toUri(uri), source)),
      ),
      // A CodeLens passes what to focus; the editor title button and the palette pass at most the document.
      vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, (uri?: unknown, focus?: unknown) =>
        this.open(toUri(uri), isPreviewFocus(focus) ? focus : undefined),
      ),
      vscode.commands.registerCommand(OPEN_LOCKED_PREVIEW_COMMAND, (uri?: unknown) => this.open(toUri(uri), undefined, true)),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        const key = event.textEditor.document.uri.toString();
        const line = event.selections[0]?.active.line;
        if (line === undefined) return;
        for (const panel of [this.panels.get(key), this.following]) if (panel?.uri.toString() === key) panel.cursorAt(line);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const document = editor?.document;
        if (!this.following || document?.languageId !== 'moesys') return;
        this.following.switchTo(document.uri);
        this.following.panel.title = title(document.uri);
      }),
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => this.restore(panel, state),
      }),
    );
  }

  /** The panel showing a document, its locked one first (tests and the benchmark use it). */
  panelFor(uri: vscode.Uri): PreviewPanel | undefined {
    const key = uri.toString();
    return this.panels.get(key) ?? (this.following?.uri.toString() === key ? this.following : undefined);
  }

  /**
   * The preview a command such as an export acts on: the focused one, else the active editor's,
   * else the one that follows the editor, else the only one open.
   */
  activePanel(): PreviewPanel | undefined {
    const open = [...this.panels.values(), ...(this.following ? [this.following] : [])];
    const editor = vscode.window.activeTextEditor?.document.uri;
    return open.find((p) => p.panel.active) ?? (editor && this.panelFor(editor)) ?? this.following ?? (open.length === 1 ? open[0] : undefined);
  }

  /** Opens or reveals the preview of a document: the following one, or a locked one. */
  async open(uri: vscode.Uri | undefined, focus?: PreviewFocus, locked = false): Promise<PreviewPanel | undefined> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Open a .moesys file to preview it.');
      return undefined;
    }
    const existing = this.panels.get(target.toString()) ?? (locked ? undefined : this.following);
    if (existing) {
      if (existing === this.following) {
        existing.switchTo(target);
        existing.panel.title = title(target);
      }
      existing.reveal();
      if (focus) existing.focus(focus);
      return existing;
    }
    await vscode.workspace.openTextDocument(target); // the server must know the document
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      title(target),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.extensionUri),
    );
    const preview = this.adopt(panel, target, locked);
    if (focus) preview.focus(focus);
    return preview;
  }

  /** Compares a document's preview with a baseline (or stops comparing), opening the preview first if none shows it. */
  async compare(uri: vscode.Uri | undefined, source: BaselineSource | 'off'): Promise<void> {
    // From the palette while the preview has focus there is no active editor: the preview's document.
    const target = uri ?? vscode.window.activeTextEditor?.document.uri ?? this.activePanel()?.uri;
    const panel = target && source === 'off' ? this.panelFor(target) : await this.open(target);
    if (panel) await panel.compareWith(source);
    else if (target && source === 'off') this.baselines?.clear(target);
  }

  dispose(): void {
    this.panels.forEach((p) => p.dispose());
    this.panels.clear();
    this.following?.dispose();
    this.following = undefined;
    this.disposables.forEach((d) => d.dispose());
  }

  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const uri = restoredUri(state);
    if (!uri) {
      panel.dispose();
      return;
    }
    try {
      await vscode.workspace.openTextDocument(uri);
    } catch {
      panel.dispose(); // the file is gone
      return;
    }
    // The saved state does not say which was locked: the first restored panel follows again.
    this.adopt(panel, uri, this.following !== undefined || this.panels.has(uri.toString()));
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri, locked: boolean): PreviewPanel {
    const key = uri.toString();
    const preview = new PreviewPanel(
      panel,
      uri,
      this.extensionUri,
      this.models,
      this.log,
      () => {
        if (this.following === preview) this.following = undefined;
        else this.panels.delete(key);
      },
      this.baselines,
    );
    panel.title = locked ? `${title(uri)} (locked)` : title(uri);
    if (locked) this.panels.set(key, preview);
    else this.following = preview;
    return preview;
  }
}

function title(uri: vscode.Uri): string {
  return `Preview ${uri.path.split('/').pop() ?? ''}`;
}

function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string') return vscode.Uri.parse(value);
  return undefined;
}

/** The document a restored panel showed, from the state its webview saved (untrusted). */
function restoredUri(state: unknown): vscode.Uri | undefined {
  const uri = (state as Partial<PreviewWebviewState> | undefined)?.uri;
  if (typeof uri !== 'string' || uri.length > 4096) return undefined;
  try {
    return vscode.Uri.parse(uri, true);
  } catch {
    return undefined;
  }
}
