/**
 * Horizontal bar chart of scenarios (stacked or grouped), with optional reference marks such as
 * HBM capacity. One Chart instance per canvas, updated in place on every model change.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import { Chart } from './register.js';
import { ChartView } from './chart-view.js';
import { attachChartKeyboard } from './keyboard.js';
import type { ColourKey, Dataset } from '../series.js';
import type { Theme } from '../theme.js';

export interface BarMark {
  label: string;
  colour: ColourKey;
  values: number[];
}

export interface BarChartData {
  /** One category per scenario: its name. */
  categories: string[];
  datasets: Dataset[];
  stacked: boolean;
  /** Reference values drawn as a tick across each bar (e.g. usable HBM). */
  marks?: BarMark[];
  /** Formats a value for the axis and tooltips, with its unit. */
  format: (value: number) => string;
  axisTitle: string;
  /** Adds "Total" to the tooltip (for stacked bars). */
  showTotal?: boolean;
  /** The category under the editor's cursor: its bars outlined, its name bold. */
  highlight?: number;
}

const ROW_HEIGHT = 26;
const CHROME_HEIGHT = 96; // axis, title and legend

export class BarChartView extends ChartView<'bar' | 'line', number[], string> {
  private data: BarChartData | undefined;

  constructor(
    canvas: HTMLCanvasElement,
    private readonly onActivate: (index: number) => void,
  ) {
    super(canvas);
    attachChartKeyboard(
      canvas,
      () => this.chart as Chart | undefined,
      () => this.data?.categories.length ?? 0,
      onActivate,
    );
  }

  update(data: BarChartData, theme: Theme): void {
    this.data = data;
    const signature = JSON.stringify([data.categories, data.datasets, data.marks, data.stacked, data.axisTitle, data.showTotal, data.highlight, theme]);
    this.draw(signature, () => {
      const box = this.canvas.parentElement;
      if (box) box.style.height = `${Math.max(160, data.categories.length * ROW_HEIGHT + CHROME_HEIGHT + legendRows(data) * 18)}px`;
      this.canvas.setAttribute('aria-label', describe(data));
      return this.configure(data, theme);
    });
  }

  private configure(data: BarChartData, theme: Theme): ChartConfiguration<'bar' | 'line', number[], string> {
    const highContrast = theme.kind === 'high-contrast';
    const highlighted = (index: number) => index === data.highlight;
    const edge = data.stacked ? { right: highContrast ? 2 : 1 } : highContrast ? 1 : 0;
    const bars: ChartDataset<'bar' | 'line', number[]>[] = data.datasets.map((d) => ({
      type: 'bar' as const,
      label: d.label,
      data: d.values,
      backgroundColor: theme.palette[d.colour],
      borderColor: (context: { dataIndex: number }) => (highlighted(context.dataIndex) ? theme.foreground : theme.outline),
      borderWidth: (context: { dataIndex: number }) => (highlighted(context.dataIndex) ? 2 : edge),
      borderSkipped: false,
      maxBarThickness: 22,
      categoryPercentage: 0.8,
      barPercentage: data.stacked ? 0.9 : 0.95,
    }));
    const marks: ChartDataset<'bar' | 'line', number[]>[] = (data.marks ?? []).map((m) => ({
      type: 'line' as const,
      label: m.label,
      data: m.values,
      showLine: false,
      pointStyle: 'line',
      rotation: 90,
      pointRadius: 11,
      pointHoverRadius: 13,
      pointBorderWidth: 3,
      pointBorderColor: theme.palette[m.colour],
      pointBackgroundColor: theme.palette[m.colour],
      borderColor: theme.palette[m.colour],
      backgroundColor: theme.palette[m.colour],
      indexAxis: 'y' as const,
      // Drawn over the bars (chart.js draws the lowest order last): a limit a bar runs past must stay in sight.
      order: -1,
    }));
    const font = { family: theme.font, size: 12 };
    return {
      type: 'bar',
      data: { labels: data.categories, datasets: [...bars, ...marks] },
      options: {
        indexAxis: 'y',
        interaction: { mode: 'index', axis: 'y', intersect: false },
        onClick: (_event, elements) => {
          if (elements[0]) this.onActivate(elements[0].index);
        },
        onHover: (event, elements) => {
          const target = event.native?.target;
          if (target instanceof HTMLElement) target.style.cursor = elements.length ? 'pointer' : 'default';
        },
        scales: {
          x: {
            stacked: data.stacked,
            beginAtZero: true,
            grid: { color: theme.grid },
            border: { color: theme.grid },
            ticks: { color: theme.muted, font, callback: (value) => data.format(Number(value)), maxTicksLimit: 6, autoSkipPadding: 14, maxRotation: 0 },
            title: { display: true, text: data.axisTitle, color: theme.muted, font },
          },
          y: {
            stacked: data.stacked,
            grid: { display: false },
            border: { color: theme.grid },
            ticks: { color: theme.foreground, font: (context) => (highlighted(context.index) ? { ...font, weight: 'bold' } : font), autoSkip: false },
          },
        },
        plugins: {
          legend: {
            position: 'bottom',
            // In dataset order, the marks after the bars, whatever order they are drawn in.
            labels: {
              color: theme.foreground,
              font,
              boxWidth: 12,
              boxHeight: 12,
              padding: 10,
              usePointStyle: false,
              sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
            },
          },
          tooltip: {
            backgroundColor: theme.tooltip.background,
            titleColor: theme.foreground,
            bodyColor: theme.foreground,
            footerColor: theme.foreground,
            borderColor: theme.tooltip.border,
            borderWidth: 1,
            titleFont: { ...font, weight: 'bold' },
            bodyFont: font,
            footerFont: { ...font, weight: 'bold' },
            filter: (item) => Number(item.raw) !== 0,
            itemSort: (a, b) => a.datasetIndex - b.datasetIndex,
            callbacks: {
              label: (item: TooltipItem<'bar' | 'line'>) => `${item.dataset.label}: ${data.format(Number(item.raw))}`,
              footer: (items) => {
                if (!data.showTotal || items.length === 0) return '';
                const index = items[0].dataIndex;
                const total = data.datasets.reduce((sum, d) => sum + (d.values[index] ?? 0), 0);
                return `Total: ${data.format(total)}`;
              },
            },
          },
        },
      },
    };
  }
}

/** Rough count of legend rows, so the chart area keeps its height when the legend wraps. */
function legendRows(data: BarChartData): number {
  const entries = data.datasets.length + (data.marks?.length ?? 0);
  return Math.ceil(entries / 5);
}

/** Text alternative for screen readers: each category with its total. */
function describe(data: BarChartData): string {
  const parts = data.categories.map((name, i) => {
    const total = data.stacked ? data.datasets.reduce((s, d) => s + (d.values[i] ?? 0), 0) : (data.datasets[0]?.values[i] ?? 0);
    return `${name}: ${data.format(total)}`;
  });
  return `${data.axisTitle}. ${parts.join('; ')}. Use the arrow keys to step through scenarios and Enter to open one.`;
}
