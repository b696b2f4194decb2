/** Short human summaries of engine results, for hover and inlay hints. */
import type { ScenarioResult } from '../../engine/index.js';
import { formatNumber, formatQuantity } from '../units/registry.js';

export function formatDuration(seconds: number): string {
  return formatQuantity(seconds, { second: 1 }, 3);
}

export function formatEnergy(joules: number): string {
  return formatQuantity(joules, { joule: 1 }, 3);
}

export function headline(result: ScenarioResult): string {
  return `${formatDuration(result.timeToTrainSeconds)} to train · step ${formatDuration(result.stepSeconds)} · MFU ${formatNumber(result.mfu * 100, 3)}%${result.feasible ? '' : ' · infeasible'}`;
}

export function resultMarkdown(result: ScenarioResult): string {
  const breakdown = Object.entries(result.breakdownSeconds)
    .filter(([, seconds]) => seconds > 0)
    .map(([part, seconds]) => `| ${part} | ${formatDuration(seconds)} | ${formatNumber((100 * seconds) / result.stepSeconds, 3)}% |`);
  return [
    `| | |`,
    `|---|---|`,
    `| time to train | **${formatDuration(result.timeToTrainSeconds)}** |`,
    `| step | ${formatDuration(result.stepSeconds)} (${formatNumber(result.steps)} steps) |`,
    `| MFU | ${formatNumber(result.mfu * 100, 3)}% |`,
    `| interconnect energy | ${formatEnergy(result.interconnectEnergyJoules)} |`,
    `| parameters | ${formatNumber(result.parameters.total / 1e12, 3)} T total, ${formatNumber(result.parameters.active / 1e9, 3)} B active |`,
    `| memory per GPU | ${formatQuantity(result.memory.totalBytes, { byte: 1 }, 3)} of ${formatQuantity(result.memory.usableBytes, { byte: 1 }, 3)} usable |`,
    `| feasible | ${result.feasible ? 'yes' : 'no'} |`,
    '',
    '| step part | time | share |',
    '|---|---|---|',
    ...breakdown,
  ].join('\n');
}
