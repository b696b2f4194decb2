/**
 * The preview page: keeps the latest model, drops stale messages, and draws the charts, the table
 * and the problems banner. Chart instances live as long as the page and are updated in place.
 */
import { DecisionCharts } from './decision-charts.js';
import { h, segmented } from './dom.js';
import { cardTitle, createChartCard, setNote, type ChartCard, type ChartFormat } from './card.js';
import { chartImage, type ExportableChart } from './chart-exports.js';
import { BarChartView } from './charts/bar-chart.js';
import { SweepChartView } from './charts/sweep-chart.js';
import type { PreviewHost } from './host.js';
import {
  exportFileName,
  type ExportedChart,
  type FirstProblem,
  type HostMessage,
  type PreviewFocus,
  type PreviewModel,
  type PreviewScenario,
  type PreviewSearchStudy,
  type PreviewSweepStudy,
} from '../protocol/preview.js';
import { readTheme, type Theme } from './theme.js';
import {
  compareStudy,
  energyByPart,
  energyByTier,
  memorySeries,
  powerPerGpu,
  selectScenarios,
  sweepSeries,
  sweepStudies,
  timeSeries,
  type Evaluated,
} from './series.js';
import { formatBySiUnit, formatBytes, formatEnergy, formatNumber, formatPower, formatRatio } from './format.js';
import { toCsv } from './table-data.js';
import { createSearchCard, type SearchCard } from './search-card.js';
import { renderTable } from './table.js';
import { ComparisonView } from './delta-view.js';

type View = 'charts' | 'table';
type TimeMode = 'days' | 'normalised';
type EnergyMode = 'part' | 'tier';

interface SweepPanel extends ExportableChart {
  view: SweepChartView;
  study: PreviewSweepStudy;
}

export interface PreviewAppOptions {
  root: HTMLElement;
  host: PreviewHost;
  title: string;
  uri?: string;
}

export class PreviewApp {
  private model: PreviewModel | undefined;
  private uri: string | undefined;
  /** The document version drawn (or announced with problems). */
  private version = Number.NEGATIVE_INFINITY;
  private problems = 0;
  private view: View = 'charts';
  private study: string | undefined;
  /** The scenario under the editor's cursor. */
  private selectedScenario: string | undefined;
  /** What a CodeLens asked to show, until a model has it. */
  private pendingFocus: PreviewFocus | undefined;
  /** The card last focused, outlined until the next focus. */
  private focusedCard: HTMLElement | undefined;
  private timeMode: TimeMode = 'days';
  private energyMode: EnergyMode = 'part';
  private theme: Theme;
  private shown: Evaluated[] = [];

  private readonly host: PreviewHost;
  private readonly subtitle = h('p', { class: 'mo-subtitle', id: 'mo-status' });
  private readonly banner = h('div', { class: 'mo-banner', role: 'status', hidden: true });
  private readonly bannerText = h('span');
  /** Reveals the first problem in the editor. */
  private readonly firstProblemLink = h('button', { type: 'button', class: 'mo-link' });
  private firstProblem: FirstProblem | undefined;
  private readonly errors = h('ul', { class: 'mo-errors', hidden: true });
  private readonly warnings = h('ul', { class: 'mo-warnings', hidden: true });
  private readonly content = h('main', { class: 'mo-content' });
  private readonly grid = h('div', { class: 'mo-grid' });
  private readonly tableBox = h('div', { hidden: true });
  private readonly empty = h('p', { class: 'mo-empty', hidden: true });
  private readonly studySelect = h('select', { class: 'mo-select', 'aria-label': 'Scenarios to show' });
  private readonly viewToggle;
  private readonly timeToggle;
  private readonly energyToggle;
  private readonly timeCard: ChartCard;
  private readonly energyCard: ChartCard;
  private readonly powerCard: ChartCard;
  private readonly memoryCard: ChartCard;
  private readonly timeChart: BarChartView;
  private readonly energyChart: BarChartView;
  private readonly powerChart: BarChartView;
  private readonly memoryChart: BarChartView;
  private readonly decisions: DecisionCharts;
  /** "Compare with before": the baseline choice and the card of deltas against it. */
  private readonly comparison: ComparisonView;
  private readonly sweeps = new Map<string, SweepPanel>();
  /** The charts last told to the host (`charts` message), to post only changes. */
  private announcedCharts = '';
  private readonly searches = new Map<string, SearchCard>();

  constructor(private readonly options: PreviewAppOptions) {
    this.host = options.host;
    this.uri = options.uri;
    this.theme = readTheme();
    const saved = this.host.getState();
    if (saved && (!this.uri || saved.uri === this.uri)) {
      this.view = saved.view ?? 'charts';
      this.study = saved.study;
    }

    this.viewToggle = segmented(
      'View',
      [
        { value: 'charts', text: 'Charts' },
        { value: 'table', text: 'Table' },
      ] as const,
      this.view,
      (v) => {
        this.view = v;
        this.saveState();
        this.render();
      },
    );
    this.timeToggle = segmented(
      'Training time scale',
      [
        { value: 'days', text: 'Days' },
        { value: 'normalised', text: 'Normalised' },
      ] as const,
      this.timeMode,
      (v) => {
        this.timeMode = v;
        this.render();
      },
    );
    this.energyToggle = segmented(
      'Energy split',
      [
        { value: 'part', text: 'By part' },
        { value: 'tier', text: 'By tier' },
      ] as const,
      this.energyMode,
      (v) => {
        this.energyMode = v;
        this.render();
      },
    );
    this.studySelect.addEventListener('change', () => {
      this.study = this.studySelect.value || undefined;
      if (this.study) this.timeMode = 'normalised';
      this.saveState();
      this.render();
    });

    const exportCard = (id: string) => (format: ChartFormat) => this.exportChart(id, format);
    this.timeCard = createChartCard('time', 'Training time', exportCard('time'));
    this.energyCard = createChartCard('energy', 'Interconnect energy', exportCard('energy'));
    this.powerCard = createChartCard('power', 'Interconnect power per GPU', exportCard('power'));
    this.memoryCard = createChartCard('memory', 'Memory per GPU', exportCard('memory'));
    this.timeCard.toolbar.prepend(this.timeToggle.element);
    this.energyCard.toolbar.prepend(this.energyToggle.element);
    const reveal = (index: number) => this.revealScenario(this.shown[index]);
    this.timeChart = new BarChartView(this.timeCard.canvas, reveal);
    this.energyChart = new BarChartView(this.energyCard.canvas, reveal);
    this.powerChart = new BarChartView(this.powerCard.canvas, reveal);
    this.memoryChart = new BarChartView(this.memoryCard.canvas, reveal);
    this.decisions = new DecisionCharts((chart, format) => this.exportChart(chart.card.id, format), reveal, this.host.kind === 'vscode');
    this.comparison = new ComparisonView(
      (source) => {
        this.host.post({ type: 'compare', source });
        if (this.model) this.render();
      },
      (name) => this.revealScenario(this.model?.scenarios.find((s) => s.name === name) ?? this.model?.studies.find((s) => s.name === name)),
      exportCard('delta-time'),
    );
    this.grid.append(this.timeCard.root, this.energyCard.root, this.powerCard.root, this.memoryCard.root, ...this.decisions.roots);
    this.buildFrame();
  }

  /** Applies a host message; returns false when it is dropped (another document's). The host orders them. */
  accept(message: HostMessage): boolean {
    if (this.uri !== undefined && message.uri !== this.uri) return false;
    if (message.type === 'focus') {
      this.pendingFocus = message.target;
      this.applyFocus();
      return true;
    }
    if (message.type === 'select') {
      this.select(message.target);
      return true;
    }
    if (message.type === 'baseline') {
      this.comparison.setBaseline(message.baseline);
      this.render();
      return true;
    }
    if (message.type === 'export') {
      if (message.format === 'csv') this.exportCsv();
      else if (message.chart) this.exportChart(message.chart, message.format);
      return true;
    }
    this.uri = message.uri;
    this.version = message.version;
    if (message.type === 'update') {
      this.model = message.model;
      this.problems = 0;
    } else {
      // Keep the last good model: it stays on screen, dimmed, under the banner.
      this.problems = message.problems;
      this.firstProblem = message.first;
    }
    this.saveState();
    const start = performance.now();
    this.render();
    this.host.post({ type: 'rendered', version: message.version, millis: performance.now() - start });
    this.applyFocus();
    return true;
  }

  /** The scenario under the editor's cursor, for tests. */
  get selected(): string | undefined {
    return this.selectedScenario;
  }

  /**
   * Follows the editor's cursor: the scenario under it is outlined in every bar chart, and the
   * training-time chart is scrolled into view if it is off screen; a sweep under it is scrolled to.
   */
  private select(target: PreviewFocus | undefined): void {
    const scenario = target?.kind === 'scenario' ? target.name : undefined;
    if (scenario !== this.selectedScenario) {
      this.selectedScenario = scenario;
      if (this.model) this.render();
    }
    const sweep = target?.kind === 'study' ? this.studyCard(target.name) : undefined;
    const card = sweep ?? (scenario && this.shown.some((s) => s.name === scenario) ? this.timeCard.root : undefined);
    if (!card) return;
    const box = card.getBoundingClientRect();
    if (box.bottom < 0 || box.top > window.innerHeight) card.scrollIntoView({ block: 'nearest' });
  }

  private highlightIndex(): number | undefined {
    const index = this.shown.findIndex((s) => s.name === this.selectedScenario);
    return index < 0 ? undefined : index;
  }

  /** The focused study or scenario, for tests. */
  get focused(): string | undefined {
    return this.focusedCard?.dataset.focus;
  }

  /**
   * Shows what a CodeLens asked for: a compare study is selected (its scenarios, normalised), a
   * sweep's chart or, for a scenario, the training-time chart is scrolled to and outlined. Waits
   * for a model that has the study.
   */
  private applyFocus(): void {
    const target = this.pendingFocus;
    const model = this.model;
    if (!target || !model || this.problems > 0) return;
    const study = target.kind === 'study' ? model.studies.find((s) => s.name === target.name) : undefined;
    const scenario = target.kind === 'scenario' ? model.scenarios.find((s) => s.name === target.name) : undefined;
    if (!study && !scenario) return;
    this.pendingFocus = undefined;
    this.view = 'charts';
    if (study?.kind === 'compare') {
      this.study = study.name;
      this.timeMode = 'normalised';
    } else if (scenario && this.study && !selectScenarios(model, this.study).some((shown) => shown.name === scenario.name)) {
      this.study = undefined; // the selected comparison does not show this scenario
    }
    this.saveState();
    this.render();
    const card = study && study.kind !== 'compare' ? this.studyCard(study.name) : this.timeCard.root;
    this.focusedCard?.classList.remove('mo-focused');
    this.focusedCard = card;
    if (!card) return;
    card.dataset.focus = target.name;
    card.classList.add('mo-focused');
    card.scrollIntoView({ block: 'start' });
  }

  /** Re-reads theme colours and redraws (VS Code theme switch, OS dark mode). */
  themeChanged(): void {
    this.theme = readTheme();
    this.render();
  }

  /** The drawn version, for tests and benchmarks. */
  get drawnVersion(): number {
    return this.version;
  }

  private buildFrame(): void {
    const csv = h('button', { type: 'button', class: 'mo-button', title: 'Save every number as CSV' }, 'CSV');
    const json = h('button', { type: 'button', class: 'mo-button', title: 'Save the preview model as JSON' }, 'JSON');
    csv.addEventListener('click', () => this.exportCsv());
    json.addEventListener(
      'click',
      () => this.model && this.host.save('json', exportFileName(this.options.title, '', 'json'), JSON.stringify(this.model, null, 2)),
    );
    const openProblems = h('button', { type: 'button', class: 'mo-button' }, 'Show problems');
    openProblems.addEventListener('click', () => this.host.post({ type: 'openProblems' }));
    openProblems.hidden = this.host.kind !== 'vscode';
    this.firstProblemLink.addEventListener('click', () => {
      if (this.firstProblem && this.uri) this.host.post({ type: 'reveal', uri: this.uri, line: this.firstProblem.line });
    });
    this.banner.append(this.bannerText, this.firstProblemLink, openProblems);
    const header = h(
      'header',
      { class: 'mo-header' },
      h('div', {}, h('h1', { class: 'mo-title' }, this.options.title), this.subtitle),
      h('div', { class: 'mo-toolbar' }, this.studySelect, this.comparison.select, this.comparison.repin, this.viewToggle.element, csv, json),
    );
    // A report has no host to evaluate a baseline.
    this.comparison.select.hidden = this.host.kind !== 'vscode';
    this.content.append(this.empty, this.comparison.slot, this.grid, this.tableBox);
    this.options.root.replaceChildren(h('div', { class: 'mo-app' }, header, this.banner, this.errors, this.warnings, this.content));
  }

  private render(): void {
    this.renderPage();
    this.announceCharts();
  }

  private renderPage(): void {
    const model = this.model;
    this.renderBanner();
    this.viewToggle.set(this.view);
    if (!model) {
      this.subtitle.textContent = this.problems > 0 ? 'No results yet' : 'Waiting for the language server…';
      this.showEmpty(this.problems > 0 ? `Fix the ${plural(this.problems, 'problem')} to see charts.` : 'Evaluating…');
      return;
    }
    this.renderStudySelect(model);
    this.shown = selectScenarios(model, this.study);
    const count = model.scenarios.length;
    const warnings = model.diagnostics.warnings > 0 ? ` · ${plural(model.diagnostics.warnings, 'warning')}` : '';
    // Editor documents count versions from 1; a report from a file on disk has none to show.
    this.subtitle.textContent = `${plural(count, 'scenario')} · ${plural(model.studies.length, 'study', 'studies')}${warnings}${model.version > 0 ? ` · version ${model.version}` : ''}`;
    this.renderErrors(model);
    if (this.shown.length === 0 && sweepStudies(model).length === 0 && searchStudies(model).length === 0) {
      this.showEmpty(count === 0 ? 'Write a scenario to see its training time and interconnect energy.' : 'No scenario could be evaluated.');
      return;
    }
    this.empty.hidden = true;
    this.comparison.render(model, this.theme);
    this.grid.hidden = this.view !== 'charts';
    this.tableBox.hidden = this.view !== 'table';
    if (this.view === 'table') {
      this.tableBox.replaceChildren(renderTable(model, (s) => this.revealScenario(s)));
      return;
    }
    this.renderTime(model);
    this.renderEnergy();
    this.renderPower();
    this.renderMemory();
    this.decisions.render(this.shown, this.categories(), this.highlightIndex(), this.theme);
    this.renderSweeps(model);
    this.renderSearches(model);
  }

  /** The card of a sweep or search study. */
  private studyCard(name: string): HTMLElement | undefined {
    return this.sweeps.get(name)?.card.root ?? this.searches.get(name)?.root;
  }

  private renderSearches(model: PreviewModel): void {
    const studies = searchStudies(model);
    for (const [name, card] of this.searches) {
      if (studies.some((s) => s.name === name)) continue;
      card.root.remove();
      this.searches.delete(name);
    }
    for (const study of studies) {
      let card = this.searches.get(study.name);
      if (!card) {
        // The report has no editor to write a split into.
        const apply = this.host.kind === 'vscode' ? (rank: number) => this.applySplit(study.name, rank) : undefined;
        card = createSearchCard(study.name, apply);
        this.searches.set(study.name, card);
        this.grid.append(card.root);
      }
      card.update(study);
    }
  }

  private applySplit(study: string, rank: number): void {
    if (this.uri !== undefined) this.host.post({ type: 'applySplit', uri: this.uri, study, rank });
  }

  private renderBanner(): void {
    const stale = this.problems > 0;
    this.banner.hidden = !stale;
    this.bannerText.textContent = stale
      ? `${plural(this.problems, 'problem')}${this.model ? ' — showing the last results without errors' : ''}.${this.firstProblem ? ` First: ${this.firstProblem.message}` : ''}`
      : '';
    // A report has no editor to reveal a line in.
    this.firstProblemLink.hidden = !stale || !this.firstProblem || this.host.kind !== 'vscode';
    this.firstProblemLink.textContent = this.firstProblem ? `Go to line ${this.firstProblem.line + 1}` : '';
    this.content.classList.toggle('mo-stale', stale && this.model !== undefined);
    this.content.setAttribute('aria-busy', String(stale));
  }

  private showEmpty(text: string): void {
    this.empty.textContent = text;
    this.empty.hidden = false;
    this.comparison.hide();
    this.grid.hidden = true;
    this.tableBox.hidden = true;
  }

  private renderStudySelect(model: PreviewModel): void {
    const compares = model.studies.filter((s) => s.kind === 'compare');
    if (this.study && !compares.some((s) => s.name === this.study)) this.study = undefined;
    const options = [h('option', { value: '' }, 'All scenarios'), ...compares.map((s) => h('option', { value: s.name }, `Compare: ${s.name}`))];
    this.studySelect.replaceChildren(...options);
    this.studySelect.value = this.study ?? '';
    this.studySelect.hidden = compares.length === 0;
  }

  /** Scenarios the engine refused, and results it flagged infeasible, with the engine's reasons. */
  private renderErrors(model: PreviewModel): void {
    // A reason the warnings below already give in full is named by its line, not written twice.
    const warnings = model.diagnostics.warningList ?? [];
    const lines = model.scenarios.flatMap((s) => {
      if (!s.result) return [`${s.name}: ${s.error ?? 'not evaluated'}`];
      if (s.result.feasible) return [];
      const reasons = s.result.issues
        .filter((i) => i.severity === 'error')
        .map((i) => {
          const line = warnings.find((w) => w.message.startsWith(i.message))?.line;
          return line === undefined ? i.message : `see the warning at line ${line + 1}`;
        });
      return [`${s.name} ⚠ ${reasons.join('; ') || 'infeasible'}`];
    });
    this.errors.hidden = lines.length === 0;
    this.errors.replaceChildren(...lines.map((line) => h('li', {}, line)));
    this.renderWarnings(model);
  }

  /** The document's warnings as the editor lists them: in VS Code each reveals its line, in a report it is the only place they show. */
  private renderWarnings(model: PreviewModel): void {
    const list = model.diagnostics.warningList ?? [];
    const more = model.diagnostics.warnings - list.length;
    const items = list.map((warning) => {
      const text = `line ${warning.line + 1}: ${warning.message}`;
      if (this.host.kind !== 'vscode') return h('li', {}, text);
      const link = h('button', { type: 'button', class: 'mo-link' }, text);
      link.addEventListener('click', () => this.reveal(warning.line));
      return h('li', {}, link);
    });
    if (more > 0) items.push(h('li', {}, `and ${plural(more, 'more warning')}`));
    this.warnings.hidden = items.length === 0;
    this.warnings.replaceChildren(...items);
  }

  private baseline(model: PreviewModel): Evaluated | undefined {
    const study = compareStudy(model, this.study) ?? model.studies.find((s) => s.kind === 'compare');
    const baselineName = study?.kind === 'compare' ? study.baseline : undefined;
    return this.shown.find((s) => s.name === baselineName) ?? this.shown[0];
  }

  /** Scenario names for chart axes; an infeasible one (e.g. over HBM) is flagged. */
  private categories(): string[] {
    return this.shown.map((s) => (s.result.feasible ? s.name : `${s.name} ⚠`));
  }

  private renderTime(model: PreviewModel): void {
    const categories = this.categories();
    const baseline = this.timeMode === 'normalised' ? this.baseline(model) : undefined;
    this.timeToggle.set(this.timeMode, { normalised: this.shown.length > 0 });
    this.timeCard.subtitle.textContent = baseline
      ? `Time to train by component, relative to ${baseline.name} (= 1)`
      : 'Time to train by component of the training step';
    this.timeChart.update(
      {
        categories,
        highlight: this.highlightIndex(),
        datasets: timeSeries(this.shown, baseline),
        stacked: true,
        showTotal: true,
        marks: baseline ? [] : this.comparison.timeMarks(this.shown),
        format: baseline ? formatRatio : (days) => `${formatNumber(days)} d`,
        axisTitle: baseline ? `Time to train / ${baseline.name}` : 'Time to train (days)',
      },
      this.theme,
    );
    const study = compareStudy(model, this.study);
    setNote(
      this.timeCard,
      study && baseline
        ? study.entries
            .filter((e) => e.scenario !== study.baseline)
            .map((e) => `${e.scenario} ${formatRatio(e.ratio)}`)
            .join(' · ')
        : undefined,
    );
  }

  private renderEnergy(): void {
    this.energyToggle.set(this.energyMode);
    const byTier = this.energyMode === 'tier';
    this.energyCard.subtitle.textContent = byTier ? 'Whole run, by network tier' : 'Whole run, by part (GPU and switch ends)';
    this.energyChart.update(
      {
        categories: this.categories(),
        highlight: this.highlightIndex(),
        stacked: true,
        showTotal: true,
        datasets: byTier ? energyByTier(this.shown) : energyByPart(this.shown),
        format: formatEnergy,
        axisTitle: 'Interconnect energy per training run',
      },
      this.theme,
    );
  }

  private renderPower(): void {
    this.powerCard.subtitle.textContent = 'GPU-end I/O power, all tiers';
    this.powerChart.update(
      {
        categories: this.categories(),
        highlight: this.highlightIndex(),
        stacked: false,
        datasets: powerPerGpu(this.shown),
        format: formatPower,
        axisTitle: 'Power per GPU',
      },
      this.theme,
    );
  }

  private renderMemory(): void {
    const memory = memorySeries(this.shown);
    const over = this.shown.filter((s) => !s.result.memory.fits).map((s) => s.name);
    this.memoryCard.subtitle.textContent = 'Per GPU, against usable HBM';
    this.memoryChart.update(
      {
        categories: this.categories(),
        highlight: this.highlightIndex(),
        stacked: true,
        showTotal: true,
        datasets: memory.parts,
        marks: [{ label: 'Usable HBM', colour: 'red', values: memory.usable }],
        format: formatBytes,
        axisTitle: 'Memory per GPU',
      },
      this.theme,
    );
    // Offloaded activations over the host's memory do not show in the bars: say so beside HBM.
    const overHost = this.shown.filter((s) => s.result.memory.hostFits === false).map((s) => s.name);
    const notes = [over.length ? `Over usable HBM: ${over.join(', ')}` : '', overHost.length ? `Over host memory: ${overHost.join(', ')}` : ''].filter(Boolean);
    setNote(this.memoryCard, notes.length ? notes.join(' · ') : undefined);
  }

  private renderSweeps(model: PreviewModel): void {
    const studies = sweepStudies(model);
    for (const [name, panel] of this.sweeps) {
      if (!studies.some((s) => s.name === name)) {
        panel.view.destroy();
        panel.card.root.remove();
        this.sweeps.delete(name);
      }
    }
    for (const study of studies) {
      let panel = this.sweeps.get(study.name);
      if (!panel) {
        const id = sweepCardId(study.name);
        const card = createChartCard(id, sweepTitle(study.name), (format) => this.exportChart(id, format), true);
        const view = new SweepChartView(card.canvas, () => this.reveal(this.sweeps.get(study.name)!.study.line));
        panel = { card, view, study, fileName: id };
        this.sweeps.set(study.name, panel);
        this.grid.append(card.root);
      }
      panel.study = study;
      const series = sweepSeries(study);
      panel.card.subtitle.textContent = `Time to train and interconnect energy over ${study.property}`;
      panel.view.update({ series, property: study.property, unit: study.unit }, this.theme);
      const knee = panel.view.knee();
      const notes = [
        knee !== undefined ? `Knee at ${series.labels[knee] || formatBySiUnit(series.x[knee], study.unit)}` : undefined,
        series.failed > 0 ? `${plural(series.failed, 'point')} could not be evaluated` : undefined,
      ].filter(Boolean);
      setNote(panel.card, notes.length ? notes.join(' · ') : undefined);
    }
  }

  private revealScenario(scenario: Pick<PreviewScenario, 'line'> | undefined): void {
    if (scenario) this.reveal(scenario.line);
  }

  private reveal(line: number): void {
    if (this.uri !== undefined) this.host.post({ type: 'reveal', uri: this.uri, line });
  }

  /** Every chart on the page, in the order shown, with the name its export file gets. */
  private exportableCharts(): ExportableChart[] {
    const fixed: ExportableChart[] = [
      { card: this.timeCard, view: this.timeChart, fileName: 'training-time' },
      { card: this.energyCard, view: this.energyChart, fileName: 'interconnect-energy' },
      { card: this.powerCard, view: this.powerChart, fileName: 'power-per-gpu' },
      { card: this.memoryCard, view: this.memoryChart, fileName: 'memory-per-gpu' },
    ];
    // The comparison card is on the page only while comparing.
    const comparison: ExportableChart[] = this.comparisonChartShown()
      ? [{ card: this.comparison.card, view: this.comparison.chart, fileName: 'change-in-time' }]
      : [];
    return [...fixed, ...comparison, ...this.decisions.exportables, ...this.sweeps.values()];
  }

  /** The comparison card is on the page only while comparing, and its chart only when some time to train changed. */
  private comparisonChartShown(): boolean {
    return this.comparison.card.root.isConnected && !this.comparison.card.canvas.parentElement!.hidden;
  }

  /** Saves the chart of card `id` as an image; the table view switches to the charts first, which must be laid out to draw. */
  private exportChart(id: string, format: ChartFormat): void {
    if (!this.model) return;
    if (this.view !== 'charts') {
      this.view = 'charts';
      this.saveState();
      this.render();
    }
    const chart = this.exportableCharts().find((c) => c.card.id === id);
    const data = chart && chartImage(chart, format, this.theme);
    if (chart && data) this.host.save(format, exportFileName(this.options.title, `-${chart.fileName}`, format), data);
  }

  private exportCsv(): void {
    if (this.model) this.host.save('csv', exportFileName(this.options.title, '', 'csv'), toCsv(this.model));
  }

  /** Tells the host which charts there are to export (the palette's pick list), when that changes. */
  private announceCharts(): void {
    // Why from the model for sweeps: the table view does not draw (so does not create) their cards.
    const sweeps = this.model ? sweepStudies(this.model).map((s) => ({ id: sweepCardId(s.name), title: sweepTitle(s.name) })) : [];
    const fixed = [
      this.timeCard,
      this.energyCard,
      this.powerCard,
      this.memoryCard,
      ...(this.comparisonChartShown() ? [this.comparison.card] : []),
      ...this.decisions.exportables.map((c) => c.card),
    ];
    const charts: ExportedChart[] = this.empty.hidden ? [...fixed.map((card) => ({ id: card.id, title: cardTitle(card) })), ...sweeps] : [];
    const text = JSON.stringify(charts);
    if (text === this.announcedCharts) return;
    this.announcedCharts = text;
    this.host.post({ type: 'charts', charts });
  }

  private saveState(): void {
    if (this.uri) this.host.setState({ uri: this.uri, view: this.view, study: this.study });
  }
}

const sweepCardId = (study: string) => `sweep-${study}`;
const sweepTitle = (study: string) => `Sweep: ${study}`;
function searchStudies(model: PreviewModel): PreviewSearchStudy[] {
  return model.studies.filter((s): s is PreviewSearchStudy => s.kind === 'search');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
