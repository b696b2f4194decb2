/**
 * Reads the chart colours from the page's CSS variables (VS Code theme or report fallbacks) and
 * tells when they change, so charts follow a theme switch without a reload.
 */
import type { ColourKey } from './series.js';

export interface Theme {
  kind: 'light' | 'dark' | 'high-contrast';
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  /** Bar outline: the contrast border in high-contrast themes, the background elsewhere. */
  outline: string;
  font: string;
  palette: Record<ColourKey, string>;
}

const COLOUR_KEYS: readonly ColourKey[] = ['blue', 'purple', 'indigo', 'orange', 'yellow', 'green', 'red', 'pink', 'teal', 'grey'];

export function readTheme(element: HTMLElement = document.body): Theme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const classes = element.classList;
  const kind =
    classes.contains('vscode-high-contrast') || classes.contains('vscode-high-contrast-light')
      ? 'high-contrast'
      : classes.contains('vscode-dark') || (!classes.contains('vscode-light') && matchMedia('(prefers-color-scheme: dark)').matches)
        ? 'dark'
        : 'light';
  const contrast = read('--mo-contrast', 'transparent');
  const background = read('--mo-card', '#ffffff');
  return {
    kind,
    foreground: read('--mo-fg', '#1f2328'),
    muted: read('--mo-muted', '#59636e'),
    grid: read('--mo-grid', 'rgba(127,127,127,0.2)'),
    background,
    outline: kind === 'high-contrast' && contrast !== 'transparent' ? contrast : background,
    font: read('--mo-font', 'system-ui, sans-serif'),
    palette: Object.fromEntries(COLOUR_KEYS.map((k) => [k, read(`--mo-${k}`, '#888888')])) as Record<ColourKey, string>,
  };
}

/**
 * Calls `onChange` when VS Code switches theme (it rewrites the body class and the root's inline
 * variables) or, in the report, when the OS switches between light and dark.
 */
export function watchTheme(onChange: () => void): () => void {
  let scheduled = false;
  const fire = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      onChange();
    });
  };
  const observer = new MutationObserver(fire);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', fire);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', fire);
  };
}
