/** Where preview models come from: the language server's `moesys/preview` request. */
import type { BaseLanguageClient } from 'vscode-languageclient';
import { PREVIEW_REQUEST, type PreviewParams, type PreviewResponse } from '../../webview/protocol.js';

export interface PreviewSource {
  /** Null when the server has not loaded the document (yet). */
  fetch(uri: string): Promise<PreviewResponse | null>;
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
 */
export function sharedSource(inner: PreviewSource, documentVersion: (uri: string) => number | undefined): PreviewSource {
  const running = new Map<string, { version: number | undefined; answer: Promise<PreviewResponse | null> }>();
  const latest = new Map<string, PreviewResponse>();
  return {
    fetch(uri) {
      const version = documentVersion(uri);
      const known = latest.get(uri);
      if (known && version !== undefined && known.version >= version) return Promise.resolve(known);
      const pending = running.get(uri);
      if (pending && pending.version === version) return pending.answer;
      const answer = inner.fetch(uri).then((response) => {
        if (response && (latest.get(uri)?.version ?? -Infinity) <= response.version) latest.set(uri, response);
        return response;
      }).finally(() => { if (running.get(uri)?.answer === answer) running.delete(uri); });
      running.set(uri, { version, answer });
      return answer;
    },
  };
}
