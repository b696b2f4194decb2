/**
 * Reads the chart colours from the page's CSS variables (VS Code theme or report fallbacks) and
 * tells when they change, so charts follow a theme switch without a reload. Every colour a chart
 * draws is held to WCAG AA against the card it is drawn on (text 4.5:1, bars and lines 3:1): a
 * theme colour that falls short (Light Modern's translucent charts.orange, its charts.yellow) is
 * darkened (light card) or lightened (dark card) just enough, keeping its hue.
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
  /** Tooltip box: opaque, with the foreground readable on it. */
  tooltip: { background: string; border: string };
  font: string;
  /** Bars, lines and points: 3:1 against the background. */
  palette: Record<ColourKey, string>;
  /** Text in a series colour (an axis that belongs to one line): 4.5:1 against the background. */
  ink: Record<ColourKey, string>;
}

/** WCAG AA: text, and the graphical parts of a chart. */
const TEXT_CONTRAST = 4.5;
const GRAPHIC_CONTRAST = 3;

const COLOUR_KEYS: readonly ColourKey[] = ['blue', 'brown', 'purple', 'indigo', 'orange', 'yellow', 'green', 'red', 'pink', 'teal', 'olive', 'grey'];

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
  const card = rgbaOf(background, [255, 255, 255]);
  const legible = (colour: string, ratio: number) => withContrast(colour, card, ratio);
  const foreground = legible(read('--mo-fg', '#1f2328'), TEXT_CONTRAST);
  const colours = COLOUR_KEYS.map((k) => [k, read(`--mo-${k}`, '#888888')] as const);
  return {
    kind,
    foreground,
    muted: legible(read('--mo-muted', '#59636e'), TEXT_CONTRAST),
    grid: read('--mo-grid', 'rgba(127,127,127,0.2)'),
    background,
    outline: kind === 'high-contrast' && contrast !== 'transparent' ? contrast : background,
    tooltip: { background: hex(card), border: kind === 'high-contrast' && contrast !== 'transparent' ? contrast : foreground },
    font: read('--mo-font', 'system-ui, sans-serif'),
    palette: Object.fromEntries(colours.map(([k, c]) => [k, legible(c, GRAPHIC_CONTRAST)])) as Record<ColourKey, string>,
    ink: Object.fromEntries(colours.map(([k, c]) => [k, legible(c, TEXT_CONTRAST)])) as Record<ColourKey, string>,
  };
}

type Rgb = [number, number, number];

let probe: CanvasRenderingContext2D | null | undefined;

/** Any CSS colour as RGB, painted over `under` (the browser parses it: hex, rgb(), color-mix()…). */
function rgbaOf(colour: string, under: Rgb): Rgb {
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!probe) return under;
  probe.globalCompositeOperation = 'copy';
  probe.fillStyle = `rgb(${under.join(',')})`;
  probe.fillRect(0, 0, 1, 1);
  probe.globalCompositeOperation = 'source-over';
  probe.fillStyle = '#000';
  probe.fillStyle = colour;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}

function luminance([r, g, b]: Rgb): number {
  const linear = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function ratio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const hex = (c: Rgb) => '#' + c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');

/**
 * `colour` as it is when it reaches `minimum` contrast against the opaque `background`; otherwise
 * mixed towards black (light background) or white (dark background) in small steps until it does.
 */
export function withContrast(colour: string, background: Rgb, minimum: number): string {
  const painted = rgbaOf(colour, background);
  if (ratio(painted, background) >= minimum) return colour;
  const target: Rgb = luminance(background) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  for (let t = 0.05; t <= 1; t += 0.05) {
    const mixed = painted.map((v, i) => v + (target[i] - v) * t) as Rgb;
    if (ratio(mixed, background) >= minimum + 0.05) return hex(mixed);
  }
  return hex(target);
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
