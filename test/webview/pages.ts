/**
 * Test pages for the preview bundle: the standalone report, and the VS Code panel page (the client's
 * own HTML and CSP) with a stand-in for VS Code's webview API and its theme variables.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { renderPreviewHtml, createNonce } from '../../client/preview-html.js';
import { renderReportHtml } from '../../webview/report.js';
import type { PreviewModel } from '../../protocol/preview.js';

const WEBVIEW_DIR = resolve('out/webview');
const pageDir = mkdtempSync(join(tmpdir(), 'moesys-pages-'));

export function writeReportPage(model: PreviewModel, title = 'frontier-moe.moesys'): string {
  const file = join(pageDir, `report-${Date.now()}-${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(file, renderReportHtml({ title, model }));
  return pathToFileURL(file).href;
}

/** Colours of VS Code's default themes (Light Modern, Dark Modern, Dark High Contrast). */
export const VSCODE_THEMES = {
  light: {
    className: 'vscode-light',
    vars: {
      'editor-background': '#ffffff',
      'editor-foreground': '#3b3b3b',
      descriptionForeground: '#3b3b3b',
      'sideBar-background': '#f8f8f8',
      'panel-border': '#e5e5e5',
      'charts-lines': 'rgba(97, 97, 97, 0.5)',
      'charts-blue': '#1a85ff',
      'charts-red': '#e51400',
      'charts-yellow': '#bf8803',
      'charts-orange': '#d18616',
      'charts-green': '#388a34',
      'charts-purple': '#652d90',
      'font-family': 'system-ui, sans-serif',
      'font-size': '13px',
    },
  },
  dark: {
    className: 'vscode-dark',
    vars: {
      'editor-background': '#1f1f1f',
      'editor-foreground': '#cccccc',
      descriptionForeground: '#9d9d9d',
      'sideBar-background': '#181818',
      'panel-border': '#2b2b2b',
      'charts-lines': 'rgba(204, 204, 204, 0.5)',
      'charts-blue': '#3794ff',
      'charts-red': '#f14c4c',
      'charts-yellow': '#cca700',
      'charts-orange': '#d18616',
      'charts-green': '#89d185',
      'charts-purple': '#b180d7',
      'font-family': 'system-ui, sans-serif',
      'font-size': '13px',
    },
  },
  'high-contrast': {
    className: 'vscode-high-contrast',
    vars: {
      'editor-background': '#000000',
      'editor-foreground': '#ffffff',
      descriptionForeground: '#ffffff',
      'sideBar-background': '#000000',
      'panel-border': '#6fc3df',
      contrastBorder: '#6fc3df',
      focusBorder: '#f38518',
      'charts-lines': 'rgba(255, 255, 255, 0.6)',
      'charts-blue': '#3794ff',
      'charts-red': '#f14c4c',
      'charts-yellow': '#ffd700',
      'charts-orange': '#f38518',
      'charts-green': '#89d185',
      'charts-purple': '#b180d7',
      'font-family': 'system-ui, sans-serif',
      'font-size': '13px',
    },
  },
} as const;
export type ThemeName = keyof typeof VSCODE_THEMES;

/** Stands in for VS Code: records posted messages, keeps state, and switches theme like VS Code does. */
const PRELUDE = `
window.__posted = [];
let __state;
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(m),
  getState: () => __state,
  setState: (s) => { __state = s; },
});
window.__getState = () => __state;
window.__themes = ${JSON.stringify(VSCODE_THEMES)};
window.__setTheme = (name) => {
  const theme = window.__themes[name];
  const root = document.documentElement;
  root.removeAttribute('style');
  for (const [k, v] of Object.entries(theme.vars)) root.style.setProperty('--vscode-' + k, v);
  document.body.className = theme.className;
};
window.__setTheme('light');
`;

export function writeVsCodePage(uri: string, title = 'frontier-moe.moesys'): string {
  const file = join(pageDir, `panel-${Date.now()}-${Math.random().toString(36).slice(2)}.html`);
  const html = renderPreviewHtml({
    cspSource: 'file:',
    nonce: createNonce(),
    scriptUri: pathToFileURL(join(WEBVIEW_DIR, 'main.js')).href,
    styleUri: pathToFileURL(join(WEBVIEW_DIR, 'main.css')).href,
    config: { title, uri },
    prelude: PRELUDE,
  });
  writeFileSync(file, html);
  return pathToFileURL(file).href;
}

/** Non-transparent pixels of a canvas, and how many are close to each given colour. */
export async function canvasInk(
  page: Page,
  selector: string,
  colours: Record<string, string> = {},
): Promise<{ area: number; ink: number; matches: Record<string, number> }> {
  return page.$eval(
    selector,
    (canvas, wanted) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const targets = Object.entries(wanted).map(([name, hex]) => {
        const n = parseInt(hex.slice(1), 16);
        return { name, rgb: [(n >> 16) & 255, (n >> 8) & 255, n & 255] };
      });
      const matches: Record<string, number> = Object.fromEntries(targets.map((t) => [t.name, 0]));
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue;
        ink++;
        if (data[i + 3] < 250) continue;
        for (const t of targets) {
          if (Math.abs(data[i] - t.rgb[0]) <= 3 && Math.abs(data[i + 1] - t.rgb[1]) <= 3 && Math.abs(data[i + 2] - t.rgb[2]) <= 3) matches[t.name]++;
        }
      }
      return { area: c.width * c.height, ink, matches };
    },
    colours,
  );
}

/** Posts a host message into the page the way VS Code delivers one. */
export async function postToWebview(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

/** Pixels of an element as drawn on screen (a screenshot decoded in the page), and how many are close to each colour. */
export async function elementInk(page: Page, selector: string, colours: Record<string, string>): Promise<{ area: number; matches: Record<string, number> }> {
  const png = (await page.locator(selector).first().screenshot()).toString('base64');
  return page.evaluate(
    async ({ png, wanted }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const matches: Record<string, number> = {};
      for (const [name, hex] of Object.entries(wanted)) {
        const n = parseInt(hex.slice(1), 16);
        const rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (Math.abs(data[i] - rgb[0]) <= 8 && Math.abs(data[i + 1] - rgb[1]) <= 8 && Math.abs(data[i + 2] - rgb[2]) <= 8) count++;
        }
        matches[name] = count;
      }
      return { area: canvas.width * canvas.height, matches };
    },
    { png, wanted: colours },
  );
}
