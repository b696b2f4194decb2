/**
 * The published-run validation suite of issue 8: the generated run files are the generator's
 * output, every one checks without errors, the harness evaluates all of them to finite numbers,
 * and the suite's per-family mean |err| has not grown more than 2 points above the baseline
 * (test/validation/baseline.json, written by `npm run validate -- --write-baseline`). Issue 8's
 * targets are printed, not enforced.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BREAKDOWN_KEYS, type BreakdownKey } from '../../engine/index.js';
import { suiteFiles } from '../../scripts/validation/runs.js';
import { readRuns } from '../../scripts/validation/write-scenarios.js';
import {
  BASELINE_FILE,
  type Baseline,
  evaluateSuite,
  REGRESSION_TOLERANCE_PP,
  regressions,
  type SummaryLine,
  summarise,
  targetLines,
  type ValidationRow,
  type ValidationTable,
} from '../../scripts/validation/harness.js';

/** Runs whose file cannot be checked or evaluated, with the reason. None today. */
const EXPECTED_FAILURES: Readonly<Record<string, string>> = {};

describe('validation suite files', () => {
  it('are exactly what scripts/validation/write-scenarios.ts writes (run it after editing published-runs.json)', () => {
    const files = suiteFiles(readRuns());
    expect(files.size).toBe(readRuns().length + 1);
    for (const [path, text] of files) {
      expect(existsSync(path), `${path} is missing`).toBe(true);
      expect(readFileSync(path, 'utf8'), `${path} is stale`).toBe(text);
    }
  });

  it('are generated deterministically', () => {
    const once = [...suiteFiles(readRuns())];
    const twice = [...suiteFiles([...readRuns()].reverse())];
    expect(twice).toEqual(once);
  });

  it('cover dense and MoE runs from 8 to at least 10,000 GPUs', () => {
    const runs = readRuns();
    expect(runs.length).toBeGreaterThanOrEqual(25);
    expect(new Set(runs.map((run) => run.family))).toEqual(new Set(['dense', 'moe']));
    expect(Math.min(...runs.map((run) => run.hardware.gpuCount))).toBeLessThanOrEqual(8);
    expect(Math.max(...runs.map((run) => run.hardware.gpuCount))).toBeGreaterThanOrEqual(10_000);
    expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length);
  });
});

describe('validation harness', () => {
  let table: ValidationTable;
  beforeAll(async () => {
    table = await evaluateSuite();
  });

  it('checks every run file without errors, or lists why not', () => {
    expect(Object.fromEntries(table.failures.map((f) => [f.id, f.reason]))).toEqual(EXPECTED_FAILURES);
    expect(table.rows.length + table.failures.length).toBe(readRuns().length);
  });

  it('evaluates every run to finite numbers', () => {
    for (const row of table.rows) {
      for (const value of [row.measured, row.predicted, row.errorPct, row.timeErrorPct, row.stepSeconds, ...Object.values(row.breakdownShare)]) {
        expect(Number.isFinite(value), `${row.id}: ${value}`).toBe(true);
      }
      expect(row.predicted, row.id).toBeGreaterThan(0);
      const shares = Object.values(row.breakdownShare).reduce((a, b) => a + b, 0);
      expect(shares, row.id).toBeCloseTo(1, 6);
    }
  });

  it(`keeps each family's mean |err| within ${REGRESSION_TOLERANCE_PP} points of the baseline (targets printed, not enforced)`, () => {
    const baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline;
    console.log(
      [
        'Issue 8 targets on the published-run suite:',
        ...targetLines(table.summary).map((l) => `  ${l}`),
        `Baseline (${BASELINE_FILE}): ${Object.entries(baseline)
          .map(([f, b]) => `${f} ${b.meanAbsErrorPct}% over ${b.n}`)
          .join(', ')}`,
      ].join('\n'),
    );
    expect(regressions(table.summary, baseline)).toEqual([]);
  });

  it("reproduces MegaScale's measured gain over its Megatron-LM baseline at 256 and 3,072 GPUs within 5%", () => {
    // A difference of two systems on one job (MegaScale Table 2: 1.25× and 1.23×), not a level: it
    // rests on the baseline's code (unfused attention, gradients reduced after the backward).
    const step = (id: string) => table.rows.find((r) => r.id === id)!;
    for (const gpus of [256, 3072]) {
      const [megatron, megascale] = [step(`megascale-2024-175b-megatron-${gpus}`), step(`megascale-2024-175b-megascale-${gpus}`)];
      const measured = megatron.measured / megascale.measured;
      const predicted = megatron.stepSeconds / megascale.stepSeconds;
      expect(predicted, `${gpus} GPUs`).toBeGreaterThan(measured * 0.95);
      expect(predicted, `${gpus} GPUs`).toBeLessThan(measured * 1.05);
    }
  });

  it('puts a GB300 ahead of a GB200 on every job both ran, as all fifteen Megatron-Bridge pairs measure', () => {
    // The same model and precision in the same container, each system on its own recipe: measured
    // 1.05–1.28× per GPU. A sign, not a level; the engine's are 1.00–1.24, smaller on all but NVFP4.
    const pairs = table.rows
      .filter((r) => r.id.includes('-gb300-'))
      .map((r) => [table.rows.find((other) => other.id === r.id.replace('-gb300-', '-gb200-')), r] as const)
      .filter((pair): pair is readonly [ValidationRow, ValidationRow] => pair[0] !== undefined);
    expect(pairs.map(([gb200]) => gb200.id)).toHaveLength(15);
    for (const [gb200, gb300] of pairs) {
      expect(gb300.measured / gb200.measured, gb300.id).toBeGreaterThan(1);
      expect(gb300.predicted / gb200.predicted, gb300.id).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('regression guard', () => {
  const row = (family: 'dense' | 'moe', errorPct: number, gpus = 64): ValidationRow => ({
    id: `${family}-${errorPct}`,
    family,
    gpus,
    gpu: 'h100-80gb',
    kind: 'tflopsPerGpu',
    unit: 'TFLOP/s per GPU',
    conversion: 'implied-per-token',
    confidence: 'high',
    measured: 100,
    predicted: 100 + errorPct,
    errorPct,
    timeErrorPct: 100 / (1 + errorPct / 100) - 100,
    stepSeconds: 1,
    breakdownShare: Object.fromEntries(BREAKDOWN_KEYS.map((key) => [key, key === 'compute' ? 1 : 0])) as Record<BreakdownKey, number>,
    dominant: 'compute 100%',
    feasible: true,
    notModelled: [],
  });
  const baseline: Baseline = { dense: { n: 2, meanAbsErrorPct: 10 }, moe: { n: 2, meanAbsErrorPct: 20 } };
  const table = (dense: number[], moe: number[]): SummaryLine[] => summarise([...dense.map((e) => row('dense', e)), ...moe.map((e) => row('moe', e))]);

  it('passes a table no worse than the baseline plus the tolerance', () => {
    expect(regressions(table([10, -10], [20, -20]), baseline)).toEqual([]);
    expect(regressions(table([11.9, -11.9], [5, -5]), baseline)).toEqual([]);
  });

  it('fails a table whose family mean |err| grew more than 2 points', () => {
    const found = regressions(table([12.5, -12.5], [20, -20]), baseline);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^dense: mean \|err\| 12\.50% is more than 2 points above the baseline 10\.00%/);
    expect(regressions(table([10, 10], [30, -30]), baseline)).toHaveLength(1);
    expect(regressions(table([10], []), baseline)).toEqual(['moe: no runs in the suite (baseline had 2)']);
  });

  it('splits the summary by family and by scale', () => {
    const summary = summarise([row('dense', 10, 8), row('dense', -30, 2048), row('moe', 5, 16)]);
    const of = (group: string) => summary.find((s) => s.group === group)!;
    expect(of('dense')).toMatchObject({ n: 2, meanAbsErrorPct: 20, maxAbsErrorPct: 30, biasErrorPct: -10 });
    expect(of('dense < 1024 GPUs').n).toBe(1);
    expect(of('dense ≥ 1024 GPUs').maxAbsErrorPct).toBe(30);
    expect(of('moe ≥ 1024 GPUs').n).toBe(0);
    expect(of('all').n).toBe(3);
  });
});
