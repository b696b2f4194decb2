/**
 * The decision charts of the preview (issue 12): whole-system energy-to-train by part, cost per run
 * by part, package power against its budget, and time-to-train with failures and checkpoints.
 * Each is a bar chart of the shown scenarios, drawn from the pure series in series.ts.
 */
import { type ChartCard, type ChartFormat, createChartCard, setNote } from './card.js';
import type { ExportableChart } from './chart-exports.js';
import { BarChartView } from './charts/bar-chart.js';
import { formatEnergy, formatNumber, formatPercent, formatPower } from './format.js';
import { costByPart, type Evaluated, goodputSeries, packagePowerSeries, systemEnergyByPart } from './series.js';
import type { Theme } from './theme.js';

type ChartExport = (chart: ExportableChart, format: ChartFormat) => void;

/** Dollars with a k/M prefix: "$6.31 M". */
export function formatDollars(dollars: number): string {
  const abs = Math.abs(dollars);
  if (abs >= 1e9) return `$${formatNumber(dollars / 1e9)} B`;
  if (abs >= 1e6) return `$${formatNumber(dollars / 1e6)} M`;
  if (abs >= 1e3) return `$${formatNumber(dollars / 1e3)} k`;
  return `$${formatNumber(dollars)}`;
}

interface DecisionChart {
  card: ChartCard;
  view: BarChartView;
}

interface RenderArgs {
  shown: Evaluated[];
  categories: string[];
  highlight: number | undefined;
  theme: Theme;
}

/**
 * The four charts below the first screen. Why lazily in the editor: redrawing all eight charts on
 * every keystroke doubled the preview's redraw time, so these are drawn when they come within a
 * quarter screen of the view (and before an export), not while they are scrolled away.
 */
export class DecisionCharts {
  private readonly charts: Array<DecisionChart & { draw: (args: RenderArgs) => void; stale: boolean; visible: boolean }> = [];
  private args: RenderArgs | undefined;

  /** `lazy`: in the editor; a report draws everything at once (it is printed and saved as it is). */
  constructor(exportChart: ChartExport, reveal: (index: number) => void, lazy: boolean) {
    const observer =
      lazy && typeof IntersectionObserver === 'function'
        ? new IntersectionObserver(
            (entries) => {
              for (const entry of entries) {
                const chart = this.charts.find((c) => c.card.root === entry.target);
                if (!chart) continue;
                chart.visible = entry.isIntersecting;
                if (chart.visible) this.drawIfStale(chart);
              }
            },
            { rootMargin: '25% 0px' },
          )
        : undefined;
    const chart = (id: string, title: string, draw: (chart: DecisionChart, args: RenderArgs) => void) => {
      const card = createChartCard(id, title, (format) =>
        exportChart(
          this.exportables.find((c) => c.card === card)!,
          format,
        ),
      );
      const view = new BarChartView(card.canvas, reveal);
      this.charts.push({ card, view, draw: (args: RenderArgs) => draw({ card, view }, args), stale: false, visible: !observer });
      observer?.observe(card.root);
    };
    chart('system-energy', 'Energy to train, whole system', drawEnergy);
    chart('cost', 'Cost per run', drawCost);
    chart('package-power', 'Package power against its budget', drawPackagePower);
    chart('goodput', 'Time to train with failures', drawGoodput);
  }

  get roots(): HTMLElement[] {
    return this.charts.map((chart) => chart.card.root);
  }

  /** The four charts for export, each drawn first if it is out of view and so not drawn yet. */
  get exportables(): ExportableChart[] {
    return this.charts.map((chart) => ({ card: chart.card, fileName: chart.card.id, view: chart.view, prepare: () => this.drawIfStale(chart) }));
  }

  render(shown: Evaluated[], categories: string[], highlight: number | undefined, theme: Theme): void {
    this.args = { shown, categories, highlight, theme };
    for (const chart of this.charts) {
      chart.stale = true;
      if (chart.visible) this.drawIfStale(chart);
    }
  }

  private drawIfStale(chart: (typeof this.charts)[number]): void {
    if (!chart.stale || !this.args) return;
    chart.stale = false;
    chart.draw(this.args);
  }
}

function drawEnergy({ card, view }: DecisionChart, { shown, categories, highlight, theme }: RenderArgs): void {
  card.subtitle.textContent = 'GPUs, hosts, each tier\u2019s links, switch cores and cooling, for the whole run';
  view.update(
    { categories, highlight, stacked: true, showTotal: true, datasets: systemEnergyByPart(shown), format: formatEnergy, axisTitle: 'Energy to train' },
    theme,
  );
  const share = shown.map((s) => `${s.name} ${formatPercent(s.result.power.interconnectShare)}`);
  setNote(card, shown.length ? `Interconnect share: ${share.join(' · ')}` : undefined);
}

function drawCost({ card, view }: DecisionChart, { shown, categories, highlight, theme }: RenderArgs): void {
  card.subtitle.textContent = 'Each part\u2019s share of the capital cost over this run, and electricity (assumed prices, see hover)';
  view.update(
    { categories, highlight, stacked: true, showTotal: true, datasets: costByPart(shown), format: formatDollars, axisTitle: 'Cost per run (US$)' },
    theme,
  );
}

function drawPackagePower({ card, view }: DecisionChart, { shown, categories, highlight, theme }: RenderArgs): void {
  const power = packagePowerSeries(shown);
  const throttled = shown.filter((s) => s.result.packagePower.clockFactor < 1);
  card.subtitle.textContent = 'Compute at its clock and the I/O inside the package, per GPU';
  view.update(
    {
      categories,
      highlight,
      stacked: true,
      showTotal: true,
      datasets: power.parts,
      marks: power.budget.some((b) => b > 0) ? [{ label: 'Package budget', colour: 'red', values: power.budget }] : [],
      format: formatPower,
      axisTitle: 'Power per package',
    },
    theme,
  );
  const clocks = throttled.map((s) => `${s.name} to ${formatPercent(s.result.packagePower.clockFactor)}`);
  setNote(card, throttled.length ? `Over budget, compute clocks down: ${clocks.join(' · ')}` : undefined);
}

function drawGoodput({ card, view }: DecisionChart, { shown, categories, highlight, theme }: RenderArgs): void {
  card.subtitle.textContent = 'Days, before and after failures, restarts and checkpoints';
  view.update(
    { categories, highlight, stacked: false, datasets: goodputSeries(shown), format: (days) => `${formatNumber(days)} d`, axisTitle: 'Time to train (days)' },
    theme,
  );
  setNote(card, shown.length ? `Goodput: ${shown.map((s) => `${s.name} ${formatPercent(s.result.goodput.goodput)}`).join(' · ')}` : undefined);
}
