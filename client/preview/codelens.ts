/**
 * "Preview" CodeLens over each scenario and study. Lines come from the preview model, so the
 * client needs no knowledge of the grammar; while the document has errors the last lines stay.
 */
import * as vscode from 'vscode';
import { isPreviewProblems } from '../../webview/protocol.js';
import { OPEN_PREVIEW_COMMAND } from './manager.js';
import { codeLensEnabled } from './settings.js';
import type { PreviewSource } from './source.js';

export class PreviewCodeLensProvider implements vscode.CodeLensProvider {
  private readonly lastLines = new Map<string, number[]>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly source: PreviewSource) {
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('moesys.preview.codeLens')) this.changed.fire(); });
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!codeLensEnabled()) return [];
    const key = document.uri.toString();
    let lines = this.lastLines.get(key) ?? [];
    try {
      const response = await this.source.fetch(key);
      if (response && !isPreviewProblems(response)) {
        lines = [...new Set([...response.scenarios.map((s) => s.line), ...response.studies.map((s) => s.line)])];
        this.lastLines.set(key, lines);
      }
    } catch {
      // The server is starting or failed; keep the last known lenses.
    }
    if (token.isCancellationRequested) return [];
    return lines.filter((line) => line < document.lineCount).map((line) => new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
      title: 'Preview', tooltip: 'Open the moesys preview to the side', command: OPEN_PREVIEW_COMMAND, arguments: [document.uri],
    }));
  }
}
