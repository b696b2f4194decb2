/** The decision metrics of each scenario as a text table: power per package against its budget, system energy, cost, goodput and GPU-hours. */
import type { ScenarioResult } from '../engine/results.js';
import { paretoFront } from '../engine/pareto.js';
import { fixed, textTable } from './table.js';

const JOULES_PER_MWH = 3.6e9;
const DAY = 86_400;
const HOUR = 3600;

/**
 * Header and one row per scenario; the link energy is given at line rate (always-on) and per bit
 * moved (activity). `pareto` marks the feasible scenarios no other feasible one beats on effective
 * time-to-train, energy and cost at once; a scenario over its memory is never on the front.
 */
export function decisionTable(scenarios: readonly { name: string; result: ScenarioResult }[]): string {
  const front = paretoFront(
    scenarios.map(({ result: r }) => [r.goodput.effectiveTimeToTrainSeconds, r.power.energyToTrainJoules, r.cost.runDollars]),
    scenarios.map(({ result: r }) => r.feasible),
  );
  const header = [
    'scenario',
    'pkg I/O [W]',
    'budget [W]',
    'clock [%]',
    'system [MW]',
    'system energy [MWh]',
    'links on/act [MWh]',
    'interconnect [%]',
    'run [M$]',
    '$/Mtok',
    'goodput [%]',
    'effective [days]',
    'GPU-hours [K]',
    'pareto',
    'reach',
  ];
  const rows = scenarios.map(({ name, result: r }, i) => [
    name,
    fixed(r.packagePower.ioWatts, 0),
    r.packagePower.budgetWatts > 0 ? fixed(r.packagePower.budgetWatts, 0) : '-',
    fixed(100 * r.packagePower.clockFactor, 1),
    fixed(r.power.facilityWatts / 1e6, 1),
    fixed(r.power.energyToTrainJoules / JOULES_PER_MWH, 0),
    `${fixed(r.power.interconnectEnergyAlwaysOnJoules / JOULES_PER_MWH, 0)}/${fixed(r.power.interconnectEnergyActivityJoules / JOULES_PER_MWH, 0)}`,
    fixed(100 * r.power.interconnectShare, 1),
    fixed(r.cost.runDollars / 1e6, 2),
    fixed(r.cost.dollarsPerMillionTokens, 3),
    fixed(100 * r.goodput.goodput, 1),
    fixed(r.goodput.effectiveTimeToTrainSeconds / DAY, 2),
    fixed((r.gpuCount * r.goodput.effectiveTimeToTrainSeconds) / HOUR / 1e3, 1),
    front[i] ? '*' : '',
    r.reach.every((t) => t.withinReach)
      ? 'ok'
      : r.reach
          .filter((t) => !t.withinReach)
          .map((t) => `${t.tier} ${t.neededMeters.toFixed(1)} m > ${t.linkReachMeters} m`)
          .join('; '),
  ]);
  return `${textTable(header, rows)}\n${PARETO_NOTE}`;
}

const PARETO_NOTE = 'pareto  * : no other feasible scenario trains as fast (effective days), with as little energy and as cheaply, and better in one';
