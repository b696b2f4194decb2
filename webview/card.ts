/** A chart card: title, a line saying what is shown, controls, the canvas and a note under it. */
import { h } from './dom.js';

export interface ChartCard {
  root: HTMLElement;
  title: HTMLElement;
  canvas: HTMLCanvasElement;
  subtitle: HTMLElement;
  toolbar: HTMLElement;
  note: HTMLElement;
}

export function createChartCard(id: string, title: string, onPng: () => void, wide = false): ChartCard {
  const canvas = h('canvas', { class: 'mo-canvas', id: `chart-${id}`, 'data-chart': id });
  const subtitle = h('p', { class: 'mo-subtitle' });
  const png = h('button', { type: 'button', class: 'mo-button', title: `Save “${title}” as PNG`, 'aria-label': `Export ${title} as PNG` }, 'PNG');
  png.addEventListener('click', onPng);
  const toolbar = h('div', { class: 'mo-toolbar' });
  toolbar.append(png);
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
  return { root, title: heading, canvas, subtitle, toolbar, note };
}

export function setNote(card: ChartCard, text: string | undefined): void {
  card.note.hidden = !text;
  card.note.textContent = text ?? '';
}
