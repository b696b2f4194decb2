/**
 * The last preview model of each previewed document, as the language server pushes them. Panels
 * and the CodeLens subscribe to a document while they show it; the server is told which
 * documents to push (open when the first subscriber comes, close when the last one goes).
 */
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  PREVIEW_CLOSE_NOTIFICATION,
  PREVIEW_MODEL_NOTIFICATION,
  PREVIEW_OPEN_NOTIFICATION,
  type PreviewDocumentParams,
  type PreviewResponse,
} from '../../protocol/preview.js';

export type ModelListener = (model: PreviewResponse) => void;

export interface PreviewModelSource {
  /** Calls `listener` with the document's last model (if any) at once, then with each new one. */
  subscribe(uri: string, listener: ModelListener): { dispose(): void };
}

/** The few members of a language client the store uses (tests pass a stand-in). */
export type PreviewServerConnection = Pick<BaseLanguageClient, 'onNotification' | 'sendNotification'>;

export class PreviewModels implements PreviewModelSource {
  private readonly latest = new Map<string, PreviewResponse>();
  private readonly listeners = new Map<string, Set<ModelListener>>();

  constructor(private readonly server: PreviewServerConnection) {
    server.onNotification(PREVIEW_MODEL_NOTIFICATION, (model: PreviewResponse) => {
      if (typeof model?.uri !== 'string' || typeof model.version !== 'number') return;
      // Only previewed documents are kept: a model arriving after the last subscriber left is dropped.
      const listeners = this.listeners.get(model.uri);
      if (!listeners) return;
      this.latest.set(model.uri, model);
      for (const listener of [...listeners]) listener(model);
    });
  }

  subscribe(uri: string, listener: ModelListener): { dispose(): void } {
    let listeners = this.listeners.get(uri);
    if (!listeners) {
      this.listeners.set(uri, (listeners = new Set()));
      void this.server.sendNotification(PREVIEW_OPEN_NOTIFICATION, { uri } satisfies PreviewDocumentParams);
    }
    listeners.add(listener);
    const known = this.latest.get(uri);
    if (known) listener(known);
    return {
      dispose: () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        this.listeners.delete(uri);
        this.latest.delete(uri);
        void this.server.sendNotification(PREVIEW_CLOSE_NOTIFICATION, { uri } satisfies PreviewDocumentParams);
      },
    };
  }
}
