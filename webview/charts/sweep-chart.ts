/**
 * A sweep as two lines over the swept property: time-to-train (left axis, days) and interconnect
 * energy (right axis). The knee of the time curve is marked with a larger point.
 */
import type { ChartConfiguration } from 'chart.js';
import { Chart } from './register.js';
import { ChartView } from './chart-view.js';
import { attachChartKeyboard } from './keyboard.js';
import { kneeIndex, type SweepSeries } from '../series.js';
import { formatBySiUnit, formatEnergy, formatNumber } from '../format.js';
import type { Theme } from '../theme.js';

export interface SweepChartData {
  series: SweepSeries;
  property: string;
  unit?: string;
}

type Point = { x: number; y: number };

export class SweepChartView extends ChartView<'line', Point[]> {
  private data: SweepChartData | undefined;

  constructor(canvas: HTMLCanvasElement, onActivate: () => void) {
    super(canvas);
    attachChartKeyboard(
      canvas,
      () => this.chart as Chart | undefined,
      () => this.data?.series.x.length ?? 0,
      onActivate,
    );
    canvas.addEventListener('click', onActivate);
  }

  /** Index of the knee of the time curve, if the curve has one. */
  knee(): number | undefined {
    return this.data ? kneeIndex(this.data.series.x, this.data.series.timeDays) : undefined;
  }

  update(data: SweepChartData, theme: Theme): void {
    this.data = data;
    this.draw(JSON.stringify([data, theme]), () => {
      const box = this.canvas.parentElement;
      if (box) box.style.height = '300px';
      this.canvas.setAttribute(
        'aria-label',
        `Sweep of ${data.property}: ` +
          data.series.x
            .map(
              (x, i) => `${formatBySiUnit(x, data.unit)} gives ${formatNumber(data.series.timeDays[i])} days and ${formatEnergy(data.series.energyJoules[i])}`,
            )
            .join('; '),
      );
      return this.configure(data, theme);
    });
  }

  private configure(data: SweepChartData, theme: Theme): ChartConfiguration<'line', Point[]> {
    const { x, timeDays, energyJoules } = data.series;
    const knee = kneeIndex(x, timeDays);
    const positive = x.length > 0 && x.every((v) => v > 0);
    const logarithmic = positive && Math.max(...x) / Math.min(...x) > 30;
    const font = { family: theme.font, size: 12 };
    const radius = x.map((_, i) => (i === knee ? 7 : 3.5));
    return {
      type: 'line',
      data: {
        datasets: [
          {
            label: 'Time to train (days)',
            data: x.map((v, i) => ({ x: v, y: timeDays[i] })),
            yAxisID: 'time',
            borderColor: theme.palette.blue,
            backgroundColor: theme.palette.blue,
            pointRadius: radius,
            borderWidth: 2,
            tension: 0,
          },
          {
            label: 'Interconnect energy',
            data: x.map((v, i) => ({ x: v, y: energyJoules[i] })),
            yAxisID: 'energy',
            borderColor: theme.palette.orange,
            backgroundColor: theme.palette.orange,
            pointRadius: 3,
            borderWidth: 2,
            borderDash: [6, 4],
            tension: 0,
          },
        ],
      },
      options: {
        parsing: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: {
            type: logarithmic ? 'logarithmic' : 'linear',
            grid: { color: theme.grid },
            border: { color: theme.grid },
            ticks: { color: theme.muted, font, callback: (value) => formatBySiUnit(Number(value), data.unit), maxTicksLimit: 8 },
            title: { display: true, text: data.property, color: theme.muted, font },
          },
          time: {
            position: 'left',
            beginAtZero: true,
            grid: { color: theme.grid },
            border: { color: theme.grid },
            ticks: { color: theme.ink.blue, font, callback: (value) => formatNumber(Number(value)) },
            title: { display: true, text: 'Time to train (days)', color: theme.muted, font },
          },
          energy: {
            position: 'right',
            beginAtZero: true,
            grid: { display: false },
            border: { color: theme.grid },
            ticks: { color: theme.ink.orange, font, callback: (value) => formatEnergy(Number(value)) },
            title: { display: true, text: 'Interconnect energy', color: theme.muted, font },
          },
        },
        plugins: {
          legend: { position: 'bottom', labels: { color: theme.foreground, font, usePointStyle: true, pointStyle: 'line', pointStyleWidth: 28 } },
          tooltip: {
            backgroundColor: theme.tooltip.background,
            titleColor: theme.foreground,
            bodyColor: theme.foreground,
            borderColor: theme.tooltip.border,
            borderWidth: 1,
            titleFont: { ...font, weight: 'bold' },
            bodyFont: font,
            callbacks: {
              title: (items) => {
                const i = items[0]?.dataIndex ?? 0;
                return `${data.property} = ${data.series.labels[i] || formatBySiUnit(x[i], data.unit)}${i === knee ? ' (knee)' : ''}`;
              },
              label: (item) =>
                item.datasetIndex === 0
                  ? `Time to train: ${formatNumber(Number(item.parsed.y))} days`
                  : `Interconnect energy: ${formatEnergy(Number(item.parsed.y))}`,
            },
          },
        },
      },
    };
  }
}
