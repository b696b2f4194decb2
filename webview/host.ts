/**
 * Where the preview runs: inside a VS Code webview (messages go to the extension host, which saves
 * files and reveals source lines) or standalone in the HTML report (downloads, no source to reveal).
 */
import type { ExportFormat, PreviewWebviewState, WebviewMessage } from '../protocol/preview.js';

export interface PreviewHost {
  readonly kind: 'vscode' | 'standalone';
  /**
   * Whether a `message` event comes from this page's own host. In VS Code that is the frame
   * the webview lives in (`window.parent`; the page itself when it is top-level, as in tests);
   * any other window or frame is a stranger. The standalone report has no host: it draws the
   * model it carries and takes no messages at all.
   */
  accepts(event: MessageEvent): boolean;
  post(message: WebviewMessage): void;
  save(format: ExportFormat, fileName: string, data: string): void;
  getState(): PreviewWebviewState | undefined;
  setState(state: PreviewWebviewState): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

const MIME: Record<ExportFormat, string> = { png: 'image/png', svg: 'image/svg+xml', csv: 'text/csv', json: 'application/json' };

/**
 * VS Code's webview script sets `window.parent = window` in the page, so the frame that really hosts
 * it (VS Code's index.html, which posts the extension's messages) is known by its origin: the first
 * of `location.ancestorOrigins` (Chromium, Safari), else the page's own origin, which that frame shares.
 * Another webview or the workbench has another origin. A top-level page has no ancestors: only
 * `window.parent`, the page itself, counts there.
 */
function fromVsCodeHostFrame(event: MessageEvent): boolean {
  if (event.source === null || event.source === window) return false;
  const ancestors = (window.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors) return ancestors.length > 0 && event.origin === ancestors[0];
  return window.parent === window && event.origin === window.location.origin;
}

export function createHost(): PreviewHost {
  if (typeof acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    return {
      kind: 'vscode',
      accepts: (event) => event.source === window.parent || fromVsCodeHostFrame(event),
      post: (message) => api.postMessage(message),
      save: (format, fileName, data) => api.postMessage({ type: 'export', format, fileName, data } satisfies WebviewMessage),
      getState: () => api.getState() as PreviewWebviewState | undefined,
      setState: (state) => api.setState(state),
    };
  }
  let state: PreviewWebviewState | undefined;
  return {
    kind: 'standalone',
    accepts: () => false,
    post: () => {
      /* no extension host: reveal and problems have nowhere to go */
    },
    save: (format, fileName, data) => download(fileName, format === 'png' ? data : new Blob([data], { type: MIME[format] })),
    getState: () => state,
    setState: (next) => {
      state = next;
    },
  };
}

function download(fileName: string, data: string | Blob): void {
  const link = document.createElement('a');
  const url = typeof data === 'string' ? data : URL.createObjectURL(data);
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  if (typeof data !== 'string') setTimeout(() => URL.revokeObjectURL(url), 1000);
}
