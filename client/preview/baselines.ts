/**
 * What each document's preview compares with ("Compare with before"): its saved file, its text at
 * git HEAD, or results pinned from the preview. Saved and HEAD texts are evaluated by the language
 * server (`moesys/preview/baseline`), so a baseline comes from the same analysis and engine as the
 * live model; a pinned baseline is a copy of the model shown when it was pinned. The saved-file
 * baseline is evaluated again after each save. Kept per document, so a preview that follows the
 * editor finds each document's comparison again.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  isPreviewProblems,
  PREVIEW_BASELINE_REQUEST,
  type BaselineSource,
  type PreviewBaseline,
  type PreviewBaselineParams,
  type PreviewModel,
  type PreviewResponse,
} from '../../protocol/preview.js';
import { textAtHead } from './git-head.js';

export type BaselineListener = (baseline: PreviewBaseline | undefined) => void;

export interface PreviewBaselineSource {
  /** Calls `listener` with the document's baseline (if any) at once, then at each change (undefined: comparison off). */
  subscribe(uri: string, listener: BaselineListener): { dispose(): void };
  /** Compares the document with `source`; `shown` is the model the preview draws (what 'pinned' keeps). */
  compare(uri: vscode.Uri, source: BaselineSource, shown: PreviewModel | undefined): Promise<void>;
  clear(uri: vscode.Uri): void;
}

export type BaselineServerConnection = Pick<BaseLanguageClient, 'sendRequest'>;

const SOURCE_NAMES: Record<BaselineSource, string> = { saved: 'the saved file', head: 'git HEAD', pinned: 'the pinned results' };

export class PreviewBaselines implements PreviewBaselineSource, vscode.Disposable {
  private readonly current = new Map<string, PreviewBaseline>();
  private readonly listeners = new Map<string, Set<BaselineListener>>();
  /** The latest request per document: an older answer arriving late is dropped. */
  private readonly generation = new Map<string, number>();
  /** The source last asked for per document (its answer may still be on its way). */
  private readonly requested = new Map<string, BaselineSource>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly server: BaselineServerConnection) {
    this.disposables = [
      vscode.workspace.onDidSaveTextDocument((document) => {
        // By the source asked for, not the one shown: a pending git HEAD or pin must not turn into the saved file.
        if (this.requested.get(document.uri.toString()) === 'saved') void this.compare(document.uri, 'saved', undefined);
      }),
    ];
  }

  subscribe(uri: string, listener: BaselineListener): { dispose(): void } {
    let listeners = this.listeners.get(uri);
    if (!listeners) this.listeners.set(uri, (listeners = new Set()));
    listeners.add(listener);
    const known = this.current.get(uri);
    if (known) listener(known);
    return { dispose: () => void listeners.delete(listener) };
  }

  /** The document's baseline, for tests and the commands. */
  baselineOf(uri: vscode.Uri): PreviewBaseline | undefined {
    return this.current.get(uri.toString());
  }

  async compare(uri: vscode.Uri, source: BaselineSource, shown: PreviewModel | undefined): Promise<void> {
    const key = uri.toString();
    const generation = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, generation);
    this.requested.set(key, source);
    const baseline = await this.evaluate(uri, source, shown);
    if (this.generation.get(key) === generation) this.set(key, baseline);
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.requested.delete(key);
    this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
    this.set(key, undefined);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.listeners.clear();
  }

  private set(key: string, baseline: PreviewBaseline | undefined): void {
    if (baseline) this.current.set(key, baseline);
    else this.current.delete(key);
    for (const listener of [...(this.listeners.get(key) ?? [])]) listener(baseline);
  }

  private async evaluate(uri: vscode.Uri, source: BaselineSource, shown: PreviewModel | undefined): Promise<PreviewBaseline> {
    if (source === 'pinned') {
      if (!shown) return { source, label: SOURCE_NAMES.pinned, unavailable: 'Nothing to pin yet: the preview has no results without errors.' };
      return { source, label: `results pinned at ${clock(new Date())} (version ${shown.version})`, model: structuredClone(shown) };
    }
    try {
      const { text, label } = source === 'saved' ? { text: await savedText(uri), label: SOURCE_NAMES.saved } : await textAtHead(uri);
      const response = await this.server.sendRequest<PreviewResponse | null>(PREVIEW_BASELINE_REQUEST, {
        uri: uri.toString(),
        text,
      } satisfies PreviewBaselineParams);
      if (!response) return { source, label, unavailable: `The language server could not evaluate ${label}.` };
      if (isPreviewProblems(response)) {
        const first = response.first ? ` (line ${response.first.line + 1}: ${response.first.message})` : '';
        return {
          source,
          label,
          unavailable: `${capitalised(label)} has ${plural(response.problems, 'problem')}${first}: there are no results to compare with.`,
        };
      }
      return { source, label, model: response };
    } catch (error) {
      return { source, label: SOURCE_NAMES[source], unavailable: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** The document's text as saved on disk. */
async function savedText(uri: vscode.Uri): Promise<string> {
  if (uri.scheme === 'untitled') throw new Error('This file has never been saved: there is no saved version to compare with.');
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    throw new Error('The saved file cannot be read (deleted or moved since it was opened?).');
  }
}

const clock = (date: Date) => `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;
