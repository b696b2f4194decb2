/**
 * Turns a PreviewModel into chart-ready series. Pure functions, no DOM, so they are unit-tested in
 * Node and shared by every chart, the table and the CSV export.
 */
import type { ScenarioResult, StepBreakdown } from '../engine/results.js';
import type { PreviewCompareStudy, PreviewModel, PreviewScenario, PreviewSweepStudy } from '../protocol/preview.js';
import { chartValue } from './format.js';

export type ColourKey = 'blue' | 'brown' | 'purple' | 'indigo' | 'orange' | 'yellow' | 'green' | 'red' | 'pink' | 'teal' | 'olive' | 'grey';

export interface SeriesSpec<K extends string> {
  key: K;
  label: string;
  colour: ColourKey;
}

/** Step-time components in stacking order (bottom first), with the paper's vocabulary. */
export const TIME_COMPONENTS: readonly SeriesSpec<keyof StepBreakdown>[] = [
  { key: 'compute', label: 'Compute', colour: 'blue' },
  { key: 'host', label: 'Host wait', colour: 'brown' },
  { key: 'tensorParallel', label: 'Tensor parallel', colour: 'purple' },
  { key: 'contextParallel', label: 'Context parallel', colour: 'indigo' },
  { key: 'expertAllToAll', label: 'EP all-to-all', colour: 'orange' },
  { key: 'expertTensorParallel', label: 'Expert TP', colour: 'teal' },
  { key: 'dataParallel', label: 'Data parallel', colour: 'green' },
  { key: 'pipelineBubble', label: 'Pipeline bubble', colour: 'red' },
  { key: 'pipelineP2p', label: 'Pipeline p2p', colour: 'pink' },
  { key: 'activationOffload', label: 'Activation offload', colour: 'olive' },
  { key: 'optimizer', label: 'Optimizer', colour: 'yellow' },
  { key: 'latency', label: 'Latency (α)', colour: 'grey' },
];

export type EnergyPart = 'serdesJoules' | 'opticsJoules' | 'laserJoules' | 'switchJoules';
export const ENERGY_PARTS: readonly SeriesSpec<EnergyPart>[] = [
  { key: 'serdesJoules', label: 'SerDes', colour: 'blue' },
  { key: 'opticsJoules', label: 'Optics', colour: 'orange' },
  { key: 'laserJoules', label: 'Laser', colour: 'red' },
  { key: 'switchJoules', label: 'Switch', colour: 'purple' },
];
export const TIER_COLOURS: readonly ColourKey[] = ['blue', 'orange', 'green', 'purple', 'teal', 'pink'];

export type MemoryPart = 'weightsBytes' | 'gradientsBytes' | 'optimizerBytes' | 'activationsBytes';
export const MEMORY_PARTS: readonly SeriesSpec<MemoryPart>[] = [
  { key: 'weightsBytes', label: 'Weights', colour: 'blue' },
  { key: 'gradientsBytes', label: 'Gradients', colour: 'purple' },
  { key: 'optimizerBytes', label: 'Optimizer state', colour: 'orange' },
  { key: 'activationsBytes', label: 'Activations', colour: 'green' },
];

/** A scenario that has a result, with its place in the document. */
export interface Evaluated {
  name: string;
  line: number;
  result: ScenarioResult;
}

export interface Dataset {
  label: string;
  colour: ColourKey;
  values: number[];
}

/** The scenarios a view shows: all of them, or one compare study's (baseline first). */
export function selectScenarios(model: PreviewModel, studyName?: string): Evaluated[] {
  const evaluated = model.scenarios.filter((s): s is PreviewScenario & { result: ScenarioResult } => s.result !== undefined);
  const study = compareStudy(model, studyName);
  if (!study) return evaluated.map(toEvaluated);
  const byName = new Map(evaluated.map((s) => [s.name, s]));
  const names = [study.baseline, ...study.entries.map((e) => e.scenario).filter((n) => n !== study.baseline)];
  return names.flatMap((n) => (byName.has(n) ? [toEvaluated(byName.get(n)!)] : []));
}

const toEvaluated = (s: PreviewScenario & { result: ScenarioResult }): Evaluated => ({ name: s.name, line: s.line, result: s.result });

export function compareStudy(model: PreviewModel, name?: string): PreviewCompareStudy | undefined {
  return model.studies.find((s): s is PreviewCompareStudy => s.kind === 'compare' && s.name === name);
}

export const sweepStudies = (model: PreviewModel): PreviewSweepStudy[] => model.studies.filter((s): s is PreviewSweepStudy => s.kind === 'sweep');

/** Drops series that are zero everywhere, so the legend lists only what is drawn. */
const nonZero = (sets: Dataset[]): Dataset[] => sets.filter((d) => d.values.some((v) => v !== 0));

/**
 * Time-to-train by component. Absolute: days. Normalised: as a fraction of the baseline's
 * time-to-train, so the bar tops read as the paper's ratios (Figs. 10 and 11).
 */
export function timeSeries(scenarios: Evaluated[], baseline?: Evaluated): Dataset[] {
  const denominator = baseline ? chartValue(baseline.result.timeToTrainSeconds) : 0;
  return nonZero(
    TIME_COMPONENTS.map((c) => ({
      label: c.label,
      colour: c.colour,
      values: scenarios.map(({ result }) => {
        const seconds = chartValue(result.breakdownSeconds[c.key]) * chartValue(result.steps);
        if (!baseline) return seconds / 86_400;
        return denominator > 0 ? seconds / denominator : 0;
      }),
    })),
  );
}

/** Whole-run interconnect energy, J, of one tier's parts (the engine reports per step). */
const runJoules = (r: ScenarioResult, perStep: number): number => chartValue(perStep) * chartValue(r.steps);

export function energyByPart(scenarios: Evaluated[]): Dataset[] {
  return nonZero(
    ENERGY_PARTS.map((p) => ({
      label: p.label,
      colour: p.colour,
      values: scenarios.map(({ result }) => result.energyByTier.reduce((sum, t) => sum + runJoules(result, t[p.key]), 0)),
    })),
  );
}

export function tierNames(scenarios: Evaluated[]): string[] {
  return [...new Set(scenarios.flatMap((s) => s.result.energyByTier.map((t) => t.tier)))];
}

export function energyByTier(scenarios: Evaluated[]): Dataset[] {
  return nonZero(
    tierNames(scenarios).map((tier, i) => ({
      label: tier,
      colour: TIER_COLOURS[i % TIER_COLOURS.length],
      values: scenarios.map(({ result }) => {
        const t = result.energyByTier.find((e) => e.tier === tier);
        return t ? runJoules(result, t.totalJoules) : 0;
      }),
    })),
  );
}

/** Interconnect I/O power per GPU, summed over tiers: at line rate and averaged over a step. */
export function powerPerGpu(scenarios: Evaluated[]): Dataset[] {
  const sum = (r: ScenarioResult, key: 'lineRatePowerPerGpu' | 'averagePowerPerGpu') => r.energyByTier.reduce((s, t) => s + chartValue(t[key]), 0);
  return [
    { label: 'At line rate', colour: 'orange', values: scenarios.map((s) => sum(s.result, 'lineRatePowerPerGpu')) },
    { label: 'Average over a step', colour: 'blue', values: scenarios.map((s) => sum(s.result, 'averagePowerPerGpu')) },
  ];
}

/** Memory per GPU by part, in bytes, plus usable HBM and capacity as reference marks. */
export function memorySeries(scenarios: Evaluated[]): { parts: Dataset[]; usable: number[]; capacity: number[] } {
  return {
    parts: nonZero(
      MEMORY_PARTS.map((p) => ({
        label: p.label,
        colour: p.colour,
        values: scenarios.map((s) => chartValue(s.result.memory[p.key])),
      })),
    ),
    usable: scenarios.map((s) => chartValue(s.result.memory.usableBytes)),
    capacity: scenarios.map((s) => chartValue(s.result.memory.capacityBytes)),
  };
}

export interface SweepSeries {
  x: number[];
  labels: string[];
  timeDays: number[];
  energyJoules: number[];
  failed: number;
}

/** A sweep as points with results; points the engine refused are skipped and counted. */
export function sweepSeries(study: PreviewSweepStudy): SweepSeries {
  const ok = study.points.filter((p) => p.result !== undefined && Number.isFinite(p.value));
  return {
    x: ok.map((p) => p.value),
    labels: ok.map((p) => p.label ?? ''),
    timeDays: ok.map((p) => chartValue(p.result!.timeToTrainSeconds) / 86_400),
    energyJoules: ok.map((p) => chartValue(p.result!.interconnectEnergyJoules)),
    failed: study.points.length - ok.length,
  };
}

/**
 * Index of the knee of a curve: after scaling both axes to [0, 1], the inner point farthest from
 * the chord joining the first and last points (the "Kneedle" idea). Undefined for < 3 points.
 */
export function kneeIndex(x: number[], y: number[]): number | undefined {
  if (x.length < 3 || x.length !== y.length) return undefined;
  const scale = (v: number[]) => {
    const lo = Math.min(...v);
    const span = Math.max(...v) - lo;
    return v.map((e) => (span > 0 ? (e - lo) / span : 0));
  };
  const [sx, sy] = [scale(x), scale(y)];
  const last = sx.length - 1;
  const dx = sx[last] - sx[0];
  const dy = sy[last] - sy[0];
  const length = Math.hypot(dx, dy);
  if (length === 0) return undefined;
  let best: number | undefined;
  let bestDistance = 0.05; // a nearly straight line has no knee worth marking
  for (let i = 1; i < last; i++) {
    const distance = Math.abs(dy * (sx[i] - sx[0]) - dx * (sy[i] - sy[0])) / length;
    if (distance > bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}

/*
 * Decision charts: whole-system energy-to-train stacked by part, cost per run stacked by part, the
 * package's in-budget I/O power against its budget, and goodput. Drawn by the preview as bar charts.
 */

/** Energy-to-train of the whole system by part, J: GPUs, hosts and NICs, each tier's links, switch cores, cooling. */
export function systemEnergyByPart(scenarios: Evaluated[]): Dataset[] {
  const parts = (r: ScenarioResult) => r.power.energyByPartJoules;
  const tiers = tierNames(scenarios);
  return nonZero([
    { label: 'GPUs', colour: 'blue' as ColourKey, values: scenarios.map(({ result }) => chartValue(parts(result).gpu)) },
    { label: 'Hosts and NICs', colour: 'grey' as ColourKey, values: scenarios.map(({ result }) => chartValue(parts(result).host + parts(result).nic)) },
    ...tiers.map((tier, i) => ({
      label: `Links: ${tier}`,
      colour: TIER_COLOURS[(i + 1) % TIER_COLOURS.length],
      values: scenarios.map(({ result }) => {
        const index = result.power.tiers.findIndex((t) => t.tier === tier);
        return index >= 0 ? chartValue(parts(result).interconnectByTier[index]) : 0;
      }),
    })),
    { label: 'Switch cores', colour: 'purple' as ColourKey, values: scenarios.map(({ result }) => chartValue(parts(result).switchCores)) },
    { label: 'Cooling (PUE)', colour: 'teal' as ColourKey, values: scenarios.map(({ result }) => chartValue(parts(result).cooling)) },
  ]);
}

/** Cost of a run by part, US dollars: each capex part's share of the run, and electricity. */
export function costByPart(scenarios: Evaluated[]): Dataset[] {
  const share = (r: ScenarioResult, dollars: number) => (r.cost.capexDollars > 0 ? chartValue(dollars * (r.cost.capexShareDollars / r.cost.capexDollars)) : 0);
  const capex: { key: keyof ScenarioResult['cost']['capexByPartDollars']; label: string; colour: ColourKey }[] = [
    { key: 'gpus', label: 'GPUs', colour: 'blue' },
    { key: 'optics', label: 'Optics', colour: 'orange' },
    { key: 'lasers', label: 'Lasers', colour: 'red' },
    { key: 'cables', label: 'Cables', colour: 'grey' },
    { key: 'switches', label: 'Switches', colour: 'purple' },
  ];
  return nonZero([
    ...capex.map((p) => ({ label: p.label, colour: p.colour, values: scenarios.map(({ result }) => share(result, result.cost.capexByPartDollars[p.key])) })),
    { label: 'Electricity', colour: 'yellow' as ColourKey, values: scenarios.map(({ result }) => chartValue(result.cost.electricityDollars)) },
  ]);
}

/** Per package: compute power at its clock and in-package I/O power (stacked), and the budget (0: none). */
export function packagePowerSeries(scenarios: Evaluated[]): { parts: Dataset[]; budget: number[] } {
  return {
    parts: [
      { label: 'Compute', colour: 'blue', values: scenarios.map(({ result }) => chartValue(result.packagePower.computeWatts)) },
      { label: 'Scale-up I/O', colour: 'orange', values: scenarios.map(({ result }) => chartValue(result.packagePower.ioWatts)) },
    ],
    budget: scenarios.map(({ result }) => chartValue(result.packagePower.budgetWatts)),
  };
}

/** Time-to-train and the effective time-to-train after failures and checkpoints, days. */
export function goodputSeries(scenarios: Evaluated[]): Dataset[] {
  return [
    { label: 'Time to train', colour: 'blue', values: scenarios.map(({ result }) => chartValue(result.timeToTrainSeconds) / 86_400) },
    {
      label: 'With failures and checkpoints',
      colour: 'red',
      values: scenarios.map(({ result }) => chartValue(result.goodput.effectiveTimeToTrainSeconds) / 86_400),
    },
  ];
}
