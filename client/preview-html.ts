/**
 * The preview panel's HTML: a strict CSP with a fresh nonce per render, the bundled script and
 * stylesheet from `out/webview`, and the start-up config as inert JSON. Pure (no `vscode` import),
 * so browser tests render exactly this page.
 */
import type { PreviewPageConfig } from '../protocol/preview.js';

export interface PreviewHtmlInput {
  /** `webview.cspSource`: the origin the webview may load its own files from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  config: PreviewPageConfig;
  /** Extra nonce'd script run before the bundle (tests use it to stand in for VS Code). */
  prelude?: string;
}

export function renderPreviewHtml(input: PreviewHtmlInput): string {
  const { cspSource, nonce } = input;
  // No remote resources: styles and scripts only from the extension's webview folder (or nonce'd);
  // images only as data/blob URLs (PNG export); no fetch, frames, fonts or forms.
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(input.styleUri)}">
<title>${text(input.config.title)}</title>
</head>
<body>
<div id="app"></div>
<script type="application/json" id="moesys-config">${json(input.config)}</script>
${input.prelude ? `<script nonce="${nonce}">${input.prelude}</script>\n` : ''}<script nonce="${nonce}" src="${attr(input.scriptUri)}"></script>
</body>
</html>
`;
}

/** A nonce of 128 random bits (base64url), new for every render. */
export function createNonce(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const text = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
const attr = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const json = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
