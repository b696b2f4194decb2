/**
 * A vector SVG of a drawn chart.js chart, as a figure (figure.ts): bars, lines and points, grid,
 * axes with their tick labels and titles, the legend. Every position is read from what chart.js
 * computed for the canvas (the scales' label items, the legend's hit boxes, each dataset element's
 * x/y/base/width/height), so the SVG matches the canvas; only the drawing is redone, as SVG elements
 * a slide tool can edit. Colours are written as hex with an opacity (some viewers do not read
 * rgba() or color-mix()); text is escaped; the font is the theme's with a generic fallback.
 */
import type { Chart, ChartArea, LegendItem, Scale } from 'chart.js';
import { toFont, toPadding } from 'chart.js/helpers';
import { layoutFigure, type FigureText } from './figure.js';
import type { Theme } from '../theme.js';

export function chartSvg(chart: Chart, text: FigureText, theme: Theme): string {
  const layout = layoutFigure(text, chart.width, chart.height, theme);
  const family = genericFamily(theme.font);
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(layout.width)}" height="${n(layout.height)}" viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" font-family="${escapeXml(family)}">`,
    `<title>${escapeXml(text.title)}</title>`,
    `<rect x="0" y="0" width="${n(layout.width)}" height="${n(layout.height)}"${paint('fill', theme.background)}/>`,
    ...layout.lines.map((line) =>
      textElement(line.text, { x: line.x, y: line.y, size: line.size, bold: line.bold, colour: line.colour, align: 'left', baseline: 'middle' }),
    ),
    `<g transform="translate(${n(layout.chart.x)} ${n(layout.chart.y)})">`,
  ];
  // chart.js's order: scales and legend first, the datasets over them, the last dataset lowest.
  for (const scale of Object.values(chart.scales)) parts.push(...scaleSvg(scale, chart.chartArea));
  parts.push(...legendSvg(chart));
  for (const meta of [...chart.getSortedVisibleDatasetMetas()].reverse()) parts.push(...datasetSvg(meta));
  parts.push('</g>', '</svg>');
  return parts.join('\n') + '\n';
}

// ── Scales ──────────────────────────────────────────────────────────────────────────────────

interface ScaleOptions {
  display?: boolean | 'auto';
  position?: string;
  grid: { display?: boolean; color?: unknown; lineWidth?: unknown; drawTicks?: boolean; tickLength?: number };
  border: { display?: boolean; color?: unknown; width?: number };
  title: { display?: boolean; text?: string | string[]; color?: unknown; font?: unknown; padding?: unknown };
}

function scaleSvg(scale: Scale, area: ChartArea): string[] {
  const options = scale.options as unknown as ScaleOptions;
  if (options.display === false) return [];
  const out: string[] = [];
  const horizontal = scale.isHorizontal();
  const position = options.position ?? (horizontal ? 'bottom' : 'left');
  const grid = options.grid;
  if (grid.display !== false) {
    const colour = colourOf(grid.color, 'rgba(0,0,0,0.1)');
    const width = typeof grid.lineWidth === 'number' ? grid.lineWidth : 1;
    const tick = grid.drawTicks === false ? 0 : (grid.tickLength ?? 8);
    for (let i = 0; i < scale.ticks.length; i++) {
      const at = scale.getPixelForTick(i);
      if (!Number.isFinite(at)) continue;
      if (horizontal) {
        const [from, to] = position === 'top' ? [scale.bottom - tick, area.bottom] : [area.top, scale.top + tick];
        out.push(line(at, from, at, to, colour, width));
      } else {
        const [from, to] = position === 'right' ? [area.left, scale.left + tick] : [scale.right - tick, area.right];
        out.push(line(from, at, to, at, colour, width));
      }
    }
  }
  const border = options.border;
  if (border.display !== false) {
    const colour = colourOf(border.color, 'rgba(0,0,0,0.1)');
    const width = border.width ?? 1;
    const edge = { top: scale.bottom, bottom: scale.top, left: scale.right, right: scale.left }[position] ?? scale.top;
    out.push(horizontal ? line(scale.left, edge, scale.right, edge, colour, width) : line(edge, scale.top, edge, scale.bottom, colour, width));
  }
  const title = options.title;
  if (title.display && title.text) {
    const font = toFont(title.font as Parameters<typeof toFont>[0]);
    const padding = toPadding(title.padding as Parameters<typeof toPadding>[0]);
    const offset = font.lineHeight / 2 + (position === 'bottom' ? padding.bottom : padding.top);
    const x = horizontal ? (scale.left + scale.right) / 2 : position === 'right' ? scale.right - offset : scale.left + offset;
    const y = horizontal ? (position === 'top' ? scale.top + offset : scale.bottom - offset) : (scale.top + scale.bottom) / 2;
    const rotation = horizontal ? 0 : position === 'right' ? 90 : -90;
    out.push(
      textElement(([] as string[]).concat(title.text).join(' '), {
        x,
        y,
        rotation,
        size: font.size,
        bold: isBold(font.weight),
        colour: colourOf(title.color, '#666666'),
        align: 'center',
        baseline: 'middle',
      }),
    );
  }
  for (const item of scale.getLabelItems(area)) {
    const { translation, rotation, textAlign, textBaseline, color } = item.options;
    const [x, y] = translation ?? [0, 0];
    const font = item.font as ReturnType<typeof toFont>;
    const lines = ([] as string[]).concat(item.label);
    lines.forEach((label, i) =>
      out.push(
        textElement(label, {
          x,
          y,
          dy: item.textOffset + i * font.lineHeight,
          rotation: ((rotation ?? 0) * 180) / Math.PI,
          size: font.size,
          bold: isBold(font.weight),
          colour: colourOf(color, '#666666'),
          align: textAlign ?? 'left',
          baseline: textBaseline ?? 'alphabetic',
        }),
      ),
    );
  }
  return out;
}

// ── Legend ──────────────────────────────────────────────────────────────────────────────────

interface LegendBox {
  options: {
    display?: boolean;
    labels: { font?: unknown; boxWidth?: number; boxHeight?: number; usePointStyle?: boolean; pointStyleWidth?: number };
  };
  legendItems?: LegendItem[];
  legendHitBoxes?: Array<{ left: number; top: number; width: number; height: number }>;
}

/** The legend as chart.js draws it (plugin.legend.ts `_draw`): a box or a line sample, then the text. */
function legendSvg(chart: Chart): string[] {
  const legend = (chart as unknown as { legend?: LegendBox }).legend;
  if (!legend || legend.options.display === false) return [];
  const labels = legend.options.labels;
  const font = toFont(labels.font as Parameters<typeof toFont>[0]);
  const size = font.size;
  let boxHeight = labels.boxHeight ?? size;
  let boxWidth = labels.boxWidth ?? size;
  if (labels.usePointStyle) {
    boxHeight = Math.min(boxHeight, size);
    boxWidth = labels.pointStyleWidth || Math.min(boxWidth, size);
  }
  const itemHeight = Math.max(size, boxHeight);
  const out: string[] = [];
  (legend.legendItems ?? []).forEach((item, i) => {
    const box = legend.legendHitBoxes?.[i];
    if (!box) return;
    const lineWidth = item.lineWidth ?? 1;
    if (labels.usePointStyle && item.pointStyle === 'line') {
      const y = box.top + size / 2;
      out.push(line(box.left, y, box.left + boxWidth, y, colourOf(item.strokeStyle, '#666666'), lineWidth, item.lineDash));
    } else if (labels.usePointStyle) {
      const radius = (boxHeight * Math.SQRT2) / 2;
      out.push(circle(box.left + boxWidth / 2, box.top + size / 2, radius, item.fillStyle, item.strokeStyle, lineWidth));
    } else {
      const top = box.top + Math.max((size - boxHeight) / 2, 0);
      out.push(
        `<rect x="${n(box.left)}" y="${n(top)}" width="${n(boxWidth)}" height="${n(boxHeight)}"${paint('fill', item.fillStyle)}${lineWidth > 0 ? `${paint('stroke', item.strokeStyle)} stroke-width="${n(lineWidth)}"` : ''}/>`,
      );
    }
    out.push(
      textElement(item.text, {
        x: box.left + boxWidth + size / 2,
        y: box.top + itemHeight / 2,
        size,
        bold: isBold(font.weight),
        colour: colourOf(item.fontColor, '#666666'),
        align: 'left',
        baseline: 'middle',
        strike: item.hidden,
      }),
    );
  });
  return out;
}

// ── Datasets ────────────────────────────────────────────────────────────────────────────────

interface DrawnElement {
  skip?: boolean;
  options: Record<string, unknown>;
  getProps(props: string[], final?: boolean): Record<string, number | boolean>;
}

interface DrawnMeta {
  type: string;
  data: unknown[];
  dataset?: unknown;
  label?: string;
}

function datasetSvg(meta: DrawnMeta): string[] {
  const elements = meta.data as DrawnElement[];
  const out: string[] = [`<g data-series="${escapeXml(meta.label ?? '')}">`];
  if (meta.type === 'bar') for (const bar of elements) out.push(...barSvg(bar));
  if (meta.type === 'line') {
    const path = meta.dataset as DrawnElement | undefined;
    if (path) out.push(...lineSvg(path, elements));
    for (const point of elements) out.push(...pointSvg(point));
  }
  out.push('</g>');
  return out;
}

type Sides = { top: number; right: number; bottom: number; left: number };

/** A bar, filled with its border colour and then, inset by each side's border width, its own colour (BarElement.draw). */
function barSvg(bar: DrawnElement): string[] {
  if (bar.skip) return [];
  const { x, y, base, width, height, horizontal } = bar.getProps(['x', 'y', 'base', 'width', 'height', 'horizontal'], true) as Record<string, number>;
  const [left, right] = horizontal ? [Math.min(x, base), Math.max(x, base)] : [x - width / 2, x + width / 2];
  const [top, bottom] = horizontal ? [y - height / 2, y + height / 2] : [Math.min(y, base), Math.max(y, base)];
  const w = right - left;
  const h = bottom - top;
  if (!(w > 0 && h > 0)) return [];
  const options = bar.options;
  const border = borderSides(options.borderWidth, w / 2, h / 2);
  const rect = (l: number, t: number, rw: number, rh: number, colour: unknown) =>
    `<rect x="${n(l)}" y="${n(t)}" width="${n(rw)}" height="${n(rh)}"${paint('fill', colour)}/>`;
  if (border.top + border.right + border.bottom + border.left === 0) return [rect(left, top, w, h, options.backgroundColor)];
  return [
    rect(left, top, w, h, options.borderColor),
    rect(left + border.left, top + border.top, w - border.left - border.right, h - border.top - border.bottom, options.backgroundColor),
  ];
}

function borderSides(width: unknown, maxX: number, maxY: number): Sides {
  const of = (side: keyof Sides) => {
    const value = typeof width === 'number' ? width : typeof width === 'object' && width !== null ? Number((width as Partial<Sides>)[side] ?? 0) : 0;
    return Math.max(0, Math.min(value, side === 'left' || side === 'right' ? maxX : maxY));
  };
  return { top: of('top'), right: of('right'), bottom: of('bottom'), left: of('left') };
}

/** The line through a dataset's points, broken where a point is skipped (a failed sweep point). */
function lineSvg(path: DrawnElement, points: DrawnElement[]): string[] {
  const width = Number(path.options.borderWidth ?? 0);
  if (!(width > 0)) return [];
  const runs: string[] = [];
  let run: string[] = [];
  for (const point of points) {
    const { x, y } = point.getProps(['x', 'y'], true) as Record<string, number>;
    if (point.skip || !Number.isFinite(x) || !Number.isFinite(y)) {
      if (run.length > 1) runs.push(run.join(' '));
      run = [];
      continue;
    }
    run.push(`${run.length === 0 ? 'M' : 'L'}${n(x)} ${n(y)}`);
  }
  if (run.length > 1) runs.push(run.join(' '));
  if (runs.length === 0) return [];
  const dash = dashArray(path.options.borderDash);
  return [`<path d="${runs.join(' ')}" fill="none"${paint('stroke', path.options.borderColor)} stroke-width="${n(width)}"${dash} stroke-linejoin="round"/>`];
}

function pointSvg(point: DrawnElement): string[] {
  if (point.skip) return [];
  const { x, y } = point.getProps(['x', 'y'], true) as Record<string, number>;
  const options = point.options;
  const radius = Number(options.radius ?? 0);
  if (!Number.isFinite(x) || !Number.isFinite(y) || !(radius > 0)) return [];
  const borderWidth = Number(options.borderWidth ?? 1);
  if (options.pointStyle === 'line') {
    const angle = (Number(options.rotation ?? 0) * Math.PI) / 180;
    const dx = Math.cos(angle) * radius;
    const dy = Math.sin(angle) * radius;
    return [line(x - dx, y - dy, x + dx, y + dy, colourOf(options.borderColor, '#666666'), borderWidth)];
  }
  return [circle(x, y, radius, options.backgroundColor, options.borderColor, borderWidth)];
}

// ── SVG text and shapes ─────────────────────────────────────────────────────────────────────

interface TextOptions {
  x: number;
  y: number;
  dy?: number;
  rotation?: number;
  size: number;
  bold: boolean;
  colour: string;
  align: string;
  baseline: string;
  strike?: boolean;
}

const ANCHORS: Record<string, string> = { left: 'start', start: 'start', center: 'middle', right: 'end', end: 'end' };
/** Canvas text baselines in SVG terms; `middle` on a canvas is the middle of the em box. */
const BASELINES: Record<string, string> = {
  top: 'text-before-edge',
  hanging: 'hanging',
  middle: 'central',
  alphabetic: 'alphabetic',
  ideographic: 'ideographic',
  bottom: 'text-after-edge',
};

function textElement(content: string, o: TextOptions): string {
  const place = o.rotation
    ? ` transform="translate(${n(o.x)} ${n(o.y)}) rotate(${n(o.rotation)})" x="0" y="${n(o.dy ?? 0)}"`
    : ` x="${n(o.x)}" y="${n(o.y + (o.dy ?? 0))}"`;
  const weight = o.bold ? ' font-weight="bold"' : '';
  const strike = o.strike ? ' text-decoration="line-through"' : '';
  const anchor = ANCHORS[o.align] ?? 'start';
  const baseline = BASELINES[o.baseline] ?? 'alphabetic';
  return `<text${place} font-size="${n(o.size)}"${weight}${strike} text-anchor="${anchor}" dominant-baseline="${baseline}"${paint('fill', o.colour)}>${escapeXml(content)}</text>`;
}

function line(x1: number, y1: number, x2: number, y2: number, colour: string, width: number, dash?: unknown): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}"${paint('stroke', colour)} stroke-width="${n(width)}"${dashArray(dash)}/>`;
}

function circle(x: number, y: number, radius: number, fill: unknown, stroke: unknown, width: number): string {
  const edge = width > 0 ? `${paint('stroke', stroke)} stroke-width="${n(width)}"` : '';
  return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(radius)}"${paint('fill', fill)}${edge}/>`;
}

function dashArray(dash: unknown): string {
  return Array.isArray(dash) && dash.length > 0 ? ` stroke-dasharray="${dash.map((d) => n(Number(d))).join(' ')}"` : '';
}

/** Two decimals are well under a device pixel at any zoom a slide uses. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function isBold(weight: unknown): boolean {
  return weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600) || (typeof weight === 'string' && Number(weight) >= 600);
}

/** The theme's font stack, ending in a generic family so that any viewer has something to draw with. */
function genericFamily(font: string): string {
  return /(^|,)\s*(sans-serif|serif|monospace|system-ui)\s*$/i.test(font) ? font : `${font}, sans-serif`;
}

/** Text for XML: the five special characters escaped, characters XML 1.0 forbids (C0 controls but tab and line ends) dropped. */
export function escapeXml(text: string): string {
  const allowed = [...text].filter((c) => {
    const code = c.codePointAt(0)!;
    return (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) && code !== 0xfffe && code !== 0xffff;
  });
  return allowed.join('').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

// ── Colours ─────────────────────────────────────────────────────────────────────────────────

function colourOf(value: unknown, fallback: string): string {
  return typeof value === 'string' && value ? value : fallback;
}

/** ` fill="#rrggbb"` (or stroke), with an opacity when the colour is translucent; `none` for no colour. */
function paint(attribute: 'fill' | 'stroke', colour: unknown): string {
  if (typeof colour !== 'string' || !colour || colour === 'transparent') return ` ${attribute}="none"`;
  const [hex, alpha] = rgba(colour);
  if (alpha <= 0) return ` ${attribute}="none"`;
  return ` ${attribute}="${hex}"${alpha < 1 ? ` ${attribute}-opacity="${Math.round(alpha * 1000) / 1000}"` : ''}`;
}

let probe: CanvasRenderingContext2D | null | undefined;
const parsed = new Map<string, [string, number]>();

/** Any CSS colour as hex and alpha: the canvas parses it, and paints it when it does not serialise as hex or rgba(). */
function rgba(colour: string): [string, number] {
  const known = parsed.get(colour);
  if (known) return known;
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  let result: [string, number] = ['#000000', 1];
  if (probe) {
    probe.fillStyle = '#000000';
    probe.fillStyle = colour;
    const serialised = String(probe.fillStyle);
    const match = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(serialised);
    if (/^#[0-9a-f]{6}$/i.test(serialised)) result = [serialised.toLowerCase(), 1];
    else if (match) result = [hexOf([Number(match[1]), Number(match[2]), Number(match[3])]), match[4] === undefined ? 1 : Number(match[4])];
    else {
      probe.clearRect(0, 0, 1, 1);
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
      result = [hexOf([r, g, b]), a / 255];
    }
  }
  parsed.set(colour, result);
  return result;
}

const hexOf = (rgb: number[]) => '#' + rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
