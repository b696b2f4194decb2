/** Where preview models come from: the language server's `moesys/preview` request. */
import type { BaseLanguageClient } from 'vscode-languageclient';
import { PREVIEW_REQUEST, type PreviewParams, type PreviewResponse } from '../../webview/protocol.js';

export interface PreviewSource {
  /** Null when the server has not loaded the document (yet). */
  fetch(uri: string): Promise<PreviewResponse | null>;
}

/** A source that can be told a document was closed: its versions start again at 1 when reopened. */
export interface SharedPreviewSource extends PreviewSource {
  /** Drops the cached answer and any running request of `uri`. */
  forget(uri: string): void;
}

export function languageServerSource(client: BaseLanguageClient, documentVersion: (uri: string) => number | undefined): PreviewSource {
  return {
    fetch: (uri) => client.sendRequest<PreviewResponse | null>(PREVIEW_REQUEST, { uri, version: documentVersion(uri) } satisfies PreviewParams),
  };
}

/**
 * Shares answers between the panel and the CodeLens: a request already running for the same
 * document version is joined, and an answer for the current version is reused. Why: both ask
 * after every edit, and each answer costs the server a full evaluation of the document.
 * An answer newer than the document means it was closed and reopened (VS Code counts from 1
 * again): that answer is dropped, as `forget` does on close.
 */
export function sharedSource(inner: PreviewSource, documentVersion: (uri: string) => number | undefined): SharedPreviewSource {
  const running = new Map<string, { version: number | undefined; answer: Promise<PreviewResponse | null> }>();
  const latest = new Map<string, PreviewResponse>();
  /** Bumped by `forget`: an answer to a request from before is not cached. */
  const generations = new Map<string, number>();
  const forget = (uri: string) => {
    latest.delete(uri);
    running.delete(uri);
    generations.set(uri, (generations.get(uri) ?? 0) + 1);
  };
  return {
    forget,
    fetch(uri) {
      const version = documentVersion(uri);
      const known = latest.get(uri);
      if (known && version !== undefined) {
        if (known.version === version) return Promise.resolve(known);
        if (known.version > version) forget(uri); // reopened: versions count from 1 again
      }
      const pending = running.get(uri);
      if (pending && pending.version === version) return pending.answer;
      const generation = generations.get(uri) ?? 0;
      const answer = inner.fetch(uri).then((response) => {
        const current = generations.get(uri) ?? 0;
        if (response && current === generation && (latest.get(uri)?.version ?? -Infinity) <= response.version) latest.set(uri, response);
        return response;
      }).finally(() => { if (running.get(uri)?.answer === answer) running.delete(uri); });
      running.set(uri, { version, answer });
      return answer;
    },
  };
}
