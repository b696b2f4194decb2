/**
 * What every chart view shares: one chart.js instance per canvas, created on the first draw and
 * updated in place afterwards, skipped when nothing it shows has changed; PNG and SVG export; teardown.
 */
import type { ChartConfiguration, ChartType, DefaultDataPoint } from 'chart.js';
import { Chart } from './register.js';
import type { FigureText } from './figure.js';
import { figurePng } from './png-export.js';
import { chartSvg } from './svg-export.js';
import type { Theme } from '../theme.js';

export abstract class ChartView<TType extends ChartType, TData = DefaultDataPoint<TType>, TLabel = unknown> {
  protected chart: Chart<TType, TData, TLabel> | undefined;
  private signature = '';

  protected constructor(protected readonly canvas: HTMLCanvasElement) {}

  /**
   * Draws the configuration unless `signature` equals the one drawn last. Why: many edits (comments,
   * layout, other declarations) leave the numbers as they were; redrawing would only cost typing time.
   * Returns whether it drew.
   */
  protected draw(signature: string, configure: () => ChartConfiguration<TType, TData, TLabel>): boolean {
    if (this.chart && signature === this.signature) return false;
    this.signature = signature;
    const config = configure();
    if (!this.chart) {
      this.chart = new Chart(this.canvas, config);
      return true;
    }
    this.chart.data = config.data;
    this.chart.options = config.options!;
    this.chart.update('none');
    return true;
  }

  /** The chart as a PNG figure with `text` around it; undefined until it has been drawn. */
  toPng(text: FigureText, theme: Theme): string | undefined {
    return this.chart ? figurePng(this.chart as unknown as Chart, text, theme) : undefined;
  }

  /** The chart as a vector SVG figure with `text` around it; undefined until it has been drawn. */
  toSvg(text: FigureText, theme: Theme): string | undefined {
    return this.chart ? chartSvg(this.chart as unknown as Chart, text, theme) : undefined;
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }
}
