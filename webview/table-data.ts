/**
 * Every number of a scenario as a column: the table view shows them formatted, the CSV export
 * writes them raw in SI units. Pure, so both share one definition and tests cover it in Node.
 */
import type { ScenarioResult } from '../engine/results.js';
import type { PreviewModel } from '../protocol/preview.js';
import { ENERGY_PARTS, MEMORY_PARTS, TIME_COMPONENTS } from './series.js';
import { formatBytes, formatCount, formatDuration, formatEnergy, formatNumber, formatPercent, formatPower } from './format.js';

export interface Column {
  header: string;
  /** SI unit of the raw value, for CSV headers ('' for counts and ratios). */
  unit: string;
  value: (r: ScenarioResult) => number;
  format: (v: number) => string;
}

const perRun = (r: ScenarioResult, perStep: number) => perStep * r.steps;
const sumTiers = (r: ScenarioResult, key: 'lineRatePowerPerGpu' | 'averagePowerPerGpu') => r.energyByTier.reduce((s, t) => s + t[key], 0);

export const COLUMNS: readonly Column[] = [
  { header: 'Time to train', unit: 's', value: (r) => r.timeToTrainSeconds, format: formatDuration },
  { header: 'Step time', unit: 's', value: (r) => r.stepSeconds, format: formatDuration },
  { header: 'Steps', unit: '', value: (r) => r.steps, format: (v) => formatNumber(Math.round(v), 7) },
  ...TIME_COMPONENTS.map((c): Column => ({
    header: `Step: ${c.label}`,
    unit: 's',
    value: (r) => r.breakdownSeconds[c.key],
    format: formatDuration,
  })),
  { header: 'MFU', unit: '', value: (r) => r.mfu, format: formatPercent },
  { header: 'Tokens per second', unit: 'token/s', value: (r) => r.tokensPerSecond, format: formatCount },
  { header: 'Interconnect energy', unit: 'J', value: (r) => r.interconnectEnergyJoules, format: formatEnergy },
  ...ENERGY_PARTS.map((p): Column => ({
    header: `Energy: ${p.label}`,
    unit: 'J',
    value: (r) => r.energyByTier.reduce((s, t) => s + perRun(r, t[p.key]), 0),
    format: formatEnergy,
  })),
  { header: 'I/O power per GPU (line rate)', unit: 'W', value: (r) => sumTiers(r, 'lineRatePowerPerGpu'), format: formatPower },
  { header: 'I/O power per GPU (average)', unit: 'W', value: (r) => sumTiers(r, 'averagePowerPerGpu'), format: formatPower },
  // Decision metrics: system energy with links at line rate, the package budget, cost and goodput.
  { header: 'Energy to train (system)', unit: 'J', value: (r) => r.power.energyToTrainJoules, format: formatEnergy },
  { header: 'Interconnect energy (always-on)', unit: 'J', value: (r) => r.power.interconnectEnergyAlwaysOnJoules, format: formatEnergy },
  { header: 'Interconnect share of power', unit: '', value: (r) => r.power.interconnectShare, format: formatPercent },
  { header: 'Facility power', unit: 'W', value: (r) => r.power.facilityWatts, format: formatPower },
  { header: 'Package I/O power (in budget)', unit: 'W', value: (r) => r.packagePower.ioWatts, format: formatPower },
  // 0 W is the engine's "no budget", which a reader would take for a limit.
  { header: 'Package power budget', unit: 'W', value: (r) => r.packagePower.budgetWatts, format: (v) => (v > 0 ? formatPower(v) : 'none') },
  { header: 'Compute clock', unit: '', value: (r) => r.packagePower.clockFactor, format: formatPercent },
  { header: 'Cost per run', unit: 'USD', value: (r) => r.cost.runDollars, format: (v) => `$${formatNumber(v / 1e6)} M` },
  { header: 'Cost per million tokens', unit: 'USD', value: (r) => r.cost.dollarsPerMillionTokens, format: (v) => `$${formatNumber(v)}` },
  { header: 'Goodput', unit: '', value: (r) => r.goodput.goodput, format: formatPercent },
  { header: 'Effective time to train', unit: 's', value: (r) => r.goodput.effectiveTimeToTrainSeconds, format: formatDuration },
  ...MEMORY_PARTS.map((p): Column => ({
    header: `Memory: ${p.label}`,
    unit: 'B',
    value: (r) => r.memory[p.key],
    format: formatBytes,
  })),
  { header: 'Memory per GPU', unit: 'B', value: (r) => r.memory.totalBytes, format: formatBytes },
  { header: 'Usable HBM', unit: 'B', value: (r) => r.memory.usableBytes, format: formatBytes },
  { header: 'Offloaded to host per GPU', unit: 'B', value: (r) => r.memory.hostOffloadBytes, format: formatBytes },
  { header: 'Parameters', unit: '', value: (r) => r.parameters.total, format: formatCount },
  { header: 'Active parameters', unit: '', value: (r) => r.parameters.active, format: formatCount },
  { header: 'Microbatches', unit: '', value: (r) => r.microbatches, format: formatNumber },
];

/** Per-tier energy columns, which depend on the tiers the model's scenarios use. */
export function tierColumns(model: PreviewModel): Column[] {
  const tiers = [...new Set(model.scenarios.flatMap((s) => s.result?.energyByTier.map((t) => t.tier) ?? []))];
  return tiers.map((tier) => ({
    header: `Energy: tier ${tier}`,
    unit: 'J',
    format: formatEnergy,
    value: (r) => {
      const t = r.energyByTier.find((e) => e.tier === tier);
      return t ? perRun(r, t.totalJoules) : 0;
    },
  }));
}

export const allColumns = (model: PreviewModel): Column[] => {
  const tiers = tierColumns(model);
  const energyIndex = COLUMNS.findIndex((c) => c.header === 'Interconnect energy') + 1 + ENERGY_PARTS.length;
  return [...COLUMNS.slice(0, energyIndex), ...tiers, ...COLUMNS.slice(energyIndex)];
};

/** Quotes a CSV field when it holds a separator, a quote or a line break (RFC 4180). */
function csvField(text: string): string {
  const guarded = /^[=+\-@]/.test(text) ? `'${text}` : text; // why: spreadsheets run cells starting with = as formulas
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** One row per scenario; raw SI numbers; empty cells for scenarios the engine refused. */
export function toCsv(model: PreviewModel): string {
  const columns = allColumns(model);
  const header = ['Scenario', ...columns.map((c) => (c.unit ? `${c.header} [${c.unit}]` : c.header)), 'Feasible', 'Error'];
  const rows = model.scenarios.map((s) => {
    const cells = columns.map((c) => {
      if (!s.result) return '';
      const v = c.value(s.result);
      return Number.isFinite(v) ? String(v) : '';
    });
    return [s.name, ...cells, s.result ? String(s.result.feasible) : 'false', s.error ?? ''];
  });
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
