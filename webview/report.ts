/**
 * The standalone HTML report (`moesys report FILE -o report.html`): one file with the preview bundle,
 * its styles and the model inlined, drawing the same charts as the VS Code panel with no network.
 * Node-only (reads the built bundle); the browser code never imports this file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { PreviewModel, PreviewPageConfig } from '../protocol/preview.js';

export interface ReportInput {
  title: string;
  model: PreviewModel;
  /** The built webview bundle; read from `out/webview/` of the package when absent. */
  bundle?: WebviewBundle;
}

export interface WebviewBundle {
  script: string;
  style: string;
}

const BUNDLE_PATH = join('out', 'webview', 'main.js');

/** Finds the package's built webview bundle by walking up from this module (source or bundled CLI). */
export function readWebviewBundle(from = dirname(fileURLToPath(import.meta.url))): WebviewBundle {
  for (let dir = from; ; dir = dirname(dir)) {
    const script = join(dir, BUNDLE_PATH);
    if (existsSync(script)) {
      const css = script.replace(/\.js$/, '.css');
      return { script: readFileSync(script, 'utf8'), style: existsSync(css) ? readFileSync(css, 'utf8') : '' };
    }
    if (dirname(dir) === dir) throw new Error(`moesys: ${BUNDLE_PATH} not found; run \`npm run build\` first`);
  }
}

export function renderReportHtml(input: ReportInput): string {
  const bundle = input.bundle ?? readWebviewBundle();
  const nonce = randomBytes(18).toString('base64');
  const config: PreviewPageConfig = { title: input.title, uri: input.model.uri, model: input.model };
  // img-src data:/blob: lets the PNG export and chart images work; nothing may be fetched.
  const csp = `default-src 'none'; img-src data: blob:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="moesys">
<title>${escapeHtml(input.title)}</title>
<style nonce="${nonce}">${guardEndTag(bundle.style, 'style')}</style>
</head>
<body>
<div id="app"></div>
<script type="application/json" id="moesys-config">${jsonForScript(config)}</script>
<script nonce="${nonce}">${guardEndTag(bundle.script, 'script')}</script>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that cannot close its script element or open a comment (`<` and friends escaped). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Why: an inlined bundle containing `</script` (in a string) would end the element early. */
function guardEndTag(code: string, tag: 'script' | 'style'): string {
  return code.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);
}
