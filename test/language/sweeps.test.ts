/** A sweep point is the scenario with the value written out: derived defaults follow the swept value. */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../engine/index.js';
import type { Vary } from '../../language/generated/ast.js';
import { lowerScenario, unresolvedScenario } from '../../language/semantics/lowering.js';
import { type SweepStudy, sweepPointScenario, sweepValues } from '../../language/semantics/studies.js';
import { declaration, errors, messageOf, moesys, parse, SMALL_MOE_PARTS } from './helpers.js';

const BASE = `${SMALL_MOE_PARTS}training t { globalBatch = 512; trainingTokens = 1 Ttokens; tensorParallel = 4; expertsPerDpRank = 1 }
scenario base { system = s; model = m; training = t }
`;

const withoutName = (scenario: Scenario) => ({ ...scenario, name: '' });

/** Lowers the sweep's point at `value` and the scenario written out, and compares both. */
async function expectPointEqualsWrittenOut(vary: string, value: number, override: string) {
  const document = await parse(`${BASE}sweep sw { scenario = base; ${vary} }\nscenario written { system = s; model = m; training = t; ${override} }`);
  expect(errors(document).map(messageOf)).toEqual([]);
  const sweep = declaration(document, 'sw');
  const varyNode = sweep.members.find((member): member is Vary => member.$type === 'Vary')!;
  const analysis = moesys.analysis.BuildAnalysis;
  const path = analysis.sweepPath(varyNode);
  if (!path?.ok) throw new Error(path?.message ?? 'no scenario');
  const base = lowerScenario(declaration(document, 'base'));
  const written = lowerScenario(declaration(document, 'written'));
  if (!base.ok || !written.ok) throw new Error('lowering failed');
  const point = sweepPointScenario(unresolvedScenario(base.lowered), path.segments, value);
  expect(point.issues).toEqual([]);
  expect(withoutName(point.scenario)).toEqual(withoutName(written.lowered.scenario));

  const study = analysis.study(sweep) as SweepStudy;
  const index = (sweepValues(varyNode, path.spec) as number[]).indexOf(value);
  const expected = analysis.scenario(declaration(document, 'written')).result;
  expect(expected).toBeDefined();
  expect(study.points[index].feasible, study.points[index].issues.map((issue) => issue.message).join('; ')).toBe(expected!.feasible);
  expect(study.points[index].stepSeconds).toBe(expected!.stepSeconds);
  return study;
}

describe('sweep points derive their defaults from the swept value', () => {
  it('a swept hiddenSize moves the default ffnHidden (4 × hiddenSize)', async () => {
    await expectPointEqualsWrittenOut('vary model.hiddenSize in [2048, 4096]', 4096, 'model { hiddenSize = 4096 }');
  });

  it('a swept tensorParallel moves the default dataParallel', async () => {
    const study = await expectPointEqualsWrittenOut('vary training.tensorParallel in [1, 2, 4, 8, 16]', 8, 'training { tensorParallel = 8 }');
    // No point fails on TP × PP × DP: DP follows TP at every point.
    for (const point of study.points) expect(point.issues.map((issue) => issue.code)).not.toContain('parallelism-product');
  });

  it('a swept attentionHeads moves the default kvHeads', async () => {
    await expectPointEqualsWrittenOut('vary model.attentionHeads in [16, 32]', 32, 'model { attentionHeads = 32 }');
  });

  it('a point whose TP × PP does not divide the GPU count says so, without an invented DP', async () => {
    const document = await parse(`${BASE}sweep sw { scenario = base; vary training.pipelineParallel in [1, 3] }`);
    const study = moesys.analysis.BuildAnalysis.study(declaration(document, 'sw')) as SweepStudy;
    expect(study.points[1].feasible).toBe(false);
    expect(study.points[1].issues.map((issue) => issue.message)).toEqual([
      'gpuCount = 128 is not divisible by tensorParallel × pipelineParallel = 4 × 3 = 12; use pipelineParallel = 2, or degrees whose product divides 128.',
    ]);
  });
});

describe('a sweep over words', () => {
  it('labels each point with the word as written and numbers it by its place in the list', async () => {
    const document = await parse(`${BASE}sweep graphs { scenario = base; vary training.cudaGraphs in [none, moeRouter, attentionAndRouter, wholeLayers] }`);
    expect(errors(document).map(messageOf)).toEqual([]);
    const study = moesys.analysis.BuildAnalysis.study(declaration(document, 'graphs')) as SweepStudy;
    expect(study.points.map((point) => point.label)).toEqual(['none', 'moeRouter', 'attentionAndRouter', 'wholeLayers']);
    expect(study.points.map((point) => point.value)).toEqual([0, 1, 2, 3]);
    expect(study.points.every((point) => point.feasible)).toBe(true);
    // Capturing more kernels never makes a step slower.
    const steps = study.points.map((point) => point.stepSeconds!);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThanOrEqual(steps[i - 1]);
  });
});

describe('a sweep range', () => {
  const valuesOf = async (vary: string) => {
    const document = await parse(`${BASE}sweep sw { scenario = base; ${vary} }`);
    expect(errors(document).map(messageOf)).toEqual([]);
    return (moesys.analysis.BuildAnalysis.study(declaration(document, 'sw')) as SweepStudy).points.map((point) => point.value);
  };

  it('runs downwards when it is written from the larger end, by step and by factor', async () => {
    expect(await valuesOf('vary training.microbatchSize from 4 to 1 step 1')).toEqual([4, 3, 2, 1]);
    expect(await valuesOf('vary training.microbatchSize from 8 to 1 times 2')).toEqual([8, 4, 2, 1]);
    expect(await valuesOf('vary training.microbatchSize from 1 to 8 times 2')).toEqual([1, 2, 4, 8]);
    // No step: five points between the ends, either way.
    expect(await valuesOf('vary training.microbatchSize from 9 to 1')).toEqual([9, 7, 5, 3, 1]);
  });
});
