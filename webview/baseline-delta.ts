/**
 * "Compare with before": what an edit changed, as the difference of every headline result of a
 * preview model against a baseline model (the saved file, git HEAD or a pinned copy). Pure, no DOM,
 * so the preview's delta view draws it and tests check its signs, units and wording in Node.
 *
 * A delta is after − before, in the unit its label names ("Δ days −0.40 (−12%)"); the verdict says
 * whether that is an improvement for a planner (less time, energy, memory and cost; more MFU).
 */
import type { ScenarioResult } from '../engine/results.js';
import type { PreviewModel, PreviewStudy } from '../protocol/preview.js';
import { formatBySiUnit, formatBytes, formatDuration, formatNumber, formatPower } from './format.js';
import { SECONDS_PER_DAY } from '../engine/units.js';

export type Verdict = 'better' | 'worse' | 'neutral';

export interface MetricDelta {
  key: MetricKey;
  /** What is compared, in its display unit: "days", "MFU", "MWh". */
  label: string;
  /** Before and after, SI (MFU as a fraction). */
  before: number;
  after: number;
  /** after − before, in the display unit of `label` (days, percentage points, MWh, …). */
  delta: number;
  /** (after − before) / |before|; undefined when before is 0. */
  relative?: number;
  verdict: Verdict;
  /** "Δ days −0.40 (−12%)". */
  text: string;
}

export interface DeltaRow {
  kind: 'scenario' | 'study';
  /** The scenario or study; for a sweep point, "sweep @ 3.2 Tb/s". */
  name: string;
  /** The metrics that changed, in the order of `SCENARIO_METRICS`. */
  metrics: MetricDelta[];
  /** Changes that are not numbers: "now infeasible", "no result now: …". */
  notes: string[];
}

export interface ModelDelta {
  /** Rows with at least one change, scenarios first, then studies, in document order. */
  changed: DeltaRow[];
  /** How many scenarios and studies are in both and did not change. */
  unchanged: number;
  added: string[];
  removed: string[];
}

type MetricKey = 'days' | 'step' | 'mfu' | 'energy' | 'linkEnergy' | 'power' | 'memory' | 'cost' | 'ratio';

interface Metric {
  key: MetricKey;
  label: string;
  /** Which way is an improvement. */
  better: 'lower' | 'higher' | 'neither';
  /** The SI value compared. */
  value: (r: ScenarioResult) => number;
  /** SI difference → the signed text of its size, without "Δ label". */
  show: (difference: number) => string;
  /** SI difference → the number in the display unit (`MetricDelta.delta`). */
  inUnit: (difference: number) => number;
  /** A metric that is 0 before and after is left out (a cost without prices). */
  optional?: boolean;
}

const JOULES_PER_MWH = 3.6e9;
const MINUS = '\u2212';

/** Differences this small against the values compared are rounding, not an edit. */
const SAME = 1e-9;

const sign = (v: number) => (v < 0 ? MINUS : '+');
/** Two decimals for ordinary magnitudes ("−0.40"), fewer for big ones, significant digits for tiny ones. */
export function signedNumber(v: number): string {
  const abs = Math.abs(v);
  if (abs === 0) return '0';
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 0.01 ? 2 : -1;
  return `${sign(v)}${decimals < 0 ? formatNumber(abs, 2) : abs.toFixed(decimals)}`;
}
const signedWith = (format: (v: number) => string) => (v: number) => (v === 0 ? '0' : `${sign(v)}${format(Math.abs(v))}`);

/** The headline results of a scenario, as the lens, the status bar and the charts give them. */
export const SCENARIO_METRICS: readonly Metric[] = [
  {
    key: 'days',
    label: 'days',
    better: 'lower',
    value: (r) => r.timeToTrainSeconds,
    show: (d) => signedNumber(d / SECONDS_PER_DAY),
    inUnit: (d) => d / SECONDS_PER_DAY,
  },
  { key: 'step', label: 'step', better: 'lower', value: (r) => r.stepSeconds, show: signedWith(formatDuration), inUnit: (d) => d },
  { key: 'mfu', label: 'MFU', better: 'higher', value: (r) => r.mfu, show: (d) => `${signedNumber(d * 100)} pts`, inUnit: (d) => d * 100 },
  {
    key: 'energy',
    label: 'MWh',
    better: 'lower',
    value: (r) => r.power.energyToTrainJoules,
    show: (d) => signedNumber(d / JOULES_PER_MWH),
    inUnit: (d) => d / JOULES_PER_MWH,
  },
  {
    key: 'linkEnergy',
    label: 'interconnect MWh',
    better: 'lower',
    value: (r) => r.interconnectEnergyJoules,
    show: (d) => signedNumber(d / JOULES_PER_MWH),
    inUnit: (d) => d / JOULES_PER_MWH,
  },
  {
    key: 'power',
    label: 'I/O power per GPU',
    better: 'lower',
    value: (r) => r.energyByTier.reduce((sum, tier) => sum + tier.lineRatePowerPerGpu, 0),
    show: signedWith(formatPower),
    inUnit: (d) => d,
  },
  { key: 'memory', label: 'memory per GPU', better: 'lower', value: (r) => r.memory.totalBytes, show: signedWith(formatBytes), inUnit: (d) => d },
  {
    key: 'cost',
    label: 'cost per run',
    better: 'lower',
    value: (r) => r.cost.runDollars,
    show: signedWith((v) => `$${formatNumber(v / 1e6)} M`),
    inUnit: (d) => d,
    optional: true,
  },
];

/** A sweep point shows only the two curves its chart draws. */
const POINT_METRICS = SCENARIO_METRICS.filter((m) => m.key === 'days' || m.key === 'linkEnergy');

/** A comparison's ratio moves when either side does; neither direction is good in itself. */
const RATIO_METRIC: Metric = {
  key: 'ratio',
  label: 'ratio',
  better: 'neither',
  value: () => 0,
  show: signedWith((v) => `${formatNumber(v)}×`),
  inUnit: (d) => d,
};

function compareValues(metric: Metric, before: number, after: number, label = metric.label): MetricDelta | undefined {
  if (!Number.isFinite(before) || !Number.isFinite(after)) return undefined;
  if (metric.optional && before === 0 && after === 0) return undefined;
  const difference = after - before;
  if (Math.abs(difference) <= SAME * Math.max(Math.abs(before), Math.abs(after))) return undefined;
  const relative = before === 0 ? undefined : difference / Math.abs(before);
  const lower = difference < 0;
  const verdict: Verdict = metric.better === 'neither' ? 'neutral' : lower === (metric.better === 'lower') ? 'better' : 'worse';
  const percent = relative === undefined ? '' : ` (${relative === 0 ? '0' : `${sign(relative)}${formatNumber(Math.abs(relative) * 100, 2)}`}%)`;
  return {
    key: metric.key,
    label,
    before,
    after,
    delta: metric.inUnit(difference),
    relative,
    verdict,
    text: `Δ ${label} ${metric.show(difference)}${percent}`,
  };
}

/** The changed metrics of one result against its baseline. */
export function resultDelta(before: ScenarioResult, after: ScenarioResult, metrics: readonly Metric[] = SCENARIO_METRICS): MetricDelta[] {
  return metrics.flatMap((metric) => compareValues(metric, metric.value(before), metric.value(after)) ?? []);
}

interface Outcome {
  result?: ScenarioResult;
  error?: string;
}

/** One scenario (or sweep point) before and after: its metric changes and what else changed. */
function outcomeDelta(kind: DeltaRow['kind'], name: string, before: Outcome, after: Outcome, metrics: readonly Metric[]): DeltaRow {
  const notes: string[] = [];
  if (before.result && after.result) {
    if (before.result.feasible && !after.result.feasible) notes.push('now infeasible');
    if (!before.result.feasible && after.result.feasible) notes.push('now feasible');
    return { kind, name, metrics: resultDelta(before.result, after.result, metrics), notes };
  }
  if (before.result && !after.result) notes.push(`no result now: ${after.error ?? 'not evaluated'}`);
  else if (!before.result && after.result) notes.push('has a result now');
  else if ((before.error ?? '') !== (after.error ?? '')) notes.push(`no result: ${after.error ?? 'not evaluated'}`);
  return { kind, name, metrics: [], notes };
}

function studyDelta(before: PreviewStudy, after: PreviewStudy): DeltaRow {
  if (before.kind !== after.kind) return { kind: 'study', name: after.name, metrics: [], notes: [`now a ${after.kind} (was a ${before.kind})`] };
  if (before.kind === 'compare' && after.kind === 'compare') {
    const notes = before.baseline !== after.baseline ? [`baseline now ${after.baseline} (was ${before.baseline})`] : [];
    const metrics = after.entries.flatMap((entry) => {
      const old = before.entries.find((e) => e.scenario === entry.scenario);
      const change = old && compareValues(RATIO_METRIC, old.ratio, entry.ratio, `${entry.scenario}/${after.baseline}`);
      return change ? [change] : [];
    });
    return { kind: 'study', name: after.name, metrics, notes };
  }
  if (before.kind === 'sweep' && after.kind === 'sweep') {
    // Points are matched by their value; a point that came or went is named.
    const notes: string[] = [];
    const metrics: MetricDelta[] = [];
    const label = (p: { value: number; label?: string }) => p.label ?? formatBySiUnit(p.value, after.unit);
    for (const point of after.points) {
      const old = before.points.find((p) => p.value === point.value);
      if (!old) {
        notes.push(`point ${label(point)} added`);
        continue;
      }
      const row = outcomeDelta('study', '', old, point, POINT_METRICS);
      metrics.push(...row.metrics.map((m) => ({ ...m, text: `${m.text} at ${label(point)}` })));
      notes.push(...row.notes.map((note) => `${label(point)}: ${note}`));
    }
    for (const old of before.points) if (!after.points.some((p) => p.value === old.value)) notes.push(`point ${label(old)} removed`);
    return { kind: 'study', name: after.name, metrics, notes };
  }
  return { kind: 'study', name: after.name, metrics: [], notes: [] };
}

/** Every change of `current` against `baseline`: per scenario and study, and what was added or removed. */
export function modelDelta(baseline: PreviewModel, current: PreviewModel): ModelDelta {
  const changed: DeltaRow[] = [];
  const added: string[] = [];
  let unchanged = 0;
  const keep = (row: DeltaRow) => (row.metrics.length > 0 || row.notes.length > 0 ? changed.push(row) : unchanged++);
  for (const scenario of current.scenarios) {
    const old = baseline.scenarios.find((s) => s.name === scenario.name);
    if (old) keep(outcomeDelta('scenario', scenario.name, old, scenario, SCENARIO_METRICS));
    else added.push(scenario.name);
  }
  for (const study of current.studies) {
    const old = baseline.studies.find((s) => s.name === study.name);
    if (old) keep(studyDelta(old, study));
    else added.push(study.name);
  }
  const removed = [
    ...baseline.scenarios.filter((s) => !current.scenarios.some((c) => c.name === s.name)).map((s) => s.name),
    ...baseline.studies.filter((s) => !current.studies.some((c) => c.name === s.name)).map((s) => s.name),
  ];
  return { changed, unchanged, added, removed };
}

/** One line for a delta: "2 changed · 13 unchanged · 1 removed", or "No change against the saved file." */
export function deltaSummary(delta: ModelDelta, label: string): string {
  if (delta.changed.length === 0 && delta.added.length === 0 && delta.removed.length === 0) return `No change against ${label}.`;
  const counts = [`${delta.changed.length} changed`, `${delta.unchanged} unchanged`];
  if (delta.added.length) counts.push(`${delta.added.length} added`);
  if (delta.removed.length) counts.push(`${delta.removed.length} removed`);
  return counts.join(' · ');
}
