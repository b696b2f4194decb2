/**
 * "Compare with before" in the preview: the toolbar's choice of baseline (the saved file, git HEAD,
 * results pinned now) and the card of what the edit changed against it: per scenario and study the
 * headline deltas ("Δ days −0.40 (−12%)") in the theme's green when better and red when worse, a
 * chart of the change in time to train, and the scenarios added and removed. The host evaluates the
 * baseline; this draws `modelDelta` (baseline-delta.ts) of it against the model shown.
 */
import { h } from './dom.js';
import { createChartCard, setNote, type ChartCard, type ChartFormat } from './card.js';
import { BarChartView } from './charts/bar-chart.js';
import { deltaSummary, modelDelta, signedNumber, type DeltaRow, type ModelDelta } from './baseline-delta.js';
import type { BarMark } from './charts/bar-chart.js';
import type { Evaluated } from './series.js';
import type { Theme } from './theme.js';
import type { BaselineSource, PreviewBaseline, PreviewModel } from '../protocol/preview.js';
import { SECONDS_PER_DAY } from '../engine/units.js';

export type CompareChoice = BaselineSource | 'off';

const CHOICES: readonly { value: CompareChoice; text: string }[] = [
  { value: 'off', text: 'No comparison' },
  { value: 'saved', text: 'Compare with saved file' },
  { value: 'head', text: 'Compare with git HEAD' },
  { value: 'pinned', text: 'Pin current results as baseline' },
];
const WAITING: Record<BaselineSource, string> = { saved: 'the saved file', head: 'git HEAD', pinned: 'the pinned results' };

export class ComparisonView {
  /** The toolbar's choice; the host answers it with a baseline. */
  readonly select = h('select', { class: 'mo-select', 'aria-label': 'Compare with', 'data-compare': '' });
  /** Pins the results shown now again, replacing the pinned ones. */
  readonly repin = h('button', { type: 'button', class: 'mo-button', title: 'Pin the results shown now as the baseline', hidden: true }, 'Re-pin');
  /** Where the card goes; empty while nothing is compared (no hidden card for anyone to find). */
  readonly slot = h('div', { class: 'mo-compare-slot' });
  readonly card: ChartCard;
  private readonly rows = h('ul', { class: 'mo-delta-rows' });
  readonly chart: BarChartView;
  private baseline: PreviewBaseline | undefined;
  /** Asked for, not answered yet. */
  private waitingFor: BaselineSource | undefined;
  /** The delta last drawn, for tests. */
  delta: ModelDelta | undefined;

  constructor(
    private readonly choose: (choice: CompareChoice) => void,
    private readonly reveal: (name: string) => void,
    onExport: (format: ChartFormat) => void,
  ) {
    for (const choice of CHOICES) this.select.append(h('option', { value: choice.value }, choice.text));
    this.select.addEventListener('change', () => this.ask(this.select.value as CompareChoice));
    this.repin.addEventListener('click', () => this.ask('pinned'));
    this.card = createChartCard('delta-time', 'Compared with before', onExport, true);
    this.card.root.classList.add('mo-delta-card');
    this.card.root.insertBefore(this.rows, this.card.canvas.parentElement);
    this.chart = new BarChartView(this.card.canvas, (index) => {
      const name = this.delta?.changed.filter(hasDays)[index]?.name;
      if (name) this.reveal(name);
    });
  }

  /** The host's answer: a baseline, or none (comparison off). */
  setBaseline(baseline: PreviewBaseline | undefined): void {
    this.baseline = baseline;
    this.waitingFor = undefined;
  }

  /** Ghost marks of the baseline's days on the training-time chart, when it has every scenario shown. */
  timeMarks(shown: readonly Evaluated[]): BarMark[] {
    const before = this.baseline?.model?.scenarios;
    if (!before) return [];
    const days = shown.map((s) => before.find((b) => b.name === s.name)?.result?.timeToTrainSeconds);
    if (days.some((d) => d === undefined)) return [];
    return [{ label: `Before (${this.baseline!.label})`, colour: 'grey', values: days.map((d) => d! / SECONDS_PER_DAY) }];
  }

  render(model: PreviewModel | undefined, theme: Theme): void {
    const baseline = this.baseline;
    const choice: CompareChoice = this.waitingFor ?? baseline?.source ?? 'off';
    this.select.value = choice;
    this.repin.hidden = choice !== 'pinned';
    if (choice === 'off' || !model) return this.hide();
    if (!this.card.root.isConnected) this.slot.append(this.card.root);
    this.card.root.style.setProperty('--mo-better', theme.ink.green);
    this.card.root.style.setProperty('--mo-worse', theme.ink.red);
    if (this.waitingFor || !baseline) return this.showOnly(`Evaluating ${WAITING[choice as BaselineSource]}…`);
    this.card.heading.textContent = `Compared with ${baseline.label}`;
    if (!baseline.model) return this.showOnly(baseline.unavailable ?? `${baseline.label} has no results.`);
    const delta = modelDelta(baseline.model, model);
    this.delta = delta;
    this.card.subtitle.textContent = deltaSummary(delta, baseline.label);
    this.rows.replaceChildren(...delta.changed.map((row) => this.rowElement(row)));
    this.rows.hidden = delta.changed.length === 0;
    const timed = delta.changed.filter(hasDays);
    this.card.canvas.parentElement!.hidden = timed.length === 0;
    // No chart, nothing to export: an export would show the last bars under "No change…".
    this.card.toolbar.querySelectorAll('button').forEach((button) => (button.hidden = timed.length === 0));
    if (timed.length > 0) this.drawChart(timed, theme);
    const addedRemoved = [
      delta.added.length ? `Added: ${delta.added.join(', ')}` : undefined,
      delta.removed.length ? `Removed: ${delta.removed.join(', ')}` : undefined,
    ].filter(Boolean);
    setNote(this.card, addedRemoved.length ? addedRemoved.join(' · ') : undefined);
  }

  hide(): void {
    this.card.root.remove();
  }

  private ask(choice: CompareChoice): void {
    this.waitingFor = choice === 'off' ? undefined : choice;
    if (choice === 'off') this.baseline = undefined;
    this.choose(choice);
  }

  private showOnly(text: string): void {
    this.delta = undefined;
    this.card.subtitle.textContent = text;
    this.rows.replaceChildren();
    this.rows.hidden = true;
    this.card.canvas.parentElement!.hidden = true;
    setNote(this.card, undefined);
  }

  private rowElement(row: DeltaRow): HTMLElement {
    const name = h('button', { type: 'button', class: 'mo-link mo-delta-name', title: `Show ${row.name} in the editor` }, row.name);
    name.addEventListener('click', () => this.reveal(row.name));
    const chips = row.metrics.map((metric) => h('span', { class: `mo-delta mo-delta-${metric.verdict}`, 'data-metric': metric.key }, metric.text));
    const notes = row.notes.map((note) => h('span', { class: 'mo-delta-note' }, note));
    return h('li', { 'data-delta': row.name }, name, ...chips, ...notes);
  }

  private drawChart(rows: DeltaRow[], theme: Theme): void {
    const days = rows.map((row) => row.metrics.find((m) => m.key === 'days')!.delta);
    this.chart.update(
      {
        categories: rows.map((row) => row.name),
        // Two series so that each bar takes the colour of its verdict: shorter is better.
        datasets: [
          { label: 'Faster', colour: 'green', values: days.map((d) => (d < 0 ? d : 0)) },
          { label: 'Slower', colour: 'red', values: days.map((d) => (d > 0 ? d : 0)) },
        ],
        stacked: true,
        format: (v) => `${signedNumber(v)} d`,
        axisTitle: 'Change in time to train (days)',
      },
      theme,
    );
  }
}

const hasDays = (row: DeltaRow) => row.metrics.some((m) => m.key === 'days');
