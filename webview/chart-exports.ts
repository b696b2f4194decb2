/**
 * The charts a user can export: each card's PNG and SVG buttons and, through the host, the palette's
 * "Export Chart as …" commands, which pick one by its title. An export is a figure of the card: its
 * title, subtitle and note around the chart.
 */
import { cardText, type ChartCard, type ChartFormat } from './card.js';
import type { FigureText } from './charts/figure.js';
import type { Theme } from './theme.js';

export interface ChartImages {
  toPng(text: FigureText, theme: Theme): string | undefined;
  toSvg(text: FigureText, theme: Theme): string | undefined;
}

export interface ExportableChart {
  card: ChartCard;
  /** The export's file name after the document's: `training-time` gives `frontier-moe-training-time.png`. */
  fileName: string;
  view: ChartImages;
  /** Draws the chart now if it waits to come into view (the decision charts in the editor). */
  prepare?: () => void;
}

/** The chart as an image in `format`, drawn first if it waited; undefined if it has nothing drawn. */
export function chartImage(chart: ExportableChart, format: ChartFormat, theme: Theme): string | undefined {
  chart.prepare?.();
  const text = cardText(chart.card);
  return format === 'png' ? chart.view.toPng(text, theme) : chart.view.toSvg(text, theme);
}
