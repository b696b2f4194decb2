import { describe, expect, it } from 'vitest';
import { paperPreviewModel } from './paper-model.js';
import {
  costByPart,
  energyByPart,
  energyByTier,
  goodputSeries,
  kneeIndex,
  memorySeries,
  packagePowerSeries,
  powerPerGpu,
  selectScenarios,
  sweepSeries,
  sweepStudies,
  systemEnergyByPart,
  timeSeries,
} from '../../webview/series.js';
import { allColumns, toCsv } from '../../webview/table-data.js';

const model = paperPreviewModel();
const sum = (sets: { values: number[] }[], i: number) => sets.reduce((s, d) => s + d.values[i], 0);

describe('chart series from a real engine model', () => {
  it('stacks training time by component up to the time to train', () => {
    const all = selectScenarios(model);
    expect(all).toHaveLength(12);
    const days = timeSeries(all);
    all.forEach((s, i) => expect(sum(days, i)).toBeCloseTo(s.result.timeToTrainSeconds / 86_400, 6));
  });

  it('normalises against the compare study baseline, as in Fig. 11', () => {
    const shown = selectScenarios(model, 'fig11');
    expect(shown.map((s) => s.name)).toEqual(['passage512_c1', 'electrical144_c1', 'electrical144_c2', 'electrical144_c3', 'electrical144_c4']);
    const ratios = timeSeries(shown, shown[0]);
    expect(sum(ratios, 0)).toBeCloseTo(1, 9);
    const study = model.studies.find((s) => s.name === 'fig11');
    if (study?.kind !== 'compare') throw new Error('fig11 missing');
    shown.slice(1).forEach((s, i) => expect(sum(ratios, i + 1)).toBeCloseTo(study.entries[i + 1].ratio, 9));
  });

  it('splits whole-run interconnect energy by part and by tier to the same total', () => {
    const all = selectScenarios(model);
    const parts = energyByPart(all);
    const tiers = energyByTier(all);
    expect(tiers.map((t) => t.label)).toEqual(['scale-up', 'scale-out']);
    all.forEach((s, i) => {
      expect(sum(parts, i) / s.result.interconnectEnergyJoules).toBeCloseTo(1, 6);
      expect(sum(tiers, i) / s.result.interconnectEnergyJoules).toBeCloseTo(1, 6);
    });
  });

  it('gives power per GPU and memory against HBM', () => {
    const all = selectScenarios(model);
    const power = powerPerGpu(all);
    expect(power[0].values.every((w) => w > power[1].values[0] * 0)).toBe(true);
    const memory = memorySeries(all);
    all.forEach((s, i) => expect(sum(memory.parts, i)).toBeCloseTo(s.result.memory.totalBytes, -3));
    expect(memory.usable.every((u) => u > 0)).toBe(true);
  });

  it('stacks system energy-to-train and run cost by part up to their totals', () => {
    const all = selectScenarios(model);
    const energy = systemEnergyByPart(all);
    const cost = costByPart(all);
    all.forEach((s, i) => {
      expect(sum(energy, i) / s.result.power.energyToTrainJoules).toBeCloseTo(1, 9);
      expect(sum(cost, i) / s.result.cost.runDollars).toBeCloseTo(1, 9);
    });
    expect(energy.map((d) => d.label)).toContain('Links: scale-up');
  });

  it('gives package power against its budget and the effective time-to-train', () => {
    const all = selectScenarios(model);
    const pkg = packagePowerSeries(all);
    all.forEach((s, i) => {
      expect(pkg.parts[1].values[i]).toBeCloseTo(s.result.packagePower.ioWatts, 9);
      expect(pkg.budget[i]).toBe(0); // the paper study sets no budget
    });
    const [time, effective] = goodputSeries(all);
    all.forEach((s, i) => expect(effective.values[i]).toBeCloseTo(time.values[i] / s.result.goodput.goodput, 9));
  });

  it('finds the knee of a sweep', () => {
    const sweep = sweepSeries(sweepStudies(model)[0]);
    expect(sweep.failed).toBe(0);
    const knee = kneeIndex(sweep.x, sweep.timeDays);
    expect(knee).toBeGreaterThan(0);
    expect(knee).toBeLessThan(sweep.x.length - 1);
    expect(kneeIndex([1, 2, 3], [1, 2, 3])).toBeUndefined();
    expect(kneeIndex([1, 2], [5, 1])).toBeUndefined();
  });

  it('exports every number as CSV with units in the headers', () => {
    const csv = toCsv(model).trimEnd().split('\r\n');
    expect(csv).toHaveLength(13);
    expect(csv[0]).toContain('Time to train [s]');
    expect(csv[0]).toContain('Energy: tier scale-up [J]');
    expect(csv.join('\n')).not.toMatch(/NaN|Infinity|undefined/);
    expect(csv[1].split(',')).toHaveLength(allColumns(model).length + 3);
  });

  it('shows a package without a power budget as "none", not as a 0 W limit', () => {
    const budget = allColumns(model).find((c) => c.header === 'Package power budget')!;
    const unlimited = selectScenarios(model)[0]!.result;
    expect(unlimited.packagePower.budgetWatts).toBe(0);
    expect(budget.format(budget.value(unlimited))).toBe('none');
    expect(budget.format(1200)).toBe('1.2 kW');
  });

  it('keeps a refused scenario in the CSV with its error and guards against formulas', () => {
    const withError = { ...model, scenarios: [...model.scenarios, { name: '=bad', line: 3, error: 'TP, "PP" and DP do not multiply to 32768' }] };
    const last = toCsv(withError).trimEnd().split('\r\n').pop()!;
    expect(last.startsWith("'=bad,")).toBe(true);
    expect(last).toContain('"TP, ""PP"" and DP do not multiply to 32768"');
  });
});
