/**
 * What every chart view shares: one chart.js instance per canvas, created on the first draw and
 * updated in place afterwards, skipped when nothing it shows has changed; PNG export; teardown.
 */
import type { ChartConfiguration, ChartType, DefaultDataPoint } from 'chart.js';
import { Chart } from './register.js';

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

  /** PNG of the chart on an opaque background (a transparent PNG is unreadable in dark viewers). */
  toPng(background: string): string {
    const out = document.createElement('canvas');
    out.width = this.canvas.width;
    out.height = this.canvas.height;
    const context = out.getContext('2d')!;
    context.fillStyle = background;
    context.fillRect(0, 0, out.width, out.height);
    context.drawImage(this.canvas, 0, 0);
    return out.toDataURL('image/png');
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }
}
