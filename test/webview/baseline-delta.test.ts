/**
 * The delta of a preview model against a baseline ("Compare with before"): signs, display units,
 * verdicts (less time is better, more MFU is better), and scenarios or studies added and removed.
 */
import { describe, expect, it } from 'vitest';
import { modelDelta, resultDelta, signedNumber } from '../../webview/baseline-delta.js';
import type { PreviewModel, PreviewScenario } from '../../protocol/preview.js';
import type { ScenarioResult } from '../../engine/results.js';
import { paperPreviewModel } from './paper-model.js';

const DAY = 86_400;
const MWH = 3.6e9;

/** A copy of the paper model whose first scenario's result `edit` changes. */
function edited(edit: (result: ScenarioResult) => void, name = 'passage512_c1'): { before: PreviewModel; after: PreviewModel } {
  const before = paperPreviewModel();
  const after = structuredClone(before);
  edit(after.scenarios.find((s) => s.name === name)!.result!);
  return { before, after };
}

describe('delta of every headline result against a baseline', () => {
  it('names nothing when nothing changed', () => {
    const model = paperPreviewModel();
    const delta = modelDelta(model, structuredClone(model));
    expect(delta.changed).toEqual([]);
    expect(delta.added).toEqual([]);
    expect(delta.removed).toEqual([]);
    expect(delta.unchanged).toBe(model.scenarios.length + model.studies.length);
  });

  it('gives signed absolute and relative values in the unit of the label, with better and worse', () => {
    const { before, after } = edited((r) => {
      r.timeToTrainSeconds = 4 * DAY;
      r.mfu = 0.3;
    });
    const base = before.scenarios[0].result!;
    base.timeToTrainSeconds = 4.4 * DAY;
    base.mfu = 0.288;
    const [row] = modelDelta(before, after).changed;
    expect(row.name).toBe('passage512_c1');
    const days = row.metrics.find((m) => m.key === 'days')!;
    expect(days.text).toBe('Δ days −0.40 (−9.1%)');
    expect(days.delta).toBeCloseTo(-0.4, 12);
    expect(days.relative).toBeCloseTo(-0.4 / 4.4, 12);
    expect(days.verdict).toBe('better');
    const mfu = row.metrics.find((m) => m.key === 'mfu')!;
    expect(mfu.text).toBe('Δ MFU +1.20 pts (+4.2%)');
    expect(mfu.verdict).toBe('better');
    expect(row.metrics.map((m) => m.key)).toEqual(['days', 'mfu']);
  });

  it('calls more energy, power, memory and step time worse, in MWh, W, B and s', () => {
    const { before, after } = edited((r) => {
      r.power.energyToTrainJoules *= 1.03;
      r.interconnectEnergyJoules += 0.5 * MWH;
      r.stepSeconds += 0.012;
      r.memory.totalBytes += 2e9;
      r.energyByTier[0].lineRatePowerPerGpu += 12;
    });
    const metrics = resultDelta(before.scenarios[0].result!, after.scenarios[0].result!);
    const byKey = Object.fromEntries(metrics.map((m) => [m.key, m]));
    expect(byKey.energy.text).toMatch(/^Δ MWh \+\d+(\.\d+)? \(\+3%\)$/);
    expect(byKey.linkEnergy.text).toMatch(/^Δ interconnect MWh \+0\.50 \(\+\d/);
    expect(byKey.step.text).toMatch(/^Δ step \+12 ms \(\+/);
    expect(byKey.memory.text).toMatch(/^Δ memory per GPU \+2 GB \(\+/);
    expect(byKey.power.text).toMatch(/^Δ I\/O power per GPU \+12 W \(\+/);
    expect(metrics.every((m) => m.verdict === 'worse')).toBe(true);
  });

  it('leaves out a cost that is zero before and after, and gives no percentage against a zero baseline', () => {
    const { before, after } = edited((r) => {
      r.cost.runDollars = 2e6;
    });
    before.scenarios[0].result!.cost.runDollars = 0;
    const [cost] = resultDelta(before.scenarios[0].result!, after.scenarios[0].result!);
    expect(cost.text).toBe('Δ cost per run +$2 M');
    expect(cost.relative).toBeUndefined();
    after.scenarios[0].result!.cost.runDollars = 0;
    expect(resultDelta(before.scenarios[0].result!, after.scenarios[0].result!)).toEqual([]);
  });

  it('names scenarios and studies added and removed, and a scenario that lost its result or became infeasible', () => {
    const before = paperPreviewModel();
    const after = structuredClone(before);
    const extra: PreviewScenario = { ...structuredClone(after.scenarios[0]), name: 'passage1024_c1' };
    after.scenarios = after.scenarios.filter((s) => s.name !== 'electrical144_c4');
    after.scenarios.push(extra);
    after.studies = after.studies.filter((s) => s.name !== 'fig10_config4');
    const refused = after.scenarios.find((s) => s.name === 'electrical512_c1')!;
    delete refused.result;
    refused.error = 'tensorParallel × pipelineParallel × dataParallel = 384 is not the 512 GPUs';
    after.scenarios.find((s) => s.name === 'electrical512_c2')!.result!.feasible = false;
    const delta = modelDelta(before, after);
    expect(delta.added).toEqual(['passage1024_c1']);
    expect(delta.removed).toEqual(['electrical144_c4', 'fig10_config4']);
    const notes = Object.fromEntries(delta.changed.map((row) => [row.name, row.notes]));
    expect(notes.electrical512_c1).toEqual(['no result now: tensorParallel × pipelineParallel × dataParallel = 384 is not the 512 GPUs']);
    expect(notes.electrical512_c2).toEqual(['now infeasible']);
  });

  it('compares a comparison by its ratios (neither better nor worse) and a sweep point by point', () => {
    const before = paperPreviewModel();
    const after = structuredClone(before);
    const fig11 = after.studies.find((s) => s.name === 'fig11')!;
    if (fig11.kind !== 'compare') throw new Error('fig11 is a comparison');
    fig11.entries[1].ratio += 0.1;
    const sweep = after.studies.find((s) => s.kind === 'sweep')!;
    if (sweep.kind !== 'sweep') throw new Error('a sweep');
    sweep.points[0].result!.timeToTrainSeconds += 0.5 * DAY;
    sweep.points.pop();
    const rows = modelDelta(before, after).changed;
    const ratio = rows.find((r) => r.name === 'fig11')!.metrics;
    expect(ratio).toHaveLength(1);
    expect(ratio[0].text).toMatch(/^Δ electrical144_c1\/passage512_c1 \+0\.1× \(\+\d/);
    expect(ratio[0].verdict).toBe('neutral');
    const swept = rows.find((r) => r.name === 'scale_up_bandwidth')!;
    expect(swept.metrics.map((m) => m.text)).toEqual([expect.stringMatching(/^Δ days \+0\.50 \(\+\d+(\.\d+)?%\) at 1\.6 Tb\/s$/)]);
    expect(swept.notes).toEqual(['point 32 Tb/s removed']);
  });

  it('writes a true minus sign and two decimals for ordinary magnitudes', () => {
    expect(signedNumber(-0.4)).toBe('\u22120.40');
    expect(signedNumber(12.34)).toBe('+12.3');
    expect(signedNumber(-1234.5)).toBe('\u22121235');
    expect(signedNumber(0.0012)).toBe('+0.0012');
    expect(signedNumber(0)).toBe('0');
  });
});
