/**
 * The validation harness of issue 8: loads every run file of test/validation/runs/ through the
 * language exactly as the CLI does (cli/load.ts: parse, link, validate, then the scenario analysis
 * that lowers and evaluates), with the engine defaults untouched, and converts each result into the
 * run's measured quantity under the source's FLOP convention (runs.ts, `Conversion`).
 *
 * Errors: `errorPct` is predicted / measured − 1 of the measured quantity (so for TFLOP/s or MFU
 * positive means the engine is too fast, for seconds or GPU-hours too slow); `timeErrorPct` is the
 * engine's step time over the measured one, − 1, for every kind (negative: the engine is optimistic).
 * Bias is reported on the time error so that its sign means the same for every run.
 */
import { join } from 'node:path';
import { BREAKDOWN_KEYS, type BreakdownKey, type ScenarioResult } from '../../engine/index.js';
import type { Document } from '../../language/generated/ast.js';
import { formatDiagnostic, loadFiles } from '../../cli/load.js';
import { BREAKDOWN_TITLES } from '../../cli/table.js';
import { type MappedRun, mapRun, type PublishedRun, unitOf } from './runs.js';
import { readRuns, RUNS_DIR } from './write-scenarios.js';

export interface ValidationRow {
  id: string;
  family: 'dense' | 'moe';
  gpus: number;
  gpu: string;
  kind: PublishedRun['measured']['kind'];
  unit: string;
  conversion: MappedRun['conversion'];
  confidence: PublishedRun['confidence'];
  measured: number;
  predicted: number;
  errorPct: number;
  timeErrorPct: number;
  stepSeconds: number;
  /** Share of the predicted step, per breakdown term. */
  breakdownShare: Record<BreakdownKey, number>;
  /** The largest terms, e.g. "compute 81%, bubble 12%". */
  dominant: string;
  /** The engine found the scenario over its HBM (or another error-level issue); its time is still reported. */
  feasible: boolean;
  notModelled: string[];
}

export interface FailedRun {
  id: string;
  reason: string;
}

export interface SummaryLine {
  group: string;
  n: number;
  meanAbsErrorPct: number;
  maxAbsErrorPct: number;
  biasTimePct: number;
  biasErrorPct: number;
}

export interface ValidationTable {
  rows: ValidationRow[];
  failures: FailedRun[];
  summary: SummaryLine[];
}

/** Targets of issue 8 on the suite, |err| in percent. */
export const TARGETS = { dense: { mean: 5, max: 10 }, moe: { mean: 12, max: 25 } } as const;
/** How far a family's mean |err| may grow above the baseline, in percentage points, before the guard fails. */
export const REGRESSION_TOLERANCE_PP = 2;
export const BASELINE_FILE = 'test/validation/baseline.json';

/** What each conversion computes, for the report. */
export const CONVERSIONS: Readonly<Record<MappedRun['conversion'], string>> = {
  seconds: "iteration seconds against the engine's step time (MegaScale, MegaScale-MoE, BLOOM).",
  gpuHours:
    "wall-clock time to train × GPUs / 3600 (DeepSeek-V3: 14.8 T tokens), with the time that failures, checkpoints and restarts take (the engine's goodput model): a published GPU-hour count is cluster time.",
  'narayanan-eq3': 'Narayanan et al. 2021 eq. (3), 96·B·s·l·h²·(1 + s/6h + V/16lh) FLOPs per iteration (the recompute forward counted), over step × GPUs.',
  'implied-per-token':
    "the source's own FLOPs per token (its TFLOP/s over its tokens/s per GPU: NeMo, Megatron-Bridge, Megatron-Core) times the engine's tokens/s per GPU.",
  'palm-model-flops':
    'model FLOPs 6·N + 12·l·h·s per token (Chowdhery et al. 2022, N all parameters) over step × GPUs (Llama 3; OPT, whose convention is not stated).',
  'korthikanti-mfu': 'model FLOPs 72·B·s·l·h²·(1 + s/6h + V/12lh) (eq. 3 without the recompute pass) over step × GPUs × 312 TFLOP/s.',
  'mosaic-mfu': "llm-foundry's MFU: (6·N·s + 12·l·h·s²) per sequence, non-causal attention, over step × GPUs × BF16 peak.",
};

/** The engine's result as the run's measured quantity. */
export function predictedQuantity(mapped: MappedRun, result: ScenarioResult): number {
  const gpus = mapped.run.hardware.gpuCount;
  const step = result.stepSeconds;
  switch (mapped.conversion) {
    case 'seconds':
      return step;
    case 'gpuHours':
      return (result.goodput.effectiveTimeToTrainSeconds * gpus) / 3600;
    case 'narayanan-eq3':
    case 'palm-model-flops':
      return mapped.flops! / (step * gpus) / 1e12;
    case 'implied-per-token':
      return (mapped.flops! * result.tokensPerSecond) / gpus / 1e12;
    case 'korthikanti-mfu':
    case 'mosaic-mfu':
      return (100 * mapped.flops!) / (step * gpus * mapped.peak!);
  }
}

/** Predicted over measured time − 1, from the quantity error: throughputs invert. */
function timeError(kind: PublishedRun['measured']['kind'], predicted: number, measured: number): number {
  return kind === 'iterationSeconds' || kind === 'gpuHours' ? predicted / measured - 1 : measured / predicted - 1;
}

function dominantTerms(share: Record<BreakdownKey, number>): string {
  return BREAKDOWN_KEYS.filter((key) => share[key] >= 0.05)
    .sort((a, b) => share[b] - share[a] || a.localeCompare(b))
    .map((key) => `${BREAKDOWN_TITLES[key] ?? key} ${Math.round(share[key] * 100)}%`)
    .join(', ');
}

/** Loads and evaluates every run of the suite. */
export async function evaluateSuite(root = process.cwd()): Promise<ValidationTable> {
  const runs = readRuns(root).sort((a, b) => a.id.localeCompare(b.id));
  const files = runs.map((run) => join(root, RUNS_DIR, `${run.id}.moesys`));
  const workspace = await loadFiles(files);
  const analysis = workspace.services.analysis.BuildAnalysis;
  const rows: ValidationRow[] = [];
  const failures: FailedRun[] = [];
  runs.forEach((run, index) => {
    const document = workspace.documents[index];
    const imports = workspace.all.filter((d) => d !== document && d.uri.path.endsWith('/hardware.moesys'));
    const errors = [document, ...imports].flatMap((d) =>
      (d.diagnostics ?? []).filter((x) => x.severity === 1).map((x) => formatDiagnostic(d.uri.path.slice(d.uri.path.lastIndexOf('/') + 1), x)),
    );
    if (errors.length > 0) {
      failures.push({ id: run.id, reason: errors.join('; ') });
      return;
    }
    const scenario = (document.parseResult.value as Document).declarations.find((d) => d.kind === 'scenario' && d.name === run.id);
    if (!scenario) {
      failures.push({ id: run.id, reason: `no scenario ${run.id} in its file` });
      return;
    }
    const outcome = analysis.scenario(scenario);
    if (!outcome.result) {
      failures.push({ id: run.id, reason: outcome.loweringFailure ?? outcome.issues.map((issue) => issue.message).join('; ') });
      return;
    }
    const result = outcome.result;
    const mapped = mapRun(run);
    const predicted = predictedQuantity(mapped, result);
    const measured = run.measured.value;
    if (!Number.isFinite(predicted) || !(result.stepSeconds > 0)) {
      failures.push({ id: run.id, reason: `not a finite prediction: ${predicted}` });
      return;
    }
    const breakdownShare = Object.fromEntries(BREAKDOWN_KEYS.map((key) => [key, result.breakdownSeconds[key] / result.stepSeconds])) as Record<
      BreakdownKey,
      number
    >;
    rows.push({
      id: run.id,
      family: run.family,
      gpus: run.hardware.gpuCount,
      gpu: run.hardware.gpu,
      kind: run.measured.kind,
      unit: unitOf(run.measured.kind),
      conversion: mapped.conversion,
      confidence: run.confidence,
      measured,
      predicted,
      errorPct: 100 * (predicted / measured - 1),
      timeErrorPct: 100 * timeError(run.measured.kind, predicted, measured),
      stepSeconds: result.stepSeconds,
      breakdownShare,
      dominant: dominantTerms(breakdownShare),
      feasible: result.feasible,
      notModelled: mapped.notModelled,
    });
  });
  return { rows, failures, summary: summarise(rows) };
}

function line(group: string, rows: readonly ValidationRow[]): SummaryLine {
  const n = rows.length;
  const abs = rows.map((row) => Math.abs(row.errorPct));
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  return {
    group,
    n,
    meanAbsErrorPct: mean(abs),
    maxAbsErrorPct: n ? Math.max(...abs) : 0,
    biasTimePct: mean(rows.map((row) => row.timeErrorPct)),
    biasErrorPct: mean(rows.map((row) => row.errorPct)),
  };
}

/** Per family, per family and scale (< 1,024 GPUs, ≥ 1,024), and all runs. */
export function summarise(rows: readonly ValidationRow[]): SummaryLine[] {
  const out: SummaryLine[] = [];
  for (const family of ['dense', 'moe'] as const) {
    const of = rows.filter((row) => row.family === family);
    out.push(
      line(family, of),
      line(
        `${family} < 1024 GPUs`,
        of.filter((row) => row.gpus < 1024),
      ),
      line(
        `${family} ≥ 1024 GPUs`,
        of.filter((row) => row.gpus >= 1024),
      ),
    );
  }
  out.push(line('all', rows));
  return out;
}

export interface Baseline {
  [family: string]: { n: number; meanAbsErrorPct: number };
}

export function baselineOf(table: Pick<ValidationTable, 'summary'>): Baseline {
  const out: Baseline = {};
  for (const family of ['dense', 'moe']) {
    const s = table.summary.find((x) => x.group === family)!;
    out[family] = { n: s.n, meanAbsErrorPct: Number(s.meanAbsErrorPct.toFixed(2)) };
  }
  return out;
}

/** The guard: families whose mean |err| grew more than `tolerance` points above the baseline (empty: no regression). */
export function regressions(summary: readonly SummaryLine[], baseline: Baseline, tolerance = REGRESSION_TOLERANCE_PP): string[] {
  const out: string[] = [];
  for (const [family, base] of Object.entries(baseline)) {
    const now = summary.find((x) => x.group === family);
    if (!now || now.n === 0) {
      out.push(`${family}: no runs in the suite (baseline had ${base.n})`);
      continue;
    }
    if (now.meanAbsErrorPct > base.meanAbsErrorPct + tolerance) {
      out.push(
        `${family}: mean |err| ${now.meanAbsErrorPct.toFixed(2)}% is more than ${tolerance} points above the baseline ${base.meanAbsErrorPct.toFixed(2)}%`,
      );
    }
  }
  return out;
}

/** Whether each family meets issue 8's targets, one line each. */
export function targetLines(summary: readonly SummaryLine[]): string[] {
  return (['dense', 'moe'] as const).map((family) => {
    const s = summary.find((x) => x.group === family)!;
    const t = TARGETS[family];
    const meanOk = s.meanAbsErrorPct <= t.mean;
    const maxOk = s.maxAbsErrorPct <= t.max;
    return (
      `${family}: mean |err| ${s.meanAbsErrorPct.toFixed(1)}% (target ≤ ${t.mean}%: ${meanOk ? 'met' : 'NOT met'}), ` +
      `max |err| ${s.maxAbsErrorPct.toFixed(1)}% (target ≤ ${t.max}%: ${maxOk ? 'met' : 'NOT met'})`
    );
  });
}

const num = (value: number) => {
  const a = Math.abs(value);
  return a >= 10_000 ? value.toFixed(0) : a >= 100 ? value.toFixed(1) : a >= 10 ? value.toFixed(2) : value.toFixed(3);
};
const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
const pct = (share: number) => String(Math.round(share * 100));

export const TABLE_HEADER = [
  'case',
  'family',
  'GPUs',
  'measured',
  'predicted',
  'unit',
  'err %',
  'Δt %',
  'compute %',
  'host %',
  'TP %',
  'EP a2a %',
  'bubble %',
  'DP %',
  'other %',
  'dominant terms',
  'not modelled',
];

export function tableRows(rows: readonly ValidationRow[]): string[][] {
  return rows.map((row) => {
    const s = row.breakdownShare;
    const other = 1 - s.compute - s.host - s.tensorParallel - s.expertAllToAll - s.pipelineBubble - s.dataParallel;
    return [
      row.id,
      row.family,
      String(row.gpus),
      num(row.measured),
      num(row.predicted),
      row.unit,
      signed(row.errorPct),
      signed(row.timeErrorPct),
      pct(s.compute),
      pct(s.host),
      pct(s.tensorParallel),
      pct(s.expertAllToAll),
      pct(s.pipelineBubble),
      pct(s.dataParallel),
      pct(other),
      row.dominant + (row.feasible ? '' : ' (over memory)'),
      String(row.notModelled.length),
    ];
  });
}

export const SUMMARY_HEADER = ['group', 'n', 'mean |err| %', 'max |err| %', 'bias Δt %', 'bias err %'];
export function summaryRows(summary: readonly SummaryLine[]): string[][] {
  return summary.map((s) => [s.group, String(s.n), s.meanAbsErrorPct.toFixed(1), s.maxAbsErrorPct.toFixed(1), signed(s.biasTimePct), signed(s.biasErrorPct)]);
}

function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [`| ${header.map(escape).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)].join(
    '\n',
  );
}

/** docs/VALIDATION.md: generated, no date, so the same engine gives the same file. */
export function markdownReport(table: ValidationTable): string {
  const out: string[] = [
    '# Validation against published training runs',
    '',
    'Generated by `npm run validate` (scripts/validation/validate.ts); do not edit by hand. Every run of',
    '`test/validation/published-runs.json` (sources: `test/validation/SOURCES.md`) is written as a scenario in',
    '`test/validation/runs/` by `scripts/validation/write-scenarios.ts` and evaluated with the engine defaults untouched.',
    '',
    "- **err %**: predicted / measured − 1 of the measured quantity, converted with the source's FLOP convention",
    '  (TFLOP/s or MFU: positive means the engine is too fast; seconds or GPU-hours: positive means too slow).',
    "- **Δt %**: the engine's step time over the measured one, − 1, for every kind: negative means the engine is optimistic.",
    '- **compute % … other %**: shares of the predicted step, in percent (host: the GPU waiting for its host to issue kernels; other: every other term: expert-TP, pipeline p2p, optimizer, latency, …).',
    "- **not modelled**: how many features of the published run the language cannot express (listed per run below and in each file's header).",
    '',
    "How the engine's step becomes the measured quantity (each run file names its conversion):",
    '',
    ...Object.entries(CONVERSIONS).map(([name, text]) => `- \`${name}\`: ${text}`),
    '',
    '## Summary',
    '',
    markdownTable(SUMMARY_HEADER, summaryRows(table.summary)),
    '',
    'Accuracy targets of this suite (reported, not enforced):',
    '',
    ...targetLines(table.summary).map((l) => `- ${l}`),
    '',
    '## Runs',
    '',
    markdownTable(TABLE_HEADER, tableRows(table.rows)),
    '',
  ];
  if (table.failures.length) {
    out.push('## Runs not evaluated', '', ...table.failures.map((f) => `- \`${f.id}\`: ${f.reason}`), '');
  }
  out.push('## Not modelled, per run', '');
  for (const row of table.rows) {
    if (!row.notModelled.length) continue;
    out.push(`- \`${row.id}\`:`, ...row.notModelled.map((n) => `  - ${n}`));
  }
  out.push('');
  return out.join('\n');
}

/** out/validation.json: the same table for machines. */
export function jsonReport(table: ValidationTable): string {
  return JSON.stringify({ targets: TARGETS, summary: table.summary, rows: table.rows, failures: table.failures }, null, 2) + '\n';
}
