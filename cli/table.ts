/** Plain-text tables for the command line (CSV comes from webview/table-data.ts, shared with the preview). */
import type { BreakdownKey } from '../engine/index.js';

/** Short titles of the step's breakdown terms (the CLI's columns, the validation harness's shares). */
export const BREAKDOWN_TITLES: Readonly<Record<BreakdownKey, string>> = {
  compute: 'compute',
  host: 'host',
  tensorParallel: 'TP',
  contextParallel: 'CP',
  expertAllToAll: 'EP a2a',
  expertTensorParallel: 'ETP',
  dataParallel: 'DP',
  pipelineBubble: 'bubble',
  pipelineP2p: 'PP p2p',
  activationOffload: 'offload',
  optimizer: 'optim',
  latency: 'latency',
};

/**
 * `digits` decimals; a value that would read as zero without being zero (an 8-GPU job's
 * megawatt-hours) keeps two significant digits. Non-finite values are written as they are.
 */
export function fixed(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  return value !== 0 && Number(value.toFixed(digits)) === 0 ? value.toPrecision(2) : value.toFixed(digits);
}

/** A cell that reads as a figure (`16.665`, `-0.4`, `68.3/77`, `-`), right-aligned; words line up on the left. */
const FIGURE = /^([-+−]?[\d.]|-$)/;

export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const words = header.map((_, column) => column === 0 || rows.every((row) => !FIGURE.test(row[column] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (words[column] ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
