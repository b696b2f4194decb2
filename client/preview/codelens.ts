/**
 * "Preview" CodeLens over each scenario and study. Lines come from the preview model the server
 * pushes, so the client needs no knowledge of the grammar; while the document has errors the
 * last lines stay.
 */
import * as vscode from 'vscode';
import { isPreviewProblems, type PreviewResponse } from '../../webview/protocol.js';
import { OPEN_PREVIEW_COMMAND } from './manager.js';
import type { PreviewModelSource } from './models.js';
import { codeLensEnabled } from './settings.js';

export class PreviewCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly lines = new Map<string, number[]>();
  private readonly subscriptions = new Map<string, { dispose(): void }>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly models: PreviewModelSource) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('moesys.preview.codeLens')) this.changed.fire(); }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri.toString())),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!codeLensEnabled()) return [];
    const key = document.uri.toString();
    // The first ask subscribes: the server pushes this document's models from now on.
    if (!this.subscriptions.has(key)) this.subscriptions.set(key, this.models.subscribe(key, (model) => this.receive(key, model)));
    const lines = this.lines.get(key) ?? [];
    return lines.filter((line) => line < document.lineCount).map((line) => new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
      title: 'Preview', tooltip: 'Open the moesys preview to the side', command: OPEN_PREVIEW_COMMAND, arguments: [document.uri],
    }));
  }

  dispose(): void {
    for (const key of [...this.subscriptions.keys()]) this.forget(key);
    this.disposables.forEach((d) => d.dispose());
  }

  private receive(key: string, model: PreviewResponse): void {
    if (isPreviewProblems(model)) return;
    this.lines.set(key, [...new Set([...model.scenarios.map((s) => s.line), ...model.studies.map((s) => s.line)])]);
    this.changed.fire();
  }

  private forget(key: string): void {
    this.subscriptions.get(key)?.dispose();
    this.subscriptions.delete(key);
    this.lines.delete(key);
  }
}
