/**
 * Keyboard use of a chart canvas: arrows move between categories (showing the tooltip), Enter or
 * Space reveals the category's source, Escape clears. The canvas is focusable and announces itself.
 */
import type { Chart } from 'chart.js';

export function attachChartKeyboard(
  canvas: HTMLCanvasElement,
  chart: () => Chart | undefined,
  categories: () => number,
  onActivate: (index: number) => void,
): void {
  let active = -1;
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'img');
  const show = (index: number) => {
    const c = chart();
    if (!c) return;
    const elements = c.data.datasets.flatMap((ds, datasetIndex) =>
      c.isDatasetVisible(datasetIndex) && Array.isArray(ds.data) && index < ds.data.length ? [{ datasetIndex, index }] : [],
    );
    const first = elements[0] ? c.getDatasetMeta(elements[0].datasetIndex).data[index] : undefined;
    c.setActiveElements(elements);
    c.tooltip?.setActiveElements(elements, { x: first?.x ?? 0, y: first?.y ?? 0 });
    c.update('none');
  };
  canvas.addEventListener('keydown', (event) => {
    const count = categories();
    if (count === 0) return;
    const step: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
    if (event.key in step) {
      active = active < 0 ? 0 : (active + step[event.key] + count) % count;
    } else if (event.key === 'Home') {
      active = 0;
    } else if (event.key === 'End') {
      active = count - 1;
    } else if ((event.key === 'Enter' || event.key === ' ') && active >= 0) {
      onActivate(active);
    } else if (event.key === 'Escape') {
      active = -1;
      const c = chart();
      c?.setActiveElements([]);
      c?.tooltip?.setActiveElements([], { x: 0, y: 0 });
      c?.update('none');
      return;
    } else {
      return;
    }
    event.preventDefault();
    if (active >= 0) show(active);
  });
  canvas.addEventListener('blur', () => {
    active = -1;
  });
}
