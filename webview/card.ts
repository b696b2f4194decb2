/** A chart card: title, a line saying what is shown, controls, the canvas and a note under it. */
import { h } from './dom.js';
import type { FigureText } from './charts/figure.js';

export interface ChartCard {
  id: string;
  root: HTMLElement;
  /** The card's title; the comparison card retitles it ("Compared with the saved file"). */
  heading: HTMLElement;
  canvas: HTMLCanvasElement;
  subtitle: HTMLElement;
  toolbar: HTMLElement;
  note: HTMLElement;
}

/** The image formats a chart exports to. */
export type ChartFormat = 'png' | 'svg';

export function createChartCard(id: string, title: string, onExport: (format: ChartFormat) => void, wide = false): ChartCard {
  const canvas = h('canvas', { class: 'mo-canvas', id: `chart-${id}`, 'data-chart': id });
  const subtitle = h('p', { class: 'mo-subtitle' });
  const toolbar = h('div', { class: 'mo-toolbar' });
  for (const format of ['png', 'svg'] as const) {
    const name = format.toUpperCase();
    const button = h('button', { type: 'button', class: 'mo-button', title: `Save “${title}” as ${name}`, 'aria-label': `Export ${title} as ${name}` }, name);
    button.addEventListener('click', () => onExport(format));
    toolbar.append(button);
  }
  const note = h('p', { class: 'mo-note', hidden: true });
  const heading = h('h2', { class: 'mo-card-title', id: `title-${id}` }, title);
  canvas.setAttribute('aria-describedby', `title-${id}`);
  const root = h(
    'section',
    { class: `mo-card${wide ? ' mo-card-wide' : ''}`, 'data-card': id, 'aria-labelledby': `title-${id}` },
    h('div', { class: 'mo-card-head' }, h('div', {}, heading, subtitle), toolbar),
    h('div', { class: 'mo-chart-box' }, canvas),
    note,
  );
  return { id, root, heading, canvas, subtitle, toolbar, note };
}

export function setNote(card: ChartCard, text: string | undefined): void {
  card.note.hidden = !text;
  card.note.textContent = text ?? '';
}

/** What a card says around its chart, for an exported figure. */
export function cardText(card: ChartCard): FigureText {
  return { title: cardTitle(card), subtitle: card.subtitle.textContent ?? '', ...(card.note.hidden ? {} : { note: card.note.textContent ?? '' }) };
}

export function cardTitle(card: ChartCard): string {
  return card.heading.textContent ?? '';
}
