/**
 * Keeps one preview panel per document: opens or reveals it and restores it after a window
 * reload. Panels follow their document through the models the server pushes.
 */
import * as vscode from 'vscode';
import { isPreviewFocus, type PreviewFocus, type PreviewWebviewState } from '../../webview/protocol.js';
import { PREVIEW_VIEW_TYPE, PreviewPanel, webviewOptions } from './panel.js';
import type { PreviewModelSource } from './models.js';

export const OPEN_PREVIEW_COMMAND = 'moesys.openPreviewToSide';

export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Map<string, PreviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly models: PreviewModelSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      // A CodeLens passes what to focus; the editor title button and the palette pass at most the document.
      vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, (uri?: unknown, focus?: unknown) => this.open(toUri(uri), isPreviewFocus(focus) ? focus : undefined)),
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => this.restore(panel, state),
      }),
    );
  }

  /** The panel of a document, if open (tests and the benchmark use it). */
  panelFor(uri: vscode.Uri): PreviewPanel | undefined {
    return this.panels.get(uri.toString());
  }

  async open(uri: vscode.Uri | undefined, focus?: PreviewFocus): Promise<PreviewPanel | undefined> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Open a .moesys file to preview it.');
      return undefined;
    }
    const existing = this.panels.get(target.toString());
    if (existing) {
      existing.reveal();
      if (focus) existing.focus(focus);
      return existing;
    }
    await vscode.workspace.openTextDocument(target); // the server must know the document
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, title(target),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.extensionUri));
    const preview = this.adopt(panel, target);
    if (focus) preview.focus(focus);
    return preview;
  }

  dispose(): void {
    this.panels.forEach((p) => p.dispose());
    this.panels.clear();
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
    this.adopt(panel, uri);
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri): PreviewPanel {
    const key = uri.toString();
    const preview = new PreviewPanel(panel, uri, this.extensionUri, this.models, this.log, () => this.panels.delete(key));
    panel.title = title(uri);
    this.panels.set(key, preview);
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
