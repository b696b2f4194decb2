/**
 * The decision charts of the preview (issue 12): whole-system energy-to-train by part, cost per run
 * by part, package power against its budget, and time-to-train with failures and checkpoints.
 * Each is a bar chart of the shown scenarios, drawn from the pure series in series.ts.
 */
import { type ChartCard, createChartCard, setNote } from './card.js';
import { BarChartView } from './charts/bar-chart.js';
import { formatEnergy, formatNumber, formatPercent, formatPower } from './format.js';
import { costByPart, type Evaluated, goodputSeries, packagePowerSeries, systemEnergyByPart } from './series.js';
import type { Theme } from './theme.js';

type PngExport = (name: string, view: BarChartView) => void;

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

export class DecisionCharts {
  private readonly energy: DecisionChart;
  private readonly cost: DecisionChart;
  private readonly packagePower: DecisionChart;
  private readonly goodput: DecisionChart;

  constructor(exportPng: PngExport, reveal: (index: number) => void) {
    const chart = (id: string, title: string): DecisionChart => {
      const holder: Partial<DecisionChart> = {};
      holder.card = createChartCard(id, title, () => holder.view && exportPng(id, holder.view));
      holder.view = new BarChartView(holder.card.canvas, reveal);
      return holder as DecisionChart;
    };
    this.energy = chart('system-energy', 'Energy to train, whole system');
    this.cost = chart('cost', 'Cost per run');
    this.packagePower = chart('package-power', 'Package power against its budget');
    this.goodput = chart('goodput', 'Time to train with failures');
  }

  get roots(): HTMLElement[] {
    return [this.energy.card.root, this.cost.card.root, this.packagePower.card.root, this.goodput.card.root];
  }

  render(shown: Evaluated[], categories: string[], highlight: number | undefined, theme: Theme): void {
    const common = { categories, highlight };
    this.energy.card.subtitle.textContent = 'GPUs, hosts, each tier\u2019s links, switch cores and cooling, for the whole run';
    this.energy.view.update(
      { ...common, stacked: true, showTotal: true, datasets: systemEnergyByPart(shown), format: formatEnergy, axisTitle: 'Energy to train' },
      theme,
    );
    const share = shown.map((s) => `${s.name} ${formatPercent(s.result.power.interconnectShare)}`);
    setNote(this.energy.card, shown.length ? `Interconnect share: ${share.join(' · ')}` : undefined);

    this.cost.card.subtitle.textContent = 'Each part\u2019s share of the capital cost over this run, and electricity (assumed prices, see hover)';
    this.cost.view.update(
      { ...common, stacked: true, showTotal: true, datasets: costByPart(shown), format: formatDollars, axisTitle: 'Cost per run (US$)' },
      theme,
    );

    const power = packagePowerSeries(shown);
    const throttled = shown.filter((s) => s.result.packagePower.clockFactor < 1);
    this.packagePower.card.subtitle.textContent = 'Compute at its clock and the I/O inside the package, per GPU';
    this.packagePower.view.update(
      {
        ...common,
        stacked: true,
        showTotal: true,
        datasets: power.parts,
        marks: power.budget.some((b) => b > 0) ? [{ label: 'Package budget', colour: 'red', values: power.budget }] : [],
        format: formatPower,
        axisTitle: 'Power per package',
      },
      theme,
    );
    setNote(
      this.packagePower.card,
      throttled.length
        ? `Over budget, compute clocks down: ${throttled.map((s) => `${s.name} to ${formatPercent(s.result.packagePower.clockFactor)}`).join(' · ')}`
        : undefined,
    );

    this.goodput.card.subtitle.textContent = 'Days, before and after failures, restarts and checkpoints';
    this.goodput.view.update(
      { ...common, stacked: false, datasets: goodputSeries(shown), format: (days) => `${formatNumber(days)} d`, axisTitle: 'Time to train (days)' },
      theme,
    );
    setNote(this.goodput.card, shown.length ? `Goodput: ${shown.map((s) => `${s.name} ${formatPercent(s.result.goodput.goodput)}`).join(' · ')}` : undefined);
  }
}
