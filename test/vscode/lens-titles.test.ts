/** The CodeLens titles: one lens per scenario and study, each with its live headline in days, MFU and MWh. */
import { describe, expect, it } from 'vitest';
import { lensTitles } from '../../client/preview/lens-titles.js';
import { paperPreviewModel } from '../webview/paper-model.js';

describe('CodeLens titles', () => {
  const model = paperPreviewModel(1);
  const lenses = lensTitles(model);

  it('gives one lens per scenario and per study, in document order, each focusing its own', () => {
    expect(lenses).toHaveLength(model.scenarios.length + model.studies.length);
    expect(lenses.map((lens) => lens.line)).toEqual([...lenses.map((lens) => lens.line)].sort((a, b) => a - b));
    expect(new Set(lenses.map((lens) => `${lens.focus.kind}:${lens.focus.name}`)).size).toBe(lenses.length);
    expect(new Set(lenses.map((lens) => lens.title)).size).toBeGreaterThan(model.scenarios.length); // not 17 identical "Preview"s
  });

  it("says a scenario's time to train in days, its MFU and its interconnect energy in MWh, as the engine computed them", () => {
    const scenario = model.scenarios.find((s) => s.name === 'electrical144_c4')!;
    const lens = lenses.find((l) => l.focus.name === 'electrical144_c4')!;
    const days = scenario.result!.timeToTrainSeconds / 86_400;
    const match = /^Preview · ([\d.,]+) days · MFU ([\d.]+)% · ([\d.,]+) MWh interconnect$/.exec(lens.title);
    expect(match, lens.title).not.toBeNull();
    expect(Number(match![1].replace(/,/g, ''))).toBeCloseTo(days, days >= 100 ? -1 : 1);
    expect(Number(match![2])).toBeCloseTo(scenario.result!.mfu * 100, 0);
    expect((Number(match![3].replace(/,/g, '')) * 3.6e9) / scenario.result!.interconnectEnergyJoules).toBeCloseTo(1, 1);
  });

  it('describes a study by what it holds', () => {
    expect(lenses.find((l) => l.focus.name === 'fig11')?.title).toBe('Preview comparison · 5 scenarios against passage512_c1');
    expect(lenses.find((l) => l.focus.name === 'scale_up_bandwidth')?.title).toBe('Preview sweep · 8 points of scale-up bandwidth per GPU');
  });

  it('says when a scenario was not evaluated, with the reason in the tooltip', () => {
    const broken = { ...model, scenarios: [{ name: 'x', line: 3, error: 'gpuCount must be greater than 0' }], studies: [] };
    expect(lensTitles(broken)).toEqual([
      { line: 3, title: 'Preview · not evaluated', tooltip: 'gpuCount must be greater than 0', focus: { kind: 'scenario', name: 'x' } },
    ]);
  });
});
