/** The table view: every number of every scenario, formatted; a row opens its scenario's source. */
import { h } from './dom.js';
import type { PreviewModel, PreviewScenario } from '../protocol/preview.js';
import { allColumns } from './table-data.js';
import { MISSING } from './format.js';

export function renderTable(model: PreviewModel, onReveal: (scenario: PreviewScenario) => void): HTMLElement {
  const columns = allColumns(model);
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Scenario'), ...columns.map((c) => h('th', { scope: 'col' }, c.header)));
  const body = h('tbody');
  for (const scenario of model.scenarios) {
    const row = h('tr', { tabindex: '0', 'data-scenario': scenario.name, title: `Line ${scenario.line + 1}` });
    row.append(h('th', { scope: 'row', class: scenario.result?.feasible === false ? 'mo-bad' : undefined }, scenario.name));
    for (const column of columns) {
      const text = scenario.result ? column.format(column.value(scenario.result)) : MISSING;
      row.append(h('td', {}, text));
    }
    row.addEventListener('click', () => onReveal(scenario));
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onReveal(scenario);
      }
      if (event.key === 'ArrowDown') {
        (row.nextElementSibling as HTMLElement | null)?.focus();
        event.preventDefault();
      }
      if (event.key === 'ArrowUp') {
        (row.previousElementSibling as HTMLElement | null)?.focus();
        event.preventDefault();
      }
    });
    body.append(row);
  }
  const table = h('table', { class: 'mo-table' }, h('caption', { class: 'mo-sr-only' }, 'Results of every scenario'), h('thead', {}, head), body);
  return h('div', { class: 'mo-table-wrap' }, table);
}
