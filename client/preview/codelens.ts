/**
 * One "Preview" CodeLens over each scenario and study, with its live headline (lens-titles.ts);
 * clicking it opens the preview on that scenario or study. Lines come from the preview model the
 * server pushes, so the client needs no knowledge of the grammar; while the document has errors
 * the last lenses stay.
 */
import * as vscode from 'vscode';
import { isPreviewProblems, type PreviewResponse } from '../../protocol/preview.js';
import { lensTitles, type LensTitle } from './lens-titles.js';
import { OPEN_PREVIEW_COMMAND } from './manager.js';
import type { PreviewModelSource } from './models.js';
import { codeLensEnabled } from './settings.js';

export class PreviewCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly lenses = new Map<string, LensTitle[]>();
  private readonly subscriptions = new Map<string, { dispose(): void }>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly models: PreviewModelSource) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('moesys.preview.codeLens')) this.changed.fire();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri.toString())),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!codeLensEnabled()) return [];
    const key = document.uri.toString();
    // The first ask subscribes: the server pushes this document's models from now on.
    if (!this.subscriptions.has(key))
      this.subscriptions.set(
        key,
        this.models.subscribe(key, (model) => this.receive(key, model)),
      );
    const lenses = this.lenses.get(key) ?? [];
    return lenses
      .filter((lens) => lens.line < document.lineCount)
      .map(
        (lens) =>
          new vscode.CodeLens(new vscode.Range(lens.line, 0, lens.line, 0), {
            title: lens.title,
            tooltip: lens.tooltip,
            command: OPEN_PREVIEW_COMMAND,
            arguments: [document.uri, lens.focus],
          }),
      );
  }

  dispose(): void {
    for (const key of [...this.subscriptions.keys()]) this.forget(key);
    this.disposables.forEach((d) => d.dispose());
  }

  private receive(key: string, model: PreviewResponse): void {
    if (isPreviewProblems(model)) return;
    this.lenses.set(key, lensTitles(model));
    this.changed.fire();
  }

  private forget(key: string): void {
    this.subscriptions.get(key)?.dispose();
    this.subscriptions.delete(key);
    this.lenses.delete(key);
  }
}
