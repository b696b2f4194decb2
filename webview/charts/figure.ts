/**
 * A chart as a figure for slides: its card's title and subtitle above the plot, its note under it,
 * on the card's opaque background in the theme's colours (every colour is already held to WCAG AA
 * against that background, which would not hold on another one). The PNG and the SVG export lay the
 * figure out here, once, so the two look alike.
 */
import type { Theme } from '../theme.js';

export interface FigureText {
  title: string;
  subtitle: string;
  note?: string;
}

/** One line of text, centred vertically on `y` (canvas `middle`, SVG `central`). */
export interface FigureLine {
  text: string;
  x: number;
  y: number;
  font: string;
  colour: string;
  /** For SVG, which writes the font as attributes. */
  size: number;
  bold: boolean;
}

export interface FigureLayout {
  width: number;
  height: number;
  /** Where the chart's own drawing (its canvas, CSS pixels) goes. */
  chart: { x: number; y: number; width: number; height: number };
  lines: FigureLine[];
}

const PADDING = 16;
const TITLE_SIZE = 16;
const TEXT_SIZE = 12;
const LINE_GAP = 1.4;

let measurer: CanvasRenderingContext2D | null | undefined;

function measure(text: string, font: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * 7;
  measurer.font = font;
  return measurer.measureText(text).width;
}

/** Words of `text` in lines no wider than `width` (a single word wider than that keeps its own line). */
function wrap(text: string, font: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate, font) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** The figure around a chart of `chartWidth` × `chartHeight` CSS pixels. */
export function layoutFigure(text: FigureText, chartWidth: number, chartHeight: number, theme: Theme): FigureLayout {
  const width = chartWidth + 2 * PADDING;
  const lines: FigureLine[] = [];
  let y = PADDING;
  const add = (content: string, size: number, bold: boolean, colour: string) => {
    const font = `${bold ? 'bold ' : ''}${size}px ${theme.font}`;
    for (const part of wrap(content, font, chartWidth)) {
      const height = size * LINE_GAP;
      lines.push({ text: part, x: PADDING, y: y + height / 2, font, colour, size, bold });
      y += height;
    }
  };
  add(text.title, TITLE_SIZE, true, theme.foreground);
  if (text.subtitle) add(text.subtitle, TEXT_SIZE, false, theme.muted);
  y += PADDING / 2;
  const chart = { x: PADDING, y, width: chartWidth, height: chartHeight };
  y += chartHeight;
  if (text.note) {
    y += PADDING / 2;
    add(text.note, TEXT_SIZE, false, theme.muted);
  }
  return { width, height: Math.ceil(y + PADDING), chart, lines };
}
