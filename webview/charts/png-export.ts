/**
 * PNG of a chart as a figure (title, subtitle, the chart with its legend and axis units, its note) at
 * twice the CSS pixels or the screen's density if higher, so it stays sharp on a projected slide.
 */
import type { Chart } from 'chart.js';
import { layoutFigure, type FigureText } from './figure.js';
import type { Theme } from '../theme.js';

/** At least this many device pixels per CSS pixel. */
const MIN_SCALE = 2;

export function figurePng(chart: Chart, text: FigureText, theme: Theme): string {
  const scale = Math.max(MIN_SCALE, window.devicePixelRatio || 1);
  const plot = drawnAt(chart, scale);
  const layout = layoutFigure(text, chart.width, chart.height, theme);
  const out = document.createElement('canvas');
  out.width = Math.round(layout.width * scale);
  out.height = Math.round(layout.height * scale);
  const context = out.getContext('2d')!;
  context.scale(scale, scale);
  context.fillStyle = theme.background;
  context.fillRect(0, 0, layout.width, layout.height);
  context.textBaseline = 'middle';
  context.textAlign = 'left';
  for (const line of layout.lines) {
    context.font = line.font;
    context.fillStyle = line.colour;
    context.fillText(line.text, line.x, line.y);
  }
  context.drawImage(plot, layout.chart.x, layout.chart.y, layout.chart.width, layout.chart.height);
  return out.toDataURL('image/png');
}

/**
 * A copy of the chart drawn at `scale` device pixels per CSS pixel. Why redraw rather than copy the
 * canvas: a copy would be only as sharp as the screen. The chart is put back at once (animations are
 * off, so both draws happen before the page paints).
 */
function drawnAt(chart: Chart, scale: number): HTMLCanvasElement {
  const before = chart.options.devicePixelRatio;
  const copy = document.createElement('canvas');
  try {
    chart.options.devicePixelRatio = scale;
    chart.resize();
    copy.width = chart.canvas.width;
    copy.height = chart.canvas.height;
    copy.getContext('2d')!.drawImage(chart.canvas, 0, 0);
  } finally {
    chart.options.devicePixelRatio = before;
    chart.resize();
  }
  return copy;
}
