/**
 * Entry of the preview bundle (out/webview/main.js + main.css), loaded by the VS Code webview and
 * inlined in the standalone report. The page carries its start-up data in a JSON script element.
 */
import './styles.css';
import { PreviewApp } from './app.js';
import { createHost } from './host.js';
import { parseHostMessage, type PreviewPageConfig } from '../protocol/preview.js';
import { watchTheme } from './theme.js';

function readConfig(): PreviewPageConfig {
  const element = document.getElementById('moesys-config');
  try {
    const parsed: unknown = element?.textContent ? JSON.parse(element.textContent) : {};
    const config = parsed as Partial<PreviewPageConfig>;
    return { title: typeof config.title === 'string' ? config.title : 'moesys preview', uri: config.uri, model: config.model };
  } catch {
    return { title: 'moesys preview' };
  }
}

const config = readConfig();
const host = createHost();
const app = new PreviewApp({ root: document.getElementById('app') ?? document.body, host, title: config.title, uri: config.uri ?? config.model?.uri });
let heardFromHost = false;
window.addEventListener('message', (event: MessageEvent) => {
  if (!host.accepts(event)) return;
  const message = parseHostMessage(event.data);
  if (!message) return;
  heardFromHost = true;
  app.accept(message);
});
watchTheme(() => app.themeChanged());
if (config.model) app.accept({ type: 'update', uri: config.model.uri, version: config.model.version, model: config.model });
host.post({ type: 'ready' });
// Why: should the first exchange be lost while the panel is still being set up, say "ready" again
// until the extension answers; it replies to each with its latest result.
if (host.kind === 'vscode') {
  const again = setInterval(() => (heardFromHost ? clearInterval(again) : host.post({ type: 'ready' })), 2000);
}
// Why: browser tests and the benchmark drive the page through this handle.
(globalThis as { moesysPreview?: PreviewApp }).moesysPreview = app;
