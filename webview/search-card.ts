/**
 * The card of a `search` study: while it runs, its progress; then its ranked splits as a table,
 * fastest first, each with a bar of its time to train and an "Apply" button that asks the editor to
 * write it into the scenario. The split the scenario runs now is marked (and listed above the ranks
 * when it is not among them).
 */
import { h } from './dom.js';
import { formatBytes, formatEnergy, formatNumber, formatPercent, MISSING } from './format.js';
import type { PreviewSearchCandidate, PreviewSearchStudy, PreviewSplit } from '../protocol/preview.js';
import { SECONDS_PER_DAY } from '../engine/units.js';

export interface SearchCard {
  root: HTMLElement;
  update(study: PreviewSearchStudy): void;
}

/** `onApply(rank)`: absent where there is no editor to write into (the HTML report). */
export function createSearchCard(name: string, onApply: ((rank: number) => void) | undefined): SearchCard {
  const id = `search-${name}`;
  const subtitle = h('p', { class: 'mo-subtitle' });
  const status = h('p', { class: 'mo-search-status', role: 'status' });
  const progress = h('progress', { class: 'mo-search-progress', 'aria-label': `Search ${name} running` });
  const tableBox = h('div', { class: 'mo-table-wrap' });
  const root = h(
    'section',
    { class: 'mo-card mo-card-wide', 'data-card': id, 'aria-labelledby': `title-${id}` },
    h('div', { class: 'mo-card-head' }, h('div', {}, h('h2', { class: 'mo-card-title', id: `title-${id}` }, `Search: ${name}`), subtitle)),
    progress,
    status,
    tableBox,
  );
  return {
    root,
    update(study) {
      root.dataset.status = study.status;
      subtitle.textContent = `Fastest parallel splits of ${study.scenario} that fit in HBM, by time to train`;
      progress.hidden = study.status !== 'running' && study.status !== 'pending';
      status.textContent = statusText(study);
      tableBox.hidden = study.status !== 'done' || study.candidates.length === 0;
      tableBox.replaceChildren(...(tableBox.hidden ? [] : [rankedTable(study, onApply)]));
    },
  };
}

function statusText(study: PreviewSearchStudy): string {
  const counts = `${study.tried.toLocaleString('en-US')} splits tried, ${study.timed.toLocaleString('en-US')} timed`;
  switch (study.status) {
    case 'pending':
      return `Waiting to search ${study.scenario}…`;
    case 'running':
      return `Searching${study.runsOn ? ` on a ${study.runsOn}` : ''}… ${counts}`;
    case 'failed':
      return `The search could not run: ${study.message ?? 'no reason given'}`;
    case 'done':
      return study.candidates.length === 0 ? `No split fits in memory (${counts}).` : `${counts}; the ${study.candidates.length} fastest:`;
  }
}

// The action comes right after the rank, so a narrow panel scrolls the numbers, never the button.
const COLUMNS = [
  '#',
  '',
  'TP',
  'PP',
  'DP',
  'EP',
  'CP',
  'mbs',
  'v',
  'recompute',
  'mapping',
  'Time to train',
  'MFU',
  'Interconnect energy',
  'Memory / GPU',
  'Idle GPUs',
];

function rankedTable(study: PreviewSearchStudy, onApply: ((rank: number) => void) | undefined): HTMLElement {
  const slowest = Math.max(...study.candidates.map((c) => c.timeToTrainSeconds), study.writtenFigures?.timeToTrainSeconds ?? 0);
  const body = h('tbody');
  if (!study.candidates.some((candidate) => candidate.written)) body.append(writtenRow(study, slowest));
  for (const candidate of study.candidates) body.append(candidateRow(candidate, slowest, onApply));
  return h(
    'table',
    { class: 'mo-table mo-search-table', 'data-search': study.name },
    h('caption', { class: 'mo-sr-only' }, `Fastest splits of ${study.scenario}`),
    h('thead', {}, h('tr', {}, ...COLUMNS.map((column) => h('th', { scope: 'col' }, column)))),
    body,
  );
}

function splitCells(split: PreviewSplit): HTMLElement[] {
  const values = [
    split.tensorParallel,
    split.pipelineParallel,
    split.dataParallel,
    split.expertParallel,
    split.contextParallel,
    split.microbatchSize,
    split.virtualStages,
  ];
  return [...values.map((value) => h('td', {}, value === undefined ? MISSING : String(value))), h('td', {}, split.recompute), h('td', {}, split.rankMapping)];
}

/** Time to train with a bar as long as its share of the slowest row's. */
function timeCell(seconds: number | undefined, slowest: number): HTMLElement {
  const bar = h('span', { class: 'mo-search-bar', 'aria-hidden': 'true' });
  bar.style.width = seconds !== undefined && slowest > 0 ? `${Math.max(2, (seconds / slowest) * 100)}%` : '0';
  return h(
    'td',
    { class: 'mo-search-time' },
    h('span', { class: 'mo-search-track' }, bar),
    seconds === undefined ? MISSING : `${formatNumber(seconds / SECONDS_PER_DAY)} days`,
  );
}

function candidateRow(candidate: PreviewSearchCandidate, slowest: number, onApply: ((rank: number) => void) | undefined): HTMLElement {
  const row = h('tr', { 'data-rank': String(candidate.rank), class: candidate.written ? 'mo-written' : undefined, tabindex: '0' });
  const action = h('td', { class: 'mo-search-action' });
  if (candidate.written) action.append(h('span', { class: 'mo-badge' }, 'as written'));
  else if (onApply) {
    const apply = h('button', { type: 'button', class: 'mo-button', title: 'Write this split into the scenario' }, 'Apply');
    apply.addEventListener('click', (event) => {
      event.stopPropagation();
      onApply(candidate.rank);
    });
    action.append(apply);
    row.addEventListener('keydown', (event) => {
      if (event.target === row && event.key === 'Enter') onApply(candidate.rank);
    });
  }
  row.append(
    h('th', { scope: 'row' }, `#${candidate.rank}`),
    action,
    ...splitCells(candidate.split),
    timeCell(candidate.timeToTrainSeconds, slowest),
    h('td', {}, formatPercent(candidate.mfu)),
    h('td', {}, formatEnergy(candidate.interconnectEnergyJoules)),
    h('td', {}, formatBytes(candidate.memoryBytes)),
    h('td', {}, String(candidate.idleGpus)),
  );
  return row;
}

/** The split as written, when it is not among the fastest. */
function writtenRow(study: PreviewSearchStudy, slowest: number): HTMLElement {
  const figures = study.writtenFigures;
  return h(
    'tr',
    { class: 'mo-written', 'data-rank': 'written' },
    h('th', { scope: 'row' }, 'now'),
    h('td', {}, h('span', { class: 'mo-badge' }, figures?.fits === false ? 'as written, over memory' : 'as written')),
    ...splitCells(study.written),
    timeCell(figures?.timeToTrainSeconds, slowest),
    h('td', {}, figures ? formatPercent(figures.mfu) : MISSING),
    h('td', {}, figures ? formatEnergy(figures.interconnectEnergyJoules) : MISSING),
    h('td', {}, figures ? formatBytes(figures.memoryBytes) : MISSING),
    // Idle GPUs are the search's notion: the split as written uses what it names.
    h('td', {}, MISSING),
  );
}
